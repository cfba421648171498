"""BP101 repeated-line: lines that recur across many documents of one source are furniture."""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

import numpy as np

from linter.diagnostic import Diagnostic
from linter.document import DocumentView
from linter.rule import Option, Rule, fingerprint
from rules.boilerplate import furniture_kinds
from rules.duplicate_document import distinct_characters

_DIGITS = re.compile(r"\d+")
_NOISE = re.compile(r"[\W_]+")


class Summary(NamedTuple):
    path: str
    doc_id: str | None
    record: int | None
    source: str
    # Documents with the same longest line are copies of one article (a re-scrape, another
    # extractor's output, a lightly edited version): their lines are counted once.
    copy_key: int
    # Per non-blank line: key hash, line number, first and past-last column (1-based).
    lines: array


def normalise(text: str) -> str:
    """The line lower-cased, each run of digits as "0", each run of other non-letters (spaces,
    punctuation, "_") as one space, no space at either end. Lines that differ only in case,
    digits, punctuation or spacing count as one line, the way CCNet normalises before counting
    ("Updated 6 min ago" and "Updated 12 min ago" are one)."""
    return _NOISE.sub(" ", _DIGITS.sub("0", text.lower())).strip()


def line_key(text: str) -> int:
    """The hash of a line's `normalise`d text (`map` computes the same from whole-text folding)."""
    normal = normalise(text).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(normal, digest_size=8).digest(), "little")


# ASCII digits become "0", letters and line breaks stay, everything else becomes a space. Bytes
# of non-ASCII characters pass through (see _fold).
_ASCII_FOLD = bytes(
    c if c >= 0x80 or c == 10 or chr(c).isalpha() else ord("0") if chr(c).isdigit() else 32
    for c in range(256)
)
# The same for an ASCII text, lower-casing its letters too.
_ASCII_LOWER_FOLD = bytes(chr(c).lower().encode()[0] for c in _ASCII_FOLD[:128]) + bytes(
    range(128, 256)
)
_ASCII = bytes(range(0x80))
# Typographic punctuation frequent in news. Blanking these in the str (a fast `replace` per
# character) leaves most texts ASCII, which then take the fast path.
_FREQUENT_SEPARATORS = "“”‘’–—…«»\xa0"
_ZERO = ord("0")
_SPACE = ord(" ")


def normalised_lines(text: str) -> list[bytes]:
    """`normalise` of every line of `text`, UTF-8 encoded, but for one space that may be left at
    either end (`strip(b" ")` removes it). From a few whole-text operations (lower, translate,
    one replace per distinct non-ASCII character, a numpy pass that squeezes runs) instead of
    two regex substitutions per line."""
    return _squeezed(_folded(text)).split(b"\n")


def batch_normalised_lines(texts: list[str]) -> list[bytes]:
    """`normalised_lines` of each text, concatenated: the numpy pass runs once for them all."""
    return _squeezed(b"\n".join(map(_folded, texts))).split(b"\n")


def _squeezed(folded: bytes) -> bytes:
    """Folded text with each run of digits as one "0" and each run of spaces as one space."""
    data = np.frombuffer(folded, dtype=np.uint8)
    repeat = data[1:] == data[:-1]
    repeat &= (data[1:] == _ZERO) | (data[1:] == _SPACE)
    keep = np.ones(data.size, dtype=bool)
    keep[1:] = ~repeat
    return data[keep].tobytes()


def _folded(text: str) -> bytes:
    """The text lower-cased and UTF-8 encoded, with "0" for each digit and a space for each
    character that is neither a letter, a digit nor a line break."""
    short = text
    for char in _FREQUENT_SEPARATORS:
        if char in short:
            short = short.replace(char, " ")
    if short.isascii():
        return short.encode().translate(_ASCII_LOWER_FOLD)
    # Each distinct other character is folded with one `replace`, in the str (in UTF-8, a
    # search for one stops at most bytes of a text in a CJK script); "Σ" lower-cases by its
    # context, so the whole text is lower-cased.
    lowered = text.lower()
    others = lowered.encode("utf-8", "surrogatepass").translate(None, _ASCII)
    for char in distinct_characters(others.decode("utf-8", "surrogatepass")):
        folded = _fold(char)
        if folded is not None:
            lowered = lowered.replace(char, folded)
    return lowered.encode("utf-8", "surrogatepass").translate(_ASCII_FOLD)


@lru_cache(maxsize=4096)
def _fold(char: str) -> str | None:
    """What a non-ASCII character becomes: "0" for a digit, a space for anything but a letter,
    None for a letter (it stays)."""
    if char.isdecimal():  # what \d matches
        return "0"
    return None if char.isalnum() else " "


