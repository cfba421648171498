"""Sources: every input kind, every bad-input case, discovery and streaming."""

from __future__ import annotations

import builtins
import gzip
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from linter.document import Document
from linter.runner import InputProblem
from linter.sources import discover, iter_documents, kind_of, read_path, read_stdin
from linter.sources.jsonl import Fields, record_documents, source_label
from linter.sources.markdown import mask


def items(path: Path | str, **fields: str) -> list[Document | InputProblem]:
    return list(read_path(str(path), Fields(**fields)))


def summary(found: list[Document | InputProblem]) -> list[tuple]:
    """Documents as ("doc", record, doc_id, text), problems as ("IN001", record, line, col, msg)."""
    out: list[tuple] = []
    for item in found:
        if isinstance(item, Document):
            out.append(("doc", item.record, item.doc_id, item.text))
        else:
            out.append(("IN001", item.record, item.line, item.column, item.message))
    return out


# -- plain text ------------------------------------------------------------------------------------

TEXT_CASES = [
    # (bytes, expected summary, newline, bom)
    (b"One line.\nTwo.\n", [("doc", None, None, "One line.\nTwo.\n")], "\n", False),
    (
        b"\xef\xbb\xbfWith a BOM.\r\nNext.\r\n",
        [("doc", None, None, "With a BOM.\nNext.\n")],
        "\r\n",
        True,
    ),
    ("Caf\u00e9 au lait.\n".encode("utf-16"), [("doc", None, None, "Café au lait.\n")], "\n", True),
    (
        b"Good line.\r\nBad \xff byte and \xfe another.\n",
        [
            (
                "IN001",
                None,
                2,
                5,
                "invalid UTF-8 at byte 16 (2 invalid bytes in all); decoded with replacement",
            ),
            ("doc", None, None, "Good line.\nBad \ufffd byte and \ufffd another.\n"),
        ],
        "\r\n",
        False,
    ),
    (
        b"\xc3",
        [
            ("IN001", None, 1, 1, "invalid UTF-8 at byte 0; decoded with replacement"),
            ("doc", None, None, "\ufffd"),
        ],
        "\n",
        False,
    ),
    (b"PK\x03\x04\x00\x00binary", [("IN001", None, 1, 1, "binary file skipped")], "\n", False),
    (b"", [("doc", None, None, "")], "\n", False),
]


@pytest.mark.parametrize(("data", "expected", "newline", "bom"), TEXT_CASES)
def test_text_files(tmp_path: Path, data: bytes, expected: list, newline: str, bom: bool) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    found = items(path)
    assert summary(found) == expected
    document = found[-1]
    if isinstance(document, Document):
        assert document.path == str(path)
        assert document.newline == newline
        assert document.meta["bom"] is bom
        assert document.meta["kind"] == "text"


def test_missing_and_unreadable_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert summary(items(tmp_path / "nope.txt")) == [
        ("IN001", None, 1, 1, "no such file or directory")
    ]
    assert summary(items(tmp_path)) == [("IN001", None, 1, 1, "is a directory")]
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    real_open = builtins.open

    def deny(file, *args, **kwargs):  # tests run as root, where chmod 000 still reads
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    assert summary(items(locked)) == [("IN001", None, 1, 1, "cannot read file: Permission denied")]


# -- Markdown --------------------------------------------------------------------------------------

MARKDOWN = (
    "---\n"
    "title: A  page\n"
    "---\n"
    "# Heading\n"
    "\n"
    "Prose  here.\n"
    "```python\n"
    "x  =  1\n"
    "````\n"
    "    ~~~\n"
    "Closing  prose.\n"
    "~~~~\n"
    "never  closed\n"
)
# A longer fence closes a shorter one; four spaces of indent make "~~~" no fence; an unclosed
# fence runs to the end.
MASKED = (
    "   \n"
    "              \n"
    "   \n"
    "# Heading\n"
    "\n"
    "Prose  here.\n"
    "         \n"
    "       \n"
    "    \n"
    "    ~~~\n"
    "Closing  prose.\n"
    "    \n"
    "             \n"
)


def test_markdown_blanks_front_matter_and_fenced_code_keeping_offsets(tmp_path: Path) -> None:
    assert mask(MARKDOWN) == MASKED
    assert len(mask(MARKDOWN)) == len(MARKDOWN)
    path = tmp_path / "page.md"
    path.write_text(MARKDOWN)
    (document,) = items(path)
    assert document.text == MASKED
    assert document.meta["original_text"] == MARKDOWN
    assert document.meta["kind"] == "markdown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain.\n", "Plain.\n"),
        ("+++\nx = 1\n+++\nBody.\n", "   \n     \n   \nBody.\n"),
        ("Text\n---\nNot front matter.\n", "Text\n---\nNot front matter.\n"),
        ("---\nunclosed front matter\n", "---\nunclosed front matter\n"),
        ("``` a`b\nnot a fence\n", "``` a`b\nnot a fence\n"),
        ("    ```\nindented code is prose here\n", "    ```\nindented code is prose here\n"),
    ],
)
def test_markdown_masking_edges(text: str, expected: str) -> None:
    assert mask(text) == expected


