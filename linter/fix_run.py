"""`scrapelint check --fix` and `--diff`: fix documents, write them back (or print the diff), and
report what remains. The CLI calls `run_fix`; the fixing itself is fix.py, the files writers.py.

- `--fix` rewrites each file once, after its last document, then reports the findings that
  remain in the fixed documents (corpus rules included) exactly as `check` would, and exits like
  ruff: 0 when nothing remains, 1 when something does, 2 when an input could not be read or a
  file could not be written back.
- `--diff` changes nothing: it prints a unified diff per changed document (a record is labelled
  `path#record(id)`, as the reporters name it) and exits 1 when there is something to fix.
- `-` with `--fix` writes the fixed input to standard output and the report to standard error.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Mapping
from typing import TextIO

from linter.api import lint_items, read_paths
from linter.config import Settings, build_rules
from linter.document import Document
from linter.fix import FixResult, fix_stream, unified_diff
from linter.report import ReportOptions, exit_code, report
from linter.reporters import get_reporter
from linter.reporters.base import one_line
from linter.rule import Rule
from linter.runner import InputProblem, input_problem_result
from linter.sources import kind_of
from linter.writers import WriteError, fixed_bytes, write_fixes

STDIN = "-"


class _Session:
    """What happens to each file once its documents are fixed, and the tally."""

    def __init__(
        self, settings: Settings, out: TextIO, err: TextIO, diff: bool, stdin_path: str | None
    ) -> None:
        self.settings = settings
        self.stdin_path = stdin_path  # what documents read from `-` are called
        self.out = out
        self.err = err
        self.diff = diff
        self.fixed = 0  # diagnostics fixed (or, with --diff, that would be)
        self.files = 0
        self.write_errors = 0
        self.stdin_batch: list[tuple[Document, str]] = []

    def on_file(self, path: str, changed: list[tuple[Document, FixResult]]) -> None:
        self.fixed += sum(len(result.fixed) for _, result in changed)
        self.files += bool(changed)
        if self.diff:
            for doc, result in changed:
                original = doc.meta.get("original_text", doc.text)
                name = one_line(path) if doc.record is None else _record_label(doc)
                self.out.write(unified_diff(original, result.text, name))
            return
        pairs = [(doc, result.text) for doc, result in changed]
        if path == self.stdin_path:
            self.stdin_batch = pairs
            return
        if not changed:
            return
        try:
            outcome = write_fixes(path, pairs, self.settings.text_field)
        except WriteError as exc:
            self.error(str(exc))
            return
        except OSError as exc:
            self.error(f"{path}: not rewritten: {exc.strerror or exc}")
            return
        for record, message in outcome.skipped:
            self.error(f"{path}#{record}: {message}")

    def error(self, message: str) -> None:
        self.write_errors += 1
        self.err.write(f"error: {message}\n")


def _record_label(doc: Document) -> str:
    """`path#record(doc-id)`, the way the reporters name a record."""
    path = one_line(doc.path)
    if doc.doc_id is None or doc.doc_id == str(doc.record):
        return f"{path}#{doc.record}"
    return f"{path}#{doc.record}({one_line(doc.doc_id)})"


def _noun(count: int) -> str:
    return "finding" if count == 1 else "findings"


def run_fix(
    paths: tuple[str, ...],
    settings: Settings,
    registry: Mapping[str, type[Rule]],
    options: ReportOptions,
    *,
    stdout: TextIO,
    stdin_filename: str | None,
    unsafe: bool,
    diff: bool,
) -> int:
    """Run `check --fix` (or `--diff`) and return the exit code."""
    rules = build_rules(settings, registry)
    stdin_data = sys.stdin.buffer.read() if STDIN in paths else None
    stdin = io.BytesIO(stdin_data) if stdin_data is not None else None
    items = read_paths(paths, settings, stdin=stdin, stdin_filename=stdin_filename)
    err = sys.stderr
    # With fixed text going to stdout, the report has to go elsewhere.
    report_out = err if stdin_data is not None and not diff else stdout
    stdin_path = (stdin_filename or STDIN) if stdin_data is not None else None
    session = _Session(settings, stdout, err, diff, stdin_path)
    fixed_items = fix_stream(items, rules, session.on_file, unsafe, settings.ignored_codes)

    if diff:
        problems = get_reporter("concise", err, registry)
        input_errors = 0
        for item in fixed_items:
            if isinstance(item, InputProblem):
                input_errors += 1
                problems.emit(input_problem_result(item).diagnostics[0])
        stdout.flush()
        if session.fixed:
            err.write(
                f"Would fix {session.fixed} {_noun(session.fixed)}"
                f" in {session.files} {'file' if session.files == 1 else 'files'}.\n"
            )
        if input_errors:
            return 2
        return 1 if session.fixed else 0

    results = lint_items(fixed_items, settings, registry, rules)
    stats = report(results, registry, report_out, err, options)
    if stdin_data is not None:
        _write_stdin(stdin_data, stdin_filename, session)
    remaining = stats.findings
    err.write(
        f"Fixed {session.fixed} {_noun(session.fixed)}, {remaining} remaining.\n"
        if session.fixed
        else ""
    )
    report_out.flush()
    if session.write_errors:
        return 2
    return exit_code(stats, options.thresholds, err)


def _write_stdin(data: bytes, filename: str | None, session: _Session) -> None:
    """The fixed input on stdout; unchanged input is echoed so a pipe never loses text."""
    kind = kind_of(filename) if filename else "text"
    out = data
    if session.stdin_batch:
        try:
            out, outcome = fixed_bytes(data, kind, session.stdin_batch, session.settings.text_field)
        except WriteError as exc:
            session.error(f"{STDIN}: {exc}")
            out = data
        else:
            for record, message in outcome.skipped:
                session.error(f"{STDIN}#{record}: {message}")
    sys.stdout.flush()
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
