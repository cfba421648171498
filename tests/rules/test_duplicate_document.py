from __future__ import annotations

import random

from linter.document import Document
from linter.runner import run
from rules.duplicate_document import DuplicateDocument, signature

WORDS = (
    "the council met on monday to discuss a new budget for roads schools parks and the harbour"
    " while residents asked why repairs promised last spring had not started before winter"
).split()


def article(seed: int, length: int = 150) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(length))


def diagnostics(texts: list[str]) -> list[tuple[int, str]]:
    docs = [Document("c.jsonl", t, doc_id=f"d{i}", record=i + 1) for i, t in enumerate(texts)]
    return [(d.record, d.message) for r in run(docs, [DuplicateDocument()]) for d in r.diagnostics]


def test_a_lightly_edited_copy_is_a_near_duplicate_of_the_first() -> None:
    original = article(1)
    edited = original.replace("winter", "autumn", 1) + " Updated at noon."
    found = diagnostics([original, article(2), edited])
    assert len(found) == 1
    record, message = found[0]
    assert record == 3
    assert message.endswith("similar copy of record 1 (id d0)")


def test_an_exact_copy_ignores_case_and_punctuation() -> None:
    original = article(3)
    assert diagnostics([original, original.upper() + "!!"]) == [
        (2, "Exact copy of record 1 (id d0)")
    ]


def test_unrelated_and_short_documents_are_left_alone() -> None:
    assert diagnostics([article(1), article(2), article(4)]) == []
    assert diagnostics(["Short note one two three.", "Short note one two four."]) == []


def test_signature_is_deterministic_and_compact() -> None:
    words = article(5).split()
    assert signature(words) == signature(list(words))
    assert len(signature(words) or b"") == 64 * 4
