"""SP001 misspelling: words that no dictionary knows and that sit one or two keystrokes from a
common word, with suggestions ranked by what the text itself says."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from functools import cache
from itertools import filterfalse
from pathlib import Path
from typing import AnyStr, NamedTuple

import textdistance

from linter.diagnostic import Edit, Finding, Fix
from linter.document import WORD_RE, DocumentView
from linter.errors import ConfigError
from linter.rule import Option, Rule
from rules._lexicon import (
    has_inner_capital,
    is_abbreviation_like,
    is_latin_word,
    word_frequencies,
)

DATA = Path(__file__).parent / "data"
BUILTIN_WORD_LISTS = ("spelling-vocabulary.txt", "spelling-abbreviations.txt")

# Only dictionary words at least this frequent are offered as corrections: a typo is a slip on a
# word people use, and rare words (archaisms, surnames) would otherwise explain away every
# unknown token. Distance-2 corrections come from a smaller, more common vocabulary, since the
# further the guess the more common the word must be to be worth it.
CANDIDATE_FLOOR = 1000
FAR_CANDIDATE_FLOOR = 5000
FAR_MIN_LENGTH = 7  # shorter tokens are two edits from far too many words
FAR_WORD_MIN_LENGTH = 5
FAR_MAX_COST = 1.8  # a distance-2 guess must be made of cheap slips
MIN_LENGTH = 3
MAX_LENGTH = 25  # longer tokens are identifiers, hashes or glued text, never a slip of one word
MAX_CACHED_FORMS = 1_000_000
MAX_CACHED_CHUNKS = 1_000_000
MAX_LEARNED_DOCUMENTS = 1_000_000  # about 100 bytes each
# A word the writer used more than this in one document is deliberate (a term, a name, another
# language), not a slip of the keyboard.
MAX_REPEATS = 1
# Short pieces of hyphenated compounds are clipped forms more often than slips ("hi-res").
COMPOUND_PIECE_LENGTH = 4
# A document where this many word forms, and this share of its distinct forms (about three in
# four of which are lowercase), are unknown lowercase words or accented ones is in another
# language.
FOREIGN_MIN_WORDS = 8
FOREIGN_SHARE = 0.08
# A word at the very end of a line of at least this many words, with no punctuation after it and
# the beginning of a longer common word, was cut off by the scraper, not mistyped.
CUT_LINE_MIN_WORDS = 6
# A capitalised word at the start of a sentence is a typo only when a very common word is one
# cheap slip away (a swap or a doubled letter: "Thsi", "Thhe"); names are everywhere else.
SENTENCE_START_FLOOR = 100_000
SENTENCE_START_MAX_COST = 0.6
MAX_SUGGESTIONS = 3

# Ranking: log frequency against a weighted edit cost (one edit costs about a factor of 1,000 in
# frequency, as in a noisy-channel model), plus what the document says.
EDIT_WEIGHT = 7.0
IN_DOCUMENT_BONUS = 3.0
ARTICLE_PENALTY = 6.0
CLEAR_MARGIN = 2.0

VOWELS = frozenset("aeiou")
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    position = {c: (r, i) for r, row in enumerate(KEYBOARD_ROWS) for i, c in enumerate(row)}
    neighbours: dict[str, frozenset[str]] = {}
    for c, (r, i) in position.items():
        neighbours[c] = frozenset(
            d
            for d, (r2, i2) in position.items()
            if d != c and abs(r - r2) <= 1 and -1 <= i2 - i <= 1
        )
    return neighbours


NEIGHBOURS = _keyboard_neighbours()


def _close_letters() -> dict[str, frozenset[str]]:
    """For each typed letter, the letters meant that it is a cheap substitution for: a vowel
    for a vowel, or a neighbouring key."""
    letters = "".join(KEYBOARD_ROWS)
    return {
        typed: frozenset(
            meant
            for meant in letters
            if meant != typed
            and ((meant in VOWELS and typed in VOWELS) or typed in NEIGHBOURS.get(meant, ()))
        )
        for typed in letters
    }


CLOSE_LETTERS = _close_letters()


# -- candidate index ----------------------------------------------------------------------------

# A run that searches for more typos than this builds the one-edit index (see CandidateIndex).
SEARCHES_BEFORE_INDEX = 2000


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _double_deletes(word: str) -> set[str]:
    size = len(word)
    return {
        word[:i] + word[i + 1 : j] + word[j + 1 :] for i in range(size) for j in range(i + 1, size)
    }


class CandidateIndex:
    """The common words one or two edits from a typo.

    Built on the symmetric-delete idea (SymSpell): a word and a typo within edit distance d
    share a string reachable from both by at most d deletions, so looking up the typo's
    deletions in a table of the words' deletions finds every candidate without generating the
    hundreds of thousands of strings that two edits make. For one edit, the few hundred strings
    are cheap: they are looked up among the common words until a run has searched for so many
    typos that building the table (a quarter of a second) pays; a run searches for a few
    hundred. The distance-2 table, costlier, is built when a distance-2 search first happens."""

    def __init__(self, frequencies: dict[str, int]) -> None:
        self.frequencies = frequencies
        self._words = self._vocabulary(frequencies, CANDIDATE_FLOOR, 2)
        self._common = set(self._words)
        self._letters = sorted(set("".join(self._words)))
        self._searches = 0
        self._near: dict[str, list[str]] | None = None
        self._long_words: set[str] = set()
        self._far: dict[str, list[str]] | None = None

    @staticmethod
    def _vocabulary(frequencies: dict[str, int], floor: int, min_length: int) -> list[str]:
        return sorted(
            w
            for w, f in frequencies.items()
            if f >= floor and len(w) >= min_length and w.isascii() and w.isalpha()
        )

    def _build_near(self) -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        for word in self._words:
            for key in (word, *_deletes(word)):
                table.setdefault(key, []).append(word)
        return table

    def _build_far(self) -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        for word in self._long_words:
            for key in _double_deletes(word):
                table.setdefault(key, []).append(word)
        return table

    def near(self, typo: str) -> list[str]:
        """Candidate words within one edit (insertion, omission, substitution, transposition)."""
        table = self._near
        if table is None:
            self._searches += 1
            if self._searches <= SEARCHES_BEFORE_INDEX:
                found = self._one_edit(typo)
                found.discard(typo)
                return sorted(found)
            table = self._near = self._build_near()
        found = set()
        for key in (typo, *_deletes(typo)):
            found.update(table.get(key, ()))
        found.discard(typo)
        return sorted(w for w in found if within_one_edit(typo, w))

    def _one_edit(self, typo: str) -> set[str]:
        """The common words among the strings one edit from `typo`."""
        letters = self._letters
        splits = [(typo[:i], typo[i:]) for i in range(len(typo) + 1)]
        cuts = [(head, rest[1:]) for head, rest in splits if rest]  # one letter taken out
        strings = [head + c + tail for head, tail in cuts for c in letters]  # replaced
        strings += [head + c + rest for head, rest in splits for c in letters]  # added
        strings += [head + tail for head, tail in cuts]  # left out
        strings += [head + rest[1] + rest[0] + rest[2:] for head, rest in splits if len(rest) > 1]
        return self._common.intersection(strings)

    def starts_word(self, prefix: str) -> bool:
        """Whether some common word begins with `prefix` and is longer (a cut-off word)."""
        words = self._words
        at = bisect_left(words, prefix)
        while at < len(words) and words[at] == prefix:
            at += 1
        return at < len(words) and words[at].startswith(prefix)

    def build_near(self) -> None:
        """Build the one-edit index now, if not yet built."""
        if self._near is None:
            self._near = self._build_near()

    def build_far(self) -> None:
        """Build the distance-2 table now, if not yet built."""
        if self._far is None:
            self._long_words = set(
                self._vocabulary(self.frequencies, FAR_CANDIDATE_FLOOR, FAR_WORD_MIN_LENGTH)
            )
            self._far = self._build_far()

    def far(self, typo: str) -> list[str]:
        """Candidate words at exactly two edits, from the common long-word vocabulary.

        Such a word shares a string with the typo at most two deletions from each: the word
        itself, one of its deletions, or one of its double deletions (the table's keys). One
        deletion more on both sides makes the middle case the last, so the table holds double
        deletions only, for a third less building, and the typo's side goes to three."""
        self.build_far()
        second = _double_deletes(typo)
        strings = {typo, *_deletes(typo), *second}
        found = self._long_words.intersection(strings)
        strings.update(key[:i] + key[i + 1 :] for key in second for i in range(len(key)))
        for key in strings:
            found.update(self._far.get(key, ()))
        return sorted(w for w in found if osa_distance(typo, w) == 2)


@cache
def candidate_index() -> CandidateIndex:
    return CandidateIndex(word_frequencies())


# -- edit distances -----------------------------------------------------------------------------


def osa_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, i.e.
    textdistance's restricted Damerau-Levenshtein (3 for any pair whose lengths differ by more
    than 2: no caller needs to tell 3 from more)."""
    if abs(len(a) - len(b)) > 2:
        return 3
    return textdistance.damerau_levenshtein(a, b)


def within_one_edit(a: str, b: str) -> bool:
    """`osa_distance(a, b) <= 1`, by comparing slices around the first difference instead of
    filling a table: the distance-1 search tests dozens of candidates per unknown word."""
    size = len(a)
    if size == len(b):
        i = _first_difference(a, b)
        if i == size:
            return True
        if a[i + 1 :] == b[i + 1 :]:
            return True  # one substitution
        return a[i] == b[i + 1 : i + 2] and a[i + 1 : i + 2] == b[i] and a[i + 2 :] == b[i + 2 :]
    if abs(size - len(b)) != 1:
        return False
    short, long = (a, b) if size < len(b) else (b, a)
    i = _first_difference(short, long)
    return short[i:] == long[i + 1 :]  # one letter more in the longer word


def _first_difference(a: str, b: str) -> int:
    """The first index where `a` and `b` differ (len(a) if `a` is a prefix of `b`)."""
    i = 0
    size = min(len(a), len(b))
    while i < size and a[i] == b[i]:
        i += 1
    return i


def edit_cost(typo: str, word: str) -> float:
    """How plausible a slip turns `word` into `typo`: a weighted OSA distance in which the slips
    people make most (swapping two letters, doubling or dropping a doubled letter, hitting a
    neighbouring key, confusing two vowels) cost less than arbitrary edits."""
    # The costs of typing each letter of the typo that is not in the word (`extra`) and of
    # leaving out each letter of the word (`missing`) depend on one string only: computed once,
    # not once per cell. The table is filled in the same order with the same sums as ever.
    extra = [0.5 if _doubled(typo, i) else 0.9 for i in range(len(typo))]
    missing = [0.5 if _doubled(word, j) else 0.9 for j in range(len(word))]
    rows = len(typo) + 1
    cols = len(word) + 1
    table = [[0.0] * cols for _ in range(rows)]
    for i in range(1, rows):
        table[i][0] = table[i - 1][0] + extra[i - 1]
    first = table[0]
    for j in range(1, cols):
        first[j] = first[j - 1] + missing[j - 1]
    for i in range(1, rows):
        typed = typo[i - 1]
        before = typo[i - 2] if i > 1 else ""
        cost_extra = extra[i - 1]
        close = CLOSE_LETTERS.get(typed, ())
        above, row = table[i - 1], table[i]
        for j in range(1, cols):
            meant = word[j - 1]
            if meant == typed:
                substitution = 0.0
            elif meant in close:
                substitution = 0.75
            else:
                substitution = 1.0
            # min() of three sums, without the call: this is the innermost loop of ranking.
            best = above[j] + cost_extra
            if (omitted := row[j - 1] + missing[j - 1]) < best:
                best = omitted
            if (substituted := above[j - 1] + substitution) < best:
                best = substituted
            if j > 1 and i > 1 and typed == word[j - 2] and before == meant and typed != before:
                best = min(best, table[i - 2][j - 2] + 0.6)
            row[j] = best
    return table[-1][-1]


def _cheap_slips(typo: str) -> set[str]:
    """Every word whose `edit_cost` to `typo` can be under 0.75 (SENTENCE_START_MAX_COST and
    CORPUS_SLIP_COST are): every edit costs at least 0.5 and a substitution at least 0.75, so
    it is one edit among a swap of two letters (0.6), a doubled letter typed once (0.5) and a
    letter typed twice (0.5)."""
    size = len(typo)
    found = {typo[:i] + typo[i + 1] + typo[i] + typo[i + 2 :] for i in range(size - 1)}
    found.update(typo[:i] + typo[i] + typo[i:] for i in range(size))
    found.update(typo[:i] + typo[i + 1 :] for i in range(size) if _doubled(typo, i))
    found.discard(typo)
    return found


@cache
def _common_letter_sets() -> frozenset[frozenset[str]]:
    """The sets of letters that the very common words are spelled with: every slip that
    `_cheap_slips` makes keeps the set."""
    return frozenset(
        frozenset(word)
        for word, count in word_frequencies().items()
        if count >= SENTENCE_START_FLOOR
    )


def _doubled(text: str, at: int) -> bool:
    """Whether the letter at `at` has the same letter next to it."""
    char = text[at]
    return (at > 0 and text[at - 1] == char) or (at + 1 < len(text) and text[at + 1] == char)


# Inflections spelled as if regular ("companys", "tryed"): one slip of grammar, not of the
# keyboard, however many letters differ.
REGULAR_REPAIRS = (("ys", "ies"), ("yed", "ied"))
REPAIR_COST = 0.6


def _regular_repairs(typo: str) -> list[str]:
    return [
        typo[: -len(wrong)] + right
        for wrong, right in REGULAR_REPAIRS
        if typo.endswith(wrong)
        and len(typo) > len(wrong) + 1
        and typo[-len(wrong) - 1] not in VOWELS
    ]


def slip_cost(typo: str, word: str) -> float:
    """The cost of the slip that turns `word` into `typo`: a regular-inflection mistake, or the
    weighted edit cost."""
    if word in _regular_repairs(typo):
        return REPAIR_COST
    return edit_cost(typo, word)


# -- what counts as a word ------------------------------------------------------------------------


def read_word_list(path: Path) -> set[str]:
    """A vocabulary file: one word per line, `#` starts a comment, blank lines ignored."""
    words: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            words.add(line.lower().replace("’", "'"))
    return words


@cache
def builtin_vocabulary() -> frozenset[str]:
    words: set[str] = set()
    for name in BUILTIN_WORD_LISTS:
        words |= read_word_list(DATA / name)
    return frozenset(words)


# British spellings the (American) dictionary lacks: one substitution at one place.
BRITISH = (
    ("our", "or"),  # colour, neighbouring (after three letters: "youre" is no "yore")
    ("tre", "ter"),  # centre, theatres
    ("ise", "ize"),  # realise, organised
    ("isi", "izi"),  # realising
    ("isa", "iza"),  # civilisation
    ("yse", "yze"),  # analyse
    ("ence", "ense"),  # defence, licence
    ("ogue", "og"),  # catalogue
    ("lled", "led"),  # travelled ("wille" is no British "wile"; "fillled" is no "filled")
    ("lling", "ling"),  # modelling
    ("ller", "ler"),  # traveller
    ("ae", "e"),  # paediatric (long words only: "saem" is no "sem")
    ("oe", "e"),  # oesophagus
    ("mme", "m"),  # programme
)

# Prefixes that make new words from old ones ("unfollowed", "multiyear", "cyberattack"). A short
# prefix needs a long remainder: "un" + "till" is the classic typo, not a coinage.
LONG_PREFIXES = (
    "anti",
    "auto",
    "counter",
    "cyber",
    "hyper",
    "inter",
    "mega",
    "micro",
    "mini",
    "multi",
    "nano",
    "over",
    "post",
    "pseudo",
    "semi",
    "super",
    "tele",
    "ultra",
    "under",
)
SHORT_PREFIXES = ("non", "pre", "un", "re", "out", "mis", "sub", "bio", "eco", "geo")
# Derivational suffixes on a known stem ("reductively", "influencers"); stems must be long
# enough that "bar" + "ly" is not mistaken for a derivation.
SUFFIXES = ("ness", "less", "ful", "ment", "ist", "ists", "ism", "able")
# "-ly" only on adjectives by their look ("reductively", "wirelessly"); "repeatly", "oftenly"
# and "resently" are typos.
ADJECTIVE_ENDINGS = ("ive", "less", "ful", "ous", "al", "ic", "ible", "able")
COMPOUND_PART_FLOOR = 20_000
STEM_FLOOR = 1000
INFLECTION_CEILING = 50_000
COMPOUND_PART_LENGTH = 4  # "for" + "sight" and "per" + "fact" are typos, not compounds
ES_ENDINGS = ("s", "x", "z", "ch", "sh", "o")


class Lexicon:
    """Decides whether a lowercase word is English: in the dictionary, in a vocabulary list, or
    made from known words by regular means (British spelling, prefix, suffix, compound)."""

    def __init__(self, extra: Iterable[str] = ()) -> None:
        self.frequencies = word_frequencies()
        self.vocabulary = set(builtin_vocabulary()) | set(extra)

    def add(self, words: Iterable[str]) -> None:
        self.vocabulary.update(w.lower().replace("’", "'") for w in words)

    def known(self, word: str) -> bool:
        return word in self.frequencies or word in self.vocabulary

    def is_english(self, word: str) -> bool:
        """Known, or made by regular means; compounds are judged apart (`is_compound`)."""
        if self.known(word):
            return True
        return self._british(word) or self._derived(word)

    def _british(self, word: str) -> bool:
        for british, american in BRITISH:
            start = word.find(british, 3 if british == "our" else 1)
            while start != -1:
                american_word = word[:start] + american + word[start + len(british) :]
                if (
                    len(american_word) >= (7 if british in ("ae", "oe") else 5)
                    and (not british.startswith("ll") or word[start - 1] in VOWELS)
                    and self.known(american_word)
                ):
                    return True
                start = word.find(british, start + 1)
        return False

    def _derived(self, word: str) -> bool:
        for prefixes, shortest in ((LONG_PREFIXES, 4), (SHORT_PREFIXES, 5)):
            for prefix in prefixes:
                rest = word[len(prefix) :]
                if (
                    word.startswith(prefix)
                    and len(rest) >= shortest
                    and not rest.startswith(prefix)  # "prepresents" stutters
                    and (self.known(rest) or self._inflected(rest) or self._british(rest))
                ):
                    return True
        for suffix in SUFFIXES:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 5 and self._stem_known(stem):
                return True
        if word.endswith("ly") and len(word) >= 8:
            stem = word[:-4] if word.endswith("ically") else word[:-2]  # "programmatically"
            if stem.endswith(ADJECTIVE_ENDINGS) and self.known(stem):
                return True
        return self._inflected(word)

    def is_loose_derivation(self, word: str) -> bool:
        """An agent, participle or plural of a known word ("brainer" in "no-brainer"): too
        loose to accept on its own ("eighter", "stoped"), fine inside a hyphenated compound."""
        for suffix in ("er", "ers", "ed", "ing", "s"):
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 3:
                undoubled = stem[:-1] if stem[-1] == stem[-2] else stem
                if self.known(stem) or self.known(stem + "e") or self.known(undoubled):
                    return True
        return False

    def _stem_known(self, stem: str) -> bool:
        """A stem that derivations may build on: a word in common use (not an archaism such as
        "pease", whose "peaseful" is a typo) or on the vocabulary lists."""
        if self.frequencies.get(stem, 0) >= STEM_FLOOR or stem in self.vocabulary:
            return True
        return self._inflected(stem) or self._british(stem)

    def _inflected(self, word: str) -> bool:
        """A regular inflection of a known word ("landers", "attaches", "selfies",
        "livestreamed"), spelled by the rules that typos break: no "companys" (y becomes ies),
        no "egges" (es only after s, x, z, ch, sh, o), no "raceing" (the e drops)."""
        frequencies = self.frequencies

        def known(stem: str) -> bool:
            # The dictionary has the inflections of its common words: a missing one ("befores",
            # "fightings") is no inflection.
            return stem in self.vocabulary or 0 < frequencies.get(stem, 0) <= INFLECTION_CEILING

        if word.endswith("ies") and len(word) >= 7 and known(word[:-3] + "y"):
            return True
        if word.endswith("es") and len(word) >= 6 and word[:-2].endswith(ES_ENDINGS):
            return known(word[:-2])
        if word.endswith("s") and not word.endswith(("ss", "ys")) and len(word) >= 6:
            stem = word[:-1]
            if stem.endswith("y") and stem[-2:-1] not in VOWELS:
                return False  # "companys"
            if stem.endswith("o") and stem + "es" in frequencies:
                return False  # "tomatos"
            if known(stem):
                return True
        # Verb and agent endings only on the vocabulary lists: the dictionary holds its own
        # words' forms, and "stoped" or "watter" would otherwise pass as stop+ed, watt+er.
        vocabulary = self.vocabulary
        for suffix in ("ed", "ing", "er", "ers"):
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem) < 3:
                continue
            if stem[-1] != "e" and stem in vocabulary:
                return True  # "livestreamed"; never "raceing"
            if stem + "e" in vocabulary:
                return True  # "vaping"
            if stem[-1] == stem[-2] and stem[-1] not in VOWELS and stem[:-1] in vocabulary:
                return True  # "vlogged"
        return False

    def is_compound(self, word: str) -> bool:
        """Two common words written together ("bedsheet", "longboards")."""
        frequencies = self.frequencies
        for i in range(COMPOUND_PART_LENGTH, len(word) - COMPOUND_PART_LENGTH + 1):
            head, tail = word[:i], word[i:]
            if (
                frequencies.get(head, 0) >= COMPOUND_PART_FLOOR
                and frequencies.get(tail, 0) >= COMPOUND_PART_FLOOR
            ):
                return True
        return False


# -- where a token stands ---------------------------------------------------------------------

# A whitespace-delimited chunk that is a URL, an e-mail address, a file name or a domain.
ADDRESS_RE = re.compile(r"://|www\.|@|\w\.[a-z]{2,}\b|/\w", re.IGNORECASE)
# Characters that prose keeps outside words but code, markup and identifiers put inside a chunk
# ("utf-8-with-bom" aside, "ft=help", "`grep`", "stat()", "new_workdir", "<cmd>").
CODE_CHARS_RE = re.compile(r"[_=<>{}\[\]()/\\|$~^*+`]|\w[.:]\w")
OPENING_QUOTES = "\"'“‘«‹`"
CLOSING_QUOTES = "\"'”’»›`"
CALL_RE = re.compile(r"\w\(")  # "stat()", "str(len(doc))": prose puts a space before "("
CHUNK_EDGES = "\"'“”‘’([{)]}.,;:!?…"
BROKEN_CONTRACTION_RE = re.compile(r"\s?[‘`'’]\s?(t|s|re|ve|ll|d|m)\b", re.IGNORECASE)
NEXT_CAPITAL_RE = re.compile(r"[ \t]+[A-Z]")
ARTICLE_RE = re.compile(r"(?:^|[^\w'’])(an?)\s+$", re.IGNORECASE)
SENTENCE_OPENERS = frozenset(".!?:;•·*-–—\"“”‘’'([{>|")


def _chunk(text: str, start: int, end: int) -> str:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the token is part of a URL, an e-mail address, a handle, a hashtag, a file name
    or a piece of code, judged by the whitespace-delimited chunk around it."""
    if start > 0 and text[start - 1] in "@#":
        return True
    chunk = _chunk(text, start, end)
    if ADDRESS_RE.search(chunk) or CALL_RE.search(chunk):
        return True
    return bool(CODE_CHARS_RE.search(chunk.strip(CHUNK_EDGES)))