def test_markdown_diagnostics_keep_their_line_numbers(tmp_path: Path) -> None:
    from linter.api import lint_paths, load_registry
    from linter.config import load_settings

    path = tmp_path / "page.md"
    path.write_text(MARKDOWN)
    registry = load_registry()
    settings = load_settings(registry, isolated=True, overrides={"select": ["WS002"]})
    found = [
        (d.line, d.column)
        for r in lint_paths([str(path)], settings, registry)
        for d in r.diagnostics
    ]
    assert found == [(6, 6), (11, 8)]


# -- JSONL -----------------------------------------------------------------------------------------

JSONL_CASES = [
    # (line, expected summary of that record)
    ('{"id": "a1", "text": "Hello."}', [("doc", 1, "a1", "Hello.")]),
    ('{"text": "No id."}', [("doc", 1, "1", "No id.")]),
    ('{"id": 7, "text": "Numeric id."}', [("doc", 1, "7", "Numeric id.")]),
    ('{"id": null, "text": "Null id."}', [("doc", 1, "1", "Null id.")]),
    ('{"id": "c", "text": "Windows\\r\\nbreaks."}', [("doc", 1, "c", "Windows\nbreaks.")]),
    ('{"id": "b", "text": ', [("IN001", 1, 1, 21, "malformed JSON: Expecting value (column 21)")]),
    ("[1, 2]", [("IN001", 1, 1, 1, "record is a JSON array, not an object")]),
    ('"just a string"', [("IN001", 1, 1, 1, "record is a JSON string, not an object")]),
    ('{"id": "d", "body": "x"}', [("IN001", 1, 1, 1, "record has no 'text' field")]),
    ('{"id": "e", "text": 42}', [("IN001", 1, 1, 1, "field 'text' is a number, not a string")]),
    ('{"id": "f", "text": null}', [("IN001", 1, 1, 1, "field 'text' is null, not a string")]),
    ('{"id": "g", "text": ["a"]}', [("IN001", 1, 1, 1, "field 'text' is an array, not a string")]),
    ("[" * 100000, [("IN001", 1, 1, 1, "malformed JSON: nested too deeply")]),
]


@pytest.mark.parametrize(("line", "expected"), JSONL_CASES)
def test_jsonl_records(tmp_path: Path, line: str, expected: list) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(line + "\n")
    assert summary(items(path)) == expected


def test_jsonl_problems_carry_the_document_id(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text('{"id": "d", "body": "x"}\n')
    (problem,) = items(path)
    assert (problem.path, problem.record, problem.doc_id) == (str(path), 1, "d")


def test_jsonl_record_numbers_are_line_numbers_and_the_run_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "data.ndjson"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": "a", "text": "First."}\n'
        b"\n"
        b"{broken\n"
        b'{"id": "c", "text": "Caf\xe9."}\n'
        b'{"id": "d", "text": "Last."}'
    )
    assert summary(items(path)) == [
        ("doc", 1, "a", "First."),
        (
            "IN001",
            3,
            1,
            2,
            "malformed JSON: Expecting property name enclosed in double quotes (column 2)",
        ),
        ("IN001", 4, 1, 1, "invalid UTF-8 at byte 24 of the record; decoded with replacement"),
        ("doc", 4, "c", "Caf\ufffd."),
        ("doc", 5, "d", "Last."),
    ]


