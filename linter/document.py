"""Documents and the one shared, lazily built view of their text.

`DocumentView` is the only place that splits text. Rules ask it for lines, paragraphs, sentences
and word tokens (all with character offsets into `text`) and never re-tokenize; each split is
computed on first use and cached, so a rule that needs no sentences costs no sentence splitting.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate, compress, count
from operator import add
from typing import Any, Generic, NamedTuple, TypeVar, overload


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


# A NamedTuple's own constructor is a Python function; tuple.__new__ builds the same typed tuple
# in C, which matters when a split makes one per line or sentence.
_new_line = partial(tuple.__new__, Line)
_new_paragraph = partial(tuple.__new__, Paragraph)
_new_sentence = partial(tuple.__new__, Sentence)


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

# The longest abbreviation: a longer word before a full stop is never one.
_MAX_ABBREVIATION = max(map(len, ABBREVIATIONS))
# How abbreviations end (lower-cased): a full stop after a word ending otherwise, and not after a
# capital (an initial), needs no closer look. Rules out nine full stops in ten at once.
_ABBREVIATION_ENDINGS = frozenset(word[-2:] for word in ABBREVIATIONS)

# What ends a sentence: terminal punctuation (and closing quotes) before a space and a new start
# on the same line, or the end of the line, with the whitespace and blank lines after it (they
# hold no sentence). [^\S\n] is \s without the line break: a sentence never runs on past its
# line. The pattern opens with one character class so that the regex engine skips ahead to
# candidate characters in C, three times faster than an alternation.
_SENTENCE_STOP_RE = re.compile(
    r"[.!?…\n](?:(?<=\n)\s*|[.!?…]*[\"'”’)\]]*(?=[^\S\n]+[\"'“‘(\[]?[\w•\-–—]))"
)
# A paragraph: a run of lines that hold something besides whitespace (\S is exactly what
# str.isspace rejects, so this agrees with Line.is_blank).
_PARAGRAPH_RE = re.compile(r"^[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*", re.MULTILINE)
# Where a word before a full stop begins: after whitespace or an opening bracket or quote.
_WORD_OPENERS = "(\"'“‘"


_T = TypeVar("_T")


class cached_property(Generic[_T]):
    """functools.cached_property without the lock Python 3.11 takes on every first access
    (dropped in 3.12): a view asks for a handful of splits per document, and the lock cost a
    third of the cheapest of them. Computing a split twice, should two threads race, is harmless.
    Like functools', the value is stored in the instance's __dict__, where later lookups find it
    without calling the descriptor."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


