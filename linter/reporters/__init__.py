"""Output formats: one module per format, each a `Reporter` (see base.py).

`get_reporter(name, stream, rules)` builds one. Streaming formats (concise, full, jsonl, github)
write as diagnostics arrive; collecting formats (json, sarif, junit) write once, in `finish`.

Options every format accepts: `color` (ANSI colour; only the text formats use it) and
`show_fixes` (the concise format then describes each fix after its message; `full` always does).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from linter.reporters.base import Reporter
from linter.reporters.concise import ConciseReporter
from linter.reporters.full import FullReporter
from linter.reporters.github import GithubReporter
from linter.reporters.json import JsonReporter
from linter.reporters.jsonl import JsonLinesReporter
from linter.reporters.junit import JunitReporter
from linter.reporters.sarif import SarifReporter
from linter.rule import Rule

FORMATS = ("concise", "full", "json", "jsonl", "sarif", "github", "junit")

_REPORTERS: dict[str, type[Reporter]] = {
    "concise": ConciseReporter,
    "full": FullReporter,
    "json": JsonReporter,
    "jsonl": JsonLinesReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
}


def get_reporter(
    name: str,
    stream: TextIO,
    rules: Mapping[str, type[Rule]],
    *,
    color: bool = False,
    show_fixes: bool = False,
) -> Reporter:
    """The reporter for output format `name`, writing to `stream`; `rules` (code -> rule class)
    supplies the metadata SARIF describes."""
    try:
        cls = _REPORTERS[name]
    except KeyError:
        raise ValueError(
            f"unknown output format {name!r}; choose one of: {', '.join(FORMATS)}"
        ) from None
    return cls(stream, rules, color=color, show_fixes=show_fixes)


__all__ = ["FORMATS", "Reporter", "get_reporter"]
