"""The library behind the CLI: settings + inputs in, `DocumentResult`s out.

`lint_items` is the one place a lint run starts (it calls `runner.run`); the CLI and the Python
API (`lint_text`, `lint_records`, `lint_paths`) all go through it, so whatever the runner learns
(parallel jobs, other engines) every entry point gets.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import IO, Any

from linter.config import SelectionLayer, Settings, build_rules, load_settings
from linter.diagnostic import Diagnostic
from linter.document import Document
from linter.errors import ConfigError
from linter.input_error import InputError, RuleFailure
from linter.rule import Rule, load_rules
from linter.runner import INPUT_ERROR_CODE, RULE_ERROR_CODE, DocumentResult, InputProblem, run
from linter.sources import STDIN, discover, iter_documents, read_path
from linter.sources.jsonl import Fields, make_document, record_id

Selectors = str | Iterable[str] | None
ConfigLike = Settings | Mapping[str, Any] | str | os.PathLike[str] | None


def load_registry() -> dict[str, type[Rule]]:
    """Every rule the CLI knows: the installed rules (built-in and plugins) plus IN001."""
    registry = load_rules()
    registry[INPUT_ERROR_CODE] = InputError
    registry[RULE_ERROR_CODE] = RuleFailure
    return dict(sorted(registry.items()))


def lint_items(
    items: Iterable[Document | InputProblem],
    settings: Settings,
    registry: Mapping[str, type[Rule]],
    rules: list[Rule] | None = None,
    *,
    jobs: int | None = None,
    learn_from: Iterable[Document | InputProblem] | None = None,
) -> Iterator[DocumentResult]:
    """Run the enabled rules over documents, then drop what `per-file-ignores` switches off.

    `jobs` (default: the settings') of 0 means one worker per CPU; the runner starts workers
    only when the input is larger than one batch."""
    if rules is None:
        rules = build_rules(settings, registry)
    jobs = settings.jobs if jobs is None else jobs
    results = run(items, rules, jobs=jobs or os.cpu_count() or 1, learn_from=learn_from)
    return _per_file_ignores(results, settings)


def _per_file_ignores(
    results: Iterable[DocumentResult], settings: Settings
) -> Iterator[DocumentResult]:
    for result in results:
        if settings.per_file_ignores and not result.input_error:
            ignored = settings.ignored_codes(result.path)
            if ignored:
                result.diagnostics = [d for d in result.diagnostics if d.code not in ignored]
        yield result


def lint_paths(
    paths: Iterable[str],
    settings: Settings,
    registry: Mapping[str, type[Rule]],
    *,
    stdin: IO[bytes] | None = None,
    stdin_filename: str | None = None,
    rules: list[Rule] | None = None,
) -> Iterator[DocumentResult]:
    """Lint files and folders (and `-` for `stdin`) as the settings say."""
    if settings.engine == "ray":
        return _lint_paths_on_ray(paths, settings, registry, rules)
    paths = list(paths)

    def read() -> Iterator[Document | InputProblem]:
        return read_paths(paths, settings, stdin=stdin, stdin_filename=stdin_filename)

    # Files can be read twice, so rules that learn from the corpus get their first pass; a
    # pipe cannot, and one piped document has no corpus to learn from anyway.
    learn_from = read() if STDIN not in paths else None
    return lint_items(read(), settings, registry, rules, learn_from=learn_from)


def read_paths(
    paths: Iterable[str],
    settings: Settings,
    *,
    stdin: IO[bytes] | None = None,
    stdin_filename: str | None = None,
) -> Iterator[Document | InputProblem]:
    """The documents under `paths`, read as the settings say (fields, include/exclude)."""
    return iter_documents(
        paths,
        settings.text_field,
        settings.id_field,
        source_field=settings.source_field,
        include=settings.include,
        exclude=settings.exclude,
        root=settings.root,
        stdin=stdin,
        stdin_filename=stdin_filename,
    )


def _lint_paths_on_ray(
    paths: Iterable[str],
    settings: Settings,
    registry: Mapping[str, type[Rule]],
    rules: list[Rule] | None,
) -> Iterator[DocumentResult]:
    """Each file is a shard that a Ray task reads and lints where it runs."""
    from linter.engines.ray import run_on_ray

    paths = list(paths)
    if STDIN in paths:
        raise ConfigError("--engine ray reads files, not standard input")
    if rules is None:
        rules = build_rules(settings, registry)
    shards = discover(paths, settings.include, settings.exclude, settings.root)
    fields = Fields(settings.text_field, settings.id_field, settings.source_field)
    reader = functools.partial(read_path, fields=fields)
    return _per_file_ignores(run_on_ray(list(shards), reader, rules), settings)


# -- the Python API --------------------------------------------------------------------------------


def _selectors(value: Selectors) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


def resolve(
    config: ConfigLike = None,
    *,
    select: Selectors = None,
    extend_select: Selectors = None,
    ignore: Selectors = None,
    registry: Mapping[str, type[Rule]] | None = None,
) -> tuple[Settings, dict[str, type[Rule]]]:
    """Settings for the Python API. `config` is a `Settings`, a table shaped like
    `[tool.scrapelint]`, a path to a config file, or None for the defaults (the API never
    searches the working directory for a config file)."""
    registry = dict(registry) if registry is not None else load_registry()
    overrides = {
        "select": _selectors(select),
        "extend-select": _selectors(extend_select),
        "ignore": _selectors(ignore),
    }
    if isinstance(config, Settings):
        extra = load_settings(registry, config={}, overrides=overrides)
        settings = dataclasses.replace(config, layers=config.layers + extra.layers)
    elif isinstance(config, Mapping):
        settings = load_settings(registry, config=config, overrides=overrides)
    elif config is not None:
        settings = load_settings(registry, config_file=config, overrides=overrides)
    else:
        settings = load_settings(registry, isolated=True, overrides=overrides)
    return settings, registry


@lru_cache(maxsize=8)
def _cached(
    config: str | None,
    select: tuple[str, ...] | None,
    extend_select: tuple[str, ...] | None,
    ignore: tuple[str, ...] | None,
) -> tuple[Settings, dict[str, type[Rule]], list[Rule]]:
    settings, registry = resolve(config, select=select, extend_select=extend_select, ignore=ignore)
    return settings, registry, build_rules(settings, registry)


def _prepare(
    config: ConfigLike, select: Selectors, extend_select: Selectors, ignore: Selectors
) -> tuple[Settings, dict[str, type[Rule]], list[Rule]]:
    # Building rules can be costly (word lists), so repeated calls with the same plain
    # arguments reuse them.
    if config is None or isinstance(config, str | os.PathLike):
        key = [_selectors(s) for s in (select, extend_select, ignore)]
        return _cached(
            os.fspath(config) if config is not None else None,
            *(tuple(k) if k is not None else None for k in key),
        )
    settings, registry = resolve(config, select=select, extend_select=extend_select, ignore=ignore)
    return settings, registry, build_rules(settings, registry)


def lint_text(
    text: str,
    *,
    select: Selectors = None,
    extend_select: Selectors = None,
    ignore: Selectors = None,
    config: ConfigLike = None,
    path: str = "<text>",
) -> list[Diagnostic]:
    """Lint one document given as a string; diagnostics in position order.

    Selectors are codes, prefixes (`"SP"`, `"DU0"`) or rule names, as on the command line.
    """
    settings, registry, rules = _prepare(config, select, extend_select, ignore)
    newline = "\r\n" if "\r\n" in text else "\n"
    document = Document(path=path, text=text.replace("\r\n", "\n"), newline=newline)
    diagnostics = [
        d for r in lint_items([document], settings, registry, rules) for d in r.diagnostics
    ]
    return sorted(diagnostics, key=Diagnostic.sort_key)


def lint_records(
    records: Iterable[Mapping[str, Any]],
    *,
    text_field: str | None = None,
    id_field: str | None = None,
    source_field: str | None = None,
    select: Selectors = None,
    extend_select: Selectors = None,
    ignore: Selectors = None,
    config: ConfigLike = None,
    path: str = "<records>",
) -> Iterator[list[Diagnostic]]:
    """Lint records (mappings with a text field); yields one list of diagnostics per record, in
    order. A record without a string text field gets one IN001 diagnostic instead. The fields
    default to the config's `text-field`, `id-field` and `source-field` ("text", "id", none).

    Records are streamed. Corpus-scope rules (enabled with e.g. `extend_select=["DU101"]`) can
    only report once every record has been seen, so with them the lists arrive at the end.
    """
    settings, registry, rules = _prepare(config, select, extend_select, ignore)
    fields = Fields(
        text_field or settings.text_field,
        id_field or settings.id_field,
        source_field or settings.source_field,
    )
    # In-process unless the config asks for workers: a data pipeline (datasets' .map) usually
    # parallelises already, and processes inside its workers would only compete.
    items = _record_items(records, path, fields)
    results = lint_items(items, settings, registry, rules, jobs=settings.jobs or 1)
    if not any(rule.scope == "corpus" for rule in rules):
        for result in results:
            yield result.diagnostics
        return
    per_record: list[list[Diagnostic]] = []
    for result in results:
        if not result.corpus:
            per_record.append(list(result.diagnostics))
        elif result.record is not None and 0 < result.record <= len(per_record):
            found = per_record[result.record - 1]
            found.extend(result.diagnostics)
            found.sort(key=Diagnostic.sort_key)
    yield from per_record


def _record_items(
    records: Iterable[Mapping[str, Any]], path: str, fields: Fields
) -> Iterator[Document | InputProblem]:
    for number, record in enumerate(records, 1):
        if not isinstance(record, Mapping):
            kind = type(record).__name__
            yield InputProblem(path, f"record is a {kind}, not a mapping", record=number)
            continue
        yield from make_document(
            record, path, number, record_id(record.get(fields.id), number), fields
        )


__all__ = [
    "SelectionLayer",
    "lint_items",
    "lint_paths",
    "lint_records",
    "lint_text",
    "load_registry",
    "resolve",
]
