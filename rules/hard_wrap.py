"""WS001 hard-wrap: a sentence broken in two by a stray line break."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.diagnostic import Edit, Finding, Fix
from linter.document import DocumentView, Line
from linter.rule import Rule
from rules._prose import (
    CLOSERS,
    OPEN_LINE_BREAK,
    TERMINAL,
    LineEnd,
    first_word,
    following_line,
    is_bullet,
    is_dictionary_word,
    is_plain_lowercase_word,
    is_title_like,
    line_end,
    lines_ending_at,
    needs_a_following_word,
    open_line_breaks,
)

# A line of fewer words than this, ending on an ordinary word, is a label or a heading unless
# something else says the sentence goes on.
MIN_WORDS = 3
# The rest of a sentence either ends it or is long: a short lowercase line without a full stop
# is a label ("share this article"), unless the line above plainly runs on.
MIN_REST_WORDS = 6
# "by Jane Doe" under a headline is a byline, not the rest of the headline.
BYLINE_MAX_WORDS = 6
# A document with this many breaks inside sentences, on a quarter of its lines or more, is
# wrapped at a fixed width throughout (e-mail, plain-text archives, READMEs).
MIN_WRAPPED_BREAKS = 3

# The only line breaks a sentence can run on across: after a line open at its end
# (OPEN_LINE_BREAK), before a line that opens, after any indentation, on a lowercase letter or a
# digit. [^\W_A-Z] is every letter and digit but the ASCII capitals; U+0345 and the circled
# letters are lowercase without being letters. A superset that wrapped_break narrows: one regex
# pass leaves a few candidates per document instead of a Python step per line.
_RUN_ON_RE = re.compile(OPEN_LINE_BREAK + r"(?=[^\S\n]*(?:[^\W_A-Z]|[\u0345\u24d0-\u24e9]))")


def run_on_pairs(text: str, open_breaks: list[int] | None = None) -> Iterator[tuple[Line, Line]]:
    """Every pair of consecutive lines for which wrapped_break may find a sentence running on
    (and a few more); `open_breaks`: the text's open_line_breaks, if at hand."""
    for line in lines_ending_at(text, _RUN_ON_RE, open_breaks):
        following = following_line(text, line)
        if following is not None:  # always: the match is a line break, so a line follows
            yield line, following


def is_wrapped_throughout(breaks: int, text: str) -> bool:
    if breaks < MIN_WRAPPED_BREAKS:
        return False
    nonblank = sum(1 for line in text.split("\n") if line.strip())
    return breaks * 4 >= nonblank


def wrapped_break(line: Line, following: Line) -> LineEnd | None:
    """How `line` ends, if the sentence it holds runs on into `following`; otherwise None."""
    first = following.text[:1]
    if not (first.islower() or first.isdigit() or first.isspace()):
        return None  # the common case, settled before looking at how `line` ends
    end = line_end(line)
    return end if end is not None and runs_on(end, following.text) else None


