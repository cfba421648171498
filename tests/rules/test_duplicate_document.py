from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import rules.duplicate_document as duplicate_document
from linter.document import WORD_RE, Document, DocumentView
from linter.errors import ConfigError
from linter.rule import Anchor
from linter.runner import run
from rules.duplicate_document import (
    _BASE,
    DuplicateDocument,
    Summary,
    _first_line_span,
    bands,
    joined_words,
    normalised_words,
    shingle_hashes,
    signature,
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


def shingles_of(text: str) -> np.ndarray:
    joined = joined_words(text)
    return shingle_hashes(joined, np.flatnonzero(joined == ord(" ")))


def test_signature_is_deterministic_and_compact() -> None:
    hashes = shingles_of(article(5))
    assert signature(hashes) == signature(hashes.copy())
    assert len(signature(hashes) or b"") == 64 * 4


def test_signatures_do_not_depend_on_the_process_or_its_hash_seed() -> None:
    """Map workers must agree: nothing may come from `hash` or process state."""
    code = (
        "from rules.duplicate_document import *; import numpy as np; "
        "j = joined_words(open(0).read()); "
        "print(signature(shingle_hashes(j, np.flatnonzero(j == 32))).hex())"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code],
            input=article(6),
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=str(Path(__file__).parents[2]),
        )
        outputs.add(result.stdout)
    assert outputs == {(signature(shingles_of(article(6))) or b"").hex() + "\n"}


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


def test_joined_words_are_the_words_between_single_spaces() -> None:
    rnd = random.Random(12)
    alphabet = "aZ0_ .'’“”\u2018–\u00a0éΣİ\n"
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        words = by_definition(text)
        expected = b" " + b" ".join(words) + b" " if words else b" "
        assert joined_words(text).tobytes() == expected, repr(text)


def reference_shingles(text: str) -> list[int]:
    """Each shingle's words and the space after them, as a polynomial in the base, in plain
    integers modulo 2**64."""
    words = by_definition(text)
    values = []
    for i in range(len(words) - 4):
        data = b" ".join(words[i : i + 5]) + b" "
        values.append(sum(byte * _BASE ** (k + 1) for k, byte in enumerate(data)) % (1 << 64))
    return values


@pytest.mark.parametrize(
    "text",
    ["", "one two three four", "one two three four five", "Café, “déjà vu” – don’t stop"]
    + [article(seed, 40) for seed in range(3)],
)
def test_shingle_hashes_equal_the_plain_integer_definition(text: str) -> None:
    assert shingles_of(text).tolist() == reference_shingles(text)


def test_shingle_hashes_of_a_text_longer_than_the_kept_power_tables() -> None:
    text = article(7, 200_000)  # over a megabyte
    assert len(text) > 1 << 20
    assert shingles_of(text)[-50:].tolist() == reference_shingles(" ".join(text.split()[-54:]))


def reference_signature(shingles: list[int]) -> bytes | None:
    """One-permutation hashing in plain integers: 64 bins by the top 6 bits, each bin's least
    hash (its 32 bits below the bin bits); an empty bin takes the next non-empty bin's value
    to its right, cyclically, plus 0x9E3779B9 per bin of distance, modulo 2**32."""
    if not shingles:
        return None
    least: dict[int, int] = {}
    for x in shingles:
        least[x >> 58] = min(least.get(x >> 58, x), x)
    values = []
    for bin_ in range(64):
        distance = next(d for d in range(64) if (bin_ + d) % 64 in least)
        value = least[(bin_ + distance) % 64] >> 26 & 0xFFFFFFFF
        values.append((value + distance * 0x9E3779B9) % (1 << 32))
    return np.array(values, dtype=np.uint32).tobytes()


@pytest.mark.parametrize("count", [1, 2, 7, 40, 64, 300, 3000])
def test_signature_equals_the_plain_integer_definition(count: int) -> None:
    rnd = random.Random(count)
    shingles = [rnd.getrandbits(64) for _ in range(count)]
    shingles[-1] = shingles[0]  # a repeated shingle counts once
    assert signature(np.array(shingles, dtype=np.uint64)) == reference_signature(shingles)


def test_signature_of_no_shingle_is_none() -> None:
    assert signature(np.zeros(0, dtype=np.uint64)) is None


