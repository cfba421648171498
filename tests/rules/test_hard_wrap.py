"""WS001 hard-wrap: tables of (text, expected [(code, line, column)]) and the fix it offers."""

from __future__ import annotations

import pytest

from linter.document import Document
from linter.runner import lint_document
from rules.hard_wrap import HardWrap
from rules.truncation import TruncatedSentence

P1 = "The council met on Tuesday and approved the budget after a long debate over schools."
TITLE = "Council approves harbour plan after long debate"


def run(text: str) -> list[tuple[str, int, int]]:
    return [
        (d.code, d.line, d.column) for d in lint_document(Document("t.txt", text), [HardWrap()])
    ]


BAD = [
    pytest.param(
        "Russia and Iran support de-escalating\u00a0\n"
        "the tensions in the region as soon as possible\u00a0\n"
        "and resolving any issues through political means.",
        [("WS001", 1, 38), ("WS001", 2, 47)],
        id="two-wraps-with-nbsp",
    ),
    pytest.param(
        f"{P1}\nThe team found enough water to fill an Olympic-size swimming\npool within minutes.",
        [("WS001", 2, 61)],
        id="plain-word-then-lowercase-word",
    ),
    pytest.param(
        "Vindman testified, referring to the gas company on whose\nboard Hunter Biden had a seat.",
        [("WS001", 1, 57)],
        id="function-word",
    ),
    pytest.param(
        "Q: So far in your \njourney, what has surprised you most?",
        [("WS001", 1, 18)],
        id="short-line-with-trailing-space",
    ),
    pytest.param(
        "Heritage (1-0): Armani Sheffield 19 \npoints and 3 steals.",
        [("WS001", 1, 36)],
        id="number-then-lowercase",
    ),
    pytest.param(
        "There have been 26 cases and 11 deaths from\n2009 to 2018, officials said.",
        [("WS001", 1, 44)],
        id="function-word-then-number",
    ),
    pytest.param(
        "“I want to see how\nhe translates that into policy.”",
        [("WS001", 1, 19)],
        id="inside-a-quote",
    ),
    pytest.param(
        "Мы долго говорили о том,\nчто будет завтра.",
        [("WS001", 1, 25)],
        id="comma-in-cyrillic",
    ),
]


GOOD = [
    pytest.param(f"{P1}\nthe next paragraph starts in lowercase.", id="after-a-full-stop"),
    pytest.param(f"{TITLE}\nby Jane Doe\n{P1}", id="byline-under-headline"),
    pytest.param(f"{TITLE}\nclose\n{P1}", id="one-word-label"),
    pytest.param(f"{TITLE}\nshare this article\n{P1}", id="lowercase-label-under-headline"),
    pytest.param("The harbour at dawn\nphoto: Jane Doe for the Example Times", id="credit-label"),
    pytest.param(f"{P1}\nComments\ncomments\n{P1}", id="label-repeated-lowercase"),
    pytest.param("About my6sense\nmy6sense offers a native ad platform.", id="brand-with-digit"),
    pytest.param("Swim proof\nwatchOS 6 brings new features.", id="camel-case-brand"),
    pytest.param(f"{TITLE}\nhttps://example.com/news/harbour-plan", id="url"),
    pytest.param("Columnist Jane Doe\njane.doe@example.com", id="email"),
    pytest.param("The talks aimed at de-\nescalating the crisis.", id="hyphenated-split-word"),
    pytest.param("Ingredients:\nflour, water and salt.", id="colon-before-list"),
    pytest.param("Top Stories Of The Week\nmore stories from our reporters.", id="title-case"),
    pytest.param("Swim proof\nwater resistant to 50 metres.", id="two-word-label"),
    pytest.param("Top reasons to visit\n1. The harbour at dawn.", id="numbered-list"),
    pytest.param("北京是中国的首都\n上海是中国最大的城市。", id="chinese"),
    pytest.param("이유리는 연기를 잘 했다\n남상미는 기대 이상이었다.", id="korean"),
    pytest.param(f"{P1}\nThe plan was approved in\nMarch by the council.", id="capital-next-line"),
    pytest.param(
        # A next line opening on a quotation mark may be a new quote; only a lowercase word
        # says the sentence goes on.
        "Putin had been briefed on what the Kremlin called\n“sustained efforts” in Iran.",
        id="next-line-opens-on-a-quote-mark",
    ),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), BAD)
def test_reports_a_broken_sentence(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert run(text) == expected


@pytest.mark.parametrize("text", GOOD)
def test_leaves_real_line_breaks_alone(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (
            "support de-escalating\u00a0\n  the tensions.",
            "support de-escalating the tensions.",
        ),
        (
            "an Olympic-size swimming\npool within minutes.",
            "an Olympic-size swimming pool within minutes.",
        ),
        ("companies Astrobotic, \t\nand Masten.", "companies Astrobotic, and Masten."),
    ],
)
def test_safe_fix_joins_with_one_space(text: str, joined: str) -> None:
    (diagnostic,) = lint_document(Document("t.txt", text), [HardWrap()])
    assert diagnostic.fix is not None and diagnostic.fix.applicability == "safe"
    (edit,) = diagnostic.fix.edits
    assert edit.content == " "
    assert text[: edit.start] + edit.content + text[edit.end :] == joined


def test_a_wrapped_line_is_not_also_a_truncation() -> None:
    text = "He faces questions about his evolving accounts of the\nevents in Kyiv last year."
    rules = [HardWrap(), TruncatedSentence()]
    found = [(d.code, d.line) for d in lint_document(Document("t.txt", text), rules)]
    assert found == [("WS001", 1)]


def test_text_wrapped_throughout_gets_one_finding_whose_fix_joins_every_break() -> None:
    from linter.document import Document, DocumentView
    from rules.hard_wrap import HardWrap

    text = (
        "The council met on Monday to discuss the\n"
        "budget for the coming year, and members argued\n"
        "about the cost of repairs to the old bridge\n"
        "over the river.\n"
        "\n"
        "Residents who attended the meeting asked why\n"
        "the work promised last spring had not started."
    )
    view = DocumentView(Document("mail.txt", text))
    findings = list(HardWrap().check(view))
    assert [(view.position(f.start), f.message) for f in findings] == [
        ((1, 41), "Text hard-wrapped throughout: 4 line breaks inside sentences")
    ]
    fix = findings[0].fix
    assert fix is not None and fix.applicability == "safe"
    joined = text
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        joined = joined[: edit.start] + edit.content + joined[edit.end :]
    assert joined == (
        "The council met on Monday to discuss the budget for the coming year, and members argued"
        " about the cost of repairs to the old bridge over the river.\n\n"
        "Residents who attended the meeting asked why the work promised last spring had not"
        " started."
    )
