"""Applying fixes: pure functions from (text, diagnostics) to new text; no file is touched here
(writers.py does that).

`apply_fixes` applies one round: it keeps the fixes the user allowed (safe ones, and unsafe ones
with `unsafe=True`), orders them by where they start and then by rule code, and accepts them one
by one, skipping any fix that overlaps an edit already accepted (or inserts at its edge). A
fix's edits go in together or not at all. Edits are applied from the end of the text so earlier
offsets stay valid.

`fix_text` repeats that round, re-linting the new text each time, until nothing more is fixable
or `max_iterations` rounds have run, the way ruff converges. A skipped fix is not lost: the next
round re-lints and offers it again against the updated text.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field

from linter.diagnostic import Diagnostic, Edit, Fix
from linter.document import Document
from linter.rule import Rule
from linter.runner import InputProblem, lint_document
from linter.sources.markdown import mask, masked_spans

MAX_ITERATIONS = 10


@dataclass(slots=True)
class FixResult:
    """The fixed text, every diagnostic whose fix went in (over all rounds), what the last lint
    of the fixed text still reports, and how many rounds changed the text."""

    text: str
    fixed: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    iterations: int = 0
    # False when the bound was hit while fixes were still being applied (fixes that undo each
    # other, or a rule whose fix keeps producing new findings).
    converged: bool = True

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


def is_applicable(fix: Fix | None, unsafe: bool = False) -> bool:
    """Whether `--fix` (or `--fix --unsafe-fixes` when `unsafe`) applies this fix."""
    if fix is None or not fix.edits:
        return False
    return fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe")


def fixable(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    return [d for d in diagnostics if is_applicable(d.fix, unsafe)]


def _edit_key(edit: Edit) -> tuple[int, int, str]:
    return (edit.start, edit.end, edit.content)


def _order(diagnostic: Diagnostic) -> tuple:
    """A total order over fixes that does not depend on the order rules reported them in."""
    assert diagnostic.fix is not None
    edits = sorted(_edit_key(e) for e in diagnostic.fix.edits)
    return (edits[0][0], diagnostic.code, edits[-1][1], edits, diagnostic.message)


def _valid(edits: list[Edit], length: int) -> bool:
    """Edits inside the text, each well formed, none overlapping another of the same fix."""
    previous_end = -1
    for edit in edits:
        if not 0 <= edit.start <= edit.end <= length:
            return False
        # Two insertions at one point, or an insertion inside a replacement, have no defined order.
        if edit.start < previous_end or (edit.start == previous_end and edit.start == edit.end):
            return False
        previous_end = edit.end
    return True


def _conflicts(edit: Edit, accepted: list[Edit]) -> bool:
    """Overlapping spans conflict, and so does an insertion at the edge of another edit (or at
    the same point as another insertion): the result would depend on which went first. Two
    replacements that merely meet (deleting two adjacent furniture lines) do not conflict, so a
    run of such lines goes in one round. The next round resolves whatever was skipped."""
    for other in accepted:
        if edit.start < other.end and other.start < edit.end:
            return True
        if (edit.start == edit.end or other.start == other.end) and (
            edit.start <= other.end and other.start <= edit.end
        ):
            return True
    return False


def select_fixes(
    text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False
) -> tuple[list[Diagnostic], list[Edit]]:
    """The diagnostics whose fixes one round applies, and their edits sorted by position.

    A fix whose edits all equal edits already accepted (two rules proposing the same deletion)
    counts as applied without being applied twice.
    """
    accepted: list[Edit] = []
    seen: set[tuple[int, int, str]] = set()
    chosen: list[Diagnostic] = []
    for diagnostic in sorted(fixable(diagnostics, unsafe), key=_order):
        assert diagnostic.fix is not None
        edits = sorted(diagnostic.fix.edits, key=_edit_key)
        if not _valid(edits, len(text)):
            continue
        new = [e for e in edits if _edit_key(e) not in seen]
        if any(_conflicts(e, accepted) for e in new):
            continue
        accepted.extend(new)
        seen.update(_edit_key(e) for e in new)
        chosen.append(diagnostic)
    accepted.sort(key=_edit_key)
    return chosen, accepted


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits, last first, so each edit's offsets still point into `text`."""
    pieces: list[str] = []
    end = len(text)
    for edit in sorted(edits, key=_edit_key, reverse=True):
        pieces.append(text[edit.end : end])
        pieces.append(edit.content)
        end = edit.start
    pieces.append(text[:end])
    return "".join(reversed(pieces))


def apply_fixes(
    text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False
) -> tuple[str, list[Diagnostic]]:
    """One round: the new text and the diagnostics whose fixes it contains."""
    chosen, edits = select_fixes(text, diagnostics, unsafe)
    if not chosen:
        return text, []
    return apply_edits(text, edits), chosen


