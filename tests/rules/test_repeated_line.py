"""BP101 repeated-line: the whole-text line normalisation must equal the per-line definition
exactly, since the line keys (and so the findings' fingerprints) are hashes of it."""

from __future__ import annotations

import random

import pytest

from linter.document import Document, DocumentView
from rules.repeated_line import RepeatedLine, line_key, normalise, normalised_lines


def fast(text: str) -> list[str]:
    return [line.strip(b" ").decode("utf-8", "surrogatepass") for line in normalised_lines(text)]


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
    assert fast(line) == [normal]


def test_normalised_lines_keep_the_lines_apart() -> None:
    text = "\n".join(line for line, _ in CASES)
    assert fast(text) == [normal for _, normal in CASES]


@pytest.mark.parametrize(
    "alphabet",
    [
        "aZ09_ .,'’-\u00a0\u2028\u200b١²½İﬁΣ\t\n!()é“”…/\ud800",
        "aZ09_ .,'\t\n\r!00  “”‘’–—…«»\u00a0",  # ASCII once typographic punctuation is blanked
    ],
)
def test_normalised_lines_equal_the_definition_on_random_texts(alphabet: str) -> None:
    rnd = random.Random(7)
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        assert fast(text) == [normalise(line) for line in text.split("\n")], repr(text)


def test_line_key_folds_digits_and_case() -> None:
    assert line_key("Updated 6 min ago") == line_key("UPDATED 12 MIN AGO.")
    assert line_key("Updated 6 min ago") != line_key("Published 6 min ago")


def test_map_keys_each_line_and_skips_data_lines() -> None:
    text = (
        "  Our reporters walk the beat!  \n\n2024-01-01, 10:30\nPrice: $5 (ΟΔΟΣ)\n"
        "A longer line of the article's text."
    )
    summary = RepeatedLine().map(DocumentView(Document("a.txt", text)))
    rows = [tuple(summary.lines[i : i + 4]) for i in range(0, len(summary.lines), 4)]
    # (key, line, first column, past-last column); the line of digits and signs is left out
    expected = [
        (line_key("Our reporters walk the beat!"), 1, 3, 31),
        (line_key("Price: $5 (ΟΔΟΣ)"), 4, 1, 17),
        (line_key("A longer line of the article's text."), 5, 1, 37),
    ]
    assert rows == [(key - (1 << 63), line, first, end) for key, line, first, end in expected]
    assert summary.copy_key == expected[2][0] - (1 << 63)  # the longest line's


def random_texts(seed: int, count: int) -> list[str]:
    """Texts of random lines: blank, furniture, data, non-ASCII, repeated, indented."""
    rnd = random.Random(seed)
    alphabet = "aZ09_ .,'’-\u00a0\u2028\u200b١²½İﬁΣσ\t!()é“”…/\ud800\x1c\x85ÉK\u212aẞ𝟘😀"
    pool = ["Follow us on X", "Read more", "2024-01-01, 10:30", "  Price: $5  ", "", "\t", "ΟΔΟΣ"]
    texts = ["", "\n\n", "Subscribe to our newsletter"]
    for _ in range(count):
        lines = []
        for _ in range(rnd.randint(0, 12)):
            if rnd.random() < 0.5:
                lines.append(rnd.choice(pool))
            else:
                lines.append("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))))
        texts.append("\n".join(lines))
    return texts


def test_map_batch_equals_map_on_random_texts() -> None:
    rule = RepeatedLine()
    docs = [
        Document("c.jsonl", text, f"d{i}", i + 1, source=None if i % 3 else "site")
        for i, text in enumerate(random_texts(8, 300))
    ]
    expected = [rule.map(DocumentView(doc)) for doc in docs]
    assert sum(len(s.lines) for s in expected) > 1000
    for size in (1, 2, 7, len(docs)):
        views = [DocumentView(doc) for doc in docs]
        found = []
        for start in range(0, len(views), size):
            found += rule.map_batch(views[start : start + size])
        assert found == expected, size


def test_map_batch_of_no_document() -> None:
    assert RepeatedLine().map_batch([]) == []
