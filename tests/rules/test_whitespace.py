from __future__ import annotations

import pytest

from linter.document import Document, DocumentView
from linter.fix import apply_edits
from rules.whitespace import IrregularWhitespace, TrailingWhitespace

NBSP, NNBSP, ZWSP, SHY = "\u00a0", "\u202f", "\u200b", "\u00ad"


def found(rule, text: str) -> list[tuple[int, int, str]]:
    view = DocumentView(Document("t.txt", text))
    return [(*view.position(f.start), f.message) for f in rule.check(view)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Both surrounding{NBSP} Iran and", [(1, 17, "No-break space where a space belongs")]),
        (f"word{NBSP}word", [(1, 5, "No-break space where a space belongs")]),
        (f"a{NNBSP}b", [(1, 2, "Narrow no-break space where a space belongs")]),
        ("two  spaces here", [(1, 4, "2 spaces between words")]),
        ("and\nthree   spaces", [(2, 6, "3 spaces between words")]),
        (f"zero{ZWSP}width", [(1, 5, "Invisible zero-width space in the text")]),
        (f"soft{SHY}hyphen", [(1, 5, "Invisible soft hyphen in the text")]),
        ("bell\x07char", [(1, 5, "Invisible control character U+0007 in the text")]),
        ("c1\x85char", [(1, 3, "Invisible control character U+0085 in the text")]),
        ("mid\ufeffword", [(1, 4, "Invisible byte-order mark in the text")]),
    ],
)
def test_irregular_whitespace_is_reported(text: str, expected: list) -> None:
    assert found(IrregularWhitespace(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "one space only, as it should be.",
        "End of sentence.  Two spaces after a full stop are a convention.",
        f"Quel dommage{NBSP}! Vraiment{NBSP}?",  # French typography
        f"« Bonjour{NBSP}»",
        f"«{NBSP}Bonjour »",
        f"10{NBSP}000 people",
        "    indented line",
        "trailing space   ",
        f"trailing nbsp{NBSP}",
        "\ufeffleading byte-order mark",
        "tab\tseparated",
        "name    score",
        "a  b  c columns",
        "x = 1  # aligned comment",
        "2.5e-01  3.1e-01",
        "old Mac line.\rNext line.",
        "page one\x0cpage two",
        "Persian zero-width non-joiner: می\u200cخواهم",
    ],
)
def test_legitimate_whitespace_is_left_alone(text: str) -> None:
    assert found(IrregularWhitespace(), text) == []


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        (f"Both surrounding{NBSP} Iran", "Both surrounding Iran"),
        ("two  spaces", "two spaces"),
        (f"zero{ZWSP}width and\x07bell", "zerowidth andbell"),
    ],
)
def test_fixes_leave_one_space_or_nothing(text: str, fixed: str) -> None:
    view = DocumentView(Document("t.txt", text))
    fixes = [f.fix for f in IrregularWhitespace().check(view)]
    assert all(fix is not None and fix.applicability == "safe" for fix in fixes)
    assert apply_edits(text, [e for fix in fixes if fix for e in fix.edits]) == fixed


def test_trailing_whitespace_is_off_by_default_and_reports_each_line_end() -> None:
    assert TrailingWhitespace.enabled_by_default is False
    text = f"one \ntwo{NBSP}\n   \nthree"
    assert found(TrailingWhitespace(), text) == [
        (1, 4, "Trailing whitespace"),
        (2, 4, "Trailing whitespace"),
    ]
