"""The Ray engine reports exactly what the local runner reports, on a multi-shard corpus with
corpus-rule hits. Skipped only when the `ray` extra is not installed (CI installs it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from linter.document import Document
from linter.runner import InputProblem, run
from rules.duplicate_document import DuplicateDocument
from rules.repeated_line import RepeatedLine
from rules.whitespace import IrregularWhitespace

ray = pytest.importorskip("ray")

TOPICS = ["road", "school", "park", "library", "harbour", "market", "bridge", "museum", "port"]


def article(i: int) -> str:
    topic, other = TOPICS[i % len(TOPICS)], TOPICS[(i * 5 + 2) % len(TOPICS)]
    body = " ".join(
        f"Councillors argued about the {topic} plan and the {TOPICS[(i + k) % 9]} repairs"
        f" before the {other} vote."
        for k in range(15)
    )
    return f"The {topic} and {other} story\nOur reporters walk the beat\n{body}"


def read_shard(path: str):
    """A minimal JSONL reader, enough for the engine test (the real sources are tested apart)."""
    with open(path, encoding="utf-8") as fh:
        for number, raw in enumerate(fh, 1):
            try:
                record = json.loads(raw)
            except json.JSONDecodeError:
                yield InputProblem(path, f"record {number}: invalid JSON", record=number)
                continue
            yield Document(path, record["text"], record["id"], number)


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("shards")
    paths = []
    for shard in range(4):
        path = folder / f"part-{shard}.jsonl"
        lines = []
        for i in range(shard * 12, shard * 12 + 12):
            text = article(i)
            if i == 30:
                text = article(3)  # a copy of a document in another shard
            if i % 7 == 0:
                text = text.replace("before the", "before\u00a0 the", 1)
            lines.append(json.dumps({"id": f"doc-{i}", "text": text}))
        if shard == 2:
            lines.insert(4, "{not json")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def as_values(results) -> list[tuple]:
    return [
        (Path(d.path).name, d.record, d.doc_id, d.code, d.line, d.column, d.message, d.fingerprint)
        for r in results
        for d in r.diagnostics
    ]


def test_ray_run_equals_local_run(shards: list[str]) -> None:
    from linter.engines.ray import run_on_ray

    rules = [IrregularWhitespace(), DuplicateDocument(), RepeatedLine()]
    local = as_values(run((item for s in shards for item in read_shard(s)), rules, jobs=1))
    # Ray's workers cannot import this test module, so its reader travels by value.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        distributed = as_values(run_on_ray(shards, read_shard, rules))
    finally:
        ray.shutdown()
    assert distributed == local
    codes = {value[3] for value in local}
    assert codes == {"IN001", "WS002", "DU101", "BP101"}
    copies = [v for v in local if v[3] == "DU101" and v[2] == "doc-30"]
    assert [v[6] for v in copies] == [f"Exact copy of {shards[0]} record 4 (id doc-3)"]
