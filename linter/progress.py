"""A progress line on stderr for long runs: records, megabytes, rate and, when the input size
is known, an estimate of the time left. Silent unless stderr is a terminal, and silent for runs
that finish within the first couple of seconds, so pipes, CI logs and editors never see it."""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 2.0  # seconds before the first draw: short runs never show a bar
INTERVAL = 0.25


class Progress:
    def __init__(
        self,
        total_bytes: int | None = None,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        clock=time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total_bytes = total_bytes or None
        self.records = 0
        self.bytes = 0
        self._clock = clock
        self._start = clock()
        self._next_draw = self._start + DELAY
        self._drawn = False

    def advance(self, records: int = 1, nbytes: int = 0) -> None:
        self.records += records
        self.bytes += nbytes
        if self.enabled:
            now = self._clock()
            if now >= self._next_draw:
                self._next_draw = now + INTERVAL
                self._draw(now)

    def line(self, now: float) -> str:
        elapsed = max(now - self._start, 1e-9)
        rate = self.bytes / elapsed
        text = f"{self.records:,} records  {self.bytes / 1e6:,.1f} MB  {rate / 1e6:,.1f} MB/s"
        if self.total_bytes:
            done = min(self.bytes / self.total_bytes, 1.0)
            left = (self.total_bytes - self.bytes) / rate if rate else 0.0
            text = f"{done:4.0%}  {text}  ETA {_clock_time(left)}"
        return text

    def _draw(self, now: float) -> None:
        self.stream.write("\r\x1b[2K" + self.line(now))
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def _clock_time(seconds: float) -> str:
    seconds = max(int(seconds), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
