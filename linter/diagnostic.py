"""Plain values that flow from rules to reporters and the fixer.

A rule yields `Finding`s: character offsets into the document text, a message and maybe a `Fix`.
The engine turns each into a `Diagnostic`, which also knows where the document came from, its
1-based line/column span and a fingerprint. Reporters and the fixer only ever see `Diagnostic`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
Applicability = Literal["safe", "unsafe"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `content` (an insertion when start == end).

    Rules set `start`, `end` and `content`; the engine fills in the 1-based positions.
    """

    start: int
    end: int
    content: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: Applicability
    edits: tuple[Edit, ...]

    @classmethod
    def safe(cls, *edits: Edit) -> Fix:
        return cls("safe", tuple(edits))

    @classmethod
    def unsafe(cls, *edits: Edit) -> Fix:
        return cls("unsafe", tuple(edits))

    @classmethod
    def delete(cls, start: int, end: int) -> Fix:
        return cls("safe", (Edit(start, end, ""),))


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: a span of the document text, by character offsets."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    severity: Severity | None = None  # None: the rule's configured severity


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, located and ready for any reporter."""

    code: str
    rule: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0
    doc_id: str | None = None
    record: int | None = None
    fix: Fix | None = None
    fingerprint: str = ""
    # The text of the diagnostic's first line, for the `full` reporter; not serialised.
    source_line: str = field(default="", compare=False, repr=False)
    # The document's source (site or file), for per-source statistics; not serialised.
    source: str | None = field(default=None, compare=False, repr=False)

    @property
    def location(self) -> str:
        """Where a person finds it: the path, and for records the record number and id."""
        if self.record is None:
            return self.path
        if self.doc_id is None or self.doc_id == str(self.record):
            return f"{self.path}[{self.record}]"
        return f"{self.path}[{self.record}:{self.doc_id}]"

    def sort_key(self) -> tuple:
        return (self.path, self.record or 0, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict:
        fix = None
        if self.fix is not None:
            fix = {
                "applicability": self.fix.applicability,
                "edits": [
                    {
                        "line": e.line,
                        "column": e.column,
                        "end_line": e.end_line,
                        "end_column": e.end_column,
                        "content": e.content,
                    }
                    for e in self.fix.edits
                ],
            }
        return {
            "path": self.path,
            "doc_id": self.doc_id,
            "record": self.record,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "fix": fix,
            "fingerprint": self.fingerprint,
        }
