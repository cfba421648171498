"""`full`: the concise line, then the source line with the span underlined, then the fix.

    notes.txt:3:17: warning: WS002 [*] 2 spaces between words
      3 | Both surrounding  Iran and the region.
        |                 ^^
        = help: replace "  " with " "

The header is exactly the `concise` line, so problem matchers still find it. Under it:

- the diagnostic's first line of document text, with carets under the span. Carets are placed by
  display width: columns count code points, but a wide (CJK) character takes two cells, a
  combining mark none, a tab four. Invisible and control characters are shown as `<U+200B>` so
  that what a rule reports can be seen (no-break spaces show as spaces; the carets find them).
  A span that runs past its first line is underlined to the end of that line. A line too long
  for a terminal is cut to a window around the span, elided with `…`.
- one `help:` line per edit of the fix, `(unsafe)` when the fix may change meaning.

No snippet is shown when the diagnostic carries no source line (input errors, for one).
"""

from __future__ import annotations

import unicodedata

from linter.diagnostic import Diagnostic
from linter.reporters.base import (
    BLUE,
    BOLD,
    CYAN,
    SEVERITY_STYLE,
    describe_fix,
    paint,
)
from linter.reporters.concise import ConciseReporter, header

TAB = "    "
MAX_WIDTH = 100  # display cells of source text shown per snippet
CONTEXT = 30  # cells kept before the span when a long line is cut


def display_cell(char: str) -> str:
    """How one character of document text is drawn in the snippet."""
    if char == "\t":
        return TAB
    if char.isprintable():
        return char
    if unicodedata.category(char) == "Zs":
        return " "  # a no-break or other space: drawn as a space, the carets show it
    return f"<U+{ord(char):04X}>"


def cell_width(cell: str) -> int:
    width = 0
    for char in cell:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def snippet(diagnostic: Diagnostic) -> tuple[str, int, int]:
    """The text to show, the width before the span and the width of the span (at least 1)."""
    source = diagnostic.source_line
    cells = [display_cell(char) for char in source]
    widths = [cell_width(cell) for cell in cells]
    start = min(max(diagnostic.column - 1, 0), len(cells))
    end = len(cells)
    if diagnostic.end_line == diagnostic.line:
        end = min(max(diagnostic.end_column - 1, start), len(cells))
    first, last = _window(widths, start)
    text = "".join(cells[first:last])
    before = sum(widths[first:start])
    if first > 0:
        text = "…" + text
        before += 1
    if last < len(cells):
        text += "…"
    span = sum(widths[start : min(end, last)])
    return text, before, max(span, 1)


def _window(widths: list[int], start: int) -> tuple[int, int]:
    """The cells [first, last) to show: the whole line when it fits, else a window that starts
    a little before the span."""
    if sum(widths) <= MAX_WIDTH:
        return 0, len(widths)
    first = start
    used = 0
    while first > 0 and used + widths[first - 1] <= CONTEXT:
        first -= 1
        used += widths[first]
    last = first
    used = 0
    while last < len(widths) and used + widths[last] <= MAX_WIDTH:
        used += widths[last]
        last += 1
    while first > 0 and used + widths[first - 1] <= MAX_WIDTH:
        first -= 1  # the span is near the end: fill the window from the left instead
        used += widths[first]
    return first, last


class FullReporter(ConciseReporter):
    """The concise header, then the source line, a caret under the span and the fix; the same
    counting and closing summary as the concise format."""

    def write(self, diagnostic: Diagnostic) -> None:
        self.stream.write("\n".join(self.render(diagnostic)) + "\n\n")

    def render(self, diagnostic: Diagnostic) -> list[str]:
        color = self.color
        lines = [header(diagnostic, color=color)]
        number = str(diagnostic.line)
        gutter = " " * (len(number) + 1)
        if diagnostic.source_line:
            text, before, span = snippet(diagnostic)
            carets = paint(color, SEVERITY_STYLE[diagnostic.severity], "^" * span)
            lines.append(paint(color, BOLD + BLUE, f" {number} |") + (" " + text).rstrip())
            lines.append(paint(color, BOLD + BLUE, f"{gutter} |") + " " + " " * before + carets)
        for help_text in describe_fix(diagnostic):
            lines.append(
                f"{gutter} {paint(color, BOLD + BLUE, '=')} "
                f"{paint(color, BOLD + CYAN, 'help:')} {help_text}"
            )
        return lines