def _quotation(line: str, at: int) -> tuple[int, int] | None:
    """The span of the quoted passage of `line` around offset `at`, if the token stands inside
    one."""
    opening = max(line.rfind(mark, 0, at) for mark in "“«„")
    if opening == -1:
        return None
    closing = min((i for i in (line.find(m, at) for m in "”»“") if i != -1), default=len(line))
    if line.rfind("”", opening, at) != -1 or line.rfind("»", opening, at) != -1:
        return None  # the quotation closed before the token
    return opening + 1, closing


def _in_compound(text: str, start: int, end: int) -> bool:
    """Whether the token is joined to another word by a hyphen ("no-brainer", "brainer-style")."""
    before = start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum()
    return before or after


def _quoted_alone(text: str, start: int, end: int) -> bool:
    """A single word in quotation marks is mentioned, not used: a term, a command, a title."""
    return (
        start > 0
        and end < len(text)
        and text[start - 1] in OPENING_QUOTES
        and text[end] in CLOSING_QUOTES
    )


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    # a quote or bracket opening the sentence: look past it
    while i >= 0 and text[i] in "\"“‘'([":
        i -= 1
        while i >= 0 and text[i] in " \t":
            i -= 1
    return i < 0 or text[i] == "\n" or text[i] in SENTENCE_OPENERS


