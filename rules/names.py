"""NM001 name-variant: one name spelled two ways in the same document."""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib import resources
from itertools import compress, filterfalse, pairwise
from typing import NamedTuple

import textdistance

from linter.diagnostic import Finding
from linter.document import WORD_RE, Document, DocumentView, Sentence, Token, word_regex
from linter.rule import Option, Rule
from rules._lexicon import word_frequencies

VOWELS = frozenset("aeiouy")
# Endings that turn a name into an adjective, demonym, plural or derived form ("Iran"/"Iranian",
# "Russia"/"Russian", "Israel"/"Israeli", "Kennedy"/"Kennedys"): related words, not variants.
DERIVED_ENDINGS = frozenset(
    "s es n an ian ians ans i is ese ish ic ics e a ia er ers ite ites ist ists ism ans ns".split()
)
# A sentence whose words are mostly capitalised is a headline in title case: its capitals say
# nothing about names. Headlines keep only short function words in lowercase ("of", "in", "the",
# "with"); a longer lowercase word means a sentence that happens to be full of names.
TITLE_CASE_SHARE = 0.6
TITLE_CASE_MAX_LOWER = 4
# Share of lowercase words that must be English words before capitals are read as names.
MIN_ENGLISH_SHARE = 0.6
# Why a capital may not mean a name: the word starts a sentence, or stands in a title-case line.
# At a sentence start only rare or unknown words count as names, unless the next word is
# capitalised too ("Matt Maley said"); in a title-case line (lists of people and places, credits)
# every word short of a common English word does.
INITIAL = 1
TITLE = 2
GIVEN = 3  # at a sentence start, but running into another capitalised word
# What two full names share besides the compared spelling: a token before it, or after it.
GIVEN_NAME = 1
SURNAME = 2
# Capitals inside a name: Mc/Mac, O'/D', and the particles of Dutch, French, Italian and
# Irish names ("McDonald", "O'Brien", "DeLillo", "LeBron", "FitzGerald"). Any other inner capital
# marks an identifier or a brand, not a name.
NAME_PREFIX_RE = re.compile(r"^(?:Mc|Mac|Fitz|[OD]['’]|De|Di|Da|Du|Le|La|Van|Von)[A-Z][a-z'’]+$")
# Bounds for two spellings of one name: slips (Damerau-Levenshtein over one letter per sound)
# and Jaro-Winkler similarity. The phonetic skeleton (below) already has to match; these keep the
# spellings close as strings too. Two slips are accepted only when the rest of the name is shared.
MAX_EDITS = 2
MIN_JARO_WINKLER = 0.8
MAX_CACHED_FORMS = 1_000_000


# The tokens of the document's word pattern (linter.document.WORD_RE) that start with a capital,
# found without tokenizing the rest: a match may start only where a WORD_RE token starts, that is
# not after a letter or digit, nor after an apostrophe that joins two parts of one word
# ("rock'n'Roll"). Like linter.document.word_regex, a text without "_" takes \w for letters and
# digits, which the regex engine tests faster; nothing follows the repeats, so making them
# possessive changes no match. The capitals are every capital letter of the Basic Multilingual
# Plane, a class the regex engine tests with one table lookup per character (as fast as ASCII
# capitals alone); capitals beyond it would turn the class into a list of ranges tried one by
# one, so a text that holds characters beyond the BMP names only the capitals it holds. Most
# capitals follow whitespace, which settles the start at once: one test instead of two.
CAPITALISED_PATTERN = r"[A-Z{capitals}](?:(?<=\s.)|(?<!{w}.)(?<!{w}['’].)){w}*+(?:['’]{w}+)*+"
LETTER_OR_DIGIT = r"[^\W_]"


def capitalised_forms(text: str) -> list[str]:
    """The distinct word forms of `text` that start with a capital, in order of first occurrence:
    exactly the capitalised keys of `DocumentView.word_counts`, at a fraction of its cost."""
    return list(dict.fromkeys(capitalised_re(text).findall(text)))


def capitalised_re(text: str) -> re.Pattern[str]:
    """The pattern that finds the capitalised words of `text` (see CAPITALISED_PATTERN)."""
    astral = "" if text.isascii() or not _beyond_bmp(text) else _astral_capitals(text)
    return _capitalised_re("_" in text, astral)


@lru_cache(maxsize=64)
def _capitalised_re(underscore: bool, astral: str) -> re.Pattern[str]:
    """The capitalised-word pattern, for a text with or without "_" and holding these capitals
    beyond the BMP (usually none: an emoji is no capital)."""
    letter = LETTER_OR_DIGIT if underscore else r"\w"
    capitals = re.escape(_bmp_capitals() + astral)
    return re.compile(CAPITALISED_PATTERN.format(capitals=capitals, w=letter))


def _beyond_bmp(text: str) -> bool:
    """Whether `text` holds a character beyond U+FFFF (an emoji, a mathematical letter).

    CPython keeps a text in 1, 2 or 4 bytes a character, only 4 when one is beyond U+FFFF, so a
    text whose size is under 4 bytes a character holds none: known at once, for most texts.
    Else UTF-16 settles it, spelling exactly those characters with two units (encoding runs in
    C, far faster than max(text))."""
    if sys.getsizeof(text) <= 4 * len(text):
        return False
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def _astral_capitals(text: str) -> str:
    """The capital letters beyond the BMP that occur in `text`, sorted. A word starts with a
    letter or digit ("Ⓐ" is a capital but neither)."""
    return "".join(sorted({c for c in ASTRAL_RE.findall(text) if c.isupper() and c.isalnum()}))


@cache
def _bmp_capitals() -> str:
    """Every capital letter of the Basic Multilingual Plane beyond ASCII."""
    return "".join(c for c in map(chr, range(0x80, 0x10000)) if c.isupper() and c.isalnum())


def _load_words(name: str) -> frozenset[str]:
    text = resources.files("rules").joinpath("data", name).read_text(encoding="utf-8")
    words = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(fold(line))
    return frozenset(words)


@cache
def titles() -> frozenset[str]:
    return _load_words("name_titles.txt")


@cache
def places() -> frozenset[str]:
    return _load_words("places.txt")


