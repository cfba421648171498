"""XP001 shouting-line: an example third-party rule, registered through an entry point."""

from __future__ import annotations

from collections.abc import Iterator

from linter.diagnostic import Finding
from linter.document import DocumentView
from linter.rule import Option, Rule


class ShoutingLine(Rule):
    """Flags a line written entirely in capital letters.

    Leaves alone: lines with fewer than `min-words` words (acronyms, "USA", "BREAKING").

    Bad:
        THE MINISTER RESIGNED ON TUESDAY

    Good:
        The minister resigned on Tuesday.
    """

    code = "XP001"
    name = "shouting-line"
    family = "style"
    summary = "A line written entirely in capitals"
    options = (Option("min_words", 3, "Shortest line, in words, that is reported"),)

    def check(self, view: DocumentView) -> Iterator[Finding]:
        for line in view.nonblank_lines:
            words = line.text.split()
            if len(words) >= self.min_words and line.text.isupper():
                yield Finding(line.start, line.end, f"Line in capitals ({len(words)} words)")
