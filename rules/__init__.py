"""The built-in rules: one module per rule (or small family), plus data/ for catalogues.

They are registered through the same ``scrapelint.rules`` entry point that third-party packages
use (see pyproject.toml): `BUILTIN_RULES` is what that entry point names. Every Rule subclass
with a code defined in a module of this package is built in; nothing else needs registering.
"""

from __future__ import annotations

import importlib
import pkgutil

from linter.rule import Rule


def _discover() -> list[type[Rule]]:
    found: dict[str, type[Rule]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value.__module__ == module.__name__
                and "code" in vars(value)
            ):
                found[value.code] = value
    return [found[code] for code in sorted(found)]


BUILTIN_RULES: list[type[Rule]] = _discover()
