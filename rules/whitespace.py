"""WS002 irregular-whitespace and WS003 trailing-whitespace."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import filterfalse

from linter.diagnostic import Edit, Finding, Fix
from linter.document import DocumentView
from linter.rule import Rule

NO_BREAK_SPACES = "\u00a0\u2007\u202f"
# Invisible characters that extractors leave behind. ZWNJ/ZWJ (U+200C/U+200D) are left alone:
# Persian, Indic scripts and emoji sequences need them.
INVISIBLE = "\u200b\u2060\ufeff\u00ad"
# C0 controls except the whitespace ones (tab, line feed, vertical tab, form feed, carriage
# return: a lone CR is an old Mac line break, and deleting it would join two lines), DEL, and the
# C1 block (cp1252 bytes decoded as latin-1).
CONTROL = "\x00-\x08\x0e-\x1f\x7f-\x9f"

# Where an irregular space-like run starts: a no-break space, or two spaces. Each is found by a
# plain substring search (many times faster than one regex alternation that stops at every
# space); the few hits are widened to their whole run and checked to sit between two visible
# characters.
SPACE_RUN_SEEDS = (*NO_BREAK_SPACES, "  ")
SPACE_LIKE = " " + NO_BREAK_SPACES
INVISIBLE_RE = re.compile(rf"[{INVISIBLE}{CONTROL}]+")
# Characters that str.isprintable rejects but that WS002 accepts as they are (line breaks, tabs,
# no-break spaces...): blanked out before asking isprintable whether anything invisible is left.
NONPRINTING_LAYOUT = "\t\r\x0b\x0c" + NO_BREAK_SPACES
TRAILING_RE = re.compile(rf"[ \t{NO_BREAK_SPACES}]+$", re.MULTILINE)

# French and other typographies put a no-break space before these marks, and inside numbers.
NBSP_BEFORE_OK = set(";:!?»%€›")
NBSP_AFTER_OK = set("«‹")
SENTENCE_END = set(".!?…:")
_SPACE_RUNS_RE = re.compile(" {2,}")
# Longer runs of plain spaces align columns; they are layout, not a slip.
MAX_STRAY_SPACES = 3

_NAMES = {
    "\u00a0": "no-break space",
    "\u2007": "figure space",
    "\u202f": "narrow no-break space",
    "\u200b": "zero-width space",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark",
    "\u00ad": "soft hyphen",
}


def describe(char: str) -> str:
    return _NAMES.get(char, f"control character U+{ord(char):04X}")


class IrregularWhitespace(Rule):
    """Flags whitespace that an extractor, not a writer, put in the text.

    Catches:
    - a no-break space (U+00A0, U+2007, U+202F) between two words, alone or next to a space;
    - two or more spaces between two words of one sentence;
    - invisible characters: zero-width space, word joiner, a byte-order mark inside the text,
      soft hyphens;
    - control characters (C0 except the whitespace ones, DEL, the C1 block).

    Leaves alone:
    - no-break spaces where typography wants them: before ; : ! ? » % € (French), after «, and
      between digits ("10 000");
    - two spaces after a full stop (an old typing convention, not an extraction defect);
    - spaces that align columns: runs of four or more, a line with more than one run, runs
      next to a digit (tables, aligned code comments, number lists);
    - indentation at the start of a line, and whitespace at the end of one (WS003 reports that);
    - zero-width joiners and non-joiners, which Persian, Indic scripts and emoji need;
    - carriage returns, vertical tabs and form feeds: line and page breaks, not noise.

    The safe fix replaces the run with one space, or deletes the invisible character.

    Bad:
        Both surrounding\u00a0 Iran and the region.

    Good:
        Both surrounding Iran and the region.
    """

    code = "WS002"
    name = "irregular-whitespace"
    family = "layout"
    summary = "No-break, doubled, zero-width or control characters where one space belongs"
    fixable = True

    def check(self, view: DocumentView) -> Iterator[Finding]:
        text = view.text
        covered = 0
        for start in _space_run_seeds(text):
            end = start + 1
            if start < covered:
                continue  # inside the run already reported
            while start > 0 and text[start - 1] in SPACE_LIKE:
                start -= 1
            while end < len(text) and text[end] in SPACE_LIKE:
                end += 1
            covered = end
            if start == 0 or end == len(text):
                continue
            run, before, after = text[start:end], text[start - 1], text[end]
            if before.isspace() or after.isspace():
                continue  # indentation or a line end: not between two words
            if any(c in NO_BREAK_SPACES for c in run):
                if _typographic_nbsp(run, before, after):
                    continue
                odd = next(c for c in run if c in NO_BREAK_SPACES)
                message = f"{describe(odd).capitalize()} where a space belongs"
            elif not _stray_spaces(text, start, end, before, after):
                continue
            else:
                message = f"{len(run)} spaces between words"
            yield Finding(start, end, message, Fix.safe(Edit(start, end, " ")))
        if not _may_hold_invisible_bytes(text, view.utf8) or not _may_hide_characters(
            text, view.line_texts
        ):
            return
        for match in INVISIBLE_RE.finditer(text):
            start, end = match.span()
            if start == 0 and match.group() == "\ufeff":
                continue  # a leading BOM is the file's business, kept by writers
            message = f"Invisible {describe(match.group()[0])} in the text"
            yield Finding(start, end, message, Fix.safe(Edit(start, end, "")))


def _space_run_seeds(text: str) -> list[int]:
    """Offsets of every no-break space and of every pair of spaces, in order. Runs overlap ("   "
    gives two pairs); the caller widens each seed to its run and skips seeds already covered."""
    seeds = []
    for seed in SPACE_RUN_SEEDS:
        at = text.find(seed)
        while at != -1:
            seeds.append(at)
            at = text.find(seed, at + 1)
    seeds.sort()
    return seeds


# INVISIBLE_RE's characters in UTF-8: the C0 controls and DEL are single bytes; the C1 controls
# and the soft hyphen are 0xC2 and a second byte; the other three are found in the text itself.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_C1_OR_SOFT_HYPHEN_RE = re.compile(rb"\xc2[\x80-\x9f\xad]")


def _may_hold_invisible_bytes(text: str, utf8: bytes) -> bool:
    """Whether `text` (whose UTF-8 is `utf8`) may hold a character of INVISIBLE_RE: asked of the
    bytes first, as str.isprintable looks each character up in the Unicode tables (about a
    tenth of the structural rules' instructions on news text, for a character that is almost
    never there). A no-break space (0xC2 0xA0) does not make a text a suspect."""
    if len(utf8.translate(None, _CONTROL_BYTES)) != len(utf8):
        return True
    if b"\xc2" in utf8 and _C1_OR_SOFT_HYPHEN_RE.search(utf8) is not None:
        return True
    return "\u200b" in text or "\u2060" in text or "\ufeff" in text


def _may_hide_characters(text: str, lines: list[str] | None = None) -> bool:
    """Whether INVISIBLE_RE can match: every character it looks for is a control (Cc) or format
    (Cf) character, which str.isprintable rejects. isprintable runs in C at several hundred MB/s,
    a regex character class at about 130, so the text's lines (`lines`: its split at line
    breaks, if at hand) are asked, and a line that fails is asked again without the other layout
    characters that are not printable."""
    # Only the lines that fail (a no-break space is enough) are asked again.
    for line in filterfalse(str.isprintable, text.split("\n") if lines is None else lines):
        for char in NONPRINTING_LAYOUT:
            if char in line:
                line = line.replace(char, " ")
        if not line.isprintable():
            return True
    return False


def _stray_spaces(text: str, start: int, end: int, before: str, after: str) -> bool:
    """Two or three spaces inside running prose, not alignment or typing convention: no digit on
    either side, not after a full stop, and no other run of spaces on the same line (columns,
    tables, aligned comments)."""
    if end - start > MAX_STRAY_SPACES or before.isdigit() or after.isdigit():
        return False
    if before in SENTENCE_END:
        return False  # two spaces after a full stop: an old typing convention
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)].strip()
    return len(_SPACE_RUNS_RE.findall(line)) == 1


def _typographic_nbsp(run: str, before: str, after: str) -> bool:
    if len(run) != 1:
        return False
    return (
        after in NBSP_BEFORE_OK or before in NBSP_AFTER_OK or (before.isdigit() and after.isdigit())
    )


class TrailingWhitespace(Rule):
    """Flags spaces, tabs and no-break spaces at the end of a line.

    Off by default: in prose it is invisible and harmless, and where it matters it is usually
    evidence of something else (a cut paragraph, TR001; a stray line break, WS001), which those
    rules report. Enable it for corpora that must be byte-clean.

    Leaves alone: whitespace-only lines (blank lines are layout).

    The safe fix deletes the trailing run.

    Bad:
        The talks ended on Tuesday.\u00a0

    Good:
        The talks ended on Tuesday.
    """

    code = "WS003"
    name = "trailing-whitespace"
    family = "layout"
    summary = "Whitespace at the end of a line"
    fixable = True
    enabled_by_default = False

    def check(self, view: DocumentView) -> Iterator[Finding]:
        for match in TRAILING_RE.finditer(view.text):
            start, end = match.span()
            if start == 0 or view.text[start - 1] == "\n":
                continue
            yield Finding(start, end, "Trailing whitespace", Fix.safe(Edit(start, end, "")))
