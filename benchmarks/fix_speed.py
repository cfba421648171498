"""What `--fix` costs and whether it loses anything, on a generated news-like corpus: one command.

    python benchmarks/fix_speed.py                  # 10 MB corpus
    python benchmarks/fix_speed.py --megabytes 100

Times, on copies of one generated JSONL corpus (default rules, --jobs 1): `check`, `check --diff`
and `check --fix` (wall time, MB/s of input, peak RSS), then checks what --fix wrote: the same
number of lines, every record that did not change byte for byte, and in every changed record
every byte outside the text value the same (so ids, URLs, key order and spacing survived). A
second `--diff` on the fixed file shows whether fixing converged (nothing more to fix).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.corpus import generate  # noqa: E402
from linter.writers import find_json_field  # noqa: E402


def timed(args: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (KB) of the child, and its stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return elapsed, peak, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""


def compare(original: Path, fixed: Path) -> tuple[int, int]:
    """(changed records, unchanged records); raises AssertionError on any loss."""
    a = original.read_bytes().split(b"\n")
    b = fixed.read_bytes().split(b"\n")
    assert len(a) == len(b), f"line count changed: {len(a)} -> {len(b)}"
    changed = 0
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        changed += 1
        sx, sy = x.decode(), y.decode()
        spans = find_json_field(sx, "text"), find_json_field(sy, "text")
        assert spans[0] is not None and spans[1] is not None
        (s1, e1), (s2, e2) = spans
        assert sx[:s1] == sy[:s2] and sx[e1:] == sy[e2:], "bytes outside the text changed"
        assert json.loads(sx)["text"] != json.loads(sy)["text"]
    return changed, len(a) - changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10)
    args = parser.parse_args()
    scrapelint = [sys.executable, "-m", "linter", "check", "--isolated", "--jobs", "1"]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        records = generate(corpus, args.megabytes)
        size = corpus.stat().st_size / 1e6
        print(f"corpus: {records} records, {size:.1f} MB")
        for mode in ("check", "--diff", "--fix"):
            work = Path(tmp) / f"work{mode}.jsonl"
            shutil.copyfile(corpus, work)
            flags = [] if mode == "check" else [mode]
            command = [*scrapelint, *flags, "--output-format", "jsonl", str(work)]
            seconds, peak, last = timed(command)
            print(
                f"{mode:>7}: {seconds:6.1f} s  {size / seconds:5.2f} MB/s"
                f"  peak RSS {peak / 1024:.0f} MB  {last}"
            )
        fixed = Path(tmp) / "work--fix.jsonl"
        changed, same = compare(corpus, fixed)
        print(f"written back: {changed} records changed, {same} byte for byte, nothing else moved")
        again = subprocess.run([*scrapelint, "--diff", str(fixed)], capture_output=True, text=True)
        left = again.stderr.strip() or "nothing more to fix"
        print(f"second --diff on the fixed file: {left}")


if __name__ == "__main__":
    main()
