"""The rule API and the entry-point registry.

A rule is a small class: metadata (code, name, family, summary, severity, options), a docstring
that `scrapelint rule CODE` prints, and `check(view)` yielding `Finding`s. A corpus-scope rule
instead implements `map(view)` (per document, in any process, returning a small picklable summary;
`map_batch(views)` may summarise a batch of documents at once) and `reduce(summaries)` (once,
yielding `Diagnostic`s), so it runs the same serially, in a pool or on Ray.

Rules are discovered through the entry-point group ``scrapelint.rules``. Each entry point names a
`Rule` subclass or an iterable of them; the built-in rules register themselves the same way.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any, ClassVar, Literal, NamedTuple

from linter.diagnostic import Diagnostic, Edit, Finding, Fix, Severity
from linter.document import DocumentView
from linter.errors import ConfigError, PluginError

ENTRY_POINT_GROUP = "scrapelint.rules"
CODE_RE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Option:
    """One typed rule option. In config it is spelled in kebab-case (`min-words`); in Python the
    rule reads it as an attribute in snake_case (`self.min_words`)."""

    name: str
    default: Any
    description: str
    type: type | tuple[type, ...] | None = None  # None: the type of `default`

    @property
    def config_key(self) -> str:
        return self.name.replace("_", "-")

    def validate(self, value: Any, where: str) -> Any:
        expected = self.type or type(self.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(expected, type) and expected is not bool and isinstance(value, bool):
            raise ConfigError(f"{where}: option '{self.config_key}' must be {_type_name(expected)}")
        if not isinstance(value, expected):
            raise ConfigError(
                f"{where}: option '{self.config_key}' must be {_type_name(expected)},"
                f" not {type(value).__name__} ({value!r})"
            )
        if isinstance(value, list):
            value = tuple(value)
        return value


def _type_name(expected: type | tuple[type, ...]) -> str:
    if isinstance(expected, tuple):
        return " or ".join(t.__name__ for t in expected)
    return {list: "a list", tuple: "a list"}.get(expected, expected.__name__)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement `check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = "warning"
    enabled_by_default: ClassVar[bool] = True
    fixable: ClassVar[bool] = False
    scope: ClassVar[Literal["document", "corpus"]] = "document"
    options: ClassVar[tuple[Option, ...]] = ()
    # A rule that learns from the whole corpus before it checks (a corpus vocabulary) sets
    # this and implements learn / learned / use_learned.
    learns: ClassVar[bool] = False

    def __init__(self, config: Mapping[str, Any] | None = None) -> None:
        # Kept so a configured rule can be rebuilt in another process (see __reduce__).
        self.config: dict[str, Any] = dict(config or {})
        config = dict(self.config)
        where = f"rule {self.code}"
        self.severity = config.pop("severity", type(self).severity)
        if self.severity not in ("error", "warning", "info"):
            raise ConfigError(f"{where}: severity must be error, warning or info")
        known = {opt.config_key: opt for opt in self.options}
        for key in config:
            if key.replace("_", "-") not in known:
                choices = ", ".join(sorted(known)) or "none"
                raise ConfigError(f"{where}: unknown option '{key}' (known options: {choices})")
        for opt in self.options:
            value = config.get(opt.config_key, config.get(opt.name, opt.default))
            setattr(self, opt.name, opt.validate(value, where))
        self.setup()

    def __reduce__(self) -> tuple:
        # Rules travel to worker processes as (class, config, learned state) and are set up
        # again there, so whatever setup() builds (indexes, catalogues) is never pickled.
        return (_rebuild, (type(self), self.config, getattr(self, "_learned", None)))

    def setup(self) -> None:
        """Prepare whatever the options imply (compile patterns, load word lists)."""

    def prepare(self) -> None:
        """Build, before worker processes start, what every document will need (indexes, word
        lists), so forked workers share one copy instead of each building its own. Called only
        for parallel runs: a one-file run keeps its lazy start-up."""

    def check(self, view: DocumentView) -> Iterator[Finding]:
        raise NotImplementedError

    # -- corpus scope --------------------------------------------------------------------------

    def map(self, view: DocumentView) -> Any:
        """Corpus rules: a small picklable summary of one document (hashes, counts, candidates)."""
        raise NotImplementedError

    def map_batch(self, views: Sequence[DocumentView]) -> list[Any]:
        """Corpus rules: `map` of each view, in order. The runner hands a rule a batch of
        documents at once, so that a rule whose map is mostly per-call overhead (many small
        numpy operations per document) can summarise them together; an override must return
        exactly what `map` returns for each view."""
        return [self.map(view) for view in views]

    def reduce(self, summaries: Iterable[Any]) -> Iterator[Diagnostic]:
        """Corpus rules: turn every document's summary, in input order, into diagnostics."""
        raise NotImplementedError

    # -- learning from the corpus (rules with learns = True) ----------------------------------

    def learn(self, view: DocumentView) -> Any:
        """A small picklable summary of one document for the learning pass."""
        raise NotImplementedError

    def learned(self, summaries: Iterable[Any]) -> Any:
        """Every document's summary, in input order, turned into a picklable state."""
        raise NotImplementedError

    def use_learned(self, state: Any) -> None:
        """Adopt a state from `learned` (also called when the rule is rebuilt in a worker)."""
        self._learned = state

    # -- helpers -------------------------------------------------------------------------------

    def diagnostic(self, view: DocumentView, finding: Finding) -> Diagnostic:
        """Locate a finding in its document: the one place offsets become lines and columns."""
        return locate(self, view, finding)

    def anchor(self, view: DocumentView, start: int, end: int) -> Anchor:
        """Corpus rules: a located, picklable span to keep in a summary and report at reduce."""
        located = locate(self, view, Finding(start, end, ""))
        return Anchor(
            located.path,
            located.doc_id,
            located.record,
            located.line,
            located.column,
            located.end_line,
            located.end_column,
            located.start,
            located.end,
            located.fingerprint,
            located.source,
        )

    def diagnostic_at(self, anchor: Anchor, message: str) -> Diagnostic:
        """Corpus rules: the diagnostic for an anchor taken during map."""
        return Diagnostic(
            code=self.code,
            rule=self.name,
            severity=self.severity,
            message=message,
            path=anchor.path,
            line=anchor.line,
            column=anchor.column,
            end_line=anchor.end_line,
            end_column=anchor.end_column,
            start=anchor.start,
            end=anchor.end,
            doc_id=anchor.doc_id,
            record=anchor.record,
            fingerprint=anchor.fingerprint,
            source=anchor.source,
        )

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return {opt.config_key: opt.default for opt in cls.options}


