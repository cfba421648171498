"""SP001 learns the corpus vocabulary: a word many documents use is not a typo, unless it is a
habitual slip of a very common word."""

from __future__ import annotations

import json
import pickle

from click.testing import CliRunner

from linter.cli import main
from linter.document import Document
from linter.runner import run
from rules.spelling import Misspelling


def corpus() -> list[Document]:
    docs = []
    for i in range(8):
        text = f"Story {i}. She posted the picture on tumblr before lunch."
        if i < 6:
            text += " They said they would recieve the award."
        if i == 7:
            text += " The attack came to an ened at noon."
        docs.append(Document("c.jsonl", text, doc_id=f"d{i}", record=i + 1))
    return docs


def flagged(rule: Misspelling, learn: bool) -> list[tuple[int, str]]:
    docs = corpus()
    results = run(docs, [rule], learn_from=docs if learn else None)
    return sorted({(r.record, d.message.split('"')[1]) for r in results for d in r.diagnostics})


def test_words_many_documents_use_are_learned_but_habitual_slips_are_not() -> None:
    found = flagged(Misspelling(), learn=True)
    assert {word for _, word in found} == {"recieve", "ened"}


def test_without_the_learning_pass_every_document_is_judged_alone() -> None:
    found = flagged(Misspelling(), learn=False)
    assert {word for _, word in found} == {"tumblr", "recieve", "ened"}


def test_learning_can_be_switched_off() -> None:
    found = flagged(Misspelling({"corpus-min-documents": 0}), learn=True)
    assert {word for _, word in found} == {"tumblr", "recieve", "ened"}


def test_learned_vocabulary_survives_the_trip_to_a_worker() -> None:
    rule = Misspelling()
    rule.use_learned(("tumblr",))
    copy = pickle.loads(pickle.dumps(rule))
    docs = corpus()
    words = {d.message.split('"')[1] for r in run(docs, [copy]) for d in r.diagnostics}
    assert "tumblr" not in words


def test_check_learns_from_the_files_it_reads(tmp_path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"id": d.doc_id, "text": d.text}) + "\n" for d in corpus()))
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "SP001", str(path)])
    words = {line.split('"')[1] for line in result.stdout.splitlines() if "SP001" in line}
    assert words == {"recieve", "ened"}
