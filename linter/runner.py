"""Where rules run. The only module that knows about processes and engines.

`run()` streams one `DocumentResult` per input document, in input order, then (once every
document has been seen) one more result per document that corpus-scope rules reported on.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from linter.diagnostic import Diagnostic
from linter.document import Document, DocumentView
from linter.rule import Rule

T = TypeVar("T")


@dataclass(slots=True)
class InputProblem:
    """An input that could not be read as a document (unreadable file, bad JSON record, missing
    text field, binary file). Sources yield these instead of raising; the run goes on."""

    path: str
    message: str
    record: int | None = None
    doc_id: str | None = None
    line: int = 1
    column: int = 1


@dataclass(slots=True)
class DocumentResult:
    path: str
    doc_id: str | None
    record: int | None
    source: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    corpus: bool = False  # True for the results that corpus rules add after the last document
    input_error: bool = False
    size: int = 0  # the document's text length in characters, for progress reporting


def lint_view(view: DocumentView, rules: Iterable[Rule]) -> list[Diagnostic]:
    """Every document-scope rule's diagnostics for one document, in position order."""
    return lint_views([view], rules)[0]


def lint_views(views: list[DocumentView], rules: Iterable[Rule]) -> list[list[Diagnostic]]:
    """Every document-scope rule's diagnostics for each document, each list in position order.

    A rule runs over all the documents before the next rule starts: its code, tables and caches
    stay warm in the CPU's caches, which makes a batch 10-20% cheaper than running every rule
    on one document before the next. A rule sees the documents in input order either way, so
    its findings are the same.

    A rule that raises is reported as IN002 on that document and the other rules' findings
    are kept: one rule's bug must not stop a corpus run or hide everything else.
    """
    found: list[list[Diagnostic]] = [[] for _ in views]
    for rule in rules:
        if rule.scope != "document":
            continue
        for view, diagnostics in zip(views, found, strict=True):
            try:
                diagnostics.extend(rule.diagnostic(view, finding) for finding in rule.check(view))
            except Exception as exc:
                diagnostics.append(rule_error(rule, view.document, exc))
    for diagnostics in found:
        diagnostics.sort(key=Diagnostic.sort_key)
    return found


RULE_ERROR_CODE = "IN002"


def rule_error(rule: Rule, document: Document, exc: BaseException) -> Diagnostic:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    origin = f" at {os.path.basename(where.filename)}:{where.lineno}" if where else ""
    return Diagnostic(
        code=RULE_ERROR_CODE,
        rule="rule-error",
        severity="error",
        message=(
            f"{rule.code} failed on this document ({type(exc).__name__}: {exc}{origin});"
            " the other rules still ran. This is a bug in the rule: please report it."
        ),
        path=document.path,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        doc_id=document.doc_id,
        record=document.record,
        source=document.source,
    )


def lint_document(document: Document, rules: Iterable[Rule]) -> list[Diagnostic]:
    return lint_view(DocumentView(document), rules)


def run(
    items: Iterable[Document | InputProblem],
    rules: list[Rule],
    *,
    jobs: int = 1,
    learn_from: Iterable[Document | InputProblem] | None = None,
) -> Iterator[DocumentResult]:
    """Lint every item, in input order; corpus rules map per document, then reduce at the end.

    With `jobs > 1` documents are linted in batches by worker processes. Output is identical to
    a serial run: batches come back in submission order and corpus summaries are reduced in
    input order.

    `learn_from` is a second pass over the same input (files can be read twice, a pipe
    cannot): when given, rules that learn from the corpus (SP001's vocabulary) see every
    document first and only then does linting start.
    """
    learners = [rule for rule in rules if rule.learns]
    if learn_from is not None and learners:
        learn_corpus(learn_from, learners, jobs=jobs)
    if jobs <= 1:
        # Batches as the workers get them: corpus rules map a batch at once, and each rule runs
        # over the whole batch (lint_views). Without corpus rules each result streams out as
        # soon as its document is linted (lint_records' callers read them one by one).
        serial = batched(items) if any(r.scope == "corpus" for r in rules) else _one_by_one(items)
        batches = (lint_batch(rules, batch) for batch in serial)
    else:
        batches = _parallel(items, rules, jobs, _lint_batch)
    yield from results_of(batches, rules)