class Anchor(NamedTuple):
    path: str
    doc_id: str | None
    record: int | None
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    fingerprint: str
    source: str | None = None

    @property
    def document(self) -> str:
        """How a message names this document to a person."""
        if self.record is None:
            return self.path
        label = f"record {self.record}"
        if self.doc_id is not None and self.doc_id != str(self.record):
            label += f" (id {self.doc_id})"
        return label


def _rebuild(cls: type[Rule], config: dict[str, Any], learned: Any) -> Rule:
    rule = cls(config)
    if learned is not None:
        rule.use_learned(learned)
    return rule


FINGERPRINT_CONTEXT = 16


def fingerprint(code: str, identity: str, text: str, start: int, end: int) -> str:
    """Stable across unrelated edits: the code, the document and the matched text with a little
    context on each side; never line numbers."""
    before = text[max(0, start - FINGERPRINT_CONTEXT) : start]
    after = text[end : end + FINGERPRINT_CONTEXT]
    raw = "\0".join((code, identity, before, text[start:end], after))
    return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def locate(rule: Rule, view: DocumentView, finding: Finding) -> Diagnostic:
    doc = view.document
    text = view.text
    start = max(0, min(finding.start, len(text)))
    end = max(start, min(finding.end, len(text)))
    line, column = view.position(start)
    end_line, end_column = view.position(end)
    fix = finding.fix
    if fix is not None:
        fix = Fix(fix.applicability, tuple(_locate_edit(view, e) for e in fix.edits))
    identity = doc.doc_id if doc.doc_id is not None else doc.path
    return Diagnostic(
        code=rule.code,
        rule=rule.name,
        severity=finding.severity or rule.severity,
        message=finding.message,
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        doc_id=doc.doc_id,
        record=doc.record,
        fix=fix,
        fingerprint=fingerprint(rule.code, identity, text, start, end),
        source_line=_line_text(view, line),
        source=doc.source,
    )