def _ends_cut_line(text: str, end: int) -> bool:
    """Whether the token is the last thing on a line of prose with no closing punctuation."""
    rest = end
    while rest < len(text) and text[rest] in " \t":
        rest += 1
    if rest < len(text) and text[rest] != "\n":
        return False
    line_start = text.rfind("\n", 0, end) + 1
    return text.count(" ", line_start, end) >= CUT_LINE_MIN_WORDS


def _article_before(text: str, start: int) -> str | None:
    match = ARTICLE_RE.search(text, max(0, start - 8), start)
    return match.group(1).lower() if match else None


def _wants_vowel(word: str) -> bool:
    """Whether "an" goes before the word: by its first letter (a spelling heuristic; "hour" and
    "unit" are the exceptions that a typo's neighbours rarely hit)."""
    return word[0] in VOWELS


def _match_case(model: str, word: str) -> str:
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# -- word tokens without tokenizing the whole text ------------------------------------------------

# What a whitespace-separated chunk often carries around its one word ("end.", "(said", "“Yes,”").
# None of these is a letter or a digit, so stripping them never cuts into a word token, and a
# chunk whose core is all letters holds exactly one token: that core.
CHUNK_EDGES_PUNCTUATION = "\"'“”‘’()[]{}<>.,;:!?…-–—*/"
APOSTROPHES = "'’"
NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _chunk_tokens(chunk: str) -> list[str]:
    """The `DocumentView` word tokens of one whitespace-free chunk of text."""
    core = chunk.strip(CHUNK_EDGES_PUNCTUATION)
    return [core] if core.isalpha() else WORD_RE.findall(chunk)


