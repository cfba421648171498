"""The corpus side of `scrapelint check`: jobs, baselines, thresholds and the Ray engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import runner
from linter.cli import main

FURNITURE = "Sign up for our newsletter"
SITE_LINE = "Our reporters walk the beat"  # no catalogue knows it: only BP101 can
WORDS = (
    "apples bridges candles doors engines forests gardens harbours islands jackets kettles"
    " lanterns markets needles orchards parks quarries rivers schools towers"
).split()


def write_corpus(folder: Path, records: int = 40, shards: int = 2) -> list[Path]:
    paths = []
    per_shard = records // shards
    for shard in range(shards):
        path = folder / f"part-{shard}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(shard * per_shard, (shard + 1) * per_shard):
                word, other = WORDS[i % len(WORDS)], WORDS[(i * 7 + 3) % len(WORDS)]
                lines = [
                    f"Council story about {word}",
                    f"The council met on {word} to vote on {other}.",
                ]
                if i % 4 == 0:
                    lines.append(FURNITURE)
                if i % 3 == 0:
                    lines.append(SITE_LINE)
                if i % 10 == 0:
                    lines.append("Both  sides spoke.")
                fh.write(json.dumps({"id": f"doc-{i}", "text": "\n".join(lines)}) + "\n")
        paths.append(path)
    return paths


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--isolated", *args])
    return result.exit_code, result.stdout, result.stderr


def test_jobs_do_not_change_the_output(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(runner, "BATCH_DOCUMENTS", 3)
    paths = [str(p) for p in write_corpus(tmp_path)]
    serial = check("--jobs", "1", "--output-format", "jsonl", *paths)
    parallel = check("--jobs", "2", "--output-format", "jsonl", *paths)
    assert serial == parallel
    assert serial[0] == 1


def test_baseline_hides_known_findings_and_reports_new_and_stale_ones(tmp_path) -> None:
    paths = write_corpus(tmp_path)
    baseline = tmp_path / "baseline.json"
    code, _, err = check(
        "--select", "BP001,WS002", "--write-baseline", str(baseline), *map(str, paths)
    )
    assert code == 1
    assert "Wrote 14 findings to the baseline" in err
    code, out, err = check("--select", "BP001,WS002", "--baseline", str(baseline), *map(str, paths))
    assert (code, out) == (0, "")
    assert "14 findings hidden by the baseline." in err
    # Clean one finding, add a new one: only the new one is reported, the old one is stale.
    text = paths[0].read_text().replace("Both  sides", "Both sides", 1)
    text = text.replace("to vote on", "to  vote on", 1)
    paths[0].write_text(text)
    code, out, err = check("--select", "BP001,WS002", "--baseline", str(baseline), *map(str, paths))
    assert code == 1
    first = out.splitlines()[0]
    assert first == f"{paths[0]}#1(doc-0):2:29: warning: WS002 [*] 2 spaces between words"
    assert "1 baseline entries no longer occur" in err


def test_threshold_gates_on_the_share_of_documents(tmp_path) -> None:
    paths = [str(p) for p in write_corpus(tmp_path)]
    # BP001 affects 10 of 40 documents (25%), WS002 4 of 40 (10%).
    code, _, err = check("--select", "BP001,WS002", "--threshold", "BP001=30%", *paths)
    assert code == 1
    assert err.splitlines() == ["WS002: 10.00% of documents affected (no threshold set)"]
    code, _, err = check(
        "--select", "BP001,WS002", "--threshold", "BP001=30%", "--threshold", "default=10%", *paths
    )
    assert (code, err) == (0, "")
    code, _, err = check("--select", "BP001", "--threshold", "BP=20%", *paths)
    assert (code, err) == (1, "BP001: 25.00% of documents affected (limit 20.00%)\n")


def test_thresholds_come_from_the_config_too(tmp_path) -> None:
    paths = [str(p) for p in write_corpus(tmp_path)]
    config = tmp_path / "scrapelint.toml"
    config.write_text('select = ["BP001"]\n[thresholds]\nBP001 = "30%"\n')
    result = CliRunner().invoke(main, ["check", "--config", str(config), *paths])
    assert result.exit_code == 0


def test_bad_threshold_is_a_usage_error(tmp_path) -> None:
    paths = [str(p) for p in write_corpus(tmp_path)]
    code, _, err = check("--threshold", "BP001", *paths)
    assert code == 2
    assert "expected CODE=SHARE" in err


def test_ray_engine_matches_the_local_engine(tmp_path) -> None:
    ray = pytest.importorskip("ray")
    paths = [str(p) for p in write_corpus(tmp_path, records=60, shards=3)]
    args = ["--select", "BP,WS002,DU101", "--output-format", "jsonl", *paths]
    local = check("--engine", "local", *args)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        distributed = check("--engine", "ray", *args)
    finally:
        ray.shutdown()
    assert distributed == local
    codes = {json.loads(line)["code"] for line in local[1].splitlines()}
    assert codes == {"BP001", "BP101", "DU101", "WS002"}


def test_check_tunes_the_cycle_collector_for_its_run_and_the_api_does_not(tmp_path: Path) -> None:
    import gc

    from linter import lint_text

    saved = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        lint_text("A short text with  two spaces.\n")
        assert gc.get_threshold() == (700, 10, 10)
        paths = write_corpus(tmp_path, records=4, shards=1)
        result = CliRunner().invoke(main, ["check", "--isolated", "--exit-zero", str(paths[0])])
        assert result.exit_code == 0, result.output
        assert gc.get_threshold() == (10_000, 10, 10)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*saved)
