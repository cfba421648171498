"""ST001 merged-documents: a second article glued onto the first.

Crawlers that follow "next article" links, infinite-scroll pages and careless concatenation
leave two articles in one document. The second one announces itself the way the first did: a
headline, then a stamp block (an "Updated ..." line, a date, a byline, share widgets) or the
headline printed twice, then body text. This rule looks for that opening block after a body, and
shares its furniture and headline logic with BP001 and DU001.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import and_

from linter.diagnostic import Finding
from linter.document import DocumentView
from linter.rule import Rule
from rules.boilerplate import (
    content_span,
    furniture_kinds,
)
from rules.headline import (
    MAX_HEADLINE_CHARS,
    headline_repeats_of,
    is_headline_shaped,
    shaped_lines,
)

# Furniture that opens an article: what a page prints between a headline and its body.
STAMP_KINDS = frozenset({"timestamp", "date", "byline"})
# A body before the second headline: enough article text that the headline cannot be the
# first article's own subtitle or header block.
MIN_BODY_LINES = 2
MIN_BODY_CHARS = 300
BODY_LINE_CHARS = 80
# The second headline: a real headline, not a two-word section label.
MIN_HEADLINE_WORDS = 4
# How many non-blank lines the opening block (stamps, widgets, the repeated headline) may span.
BLOCK_WINDOW = 5
# The opening block must lead into prose, not into the next item of a related-links list.
MIN_FOLLOWING_CHARS = 100


def article_starts(view: DocumentView) -> Iterator[tuple[int, str]]:
    """(line index, reason) of every headline that opens a further article in the document."""
    texts, kinds = view.line_texts, furniture_kinds(view)
    nonblank = view.nonblank_indices
    furniture = len(kinds) - kinds.count(None)
    if len(nonblank) - furniture < MIN_BODY_LINES + 2:
        return
    # An opening block needs a stamp, or a headline-shaped line and its repeat (shaped too):
    # without a stamp anywhere, fewer than two headline-shaped lines rule the document out.
    if STAMP_KINDS.isdisjoint(kinds) and len(shaped_lines(view)) < 2:
        return
    title = next(i for i in nonblank if kinds[i] is None)
    start = _body_end(texts, kinds, nonblank, title)
    if start is None or not _may_hold_opening(texts, kinds, nonblank[start:]):
        return
    repeated: dict[int, int] | None = None  # headline repeats: computed only for a candidate
    body_lines = body_chars = 0
    for pos, i in enumerate(nonblank):
        if kinds[i] is not None or i == title:
            continue
        text = texts[i]
        if (
            body_lines >= MIN_BODY_LINES
            and body_chars >= MIN_BODY_CHARS
            and len(text) <= _HEADLINE_MAX  # is_headline_shaped's first test, inline
            and text[-1] not in _SENTENCE_ENDS
            and is_headline_shaped(text)
            and len(text.split()) >= MIN_HEADLINE_WORDS
            and _may_open_block(texts, kinds, nonblank, pos)
        ):
            if repeated is None:
                repeated = {
                    first: repeat for first, repeat in headline_repeats_of(view) if first != title
                }
            reason = _opening_block(texts, kinds, nonblank, pos, repeated.get(i))
            if reason is not None:
                yield i, reason
                body_lines = body_chars = 0
                continue
        size = len(text)
        if size >= BODY_LINE_CHARS:
            body_lines += 1
            body_chars += size


def _body_end(
    texts: list[str], kinds: list[str | None], nonblank: list[int], title: int
) -> int | None:
    """The position in `nonblank` from which a headline may open a second article: the
    first after enough body text (as `article_starts` counts it); None if there is none."""
    body_lines = body_chars = 0
    for pos, i in enumerate(nonblank):
        if kinds[i] is not None or i == title:
            continue
        if body_lines >= MIN_BODY_LINES and body_chars >= MIN_BODY_CHARS:
            return pos
        size = len(texts[i])
        if size >= BODY_LINE_CHARS:
            body_lines += 1
            body_chars += size
    return None


# A superset of headline.is_headline_shaped's cheap first test: a line longer than this or
# ending in one of these is not headline-shaped.
_HEADLINE_MAX = MAX_HEADLINE_CHARS + 20
_SENTENCE_ENDS = frozenset(".;,")


def _may_hold_opening(texts: list[str], kinds: list[str | None], lines: list[int]) -> bool:
    """Whether `lines` (non-blank, after the first body) could hold an opening block: a stamp,
    or a headline-shaped content line right after another (a headline and its repeat). Most
    documents have neither, and this is told with a few passes in C instead of a Python
    step per line."""
    if not STAMP_KINDS.isdisjoint(map(kinds.__getitem__, lines)):
        return True
    content = [texts[i] for i in lines if kinds[i] is None]
    shaped = [len(text) <= _HEADLINE_MAX and text[-1] not in _SENTENCE_ENDS for text in content]
    return any(map(and_, shaped, shaped[1:]))


def _may_open_block(
    texts: list[str], kinds: list[str | None], nonblank: list[int], pos: int
) -> bool:
    """Whether the lines after the headline at nonblank[pos] could be an opening block, as far
    as it can be told without the document's headline repeats (headline.py pairs only
    headline-shaped lines, the repeat first after the headline): the first content line could
    be the repeat, or a stamp comes before it and it is long enough to be the body that
    `_opening_block` requires. Most subheadings are followed by a paragraph, and then the
    headline repeats need not be computed."""
    stamp = False
    for j in nonblank[pos + 1 : pos + 1 + BLOCK_WINDOW]:
        if kinds[j] is None:
            if is_headline_shaped(texts[j]):
                return True
            return stamp and len(texts[j].strip()) >= MIN_FOLLOWING_CHARS
        if kinds[j] in STAMP_KINDS:
            stamp = True
    return False


def _opening_block(
    texts: list[str],
    kinds: list[str | None],
    nonblank: list[int],
    pos: int,
    repeat: int | None,
) -> str | None:
    """Why the headline at nonblank[pos] opens an article, or None if it does not."""
    stamp = None
    after = None
    for j in nonblank[pos + 1 : pos + 1 + BLOCK_WINDOW]:
        if j == repeat:
            continue
        if kinds[j] is None:
            after = j
            break
        if stamp is None and kinds[j] in STAMP_KINDS:
            stamp = j
    if after is None or len(texts[after].strip()) < MIN_FOLLOWING_CHARS:
        return None
    if repeat is not None:
        return f"its headline is repeated on line {repeat + 1}"
    if stamp is not None:
        return f"a headline with its own stamp block (line {stamp + 1})"
    return None


class MergedDocuments(Rule):
    """Flags the point where a second, unrelated article starts inside a document.

    Catches a headline that follows a body of article text and opens a block of its own: a
    publish or update stamp, a date line or a byline (with share widgets around it), or the
    same headline printed again, and then body text. The finding is on the second headline.

    Leaves alone:
    - the document's own header block, however long;
    - section headings inside an article (no stamp block under them);
    - related-link lists of headlines and dates at the end of a page (no body text follows
      each item);
    - a single foreign sentence inside an article: without a headline block there is nothing
      a reader could point to as the start of another document.

    No fix: where the second article ends, and which of the two the document should keep, is
    for a person to decide.

    Bad:
        Russia says Taliban will attend talks in Moscow
        MOSCOW: Russia's foreign minister said on Tuesday the Taliban have accepted an invitation to attend talks on Afghanistan in Moscow.
        Sergey Lavrov said on Tuesday that Russia has invited the Taliban to the talks and received a positive response, voicing hope for productive negotiations.
        Russia conducted international talks on Afghanistan in April last year, but the United States did not attend.
        Kremlin says Putin is mediating in Iran to normalize situation
        Updated 6 sec ago
        Follow
        MOSCOW: President Vladimir Putin is mediating in the Iran situation to quickly de-escalate tensions, the Kremlin said on Friday.

    Good:
        Russia says Taliban will attend talks in Moscow
        Updated 21 August 2018
        MOSCOW: Russia's foreign minister said on Tuesday the Taliban have accepted an invitation to attend talks on Afghanistan in Moscow.
        Sergey Lavrov said on Tuesday that Russia has invited the Taliban to the talks and received a positive response, voicing hope for productive negotiations.
        What the talks could change
        Russia conducted international talks on Afghanistan in April last year, but the United States did not attend the meeting at all.
    """  # noqa: E501 - the examples are real-length paragraphs

    code = "ST001"
    name = "merged-documents"
    family = "structure"
    summary = "A second, unrelated article glued into the document"

    def check(self, view: DocumentView) -> Iterator[Finding]:
        for i, reason in article_starts(view):
            start, end = content_span(view.line(i))
            yield Finding(start, end, f"A second article starts here: {reason}")
