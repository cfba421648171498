"""How a line of prose ends: the evidence TR001 (truncated-sentence) and WS001 (hard-wrap) share.

Both rules look only at lines that stop without sentence-ending punctuation, and ask the same
questions about them: does the line end on a word that cannot end a sentence, on a comma, on a
fragment of a word, with stray whitespace; is it running prose or a title, a label, a list item?
The answers are computed here, per line, from plain string operations (no per-character loops over
the document), so both rules stay cheap.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import NamedTuple

from linter.document import DocumentView, Line
from rules._lexicon import word_frequencies

# Sentence-final marks in Latin, CJK (full- and half-width), Arabic, Urdu, Devanagari, Ethiopic,
# Georgian and Armenian scripts.
TERMINAL = frozenset(".!?…‼⁇⁈⁉。！？｡؟۔।॥።჻։")
# A line ending on one of these needs no second look.
SENTENCE_STOPS = TERMINAL | frozenset(":;")
# Closing quotes and brackets: a line may end on one after (or instead of) its full stop.
CLOSERS = "\"'”’»›)]}」』】）〉》〕"
# Characters a line may carry at its end without meaning anything: whitespace, and the invisible
# characters that extractors leave (zero-width space, word joiner, BOM).
_INVISIBLE = "\u200b\u2060\ufeff"
# Letters of scripts at or above U+0590 (Hebrew, Arabic, Indic, Thai, CJK, Hangul...) have no case
# and often no Latin word spacing: these rules cannot judge them and leave them alone.
FIRST_UNJUDGED_CODEPOINT = 0x0590
# Starts of list items and bullets.
BULLETS = frozenset("-*•·‣◦▪▫●○■□►▶✓✔➢→–—+")
ROMAN = frozenset("i ii iii iv v vi vii viii ix x xi xii".split())
_WORD_TRIM = ".,;:!?\"'”“’‘»«()[]{}"

# A line break after a line that holds something and does not end on a sentence stop: the end of a
# line that line_end may describe. The pattern opens on the line break itself, so the regex engine
# skips from one line break to the next at memchr speed and looks at the character before it only
# there (a class in front would be tried at every character, twenty times slower).
OPEN_LINE_BREAK = rf"\n(?<=[^\n{re.escape(''.join(sorted(SENTENCE_STOPS)))}]\n)"
_OPEN_LINE_BREAK_RE = re.compile(OPEN_LINE_BREAK)


class LineEnd(NamedTuple):
    """The shape of one line that ends without sentence-ending punctuation."""

    content_end: int  # offset just past the last visible character
    trailing_space: bool  # whitespace (space, NBSP, tab) after the last visible character
    kind: str  # "word", "comma", "closer" (a quote or bracket) or "dash"
    last_word: str  # the final whitespace-separated token, trimmed of punctuation
    last_word_start: int  # offset of the final token
    words: list[str]  # the line's whitespace-separated tokens


def line_end(line: Line) -> LineEnd | None:
    """Describe how a line ends, or None when it ends a sentence properly, ends on a colon or
    semicolon, is blank, or is in a script these rules cannot judge."""
    return line_end_of(line.text, line.start)


def line_end_of(raw: str, start: int) -> LineEnd | None:
    """line_end of the line `raw` that starts at offset `start`, for a caller that has no Line."""
    last = raw[-1:]
    if not last or last in SENTENCE_STOPS or (last in CLOSERS and raw[-2:-1] in TERMINAL):
        return None  # the common case, settled without copying the line
    stripped = raw.rstrip().rstrip(_INVISIBLE).rstrip()
    if not stripped:
        return None
    last = stripped[-1]
    if last in SENTENCE_STOPS:
        return None
    trailing = len(stripped) < len(raw.rstrip(_INVISIBLE))
    if last in CLOSERS:
        inner = stripped.rstrip(CLOSERS)
        if not inner or inner[-1] in SENTENCE_STOPS or inner[-1] == ",":
            return None
        kind = "closer"
    elif last == ",":
        kind = "comma"
    elif last in "-–—":
        kind = "dash"
    elif last.isalnum():
        if ord(last) >= FIRST_UNJUDGED_CODEPOINT:
            return None
        kind = "word"
    else:
        return None
    words = stripped.split()
    token = words[-1]
    content_end = start + len(stripped)
    return LineEnd(
        content_end, trailing, kind, token.strip(_WORD_TRIM), content_end - len(token), words
    )


def line_spans(
    text: str, line_break: re.Pattern[str], open_breaks: list[int] | None = None
) -> Iterator[tuple[int, int]]:
    """(start, end) of the line that ends where each match of `line_break` starts, and of the last
    line of the text if a line break after it would match: the few lines a rule wants, without
    splitting the text into lines.

    `line_break` starts by matching a line break and looks back no further than the character
    before it. `open_breaks`: the text's `open_line_breaks`, if at hand and every match of
    `line_break` is one of them; then `line_break` is tried at those offsets only."""
    if open_breaks is None:
        ends: Iterator[int] = (match.start() for match in line_break.finditer(text))
    else:
        at = line_break.match
        ends = (end for end in open_breaks if at(text, end) is not None)
    for end in ends:
        yield text.rfind("\n", 0, end) + 1, end
    start = text.rfind("\n") + 1
    if start < len(text) and line_break.match(text[-1] + "\n", 1):
        yield start, len(text)


def lines_ending_at(
    text: str, line_break: re.Pattern[str], open_breaks: list[int] | None = None
) -> Iterator[Line]:
    """The lines of line_spans, numbered."""
    number, counted = 1, 0
    for start, end in line_spans(text, line_break, open_breaks):
        number += text.count("\n", counted, start)
        counted = start
        yield Line(number, start, end, text[start:end])


def open_lines(text: str) -> Iterator[Line]:
    """The lines for which line_end may say something: every line that is not empty and does not
    end on a sentence stop. The same lines as a loop over view.lines would give, found by one regex
    over the text (most lines end on a full stop and are never built)."""
    return lines_ending_at(text, _OPEN_LINE_BREAK_RE)


def open_line_breaks(view: DocumentView) -> list[int]:
    """Offsets of the line breaks that end an open line (OPEN_LINE_BREAK): one regex pass over
    the text, kept on the view. TR001 and WS001 each want a subset of these lines, so each tries
    its own pattern at these few offsets instead of scanning the text again."""
    return view.shared("open_line_breaks", _open_line_breaks)


def _open_line_breaks(view: DocumentView) -> list[int]:
    return [match.start() for match in _OPEN_LINE_BREAK_RE.finditer(view.text)]


def following_line(text: str, line: Line) -> Line | None:
    """The line after `line`, or None if `line` is the last one."""
    if line.end >= len(text):
        return None
    start = line.end + 1
    end = text.find("\n", start)
    if end == -1:
        end = len(text)
    return Line(line.number + 1, start, end, text[start:end])


def first_word(line: str) -> str:
    """The first whitespace-separated token of a line, trimmed of punctuation around it."""
    parts = line.split(None, 1)
    return parts[0].strip(_WORD_TRIM) if parts else ""


def is_plain_lowercase_word(word: str) -> bool:
    """A lowercase word of letters (with inner apostrophes or hyphens): not a URL, a handle, a
    brand written in camel case ("iPhone") or a token with digits ("my6sense")."""
    if not word or not word[0].islower() or not word.islower():
        return False
    return word.replace("'", "").replace("’", "").replace("-", "").isalpha()


def is_bullet(text: str) -> bool:
    """A list item: a line (or its first token) opening on a bullet mark, or on numbering such
    as "1.", "12)", "a)" or "iv." ("Mr." and "No." are not numbering)."""
    if text[0] in BULLETS and (len(text) == 1 or text[1] == " "):
        return True
    head = text.split(None, 1)[0]
    label, mark = head[:-1], head[-1:]
    if not label or mark not in ".)":
        return False
    if label.isdigit() and len(label) <= 3:
        return True
    return (len(label) == 1 and label.isalpha() and mark == ")") or label.lower() in ROMAN


def is_title_like(words: list[str]) -> bool:
    """Headline capitalisation: nearly every word of four letters or more starts with a capital.
    Short words are skipped because titles keep "of", "the", "and" lowercase."""
    # Prose gives itself away within a few words, so the loop usually stops early: more than a
    # fifth of all words in lowercase is more than a fifth of the long ones.
    longs = lower = 0
    most_lower = len(words) / 5
    for w in words:
        if len(w) >= 4 and w[0].isalpha():
            longs += 1
            if not w[0].isupper():
                lower += 1
                if lower > most_lower:
                    return False
    return longs >= 2 and lower * 5 <= longs


# -- word lists ------------------------------------------------------------------------------


@cache
def function_words() -> frozenset[str]:
    """English words after which a sentence cannot end (rules/data/function_words_en.txt)."""
    return _word_list("data/function_words_en.txt")


def _word_list(name: str) -> frozenset[str]:
    raw = resources.files("rules").joinpath(name).read_text("utf-8")
    words = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return frozenset(w for w in words if w)


def is_function_word(word: str) -> bool:
    """No English sentence ends on it: an article, a conjunction, a subject pronoun..."""
    return word.lower().replace("’", "'") in function_words()


@cache
def stranded_words() -> frozenset[str]:
    """Prepositions and auxiliaries (rules/data/stranded_words_en.txt)."""
    return _word_list("data/stranded_words_en.txt")


def is_stranded_word(word: str) -> bool:
    """A sentence ends on it only when it is left stranded ("what they fight for")."""
    return word.lower().replace("’", "'") in stranded_words()


def needs_a_following_word(word: str) -> bool:
    """Either kind: the word all but promises that the sentence goes on."""
    word = word.lower().replace("’", "'")
    return word in function_words() or word in stranded_words()


@cache
def discourse_openers() -> frozenset[str]:
    """Words that open a sentence continuing a discourse (rules/data/discourse_openers_en.txt)."""
    return _word_list("data/discourse_openers_en.txt")


@cache
def _clippings() -> frozenset[str]:
    return _word_list("data/clippings_en.txt")


def _dictionary() -> dict[str, int]:
    # pyspellchecker's English frequency list, loaded on first need and shared with the lexical
    # rules, so a process loads it once at most.
    return word_frequencies()


@cache
def _sorted_words() -> list[str]:
    return sorted(_dictionary())


def is_dictionary_word(word: str) -> bool:
    return word.lower().replace("’", "'") in _dictionary()


def is_word_fragment(word: str) -> bool:
    """A lowercase run of letters that is no English word but begins one ("respons", "ille"):
    the mark of a paragraph cut in the middle of a word. A word missing from the list whose plural
    is in it ("coprocessor") is a word, not a fragment."""
    if len(word) < 2 or not word.isalpha() or not word.islower() or word in _clippings():
        return False
    known = _dictionary()
    if word in known or word + "s" in known or word + "'s" in known:
        return False
    words = _sorted_words()
    i = bisect.bisect_left(words, word)
    return i < len(words) and words[i].startswith(word)


MANY_TRAILING_LINES = 3


# A line break after whitespace (the pattern opens on the line break, see OPEN_LINE_BREAK).
_SPACE_BEFORE_LINE_BREAK_RE = re.compile(r"\n(?<=[^\S\n]\n)")


def trailing_space_is_rare(text: str, open_breaks: list[int] | None = None) -> bool:
    """Whether whitespace at a line end stands out in this document. Some extractors leave it on
    every line; then it says nothing about any one line. A few such lines always stand out.
    `open_breaks`: the text's open_line_breaks, if at hand (a line ending in whitespace is open,
    so its line break is among them, and the text need not be scanned again)."""
    if open_breaks is None:
        before_breaks = len(_SPACE_BEFORE_LINE_BREAK_RE.findall(text))
    else:
        before_breaks = sum(1 for end in open_breaks if text[end - 1].isspace())
    at_most = before_breaks + text[-1:].isspace()
    if at_most < MANY_TRAILING_LINES:
        return True  # the usual answer, without looking at every line
    lines = text.split("\n")
    trailing = sum(1 for line in lines if line[-1:].isspace() and not line.isspace())
    if trailing < MANY_TRAILING_LINES:
        return True
    nonblank = sum(1 for line in lines if line and not line.isspace())
    return trailing * 4 <= nonblank


def english_share(words: list[str]) -> float:
    """The share of a line's lowercase words that are English dictionary words: the rules' word
    lists are English, and say nothing about a line in another language."""
    lower = [w.strip(_WORD_TRIM) for w in words]
    lower = [w for w in lower if w and w.isalpha() and w.islower()]
    if not lower:
        return 0.0
    known = _dictionary()
    return sum(1 for w in lower if w in known) / len(lower)


def line_deletion_span(view: DocumentView, index: int) -> tuple[int, int]:
    """The span that removes line `index` and leaves the layout around it as it was: a whole
    paragraph goes with the blank lines after it, so no double blank line is left behind.

    Reads line texts and starts only, so a rule that reports a few lines never makes the view
    build a `Line` for every line."""
    texts, starts = view.line_texts, view.line_starts

    def blank(i: int) -> bool:
        return not texts[i].strip()

    def end_of(i: int) -> int:
        return starts[i] + len(texts[i])

    last = len(texts) - 1
    if index == last:
        previous = index - 1
        while previous >= 0 and blank(previous):
            previous -= 1
        return (end_of(previous) if previous >= 0 else 0), end_of(index)
    end = starts[index + 1]
    alone = index == 0 or blank(index - 1)
    if alone and blank(index + 1):
        following = index + 1
        while following <= last and blank(following):
            following += 1
        if following > last:
            # A last paragraph: remove it and the blank lines before it instead.
            previous = index - 1
            while previous >= 0 and blank(previous):
                previous -= 1
            return (end_of(previous) if previous >= 0 else 0), end_of(index)
        end = starts[following]
    return starts[index], end
