"""`github`: GitHub Actions workflow commands, which show as annotations on the pull request.

    ::warning file=a.txt,line=3,col=17,endLine=3,endColumn=19,title=WS002::2 spaces between words

Severities map to `error`, `warning` and `notice` (for `info`). Columns are given only when the
span stays on one line (GitHub ignores them otherwise). For a record of a JSONL or Parquet file
the line and column are in the record's text, not in the file, so the annotation is attached
to the file as a whole and the message starts with where to look:
`record 3 (doc-7), line 5, column 2: ...`.

Escaping follows the workflow command syntax: in the message `%`, CR and LF become `%25`,
`%0D`, `%0A`; in property values `:` and `,` are escaped too (`%3A`, `%2C`).
"""

from __future__ import annotations

from linter.diagnostic import Diagnostic
from linter.reporters.base import Reporter, relative_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic: Diagnostic) -> str:
    path = relative_path(diagnostic.path) or diagnostic.path
    properties = [("file", path)]
    message = diagnostic.message
    if diagnostic.record is None:
        properties.append(("line", str(diagnostic.line)))
        if diagnostic.end_line == diagnostic.line:
            properties.append(("col", str(diagnostic.column)))
        properties.append(("endLine", str(diagnostic.end_line)))
        if diagnostic.end_line == diagnostic.line:
            properties.append(("endColumn", str(diagnostic.end_column)))
    else:
        where = f"record {diagnostic.record}"
        if diagnostic.doc_id is not None and diagnostic.doc_id != str(diagnostic.record):
            where += f" ({diagnostic.doc_id})"
        message = f"{where}, line {diagnostic.line}, column {diagnostic.column}: {message}"
    properties.append(("title", diagnostic.code))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[diagnostic.severity]} {rendered}::{escape_data(message)}"


class GithubReporter(Reporter):
    def emit(self, diagnostic: Diagnostic) -> None:
        self.stream.write(annotation(diagnostic) + "\n")
