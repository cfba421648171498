"""`json`: one JSON array of every diagnostic (`Diagnostic.to_dict()`), written at the end.

Each element is an object with path, doc_id, record, line, column, end_line, end_column, code,
rule, severity, message, fix and fingerprint. Non-ASCII text is written as is (UTF-8), indented
two spaces per level; a clean run writes `[]`.
"""

from __future__ import annotations

from typing import Any

from linter.diagnostic import Diagnostic
from linter.reporters.base import Reporter, dumps
from linter.stats import Statistics


class JsonReporter(Reporter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.diagnostics: list[Diagnostic] = []

    def emit(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def finish(self, stats: Statistics) -> None:
        write = self.stream.write
        if not self.diagnostics:
            write("[]\n")
        else:
            # Element by element: a large run never builds the whole document in memory twice.
            write("[\n")
            last = len(self.diagnostics) - 1
            for i, diagnostic in enumerate(self.diagnostics):
                element = dumps(diagnostic.to_dict(), indent=2).replace("\n", "\n  ")
                write("  " + element + (",\n" if i < last else "\n"))
            write("]\n")
        self.stream.flush()
