"""CI gates for corpora: fail only when a rule affects more than a given share of documents.

On a corpus of millions of records a single finding should not fail a build; a rate should.
Thresholds come from `[tool.scrapelint.thresholds]` (`BP001 = "1%"`) or `--threshold BP001=1%`.
A key is a code, a code prefix (`BP` gates every BP rule, each on its own) or `default`, which
gates every code without a more specific entry. Codes with no applicable threshold keep the
ordinary behaviour: any finding fails the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from linter.errors import ConfigError

_VALUE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$")
_KEY_RE = re.compile(r"^(default|[A-Z]{1,4}[0-9]{0,3})$")


def parse_share(value: object, where: str) -> float:
    """'1%' -> 0.01, '0.5%' -> 0.005, 0.01 -> 0.01. A number is a fraction in [0, 1]."""
    if isinstance(value, bool):
        raise ConfigError(f'{where}: a threshold is a share like "1%" or 0.01, not {value!r}')
    if isinstance(value, int | float):
        share = float(value)
    else:
        match = _VALUE_RE.match(str(value))
        if match is None:
            raise ConfigError(f'{where}: a threshold is a share like "1%" or 0.01, not {value!r}')
        if not match.group(2):
            # "1" could mean 1% or 100%: in text, only a percentage is unambiguous.
            raise ConfigError(
                f'{where}: write a threshold as a percentage ("{value}%") or a number like 0.01'
            )
        share = float(match.group(1)) / 100
    if not 0.0 <= share <= 1.0:
        raise ConfigError(f"{where}: a threshold must lie between 0% and 100%, not {value!r}")
    return share


@dataclass(frozen=True)
class Thresholds:
    limits: Mapping[str, float]

    @classmethod
    def parse(cls, raw: Mapping[str, object], where: str) -> Thresholds:
        limits = {}
        for key, value in raw.items():
            if not _KEY_RE.match(key):
                raise ConfigError(
                    f"{where}: threshold key {key!r} must be a rule code, a prefix or 'default'"
                )
            limits[key] = parse_share(value, f"{where}: threshold {key}")
        return cls(limits)

    @classmethod
    def from_cli(cls, items: Iterable[str]) -> Thresholds:
        raw = {}
        for item in items:
            key, sep, value = item.partition("=")
            if not sep:
                raise ConfigError(f"--threshold {item!r}: expected CODE=SHARE, e.g. BP001=1%")
            raw[key.strip()] = value
        return cls.parse(raw, "--threshold")

    def merged(self, override: Thresholds) -> Thresholds:
        return Thresholds({**self.limits, **override.limits})

    def __bool__(self) -> bool:
        return bool(self.limits)

    def limit_for(self, code: str) -> float | None:
        """The most specific limit for a code: exact code, then the longest prefix, then default."""
        if code in self.limits:
            return self.limits[code]
        prefixes = [k for k in self.limits if k != "default" and code.startswith(k)]
        if prefixes:
            return self.limits[max(prefixes, key=len)]
        return self.limits.get("default")

    def failures(self, shares: Mapping[str, float]) -> list[tuple[str, float, float | None]]:
        """(code, share, limit) for every code that fails the gate; limit None means the code
        has no threshold and fails because it occurred at all."""
        failed = []
        for code, share in sorted(shares.items()):
            limit = self.limit_for(code)
            if share > (limit if limit is not None else 0.0):
                failed.append((code, share, limit))
        return failed