@lru_cache(maxsize=8)
def _droppable_words(threshold: int) -> frozenset[str]:
    """The dictionary words at least this frequent that are no place: the capitals a sentence
    start or a title-case line may drop (see NameVariant._mentions). Built once per process."""
    return frozenset(w for w, n in word_frequencies().items() if n >= threshold) - places()


def fold(token: str) -> str:
    """Lowercase without diacritics: "José" and "Jose" are one spelling (accents are dropped
    inconsistently by writers and extractors alike, so a difference there is not reported)."""
    if not token.isascii():
        token = "".join(
            c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c)
        )
    return token.lower().replace("’", "'")


@lru_cache(maxsize=1 << 18)  # bounded: a large corpus holds millions of distinct names
def skeleton(folded: str) -> str:
    """A cheap phonetic key: the first letter, then the consonants with doubles collapsed, after
    merging spellings of one sound (ph/f, c/k/q, tch/ch). Transliteration variants and slips
    ("Qadir"/"Kadir", "Nurzai"/"Nurzay", "Peking"/"Piking", "Hollande"/"Holande") share it;
    it is the bucket that keeps the comparison linear in practice."""
    s = folded.replace("'", "").replace("-", "")
    s = s.replace("tch", "ch").replace("ph", "f").replace("ck", "k").replace("q", "k")
    s = s.replace("c", "k").replace("x", "ks")
    if not s:
        return s
    out = [s[0]]
    for char in s[1:]:
        if char in VOWELS or char == out[-1]:
            continue
        out.append(char)
    return "".join(out)


# British spelling -> American spelling, by ending or inner sequence: general knowledge of the
# two standards (colour/color, centre/center, organise/organize, analyse/analyze, catalogue/catalog,
# defence/defense, programme/program, travelled/traveled, paediatric/pediatric, aluminium).
BRITISH_ENDINGS = (
    ("our", "or"),
    ("ours", "ors"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("yse", "yze"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("ence", "ense"),
    ("mme", "m"),
    ("mmes", "ms"),
    ("inium", "inum"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ller", "ler"),
)
BRITISH_INNER = (("our", "or"), ("ae", "e"), ("oe", "e"))


@lru_cache(maxsize=1 << 14)
def _american(word: str) -> tuple[str, ...]:
    """Candidate American spellings of a (possibly) British folded word."""
    found = []
    for british, american in BRITISH_ENDINGS:
        if word.endswith(british) and len(word) > len(british) + 2:
            found.append(word[: -len(british)] + american)
    for british, american in BRITISH_INNER:
        if british in word[1:]:
            found.append(word[0] + word[1:].replace(british, american))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1 << 16)
def _spelling_distance(a: str, b: str) -> int | None:
    """How many slips apart two folded spellings with one phonetic skeleton are, or None if
    they are too far apart as strings (also by Jaro-Winkler) or one derives from the other.

    Slips are counted by Damerau-Levenshtein after merging spellings of one sound and doubled
    letters, so "ie"/"ei" (Steinholt/Stienholt), "ph"/"f" and "ss"/"s" cost at most one and a
    plain vowel change one, while two unrelated changes (Heyward/Howard) cost two. Cached: the
    same pairs of names recur across a corpus."""
    if abs(len(a) - len(b)) > MAX_EDITS or _derived(a, b):
        return None
    if (a[0] == a[1]) != (b[0] == b[1]):
        return None  # "Vvdash"/"Vdash", "Lleftarrow": entity tables, not respelled names
    if textdistance.jaro_winkler(a, b) < MIN_JARO_WINKLER:
        return None
    edits = textdistance.damerau_levenshtein(_sound(a), _sound(b))
    return edits if edits <= MAX_EDITS else None


def _sound(folded: str) -> str:
    """The spelling with one letter per sound: ph/f, tch/ch, ck/k, q/k merged, doubles single."""
    s = folded.replace("tch", "ch").replace("ph", "f").replace("ck", "k").replace("q", "k")
    return "".join(c for i, c in enumerate(s) if i == 0 or c != s[i - 1])


def _vowel_slip(a: str, b: str) -> bool:
    """Whether two spellings differ by one vowel changed, added or dropped and nothing else
    ("Modi"/"Mudi", "Maley"/"Maly"), the only slip trusted in a name of four letters."""
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and diff[0][0] in VOWELS and diff[0][1] in VOWELS
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) - len(shorter) != 1:
        return False
    return any(
        longer[i] in VOWELS and longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))
    )


def _derived(a: str, b: str) -> bool:
    """Whether one form extends the other by an inflection or derivation ending, or both share a
    stem with such endings ("Ukraine"/"Ukrainian"). A doubled last letter is not an ending:
    "Ben"/"Benn" and "Aleksy"/"Aleksyy" are spellings of one name."""
    p = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        p += 1
    ra, rb = a[p:], b[p:]
    if not ra or not rb:
        rest = ra or rb
        return not (p and rest == a[p - 1] * len(rest))
    # Endings of one length ("Okonkwo"/"Okonkwa", "Dimitrides"/"Dimitridis") are a vowel swap.
    return len(ra) != len(rb) and ra in DERIVED_ENDINGS and rb in DERIVED_ENDINGS


class Mention(NamedTuple):
    """A run of capitalised name tokens, titles removed; initials stay as one-letter tokens."""

    tokens: list[str]  # folded forms
    starts: list[int]
    ends: list[int]  # possessive "'s" excluded


class Form:
    """Every occurrence of one folded spelling: (mention index, position in the mention)."""

    __slots__ = ("places",)

    def __init__(self) -> None:
        self.places: list[tuple[int, int]] = []

    @property
    def count(self) -> int:
        return len(self.places)


