"""Properties of fixing, checked with hypothesis on generated scraped-style text and on arbitrary
Unicode, against every registered rule (built in or plugin), defaults and off-by-default alike.

- fixing is idempotent: fixing the fixed text again changes nothing;
- fixes converge within the iteration bound;
- a fix changes nothing outside the lines its diagnostic flagged;
- after fixing, a new check reports none of the fixed diagnostics, and nothing fixable is left;
- no rule, the fixer included, raises on any input.
"""

from __future__ import annotations

import os
from functools import cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linter.diagnostic import Diagnostic
from linter.document import Document, DocumentView
from linter.fix import apply_fixes, fix_text, fixable, select_fixes
from linter.rule import Rule, load_rules
from linter.runner import lint_document

# Kept small so the suite stays quick; SCRAPELINT_PROPERTY_EXAMPLES=2000 searches harder.
EXAMPLES = int(os.environ.get("SCRAPELINT_PROPERTY_EXAMPLES", "50"))
PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@cache
def all_rules() -> tuple[Rule, ...]:
    return tuple(cls() for cls in load_rules().values())


def document_rules() -> list[Rule]:
    return [rule for rule in all_rules() if rule.scope == "document"]


def lint(text: str) -> list[Diagnostic]:
    return lint_document(Document("gen.txt", text), document_rules())


# -- scraped-style text ---------------------------------------------------------------------------
# Everything below is invented for these tests from general knowledge of how web pages look.

WORDS = (
    "the a of to and in on for said that with was were has have council minister report "
    "city water plan budget Tuesday March 2024 12 3.5 percent people officials residents "
    "school road market storm café naïve Zürich São Paulo O'Neill it's don't "
    "according statement during after before new local national first last"
).split()
SEPARATORS = [" "] * 12 + ["  ", "   ", "\u00a0", " \u00a0", "\u200b", "\t", "\u00ad", "\u202f"]
ENDINGS = [".", ".", ".", "?", "!", "", ":", ",", "…", '."']
CHROME = [
    "Share this article",
    "Click here to subscribe to our newsletter",
    "Advertisement",
    "Read more:",
    "All rights reserved.",
    "Sign up for free",
    "Cookie settings",
    "Follow us on social media",
    "Skip to main content",
]
RESIDUE = ["&amp;", "&nbsp;", "<p>", "</div>", "<br/>", "&#8217;", "â€™", "Ã©", "â€œ", "\ufffd"]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS + RESIDUE[:3]), min_size=1, max_size=14))
    pieces = []
    for i, word in enumerate(words):
        if i:
            pieces.append(draw(st.sampled_from(SEPARATORS)))
        if draw(st.integers(0, 30)) == 0:
            word = draw(st.sampled_from(RESIDUE)).join([word, ""])
        pieces.append(word)
    text = "".join(pieces)
    if draw(st.booleans()):
        text = text[:1].upper() + text[1:]
    return text + draw(st.sampled_from(ENDINGS))


@st.composite
def lines(draw: st.DrawFn) -> list[str]:
    kind = draw(st.sampled_from(["prose", "prose", "prose", "headline", "chrome", "blank", "odd"]))
    if kind == "prose":
        return [" ".join(draw(st.lists(sentences(), min_size=1, max_size=4)))]
    if kind == "headline":
        return [
            " ".join(w.capitalize() for w in draw(st.lists(st.sampled_from(WORDS), max_size=8)))
        ]
    if kind == "chrome":
        return [draw(st.sampled_from(CHROME))]
    if kind == "blank":
        return [draw(st.sampled_from(["", " ", "\u00a0"]))]
    return [draw(st.text(max_size=30).map(lambda s: s.replace("\n", " ")))]


