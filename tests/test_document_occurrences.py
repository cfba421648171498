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
