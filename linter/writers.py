"""Writing fixed documents back, losing nothing.

Every rewrite goes to a temporary file in the same folder, is flushed to disk, and only then
renamed over the original (`os.replace` is atomic on one filesystem), so an interrupted run leaves
either the old file or the new one, never half of either, and no temporary file behind.

- Plain files keep their encoding, BOM and line endings. Lines the fixes did not touch keep their
  own ending even in a file that mixes CRLF and LF; new or changed lines get the document's
  dominant ending (`Document.newline`).
- JSONL (.jsonl/.ndjson, optionally .gz/.zst) is copied line by line as bytes. Only the text field
  of a record with fixes is replaced, spliced into the original line, so every other field, the
  key order, the spacing and the record order stay byte for byte. Malformed and unchanged records
  are copied untouched.
- Parquet is rewritten row group by row group with the original schema (and its metadata).

Before changing anything the writer checks that the text on disk is still the text that was
linted; if the file changed in between, or cannot be rewritten without loss (undecodable bytes),
it refuses rather than guess.
"""

from __future__ import annotations

import contextlib
import difflib
import gzip
import io
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from linter.document import Document

JSONL_SUFFIXES = (".jsonl", ".ndjson")
COMPRESSED_SUFFIXES = (".gz", ".zst")
PARQUET_SUFFIXES = (".parquet", ".pq")

# Byte-order marks we recognise, longest first (the UTF-32 LE mark starts with UTF-16 LE's).
BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


class WriteError(Exception):
    """A file could not be rewritten; it was left exactly as it was. The message names it."""


@dataclass(slots=True)
class WriteOutcome:
    """What happened to one file: whether it was replaced, how many documents changed in it,
    and the records left untouched on purpose, with the reason (record number, message)."""

    path: str
    written: bool = False
    changed: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


# -- atomic replacement -----------------------------------------------------------------------


@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[IO[bytes]]:
    """A binary file object whose content replaces `path` only if the block completes.

    The temporary file lives in the target's folder so the rename never crosses filesystems;
    it takes the original's permission bits. A symlink is followed: its target is rewritten.
    """
    target = os.path.realpath(path)
    directory, name = os.path.split(target)
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".scrapelint-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def atomic_write_bytes(path: str, data: bytes) -> None:
    with atomic_output(path) as handle:
        handle.write(data)


# -- line endings -----------------------------------------------------------------------------


def normalize_newlines(text: str) -> str:
    """What sources hand to rules: "\\n" line breaks only."""
    return text.replace("\r\n", "\n")


def dominant_newline(raw: str) -> str:
    crlf = raw.count("\r\n")
    return "\r\n" if crlf and crlf >= raw.count("\n") - crlf else "\n"


def restore_newlines(raw: str, fixed: str, newline: str | None = None) -> str:
    """`fixed` (with "\\n" breaks) written back in the line-ending style of `raw`, the original.

    Each line of `fixed` that is an unchanged line of the original keeps that line's own ending;
    other lines get `newline` (by default the original's dominant ending).
    """
    crlf = raw.count("\r\n")
    if crlf == 0 or crlf == raw.count("\n"):
        # One style throughout (the usual case): no need to match lines.
        newline = newline or ("\r\n" if crlf else "\n")
        return fixed if newline == "\n" else fixed.replace("\n", newline)
    newline = newline or dominant_newline(raw)
    # normalize_newlines only rewrites "\r\n", so the original's lines and endings pair up.
    old_lines = normalize_newlines(raw).split("\n")
    endings = ["\r\n" if line.endswith("\r") else "\n" for line in raw.split("\n")[:-1]]
    new_lines = fixed.split("\n")
    new_endings = [newline] * (len(new_lines) - 1)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            continue
        for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
            if i < len(endings) and j < len(new_endings):
                new_endings[j] = endings[i]
    pieces = []
    for line, ending in zip(new_lines, [*new_endings, ""], strict=True):
        pieces.append(line)
        pieces.append(ending)
    return "".join(pieces)