@st.composite
def scraped_texts(draw: st.DrawFn) -> str:
    out: list[str] = []
    for block in draw(st.lists(lines(), min_size=1, max_size=14)):
        out.extend(block)
        roll = draw(st.integers(0, 9))
        if roll == 0 and out:
            out.append(out[-1])  # a repeated line or headline
        elif roll == 1 and out and len(out[-1]) > 20:
            cut = draw(st.integers(5, len(out[-1]) - 5))
            last = out.pop()
            out.extend([last[:cut], last[cut:]])  # a hard wrap, possibly mid-word
    trailing = draw(st.sampled_from(["\n", "", "\n\n"]))
    return "\n".join(out) + trailing


# -- properties -----------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(scraped_texts(), st.booleans())
def test_fixing_converges_and_is_idempotent(text: str, unsafe: bool) -> None:
    first = fix_text(text, lint, unsafe=unsafe)
    assert first.converged
    second = fix_text(first.text, lint, unsafe=unsafe)
    assert second.text == first.text
    assert second.fixed == []


@PROPERTY_SETTINGS
@given(scraped_texts(), st.booleans())
def test_after_fixing_no_fixed_diagnostic_is_reported(text: str, unsafe: bool) -> None:
    result = fix_text(text, lint, unsafe=unsafe)
    after = lint(result.text)
    assert after == result.remaining
    assert fixable(after, unsafe) == []
    # A fingerprint hashes the flagged text with its context: seeing one again would mean the
    # fix left the very thing it was meant to repair.
    assert not {d.fingerprint for d in result.fixed} & {d.fingerprint for d in after}


def _flagged_lines(text: str, diagnostic: Diagnostic) -> tuple[int, int]:
    """The span of the whole lines a diagnostic covers, widened over the blank lines next to them
    and the line break before them: a fix may tidy the layout it leaves (deleting a paragraph
    takes its blank line along; deleting a last line takes the break before it), but no text
    beyond."""
    start = text.rfind("\n", 0, diagnostic.start) + 1
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        if text[previous : start - 1].strip():
            break
        start = previous
    end = text.find("\n", diagnostic.end)
    end = len(text) if end == -1 else end + 1
    while end < len(text):
        following = text.find("\n", end)
        following = len(text) if following == -1 else following + 1
        if text[end:following].strip():
            break
        end = following
    return max(0, start - 1), end


@PROPERTY_SETTINGS
@given(scraped_texts(), st.booleans())
# Found by a long run: DU002 deletes a repeated paragraph with the blank lines after it.
@example(
    "Intro.\n\nThe council met on Tuesday to discuss the budget plan for the city.\n\n\n"
    "The council met on Tuesday to discuss the budget plan for the city.\n\n\nEnd.\n",
    False,
)
def test_text_outside_flagged_lines_is_unchanged(text: str, unsafe: bool) -> None:
    diagnostics = lint(text)
    chosen, _ = select_fixes(text, diagnostics, unsafe)
    for diagnostic in chosen:
        start, end = _flagged_lines(text, diagnostic)
        for edit in diagnostic.fix.edits:
            assert start <= edit.start <= edit.end <= end, (diagnostic.code, edit)
    # The untouched stretches between flagged lines survive, in order, in the output: the first
    # one (before any flagged line) as its prefix, the last one as its suffix.
    new_text, _ = apply_fixes(text, diagnostics, unsafe)
    kept, cursor = [], 0
    for start, end in sorted(_flagged_lines(text, d) for d in chosen):
        kept.append(text[cursor:start] if start > cursor else "")
        cursor = max(cursor, end)
    kept.append(text[cursor:])
    assert new_text.startswith(kept[0])
    assert new_text.endswith(kept[-1])
    position = len(kept[0])
    for segment in kept[1:-1]:
        found = new_text.find(segment, position)
        assert found != -1
        position = found + len(segment)
    assert position <= len(new_text) - len(kept[-1]) or len(kept) == 1


ANY_CHAR = st.characters(exclude_categories=())  # lone surrogates too: JSON can carry them


