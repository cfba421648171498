"""Writers: exact bytes written back, and nothing lost when a rewrite fails halfway."""

from __future__ import annotations

import gzip
import os
import stat

import pytest

from linter import writers
from linter.document import Document
from linter.writers import (
    WriteError,
    find_json_field,
    replace_record_text,
    restore_newlines,
    rewrite_jsonl,
    write_fixes,
    write_text_file,
)


def leftovers(folder) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".scrapelint-tmp"))


# -- line endings -------------------------------------------------------------------------------

NEWLINE_CASES = [
    ("LF stays LF", "a  b\nc\n", "a b\nc\n", "a b\nc\n"),
    ("CRLF stays CRLF", "a  b\r\nc\r\n", "a b\nc\n", "a b\r\nc\r\n"),
    ("CRLF, no final newline", "a\r\nb  c", "a\nb c", "a\r\nb c"),
    ("CRLF, a line deleted", "a\r\nx\r\nb\r\n", "a\nb\n", "a\r\nb\r\n"),
    (
        "mixed: untouched lines keep their own ending",
        "one\r\ntwo  x\ntree\r\nfour\n",
        "one\ntwo x\ntree\nfour\n",
        "one\r\ntwo x\r\ntree\r\nfour\n",
    ),
    (
        "mixed: a joined line takes the dominant ending",
        "a\r\nb\r\nc\nd\r\n",
        "a b\nc\nd\n",
        "a b\r\nc\nd\r\n",
    ),
    ("a lone CR is text, not a line ending", "a\rb\r\n", "a\rb c\n", "a\rb c\r\n"),
]


@pytest.mark.parametrize(
    ("raw", "fixed", "expected"),
    [case[1:] for case in NEWLINE_CASES],
    ids=[case[0] for case in NEWLINE_CASES],
)
def test_restore_newlines(raw, fixed, expected):
    assert restore_newlines(raw, fixed) == expected


# -- plain files --------------------------------------------------------------------------------

PLAIN_CASES = [
    ("utf-8", b"Talks  ended.\nOn Tuesday.\n", b"Talks ended.\nOn Tuesday.\n"),
    ("CRLF", b"Talks  ended.\r\nOn Tuesday.\r\n", b"Talks ended.\r\nOn Tuesday.\r\n"),
    ("BOM", b"\xef\xbb\xbfTalks  ended.\r\n", b"\xef\xbb\xbfTalks ended.\r\n"),
    (
        "UTF-16 LE with BOM",
        "\ufeffCaf\u00e9  noir\r\n".encode("utf-16-le"),
        "\ufeffCaf\u00e9 noir\r\n".encode("utf-16-le"),
    ),
    ("no final newline", b"caf\xc3\xa9  noir", b"caf\xc3\xa9 noir"),
]


@pytest.mark.parametrize(
    ("before", "after"), [c[1:] for c in PLAIN_CASES], ids=[c[0] for c in PLAIN_CASES]
)
@pytest.mark.parametrize("bom_in_text", [False, True], ids=["bom-stripped", "bom-in-text"])
def test_plain_file_exact_bytes(tmp_path, before, after, bom_in_text):
    path = tmp_path / "doc.txt"
    path.write_bytes(before)
    encoding, bom = writers.detect_encoding(before)
    original = before[len(bom) :].decode(encoding).replace("\r\n", "\n")
    fixed = original.replace("  ", " ")
    if bom_in_text and bom:
        original, fixed = "\ufeff" + original, "\ufeff" + fixed
    assert write_text_file(str(path), original, fixed) is True
    assert path.read_bytes() == after
    assert leftovers(tmp_path) == []


def test_plain_file_unchanged_is_not_touched(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"fine\r\n")
    inode = path.stat().st_ino
    assert write_text_file(str(path), "fine\n", "fine\n") is False
    assert path.stat().st_ino == inode