class NameVariant(Rule):
    """Flags a name spelled two ways in one document, reporting the rarer (or later) spelling.

    Catches a surname, given name or place name respelled the way transliteration and hurried
    writing respell them: vowels swapped (Oyelaran/Oyelaren, Marrowdale/Marrowdile), a double
    letter dropped (Ostergaard/Ostergard), ie/ei (Steinholt/Stienholt), ph/f, c/k/q, tch/ch.
    A whole name is one finding covering every token that differs ("Abdul Kadir Nurzay" against
    "Abdul Qadir Nurzai"). Titles ("President", "Mr.") and possessives ("Ankara's") are set aside
    before comparing. Each mention of the rarer spelling is reported (the later one when both are
    as frequent), naming the other spelling and the line where it first appears.

    Two spellings count as one name only when they sound alike (same consonant skeleton), are
    close as strings (Jaro-Winkler, and one slip by Damerau-Levenshtein once spellings of one
    sound are merged; two when the rest of the name is shared), and nothing says they are two
    entities.

    Leaves alone:
    - different people with similar names: "Niklas Ahlgren" and "Nicklas Borg", "Kai Morland" and
      "Kay Fenwick" (the rest of the name differs), or a given name ("Niklas Ahlgren") against a
      lone "Nicklas";
    - two well-known places: Iran and Iraq, Guinea and Guyana (a gazetteer of countries, capitals
      and major cities);
    - derived forms: Iran/Iranian, Russia/Russian, Clark/Clarke, plurals and possessives;
    - short forms ("Merkel" and "Angela Merkel"), differences of case or diacritics only
      ("José"/"Jose": accents are dropped inconsistently by writers and extractors alike);
    - common English words ("Rose", "Mark"), dictionary words the text also writes in lowercase,
      and two spellings that are both dictionary words ("Theatre"/"Theater", "Allan"/"Allen");
    - two spellings that both recur with nothing tying them together, or that stand side by side
      on purpose ("Iran/Iraq", "Eric or Erik");
    - CamelCase identifiers and brands ("SocketThread", "PyPI"); "McDonald" and "O'Brien" are
      names;
    - capitalised words at the start of a sentence or in a title-case headline, unless they also
      occur capitalised mid-sentence or are rare or unknown words;
    - very short names (under four letters) and names whose first letters differ, unless the rest
      of the name is shared ("Kai Morland"/"Kay Morland");
    - text that is not mostly English, where capitals do not mark names.

    No fix: which spelling is right cannot be known from the text.

    Bad:
        Ambassador Abdul Qadir Nurzai said the talks would go ahead.
        Abdul Kadir Nurzay, the ambassador, welcomed the move.

    Good:
        Iran and Iraq signed the accord; Chancellor Angela Merkel said Merkel's envoy would go.
    """

    code = "NM001"
    name = "name-variant"
    family = "names"
    summary = "A name spelled two ways in one document"
    options = (
        Option(
            "common_word_frequency",
            5000,
            "A name that is an English word at least this frequent (pyspellchecker counts) is never"
            " paired: 'Rose', 'Mark', 'Will'.",
        ),
        Option(
            "rare_word_frequency",
            200,
            "A capitalised word at a sentence start counts as a name if it is rarer than this as"
            " an English word (or unknown), or if it also occurs capitalised mid-sentence.",
        ),
        Option("max_findings", 20, "At most this many findings per document."),
    )

    def setup(self) -> None:
        self._frequencies = word_frequencies()
        self._titles = titles()
        self._places = places()
        # What a capital owed to position may be: a name holding none needs no look at its
        # sentence.
        threshold = min(self.rare_word_frequency, self.common_word_frequency)
        self._droppable = _droppable_words(threshold)
        self._droppable_joined = _droppable_words(self.common_word_frequency)
        # Every capitalised word form seen so far by this rule -> its folded spelling, or None
        # if it cannot be one side of a pair (acronyms, digits, CamelCase, common words, and
        # spellings that no other shares a skeleton with yet): a document's forms are then
        # mapped to their spellings in C, with no Python step per form. A spelling's skeleton
        # is filed once, beside it, and each skeleton's spellings under it.
        self._spelling_of: dict[str, str | None] = {}
        self._skeleton_of: dict[str, str] = {}
        self._sharing: dict[str, list[str]] = {}
        self._pairs: dict[tuple[str, str], tuple[int | None, tuple[str, ...]]] = {}
        # folded spelling -> the forms seen that spell it: names, and the forms that fold to it
        # without being a name to pair ("McALISTER"), which `_names_around` must not misread
        self._name_forms: dict[str, list[str]] = {}
        self._loose_forms: dict[str, list[str]] = {}

    def check(self, view: DocumentView) -> Iterator[Finding]:
        # Cheap first: pair capitalised word forms by phonetic key and string distance alone.
        # Most documents have no such pair and never pay for sentence and name extraction.
        capitalised = capitalised_re(view.text)
        found = capitalised.findall(view.text)
        pairs, spellings = self._candidate_pairs(found, view)
        if not pairs:
            return
        # The names holding the candidate spellings: read around each occurrence when that is
        # safe, else from the sentences that hold them.
        mentions = self._names_around(view, found, pairs, spellings)
        if mentions is None:
            mentions = self._mentions(view, spellings, capitalised)
        # Where each paired spelling occurs: judging and reporting look at no other.
        paired = {t for a, b, _ in pairs for t in (a, b)}
        forms: dict[str, Form] = {}
        for m, mention in enumerate(mentions):
            for p, token in enumerate(mention.tokens):
                if token in paired:
                    forms.setdefault(token, Form()).places.append((m, p))
        # variant spelling -> canonical spelling
        variants: dict[str, str] = {}
        for a, b, edits in pairs:
            if a in forms and b in forms:
                pair = self._judge(view.text, a, b, edits, forms, mentions)
                if pair is not None:
                    variant, canonical = pair
                    variants.setdefault(variant, canonical)
        # The English test counts every word of the document: asked last, when there is
        # something to report (it only ever vetoes, so the order does not change the outcome).
        if variants and self._english(view):
            yield from self._findings(view, mentions, forms, variants)

    def _english(self, view: DocumentView) -> bool:
        """Whether most lowercase words are English: capitals mean names only in English-like
        text (German capitalises every noun), and the dictionary evidence is English."""
        counts = view.computed("word_counts")  # counted already by another rule
        if counts is not None:
            lowercase = list(filter(str.islower, counts))
            total = sum(map(counts.__getitem__, lowercase))
            known = sum(map(counts.__getitem__, self._frequencies.keys() & lowercase))
        else:  # the same sums over the tokens themselves: counting them would cost more
            lowercase = list(filter(str.islower, _tokens(view.text)))
            total = len(lowercase)
            known = sum(map(self._frequencies.__contains__, lowercase))
        return total == 0 or known >= MIN_ENGLISH_SHARE * total

    def _frequency(self, word: str) -> int:
        """Dictionary frequency of a folded word, or of its American spelling: the dictionary is
        American, and "Centre" or "Aluminium" are words, not names."""
        frequency = self._frequencies.get(word, 0)
        if frequency:
            return frequency
        for american in _american(word):
            frequency = max(frequency, self._frequencies.get(american, 0))
        return frequency

    def _british(self, a: str, b: str) -> bool:
        return b in _american(a) or a in _american(b)

    # -- extraction ----------------------------------------------------------------------------

    def _mentions(
        self, view: DocumentView, spellings: Iterable[str], capitalised: re.Pattern[str]
    ) -> list[Mention]:
        """The names in every sentence that holds one of `spellings` (word forms as written),
        whose capitalised words `capitalised` finds.

        Only those sentences are tokenized: every mention of a candidate spelling, and the
        names around it, lie there."""
        text = view.text
        offsets = [offset for spelling in spellings for offset in view.occurrences(spelling)]
        # Capitalised tokens per sentence: (token, weak) where weak says the capital may be owed
        # to position (sentence start, title-case line) rather than to a name.
        runs: list[list[tuple[Token, int]]] = []
        for sentence in _sentences_holding(view, offsets):
            start, end = sentence.start, sentence.end
            # Tokens (with offsets) for the capitalised words only; the rest are only counted.
            upper = [
                Token(m[0], m.start(), m.end()) for m in capitalised.finditer(text, start, end)
            ]
            if not upper:
                continue
            words = WORD_RE.findall(text, start, end)
            title_case = (
                len(words) >= 3
                and len(upper) >= TITLE_CASE_SHARE * len(words)
                and not any(len(w) > TITLE_CASE_MAX_LOWER and w.islower() for w in words)
            )
            if title_case:
                runs.append([(w, TITLE) for w in upper])
                continue
            if not words[0][0].isupper():  # the sentence opens with no capital: none is weak
                runs.append([(w, 0) for w in upper])
                continue
            first = upper[0]
            opening = INITIAL
            if len(upper) > 1 and _joins(text, first, upper[1]):
                # "Matt Maley said": a capital word running into a name is likely a given name.
                opening = GIVEN
            runs.append([(first, opening)] + [(w, 0) for w in upper[1:]])
        # A capital owed to position still marks a name when the word recurs capitalised
        # mid-sentence (or is rare, below).
        named = {_base(w.text) for caps in runs for w, weak in caps if not weak}
        frequencies = self._frequencies
        threshold = {
            INITIAL: self.rare_word_frequency,
            GIVEN: self.common_word_frequency,
            TITLE: self.common_word_frequency,
        }

        mentions: list[Mention] = []
        run: list[Token] = []  # the current capitalised run

        def close() -> None:
            if run:
                mention = self._mention(text, run)
                if mention is not None:
                    mentions.append(mention)
                run.clear()

        for caps in runs:
            for word, weak in caps:
                token = word.text
                if _kind(token) == CLOSING_WORD:
                    close()
                    continue
                base = _base(token)
                if (
                    weak
                    and base not in named
                    and frequencies.get(_folded_base(token), 0) >= threshold[weak]
                    and _folded_base(token) not in self._places
                ):
                    close()
                    continue
                if run and not _joins(text, run[-1], word):
                    close()
                run.append(word)
                if base != token:  # a possessive ends the name
                    close()
            close()
        return mentions

    def _names_around(
        self,
        view: DocumentView,
        found: list[str],
        pairs: list[tuple[str, str, int]],
        spellings: list[str],
    ) -> list[Mention] | None:
        """The names that hold the candidate spellings, each read from the capitalised words
        around one occurrence, without splitting sentences; or None when the words around do
        not settle it and `_mentions` must decide.

        `_mentions` reads a name as the run of capitalised words joined by a space or a hyphen
        that holds the spelling, minus a title before it. Only the sentence can cut that run
        short: at a ". " after a title or an initial, or by dropping a capital owed to position
        (a sentence start, a title-case line) that is a common word. So the run read here is
        taken when it holds no initial and no title past its first word and, if a word of it is
        common enough to be dropped, its sentence provably has a long lowercase word (no title
        case) and another word before the name (no sentence start). In a name of two words or
        more joined by spaces or hyphens, "common enough" is the common-word threshold: a
        sentence start there runs into the next word, which `_mentions` judges by that
        threshold, as it judges a title-case line. The names that hold no candidate spelling
        are left out: judging and reporting never look at them. This settles most documents at
        a fraction of the cost of splitting their sentences.
        """
        text = view.text
        paired = {t for a, b, _ in pairs for t in (a, b)}
        loose = [form for t in paired for form in self._loose_forms.get(t, ())]
        if loose and not set(found).isdisjoint(loose):
            return None  # "McALISTER": no name to pair, but it reads as one of the spellings
        names: dict[int, Mention] = {}  # by the start of the name
        for spelling in spellings:
            offsets = view.occurrences(spelling)
            if len(offsets) != found.count(spelling):
                return None  # next to "_" or an apostrophe: a word `occurrences` does not see
            for offset in offsets:
                mention = self._name_around(text, spelling, offset)
                if mention is None:
                    return None
                names[mention.starts[0]] = mention
        return [names[start] for start in sorted(names)]

    def _name_around(self, text: str, word: str, start: int) -> Mention | None:
        """The name read from the capitalised words joined to `word` (at `start`), a title
        before it set aside; or None if the sentence could cut or change that run of words."""
        info = _word_info(word)
        if info[0] != NAME_WORD:
            return None
        infos, starts = [info], [start]
        end = start + len(word)
        while info[2] == len(word):  # a possessive ends the name
            if text[end : end + 1] not in JOINING_GAPS:
                break  # ". " joins only after an initial or a title, never after a name
            following = WORD_RE.match(text, end + 1)
            if following is None or not following[0][0].isupper():
                break
            word = following[0]
            info = _word_info(word)
            if info[0] == CLOSING_WORD:
                break
            if info[0] != NAME_WORD:
                return None  # a title or an initial further on: the sentence decides
            infos.append(info)
            starts.append(end + 1)
            end += 1 + len(word)
        start = starts[0]
        while True:
            if text[max(0, start - 2) : start] == ". ":
                stop, dotted = start - 2, True
            elif text[start - 1 : start] in JOINING_GAPS:
                stop, dotted = start - 1, False
            else:
                break
            before = _word_ending_at(text, stop)
            if before is None or not text[before].isupper():
                break
            previous = text[before:stop]
            info = _word_info(previous)
            if info[0] == CLOSING_WORD or info[2] != len(previous):
                break  # a possessive or a non-name word ends the run before this one
            if info[0] == INITIAL_WORD:
                return None
            if dotted and info[0] != TITLE_WORD:
                break  # ". " joins only after a title (or an initial)
            infos.insert(0, info)
            starts.insert(0, before)
            start = before
            if info[0] == TITLE_WORD:
                break  # a title drops whatever stands before it
        titled = infos[0][0] == TITLE_WORD
        infos, name_starts = infos[titled:], starts[titled:]
        tokens = [info[1] for info in infos]
        # Two names or more joined by spaces or hyphens (no ". " after a title) hold no
        # sentence start but maybe the first, which runs into the next: there, as in a
        # title-case line, only a common word can be dropped (see `_mentions`).
        first = name_starts[0]
        joined = len(tokens) > 1 and not (titled and text[first - 2 : first] == ". ")
        droppable = self._droppable_joined if joined else self._droppable
        if not droppable.isdisjoint(tokens) and not self._kept_wherever(text, tokens, starts, end):
            return None
        ends = [start + info[2] for start, info in zip(name_starts, infos, strict=True)]
        return Mention(tokens, name_starts, ends)

    def _kept_wherever(self, text: str, tokens: list[str], starts: list[int], end: int) -> bool:
        """Whether no word of the name (folded `tokens`; `starts` and `end` of its words, a
        title included) can be dropped as a capital owed to position: each that is common
        enough provably stands mid-sentence, in a sentence that is not in title case."""
        if tokens[0] in self._droppable and not _after_sentence_start(text, starts[-len(tokens)]):
            return False
        return _in_prose(text, starts, end)

    def _mention(self, text: str, run: list[Token]) -> Mention | None:
        tokens: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for word in run:
            base = _base(word.text)
            folded = _folded_base(word.text)
            if folded in self._titles:
                # Everything before a title belongs to something else ("Indian Prime Minister
                # Narendra Modi"): the name is what follows it.
                tokens.clear()
                starts.clear()
                ends.clear()
                continue
            if len(base) == 1 and text[word.end : word.end + 1] != ".":
                continue  # "I", a list letter: not part of the name
            tokens.append(folded)
            starts.append(word.start)
            ends.append(word.start + len(base))
        if not tokens:
            return None
        return Mention(tokens, starts, ends)

    # -- comparison ----------------------------------------------------------------------------

    def _candidate_pairs(
        self, found: list[str], view: DocumentView
    ) -> tuple[list[tuple[str, str, int]], list[str]]:
        """(a, b, edit distance) for folded spellings of the capitalised words `found` that could
        be one name: same phonetic skeleton, close as strings, neither a common word, not a
        derived form, not two known places; and the word forms, as written, that spell them.
        Sorted, so the outcome never depends on hash order."""
        # This runs on every document: keep it in C up to the rare documents where two
        # spellings share a skeleton.
        spelling_of = self._spelling_of
        try:
            spelled = set(map(spelling_of.__getitem__, found))
        except KeyError:  # a form this rule has not seen yet
            self._learn(found)
            spelled = set(map(spelling_of.__getitem__, found))
        spelled.discard(None)
        # The skeleton is a function of the spelling, so two spellings share one exactly when
        # there are fewer skeletons than spellings.
        skeleton_of = self._skeleton_of
        sounds = list(map(skeleton_of.__getitem__, spelled))
        if len(set(sounds)) == len(sounds):
            return [], []
        # A spelling that is not the last with its skeleton shares it: all in C up to the few
        # spellings that share one. (A set iterates in one order while it is not changed.)
        last = dict(zip(sounds, spelled, strict=True))
        shared = set(map(skeleton_of.__getitem__, spelled.difference(last.values())))
        buckets: dict[str, list[str]] = {}
        for folded in compress(spelled, map(shared.__contains__, sounds)):
            buckets.setdefault(skeleton_of[folded], []).append(folded)
        pairs = []
        # The pairs of one spelling all lie in its bucket, so the order of the buckets decides
        # nothing; within one, sorting does.
        for group in buckets.values():
            ordered = sorted(group)
            for x, a in enumerate(ordered):
                for b in ordered[x + 1 :]:
                    edits, words = self._pairs.get((a, b)) or self._pair(a, b)
                    # a dictionary word the text also uses in lowercase is a word here (unknown
                    # lowercase forms are URLs and handles: "example.com")
                    if edits is not None and not (
                        words and any(_is_word(view.text, t) for t in words)
                    ):
                        pairs.append((a, b, edits))
        if not pairs:
            return [], []
        forms = []
        for spelling in {t for a, b, _ in pairs for t in (a, b)}:
            # Some form of each spelling occurs here; when only one was ever seen, it is that one.
            seen = self._name_forms[spelling]
            forms += seen if len(seen) == 1 else [form for form in seen if form in found]
        return pairs, sorted(forms)

    def _learn(self, found: list[str]) -> None:
        """File the keys of the forms this rule has not seen yet."""
        spelling_of = self._spelling_of
        if len(spelling_of) > MAX_CACHED_FORMS:  # bound memory on endless streams
            spelling_of.clear()
            self._skeleton_of.clear()
            self._sharing.clear()
            self._name_forms.clear()
            self._loose_forms.clear()
        for form in set(found).difference(spelling_of):
            key = _keys(form)
            if key is None:
                spelling_of[form] = None
                self._loose_forms.setdefault(_folded_base(form), []).append(form)
                continue
            folded, sound = key
            self._name_forms.setdefault(folded, []).append(form)
            if self._frequencies.get(folded, 0) >= self.common_word_frequency:
                spelling_of[form] = None  # `_pair` never pairs a common word
                continue
            sharing = self._sharing.setdefault(sound, [])
            if folded not in self._skeleton_of:
                self._skeleton_of[folded] = sound
                sharing.append(folded)
                if len(sharing) == 2:  # the first spelling of the skeleton has a match now
                    for seen in self._name_forms[sharing[0]]:
                        spelling_of[seen] = sharing[0]
            # A spelling alone with its skeleton so far has nothing to pair with in any
            # document read so far; one that shares it in this document is filed in this loop
            # too, and wakes it.
            spelling_of[form] = folded if len(sharing) > 1 else None

    def _pair(self, a: str, b: str) -> tuple[int | None, tuple[str, ...]]:
        """(edits, words) for two spellings with one skeleton, whatever the document: edits is
        None if they are never one name (too far apart, two known places, a common word);
        else they are one name unless the text also writes one of `words` (the dictionary
        words among them) in lowercase. Kept per rule: the same pairs recur across a corpus."""
        known = self._pairs.get((a, b))
        if known is None:
            edits = _spelling_distance(a, b)
            if (a in self._places and b in self._places) or any(
                self._frequency(t) >= self.common_word_frequency for t in (a, b)
            ):
                edits = None
            known = edits, tuple(t for t in (a, b) if self._frequency(t))
            if len(self._pairs) > MAX_CACHED_FORMS:
                self._pairs.clear()
            self._pairs[(a, b)] = known
        return known

    def _judge(
        self,
        text: str,
        a: str,
        b: str,
        edits: int,
        forms: dict[str, Form],
        mentions: list[Mention],
    ) -> tuple[str, str] | None:
        """(variant, canonical) if the names holding `a` and `b` look like one name spelled two
        ways rather than two entities."""
        compatible, level = _entity_evidence(a, b, forms, mentions)
        if not compatible or _contrasted(text, forms[a], forms[b], mentions):
            return None
        shared = level > 0
        short = min(len(a), len(b))
        # Short names, different initials and two slips collide by chance; only a shared given
        # name or surname makes them one name ("Kai Morland"/"Kay Morland", "Abdul Qadir"/"Abdul
        # Kadir", "Kylie Rowe"/"Kyly Rowe"). Alone, a four-letter name may differ by one vowel.
        if not shared and (
            short < 4 or a[0] != b[0] or edits > 1 or (short == 4 and not _vowel_slip(a, b))
        ):
            return None
        frequencies = self._frequencies
        common = self.common_word_frequency
        if not shared and not (a in self._places or b in self._places):
            # A given name ("Niklas" in "Niklas Ahlgren", never alone) against a word that never
            # starts a full name is a different person's given name, not a respelled surname.
            given_a = _given_only(forms[a], mentions, frequencies, common)
            given_b = _given_only(forms[b], mentions, frequencies, common)
            if given_a != given_b and not (
                _starts_name(forms[a], mentions) and _starts_name(forms[b], mentions)
            ):
                return None
        if self._frequency(a) and self._frequency(b) and (level < SURNAME or self._british(a, b)):
            # Both spellings are in the dictionary: two legitimate words or names ("Theatre" and
            # "Theater", "Allan" and "Allen"), not a slip; a shared given name does not change
            # that ("Steve Castor" and "Steve Castro" are two people), a shared surname does
            # ("Allan Rowe"/"Allen Rowe"). A British and an American spelling of one word
            # ("Aluminium Case"/"Aluminum Case") stay legitimate even side by side.
            return None
        fa, fb = forms[a], forms[b]
        if fa.count >= 2 and fb.count >= 2 and not shared:
            return None  # both spellings established, nothing ties them together
        first_a, first_b = fa.places[0][0], fb.places[0][0]
        if fa.count < fb.count or (fa.count == fb.count and first_a > first_b):
            variant, canonical = a, b
        else:
            variant, canonical = b, a
        if level < SURNAME and self._frequency(variant) and not self._frequency(canonical):
            # A slip makes an unknown word; a spelling the dictionary knows is a name in its own
            # right ("Cohen" beside "Cohn"), more likely someone else than a misspelling.
            return None
        return variant, canonical

    # -- reporting -----------------------------------------------------------------------------

    def _findings(
        self,
        view: DocumentView,
        mentions: list[Mention],
        forms: dict[str, Form],
        variants: dict[str, str],
    ) -> Iterator[Finding]:
        text = view.text
        reported = 0
        for mention in mentions:
            differing = [p for p, token in enumerate(mention.tokens) if token in variants]
            if not differing:
                continue
            target = _aligned_canonical(mention, differing, mentions, forms, variants)
            first, last = differing[0], differing[-1]
            if target is not None:
                other, offset = target
                lo = max(0, -offset)
                hi = min(len(mention.tokens), len(other.tokens) - offset)
                mine = text[mention.starts[lo] : mention.ends[hi - 1]]
                theirs = text[other.starts[lo + offset] : other.ends[hi - 1 + offset]]
                line = view.position(other.starts[lo + offset])[0]
            else:
                canonical = variants[mention.tokens[first]]
                m, p = forms[canonical].places[0]
                other = mentions[m]
                mine = text[mention.starts[first] : mention.ends[first]]
                theirs = text[other.starts[p] : other.ends[p]]
                last = first
                line = view.position(other.starts[p])[0]
            message = f'"{mine}" looks like a variant of "{theirs}" (line {line})'
            yield Finding(mention.starts[first], mention.ends[last], message)
            reported += 1
            if reported >= self.max_findings:
                return


