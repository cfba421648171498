"""BP101 repeated-line: the line normalisation must equal its regex definition exactly, since
the line keys (and so the findings' fingerprints) are hashes of it."""

from __future__ import annotations

import random

import pytest

from rules.repeated_line import _DIGITS, _NOISE, line_key, normalise


def by_definition(text: str) -> str:
    return _NOISE.sub(" ", _DIGITS.sub("0", text.lower())).strip()


# (line, normalised)
CASES = [
    ("Updated 6 min ago", "updated 0 min ago"),
    ("Updated 12 min ago", "updated 0 min ago"),
    ("  Follow us on X!  ", "follow us on x"),
    ("“Get our morning briefing,” she said.", "get our morning briefing she said"),
    ("snake_case and u.s. style", "snake case and u s style"),
    ("don’t—stop", "don t stop"),
    ("Price: $1,299.99", "price 0 0 0"),
    ("١٢٣ Arabic-Indic digits", "0 arabic indic digits"),
    ("x² and ½ cup", "x² and ½ cup"),
    ("İstanbul ǅemal ﬁne", "i stanbul ǆemal ﬁne"),  # "İ" lower-cases to "i" + a combining dot
    ("zero\u200bwidth\u00a0space", "zero width space"),
    ("___", ""),
    ("", ""),
]


@pytest.mark.parametrize(("line", "normal"), CASES)
def test_normalise(line: str, normal: str) -> None:
    assert normalise(line) == normal
    assert by_definition(line) == normal


def test_normalise_equals_definition_on_random_lines() -> None:
    rnd = random.Random(7)
    alphabet = "aZ09_ .,'’-\u00a0\u2028\u200b١²½İﬁ\t!()é“”…/"
    for _ in range(20000):
        line = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        assert normalise(line) == by_definition(line), repr(line)


def test_line_key_folds_digits_and_case() -> None:
    assert line_key("Updated 6 min ago") == line_key("UPDATED 12 MIN AGO.")
    assert line_key("Updated 6 min ago") != line_key("Published 6 min ago")