# -- plain files ------------------------------------------------------------------------------


def detect_encoding(raw: bytes, default: str = "utf-8") -> tuple[str, bytes]:
    """The encoding implied by a byte-order mark (or `default`), and the mark itself."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return encoding, bom
    return default, b""


def encode_text(raw: bytes, original: str, fixed: str, encoding: str = "utf-8") -> bytes:
    """The bytes of a plain file `raw`, linted as `original`, rewritten to read `fixed`.

    `original` and `fixed` use "\n" line breaks; the result has `raw`'s encoding, BOM and line
    endings. Raises WriteError (with no file name) when that cannot be done without loss.
    """
    encoding, bom = detect_encoding(raw, encoding)
    try:
        decoded = raw[len(bom) :].decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise WriteError(
            f"not rewritten: it is not valid {_label(encoding)}, and writing it back would"
            " replace the undecodable bytes"
        ) from exc
    # A source may hand rules the BOM as U+FEFF at offset 0 or drop it; accept either.
    if original.startswith("\ufeff") and bom:
        bom = b""
        decoded = "\ufeff" + decoded
    if normalize_newlines(decoded) == original:
        restored = restore_newlines(decoded, fixed)
    elif "\n" not in decoded and decoded.replace("\r", "\n") == original:
        # Classic Mac line ends (CR only), should a source read them as line breaks.
        restored = fixed.replace("\n", "\r")
    else:
        raise WriteError("not rewritten: the file changed after it was checked")
    return bom + restored.encode(encoding, "surrogatepass")


def _label(encoding: str) -> str:
    return encoding.upper().removesuffix("-LE").removesuffix("-BE")


def write_text_file(path: str, original: str, fixed: str, encoding: str = "utf-8") -> bool:
    """Rewrite the plain file `path`, linted as `original`, so that it reads `fixed`.

    Returns False (and writes nothing) when `fixed` equals `original`. Raises WriteError, naming
    the file, when the file cannot be rewritten without loss; the file is then left as it was.
    """
    if fixed == original:
        return False
    try:
        with open(path, "rb") as handle:
            stored = handle.read()
        # Sources read gzip and zstd by content whatever the name, so a notes.txt.gz is text too.
        compression = compression_of(stored[:4])
        with _decompressed(io.BytesIO(stored), compression) as stream:
            raw = stream.read()
    except OSError as exc:
        raise WriteError(f"{path}: cannot read it back to rewrite: {exc.strerror or exc}") from exc
    except EOFError as exc:
        raise WriteError(f"{path}: not rewritten: the compressed stream is damaged") from exc
    try:
        data = encode_text(raw, original, fixed, encoding)
    except WriteError as exc:
        raise WriteError(f"{path}: {exc}") from exc
    with atomic_output(path) as target, _compressed(target, compression, _inner(path)) as out:
        out.write(data)
    return True


def _inner(path: str) -> str:
    """The name a gzip header records for the file inside."""
    return os.path.basename(path).removesuffix(".gz")


# -- records ----------------------------------------------------------------------------------


def is_jsonl(path: str) -> bool:
    name = path.lower()
    for suffix in COMPRESSED_SUFFIXES:
        name = name.removesuffix(suffix)
    return name.endswith(JSONL_SUFFIXES)


def is_parquet(path: str) -> bool:
    return path.lower().endswith(PARQUET_SUFFIXES)


GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def compression_of(head: bytes) -> str | None:
    """ "gzip", "zstd" or None, from a file's first bytes: sources decide by content, not by
    name, so the writer must too."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


@contextlib.contextmanager
def _decompressed(raw: IO[bytes], compression: str | None) -> Iterator[IO[bytes]]:
    if compression == "gzip":
        with gzip.GzipFile(fileobj=raw, mode="rb") as handle:
            yield handle  # type: ignore[misc]
    elif compression == "zstd":
        import zstandard

        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        with io.BufferedReader(reader) as handle:  # type: ignore[arg-type]
            yield handle
    else:
        yield raw


