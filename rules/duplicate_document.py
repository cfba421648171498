"""DU101 duplicate-document: the same article scraped twice, anywhere in the corpus."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from linter.diagnostic import Diagnostic
from linter.document import DocumentView
from linter.errors import ConfigError
from linter.rule import Anchor, Option, Rule

SHINGLE = 5  # words per shingle: long enough that unrelated news shares few of them
NUM_PERM = 64
# Only shingles whose hash falls in one of SAMPLE buckets are kept. The choice depends on the
# shingle alone, so two documents keep the same part of what they share and the Jaccard
# estimate holds, at a quarter of the hashing work.
SAMPLE = 4
_BASE = np.uint64(1_000_003)  # of the polynomial hash of a shingle's word hashes
_MERSENNE = np.uint64((1 << 61) - 1)
_WORD_HASH_LIMIT = 1 << 20  # bounds the per-process cache of word hashes


class Summary(NamedTuple):
    anchor: Anchor
    exact: bytes  # digest of the normalised text
    signature: bytes | None  # NUM_PERM uint32 MinHash values; None for texts too short


# -- words -------------------------------------------------------------------------------------

# Every ASCII byte that is not a letter, digit or apostrophe becomes a space; "_" too, as in
# WORD_RE. Bytes of non-ASCII characters pass through (see _separates).
_ASCII_SEPARATORS = bytes(
    c if c >= 0x80 or chr(c).isalnum() or c == ord("'") else ord(" ") for c in range(256)
)
_ASCII = bytes(range(0x80))
# An apostrophe joins two words' letters ("don't") and separates anywhere else. (Written to
# start with the apostrophe, so that the regex engine skips ahead to the next one.)
_STRAY_APOSTROPHE = re.compile(r"['’](?:(?<![^\W_]['’])|(?![^\W_]))")


def normalised_words(text: str) -> list[bytes]:
    """The words of the lower-cased text, UTF-8 encoded: `WORD_RE.findall(text.lower())`.

    Found with bytes methods instead of the regex (about 2.5 times as fast on English news, a
    little faster on Cyrillic): separators become spaces (ASCII ones in one `translate`, the
    few distinct non-ASCII ones each in one `replace`), then `split`.
    """
    lower = text.lower()
    if "'" in lower or "’" in lower:
        lower = _STRAY_APOSTROPHE.sub(" ", lower)
    data = lower.encode("utf-8", "surrogatepass").translate(_ASCII_SEPARATORS)
    if not lower.isascii():
        others = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
        for char in set(others):
            if _separates(char):
                data = data.replace(char.encode("utf-8", "surrogatepass"), b" ")
    return data.split()


@lru_cache(maxsize=4096)
def _separates(char: str) -> bool:
    """A non-ASCII character ends a word unless it is a letter or digit; "’" is left to
    _STRAY_APOSTROPHE, which has already removed it wherever it does not join two words."""
    return not char.isalnum() and char != "’"


class _WordHashes(dict):
    """The crc32 of each word, computed once per process. crc32 is the same in every process
    (unlike `hash`, which is seeded), so map workers agree; news repeats most of its words."""

    def __missing__(self, word: bytes) -> int:
        value = self[word] = zlib.crc32(word)
        return value


_WORD_HASHES = _WordHashes()


def word_hashes(words: list[bytes]) -> np.ndarray:
    """The words' crc32 values as uint64, with one dict lookup per word in C (`map`)."""
    if len(_WORD_HASHES) > _WORD_HASH_LIMIT:
        _WORD_HASHES.clear()
    return np.fromiter(map(_WORD_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))


# -- MinHash -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(1)
    a = rng.randint(1, 1 << 61, size=NUM_PERM, dtype=np.uint64)
    b = rng.randint(0, 1 << 61, size=NUM_PERM, dtype=np.uint64)
    return a, b


def signature(hashes: np.ndarray) -> bytes | None:
    """The MinHash signature of a text's five-word shingles (sampled; see SAMPLE), from its word
    hashes: NUM_PERM values of (a * shingle + b) mod 2**61 - 1, each the minimum over the
    shingles, keeping the low 32 bits."""
    count = len(hashes) - SHINGLE + 1
    if count < 1:
        return None
    shingles = hashes[:count].copy()  # a polynomial hash of the five word hashes, wrapping
    for offset in range(1, SHINGLE):
        shingles *= _BASE
        shingles += hashes[offset : offset + count]
    kept = shingles[(shingles >> np.uint64(17)) % np.uint64(SAMPLE) == 0]
    if kept.size == 0:
        return None
    a, b = _permutations()
    values = kept[:, None] * a
    values += b
    return _mod_mersenne(values).min(axis=0).astype(np.uint32).tobytes()


def _mod_mersenne(values: np.ndarray) -> np.ndarray:
    """`values % (2**61 - 1)`, in place and without a division (numpy's `%` is the slowest step
    of a signature): x = high * 2**61 + low is congruent to high + low, which is below
    2**61 - 1 + 8 and so needs the modulus taken off at most once."""
    high = values >> np.uint64(61)
    values &= _MERSENNE
    values += high
    if values.max() >= _MERSENNE:
        np.subtract(values, _MERSENNE, out=values, where=values >= _MERSENNE)
    return values


# -- locality-sensitive hashing ----------------------------------------------------------------


