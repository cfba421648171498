"""`sarif`: one SARIF 2.1.0 log (GitHub code scanning, VS Code's SARIF viewer), written at the end.

The run has:
- `tool.driver`: name, version (the installed distribution's), its project URL when the
  package metadata has one, and a rule descriptor for every rule with results: id (the code),
  name, short description (the summary), full description and help (the rule's documentation),
  the default level, and properties (family, scope, fixable, tags).
- `columnKind: "unicodeCodePoints"`: columns count code points, as in every scrapelint format.
- `originalUriBaseIds`: `%SRCROOT%` is the working directory; artifact URIs are relative to it
  when the file lies inside it, absolute `file:` URIs otherwise.
- one result per diagnostic: ruleId, ruleIndex, level (`error`, `warning`, `note` for info),
  message, a physical location with a region, `partialFingerprints` `{"scrapelint/v1": ...}`
  (stable across unrelated edits, never from line numbers) and, for fixable diagnostics of plain
  files, a `fixes` entry (the replacements as deleted regions and inserted text).

For a record of a JSONL or Parquet file the region is in the record's text, not in the file: the
result also has a logical location (name: the document id, fullyQualifiedName: `path#record`)
and properties `record` and `doc_id`. It carries no `fixes`, since a consumer would apply them
to the file at the wrong place; `properties.fix` says whether a fix exists.
"""

from __future__ import annotations

import inspect
import os
from importlib import metadata
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from linter.diagnostic import Diagnostic, Edit
from linter.reporters.base import Reporter, describe_fix, dumps, relative_path
from linter.runner import INPUT_ERROR_CODE
from linter.stats import Statistics

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "scrapelint/v1"


def tool_version() -> str:
    try:
        return metadata.version("scrapelint")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def information_uri() -> str | None:
    """The project's home page from the installed metadata, if it declares one."""
    try:
        meta = metadata.metadata("scrapelint")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source"):
            return url.strip()
    return meta.get("Home-page") or None


class SarifReporter(Reporter):
    def __init__(
        self,
        *args: Any,
        root: str | None = None,
        version: str | None = None,
        uri: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.root = root or os.getcwd()
        self.version = version or tool_version()
        self.information_uri = uri if uri is not None else information_uri()
        self.diagnostics: list[Diagnostic] = []

    def emit(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def finish(self, stats: Statistics) -> None:
        self.stream.write(dumps(self.log(), indent=2) + "\n")
        self.stream.flush()

    # -- building the log ----------------------------------------------------------------------

    def log(self) -> dict[str, Any]:
        codes = sorted({d.code for d in self.diagnostics})
        index = {code: i for i, code in enumerate(codes)}
        examples = {d.code: d for d in reversed(self.diagnostics)}
        driver: dict[str, Any] = {"name": "scrapelint", "version": self.version}
        if self.information_uri:
            driver["informationUri"] = self.information_uri
        driver["rules"] = [self.rule_descriptor(code, examples[code]) for code in codes]
        run = {
            "tool": {"driver": driver},
            "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(self.root)}},
            "columnKind": "unicodeCodePoints",
            "results": [self.result(d, index[d.code]) for d in self.diagnostics],
        }
        return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}

    def rule_descriptor(self, code: str, example: Diagnostic) -> dict[str, Any]:
        rule = self.rules.get(code)
        if rule is None:
            return _descriptor_without_rule(code, example)
        documentation = rule.documentation()
        return {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": documentation},
            "help": {"text": documentation},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {
                "family": rule.family,
                "scope": rule.scope,
                "fixable": rule.fixable,
                "tags": [rule.family],
            },
        }

    def result(self, diagnostic: Diagnostic, rule_index: int) -> dict[str, Any]:
        artifact = self.artifact_location(diagnostic.path)
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": artifact, "region": _region(diagnostic)}
        }
        result: dict[str, Any] = {
            "ruleId": diagnostic.code,
            "ruleIndex": rule_index,
            "level": LEVELS[diagnostic.severity],
            "message": {"text": diagnostic.message},
            "locations": [location],
        }
        if diagnostic.fingerprint:
            result["partialFingerprints"] = {FINGERPRINT_KEY: diagnostic.fingerprint}
        if diagnostic.record is not None:
            doc_id = diagnostic.doc_id if diagnostic.doc_id is not None else str(diagnostic.record)
            location["logicalLocations"] = [
                {
                    "name": doc_id,
                    "fullyQualifiedName": f"{diagnostic.path}#{diagnostic.record}",
                    "kind": "object",
                }
            ]
            result["properties"] = {
                "record": diagnostic.record,
                "doc_id": diagnostic.doc_id,
                "fix": None if diagnostic.fix is None else diagnostic.fix.applicability,
            }
        elif diagnostic.fix is not None:
            result["fixes"] = [self.fix(diagnostic, artifact)]
        return result

    def fix(self, diagnostic: Diagnostic, artifact: dict[str, Any]) -> dict[str, Any]:
        assert diagnostic.fix is not None
        return {
            "description": {"text": "; ".join(describe_fix(diagnostic))},
            "artifactChanges": [
                {
                    "artifactLocation": artifact,
                    "replacements": [_replacement(edit) for edit in diagnostic.fix.edits],
                }
            ],
        }

    def artifact_location(self, path: str) -> dict[str, str]:
        relative = relative_path(path, self.root)
        if relative is None or relative.startswith("../") or relative == "..":
            return {"uri": _file_uri(os.path.abspath(path))}
        return {"uri": quote(relative), "uriBaseId": SRCROOT}


def _descriptor_without_rule(code: str, example: Diagnostic) -> dict[str, Any]:
    """Input errors, and codes whose rule is not in the registry given to the reporter."""
    if code == INPUT_ERROR_CODE:
        summary = "An input could not be read as a document"
        help_text = inspect.cleandoc(
            """An unreadable file, invalid JSON, a record without its text field or a binary
            file. The other documents are still linted; the run exits with status 2."""
        )
    else:
        summary = example.rule
        help_text = example.rule
    return {
        "id": code,
        "name": example.rule,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[example.severity]},
    }


def _region(diagnostic: Diagnostic) -> dict[str, int]:
    line = max(diagnostic.line, 1)
    end_line = max(diagnostic.end_line, line)
    column = max(diagnostic.column, 1)
    end_column = max(diagnostic.end_column, 1)
    if end_line == line:
        end_column = max(end_column, column)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _replacement(edit: Edit) -> dict[str, Any]:
    region = {
        "startLine": max(edit.line, 1),
        "startColumn": max(edit.column, 1),
        "endLine": max(edit.end_line, 1),
        "endColumn": max(edit.end_column, 1),
    }
    return {"deletedRegion": region, "insertedContent": {"text": edit.content}}


def _file_uri(path: str) -> str:
    posix = PurePosixPath(path.replace(os.sep, "/")).as_posix()
    if not posix.startswith("/"):
        posix = "/" + posix  # a Windows drive path: file:///C:/...
    return "file://" + quote(posix, safe="/:")


def _directory_uri(path: str) -> str:
    uri = _file_uri(path)
    return uri if uri.endswith("/") else uri + "/"