class DocumentView:
    """Read-only, cached splits of one document's text, all with character offsets."""

    __slots__ = ("__dict__", "document", "text")

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text

    # -- what rules share ----------------------------------------------------------------------

    def shared(self, key: str, compute: Callable[[DocumentView], _T]) -> _T:
        """`compute(self)`, computed once per view under `key` and kept on it: for what several
        rules derive from the text themselves (BP001's line classes, the headline-shaped lines
        DU001 and ST001 both read) and each would otherwise redo."""
        memo = self._shared
        if key not in memo:
            memo[key] = compute(self)
        return memo[key]

    @cached_property
    def _shared(self) -> dict[str, Any]:
        return {}

    def computed(self, name: str) -> Any:
        """The split `name` (`sentences`, `word_counts`...) if a rule has already asked for it,
        else None: for a rule that can use a split when it is at hand but has a cheaper way of
        its own when it is not."""
        return self.__dict__.get(name)

    # -- lines and positions -------------------------------------------------------------------

    @cached_property
    def line_texts(self) -> list[str]:
        """The text of every line, indexed like `lines`: one C-level split, for rules that only
        read line texts (building a `Line` for every line costs more than most rules' work)."""
        return self.text.split("\n")

    @cached_property
    def utf8(self) -> bytes:
        """The text as UTF-8 (lone surrogates passed through), for byte-level searches and gates:
        one encoding shared by every rule that asks whether a byte sequence occurs at all."""
        return self.text.encode("utf-8", "surrogatepass")

    @cached_property
    def line_starts(self) -> list[int]:
        # Each line starts one past the end of the line before: summed in C, not found per line.
        lengths = map((1).__add__, map(len, self.line_texts[:-1]))
        return list(accumulate(lengths, initial=0))

    @cached_property
    def lines(self) -> list[Line]:
        texts = self.line_texts
        starts = self.line_starts
        ends = map(add, starts, map(len, texts))
        return list(map(_new_line, zip(count(1), starts, ends, texts)))

    def line(self, index: int) -> Line:
        """`lines[index]`, without building every line when no rule has asked for them."""
        if self.computed("lines") is not None:
            return self.lines[index]
        texts = self.line_texts
        if index < 0:
            index += len(texts)
        start = self.line_starts[index]
        return _new_line((index + 1, start, start + len(texts[index]), texts[index]))

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
        # One regex pass finds the runs of non-blank lines; line numbers come from counting the
        # line breaks before and inside each run, in C.
        text = self.text
        newlines = text.count
        paragraphs: list[Paragraph] = []
        line, pos = 0, 0
        for match in _PARAGRAPH_RE.finditer(text):
            start, end = match.span()
            first = line + newlines("\n", pos, start)
            line, pos = first + newlines("\n", start, end), end
            paragraphs.append(_new_paragraph((start, end, first, line)))
        return paragraphs

    @cached_property
    def nonblank_lines(self) -> list[Line]:
        return list(compress(self.lines, map(str.strip, self.line_texts)))

    @cached_property
    def nonblank_indices(self) -> list[int]:
        """Indices of the lines that are not blank (stripping leaves something), found in C."""
        return list(compress(range(len(self.line_texts)), map(str.strip, self.line_texts)))

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences within each line: split at terminal punctuation followed by a new start.

        Scraped text mostly puts one paragraph on a line, so a line break ends a sentence; a
        hard-wrapped sentence is split in two here, which is what WS001 reports.
        """
        # One scan of the whole text (not one per line): every stop is a sentence end or a line
        # break, and the sentence is the text since the previous stop, stripped of whitespace.
        text = self.text
        sentences: list[Sentence] = []
        append = sentences.append
        start = 0
        for match in _SENTENCE_STOP_RE.finditer(text):
            stop = match.start()
            char = text[stop]
            if char == "\n":
                lead = text[start:stop].lstrip()
                if lead:  # the rest of the line, unless only whitespace
                    body = lead.rstrip()
                    first = stop - len(lead)
                    append(_new_sentence((first, first + len(body), body)))
                start = match.end()
            elif char != "." or not (
                (text[stop - 1].isupper() or text[stop - 2 : stop].lower() in _ABBREVIATION_ENDINGS)
                and _is_abbreviation(text, start, stop)
            ):
                end = match.end()
                body = text[start:end].lstrip()
                append(_new_sentence((end - len(body), end, body)))
                start = end
        lead = text[start:].lstrip()
        if lead:
            body = lead.rstrip()
            first = len(text) - len(lead)
            append(_new_sentence((first, first + len(body), body)))
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
        if self.computed("words") is not None:
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
    """Whether the full stop at `dot` belongs to an abbreviation or an initial ("W. M. Keck").

    `sentence_start` may lie before whitespace that opens the sentence: the word ends there too.
    """
    if text[dot] != ".":
        return False
    # Look back no further than one character past the longest abbreviation: a word that long
    # is neither an abbreviation nor an initial.
    limit = max(sentence_start, dot - _MAX_ABBREVIATION - 1)
    i = dot
    while i > limit and not text[i - 1].isspace() and text[i - 1] not in _WORD_OPENERS:
        i -= 1
    word = text[i:dot]
    if not word:
        return False
    if len(word) == 1 and word.isupper():
        return True
    return word.lower() in ABBREVIATIONS
