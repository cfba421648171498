"""Compressed input, recognised by its first bytes rather than its name: gzip and zstd
(the latter through the optional `zstandard` package, `scrapelint[zstd]`)."""

from __future__ import annotations

import gzip
import io
import sys
from typing import IO

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


class MissingDependency(Exception):
    """An optional reader is not installed; the message says what to install."""


def open_stream(raw: IO[bytes]) -> IO[bytes]:
    """A line-iterable binary stream, decompressed if the bytes say they are gzip or zstd
    (whatever the file is called)."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    head = buffered.peek(4)[:4]
    if head.startswith(GZIP_MAGIC):
        return gzip.GzipFile(fileobj=buffered)  # type: ignore[return-value]
    if head.startswith(ZSTD_MAGIC):
        try:
            import zstandard
        except ImportError:
            raise MissingDependency(
                "reading .zst needs the zstandard package: pip install 'scrapelint[zstd]'"
            ) from None
        reader = zstandard.ZstdDecompressor().stream_reader(buffered, read_across_frames=True)
        return io.BufferedReader(reader)  # type: ignore[arg-type]
    return buffered


def looks_binary(stream: IO[bytes]) -> bool:
    """A NUL byte near the start: no text or JSONL file has one (JSON escapes control
    characters)."""
    peek = getattr(stream, "peek", None)
    return peek is not None and b"\x00" in peek(8192)[:8192]


def stream_errors() -> tuple[type[BaseException], ...]:
    """Decompression and I/O failures part-way through a stream (zstandard's only if loaded)."""
    zstandard = sys.modules.get("zstandard")
    if zstandard is None:
        return (OSError, EOFError)
    return (OSError, EOFError, zstandard.ZstdError)
