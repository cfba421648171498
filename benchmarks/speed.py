"""Throughput and memory of scrapelint on a generated news-like corpus: one command.

    python benchmarks/speed.py                    # 50 MB corpus, quick
    python benchmarks/speed.py --megabytes 1024   # the 1 GB figure in the README

Prints, per rule group, MB/s of text per core measured in-process (document rules only, so the
figure is the rules' own cost), then whole-process runs of `scrapelint check` with --jobs 1 and
--jobs 2 (every default rule, corpus rules included, JSONL output to /dev/null): wall time, MB/s,
the speed-up from one to two jobs and the peak RSS of the largest process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.corpus import generate  # noqa: E402
from linter.document import Document, DocumentView  # noqa: E402
from linter.rule import load_rules  # noqa: E402
from linter.runner import batched, lint_views  # noqa: E402

GROUPS = {
    "structural (TR BP001 DU001 DU002 WS EN ST)": ("TR", "BP0", "DU0", "WS", "EN", "ST"),
    "lexical (SP001 NM001)": ("SP", "NM0"),
    "all default document rules": ("",),
}


def load_documents(path: Path, limit_bytes: int) -> list[Document]:
    documents, size = [], 0
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            record = json.loads(line)
            documents.append(Document(str(path), record["text"], record["id"], number))
            size += len(record["text"].encode())
            if size >= limit_bytes:
                break
    return documents


def rules_for(prefixes: tuple[str, ...]):
    return [
        cls()
        for code, cls in load_rules().items()
        if cls.enabled_by_default and cls.scope == "document" and code.startswith(prefixes)
    ]


def in_process(documents: list[Document], prefixes: tuple[str, ...]) -> float:
    """MB/s of text through these rules as the runner lints them: in batches, each rule over
    the whole batch (`runner.lint_views`), findings located into diagnostics."""
    rules = rules_for(prefixes)
    # lazy indexes and caches are built outside the timing
    lint_views([DocumentView(document) for document in documents[:20]], rules)
    size = sum(len(d.text.encode()) for d in documents)
    start = time.perf_counter()
    for batch in batched(documents):
        lint_views([DocumentView(document) for document in batch], rules)
    return size / (time.perf_counter() - start) / 1e6


WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def whole_process(corpus: Path, jobs: int) -> tuple[float, int]:
    scrapelint = Path(sys.executable).with_name("scrapelint")
    command = [str(scrapelint), "check", "--output-format", "jsonl", "--exit-zero"]
    command += ["--jobs", str(jobs), str(corpus)]
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True
    )
    elapsed, rss_kb, code = out.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"scrapelint exited {code}: {' '.join(command)}")
    return float(elapsed), int(rss_kb)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--corpus", type=Path, help="an existing JSONL corpus to use instead")
    parser.add_argument(
        "--sample-megabytes", type=float, default=10.0, help="for in-process figures"
    )
    parser.add_argument("--per-rule", action="store_true", help="also each rule on its own")
    parser.add_argument("--skip-whole", action="store_true", help="only the in-process figures")
    args = parser.parse_args(argv)

    corpus = args.corpus
    if corpus is None:
        corpus = HERE / "out" / f"news-{args.megabytes:g}MB.jsonl"
        if not corpus.exists():
            corpus.parent.mkdir(exist_ok=True)
            print(f"generating {corpus} ...", flush=True)
            generate(corpus, args.megabytes)
    text_mb = sum(len(json.loads(line)["text"].encode()) for line in corpus.open()) / 1e6
    file_mb = os.path.getsize(corpus) / 1e6
    print(f"corpus: {corpus} ({text_mb:,.1f} MB of text, {file_mb:,.1f} MB file)")

    sample = load_documents(corpus, int(args.sample_megabytes * 1e6))
    print(f"\nin-process, one core, {args.sample_megabytes:g} MB sample:")
    for label, prefixes in GROUPS.items():
        print(f"  {label:45} {in_process(sample, prefixes):8.1f} MB/s")
    if args.per_rule:
        for rule in rules_for(("",)):
            print(f"  {rule.code} {rule.name:41} {in_process(sample, (rule.code,)):8.1f} MB/s")

    if args.skip_whole:
        return
    print("\nwhole process (`scrapelint check --output-format jsonl`, all default rules):")
    timings = {}
    for jobs in (1, 2):
        elapsed, rss_kb = whole_process(corpus, jobs)
        timings[jobs] = elapsed
        rate = text_mb / elapsed
        print(
            f"  --jobs {jobs}: {elapsed:8.1f} s  {rate:6.1f} MB/s"
            f"  ({rate / jobs:5.1f} MB/s per core)  peak RSS {rss_kb / 1024:,.0f} MB"
        )
    print(f"  speed-up from 1 to 2 jobs: {timings[1] / timings[2]:.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