class TokenCounts:
    """How often a word is used in a text, as `DocumentView.word_counts` would say, for the few
    words a rule asks about: by substring search instead of tokenizing the whole text. A token
    starts where the word pattern can start a match (not after a letter or digit, nor after an
    apostrophe that joins two parts of one word: "rock'n'roll") and ends where the pattern's
    greedy match from there ends."""

    def __init__(self, text: str) -> None:
        self.text = text
        # One search of the text with its ASCII letters lowered finds an ASCII word in any case.
        # A byte per character keeps the offsets, and takes a third of the time of lowering a
        # text with a curly quote in it character by character.
        self._lowered = text.encode("ascii", "replace").lower()
        self._known: dict[tuple[str, int], int] = {}

    def uses(self, lower: str, limit: int) -> int:
        """The tokens spelled `lower`, in upper case or capitalised, each spelling counted once
        per way of writing the word it matches (as summing `word_counts` over them does);
        counted up to `limit`, all a caller asking "that many?" needs."""
        found = self._known.get((lower, limit))
        if found is None:
            found = self._known[lower, limit] = self._search(lower, limit)
        return found

    def _search(self, lower: str, limit: int) -> int:
        capitalised = lower[:1].upper() + lower[1:]
        spellings = [lower, lower.upper()]
        if capitalised != lower:
            spellings.append(capitalised)
        if not (lower.isascii() and lower.isalpha()):  # else every spelling is a word token
            spellings = [w for w in spellings if WORD_RE.fullmatch(w)]  # else none is a token
        if not spellings:
            return 0
        text = self.text
        if lower.isascii() and lower == lower.lower():
            return self._tokens(self._lowered, lower.encode("ascii"), spellings, limit)
        total = 0
        for word in spellings:
            total += self._tokens(text, word, [word], limit - total)
            if total >= limit:
                break
        return total

    def _tokens(self, haystack: AnyStr, needle: AnyStr, spellings: list[str], limit: int) -> int:
        """Where `needle` occurs in `haystack` (the text, or its lowercase bytes and the needle
        in bytes), the tokens of the text spelled as one of `spellings`, counted as often as they
        are listed there."""
        text = self.text
        size = len(needle)
        total = 0
        at = haystack.find(needle)
        while at != -1 and total < limit:
            weight = spellings.count(text[at : at + size])
            before = text[at - 1] if at else " "
            if weight and not (
                before.isalnum() or (before in APOSTROPHES and at >= 2 and text[at - 2].isalnum())
            ):
                match = WORD_RE.match(text, at)
                if match is not None and match.end() == at + size:
                    total += weight
            at = haystack.find(needle, at + 1)
        return total


