"""DU002 duplicate-passage: a sentence or paragraph that the document says twice."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import chain, repeat
from typing import NamedTuple

from linter.diagnostic import Edit, Finding, Fix
from linter.document import DocumentView, Line
from linter.rule import Option, Rule
from rules._prose import line_deletion_span

# A list marker at the start of a line: bullets, dashes, "1." or "2)".
BULLET_RE = re.compile(r"^\s*(?:[•·▪◦‣●○■□►▸→*\-–—]|\d{1,2}[.)])\s+")
# Case, quotes, punctuation and spacing do not make a sentence different: only its words count.
_WORD_RE = re.compile(r"[^\W_]+")
# Prose ends a sentence with a full stop, question or exclamation mark, perhaps inside quotes.
_TERMINAL_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")


def _ends_sentence(text: str, end: int, line_end: int) -> bool:
    """Whether text[:end] ends a sentence: final punctuation, then the end of the line or a new
    sentence that does not start in lower case ("1 tsp. olive oil" is not two sentences)."""
    if _TERMINAL_RE.search(text[max(0, end - 8) : end]) is None:
        return False
    rest = text[end:line_end].lstrip()
    return not rest or not rest[0].islower()


def normalise(text: str) -> str:
    """The words of `text` after any leading list marker, case-folded, one space between."""
    bullet = BULLET_RE.match(text)
    if bullet is not None:
        text = text[bullet.end() :]
    # Joining the words found is a fifth faster than replacing every gap between them.
    return " ".join(_WORD_RE.findall(text.casefold()))


class _Occurrence(NamedTuple):
    start: int
    end: int
    line: int  # 0-based index into view.lines
    bulleted: bool
    standalone: bool  # the line holds this sentence and nothing else


class DuplicatePassage(Rule):
    """Flags a sentence or a whole paragraph that appears twice in one document.

    Scrapers repeat text: a summary bullet or a pull quote that restates a body sentence word
    for word, a paragraph extracted twice. Sentences are compared after folding case, quotes,
    punctuation, spacing and a leading bullet, and must have at least `min-words` words, so
    stock phrases ("He declined to comment.") never count. (A cheap first pass looks for
    repeats up to quotes, bullets and final punctuation; a copy that also differs in case,
    spacing or inner punctuation is not found.)

    Which copy is reported: the one a human editor would delete.
    - A line that is nothing but a sentence found inside a body paragraph (a summary bullet, a
      pull quote) is the furniture: it is reported, even when it comes first.
    - Of two identical paragraphs, the later is reported, unless only the other one is
      bulleted (a summary bullet at the top repeats a body line): then the bullet is.
    - Inside two different paragraphs, a run of at least two repeated sentences is reported
      at its later copy; a single shared sentence is left alone, as writers restate a point.
    The message names the line of the copy that stays.

    Leaves alone:
    - headline-like lines (the first line of the document, or a short line without final
      punctuation): a repeated headline is DU001's finding;
    - lines that are not prose (list items, labels, captions: no sentence ends with a full
      stop, question or exclamation mark in any copy);
    - short sentences (fewer than `min-words` words), and a quote repeated in a shortened form,
      which is not the same sentence;
    - template lines ("Vote for Olga on the last page!" next to "Vote for Anna on the last
      page!"), and sentences with more than `max-copies` copies (a refrain).

    Fixes: deleting a paragraph that repeats a whole earlier paragraph is safe; deleting a
    bullet or pull quote that repeats part of a paragraph is offered as unsafe; a repeat inside
    a paragraph gets no fix, as the paragraph may need rewording.

    Bad:
        Storm nears the coast

        Officials said the storm would reach the coast by Friday evening.
        The city opened three shelters on Thursday.

        Officials said the storm would reach the coast by Friday evening.

    Good:
        Storm nears the coast

        Officials said the storm would reach the coast by Friday evening.
        "It will reach the coast by Friday," officials said.
    """

    code = "DU002"
    name = "duplicate-passage"
    family = "duplication"
    summary = "A sentence or paragraph repeated in the same document"
    fixable = True
    options = (
        Option("min_words", 8, "Shortest sentence, in words, that counts as a passage."),
        Option("max_copies", 3, "More copies than this are a refrain or template, not reported."),
        Option("title_words", 20, "Lines without final punctuation up to this length are titles."),
    )

    def check(self, view: DocumentView) -> Iterator[Finding]:
        text = view.text
        if not may_repeat(text, self.min_words, self.title_words, view.line_texts):
            return
        keyed = [(sentence, normalise(sentence.text)) for sentence in view.sentences]
        counts = Counter(key for _, key in keyed)
        # Sentences long enough to be a template variant of a passage.
        keys = {key for key in counts if key.count(" ") + 3 >= self.min_words}
        groups: dict[str, list[_Occurrence]] = {}
        prose: set[str] = set()
        for sentence, key in keyed:
            if counts[key] < 2 or key.count(" ") + 1 < self.min_words:
                continue
            index = view.line_index(sentence.start)
            line = view.lines[index]
            if _ends_sentence(text, sentence.end, line.end):
                prose.add(key)
            groups.setdefault(key, []).append(
                _Occurrence(
                    sentence.start,
                    sentence.end,
                    index,
                    BULLET_RE.match(line.text) is not None,
                    normalise(line.text) == key,
                )
            )
        # (line index of the copy to delete) -> [(occurrence, line index of the kept copy)]
        reported: dict[int, list[tuple[_Occurrence, int]]] = {}
        for key, occurrences in groups.items():
            if not 2 <= len(occurrences) <= self.max_copies or key not in prose:
                continue
            if any(self._title_like(view, o.line) for o in occurrences):
                continue
            if _has_variant(key, keys):
                continue
            standalone = [o for o in occurrences if o.standalone]
            if standalone and len(standalone) < len(occurrences):
                kept = next(o for o in occurrences if not o.standalone)
            else:
                kept = next((o for o in occurrences if not o.bulleted), occurrences[0])
            for occurrence in occurrences:
                if occurrence is not kept:
                    reported.setdefault(occurrence.line, []).append((occurrence, kept.line))
        for index in sorted(reported):
            yield from self._findings(view, index, reported[index])

    def _title_like(self, view: DocumentView, index: int) -> bool:
        line = view.lines[index]
        stripped = line.text.strip()
        prose = _ends_sentence(stripped, len(stripped), len(stripped))
        short = len(stripped.split()) <= self.title_words
        if index == view.nonblank_lines[0].number - 1:
            return short or not prose  # the headline, perhaps with a site name after it
        return short and not prose and not BULLET_RE.match(line.text)

    def _findings(
        self, view: DocumentView, index: int, copies: list[tuple[_Occurrence, int]]
    ) -> Iterator[Finding]:
        line = view.lines[index]
        copies.sort()
        first, kept_index = copies[0]
        kept = view.lines[kept_index]
        start, end = _content_span(line)
        same_kept = all(k == kept_index for _, k in copies) and kept_index != index
        if same_kept and normalise(line.text) == normalise(kept.text):
            # The whole line (paragraph) is a copy of the whole kept line.
            what = "Summary bullet repeats" if first.bulleted else "Paragraph repeats"
            fix = Fix.safe(Edit(*line_deletion_span(view, index), ""))
            yield Finding(start, end, f"{what} line {kept.number}", fix)
            return
        if first.standalone:
            what = "Summary bullet" if first.bulleted else "Line"
            message = f"{what} repeats a sentence of line {kept.number}"
            yield Finding(
                start, end, message, Fix.unsafe(Edit(*line_deletion_span(view, index), ""))
            )
            return
        # Adjacent repeated sentences that repeat the same line make one run; only runs of two
        # or more sentences are reported (one shared sentence is a writer restating a point).
        runs: list[list[tuple[_Occurrence, int]]] = [[copies[0]]]
        for occurrence, kept_line in copies[1:]:
            previous, previous_kept = runs[-1][-1]
            between = view.text[previous.end : occurrence.start]
            if kept_line == previous_kept and not between.strip():
                runs[-1].append((occurrence, kept_line))
            else:
                runs.append([(occurrence, kept_line)])
        for run in runs:
            if len(run) < 2:
                continue
            start, end, kept_line = run[0][0].start, run[-1][0].end, run[0][1]
            number = view.lines[kept_line].number
            where = "the same line" if kept_line == index else f"line {number}"
            yield Finding(start, end, f"{len(run)} sentences repeat {where}")


# What may surround a repeated sentence without making it a different one: bullets, quotes,
# brackets, final punctuation.
_EDGES = " \t\u00a0•·▪●*-–—\"'“”‘’«»().,:;…"


def may_repeat(text: str, min_words: int, title_words: int, lines: list[str] | None = None) -> bool:
    """A cheap gate in front of sentence splitting, which most documents (with no repeat) never
    need: does any line, or ". "-separated piece of a line, of at least `min_words` words occur
    twice, up to what surrounds it (bullets, quotes, final punctuation)? Only C-level string
    operations run per piece. A copy that differs in case, spacing or inner punctuation slips
    through; scraped copies come from the same source text and rarely do. `lines`: the text's
    split at line breaks, if at hand (`DocumentView.line_texts`)."""
    # "!" and "?" end sentences too; one-character replace() is far cheaper than two (and
    # returns the text itself when there is nothing to replace: then its lines are still good).
    marked = text.replace("!", ".").replace("?", ".")
    if lines is None or marked is not text:
        lines = marked.split("\n")
    # Each non-empty line is cut into its pieces (empty ones never count as repeats), and each
    # piece stripped by str.strip mapped with its argument repeated, in C: an operator.methodcaller
    # took twice as long.
    cut = chain.from_iterable(map(str.split, filter(None, lines), repeat(". ")))
    pieces = list(map(str.strip, cut, repeat(_EDGES)))
    text = marked
    # Most documents repeat no piece (but for empty ones): a set says so faster than a Counter.
    distinct = set(pieces)
    if len(distinct) - ("" in distinct) == len(pieces) - pieces.count(""):
        return False
    counts = Counter(pieces)
    counts.pop("", None)
    head = text.lstrip()
    for piece, n in counts.items():
        if n < 2 or piece.count(" ") + 1 < min_words:
            continue
        # A repeated headline, or a bare title-like line, is DU001's, as in `_title_like`.
        short = piece.count(" ") < title_words
        if short and (head.startswith(piece) or f"\n{piece}\n" in text):
            continue
        return True
    return False


def _has_variant(key: str, keys: set[str]) -> bool:
    """Whether another sentence of the document is this one with a word or two swapped: then
    both come from a template ("Vote for Olga on the last page!", one per contestant), and a
    repeat of one of them is the template's, not an extraction accident."""
    words = key.split()
    for other in keys:
        if other == key:
            continue
        others = other.split()
        if abs(len(others) - len(words)) > 2:
            continue
        shorter = min(len(words), len(others))
        prefix = 0
        while prefix < shorter and words[prefix] == others[prefix]:
            prefix += 1
        suffix = 0
        while suffix < shorter - prefix and words[-1 - suffix] == others[-1 - suffix]:
            suffix += 1
        if prefix + suffix >= shorter - 2:
            return True
    return False


def _content_span(line: Line) -> tuple[int, int]:
    text = line.text
    start = line.start + len(text) - len(text.lstrip())
    end = line.start + len(text.rstrip())
    return start, end
