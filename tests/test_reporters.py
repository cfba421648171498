"""Every output format on exact output, from one fixed, hand-built list of diagnostics."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from linter.diagnostic import Diagnostic, Edit, Fix
from linter.document import Document
from linter.reporters import FORMATS, get_reporter
from linter.reporters.base import describe_edit, quote
from linter.reporters.full import snippet
from linter.reporters.sarif import SarifReporter
from linter.rule import Rule
from linter.runner import lint_document
from linter.stats import Statistics
from rules.whitespace import IrregularWhitespace

SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0.json"


class Furniture(Rule):
    """Flags page furniture.

    Bad:
        Advertisement

    Good:
        The talks ended.
    """

    code = "BP001"
    name = "boilerplate-line"
    family = "boilerplate"
    summary = "A line of page furniture"
    severity = "error"


class Spaces(Rule):
    """Flags doubled spaces."""

    code = "WS002"
    name = "irregular-whitespace"
    family = "layout"
    summary = "Doubled spaces"
    fixable = True


RULES = {"BP001": Furniture, "WS002": Spaces}


def diag(**fields) -> Diagnostic:
    base = dict(
        code="WS002",
        rule="irregular-whitespace",
        severity="warning",
        message="2 spaces between words",
        path="notes.txt",
        line=2,
        column=17,
        end_line=2,
        end_column=19,
        fingerprint="f00d",
        source_line="Both surrounding  Iran and the region.",
    )
    base.update(fields)
    return Diagnostic(**base)


def edit(line: int, column: int, end_line: int, end_column: int, content: str) -> Edit:
    return Edit(0, 0, content, line, column, end_line, end_column)


SPACES = diag(fix=Fix.safe(edit(2, 17, 2, 19, " ")))
FURNITURE = diag(
    code="BP001",
    rule="boilerplate-line",
    severity="error",
    message='Page furniture: "Advertisement"',
    path="data.jsonl",
    record=3,
    doc_id="doc-7",
    line=5,
    column=1,
    end_line=5,
    end_column=14,
    fingerprint="beef",
    source_line="Advertisement",
)
# An info diagnostic whose span runs onto the next line, with an unsafe insertion.
TRUNCATED = diag(
    code="TR001",
    rule="truncated-sentence",
    severity="info",
    message="Sentence ends without punctuation",
    line=4,
    column=5,
    end_line=5,
    end_column=3,
    fingerprint="cafe",
    source_line="The talks ended on",
    fix=Fix.unsafe(edit(4, 19, 4, 19, ".")),
)
DIAGNOSTICS = [SPACES, TRUNCATED, FURNITURE]


def render(fmt: str, diagnostics: list[Diagnostic], **options) -> str:
    stream = io.StringIO()
    reporter = get_reporter(fmt, stream, RULES, **options)
    reporter.start()
    for diagnostic in diagnostics:
        reporter.emit(diagnostic)
    reporter.finish(Statistics())
    return stream.getvalue()


# -- concise -------------------------------------------------------------------------------------

CONCISE = """\
notes.txt:2:17: warning: WS002 [*] 2 spaces between words
notes.txt:4:5: warning: TR001 Sentence ends without punctuation
data.jsonl#3(doc-7):5:1: error: BP001 Page furniture: "Advertisement"
Found 3 problems (1 fixable with --fix).
"""

# VS Code's $gcc problem matcher.
GCC_RE = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")


def test_concise_exact() -> None:
    assert render("concise", DIAGNOSTICS) == CONCISE


def test_concise_colour() -> None:
    assert render("concise", [SPACES, FURNITURE], color=True) == (
        "\x1b[1mnotes.txt:2:17:\x1b[0m \x1b[1m\x1b[33mwarning:\x1b[0m \x1b[1mWS002\x1b[0m [*]"
        " 2 spaces between words\n"
        "\x1b[1mdata.jsonl#3(doc-7):5:1:\x1b[0m \x1b[1m\x1b[31merror:\x1b[0m \x1b[1mBP001\x1b[0m"
        ' Page furniture: "Advertisement"\n'
        "Found 2 problems (1 fixable with --fix).\n"
    )


def test_concise_show_fixes() -> None:
    assert render("concise", [SPACES, TRUNCATED], show_fixes=True) == (
        'notes.txt:2:17: warning: WS002 [*] 2 spaces between words (fix: replace "  " with " ")\n'
        "notes.txt:4:5: warning: TR001 Sentence ends without punctuation"
        ' (fix: insert "." at 4:19 (unsafe))\n'
        "Found 2 problems (1 fixable with --fix).\n"
    )


def test_concise_clean_run_prints_nothing() -> None:
    assert render("concise", []) == ""


@pytest.mark.parametrize(
    ("diagnostic", "location", "line", "column", "severity", "message"),
    [
        (SPACES, "notes.txt", "2", "17", "warning", "WS002 [*] 2 spaces between words"),
        (TRUNCATED, "notes.txt", "4", "5", "warning", "TR001 Sentence ends without punctuation"),
        (
            FURNITURE,
            "data.jsonl#3(doc-7)",
            "5",
            "1",
            "error",
            'BP001 Page furniture: "Advertisement"',
        ),
        # The id is the record number: no parenthesis.
        (diag(record=9, doc_id="9"), "notes.txt#9", "2", "17", "warning", None),
        (diag(record=9, doc_id=None), "notes.txt#9", "2", "17", "warning", None),
        # Colons and digits in an id do not move the line number.
        (diag(record=2, doc_id="urn:12:34"), "notes.txt#2(urn:12:34)", "2", "17", "warning", None),
        (
            diag(record=2, doc_id="https://x.org:8080/a"),
            "notes.txt#2(https://x.org:8080/a)",
            "2",
            "17",
            "warning",
            None,
        ),
        # A newline in an id or message is escaped: still one line.
        (
            diag(record=2, doc_id="a\nb", message="x\ny"),
            "notes.txt#2(a\\nb)",
            "2",
            "17",
            "warning",
            "WS002 x\\ny",
        ),
        (diag(path="C:\\data\\notes.txt"), "C:\\data\\notes.txt", "2", "17", "warning", None),
    ],
)
def test_concise_lines_parse_with_the_gcc_matcher(
    diagnostic: Diagnostic,
    location: str,
    line: str,
    column: str,
    severity: str,
    message: str | None,
) -> None:
    output = render("concise", [diagnostic]).splitlines()
    assert len(output) == 2
    match = GCC_RE.match(output[0])
    assert match is not None
    assert match.groups()[:4] == (location, line, column, severity)
    if message is not None:
        assert match.group(5) == message
    assert GCC_RE.match(output[1]) is None  # the summary is no diagnostic


def test_concise_escapes_terminal_controls() -> None:
    line = render("concise", [diag(message="bell\x07 and \x1b[31mred\u2028")]).splitlines()[0]
    assert line == "notes.txt:2:17: warning: WS002 bell\\u0007 and \\u001b[31mred\\u2028"


# -- full ----------------------------------------------------------------------------------------

FULL = """\
notes.txt:2:17: warning: WS002 [*] 2 spaces between words
 2 | Both surrounding  Iran and the region.
   |                 ^^
   = help: replace "  " with " "