@lru_cache(maxsize=16)
def bands(threshold: float) -> tuple[int, int]:
    """How many bands of how many signature values: the split that minimises the equally
    weighted chance of a false candidate (similarity below `threshold`) and of a missed one,
    as in MinHash LSH (Leskovec, Rajaraman and Ullman, Mining of Massive Datasets, ch. 3).

    A document is a candidate copy of another when one band of their signatures is equal; at
    similarity s that happens with probability 1 - (1 - s**rows)**bands. The integrals of the
    two error areas are exact with Gauss-Legendre nodes: the integrands are polynomials of
    degree at most NUM_PERM.
    """
    pairs = [(b, r) for b in range(1, NUM_PERM + 1) for r in range(1, NUM_PERM // b + 1)]
    b = np.array([pair[0] for pair in pairs], dtype=float)[:, None]
    r = np.array([pair[1] for pair in pairs], dtype=float)[:, None]
    nodes, weights = np.polynomial.legendre.leggauss(NUM_PERM // 2 + 1)

    def integral(low: float, high: float, function) -> np.ndarray:
        at = (high - low) / 2 * nodes + (high + low) / 2
        return function(at[None, :]) @ weights * (high - low) / 2

    false_positive = integral(0.0, threshold, lambda s: 1 - (1 - s**r) ** b)
    false_negative = integral(threshold, 1.0, lambda s: (1 - s**r) ** b)
    return pairs[int(np.argmin(false_positive + false_negative))]


class DuplicateDocument(Rule):
    """Flags a document that repeats an earlier document of the corpus, exactly or nearly.

    Scrapers fetch the same article under two URLs, from a print view and an AMP page, or before
    and after a small update. Each copy after the first is reported on its first line, naming
    the first copy. Exact copies are found by a hash of the normalised text (case, punctuation
    and spacing ignored); near copies by MinHash over five-word shingles with locality-sensitive
    hashing (bands of the signature in dictionaries), confirmed by the estimated Jaccard
    similarity.

    Leaves alone:
    - documents shorter than `min-words` words for near-duplicates (short texts share too much
      by chance); they are still compared exactly;
    - documents that merely share paragraphs (a quote, a standard paragraph): their shingle
      sets differ far more than the threshold allows.

    Memory: per document one 16-byte digest, 64 four-byte MinHash values (256 bytes) and its
    anchor, kept until the end of the run; never its text. Measured with Python's object
    overhead (tracemalloc, 10,000 news-like records): about 0.7 KB per document for the
    summaries, and about 1.7 KB per document at the peak of the reduce, summaries included.
    Each process also caches the hashes of at most about a million distinct words.

    Corpus-scope: it sees every document of a run, so it needs more than one document to fire.

    Bad:
        (a record whose text equals, or nearly equals, an earlier record's text)

    Good:
        (a record with a text of its own)
    """

    code = "DU101"
    name = "duplicate-document"
    family = "duplication"
    summary = "A document repeating an earlier document of the corpus"
    scope = "corpus"
    options = (
        Option("threshold", 0.8, "Estimated Jaccard similarity above which two texts are copies"),
        Option("min_words", 50, "Shortest text, in words, compared for near-duplicates"),
    )

    def setup(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise ConfigError(f"rule {self.code}: threshold must be between 0 and 1")

    def map(self, view: DocumentView) -> Summary:
        words = normalised_words(view.text)
        exact = hashlib.blake2b(b" ".join(words), digest_size=16).digest()
        near = None
        if len(words) >= max(self.min_words, SHINGLE):
            near = signature(word_hashes(words))
        return Summary(self.anchor(view, *_first_line_span(view.text)), exact, near)

    def reduce(self, summaries: Iterable[Summary]) -> Iterator[Diagnostic]:
        summaries = summaries if isinstance(summaries, list) else list(summaries)
        count, rows = bands(self.threshold)
        width = rows * 4  # bytes of a band: `rows` uint32 values
        # Per band, the documents (indexes) whose signature has that band's values.
        tables: list[dict[bytes, list[int]]] = [{} for _ in range(count)]
        first_by_digest: dict[bytes, Anchor] = {}
        for index, summary in enumerate(summaries):
            original = first_by_digest.get(summary.exact)
            if original is not None:
                yield self._report(summary.anchor, original, "Exact copy")
                continue
            first_by_digest[summary.exact] = summary.anchor
            if summary.signature is None:
                continue
            keys = [summary.signature[i * width : (i + 1) * width] for i in range(count)]
            candidates: set[int] = set()
            for key, table in zip(keys, tables, strict=True):
                candidates.update(table.get(key, ()))
            best = self._most_similar(summary.signature, sorted(candidates), summaries)
            if best is not None:
                similarity, key = best
                yield self._report(
                    summary.anchor, summaries[key].anchor, f"{similarity:.0%} similar copy"
                )
                continue
            for key, table in zip(keys, tables, strict=True):
                table.setdefault(key, []).append(index)

    def _most_similar(
        self, signature: bytes, candidates: list[int], summaries: list[Summary]
    ) -> tuple[float, int] | None:
        """The candidate with the highest estimated Jaccard similarity (the share of equal
        MinHash values) at or above the threshold; the earliest of equals."""
        values = np.frombuffer(signature, dtype=np.uint32)
        best = None
        for key in candidates:
            other = np.frombuffer(summaries[key].signature, dtype=np.uint32)
            similarity = float(np.count_nonzero(values == other)) / NUM_PERM
            if similarity >= self.threshold and (best is None or similarity > best[0]):
                best = (similarity, key)
        return best

    def _report(self, copy: Anchor, original: Anchor, kind: str) -> Diagnostic:
        where = original.document
        if original.path != copy.path:
            where = f"{original.path} {where}" if original.record is not None else original.path
        return self.diagnostic_at(copy, f"{kind} of {where}")


_VISIBLE = re.compile(r"\S")


def _first_line_span(text: str) -> tuple[int, int]:
    """From the first visible character to the end of its line; (0, 0) for a blank text."""
    found = _VISIBLE.search(text)
    if found is None:
        return 0, 0
    end = text.find("\n", found.start())
    return found.start(), len(text) if end == -1 else end