def test_plain_file_keeps_permissions_and_follows_symlinks(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"a  b\n")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_text_file(str(link), "a  b\n", "a b\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"a b\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("content", "original", "message"),
    [
        (b"bad \xff byte  here\n", "bad \ufffd byte  here\n", "not valid UTF-8"),
        (b"someone edited this\n", "a  b\n", "changed after it was checked"),
    ],
    ids=["undecodable", "changed-on-disk"],
)
def test_plain_file_refuses_lossy_rewrites(tmp_path, content, original, message):
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    with pytest.raises(WriteError, match=message):
        write_text_file(str(path), original, original.replace("  ", " "))
    assert path.read_bytes() == content
    assert leftovers(tmp_path) == []


def test_plain_file_interrupted_rename_leaves_original(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"a  b\n")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writers.os, "replace", fail)
    with pytest.raises(OSError):
        write_text_file(str(path), "a  b\n", "a b\n")
    assert path.read_bytes() == b"a  b\n"
    assert leftovers(tmp_path) == []


def test_plain_file_interrupted_write_leaves_original(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"a  b\n")

    def fail(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(writers.os, "fsync", fail)
    with pytest.raises(KeyboardInterrupt):
        write_text_file(str(path), "a  b\n", "a b\n")
    assert path.read_bytes() == b"a  b\n"
    assert leftovers(tmp_path) == []


# -- JSONL --------------------------------------------------------------------------------------

FIELD_CASES = [
    ('{"id": 1, "text": "x"}', (18, 21)),
    ('{"text":"x","id":1}', (8, 11)),
    ('  { "meta": {"text": "inner"}, "text" : "outer" }  ', (40, 47)),
    ('{"text": "first", "text": "last"}', (26, 32)),
    ('{"id": 1}', None),
    ("{}", None),
    ('{"a": [1, {"text": 2}], "b": "\\"text\\": 3"}', None),
]


@pytest.mark.parametrize(("line", "span"), FIELD_CASES)
def test_find_json_field(line, span):
    assert find_json_field(line, "text") == span


@pytest.mark.parametrize(
    "line", ["[1, 2]", '"text"', '{"text": "a"', '{"text": "a"} {}', '{"text" "a"}', "{'a': 1}"]
)
def test_find_json_field_rejects_anything_but_one_object(line):
    with pytest.raises(ValueError):
        find_json_field(line, "text")


REWRITE_CASES = [
    (
        "other fields, spacing and key order untouched",
        b'{"url":"http://x/a","text":"a  b","n":1.0e5,"tags":["\\u00e9"]}\n',
        b'{"url":"http://x/a","text":"a b","n":1.0e5,"tags":["\\u00e9"]}\n',
    ),
    ("CRLF terminator kept", b'{"text": "a  b"}\r\n', b'{"text": "a b"}\r\n'),
    ("no final newline", b'{"text": "a  b"}', b'{"text": "a b"}'),
    (
        "ASCII-only records stay ASCII-only",
        b'{"text": "caf\\u00e9  noir"}\n',
        b'{"text": "caf\\u00e9 noir"}\n',
    ),
    (
        "UTF-8 records stay UTF-8",
        '{"text": "café  noir", "x": "ü"}\n'.encode(),
        '{"text": "café noir", "x": "ü"}\n'.encode(),
    ),
    (
        "CRLF inside the text kept",
        b'{"text": "a  b\\r\\nc\\r\\n"}\n',
        b'{"text": "a b\\r\\nc\\r\\n"}\n',
    ),
    (
        "a BOM before the first record is kept",
        b'\xef\xbb\xbf{"text": "a  b"}\n',
        b'\xef\xbb\xbf{"text": "a b"}\n',
    ),
    (
        "the last of duplicate keys, as json.loads reads it",
        b'{"text": "keep  me", "text": "a  b"}\n',
        b'{"text": "keep  me", "text": "a b"}\n',
    ),
]


@pytest.mark.parametrize(
    ("line", "expected"), [c[1:] for c in REWRITE_CASES], ids=[c[0] for c in REWRITE_CASES]
)
def test_replace_record_text(line, expected):
    import json

    original = json.loads(line.removeprefix(b"\xef\xbb\xbf"))["text"].replace("\r\n", "\n")
    assert replace_record_text(line, "text", original, original.replace("  ", " ")) == expected


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"text": "changed meanwhile"}\n', "changed after it was checked"),
        (b'{"text": 5}\n', "not a string"),
        (b'{"body": "a  b"}\n', "no 'text' field"),
        (b'{"text": "a  b"\n', "not valid JSON"),
        (b'{"text": "a  b \xff"}\n', "not valid UTF-8"),
    ],
)
def test_replace_record_text_refuses(line, reason):
    with pytest.raises(ValueError, match=reason):
        replace_record_text(line, "text", "a  b", "a b")


