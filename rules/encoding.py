"""EN001 mojibake and EN002 markup-residue: text that went through the wrong decoder or kept
pieces of the HTML (or wiki/Markdown source) it was extracted from."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from html.entities import html5

from ftfy import fix_encoding_and_explain
from ftfy.badness import is_bad

from linter.diagnostic import Edit, Finding, Fix
from linter.document import DocumentView
from linter.rule import Rule

# -- EN001 -------------------------------------------------------------------------------------

# What a UTF-8 continuation byte (0x80-0xBF) becomes when read as cp1252 or latin-1.
_CONT_1252 = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# ... and when read as cp1251 (Cyrillic UTF-8 read as Windows Cyrillic: "РџСЂРёРІРµС‚").
_CONT_1251 = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџ\xa0ЎўЈ¤Ґ¦§Ё©Є«¬\xad®Ї°±Ііґµ¶·ё№є»јЅѕї"
# Two cheap gates in front of ftfy, which is slow. First, single characters (searching for one
# is far faster than any regex): the lead bytes of UTF-8 sequences as cp1252/latin-1 show
# them for the scripts mojibake is usually made of (Latin-1 letters, Greek, Cyrillic, Hebrew,
# Arabic, punctuation, Indic, CJK, Hangul, emoji), and cp1251's "Р"/"С" (Cyrillic) and "в"
# (punctuation: "вЂњ" for "“").
GATE_CHARS = "ÂÃÄÅÎÏÐÑ×ØÙàáâãäåæçèéêëìíïðРСв"
# The bytes every gate character opens with in UTF-8 (0xC3 for U+00C0-U+00FF, 0xD0 for the
# Cyrillic three): two searches in the view's shared UTF-8 rule out most documents before thirty
# character searches in the text, which cost more than the rest of EN001.
GATE_LEAD_BYTES = b"\xc3", b"\xd0"
# Then, on documents that have one: such a lead byte followed by a continuation byte read the
# same way, or the cp1251 pattern. Legitimate text passes now and then ("é’"); ftfy decides.
# Written as one class of lead characters, then the continuation that fits the lead: a pattern
# that opens on a single class is scanned three times faster than an alternation of three.
CANDIDATE_RE = re.compile(
    rf"[\u00c2-\u00f4РСв](?:(?<=[\u00c2-\u00f4])[{_CONT_1252}]|(?<=[РС])[{_CONT_1251}]|(?<=в)Ђ)"
)
# Sequences that are mojibake even where ftfy sees too little evidence to act ("60,000â‚©") or
# cannot repair them (a byte was lost: "Donâ€t"). No language writes Ã or Â before these, nor
# "â€" or "â‚".
# (Except Ã or Â ending an upper-case word before punctuation: "IRMÃ—", "“MAÇÃ”" are Portuguese.)
STRONG_RE = re.compile(rf"â[€‚]|(?<![A-ZÀ-Þ])[ÃÂ][{_CONT_1252}]|[ÃÂ][\x80-\xbf€ƒ„†‡ˆ‰ŠŒŽšœžŸ]")
# An upper-case word ending in Ã or Â right before closing punctuation is Portuguese ("IRMÃ—",
# "“MAÇÃ”") as often as it is mojibake ("ALLÔ" read as "ALLÃ”"); ftfy repairs it, we do not.
AMBIGUOUS_RE = re.compile(r"\W*[A-ZÀ-Þ]+[ÃÂ][’”–—…]+\W*")
REPLACEMENT_RE = re.compile("\ufffd+")
# ftfy steps that only undo a wrong decoding. Anything else (notably "replace_lossy_sequences",
# which writes U+FFFD where bytes were lost) makes the repair a guess.
_ENCODING_STEPS = {
    ("transcode", "restore_byte_a0"),
    ("transcode", "fix_c1_controls"),
    ("apply", "decode_inconsistent_utf8"),
}


def has_gate_char(view: DocumentView) -> bool:
    """Whether the text holds one of GATE_CHARS: asked of the UTF-8 bytes first."""
    data = view.utf8
    if GATE_LEAD_BYTES[0] not in data and GATE_LEAD_BYTES[1] not in data:
        return False
    text = view.text
    return any(c in text for c in GATE_CHARS)


def _is_encoding_repair(explanation: list) -> bool:
    return bool(explanation) and all(
        op in ("encode", "decode") or (op, name) in _ENCODING_STEPS for op, name in explanation
    )


def _redecode(word: str) -> str | None:
    """The word's bytes in cp1252 (or latin-1) read as UTF-8, when they are valid UTF-8."""
    for encoding in ("cp1252", "latin-1"):
        try:
            repaired = word.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
        if repaired != word:
            return repaired
    return None


