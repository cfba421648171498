"""Where a whole `scrapelint check --jobs 1` spends its time: milliseconds of CPU per megabyte
of text, per phase and per rule, in the order the runner does the work.

    python benchmarks/phases.py CORPUS.jsonl [--megabytes 30]

Phases: reading and parsing the records (twice when a rule learns: the learning pass reads
the input again); the learning pass (rules that learn the corpus's vocabulary, then adopt it);
one `DocumentView` per document; each document rule's `check` over a batch (located into
diagnostics); each corpus rule's map of the batch and, at the end, its reduce; formatting the
findings as JSONL. A split the view shares (lines, sentences, word counts) is charged to the
first rule that asks for it, so a rule's figure may include work the rules after it reuse.
`speed.py` measures rules in isolation; this one says which part of a real run to make
faster. The budget for 5 MB/s per core is 200 ms/MB.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from linter.api import load_registry  # noqa: E402
from linter.config import build_rules, load_settings  # noqa: E402
from linter.document import Document, DocumentView  # noqa: E402
from linter.reporters import get_reporter  # noqa: E402
from linter.runner import adopt_learning, batched, learn_batch  # noqa: E402
from linter.sources import read_path  # noqa: E402


def read(path: Path, megabytes: float) -> tuple[list[Document], float]:
    documents, size = [], 0
    for item in read_path(str(path)):
        if isinstance(item, Document):
            documents.append(item)
            size += len(item.text.encode("utf-8", "surrogatepass"))
            if size >= megabytes * 1e6:
                break
    return documents, size / 1e6


def measure(path: Path, megabytes: float) -> tuple[float, dict[str, float]]:
    """CPU seconds per phase over the first `megabytes` of the corpus, and the text's size."""
    clock = time.process_time
    seconds: dict[str, float] = defaultdict(float)
    registry = load_registry()
    rules = build_rules(load_settings(registry, isolated=True), registry)
    for rule in rules:
        rule.prepare()

    start = clock()
    documents, size = read(path, megabytes)
    seconds["read"] = clock() - start

    learners = [rule for rule in rules if rule.learns]
    if learners:
        # A file is read twice: once for the learning pass, once for linting.
        start = clock()
        again, _ = read(path, megabytes)
        seconds["read"] += clock() - start
        start = clock()
        adopt_learning((learn_batch(learners, [document]) for document in again), learners)
        seconds["learn"] = clock() - start
        del again

    document_rules = [rule for rule in rules if rule.scope == "document"]
    corpus_rules = [rule for rule in rules if rule.scope == "corpus"]
    summaries: dict[str, list] = {rule.code: [] for rule in corpus_rules}
    diagnostics = []
    for group in batched(documents):
        start = clock()
        views = [DocumentView(document) for document in group]
        seconds["view"] += clock() - start
        for rule in document_rules:  # as runner.lint_views: each rule over the whole batch
            start = clock()
            for view in views:
                diagnostics.extend(rule.diagnostic(view, found) for found in rule.check(view))
            seconds[rule.code] += clock() - start
        for rule in corpus_rules:
            start = clock()
            summaries[rule.code].extend(rule.map_batch(views))
            seconds[f"{rule.code} map"] += clock() - start
    for rule in corpus_rules:
        start = clock()
        diagnostics.extend(rule.reduce(summaries[rule.code]))
        seconds[f"{rule.code} reduce"] += clock() - start

    reporter = get_reporter("jsonl", io.StringIO(), registry)
    start = clock()
    reporter.start()
    for diagnostic in diagnostics:
        reporter.emit(diagnostic)
    seconds["output"] = clock() - start
    return size, seconds


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a JSONL corpus (speed.py generates one)")
    parser.add_argument("--megabytes", type=float, default=30.0, help="of text to read")
    args = parser.parse_args(argv)
    size, seconds = measure(args.corpus, args.megabytes)
    total = sum(seconds.values())
    print(f"{size:.1f} MB of text; CPU milliseconds per MB, most expensive first:")
    for phase, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"  {phase:14} {spent / size * 1e3:7.1f}")
    print(f"  {'total':14} {total / size * 1e3:7.1f}  ({size / total:.2f} MB/s)")


if __name__ == "__main__":
    main(sys.argv[1:])