def results_of(batches: Iterable[Batch], rules: list[Rule]) -> Iterator[DocumentResult]:
    """Every batch's results in order, then the corpus rules' reduce over their summaries
    (kept in the same order): what every engine does with the batches it gets back."""
    corpus_rules = [rule for rule in rules if rule.scope == "corpus"]
    summaries: dict[str, list] = {rule.code: [] for rule in corpus_rules}
    for results, batch_summaries in batches:
        yield from results
        for code, found in batch_summaries.items():
            summaries[code].extend(found)
    yield from reduce_corpus(corpus_rules, summaries)


def learn_corpus(
    items: Iterable[Document | InputProblem], learners: list[Rule], *, jobs: int = 1
) -> None:
    """The learning pass: each learner's per-document summaries, in input order, become the
    state it then lints with."""
    if jobs <= 1:
        batches = (learn_batch(learners, [item]) for item in items)
    else:
        batches = _parallel(items, learners, jobs, _learn_batch)
    adopt_learning(batches, learners)


def adopt_learning(batches: Iterable[dict[str, list]], learners: list[Rule]) -> None:
    """Each learner turns its summaries, gathered in input order, into the state it lints with."""
    summaries: dict[str, list] = {rule.code: [] for rule in learners}
    for batch in batches:
        for code, found in batch.items():
            summaries[code].extend(found)
    for rule in learners:
        rule.use_learned(rule.learned(summaries[rule.code]))


def learn_batch(learners: list[Rule], batch: Iterable[Document | InputProblem]) -> dict[str, list]:
    summaries: dict[str, list] = {rule.code: [] for rule in learners}
    for item in batch:
        if isinstance(item, Document):
            view = DocumentView(item)
            for rule in learners:
                summaries[rule.code].append(rule.learn(view))
    return summaries


Batch = tuple[list[DocumentResult], dict[str, list]]

# A batch is about this much text: large enough that process hand-off costs little per
# document, small enough that the queue of batches in flight stays a few megabytes.
BATCH_CHARS = 1 << 20
BATCH_DOCUMENTS = 512
# Batches submitted ahead of the one being read, per worker: bounds memory on any corpus size.
IN_FLIGHT_PER_JOB = 2


def lint_batch(rules: list[Rule], batch: Iterable[Document | InputProblem]) -> Batch:
    """Every item's results, in order, and the corpus rules' summaries of its documents.

    Documents are linted in groups of at most a batch's size (BATCH_CHARS, BATCH_DOCUMENTS),
    each rule over the whole group (see `lint_views`), and then the corpus rules map the group:
    what the document rules computed and kept on the views (line classes, say) is free for
    them. The group bounds the views kept alive on a long shard.
    """
    corpus_rules = [rule for rule in rules if rule.scope == "corpus"]
    summaries: dict[str, list] = {rule.code: [] for rule in corpus_rules}
    results = []
    views: list[DocumentView] = []  # the group, waiting to be linted
    waiting: list[DocumentResult] = []  # their results
    size = 0
    for item in batch:
        if isinstance(item, InputProblem):
            results.append(input_problem_result(item))
            continue
        result = DocumentResult(
            item.path, item.doc_id, item.record, item.source, size=len(item.text)
        )
        results.append(result)
        views.append(DocumentView(item))
        waiting.append(result)
        size += len(item.text)
        if size >= BATCH_CHARS or len(views) >= BATCH_DOCUMENTS:
            _lint_group(rules, corpus_rules, views, waiting, summaries)
            views, waiting, size = [], [], 0
    if views:
        _lint_group(rules, corpus_rules, views, waiting, summaries)
    return results, summaries


def _lint_group(
    rules: list[Rule],
    corpus_rules: list[Rule],
    views: list[DocumentView],
    results: list[DocumentResult],
    summaries: dict[str, list],
) -> None:
    for result, diagnostics in zip(results, lint_views(views, rules), strict=True):
        result.diagnostics = diagnostics
    if corpus_rules:
        map_corpus(corpus_rules, views, results, summaries)


