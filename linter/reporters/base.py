"""The reporter protocol and the small text helpers the formats share.

A reporter is driven as `start()`, `emit(diagnostic)` for every diagnostic in output order, then
`finish(stats)`. Streaming formats write in `emit`; collecting formats (one JSON array, one SARIF
log, one XML document) keep the diagnostics and write in `finish`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import TextIO

from linter.diagnostic import Diagnostic, Edit
from linter.rule import Rule
from linter.stats import Statistics


class Reporter:
    """Base class of every output format."""

    def __init__(
        self,
        stream: TextIO,
        rules: Mapping[str, type[Rule]],
        *,
        color: bool = False,
        show_fixes: bool = False,
    ) -> None:
        self.stream = stream
        self.rules = rules
        self.color = color
        self.show_fixes = show_fixes

    def start(self) -> None:
        """Called once before the first diagnostic."""

    def emit(self, diagnostic: Diagnostic) -> None:
        raise NotImplementedError

    def finish(self, stats: Statistics) -> None:
        """Called once after the last diagnostic."""


# -- escaping ------------------------------------------------------------------------------------

# Characters that would break a one-line record or let document text drive the terminal: C0 and
# C1 controls, line and paragraph separators, and lone surrogates (a JSON "\ud800" decodes to one,
# and no UTF-8 stream can write it).
_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SIMPLE_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return _SIMPLE_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def one_line(text: str) -> str:
    """`text` made safe for a line of terminal or log output: control characters escaped."""
    return _UNSAFE_RE.sub(_escape_char, text)


QUOTE_LIMIT = 60  # code points of a quoted span; longer spans keep their two ends


def quote(text: str, limit: int | None = QUOTE_LIMIT) -> str:
    """A double-quoted, escaped rendering of a span of document text for people to read. Spaces
    other than U+0020 and invisible characters are escaped: they are what rules often report.
    A span longer than `limit` is shown by its start and end around an `…`."""
    if limit is not None and len(text) > limit:
        tail = limit // 3
        text = text[: limit - tail - 1] + "…" + text[-tail:]
    out = []
    for char in text:
        if char in '\\"':
            out.append("\\" + char)
        elif char in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[char])
        elif char != " " and (not char.isprintable() or char.isspace()):
            out.append(f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def dumps(value: object, indent: int | None = None) -> str:
    """JSON that keeps non-ASCII text readable, falling back to \\u escapes for the rare lone
    surrogate that no UTF-8 stream could write."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if _SURROGATE_RE.search(text):
        text = json.dumps(value, ensure_ascii=True, indent=indent)
    return text


# -- locations -----------------------------------------------------------------------------------


def record_location(diagnostic: Diagnostic) -> str:
    """The file, and for records `#record` and the document id in parentheses:
    `data.jsonl#3(doc-7)`, or `data.jsonl#3` when the id is the record number.

    No colon is added, so `file:line:col:` parsers (Vim's errorformat, Emacs compilation-mode,
    VS Code's `$gcc` matcher) still split it at the line number.
    """
    path = one_line(diagnostic.path)
    if diagnostic.record is None:
        return path
    doc_id = diagnostic.doc_id
    if doc_id is None or doc_id == str(diagnostic.record):
        return f"{path}#{diagnostic.record}"
    return f"{path}#{diagnostic.record}({one_line(doc_id)})"


def relative_path(path: str, root: str | None = None) -> str | None:
    """`path` relative to `root` (default: the working directory) in POSIX form, or None when it
    lies outside it."""
    pure = PurePath(path)
    if not pure.is_absolute():
        return pure.as_posix()
    try:
        return PurePath(os.path.relpath(path, root or os.getcwd())).as_posix()
    except ValueError:  # another drive on Windows
        return None


# -- fixes ---------------------------------------------------------------------------------------


def describe_edit(edit: Edit, diagnostic: Diagnostic) -> str:
    """What one edit does, in words: `replace "  " with " "`, `delete "x"`, `insert "y" at 2:5`.

    The replaced text is quoted when it lies on the diagnostic's own line, line break included
    (the only line a diagnostic carries); otherwise the edit names its span.
    """
    if _is_insertion(edit):
        where = f" at {edit.line}:{edit.column}" if edit.line else ""
        return f"insert {quote(edit.content)}{where}"
    old = _edit_text(edit, diagnostic)
    target = quote(old) if old is not None else f"the text at {_span(edit)}"
    if not edit.content:
        return f"delete {target}"
    return f"replace {target} with {quote(edit.content)}"


def _is_insertion(edit: Edit) -> bool:
    if edit.line:
        return (edit.line, edit.column) == (edit.end_line, edit.end_column)
    return edit.start == edit.end


def _edit_text(edit: Edit, diagnostic: Diagnostic) -> str | None:
    source = diagnostic.source_line
    if not edit.line or (edit.end_line == diagnostic.line and edit.end_column - 1 > len(source)):
        return None
    if edit.line == diagnostic.line - 1 and edit.end_line == diagnostic.line:
        # From the line break that ends the line before (how the last line of a text is
        # deleted): exactly that when the edit is one character longer than its part of this line.
        if edit.end - edit.start == edit.end_column:
            return "\n" + source[: edit.end_column - 1]
        return None
    if edit.line != diagnostic.line or not 1 <= edit.column <= len(source) + 1:
        return None
    if edit.end_line == edit.line:
        return source[edit.column - 1 : edit.end_column - 1]
    if edit.end_line == edit.line + 1 and edit.end_column == 1:
        return source[edit.column - 1 :] + "\n"  # up to and including the line break
    return None


def _span(edit: Edit) -> str:
    return f"{edit.line}:{edit.column}-{edit.end_line}:{edit.end_column}"


def describe_fix(diagnostic: Diagnostic) -> list[str]:
    """One line per edit of the diagnostic's fix, the last marked `(unsafe)` when it is."""
    fix = diagnostic.fix
    if fix is None:
        return []
    lines = [describe_edit(edit, diagnostic) for edit in fix.edits]
    if fix.applicability == "unsafe" and lines:
        lines[-1] += " (unsafe)"
    return lines


# -- colour --------------------------------------------------------------------------------------

BOLD = "\x1b[1m"
RED = "\x1b[31m"
YELLOW = "\x1b[33m"
BLUE = "\x1b[34m"
CYAN = "\x1b[36m"
RESET = "\x1b[0m"

SEVERITY_STYLE = {"error": BOLD + RED, "warning": BOLD + YELLOW, "info": BOLD + CYAN}


def paint(enabled: bool, style: str, text: str) -> str:
    return f"{style}{text}{RESET}" if enabled and text else text
