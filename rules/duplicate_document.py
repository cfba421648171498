"""DU101 duplicate-document: the same article scraped twice, anywhere in the corpus."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import numpy as np

from linter.diagnostic import Diagnostic
from linter.document import DocumentView
from linter.errors import ConfigError
from linter.rule import Anchor, Option, Rule, fingerprint

SHINGLE = 5  # words per shingle: long enough that unrelated news shares few of them
NUM_PERM = 64  # signature values: the bins of one-permutation hashing (a power of two)
# The polynomial hash of a shingle's bytes, modulo 2**64 (numpy's uint64 wraps). The base is
# odd, so it has an inverse modulo 2**64, which moves a substring's hash to position 0, and
# has bits set throughout (2**64 over the golden ratio), so that every bit of the hash above
# the lowest few depends on every byte (a signature uses the top 38).
_BASE = 0x9E3779B97F4A7C15
_BASE_INVERSE = pow(_BASE, -1, 1 << 64)
_POWERS_KEPT = 1 << 20  # bytes: power tables up to this length stay for the process (16 MiB)
_SPACE = ord(" ")


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
# For an ASCII text, lower-casing too (in the same `translate`).
_ASCII_LOWER_SEPARATORS = bytes(
    ord(chr(c).lower()) if chr(c).isalnum() or c == ord("'") else _SPACE for c in range(128)
) + bytes(range(128, 256))
_QUOTE = re.compile(rb"'|\xe2\x80\x99")  # "'" and its typographic form "’"
_RIGHT_QUOTE = "’".encode()
_CURLY = np.frombuffer(_RIGHT_QUOTE, dtype=np.uint8)
_APOSTROPHE = ord("'")
_NOT_LETTERS = b" '"


def normalised_words(text: str) -> list[bytes]:
    """The words of the lower-cased text, UTF-8 encoded: `WORD_RE.findall(text.lower())`."""
    return joined_words(text).tobytes().split()


def joined_words(text: str) -> np.ndarray:
    """`b" ".join(normalised_words(text))` as a uint8 array, with one more space at each end
    (so that every word lies between two spaces), without a Python object per word.

    Bytes operations instead of the regex: separators become spaces (see _spaced_words),
    apostrophes that join no two letters are blanked, then numpy squeezes each run of spaces
    to one.
    """
    data = _spaced_words(text)
    if b"'" in data or _RIGHT_QUOTE in data:
        data = _without_stray_apostrophes(data)
    spaced = np.frombuffer(b" " + data + b" ", dtype=np.uint8)
    in_word = spaced != _SPACE
    keep = in_word.copy()  # a word's bytes, the one space after each word, the first space
    keep[1:] |= in_word[:-1]
    keep[0] = True
    return spaced[keep]


# Typographic punctuation frequent in news. Blanking these in the str (a fast `replace` per
# character) leaves most texts ASCII but for "’", which lets them take the fast path.
_FREQUENT_SEPARATORS = "“”‘–—…«»\xa0"


def _spaced_words(text: str) -> bytes:
    """The lower-cased text, UTF-8 encoded, with a space for every character that is neither
    a letter, a digit nor an apostrophe ("'" or "’")."""
    short = text
    for char in _FREQUENT_SEPARATORS:
        if char in short:
            short = short.replace(char, " ")
    if short.isascii() or short.replace("’", "").isascii():
        # Lower-casing ASCII letters is context-free: one `translate` does it.
        return short.encode().translate(_ASCII_LOWER_SEPARATORS)
    # Other characters: each distinct one is blanked in one `replace` if it separates words,
    # in the str (in UTF-8, a search for one stops at most bytes of a text in a CJK script).
    # The original text is lower-cased, as "Σ" lower-cases by its context.
    lowered = text.lower()
    others = lowered.encode("utf-8", "surrogatepass").translate(None, _ASCII)
    for char in distinct_characters(others.decode("utf-8", "surrogatepass")):
        if _separates(char):
            lowered = lowered.replace(char, " ")
    return lowered.encode("utf-8", "surrogatepass").translate(_ASCII_SEPARATORS)


def distinct_characters(text: str) -> set[str]:
    """`set(text)`; for a long text, from the distinct code points numpy finds, which is several
    times cheaper than making a one-character string of each character (texts in CJK scripts
    have thousands of them)."""
    if len(text) < 64:
        return set(text)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return set(map(chr, np.unique(codes).tolist()))


@lru_cache(maxsize=4096)
def _separates(char: str) -> bool:
    """A non-ASCII character ends a word unless it is a letter or digit; "’" is left to
    _without_stray_apostrophes, which keeps it only where it joins two words."""
    return not char.isalnum() and char != "’"


def _without_stray_apostrophes(data: bytes) -> bytes:
    """`data` with a space for each apostrophe ("'" or "’") that does not join two letters or
    digits, which WORD_RE does not take into a word. Every byte of `data` that is not a space
    belongs to a letter, a digit or an apostrophe: other characters are spaces already."""
    pieces = []
    last = 0
    for match in _QUOTE.finditer(data):
        start, end = match.span()
        joins = (
            start > 0
            and data[start - 1] not in _NOT_LETTERS
            and not data.endswith(_RIGHT_QUOTE, 0, start)
            and end < len(data)
            and data[end] not in _NOT_LETTERS
            and not data.startswith(_RIGHT_QUOTE, end)
        )
        if not joins:
            pieces += (data[last:start], b" ")
            last = end
    if not pieces:
        return data
    pieces.append(data[last:])
    return b"".join(pieces)


# -- shingles ----------------------------------------------------------------------------------


# Powers of the base and of its inverse, grown by _powers and kept while at most _POWERS_KEPT.
_POWER_TABLES = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]


def _powers(length: int) -> tuple[np.ndarray, np.ndarray]:
    """The first `length` powers of the base and of its inverse, modulo 2**64. The kept tables
    grow by doubling up to _POWERS_KEPT entries; a longer text gets tables of its own."""
    if _POWER_TABLES[0].size < length:
        size = max(length, min(2 * _POWER_TABLES[0].size, _POWERS_KEPT))
        tables = []
        for base in (_BASE, _BASE_INVERSE):
            table = np.full(size, base, dtype=np.uint64)
            table[0] = 1
            tables.append(np.cumprod(table, dtype=np.uint64))  # wraps modulo 2**64
        if size > _POWERS_KEPT:
            return tables[0][:length], tables[1][:length]
        _POWER_TABLES[:] = tables
    return _POWER_TABLES[0][:length], _POWER_TABLES[1][:length]


def shingle_hashes(joined: np.ndarray, spaces: np.ndarray) -> np.ndarray:
    """A 64-bit hash of every run of SHINGLE consecutive words of `joined_words`, whose
    spaces are at `spaces`, without a Python object per word: a shingle's polynomial hash is
    the difference of two prefix sums, moved to position 0 by a power of the inverse base."""
    if spaces.size <= SHINGLE:
        return np.zeros(0, dtype=np.uint64)
    powers, inverses = _powers(joined.size)
    prefix = np.cumsum(joined * powers)  # uint64: wraps modulo 2**64
    before = spaces[:-SHINGLE]  # the space before each shingle's first word
    values = prefix[spaces[SHINGLE:]] - prefix[before]  # its words and the space after them
    values *= inverses[before]
    return values


# -- MinHash -----------------------------------------------------------------------------------


# A shingle's bin is the top 6 bits of its hash (the high bits of a polynomial hash modulo
# 2**64 mix every byte best); its value in the bin the 32 bits below them.
_BIN_SHIFT = np.uint64(64 - (NUM_PERM - 1).bit_length())
_VALUE_SHIFT = np.uint64(int(_BIN_SHIFT) - 32)
_BIN_STARTS = np.arange(NUM_PERM, dtype=np.uint64) << _BIN_SHIFT
_BINS = np.arange(NUM_PERM)
_ROTATION = np.uint32(0x9E3779B9)  # added per bin of distance to a borrowed value (odd)


def signature(shingles: np.ndarray) -> bytes | None:
    """The one-permutation MinHash signature of a text's shingle hashes (Li, Owen and Zhang,
    One Permutation Hashing, 2012): the shingles fall into NUM_PERM bins by their hash, and
    each bin keeps its least value. Two texts agree in a bin with probability their Jaccard
    similarity, like classic MinHash with NUM_PERM permutations, from one sort instead of
    NUM_PERM hashes of every shingle, and every shingle counts.

    An empty bin (short texts) borrows the value of the next non-empty bin to its right,
    cyclically, plus _ROTATION times the distance (densification by rotation, Shrivastava and
    Li, 2014), so that every signature value is set and the estimate stays unbiased.
    """
    if shingles.size == 0:
        return None
    ordered = np.sort(shingles)
    first = np.searchsorted(ordered, _BIN_STARTS)  # each bin's least hash, if it has one
    least = ordered[np.minimum(first, ordered.size - 1)]
    values = ((least >> _VALUE_SHIFT) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    present = (least >> _BIN_SHIFT).astype(np.int64) == _BINS
    if not present.all():
        full = np.flatnonzero(present)
        lender = full[np.searchsorted(full, _BINS) % full.size]
        values = values[lender] + ((lender - _BINS) % NUM_PERM).astype(np.uint32) * _ROTATION
    return values.tobytes()


# -- a batch of documents at once ------------------------------------------------------------
# `map` makes a few dozen small numpy calls per document, between the document rules' work on
# it: in a whole run, call overhead and cold caches were half its time. `map_batch` makes the
# same calls once for a group of documents: their words in one array (stray apostrophes
# blanked there too), one prefix sum for every shingle, one sort for every signature.

# Bytes of words hashed in one group: bounds the group's arrays (about 23 bytes per byte) and
# keeps its powers within the kept tables; larger groups are no faster.
_GROUP_BYTES = 1 << 17
# A signature cell (a document's row and a bin) and the value in it, as one sortable integer:
# the row above the 38 bits of a shingle hash that a signature uses.
_ROW_SHIFT = np.uint64(64 - int(_VALUE_SHIFT))
_CELL_SHIFT = np.uint64(32)


def batch_joined_words(words: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """`joined_words` of several documents, concatenated, from their `_spaced_words`, and
    where each one starts in it (with its total length last)."""
    spaced = np.frombuffer(b" " + b"  ".join(words) + b" ", dtype=np.uint8)
    stray = _stray_apostrophes(spaced)
    if stray is not None:
        spaced = spaced.copy()
        spaced[stray] = _SPACE
    starts = np.fromiter(accumulate((len(w) + 2 for w in words[:-1]), initial=0), np.int64)
    in_word = spaced != _SPACE
    keep = in_word.copy()
    keep[1:] |= in_word[:-1]
    keep[starts] = True  # each document's first space, which follows the previous one's last
    kept = np.flatnonzero(keep)
    return spaced[kept], np.append(np.searchsorted(kept, starts), kept.size)


def _stray_apostrophes(spaced: np.ndarray) -> np.ndarray | None:
    """The bytes of the apostrophes that `_without_stray_apostrophes` blanks, in spaced words
    with a space at each end (so every apostrophe has a byte on each side); None if none."""
    straight = spaced == _APOSTROPHE
    curly = np.zeros(spaced.size, dtype=bool)  # the first byte of each "’"
    curly[:-2] = (
        (spaced[:-2] == _CURLY[0]) & (spaced[1:-1] == _CURLY[1]) & (spaced[2:] == _CURLY[2])
    )
    quote = straight | curly
    if not quote.any():
        return None
    ends = straight.copy()  # the last byte of each apostrophe
    ends[2:] |= curly[:-2]
    # A letter or digit ends before byte i: neither a space nor an apostrophe's last byte.
    letter_before = np.zeros(spaced.size, dtype=bool)
    letter_before[1:] = (spaced[:-1] != _SPACE) & ~ends[:-1]
    # One starts after byte i: neither a space nor an apostrophe's first byte.
    letter_after = np.zeros(spaced.size, dtype=bool)
    letter_after[:-1] = (spaced[1:] != _SPACE) & ~quote[1:]
    after_curly = np.zeros(spaced.size, dtype=bool)  # one starts after a "’" starting at i
    after_curly[:-2] = letter_after[2:]
    # At each apostrophe's first byte: does it have a letter on both sides?
    joins = letter_before & np.where(curly, after_curly, letter_after)
    stray = quote & ~joins
    if not stray.any():
        return None
    stray[1:] |= stray[:-1] & curly[:-1]  # all three bytes of a stray "’"
    stray[2:] |= stray[:-2] & curly[:-2]
    return stray


def batch_shingle_hashes(
    joined: np.ndarray, spaces: np.ndarray, document: np.ndarray, hashed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """`shingle_hashes` of the documents of `batch_joined_words` whose `hashed` is set, and
    the document of each hash. `spaces` are the spaces of `joined` and `document` the
    document of each space. A polynomial hash does not depend on where its bytes lie, so one
    prefix sum serves every document."""
    powers, inverses = _powers(joined.size)
    prefix = np.multiply(joined, powers)  # uint64: wraps modulo 2**64
    np.cumsum(prefix, out=prefix)
    at_spaces = prefix[spaces]
    # A shingle runs from a space to the fifth space after it: hash every such run, then keep
    # those that lie in one document, a hashed one.
    values = at_spaces[SHINGLE:] - at_spaces[:-SHINGLE]
    values *= inverses[spaces[:-SHINGLE]]
    first = document[:-SHINGLE]
    within = (first == document[SHINGLE:]) & hashed[first]
    return values[within], first[within]


def batch_signatures(shingles: np.ndarray, document: np.ndarray, count: int) -> np.ndarray:
    """`signature` of each of `count` documents, as the rows of a (count, NUM_PERM) uint32
    array, from every document's shingle hashes and the document of each. The row of a
    document without shingles is meaningless.

    One sort of (document, bin, value) keys puts each bin's least value first among the keys
    of its cell (document and bin); empty bins are then filled as `signature` fills them.
    """
    keys = (document.astype(np.uint64) << _ROW_SHIFT) | (shingles >> _VALUE_SHIFT)
    keys.sort()
    cells = keys >> _CELL_SHIFT  # document * NUM_PERM + bin
    least = np.ones(keys.size, dtype=bool)
    np.not_equal(cells[1:], cells[:-1], out=least[1:])
    cells = cells[least].astype(np.int64)
    values = np.zeros(count * NUM_PERM, dtype=np.uint32)
    values[cells] = keys[least].astype(np.uint32)  # the low 32 bits: the value
    present = np.zeros(count * NUM_PERM, dtype=bool)
    present[cells] = True
    values, present = values.reshape(count, NUM_PERM), present.reshape(count, NUM_PERM)
    sparse = ~present.all(axis=1)
    if sparse.any():
        values[sparse] = _densified(values[sparse], present[sparse])
    return values


def _densified(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Rows of signature values whose empty bins (not `present`) borrow as in `signature`:
    the value of the next non-empty bin to the right, cyclically, plus _ROTATION times the
    distance."""
    at = np.where(present, _BINS, 2 * NUM_PERM)
    # The first non-empty bin at or after each bin, else the row's first one a turn later.
    lender = np.minimum.accumulate(at[:, ::-1], axis=1)[:, ::-1]
    np.minimum(lender, at.min(axis=1, keepdims=True) + NUM_PERM, out=lender)
    borrowed = np.take_along_axis(values, lender % NUM_PERM, axis=1)
    return borrowed + (lender - _BINS).astype(np.uint32) * _ROTATION


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
    and spacing ignored); near copies by one-permutation MinHash over five-word shingles with
    locality-sensitive hashing (bands of the signature in dictionaries), confirmed by the
    estimated Jaccard similarity.

    Leaves alone:
    - documents shorter than `min-words` words for near-duplicates (short texts share too much
      by chance); they are still compared exactly;
    - documents that merely share paragraphs (a quote, a standard paragraph): their shingle
      sets differ far more than the threshold allows.

    Memory: per document one 16-byte digest, 64 four-byte MinHash values (256 bytes) and its
    anchor, kept until the end of the run; never its text. Measured with Python's object
    overhead (tracemalloc, 9,829 records of a synthetic news corpus): about 0.6 KB per
    document for the summaries, and about 1.1 KB per document at the peak of the reduce,
    summaries included. The map hashes a batch's documents in groups of about 128 KiB of
    words, whose arrays need about 23 bytes per byte (3 MiB), freed when the summaries are
    made; each process keeps tables of powers for texts up to 1 MiB (16 MiB).

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
        joined = joined_words(view.text)
        exact = hashlib.blake2b(joined[1:-1].tobytes(), digest_size=16).digest()
        spaces = np.flatnonzero(joined == _SPACE)
        near = None
        if spaces.size - 1 >= max(self.min_words, SHINGLE):  # words
            near = signature(shingle_hashes(joined, spaces))
        return Summary(self.first_line_anchor(view), exact, near)

    def map_batch(self, views: Sequence[DocumentView]) -> list[Summary]:
        """`map` of each view, from the numpy operations of `map` done once per group of
        documents (about _GROUP_BYTES of words) instead of once per document."""
        words = [_spaced_words(view.text) for view in views]
        summaries: list[Summary] = []
        start, size = 0, 0
        for end, data in enumerate(words, 1):
            size += len(data) + 2
            if size >= _GROUP_BYTES or end == len(words):
                summaries += self._map_group(views[start:end], words[start:end])
                start, size = end, 0
        return summaries

    def _map_group(self, views: Sequence[DocumentView], words: list[bytes]) -> list[Summary]:
        joined, bounds = batch_joined_words(words)
        spaces = np.flatnonzero(joined == _SPACE)
        counts = np.diff(np.searchsorted(spaces, bounds))  # each document's spaces
        hashed = counts - 1 >= max(self.min_words, SHINGLE)  # words
        signatures: list[bytes | None] = [None] * len(views)
        if hashed.any():
            document = np.repeat(np.arange(len(views)), counts)  # of each space
            shingles, of = batch_shingle_hashes(joined, spaces, document, hashed)
            rows = batch_signatures(shingles, of, len(views)).tobytes()
            width = NUM_PERM * 4
            for i in np.flatnonzero(hashed).tolist():
                signatures[i] = rows[i * width : (i + 1) * width]
        text = joined.tobytes()
        edges = bounds.tolist()
        blake2b = hashlib.blake2b
        return [
            Summary(
                self.first_line_anchor(view),
                blake2b(text[edges[i] + 1 : edges[i + 1] - 1], digest_size=16).digest(),
                signatures[i],
            )
            for i, view in enumerate(views)
        ]

    def first_line_anchor(self, view: DocumentView) -> Anchor:
        """`self.anchor` of the first visible line, from offsets alone: `anchor` locates a
        whole diagnostic, source line included, to keep a few of its fields, which cost this
        map a fifth of its time."""
        text = view.text
        start, end = _first_line_span(text)
        line = text.count("\n", 0, start) + 1
        column = start - text.rfind("\n", 0, start)  # 1-based: rfind is -1 on the first line
        doc = view.document
        identity = doc.doc_id if doc.doc_id is not None else doc.path
        return Anchor(
            doc.path,
            doc.doc_id,
            doc.record,
            line,
            column,
            line,
            column + end - start,
            start,
            end,
            fingerprint(self.code, identity, text, start, end),
            doc.source,
        )

    def reduce(self, summaries: Iterable[Summary]) -> Iterator[Diagnostic]:
        summaries = summaries if isinstance(summaries, list) else list(summaries)
        count, rows = bands(self.threshold)
        width = rows * 4  # bytes of a band: `rows` uint32 values
        # Per band, the documents (an index, or a list of them) whose signature has that band,
        # filed under its first eight bytes as an int: an int key and an int value take a
        # third of the memory of a bytes key and a list, and candidates are checked against
        # the whole band.
        tables: list[dict[int, int | list[int]]] = [{} for _ in range(count)]
        first_by_digest: dict[bytes, Anchor] = {}
        for index, summary in enumerate(summaries):
            original = first_by_digest.get(summary.exact)
            if original is not None:
                yield self._report(summary.anchor, original, "Exact copy")
                continue
            first_by_digest[summary.exact] = summary.anchor
            signature = summary.signature
            if signature is None:
                continue
            keys = [_band_key(signature, i * width, width) for i in range(count)]
            candidates: set[int] = set()
            for band, (key, table) in enumerate(zip(keys, tables, strict=True)):
                found = table.get(key)
                if found is None:
                    continue
                start = band * width
                candidates.update(
                    other
                    for other in ((found,) if isinstance(found, int) else found)
                    if summaries[other].signature[start : start + width]
                    == signature[start : start + width]
                )
            best = self._most_similar(signature, sorted(candidates), summaries)
            if best is not None:
                similarity, key = best
                yield self._report(
                    summary.anchor, summaries[key].anchor, f"{similarity:.0%} similar copy"
                )
                continue
            for key, table in zip(keys, tables, strict=True):
                found = table.get(key)
                if found is None:
                    table[key] = index
                elif isinstance(found, int):
                    table[key] = [found, index]
                else:
                    found.append(index)

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


def _band_key(signature: bytes, start: int, width: int) -> int:
    """The first (up to) eight bytes of the band at `start`, as an int."""
    return int.from_bytes(signature[start : start + min(width, 8)], "little")


_VISIBLE = re.compile(r"\S")


def _first_line_span(text: str) -> tuple[int, int]:
    """From the first visible character to the end of its line; (0, 0) for a blank text."""
    found = _VISIBLE.search(text)
    if found is None:
        return 0, 0
    end = text.find("\n", found.start())
    return found.start(), len(text) if end == -1 else end
