"""TR001 truncated-sentence: tables of (text, expected [(code, line, column)])."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.document import Document
from linter.runner import lint_document
from rules.hard_wrap import HardWrap
from rules.truncation import TruncatedSentence

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "seed-news.txt"

P1 = "The council met on Tuesday and approved the budget after a long debate over schools."
P2 = "Residents had asked for the plan for years, and several spoke at the meeting on Monday."
TITLE = "Council approves harbour plan after long debate"
LONG_CUT = (
    "The city has spent years arguing over the harbour. Officials said on Monday that the plan"
    " would cost far more than expected and that work on the new piers would start next spring"
    " once the contracts with the two builders were signed and approved by the council"
)


def run(text: str, **config: object) -> list[tuple[str, int, int]]:
    rule = TruncatedSentence(config)
    return [(d.code, d.line, d.column) for d in lint_document(Document("t.txt", text), [rule])]


BAD = [
    pytest.param(
        "Many of the fighters battled the Soviet Union after its invasion in 1979 until a "
        f"humiliating\u00a0\n\n{P1}",
        [("TR001", 1, 82)],
        id="trailing-nbsp-after-a-word",
    ),
    pytest.param(
        f"{TITLE}\nTickets for the anniversary tour go on sale to the general \n{P1}",
        [("TR001", 2, 52)],
        id="trailing-space-after-a-word",
    ),
    pytest.param(
        f"{P1}\nThe official said the victim was one of two people who\n{P2}",
        [("TR001", 2, 52)],
        id="function-word-relative-pronoun",
    ),
    pytest.param(
        f"{P1}\nHe faces questions about his evolving accounts of the\n\n{P2}",
        [("TR001", 2, 51)],
        id="function-word-article-blank-line-after",
    ),
    pytest.param(
        f"{P1}\nBiden has kept a lead in the polls for months, both across",
        [("TR001", 2, 53)],
        id="function-word-at-end-of-document",
    ),
    pytest.param(
        f"{P1}\nThe mayor said the council had asked the builders to look again at the plan"
        f" for\n{P2}",
        [("TR001", 2, 77)],
        id="long-line-ends-on-preposition",
    ),
    pytest.param(
        f"{P1}\nMr. Smith said the council had voted to approve the\n{P2}",
        [("TR001", 2, 49)],
        id="abbreviation-is-not-list-numbering",
    ),
    pytest.param(
        f"{P1}\nNASA awarded lander missions to companies Astrobotic, Masten,\n{P2}",
        [("TR001", 2, 55)],
        id="comma",
    ),
    pytest.param(
        f"{P1}\nUnsere Expertise erstreckt sich über Content-Management, E-Commerce,\n{P2}",
        [("TR001", 2, 58)],
        id="comma-in-another-language",
    ),
    pytest.param(
        f"{P1}\nMore than 300 people were deported by immigration authorities for ille\n{P2}",
        [("TR001", 2, 67)],
        id="cut-mid-word",
    ),
    pytest.param(
        f"{P1}\nThe team found plumes of water vapour rising above the surface of J\n{P2}",
        [("TR001", 2, 67)],
        id="cut-after-one-letter",
    ),
    pytest.param(
        f"{P1}\nThe samples were sent to the Centre for Disea\n{P2}",
        [("TR001", 2, 41)],
        id="capitalised-word-cut-after-function-word",
    ),
    pytest.param(
        f"{P1}\nThe man ran from the station, and the Chronicle s\n{P2}",
        [("TR001", 2, 49)],
        id="cut-after-one-lowercase-letter",
    ),
    pytest.param(
        f"{P1}\nThe money will go to the harbour, the mayor said in the company’s\n{P2}",
        [("TR001", 2, 57)],
        id="possessive",
    ),
    pytest.param(
        f"{P1}\nProtesters believe the \n{P2}", [("TR001", 2, 20)], id="three-words-double-evidence"
    ),
    pytest.param(f"{P1}\n{LONG_CUT}\n{P2}", [("TR001", 2, 253)], id="long-paragraph-cut"),
    pytest.param(
        f"{P1}\nThis comes as the council has rejected a court ruling in favour of the builders"
        f" declaring\n{P2}",
        [("TR001", 2, 81)],
        id="running-text-between-paragraphs",
    ),
    pytest.param(
        # Trailing whitespace everywhere says nothing; the function word still does.
        f"{TITLE} \n{P1} \nThe official said the victim was one of two people who \n{P2} ",
        [("TR001", 3, 52)],
        id="trailing-space-on-every-line",
    ),
]


GOOD = [
    pytest.param(f"{TITLE}\n{P1}\n{P2}", id="sentence-case-headline"),
    pytest.param(f"Things We Are Most Thankful For\n{P1}", id="title-case-ends-on-preposition"),
    pytest.param(f"What the council is fighting for\n{P1}", id="headline-strands-a-preposition"),
    pytest.param(f"{P1}\nYes, the council says it can\n{P2}", id="short-line-ends-on-auxiliary"),
    pytest.param(f"{TITLE}\nBy Jane Doe\n{P1}", id="byline"),
    pytest.param(f"WASHINGTON (AP) —\n{P1}", id="dateline"),
    pytest.param(
        f"{P1}\nThe mayor speaks to reporters outside city hall on Tuesday\n{P2}", id="caption"
    ),
    pytest.param(f"{P1}\nImage 1 of 5\n{P2}", id="gallery-counter"),
    pytest.param(f"{P1}\nRead more on\n{P2}", id="short-label"),
    pytest.param(f"{P1}\nProtesters believe the\n{P2}", id="three-words-one-evidence"),
    pytest.param(f"{P1}\nThe meal plan for eating plan A\n{P2}", id="capital-letter-label"),
    pytest.param(f"{P1}\nThe coach draws up plan B\n{P2}", id="capital-letter-after-word"),
    pytest.param(
        f"{P1}\nYou will need:\n- two cups of flour and\n- two or three eggs or\n{P2}",
        id="markdown-list",
    ),
    pytest.param(f"{P1}\n* Preheat the oven to\n1. Mix the flour with\n{P2}", id="bullets"),
    pytest.param(f"{P1}\nThe steps are as follows:\n{P2}", id="colon-before-list"),
    pytest.param(f"{P1}\n“We will not give up on the harbour,”\n{P2}", id="quote-ends-in-mark"),
    pytest.param(f"{P1}\nThe mayor, speaking to reporters (AP)\n{P2}", id="credit-in-brackets"),
    pytest.param(
        f"{P1}\nWhy the harbour gets so crowded at this time of year\n{P2}",
        id="subhead-between-paragraphs",
    ),
    pytest.param(
        f"{P1}\nThis is how the harbour plan will change the whole city\n{P2}",
        id="subhead-opening-on-this",
    ),
    pytest.param(
        f"{P1}\nRead more: Council approves harbour plan after a long debate over schools\n{P2}",
        id="related-link-label",
    ),
    pytest.param(
        f"{P1}\nThe council said it would review the plan, and that work would start in\n"
        "the spring once the contracts were signed.",
        id="hard-wrap-is-ws001",
    ),
    pytest.param(f"{P1}\nContact the site admin\n{P2}", id="clipping-is-a-word"),
    pytest.param(
        "The council met on Tuesday and approved the budget after\n"
        "a long debate over schools, roads and the future of the\n"
        "harbour, which several members said had been neglected by the\n"
        "City Council for years while the town grew around it and\n"
        "traffic kept rising.\n",
        id="text-wrapped-at-a-fixed-width",
    ),
    pytest.param(
        f"Ukrain is a village\nThe reporters went on to visit the village of Ukrain\n{P2}",
        id="name-seen-elsewhere-is-not-a-cut-word",
    ),
    pytest.param(f"{P1}\nThe agency released new figures about crypto\n{P2}", id="clipping-long"),
    pytest.param("北京是中国的首都\n上海是中国最大的城市。", id="chinese-without-punctuation"),
    pytest.param("東京の人口は多い \n大阪は西にある。", id="japanese-trailing-space"),
    pytest.param("이유리는 연기를 잘 했다\n남상미는 기대 이상이었다.", id="korean"),
    pytest.param(f"{P1}\nОн сказал, что вернётся в\n{P2}", id="russian-ends-on-preposition"),
    pytest.param("", id="empty"),
    pytest.param("\n\n   \n", id="blank-lines"),
]


@pytest.mark.parametrize(("text", "expected"), BAD)
def test_reports_a_cut_sentence(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert run(text) == expected


@pytest.mark.parametrize("text", GOOD)
def test_leaves_legitimate_unpunctuated_lines_alone(text: str) -> None:
    assert run(text) == []


def test_has_no_fix_and_spans_the_last_word_and_its_whitespace() -> None:
    text = f"{P1}\nThe official said the victim was one of two people who \n{P2}"
    (diagnostic,) = lint_document(Document("t.txt", text), [TruncatedSentence()])
    assert diagnostic.fix is None
    assert text[diagnostic.start : diagnostic.end] == "who "
    assert (
        diagnostic.message
        == 'Sentence cut short after "…two people who": "who" cannot end a sentence'
    )


def test_long_paragraph_option() -> None:
    assert run(f"{P1}\n{LONG_CUT}\n{P2}", long_paragraph_words=80) == []


def test_seed_page() -> None:
    if not SEED.exists():
        pytest.skip("shared seed page not available")
    text = SEED.read_text(encoding="utf-8")
    rules = [TruncatedSentence(), HardWrap()]
    found = [(d.code, d.line, d.column) for d in lint_document(Document("seed", text), rules)]
    assert found == [("TR001", 17, 145), ("WS001", 44, 86), ("WS001", 45, 89)]
