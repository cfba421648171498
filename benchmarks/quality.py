"""Quality on the labeled dev sets, beside the blunt baselines, in one command.

    .venv/bin/python benchmarks/quality.py          # table
    .venv/bin/python benchmarks/quality.py --json   # the same figures as JSON

For each dev file (and the seed page) it runs `scrapelint check --output-format jsonl` with the
default rules, scores the output with the shared scorer (../shared/eval/score.py) on the families
that file is labeled for, and scores on the same documents the rules that corpus filters and
spell checkers use today:

- C4's line rules as detectors: a line that does not end in terminal punctuation (C4 keeps only
  lines ending in . ? ! or a straight double quote) flags truncation and hard-wrap; a line with
  fewer than 3 words flags boilerplate;
- Gopher's exact duplicate-line rule: a line seen earlier in the document flags a repeated
  headline;
- codespell (run as a program over the documents written to a temporary directory) and a naive
  pyspellchecker rule (every word its dictionary does not know) flag typos.

The data lives outside the repository (<repo>/../shared); without it the benchmark says so and
exits. Nothing from it is copied.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

# Which families each file is labeled for (../shared/eval/README.md). None: every family.
DATASETS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("eval/dev/injected.jsonl", ("truncation", "boilerplate", "duplicate-headline", "hard-wrap")),
    ("eval/dev/natural.jsonl", ("boilerplate", "duplicate-headline", "hard-wrap")),
    ("eval/dev/typo.jsonl", ("typo",)),
    ("eval/dev/names.jsonl", ("name-variant",)),
    ("seed/seed-news.gold.jsonl", None),
)
SEED_TEXT = "seed/seed-news.txt"  # the seed is linted as the plain-text file users would have

Prediction = dict  # {"id": doc id, "line": 1-based line, "family": family}
Documents = list[dict]  # gold records: {"id", "text", "defects"}

# -- baselines ---------------------------------------------------------------------------------

C4_END_MARKS = (".", "?", "!", '"')  # C4's terminal punctuation, as in its published filter
C4_MIN_WORDS = 3


def _lines(document: dict) -> Iterable[tuple[int, str]]:
    for number, line in enumerate(document["text"].split("\n"), 1):
        if line.strip():
            yield number, line


def c4_no_terminal_punctuation(documents: Documents, family: str) -> list[Prediction]:
    """C4 drops every line that does not end in terminal punctuation; read as a detector, each
    such line is a flag."""
    return [
        {"id": d["id"], "line": n, "family": family}
        for d in documents
        for n, line in _lines(d)
        if not line.rstrip().endswith(C4_END_MARKS)
    ]


def c4_short_line(documents: Documents, family: str = "boilerplate") -> list[Prediction]:
    """A line with fewer than three words, flagged as page furniture."""
    return [
        {"id": d["id"], "line": n, "family": family}
        for d in documents
        for n, line in _lines(d)
        if len(line.split()) < C4_MIN_WORDS
    ]


def gopher_duplicate_line(
    documents: Documents, family: str = "duplicate-headline"
) -> list[Prediction]:
    """Gopher's repetition filter at its simplest: a line that already appeared, exactly."""
    predictions = []
    for d in documents:
        seen: set[str] = set()
        for n, line in _lines(d):
            if line in seen:
                predictions.append({"id": d["id"], "line": n, "family": family})
            seen.add(line)
    return predictions


_CODESPELL_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): ")


def codespell(documents: Documents, family: str = "typo") -> list[Prediction]:
    """codespell with its default dictionaries, run once over one file per document."""
    program = Path(sys.executable).parent / "codespell"
    command = [str(program)] if program.exists() else [sys.executable, "-m", "codespell_lib"]
    with tempfile.TemporaryDirectory() as tmp:
        names = {}
        for i, d in enumerate(documents):
            name = f"doc{i:06d}.txt"
            names[name] = d["id"]
            Path(tmp, name).write_text(d["text"], encoding="utf-8")
        # codespell exits non-zero when it finds typos; that is its answer, not an error.
        run = subprocess.run(
            [*command, "--quiet-level", "2", tmp], capture_output=True, text=True, check=False
        )
    predictions = []
    for raw in run.stdout.splitlines():
        match = _CODESPELL_RE.match(raw)
        if match is None:
            continue
        doc_id = names.get(Path(match["path"]).name)
        if doc_id is not None:
            predictions.append({"id": doc_id, "line": int(match["line"]), "family": family})
    return predictions


