"""DU002 duplicate-passage: which copy is reported, where, and with which fix."""

from __future__ import annotations

import pytest

from linter.document import Document
from linter.runner import lint_document
from rules.passage import DuplicatePassage, may_repeat, normalise

HEAD = "Storm nears the coast\n\n"
S1 = "Officials said the storm would reach the coast by Friday evening."
S2 = "The city opened three shelters for residents on Thursday night."
# Longer than a title, so only its not being prose keeps it out.
LIST_ITEM = (
    "Eggs with 1 cup asparagus, 2 soft-boiled or poached eggs, half a cup of sweet potato"
    " and 1 tsp. olive oil for the potatoes or butter for the toast"
)
LONG_HEAD = "Storm nears the coast as thousands flee their homes in the south"
BANG = "We will rebuild every single home that this storm destroyed!"
S3 = "Schools across the county will stay closed until further notice."


def run(text: str, path: str = "doc.txt", **options: object) -> list[tuple]:
    """(line, column, end_line, end_column, message, fix) for each DU002 diagnostic; a fix is
    (applicability, [(line, column, end_line, end_column, content), ...])."""
    rule = DuplicatePassage({k.replace("_", "-"): v for k, v in options.items()})
    found = []
    for d in lint_document(Document(path, text), [rule]):
        assert d.code == "DU002"
        fix = None
        if d.fix is not None:
            edits = [(e.line, e.column, e.end_line, e.end_column, e.content) for e in d.fix.edits]
            fix = (d.fix.applicability, edits)
        found.append((d.line, d.column, d.end_line, d.end_column, d.message, fix))
    return found


def apply(text: str) -> str:
    """The document after applying every DU002 fix (they never overlap)."""
    rule = DuplicatePassage()
    diagnostics = lint_document(Document("doc.txt", text), [rule])
    edits = sorted((e for d in diagnostics if d.fix for e in d.fix.edits), key=lambda e: -e.start)
    for edit in edits:
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text


