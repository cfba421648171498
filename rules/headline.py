"""DU001 duplicate-headline: the title printed again under itself.

Extractors keep both the page's <title> and the article's <h1>, or a headline from the page
header and again above the body. This module also answers, for ST001, which lines open an
article (`headline_repeats`, `is_headline_shaped`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import textdistance

from linter.diagnostic import Finding
from linter.document import WORD_RE, DocumentView
from linter.rule import Rule
from rules.boilerplate import (
    content_span,
    furniture_kinds,
    line_deletion,
)

MAX_HEADLINE_CHARS = 250
MAX_HEADLINE_WORDS = 30
MIN_HEADLINE_WORDS = 3
# Scripts written without spaces (Chinese, Japanese) count characters instead of words.
MIN_HEADLINE_CHARS = 8
# How far below a headline that opens a later article its repeat may stand, in non-blank lines;
# only furniture (stamps, share widgets, captions) may stand between them.
LOCAL_WINDOW = 4

# A site name around a <title>: "Headline | Site", "Headline - Site", "Site | Headline". Dashes
# only separate a site after the headline; before it they usually open a kicker ("Analysis -").
_SUFFIX_SEPARATOR_RE = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
_PREFIX_SEPARATOR_RE = re.compile(r"\s+(?:\||::|·|•)\s+")
MAX_SITE_WORDS = 4
_SENTENCE_END = ".;,"

# Near repeats of the title: all of the shorter headline's words in the longer one ("Fort
# Worth" dropped, a section label added), or nearly all and the two of nearly equal length
# ("High School" abbreviated "HS"). Related-link headlines about the same story share fewer.
MIN_NEAR_WORDS = 4
CONTAINED_LENGTH_RATIO = 0.6
MIN_OVERLAP = 0.85
OVERLAP_LENGTH_RATIO = 0.75
MIN_CHAR_SIMILARITY = 0.9
# A line printed three times or more is a recurring label ("Eat every 2-3 hours"), not a
# headline printed twice.
MAX_OCCURRENCES = 2
# The gate in front of the furniture (`may_repeat_headline`) compares every pair of
# headline-shaped lines, `headline_repeats` each with the title and the few lines after it: for
# a document with more headline-shaped lines than this, the gate costs more than the furniture
# it would spare (measured on real news text and on synthetic text).
GATE_MAX_SHAPED = 8


class Headline(NamedTuple):
    index: int  # into the document's lines
    keys: tuple[str, ...]  # the normalised text, with and without a site name


def _fold(text: str) -> str:
    """Case, accents of quotes and dashes, and punctuation folded away; words kept in order."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(WORD_RE.findall(text.replace("’", "'").replace("‘", "'")))


# The gate, the title test and the block test (and ST001) all ask for the keys of the same few
# lines of a document; a small cache answers the repeats.
@lru_cache(maxsize=1024)
def headline_keys(text: str) -> tuple[str, ...]:
    """The comparable forms of a headline: as printed, and without a site name before or after."""
    text = text.strip()
    keys = [_fold(text)]
    candidates = []
    suffixes = list(_SUFFIX_SEPARATOR_RE.finditer(text))
    if suffixes:
        last = suffixes[-1]
        candidates.append((text[: last.start()], text[last.end() :]))
    prefix = _PREFIX_SEPARATOR_RE.search(text)
    if prefix:
        candidates.append((text[prefix.end() :], text[: prefix.start()]))
    for head, site in candidates:
        head_words, site_words = len(head.split()), len(site.split())
        # A site name has no brackets: "Headline - Space Gray (Latest Model)" is a product.
        if "(" in site or "[" in site:
            continue
        if site_words <= MAX_SITE_WORDS and MIN_HEADLINE_WORDS <= head_words > site_words:
            key = _fold(head)
            if key and key not in keys:
                keys.append(key)
    return tuple(key for key in keys if key)


def is_headline_shaped(text: str) -> bool:
    """Short, a few words or more, and not a sentence that runs on (ends in a comma, etc.)."""
    if len(text) > MAX_HEADLINE_CHARS + 20 or text[-1:] in _SENTENCE_END:
        return False  # the cheap checks first: most lines are long or end a sentence
    text = text.strip()
    if not text or len(text) > MAX_HEADLINE_CHARS or text[-1] in _SENTENCE_END:
        return False
    words = len(text.split())
    if words > MAX_HEADLINE_WORDS:
        return False
    return words >= MIN_HEADLINE_WORDS or (len(text) >= MIN_HEADLINE_CHARS and words == 1)


# The overlap coefficient of two headlines' sets of words.
_WORD_OVERLAP = textdistance.Overlap(qval=None, as_set=True)


