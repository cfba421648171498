"""DU001 duplicate-headline: tables of (text, expected (line, column, first line)) and fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.diagnostic import Edit
from linter.document import Document, DocumentView
from rules.boilerplate import furniture_kinds
from rules.headline import (
    DuplicateHeadline,
    headline_keys,
    headline_repeats,
    headline_repeats_of,
    may_repeat_headline,
    same_headline,
)

TITLE = "Council approves harbour plan after long debate"
BODY = "The council met on Tuesday and approved the budget after a long debate over schools."
BODY2 = "Residents had asked for the plan for years, and several spoke at the meeting."


def findings(text: str) -> list[tuple[int, int, str]]:
    view = DocumentView(Document("t.txt", text))
    return [(*view.position(f.start), f.message) for f in DuplicateHeadline().check(view)]


CASES = [
    # exact repeat under the title
    (f"{TITLE}\n{TITLE}\n{BODY}", [(2, 1, "Headline repeated from line 1")]),
    # with furniture and a blank line between
    (
        f"{TITLE}\n\nUpdated 6 sec ago\nFollow\n\n{TITLE}\n{BODY}",
        [(6, 1, "Headline repeated from line 1")],
    ),
    # case, punctuation, curly quotes, dashes and whitespace differ
    (
        "‘He died in my hands’: three killed in clashes near plant\n"
        "'HE DIED IN MY HANDS' -  three killed in clashes near plant\n"
        f"{BODY}",
        [(2, 1, "Headline repeated from line 1")],
    ),
    # a site name after the page title
    (f"{TITLE} | Example News\n{TITLE}\n{BODY}", [(2, 1, "Headline repeated from line 1")]),
    (f"{TITLE} - Example\n{TITLE}\n{BODY}", [(2, 1, "Headline repeated from line 1")]),
    # a near repeat: words dropped, a section label added
    (
        "'We Got Her!': Video Shows Dramatic Rescue of Kidnapped Fort Worth Girl\n"
        f"{BODY}\n{BODY2}\n"
        "'We Got Her!' Video Shows Dramatic Rescue of Kidnapped Girl\n"
        f"{BODY}",
        [(4, 1, "Headline repeated from line 1")],
    ),
    (
        "Viera defeats Rockledge to remain undefeated\n"
        "High School Roundup: Viera defeats Rockledge to remain undefeated\n"
        f"{BODY}",
        [(2, 1, "Headline repeated from line 1")],
    ),
    # the title repeated later as a section heading
    (
        f"How to retire early\n{BODY}\n{BODY2}\nHow to retire early\n{BODY}",
        [(4, 1, "Headline repeated from line 1")],
    ),
    # a second article's headline repeated under its stamp block
    (
        f"{TITLE}\n{BODY}\n{BODY2}\n\nKremlin says Putin is mediating in Iran\n\n"
        "Updated 6 sec ago\nFollow\n\nKremlin says Putin is mediating in Iran\n\n"
        f"{BODY}",
        [(10, 1, "Headline repeated from line 5")],
    ),
    # furniture before the title does not make the title furniture
    (f"Advertisement\n{TITLE}\n{TITLE}\n{BODY}", [(3, 1, "Headline repeated from line 2")]),
    # non-English headlines
    (
        "엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유\n"
        "엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유\n"
        f"{BODY}",
        [(2, 1, "Headline repeated from line 1")],
    ),
]

CLEAN = [
    # short widget lines repeated are BP001's business
    f"{TITLE}\n{BODY}\nShare\nShare\nVIDEO\n{BODY2}\nVIDEO",
    # repeated list labels and product features
    f"{TITLE}\nApple AirPods\n- Easy setup for all your devices\nApple Watch\n"
    "- Easy setup for all your devices",
    # a long title and a short heading that shares some of its words
    "How to retire early so you can work, travel, and relax on your own schedule\n"
    f"{BODY}\nHow to retire early\n{BODY2}",
    # two related-link headlines about the same story
    f"{TITLE}\n{BODY}\n2020 VW ID.3 official as Volkswagen bets on electric\n"
    "As VW ID.3 production begins, Volkswagen bets it all on an electric future",
    # a line printed three times is a recurring label, not a repeated headline
    f"Eat every 2-3 hours\n{BODY}\nEat every 2-3 hours\n{BODY2}\nEat every 2-3 hours",
    # a caption line printed under every picture of a gallery
    f"{TITLE}\n{BODY}\n{BODY2}\nThe old harbour seen from the pier at dawn\n"
    "The old harbour seen from the pier at dawn\nThe old harbour seen from the pier at dawn",
    # a repeated body sentence is DU002's business
    f"{TITLE}\n{BODY}\n{BODY2}\n{BODY}",
    # later repeated lines with article text between them
    f"{TITLE}\n{BODY}\nThe vote was close\n{BODY2}\n{BODY2}\nThe vote was close",
    # rules under headings and box drawings: headline-shaped, but no words to compare
    f"{TITLE}\n{BODY}\nThe vote\n----------------\n----------------\n{BODY2}\n"
    "  ┌────────┐\n  └────────┘\n  ┌────────┐",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reports_repeated_headline(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert findings(text) == expected


@pytest.mark.parametrize("text", CLEAN)
def test_leaves_other_repeats_alone(text: str) -> None:
    assert findings(text) == []


def test_fix_deletes_the_repeat_with_its_line_break() -> None:
    text = f"{TITLE}\n{TITLE}\n{BODY}"
    view = DocumentView(Document("t.txt", text))
    (finding,) = DuplicateHeadline().check(view)
    start = len(TITLE) + 1
    assert finding.fix is not None
    assert finding.fix.applicability == "safe"
    assert finding.fix.edits == (Edit(start, start + len(TITLE) + 1, ""),)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "Star Wars review - shoots for the moon - VG",
            "Star Wars review – shoots for the moon",
            True,
        ),
        ("Example Site | Council approves plan", "Council approves plan", True),
        ("Council approves plan", "Council rejects plan", False),
        ("Star Wars review", "Star Wars review – shoots for the moon", False),
        # lines without a word have no keys: never the same headline, not even as each other
        ("------------", "------------", False),
        ("  ┌────────┐", "Council approves plan", False),
    ],
)
def test_same_headline(a: str, b: str, same: bool) -> None:
    assert same_headline(headline_keys(a), headline_keys(b)) is same


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (
            "Council approves plan | Example News",
            ("council approves plan example news", "council approves plan"),
        ),
        ("Council approves plan - Space Gray (2019)", ("council approves plan space gray 2019",)),
    ],
)
def test_site_name_is_stripped_but_not_a_bracketed_suffix(text: str, keys: tuple[str, ...]) -> None:
    assert headline_keys(text) == keys


SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "seed-news.txt"


@pytest.mark.skipif(not SEED.exists(), reason="shared seed page not available")
def test_seed_page() -> None:
    assert findings(SEED.read_text(encoding="utf-8")) == [
        (7, 1, "Headline repeated from line 1"),
        (35, 1, "Headline repeated from line 30"),
    ]


def test_levenshtein_is_textdistances_own_on_random_strings() -> None:
    # textdistance hands Levenshtein to rapidfuzz when it is installed (a dependency, for
    # speed): the values must be textdistance's own, so that a near repeat is judged the same
    # on a machine without it (accents, symbols beyond the BMP and spaces included).
    import random

    import textdistance

    own = textdistance.Levenshtein(external=False)
    rng = random.Random(7)
    for _ in range(2000):
        alphabet = rng.choice(["ab", "abc ", "aé€𝄞 x", "abcdefghij"])
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 70)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 70)))
        assert textdistance.levenshtein(a, b) == own(a, b), (a, b)
        similarity = textdistance.levenshtein.normalized_similarity(a, b)
        assert similarity == own.normalized_similarity(a, b), (a, b)


@pytest.mark.parametrize(
    ("text", "may"),
    [
        ("", False),
        (f"{TITLE}\n{BODY}\n{BODY2}", False),  # one headline-shaped line only
        (f"{TITLE}\nSports roundup for the weekend\n{BODY}", False),  # two that differ
        (f"{TITLE}\n{BODY}\n{TITLE}", True),
        (f"{TITLE} | Example News\n\nShare\n{TITLE}\n{BODY}", True),
        (f"Share this story now\n{BODY}\nShare this story now", True),  # furniture decides later
        (f"{TITLE},\n{TITLE},\n{BODY}", False),  # lines that run on are not headlines
    ],
)
def test_may_repeat_headline(text: str, may: bool) -> None:
    assert may_repeat_headline(text) is may


def test_documents_the_gate_rules_out_have_no_repeats() -> None:
    for text, expected in CASES:
        if not may_repeat_headline(text):
            assert expected == [], text


# Section headings that say different things: more headline-shaped lines than the gate in
# front of the furniture is asked about.
SECTIONS = "\n".join(
    [
        "Why the vote took so long",
        "What the opposition wanted instead",
        "How much the new quay will cost",
        "Who pays for the dredging work",
        "When building work could start",
        "Fishermen worry about their moorings",
        "Ferry timetables may change next year",
        "Schools get a share of the budget",
        "Residents to be consulted again in spring",
        "The mayor answers readers' questions",
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{TITLE}\n{BODY}\n{SECTIONS}\n{BODY2}", []),
        (f"{TITLE}\n{TITLE}\n{BODY}\n{SECTIONS}\n{BODY2}", [(0, 1)]),
        (f"{TITLE}\n{BODY}\n{SECTIONS}\n{TITLE}\n{BODY2}", [(0, 12)]),
    ],
)
def test_headline_repeats_with_or_without_the_gate(
    text: str, expected: list[tuple[int, int]]
) -> None:
    view = DocumentView(Document("t.txt", text))
    assert headline_repeats_of(view) == expected
    nonblank = view.nonblank_indices
    assert list(headline_repeats(view.line_texts, furniture_kinds(view), nonblank)) == expected


def test_shaped_lines_of_a_view_are_headline_shaped_of_all_its_lines() -> None:
    # shaped_lines looks only at the view's non-blank lines: the same lines, in order, as
    # headline_shaped of every line (blank and white-space-only lines are never shaped).
    import random

    from linter.document import Document, DocumentView
    from rules.headline import headline_shaped, shaped_lines

    parts = ["Storm nears the coast", "Share", "A body line ends here.", " ", "\t", "", "x, y"]
    parts += ["One two three four", "Words  between", "ends;", "\u00a0Title case line\u00a0"]
    rng = random.Random(2)
    for _ in range(2000):
        text = "\n".join(rng.choice(parts) for _ in range(rng.randint(0, 10)))
        view = DocumentView(Document("t", text))
        assert shaped_lines(view) == headline_shaped(text.split("\n")), repr(text)