# What `_mentions` makes of a capitalised word in a run (see NameVariant._kind).
NAME_WORD = 0
CLOSING_WORD = 1  # digits, all capitals: ends the run
TITLE_WORD = 2  # "President", "Mr": drops the words before it
INITIAL_WORD = 3  # "J": kept before a full stop, else skipped
JOINING_GAPS = frozenset({" ", "-", "\u00a0"})
APOSTROPHES = ("'", "’")
LOOKAROUND = 200
# A lowercase word longer than TITLE_CASE_MAX_LOWER letters: its sentence is not in title case.
LONG_LOWERCASE_RE = re.compile(rf"(?<![\w'’])[a-z]{{{TITLE_CASE_MAX_LOWER + 1},}}(?![\w'’])")
# Every sentence boundary lies after one of these (linter.document's sentence ends, lines).
SENTENCE_MARK_RE = re.compile(r"[.!?…\n]")
SENTENCE_MARKS = ".!?…\n"


@lru_cache(maxsize=1 << 16)
def _kind(word: str) -> int:
    """How `_mentions` treats a capitalised word inside a run of them."""
    base = _base(word)
    letters = base.replace("'", "").replace("’", "")
    if not letters.isalpha() or (len(word) > 1 and word.isupper()):
        return CLOSING_WORD
    if fold(base) in titles():
        return TITLE_WORD
    if len(base) == 1:
        return INITIAL_WORD
    return NAME_WORD


