"""SP001 misspelling: what is reported (exact line, column, suggestions, fix) and what is not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter.document import Document, DocumentView
from linter.errors import ConfigError
from linter.rule import locate
from rules.spelling import Lexicon, Misspelling, edit_cost, osa_distance

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "seed-news.txt"


def findings(text: str, **config: object) -> list[tuple[int, int, str, str | None]]:
    """(line, column, message, unsafe fix content or None) for each finding."""
    rule = Misspelling(config)
    view = DocumentView(Document("t.txt", text))
    result = []
    for finding in rule.check(view):
        diagnostic = locate(rule, view, finding)
        fix = None
        if finding.fix is not None:
            assert finding.fix.applicability == "unsafe"
            assert len(finding.fix.edits) == 1
            edit = finding.fix.edits[0]
            assert (edit.start, edit.end) == (finding.start, finding.end)
            fix = edit.content
        result.append((diagnostic.line, diagnostic.column, diagnostic.message, fix))
    return sorted(result)


REPORTED = [
    # the article "an" wants a vowel: "end" before "need", though "need" is far more common
    (
        "An hours-long attack came to an ened when two militants were killed.",
        [(1, 33, '"ened" may be a misspelling of "end", "ended" or "need"', None)],
    ),
    # without the article, frequency wins: "need"
    (
        "I ened to go home.",
        [(1, 3, '"ened" may be a misspelling of "need" (or "end", "ended")', "need")],
    ),
    # a swapped pair, a doubled letter, a dropped letter of a double: one clear fix each
    ("They jsut weren't playing.", [(1, 6, '"jsut" may be a misspelling of "just"', "just")]),
    ("Available frrom Amazon", [(1, 11, '"frrom" may be a misspelling of "from"', "from")]),
    (
        "BGR may receive a comission.",
        [(1, 19, '"comission" may be a misspelling of "commission"', "commission")],
    ),
    # two edits, for a long word
    (
        "On the supply side, recomondation widgets sell best.",
        [(1, 21, '"recomondation" may be a misspelling of "recommendation"', "recommendation")],
    ),
    # several plausible words: suggestions, no fix; "made" is used in the text, so it comes first
    (
        "Their mame was made.",
        [(1, 7, '"mame" may be a misspelling of "made", "make" or "name"', None)],
    ),
    # the stem of a possessive
    (
        "the goverment's plan",
        [(1, 5, '"goverment" may be a misspelling of "government"', "government")],
    ),
    # capital from the sentence start only, one cheap slip from a very common word
    ("Thsi is the role.", [(1, 1, '"Thsi" may be a misspelling of "This"', "This")]),
    (
        "He left.\nTeh end.",
        [(2, 1, '"Teh" may be a misspelling of "The" (or "Ten", "Tea")', "The")],
    ),
    # typographic apostrophes in the line do not make it look foreign
    (
        "The band’s members wille tour with the group’s new singer.",
        [(1, 20, '"wille" may be a misspelling of "will" (or "wills", "willed")', "will")],
    ),
    # a slip inside an English quotation is still a slip
    (
        "He warned of “poltical consequences” if more people left.",
        [(1, 15, '"poltical" may be a misspelling of "political"', "political")],
    ),
    # a contraction split by a stray space and the wrong mark, mended in the document's style
    (
        "The automaker isn ‘t slowing down, it’s said.",
        [(1, 15, '"isn ‘t" may be a misspelling of "isn’t"', "isn’t")],
    ),
    ("It isn 't over.", [(1, 4, '"isn \'t" may be a misspelling of "isn\'t"', "isn't")]),
    # an inflection spelled as if regular: the regular repair ranks as one cheap slip
    (
        "a model for companys to grow",
        [(1, 13, '"companys" may be a misspelling of "companies" or "company"', None)],
    ),
    (
        "He tryed to grow.",
        [(1, 4, '"tryed" may be a misspelling of "tried" (or "toyed")', "tried")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), REPORTED)
def test_reported(text: str, expected: list) -> None:
    assert findings(text) == expected


LEFT_ALONE = [
    # names, mid-sentence or at the start of a sentence, and names that go on
    "Iranian President Masoud Pezeshkian met Ali Larijani and Zamir Kabulov in Tehran.",
    "Liu said the plan failed.",
    "Jang Noksu opened the show.",
    # acronyms, mixed case, digits
    "The SCO and NASA said ENED was fine; iEned and ened2 too.",
    # addresses, handles, hashtags
    "See www.exmaple.com/ened or write to jsut@example.com, #ened and @jsut.",
    "Download it from https://example.org/docs/recieve.html today.",
    # British spellings, regular derivations, modern vocabulary, abbreviations
    "The colour of the centre was realised by the neighbouring civilisation.",
    "Two lunar landers and attaches arrived; multiyear megacities, unfollowed accounts.",
    "She posted selfies and livestreamed the podcast on her smartphone.",
    "Add 2 tsp sugar and 8 oz water, then drive 30 mph for 5 km.",
    "A socio-economic and neo-liberal plan.",
    # a word used twice is deliberate
    "The plan was jsut fine, jsut fine.",
    # another language
    "Ele disse que a escola não tem professores suficientes para os alunos jsut.",
    # a document in another language (its accented words, line after line), English lines too
    "The mayor spoke.\nA família está bem.\nO café é ótimo.\nNão há pão.\nA lição é fácil.\n"
    "The vote was jsut delayed.\nVocê está aqui.\n",
    # a quotation in another language inside an English sentence
    "He said “c’est la vie, mon ami, je suis fatigué” and left.",
    # a word cut off at the end of a line is truncation, not a typo
    "This is the end of a long line that was cut by the scraper for ille",
    # mentions and code: a word alone in quotes, backticks, calls, identifiers
    'The "foreach" subcommand and `grep` help.',
    "Call stat() on new_workdir files.",
    # two letters more than a word it starts with: a derivation, not two slips
    "They kept the plansxy for later.",
    # words too short to judge, accented words, other scripts
    "The nn op ro café naïve Москва 東京 came.",
]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(text: str) -> None:
    assert findings(text) == []


FORMATIONS = [
    # regular English that the dictionary happens to lack: left alone
    ("landers", False),  # plural of a known word
    ("attaches", False),  # es after ch
    ("reductively", False),  # -ly on an adjective
    ("programmatically", False),  # -ally on an -ic adjective
    ("understaffing", False),  # prefix on a known word
    ("multiyear", False),
    ("colour", False),  # British spellings
    ("centres", False),
    ("travelled", False),
    ("paediatric", False),
    ("selfies", False),  # inflections of vocabulary words
    ("livestreamed", False),
    ("vlogged", False),
    # what the same rules must not excuse: reported
    ("befores", True),  # a common word's missing plural is no plural
    ("tomatos", True),  # the dictionary spells the plural with -es
    ("companys", True),
    ("egges", True),
    ("eighter", True),  # no -er on any stem
    ("stoped", True),  # no -ed on dictionary stems
    ("watter", True),
    ("raceing", True),  # the e drops before -ing
    ("beeing", True),
    ("repeatly", True),  # -ly only on adjective endings
    ("resently", True),
    ("prepresents", True),  # a stuttered prefix
    ("interrim", True),  # a long prefix needs four more letters
    ("untill", True),  # a short prefix needs five
    ("fillled", True),  # British -lled follows a vowel
    ("saem", True),  # British ae only in long words
    ("peaseful", True),  # suffixes need a stem in common use
    ("alongsize", True),  # a compound loses to a word one slip away
]


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("reductively", True),
        ("programmatically", True),
        ("wirelessly", True),
        ("resently", False),
        ("oftenly", False),
        ("colour", True),
        ("youre", False),
        ("wille", False),
    ],
)
def test_lexicon_word_formation(word: str, english: bool) -> None:
    assert Lexicon().is_english(word) is english


@pytest.mark.parametrize(("word", "reported"), FORMATIONS)
def test_word_formation(word: str, reported: bool) -> None:
    found = findings(f"Many said that the {word} were seen here today.")
    assert bool(found) == reported
    if reported:
        assert found[0][:2] == (1, 20)


def test_a_loose_derivation_inside_a_hyphenated_compound() -> None:
    assert findings("Paying it off is a no-brainer for most people.") == []
    assert findings("Paying it off is a brainer for most people.") != []


def test_short_pieces_of_hyphenated_compounds() -> None:
    assert findings("They watched a lo-fi sci-fi film in hi-res at home.") == []
    assert findings("Many people ate the whole-grian bread here today.") == [
        (1, 27, '"grian" may be a misspelling of "grain" (or "brian", "groan")', "grain")
    ]


def test_bad_input_never_crashes() -> None:
    texts = [
        "",
        "\n\n  \t",
        "a" * 5000,
        "x" * 40 + " recieve" * 3,
        "’s ’t '' ‘ ’ “ ” « »",
        "\ufeffThe \u200bened\x00 of it.\r\n",
        "日本語のテキスト ened 東京",
    ]
    for text in texts:
        findings(text)


def test_vocabulary_options(tmp_path: Path) -> None:
    text = "They jsut weren't playing the colour game."
    assert findings(text, accept=["JSUT"]) == []
    words = tmp_path / "words.txt"
    words.write_text("# team words\njsut  # our spelling\n\n", encoding="utf-8")
    assert findings(text, **{"vocabulary-files": [str(words)]}) == []
    assert findings(text, reject=["colour"]) == [
        (1, 6, '"jsut" may be a misspelling of "just"', "just"),
        (1, 31, '"colour" may be a misspelling of "color"', "color"),
    ]
    assert findings("The zzyzx bar.", reject=["zzyzx"]) == [
        (1, 5, '"zzyzx" is a rejected word', None)
    ]


def test_a_rejected_word_with_a_near_word_gets_suggestions() -> None:
    assert findings("We have to recieve and recieve.", reject=["recieve"]) == [
        (1, 12, '"recieve" may be a misspelling of "receive" (or "relieve")', "receive"),
        (1, 24, '"recieve" may be a misspelling of "receive" (or "relieve")', "receive"),
    ]


def test_missing_vocabulary_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="vocabulary file"):
        Misspelling({"vocabulary-files": [str(tmp_path / "nope.txt")]})


def test_accept_words_from_outside() -> None:
    """The hook a corpus-scope companion uses: words many documents use are not typos."""
    rule = Misspelling()
    view = DocumentView(Document("t.txt", "They jsut weren't playing."))
    assert len(list(rule.check(view))) == 1
    rule.accept_words(["jsut"])
    assert list(rule.check(DocumentView(Document("t.txt", view.text)))) == []


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("ened", "end", 1), ("jsut", "just", 1), ("ca", "abc", 3), ("pictuou", "picture", 2)],
)
def test_osa_distance(a: str, b: str, distance: int) -> None:
    assert osa_distance(a, b) == distance


def test_edit_cost_prefers_common_slips() -> None:
    assert edit_cost("jsut", "just") < edit_cost("jast", "just")  # swap < substitution
    assert edit_cost("withh", "with") < edit_cost("witha", "with")  # doubled < stray
    assert edit_cost("fistival", "festival") < edit_cost("fxstival", "festival")  # vowels


DETERMINISM_SCRIPT = r"""
import json
from linter.document import Document, DocumentView
from rules.spelling import Misspelling
text = "\n".join([
    "Their mame was the best of the year, said the team.",
    "It was the ened of the talks in the capital on Tuesday.",
    "Thsi was not what the ministers had said they wanted.",
    "The plon had been agreed by the two sides last month.",
    "He sould not say when the next round would be held.",
    "The ther side wanted more time to read the text.",
])
rule = Misspelling()
print(json.dumps([(f.start, f.message, f.fix and f.fix.edits[0].content)
                  for f in rule.check(DocumentView(Document("t", text)))]))
"""


def test_same_output_whatever_the_hash_seed() -> None:
    outputs = []
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", DETERMINISM_SCRIPT],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) >= 5


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not available")
def test_seed_page_reports_only_ened_with_end_first() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = findings(text)
    assert [(line, message.split('"')[3]) for line, _, message, _ in found] == [(27, "end")]