def _line_text(view: DocumentView, line: int) -> str:
    """The text of a 1-based line, cut from the text: building `view.lines` for one line would
    cost a corpus rule's map more than its own work."""
    start = view.line_starts[line - 1]
    end = view.text.find("\n", start)
    return view.text[start:] if end == -1 else view.text[start:end]


def _locate_edit(view: DocumentView, edit: Edit) -> Edit:
    line, column = view.position(edit.start)
    end_line, end_column = view.position(edit.end)
    return Edit(edit.start, edit.end, edit.content, line, column, end_line, end_column)


# -- registry ----------------------------------------------------------------------------------


def _installed_entry_points() -> list[metadata.EntryPoint]:
    """Entry points of installed distributions only: a `python -m` run puts the working directory
    on sys.path, and a plugin must never be picked up from wherever the user happens to stand."""
    cwd = os.getcwd()
    paths = [p for p in sys.path if p and os.path.abspath(p) != cwd]
    seen: set[tuple[str, str]] = set()
    found = []
    for dist in metadata.distributions(path=paths):
        for ep in dist.entry_points:
            if ep.group == ENTRY_POINT_GROUP and (ep.name, ep.value) not in seen:
                seen.add((ep.name, ep.value))
                found.append(ep)
    return found


def validate_rule_class(rule: Any, origin: str) -> type[Rule]:
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise PluginError(f"{origin}: {rule!r} is not a scrapelint Rule subclass")
    for attr in ("code", "name", "family", "summary"):
        if not isinstance(getattr(rule, attr, None), str):
            raise PluginError(f"{origin}: rule {rule.__name__} has no '{attr}'")
    if not CODE_RE.match(rule.code):
        raise PluginError(f"{origin}: rule code {rule.code!r} must look like ABC123")
    if not NAME_RE.match(rule.name):
        raise PluginError(f"{origin}: rule name {rule.name!r} must be kebab-case")
    if rule.scope not in ("document", "corpus"):
        raise PluginError(f"{origin}: rule {rule.code} has unknown scope {rule.scope!r}")
    return rule


def load_rules(entry_points: Iterable[metadata.EntryPoint] | None = None) -> dict[str, type[Rule]]:
    """Every registered rule class by code, in code order. Conflicting codes or names are errors."""
    registry: dict[str, type[Rule]] = {}
    names: dict[str, str] = {}
    for ep in entry_points if entry_points is not None else _installed_entry_points():
        origin = f"entry point '{ep.name} = {ep.value}'"
        try:
            loaded = ep.load()
        except Exception as exc:  # a broken plugin must not look like a scrapelint crash
            raise PluginError(f"{origin} failed to load: {exc}") from exc
        candidates = [loaded] if isinstance(loaded, type) else list(loaded)
        for candidate in candidates:
            rule = validate_rule_class(candidate, origin)
            existing = registry.get(rule.code)
            if existing is not None and existing is not rule:
                raise PluginError(f"{origin}: rule code {rule.code} is already taken")
            if names.get(rule.name, rule.code) != rule.code:
                raise PluginError(f"{origin}: rule name {rule.name} is already taken")
            registry[rule.code] = rule
            names[rule.name] = rule.code
    return dict(sorted(registry.items()))
