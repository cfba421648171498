"""`jsonl`: one JSON object per line (`Diagnostic.to_dict()`), written and flushed as each
diagnostic arrives, so a consumer can follow a long corpus run as it goes."""

from __future__ import annotations

from linter.diagnostic import Diagnostic
from linter.reporters.base import Reporter, dumps


class JsonLinesReporter(Reporter):
    def emit(self, diagnostic: Diagnostic) -> None:
        self.stream.write(dumps(diagnostic.to_dict()) + "\n")
        self.stream.flush()
