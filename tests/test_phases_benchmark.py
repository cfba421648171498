"""The phases benchmark accounts for every part of a run: each default rule, each corpus rule's
map and reduce, reading, learning and output, over exactly the text it was asked to read."""

from __future__ import annotations

from pathlib import Path

from benchmarks import phases
from benchmarks.corpus import generate
from linter.rule import load_rules


def test_every_phase_and_every_default_rule_is_timed(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    generate(corpus, 0.3)
    size, seconds = phases.measure(corpus, 0.1)
    default = [cls for cls in load_rules().values() if cls.enabled_by_default]
    expected = {"read", "learn", "view", "output"}
    for cls in default:
        if cls.scope == "corpus":
            expected |= {f"{cls.code} map", f"{cls.code} reduce"}
        else:
            expected.add(cls.code)
    assert set(seconds) == expected
    # it stops at the first record that reaches the size asked for
    assert 0.1 <= size < 0.1 + 0.05
    assert all(spent >= 0 for spent in seconds.values())
