from __future__ import annotations

import io

from linter.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_silent_when_not_a_terminal() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(1000, stream, clock=clock)
    clock.now = 10
    progress.advance(5, 500)
    progress.close()
    assert stream.getvalue() == ""


def test_short_runs_draw_nothing() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(1000, stream, enabled=True, clock=clock)
    clock.now = 1.0
    progress.advance(1, 10)
    progress.close()
    assert stream.getvalue() == ""


def test_long_runs_show_records_megabytes_rate_and_eta_then_clear() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(40_000_000, stream, enabled=True, clock=clock)
    clock.now = 4.0
    progress.advance(2500, 10_000_000)
    assert stream.getvalue() == "\r\x1b[2K 25%  2,500 records  10.0 MB  2.5 MB/s  ETA 0:12"
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_unknown_total_has_no_eta() -> None:
    progress = Progress(None, io.StringIO(), enabled=True, clock=Clock())
    progress.bytes, progress.records = 3_000_000, 7
    assert progress.line(2.0) == "7 records  3.0 MB  1.5 MB/s"
