"""The fixer: which fixes one round applies, the re-lint loop, and the diff it prints."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from linter.diagnostic import Diagnostic, Edit, Finding, Fix
from linter.document import Document, DocumentView
from linter.fix import (
    apply_edits,
    apply_fixes,
    fix_document,
    fix_stream,
    fix_text,
    select_fixes,
    unified_diff,
)
from linter.rule import Rule
from linter.runner import lint_document
from rules.whitespace import IrregularWhitespace, TrailingWhitespace


def diag(code: str, *edits: tuple[int, int, str], unsafe: bool = False) -> Diagnostic:
    fix = Fix("unsafe" if unsafe else "safe", tuple(Edit(s, e, c) for s, e, c in edits))
    start = min(s for s, _, _ in edits)
    return Diagnostic(code, "test", "warning", f"{code} at {start}", "t.txt", 1, 1, 1, 1, fix=fix)


TEXT = "0123456789abcdef"

# (case, text, diagnostics, unsafe, expected text, codes applied in order)
ROUND_CASES = [
    ("one replacement", TEXT, [diag("AA001", (2, 4, "xy"))], False, "01xy456789abcdef", ["AA001"]),
    (
        "disjoint fixes, applied from the end",
        TEXT,
        [diag("AA001", (1, 2, "")), diag("AA002", (10, 12, "XYZ"))],
        False,
        "023456789XYZcdef",
        ["AA001", "AA002"],
    ),
    ("insertion", TEXT, [diag("AA001", (4, 4, "-"))], False, "0123-456789abcdef", ["AA001"]),
    (
        "overlap: the earlier start wins",
        TEXT,
        [diag("AA002", (4, 8, "")), diag("AA001", (2, 5, ""))],
        False,
        "0156789abcdef",
        ["AA001"],
    ),
    (
        "same start: the lower code wins",
        TEXT,
        [diag("BB001", (2, 3, "B")), diag("AA009", (2, 6, "A"))],
        False,
        "01A6789abcdef",
        ["AA009"],
    ),
    (
        "replacements that merely meet do not conflict",
        TEXT,
        [diag("AA002", (3, 5, "")), diag("AA001", (0, 3, "X"))],
        False,
        "X56789abcdef",
        ["AA001", "AA002"],
    ),
    (
        "an insertion where a replacement starts conflicts",
        TEXT,
        [diag("AA002", (3, 3, "+")), diag("AA001", (3, 5, ""))],
        False,
        "01256789abcdef",
        ["AA001"],
    ),
    (
        "two insertions at one point conflict",
        TEXT,
        [diag("AA002", (3, 3, "b")), diag("AA001", (3, 3, "a"))],
        False,
        "012a3456789abcdef",
        ["AA001"],
    ),
    (
        "an insertion at the end of a replacement conflicts",
        TEXT,
        [diag("AA001", (5, 5, "!")), diag("AA002", (3, 5, "."))],
        False,
        "012.56789abcdef",
        ["AA002"],
    ),
    (
        "a multi-edit fix goes in whole or not at all",
        TEXT,
        [diag("AA001", (0, 1, ""), (10, 12, "")), diag("AA002", (3, 4, "Q"), (11, 13, ""))],
        False,
        "123456789cdef",
        ["AA001"],
    ),
    (
        "edits between another fix's edits are independent of it",
        TEXT,
        [diag("AA002", (5, 6, "")), diag("AA001", (0, 1, "Z"), (14, 15, "Z"))],
        False,
        "Z12346789abcdZf",
        ["AA001", "AA002"],
    ),
    (
        "identical edits from two rules: applied once, both fixed",
        TEXT,
        [diag("AA002", (2, 4, "")), diag("AA001", (2, 4, ""))],
        False,
        "01456789abcdef",
        ["AA001", "AA002"],
    ),
    (
        "unsafe fixes need unsafe=True",
        TEXT,
        [diag("AA001", (0, 2, ""), unsafe=True)],
        False,
        TEXT,
        [],
    ),
    (
        "unsafe fixes with unsafe=True",
        TEXT,
        [diag("AA001", (0, 2, ""), unsafe=True)],
        True,
        "23456789abcdef",
        ["AA001"],
    ),
    (
        "edits outside the text are never applied",
        TEXT,
        [diag("AA001", (15, 30, "")), diag("AA002", (0, 1, ""))],
        False,
        "123456789abcdef",
        ["AA002"],
    ),
    (
        "a fix whose own edits overlap is invalid",
        TEXT,
        [diag("AA001", (0, 4, ""), (2, 6, ""))],
        False,
        TEXT,
        [],
    ),
    (
        "two insertions at one point in one fix are invalid",
        TEXT,
        [diag("AA001", (3, 3, "a"), (3, 3, "b"))],
        False,
        TEXT,
        [],
    ),
    (
        "a diagnostic without a fix",
        TEXT,
        [Diagnostic("AA001", "t", "info", "m", "t", 1, 1, 1, 1)],
        False,
        TEXT,
        [],
    ),
    (
        "astral characters count as one",
        "a😀 b",
        [diag("AA001", (1, 2, ""))],
        False,
        "a b",
        ["AA001"],
    ),
]


@pytest.mark.parametrize(
    ("text", "diagnostics", "unsafe", "expected", "codes"),
    [case[1:] for case in ROUND_CASES],
    ids=[case[0] for case in ROUND_CASES],
)
def test_one_round(text, diagnostics, unsafe, expected, codes):
    new_text, applied = apply_fixes(text, diagnostics, unsafe)
    assert new_text == expected
    assert [d.code for d in applied] == codes


@pytest.mark.parametrize(
    "diagnostics",
    [case[2] for case in ROUND_CASES if len(case[2]) > 1],
)
def test_resolution_does_not_depend_on_report_order(diagnostics):
    outcomes = {
        (
            apply_fixes(TEXT, list(order))[0],
            tuple(d.code for d in apply_fixes(TEXT, list(order))[1]),
        )
        for order in itertools.permutations(diagnostics)
    }
    assert len(outcomes) == 1


def test_selected_edits_come_sorted_by_position():
    chosen, edits = select_fixes(
        TEXT, [diag("AA001", (9, 10, ""), (1, 2, "")), diag("AA002", (5, 6, ""))]
    )
    assert [d.code for d in chosen] == ["AA001", "AA002"]
    assert [(e.start, e.end) for e in edits] == [(1, 2), (5, 6), (9, 10)]


def test_apply_edits_keeps_everything_between_edits():
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, "A"), Edit(2, 2, "+")]) == "Ab+cdEf"


# -- the re-lint loop ---------------------------------------------------------------------------


def linter_of(*rules: Rule):
    def lint(text: str) -> list[Diagnostic]:
        return lint_document(Document("t.txt", text), list(rules))

    return lint


class SpaceBeforeComma(Rule):
    """Test-only: deletes a space before a comma; touches WS002's runs so needs a second round."""

    code = "TX001"
    name = "space-before-comma"
    family = "test"
    summary = "test"
    fixable = True

    def check(self, view: DocumentView) -> Iterator[Finding]:
        text = view.text
        for i, char in enumerate(text):
            if char == "," and i and text[i - 1] == " ":
                yield Finding(i - 1, i, "space before comma", Fix.safe(Edit(i - 1, i, "")))