@contextlib.contextmanager
def _compressed(raw: IO[bytes], compression: str | None, name: str) -> Iterator[IO[bytes]]:
    if compression == "gzip":
        with gzip.GzipFile(filename=name, mode="wb", fileobj=raw) as handle:
            yield handle  # type: ignore[misc]
    elif compression == "zstd":
        import zstandard

        with zstandard.ZstdCompressor().stream_writer(raw, closefd=False) as handle:
            yield handle  # type: ignore[misc]
    else:
        yield raw


def _skip_ws(line: str, i: int) -> int:
    while i < len(line) and line[i] in " \t\r\n":
        i += 1
    return i


def find_json_field(line: str, key: str) -> tuple[int, int] | None:
    """The span of `key`'s value in a one-line JSON object; None if the object has no such key.

    Raises ValueError unless `line` is exactly one JSON object. With duplicate keys the last one
    wins, as it does for json.loads (and so for the source that read the record).
    """
    decoder = json.JSONDecoder()
    found = None
    i = _skip_ws(line, 0)
    if not line.startswith("{", i):
        raise ValueError("not a JSON object")
    i = _skip_ws(line, i + 1)
    if line.startswith("}", i):
        i += 1
    else:
        while True:
            if not line.startswith('"', i):
                raise ValueError(f"expected a key at column {i + 1}")
            name, i = json.decoder.scanstring(line, i + 1)  # type: ignore[attr-defined]
            i = _skip_ws(line, i)
            if not line.startswith(":", i):
                raise ValueError(f"expected ':' at column {i + 1}")
            start = _skip_ws(line, i + 1)
            _, end = decoder.raw_decode(line, start)
            if name == key:
                found = (start, end)
            i = _skip_ws(line, end)
            if line.startswith(",", i):
                i = _skip_ws(line, i + 1)
            elif line.startswith("}", i):
                i += 1
                break
            else:
                raise ValueError(f"expected ',' or '}}' at column {i + 1}")
    if _skip_ws(line, i) != len(line):
        raise ValueError(f"extra data at column {i + 1}")
    return found


def _encode_json_string(value: str, ascii_only: bool) -> str:
    if not ascii_only:
        encoded = json.dumps(value, ensure_ascii=False)
        try:
            encoded.encode("utf-8")
            return encoded
        except UnicodeEncodeError:  # a lone surrogate can only be written escaped
            pass
    return json.dumps(value, ensure_ascii=True)


def replace_record_text(line: bytes, key: str, original: str, fixed: str) -> bytes:
    """`line` (one JSONL record, with its line terminator) with `key`'s string value replaced.

    Raises ValueError, with the reason, when the record is not the one that was linted.
    """
    body = line.rstrip(b"\r\n")
    terminator = line[len(body) :]
    # Sources drop a UTF-8 BOM in front of the first record; keep it in front.
    bom = b"\xef\xbb\xbf" if body.startswith(b"\xef\xbb\xbf") else b""
    body = body[len(bom) :]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError("the record is not valid UTF-8") from exc
    try:
        span = find_json_field(text, key)
    except ValueError as exc:
        raise ValueError("the record is not valid JSON") from exc
    if span is None:
        raise ValueError(f"the record has no '{key}' field")
    start, end = span
    value = json.loads(text[start:end])
    if not isinstance(value, str):
        raise ValueError(f"the '{key}' field is not a string")
    if normalize_newlines(value) != original:
        raise ValueError("the record changed after it was checked")
    # Records written with ASCII-only escapes stay ASCII-only.
    replacement = _encode_json_string(restore_newlines(value, fixed), text.isascii())
    spliced = text[:start] + replacement + text[end:]
    return bom + spliced.encode("utf-8", "surrogatepass") + terminator