notes.txt:4:5: warning: TR001 Sentence ends without punctuation
 4 | The talks ended on
   |     ^^^^^^^^^^^^^^
   = help: insert "." at 4:19 (unsafe)

data.jsonl#3(doc-7):5:1: error: BP001 Page furniture: "Advertisement"
 5 | Advertisement
   | ^^^^^^^^^^^^^

Found 3 problems (1 fixable with --fix).
"""


def test_full_exact() -> None:
    assert render("full", DIAGNOSTICS) == FULL


def test_full_colour() -> None:
    assert render("full", [SPACES], color=True) == (
        "\x1b[1mnotes.txt:2:17:\x1b[0m \x1b[1m\x1b[33mwarning:\x1b[0m \x1b[1mWS002\x1b[0m [*]"
        " 2 spaces between words\n"
        "\x1b[1m\x1b[34m 2 |\x1b[0m Both surrounding  Iran and the region.\n"
        "\x1b[1m\x1b[34m   |\x1b[0m" + " " * 17 + "\x1b[1m\x1b[33m^^\x1b[0m\n"
        '   \x1b[1m\x1b[34m=\x1b[0m \x1b[1m\x1b[36mhelp:\x1b[0m replace "  " with " "\n'
        "\n"
        "Found 1 problem (1 fixable with --fix).\n"
    )


def test_full_without_source_line_shows_no_snippet() -> None:
    problem = diag(
        code="IN001",
        rule="input-error",
        severity="error",
        message="Bad JSON",
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        source_line="",
    )
    assert render("full", [problem]) == (
        "notes.txt:1:1: error: IN001 Bad JSON\n\nFound 1 problem.\n"
    )


def test_full_clean_run_prints_nothing() -> None:
    assert render("full", []) == ""


# (source line, column, end column on the same line, expected text, expected carets line)
SNIPPET_CASES = [
    ("a\tb  c", 4, 6, "a    b  c", "      ^^"),
    ("東京  x", 3, 5, "東京  x", "    ^^"),
    ("e\u0301  x", 3, 5, "e\u0301  x", " ^^"),
    ("a\u200bb", 2, 3, "a<U+200B>b", " ^^^^^^^^"),
    ("a\x00b", 2, 3, "a<U+0000>b", " ^^^^^^^^"),
    ("a\u00a0b", 2, 3, "a b", " ^"),
    ("abc", 4, 4, "abc", "   ^"),  # an empty span at the end of the line: one caret
]


@pytest.mark.parametrize(("source", "column", "end_column", "text", "carets"), SNIPPET_CASES)
def test_full_snippet_alignment(
    source: str, column: int, end_column: int, text: str, carets: str
) -> None:
    d = diag(source_line=source, line=1, column=column, end_line=1, end_column=end_column)
    shown, before, span = snippet(d)
    assert (shown, " " * before + "^" * span) == (text, carets)


def test_full_cuts_long_lines_around_the_span() -> None:
    source = "x" * 150 + "  " + "y" * 150
    d = diag(source_line=source, line=1, column=151, end_line=1, end_column=153)
    shown, before, span = snippet(d)
    assert shown == "…" + "x" * 30 + "  " + "y" * 68 + "…"
    assert (before, span) == (31, 2)
    near_end = diag(source_line=source, line=1, column=300, end_line=1, end_column=302)
    shown, before, span = snippet(near_end)
    assert shown == "…" + "y" * 100
    assert (before, span) == (98, 2)


# -- fix descriptions ------------------------------------------------------------------------------

# (edit, expected words); the diagnostic's line 2 is "Both surrounding  Iran and the region."
EDIT_CASES = [
    (edit(2, 17, 2, 19, " "), 'replace "  " with " "'),
    (edit(2, 1, 2, 6, ""), 'delete "Both "'),
    (edit(2, 39, 2, 39, "!"), 'insert "!" at 2:39'),
    (edit(2, 39, 3, 1, " "), 'replace "\\n" with " "'),
    (edit(2, 33, 3, 1, ""), 'delete "egion.\\n"'),
    (edit(3, 1, 3, 5, "x"), 'replace the text at 3:1-3:5 with "x"'),
    (edit(2, 30, 4, 2, ""), "delete the text at 2:30-4:2"),
    (edit(2, 17, 2, 18, "\u00a0"), 'replace " " with "\\u00a0"'),
    # From the line break before: recognised by the edit's length in characters.
    (Edit(100, 105, "", 1, 40, 2, 5), 'delete "\\nBoth"'),
    (Edit(90, 105, "", 1, 30, 2, 5), "delete the text at 1:30-2:5"),
]


@pytest.mark.parametrize(("change", "words"), EDIT_CASES)
def test_describe_edit(change: Edit, words: str) -> None:
    assert describe_edit(change, SPACES) == words


def test_quote_shortens_long_spans_to_their_ends() -> None:
    text = "The roof of the Victorian market hall will be replaced this autumn.\n"
    assert quote(text) == '"The roof of the Victorian market hall w…placed this autumn.\\n"'
    assert quote(text, limit=None) == '"' + text[:-1] + '\\n"'
    assert quote("x" * 60) == '"' + "x" * 60 + '"'


def test_quote_escapes_what_cannot_be_seen() -> None:
    assert quote('a"\\\t\u200b\u2003 \U000e0001é') == '"a\\"\\\\\\t\\u200b\\u2003 \\U000e0001é"'


# -- json and jsonl ------------------------------------------------------------------------------


def test_json_exact() -> None:
    assert (
        render("json", [SPACES, FURNITURE])
        == """\
