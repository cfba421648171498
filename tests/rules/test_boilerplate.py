"""BP001 boilerplate-line: tables of (text, expected (line, column)) and the fixes it offers."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.diagnostic import Edit
from linter.document import Document, DocumentView
from linter.errors import ConfigError
from rules.boilerplate import BoilerplateLine, classify

BODY = "The council met on Tuesday and approved the budget after a long debate over schools."
LONG = (
    "The council met on Tuesday and approved the budget after a long debate over schools, "
    "roads and the future of the harbour, which several members said had been neglected "
    "for years while the city grew around it and traffic kept rising."
)


def findings(text: str, **config: object) -> list[tuple[int, int]]:
    view = DocumentView(Document("t.txt", text))
    return [view.position(f.start) for f in BoilerplateLine(config).check(view)]


# (text, expected [(line, column)])
CASES = [
    # update and publish stamps, date-only lines, reading time
    (f"Headline here\nUpdated 21 August 2018\n{BODY}", [(2, 1)]),
    (f"Headline here\nUpdated 6 sec ago\n{BODY}", [(2, 1)]),
    (f"Headline here\nPublished 3 hours ago\n{BODY}", [(2, 1)]),
    (f"Headline here\nLast modified: 2019-11-20 08:38\n{BODY}", [(2, 1)]),
    (f"Headline here\nMonday, November 18, 2019\n{BODY}", [(2, 1)]),
    (f"Headline here\nNov. 20, 2019 5:52 AM EST\n{BODY}", [(2, 1)]),
    (f"Headline here\n5 min read\n{BODY}", [(2, 1)]),
    # social, share and contact widgets
    (f"Headline here\nFollow\nShare this article\n{BODY}", [(2, 1), (3, 1)]),
    (f"{BODY}\nFollow us on Twitter", [(2, 1)]),
    (f"{BODY}\nWrite to Jane Doe at jane.doe@example.com", [(2, 1)]),
    (f"{BODY}\n#news #world #politics", [(2, 1)]),
    # advertisement, related links, newsletter, consent, legal
    (f"{BODY}\n  Advertisement  \n{BODY}", [(2, 3)]),
    (f"{BODY}\nRead more: Council approves new harbour plan\n{BODY}", [(2, 1)]),
    (f"{BODY}\nRelated:\n{BODY}", [(2, 1)]),
    (f"{BODY}\nSign up for our newsletter\n{BODY}", [(2, 1)]),
    (f"{BODY}\nCLICK HERE TO GET THE NEWS APP", [(2, 1)]),
    (f"{BODY}\nWe use cookies to improve your experience on our site.", [(2, 1)]),
    (f"{BODY}\n© 2019 Example Media. All rights reserved.", [(2, 1)]),
    # credits and captions
    (f"{BODY}\nGetty Images\n{BODY}", [(2, 1)]),
    (f"{BODY}\nPhoto: Jane Doe, AP\n{BODY}", [(2, 1)]),
    (f"{BODY}\nImage copyright Reuters\n{BODY}", [(2, 1)]),
    (f"{BODY}\nThe mayor speaks to reporters. (AP Photo/Jane Doe)\n{BODY}", [(2, 1)]),
    (
        f"{LONG}\nThe harbour at dawn, seen from the old pier.\nJane Doe/Example Times/Getty Images"
        f"\n{LONG}",
        [(2, 1), (3, 1)],
    ),
    (
        f"{LONG}\nThe harbour at dawn, seen from the old pier.\nHarbour Trust\n{LONG}",
        [(2, 1), (3, 1)],
    ),
    # a bulleted list of headlines after the body: related links
    (
        f"{LONG}\n- Council Opens New Harbour Bridge Today\n- Schools Get New Funding Next Year",
        [(2, 1), (3, 1)],
    ),
    # the page title reused as the alt text of every gallery picture
    (
        "Harbour festival opens with lights and music on the pier\n"
        f"{BODY}\nHarbour festival lights and music on the pier 2019\n{BODY}\n"
        "Harbour festival lights and music on the pier 2019\n"
        "Harbour festival lights and music on the pier 2019",
        [(3, 1), (5, 1), (6, 1)],
    ),
    # comments, navigation, media, separators, bylines
    (f"{BODY}\n0 Comments\nLeave a comment", [(2, 1), (3, 1)]),
    (f"Home > News > World\n{BODY}", [(1, 1)]),
    (f"{BODY}\nImage 1 of 5\n{BODY}", [(2, 1)]),
    (f"{BODY}\nThis slideshow requires JavaScript.\n{BODY}", [(2, 1)]),
    (f"{BODY}\n___\n{BODY}", [(2, 1)]),
    (f"Headline here\nBy JANE DOE and JOHN ROE\n{BODY}", [(2, 1)]),
    (f"Headline here\nJane Doe, AP Sports Writer\n{BODY}", [(2, 1)]),
    # bullets are stripped before matching
    (f"{BODY}\n  • Share", [(2, 3)]),
    (f"{BODY}\n- Published 18 November 2019", [(2, 1)]),
]

# Furniture words inside article sentences, and lines that only look like furniture.
CLEAN = [
    "Share prices fell after the update was published on Monday.",
    "Follow the river north and you reach the old mill.",
    "Readers were asked to subscribe, but most declined.",
    "The advertisement ran in three newspapers last week.",
    "He said the photo was taken by a neighbour.",
    "By the time the police arrived, the crowd had gone.",
    "Comments from residents were overwhelmingly positive.",
    "29 November 2018 | 20 January 2019",
    "10 p.m.",
    "GIRLS BASKETBALL",
    "HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%",
    "* * *",
    "Originally published on Example Science.",
    "Staff Reports",
    "Фото:",
    # subheads, lyrics and transcripts
    "By The Numbers",
    "[Chorus]",
    "(Applause)",
    "[Verse 2]",
]

# Non-English furniture from the catalogue.
FOREIGN = [
    ("Werbung", "advertisement"),
    ("Anzeige", "advertisement"),
    ("Publicité", "advertisement"),
    ("Publicidad", "advertisement"),
    ("Реклама", "advertisement"),
    ("광고", "advertisement"),
    ("저작권자 ⓒ 예시뉴스, 무단전재 및 재배포 금지", "legal"),
    ("无断转载 版权所有", "legal"),
    ("[사진=예시방송]", "credit"),
    ("Tempo de leitura: 2 minutos", "timestamp"),
    ("Lesen Sie auch: Neue Pläne für den Hafen", "related"),
    ("Tous droits réservés", "legal"),
    ("Mis à jour le 20 novembre 2019 à 08h38", "timestamp"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reports_furniture_lines(text: str, expected: list[tuple[int, int]]) -> None:
    assert findings(text) == expected


@pytest.mark.parametrize("line", CLEAN)
def test_leaves_article_text_alone(line: str) -> None:
    assert findings(f"Headline here\n{BODY}\n{line}\n{BODY}") == []


@pytest.mark.parametrize(("line", "kind"), FOREIGN)
def test_non_english_furniture(line: str, kind: str) -> None:
    assert classify(line) == kind
    assert findings(f"{BODY}\n{line}\n{BODY}") == [(2, 1)]


@pytest.mark.parametrize(
    "text",
    [
        # a list the text introduces is content
        f"{BODY}\nThe five finalists are:\n- Blue Origin, Kent, Washington State\n"
        "- Ceres Robotics, Palo Alto, California",
        # feature bullets in sentence case
        f"{BODY}\n- Automatically on, automatically connected\n- Easy setup for all your devices",
        # a step repeated under each heading, unrelated to the title
        f"{BODY}\nEat every two to three hours of the day\n{BODY}\n"
        "Eat every two to three hours of the day\nEat every two to three hours of the day",
    ],
)
def test_leaves_lists_and_repeated_steps_alone(text: str) -> None:
    assert findings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a short paragraph and a subheading between two paragraphs: not an image block
        f"{LONG}\nThis is how the new plan is meant to work.\nThe Details\n{LONG}",
        f"{LONG}\nThe vote was close.\nNext Steps\n{LONG}",
    ],
)
def test_subheading_after_short_paragraph_is_not_a_caption(text: str) -> None:
    assert findings(text) == []


def test_capitals_headline_on_first_line_is_not_a_promo() -> None:
    text = f"RUSSIA SAYS TALIBAN WILL ATTEND TALKS IN MOSCOW\n{BODY}"
    assert findings(text) == []
    assert findings(f"{BODY}\n{text}") == [(2, 1)]


@pytest.mark.parametrize(
    ("text", "edit"),
    [
        # a middle line goes with its own line break
        ("Title words\nFollow\nBody text.", Edit(12, 19, "")),
        # the last line goes with the line break before it
        ("Body text.\nFollow", Edit(10, 17, "")),
        # a document that is only furniture becomes empty
        ("Follow", Edit(0, 6, "")),
    ],
)
def test_fix_deletes_the_whole_line(text: str, edit: Edit) -> None:
    view = DocumentView(Document("t.txt", text))
    (finding,) = BoilerplateLine().check(view)
    assert finding.fix is not None
    assert finding.fix.applicability == "safe"
    assert finding.fix.edits == (edit,)


def test_message_names_the_kind() -> None:
    view = DocumentView(Document("t.txt", f"{BODY}\nUpdated 6 sec ago"))
    (finding,) = BoilerplateLine().check(view)
    assert finding.message == "Update timestamp left in the text: 'Updated 6 sec ago'"


def test_extend_phrases_from_config() -> None:
    text = f"{BODY}\nGet the Example Daily\n{BODY}"
    assert findings(text) == []
    assert findings(text, **{"extend-phrases": ["get the example daily"]}) == [(2, 1)]


def test_extend_patterns_from_config() -> None:
    text = f"{BODY}\nPromo code SAVE20 at checkout\n{BODY}"
    assert findings(text, **{"extend-patterns": [r"promo code \w+.*"]}) == [(2, 1)]


def test_invalid_pattern_is_a_config_error_naming_the_option() -> None:
    with pytest.raises(ConfigError, match="extend-patterns"):
        BoilerplateLine({"extend-patterns": ["(unclosed"]})


def test_phrases_file(tmp_path: Path) -> None:
    catalogue = tmp_path / "more.toml"
    catalogue.write_text(
        '[kinds.house]\nmessage = "House furniture"\nphrases = ["from the archive"]\n',
        encoding="utf-8",
    )
    view = DocumentView(Document("t.txt", f"{BODY}\nFrom the archive\n{BODY}"))
    (finding,) = BoilerplateLine({"phrases-file": str(catalogue)}).check(view)
    assert finding.message.startswith("House furniture left in the text")


def test_missing_phrases_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="phrases-file"):
        BoilerplateLine({"phrases-file": str(tmp_path / "absent.toml")})


SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "seed-news.txt"


@pytest.mark.skipif(not SEED.exists(), reason="shared seed page not available")
def test_seed_page() -> None:
    # Line 3 is a caption ending in an agency credit, which the gold marks as optional.
    assert findings(SEED.read_text(encoding="utf-8")) == [(3, 1), (4, 1), (5, 1), (32, 1), (33, 1)]


# The prefix gate in front of the anchored patterns must never turn away a line a pattern matches
# in full: a line that matches one pattern alone is classified the same with the gate in place.
GATED = [
    ("Updated 21 August 2018", "timestamp"),
    ("6 sec ago", "timestamp"),
    ("about an hour ago", "timestamp"),
    ("Monday, November 18, 2019", "date"),
    ("5:27 am CST, Wednesday, November 20, 2019", "date"),
    ("Follow us on Twitter @example", "social"),
    ("Jane Doe, AP Sports Writer", "byline"),
    ("By JANE DOE, JOHN ROE and JIM POE", "byline"),
    ("Jane Doe/Example Agency", "credit"),
    ("© 2019 Example Media. All rights reserved.", "legal"),
    ("AP-US-Example-Story, 1st Ld-Writethru", "wire"),
    ("Home > News > World", "navigation"),
    ("Photo 3 of 12", "media"),
    ("Read more: Council approves the budget", "related"),
    ("_____", "separator"),
    (BODY, None),
    (LONG, None),
    ("Jane Doe, who led the council for years, said the harbour had been neglected.", None),
]


@pytest.mark.parametrize(("line", "kind"), GATED)
def test_prefix_gate_keeps_every_match(line: str, kind: str | None) -> None:
    from rules.boilerplate import default_catalogue

    catalogue = default_catalogue()
    pattern, _kinds, gate = catalogue._bucket(line[0].lower())
    assert gate is not None
    full = pattern.fullmatch(line) if pattern is not None else None
    if full is not None:
        assert gate.match(line) is not None
    assert classify(line) == kind


def test_deleting_a_line_that_stood_alone_keeps_the_layout() -> None:
    from linter.document import Document, DocumentView
    from linter.fix import apply_edits
    from rules.boilerplate import BoilerplateLine

    text = "Bridge to close for repairs\n\nAdvertisement\n\nThe bridge will close on Monday."
    findings = list(BoilerplateLine().check(DocumentView(Document("a.txt", text))))
    edits = [edit for finding in findings if finding.fix for edit in finding.fix.edits]
    assert (
        apply_edits(text, edits)
        == "Bridge to close for repairs\n\nThe bridge will close on Monday."
    )


# The opening index (which anchored patterns a line's first characters and shape allow) must
# give every line the kind that trying the line's whole first-character bucket gives.
OPENINGS = [
    *GATED,
    ("ſhare this", "social"),  # a phrase: case folding turns the long s into "s"
    # Too long for a phrase; the regex engine would fold the long s, but no bucket holds it.
    ("ſhare this article with your friends and family, please, today", None),
    ("٣ hours ago", None),  # a digit outside ASCII: no bucket holds it
    ("© Example Media", "legal"),
    ("#news #world", "social"),
    ("(Getty Images)", "credit"),
    ("Jane Doe (jane@example.com) is a reporter for Example News.", "author"),
    ("FULL INTERVIEW WITH THE MINISTER ON ITS WAY", "promo"),
    ("Tue, Nov. 19, 2019", "date"),
    ("a 3 hours ago", None),
    ("Thu 5 min read", None),
]


@pytest.mark.parametrize(("line", "kind"), OPENINGS)
def test_opening_index_agrees_with_the_whole_bucket(line: str, kind: str | None) -> None:
    from dataclasses import replace

    from rules.boilerplate import default_catalogue

    catalogue = default_catalogue()
    assert catalogue._openings is not None
    without = replace(catalogue)
    object.__setattr__(without, "_openings", None)
    assert catalogue.classify(line) == without.classify(line) == kind


# The multi-trigger automaton and the plain per-trigger search find the same lines.
TRIGGER_TEXTS = [
    f"{BODY}\nWe use cookies. By continuing you agree to our terms.\n{BODY}",
    f"Title\n© 2019 Example. ALL RIGHTS RESERVED.\nTous droits réservés\n{BODY}",
    f"{BODY}\nJane Doe/Example Times/Getty Images\nA | B ]\n무단전재 및 재배포 금지",
    f"{BODY}\nComments are closed.\nThis slideshow requires JavaScript.",
    "",
]


@pytest.mark.parametrize("text", TRIGGER_TEXTS)
def test_trigger_search_with_and_without_the_automaton(text: str) -> None:
    from dataclasses import replace

    from rules.boilerplate import default_catalogue

    catalogue = default_catalogue()
    plain = replace(catalogue)
    object.__setattr__(plain, "_trigger_search", None)
    hits = catalogue.trigger_hits(text)
    assert hits == plain.trigger_hits(text)
    assert text == "" or hits


def test_a_pattern_that_may_open_with_anything_falls_back_to_the_buckets() -> None:
    from rules.boilerplate import build_catalogue

    table = {"kinds": {"custom": {"message": "Custom", "patterns": [r".{0,3}Sponsored by \w+"]}}}
    catalogue = build_catalogue([(table, "test")])
    assert catalogue._openings is None
    assert catalogue.classify("-- Sponsored by Example") == "custom"
    assert catalogue.classify("Sponsored content is labelled on this page.") is None


# A one-character trigger ("/", "|", "]") found on several lines: each hit is numbered by its
# own line, counting on from the previous hit.
SINGLE_TRIGGER_LINES = [
    ("a/b\nplain\nc/d/e\n\nf/g", [0, 2, 4]),
    ("plain\nA | B\nplain\nplain\nC | D", [1, 4]),
    ("/\n/\n/", [0, 1, 2]),
    ("no trigger here\nnor here", []),
]


@pytest.mark.parametrize(("text", "lines"), SINGLE_TRIGGER_LINES)
def test_single_character_triggers_are_numbered_by_their_line(text: str, lines: list[int]) -> None:
    from rules.boilerplate import default_catalogue

    assert sorted(default_catalogue().trigger_hits(text)) == lines


def test_bulleted_line_test_agrees_with_a_regex_over_the_text() -> None:
    # _has_bulleted_line reads the first character of each non-blank line; the regex it
    # replaced asked the whole text for a bullet after a line break and any white space.
    import random
    import re

    from linter.document import Document, DocumentView
    from rules.boilerplate import _BULLETS, _has_bulleted_line

    def slow(text: str) -> bool:
        first = text.lstrip()[:1]
        bullet_line = re.compile(rf"\n\s*[{_BULLETS}]")
        return (first != "" and first in _BULLETS) or bullet_line.search(text) is not None

    rng = random.Random(3)
    parts = ["a", "- b", "-", "•", "*", " ", "\t", "\n", "\n\n", "\u2028", "\r", "x-y", "▪ z"]
    outcomes = []
    for _ in range(3000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 12)))
        view = DocumentView(Document("t", text))
        expected = slow(text)
        assert _has_bulleted_line(view.line_texts, view.nonblank_indices) is expected, repr(text)
        outcomes.append(expected)
    assert 300 < sum(outcomes) < 2700


def test_repeated_captions_skip_only_documents_without_three_copies() -> None:
    # The length test in front of the set of texts only ever skips documents the set would skip.
    import random

    from rules.boilerplate import _mark_repeated_captions

    title = "Storm over the city brings heavy rain tonight"
    alt = "Storm over the city brings heavy rain"
    rng = random.Random(4)
    parts = [alt, alt, "Other line of the same size here", "x" * 37, "", "", "Body text."]
    for _ in range(2000):
        texts = [title, *(rng.choice(parts) for _ in range(rng.randint(0, 8)))]
        kinds: list[str | None] = [None] * len(texts)
        _mark_repeated_captions(texts, kinds, 0)
        copies = texts[1:].count(alt)
        assert kinds == ["caption" if copies >= 3 and text == alt else None for text in texts], (
            texts
        )
