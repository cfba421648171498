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


def write_text_file(path: str, original: str, fixed: str, encoding: str = "utf-8") -> bool:
    """Rewrite the plain file `path`, linted as `original`, so that it reads `fixed`.

    `original` and `fixed` use "\\n" line breaks. Returns False (and writes nothing) when `fixed`
    equals `original`. Raises WriteError when the file cannot be rewritten without loss.
    """
    if fixed == original:
        return False
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise WriteError(f"{path}: cannot read it back to rewrite: {exc.strerror}") from exc
    encoding, bom = detect_encoding(raw, encoding)
    try:
        decoded = raw[len(bom) :].decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise WriteError(
            f"{path}: not rewritten: it is not valid {encoding}, and writing it back would"
            " replace the undecodable bytes"
        ) from exc
    # A source may hand rules the BOM as U+FEFF at offset 0 or drop it; accept either.
    if original.startswith("\ufeff") and bom:
        bom = b""
        decoded = "\ufeff" + decoded
    if normalize_newlines(decoded) != original:
        raise WriteError(f"{path}: not rewritten: the file changed after it was checked")
    data = bom + restore_newlines(decoded, fixed).encode(encoding, "surrogatepass")
    atomic_write_bytes(path, data)
    return True


# -- records ----------------------------------------------------------------------------------


def is_jsonl(path: str) -> bool:
    name = path.lower()
    for suffix in COMPRESSED_SUFFIXES:
        name = name.removesuffix(suffix)
    return name.endswith(JSONL_SUFFIXES)


def is_parquet(path: str) -> bool:
    return path.lower().endswith(PARQUET_SUFFIXES)


@contextlib.contextmanager
def _open_read(path: str) -> Iterator[IO[bytes]]:
    lower = path.lower()
    if lower.endswith(".gz"):
        with gzip.open(path, "rb") as handle:
            yield handle  # type: ignore[misc]
    elif lower.endswith(".zst"):
        import zstandard

        with open(path, "rb") as raw:
            reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
            with io.BufferedReader(reader) as handle:
                yield handle
    else:
        with open(path, "rb") as handle:
            yield handle


@contextlib.contextmanager
def _open_write(path: str) -> Iterator[IO[bytes]]:
    """The atomic replacement of `path`, compressed the way its name says."""
    lower = path.lower()
    with atomic_output(path) as raw:
        if lower.endswith(".gz"):
            name = os.path.basename(path)[:-3]
            with gzip.GzipFile(filename=name, mode="wb", fileobj=raw) as handle:
                yield handle  # type: ignore[misc]
        elif lower.endswith(".zst"):
            import zstandard

            writer = zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
            with writer as handle:
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
    return (text[:start] + replacement + text[end:]).encode("utf-8", "surrogatepass") + terminator


def rewrite_jsonl(
    path: str, changes: Mapping[int, tuple[str, str]], text_field: str = "text"
) -> WriteOutcome:
    """Rewrite a JSONL file, replacing the text of the records in `changes`.

    `changes` maps a record number (the 1-based line number, as sources count records) to the
    (original, fixed) text. Records that no longer match are left as they were and reported in
    `skipped`.
    """
    outcome = WriteOutcome(path)
    changes = {n: (a, b) for n, (a, b) in changes.items() if a != b}
    if not changes:
        return outcome
    number = 0
    try:
        with _open_read(path) as source, _open_write(path) as target:
            for number, line in enumerate(source, 1):
                change = changes.get(number)
                if change is not None:
                    try:
                        line = replace_record_text(line, text_field, *change)
                        outcome.changed += 1
                    except ValueError as exc:
                        outcome.skipped.append((number, f"not rewritten: {exc}"))
                target.write(line)
    except OSError as exc:
        raise WriteError(f"{path}: not rewritten: {exc.strerror or exc}") from exc
    except (EOFError, gzip.BadGzipFile) as exc:
        raise WriteError(f"{path}: not rewritten: the compressed stream is damaged") from exc
    outcome.written = True
    missing = sorted(set(changes) - {n for n, _ in outcome.skipped} - set(range(1, number + 1)))
    outcome.skipped.extend((n, "not rewritten: the record is gone") for n in missing)
    return outcome


def rewrite_parquet(
    path: str, changes: Mapping[int, tuple[str, str]], text_field: str = "text"
) -> WriteOutcome:
    """Rewrite a Parquet file with the text of the rows in `changes` (1-based row numbers)
    replaced, one row group at a time, with the original schema, metadata and compression."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    outcome = WriteOutcome(path)
    changes = {n: (a, b) for n, (a, b) in changes.items() if a != b}
    if not changes:
        return outcome
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise WriteError(f"{path}: not rewritten: {exc}") from exc
    schema = parquet.schema_arrow
    index = schema.get_field_index(text_field)
    if index < 0:
        raise WriteError(f"{path}: not rewritten: no column '{text_field}'")
    compression = _parquet_compression(parquet)
    row = 0
    with parquet, atomic_output(path) as raw:
        writer = pq.ParquetWriter(raw, schema, compression=compression)
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
                            outcome.skipped.append(
                                (number, "not rewritten: the row changed after it was checked")
                            )
                            continue
                        values[number - row - 1] = restore_newlines(value, fixed)
                        outcome.changed += 1
                    column = pa.array(values, type=schema.field(index).type)
                    table = table.set_column(index, schema.field(index), column)
                writer.write_table(table, row_group_size=max(size, 1))
                row += size
        finally:
            writer.close()
    outcome.written = True
    outcome.skipped.extend(
        (n, "not rewritten: the row is gone") for n in sorted(changes) if n > row
    )
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


# -- one entry point for the CLI --------------------------------------------------------------


def write_fixes(
    path: str, fixed: list[tuple[Document, str]], text_field: str = "text"
) -> WriteOutcome:
    """Write the fixed text of the documents read from `path`, in whatever form `path` has.

    Documents whose text did not change are not written; a file with no changed document is not
    touched at all.
    """
    changed = [(doc, text) for doc, text in fixed if text != doc.text]
    if not changed:
        return WriteOutcome(path)
    if is_jsonl(path) or is_parquet(path):
        changes = {doc.record or 0: (doc.text, text) for doc, text in changed}
        rewrite = rewrite_parquet if is_parquet(path) else rewrite_jsonl
        return rewrite(path, changes, text_field)
    (doc, text), *rest = changed
    if rest:
        raise WriteError(f"{path}: not rewritten: several documents claim this plain file")
    encoding = doc.meta.get("encoding", "utf-8")
    written = write_text_file(path, doc.text, text, encoding)
    return WriteOutcome(path, written=written, changed=int(written))