WordCounts = Counter[str] | TokenCounts


# A corpus word must also appear in this share of the documents: on a million records, five
# documents are noise.
CORPUS_MIN_SHARE = 0.001
# ...and must not be a cheap slip of a word at least this common.
CORPUS_SLIP_FLOOR = 10_000
CORPUS_SLIP_COST = 0.6


class Suspect(NamedTuple):
    """A word form that no lexicon knows, judged once per process."""

    lower: str  # the word to correct (the stem, for "goverment's")
    capitalised: bool
    rejected: bool


class LearnedDocument(NamedTuple):
    """What the learning pass finds in one document: the words the corpus vocabulary counts,
    and, for the checking pass, the suspect forms they stand for, by the hash of the text."""

    text_hash: int
    forms: tuple[str, ...]  # the suspect word forms, in `_scan` order
    words: tuple[str, ...]  # their words to correct, sorted, rejected words left out


# -- the rule --------------------------------------------------------------------------------------


class Misspelling(Rule):
    """Flags words that no dictionary knows and that are one or two slips away from a common
    word ("came to an ened" → "end").

    A token is a suspect when neither the dictionary (pyspellchecker's English list), nor the
    built-in vocabulary of modern words and abbreviations, nor the user's vocabulary knows it,
    and regular word-making does not explain it (British spelling, a prefix such as "multi" or
    "under", a suffix on an adjective or noun, the plural of an uncommon word, two common words
    written together when no word is one slip away). It is reported only if a common word is
    one edit away (two edits, of cheap slips, for words of seven letters or more).

    Suggestions are ranked by how plausible the slip is (a swapped pair, a doubled or dropped
    letter, a neighbouring key, two vowels confused, a regular inflection where English has an
    irregular one), by word frequency, and by what the text says (the article "an" wants a
    vowel next; a word used elsewhere in the document is likely meant); up to three are named.

    Leaves alone:
    - names: capitalised tokens, unless the capital only comes from the start of a sentence
      and the word is one cheap slip from a very common word ("Thsi");
    - acronyms and all-caps words, words with digits, mixed-case brands ("iPhone");
    - URLs, e-mail addresses, file names, @handles, #hashtags and code ("stat()", `grep`);
    - a word alone in quotation marks (a mention), an agent or participle form inside a
      hyphenated compound ("no-brainer");
    - lines, quotations and documents in another language (many unknown or accented words
      together), accented words and other scripts;
    - a word used twice or more in one document (a deliberate term, not a slip), and a word
      cut off at the end of a line (truncation, TR001's business);
    - words in `accept` or in `vocabulary-files` (one word per line, `#` comments, like
      Vale's vocabularies), and words accepted from outside through `accept_words()`. Words
      in `reject` are always reported;
    - the corpus's own vocabulary: when a run reads files (not a pipe), a first pass counts
      the documents each suspect word appears in, and a word used in at least
      `corpus-min-documents` documents (and 1 in 1,000 of them) is accepted, unless it is one
      cheap slip from a very common word (a habitual misspelling such as "recieve" stays
      reported however often it occurs).

    The fix, replacing the word by the best suggestion, is unsafe and offered only when that
    suggestion is clearly ahead of the others.

    Bad:
        An hours-long attack came to an ened when two militants were killed.

    Good:
        An hours-long attack came to an end when two militants were killed.
        Iranian President Masoud Pezeshkian spoke to reporters at www.example.com.
    """

    code = "SP001"
    name = "misspelling"
    family = "spelling"
    summary = "A word that is not in the dictionary and is one or two slips from a common word"
    fixable = True
    options = (
        Option("accept", (), "Words that are never reported (case-insensitive)", (list, tuple)),
        Option("reject", (), "Words that are always reported", (list, tuple)),
        Option(
            "vocabulary_files",
            (),
            "Paths of word-list files (one word per line, # comments) to accept",
            (list, tuple),
        ),
        Option(
            "corpus_min_documents",
            5,
            "Accept a suspect word used in at least this many documents of the run (0: never)",
        ),
    )
    learns = True

    accept: tuple[str, ...]
    reject: tuple[str, ...]
    vocabulary_files: tuple[str, ...]
    corpus_min_documents: int

    def setup(self) -> None:
        accepted = {w.lower().replace("’", "'") for w in self.accept}
        for name in self.vocabulary_files:
            try:
                accepted |= read_word_list(Path(name))
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"rule {self.code}: vocabulary file {name}: {exc}") from exc
        self._accepted = accepted
        self._rejected = {w.lower().replace("’", "'") for w in self.reject}
        self._lexicon: Lexicon | None = None
        # Word forms judged so far in this process: the fine ones, and the suspects.
        self._fine: set[str] = set()
        self._suspects: dict[str, Suspect] = {}
        # Whitespace-separated chunks of text ("end.", "(said") seen so far (`settled`): those
        # whose words are all fine and unaccented, and the others with their suspect words
        # and verdicts, or their accented words (or both).
        self._settled_chunks: set[str] = set()
        self._fine_chunks: set[str] = set()
        self._suspect_chunks: dict[str, tuple[tuple[str, Suspect], ...]] = {}
        self._accented_chunks: dict[str, tuple[str, ...]] = {}
        self._candidate_cache: dict[str, tuple[str, ...]] = {}
        self._prior_cache: dict[str, tuple[float, ...]] = {}
        # The suspect word forms the learning pass found in each document, by the hash of its
        # text (never the text itself, which would double the memory of a run): see `learned`.
        self._learned_documents: dict[int, tuple[str, ...]] = {}

    def accept_words(self, words: Iterable[str]) -> None:
        """Accept more words from outside (a corpus-wide vocabulary: a word many documents use is
        not a typo). Takes effect for every document checked afterwards."""
        new = {w.lower().replace("’", "'") for w in words}
        self._accepted |= new
        if self._lexicon is not None:
            self._lexicon.add(new)
        # More accepted words only ever turn a suspect into a fine word, never the reverse
        # (every test of `_unknown` and `Lexicon.is_english` that reads the vocabulary accepts on
        # a hit), so the forms judged fine, most of the learning pass's work, stay fine.
        self._suspects.clear()
        self._settled_chunks.difference_update(self._suspect_chunks)
        self._suspect_chunks.clear()

    # -- the corpus vocabulary (the runner's learning pass) ---------------------------------------

    def learn(self, view: DocumentView) -> LearnedDocument | None:
        """The suspect words of one document (few: most forms are known and cached as fine)."""
        if self.corpus_min_documents <= 0:
            return None
        suspects = self._scan(view.text)
        return LearnedDocument(
            hash(view.text),
            tuple(form for form, _ in suspects),
            tuple(sorted({s.lower for _, s in suspects if not s.rejected})),
        )

    def learned(self, summaries: Iterable[LearnedDocument]) -> tuple[str, ...]:
        """The words of the corpus's vocabulary; each document's suspect forms are kept for the
        checking pass (in this process, so also in the workers it forks)."""
        if self.corpus_min_documents <= 0:
            return ()
        documents = 0
        counts: Counter[str] = Counter()
        remembered = self._learned_documents
        for summary in summaries:
            documents += 1
            counts.update(summary.words)
            if len(remembered) < MAX_LEARNED_DOCUMENTS:
                remembered[summary.text_hash] = summary.forms
        needed = max(self.corpus_min_documents, CORPUS_MIN_SHARE * documents)
        return tuple(
            sorted(
                word
                for word, count in counts.items()
                if count >= needed and not self._habitual_slip(word)
            )
        )

    def _habitual_slip(self, word: str) -> bool:
        """One cheap slip (a swap, a doubled letter) from a common word: "recieve" is still a
        typo in the thousandth document that makes it."""
        frequencies = self.lexicon.frequencies
        return any(
            frequencies.get(c, 0) >= CORPUS_SLIP_FLOOR and edit_cost(word, c) <= CORPUS_SLIP_COST
            for c in _cheap_slips(word)  # no candidate search, which may take the far table
        )

    def use_learned(self, state: tuple[str, ...]) -> None:
        super().use_learned(state)
        self.accept_words(state)

    def prepare(self) -> None:
        # Both indexes, shared by forked workers: a run large enough for workers searches
        # for thousands of typos.
        candidate_index().build_near()
        candidate_index().build_far()
        _common_letter_sets()
        self.lexicon  # noqa: B018 - loads the dictionary

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = Lexicon(self._accepted)
        return self._lexicon

    # -- per word form, without context ----------------------------------------------------------

    def _unknown(self, form: str) -> str | None:
        """The lowercase word to check if this form may be a typo: no known English word, and
        no name (a capitalised word that no cheap slip explains), else None."""
        word = form.replace("’", "'")
        lower = word.lower()
        if lower in self.lexicon.frequencies and lower not in self._rejected:
            # Most forms: every test below would let a dictionary word through.
            return None
        if (not form.isalpha() and any(c.isdigit() for c in form)) or not is_latin_word(form):
            return None
        if lower in self._rejected:
            return lower
        if "'" in lower:
            if lower in self.lexicon.frequencies:
                return None
            lower = lower.split("'", 1)[0]  # check the stem of "goverment's"
            word = word.split("'", 1)[0]
        if not MIN_LENGTH <= len(lower) <= MAX_LENGTH or not lower.isascii():
            return None  # accented words are foreign words or names; very long ones, data
        if is_abbreviation_like(word) or has_inner_capital(word):
            return None
        if (
            form[0].isupper()
            and lower not in self._rejected
            and not self._slip_of_common_word(lower)
        ):
            return None  # a name: tested before the dictionary, since it is quicker
        if lower in self._accepted or self.lexicon.is_english(lower):
            return None
        return lower

    def _judge(self, form: str) -> Suspect | None:
        """What this word form is, whatever the document: cached per process, since a corpus
        repeats its word forms endlessly and most of the cost is here."""
        lower = self._unknown(form)
        if lower is None:
            return None
        rejected = lower in self._rejected
        if not rejected and self.lexicon.is_compound(lower) and not candidate_index().near(lower):
            return None  # two common words written together, and no word one slip away
        return Suspect(lower, form[0].isupper(), rejected)

    def _priors(self, lower: str) -> tuple[float, ...]:
        """Each candidate's score before context (frequency and slip): computed when a suspect
        is first reported, since most are let go by their context first."""
        found = self._prior_cache.get(lower)
        if found is None:
            frequencies = self.lexicon.frequencies
            found = self._prior_cache[lower] = tuple(
                math.log(frequencies.get(word, 1)) - EDIT_WEIGHT * slip_cost(lower, word)
                for word in self._candidates(lower)
            )
        return found

    def _candidates(self, lower: str) -> tuple[str, ...]:
        """Common words one slip away (two, for a long word with none at one), alphabetical:
        searched for when a suspect's context has not let it go, since the search is the
        costliest part of judging a word."""
        found = self._candidate_cache.get(lower)
        if found is None:
            index = candidate_index()
            near = index.near(lower)
            if not near and len(lower) >= FAR_MIN_LENGTH:
                # Two letters more than a word they start or end with is a derivation or a
                # compound ("chipset"), not two slips.
                near = [
                    w
                    for w in index.far(lower)
                    if edit_cost(lower, w) <= FAR_MAX_COST
                    and not (lower.startswith(w) or lower.endswith(w))
                ]
            frequencies = self.lexicon.frequencies
            for repaired in _regular_repairs(lower):
                if frequencies.get(repaired, 0) >= CANDIDATE_FLOOR and repaired not in near:
                    near = sorted([*near, repaired])
            found = self._candidate_cache[lower] = tuple(near)
        return found

    def _slip_of_common_word(self, lower: str) -> bool:
        """One cheap slip from a very common word (of the candidates, the only ones that can be
        are the few words `_cheap_slips` spells out). Names, the usual capitalised unknown
        words, are so let go without searching the candidate index."""
        if frozenset(lower) not in _common_letter_sets():
            return False  # a cheap slip keeps a word's letters: most names are settled here
        frequencies = self.lexicon.frequencies
        return any(
            frequencies.get(c, 0) >= SENTENCE_START_FLOOR
            and edit_cost(lower, c) <= SENTENCE_START_MAX_COST
            for c in _cheap_slips(lower)
        )

    # -- per document ------------------------------------------------------------------------

    def check(self, view: DocumentView) -> Iterator[Finding]:
        suspects = self._suspects_of(view.text)
        if not suspects:
            return
        # The few counts the ranking needs are searched for, unless a rule already tokenized.
        counts = view.computed("word_counts") or TokenCounts(view.text)
        findings = self._check_suspects(view, suspects, counts)
        first = next(findings, None)
        # A document in another language is let go whole; asked last, since the answer may take
        # tokenizing the whole text.
        if first is None or self._foreign_document(view, suspects):
            return
        yield first
        yield from findings

    def _suspects_of(self, text: str) -> list[tuple[str, Suspect]]:
        """The document's suspect word forms with their verdicts, as `_scan` finds them.

        The checking pass reads the documents the learning pass has just read: what that pass
        found is looked up by the text's hash instead of splitting and judging every text again
        (most documents have no suspect at all). The corpus vocabulary accepted since can only
        have turned some of those suspects into fine words, so they are judged again; every
        other form of the text is fine still."""
        forms = self._learned_documents.pop(hash(text), None)
        if forms is None:
            return self._scan(text)
        return [(form, verdict) for form in forms if (verdict := self._verdict(form)) is not None]

    def _scan(self, text: str) -> list[tuple[str, Suspect]]:
        """The document's suspect word forms with their verdicts (sorted, so nothing depends on
        hashing).

        The same suspects as judging every key of `DocumentView.word_counts`, at a fraction of
        the cost: no word token spans whitespace, so the tokens of the text are those of its
        chunks, and a corpus repeats its chunks endlessly. Set operations (in C) find the
        document's few chunks that were never seen or hold a suspect; only chunks never seen
        are tokenized."""
        chunks = text.split()
        fine_chunks = self._fine_chunks
        if fine_chunks.issuperset(chunks):
            return []  # most documents: every chunk seen before, every word fine
        rest = set(filterfalse(fine_chunks.__contains__, chunks))  # the few others, found in C
        self._settle_all(rest)
        marked = self._suspect_chunks
        suspects = {form: s for chunk in marked.keys() & rest for form, s in marked[chunk]}
        return sorted(suspects.items())

    def _settle_all(self, chunks: Collection[str]) -> None:
        """File the chunks never seen before."""
        settled = self._settled_chunks
        if settled.issuperset(chunks):
            return
        if len(settled) > MAX_CACHED_CHUNKS:  # bound memory on endless streams
            self._forget_chunks()
        fine = self._fine
        fine_chunks = self._fine_chunks
        for chunk in set(chunks).difference(settled):
            core = chunk.strip(CHUNK_EDGES_PUNCTUATION)
            if (core in fine and core.isalpha() and core.isascii()) or (
                core.isalpha() and core.isascii() and self._dictionary_word(core)
            ):
                # A known or dictionary word, alone or with punctuation around it ("end.",
                # "(Said"): the most common new chunk, filed without tokenizing.
                settled.add(chunk)
                fine_chunks.add(chunk)
            else:
                self._settle(chunk)

    def _dictionary_word(self, core: str) -> bool:
        """Whether a chunk's one word (all ASCII letters) is in the dictionary, filing it as
        fine if so: `_unknown` lets such a word through at its first test, unless the user
        rejects it, so the calls of judging it are skipped."""
        lower = core.lower()
        if lower not in self.lexicon.frequencies or lower in self._rejected:
            return False
        if len(self._fine) > MAX_CACHED_FORMS:  # bound memory on endless streams
            self._fine.clear()
        self._fine.add(core)
        return True

    def _settle(self, chunk: str) -> None:
        """Judge the words of a chunk seen for the first time, and file the chunk."""
        suspects = []
        accented = []
        fine = self._fine
        for form in _chunk_tokens(chunk):
            verdict = None if form in fine else self._verdict(form)
            if verdict is not None:
                suspects.append((form, verdict))
            elif not form.isascii() and form[:1].islower() and not _is_ascii_word(form):
                accented.append(form)
        self._settled_chunks.add(chunk)
        if suspects:
            self._suspect_chunks[chunk] = tuple(suspects)
        if accented:
            self._accented_chunks[chunk] = tuple(accented)
        if not suspects and not accented:
            self._fine_chunks.add(chunk)

    def _forget_chunks(self) -> None:
        self._settled_chunks.clear()
        self._fine_chunks.clear()
        self._suspect_chunks.clear()
        self._accented_chunks.clear()

    def _accented_forms(self, text: str) -> int:
        """How many distinct word forms of the text are fine but accented."""
        if not any(char.isalnum() for char in set(NON_ASCII_RE.findall(text))):
            return 0  # no letter beyond ASCII, only quotation marks and dashes: most documents
        chunks = text.split()
        self._settle_all(chunks)  # its chunks may have been forgotten since they were filed
        accented = self._accented_chunks
        return len({form for chunk in accented.keys() & chunks for form in accented[chunk]})

    def _verdict(self, form: str) -> Suspect | None:
        if form in self._fine:
            return None
        verdict = self._suspects.get(form)
        if verdict is None:
            verdict = self._judge(form)
            if verdict is None:
                if len(self._fine) > MAX_CACHED_FORMS:  # bound memory on endless streams
                    self._fine.clear()
                self._fine.add(form)
            else:
                self._suspects[form] = verdict
        return verdict

    def _foreign_document(self, view: DocumentView, suspects: list[tuple[str, Suspect]]) -> bool:
        """A document largely in another language: many of its word forms are unknown or
        accented. Its number of distinct forms, which takes tokenizing the whole text, is
        needed only when there are many such forms."""
        unknown = self._accented_forms(view.text) + sum(1 for _, s in suspects if not s.capitalised)
        return unknown >= FOREIGN_MIN_WORDS and unknown >= FOREIGN_SHARE * len(view.word_counts)

    def _check_suspects(
        self, view: DocumentView, suspects: list[tuple[str, Suspect]], counts: WordCounts
    ) -> Iterator[Finding]:
        text = view.text
        for form, suspect in suspects:
            lower = suspect.lower
            if not suspect.rejected and _used(counts, lower, MAX_REPEATS + 1):
                continue
            for start in view.occurrences(form):
                end = start + len(form)
                if self._let_go(view, start, end, suspect):
                    continue
                contraction = self._broken_contraction(text, start, end, lower)
                if contraction is not None:
                    yield contraction
                    continue
                stem_end = start + len(lower) if len(lower) < len(form) else end
                yield self._finding(text, start, stem_end, suspect, counts)

    def _let_go(self, view: DocumentView, start: int, end: int, suspect: Suspect) -> bool:
        """Whether this use of a suspect word is no typo after all, by its context or for want
        of a likely correction (cheapest tests first: each one alone can let it go)."""
        lower, capitalised, rejected = suspect
        if rejected:
            return False
        text = view.text
        if _in_address(text, start, end) or _quoted_alone(text, start, end):
            return True
        if _in_compound(text, start, end) and (
            len(lower) <= COMPOUND_PIECE_LENGTH or self.lexicon.is_loose_derivation(lower)
        ):
            return True  # "a no-brainer", "hi-res": compounds make their own pieces
        if capitalised and (not _sentence_initial(text, start) or NEXT_CAPITAL_RE.match(text, end)):
            return True  # a name: mid-sentence, or going on ("Jang Noksu")
        if not self._candidates(lower):
            return True  # no common word a slip or two away
        if self._foreign_context(view, start):
            return True
        # "... deported for ille": a cut word, TR001's business
        return _ends_cut_line(text, end) and candidate_index().starts_word(lower)

    def _broken_contraction(self, text: str, start: int, end: int, lower: str) -> Finding | None:
        """ "isn ‘t": a contraction split by a stray space or the wrong quotation mark."""
        match = BROKEN_CONTRACTION_RE.match(text, end)
        if match is None:
            return None
        apostrophe = "’" if "’" in text else "'"
        whole = lower + "'" + match.group(1).lower()
        if whole not in self.lexicon.frequencies:
            return None
        right = text[start:end] + apostrophe + match.group(1)
        wrong = text[start : match.end()]
        message = f'"{wrong}" may be a misspelling of "{right}"'
        return Finding(start, match.end(), message, Fix.unsafe(Edit(start, match.end(), right)))

    def _foreign_context(self, view: DocumentView, start: int) -> bool:
        """Whether the token stands among other unknown words: a line or a quotation in another
        language, a list of product codes, a code sample."""
        # The line's bounds and word forms without building the view's Line and Token objects:
        # the same tokens as `view.words_in`, since line ends and quotation marks are token
        # boundaries.
        text = view.text
        starts = view.line_starts
        index = view.line_index(start)
        line_start = starts[index]
        line_end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
        if self._mostly_unknown(WORD_RE.findall(text, line_start, line_end), 3, 4):
            return True
        quote = _quotation(text[line_start:line_end], start - line_start)
        if quote is None:
            return False
        first, last = quote[0] + line_start, quote[1] + line_start
        return self._mostly_unknown(WORD_RE.findall(text, first, last), 2, 3)

    def _mostly_unknown(self, forms: list[str], least: int, ratio: int) -> bool:
        """Whether at least `least` of the lowercase words long enough to judge, and one in
        `ratio` of them, are unknown or accented. The unknown ones are among the few forms not
        known fine, found in C; the others are counted only when there are enough of those."""
        fine = self._fine
        rest = list(filterfalse(fine.__contains__, forms))  # most words are known fine
        unknown = 0
        if not all(map(str.isascii, forms)):  # fine words can be accented ones
            unknown += sum(
                1 for form in forms if form in fine and _judged(form) and not _is_ascii_word(form)
            )
        for form in rest:
            if _judged(form) and (not _is_ascii_word(form) or self._verdict(form) is not None):
                unknown += 1
        if unknown < least:
            return False
        # `_judged` inline: this runs over every word of the line.
        judged = sum(1 for form in forms if form[:1].islower() and len(form) >= MIN_LENGTH)
        return unknown * ratio >= judged

    def _finding(
        self,
        text: str,
        start: int,
        end: int,
        suspect: Suspect,
        counts: WordCounts,
    ) -> Finding:
        token = text[start:end]
        lower = suspect.lower
        ranked = _rank(text, start, self._candidates(lower), self._priors(lower), counts)
        if not ranked:
            return Finding(start, end, f'"{token}" is a rejected word')
        suggestions = [_match_case(token, word) for _, word in ranked[:MAX_SUGGESTIONS]]
        best = suggestions[0]
        clear = len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= CLEAR_MARGIN
        quoted = [f'"{s}"' for s in suggestions]
        if clear:
            message = f'"{token}" may be a misspelling of {quoted[0]}'
            if len(quoted) > 1:
                message += f" (or {', '.join(quoted[1:])})"
            fix = Fix.unsafe(Edit(start, end, best))
        else:
            listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
            message = f'"{token}" may be a misspelling of {listed}'
            fix = None
        return Finding(start, end, message, fix)


