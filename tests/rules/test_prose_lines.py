"""The line finders in rules/_prose.py and rules/hard_wrap.py: one regex pass must yield every
line that a loop over view.lines would have looked at, with the same Line values."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from linter.document import Document, DocumentView
from rules._prose import (
    SENTENCE_STOPS,
    following_line,
    line_end,
    line_spans,
    lines_ending_at,
    open_line_breaks,
    open_lines,
    trailing_space_is_rare,
)
from rules.hard_wrap import _RUN_ON_RE, run_on_pairs, wrapped_break


def view_lines(text: str) -> list:
    return DocumentView(Document("t.txt", text)).lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("One.\nTwo", [(2, 5, 8, "Two")]),
        (
            "Headline\n\nBody text.\nlast line,\n",
            [(1, 0, 8, "Headline"), (4, 21, 31, "last line,")],
        ),
        ("\nSeen:\nnot seen;\nseen ", [(4, 17, 22, "seen ")]),
        ("Tokyo。\nwrapped ”\nTitle", [(2, 7, 16, "wrapped ”"), (3, 17, 22, "Title")]),
    ],
)
def test_open_lines_are_the_lines_not_ending_on_a_stop(text: str, expected: list) -> None:
    assert [tuple(line) for line in open_lines(text)] == expected


def test_following_line() -> None:
    text = "a\nbb\n\nccc"
    lines = view_lines(text)
    assert [following_line(text, line) for line in lines] == [*lines[1:], None]


def test_run_on_pairs_match_the_two_lines() -> None:
    text = "The talks in\nthe region.\nTitle\n   7 of them\nⓐ\n\u0345\nEnd"
    assert [(a.number, b.number) for a, b in run_on_pairs(text)] == [(1, 2), (3, 4), (4, 5), (5, 6)]
    assert _RUN_ON_RE.pattern.startswith("\\n")  # the speed depends on the literal prefix


def random_text(rng: random.Random) -> str:
    pieces = ["word", "Word", "of", "7", ".", ",", "”", ":", " ", "  ", "\t", "\u00a0", "\u200b"]
    pieces += ["\n", "\n", "\n\n", "\n   ", "ⓐ", "\u0345", "é", "É", "。", "-", "a."]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))


def test_finders_agree_with_a_loop_over_every_line() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = random_text(rng)
        lines = view_lines(text)
        wanted = [line for line in lines if line.text and line.text[-1] not in SENTENCE_STOPS]
        assert list(open_lines(text)) == wanted, text
        # A loose pattern: every line that is followed by a line break (and the last line).
        assert [tuple(line) for line in lines_ending_at(text, _RUN_ON_RE)] == [
            tuple(a) for a, _ in run_on_pairs(text)
        ]
        found = {(a, b): wrapped_break(a, b) for a, b in run_on_pairs(text)}
        for a, b in pairwise(lines):
            assert wrapped_break(a, b) == found.get((a, b)), text
        for line in lines:
            assert line_end(line) is None or line in wanted, text
        assert [text[s:e] for s, e in line_spans(text, _RUN_ON_RE)] == [
            a.text for a, _ in run_on_pairs(text)
        ]


def reference_trailing_space_is_rare(text: str) -> bool:
    lines = text.split("\n")
    trailing = sum(1 for line in lines if line[-1:].isspace() and line.strip())
    nonblank = sum(1 for line in lines if line.strip())
    return trailing < 3 or trailing * 4 <= nonblank


@pytest.mark.parametrize(
    ("text", "rare"),
    [
        ("a \nb \nc", True),
        ("a \nb \nc \n", False),
        ("a \nb \nc \nd\ne\nf\ng\nh\ni\nj\nk\nl", True),
        ("a \nb \nc\u00a0\nd\ne\nf\ng\nh\ni\nj\nk", False),
        ("   \n   \n   \nx", True),
    ],
)
def test_trailing_space_is_rare(text: str, rare: bool) -> None:
    assert trailing_space_is_rare(text) is rare
    assert reference_trailing_space_is_rare(text) is rare


def test_truncation_looks_at_every_line_ending_on_a_word_or_comma() -> None:
    from rules.truncation import _WORD_OR_COMMA_END_RE

    rng = random.Random(11)
    for _ in range(3000):
        text = random_text(rng)
        seen = {tuple(line) for line in lines_ending_at(text, _WORD_OR_COMMA_END_RE)}
        for line in view_lines(text):
            end = line_end(line)
            if end is not None and end.kind in ("word", "comma"):
                assert tuple(line) in seen, text


def test_patterns_tried_at_the_open_line_breaks_find_what_a_scan_finds() -> None:
    # TR001 and WS001 try their line-break patterns only at the view's open_line_breaks: the
    # spans must be those of a scan of the whole text, which shows that every line break their
    # patterns match ends an open line.
    from rules.truncation import _WORD_OR_COMMA_END_RE

    rng = random.Random(13)
    for _ in range(3000):
        text = random_text(rng)
        breaks = open_line_breaks(DocumentView(Document("t.txt", text)))
        assert breaks == [
            i
            for i, char in enumerate(text)
            if char == "\n" and i > 0 and text[i - 1] != "\n" and text[i - 1] not in SENTENCE_STOPS
        ], text
        for pattern in (_WORD_OR_COMMA_END_RE, _RUN_ON_RE):
            assert list(line_spans(text, pattern, breaks)) == list(line_spans(text, pattern)), text
        assert list(run_on_pairs(text, breaks)) == list(run_on_pairs(text)), text
        assert trailing_space_is_rare(text, breaks) == trailing_space_is_rare(text), text
