"""From a stream of results to what the user sees and the exit code: the one reporting loop
that `check` and `check --fix` share.

It applies the baseline, feeds the reporter (or, with --statistics, the table), counts, draws
the progress line, records fingerprints for --write-baseline, and decides the exit code from
findings, input errors and CI thresholds.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from linter.baseline import Baseline, write_baseline
from linter.config import Settings
from linter.diagnostic import Diagnostic
from linter.progress import Progress
from linter.reporters import get_reporter
from linter.rule import Rule
from linter.runner import INPUT_ERROR_CODE, DocumentResult
from linter.stats import Statistics, render_statistics
from linter.thresholds import Thresholds

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class ReportOptions:
    output_format: str = "concise"
    statistics: bool = False
    show_fixes: bool = False
    color: bool = False
    baseline: Baseline | None = None
    write_baseline: str | None = None
    thresholds: Thresholds = field(default_factory=lambda: Thresholds({}))
    progress: Progress | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        statistics: bool,
        show_fixes: bool,
        color: bool,
        write_baseline: str | None,
        thresholds: Thresholds,
        progress: Progress | None = None,
    ) -> ReportOptions:
        return cls(
            output_format=settings.output_format,
            statistics=statistics,
            show_fixes=show_fixes,
            color=color,
            baseline=Baseline.load(settings.baseline) if settings.baseline else None,
            write_baseline=write_baseline,
            thresholds=thresholds,
            progress=progress,
        )


def report(
    results: Iterable[DocumentResult],
    registry: Mapping[str, type[Rule]],
    out: TextIO,
    err: TextIO,
    options: ReportOptions,
) -> Statistics:
    """Show every result as the options say; return the run's statistics."""
    reporter = get_reporter(
        options.output_format, out, registry, color=options.color, show_fixes=options.show_fixes
    )
    # With --statistics the table replaces the listing; input errors still go to stderr so
    # nothing unreadable passes unnoticed.
    problems = get_reporter("concise", err, registry) if options.statistics else None
    recorded: list[Diagnostic] | None = [] if options.write_baseline else None
    stats = Statistics()
    if not options.statistics:
        reporter.start()
    try:
        for result in results:
            if options.progress is not None and not result.corpus:
                options.progress.advance(1, result.size)
            if recorded is not None:
                recorded.extend(d for d in result.diagnostics if d.code != INPUT_ERROR_CODE)
            if options.baseline is not None and not result.input_error:
                result.diagnostics = options.baseline.filter(result.diagnostics)
            stats.add(result)
            for diagnostic in result.diagnostics:
                if problems is None:
                    reporter.emit(diagnostic)
                elif diagnostic.code == INPUT_ERROR_CODE:
                    problems.emit(diagnostic)
    finally:
        if options.progress is not None:
            options.progress.close()
    if options.statistics:
        fmt = "json" if options.output_format in ("json", "jsonl") else "text"
        render_statistics(stats, out, color=options.color, fmt=fmt)
    else:
        reporter.finish(stats)
    out.flush()
    if recorded is not None and options.write_baseline is not None:
        count = write_baseline(options.write_baseline, recorded)
        err.write(f"Wrote {count} findings to the baseline {options.write_baseline}.\n")
    if options.baseline is not None:
        _report_baseline(options.baseline, err)
    return stats


def _report_baseline(baseline: Baseline, err: TextIO) -> None:
    stale = baseline.stale()
    if baseline.suppressed:
        err.write(f"{baseline.suppressed} findings hidden by the baseline.\n")
    if stale:
        total = sum(count for _, count in stale)
        err.write(
            f"{total} baseline entries no longer occur (fixed?); refresh the baseline with"
            " --write-baseline:\n"
        )
        for entry, count in stale[:20]:
            where = f"{entry.path} ({entry.doc_id})" if entry.doc_id else entry.path
            times = f" x{count}" if count > 1 else ""
            err.write(f"  {entry.code} {where} {entry.fingerprint}{times}\n")
        if len(stale) > 20:
            err.write(f"  ... and {len(stale) - 20} more\n")


def exit_code(stats: Statistics, thresholds: Thresholds, err: TextIO) -> int:
    """2 for unreadable input; with thresholds, 1 only when a gate fails; else 1 on findings."""
    if stats.input_errors or not thresholds:
        return stats.exit_code()
    failures = thresholds.failures(stats.shares())
    for code, share, limit in failures:
        allowed = f"limit {limit:.2%}" if limit is not None else "no threshold set"
        err.write(f"{code}: {share:.2%} of documents affected ({allowed})\n")
    return EXIT_FINDINGS if failures else EXIT_OK


def input_size(paths: Sequence[str]) -> int | None:
    """Bytes to read when every path is a plain file (for the progress line's ETA), else None."""
    total = 0
    for path in paths:
        if path == "-" or not os.path.isfile(path):
            return None
        total += os.path.getsize(path)
    return total
