"""Lint a sharded corpus on Ray: one task per shard, corpus rules reduced on the driver.

Ray is the engine the corpus ecosystem runs on (datatrove, NeMo Curator and data-juicer use it),
so scrapelint brings no scheduler of its own. Each input file is a shard: a task reads it where it
runs (local paths, or fsspec URLs such as s3:// when the sources support them), lints every
document with the document rules and returns the diagnostics and the corpus rules' map
summaries. The driver yields the results shard by shard in input order and reduces the corpus
rules exactly as the local runner does, so a Ray run and a local run report the same
diagnostics in the same order.

    pip install 'scrapelint[ray]'
    scrapelint check --engine ray shards/           # a local Ray instance
    RAY_ADDRESS=auto scrapelint check --engine ray s3://bucket/corpus/   # an existing cluster
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator

from linter.document import Document
from linter.errors import ScrapelintError
from linter.rule import Rule
from linter.runner import (
    Batch,
    DocumentResult,
    InputProblem,
    adopt_learning,
    learn_batch,
    lint_batch,
    results_of,
)

ShardReader = Callable[[str], Iterable[Document | InputProblem]]

# Shards in flight per CPU of the cluster: enough to keep every worker busy, few enough that
# finished results do not pile up on the driver while it waits for an earlier shard.
IN_FLIGHT_PER_CPU = 2


def _lint_shard(shard: str, read_shard: ShardReader, rules: list[Rule]) -> Batch:
    return lint_batch(rules, read_shard(shard))


def _learn_shard(shard: str, read_shard: ShardReader, learners: list[Rule]) -> dict[str, list]:
    return learn_batch(learners, read_shard(shard))


def run_on_ray(
    shards: Iterable[str | InputProblem],
    read_shard: ShardReader,
    rules: list[Rule],
    *,
    address: str | None = None,
) -> Iterator[DocumentResult]:
    try:
        import ray
    except ImportError as exc:
        raise ScrapelintError("--engine ray needs Ray: pip install 'scrapelint[ray]'") from exc
    if not ray.is_initialized():
        ray.init(
            address=address,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    window = max(1, int(ray.cluster_resources().get("CPU", 1)) * IN_FLIGHT_PER_CPU)
    reader_ref = ray.put(read_shard)
    shards = list(shards)
    learners = [rule for rule in rules if rule.learns]
    if learners:
        _learn_on_ray(ray, shards, reader_ref, learners, window)
    lint_shard = ray.remote(_lint_shard)
    rules_ref = ray.put(rules)  # after learning: the learned state travels with the rules
    tasks = (
        # A path that could not be listed keeps its place in the output.
        ray.put(lint_batch(rules, [shard]))
        if isinstance(shard, InputProblem)
        else lint_shard.remote(shard, reader_ref, rules_ref)
        for shard in shards
    )
    yield from results_of(_in_order(ray, tasks, window), rules)


def _in_order(ray, tasks: Iterable, window: int) -> Iterator:
    """The tasks' results in submission order, with at most `window` submitted ahead."""
    pending: deque = deque()
    for task in tasks:
        pending.append(task)
        if len(pending) >= window:
            yield ray.get(pending.popleft())
    while pending:
        yield ray.get(pending.popleft())


def _learn_on_ray(ray, shards: list, reader_ref, learners: list[Rule], window: int) -> None:
    """The learning pass (see linter.runner.learn_corpus), one task per shard."""
    learn_shard = ray.remote(_learn_shard)
    learners_ref = ray.put(learners)
    tasks = (
        learn_shard.remote(shard, reader_ref, learners_ref)
        for shard in shards
        if not isinstance(shard, InputProblem)
    )
    adopt_learning(_in_order(ray, tasks, window), learners)