def test_jsonl_custom_fields_and_sources(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    rows = [
        {"url": "https://www.example.org/a", "body": "One.", "key": "k1"},
        {"url": "news desk", "body": "Two.", "key": "k2"},
        {"body": "Three."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    found = items(path, text="body", id="key", source="url")
    assert [(d.doc_id, d.text, d.source) for d in found] == [
        ("k1", "One.", "example.org"),
        ("k2", "Two.", "news desk"),
        ("3", "Three.", None),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://WWW.Example.com/x?y=1", "example.com"),
        ("http://news.example.co.uk", "news.example.co.uk"),
        ("  site  ", "site"),
        ("", None),
        (None, None),
        (12, "12"),
    ],
)
def test_source_label(value: object, expected: str | None) -> None:
    assert source_label(value) == expected


def write_gz(path: Path, data: bytes) -> None:
    with gzip.open(path, "wb") as handle:
        handle.write(data)


RECORDS = b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n'


def test_gzip_and_zstd_jsonl(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    write_gz(tmp_path / "a.jsonl.gz", RECORDS)
    (tmp_path / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(RECORDS))
    expected = [("doc", 1, "a", "One."), ("doc", 2, "b", "Two.")]
    assert summary(items(tmp_path / "a.jsonl.gz")) == expected
    assert summary(items(tmp_path / "b.jsonl.zst")) == expected


def test_compression_is_recognised_by_content_not_name(tmp_path: Path) -> None:
    write_gz(tmp_path / "misnamed.jsonl", RECORDS)
    assert len(items(tmp_path / "misnamed.jsonl")) == 2


def test_compressed_text_and_markdown(tmp_path: Path) -> None:
    write_gz(tmp_path / "notes.txt.gz", b"Zipped notes.\r\n")
    write_gz(tmp_path / "page.md.gz", b"```\ncode\n```\nProse.\n")
    (notes,) = items(tmp_path / "notes.txt.gz")
    assert (notes.text, notes.newline) == ("Zipped notes.\n", "\r\n")
    (page,) = items(tmp_path / "page.md.gz")
    assert page.text == "   \n    \n   \nProse.\n"


def test_truncated_gzip_reports_where_it_stopped(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    write_gz(path, RECORDS * 2000)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    found = items(path)
    *documents, problem = found
    assert all(isinstance(d, Document) for d in documents)
    assert isinstance(problem, InputProblem)
    assert problem.record == len(documents) + 1
    assert problem.message.startswith(f"cannot read after record {len(documents)}: ")
    assert problem.message.endswith("; the rest of the file is skipped")


def test_missing_zstandard_is_a_clear_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "b.jsonl.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00" * 8)
    monkeypatch.setitem(sys.modules, "zstandard", None)
    assert summary(items(path)) == [
        (
            "IN001",
            None,
            1,
            1,
            "reading .zst needs the zstandard package: pip install 'scrapelint[zstd]'",
        )
    ]


def test_binary_file_named_jsonl_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n\x00\x01")
    assert summary(items(path)) == [("IN001", None, 1, 1, "binary file skipped")]


def test_jsonl_is_streamed_one_record_at_a_time() -> None:
    def lines() -> Iterator[bytes]:
        yield b'{"text": "first"}\n'
        raise AssertionError("the second line was read before the first record was used")

    stream = record_documents(lines(), "big.jsonl")
    first = next(stream)
    assert isinstance(first, Document)
    assert first.text == "first"


# -- Parquet ---------------------------------------------------------------------------------------


def test_parquet_rows(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "id": ["r1", None, "r3"],
            "text": ["First row.", "Second\r\nrow.", None],
            "extra": [1, 2, 3],
        }
    )
    path = tmp_path / "rows.parquet"
    pq.write_table(table, path)
    assert summary(items(path)) == [
        ("doc", 1, "r1", "First row."),
        ("doc", 2, "2", "Second\nrow."),
        ("IN001", 3, 1, 1, "field 'text' is null, not a string"),
    ]


def test_parquet_schema_problems(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "a.parquet")
    pq.write_table(pa.table({"text": [1, 2]}), tmp_path / "b.parquet")
    (tmp_path / "c.parquet").write_bytes(b"not parquet at all")
    assert summary(items(tmp_path / "a.parquet")) == [
        ("IN001", None, 1, 1, "no column 'text' (columns: body)")
    ]
    assert summary(items(tmp_path / "b.parquet")) == [
        ("IN001", None, 1, 1, "column 'text' holds int64, not strings")
    ]
    ((kind, record, _, _, message),) = summary(items(tmp_path / "c.parquet"))
    assert (kind, record) == ("IN001", None)
    assert message.startswith("cannot read Parquet file: ")


def test_missing_pyarrow_is_a_clear_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rows.parquet"
    path.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert summary(items(path)) == [
        ("IN001", None, 1, 1, "reading Parquet needs pyarrow: pip install 'scrapelint[parquet]'")
    ]


# -- stdin -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        (None, b"Plain  text.\r\n", [("doc", None, None, "Plain  text.\n")]),
        ("page.md", b"```\ncode\n```\nProse.\n", [("doc", None, None, "   \n    \n   \nProse.\n")]),
        (
            "x.jsonl",
            b'{"text": "A."}\n{bad}\n',
            [
                ("doc", 1, "1", "A."),
                (
                    "IN001",
                    2,
                    1,
                    2,
                    "malformed JSON: Expecting property name enclosed in double quotes (column 2)",
                ),
            ],
        ),
        ("x.jsonl.gz", gzip.compress(b'{"text": "Zipped."}\n'), [("doc", 1, "1", "Zipped.")]),
        (None, b"\x00\x01", [("IN001", None, 1, 1, "binary file skipped")]),
        ("a.md.gz", gzip.compress(b"Zipped  prose.\n"), [("doc", None, None, "Zipped  prose.\n")]),
        (
            "a.txt",
            gzip.compress(b"cut short")[:-6],
            [
                (
                    "IN001",
                    None,
                    1,
                    1,
                    "cannot read standard input: Compressed file ended before the"
                    " end-of-stream marker was reached",
                )
            ],
        ),
        ("x.jsonl", b"\x00\x01\n", [("IN001", None, 1, 1, "binary file skipped")]),
    ],
)
def test_stdin(filename: str | None, data: bytes, expected: list) -> None:
    found = list(read_stdin(io.BytesIO(data), filename))
    assert summary(found) == expected
    assert {item.path for item in found} == {filename or "-"}