CORPUS = (
    b'{"id": "a", "text": "First  record.", "lang": "en"}\n'
    b"this line is not JSON \xff\n"
    b"\n"
    b'{"text":"Clean record.","id":"c"}\n'
    b'{"id": "d", "meta": {"k": [1, 2]}, "text": "Second\\u00a0record."}\r\n'
    b'{"id": "e", "text": "Unchanged   but skipped."}'
)
CORPUS_FIXED = (
    b'{"id": "a", "text": "First record.", "lang": "en"}\n'
    b"this line is not JSON \xff\n"
    b"\n"
    b'{"text":"Clean record.","id":"c"}\n'
    b'{"id": "d", "meta": {"k": [1, 2]}, "text": "Second record."}\r\n'
    b'{"id": "e", "text": "Unchanged   but skipped."}'
)
CORPUS_CHANGES = {
    1: ("First  record.", "First record."),
    5: ("Second\u00a0record.", "Second record."),
    4: ("Clean record.", "Clean record."),
}


def _compress(name: str, data: bytes) -> bytes:
    if name.endswith(".gz"):
        return gzip.compress(data)
    if name.endswith(".zst"):
        import zstandard

        return zstandard.ZstdCompressor().compress(data)
    return data


def _decompress(name: str, data: bytes) -> bytes:
    if name.endswith(".gz"):
        return gzip.decompress(data)
    if name.endswith(".zst"):
        import zstandard

        return zstandard.ZstdDecompressor().decompressobj().decompress(data)
    return data


