"""SP001's shortcuts give exactly what the long way gives: whitespace chunks instead of the
view's tokens, substring counts instead of `word_counts`, slice tests instead of the OSA table,
and the caches of chunks and verdicts whatever order documents come in."""

from __future__ import annotations

import itertools

import pytest

from linter.document import Document, DocumentView
from rules._lexicon import word_frequencies
from rules.spelling import (
    FAR_CANDIDATE_FLOOR,
    FAR_WORD_MIN_LENGTH,
    CandidateIndex,
    Misspelling,
    TokenCounts,
    _cheap_slips,
    _chunk_tokens,
    edit_cost,
    osa_distance,
    within_one_edit,
)


def _table_osa(a: str, b: str) -> int:
    """The plain OSA table, without the common prefix and suffix taken off."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


SMALL_WORDS = ["".join(p) for n in range(5) for p in itertools.product("abc", repeat=n)]


def test_osa_distance_and_within_one_edit_agree_with_the_table_on_every_small_pair() -> None:
    for a, b in itertools.product(SMALL_WORDS, repeat=2):
        assert osa_distance(a, b) == _table_osa(a, b), (a, b)
        assert within_one_edit(a, b) == (_table_osa(a, b) <= 1), (a, b)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("ened", "end", True),
        ("jsut", "just", True),
        ("teh", "the", True),
        ("recieve", "receive", True),
        ("abc", "abc", True),
        ("ca", "abc", False),
        ("acb", "bca", False),
        ("pictuou", "picture", False),
    ],
)
def test_within_one_edit(a: str, b: str, expected: bool) -> None:
    assert within_one_edit(a, b) is expected


@pytest.mark.parametrize(
    ("chunk", "tokens"),
    [
        ("end.", ["end"]),
        ("(said", ["said"]),
        ("“Yes,”", ["Yes"]),
        ("'tis", ["tis"]),
        ("hours-long", ["hours", "long"]),
        ("don't", ["don't"]),
        ("Iran’s", ["Iran’s"]),
        ("rock'n'roll", ["rock'n'roll"]),
        ("end'.", ["end"]),
        ("foo_bar", ["foo", "bar"]),
        ("C3PO", ["C3PO"]),
        ("x²", ["x²"]),
        ("—", []),
        ("...", []),
    ],
)
def test_chunk_tokens_are_the_views_tokens(chunk: str, tokens: list[str]) -> None:
    assert _chunk_tokens(chunk) == tokens
    assert list(DocumentView(Document("t", chunk)).word_counts.elements()) == tokens


COUNT_TEXTS = [
    "The end. THE END, the end's end",
    "weekend spend end-to-end 'end' END’s",
    "rock'n'end end_end end2 İend end",
    "Ends ended End",
    # non-ASCII around the word: quotes, an emoji (offsets), letters that lower to ASCII
    "“End,” 😀 end… \u212aend \u212a end ſend naïve-end ÉEND the\u0130 İnd END",
]


@pytest.mark.parametrize("text", COUNT_TEXTS)
@pytest.mark.parametrize("word", ["end", "the", "ends", "rock", "n"])
def test_token_counts_sum_the_three_spellings_as_word_counts_does(text: str, word: str) -> None:
    counts = DocumentView(Document("t", text)).word_counts
    expected = counts[word] + counts[word.upper()] + counts[word.capitalize()]
    assert TokenCounts(text).uses(word, 100) == expected
    assert TokenCounts(text).uses(word, 1) == min(expected, 1)


@pytest.mark.parametrize(
    ("typo", "slips"),
    [
        ("thsi", {"htsi", "tshi", "this", "tthsi", "thhsi", "thssi", "thsii"}),
        ("aab", {"aaab", "ab", "aba", "aabb"}),  # a swap of equal letters is no slip
    ],
)
def test_cheap_slips(typo: str, slips: set[str]) -> None:
    assert _cheap_slips(typo) == slips


def test_cheap_slips_hold_every_word_a_slip_under_a_substitution_away() -> None:
    """What the sentence-start test and the corpus's habitual slips rely on."""
    words = ["".join(p) for n in range(1, 5) for p in itertools.product("abe", repeat=n)]
    cheap = 0
    for typo, word in itertools.product(words, repeat=2):
        if word != typo and edit_cost(typo, word) < 0.75:
            assert word in _cheap_slips(typo), (typo, word)
            cheap += 1
    assert cheap > 100


