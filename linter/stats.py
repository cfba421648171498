"""Counts over a run: findings per rule, documents affected per rule, overall and per source.

`Statistics.add` takes the `DocumentResult`s of `linter.runner.run` as they stream by. Memory does
not grow with the number of documents: a document-phase result is one whole document, so the
documents a code affects are counted by incrementing a counter once per distinct code in the
result. Corpus results (`corpus=True`) arrive after every document and add diagnostics to
documents already counted; only for those is a set of `(code, path, record)` keys kept, holding
the affected documents and nothing else. This assumes, as the rule API does, that a code is
reported either by a document-scope rule or by a corpus-scope rule, never both. Beyond that,
memory grows only with the number of distinct sources (a few counters each).

A result's source is `result.source`, or its path when that is None. Input-error results count
as input errors, not as documents, and their IN001 diagnostics are not findings.

`render_statistics` prints the table `--statistics` shows (text or JSON).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TextIO

from linter.runner import RULE_ERROR_CODE, DocumentResult


@dataclass(slots=True)
class SourceStatistics:
    """The counters of one source (a site, or a file), or of the whole run."""

    documents: int = 0
    by_code: Counter[str] = field(default_factory=Counter)
    affected_by_code: Counter[str] = field(default_factory=Counter)
    fixable_by_code: Counter[str] = field(default_factory=Counter)

    @property
    def findings(self) -> int:
        return sum(self.by_code.values())

    def share(self, code: str) -> float:
        """The share of this source's documents that `code` affects (0.0 when there are none)."""
        if not self.documents:
            return 0.0
        return self.affected_by_code[code] / self.documents


class Statistics:
    """What `--statistics`, CI thresholds and the exit code need to know about a run."""

    def __init__(self) -> None:
        self.total = SourceStatistics()
        self.sources: dict[str, SourceStatistics] = {}
        self.names: dict[str, str] = {}
        self.by_severity: Counter[str] = Counter()
        self.input_errors = 0
        self._corpus_affected: set[tuple[str, str, int]] = set()

    def add(self, result: DocumentResult) -> None:
        if result.input_error:
            self.input_errors += 1
            return
        source_name = result.source if result.source is not None else result.path
        source = self.sources.get(source_name)
        if source is None:
            source = self.sources[source_name] = SourceStatistics()
        if not result.corpus:
            self.total.documents += 1
            source.documents += 1
        newly_affected: set[str] = set()
        for diagnostic in result.diagnostics:
            code = diagnostic.code
            if code == RULE_ERROR_CODE:  # a rule failed on this document: the run is not clean
                self.input_errors += 1
            self.names.setdefault(code, diagnostic.rule)
            self.by_severity[diagnostic.severity] += 1
            for counters in (self.total, source):
                counters.by_code[code] += 1
                if diagnostic.fix is not None:
                    counters.fixable_by_code[code] += 1
            if code in newly_affected:
                continue
            if result.corpus:
                key = (code, diagnostic.path, diagnostic.record or 0)
                if key in self._corpus_affected:
                    continue
                self._corpus_affected.add(key)
            newly_affected.add(code)
            self.total.affected_by_code[code] += 1
            source.affected_by_code[code] += 1

    # -- what callers ask ----------------------------------------------------------------------

    @property
    def documents(self) -> int:
        return self.total.documents

    @property
    def by_code(self) -> Counter[str]:
        """How many diagnostics each code produced."""
        return self.total.by_code

    @property
    def affected_by_code(self) -> Counter[str]:
        """How many documents each code reported on at least once."""
        return self.total.affected_by_code

    @property
    def fixable_by_code(self) -> Counter[str]:
        return self.total.fixable_by_code

    @property
    def findings(self) -> int:
        """Diagnostics other than input errors."""
        return self.total.findings

    @property
    def has_findings(self) -> bool:
        return self.total.findings > 0

    @property
    def has_input_errors(self) -> bool:
        return self.input_errors > 0

    def share(self, code: str, source: str | None = None) -> float:
        """The share of documents (of one source, or of the run) that `code` affects."""
        if source is None:
            return self.total.share(code)
        counters = self.sources.get(source)
        return counters.share(code) if counters is not None else 0.0

    def shares(self) -> dict[str, float]:
        """Every code that occurred, with the share of documents it affects (for CI gates)."""
        return {code: self.total.share(code) for code in sorted(self.total.by_code)}

    def exit_code(self) -> int:
        """2 when an input could not be read, else 1 when anything was found, else 0."""
        if self.input_errors:
            return 2
        return 1 if self.has_findings else 0


# -- rendering -----------------------------------------------------------------------------------

MAX_SOURCES_SHOWN = 20  # a crawl has thousands of sites; the text table shows the worst

_BOLD = "\x1b[1m"
_RED = "\x1b[31m"
_RESET = "\x1b[0m"


