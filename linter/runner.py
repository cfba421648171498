"""Where rules run. The only module that knows about processes and engines.

`run()` streams one `DocumentResult` per input document, in input order, then (once every
document has been seen) one more result per document that corpus-scope rules reported on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from linter.diagnostic import Diagnostic
from linter.document import Document, DocumentView
from linter.rule import Rule


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


def lint_view(view: DocumentView, rules: Iterable[Rule]) -> list[Diagnostic]:
    """Every document-scope rule's diagnostics for one document, in position order."""
    diagnostics = [
        rule.diagnostic(view, finding)
        for rule in rules
        if rule.scope == "document"
        for finding in rule.check(view)
    ]
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def lint_document(document: Document, rules: Iterable[Rule]) -> list[Diagnostic]:
    return lint_view(DocumentView(document), rules)


def run(items: Iterable[Document | InputProblem], rules: list[Rule]) -> Iterator[DocumentResult]:
    """Serial, in-process run: document rules per document, corpus rules map then reduce."""
    corpus_rules = [rule for rule in rules if rule.scope == "corpus"]
    summaries: dict[str, list] = {rule.code: [] for rule in corpus_rules}
    for item in items:
        if isinstance(item, InputProblem):
            yield input_problem_result(item)
            continue
        view = DocumentView(item)
        for rule in corpus_rules:
            summaries[rule.code].append(rule.map(view))
        yield DocumentResult(item.path, item.doc_id, item.record, item.source, lint_view(view, rules))
    yield from reduce_corpus(corpus_rules, summaries)


def reduce_corpus(corpus_rules: list[Rule], summaries: dict[str, list]) -> Iterator[DocumentResult]:
    by_document: dict[tuple[str, int], DocumentResult] = {}
    for rule in corpus_rules:
        for diagnostic in rule.reduce(summaries[rule.code]):
            key = (diagnostic.path, diagnostic.record or 0)
            result = by_document.get(key)
            if result is None:
                result = by_document[key] = DocumentResult(
                    diagnostic.path, diagnostic.doc_id, diagnostic.record, None, corpus=True
                )
            result.diagnostics.append(diagnostic)
    for key in sorted(by_document):
        result = by_document[key]
        result.diagnostics.sort(key=Diagnostic.sort_key)
        yield result


INPUT_ERROR_CODE = "IN001"


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
