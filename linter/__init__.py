"""scrapelint's engine: documents, the rule API, config, sources, runner, reporters and the CLI.

The Python API, importable without loading any rule until it is used:

    from linter import lint_text, lint_records
    for d in lint_text("Both surrounding\\u00a0 Iran and the region.", select=["WS"]):
        print(d.code, d.line, d.column, d.message)

`lint_text(text, *, select=None, extend_select=None, ignore=None, config=None)` returns a list of
`Diagnostic`s; `lint_records(records, *, text_field="text", id_field="id", ...)` yields one list
per record. `config` is a `Settings`, a mapping shaped like `[tool.scrapelint]`, or a path to a
config file. Names are loaded on first use (PEP 562), so `import linter` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from linter.api import lint_items, lint_paths, lint_records, lint_text, load_registry
    from linter.config import Settings, load_settings
    from linter.diagnostic import Diagnostic, Edit, Finding, Fix
    from linter.document import Document, DocumentView
    from linter.errors import ConfigError, PluginError, ScrapelintError
    from linter.rule import Option, Rule

_EXPORTS = {
    "lint_text": "linter.api",
    "lint_records": "linter.api",
    "lint_paths": "linter.api",
    "lint_items": "linter.api",
    "load_registry": "linter.api",
    "Settings": "linter.config",
    "load_settings": "linter.config",
    "Diagnostic": "linter.diagnostic",
    "Edit": "linter.diagnostic",
    "Finding": "linter.diagnostic",
    "Fix": "linter.diagnostic",
    "Document": "linter.document",
    "DocumentView": "linter.document",
    "ConfigError": "linter.errors",
    "PluginError": "linter.errors",
    "ScrapelintError": "linter.errors",
    "Option": "linter.rule",
    "Rule": "linter.rule",
}

__all__ = [
    "ConfigError",
    "Diagnostic",
    "Document",
    "DocumentView",
    "Edit",
    "Finding",
    "Fix",
    "Option",
    "PluginError",
    "Rule",
    "ScrapelintError",
    "Settings",
    "lint_items",
    "lint_paths",
    "lint_records",
    "lint_text",
    "load_registry",
    "load_settings",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'linter' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