_KEY_BIAS = np.uint64(1 << 63)
_ROW_BYTES = 4 * 8  # a summary row: four int64
_EMPTY_KEY_HASH = hashlib.blake2b(digest_size=8)  # what `line_key` hashes with


def _line_rows(
    keyed: list[int], numbers: list[int], normal_lines: list[bytes], texts: list[str]
) -> np.ndarray:
    """The summary rows (key, line number, first and past-last column) of the `keyed` lines
    (indices into `normal_lines` and `texts`), as an (n, 4) int64 array: what `map` computes
    per line, in C-level maps over all of them."""
    digests = bytearray()
    fresh = _EMPTY_KEY_HASH.copy  # a copy costs less than a new hash made from its parameters
    for normal in map(bytes.strip, map(normal_lines.__getitem__, keyed), repeat(b" ")):
        hashed = fresh()
        hashed.update(normal)
        digests += hashed.digest()
    lines = list(map(texts.__getitem__, keyed))
    n = len(lines)
    rows = np.empty((n, 4), dtype=np.int64)
    # int.from_bytes(digest, "little") - 2**63 is the digest with its top bit flipped, signed
    rows[:, 0] = (np.frombuffer(digests, dtype="<u8") ^ _KEY_BIAS).view(np.int64)
    rows[:, 1] = numbers
    lengths = np.fromiter(map(len, lines), np.int64, n)
    rows[:, 2] = lengths - np.fromiter(map(len, map(str.lstrip, lines)), np.int64, n) + 1
    rows[:, 3] = np.fromiter(map(len, map(str.rstrip, lines)), np.int64, n) + 1
    return rows


def _frequent(keys: array, needed: float) -> dict[int, int]:
    """How often each key occurs in `keys`, for the keys that occur at least `needed` times."""
    values, counts = np.unique(np.frombuffer(keys, dtype=np.int64), return_counts=True)
    often = counts >= needed
    return dict(zip(values[often].tolist(), counts[often].tolist(), strict=True))