FLAGGED = [
    pytest.param(
        # The seed's shape: a summary bullet at the top repeats a body line; the bullet goes.
        f"{HEAD}  • {S1[:-1]}\n\n{S2}\n{S1}\n",
        [
            (
                3,
                3,
                3,
                3 + len(S1) + 1,
                "Summary bullet repeats line 6",
                ("safe", [(3, 1, 5, 1, "")]),
            )
        ],
        id="summary-bullet-before-body",
    ),
    pytest.param(
        f"{HEAD}{S1}\n{S2}\n\n{S1}\n",
        [
            (
                6,
                1,
                6,
                len(S1) + 1,
                "Paragraph repeats line 3",
                ("safe", [(4, len(S2) + 1, 6, 66, "")]),
            )
        ],
        id="paragraph-twice-later-copy-at-end",
    ),
    pytest.param(
        f"{HEAD}{S1}\n\n{S1}\n\n{S2}\n",
        [(5, 1, 5, len(S1) + 1, "Paragraph repeats line 3", ("safe", [(5, 1, 7, 1, "")]))],
        id="paragraph-twice-in-the-middle",
    ),
    pytest.param(
        # Curly quotes and final punctuation do not make a copy different.
        f"{HEAD}“Officials said the storm would reach the coast by Friday evening.”\n{S2}\n"
        "Officials said the storm would reach the coast by Friday evening!",
        [
            (
                5,
                1,
                5,
                66,
                "Paragraph repeats line 3",
                ("safe", [(4, len(S2) + 1, 5, 66, "")]),
            )
        ],
        id="normalised-copy-last-line",
    ),
    pytest.param(
        # A pull quote: a line that is only a sentence of an earlier paragraph. It is the
        # furniture; deleting it loses nothing, but it is not a whole-line copy, so unsafe.
        f"{HEAD}{S2} {S1}\n{S1}\n{S3}\n",
        [
            (
                4,
                1,
                4,
                len(S1) + 1,
                "Line repeats a sentence of line 3",
                ("unsafe", [(4, 1, 5, 1, "")]),
            )
        ],
        id="pull-quote-after-paragraph",
    ),
    pytest.param(
        # The standalone copy is reported even when it comes first.
        f"{HEAD}{S1}\n\n{S2} {S1} {S3}\n",
        [
            (
                3,
                1,
                3,
                len(S1) + 1,
                "Line repeats a sentence of line 5",
                ("unsafe", [(3, 1, 5, 1, "")]),
            )
        ],
        id="pull-quote-before-paragraph",
    ),
    pytest.param(
        # A whole multi-sentence paragraph twice: the later copy goes, safely.
        f"{HEAD}{S1} {S2}\n\n{S3}\n\n{S1} {S2}\n",
        [
            (
                7,
                1,
                7,
                len(S1) + len(S2) + 2,
                "Paragraph repeats line 3",
                ("safe", [(5, len(S3) + 1, 7, len(S1) + len(S2) + 2, "")]),
            )
        ],
        id="multi-sentence-paragraph-twice",
    ),
    pytest.param(
        # A bullet repeating an exclamation inside a paragraph.
        f"{HEAD}• {BANG[:-1]}\n\n{S2} {BANG} {S3}\n",
        [
            (
                3,
                1,
                3,
                len(BANG) + 2,
                "Summary bullet repeats a sentence of line 5",
                ("unsafe", [(3, 1, 5, 1, "")]),
            )
        ],
        id="bullet-repeats-exclamation",
    ),
    pytest.param(
        # Two sentences repeated together inside other paragraphs: one finding, no fix.
        f"{HEAD}{S1} {S2} {S3}\n\nYes. {S1} {S2}\n",
        [(5, 6, 5, 6 + len(S1) + 1 + len(S2), "2 sentences repeat line 3", None)],
        id="run-of-two-sentences",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FLAGGED)
def test_reports_the_copy_an_editor_would_delete(text: str, expected: list) -> None:
    assert run(text) == expected


LEFT_ALONE = [
    pytest.param(f"{HEAD}{S1}\n{S2}\n{S3}\n", id="no-repeat"),
    pytest.param(
        # A repeated headline is DU001's finding.
        f"{HEAD}{S1}\n\nStorm nears the coast\n",
        id="headline",
    ),
    pytest.param(
        f"Officials said the storm would reach the coast by Friday.\n\n{S2}\n"
        "Officials said the storm would reach the coast by Friday.\n",
        id="first-line-is-the-headline",
    ),
    pytest.param(f"{HEAD}He declined to comment.\n{S1}\nHe declined to comment.\n", id="stock"),
    pytest.param(
        # A quote repeated in a shortened form is not the same sentence.
        f'{HEAD}"We will rebuild every home that the storm destroys," the mayor said.\n{S2}\n'
        '"We will rebuild every home," the mayor said again on Friday evening.\n',
        id="shortened-quote",
    ),
    pytest.param(
        # One sentence shared by two paragraphs: a writer restating a point.
        f"{HEAD}{S1} {S2}\n\n{S3} {S1}\n",
        id="single-sentence-inside-two-paragraphs",
    ),
    pytest.param(
        # List items and labels are not prose.
        f"{HEAD}- Quick access to the assistant by saying the wake word\n{S1}\n"
        "- Quick access to the assistant by saying the wake word\n",
        id="list-items",
    ),
    pytest.param(
        # A template line: the same sentence with a name swapped appears too.
        f"{HEAD}Vote for Olga and her recipes on the last page of the contest!\n{S1}\n"
        "Vote for Anna and her recipes on the last page of the contest!\n"
        "Vote for Olga and her recipes on the last page of the contest!\n",
        id="template",
    ),
    pytest.param(
        # A refrain: more copies than max-copies.
        HEAD + "\n".join([f"{S1}\n{S2}{i}." for i in range(4)]) + "\n",
        id="refrain",
    ),
    pytest.param(
        # "1 tsp. olive oil": the splitter cuts at the abbreviation, but that is not prose.
        f"{HEAD}{LIST_ITEM}\n{S1}\n{LIST_ITEM}\n",
        id="abbreviation-cut-list",
    ),
]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_leaves_alone(text: str) -> None:
    assert run(text) == []


def test_min_words_option() -> None:
    text = f"{HEAD}The bridge was closed on Friday.\n{S2}\nThe bridge was closed on Friday.\n"
    assert run(text) == []
    assert [d[:5] for d in run(text, min_words=5)] == [(5, 1, 5, 33, "Paragraph repeats line 3")]


def test_fix_removes_the_copy_and_keeps_the_layout() -> None:
    text = f"{HEAD}  • {S1[:-1]}\n\n{S2}\n{S1}\n"
    assert apply(text) == f"{HEAD}{S2}\n{S1}\n"
    text = f"{HEAD}{S1}\n{S2}\n\n{S1}\n"
    assert apply(text) == f"{HEAD}{S1}\n{S2}\n"


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("  • Putin spoke.", "putin spoke"),
        ("1) “It’s done,”  she said!", "it s done she said"),
        ("- A — B", "a b"),
    ],
)
def test_normalise(raw: str, normal: str) -> None:
    assert normalise(raw) == normal


