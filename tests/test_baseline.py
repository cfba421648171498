from __future__ import annotations

import json

import pytest

from linter.baseline import Baseline, write_baseline
from linter.diagnostic import Diagnostic
from linter.errors import ConfigError


def diag(fingerprint: str, code: str = "BP001", doc_id: str | None = "d1") -> Diagnostic:
    return Diagnostic(
        code,
        "boilerplate-line",
        "warning",
        "m",
        "c.jsonl",
        1,
        1,
        1,
        5,
        doc_id=doc_id,
        record=1,
        fingerprint=fingerprint,
    )


def test_round_trip_hides_known_findings_and_lists_stale_ones(tmp_path) -> None:
    path = tmp_path / "baseline.json"
    assert write_baseline(path, [diag("aa"), diag("aa"), diag("bb", "SP001"), diag("cc")]) == 4
    baseline = Baseline.load(path)
    now = [diag("aa"), diag("aa"), diag("aa"), diag("dd")]
    assert [d.fingerprint for d in baseline.filter(now)] == ["aa", "dd"]
    assert baseline.suppressed == 2
    assert [(e.fingerprint, e.code, n) for e, n in baseline.stale()] == [
        ("bb", "SP001", 1),
        ("cc", "BP001", 1),
    ]


def test_baseline_file_is_sorted_json_with_counts(tmp_path) -> None:
    path = tmp_path / "b.json"
    write_baseline(path, [diag("bb"), diag("aa"), diag("aa")])
    payload = json.loads(path.read_text())
    assert payload["tool"] == "scrapelint" and payload["version"] == 1
    assert [(e["fingerprint"], e["count"]) for e in payload["entries"]] == [("aa", 2), ("bb", 1)]
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "baseline is not JSON"),
        ('{"tool": "other"}', "not a scrapelint baseline"),
        ('{"tool": "scrapelint", "version": 9}', "version 9 is not supported"),
        (
            '{"tool": "scrapelint", "version": 1, "entries": [{"code": "X"}]}',
            "entry 1 is malformed",
        ),
    ],
)
def test_bad_baseline_is_a_config_error_naming_the_file(tmp_path, content, message) -> None:
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message) as info:
        Baseline.load(path)
    assert str(path) in str(info.value)


def test_missing_baseline_is_a_config_error(tmp_path) -> None:
    with pytest.raises(ConfigError, match="cannot read baseline"):
        Baseline.load(tmp_path / "absent.json")
