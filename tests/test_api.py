"""The Python API: `lint_text`, `lint_records`, config forms, and that `import linter` is light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import linter
from linter import ConfigError, lint_records, lint_text
from linter.api import resolve
from linter.config import load_settings


def found(diagnostics: list) -> list[tuple]:
    return [(d.code, d.line, d.column, d.end_line, d.end_column) for d in diagnostics]


def test_lint_text() -> None:
    diagnostics = lint_text("First line.\nTwo  spaces. ", select="WS")
    assert found(diagnostics) == [("WS002", 2, 4, 2, 6), ("WS003", 2, 13, 2, 14)]
    assert {d.path for d in diagnostics} == {"<text>"}


@pytest.mark.parametrize(
    ("kwargs", "codes"),
    [
        ({"select": ["WS002"]}, ["WS002"]),
        ({"select": "WS002,WS003"}, ["WS002", "WS003"]),
        ({"select": ["WS"], "ignore": ["trailing-whitespace"]}, ["WS002"]),
        ({"select": ["WS002"], "extend_select": ["WS003"]}, ["WS002", "WS003"]),
        ({"config": {"select": ["WS003"]}}, ["WS003"]),
        ({"config": {"select": ["WS"], "ignore": ["WS002"]}}, ["WS003"]),
        ({"config": {"select": ["WS"]}, "ignore": ["WS003"]}, ["WS002"]),
    ],
)
def test_selection(kwargs: dict, codes: list[str]) -> None:
    assert [d.code for d in lint_text("Two  spaces. ", **kwargs)] == codes


def test_crlf_positions_are_those_of_the_normalised_text() -> None:
    assert found(lint_text("A line.\r\nTwo  spaces.\r\n", select="WS002")) == [
        ("WS002", 2, 4, 2, 6)
    ]


def test_config_from_a_file_and_from_settings(tmp_path: Path) -> None:
    config = tmp_path / "scrapelint.toml"
    config.write_text('select = ["WS003"]\n')
    assert [d.code for d in lint_text("Two  spaces. ", config=config)] == ["WS003"]
    assert [d.code for d in lint_text("Two  spaces. ", config=str(config))] == ["WS003"]
    settings, _ = resolve(config)
    assert [d.code for d in lint_text("Two  spaces. ", config=settings)] == ["WS003"]
    # Arguments refine a Settings object too.
    refined = lint_text("Two  spaces. ", config=settings, extend_select=["WS002"])
    assert [d.code for d in refined] == ["WS002", "WS003"]


def test_the_api_never_reads_the_working_directory_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "scrapelint.toml").write_text('select = ["WS003"]\n')
    monkeypatch.chdir(tmp_path)
    assert [d.code for d in lint_text("Two  spaces. ", select=["WS"])] == ["WS002", "WS003"]
    assert "WS003" not in [d.code for d in lint_text("Two  spaces. ")]


def test_bad_config_raises_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown key 'selekt'"):
        lint_text("x", config={"selekt": ["WS"]})
    with pytest.raises(ConfigError, match="unknown rule selector 'ZZ'"):
        lint_text("x", select=["ZZ"])


def test_lint_records_one_list_per_record_in_order() -> None:
    records = [
        {"id": "a", "text": "Clean text."},
        {"id": "b", "text": "Two  spaces."},
        {"id": "c"},
        "not a mapping",
        {"text": 42},
        {"text": "Last  one."},
    ]
    results = list(lint_records(records, select=["WS002"]))
    assert [[(d.code, d.record, d.doc_id, d.message) for d in ds] for ds in results] == [
        [],
        [("WS002", 2, "b", "2 spaces between words")],
        [("IN001", 3, "c", "record has no 'text' field")],
        [("IN001", 4, None, "record is a str, not a mapping")],
        [("IN001", 5, "5", "field 'text' is a number, not a string")],
        [("WS002", 6, "6", "2 spaces between words")],
    ]


def test_lint_records_fields_from_arguments_or_config() -> None:
    records = [{"url": "https://example.org/x", "body": "Two  spaces."}]
    by_argument = next(lint_records(records, text_field="body", id_field="url", select="WS002"))
    assert [(d.code, d.doc_id) for d in by_argument] == [("WS002", "https://example.org/x")]
    config = {"text-field": "body", "id-field": "url", "select": ["WS002"]}
    by_config = next(lint_records(records, config=config))
    assert [(d.code, d.doc_id) for d in by_config] == [("WS002", "https://example.org/x")]


def test_lint_records_is_lazy_without_corpus_rules() -> None:
    def records():
        yield {"text": "Two  spaces."}
        raise AssertionError("the second record was read before the first result was used")

    first = next(lint_records(records(), select=["WS002"]))
    assert [d.code for d in first] == ["WS002"]


def test_lint_records_with_a_corpus_rule_merges_its_findings_per_record() -> None:
    text = " ".join(f"word{i}" for i in range(80)) + "."
    records = [{"id": "a", "text": text}, {"id": "b", "text": "Other."}, {"id": "c", "text": text}]
    results = list(lint_records(records, select=["DU101"]))
    assert [[(d.code, d.doc_id) for d in ds] for ds in results] == [[], [], [("DU101", "c")]]


def test_import_linter_is_light() -> None:
    code = (
        "import sys, linter\n"
        "heavy = [m for m in ('click', 'rules', 'linter.rule', 'linter.runner', 'spellchecker')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert set(linter.__all__) >= {"lint_text", "lint_records", "Diagnostic", "Rule", "Settings"}


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = linter.nothing


def test_settings_are_frozen() -> None:
    settings = load_settings({}, config={})
    with pytest.raises(AttributeError):
        settings.text_field = "body"  # type: ignore[misc]
