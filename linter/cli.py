"""The `scrapelint` command: parse, build settings, call the library, report, set the exit code.

Exit codes: 0 nothing found, 1 findings, 2 a usage, config or input error (an input error wins:
if any input could not be read the exit code is 2 whatever else happened). A `ScrapelintError`
becomes a one-line message on stderr; no traceback reaches the user for bad input or config.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import sys
from collections.abc import Iterable, Mapping
from typing import TextIO

import click

from linter.api import lint_paths, load_registry
from linter.config import Settings, build_rules, load_settings, rule_by_key
from linter.errors import ScrapelintError
from linter.progress import Progress
from linter.report import ReportOptions, exit_code, input_size, report
from linter.reporters import FORMATS
from linter.rule import Rule
from linter.runner import ENGINE_CODES
from linter.thresholds import Thresholds

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: Iterable[str]) -> list[str] | None:
    """Repeatable, comma-separated options (`--select SP,DU --select WS002`) as one list."""
    items = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return items or None


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scrapelint", prog_name="scrapelint")
def main() -> None:
    """scrapelint: a linter for scraped text (truncation, boilerplate, duplicates, typos,
    name variants, layout and encoding damage)."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Read settings from this file (pyproject.toml or scrapelint.toml).",
)
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Only these rules: codes, prefixes (SP, DU0), names or ALL; comma-separated.",
)
@click.option(
    "--extend-select",
    multiple=True,
    metavar="CODES",
    help="Enable these rules on top of the selection.",
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Disable these rules.")
@click.option(
    "--output-format",
    type=click.Choice(FORMATS),
    help="How to print diagnostics (default: concise).",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print counts per rule (and share of documents affected) instead of diagnostics.",
)
@click.option("--show-fixes", is_flag=True, help="Describe each available fix.")
@click.option(
    "--fix/--no-fix",
    default=None,
    help="Apply safe fixes in place; exit 1 only if findings remain [config: fix].",
)
@click.option(
    "--unsafe-fixes/--no-unsafe-fixes",
    default=None,
    help="With --fix or --diff, apply unsafe fixes too [config: unsafe-fixes].",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print a unified diff of what --fix would change, change nothing; exit 1 if any.",
)
@click.option("--show-settings", is_flag=True, help="Print the resolved settings and exit.")
@click.option("--text-field", metavar="NAME", help="JSONL/Parquet field with the text [text].")
@click.option(
    "--id-field",
    metavar="NAME",
    help="Field with the document id [id; the record number if absent].",
)
@click.option(
    "--source-field",
    metavar="NAME",
    help="Field naming each record's source (a URL's host is used), for statistics.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOBS",
    help="Files to read inside folders (replaces the defaults).",
)
@click.option(
    "--extend-include", multiple=True, metavar="GLOBS", help="More files to read inside folders."
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOBS",
    help="Files and folders to skip (replaces the defaults).",
)
@click.option(
    "--extend-exclude", multiple=True, metavar="GLOBS", help="More files and folders to skip."
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="The name (and so the kind, e.g. x.jsonl) of what `-` reads from stdin.",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when there are findings (input errors still exit 2).",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour output (auto: only on a terminal).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    help="Worker processes (0: one per CPU) [0; used only for inputs larger than one batch].",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    help="Where to run: this machine, or Ray (each file a shard; RAY_ADDRESS picks a cluster).",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Hide findings recorded in this baseline; list entries that no longer occur.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record every finding of this run in a baseline file.",
)
@click.option(
    "--threshold",
    multiple=True,
    metavar="CODE=SHARE",
    help="Fail only when CODE affects more than SHARE of documents (e.g. BP001=1%, default=5%).",
)
def check(
    paths: tuple[str, ...],
    config_file: str | None,
    isolated: bool,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    output_format: str | None,
    statistics: bool,
    show_fixes: bool,
    fix: bool | None,
    unsafe_fixes: bool | None,
    diff: bool,
    show_settings: bool,
    text_field: str | None,
    id_field: str | None,
    source_field: str | None,
    include: tuple[str, ...],
    extend_include: tuple[str, ...],
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    stdin_filename: str | None,
    exit_zero: bool,
    color: str,
    jobs: int | None,
    engine: str | None,
    baseline_file: str | None,
    write_baseline: str | None,
    threshold: tuple[str, ...],
) -> None:
    """Lint files, folders (recursively) and `-` (standard input)."""
    paths = paths or (".",)
    overrides = {
        "select": _split(select),
        "extend-select": _split(extend_select),
        "ignore": _split(ignore),
        "text-field": text_field,
        "id-field": id_field,
        "source-field": source_field,
        "include": _split(include),
        "extend-include": _split(extend_include),
        "exclude": _split(exclude),
        "extend-exclude": _split(extend_exclude),
        "output-format": output_format,
        "jobs": jobs,
        "engine": engine,
        "baseline": baseline_file,
        "fix": fix,
        "unsafe-fixes": unsafe_fixes,
    }
    stdout = sys.stdout
    try:
        registry = load_registry()
        search = [stdin_filename] if paths[0] == "-" and stdin_filename else list(paths)
        settings = load_settings(
            registry,
            config_file=config_file,
            isolated=isolated,
            search_from=search,
            overrides=overrides,
        )
        if show_settings:
            _print_settings(settings, registry, stdout)
            return
        options = ReportOptions.from_settings(
            settings,
            statistics=statistics,
            show_fixes=show_fixes,
            color=_use_color(color, stdout),
            write_baseline=write_baseline,
            thresholds=Thresholds(settings.thresholds).merged(Thresholds.from_cli(threshold)),
        )
        run = _run_check
        if settings.fix or diff:
            from linter.fix_run import run_fix

            run = functools.partial(run_fix, unsafe=settings.unsafe_fixes, diff=diff)
        code = run(paths, settings, registry, options, stdout=stdout, stdin_filename=stdin_filename)
    except ScrapelintError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # `scrapelint check ... | head`: the reader left; that is not an error of ours.
        sys.stderr.close()
        sys.exit(EXIT_FINDINGS)
    if exit_zero and code == EXIT_FINDINGS:
        code = EXIT_OK
    sys.exit(code)


def _run_check(
    paths: tuple[str, ...],
    settings: Settings,
    registry: Mapping[str, type[Rule]],
    options: ReportOptions,
    *,
    stdout: TextIO,
    stdin_filename: str | None,
) -> int:
    """Lint, report, and return the exit code."""
    options.progress = Progress(input_size(paths))
    rules = build_rules(settings, registry)
    _collect_garbage_rarely()
    stdin = sys.stdin.buffer if "-" in paths else None
    results = lint_paths(
        paths, settings, registry, stdin=stdin, stdin_filename=stdin_filename, rules=rules
    )
    stats = report(results, registry, stdout, sys.stderr, options)
    return exit_code(stats, options.thresholds, sys.stderr)


def _collect_garbage_rarely() -> None:
    """Tune the cycle collector for a long lint run (the CLI's process only; the Python API
    leaves its caller's settings alone).

    The rules' word lists and indexes live for the whole run, and a run allocates few reference
    cycles, yet with the default thresholds every full collection walks all of it again: 3-10%
    of a corpus run's time (30 MB of news, `--jobs 1`, on a 2-core machine). Freezing what
    exists once the rules are built takes it out of those walks (and, with `--jobs`, keeps
    forked workers from touching its pages), and a larger first threshold makes collections
    rarer.
    """
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _print_settings(settings: Settings, registry: Mapping[str, type[Rule]], out: TextIO) -> None:
    for key, value in settings.as_dict(registry).items():
        out.write(f"{key} = {json.dumps(value, ensure_ascii=False)}\n")


# -- rules and rule ----------------------------------------------------------------------------


@main.command("rules")
@click.option(
    "--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, family, fixable, enabled by default, summary."""
    try:
        registry = load_registry()
    except ScrapelintError as exc:
        _fail(str(exc))
    stdout = sys.stdout
    if output_format == "json":
        rows = [_rule_dict(cls) for cls in registry.values()]
        stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    header = ("CODE", "NAME", "FAMILY", "FIX", "DEFAULT", "SUMMARY")
    rows = [
        (
            cls.code,
            cls.name,
            cls.family,
            "yes" if cls.fixable else "-",
            "on" if cls.enabled_by_default else "off",
            cls.summary,
        )
        for cls in registry.values()
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        stdout.write("  ".join([*cells, row[-1]]) + "\n")


def _rule_dict(cls: type[Rule]) -> dict:
    return {
        "code": cls.code,
        "name": cls.name,
        "family": cls.family,
        "summary": cls.summary,
        "severity": cls.severity,
        "fixable": cls.fixable,
        "enabled_by_default": cls.enabled_by_default,
        "scope": cls.scope,
        "options": [
            {
                "name": opt.config_key,
                "default": _jsonable(opt.default),
                "description": opt.description,
            }
            for opt in cls.options
        ],
    }


def _jsonable(value: object) -> object:
    if isinstance(value, tuple | frozenset | set):
        return list(value)
    return value


@main.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Explain one rule (by code or name): what it catches, what it leaves alone, options."""
    try:
        registry = load_registry()
    except ScrapelintError as exc:
        _fail(str(exc))
    found = rule_by_key(code, registry)
    if found is None:
        import difflib

        names = [*registry, *(cls.name for cls in registry.values())]
        close = difflib.get_close_matches(code, names, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        _fail(f"unknown rule '{code}'{hint}; `scrapelint rules` lists them all")
    sys.stdout.write(describe_rule(registry[found]))


def describe_rule(cls: type[Rule]) -> str:
    """What `scrapelint rule CODE` prints."""
    facts = [
        f"family: {cls.family}",
        f"severity: {cls.severity}",
        f"fixable: {'yes' if cls.fixable else 'no'}",
        f"enabled by default: {'yes' if cls.enabled_by_default else 'no'}",
        f"scope: {cls.scope}",
    ]
    lines = [f"{cls.code} {cls.name}", "", cls.summary, "", ", ".join(facts), ""]
    lines.append(cls.documentation())
    lines += ["", "Options:"]
    if cls.code in ENGINE_CODES:
        lines.append(
            "  none: the engine's own codes cannot be configured, selected away or ignored."
        )
        return "\n".join(lines) + "\n"
    lines.append(f"  severity = {json.dumps(cls.severity)}  (error, warning or info)")
    for opt in cls.options:
        default = json.dumps(_jsonable(opt.default), ensure_ascii=False)
        lines.append(f"  {opt.config_key} = {default}  {opt.description}")
    lines += ["", "Configure it in pyproject.toml:", f"  [tool.scrapelint.rules.{cls.code}]"]
    if cls.options:
        opt = cls.options[0]
        default = json.dumps(_jsonable(opt.default), ensure_ascii=False)
        lines.append(f"  {opt.config_key} = {default}")
    else:
        lines.append(f"  severity = {json.dumps(cls.severity)}")
    return "\n".join(lines) + "\n"