def map_corpus(
    corpus_rules: list[Rule],
    views: list[DocumentView],
    results: list[DocumentResult],
    summaries: dict[str, list],
) -> None:
    """Each corpus rule's summaries of `views`, appended to `summaries` in order.

    A rule whose `map_batch` raises maps the documents one by one instead: a document whose
    `map` raises is reported as IN002 on its result and left out of the rule's reduce, as the
    other documents of the batch must not pay for it.
    """
    for rule in corpus_rules:
        try:
            found = rule.map_batch(views)
        except Exception:
            found = None
        if found is None or len(found) != len(views):
            found = []
            for view, result in zip(views, results, strict=True):
                try:
                    found.append(rule.map(view))
                except Exception as exc:
                    result.diagnostics.append(rule_error(rule, view.document, exc))
        summaries[rule.code].extend(found)


_worker_rules: list[Rule] = []


def _init_worker(rules: list[Rule]) -> None:
    global _worker_rules
    _worker_rules = rules


def _lint_batch(batch: list[Document | InputProblem]) -> Batch:
    return lint_batch(_worker_rules, batch)


def _learn_batch(batch: list[Document | InputProblem]) -> dict[str, list]:
    return learn_batch(_worker_rules, batch)


def batched(items: Iterable[Document | InputProblem]) -> Iterator[list[Document | InputProblem]]:
    """`items` in batches of about BATCH_CHARS characters of text, at most BATCH_DOCUMENTS."""
    batch: list[Document | InputProblem] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item.text) if isinstance(item, Document) else 0
        if size >= BATCH_CHARS or len(batch) >= BATCH_DOCUMENTS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _one_by_one(items: Iterable[T]) -> Iterator[list[T]]:
    return ([item] for item in items)


def _parallel(
    items: Iterable[Document | InputProblem],
    rules: list[Rule],
    jobs: int,
    work: Callable[[list[Document | InputProblem]], T],
) -> Iterator[T]:
    """`work` over batches of `items` in worker processes, results in input order."""
    batches = batched(items)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if second is None:
        # Everything fits in one batch (a pre-commit run, one file): starting processes would
        # cost more than it saves.
        _init_worker(rules)
        yield work(first)
        return
    # Pool.imap would read the whole input ahead of the workers; a bounded window of
    # apply_async calls keeps memory flat whatever the corpus size. With fork, workers inherit
    # the configured (and possibly learned) rules as they are.
    for rule in rules:
        rule.prepare()
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    window: deque = deque()
    with context.Pool(jobs, initializer=_init_worker, initargs=(rules,)) as pool:
        for batch in itertools.chain((first, second), batches):
            window.append(pool.apply_async(work, (batch,)))
            if len(window) >= jobs * IN_FLIGHT_PER_JOB:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()


def reduce_corpus(corpus_rules: list[Rule], summaries: dict[str, list]) -> Iterator[DocumentResult]:
    by_document: dict[tuple[str, int], DocumentResult] = {}
    for rule in corpus_rules:
        for diagnostic in rule.reduce(summaries[rule.code]):
            key = (diagnostic.path, diagnostic.record or 0)
            result = by_document.get(key)
            if result is None:
                result = by_document[key] = DocumentResult(
                    diagnostic.path,
                    diagnostic.doc_id,
                    diagnostic.record,
                    diagnostic.source,
                    corpus=True,
                )
            result.diagnostics.append(diagnostic)
    for key in sorted(by_document):
        result = by_document[key]
        result.diagnostics.sort(key=Diagnostic.sort_key)
        yield result


INPUT_ERROR_CODE = "IN001"
# The engine's own codes: always on, never ignored, never run on a document.
ENGINE_CODES = frozenset({"IN001", "IN002"})


def input_problem_result(problem: InputProblem) -> DocumentResult:
    diagnostic = Diagnostic(
        code=INPUT_ERROR_CODE,
        rule="input-error",
        severity="error",
        message=problem.message,
        path=problem.path,
        line=problem.line,
        column=problem.column,
        end_line=problem.line,
        end_column=problem.column,
        doc_id=problem.doc_id,
        record=problem.record,
    )
    return DocumentResult(
        problem.path, problem.doc_id, problem.record, None, [diagnostic], input_error=True
    )