DOCUMENTS = [
    "The attack came to an ened when two militants were killed.",
    "It ended. (Ened, said the report, was the word.) The café was closed.",
    "Le café était fermé, la crème brûlée aussi, et le maître d’hôtel était très déçu.",
    "Thsi was the best of the year, said the team; “ened” is quoted.",
    "The ened, the ened: repeated twice in one document.",
    "She posted the picture on tumblr, before lunch.",
]


def _long_way(rule: Misspelling, text: str) -> list[tuple[str, object]]:
    """The suspects judging every key of word_counts gives."""
    counts = DocumentView(Document("t", text)).word_counts
    return sorted((form, v) for form in counts if (v := rule._verdict(form)) is not None)


def test_scan_finds_the_suspects_of_every_token_whatever_was_seen_before() -> None:
    rule = Misspelling()
    for order in (DOCUMENTS, DOCUMENTS[::-1], DOCUMENTS + DOCUMENTS):
        for text in order:
            suspects = rule._scan(text)
            assert suspects == _long_way(rule, text)


def test_findings_do_not_depend_on_what_the_caches_hold() -> None:
    def run(rule: Misspelling, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        return [
            [(f.start, f.end, f.message) for f in rule.check(DocumentView(Document("t", t)))]
            for t in texts
        ]

    alone = [run(Misspelling(), [text])[0] for text in DOCUMENTS]
    assert run(Misspelling(), DOCUMENTS) == alone
    assert run(Misspelling(), DOCUMENTS[::-1]) == alone[::-1]
    assert alone[0] == [(22, 26, '"ened" may be a misspelling of "end", "ended" or "need"')]


def test_accepted_words_leave_the_chunks_they_were_filed_in() -> None:
    rule = Misspelling()
    text = "She posted the picture on tumblr, before lunch."
    assert [f.message for f in rule.check(DocumentView(Document("t", text)))] == [
        '"tumblr" may be a misspelling of "tumble"'
    ]
    rule.accept_words(["tumblr"])
    assert list(rule.check(DocumentView(Document("t", text)))) == []
    learned = rule.learn(DocumentView(Document("t", text)))
    assert learned is not None and learned.words == ()


def test_checking_after_learning_finds_what_checking_alone_finds() -> None:
    """The checking pass looks up what the learning pass found in each text, and judges those
    forms again: the corpus vocabulary accepted in between turns some into fine words."""

    def check(rule: Misspelling, text: str) -> list[tuple[int, int, str]]:
        return [(f.start, f.end, f.message) for f in rule.check(DocumentView(Document("t", text)))]

    for accepted in ((), ("tumblr",), ("ened", "thsi")):
        learner = Misspelling()
        learner.learned([learner.learn(DocumentView(Document("t", text))) for text in DOCUMENTS])
        learner.accept_words(accepted)
        alone = Misspelling()
        alone.accept_words(accepted)
        for text in DOCUMENTS:
            assert check(learner, text) == check(alone, text), (accepted, text)
        assert learner._learned_documents == {}  # each lookup is used once, then let go


# Slips of every kind, one and two apiece (a letter added and another changed: "goverrnmant").
TYPOS = [
    "a",
    "xq",
    "teh",
    "ened",
    "thsi",
    "untill",
    "occured",
    "recieve",
    "pictuou",
    "begining",
    "goverment",
    "goverrnmant",
    "definately",
    "enviroment",
    "seperately",
    "acommodation",
    "acommodattion",
    "informaiton",
]


def test_the_one_edit_search_finds_what_the_index_finds() -> None:
    searching = CandidateIndex(word_frequencies())
    indexed = CandidateIndex(word_frequencies())
    indexed._near = indexed._build_near()
    for typo in TYPOS:
        assert searching.near(typo) == indexed.near(typo), typo
    assert searching._near is None  # a few searches never build the index


def test_the_two_edit_search_finds_every_long_word_two_edits_away() -> None:
    index = CandidateIndex(word_frequencies())
    long_words = [
        w
        for w, f in word_frequencies().items()
        if f >= FAR_CANDIDATE_FLOOR
        and len(w) >= FAR_WORD_MIN_LENGTH
        and w.isascii()
        and w.isalpha()
    ]
    found = 0
    for typo in TYPOS:
        expected = sorted(w for w in long_words if osa_distance(typo, w) == 2)
        assert index.far(typo) == expected, typo
        found += len(expected)
    assert found > 20