class RepeatedLine(Rule):
    """Flags a line that recurs across many documents from the same source.

    A line that a site prints on every page ("Follow us on X", "Mehr zum Thema", a newsletter
    pitch in its own words) is furniture even when no catalogue knows it. Lines are compared
    after folding case, digits, punctuation and spacing, and counted once per distinct article
    within each source: copies of one article (recognised by their longest line) count once.
    Each occurrence is reported with its position. There is no minimum line length: "Follow"
    is furniture too. A document's source is its `source` (set with `--source-field`, for
    example a URL's domain) or else the file it came from.

    Leaves alone:
    - lines found in fewer than `min-documents` documents, or in less than `min-share` of the
      documents of their source: a sentence two articles happen to share is not furniture;
    - sources with fewer than `min-documents` documents;
    - lines of digits and signs only (prices, scores, dates): data that happens to repeat;
    - lines that BP001's catalogue already reports (one finding per line is enough).

    Memory: per document its longest line's hash and, per non-blank line, an 8-byte hash and
    three small integers; while counting, 8 bytes per distinct line of each document, then per
    source one entry per line frequent enough to report. No text is kept. Measured with
    Python's object overhead (tracemalloc, 9,829 records of a synthetic news corpus): about
    0.6 KB per document for the summaries, about 1.1 KB per document at the peak of the
    reduce, summaries included.

    Corpus-scope: it compares documents, so a single document never triggers it.

    Bad:
        (the same line, e.g. "Get our morning briefing", in many records of one site)

    Good:
        (a line that occurs in one article only)
    """

    code = "BP101"
    name = "repeated-line"
    family = "boilerplate"
    summary = "A line repeated across many documents of the same source"
    fixable = False
    scope = "corpus"
    options = (
        Option("min_documents", 5, "Fewest distinct documents a line must occur in"),
        Option("min_share", 0.02, "Smallest share of its source's documents a line must reach"),
    )

    def map(self, view: DocumentView) -> Summary:
        doc = view.document
        lines = array("q")
        copy_key, longest = 0, -1
        furniture = furniture_kinds(view)
        normal_lines = normalised_lines(view.text)
        blake2b = hashlib.blake2b
        for line in view.nonblank_lines:
            number = line.number
            if furniture[number - 1] is not None:
                continue  # BP001's catalogue knows it: one finding per line is enough
            normal = normal_lines[number - 1].strip(b" ")
            if normal and not normal.strip(b"0 "):
                continue  # prices, scores, dates: data that happens to repeat, not furniture
            stripped = line.text.strip()
            first = line.text.index(stripped[0]) + 1
            key = int.from_bytes(blake2b(normal, digest_size=8).digest(), "little")
            key -= 1 << 63  # array('q') is signed
            lines.extend((key, number, first, first + len(stripped)))
            if len(stripped) > longest:
                copy_key, longest = key, len(stripped)
        source = doc.source if doc.source is not None else doc.path
        return Summary(doc.path, doc.doc_id, doc.record, source, copy_key, lines)

    def map_batch(self, views: Sequence[DocumentView]) -> list[Summary]:
        """`map` of each view, with the per-line work done for the whole batch at once: one
        normalisation pass, then the strips, hashes and columns of every keyed line as C-level
        maps and numpy operations instead of a Python step per line."""
        normal_lines = batch_normalised_lines([view.text for view in views])
        texts: list[str] = []  # every line of the batch, indexed like normal_lines
        keyed: list[int] = []  # the lines `map` keys, as indices into texts
        numbers: list[int] = []  # their line numbers in their documents
        counts = []  # how many of them each view has
        for view in views:
            start = len(texts)
            kinds = furniture_kinds(view)
            found = [
                i
                for i in view.nonblank_indices
                # not BP001's furniture, nor data (only digits and spaces): see `map`
                if kinds[i] is None
                and ((line := normal_lines[start + i]).strip(b"0 ") or b"0" not in line)
            ]
            keyed += map(start.__add__, found)
            numbers += map((1).__add__, found)
            counts.append(len(found))
            texts += view.line_texts
        rows = _line_rows(keyed, numbers, normal_lines, texts)
        data = rows.tobytes()
        widths = (rows[:, 3] - rows[:, 2]).tolist()
        summaries = []
        end = 0
        for view, count in zip(views, counts, strict=True):
            start, end = end, end + count
            copy_key = 0
            if count:  # the key of the longest line, the first of equals
                longest = widths[start:end]
                copy_key = int(rows[start + longest.index(max(longest)), 0])
            doc = view.document
            source = doc.source if doc.source is not None else doc.path
            lines = array("q", data[start * _ROW_BYTES : end * _ROW_BYTES])
            summaries.append(Summary(doc.path, doc.doc_id, doc.record, source, copy_key, lines))
        return summaries

    def reduce(self, summaries: Iterable[Summary]) -> Iterator[Diagnostic]:
        summaries = list(summaries)
        documents: Counter[str] = Counter()
        # Per source, the keys of each counted document's distinct lines (8 bytes each, where
        # a counter would keep an int and an entry per line), and its articles' copy keys.
        keys: dict[str, array] = {}
        copies: dict[str, set[int]] = {}
        for summary in summaries:
            seen = copies.setdefault(summary.source, set())
            if summary.copy_key in seen:
                continue
            seen.add(summary.copy_key)
            documents[summary.source] += 1
            keys.setdefault(summary.source, array("q")).extend(set(summary.lines[0::4]))
        del copies
        # Per source, how many documents each line that is frequent enough occurs in.
        frequent: dict[str, dict[int, int]] = {}
        for source, total in documents.items():
            found = keys.pop(source)
            if total >= self.min_documents:
                frequent[source] = _frequent(found, max(self.min_documents, self.min_share * total))
        for summary in summaries:
            total = documents[summary.source]
            needed = max(self.min_documents, self.min_share * total)
            if total < self.min_documents or not summary.lines:
                continue
            # Most documents have no repeated line: one pass in C (map, max) tells.
            counts = frequent[summary.source]
            if not counts or max(map(counts.get, summary.lines[0::4], repeat(0))) < needed:
                continue
            lines = summary.lines
            for i in range(0, len(lines), 4):
                key, number, column, end_column = lines[i : i + 4]
                count = counts.get(key, 0)
                if count >= needed:
                    yield self._diagnostic(summary, key, number, column, end_column, count, total)

    def _diagnostic(
        self, summary: Summary, key: int, line: int, column: int, end: int, found: int, total: int
    ) -> Diagnostic:
        identity = summary.doc_id if summary.doc_id is not None else summary.path
        return Diagnostic(
            code=self.code,
            rule=self.name,
            severity=self.severity,
            message=f"Line repeated in {found} of {total} documents from {summary.source}",
            path=summary.path,
            line=line,
            column=column,
            end_line=line,
            end_column=end,
            doc_id=summary.doc_id,
            record=summary.record,
            fingerprint=fingerprint(self.code, identity, str(key), 0, 0),
            source=summary.source,
        )