def test_the_first_line_anchor_equals_the_generic_anchor() -> None:
    rule = DuplicateDocument()
    for text in ["", "  ", "\n\n  Title here\nbody", "héllo “x”\n", "a", " \t x y \n\n z"]:
        for doc in (Document("p", text, "d", 3), Document("p", text), Document("p", text, "3", 3)):
            view = DocumentView(doc)
            assert rule.first_line_anchor(view) == rule.anchor(view, *_first_line_span(text))


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


# -- the batched map: `map_batch` must give every document exactly what `map` gives it, whatever
# the documents around it (the runner hands it whole batches).


def mixed_texts(seed: int, count: int) -> list[str]:
    """Empty, blank, short, non-ASCII and long texts, and copies, in random order."""
    rnd = random.Random(seed)
    alphabet = "aZ09_ .,''’-\u00a0\u2028\u200b١²½İﬁΣσ\t\n!()é“”…/\u0301\ud800ÉK\u212aẞ𝟘😀"
    texts = ["", " \n ", "one two three four five", article(8), article(8), article(9, 49)]
    for _ in range(count):
        if rnd.random() < 0.4:
            texts.append("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60))))
        else:
            text = article(rnd.randrange(1000), rnd.randint(0, 300))
            if rnd.random() < 0.3:
                text = text.replace("the", rnd.choice(["ΤΗΕ", "thé", "the’s", "“the”"]))
            texts.append(text)
    rnd.shuffle(texts)
    return texts


def batch_maps(rule: DuplicateDocument, views: list[DocumentView], size: int) -> list:
    found = []
    for start in range(0, len(views), size):
        found += rule.map_batch(views[start : start + size])
    return found


@pytest.mark.parametrize("options", [{}, {"min-words": 1}, {"min-words": 120}])
def test_map_batch_equals_map_on_random_texts(options: dict) -> None:
    rule = DuplicateDocument(options)
    docs = [Document("c.jsonl", t, f"d{i}", i + 1) for i, t in enumerate(mixed_texts(14, 300))]
    views = [DocumentView(doc) for doc in docs]
    expected = [rule.map(view) for view in views]
    assert sum(s.signature is not None for s in expected) > 50  # near copies are compared
    for size in (1, 2, 7, 64, len(views)):
        assert batch_maps(rule, views, size) == expected, size


@pytest.mark.parametrize("group_bytes", [1, 100, 1 << 24])
def test_map_batch_does_not_depend_on_how_documents_are_grouped(
    monkeypatch, group_bytes: int
) -> None:
    rule = DuplicateDocument()
    views = [DocumentView(Document("p", t)) for t in mixed_texts(15, 60)]
    expected = [rule.map(view) for view in views]
    monkeypatch.setattr(duplicate_document, "_GROUP_BYTES", group_bytes)
    assert rule.map_batch(views) == expected


def test_map_batch_of_a_text_longer_than_the_kept_power_tables() -> None:
    rule = DuplicateDocument()
    views = [DocumentView(Document("p", t)) for t in (article(1), article(7, 200_000), "")]
    assert rule.map_batch(views) == [rule.map(view) for view in views]


def test_map_batch_of_no_document() -> None:
    assert DuplicateDocument().map_batch([]) == []


def summary_with(values: list[int], record: int) -> Summary:
    anchor = Anchor("c.jsonl", f"d{record}", record, 1, 1, 1, 2, 0, 1, f"f{record}")
    exact = record.to_bytes(16, "little")
    return Summary(anchor, exact, np.array(values, dtype=np.uint32).tobytes())


def test_documents_sharing_only_the_start_of_each_band_are_no_candidates() -> None:
    """The band tables file a band under its first values; a candidate must match it whole.
    Here the second signature agrees with the first in 52 of 64 values (81%, above the
    threshold) and in the first two values of every band, but no band is equal."""
    count, rows = bands(0.8)
    rnd = random.Random(3)
    first = [rnd.getrandbits(32) for _ in range(64)]
    second = list(first)
    for band in range(count):
        second[band * rows + rows - 1] ^= 1  # the band's last value differs
    for position in range(count * rows, count * rows + 7):
        second[position] ^= 1
    assert sum(a == b for a, b in zip(first, second, strict=True)) == 52
    summaries = [summary_with(first, 1), summary_with(second, 2)]
    assert list(DuplicateDocument().reduce(summaries)) == []
    second[rows - 1] = first[rows - 1]  # now the first band is equal: a candidate, and a copy
    summaries = [summary_with(first, 1), summary_with(second, 2)]
    found = [(d.record, d.message) for d in DuplicateDocument().reduce(summaries)]
    assert found == [(2, "83% similar copy of record 1 (id d1)")]