@lru_cache(maxsize=1 << 16)
def _folded_base(word: str) -> str:
    return fold(_base(word))


@lru_cache(maxsize=1 << 16)
def _word_info(word: str) -> tuple[int, str, int]:
    """(kind, folded base, length of the base) of a capitalised word, in one cached call: what
    reading a name around a spelling asks of each of its words."""
    return _kind(word), _folded_base(word), len(_base(word))


def _word_ending_at(text: str, end: int) -> int | None:
    """Where the word token (linter.document.WORD_RE) that ends at `end` starts, if one does:
    letters and digits, with inner apostrophes joining their runs ("O'Neil")."""
    start = end
    while start > 0 and text[start - 1].isalnum():
        start -= 1
        if text[start - 1 : start] in APOSTROPHES and text[start - 2 : start - 1].isalnum():
            start -= 1
    return start if start < end else None


def _after_sentence_start(text: str, start: int) -> bool:
    """Whether the word at `start` provably is not the first word of its sentence: another word
    stands before it with nothing between that could end a sentence or a line."""
    low = max(0, start - LOOKAROUND)
    i = start - 1
    while i >= low and not text[i].isalnum():
        if text[i] in SENTENCE_MARKS:
            return False
        i -= 1
    return i >= low


def _in_prose(text: str, starts: list[int], end: int) -> bool:
    """Whether the sentence holding the words at `starts` (the last ending at `end`) provably
    has a long lowercase word, so is no title-case headline: one between them and the nearest
    possible sentence end."""
    mark = SENTENCE_MARK_RE.search(text, end, end + LOOKAROUND)
    if LONG_LOWERCASE_RE.search(text, end, mark.start() if mark else end + LOOKAROUND):
        return True
    if any(text[start - 2 : start] == ". " for start in starts[1:]):
        return False  # the run may span two sentences: only the words after it count
    start = starts[0]
    low = max(0, start - LOOKAROUND)
    low = max(low, *(text.rfind(c, low, start) + 1 for c in SENTENCE_MARKS))
    return LONG_LOWERCASE_RE.search(text, low, start) is not None


