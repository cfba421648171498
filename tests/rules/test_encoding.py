"""EN001 mojibake and EN002 markup-residue: exact findings and fixes, and the text they must leave
alone."""

from __future__ import annotations

import pytest

from linter.document import Document
from linter.rule import Rule
from linter.runner import lint_document
from rules.encoding import MarkupResidue, Mojibake


def run(rule: Rule, text: str, path: str = "doc.txt") -> list[tuple]:
    """(code, line, column, end_column, message, fix) per diagnostic; a fix is
    (applicability, content) for its single edit, whose span is the finding's own."""
    found = []
    for d in lint_document(Document(path, text), [rule]):
        fix = None
        if d.fix is not None:
            (edit,) = d.fix.edits
            assert (edit.start, edit.end) == (d.start, d.end)
            fix = (d.fix.applicability, edit.content)
        assert d.end_line == d.line
        found.append((d.code, d.line, d.column, d.end_column, d.message, fix))
    return found


# -- EN001 -------------------------------------------------------------------------------------

MOJIBAKE = [
    pytest.param(
        "Itâ€™s open.",
        [("EN001", 1, 1, 7, "Mojibake 'Itâ€™s', probably 'It’s'", ("safe", "It’s"))],
        id="cp1252-apostrophe",
    ),
    pytest.param(
        "A cafÃ© and\nMÃ¼nchen too",
        [
            ("EN001", 1, 3, 8, "Mojibake 'cafÃ©', probably 'café'", ("safe", "café")),
            ("EN001", 2, 1, 9, "Mojibake 'MÃ¼nchen', probably 'München'", ("safe", "München")),
        ],
        id="latin-1-one-per-word",
    ),
    pytest.param(
        # Legitimate accents on the same line do not stop the repair of the broken word.
        "Un café, then Itâ€™s late.",
        [("EN001", 1, 15, 21, "Mojibake 'Itâ€™s', probably 'It’s'", ("safe", "It’s"))],
        id="mixed-with-legit-accents",
    ),
    pytest.param(
        "He said â€œyesâ€\x9d twice.",
        [("EN001", 1, 9, 18, "Mojibake 'â€œyesâ€\x9d', probably '“yes”'", ("safe", "“yes”"))],
        id="quotes-with-c1",
    ),
    pytest.param(
        "ÐŸÑ€Ð¸Ð²ÐµÑ‚ world",
        [("EN001", 1, 1, 13, "Mojibake 'ÐŸÑ€Ð¸Ð²ÐµÑ‚', probably 'Привет'", ("safe", "Привет"))],
        id="cyrillic-as-cp1252",
    ),
    pytest.param(
        # English punctuation read as cp1251, as on many Russian sites.
        "He said вЂњhelloвЂќ to me.",
        [("EN001", 1, 9, 20, "Mojibake 'вЂњhelloвЂќ', probably '“hello”'", ("safe", "“hello”"))],
        id="punctuation-as-cp1251",
    ),
    pytest.param(
        "Costs Â£5 a day.",
        [("EN001", 1, 7, 10, "Mojibake 'Â£5', probably '£5'", ("safe", "£5"))],
        id="a-circumflex-before-symbol",
    ),
    pytest.param(
        # Too little text for ftfy to act on; the sequence is unmistakable, the fix is unsafe.
        "VIP: 60,000â‚© each",
        [("EN001", 1, 6, 15, "Mojibake '60,000â‚©', probably '60,000₩'", ("unsafe", "60,000₩"))],
        id="short-sequence-ftfy-leaves",
    ),
    pytest.param(
        # A byte was lost: ftfy cannot repair it, the word is still reported, without a fix.
        "Donâ€t go.",
        [("EN001", 1, 1, 7, "Mojibake 'Donâ€t' that cannot be repaired", None)],
        id="unrepairable",
    ),
    pytest.param(
        "A caf\ufffd au lait.",
        [
            (
                "EN001",
                1,
                3,
                7,
                "Replacement character U+FFFD: the original character was lost in decoding",
                None,
            )
        ],
        id="replacement-character",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MOJIBAKE)
def test_mojibake(text: str, expected: list) -> None:
    assert run(Mojibake(), text) == expected


LEGITIMATE = [
    "À propos — c’était «bien», l’été dernier; naïve façade.",
    "Größe, Übermaß — „Zitat“ aus München.",
    "São Paulo: ação, não, coração; SÃO PAULO.",
    "Tiếng Việt có dấu, Hà Nội.",
    "İstanbul’da şişli ağaçlar; Türkiye’nin ekonomisi.",
    "Привет, мир! Сёмин и Рерих в СССР.",
    "東京都の人口は増えた。서울의 날씨는 맑다.",
    "Emoji 😀👍🏽 and math: ∑ x² ≤ ∞, π ≈ 3.14, ½ cup, ±5 °C, £3, ©2024 ACME™.",
    "Ça va? Ôte-toi. ÉCOLE — Ñandú, señor.",
    "A IRMÃ— e a “MAÇÃ” — ESPAÑA– SÃO PAULO’s.",
    "Ελληνικά κείμενα και עברית וערבית العربية.",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_mojibake_leaves_legitimate_text_alone(text: str) -> None:
    assert run(Mojibake(), text) == []


# -- EN002 -------------------------------------------------------------------------------------

MARKUP = [
    pytest.param(
        "Smith &amp; Wesson.",
        [("EN002", 1, 7, 12, "HTML entity '&amp;' (stands for '&')", ("safe", "&"))],
        id="amp",
    ),
    pytest.param(
        "It&#8217;s and it&#x2019;s",
        [
            ("EN002", 1, 3, 10, "HTML entity '&#8217;' (stands for '’')", ("safe", "’")),
            ("EN002", 1, 18, 26, "HTML entity '&#x2019;' (stands for '’')", ("safe", "’")),
        ],
        id="numeric",
    ),
    pytest.param(
        "Ten&nbsp;men",
        [("EN002", 1, 4, 10, "HTML entity '&nbsp;' (stands for '\\xa0')", ("safe", "\u00a0"))],
        id="nbsp",
    ),
    pytest.param(
        "Tom &amp;amp; Jerry &amp;#8217;",
        [
            (
                "EN002",
                1,
                5,
                14,
                "Double-escaped HTML entity '&amp;amp;' (stands for '&')",
                ("safe", "&"),
            ),
            (
                "EN002",
                1,
                21,
                32,
                "Double-escaped HTML entity '&amp;#8217;' (stands for '’')",
                ("safe", "’"),
            ),
        ],
        id="double-escaped",
    ),
    pytest.param(
        "Bad &#0; char",
        [("EN002", 1, 5, 9, "HTML entity '&#0;' (stands for '\ufffd')", None)],
        id="entity-without-a-character-has-no-fix",
    ),
    pytest.param(
        'one<br/>two <p class="lead">Text</p>',
        [
            ("EN002", 1, 4, 9, "Leftover HTML tag <br>", ("unsafe", " ")),
            ("EN002", 1, 13, 29, "Leftover HTML tag <p>", ("unsafe", "")),
            ("EN002", 1, 33, 37, "Leftover HTML closing tag </p>", ("unsafe", "")),
        ],
        id="tags",
    ),
    pytest.param(
        'See <a href="https://example.com/x">this</a>. <DIV>',
        [
            ("EN002", 1, 5, 37, "Leftover HTML tag <a>", ("unsafe", "")),
            ("EN002", 1, 41, 45, "Leftover HTML closing tag </a>", ("unsafe", "")),
            ("EN002", 1, 47, 52, "Leftover HTML tag <div>", ("unsafe", "")),
        ],
        id="link-and-uppercase-tag",
    ),
    pytest.param(
        "Text <!-- ad slot --> more",
        [("EN002", 1, 6, 22, "Leftover HTML comment", ("unsafe", ""))],
        id="comment",
    ),
    pytest.param(
        "See [[Main Page|the main page]] and [[Paris]].",
        [
            ("EN002", 1, 5, 32, "Leftover wiki link", ("unsafe", "the main page")),
            ("EN002", 1, 37, 46, "Leftover wiki link", ("unsafe", "Paris")),
        ],
        id="wiki-links",
    ),
    pytest.param(
        "{{cite web|url=x}} and '''Bold''' text",
        [
            ("EN002", 1, 1, 19, "Leftover wiki template", None),
            ("EN002", 1, 24, 34, "Leftover wiki bold markup", ("unsafe", "Bold")),
        ],
        id="wiki-template-and-bold",
    ),
    pytest.param(
        "Read [the report](https://example.org/r) **now**.\n## Background",
        [
            ("EN002", 1, 6, 41, "Leftover Markdown link", ("unsafe", "the report")),
            ("EN002", 1, 42, 49, "Leftover Markdown bold", ("unsafe", "now")),
            ("EN002", 2, 1, 4, "Leftover Markdown heading marker", ("unsafe", "")),
        ],
        id="markdown-in-plain-text",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MARKUP)
def test_markup_residue(text: str, expected: list) -> None:
    assert run(MarkupResidue(), text) == expected


MARKUP_NEGATIVES = [
    "AT&T, R&D, S&P 500, Q&A, B&B and M&M's; Tom & Jerry; &c.",
    "If a < b and b > c then a < c; x<y; 3 <4.",
    "I <3 this. <- arrow, -> arrow, <<quoted>>, <>.",
    "Choose <A> or <B>; press <I> for help.",
    "The musical <The Palace: Tale of a Clown> opened; <Time> magazine; <Parasite>.",
    "Price: &pound5 and &nbsp without a semicolon; &notanentity; and &;",
    "Footnote* and 2**10 and a ** b and **",
    "A list [1] and [see below] and (parenthesis) and a [link] (later).",
    "Use 'quotes' and ''two'' but not three.",
]


@pytest.mark.parametrize("text", MARKUP_NEGATIVES)
def test_markup_residue_leaves_alone(text: str) -> None:
    assert run(MarkupResidue(), text) == []


def test_markdown_syntax_is_legitimate_in_markdown_documents() -> None:
    text = "## Background\n\nRead [the report](https://example.org/r) **now** &amp; <br>."
    codes = [(d[2], d[4]) for d in run(MarkupResidue(), text, path="notes/README.md")]
    # Entities and HTML are still residue in Markdown; its own syntax is not.
    assert codes == [(50, "HTML entity '&amp;' (stands for '&')"), (56, "Leftover HTML tag <br>")]


def test_odd_input_does_not_crash() -> None:
    for text in ["", "&", "&#;", "&#99999999;", "<", "<a", "[[", "{{}}", "\ufffd", "Ã", "\x80"]:
        run(Mojibake(), text)
        run(MarkupResidue(), text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What comes before a pattern's opening character is checked after it (for speed): the
        # same spans as a lookbehind in front.
        (
            "## A\nx ## B\n### C",
            [
                (1, 1, 4, "Leftover Markdown heading marker", ("unsafe", "")),
                (3, 1, 5, "Leftover Markdown heading marker", ("unsafe", "")),
            ],
        ),
        ("x\n## B", [(2, 1, 4, "Leftover Markdown heading marker", ("unsafe", ""))]),
        (
            "![a](/i.png) and [b](/p)",
            [
                (1, 1, 13, "Leftover Markdown image", None),
                (1, 18, 25, "Leftover Markdown link", ("unsafe", "b")),
            ],
        ),
        ("a**bc** *c* ***dd*** **ee**", [(1, 22, 28, "Leftover Markdown bold", ("unsafe", "ee"))]),
    ],
)
def test_markup_patterns_check_what_precedes_them(text: str, expected: list) -> None:
    assert [d[1:] for d in run(MarkupResidue(), text)] == expected


def test_candidate_pattern_is_the_three_lead_and_continuation_pairs() -> None:
    import re

    from rules.encoding import _CONT_1251, _CONT_1252, CANDIDATE_RE

    plain = re.compile(rf"[\u00c2-\u00f4][{_CONT_1252}]|[РС][{_CONT_1251}]|вЂ")
    leads = "\u00c1\u00c2\u00c3\u00e9\u00f4\u00f5РСвП"
    follows = "€’\x80\xbf\xa0ЂџЎaР "
    text = " ".join(a + b for a in leads for b in follows) + "вЂвЃ"
    assert [m.span() for m in CANDIDATE_RE.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]


def test_the_byte_gate_agrees_with_searching_every_gate_character() -> None:
    # has_gate_char asks the UTF-8 bytes for the gate characters' lead bytes first: the answer
    # must be the one of thirty character searches, on every gate character and its neighbours
    # (same lead byte, or none) and on random texts.
    import random

    from linter.document import DocumentView
    from rules.encoding import GATE_CHARS, GATE_LEAD_BYTES, has_gate_char

    assert {char.encode()[:1] for char in GATE_CHARS} == set(GATE_LEAD_BYTES)

    def slow(text: str) -> bool:
        return any(c in text for c in GATE_CHARS)

    near = [chr(c) for c in (*range(0xB0, 0x100), *range(0x400, 0x450), 0x2019, 0x1F642)]
    alphabet = [*near, "a", " ", "\n", "\ud800"]
    texts = ["", "plain text", *near]
    rng = random.Random(7)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(2000)]
    for text in texts:
        assert has_gate_char(DocumentView(Document("t", text))) == slow(text), repr(text)
