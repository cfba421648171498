"""Statistics: counting documents, findings and affected documents; the --statistics table."""

from __future__ import annotations

import io
import json

import pytest

from linter.diagnostic import Diagnostic, Edit, Fix
from linter.runner import DocumentResult
from linter.stats import Statistics, render_statistics
from linter.thresholds import Thresholds

NAMES = {
    "BP001": "boilerplate-line",
    "WS002": "irregular-whitespace",
    "DU101": "duplicate-document",
}


def d(
    code: str, path: str = "a.jsonl", record: int | None = 1, fixable: bool = False
) -> Diagnostic:
    fix = Fix.safe(Edit(0, 1, "")) if fixable else None
    return Diagnostic(
        code,
        NAMES.get(code, "input-error"),
        "warning",
        "m",
        path,
        1,
        1,
        1,
        2,
        record=record,
        fix=fix,
    )


def result(
    record: int | None,
    *codes: str,
    path: str = "a.jsonl",
    source: str | None = None,
    corpus: bool = False,
    fixable: bool = False,
) -> DocumentResult:
    diagnostics = [d(code, path, record, fixable=fixable and code == "WS002") for code in codes]
    return DocumentResult(path, str(record), record, source, diagnostics, corpus=corpus)


def input_error(record: int) -> DocumentResult:
    return DocumentResult(
        "a.jsonl", None, record, None, [d("IN001", record=record)], input_error=True
    )


def collect(*results: DocumentResult) -> Statistics:
    stats = Statistics()
    for r in results:
        stats.add(r)
    return stats


def one_source_run() -> Statistics:
    return collect(
        result(1, "BP001", "BP001", "WS002", fixable=True),
        result(2),
        result(3, "WS002", fixable=True),
        result(4, "BP001"),
        # Corpus results come last and add to documents already counted.
        result(2, "DU101", corpus=True),
        result(4, "DU101", "DU101", corpus=True),
        result(4, "DU101", corpus=True),  # the same document again: not counted twice
        input_error(5),
    )


def test_counts() -> None:
    stats = one_source_run()
    assert stats.documents == 4
    assert stats.input_errors == 1
    assert stats.findings == 9
    assert dict(stats.by_code) == {"BP001": 3, "WS002": 2, "DU101": 4}
    assert dict(stats.affected_by_code) == {"BP001": 2, "WS002": 2, "DU101": 2}
    assert dict(stats.fixable_by_code) == {"WS002": 2}
    assert stats.share("BP001") == 0.5
    assert stats.share("TR001") == 0.0
    assert stats.has_findings and stats.has_input_errors
    assert stats.exit_code() == 2


# (results, has_findings, exit code)
EXIT_CASES = [
    ([], False, 0),
    ([result(1), result(2)], False, 0),
    ([result(1, "BP001")], True, 1),
    ([result(1), input_error(2)], False, 2),
    ([result(1, "BP001"), input_error(2)], True, 2),
    ([result(1), result(1, "DU101", corpus=True)], True, 1),
]


@pytest.mark.parametrize(("results", "has_findings", "code"), EXIT_CASES)
def test_exit_code(results: list[DocumentResult], has_findings: bool, code: int) -> None:
    stats = collect(*results)
    assert (stats.has_findings, stats.exit_code()) == (has_findings, code)


def test_empty_run_shares_are_zero() -> None:
    stats = Statistics()
    assert (stats.documents, stats.share("BP001"), stats.share("BP001", "x")) == (0, 0.0, 0.0)


def test_corpus_memory_holds_only_affected_documents() -> None:
    stats = collect(*(result(i, "BP001") for i in range(1, 1001)))
    stats.add(result(7, "DU101", corpus=True))
    assert stats._corpus_affected == {("DU101", "a.jsonl", 7)}


def two_source_run() -> Statistics:
    return collect(
        result(1, "BP001", source="example.com"),
        result(2, "BP001", "BP001", source="example.com"),
        result(3, source="example.com"),
        result(4, "WS002", source="news.org", fixable=True),
        result(1, "WS002", path="b.txt", fixable=True),
    )


def test_per_source() -> None:
    stats = two_source_run()
    assert sorted(stats.sources) == ["b.txt", "example.com", "news.org"]
    site = stats.sources["example.com"]
    assert (site.documents, dict(site.by_code), dict(site.affected_by_code)) == (
        3,
        {"BP001": 3},
        {"BP001": 2},
    )
    assert stats.share("BP001", "example.com") == pytest.approx(2 / 3)
    assert stats.share("BP001", "news.org") == 0.0
    assert stats.share("BP001", "nowhere") == 0.0
    assert stats.share("BP001") == pytest.approx(2 / 5)


def test_shares_feed_the_threshold_gate() -> None:
    stats = two_source_run()  # BP001 in 40% of documents, WS002 in 40%
    assert stats.shares() == {"BP001": 0.4, "WS002": 0.4}
    gate = Thresholds({"BP001": 0.5, "WS002": 0.01})
    assert gate.failures(stats.shares()) == [("WS002", pytest.approx(0.4), 0.01)]
    assert Thresholds({"default": 0.4}).failures(stats.shares()) == []  # at the limit passes


