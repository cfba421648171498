"""JSON Lines (.jsonl, .ndjson), optionally gzip- or zstd-compressed: one document per record.

Records are read one line at a time, so memory does not grow with the file. A record's number is
its 1-based line number in the (decompressed) file, which is how editors, `sed -n Np` and the
JSONL writer find it again. Blank lines are skipped. Every bad record becomes an IN001 problem
naming the file and the record, and the next record is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from linter.document import Document
from linter.runner import InputProblem
from linter.sources.compression import (
    MissingDependency,
    looks_binary,
    open_stream,
    stream_errors,
)


@dataclass(frozen=True, slots=True)
class Fields:
    """Which record fields hold the text, the document id and (optionally) the source."""

    text: str = "text"
    id: str = "id"
    source: str | None = None


def source_label(value: Any) -> str | None:
    """A record's source for grouping: a URL's host (without "www."), else the value as text."""
    if value is None:
        return None
    text = str(value).strip()
    if "://" in text:
        host = urlsplit(text).hostname
        if host:
            return host.removeprefix("www.")
    return text or None


def record_documents(
    lines: Iterable[bytes], path: str, fields: Fields = Fields()
) -> Iterator[Document | InputProblem]:
    """Documents (and problems) from the lines of a JSONL stream, in order."""
    number = 0
    try:
        for number, raw in enumerate(lines, 1):
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            yield from _record(raw, number, path, fields)
    except stream_errors() as exc:
        where = f"after record {number}" if number else "at the start"
        yield InputProblem(
            path, f"cannot read {where}: {exc}; the rest of the file is skipped", record=number + 1
        )


def _record(
    raw: bytes, number: int, path: str, fields: Fields
) -> Iterator[Document | InputProblem]:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.decode("utf-8", errors="replace")
        yield InputProblem(
            path,
            f"invalid UTF-8 at byte {exc.start} of the record; decoded with replacement",
            record=number,
        )
    line = line.rstrip("\r\n")  # so error columns count within the record
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield InputProblem(
            path, f"malformed JSON: {exc.msg} (column {exc.colno})", number, column=exc.colno
        )
        return
    except RecursionError:
        yield InputProblem(path, "malformed JSON: nested too deeply", record=number)
        return
    if not isinstance(record, dict):
        kind = type(record).__name__ if record is not None else "null"
        yield InputProblem(
            path, f"record is {_a('JSON ' + _json_kind(kind))}, not an object", number
        )
        return
    doc_id = record_id(record.get(fields.id), number)
    yield from make_document(record, path, number, doc_id, fields)


def make_document(
    record: Mapping[str, Any], path: str, number: int, doc_id: str, fields: Fields
) -> Iterator[Document | InputProblem]:
    """A Document from one record, or a problem if its text field is missing or not a string."""
    if fields.text not in record:
        yield InputProblem(path, f"record has no '{fields.text}' field", number, doc_id)
        return
    text = record[fields.text]
    if not isinstance(text, str):
        kind = "null" if text is None else _a(_json_kind(type(text).__name__))
        yield InputProblem(path, f"field '{fields.text}' is {kind}, not a string", number, doc_id)
        return
    newline = "\n"
    if "\r\n" in text:
        newline = "\r\n"
        text = text.replace("\r\n", "\n")
    source = source_label(record.get(fields.source)) if fields.source else None
    yield Document(
        path=path,
        text=text,
        doc_id=doc_id,
        record=number,
        source=source,
        newline=newline,
        meta={"kind": "record", "text_field": fields.text},
    )


def record_id(value: Any, number: int) -> str:
    if value is None:
        return str(number)
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _json_kind(python_name: str) -> str:
    return {
        "str": "string",
        "int": "number",
        "float": "number",
        "bool": "boolean",
        "list": "array",
        "dict": "object",
    }.get(python_name, python_name)


def read_jsonl(path: str, fields: Fields = Fields()) -> Iterator[Document | InputProblem]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is done
    except FileNotFoundError:
        yield InputProblem(path, "no such file or directory")
        return
    except OSError as exc:
        yield InputProblem(path, f"cannot read file: {exc.strerror or exc}")
        return
    with handle:
        try:
            stream = open_stream(handle)
        except MissingDependency as exc:
            yield InputProblem(path, str(exc))
            return
        except stream_errors() as exc:
            yield InputProblem(path, f"cannot read file: {exc}")
            return
        if looks_binary(stream):
            yield InputProblem(path, "binary file skipped", record=None)
            return
        yield from record_documents(stream, path, fields)
