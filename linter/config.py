"""Settings: `[tool.scrapelint]`, `scrapelint.toml` and the command line, resolved once.

`load_settings` finds the config file, validates every key and value (errors name the file and
the key), merges the command line on top and returns one frozen `Settings`. Nothing downstream
reads a config file or re-validates a value.

Rule selection is layered like ruff's: the defaults (every rule enabled by default), then the
config file, then the command line. In each layer `select` starts afresh, `extend-select` adds,
`ignore` removes; when a selector and an ignore both match a rule, the more specific one wins
(a full code or name beats a prefix, a longer prefix beats a shorter one; on a tie, ignore wins).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from fnmatch import fnmatchcase
from pathlib import Path
from types import MappingProxyType
from typing import Any

from linter.errors import ConfigError
from linter.rule import Rule
from linter.runner import ENGINE_CODES

CONFIG_FILES = (".scrapelint.toml", "scrapelint.toml", "pyproject.toml")

DEFAULT_INCLUDE = (
    "*.txt",
    "*.md",
    "*.markdown",
    "*.jsonl",
    "*.ndjson",
    "*.jsonl.gz",
    "*.ndjson.gz",
    "*.jsonl.zst",
    "*.ndjson.zst",
    "*.parquet",
)
# Hidden entries (".git", ".tox", ".venv", ...) and the usual dependency folders are never text
# anyone wants linted.
DEFAULT_EXCLUDE = (".*", "venv", "node_modules", "__pycache__", "site-packages")

ENGINES = ("local", "ray")


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class SelectionLayer:
    """One layer of rule selection (the config file or the command line)."""

    origin: str
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, validated. Paths in it are absolute."""

    config_path: str | None = None
    root: str = field(default_factory=os.getcwd)  # relative globs and paths resolve against it
    layers: tuple[SelectionLayer, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=_empty)
    text_field: str = "text"
    id_field: str = "id"
    source_field: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    output_format: str = "concise"
    # Reserved for the fixer, the baseline/threshold gate and the parallel runner: validated
    # here so a config written today keeps working when those features read them.
    fix: bool = False
    unsafe_fixes: bool = False
    thresholds: Mapping[str, float] = field(default_factory=_empty)
    baseline: str | None = None
    # 0: one worker per CPU; the runner starts them only for inputs larger than one batch.
    jobs: int = 0
    engine: str = "local"

    def enabled_codes(self, registry: Mapping[str, type[Rule]]) -> tuple[str, ...]:
        """The codes of the rules this run uses, in code order."""
        enabled = {code for code, cls in registry.items() if cls.enabled_by_default}
        for layer in self.layers:
            chosen = layer.extend_select
            if layer.select is not None:
                enabled = set()
                chosen = layer.select + layer.extend_select
            selected = _specificity(chosen, registry)
            ignored = _specificity(layer.ignore, registry)
            for code in registry:
                s, i = selected.get(code, -1), ignored.get(code, -1)
                if i >= 0 and i >= s:
                    enabled.discard(code)
                elif s >= 0:
                    enabled.add(code)
        enabled.update(code for code in ENGINE_CODES if code in registry)
        return tuple(sorted(enabled))

    def ignored_codes(self, path: str) -> frozenset[str]:
        """Codes that `per-file-ignores` switches off for `path`."""
        codes: set[str] = set()
        for pattern, ignored in self.per_file_ignores:
            if path_matches(path, pattern, self.root):
                codes |= ignored
        return frozenset(codes)

    def as_dict(self, registry: Mapping[str, type[Rule]]) -> dict[str, Any]:
        """The resolved settings, for `--show-settings`."""
        shown: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "layers":
                value = [
                    {
                        "from": layer.origin,
                        "select": list(layer.select) if layer.select is not None else None,
                        "extend-select": list(layer.extend_select),
                        "ignore": list(layer.ignore),
                    }
                    for layer in value
                ]
                shown["selection"] = value
                continue
            if f.name == "per_file_ignores":
                value = {pattern: sorted(codes) for pattern, codes in value}
            elif isinstance(value, Mapping):
                value = {k: dict(v) if isinstance(v, Mapping) else v for k, v in value.items()}
            elif isinstance(value, tuple):
                value = list(value)
            shown[f.name.replace("_", "-")] = value
        shown["enabled-rules"] = list(self.enabled_codes(registry))
        return shown


# -- path globs ----------------------------------------------------------------------------------


