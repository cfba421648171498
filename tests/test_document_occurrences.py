"""DocumentView.occurrences: whole-word matches only, as the lexical rules need them."""

from __future__ import annotations

import pytest

from linter.document import Document, DocumentView

CASES = [
    ("Iran and Iraq; Iran.", "Iran", [0, 15]),
    ("Iranian Iran's Iran", "Iran", [15]),  # not inside a longer word, nor before 's
    ("Iran' said", "Iran", [0]),  # a closing quote is no apostrophe that goes on
    ("_Iran Iran_ x-Iran-y", "Iran", [14]),  # underscores join words, hyphens do not
    ("don't dont don't", "don't", [0, 11]),
    ("ened", "ened", [0]),
    ("", "ened", []),
]


@pytest.mark.parametrize(("text", "word", "expected"), CASES)
def test_occurrences(text: str, word: str, expected: list[int]) -> None:
    assert DocumentView(Document("t", text)).occurrences(word) == expected


def test_the_fast_word_pattern_gives_exactly_the_word_tokens() -> None:
    import re

    from linter.document import WORD_RE, word_regex

    texts = [
        "Tehran’s talks don't end; snake_case and __dunder__ stay split: a_b",
        "Ünïcödé wörds, 数字123 and ٣٤ digits, it's O'Brien’s",
        "plain text without the low line",
    ]
    for text in texts:
        assert word_regex(text).findall(text) == WORD_RE.findall(text)
        assert [m.span() for m in word_regex(text).finditer(text)] == [
            m.span() for m in WORD_RE.finditer(text)
        ]
    assert word_regex("no low line").pattern != WORD_RE.pattern
    assert word_regex("a_b") is WORD_RE
    assert isinstance(word_regex("x"), re.Pattern)