class Flip(Rule):
    """Test-only: a fix that undoes itself (ab -> ba -> ab), to prove the loop is bounded."""

    code = "TX002"
    name = "flip"
    family = "test"
    summary = "test"
    fixable = True

    def check(self, view: DocumentView) -> Iterator[Finding]:
        for pair, other in (("ab", "ba"), ("ba", "ab")):
            index = view.text.find(pair)
            if index != -1:
                yield Finding(index, index + 2, "flip", Fix.safe(Edit(index, index + 2, other)))


class Shout(Rule):
    """Test-only: an unsafe fix (upper-cases the word "wow")."""

    code = "TX003"
    name = "shout"
    family = "test"
    summary = "test"
    fixable = True

    def check(self, view: DocumentView) -> Iterator[Finding]:
        for word in view.words:
            if word.text == "wow":
                yield Finding(
                    word.start, word.end, "shout", Fix.unsafe(Edit(word.start, word.end, "WOW"))
                )


class NoFix(Rule):
    """Test-only: reports every "x" without a fix."""

    code = "TX004"
    name = "no-fix"
    family = "test"
    summary = "test"

    def check(self, view: DocumentView) -> Iterator[Finding]:
        for i, char in enumerate(view.text):
            if char == "x":
                yield Finding(i, i + 1, "x")