[
  {
    "path": "notes.txt",
    "doc_id": null,
    "record": null,
    "line": 2,
    "column": 17,
    "end_line": 2,
    "end_column": 19,
    "code": "WS002",
    "rule": "irregular-whitespace",
    "severity": "warning",
    "message": "2 spaces between words",
    "fix": {
      "applicability": "safe",
      "edits": [
        {
          "line": 2,
          "column": 17,
          "end_line": 2,
          "end_column": 19,
          "content": " "
        }
      ]
    },
    "fingerprint": "f00d"
  },
  {
    "path": "data.jsonl",
    "doc_id": "doc-7",
    "record": 3,
    "line": 5,
    "column": 1,
    "end_line": 5,
    "end_column": 14,
    "code": "BP001",
    "rule": "boilerplate-line",
    "severity": "error",
    "message": "Page furniture: \\"Advertisement\\"",
    "fix": null,
    "fingerprint": "beef"
  }
]
"""
    )


def test_json_empty_is_an_empty_array() -> None:
    assert render("json", []) == "[]\n"


def test_json_round_trips_to_dicts() -> None:
    assert json.loads(render("json", DIAGNOSTICS)) == [d.to_dict() for d in DIAGNOSTICS]


JSONL = (
    '{"path": "notes.txt", "doc_id": null, "record": null, "line": 2, "column": 17,'
    ' "end_line": 2, "end_column": 19, "code": "WS002", "rule": "irregular-whitespace",'
    ' "severity": "warning", "message": "2 spaces between words", "fix": {"applicability":'
    ' "safe", "edits": [{"line": 2, "column": 17, "end_line": 2, "end_column": 19, "content":'
    ' " "}]}, "fingerprint": "f00d"}\n'
    '{"path": "data.jsonl", "doc_id": "doc-7", "record": 3, "line": 5, "column": 1,'
    ' "end_line": 5, "end_column": 14, "code": "BP001", "rule": "boilerplate-line",'
    ' "severity": "error", "message": "Page furniture: \\"Advertisement\\"", "fix": null,'
    ' "fingerprint": "beef"}\n'
)


def test_jsonl_exact() -> None:
    assert render("jsonl", [SPACES, FURNITURE]) == JSONL


def test_jsonl_empty() -> None:
    assert render("jsonl", []) == ""


class CountingStream(io.StringIO):
    flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


def test_jsonl_streams_and_flushes_each_line() -> None:
    stream = CountingStream()
    reporter = get_reporter("jsonl", stream, RULES)
    reporter.start()
    reporter.emit(SPACES)
    assert stream.getvalue() == JSONL.splitlines(keepends=True)[0]
    assert stream.flushes == 1
    reporter.emit(FURNITURE)
    assert stream.flushes == 2


def test_json_formats_keep_text_readable_and_survive_lone_surrogates() -> None:
    readable = render("jsonl", [diag(message="Überschrift «x»")])
    assert '"message": "Überschrift «x»"' in readable
    broken = render("jsonl", [diag(record=1, doc_id="id-\ud800")])
    assert '"doc_id": "id-\\ud800"' in broken
    broken.encode("utf-8")  # writable to any UTF-8 stream
    assert json.loads(broken)["doc_id"] == "id-\ud800"


# -- sarif ---------------------------------------------------------------------------------------


def sarif(diagnostics: list[Diagnostic], root: str = "/repo") -> dict:
    stream = io.StringIO()
    reporter = SarifReporter(stream, RULES, root=root, version="1.2.3", uri="https://example.org/s")
    for diagnostic in diagnostics:
        reporter.emit(diagnostic)
    reporter.finish(Statistics())
    text = stream.getvalue()
    assert text.endswith("}\n")
    return json.loads(text)


def validate(log: dict) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    return [error.message for error in validator.iter_errors(log)]


def test_sarif_exact() -> None:
    assert sarif([SPACES, FURNITURE]) == {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "scrapelint",
                        "version": "1.2.3",
                        "informationUri": "https://example.org/s",
                        "rules": [
                            {
                                "id": "BP001",
                                "name": "boilerplate-line",
                                "shortDescription": {"text": "A line of page furniture"},
                                "fullDescription": {"text": Furniture.documentation()},
                                "help": {"text": Furniture.documentation()},
                                "defaultConfiguration": {"level": "error"},
                                "properties": {
                                    "family": "boilerplate",
                                    "scope": "document",
                                    "fixable": False,
                                    "tags": ["boilerplate"],
                                },
                            },
                            {
                                "id": "WS002",
                                "name": "irregular-whitespace",
                                "shortDescription": {"text": "Doubled spaces"},
                                "fullDescription": {"text": "Flags doubled spaces."},
                                "help": {"text": "Flags doubled spaces."},
                                "defaultConfiguration": {"level": "warning"},
                                "properties": {
                                    "family": "layout",
                                    "scope": "document",
                                    "fixable": True,
                                    "tags": ["layout"],
                                },
                            },
                        ],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///repo/"}},
                "columnKind": "unicodeCodePoints",
                "results": [
                    {
                        "ruleId": "WS002",
                        "ruleIndex": 1,
                        "level": "warning",
                        "message": {"text": "2 spaces between words"},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {
                                        "uri": "notes.txt",
                                        "uriBaseId": "%SRCROOT%",
                                    },
                                    "region": {
                                        "startLine": 2,
                                        "startColumn": 17,
                                        "endLine": 2,
                                        "endColumn": 19,
                                    },
                                }
                            }
                        ],
                        "partialFingerprints": {"scrapelint/v1": "f00d"},
                        "fixes": [
                            {
                                "description": {"text": 'replace "  " with " "'},
                                "artifactChanges": [
                                    {
                                        "artifactLocation": {
                                            "uri": "notes.txt",
                                            "uriBaseId": "%SRCROOT%",
                                        },
                                        "replacements": [
                                            {
                                                "deletedRegion": {
                                                    "startLine": 2,
                                                    "startColumn": 17,
                                                    "endLine": 2,
                                                    "endColumn": 19,
                                                },
                                                "insertedContent": {"text": " "},
                                            }
                                        ],
                                    }
                                ],
                            }
                        ],
                    },
                    {
                        "ruleId": "BP001",
                        "ruleIndex": 0,
                        "level": "error",
                        "message": {"text": 'Page furniture: "Advertisement"'},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {
                                        "uri": "data.jsonl",
                                        "uriBaseId": "%SRCROOT%",
                                    },
                                    "region": {
                                        "startLine": 5,
                                        "startColumn": 1,
                                        "endLine": 5,
                                        "endColumn": 14,
                                    },
                                },
                                "logicalLocations": [
                                    {
                                        "name": "doc-7",
                                        "fullyQualifiedName": "data.jsonl#3",
                                        "kind": "object",
                                    }
                                ],
                            }
                        ],
                        "partialFingerprints": {"scrapelint/v1": "beef"},
                        "properties": {"record": 3, "doc_id": "doc-7", "fix": None},
                    },
                ],
            }
        ],
    }


def test_sarif_text_is_indented_json() -> None:
    stream = io.StringIO()
    reporter = SarifReporter(stream, RULES, root="/repo", version="1.2.3", uri="")
    reporter.finish(Statistics())
    assert (
        stream.getvalue()
        == """\
{
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "scrapelint",
          "version": "1.2.3",
          "rules": []
        }
      },
      "originalUriBaseIds": {
        "%SRCROOT%": {
          "uri": "file:///repo/"
        }
      },
      "columnKind": "unicodeCodePoints",
      "results": []
    }
  ]
}
"""
    )


INPUT_ERROR = diag(
    code="IN001",
    rule="input-error",
    severity="error",
    message="Bad JSON",
    path="/repo/in/data.jsonl",
    record=4,
    doc_id=None,
    line=1,
    column=1,
    end_line=1,
    end_column=1,
    fingerprint="",
    source_line="",
)
UNKNOWN_RULE = diag(
    code="XX900",
    rule="plugin-rule",
    severity="info",
    path="/elsewhere/a b.txt",
    fix=Fix.safe(edit(2, 17, 2, 19, ""), edit(3, 1, 3, 1, "x")),
)


def test_sarif_validates_against_the_schema() -> None:
    log = sarif([*DIAGNOSTICS, INPUT_ERROR, UNKNOWN_RULE])
    assert validate(log) == []
    results = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["BP001", "IN001", "TR001", "WS002", "XX900"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("WS002", 3, "warning"),
        ("TR001", 2, "note"),
        ("BP001", 0, "error"),
        ("IN001", 1, "error"),
        ("XX900", 4, "note"),
    ]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    assert locations[3] == {"uri": "in/data.jsonl", "uriBaseId": "%SRCROOT%"}
    assert locations[4] == {"uri": "file:///elsewhere/a%20b.txt"}
    assert "partialFingerprints" not in results[3]  # no fingerprint, no entry
    assert results[1]["fixes"][0]["description"] == {"text": 'insert "." at 4:19 (unsafe)'}
    replacements = results[4]["fixes"][0]["artifactChanges"][0]["replacements"]
    assert [r["insertedContent"]["text"] for r in replacements] == ["", "x"]
    assert rules[1]["shortDescription"] == {"text": "An input could not be read as a document"}
    assert rules[4]["defaultConfiguration"] == {"level": "note"}


def test_sarif_schema_check_can_fail() -> None:
    log = sarif([SPACES])
    log["runs"][0]["results"][0]["level"] = "info"
    log["runs"][0]["columnKind"] = "codePoints"
    assert len(validate(log)) == 2


def test_sarif_from_a_real_rule_run_validates() -> None:
    text = "Both surrounding  Iran\u00a0 and the\u200b region.\n"
    diagnostics = lint_document(Document("notes.txt", text), [IrregularWhitespace()])
    assert len(diagnostics) == 3
    stream = io.StringIO()
    reporter = get_reporter("sarif", stream, {"WS002": IrregularWhitespace})
    for diagnostic in diagnostics:
        reporter.emit(diagnostic)
    reporter.finish(Statistics())
    log = json.loads(stream.getvalue())
    assert validate(log) == []
    assert log["runs"][0]["tool"]["driver"]["version"]


# -- github --------------------------------------------------------------------------------------


def test_github_exact() -> None:
    assert render("github", DIAGNOSTICS) == (
        "::warning file=notes.txt,line=2,col=17,endLine=2,endColumn=19,title=WS002"
        "::2 spaces between words\n"
        "::notice file=notes.txt,line=4,endLine=5,title=TR001::Sentence ends without punctuation\n"
        "::error file=data.jsonl,title=BP001"
        '::record 3 (doc-7), line 5, column 1: Page furniture: "Advertisement"\n'
    )


def test_github_escaping() -> None:
    tricky = diag(path="dir,1/a:b%.txt", message="50% done\r\nnext: a, b")
    assert render("github", [tricky]) == (
        "::warning file=dir%2C1/a%3Ab%25.txt,line=2,col=17,endLine=2,endColumn=19,title=WS002"
        "::50%25 done%0D%0Anext: a, b\n"
    )
    record = diag(record=2, doc_id="a,b:c", message="x")
    assert render("github", [record]) == (
        "::warning file=notes.txt,title=WS002::record 2 (a,b:c), line 2, column 17: x\n"
    )


def test_github_relative_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    inside = diag(path=str(tmp_path / "docs" / "a.txt"))
    assert render("github", [inside]).startswith("::warning file=docs/a.txt,line=2,")


def test_github_empty() -> None:
    assert render("github", []) == ""


# -- junit ---------------------------------------------------------------------------------------

JUNIT = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="scrapelint" tests="4" failures="3" errors="1">
  <testsuite name="notes.txt" tests="2" failures="2" errors="0">
    <testcase name="WS002 irregular-whitespace at 2:17" classname="notes.txt" file="notes.txt" \
line="2">
      <failure message="2 spaces between words" type="WS002">notes.txt:2:17: warning: WS002 [*] \
2 spaces between words</failure>
    </testcase>
    <testcase name="TR001 truncated-sentence at 4:5" classname="notes.txt" file="notes.txt" \
line="4">
      <failure message="Sentence ends without punctuation" type="TR001">notes.txt:4:5: warning: \
TR001 Sentence ends without punctuation</failure>
    </testcase>
  </testsuite>
  <testsuite name="data.jsonl" tests="2" failures="1" errors="1">
    <testcase name="IN001 input-error at 1:1" classname="data.jsonl#2" file="data.jsonl">
      <error message="Bad &quot;JSON&quot; &lt;here&gt;" type="IN001">data.jsonl#2:1:1: error: \
IN001 Bad "JSON" &lt;here&gt;</error>
    </testcase>
    <testcase name="BP001 boilerplate-line at 5:1" classname="data.jsonl#3(doc-7)" \
file="data.jsonl">
      <failure message="Page furniture: &quot;Advertisement&quot;" type="BP001">\
data.jsonl#3(doc-7):5:1: error: BP001 Page furniture: "Advertisement"</failure>
    </testcase>
  </testsuite>
</testsuites>
"""


