"""Every rule's documentation is itself tested: its `Bad:` examples must make the rule fire and its
`Good:` examples must not. What `scrapelint rule CODE` prints is therefore always true."""

from __future__ import annotations

import inspect
import re

import pytest

from linter.document import Document, DocumentView
from linter.rule import Rule, load_rules

RULES = load_rules()
SECTION_RE = re.compile(r"^(Bad|Good):[ \t]*\n((?:[ \t]+\S.*\n?|[ \t]*\n)+)", re.MULTILINE)


def examples(rule: type[Rule]) -> list[tuple[str, str]]:
    """(kind, text) for each `Bad:`/`Good:` block: the indented lines after the heading."""
    found = []
    for match in SECTION_RE.finditer(rule.documentation() + "\n"):
        block = match.group(2).rstrip("\n").split("\n")
        while block and not block[-1].strip():
            block.pop()
        found.append((match.group(1), inspect.cleandoc("\n".join(block))))
    return found


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_documents_a_bad_and_a_good_example(code: str) -> None:
    kinds = {kind for kind, _ in examples(RULES[code])}
    assert kinds == {"Bad", "Good"}, f"{code} must document a Bad and a Good example"


def _cases() -> list[tuple[str, str, str]]:
    return [
        (code, kind, text)
        for code, rule in sorted(RULES.items())
        if rule.scope == "document"
        for kind, text in examples(rule)
    ]


@pytest.mark.parametrize(("code", "kind", "text"), _cases())
def test_documented_example_behaves_as_documented(code: str, kind: str, text: str) -> None:
    rule = RULES[code]()
    findings = list(rule.check(DocumentView(Document("example.txt", text))))
    if kind == "Bad":
        assert findings, f"{code}: the documented bad example is not reported"
    else:
        assert findings == [], f"{code}: the documented good example is reported: {findings}"
