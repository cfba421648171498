from __future__ import annotations

import random

import pytest

from linter.document import Document, DocumentView
from linter.fix import apply_edits
from rules.whitespace import (
    INVISIBLE_RE,
    NONPRINTING_LAYOUT,
    IrregularWhitespace,
    TrailingWhitespace,
    _may_hide_characters,
    _may_hold_invisible_bytes,
)

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A run is reported once, however many seeds (pairs, no-break spaces) it holds.
        (f"a {NBSP} b", [(1, 2, "No-break space where a space belongs")]),
        (
            f"a{NBSP}{NBSP}b and c  d",
            [(1, 2, "No-break space where a space belongs"), (1, 11, "2 spaces between words")],
        ),
        (
            "one  two\nthree  four",
            [(1, 4, "2 spaces between words"), (2, 6, "2 spaces between words")],
        ),
        ("a    b", []),  # four spaces: alignment
        (f"{NBSP}a", []),  # at the start of the text
        (f"a{NBSP}", []),  # at the end of the text
        (
            f"x\tinvisible{ZWSP}here{NBSP}too\r",
            [
                (1, 17, "No-break space where a space belongs"),
                (1, 12, "Invisible zero-width space in the text"),
            ],
        ),
    ],
)
def test_each_space_run_is_judged_once(text: str, expected: list) -> None:
    assert found(IrregularWhitespace(), text) == expected


def test_every_invisible_character_passes_the_printable_gate() -> None:
    # The gate in front of INVISIBLE_RE must let through every character that regex matches, also
    # next to the layout characters the gate blanks out.
    wanted = [chr(c) for c in range(0x10000) if INVISIBLE_RE.fullmatch(chr(c))]
    assert len(wanted) == 64
    for char in wanted:
        assert _may_hide_characters(f"a\tb{NBSP}c\n{char}d"), hex(ord(char))
    layout = f"tab\tcr\rvt\x0bff\x0c{NBSP}{NNBSP}\u2007\nemoji 🙂 ‘quotes’"
    assert not _may_hide_characters(layout)

    # Line by line (given the view's lines or not), the gate answers as the whole text with its
    # line breaks and other layout characters blanked out would.
    def whole(text: str) -> bool:
        for char in "\n" + NONPRINTING_LAYOUT:
            text = text.replace(char, " ")
        return not text.isprintable()

    rng = random.Random(8)
    alphabet = ["a", " ", "\n", "\t", "\r", "\x0b", "\x0c", NBSP, NNBSP, "\u2028", "🙂", *wanted]
    texts = [layout, "", "\n\n"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(3000)]
    for text in texts:
        expected = whole(text)
        assert _may_hide_characters(text, text.split("\n")) is expected, repr(text)
        assert _may_hide_characters(text) is expected, repr(text)


def test_the_byte_gate_lets_every_invisible_character_through() -> None:
    # The UTF-8 gate in front of the printable gate must answer True for any text INVISIBLE_RE
    # can match (and may answer True for others); a no-break space alone does not make it.
    wanted = [chr(c) for c in range(0x10000) if INVISIBLE_RE.fullmatch(chr(c))]
    near = ["\u00a0", "\u00ac", "\u00ae", "\u200a", "\u200c", "\u2061", "\ufefe", "\t", "\r"]
    rng = random.Random(12)
    alphabet = ["a", " ", "\n", "é", "“", "\ud800", *near, *wanted]
    texts = [f"a{char}b" for char in wanted + near]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(4000)]
    for text in texts:
        utf8 = text.encode("utf-8", "surrogatepass")
        if INVISIBLE_RE.search(text):
            assert _may_hold_invisible_bytes(text, utf8), repr(text)
    assert not _may_hold_invisible_bytes("a\u00a0b\tc\r\n“é”", "a\u00a0b\tc\r\n“é”".encode())