def _sentences_holding(view: DocumentView, offsets: list[int]) -> list[Sentence]:
    """The sentences that hold these offsets, in document order, each once.

    Sentences never cross a line break, so only the lines holding the offsets are split, each
    as a document of its own (its sentences shifted back to the document's offsets): a name
    pair usually sits in two or three lines of a long article."""
    if view.computed("sentences") is not None:  # already split by another rule: use that
        sentences = view.sentences
        sentence_starts = [sentence.start for sentence in sentences]
        chosen = {bisect_right(sentence_starts, offset) - 1 for offset in offsets}
        return [sentences[i] for i in sorted(chosen) if i >= 0]
    line_starts = view.line_starts
    text = view.text
    lines = sorted({bisect_right(line_starts, offset) - 1 for offset in offsets})
    found: list[Sentence] = []
    for index in lines:
        start = line_starts[index]
        end = line_starts[index + 1] - 1 if index + 1 < len(line_starts) else len(text)
        sentences = DocumentView(Document(view.document.path, text[start:end])).sentences
        sentence_starts = [sentence.start + start for sentence in sentences]
        chosen = {
            bisect_right(sentence_starts, offset) - 1
            for offset in offsets
            if start <= offset <= end
        }
        for i in sorted(chosen):
            if i >= 0:
                sentence = sentences[i]
                found.append(Sentence(sentence.start + start, sentence.end + start, sentence.text))
    return found