def test_stdin_parquet(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    sink = io.BytesIO()
    pq.write_table(pa.table({"text": ["From a pipe."]}), sink)
    found = list(read_stdin(io.BytesIO(sink.getvalue()), "rows.parquet"))
    assert summary(found) == [("doc", 1, "1", "From a pipe.")]


# -- kinds and discovery ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("A.MD", "markdown"),
        ("a.markdown", "markdown"),
        ("a.jsonl", "jsonl"),
        ("a.NDJSON.gz", "jsonl"),
        ("a.jsonl.zst", "jsonl"),
        ("a.parquet", "parquet"),
        ("a.pq", "parquet"),
        ("README", "text"),
        ("notes.html", "text"),
    ],
)
def test_kind_of(name: str, kind: str) -> None:
    assert kind_of(name) == kind


def make_tree(root: Path) -> None:
    files = [
        "a.txt",
        "b.md",
        "notes.markdown",
        "c.jsonl",
        "d.ndjson.gz",
        "e.jsonl.zst",
        "f.parquet",
        "g.json",
        "script.py",
        "sub/h.txt",
        "sub/deeper/i.txt",
        ".hidden.txt",
        ".git/j.txt",
        ".venv/k.txt",
        "node_modules/pkg/l.txt",
        "venv/lib/m.txt",
        "drafts/n.txt",
    ]
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")


def rel(found: list, root: Path) -> list[str]:
    out = []
    for item in found:
        if isinstance(item, InputProblem):
            out.append(f"problem:{item.path}:{item.message}")
        else:
            out.append(os.path.relpath(item, root).replace(os.sep, "/"))
    return out


def test_discovery_defaults(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert rel(list(discover([str(tmp_path)], root=str(tmp_path))), tmp_path) == [
        "a.txt",
        "b.md",
        "c.jsonl",
        "d.ndjson.gz",
        "drafts/n.txt",
        "e.jsonl.zst",
        "f.parquet",
        "notes.markdown",
        "sub/deeper/i.txt",
        "sub/h.txt",
    ]


def test_discovery_include_exclude_and_explicit_files(tmp_path: Path) -> None:
    make_tree(tmp_path)
    root = str(tmp_path)
    found = discover(
        [root, str(tmp_path / "script.py"), str(tmp_path / "a.txt"), str(tmp_path / "gone.txt")],
        include=["*.txt", "*.json"],
        exclude=[".*", "drafts", "sub/deeper"],
        root=root,
    )
    assert rel(list(found), tmp_path) == [
        "a.txt",
        "g.json",
        "node_modules/pkg/l.txt",
        "sub/h.txt",
        "venv/lib/m.txt",
        "script.py",
        f"problem:{tmp_path / 'gone.txt'}:no such file or directory",
    ]


def test_a_broken_link_inside_a_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x\n")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert rel(list(discover([str(tmp_path)], root=str(tmp_path))), tmp_path) == [
        "a.txt",
        f"problem:{tmp_path / 'gone.txt'}:broken symbolic link",
    ]


def test_an_explicit_hidden_folder_is_walked(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = discover([str(tmp_path / ".git")], root=str(tmp_path))
    assert rel(list(found), tmp_path) == [".git/j.txt"]


def test_iter_documents_streams_files_and_problems_in_order(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A.\n")
    (tmp_path / "b.jsonl").write_text('{"text": "B."}\n{"id": 1}\n')
    found = iter_documents([str(tmp_path), str(tmp_path / "missing")], root=str(tmp_path))
    assert [
        (os.path.basename(i.path), i.record, getattr(i, "text", getattr(i, "message", "")))
        for i in found
    ] == [
        ("a.txt", None, "A.\n"),
        ("b.jsonl", 1, "B."),
        ("b.jsonl", 2, "record has no 'text' field"),
        ("missing", None, "no such file or directory"),
    ]