def render_statistics(
    stats: Statistics,
    stream: TextIO,
    *,
    color: bool = False,
    fmt: Literal["text", "json"] = "text",
) -> None:
    """Print the statistics table: per code its count, name, whether fixes exist, the documents
    it affects and their share; a per-source section follows when there is more than one
    source, listing the sources with the most findings first (the first MAX_SOURCES_SHOWN in
    text; the JSON form has them all)."""
    if fmt == "json":
        text = json.dumps(statistics_dict(stats), indent=2, ensure_ascii=False)
        if _SURROGATE_RE.search(text):  # a lone surrogate from a JSON id: no UTF-8 can carry it
            text = json.dumps(statistics_dict(stats), indent=2)
        stream.write(text + "\n")
        return
    if fmt != "text":
        raise ValueError(f"unknown statistics format {fmt!r}: use text or json")
    paint = _Painter(color)
    rows = _rows(stats.total, stats.names)
    sources = _sources_in_order(stats)
    per_source = [
        (name, counters, _rows(counters, stats.names))
        for name, counters in sources[:MAX_SOURCES_SHOWN]
    ]
    # One set of column widths for every table, so the per-source rows line up with each other.
    widths = _widths(rows + [row for _, _, source_rows in per_source for row in source_rows])
    lines = [_header(widths, paint)] if rows else []
    lines += [_format_row(row, widths, paint) for row in rows]
    lines.append(_summary(stats))
    if len(sources) > 1:
        lines.append("")
        lines.append(paint(_BOLD, "Per source:"))
        for name, counters, source_rows in per_source:
            label = paint(_BOLD, _one_line(name))
            lines.append(f"  {label}: {_plural(counters.documents, 'document')}")
            lines += ["  " + _format_row(row, widths, paint) for row in source_rows]
        if len(sources) > MAX_SOURCES_SHOWN:
            hidden = _plural(len(sources) - MAX_SOURCES_SHOWN, "more source")
            lines.append(f"  ... and {hidden}; the JSON form (--output-format json) lists all.")
    stream.write("\n".join(lines) + "\n")


def statistics_dict(stats: Statistics) -> dict:
    """The JSON form of `--statistics`: plain values, shares as fractions."""
    return {
        "documents": stats.documents,
        "findings": stats.findings,
        "input_errors": stats.input_errors,
        "codes": _codes_dict(stats.total, stats.names),
        "sources": [
            {
                "source": name,
                "documents": counters.documents,
                "findings": counters.findings,
                "codes": _codes_dict(counters, stats.names),
            }
            for name, counters in _sources_in_order(stats)
        ],
    }


@dataclass(frozen=True, slots=True)
class _Row:
    count: int
    code: str
    name: str
    fixable: bool
    affected: int
    share: str


def _ordered_codes(counters: SourceStatistics) -> list[str]:
    return sorted(counters.by_code, key=lambda code: (-counters.by_code[code], code))


def _rows(counters: SourceStatistics, names: Mapping[str, str]) -> list[_Row]:
    return [
        _Row(
            count=counters.by_code[code],
            code=code,
            name=names.get(code, ""),
            fixable=counters.fixable_by_code[code] > 0,
            affected=counters.affected_by_code[code],
            share=_percent(counters.share(code)) if counters.documents else "-",
        )
        for code in _ordered_codes(counters)
    ]


def _codes_dict(counters: SourceStatistics, names: Mapping[str, str]) -> list[dict]:
    return [
        {
            "code": code,
            "name": names.get(code, ""),
            "count": counters.by_code[code],
            "fixable": counters.fixable_by_code[code],
            "documents": counters.affected_by_code[code],
            "share": counters.share(code),
        }
        for code in _ordered_codes(counters)
    ]


def _sources_in_order(stats: Statistics) -> list[tuple[str, SourceStatistics]]:
    """The sources with the most findings first, so the worst sites lead a long list."""
    return sorted(stats.sources.items(), key=lambda item: (-item[1].findings, item[0]))


_HEADINGS = ("count", "code", "name", "fix", "documents", "share")


def _widths(rows: list[_Row]) -> tuple[int, ...]:
    cells = [_cells(row) for row in rows]
    return tuple(
        max([len(heading)] + [len(row[i]) for row in cells]) for i, heading in enumerate(_HEADINGS)
    )


def _cells(row: _Row) -> tuple[str, ...]:
    fix = "[*]" if row.fixable else ""
    return (str(row.count), row.code, row.name, fix, str(row.affected), row.share)


def _header(widths: tuple[int, ...], paint: _Painter) -> str:
    return paint(_BOLD, _join(_HEADINGS, widths))


def _format_row(row: _Row, widths: tuple[int, ...], paint: _Painter) -> str:
    line = _join(_cells(row), widths)
    if not paint.enabled:
        return line
    # Colour after aligning: escape codes have no width.
    count_width = widths[0] + 2
    return line[:count_width] + paint(_BOLD + _RED, row.code) + line[count_width + len(row.code) :]


def _join(cells: tuple[str, ...], widths: tuple[int, ...]) -> str:
    """Numbers right-aligned, words left-aligned, two spaces between columns."""
    numeric = (True, False, False, False, True, True)
    parts = [
        cell.rjust(width) if right else cell.ljust(width)
        for cell, width, right in zip(cells, widths, numeric, strict=True)
    ]
    return "  ".join(parts).rstrip()


def _percent(share: float) -> str:
    if 0 < share < 0.001:
        return "<0.1%"
    return f"{share:.1%}"


_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _one_line(text: str) -> str:
    """A source name from the data, kept to one line of terminal output."""
    if _CONTROL_RE.search(text) or _SURROGATE_RE.search(text):
        return json.dumps(text)[1:-1]
    return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _summary(stats: Statistics) -> str:
    parts = [
        _plural(stats.findings, "finding"),
        f"{_plural(stats.documents, 'document')} checked",
    ]
    if stats.input_errors:
        parts.append(_plural(stats.input_errors, "input error"))
    return ", ".join(parts) + "."


class _Painter:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        return f"{style}{text}{_RESET}" if self.enabled and text else text