def _rank(
    text: str,
    start: int,
    candidates: tuple[str, ...],
    priors: tuple[float, ...],
    counts: WordCounts,
) -> list[tuple[float, str]]:
    """Candidates best first, by score then alphabetically (so ties never depend on hashing)."""
    article = _article_before(text, start)
    scored = []
    for word, prior in zip(candidates, priors, strict=True):
        score = prior
        if _used(counts, word, 1):
            score += IN_DOCUMENT_BONUS
        if article is not None and (article == "an") != _wants_vowel(word):
            score -= ARTICLE_PENALTY
        scored.append((round(score, 6), word))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return scored


def _used(counts: WordCounts, lower: str, times: int) -> bool:
    """Whether the document uses a word at least `times` times, in lowercase, capitalised or
    upper case."""
    if isinstance(counts, TokenCounts):
        return counts.uses(lower, times) >= times
    total = counts.get(lower, 0) + counts.get(lower.upper(), 0)
    capitalised = lower[:1].upper() + lower[1:]
    if capitalised != lower:
        total += counts.get(capitalised, 0)
    return total >= times


def _judged(form: str) -> bool:
    """Whether a word counts towards the share of unknown words around a suspect: lowercase and
    long enough to judge."""
    return form[:1].islower() and len(form) >= MIN_LENGTH


def _is_ascii_word(form: str) -> bool:
    """ASCII letters, a typographic apostrophe allowed ("band’s" is English, "não" is not)."""
    return form.isascii() or form.replace("’", "'").isascii()
