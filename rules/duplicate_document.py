"""DU101 duplicate-document: the same article scraped twice, anywhere in the corpus."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from linter.diagnostic import Diagnostic
from linter.document import WORD_RE, DocumentView
from linter.rule import Anchor, Option, Rule

SHINGLE = 5  # words per shingle: long enough that unrelated news shares few of them
NUM_PERM = 64
SCHEME = "affine32"  # 32-bit values: half the memory of the legacy scheme


class Summary(NamedTuple):
    anchor: Anchor
    exact: bytes  # digest of the normalised text
    signature: tuple[int, ...] | None  # MinHash values; None for texts too short to compare


@lru_cache(maxsize=1)
def _template():
    # Imported lazily: numpy and datasketch are only paid for by runs that use this rule.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32, scheme=SCHEME)


def _normalised_words(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


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

    Memory: per document one 16-byte digest, 64 four-byte MinHash values and its anchor, kept
    until the end of the run; never its text.

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
        signature = None
        if len(words) >= max(self.min_words, SHINGLE):
            shingles = {
                " ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)
            }
            minhash = _template().copy()
            minhash.update_batch(sorted(shingles))
            signature = tuple(int(v) for v in minhash.hashvalues)
        return Summary(self.anchor(view, *_first_line_span(view)), exact, signature)

    def reduce(self, summaries: Iterable[Summary]) -> Iterator[Diagnostic]:
        from datasketch import MinHash, MinHashLSH

        first_by_digest: dict[bytes, Anchor] = {}
        lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)
        minhashes: dict[int, MinHash] = {}
        anchors: list[Anchor] = []
        for index, summary in enumerate(summaries):
            anchors.append(summary.anchor)
            original = first_by_digest.get(summary.exact)
            if original is not None:
                yield self._report(summary.anchor, original, "Exact copy")
                continue
            first_by_digest[summary.exact] = summary.anchor
            if summary.signature is None:
                continue
            minhash = MinHash(
                num_perm=NUM_PERM, hashvalues=summary.signature, hashfunc=zlib.crc32, scheme=SCHEME
            )
            best = None
            for key in sorted(lsh.query(minhash)):
                similarity = minhash.jaccard(minhashes[key])
                if similarity >= self.threshold and (best is None or similarity > best[0]):
                    best = (similarity, key)
            if best is not None:
                similarity, key = best
                yield self._report(summary.anchor, anchors[key], f"{similarity:.0%} similar copy")
                continue
            lsh.insert(index, minhash)
            minhashes[index] = minhash

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
