"""Shared word knowledge for the lexical rules (SP001 misspelling, NM001 name-variant).

Not a rule module (the underscore keeps it out of rule discovery). Everything heavy is loaded
lazily and once per process: importing this module costs nothing, so the CLI stays quick when no
lexical rule runs.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib.resources import files

APOSTROPHES = "'’"


@cache
def word_frequencies() -> dict[str, int]:
    """pyspellchecker's English dictionary: lowercase word -> corpus frequency (about 160,000
    words). Read straight from the package's data file, which takes half the time of building
    a SpellChecker (that also indexes every letter); the SpellChecker is the fallback should the
    file ever move. Shared by every rule in the process: read it, never change it."""
    try:
        resource = files("spellchecker").joinpath("resources", "en.json.gz")
        with resource.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        if isinstance(data, dict) and data:
            return data
    except (OSError, ValueError, ModuleNotFoundError):
        pass
    from spellchecker import SpellChecker

    return dict(SpellChecker("en").word_frequency.dictionary)


def is_latin_word(token: str) -> bool:
    """Whether every letter of the token is Latin (ASCII or accented Latin); other scripts are
    not English words and no English dictionary can judge them."""
    if token.isascii():
        return True
    for char in token:
        if char.isalpha() and not (
            ord(char) < 0x250 or 0x1E00 <= ord(char) <= 0x1EFF  # Latin blocks
        ):
            return False
    return True


def is_abbreviation_like(token: str) -> bool:
    """All capitals ("NASA", "SCO"), maybe with a plural s ("CEOs"): an acronym or an
    initialism, never a misspelling."""
    letters = "".join(c for c in token if c.isalpha())
    if letters.endswith("s") and len(letters) >= 3:
        letters = letters[:-1]  # a plural: "CEOs", "TVs"
    return len(letters) >= 2 and letters.isupper()


def is_name_like(token: str) -> bool:
    """A token that looks like a proper name by its shape alone: it starts with a capital
    ("Kochai", "Tehran's") or carries a capital inside ("McDonald", "iPhone", "YouTube").

    Shape alone cannot tell a name from a capitalised ordinary word at the start of a sentence;
    callers that care must look at where the token stands.
    """
    return any(c.isupper() for c in token)


def has_inner_capital(token: str) -> bool:
    """A capital after the first letter ("McDonald", "iPhone", "PlayStation")."""
    return any(c.isupper() for c in token[1:])