TABLE = """\
count  code   name                  fix  documents  share
    4  DU101  duplicate-document                 2  50.0%
    3  BP001  boilerplate-line                   2  50.0%
    2  WS002  irregular-whitespace  [*]          2  50.0%
9 findings, 4 documents checked, 1 input error.
"""


def render(stats: Statistics, **options) -> str:
    stream = io.StringIO()
    render_statistics(stats, stream, **options)
    return stream.getvalue()


def test_table_exact() -> None:
    assert render(one_source_run()) == TABLE


PER_SOURCE_TABLE = """\
count  code   name                  fix  documents   share
    3  BP001  boilerplate-line                   2   40.0%
    2  WS002  irregular-whitespace  [*]          2   40.0%
5 findings, 5 documents checked.

Per source:
  example.com: 3 documents
      3  BP001  boilerplate-line                   2   66.7%
  b.txt: 1 document
      1  WS002  irregular-whitespace  [*]          1  100.0%
  news.org: 1 document
      1  WS002  irregular-whitespace  [*]          1  100.0%
"""


def test_table_per_source_section() -> None:
    assert render(two_source_run()) == PER_SOURCE_TABLE


def test_table_clean_run() -> None:
    assert render(collect(result(1), result(2))) == "0 findings, 2 documents checked.\n"
    assert render(Statistics()) == "0 findings, 0 documents checked.\n"


def test_table_tiny_shares() -> None:
    stats = collect(result(1, "BP001"), *(result(i) for i in range(2, 2001)))
    assert render(stats).splitlines()[1] == "    1  BP001  boilerplate-line               1  <0.1%"


def test_table_colour() -> None:
    stats = collect(result(1, "BP001"))
    assert render(stats, color=True) == (
        "\x1b[1mcount  code   name              fix  documents   share\x1b[0m\n"
        "    1  \x1b[1m\x1b[31mBP001\x1b[0m  boilerplate-line               1  100.0%\n"
        "1 finding, 1 document checked.\n"
    )


def test_json_form() -> None:
    assert json.loads(render(two_source_run(), fmt="json")) == {
        "documents": 5,
        "findings": 5,
        "input_errors": 0,
        "codes": [
            {
                "code": "BP001",
                "name": "boilerplate-line",
                "count": 3,
                "fixable": 0,
                "documents": 2,
                "share": 0.4,
            },
            {
                "code": "WS002",
                "name": "irregular-whitespace",
                "count": 2,
                "fixable": 2,
                "documents": 2,
                "share": 0.4,
            },
        ],
        "sources": [
            {
                "source": "example.com",
                "documents": 3,
                "findings": 3,
                "codes": [
                    {
                        "code": "BP001",
                        "name": "boilerplate-line",
                        "count": 3,
                        "fixable": 0,
                        "documents": 2,
                        "share": 2 / 3,
                    },
                ],
            },
            {
                "source": "b.txt",
                "documents": 1,
                "findings": 1,
                "codes": [
                    {
                        "code": "WS002",
                        "name": "irregular-whitespace",
                        "count": 1,
                        "fixable": 1,
                        "documents": 1,
                        "share": 1.0,
                    },
                ],
            },
            {
                "source": "news.org",
                "documents": 1,
                "findings": 1,
                "codes": [
                    {
                        "code": "WS002",
                        "name": "irregular-whitespace",
                        "count": 1,
                        "fixable": 1,
                        "documents": 1,
                        "share": 1.0,
                    },
                ],
            },
        ],
    }


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown statistics format 'xml'"):
        render(Statistics(), fmt="xml")


def test_table_shows_the_sources_with_most_findings_first_and_says_how_many_are_left() -> None:
    results = [result(i, *["BP001"] * (i % 7 + 1), source=f"site{i:02}.org") for i in range(25)]
    lines = render(collect(*results)).splitlines()
    labels = [line for line in lines if line.startswith("  ") and not line.startswith("   ")]
    assert labels[:3] == [
        "  site06.org: 1 document",
        "  site13.org: 1 document",
        "  site20.org: 1 document",
    ]
    assert len(labels) == 21
    assert labels[-1] == "  ... and 5 more sources; the JSON form (--output-format json) lists all."
    assert len(json.loads(render(collect(*results), fmt="json"))["sources"]) == 25


def test_table_source_names_stay_on_one_line() -> None:
    stats = collect(result(1, "BP001", source="evil\nsite"), result(2, source="b"))
    assert "  evil\\nsite: 1 document" in render(stats).splitlines()


def test_table_source_without_documents_has_no_share() -> None:
    # Corpus findings on a source that had no documents of its own (the runner did not say
    # which source the document came from): counted, but no share is invented.
    stats = collect(result(1, source="site.org"), result(1, "DU101", corpus=True))
    assert render(stats).splitlines()[-3:] == [
        "  a.jsonl: 0 documents",
        "      1  DU101  duplicate-document               1       -",
        "  site.org: 1 document",
    ]
