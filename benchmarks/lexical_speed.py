"""Speed of the lexical rules (SP001 misspelling, and NM001 name-variant once it exists) on
news-like text, one core.

    .venv/bin/python benchmarks/lexical_speed.py [--codes SP001,NM001] [--repeat 5] [--corpus F]

Prints, for each selected rule and for all of them together: the cold start (module import in a
fresh interpreter, then the one-off dictionary load and index builds) and the steady throughput
in MB of UTF-8 text per CPU second (one core), each document given a fresh DocumentView (so
tokenization is counted as in a real run). The text is the dev corpora read from
../shared/eval/dev at run time (never copied into the project); without them, generated
English-like text is used; `--corpus` measures a JSONL corpus instead (benchmarks/corpus.py
writes a news-like one).

To add a rule: put its code in DEFAULT_CODES and, if it has expensive lazy state, a warm-up step
in COLD_STEPS.
"""

from __future__ import annotations

import argparse
import inspect
import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.document import Document, DocumentView  # noqa: E402
from linter.rule import Rule, load_rules  # noqa: E402

DEFAULT_CODES = ("SP001", "NM001")
DEV = ROOT.parent / "shared" / "eval" / "dev"
NEWS_FILES = ("names.jsonl", "typo.jsonl")


def _spelling_steps() -> list[tuple[str, Callable[[], object]]]:
    from rules._lexicon import word_frequencies
    from rules.spelling import candidate_index

    return [
        ("dictionary load", word_frequencies),
        ("word list + first distance-1 search", lambda: candidate_index().near("ened")),
        ("distance-2 table + search", lambda: candidate_index().far("recomondation")),
    ]


def _name_steps() -> list[tuple[str, Callable[[], object]]]:
    from rules._lexicon import word_frequencies
    from rules.names import places, titles

    return [
        ("dictionary load (shared with SP001)", word_frequencies),
        ("gazetteer and titles load", lambda: (places(), titles())),
    ]


# Per rule: the one-off lazy steps to time separately (in order, in a fresh process state).
COLD_STEPS: dict[str, Callable[[], list[tuple[str, Callable[[], object]]]]] = {
    "SP001": _spelling_steps,
    "NM001": _name_steps,
}


def load_texts(corpus: Path | None = None) -> tuple[list[str], str]:
    if corpus is not None:  # a JSONL corpus, e.g. from benchmarks/corpus.py
        with corpus.open(encoding="utf-8") as handle:
            texts = [json.loads(line)["text"] for line in handle if line.strip()]
        return texts, f"{len(texts)} documents from {corpus}"
    texts = []
    for name in NEWS_FILES:
        path = DEV / name
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    if texts:
        return texts, f"{len(texts)} documents from {DEV} ({', '.join(NEWS_FILES)})"
    return generated_texts(), "generated English-like text (../shared not found)"


def generated_texts(documents: int = 200, seed: int = 7) -> list[str]:
    """Sentences of common words with capitalised names and the odd typo sprinkled in."""
    rng = random.Random(seed)
    common = (
        "the of and to in a is that for it as was with be by on not he this are or his from at"
        " which but have an they you were her she there been one all we their has would when"
        " said government minister talks country officials attack military people year week"
        " report security foreign president agreement economic development statement region"
    ).split()
    names = "Pezeshkian Larijani Kabulov Kochai Moscow Tehran Kabul Lavrov Peskov".split()
    typos = ["ened", "goverment", "recieve", "wiull", "thsi"]
    texts = []
    for _ in range(documents):
        lines = []
        for _ in range(rng.randint(8, 20)):
            words = [rng.choice(common) for _ in range(rng.randint(12, 30))]
            for _ in range(2):
                words[rng.randrange(len(words))] = rng.choice(names)
            if rng.random() < 0.05:
                words[rng.randrange(len(words))] = rng.choice(typos)
            lines.append(" ".join(words).capitalize() + ".")
        texts.append("\n".join(lines))
    return texts


def import_seconds(paths: list[str]) -> dict[str, float]:
    """In a fresh interpreter: the import of the whole `rules` package (what every CLI run pays,
    since rules are discovered by importing them all), then each rule module's own top-level
    cost, measured by executing its file once more as a standalone module."""
    code = "\n".join(
        [
            "import importlib.util, json, sys, time",
            "t = time.perf_counter(); import rules; found = {'rules': time.perf_counter() - t}",
            f"for path in {paths!r}:",
            "    spec = importlib.util.spec_from_file_location('_bench_copy', path)",
            "    module = importlib.util.module_from_spec(spec)",
            "    t = time.perf_counter(); spec.loader.exec_module(module)",
            "    found[path] = time.perf_counter() - t",
            "print(json.dumps(found))",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def throughput(rules: list[Rule], texts: list[str], repeat: int) -> tuple[float, int]:
    """MB of text per CPU second of this process (per core, and robust to a busy machine),
    best of `repeat` passes."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    findings = 0
    for _ in range(repeat):
        start = time.process_time()
        findings = 0
        for i, text in enumerate(texts):
            view = DocumentView(Document(f"doc{i}", text))
            for rule in rules:
                findings += sum(1 for _ in rule.check(view))
        best = min(best, time.process_time() - start)
    return size / max(best, 1e-9) / 1e6, findings


def tokenizer_throughput(texts: list[str], repeat: int) -> float:
    """The floor under every lexical rule: building view.word_counts alone."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            DocumentView(Document("doc", text)).word_counts  # noqa: B018 - the cost measured
        best = min(best, time.process_time() - start)
    return size / max(best, 1e-9) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--codes", default=",".join(DEFAULT_CODES))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--corpus", type=Path, help="JSONL records with a 'text' field (default: the dev news text)"
    )
    args = parser.parse_args()

    registry = load_rules()
    codes = [c for c in args.codes.split(",") if c]
    missing = [c for c in codes if c not in registry]
    codes = [c for c in codes if c in registry]
    if missing:
        print(f"not available yet: {', '.join(missing)}")
    if not codes:
        sys.exit("no rule to measure")

    texts, origin = load_texts(args.corpus)
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"text: {origin}, {size / 1e6:.2f} MB")

    files = {code: inspect.getfile(registry[code]) for code in codes}
    imports = import_seconds(list(files.values()))
    print(f"import of the whole rules package (every CLI run): {imports['rules']:.3f} s")
    for code in codes:
        print(f"{code}: its module's own import: {imports[files[code]]:.3f} s")
        for label, step in COLD_STEPS.get(code, lambda: [])():
            wall, cpu = time.perf_counter(), time.process_time()
            step()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(f"{code}: {label}: {cpu:.3f} s CPU, {wall:.3f} s wall (once per process)")

    rules = [registry[code]() for code in codes]
    # The first pass also fills per-process caches (verdicts per word form); report it apart.
    cold, _ = throughput(rules, texts, 1)
    print(f"first pass, {'+'.join(codes)}: {cold:.1f} MB/s")
    floor = tokenizer_throughput(texts, args.repeat)
    print(f"view.word_counts alone (the shared tokenizer): {floor:.1f} MB/s")
    for rule in rules:
        speed, found = throughput([rule], texts, args.repeat)
        own = 1 / max(1 / speed - 1 / floor, 1e-9)
        print(
            f"{rule.code}: {speed:.1f} MB/s ({found} findings); the rule alone, tokenizing aside:"
            f" {own:.1f} MB/s"
        )
    if len(rules) > 1:
        speed, found = throughput(rules, texts, args.repeat)
        print(f"{'+'.join(codes)} together: {speed:.1f} MB/s ({found} findings)")


if __name__ == "__main__":
    main()
