"""Documents and the one shared, lazily built view of their text.

`DocumentView` is the only place that splits text. Rules ask it for lines, paragraphs, sentences
and word tokens (all with character offsets into `text`) and never re-tokenize; each split is
computed on first use and cached, so a rule that needs no sentences costs no sentence splitting.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple


@dataclass(slots=True)
class Document:
    """One unit of text to lint.

    `text` always uses "\\n" line breaks; `newline` records what the source used so writers can
    restore it. `doc_id` and `record` are None for plain files. `source` groups documents for
    corpus rules and statistics (a URL's domain, or the file), `meta` keeps whatever the source
    wants to carry through to writers.
    """

    path: str
    text: str
    doc_id: str | None = None
    record: int | None = None
    source: str | None = None
    newline: str = "\n"
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int]:
        """Stable identity inside one run: (path, record number or 0)."""
        return (self.path, self.record or 0)


class Line(NamedTuple):
    number: int  # 1-based
    start: int
    end: int  # exclusive, before the "\n"
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


class Paragraph(NamedTuple):
    """A block of non-blank lines separated from others by blank lines."""

    start: int
    end: int
    first_line: int  # index into view.lines (0-based)
    last_line: int  # inclusive


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


class Token(NamedTuple):
    text: str
    start: int
    end: int


# A word: letters/digits, with inner apostrophes ("don't", "Tehran's"). Hyphens split words so
# that "hours-long" is two words; each is checked on its own.
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# The same tokens for a text without "_", where \w and [^\W_] agree, and half again as fast:
# the regex engine tests one class instead of a negated pair.
_PLAIN_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")


def word_regex(text: str) -> re.Pattern[str]:
    """The fastest pattern that yields exactly WORD_RE's tokens on `text`."""
    return WORD_RE if "_" in text else _PLAIN_WORD_RE


# Abbreviations whose full stop does not end a sentence. General English usage, not data-derived.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen sen rep gov lt col capt cmdr sgt maj adm pres supt
    rev hon no nos vol vols fig figs jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues
    wed thu thur thurs fri sat sun vs etc inc ltd co corp bros dept est approx al ave blvd rd e.g
    i.e u.s u.k u.n a.m p.m""".split()
)

_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[\w•\-–—])")


class DocumentView:
    """Read-only, cached splits of one document's text, all with character offsets."""

    __slots__ = ("__dict__", "document", "text")

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text

    # -- lines and positions -------------------------------------------------------------------

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    @cached_property
    def lines(self) -> list[Line]:
        text = self.text
        starts = self.line_starts
        ends = [s - 1 for s in starts[1:]] + [len(text)]
        return [
            Line(i + 1, s, e, text[s:e]) for i, (s, e) in enumerate(zip(starts, ends, strict=True))
        ]

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding `offset`."""
        return bisect_right(self.line_starts, offset) - 1

    def line_at(self, offset: int) -> Line:
        return self.lines[self.line_index(offset)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count code points."""
        index = self.line_index(offset)
        return index + 1, offset - self.line_starts[index] + 1

    def end_position(self, start: int, end: int) -> tuple[int, int]:
        """1-based (line, column) just past a span, as editors expect for end positions."""
        return self.position(max(start, end))

    # -- paragraphs and sentences --------------------------------------------------------------

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        paragraphs: list[Paragraph] = []
        first: int | None = None
        lines = self.lines
        for i, line in enumerate(lines):
            if line.is_blank:
                if first is not None:
                    paragraphs.append(Paragraph(lines[first].start, lines[i - 1].end, first, i - 1))
                    first = None
            elif first is None:
                first = i
        if first is not None:
            last = len(lines) - 1
            paragraphs.append(Paragraph(lines[first].start, lines[last].end, first, last))
        return paragraphs

    @cached_property
    def nonblank_lines(self) -> list[Line]:
        return [line for line in self.lines if not line.is_blank]

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences within each line: split at terminal punctuation followed by a new start.

        Scraped text mostly puts one paragraph on a line, so a line break ends a sentence; a
        hard-wrapped sentence is split in two here, which is what WS001 reports.
        """
        text = self.text
        sentences: list[Sentence] = []
        for line in self.lines:
            if line.is_blank:
                continue
            start = line.start
            while start < line.end and text[start].isspace():
                start += 1
            for match in _SENTENCE_END_RE.finditer(text, start, line.end):
                end = match.end()
                if _is_abbreviation(text, start, match.start()):
                    continue
                sentences.append(Sentence(start, end, text[start:end]))
                start = end
                while start < line.end and text[start].isspace():
                    start += 1
            end = line.end
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                sentences.append(Sentence(start, end, text[start:end]))
        return sentences

    # -- words ---------------------------------------------------------------------------------

    @cached_property
    def words(self) -> list[Token]:
        pattern = word_regex(self.text)
        return [Token(m.group(), m.start(), m.end()) for m in pattern.finditer(self.text)]

    @cached_property
    def word_counts(self) -> Counter[str]:
        """How often each word form occurs; far cheaper than `words` when offsets are not needed."""
        return Counter(word_regex(self.text).findall(self.text))

    def words_in(self, start: int, end: int) -> list[Token]:
        """The tokens of `words` that lie in text[start:end], both being token boundaries (line or
        sentence bounds). Uses `words` if already built, else tokenizes only the span, so a rule
        that looks at a few sentences does not pay for every token of the document."""
        if "words" in self.__dict__:
            words = self.words
            lo = bisect_left(words, start, key=lambda t: t.start)
            hi = bisect_right(words, end, key=lambda t: t.end)
            return words[lo:hi]
        found = WORD_RE.finditer(self.text, start, end)
        return [Token(m.group(), m.start(), m.end()) for m in found]

    def occurrences(self, word: str) -> list[int]:
        """Start offsets of `word` where it stands as a whole word token (not inside a longer
        word, nor before an apostrophe that goes on: "Iran" is not found in "Iran's").

        A plain substring search with the boundary checked by hand: about 25 times faster than
        compiling and running a regex per word, which lexical rules call for every suspect."""
        text = self.text
        size = len(word)
        limit = len(text)
        found = []
        at = text.find(word)
        while at != -1:
            end = at + size
            before = text[at - 1] if at else " "
            after = text[end] if end < limit else " "
            following = text[end + 1] if end + 1 < limit else " "
            if not (
                before.isalnum()
                or before in "_'’"
                or after.isalnum()
                or after == "_"
                or (after in "'’" and (following.isalnum() or following == "_"))
            ):
                found.append(at)
            at = text.find(word, at + 1)
        return found


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    """Whether the full stop at `dot` belongs to an abbreviation or an initial ("W. M. Keck")."""
    if text[dot] != ".":
        return False
    i = dot
    while i > sentence_start and not text[i - 1].isspace() and text[i - 1] not in "(\"'“‘":
        i -= 1
    word = text[i:dot]
    if not word:
        return False
    if len(word) == 1 and word.isupper():
        return True
    return word.lower() in ABBREVIATIONS