def fix_text(
    text: str,
    lint: Callable[[str], list[Diagnostic]],
    unsafe: bool = False,
    max_iterations: int = MAX_ITERATIONS,
) -> FixResult:
    """Fix `text` until `lint` reports nothing more that can be fixed, at most `max_iterations`
    rounds. `remaining` is always the lint of the returned text."""
    fixed: list[Diagnostic] = []
    iterations = 0
    diagnostics = lint(text)
    while True:
        new_text, applied = apply_fixes(text, diagnostics, unsafe)
        if not applied or new_text == text:
            # Fixes whose edits change nothing must not count as fixed, nor loop forever.
            return FixResult(text, fixed, diagnostics, iterations, converged=True)
        if iterations == max_iterations:
            return FixResult(text, fixed, diagnostics, iterations, converged=False)
        text = new_text
        fixed.extend(applied)
        iterations += 1
        diagnostics = lint(text)


# -- documents ------------------------------------------------------------------------------------


def _touches(fix: Fix, spans: list[tuple[int, int]]) -> bool:
    return any(e.start <= end and start <= e.end for e in fix.edits for start, end in spans)


def fix_document(
    document: Document,
    rules: Iterable[Rule],
    unsafe: bool = False,
    ignored: Collection[str] = (),
    max_iterations: int = MAX_ITERATIONS,
) -> FixResult:
    """Fix one document with the document-scope rules among `rules` (corpus rules compare
    documents, so their findings are reported, never fixed one document at a time).

    For Markdown the file's own text is fixed: each round blanks code and front matter for the
    rules as the source does, and drops any fix that would reach into them. `ignored` codes
    (per-file ignores) are neither fixed nor reported.
    """
    rules = [rule for rule in rules if rule.scope == "document"]
    markdown = "original_text" in document.meta or document.meta.get("kind") == "markdown"
    text = document.meta.get("original_text", document.text)

    def lint(current: str) -> list[Diagnostic]:
        shown = mask(current) if markdown else current
        diagnostics = lint_document(dataclasses.replace(document, text=shown), rules)
        diagnostics = [d for d in diagnostics if d.code not in ignored]
        if markdown and shown != current:
            spans = masked_spans(current)
            diagnostics = [
                dataclasses.replace(d, fix=None)
                if d.fix is not None and _touches(d.fix, spans)
                else d
                for d in diagnostics
            ]
        return diagnostics

    return fix_text(text, lint, unsafe, max_iterations)


def fix_stream(
    items: Iterable[Document | InputProblem],
    rules: list[Rule],
    on_file: Callable[[str, list[tuple[Document, FixResult]]], None],
    unsafe: bool = False,
    ignored: Callable[[str], Collection[str]] = lambda path: (),
) -> Iterator[Document | InputProblem]:
    """Fix every document of a stream, passing on the fixed documents (for the report of what
    remains) and input problems unchanged.

    Sources deliver a file's documents together, so after the last document of each file
    `on_file(path, [(document, result), ...])` is called once with the documents of that file
    that changed, in order: the place to write the file back or print its diff. Only changed
    documents are kept until then, so memory follows the fixes, not the corpus.
    """
    path: str | None = None
    skip: Collection[str] = ()
    batch: list[tuple[Document, FixResult]] = []
    for item in items:
        if isinstance(item, InputProblem):
            yield item
            continue
        if item.path != path:
            if path is not None:
                on_file(path, batch)
            path, batch, skip = item.path, [], ignored(item.path)
        result = fix_document(item, rules, unsafe, skip)
        if not result.changed:
            yield item
            continue
        batch.append((item, result))
        if "original_text" in item.meta or item.meta.get("kind") == "markdown":
            meta = {**item.meta, "original_text": result.text}
            yield dataclasses.replace(item, text=mask(result.text), meta=meta)
        else:
            yield dataclasses.replace(item, text=result.text)
    if path is not None:
        on_file(path, batch)


def _lines(text: str) -> list[str]:
    """Split at "\n" only: str.splitlines would also break at form feeds, U+2028 and the like,
    which scraped text carries inside lines."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(before: str, after: str, name: str, context: int = 3) -> str:
    """A unified diff of one document, labelled like `git diff` output; "" when nothing changed.

    Lines keep their own endings so a CRLF text diffs as CRLF; a last line without a newline is
    marked the way diff(1) marks it.
    """
    if before == after:
        return ""
    lines = difflib.unified_diff(
        _lines(before),
        _lines(after),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
        n=context,
    )
    out: list[str] = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