def _word_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Widen [start, end) to whole space-delimited words within [lo, hi). Only the plain space
    and tab delimit: a no-break space can itself be part of the mojibake ("Ã\\xa0")."""
    while start > lo and text[start - 1] not in " \t":
        start -= 1
    while end < hi and text[end] not in " \t":
        end += 1
    return start, end


class Mojibake(Rule):
    """Flags mojibake: UTF-8 text decoded as cp1252, latin-1 or cp1251 ("Itâ€™s", "cafÃ©",
    "Ð¿Ñ€", "РџСЂ"), and U+FFFD replacement characters. (C1 control characters on their own,
    cp1252 read as latin-1, are WS002's control characters.)

    One finding per affected word, so each can be checked where it is. The repair comes from ftfy:
    the fix is safe when ftfy's explanation is a pure re-decoding (encode as the wrong charset,
    decode as UTF-8); a repair that had to guess lost bytes is offered as unsafe. A word that is
    unmistakably mojibake but that ftfy cannot repair ("Donâ€t", a byte lost) is reported without
    a fix, as is U+FFFD: the character it replaced is gone.

    Leaves alone: legitimate accented and non-Latin text (French, German, Portuguese,
    Vietnamese, Turkish, Cyrillic, CJK), emoji, symbols such as ½ ° ± £.

    Bad:
        Itâ€™s the cafÃ© on the corner.

    Good:
        It’s the café on the corner, à la française.
    """

    code = "EN001"
    name = "mojibake"
    family = "encoding"
    summary = "Text decoded with the wrong character set, or replacement characters"
    fixable = True

    def check(self, view: DocumentView) -> Iterator[Finding]:
        text = view.text
        if has_gate_char(view):
            seen_lines: set[int] = set()
            for match in CANDIDATE_RE.finditer(text):
                line = view.line_at(match.start())
                if line.number in seen_lines:
                    continue
                seen_lines.add(line.number)
                yield from self._check_line(text, line.start, line.end)
        if "\ufffd" not in text:
            return
        for match in REPLACEMENT_RE.finditer(text):
            line = view.line_at(match.start())
            start, end = _word_bounds(text, match.start(), match.end(), line.start, line.end)
            yield Finding(
                start,
                end,
                "Replacement character U+FFFD: the original character was lost in decoding",
            )

    def _check_line(self, text: str, lo: int, hi: int) -> Iterator[Finding]:
        original = text[lo:hi]
        try:
            fixed, explanation = fix_encoding_and_explain(original)
        except Exception:  # ftfy on odd input must not stop the run; fall through to the gate
            fixed, explanation = original, []
        if fixed != original:
            yield from self._repairs(text, lo, hi, fixed, explanation)
            return
        done = lo
        for match in STRONG_RE.finditer(text, lo, hi):
            if match.start() < done:
                continue  # a second broken sequence in a word already reported
            start, end = _word_bounds(text, match.start(), match.end(), lo, hi)
            done = end
            word = text[start:end]
            repaired = _redecode(word)
            if repaired is not None:
                # ftfy would not vouch for it, so the repair is offered, not applied.
                fix = Fix.unsafe(Edit(start, end, repaired))
                yield Finding(start, end, f"Mojibake '{word}', probably '{repaired}'", fix)
            elif is_bad(word):
                yield Finding(start, end, f"Mojibake '{word}' that cannot be repaired")

    def _repairs(
        self, text: str, lo: int, hi: int, fixed: str, explanation: list
    ) -> Iterator[Finding]:
        original = text[lo:hi]
        matcher = SequenceMatcher(None, original, fixed, autojunk=False)
        blocks = matcher.get_opcodes()
        spans: list[tuple[int, int]] = []
        for op, i1, i2, _, _ in blocks:
            if op == "equal":
                continue
            a, b = _word_bounds(original, i1, i2, 0, len(original))
            if spans and a <= spans[-1][1]:
                a = spans[-1][0]
                spans.pop()
            spans.append((a, b))
        safe = _is_encoding_repair(explanation)
        for a, b in spans:
            if AMBIGUOUS_RE.fullmatch(original, a, b):
                continue
            fa, fb = _map(blocks, a, len(fixed)), _map(blocks, b, len(fixed))
            replacement = fixed[fa:fb]
            edit = Edit(lo + a, lo + b, replacement)
            fix = Fix.safe(edit) if safe else Fix.unsafe(edit)
            yield Finding(
                lo + a, lo + b, f"Mojibake '{original[a:b]}', probably '{replacement}'", fix
            )


def _map(blocks: list, position: int, fixed_length: int) -> int:
    """Where `position` of the original falls in the repaired text. Positions are word bounds,
    which sit next to a space that ftfy left alone, so they lie on an equal block."""
    for op, i1, i2, j1, _ in blocks:
        if op == "equal" and i1 <= position <= i2:
            return j1 + position - i1
    return fixed_length if position else 0


# -- EN002 -------------------------------------------------------------------------------------

# Entities must end in ";": "AT&T", "R&D", "S&P 500" and "Q&A" are not entities.
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# The HTML elements that extractors leave behind. General HTML knowledge, not data: title-case
# names are excluded so that "<Time>" or a Korean-style work title in angle brackets is left alone.
_TAGS = (
    "a abbr address article aside b big blockquote body br caption center cite code col dd del "
    "details div dl dt em figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr "
    "html i iframe img input ins kbd label li link main meta nav noscript ol option p picture "
    "pre q s script section select small source span strike strong style sub summary sup svg "
    "table tbody td textarea tfoot th thead title tr tt u ul video wbr"
)
_TAG_NAMES = "|".join(sorted(set(_TAGS.split()), key=len, reverse=True))
_ATTRS = r"""(?:\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*"""
TAG_RE = re.compile(
    rf"<(/?)(?:({_TAG_NAMES})|({_TAG_NAMES.upper()}))({_ATTRS})\s*/?>|<!--.*?-->",
    re.DOTALL,
)
# Elements that separate text: deleting one between two words would glue them together.
_BREAKING = frozenset("br p div li tr td th h1 h2 h3 h4 h5 h6 hr".split())

# Markdown and wiki markup, checked only outside Markdown documents.
MARKUP_PATTERNS: tuple[tuple[str, re.Pattern[str], str, str | None], ...] = (
    # (a character every match has, to skip the pattern fast; the pattern; what it is; the
    # replacement template of an unsafe fix, or None). Every pattern opens on a literal
    # character, so the regex engine jumps between its occurrences; what must or must not come
    # before it is a lookbehind after it (a lookbehind in front is tried at every character).
    ("[", re.compile(r"\[\[([^\[\]|\n]+)\|([^\[\]\n]+)\]\]"), "wiki link", r"\2"),
    ("[", re.compile(r"\[\[([^\[\]|\n]+)\]\]"), "wiki link", r"\1"),
    ("{", re.compile(r"\{\{[^{}\n]+\}\}"), "wiki template", None),
    ("'", re.compile(r"'''(\S[^'\n]*?)'''"), "wiki bold markup", r"\1"),
    ("[", re.compile(r"!\[([^\]\n]*)\]\((?:https?://|/)[^)\s]*\)"), "Markdown image", None),
    (
        "[",
        re.compile(r"\[(?<!!\[)([^\]\n]+)\]\((?:https?://|/|#)[^)\s]*\)"),
        "Markdown link",
        r"\1",
    ),
    (
        "*",
        re.compile(r"\*\*(?<![\w*]\*\*)([^\W_][^*\n]*?[^\s*])\*\*(?![\w*])"),
        "Markdown bold",
        r"\1",
    ),
    ("#", re.compile(r"#(?<![^\n]#)#{1,5}[ \t]+(?=\S)"), "Markdown heading marker", ""),
)
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


class MarkupResidue(Rule):
    """Flags HTML that survived extraction: character entities (`&amp;`, `&nbsp;`, `&#8217;`,
    `&#x2019;`, double-escaped `&amp;amp;`), HTML tags and comments (`<p>`, `</div>`, `<br/>`,
    `<a href="...">`), and in plain text also wiki and Markdown syntax (`[[Link]]`,
    `{{template}}`, `'''bold'''`, `[text](https://...)`, `**bold**`, `## heading`).

    Leaves alone:
    - ampersands that are not entities: "AT&T", "R&D", "S&P 500", "Q&A";
    - angle brackets that are not HTML: "a < b", "<3", "<The Palace>" (a work's title),
      title-case names such as "<Time>", and single capitals such as "<A>" (answer options);
    - Markdown syntax in Markdown documents (paths ending in .md, .markdown, .mdx).

    Fixes: an entity is replaced by the character it stands for (a safe fix; a double-escaped
    one is unescaped all the way). Deleting a tag or unwrapping a link loses information, so
    those fixes are unsafe; templates and images get none.

    Bad:
        Smith &amp; Wesson said it would appeal.<br/>

    Good:
        AT&T and R&D spending rose as x < y held.
    """

    code = "EN002"
    name = "markup-residue"
    family = "encoding"
    summary = "HTML entities, tags, or wiki/Markdown syntax left in plain text"
    fixable = True

    def check(self, view: DocumentView) -> Iterator[Finding]:
        text = view.text
        if "&" in text:
            yield from _entities(text)
        if "<" in text:
            yield from _tags(text)
        if not view.document.path.lower().endswith(MARKDOWN_SUFFIXES):
            for gate, pattern, what, template in MARKUP_PATTERNS:
                if gate not in text:
                    continue
                for match in pattern.finditer(text):
                    fix = None
                    if template is not None:
                        fix = Fix.unsafe(Edit(match.start(), match.end(), match.expand(template)))
                    yield Finding(match.start(), match.end(), f"Leftover {what}", fix)


def _entities(text: str) -> Iterator[Finding]:
    matches = list(ENTITY_RE.finditer(text))
    i = 0
    while i < len(matches):
        match = matches[i]
        start, end = match.span()
        entity = match.group()
        if not _is_entity(entity):
            i += 1
            continue
        # "&amp;amp;" and "&amp;#8217;": an escaped ampersand directly followed by an entity name
        # (the regex sees "&amp;" then, separately, a bare "amp;" it cannot match).
        double = entity == "&amp;" and _double_escaped_tail(text, end)
        if double:
            end = double
        raw = text[start:end]
        value = raw
        for _ in range(4):  # unescape until stable; each round peels one level of escaping
            unescaped = html.unescape(value)
            if unescaped == value:
                break
            value = unescaped
        what = "Double-escaped HTML entity" if double else "HTML entity"
        message = f"{what} '{raw}' (stands for {value!r})"
        fix = None
        if value and all(c.isprintable() or c == "\u00a0" for c in value) and "\ufffd" not in value:
            fix = Fix.safe(Edit(start, end, value))
        yield Finding(start, end, message, fix)
        i += 1
        while i < len(matches) and matches[i].start() < end:
            i += 1


def _is_entity(entity: str) -> bool:
    if entity.startswith("&#"):
        return True
    return entity[1:] in html5


_TAIL_RE = re.compile(r"(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _double_escaped_tail(text: str, end: int) -> int:
    """End of "amp;...;" directly after "&amp;" when that spells a nested entity, else 0."""
    match = _TAIL_RE.match(text, end)
    if match is None:
        return 0
    core = match.group()
    while core.startswith("amp;") and len(core) > 4:
        core = core[4:]
    return match.end() if _is_entity("&" + core) else 0


def _tags(text: str) -> Iterator[Finding]:
    for match in TAG_RE.finditer(text):
        start, end = match.span()
        if match.group().startswith("<!--"):
            yield Finding(start, end, "Leftover HTML comment", Fix.unsafe(Edit(start, end, "")))
            continue
        if match.group(3) and len(match.group(3)) == 1 and not match.group(4).strip():
            continue  # "<A>", "<B>", "<I>": answer options and labels as often as old HTML
        name = (match.group(2) or match.group(3)).lower()
        replacement = ""
        if (
            name in _BREAKING
            and start > 0
            and end < len(text)
            and not text[start - 1].isspace()
            and not text[end].isspace()
        ):
            replacement = " "
        closing = "closing " if match.group(1) else ""
        yield Finding(
            start,
            end,
            f"Leftover HTML {closing}tag <{match.group(1)}{name}>",
            Fix.unsafe(Edit(start, end, replacement)),
        )