@lru_cache(maxsize=1 << 18)  # bounded: a large corpus holds millions of distinct names
def _keys(form: str) -> tuple[str, str] | None:
    """(folded base, skeleton) of a capitalised word form, or None if it cannot be a name to
    compare: an acronym, a form with digits, a short one, a CamelCase identifier or brand
    ("SocketThread", "PyPI", "MacOS"; "McDonald" and "O'Brien" are names). Cached for the
    process (and each rule keeps its forms' answers in a dict): names recur across documents."""
    base = _base(form)
    letters = base.replace("'", "").replace("’", "")
    if len(base) < 3 or not letters.isalpha() or base.isupper():
        return None
    if not base[1:].islower() and not NAME_PREFIX_RE.match(base):
        return None
    folded = fold(base)
    return folded, skeleton(folded)


def _tokens(text: str) -> list[str]:
    """The word tokens of `text` (linter.document.WORD_RE), in no particular order. No token
    spans whitespace, and a chunk between whitespace made of letters only is one token: most
    chunks are, and splitting finds them several times faster than the word pattern, which
    then reads only the other chunks."""
    chunks = text.split()
    rest = " ".join(filterfalse(str.isalpha, chunks))
    return [*filter(str.isalpha, chunks), *word_regex(rest).findall(rest)]


def _is_word(text: str, word: str) -> bool:
    """Whether `word` occurs as a word token of `text` (as a key of `DocumentView.word_counts`):
    a substring test settles most cases, a search for the word as a whole token the rest."""
    if word not in text or WORD_RE.fullmatch(word) is None:
        return False
    return _whole_word_re(word).search(text) is not None