@pytest.mark.parametrize("name", ["c.jsonl", "c.ndjson", "c.jsonl.gz", "c.jsonl.zst"])
def test_rewrite_jsonl_exact_bytes(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(_compress(name, CORPUS))
    outcome = rewrite_jsonl(str(path), CORPUS_CHANGES)
    assert (outcome.written, outcome.changed, outcome.skipped) == (True, 2, [])
    assert _decompress(name, path.read_bytes()) == CORPUS_FIXED
    assert leftovers(tmp_path) == []


def test_rewrite_jsonl_without_changes_does_not_touch_the_file(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(CORPUS)
    inode = path.stat().st_ino
    outcome = rewrite_jsonl(str(path), {4: ("Clean record.", "Clean record.")})
    assert (outcome.written, outcome.changed) == (False, 0)
    assert path.stat().st_ino == inode


def test_rewrite_jsonl_reports_records_it_could_not_change(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(CORPUS)
    changes = {
        1: ("First  record.", "First record."),
        2: ("whatever", "else"),
        6: ("Not what was read.", "x"),
        9: ("Past the end.", "x"),
    }
    outcome = rewrite_jsonl(str(path), changes)
    assert outcome.changed == 1
    assert outcome.skipped == [
        (2, "not rewritten: the record is not valid UTF-8"),
        (6, "not rewritten: the record changed after it was checked"),
        (9, "not rewritten: the record is gone"),
    ]
    assert path.read_bytes() == CORPUS.replace(b"First  record", b"First record")


@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz", "c.jsonl.zst"])
def test_rewrite_jsonl_interrupted_midway_leaves_original(tmp_path, monkeypatch, name):
    path = tmp_path / name
    stored = _compress(name, CORPUS)
    path.write_bytes(stored)
    calls = []
    real = writers.replace_record_text

    def crash_on_second(*args):
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the user pressed Ctrl-C halfway through the corpus
        return real(*args)

    monkeypatch.setattr(writers, "replace_record_text", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        rewrite_jsonl(str(path), CORPUS_CHANGES)
    assert path.read_bytes() == stored
    assert leftovers(tmp_path) == []


def test_rewrite_jsonl_damaged_gzip_is_an_error_and_leaves_original(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    stored = gzip.compress(CORPUS)[:-12]
    path.write_bytes(stored)
    with pytest.raises(WriteError, match=r"c\.jsonl\.gz: not rewritten"):
        rewrite_jsonl(str(path), CORPUS_CHANGES)
    assert path.read_bytes() == stored
    assert leftovers(tmp_path) == []


# -- Parquet ------------------------------------------------------------------------------------


def test_rewrite_parquet_keeps_schema_rows_and_compression(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    schema = pa.schema(
        [("id", pa.string()), ("text", pa.large_string()), ("score", pa.float32())],
        metadata={b"origin": b"crawl-7"},
    )
    table = pa.table(
        {
            "id": ["a", "b", "c", "d", "e"],
            "text": ["One  two.", None, "Three\r\nfour  five.", "Fine.", "Six\u200bseven."],
            "score": [0.5, 1.0, 1.5, 2.0, 2.5],
        },
        schema=schema,
    )
    path = tmp_path / "c.parquet"
    pq.write_table(table, path, row_group_size=2, compression="zstd")
    changes = {
        1: ("One  two.", "One two."),
        3: ("Three\nfour  five.", "Three\nfour five."),
        5: ("Six\u200bseven.", "Sixseven."),
        2: ("Was null.", "x"),
    }
    outcome = writers.rewrite_parquet(str(path), changes)
    assert (outcome.written, outcome.changed) == (True, 3)
    assert outcome.skipped == [(2, "not rewritten: the row changed after it was checked")]
    result = pq.ParquetFile(path)
    assert result.schema_arrow == schema
    assert result.schema_arrow.metadata == {b"origin": b"crawl-7"}
    assert result.num_row_groups == 3
    assert result.metadata.row_group(0).column(1).compression == "ZSTD"
    assert result.read().to_pydict() == {
        "id": ["a", "b", "c", "d", "e"],
        "text": ["One two.", None, "Three\r\nfour five.", "Fine.", "Sixseven."],
        "score": [0.5, 1.0, 1.5, 2.0, 2.5],
    }
    assert leftovers(tmp_path) == []


def test_rewrite_parquet_interrupted_leaves_original(tmp_path, monkeypatch):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"text": ["a  b", "c  d"]}), path, row_group_size=1)
    stored = path.read_bytes()

    def fail(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(writers, "restore_newlines", fail)
    with pytest.raises(KeyboardInterrupt):
        writers.rewrite_parquet(str(path), {2: ("c  d", "c d")})
    assert path.read_bytes() == stored
    assert leftovers(tmp_path) == []


# -- dispatch -----------------------------------------------------------------------------------


def test_write_fixes_plain_and_records(tmp_path):
    plain = tmp_path / "a.txt"
    plain.write_bytes(b"x  y\r\n")
    outcome = write_fixes(str(plain), [(Document(str(plain), "x  y\n", newline="\r\n"), "x y\n")])
    assert (outcome.written, outcome.changed, plain.read_bytes()) == (True, 1, b"x y\r\n")

    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(CORPUS)
    docs = [
        (Document(str(corpus), "First  record.", doc_id="a", record=1), "First record."),
        (Document(str(corpus), "Clean record.", doc_id="c", record=4), "Clean record."),
        (Document(str(corpus), "Second\u00a0record.", doc_id="d", record=5), "Second record."),
    ]
    outcome = write_fixes(str(corpus), docs)
    assert (outcome.written, outcome.changed) == (True, 2)
    assert corpus.read_bytes() == CORPUS_FIXED


def test_write_fixes_with_nothing_changed_writes_nothing(tmp_path):
    plain = tmp_path / "a.txt"
    plain.write_bytes(b"fine\n")
    outcome = write_fixes(str(plain), [(Document(str(plain), "fine\n"), "fine\n")])
    assert (outcome.written, outcome.changed) == (False, 0)


def test_compression_is_read_from_the_bytes_not_the_name(tmp_path):
    # Sources sniff gzip/zstd by magic number, so a gzip file named .jsonl is a corpus too.
    path = tmp_path / "c.jsonl"
    path.write_bytes(gzip.compress(CORPUS))
    outcome = rewrite_jsonl(str(path), CORPUS_CHANGES)
    assert outcome.changed == 2
    assert gzip.decompress(path.read_bytes()) == CORPUS_FIXED


def test_markdown_keeps_the_blanked_code(tmp_path):
    path = tmp_path / "a.md"
    original = "---\ntitle: x\n---\nSome  prose.\n```\ncode  kept\n```\n"
    path.write_bytes(original.replace("\n", "\r\n").encode())
    masked = "   \n        \n   \nSome  prose.\n   \n          \n   \n"
    doc = Document(str(path), masked, newline="\r\n", meta={"original_text": original})
    fixed = original.replace("Some  prose", "Some prose")
    outcome = write_fixes(str(path), [(doc, fixed)])
    assert outcome.written
    assert path.read_bytes() == fixed.replace("\n", "\r\n").encode()


@pytest.mark.parametrize(
    ("kind", "data", "docs", "expected"),
    [
        (
            "text",
            b"\xef\xbb\xbfa  b\r\n",
            [(Document("-", "a  b\n", meta={"bom": True}), "a b\n")],
            b"\xef\xbb\xbfa b\r\n",
        ),
        ("text", b"clean\n", [(Document("-", "clean\n"), "clean\n")], b"clean\n"),
        (
            "jsonl",
            CORPUS,
            [
                (Document("-", "First  record.", record=1), "First record."),
                (Document("-", "Second\u00a0record.", record=5), "Second record."),
            ],
            CORPUS_FIXED,
        ),
    ],
)
def test_fixed_bytes_for_stdin(kind, data, docs, expected):
    out, outcome = writers.fixed_bytes(data, kind, docs)
    assert out == expected
    assert outcome.skipped == []


@pytest.mark.parametrize("name", ["notes.txt.gz", "notes.txt.zst", "notes.txt"])
def test_compressed_plain_text_round_trip(tmp_path, name):
    # Sources read gzip/zstd by content for every kind, so the writer compresses back the same.
    path = tmp_path / name
    compressed = _compress(name, b"a  b\r\n") if not name.endswith(".txt") else None
    if name.endswith(".txt"):
        path.write_bytes(gzip.compress(b"a  b\r\n"))  # gzip content under a plain name
    else:
        path.write_bytes(compressed)
    assert write_text_file(str(path), "a  b\n", "a b\n") is True
    stored = path.read_bytes()
    assert _decompress(name if compressed else "x.gz", stored) == b"a b\r\n"
    assert leftovers(tmp_path) == []


def test_cr_only_file_read_as_lines_keeps_its_cr(tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes(b"One  line.\rTwo.\r")
    assert write_text_file(str(path), "One  line.\nTwo.\n", "One line.\nTwo.\n")
    assert path.read_bytes() == b"One line.\rTwo.\r"
