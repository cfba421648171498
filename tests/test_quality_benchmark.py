"""The quality benchmark's baselines flag exactly what their rules say, on a tiny hand-written
gold; the benchmark skips cleanly without the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import quality

GOLD = [
    {
        "id": "a",
        "text": "Storm nears coast\n\nOfficials said it would arrive Friday.\nFollow\n"
        "Storm nears coast\nThe storm came to an ened on Sunday.",
        "defects": [
            {"family": "boilerplate", "lines": [4]},
            {"family": "duplicate-headline", "lines": [5]},
            {"family": "typo", "lines": [6], "token": "ened"},
        ],
    },
    {"id": "b", "text": 'He said "yes."\nA cut line that stops at the', "defects": []},
]


def lines(predictions: list[dict]) -> list[tuple[str, int, str]]:
    return sorted((p["id"], p["line"], p["family"]) for p in predictions)


def test_c4_terminal_punctuation() -> None:
    found = quality.c4_no_terminal_punctuation(GOLD, "truncation")
    assert lines(found) == [
        ("a", 1, "truncation"),
        ("a", 4, "truncation"),
        ("a", 5, "truncation"),
        ("b", 2, "truncation"),
    ]


def test_c4_short_line() -> None:
    assert lines(quality.c4_short_line(GOLD)) == [("a", 4, "boilerplate")]


def test_gopher_duplicate_line() -> None:
    assert lines(quality.gopher_duplicate_line(GOLD)) == [("a", 5, "duplicate-headline")]


def test_pyspellchecker_unknown_flags_every_unknown_word() -> None:
    pytest.importorskip("spellchecker")
    assert lines(quality.pyspellchecker_unknown(GOLD)) == [("a", 6, "typo")]


def test_codespell_lines_map_back_to_documents() -> None:
    pytest.importorskip("codespell_lib")
    assert lines(quality.codespell(GOLD)) == [("a", 6, "typo")]


def test_skips_without_shared_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert quality.main(["--shared", str(tmp_path)]) == 0
    assert "no evaluation data" in capsys.readouterr().out


def test_table_prints_every_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    result = {"gold": 2, "tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    row = {
        "file": "typo.jsonl",
        "family": "typo",
        "scrapelint": result,
        "baselines": {"codespell": result, "pyspellchecker unknown()": result},
        "seconds": 0.1,
        "problem": "",
    }
    quality.print_table([row, {"file": "names.jsonl", "missing": True}])
    out = capsys.readouterr().out.splitlines()
    assert out[2].split() == ["typo", "typo.jsonl", "2", *["0.50"] * 3, "codespell", *["0.50"] * 3]
    assert out[3].split() == ["pyspellchecker", "unknown()", *["0.50"] * 3]
    assert out[4].split() == ["names.jsonl", "missing,", "skipped"]