@lru_cache(maxsize=1 << 12)
def _whole_word_re(word: str) -> re.Pattern[str]:
    """`word` as a whole WORD_RE token: no letter or digit (or one joined by an apostrophe)
    on either side."""
    letter = LETTER_OR_DIGIT
    return re.compile(
        rf"(?<!{letter})(?<!{letter}['’]){re.escape(word)}(?!{letter})(?!['’]{letter})"
    )


def _base(token: str) -> str:
    """The token without a possessive ending ("Ankara's", "Ankara’s" -> "Ankara")."""
    if len(token) > 2 and token[-2] in "'’" and token[-1] in "sS":
        return token[:-2]
    return token


def _joins(text: str, left: Token, right: Token) -> bool:
    """Whether two capitalised tokens belong to one name: one space or a hyphen between them, or
    ". " after an initial or an abbreviated title ("Christopher L. Tays", "Dr. Owen Dempsey")."""
    gap = text[left.end : right.start]
    if gap in (" ", "-", "\u00a0"):
        return True
    if gap == ". ":
        return len(left.text) == 1 or fold(left.text) in titles()
    return False


def _similar(x: str, y: str) -> bool:
    if len(x) == 1 or len(y) == 1:
        # An initial matches a name with that initial ("J." and "John"), never another initial:
        # "C. Martinez" and "D. Martines" are two people.
        return x[0] == y[0]
    return x == y or (skeleton(x) == skeleton(y) and textdistance.levenshtein(x, y) <= MAX_EDITS)


def _entity_evidence(
    a: str, b: str, forms: dict[str, Form], mentions: list[Mention]
) -> tuple[bool, int]:
    """(compatible, shared): whether some full name holding `a` can be the same entity as some
    full name holding `b` (every aligned token equal or alike), and what such a pair shares
    outright: nothing (0), a token before the compared one (GIVEN_NAME: "Mary-" in "Mary-Lou",
    "Abdul"), or one after it (SURNAME: "Rowe" in "Kylie Rowe"/"Kyly Rowe").

    A spelling that occurs inside multi-token names is judged by those names only: its lone
    mentions are short forms of them. So "Niklas Ahlgren" never matches "Nicklas Borg"."""
    places_a = _full_names(forms[a], mentions)
    places_b = _full_names(forms[b], mentions)
    compatible = False
    shared = 0
    for ma, pa in places_a:
        for mb, pb in places_b:
            ok, common = _aligned(mentions[ma].tokens, pa, mentions[mb].tokens, pb)
            if ok:
                compatible = True
                shared = max(shared, common)
                if shared == SURNAME:
                    return True, shared
    return compatible, shared


# What stands between two names a writer sets side by side on purpose.
CONTRAST_GAPS = frozenset(
    {"/", "|", "&", ",", "or", "and", "nor", "vs", "vs.", "v.", "versus", "not", "(", ")"}
)


def _contrasted(text: str, fa: Form, fb: Form, mentions: list[Mention]) -> bool:
    """Whether the two spellings stand side by side as a deliberate pair ("Iran/Iraq", "Eric or
    Erik", "Jonas vs. Joonas", a list): a writer contrasting two names is not misspelling one."""
    spans = sorted(
        (mentions[m].starts[p], mentions[m].ends[p], side)
        for side, form in enumerate((fa, fb))
        for m, p in form.places
    )
    for (_, end, side), (start, _, other) in pairwise(spans):
        if side != other and start - end <= 10 and text[end:start].strip() in CONTRAST_GAPS:
            return True
    return False


def _given_only(
    form: Form, mentions: list[Mention], frequencies: dict[str, int], common: int
) -> bool:
    """Whether the spelling only ever stands before the rest of a name, as a given name does
    ("Niklas" in "Niklas Ahlgren", "Defender Niklas Ahlgren"). Before a common word it is a
    modifier instead ("Berrien County", "Wild Rose"), which a place or a surname can be."""
    return all(
        p + 1 < len(mentions[m].tokens) and frequencies.get(mentions[m].tokens[p + 1], 0) < common
        for m, p in form.places
    )


def _starts_name(form: Form, mentions: list[Mention]) -> bool:
    return any(p + 1 < len(mentions[m].tokens) for m, p in form.places)


def _full_names(form: Form, mentions: list[Mention]) -> list[tuple[int, int]]:
    longer = [(m, p) for m, p in form.places if len(mentions[m].tokens) > 1]
    return longer or form.places[:1]


def _aligned(ta: list[str], pa: int, tb: list[str], pb: int) -> tuple[bool, int]:
    offset = pa - pb
    common = 0
    overlap = False
    for k, token in enumerate(tb):
        if k == pb:
            continue
        j = k + offset
        if 0 <= j < len(ta):
            overlap = True
            if ta[j] == token:
                if len(token) > 1:  # a shared initial proves little
                    common = max(common, SURNAME if k > pb else GIVEN_NAME)
            elif not _similar(ta[j], token):
                return False, 0
    if not overlap and len(ta) > 1 and len(tb) > 1:
        # Two full names that line up on nothing but the compared token ("Kim Jong" against
        # "Jeong Jae Jin"): nothing says they are one person, their shapes say otherwise.
        return False, 0
    return True, common


def _aligned_canonical(
    mention: Mention,
    differing: list[int],
    mentions: list[Mention],
    forms: dict[str, Form],
    variants: dict[str, str],
) -> tuple[Mention, int] | None:
    """The earliest other mention that spells this whole name the canonical way and shares at
    least one token with it, with the offset from this mention's positions to its positions."""
    if len(mention.tokens) < 2:
        return None
    anchor = differing[0]
    canonical = variants[mention.tokens[anchor]]
    for m, p in forms[canonical].places:
        other = mentions[m]
        offset = p - anchor
        common = False
        ok = True
        for k, token in enumerate(mention.tokens):
            j = k + offset
            if not 0 <= j < len(other.tokens):
                continue
            want = variants.get(token, token)
            if other.tokens[j] != want:
                ok = False
                break
            if token == want:
                common = True
        if ok and common:
            return other, offset
    return None
