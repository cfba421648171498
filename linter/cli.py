"""The `scrapelint` command. (Minimal bootstrap; the engine issue fills it in.)"""

from __future__ import annotations

import json
import sys

import click

from linter.rule import load_rules
from linter.runner import run
from linter.sources import iter_documents


@click.group()
def main() -> None:
    """scrapelint: a linter for scraped text."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output-format", default="concise")
@click.option("--select", default=None)
def check(paths: tuple[str, ...], output_format: str, select: str | None) -> None:
    """Lint files."""
    registry = load_rules()
    wanted = select.split(",") if select else None
    rules = [
        cls()
        for code, cls in registry.items()
        if (wanted is None and cls.enabled_by_default)
        or (wanted and any(code.startswith(w) for w in wanted))
    ]
    found = False
    for result in run(iter_documents(list(paths)), rules):
        for d in result.diagnostics:
            found = True
            if output_format == "jsonl":
                print(json.dumps(d.to_dict(), ensure_ascii=False))
            else:
                print(f"{d.location}:{d.line}:{d.column}: {d.severity}: {d.code} {d.message}")
    sys.exit(1 if found else 0)
