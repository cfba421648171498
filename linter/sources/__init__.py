"""Inputs: paths (and stdin) in, a stream of `Document`s and `InputProblem`s out.

One module per input kind: `text` (plain text, and the byte decoding every kind shares),
`markdown`, `jsonl` and `parquet`; `compression` opens gzip and zstd files of any kind. This
module finds the files (folders recursively, filtered by include/exclude globs; a file named
explicitly is always read) and hands each to its reader by name. Sources never raise for bad
input: an unreadable path, a binary file or a malformed record becomes an `InputProblem` and
the stream goes on.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Sequence
from fnmatch import fnmatchcase
from typing import IO

from linter.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, file_included, path_matches
from linter.document import Document
from linter.runner import InputProblem
from linter.sources.compression import (
    MissingDependency,
    looks_binary,
    open_stream,
    stream_errors,
)
from linter.sources.jsonl import Fields, read_jsonl
from linter.sources.jsonl import record_documents as _record_documents
from linter.sources.markdown import markdown_documents, read_markdown
from linter.sources.parquet import read_parquet
from linter.sources.text import read_text, text_documents

__all__ = [
    "Fields",
    "discover",
    "iter_documents",
    "kind_of",
    "read_path",
    "read_stdin",
]

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
MARKDOWN_SUFFIXES = (".md", ".markdown")
PARQUET_SUFFIXES = (".parquet", ".pq")
COMPRESSED_SUFFIXES = (".gz", ".zst")

Item = Document | InputProblem


def kind_of(path: str) -> str:
    """The kind a file name says: "jsonl", "parquet", "markdown" or "text"."""
    name = os.path.basename(path).lower()
    for suffix in COMPRESSED_SUFFIXES:
        name = name.removesuffix(suffix)
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if name.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    return "text"


def read_path(path: str, fields: Fields | None = None) -> Iterator[Item]:
    """Every document (or problem) in one file."""
    fields = fields or Fields()
    kind = kind_of(path)
    if kind == "jsonl":
        return read_jsonl(path, fields)
    if kind == "parquet":
        return read_parquet(path, fields)
    if kind == "markdown":
        return read_markdown(path)
    return read_text(path)


def read_stdin(
    stream: IO[bytes], filename: str | None = None, fields: Fields | None = None
) -> Iterator[Item]:
    """Documents from standard input, read as the kind `filename` names (plain text if none)."""
    fields = fields or Fields()
    path = filename or STDIN
    kind = kind_of(path) if filename else "text"
    try:
        if kind == "jsonl":
            lines = open_stream(stream)
            if looks_binary(lines):
                yield InputProblem(path, "binary file skipped")
                return
            yield from _record_documents(lines, path, fields)
        elif kind == "parquet":
            # Parquet keeps its index at the end of the file: it cannot be streamed.
            yield from read_parquet(path, fields, io.BytesIO(stream.read()))
        elif kind == "markdown":
            yield from markdown_documents(open_stream(stream).read(), path)
        else:
            yield from text_documents(open_stream(stream).read(), path)
    except MissingDependency as exc:
        yield InputProblem(path, str(exc))
    except stream_errors() as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        yield InputProblem(path, f"cannot read standard input: {reason}")


def discover(
    paths: Iterable[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
    root: str | None = None,
) -> Iterator[str | InputProblem]:
    """The files to read, in a stable order: each path as given, folders walked in name order.

    A file named explicitly is always read; inside folders a file is read if it matches
    `include` and neither it nor a folder on the way matches `exclude`. A path that does not
    exist becomes an InputProblem. Each file is read once even if named twice.
    """
    root = os.path.abspath(root or os.getcwd())
    seen: set[str] = set()
    for path in paths:
        if path == STDIN:
            yield path
            continue
        if os.path.isdir(path):
            for found in _walk(path, include, exclude, root):
                if isinstance(found, InputProblem) or _first_time(found, seen):
                    yield found
        elif os.path.lexists(path):
            if _first_time(path, seen):
                yield path
        else:
            yield InputProblem(path, "no such file or directory")


def _first_time(path: str, seen: set[str]) -> bool:
    key = os.path.realpath(path)
    if key in seen:
        return False
    seen.add(key)
    return True


def _walk(
    folder: str, include: Sequence[str], exclude: Sequence[str], root: str
) -> Iterator[str | InputProblem]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputProblem(folder, f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = os.path.join(folder, entry.name) if folder != "." else entry.name
        if _excluded(path, entry.name, exclude, root):
            continue
        try:
            # Symlinked folders are not followed: they can loop, and they usually point at
            # something linted on its own anyway.
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file()
        except OSError:
            is_dir, is_file = False, True
        if is_dir:
            yield from _walk(path, include, exclude, root)
        elif not file_included(path, include, root):
            continue
        elif is_file:
            yield path
        elif entry.is_symlink():
            yield InputProblem(path, "broken symbolic link")


def _excluded(path: str, name: str, exclude: Sequence[str], root: str) -> bool:
    # Each folder on the way down was checked by name already, so a glob without "/" only needs
    # this entry's own name (and stays correct for projects that live inside hidden folders).
    for pattern in exclude:
        if "/" in pattern.rstrip("/"):
            if path_matches(path, pattern, root):
                return True
        elif fnmatchcase(name, pattern):
            return True
    return False


def iter_documents(
    paths: Iterable[str],
    text_field: str = "text",
    id_field: str = "id",
    *,
    source_field: str | None = None,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
    root: str | None = None,
    stdin: IO[bytes] | None = None,
    stdin_filename: str | None = None,
) -> Iterator[Item]:
    """Every document and input problem under `paths`, streamed in order.

    `-` reads `stdin` (a binary stream), as the kind that `stdin_filename` names.
    """
    fields = Fields(text_field, id_field, source_field)
    for found in discover(paths, include, exclude, root):
        if isinstance(found, InputProblem):
            yield found
        elif found == STDIN:
            if stdin is None:
                yield InputProblem(STDIN, "standard input is not available")
                continue
            yield from read_stdin(stdin, stdin_filename, fields)
        else:
            yield from read_path(found, fields)