def same_headline(first: tuple[str, ...], other: tuple[str, ...], near: bool = True) -> bool:
    """Whether two headlines' keys say the same thing: exactly, or (with `near`) nearly."""
    if not first or not other:
        return False  # a rule ("-------") or a box drawing has no words to compare
    if set(first) & set(other):
        return True
    a, b = first[-1], other[-1]
    words_a, words_b = set(a.split()), set(b.split())
    shorter = min(len(words_a), len(words_b))
    shared = len(words_a & words_b)
    # Cheap bounds first: a near repeat shares most words, and an edit distance within 10%
    # needs lengths within 10%. Only then is the edit distance worth computing.
    if not shorter or shared < shorter / 2:
        return False
    if (
        shared >= 0.7 * shorter
        and min(len(a), len(b)) >= 2 * MIN_HEADLINE_CHARS
        and (
            abs(len(a) - len(b)) <= (1 - MIN_CHAR_SIMILARITY) * max(len(a), len(b))
            and textdistance.levenshtein.normalized_similarity(a, b) >= MIN_CHAR_SIMILARITY
        )
    ):
        return True
    if not near or shorter < MIN_NEAR_WORDS:
        return False
    overlap = _WORD_OVERLAP.normalized_similarity(a, b)  # shared words / the fewer words
    ratio = shorter / max(len(words_a), len(words_b))
    return (overlap == 1.0 and ratio >= CONTAINED_LENGTH_RATIO) or (
        overlap >= MIN_OVERLAP and ratio >= OVERLAP_LENGTH_RATIO
    )


def headline_repeats(
    texts: list[str],
    kinds: list[str | None],
    nonblank: list[int] | None = None,
    shaped_texts: set[str] | None = None,
) -> Iterator[tuple[int, int]]:
    """(first, repeat) line indices of every headline printed again, given every line's text.

    The title (the first non-blank line that is not furniture) may be repeated anywhere: a page
    <title> is often printed again above the body or as a section heading. Any other headline
    counts only when its repeat follows within a few lines with nothing but furniture between,
    the block a second article glued into the document opens with.
    """
    if nonblank is None:
        nonblank = [i for i, text in enumerate(texts) if text and not text.isspace()]
    content = [i for i in nonblank if kinds[i] is None]
    if not content:
        return
    if shaped_texts is None:
        shaped_texts = set(headline_shaped(texts))
    shaped = {i for i in content if texts[i] in shaped_texts}
    title = content[0]
    reported: set[int] = set()
    if title in shaped:
        keys = headline_keys(texts[title])
        low, high = _length_bounds(texts[title])
        title_words = set(texts[title].lower().split())
        repeats = [
            i
            for i in content[1:]
            if i in shaped
            and low <= len(texts[i]) <= high
            and _shares_words(title_words, texts[i])
            and same_headline(keys, headline_keys(texts[i]))
        ]
        if len(repeats) < MAX_OCCURRENCES:
            for i in repeats:
                reported.add(i)
                yield title, i
    occurrences: Counter[str] | None = None
    for pos, i in enumerate(nonblank):
        if i not in shaped or i == title or i in reported:
            continue
        text = texts[i]
        if len(text.split()) <= MIN_HEADLINE_WORDS:
            continue
        occurrences = occurrences or Counter(map(str.strip, texts))
        if occurrences[text.strip()] > MAX_OCCURRENCES:
            continue
        low, high = _length_bounds(text)
        for j in nonblank[pos + 1 : pos + 1 + LOCAL_WINDOW]:
            if kinds[j] is not None:
                continue
            other = texts[j]
            # Only exact repeats count here; a different first word rules one out cheaply.
            if (
                j in shaped
                and low <= len(other) <= high
                and _first_word(other) == _first_word(text)
                and same_headline(headline_keys(text), headline_keys(other), near=False)
            ):
                reported.add(j)
                yield i, j
            break  # article text between the two: not a headline block


def _first_word(text: str) -> str:
    head = text.split(None, 1)
    return head[0].strip(_QUOTES_AND_PUNCTUATION).casefold() if head else ""


_QUOTES_AND_PUNCTUATION = "'\"‘’“”«»()[]{}.,:;!?-–—|"


def _shares_words(words: set[str], text: str) -> bool:
    """A cheap first look: does `text` share at least a third of its words with `words`?"""
    other = text.lower().split()
    return 3 * len(words.intersection(other)) >= len(set(other))


def headline_repeats_of(view: DocumentView) -> list[tuple[int, int]]:
    """`headline_repeats` of a document view, computed once and kept on it (DU001 and ST001)."""
    return view.shared("headline_repeats", _headline_repeats_of)