def pyspellchecker_unknown(documents: Documents, family: str = "typo") -> list[Prediction]:
    """The naive spell check: every word pyspellchecker's dictionary does not know."""
    from spellchecker import SpellChecker

    checker = SpellChecker()
    predictions = []
    for d in documents:
        for n, line in _lines(d):
            words = [w for w in checker.split_words(line) if w.isalpha()]
            if words and checker.unknown(words):
                predictions.append({"id": d["id"], "line": n, "family": family})
    return predictions


Baseline = tuple[str, Callable[[Documents, str], list[Prediction]]]
BASELINES: dict[str, tuple[Baseline, ...]] = {
    "truncation": (("C4 no terminal punct.", c4_no_terminal_punctuation),),
    "hard-wrap": (("C4 no terminal punct.", c4_no_terminal_punctuation),),
    "boilerplate": (("C4 line < 3 words", c4_short_line),),
    "duplicate-headline": (("Gopher duplicate line", gopher_duplicate_line),),
    "typo": (
        ("codespell", codespell),
        ("pyspellchecker unknown()", pyspellchecker_unknown),
    ),
}

# -- scrapelint --------------------------------------------------------------------------------


def run_scrapelint(path: Path) -> tuple[list[dict], str, float]:
    """Diagnostics from the CLI with its default rules, whatever rules exist today; stderr is
    kept so that a crashing rule shows up in the report instead of as silence."""
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--output-format", "jsonl", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    elapsed = time.perf_counter() - started
    diagnostics = []
    for raw in run.stdout.splitlines():
        raw = raw.strip()
        if raw.startswith("{"):
            try:
                diagnostics.append(json.loads(raw))
            except json.JSONDecodeError:
                continue
    # Exit status 1 means "problems found", but an uncaught exception exits with 1 too.
    crashed = run.returncode not in (0, 1) or "Traceback (most recent call last)" in run.stderr
    problem = run.stderr.strip() if crashed else ""
    return diagnostics, problem, elapsed


# -- scoring and report ------------------------------------------------------------------------


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_eval_score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise ImportError(shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_jsonl(path: Path) -> Documents:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(shared: Path) -> list[dict]:
    scorer = load_scorer(shared)
    rows = []
    for relative, families in DATASETS:
        gold_path = shared / relative
        if not gold_path.exists():
            rows.append({"file": relative, "missing": True})
            continue
        documents = load_jsonl(gold_path)
        target = shared / SEED_TEXT if relative.startswith("seed/") else gold_path
        diagnostics, problem, elapsed = run_scrapelint(target)
        wanted = list(families or scorer.FAMILIES)
        ours = scorer.score(documents, diagnostics, wanted)
        for family in wanted:
            result = ours[family]
            if families is None and result["gold"] == 0 and result["fp"] == 0:
                continue  # the seed: only families it has defects of, or that were flagged
            baselines = {
                name: scorer.score(documents, detector(documents, family), [family])[family]
                for name, detector in BASELINES.get(family, ())
            }
            rows.append(
                {
                    "file": Path(relative).name,
                    "family": family,
                    "scrapelint": result,
                    "baselines": baselines,
                    "seconds": round(elapsed, 2),
                    "problem": problem,
                }
            )
    return rows


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'family':19} {'file':24} {'gold':>4}  {'scrapelint P    R   F1':24}"
        f"{'baseline':26} {'P    R   F1':>17}"
    )
    print(header)
    print("-" * len(header))
    problems = {}
    for row in rows:
        if row.get("missing"):
            print(f"{'':19} {row['file']:24} missing, skipped")
            continue
        ours = row["scrapelint"]
        scores = f"{_fmt(ours['precision'])} {_fmt(ours['recall'])} {_fmt(ours['f1'])}"
        baselines = list(row["baselines"].items()) or [("", None)]
        for i, (name, base) in enumerate(baselines):
            left = (
                f"{row['family']:19} {row['file']:24} {ours['gold']:4}  {scores:24}"
                if i == 0
                else " " * 75
            )
            right = ""
            if base is not None:
                right = f"{_fmt(base['precision'])} {_fmt(base['recall'])} {_fmt(base['f1'])}"
            print(f"{left}{name:26} {right:>17}".rstrip())
        if row["problem"]:
            problems[row["file"]] = row["problem"]
    for name, problem in problems.items():
        last = problem.splitlines()[-1] if problem else ""
        print(f"\nscrapelint failed on {name}; its output was scored as far as it got: {last}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data directory")
    args = parser.parse_args(argv)
    if not (args.shared / "eval" / "score.py").exists():
        print(f"benchmarks/quality.py: no evaluation data at {args.shared}; skipped.")
        return 0
    rows = evaluate(args.shared)
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