def test_odd_input_does_not_crash() -> None:
    for text in ["", "\n\n\n", "•", "  \n•  \n", "....\n....", "a\u00a0b\n" * 3]:
        assert run(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{HEAD}{S1}\n{S2}\n", False),
        (f"{HEAD}  • {S1[:-1]}\n\n{S2} {S1}\n", True),  # bullet vs sentence inside a paragraph
        (f"{HEAD}• {BANG[:-1]}\n\n{S2} {BANG} {S3}\n", True),
        (f"{LONG_HEAD}\n\n{S1}\n\n{LONG_HEAD}\n", False),  # only the headline repeats
        (f"{S2}\n\n{S1}\n\n{LONG_HEAD}\n\n{LONG_HEAD}\n", False),  # a bare title-like line
        (f"{HEAD}He declined to comment.\n{S1}\nHe declined to comment.\n", False),
        ("\n\n", False),
    ],
)
def test_cheap_gate(text: str, expected: bool) -> None:
    assert may_repeat(text, 8, 20) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Lines are cut into pieces one by one: a line break never joins or splits a piece.
        (f"{HEAD}{S2} {S1}\n{S1}\n", True),
        (f"{HEAD}{S1[:-1]}.\n. {S2}\n{S1}\n", True),
        (f"{HEAD}{S1}\n{S2}\n\n\n\n", False),  # blank lines are empty pieces, never repeats
        (f"{HEAD}{S1[:-1]}\n\n{S1[:-9]}\n{S1[-9:]}\n", False),  # split across two lines
    ],
)
def test_cheap_gate_cuts_each_line_on_its_own(text: str, expected: bool) -> None:
    assert may_repeat(text, 8, 20) is expected


def _reference_may_repeat(text: str, min_words: int, title_words: int) -> bool:
    """may_repeat as first written: the whole text cut into pieces at once."""
    from collections import Counter

    from rules.passage import _EDGES

    text = text.replace("!", ".").replace("?", ".")
    pieces = [piece.strip(_EDGES) for piece in text.replace("\n", ". ").split(". ")]
    counts = Counter(piece for piece in pieces if piece)
    head = text.lstrip()
    for piece, n in counts.items():
        if n < 2 or piece.count(" ") + 1 < min_words:
            continue
        short = piece.count(" ") < title_words
        if short and (head.startswith(piece) or f"\n{piece}\n" in text):
            continue
        return True
    return False


def test_cheap_gate_agrees_with_cutting_the_whole_text_at_once() -> None:
    # may_repeat cuts each line on its own (the view's lines when no "!" or "?" is replaced):
    # the same pieces as the whole text cut at ". " after turning line breaks into ". ".
    import random

    rng = random.Random(5)
    parts = ["a b c", "a b c d e", "It is a b", "x", ".", ". ", "!", "?", "\n", "\n\n", " "]
    parts += ["“", "”", "•", "\u00a0"]
    outcomes = []
    for _ in range(4000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 30)))
        expected = _reference_may_repeat(text, 3, 4)
        assert may_repeat(text, 3, 4) is expected, repr(text)
        assert may_repeat(text, 3, 4, text.split("\n")) is expected, repr(text)
        outcomes.append(expected)
    assert 100 < sum(outcomes) < 3900  # both answers are tested many times