def runs_on(end: LineEnd, following: str) -> bool:
    """Whether the sentence of a line that ends as `end` runs on into the line `following`.

    The evidence: the line stops without sentence-ending punctuation, and `following` starts with
    an ordinary lowercase word, as the rest of a sentence does, or with a number right after a
    word that cannot end a sentence ("between" / "2009 and 2018"). Headlines and labels above a
    lowercase line ("Comments" / "comments", a headline / "by Jane Doe") are left alone.
    """
    first = following[:1]
    if not (first.islower() or first.isdigit() or first.isspace()):
        return False  # the common case: a new sentence or paragraph starts
    rest = following.lstrip()
    if not rest or not (rest[0].islower() or rest[0].isdigit()):
        return False
    if end.kind == "dash" and len(end.words[-1]) > 1:
        return False  # "de-" / "escalating": a split word, which one space would not mend
    rest_words = rest.split()
    if rest[0].isdigit():
        if len(rest_words) < MIN_WORDS or is_bullet(rest):
            return False
        return (
            end.kind == "word"
            and needs_a_following_word(end.last_word)
            and not is_title_like(end.words)
        )
    head = first_word(rest)
    if not is_plain_lowercase_word(head):
        return False  # a URL, a handle, an e-mail address, "iPhone", "my6sense"
    if rest_words[0].endswith(":"):
        return False  # a label of its own: "photo: Jane Doe", "source: Reuters"
    if len(rest_words) == 1 and rest.rstrip()[-1] not in TERMINAL:
        return False  # a one-word label such as "close" or "comments"
    if head == "by" and 1 < len(rest_words) <= BYLINE_MAX_WORDS and rest_words[1][0].isupper():
        return False
    runs_on = end.trailing_space or end.kind == "comma" or needs_a_following_word(end.last_word)
    if not runs_on and (len(end.words) < MIN_WORDS or is_title_like(end.words)):
        return False
    if not runs_on and len(rest_words) < MIN_REST_WORDS and not _ends_sentence(rest):
        return False  # a lowercase label under a headline: "share this article", "play video"
    return runs_on or is_dictionary_word(head)


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


class HardWrap(Rule):
    """Flags a line break in the middle of a sentence.

    Extractors and copy-paste from fixed-width sources break sentences where a column ended, and
    pages cut around inline elements leave a sentence on two lines. A line is reported when it
    ends without sentence-ending punctuation and the next line carries on the same sentence: it
    starts with an ordinary lowercase word, or with a number right after a word that cannot end
    a sentence ("from" / "2009 to 2018").

    Leaves alone:
    - a line that ends a sentence (. ! ? … 。 and the like), or ends on a colon or semicolon;
    - a headline or label followed by a lowercase line that is not prose: a URL, an e-mail
      address, a handle, a brand such as "iPhone", a short label ("share this article",
      "photo: Jane Doe"), a byline ("by Jane Doe");
    - a word split by a hyphen at the line end ("de-" / "escalating"), which one space would
      not mend;
    - scripts without letter case (Chinese, Japanese, Korean, Arabic, Thai...), where a new line
      cannot be told from a continued sentence by its first letter.

    The diagnostic sits at the end of the broken line. The safe fix replaces the line break, and
    the whitespace around it (including no-break spaces), with one space.

    A text wrapped at a fixed width throughout (at least three breaks, on a quarter of its lines
    or more: e-mail, plain-text archives) gets one diagnostic, at its first break, whose fix
    joins every broken sentence: one finding per line would bury everything else.

    Bad:
        Russia and Iran support de-escalating
        the tensions in the region as a whole.

    Good:
        Russia and Iran support de-escalating the tensions.
        The talks resume on Monday.
    """

    code = "WS001"
    name = "hard-wrap"
    family = "layout"
    summary = "A sentence broken by a stray line break"
    fixable = True

    def check(self, view: DocumentView) -> Iterator[Finding]:
        findings = list(self._breaks(view.text, open_line_breaks(view)))
        if is_wrapped_throughout(len(findings), view.text):
            first = findings[0]
            edits = tuple(edit for f in findings if f.fix for edit in f.fix.edits)
            yield Finding(
                first.start,
                first.end,
                f"Text hard-wrapped throughout: {len(findings)} line breaks inside sentences",
                Fix.safe(*edits),
            )
            return
        yield from findings

    def _breaks(self, text: str, open_breaks: list[int]) -> Iterator[Finding]:
        for line, following in run_on_pairs(text, open_breaks):
            end = wrapped_break(line, following)
            if end is None:
                continue
            rest_start = following.end - len(following.text.lstrip())
            before = text[end.last_word_start : end.content_end]
            after = text[rest_start : following.end].split(None, 1)[0]
            yield Finding(
                end.content_end,
                rest_start,
                f'Line break inside a sentence: "{before}" / "{after}"',
                Fix.safe(Edit(end.content_end, rest_start, " ")),
            )
