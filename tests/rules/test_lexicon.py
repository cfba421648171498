"""rules/_lexicon.py: the shared word-shape helpers and the dictionary."""

from __future__ import annotations

import pytest

from rules._lexicon import (
    has_inner_capital,
    is_abbreviation_like,
    is_latin_word,
    is_name_like,
    word_frequencies,
)

SHAPES = [
    # token, abbreviation-like, name-like, inner capital, Latin
    ("NASA", True, True, True, True),
    ("CEOs", True, True, True, True),
    ("Ab", False, True, False, True),
    ("Kochai", False, True, False, True),
    ("Tehran's", False, True, False, True),
    ("iPhone", False, True, True, True),
    ("McDonald", False, True, True, True),
    ("ened", False, False, False, True),
    ("naïve", False, False, False, True),
    ("Москва", False, True, False, False),
    ("東京", False, False, False, False),
]


@pytest.mark.parametrize(("token", "abbreviation", "name", "inner", "latin"), SHAPES)
def test_shapes(token: str, abbreviation: bool, name: bool, inner: bool, latin: bool) -> None:
    assert is_abbreviation_like(token) is abbreviation
    assert is_name_like(token) is name
    assert has_inner_capital(token) is inner
    assert is_latin_word(token) is latin


def test_dictionary_is_pyspellcheckers_english_list() -> None:
    frequencies = word_frequencies()
    assert len(frequencies) > 100_000
    assert frequencies["the"] > frequencies["end"] > 0
    assert "ened" not in frequencies
    assert word_frequencies() is frequencies  # loaded once per process
