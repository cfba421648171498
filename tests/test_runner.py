"""The runner: serial and parallel runs agree exactly, in order, corpus rules included."""

from __future__ import annotations

import pickle

import pytest

from linter import runner
from linter.document import Document
from linter.rule import Rule
from linter.runner import InputProblem, run
from rules.duplicate_document import DuplicateDocument
from rules.repeated_line import RepeatedLine
from rules.whitespace import IrregularWhitespace

TOPICS = ["road", "school", "park", "library", "harbour", "market", "bridge", "museum"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(i: int) -> str:
    """A different article for each i: words vary, not just digits (which BP101 folds)."""
    topic, day = TOPICS[i % len(TOPICS)], DAYS[i % len(DAYS)]
    other = TOPICS[(i * 3 + 1) % len(TOPICS)]
    return (
        " ".join(
            f"The council met on {day} to discuss the {topic} budget and the {other} repairs"
            f" for the {TOPICS[(i + k) % len(TOPICS)]} district."
            for k in range(12)
        )
        + f" Reported by desk {'abcdefghijklmnopqrstuvwxyz'[i % 26]}{'xyz'[i % 3]}."
    )


def corpus() -> list[Document | InputProblem]:
    items: list[Document | InputProblem] = []
    for i in range(40):
        text = f"Story {i} headline\nOur reporters walk the beat\n{article(i)}"
        if i % 10 == 3:
            text = text.replace("met on", "met\u00a0 on")
        items.append(Document("corpus.jsonl", text, doc_id=f"d{i}", record=i + 1))
        if i == 17:
            items.append(InputProblem("corpus.jsonl", "record 19: invalid JSON", record=19))
    first = items[0]
    assert isinstance(first, Document)
    items.append(Document("corpus.jsonl", first.text, doc_id="again", record=42))
    return items


def rules():
    return [IrregularWhitespace(), DuplicateDocument(), RepeatedLine()]


def flatten(results) -> list[tuple]:
    return [
        (r.record, r.corpus, r.input_error, d.code, d.line, d.column, d.message)
        for r in results
        for d in r.diagnostics
    ]


# What a serial run reports on corpus(), one document at a time.
EXPECTED_SERIAL = flatten(
    runner.results_of((runner.lint_batch(rules(), [i]) for i in corpus()), rules())
)


def test_parallel_run_equals_serial_run(monkeypatch) -> None:
    monkeypatch.setattr(runner, "BATCH_DOCUMENTS", 4)  # many batches, so workers really run
    serial = flatten(run(corpus(), rules(), jobs=1))
    parallel = flatten(run(corpus(), rules(), jobs=2))
    assert serial == parallel
    assert {code for _, _, _, code, *_ in serial} == {"IN001", "WS002", "DU101", "BP101"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_keep_input_order_then_corpus_results(monkeypatch, jobs: int) -> None:
    monkeypatch.setattr(runner, "BATCH_DOCUMENTS", 3)
    results = list(run(corpus(), rules(), jobs=jobs))
    document_records = [r.record for r in results if not r.corpus]
    assert document_records == [*range(1, 19), 19, *range(19, 41), 42]
    assert all(r.corpus for r in results[len(document_records) :])


@pytest.mark.parametrize("batch_documents", [1, 3, 512])
def test_serial_results_do_not_depend_on_the_batch_size(monkeypatch, batch_documents) -> None:
    monkeypatch.setattr(runner, "BATCH_DOCUMENTS", batch_documents)
    assert flatten(run(corpus(), rules(), jobs=1)) == EXPECTED_SERIAL


def test_exact_copy_is_reported_on_the_later_copy_naming_the_first() -> None:
    found = [d for r in run(corpus(), rules()) for d in r.diagnostics if d.code == "DU101"]
    exact = [d for d in found if d.record == 42]
    assert [(d.line, d.column, d.end_column, d.message) for d in exact] == [
        (1, 1, 17, "Exact copy of record 1 (id d0)")
    ]


def test_repeated_line_is_reported_everywhere_it_occurs() -> None:
    found = [d for r in run(corpus(), rules()) for d in r.diagnostics if d.code == "BP101"]
    lines = {(d.record, d.line, d.column, d.end_column) for d in found}
    # Line 1 ("Story N headline") folds digits, so it repeats too; line 2 is the furniture.
    assert (1, 2, 1, 28) in lines
    assert (42, 2, 1, 28) in lines
    assert all(d.message.startswith("Line repeated in 40 of 40 documents") for d in found)


def test_configured_rules_survive_pickling_with_their_options() -> None:
    rule = RepeatedLine({"min-documents": 3, "severity": "error"})
    copy = pickle.loads(pickle.dumps(rule))
    assert (copy.min_documents, copy.severity) == (3, "error")


def test_one_small_batch_runs_in_process_without_a_pool(monkeypatch) -> None:
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for one batch")

    monkeypatch.setattr(runner.multiprocessing, "get_context", no_pool)
    found = flatten(run(corpus()[:5], [IrregularWhitespace()], jobs=2))
    assert {(record, code) for record, _, _, code, *_ in found} == {(4, "WS002")}


class Crashes(IrregularWhitespace):
    """A rule with a bug: it fails on documents that mention a harbour."""

    code = "XX901"
    name = "crashes"

    def check(self, view):
        if "harbour" in view.text:
            raise IndexError("tuple index out of range")
        yield from super().check(view)


def test_a_failing_rule_is_reported_and_everything_else_still_runs() -> None:
    from linter.stats import Statistics

    docs = [
        Document("c.jsonl", "The harbour  opens.", doc_id="a", record=1),
        Document("c.jsonl", "The road  opens.", doc_id="b", record=2),
    ]
    results = list(run(docs, [Crashes(), IrregularWhitespace()], jobs=1))
    found = [(r.record, d.code, d.line, d.column) for r in results for d in r.diagnostics]
    assert found == [
        (1, "IN002", 1, 1),
        (1, "WS002", 1, 12),
        (2, "WS002", 1, 9),
        (2, "XX901", 1, 9),
    ]
    message = results[0].diagnostics[0].message
    assert message.startswith("XX901 failed on this document (IndexError: tuple index out of range")
    stats = Statistics()
    for result in results:
        stats.add(result)
    assert stats.input_errors == 1


def test_a_rule_failing_inside_a_batch_fails_only_on_that_document() -> None:
    # Rules run over a whole batch before the next rule starts: a crash on one document must
    # leave the same findings as linting each document alone.
    docs = [
        Document("c.jsonl", "The road  opens.", doc_id="a", record=1),
        Document("c.jsonl", "The harbour  opens.", doc_id="b", record=2),
        Document("c.jsonl", "The park  opens.", doc_id="c", record=3),
    ]
    rules = [Crashes(), IrregularWhitespace()]
    batch, _ = runner.lint_batch(rules, docs)
    alone = [runner.lint_batch(rules, [doc])[0][0] for doc in docs]
    found = [[(d.code, d.line, d.column) for d in r.diagnostics] for r in batch]
    assert found == [[(d.code, d.line, d.column) for d in r.diagnostics] for r in alone]
    assert found == [
        [("WS002", 1, 9), ("XX901", 1, 9)],
        [("IN002", 1, 1), ("WS002", 1, 12)],
        [("WS002", 1, 9), ("XX901", 1, 9)],
    ]


class MapsOneByOne(RepeatedLine):
    """A corpus rule as a third party writes it: `map` only, the base class's `map_batch`."""

    code = "XX902"
    name = "maps-one-by-one"
    map_batch = Rule.map_batch


class BatchFails(RepeatedLine):
    """A corpus rule whose batched map has a bug, and whose map fails on one document."""

    code = "XX903"
    name = "batch-fails"

    def map_batch(self, views):
        raise ValueError("bug in the batch")

    def map(self, view):
        if view.document.record == 2:
            raise KeyError("bug in one document")
        return super().map(view)


def test_a_corpus_rule_with_map_only_runs_as_before() -> None:
    docs = [d for d in corpus() if isinstance(d, Document)]
    found = [(d.record, d.line) for r in run(docs, [MapsOneByOne()]) for d in r.diagnostics]
    expected = [(d.record, d.line) for r in run(docs, [RepeatedLine()]) for d in r.diagnostics]
    assert found == expected
    assert len(found) > 40


def test_a_failing_batch_map_maps_one_by_one_and_reports_the_failing_document() -> None:
    docs = [d for d in corpus() if isinstance(d, Document)]
    results = list(run(docs, [BatchFails({"min-documents": 2})]))
    errors = [(r.record, d.code) for r in results for d in r.diagnostics if d.code == "IN002"]
    assert errors == [(2, "IN002")]
    reported = {r.record for r in results if r.corpus}
    assert 2 not in reported
    assert len(reported) == len(docs) - 1  # every other document's line 2 is furniture