def test_fix_text_fixes_whitespace_in_one_round():
    lint = linter_of(IrregularWhitespace())
    result = fix_text("Talks\u00a0 ended  on\u200bTuesday.\n", lint)
    assert result.text == "Talks ended onTuesday.\n"
    assert [(d.code, d.line, d.column) for d in result.fixed] == [
        ("WS002", 1, 6),
        ("WS002", 1, 13),
        ("WS002", 1, 17),
    ]
    assert result.remaining == []
    assert (result.iterations, result.converged) == (1, True)


def test_fix_text_needs_a_second_round_for_touching_fixes():
    # "a  ,b": WS002 wants "  " -> " " at 1..3, TX001 wants the space at 2..3 gone: they overlap,
    # so round one applies WS002 and round two deletes the remaining space before the comma.
    lint = linter_of(IrregularWhitespace(), SpaceBeforeComma())
    result = fix_text("Yes  , sir", lint)
    assert result.text == "Yes, sir"
    assert [d.code for d in result.fixed] == ["WS002", "TX001"]
    assert (result.iterations, result.converged, result.remaining) == (2, True, [])


def test_fix_text_is_bounded():
    result = fix_text("xaby", linter_of(Flip()), max_iterations=3)
    assert result.text == "xbay"  # ab -> ba -> ab -> ba
    assert (result.iterations, result.converged) == (3, False)
    assert [d.code for d in result.remaining] == ["TX002"]


@pytest.mark.parametrize(
    ("unsafe", "expected", "fixed", "remaining"),
    [
        (False, "wow wow x", ["WS002"], ["TX003", "TX003", "TX004"]),
        (True, "WOW WOW x", ["TX003", "WS002", "TX003"], ["TX004"]),
    ],
)
def test_fix_text_unsafe(unsafe, expected, fixed, remaining):
    lint = linter_of(IrregularWhitespace(), Shout(), NoFix())
    result = fix_text("wow   wow x", lint, unsafe=unsafe)
    assert result.text == expected
    assert [d.code for d in result.fixed] == fixed
    assert [d.code for d in result.remaining] == remaining


def test_fix_text_without_findings_runs_lint_once():
    calls = []

    def lint(text: str) -> list[Diagnostic]:
        calls.append(text)
        return []

    result = fix_text("clean", lint)
    assert (result.text, result.fixed, result.iterations, calls) == ("clean", [], 0, ["clean"])


def test_a_fix_that_changes_nothing_does_not_loop():
    same = diag("AA001", (0, 1, "c"))
    result = fix_text("clean", lambda text: [same])
    assert (result.text, result.fixed, result.remaining, result.iterations) == (
        "clean",
        [],
        [same],
        0,
    )


def test_trailing_whitespace_and_irregular_whitespace_together():
    lint = linter_of(IrregularWhitespace(), TrailingWhitespace())
    result = fix_text("one  two \nthree\u00a0\n", lint)
    assert result.text == "one two\nthree\n"
    assert [d.code for d in result.fixed] == ["WS002", "WS003", "WS003"]


# -- diff ---------------------------------------------------------------------------------------


def test_unified_diff_exact():
    before = "one\ntwo  words\nthree\nfour\nfive\nsix\nseven\n"
    after = "one\ntwo words\nthree\nfour\nfive\nsix\nseven\n"
    assert unified_diff(before, after, "news.txt") == (
        "--- a/news.txt\n"
        "+++ b/news.txt\n"
        "@@ -1,5 +1,5 @@\n"
        " one\n"
        "-two  words\n"
        "+two words\n"
        " three\n"
        " four\n"
        " five\n"
    )