def copy_jsonl(
    source: IO[bytes],
    target: IO[bytes],
    changes: Mapping[int, tuple[str, str]],
    text_field: str = "text",
    name: str = "",
) -> WriteOutcome:
    """Copy a JSONL stream (raw bytes, compressed or not) to `target`, compressed the same way,
    replacing the text of the records in `changes`.

    `changes` maps a record number (the 1-based line number, as sources count records) to the
    (original, fixed) text. Records that no longer match are copied as they were and reported in
    `skipped`; so are records listed in `changes` that the stream does not have.
    """
    outcome = WriteOutcome(name)
    buffered = source if isinstance(source, io.BufferedReader) else io.BufferedReader(source)  # type: ignore[arg-type]
    compression = compression_of(buffered.peek(4)[:4])
    number = 0
    with (
        _decompressed(buffered, compression) as lines,
        _compressed(target, compression, _inner(name)) as out,
    ):
        for number, line in enumerate(lines, 1):
            change = changes.get(number)
            if change is not None and change[0] != change[1]:
                try:
                    line = replace_record_text(line, text_field, *change)
                    outcome.changed += 1
                except ValueError as exc:
                    outcome.skipped.append((number, f"not rewritten: {exc}"))
            out.write(line)
    outcome.skipped.extend((n, "not rewritten: the record is gone") for n in changes if n > number)
    outcome.skipped.sort()
    return outcome


def _stream_failure(exc: BaseException) -> bool:
    zstandard = sys.modules.get("zstandard")
    return isinstance(exc, OSError | EOFError) or (
        zstandard is not None and isinstance(exc, zstandard.ZstdError)
    )


def rewrite_jsonl(
    path: str, changes: Mapping[int, tuple[str, str]], text_field: str = "text"
) -> WriteOutcome:
    """Rewrite a JSONL file in place (atomically), replacing the text of the records in
    `changes`. A file with nothing to change is not touched."""
    changes = {n: pair for n, pair in changes.items() if pair[0] != pair[1]}
    if not changes:
        return WriteOutcome(path)
    try:
        with open(path, "rb") as source, atomic_output(path) as target:
            outcome = copy_jsonl(source, target, changes, text_field, path)
    except Exception as exc:
        if not _stream_failure(exc):
            raise
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise WriteError(f"{path}: not rewritten: {reason}") from exc
    outcome.written = True
    return outcome