@settings(max_examples=EXAMPLES * 3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(ANY_CHAR, max_size=200))
def test_linting_and_fixing_never_raise_on_arbitrary_unicode(text: str) -> None:
    fix_text(text, lint, unsafe=True)
    corpus_rules = [rule for rule in all_rules() if rule.scope == "corpus"]
    documents = [Document("a.jsonl", text, "1", 1), Document("a.jsonl", text[::-1], "2", 2)]
    for rule in corpus_rules:
        summaries = [rule.map(DocumentView(doc)) for doc in documents]
        list(rule.reduce(summaries))


@PROPERTY_SETTINGS
@given(st.lists(scraped_texts(), min_size=1, max_size=4))
def test_corpus_rules_never_raise_on_scraped_text(texts: list[str]) -> None:
    documents = [Document("c.jsonl", t, str(i), i) for i, t in enumerate(texts, 1)]
    for rule in all_rules():
        if rule.scope == "corpus":
            list(rule.reduce([rule.map(DocumentView(doc)) for doc in documents]))


# -- writing back ---------------------------------------------------------------------------------

# Text built from pieces that include CRLF, lone CR and LF, the cases line endings get wrong.
LINE_BREAKY = st.lists(
    st.sampled_from(["a", "b", " ", "\n", "\r\n", "\r", "é", "\u2028"]), max_size=20
).map("".join)


@PROPERTY_SETTINGS
@given(st.text(ANY_CHAR, max_size=60), st.text(ANY_CHAR, max_size=60), st.booleans())
@example("caf\u00e9\ud800\r\nx", "caf\u00e9\U0001f600\nx", False)
def test_record_splice_round_trips_any_text(value: str, fixed: str, ascii_only: bool) -> None:
    import json

    from linter.writers import normalize_newlines, replace_record_text, restore_newlines

    record = {"id": 7, "text": value, "tail": [1.5, "x"]}
    # A lone surrogate can only be stored escaped: raw, it is not UTF-8 (and is refused).
    ascii_only = ascii_only or any("\ud800" <= c <= "\udfff" for c in value)
    line = json.dumps(record, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass") + b"\n"
    fixed = normalize_newlines(fixed)
    out = replace_record_text(line, "text", normalize_newlines(value), fixed)
    assert out.endswith(b"\n")
    # Compared through JSON itself, which reads two escaped surrogate halves as one character.
    expected = json.loads(json.dumps(restore_newlines(value, fixed)))
    assert json.loads(out) == {**record, "text": expected}
    head, tail = line.split(b'"text"')[0], line.split(b'"tail"')[1]
    assert out.startswith(head) and out.endswith(tail)


@PROPERTY_SETTINGS
@given(LINE_BREAKY, LINE_BREAKY, st.sampled_from(["utf-8", "utf-16-le"]), st.booleans())
def test_plain_text_round_trips_line_endings(raw: str, fixed: str, encoding: str, bom: bool):
    from linter.writers import encode_text, normalize_newlines

    mark = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe"}[encoding]
    if encoding != "utf-8":
        bom = True  # a UTF-16 file without a BOM would not be recognised as one
    data = (mark if bom else b"") + raw.encode(encoding)
    fixed = normalize_newlines(fixed)
    out = encode_text(data, normalize_newlines(raw), fixed, "utf-8")
    assert out.startswith(mark) == bom
    text = out[len(mark) if bom else 0 :].decode(encoding)
    # Line for line the fixed text, each line ending in LF or CRLF; "\r" elsewhere is content.
    lines, wanted = text.split("\n"), fixed.split("\n")
    assert len(lines) == len(wanted)
    assert lines[-1] == wanted[-1]
    assert all(got in (want, want + "\r") for got, want in zip(lines, wanted, strict=True))
    if "\r\n" not in raw:
        assert text == fixed  # an LF file stays LF
    elif raw.count("\r\n") == raw.count("\n"):
        assert text == fixed.replace("\n", "\r\n")  # an all-CRLF file stays all CRLF
