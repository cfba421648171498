from __future__ import annotations

import random
import zlib

import numpy as np
import pytest

from linter.document import WORD_RE, Document
from linter.errors import ConfigError
from linter.runner import run
from rules.duplicate_document import (
    DuplicateDocument,
    _mod_mersenne,
    _permutations,
    bands,
    normalised_words,
    signature,
    word_hashes,
)

WORDS = (
    "the council met on monday to discuss a new budget for roads schools parks and the harbour"
    " while residents asked why repairs promised last spring had not started before winter"
).split()


def article(seed: int, length: int = 150) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(length))


def diagnostics(texts: list[str]) -> list[tuple[int, str]]:
    docs = [Document("c.jsonl", t, doc_id=f"d{i}", record=i + 1) for i, t in enumerate(texts)]
    return [(d.record, d.message) for r in run(docs, [DuplicateDocument()]) for d in r.diagnostics]


def test_a_lightly_edited_copy_is_a_near_duplicate_of_the_first() -> None:
    original = article(1)
    edited = original.replace("winter", "autumn", 1) + " Updated at noon."
    found = diagnostics([original, article(2), edited])
    assert len(found) == 1
    record, message = found[0]
    assert record == 3
    assert message.endswith("similar copy of record 1 (id d0)")


def test_an_exact_copy_ignores_case_and_punctuation() -> None:
    original = article(3)
    assert diagnostics([original, original.upper() + "!!"]) == [
        (2, "Exact copy of record 1 (id d0)")
    ]


def test_unrelated_and_short_documents_are_left_alone() -> None:
    assert diagnostics([article(1), article(2), article(4)]) == []
    assert diagnostics(["Short note one two three.", "Short note one two four."]) == []


def test_signature_is_deterministic_and_compact() -> None:
    hashes = word_hashes(normalised_words(article(5)))
    assert signature(hashes) == signature(hashes.copy())
    assert len(signature(hashes) or b"") == 64 * 4


# -- the fast paths must equal their plain definitions exactly: signatures and digests are
# compared across documents, processes and runs (a baseline keeps the findings).

# (text, words of the lower-cased text)
WORD_CASES = [
    ("The Council met.", ["the", "council", "met"]),
    ("don't DON’T", ["don't", "don’t"]),
    ("'quoted' students' ’tis", ["quoted", "students", "tis"]),
    ("a''b a’’b a'’b", ["a", "b", "a", "b", "a", "b"]),
    ("snake_case it's_ _'s", ["snake", "case", "it's", "s"]),
    ("well-known “news”—again…", ["well", "known", "news", "again"]),
    ("İstanbul'da", ["i", "stanbul'da"]),  # "İ" lower-cases to "i" and a combining dot
    ("ΟΔΟΣ café ﬁne x² ½ ١٢٣", ["οδος", "café", "ﬁne", "x²", "½", "١٢٣"]),
    ("zero\u200bwidth\u00a0space\u2028line", ["zero", "width", "space", "line"]),
    ("lone \ud800 surrogate", ["lone", "surrogate"]),
    ("", []),
]


def by_definition(text: str) -> list[bytes]:
    lower = text.lower()
    return [w.encode("utf-8", "surrogatepass") for w in WORD_RE.findall(lower)]


@pytest.mark.parametrize(("text", "words"), WORD_CASES)
def test_normalised_words(text: str, words: list[str]) -> None:
    expected = [w.encode("utf-8", "surrogatepass") for w in words]
    assert normalised_words(text) == expected
    assert by_definition(text) == expected


def test_normalised_words_equal_the_definition_on_random_texts() -> None:
    rnd = random.Random(11)
    alphabet = "aZ09_ .,''’-\u00a0\u2028\u200b١²½İﬁΣσ\t\n!()é“”…/\u0301"
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        assert normalised_words(text) == by_definition(text), repr(text)


def test_word_hashes_are_crc32() -> None:
    words = [b"the", "café".encode(), b"the", b""]
    assert word_hashes(words).tolist() == [zlib.crc32(w) for w in words]


def reference_signature(hashes: list[int]) -> bytes | None:
    """The signature in plain integers: 64-bit wrapping shingle and permutation arithmetic."""
    wrap, mersenne = (1 << 64) - 1, (1 << 61) - 1
    shingles = []
    for i in range(len(hashes) - 4):
        value = 0
        for h in hashes[i : i + 5]:
            value = (value * 1_000_003 + h) & wrap
        if (value >> 17) % 4 == 0:
            shingles.append(value)
    if not shingles:
        return None
    a, b = _permutations()
    mins = [
        min(((int(ai) * x & wrap) + int(bi) & wrap) % mersenne for x in shingles)
        for ai, bi in zip(a, b, strict=True)
    ]
    return np.array([m & 0xFFFFFFFF for m in mins], dtype=np.uint32).tobytes()


@pytest.mark.parametrize("seed", range(5))
def test_signature_equals_the_plain_integer_definition(seed: int) -> None:
    rnd = random.Random(seed)
    hashes = [rnd.getrandbits(32) for _ in range(rnd.randint(5, 120))]
    assert signature(np.array(hashes, dtype=np.uint64)) == reference_signature(hashes)


def test_mod_mersenne_at_the_edges() -> None:
    mersenne = (1 << 61) - 1
    edges = [0, 1, mersenne - 1, mersenne, mersenne + 1, mersenne + 7, 1 << 61, (1 << 64) - 1]
    rnd = random.Random(3)
    edges += [rnd.getrandbits(64) for _ in range(50)]
    values = np.array(edges, dtype=np.uint64)
    assert _mod_mersenne(values).tolist() == [v % mersenne for v in edges]


def test_bands_for_the_default_threshold() -> None:
    assert bands(0.8) == (5, 11)


def test_bands_equal_datasketchs_optimal_parameters() -> None:
    lsh = pytest.importorskip("datasketch.lsh")
    for threshold in [i / 100 for i in range(1, 100)]:
        assert bands(threshold) == lsh._optimal_param(threshold, 64, 0.5, 0.5), threshold


@pytest.mark.parametrize("threshold", [-0.1, 1.5])
def test_threshold_outside_zero_to_one_is_a_config_error(threshold: float) -> None:
    with pytest.raises(ConfigError):
        DuplicateDocument({"threshold": threshold})
