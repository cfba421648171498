"""Where rules run. The only module that knows about processes and engines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from linter.diagnostic import Diagnostic
from linter.document import Document, DocumentView
from linter.rule import Rule


def lint_document(document: Document, rules: Iterable[Rule]) -> list[Diagnostic]:
    """Every document-scope rule's diagnostics for one document, in position order."""
    view = DocumentView(document)
    diagnostics = [
        rule.diagnostic(view, finding)
        for rule in rules
        if rule.scope == "document"
        for finding in rule.check(view)
    ]
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def lint_documents(documents: Iterable[Document], rules: list[Rule]) -> Iterator[Diagnostic]:
    for document in documents:
        yield from lint_document(document, rules)