def copy_parquet(
    source: str | IO[bytes],
    target: IO[bytes],
    changes: Mapping[int, tuple[str, str]],
    text_field: str = "text",
    name: str = "",
) -> WriteOutcome:
    """Copy a Parquet file to `target` with the text of the rows in `changes` (1-based row
    numbers) replaced, one row group at a time, with the original schema, metadata and
    compression."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    outcome = WriteOutcome(name)
    try:
        parquet = pq.ParquetFile(source)
    except (OSError, pa.ArrowException) as exc:
        raise WriteError(f"not rewritten: {exc}") from exc
    schema = parquet.schema_arrow
    index = schema.get_field_index(text_field)
    if index < 0:
        raise WriteError(f"not rewritten: no column '{text_field}'")
    text_type = schema.field(index)
    row = 0
    with parquet:
        writer = pq.ParquetWriter(target, schema, compression=_parquet_compression(parquet))
        try:
            for group in range(parquet.num_row_groups):
                table = parquet.read_row_group(group)
                size = table.num_rows
                wanted = [n for n in range(row + 1, row + size + 1) if n in changes]
                if wanted:
                    values = table.column(index).to_pylist()
                    for number in wanted:
                        original, fixed = changes[number]
                        value = values[number - row - 1]
                        if not isinstance(value, str) or normalize_newlines(value) != original:
                            reason = "not rewritten: the row changed after it was checked"
                            outcome.skipped.append((number, reason))
                            continue
                        values[number - row - 1] = restore_newlines(value, fixed)
                        outcome.changed += 1
                    column = pa.array(values, type=text_type.type)
                    table = table.set_column(index, text_type, column)
                writer.write_table(table, row_group_size=max(size, 1))
                row += size
        finally:
            writer.close()
    outcome.skipped.extend((n, "not rewritten: the row is gone") for n in changes if n > row)
    outcome.skipped.sort()
    return outcome


def rewrite_parquet(
    path: str, changes: Mapping[int, tuple[str, str]], text_field: str = "text"
) -> WriteOutcome:
    """Rewrite a Parquet file in place (atomically) with the text of the rows in `changes`
    replaced. A file with nothing to change is not touched."""
    changes = {n: pair for n, pair in changes.items() if pair[0] != pair[1]}
    if not changes:
        return WriteOutcome(path)
    try:
        with atomic_output(path) as target:
            outcome = copy_parquet(path, target, changes, text_field, path)
    except WriteError as exc:
        raise WriteError(f"{path}: {exc}") from exc
    outcome.written = True
    return outcome


def _parquet_compression(parquet: Any) -> dict[str, str] | str:
    metadata = parquet.metadata
    if metadata.num_row_groups == 0:
        return "snappy"
    group = metadata.row_group(0)
    codecs = {}
    for i in range(group.num_columns):
        column = group.column(i)
        codec = column.compression.lower()
        codecs[column.path_in_schema] = "none" if codec == "uncompressed" else codec
    return codecs


# -- entry points for the CLI ----------------------------------------------------------------


def _changes(fixed: list[tuple[Document, str]]) -> dict[int, tuple[str, str]]:
    return {doc.record or 0: (doc.text, text) for doc, text in fixed if text != doc.text}


def _plain_original(doc: Document) -> str:
    # Markdown sources blank out code and front matter for the rules and keep the file's text.
    return doc.meta.get("original_text", doc.text)


def write_fixes(
    path: str, fixed: list[tuple[Document, str]], text_field: str = "text"
) -> WriteOutcome:
    """Write the fixed text of the documents read from `path`, in whatever form `path` has.

    For plain files the fixed text is the whole file's (for Markdown: with code and front matter
    in place). Documents whose text did not change are not written; a file with no changed
    document is not touched at all.
    """
    if is_jsonl(path):
        return rewrite_jsonl(path, _changes(fixed), text_field)
    if is_parquet(path):
        return rewrite_parquet(path, _changes(fixed), text_field)
    changed = [(doc, text) for doc, text in fixed if text != _plain_original(doc)]
    if not changed:
        return WriteOutcome(path)
    (doc, text), *rest = changed
    if rest:
        raise WriteError(f"{path}: not rewritten: several documents claim this plain file")
    encoding = doc.meta.get("encoding", "utf-8")
    written = write_text_file(path, _plain_original(doc), text, encoding)
    return WriteOutcome(path, written=written, changed=int(written))


def fixed_bytes(
    data: bytes, kind: str, fixed: list[tuple[Document, str]], text_field: str = "text"
) -> tuple[bytes, WriteOutcome]:
    """`data` (what standard input held) with the fixes in, for `-` with --fix.

    `kind` is the source kind ("jsonl", "parquet", "markdown" or "text"). Raises WriteError when
    the input cannot be reproduced without loss.
    """
    out = io.BytesIO()
    if kind == "jsonl":
        outcome = copy_jsonl(io.BytesIO(data), out, _changes(fixed), text_field, "-")
        return out.getvalue(), outcome
    if kind == "parquet":
        outcome = copy_parquet(io.BytesIO(data), out, _changes(fixed), text_field, "-")
        return out.getvalue(), outcome
    changed = [(doc, text) for doc, text in fixed if text != _plain_original(doc)]
    if not changed:
        return data, WriteOutcome("-")
    doc, text = changed[0]
    compression = compression_of(data[:4])
    with _decompressed(io.BytesIO(data), compression) as stream:
        raw = stream.read()
    encoded = encode_text(raw, _plain_original(doc), text, doc.meta.get("encoding", "utf-8"))
    with _compressed(out, compression, "") as target:
        target.write(encoded)
    return out.getvalue(), WriteOutcome("-", written=True, changed=1)
