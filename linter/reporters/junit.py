"""`junit`: a JUnit XML report for CI test dashboards (Jenkins, GitLab, Azure), written at the end.

One `<testsuite>` per file, in the order files first appear; one `<testcase>` per diagnostic,
named `CODE rule-name at LINE:COLUMN`, with the location (`path`, or `path#record(doc-id)` for a
record) as its class name. A finding is a `<failure>`; an input that could not be read is an
`<error>`, since nothing was tested. The element text is the concise line. `tests`, `failures`
and `errors` are counted on every suite and on `<testsuites>`; a clean run writes an empty
`<testsuites>`.

Characters that XML 1.0 cannot carry (control characters in scraped text, lone surrogates) are
written as `\\uXXXX`, so the report always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from linter.diagnostic import Diagnostic
from linter.reporters.base import Reporter, record_location
from linter.reporters.concise import header
from linter.runner import INPUT_ERROR_CODE
from linter.stats import Statistics

_NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class JunitReporter(Reporter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_path: dict[str, list[Diagnostic]] = {}

    def emit(self, diagnostic: Diagnostic) -> None:
        self.by_path.setdefault(diagnostic.path, []).append(diagnostic)

    def finish(self, stats: Statistics) -> None:
        root = ET.Element("testsuites", name="scrapelint")
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for path, diagnostics in self.by_path.items():
            suite = ET.SubElement(root, "testsuite", name=xml_text(path))
            counts = {"tests": 0, "failures": 0, "errors": 0}
            for diagnostic in sorted(diagnostics, key=Diagnostic.sort_key):
                kind = "error" if diagnostic.code == INPUT_ERROR_CODE else "failure"
                suite.append(testcase(diagnostic, kind))
                counts["tests"] += 1
                counts["failures" if kind == "failure" else "errors"] += 1
            for key, value in counts.items():
                suite.set(key, str(value))
                totals[key] += value
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root, space="  ")
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode") + "\n")
        self.stream.flush()


def testcase(diagnostic: Diagnostic, kind: str) -> ET.Element:
    case = ET.Element(
        "testcase",
        name=xml_text(
            f"{diagnostic.code} {diagnostic.rule} at {diagnostic.line}:{diagnostic.column}"
        ),
        classname=xml_text(record_location(diagnostic)),
        file=xml_text(diagnostic.path),
    )
    if diagnostic.record is None:
        case.set("line", str(diagnostic.line))
    outcome = ET.SubElement(case, kind, message=xml_text(diagnostic.message), type=diagnostic.code)
    outcome.text = xml_text(header(diagnostic))
    return case
