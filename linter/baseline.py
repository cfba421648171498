"""Baselines: adopt scrapelint on an existing corpus and fail only on what is new.

`--write-baseline FILE` records every finding by fingerprint (code, document and matched text
with a little context, never line numbers, so unrelated edits do not invalidate it).
`--baseline FILE` then hides findings the baseline knows, counting duplicates (a fingerprint
recorded twice hides two findings) and reports the entries that no longer occur, so the file can
be refreshed as the corpus gets cleaner.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from linter.diagnostic import Diagnostic
from linter.errors import ConfigError

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Entry:
    fingerprint: str
    code: str
    path: str
    doc_id: str | None


def write_baseline(path: str | os.PathLike, diagnostics: Iterable[Diagnostic]) -> int:
    """Write every diagnostic's fingerprint to `path` (atomically); return the entry count."""
    counts: Counter[Entry] = Counter(
        Entry(d.fingerprint, d.code, d.path, d.doc_id) for d in diagnostics if d.fingerprint
    )
    entries = [
        {
            "fingerprint": e.fingerprint,
            "code": e.code,
            "path": e.path,
            "doc_id": e.doc_id,
            "count": n,
        }
        for e, n in sorted(
            counts.items(), key=lambda item: (item[0].path, item[0].code, item[0].fingerprint)
        )
    ]
    payload = {"tool": "scrapelint", "version": FORMAT_VERSION, "entries": entries}
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sum(counts.values())


@dataclass
class Baseline:
    """Known findings, consumed as they are matched during a run."""

    remaining: Counter[str]
    entries: dict[str, Entry]
    suppressed: int = 0

    @classmethod
    def load(cls, path: str | os.PathLike) -> Baseline:
        try:
            payload = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read baseline: {exc.strerror or exc}") from exc
        except json.JSONDecodeError as exc:
            raise ConfigError(
                f"{path}:{exc.lineno}:{exc.colno}: baseline is not JSON: {exc.msg}"
            ) from exc
        if not isinstance(payload, dict) or payload.get("tool") != "scrapelint":
            raise ConfigError(
                f"{path}: not a scrapelint baseline (write one with --write-baseline)"
            )
        if payload.get("version") != FORMAT_VERSION:
            raise ConfigError(
                f"{path}: baseline version {payload.get('version')!r} is not supported"
            )
        remaining: Counter[str] = Counter()
        entries: dict[str, Entry] = {}
        for number, raw in enumerate(payload.get("entries", []), 1):
            try:
                entry = Entry(
                    str(raw["fingerprint"]), str(raw["code"]), str(raw["path"]), raw.get("doc_id")
                )
                count = int(raw.get("count", 1))
            except (KeyError, TypeError, ValueError) as exc:
                raise ConfigError(f"{path}: baseline entry {number} is malformed ({exc})") from exc
            remaining[entry.fingerprint] += count
            entries[entry.fingerprint] = entry
        return cls(remaining, entries)

    def is_known(self, diagnostic: Diagnostic) -> bool:
        """True (and the entry is used up once) when the baseline already records this finding."""
        if self.remaining[diagnostic.fingerprint] > 0:
            self.remaining[diagnostic.fingerprint] -= 1
            self.suppressed += 1
            return True
        return False

    def filter(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        return [d for d in diagnostics if not self.is_known(d)]

    def stale(self) -> list[tuple[Entry, int]]:
        """Entries that did not occur in this run (fixed findings), with how many times."""
        return [
            (self.entries[fp], count)
            for fp, count in sorted(
                self.remaining.items(), key=lambda item: (self.entries[item[0]].path, item[0])
            )
            if count > 0
        ]
