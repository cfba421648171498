"""Plain text files: one document each.

Bytes become text here, for every source: byte-order marks are recognised and kept in
`Document.meta["bom"]`, CRLF becomes "\\n" (with `Document.newline` remembering it), invalid UTF-8
is decoded with replacement characters and reported, and a file with NUL bytes is skipped as
binary.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from linter.document import Document
from linter.runner import InputProblem
from linter.sources.compression import MissingDependency, open_stream, stream_errors

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(slots=True)
class Decoded:
    """Text ready for a Document, plus what the bytes said about themselves."""

    text: str
    newline: str = "\n"
    meta: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None  # a message for IN001, when the bytes were not clean
    line: int = 1
    column: int = 1
    binary: bool = False


def decode(data: bytes) -> Decoded:
    """Bytes to "\\n"-separated text, never raising."""
    encoding, bom = "utf-8", b""
    for mark, name in BOMS:
        if data.startswith(mark):
            encoding, bom = name, mark
            break
    body = data[len(bom) :]
    if encoding == "utf-8" and b"\x00" in body:
        return Decoded("", binary=True)
    meta: dict[str, Any] = {"encoding": encoding, "bom": bool(bom)}
    problem = None
    line = column = 1
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        text = body.decode(encoding, errors="replace")
        before = body[: exc.start].decode(encoding, errors="replace").replace("\r\n", "\n")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        bad = _count_invalid(body, encoding)
        more = f" ({bad} invalid bytes in all)" if bad > 1 else ""
        problem = (
            f"invalid {_label(encoding)} at byte {exc.start + len(bom)}{more};"
            " decoded with replacement"
        )
    newline = "\n"
    if "\r\n" in text:
        newline = "\r\n"
        text = text.replace("\r\n", "\n")
    return Decoded(text, newline, meta, problem, line, column)


def _label(encoding: str) -> str:
    return encoding.upper().replace("-LE", "").replace("-BE", "")


def _count_invalid(body: bytes, encoding: str) -> int:
    """How many bytes could not be decoded (surrogateescape keeps one stand-in per byte)."""
    try:
        escaped = body.decode(encoding, errors="surrogateescape")
    except UnicodeDecodeError:  # UTF-16/32 cannot escape: say only where it starts
        return 1
    return sum(1 for char in escaped if "\udc80" <= char <= "\udcff")


def text_documents(
    data: bytes, path: str, kind: str = "text", record: int | None = None
) -> Iterator[Document | InputProblem]:
    """One file's bytes as a document, preceded by an IN001 problem if they were not clean."""
    decoded = decode(data)
    if decoded.binary:
        yield InputProblem(path, "binary file skipped", record=record)
        return
    if decoded.problem is not None:
        yield InputProblem(path, decoded.problem, record, None, decoded.line, decoded.column)
    decoded.meta["kind"] = kind
    yield Document(path=path, text=decoded.text, newline=decoded.newline, meta=decoded.meta)


def read_bytes(path: str) -> bytes | InputProblem:
    """A file's bytes, decompressed if it is gzip or zstd, or the problem that stopped it."""
    try:
        with open(path, "rb") as handle:
            return open_stream(handle).read()
    except FileNotFoundError:
        return InputProblem(path, "no such file or directory")
    except IsADirectoryError:
        return InputProblem(path, "is a directory")
    except MissingDependency as exc:
        return InputProblem(path, str(exc))
    except stream_errors() as exc:
        if isinstance(exc, OSError) and exc.strerror:
            return InputProblem(path, f"cannot read file: {exc.strerror}")
        return InputProblem(path, f"cannot read file: {exc}")


def read_text(path: str) -> Iterator[Document | InputProblem]:
    data = read_bytes(path)
    if isinstance(data, InputProblem):
        yield data
        return
    yield from text_documents(data, path)