def test_junit_exact() -> None:
    bad_record = diag(
        code="IN001",
        rule="input-error",
        severity="error",
        message='Bad "JSON" <here>',
        path="data.jsonl",
        record=2,
        doc_id=None,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        source_line="",
    )
    # Reverse order in: suites keep the order files first appear, cases are sorted in a suite.
    assert render("junit", [SPACES, FURNITURE, bad_record, TRUNCATED]) == JUNIT


def test_junit_empty() -> None:
    assert render("junit", []) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="scrapelint" tests="0" failures="0" errors="0" />\n'
    )


def test_junit_escapes_characters_xml_cannot_carry() -> None:
    nasty = diag(message="nul\x00 esc\x1b surrogate\ud800 ok\t", record=1, doc_id="id\x0c")
    output = render("junit", [nasty])
    root = ET.fromstring(output.split("\n", 1)[1])
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "nul\\u0000 esc\\u001b surrogate\\ud800 ok\t"
    assert root.find("testsuite/testcase").get("classname") == "notes.txt#1(id\\u000c)"


# -- the registry ---------------------------------------------------------------------------------


def test_every_format_has_a_reporter_and_writes_text() -> None:
    assert FORMATS == ("concise", "full", "json", "jsonl", "sarif", "github", "junit")
    for fmt in FORMATS:
        assert render(fmt, DIAGNOSTICS)


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown output format 'xml'; choose one of: concise,"):
        get_reporter("xml", io.StringIO(), RULES)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "github", "junit"])
def test_machine_formats_never_colour(fmt: str) -> None:
    assert render(fmt, DIAGNOSTICS, color=True) == render(fmt, DIAGNOSTICS)
