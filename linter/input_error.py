"""IN001 input-error: the engine's own pseudo-rule for input it could not read.

It never runs on a document; sources yield `InputProblem`s and the runner turns them into IN001
diagnostics. It is a `Rule` so that `scrapelint rules` lists it and `scrapelint rule IN001`
explains it like any other code.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.diagnostic import Finding
from linter.document import DocumentView
from linter.rule import Rule
from linter.runner import INPUT_ERROR_CODE, RULE_ERROR_CODE


class InputError(Rule):
    """Reports input that scrapelint could not read as a document, or could only read in part.

    Reported:
    - a path that does not exist, or a file that cannot be read (permissions, I/O error);
    - a binary file (it contains NUL bytes): skipped;
    - invalid UTF-8: the text is decoded with replacement characters (U+FFFD) and linted
      anyway; the diagnostic gives the line and column of the first bad byte and its byte offset;
    - a JSONL record that is not valid JSON, is not an object, has no text field, or whose text
      field is not a string (the location names the file and the record);
    - a compressed or Parquet file whose optional reader is not installed, or that is corrupt.

    Every other document is still linted, and the run exits with code 2. IN001 cannot be
    deselected or ignored: nothing is silently dropped. `--exit-zero` does not hide it either.

    For example, a JSONL line `{"id": "a1", "body": "..."}` checked with the default
    `--text-field text` is reported as `data.jsonl#3(a1):1:1: error: IN001 record has no 'text'
    field`; pass `--text-field body` to lint it.
    """

    code = INPUT_ERROR_CODE
    name = "input-error"
    family = "input"
    summary = "Input that could not be read as a document (unreadable, binary, malformed)"
    severity = "error"

    def check(self, view: DocumentView) -> Iterator[Finding]:
        return iter(())


class RuleFailure(Rule):
    """Reports a rule that raised an exception on a document: a bug in that rule.

    The failing rule's findings for that document are lost (those found before the failure are
    kept); every other rule still ran on it, and every other document is linted. The message
    names the rule, the exception and where it was raised, so the bug can be reported. Like
    IN001 it makes the run exit with code 2 and cannot be ignored.

    For example: `data.jsonl#7(a9):1:1: error: IN002 DU001 failed on this document
    (IndexError: tuple index out of range at headline.py:106); the other rules still ran.`
    """

    code = RULE_ERROR_CODE
    name = "rule-error"
    family = "input"
    summary = "A rule failed on a document (a bug to report); the other rules still ran"
    severity = "error"

    def check(self, view: DocumentView) -> Iterator[Finding]:
        return iter(())