def relative_posix(path: str, root: str) -> str:
    """`path` relative to `root` with "/" separators, or absolute when it lies outside root."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        rel = absolute
    if rel == ".." or rel.startswith(".." + os.sep):
        rel = absolute
    return rel.replace(os.sep, "/")


def path_matches(path: str, pattern: str, root: str) -> bool:
    """Whether a glob matches a path (used by exclude and per-file-ignores).

    A glob without "/" matches any one component (the file name or a folder it is in); a glob
    with "/" matches the path relative to the project root, or one of its parent folders.
    """
    parts = relative_posix(path, root).split("/")
    pattern = pattern.removeprefix("./").rstrip("/")
    if "/" not in pattern:
        return any(fnmatchcase(part, pattern) for part in parts)
    return any(fnmatchcase("/".join(parts[:i]), pattern) for i in range(1, len(parts) + 1))


def file_included(path: str, patterns: Sequence[str], root: str) -> bool:
    """Include globs: against the file name, or the relative path when they contain "/"."""
    name = os.path.basename(path)
    rel = None
    for pattern in patterns:
        pattern = pattern.removeprefix("./")
        if "/" not in pattern:
            if fnmatchcase(name, pattern):
                return True
        else:
            rel = rel or relative_posix(path, root)
            if fnmatchcase(rel, pattern):
                return True
    return False


# -- rule selectors -------------------------------------------------------------------------------

_EXACT = 100  # a full code or a name: more specific than any prefix


def selector_matches(selector: str, registry: Mapping[str, type[Rule]]) -> dict[str, int]:
    """Codes a selector picks, each with the selector's specificity."""
    if selector == "ALL":
        return dict.fromkeys(registry, 0)
    for code, cls in registry.items():
        if selector in (code, cls.name):
            return {code: _EXACT}
    prefix = selector.upper()
    return {code: len(prefix) for code in registry if code.startswith(prefix)}


def _specificity(selectors: Sequence[str], registry: Mapping[str, type[Rule]]) -> dict[str, int]:
    best: dict[str, int] = {}
    for selector in selectors:
        for code, weight in selector_matches(selector, registry).items():
            best[code] = max(best.get(code, -1), weight)
    for code in ENGINE_CODES:
        best.pop(code, None)  # input errors and rule failures are always reported
    return best


def _check_selectors(
    selectors: Sequence[str], registry: Mapping[str, type[Rule]], where: str, *, ignoring: bool
) -> None:
    for selector in selectors:
        matched = selector_matches(selector, registry)
        if not matched:
            names = [*registry, *(cls.name for cls in registry.values())]
            raise ConfigError(
                f"{where}: unknown rule selector '{selector}'{_hint(selector, names)}"
            )
        if ignoring and set(matched) <= ENGINE_CODES:
            raise ConfigError(
                f"{where}: {', '.join(sorted(matched))} cannot be ignored: unreadable input and"
                " rule failures are never silently dropped"
            )


