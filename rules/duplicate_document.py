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
from linter.document import DocumentView, word_regex
from linter.rule import Anchor, Option, Rule

SHINGLE = 5  # words per shingle: long enough that unrelated news shares few of them
NUM_PERM = 64
# Only shingles whose hash falls in one of SAMPLE buckets are kept. The choice depends on the
# shingle alone, so two documents keep the same part of what they share and the Jaccard
# estimate holds, at a quarter of the hashing work.
SAMPLE = 4
SCHEME = "affine32"  # datasketch's name for 32-bit values, which these signatures are
_MERSENNE = np.uint64((1 << 61) - 1)
_WORD_HASHES: dict[str, int] = {}
_WORD_HASH_LIMIT = 1 << 20  # bounds the per-process cache of word hashes


class Summary(NamedTuple):
    anchor: Anchor
    exact: bytes  # digest of the normalised text
    signature: bytes | None  # NUM_PERM uint32 MinHash values; None for texts too short


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(1)
    a = rng.randint(1, 1 << 61, size=NUM_PERM, dtype=np.uint64)
    b = rng.randint(0, 1 << 61, size=NUM_PERM, dtype=np.uint64)
    return a, b


def _word_hash(word: str) -> int:
    value = _WORD_HASHES.get(word)
    if value is None:
        if len(_WORD_HASHES) > _WORD_HASH_LIMIT:
            _WORD_HASHES.clear()
        value = _WORD_HASHES[word] = zlib.crc32(word.encode())
    return value


def signature(words: list[str]) -> bytes | None:
    """The MinHash signature of a text's five-word shingles (sampled; see SAMPLE).

    The values are computed with numpy here, in the per-document map, so that this hot path does
    not pay datasketch's import (scipy, about a second per process); datasketch's LSH index
    then does the banding and lookups at reduce time.
    """
    hashes = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    count = len(words) - SHINGLE + 1
    shingles = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE):  # a polynomial hash of the five word hashes, wrapping
        shingles = shingles * np.uint64(1_000_003) + hashes[offset : offset + count]
    kept = shingles[(shingles >> np.uint64(17)) % np.uint64(SAMPLE) == 0]
    if kept.size == 0:
        return None
    a, b = _permutations()
    permuted = (kept[:, None] * a + b) % _MERSENNE
    return (permuted.min(axis=0) & np.uint64(0xFFFFFFFF)).astype(np.uint32).tobytes()


def _normalised_words(text: str) -> list[str]:
    lower = text.lower()
    return word_regex(lower).findall(lower)


class DuplicateDocument(Rule):
    """Flags a document that repeats an earlier document of the corpus, exactly or nearly.

    Scrapers fetch the same article under two URLs, from a print view and an AMP page, or before
    and after a small update. Each copy after the first is reported on its first line, naming
    the first copy. Exact copies are found by a hash of the normalised text (case, punctuation
    and spacing ignored); near copies by MinHash over five-word shingles with locality-sensitive
    hashing (datasketch), confirmed by the estimated Jaccard similarity.

    Leaves alone:
    - documents shorter than `min-words` words for near-duplicates (short texts share too much
      by chance); they are still compared exactly;
    - documents that merely share paragraphs (a quote, a standard paragraph): their shingle
      sets differ far more than the threshold allows.

    Memory: per document one 16-byte digest, 64 four-byte MinHash values (256 bytes) and its
    anchor, kept until the end of the run; never its text. Measured with Python's object
    overhead: about 0.9 KB per document for the summaries, and about 5 KB per document at the
    peak of the reduce, most of it datasketch's LSH index.

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

    def map(self, view: DocumentView) -> Summary:
        words = _normalised_words(view.text)
        exact = hashlib.blake2b(" ".join(words).encode(), digest_size=16).digest()
        near = signature(words) if len(words) >= max(self.min_words, SHINGLE) else None
        return Summary(self.anchor(view, *_first_line_span(view)), exact, near)

    def reduce(self, summaries: Iterable[Summary]) -> Iterator[Diagnostic]:
        summaries = summaries if isinstance(summaries, list) else list(summaries)
        lsh = None
        if sum(1 for s in summaries if s.signature is not None) > 1:
            # Imported here: datasketch pulls in scipy, which a run without two comparable
            # documents (a pre-commit run, say) never needs.
            from datasketch import LeanMinHash, MinHashLSH

            lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)
        first_by_digest: dict[bytes, Anchor] = {}
        for index, summary in enumerate(summaries):
            original = first_by_digest.get(summary.exact)
            if original is not None:
                yield self._report(summary.anchor, original, "Exact copy")
                continue
            first_by_digest[summary.exact] = summary.anchor
            if summary.signature is None or lsh is None:
                continue
            values = np.frombuffer(summary.signature, dtype=np.uint32)
            best = None
            for key in sorted(lsh.query(LeanMinHash(seed=1, hashvalues=values, scheme=SCHEME))):
                # The estimated Jaccard similarity, straight from the kept signatures: no
                # MinHash object per document stays in memory beside the LSH index.
                other = np.frombuffer(summaries[key].signature, dtype=np.uint32)
                similarity = float(np.count_nonzero(values == other)) / NUM_PERM
                if similarity >= self.threshold and (best is None or similarity > best[0]):
                    best = (similarity, key)
            if best is not None:
                similarity, key = best
                yield self._report(
                    summary.anchor, summaries[key].anchor, f"{similarity:.0%} similar copy"
                )
                continue
            lsh.insert(index, LeanMinHash(seed=1, hashvalues=values, scheme=SCHEME))

    def _report(self, copy: Anchor, original: Anchor, kind: str) -> Diagnostic:
        where = original.document
        if original.path != copy.path:
            where = f"{original.path} {where}" if original.record is not None else original.path
        return self.diagnostic_at(copy, f"{kind} of {where}")


_LEADING_BLANK = re.compile(r"\s*")


def _first_line_span(view: DocumentView) -> tuple[int, int]:
    for line in view.nonblank_lines:
        return line.start + _LEADING_BLANK.match(line.text).end(), line.end
    return 0, 0