def _headline_repeats_of(view: DocumentView) -> list[tuple[int, int]]:
    shaped = shaped_lines(view)
    # The gate only says when there is nothing to find; skipping it changes no result.
    if len(shaped) <= GATE_MAX_SHAPED and not _may_pair(shaped):
        return []
    kinds = furniture_kinds(view)
    return list(headline_repeats(view.line_texts, kinds, view.nonblank_indices, set(shaped)))


def shaped_lines(view: DocumentView) -> list[str]:
    """`headline_shaped` of the view's lines, computed once and kept on it (DU001 and ST001).
    Only non-blank lines can be headline-shaped, so only those (from the view's shared list)
    are looked at."""
    return view.shared("headline_shaped", _shaped_lines)


def _shaped_lines(view: DocumentView) -> list[str]:
    return headline_shaped(list(map(view.line_texts.__getitem__, view.nonblank_indices)))


def may_repeat_headline(text: str) -> bool:
    """Whether two lines of `text` could be a headline and its repeat, whatever the furniture.

    Telling furniture from content costs far more than everything else here, and nine documents
    in ten have no two headline-shaped lines that say the same thing. So this asks, of every pair
    of headline-shaped lines, what `headline_repeats` asks of its pairs apart from furniture:
    the length bounds, the shared words of the title test or the first word of the block test,
    and `same_headline` (with `near`, which every exact repeat also meets). Only when some pair
    passes are the furniture and the real title worth finding.
    """
    return _may_pair(headline_shaped(text.split("\n")))


def headline_shaped(lines: list[str]) -> list[str]:
    """The headline-shaped lines of `lines`, in order."""
    # is_headline_shaped's own first test, inlined: most lines are long or end a sentence.
    longest = MAX_HEADLINE_CHARS + 20
    return [
        line
        for line in lines
        if len(line) <= longest and line[-1:] not in _SENTENCE_END and is_headline_shaped(line)
    ]


def _may_pair(shaped: list[str]) -> bool:
    """`may_repeat_headline` of a document's headline-shaped lines."""
    if len(shaped) < 2:
        return False
    sizes = [len(line) for line in shaped]
    words = [set(line.lower().split()) for line in shaped]
    first_words: dict[str, str] = {}  # only needed when the shared words say no
    for pos, line in enumerate(shaped):
        low, high = _length_bounds(line)
        line_words = words[pos]
        opens_block = len(line.split()) > MIN_HEADLINE_WORDS  # long enough to open a block
        for later in range(pos + 1, len(shaped)):
            if not low <= sizes[later] <= high:
                continue
            other = shaped[later]
            if 3 * len(line_words & words[later]) < len(words[later]):
                if not opens_block:
                    continue
                for text in (line, other):
                    if text not in first_words:
                        first_words[text] = _first_word(text)
                if first_words[line] != first_words[other]:
                    continue
            if same_headline(headline_keys(line), headline_keys(other)):
                return True
    return False


def _length_bounds(text: str) -> tuple[float, float]:
    size = len(text.strip())
    return size * 0.4, size * 2.5 + 10


class DuplicateHeadline(Rule):
    """Flags a headline printed again in the same document.

    Scraped pages often carry the headline twice: the page <title> (maybe with the site name,
    "Headline | Site") and the article's own heading, or a header block above the body. The
    repeat is reported, naming the line of the first occurrence; case, punctuation, quotes,
    dashes and a site name before or after are ignored, and a near repeat (a word or two
    dropped or abbreviated) counts too.

    Leaves alone:
    - short lines repeated on purpose ("Share", "VIDEO", list labels): a headline has at least
      three words and does not end like a running sentence;
    - repeated lines that are not the title, unless they open a block (a later headline whose
      repeat follows with only furniture between, as when a second article was glued on);
    - a longer title and a short section heading that shares a few of its words.

    The safe fix deletes the repeated line.

    Bad:
        Russia says Taliban will attend Afghanistan talks in Moscow
        Updated 21 August 2018
        Russia says Taliban will attend Afghanistan talks in Moscow
        MOSCOW: Russia's foreign minister said on Tuesday the Taliban will attend.

    Good:
        Russia says Taliban will attend Afghanistan talks in Moscow
        MOSCOW: Russia's foreign minister said on Tuesday the Taliban will attend.
        Share
        Share
    """

    code = "DU001"
    name = "duplicate-headline"
    family = "duplication"
    summary = "A headline or title line repeated in the same document"
    fixable = True

    def check(self, view: DocumentView) -> Iterator[Finding]:
        for first, copy in headline_repeats_of(view):
            line = view.line(copy)
            start, end = content_span(line)
            message = f"Headline repeated from line {first + 1}"
            yield Finding(start, end, message, line_deletion(view, line))