def _hint(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


# -- reading config files -------------------------------------------------------------------------


def find_config_file(start: str | os.PathLike[str]) -> Path | None:
    """The nearest config file in `start` or a parent folder. In one folder `.scrapelint.toml`
    wins over `scrapelint.toml`, which wins over a `pyproject.toml` with `[tool.scrapelint]`."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_scrapelint_table(candidate):
                return candidate
    return None


def _has_scrapelint_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        # A broken pyproject.toml that does not mention us is not our business; one that does
        # is reported when it is read.
        try:
            return "[tool.scrapelint" in pyproject.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return isinstance(data.get("tool"), dict) and "scrapelint" in data["tool"]


def read_config_file(path: str | os.PathLike[str]) -> tuple[dict[str, Any], str]:
    """The scrapelint table of a config file and how messages name it."""
    path = Path(path)
    shown = _display(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{shown}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown}: cannot read config file: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "scrapelint" not in tool:
            raise ConfigError(f"{shown}: no [tool.scrapelint] table")
        table = tool["scrapelint"]
        if not isinstance(table, dict):
            raise ConfigError(f"{shown}: [tool.scrapelint] must be a table")
        return table, f"{shown}: [tool.scrapelint]"
    return data, shown


def _display(path: Path) -> str:
    """How messages name a file: relative to the working directory when it lies below it."""
    absolute = os.path.abspath(path)
    rel = relative_posix(absolute, os.getcwd())
    return absolute if rel.startswith("/") else rel


# -- validation ------------------------------------------------------------------------------------


def _string(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: '{key}' must be a non-empty string, not {value!r}")
    return value


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        # The command line and hand-written configs both say "SP001,WS" at times.
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise ConfigError(f"{where}: '{key}' must be a list of strings, not {value!r}")
    out = []
    for item in value:
        if not isinstance(item, str):
            raise ConfigError(f"{where}: '{key}' must be a list of strings, not {value!r}")
        if item.strip():
            out.append(item.strip())
    return tuple(out)


def _bool(value: Any, where: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be true or false, not {value!r}")
    return value


def _table(value: Any, where: str, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: '{key}' must be a table, not {value!r}")
    return value


def _output_formats() -> tuple[str, ...]:
    from linter.reporters import FORMATS  # imported late: the Python API needs no reporters

    return tuple(FORMATS)


KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "rules",
    "text-field",
    "id-field",
    "source-field",
    "include",
    "extend-include",
    "exclude",
    "extend-exclude",
    "output-format",
    "fix",
    "unsafe-fixes",
    "thresholds",
    "baseline",
    "jobs",
    "engine",
)


def parse_table(
    table: Mapping[str, Any], where: str, root: str, registry: Mapping[str, type[Rule]]
) -> dict[str, Any]:
    """Validate one layer (a config table or the command line's options) into Settings values.

    Returns only the keys that were given, spelled as Settings attributes (plus the
    `extend_*` keys, which `load_settings` merges)."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key '{key}'{_hint(key, KEYS)}")
        if value is None:
            continue
        attr = key.replace("-", "_")
        if key in ("select", "extend-select", "ignore"):
            selectors = _strings(value, where, key)
            _check_selectors(selectors, registry, f"{where}: '{key}'", ignoring=key == "ignore")
            out[attr] = selectors
        elif key in ("include", "extend-include", "exclude", "extend-exclude"):
            out[attr] = _strings(value, where, key)
        elif key in ("text-field", "id-field", "source-field"):
            out[attr] = _string(value, where, key)
        elif key in ("fix", "unsafe-fixes"):
            out[attr] = _bool(value, where, key)
        elif key == "output-format":
            formats = _output_formats()
            if value not in formats:
                raise ConfigError(
                    f"{where}: 'output-format' must be one of {', '.join(formats)}, not {value!r}"
                )
            out[attr] = value
        elif key == "engine":
            if value not in ENGINES:
                raise ConfigError(
                    f"{where}: 'engine' must be one of {', '.join(ENGINES)}, not {value!r}"
                )
            out[attr] = value
        elif key == "jobs":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(
                    f"{where}: 'jobs' must be a whole number >= 0 (0: one per CPU), not {value!r}"
                )
            out[attr] = value
        elif key == "baseline":
            out[attr] = os.path.join(root, _string(value, where, key))
        elif key == "thresholds":
            out[attr] = MappingProxyType(_thresholds(_table(value, where, key), where))
        elif key == "per-file-ignores":
            out[attr] = _per_file_ignores(_table(value, where, key), where, registry)
        elif key == "rules":
            out[attr] = _rule_options(_table(value, where, key), where, registry)
    return out


def _thresholds(table: Mapping[str, Any], where: str) -> dict[str, float]:
    from linter.thresholds import Thresholds

    return dict(Thresholds.parse(table, where).limits)


def _per_file_ignores(
    table: Mapping[str, Any], where: str, registry: Mapping[str, type[Rule]]
) -> tuple[tuple[str, frozenset[str]], ...]:
    out = []
    for pattern, selectors in table.items():
        key = f'per-file-ignores."{pattern}"'
        selectors = _strings(selectors, where, key)
        _check_selectors(selectors, registry, f"{where}: {key}", ignoring=True)
        codes = frozenset(_specificity(selectors, registry))
        out.append((pattern, codes))
    return tuple(out)


def rule_by_key(key: str, registry: Mapping[str, type[Rule]]) -> str | None:
    """The code of the rule a `[rules.KEY]` table or `scrapelint rule KEY` names."""
    if key.upper() in registry:
        return key.upper()
    for code, cls in registry.items():
        if cls.name == key:
            return code
    return None


def _rule_options(
    table: Mapping[str, Any], where: str, registry: Mapping[str, type[Rule]]
) -> Mapping[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    names = [*registry, *(cls.name for cls in registry.values())]
    for key, options in table.items():
        code = rule_by_key(key, registry)
        if code is None:
            raise ConfigError(f"{where}: [rules.{key}]: unknown rule{_hint(key, names)}")
        here = f"{where}: [rules.{key}]"
        options = _table(options, here, f"rules.{key}")
        out[code] = MappingProxyType(validate_rule_options(registry[code], options, here))
    return MappingProxyType(out)


def validate_rule_options(rule: type[Rule], options: Mapping[str, Any], where: str) -> dict:
    """Check a rule's options against its declaration without building the rule (building can be
    costly, and a disabled rule's options must be right too)."""
    known = {opt.config_key: opt for opt in rule.options}
    validated: dict[str, Any] = {}
    for key, value in options.items():
        if key == "severity":
            if value not in ("error", "warning", "info"):
                raise ConfigError(f"{where}: 'severity' must be error, warning or info")
            validated[key] = value
            continue
        opt = known.get(key)
        if opt is None:
            choices = ", ".join(["severity", *sorted(known)])
            raise ConfigError(
                f"{where}: unknown option '{key}'{_hint(key, list(known))}"
                f" (options of {rule.code}: {choices})"
            )
        opt.validate(value, where)
        # The raw value goes on: Rule.__init__ validates again and converts it itself.
        validated[key] = value
    return validated


# -- resolution ------------------------------------------------------------------------------------


def load_settings(
    registry: Mapping[str, type[Rule]],
    *,
    config_file: str | os.PathLike[str] | None = None,
    config: Mapping[str, Any] | None = None,
    isolated: bool = False,
    search_from: Sequence[str] = (),
    overrides: Mapping[str, Any] | None = None,
    cwd: str | None = None,
) -> Settings:
    """Resolve settings once.

    The config comes from `config` (a table like `[tool.scrapelint]`, for the Python API), else
    `config_file`, else the nearest config file above the first of `search_from` (the paths
    being linted) or above `cwd`; `isolated` skips the file. `overrides` are the command line's
    values, with config key names; None means "not given".
    """
    cwd = os.path.abspath(cwd or os.getcwd())
    path: Path | None = None
    table: Mapping[str, Any] = {}
    where = "config"
    if config is not None:
        table = config
    elif config_file is not None:
        path = Path(config_file)
        table, where = read_config_file(path)
    elif not isolated:
        for start in [*search_from[:1], cwd]:
            if start == "-":
                continue
            path = find_config_file(os.path.join(cwd, start))
            if path is not None:
                table, where = read_config_file(path)
                break
    root = str(path.resolve().parent) if path is not None else cwd
    file_values = parse_table(table, where, root, registry)
    cli_values = parse_table(dict(overrides or {}), "command line", cwd, registry)

    layers = tuple(
        SelectionLayer(
            origin,
            values.get("select"),
            values.get("extend_select", ()),
            values.get("ignore", ()),
        )
        for origin, values in ((where, file_values), ("command line", cli_values))
        if {"select", "extend_select", "ignore"} & values.keys()
    )
    merged: dict[str, Any] = {}
    for values in (file_values, cli_values):
        for key, value in values.items():
            if key in ("select", "extend_select", "ignore"):
                continue
            if key in ("extend_include", "extend_exclude", "per_file_ignores"):
                merged[key] = merged.get(key, ()) + value
            elif key == "rules":
                merged["rule_options"] = MappingProxyType(
                    {**merged.get("rule_options", {}), **value}
                )
            else:
                merged[key] = value
    include = merged.pop("include", DEFAULT_INCLUDE) + merged.pop("extend_include", ())
    exclude = merged.pop("exclude", DEFAULT_EXCLUDE) + merged.pop("extend_exclude", ())
    return Settings(
        config_path=str(path.resolve()) if path is not None else None,
        root=root,
        layers=layers,
        include=include,
        exclude=exclude,
        **merged,
    )


def build_rules(settings: Settings, registry: Mapping[str, type[Rule]]) -> list[Rule]:
    """Instantiate the enabled rules with their options (IN001 never runs on a document)."""
    rules = []
    for code in settings.enabled_codes(registry):
        if code in ENGINE_CODES:
            continue
        options = settings.rule_options.get(code, {})
        try:
            rules.append(registry[code](dict(options)))
        except ConfigError as exc:
            origin = settings.config_path or "settings"
            raise ConfigError(f"{origin}: {exc}") from None
    return rules