def test_unified_diff_marks_a_missing_final_newline():
    assert unified_diff("a\nb  c", "a\nb c", "x.txt", context=1) == (
        "--- a/x.txt\n"
        "+++ b/x.txt\n"
        "@@ -1,2 +1,2 @@\n"
        " a\n"
        "-b  c\n"
        "\\ No newline at end of file\n"
        "+b c\n"
        "\\ No newline at end of file\n"
    )


def test_unified_diff_splits_at_newlines_only():
    # A form feed or U+2028 inside a line must not become a line break of the diff.
    assert unified_diff("a\x0cb\u2028c  d\n", "a\x0cb\u2028c d\n", "x") == (
        "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\x0cb\u2028c  d\n+a\x0cb\u2028c d\n"
    )


def test_unified_diff_of_equal_texts_is_empty():
    assert unified_diff("same\n", "same\n", "x") == ""


# -- documents and streams ----------------------------------------------------------------------


class BreakToSpace(Rule):
    """Test-only: wants every line break after a full stop turned into a space."""

    code = "TX005"
    name = "break-to-space"
    family = "test"
    summary = "test"
    fixable = True

    def check(self, view: DocumentView) -> Iterator[Finding]:
        for i, char in enumerate(view.text):
            if char == "\n" and i and view.text[i - 1] == ".":
                yield Finding(i, i + 1, "break", Fix.safe(Edit(i, i + 1, " ")))


class CorpusOnly(Rule):
    """Test-only corpus rule: fixing must never run it."""

    code = "TX101"
    name = "corpus-only"
    family = "test"
    summary = "test"
    scope = "corpus"

    def map(self, view: DocumentView) -> None:
        raise AssertionError("corpus rules are not run while fixing")


def markdown_document(text: str) -> Document:
    from linter.sources.markdown import mask

    return Document("a.md", mask(text), meta={"kind": "markdown", "original_text": text})


def test_fix_document_markdown_fixes_prose_and_leaves_code():
    text = "Some  prose.\n```\ncode  here.\n```\nMore  prose.\nEnd.\n"
    rules = [IrregularWhitespace(), BreakToSpace(), CorpusOnly()]
    result = fix_document(markdown_document(text), rules)
    # The break after "Some prose." touches the fence, so its fix is dropped; the ones after
    # "More prose." and "End." are applied; "code  here." is never seen.
    assert result.text == "Some prose.\n```\ncode  here.\n```\nMore prose. End. "
    assert [(d.code, d.line, d.column) for d in result.remaining] == [("TX005", 1, 12)]
    assert result.remaining[0].fix is None


def test_fix_document_skips_ignored_codes():
    result = fix_document(
        Document("a.txt", "a  b\u00a0c\n"), [IrregularWhitespace()], ignored={"WS002"}
    )
    assert (result.text, result.fixed, result.remaining) == ("a  b\u00a0c\n", [], [])


def test_fix_stream_calls_on_file_once_per_file_with_its_changed_documents():
    from linter.runner import InputProblem

    items = [
        Document("a.jsonl", "one  two", doc_id="x", record=1),
        InputProblem("a.jsonl", "malformed JSON", record=2),
        Document("a.jsonl", "fine", doc_id="y", record=3),
        Document("b.txt", "three  four\n"),
    ]
    calls = []
    out = list(
        fix_stream(
            items,
            [IrregularWhitespace()],
            lambda path, batch: calls.append((path, [(d.record, r.text) for d, r in batch])),
        )
    )
    assert calls == [
        ("a.jsonl", [(1, "one two")]),
        ("b.txt", [(None, "three four\n")]),
    ]
    assert [i.text if isinstance(i, Document) else i.message for i in out] == [
        "one two",
        "malformed JSON",
        "fine",
        "three four\n",
    ]
    assert out[2] is items[2]  # unchanged documents pass through as they are
