"""`concise`, the default: one line per diagnostic, the way compilers print them.

    notes.txt:3:17: warning: WS002 [*] 2 spaces between words
    data.jsonl#3(doc-7):5:1: warning: BP001 [*] Page furniture left in the text

The line is `LOCATION:LINE:COLUMN: SEVERITY: CODE [*] MESSAGE`, which Vim's errorformat, Emacs
compilation-mode and VS Code's `$gcc` problem matcher all parse:

- LOCATION is the path; for a JSONL or Parquet record it is `path#RECORD(DOC-ID)` (or
  `path#RECORD` when the id is the record number). The record goes in the location, not in a
  separate `:`-field, because a colon there would be read as the line number. LINE and COLUMN
  are in the document text of that record, not in the file; an editor cannot jump into a
  record, but the location tells a person which record to open.
- SEVERITY is `error` or `warning`. `$gcc` knows no other word, so an `info` diagnostic is
  printed as `warning` here (the JSON, SARIF and GitHub formats keep `info`; with colour it is
  painted differently).
- `[*]` marks a diagnostic with a safe fix (`--fix` applies it). With `show_fixes`, the fix is
  described after the message: `(fix: replace "  " with " ")`.
- Control characters in paths, ids and messages are escaped so every diagnostic stays on one
  line.

After the last diagnostic a summary line follows (`Found 3 problems (2 fixable with --fix).`),
which no problem matcher mistakes for a diagnostic; a clean run prints nothing at all.
"""

from __future__ import annotations

from typing import Any

from linter.diagnostic import Diagnostic
from linter.reporters.base import (
    BOLD,
    SEVERITY_STYLE,
    Reporter,
    describe_fix,
    one_line,
    paint,
    record_location,
)
from linter.stats import Statistics


def severity_word(diagnostic: Diagnostic) -> str:
    """`error` or `warning`: the two words every `file:line:col:` problem matcher knows."""
    return "error" if diagnostic.severity == "error" else "warning"


def header(diagnostic: Diagnostic, *, color: bool = False, show_fixes: bool = False) -> str:
    """The one-line form of a diagnostic, shared with the `full` format."""
    location = f"{record_location(diagnostic)}:{diagnostic.line}:{diagnostic.column}:"
    severity = severity_word(diagnostic) + ":"
    marker = " [*]" if diagnostic.fix is not None and diagnostic.fix.applicability == "safe" else ""
    message = one_line(diagnostic.message)
    if show_fixes and diagnostic.fix is not None:
        message += f" (fix: {'; '.join(describe_fix(diagnostic))})"
    return (
        f"{paint(color, BOLD, location)} "
        f"{paint(color, SEVERITY_STYLE[diagnostic.severity], severity)} "
        f"{paint(color, BOLD, diagnostic.code)}{marker} {message}"
    )


def summary(problems: int, fixable: int) -> str:
    noun = "problem" if problems == 1 else "problems"
    text = f"Found {problems} {noun}"
    if fixable:
        text += f" ({fixable} fixable with --fix)"
    return text + "."


class ConciseReporter(Reporter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems = 0
        self.fixable = 0

    def emit(self, diagnostic: Diagnostic) -> None:
        self.problems += 1
        if diagnostic.fix is not None and diagnostic.fix.applicability == "safe":
            self.fixable += 1
        self.write(diagnostic)

    def write(self, diagnostic: Diagnostic) -> None:
        line = header(diagnostic, color=self.color, show_fixes=self.show_fixes)
        self.stream.write(line + "\n")

    def finish(self, stats: Statistics) -> None:
        if self.problems:
            self.stream.write(summary(self.problems, self.fixable) + "\n")
        self.stream.flush()
