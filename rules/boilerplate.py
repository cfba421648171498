"""BP001 boilerplate-line: page furniture that an extractor left in the article text.

The phrases and shapes live in data (`rules/data/boilerplate.toml`), not here: this module only
normalises a line, asks the compiled catalogue what kind of furniture it is, and reports it.
`classify` and `furniture_kinds` are shared with DU001 and ST001, which need to know which lines
are furniture around a headline.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import compress, count, repeat
from operator import is_not, itemgetter, le, or_
from pathlib import Path
from typing import Any

from linter.diagnostic import Finding, Fix
from linter.document import WORD_RE, DocumentView, Line
from linter.errors import ConfigError
from linter.rule import Option, Rule
from rules._prose import line_deletion_span

# Furniture is short. A longer line is prose (or a caption, which has its own shapes below this
# bound), and skipping it keeps body paragraphs cheap.
MAX_LINE = 500

# List bullets and quote marks an extractor puts in front of a widget's text.
_LEAD = " \t\u00a0-–—•*·►▶»>|"
_TRAIL = " \t\u00a0:|.!…"

EXTRA_KIND = "custom"
EXTRA_MESSAGE = "Boilerplate"
CAPTION_KIND = "caption"
CREDIT_KIND = "credit"


def normalise(text: str) -> str:
    """The form a line is matched in: no surrounding whitespace or leading bullets."""
    return text.lstrip(_LEAD).rstrip()


def phrase_key(text: str) -> str:
    """The form phrases are looked up in: also case-folded, without trailing punctuation."""
    return " ".join(normalise(text).rstrip(_TRAIL).split()).casefold()


@dataclass(frozen=True)
class Contains:
    """A pattern for furniture that is recognised by something inside or at the end of the line.

    Trying such a pattern on every line is what makes a catalogue slow, so it is only tried on
    lines that contain one of its `triggers` or end with one of its `ends_with` words.
    """

    kind: str
    pattern: re.Pattern[str]
    triggers: tuple[str, ...]
    ends_with: tuple[str, ...]


# Per first character: the anchored patterns as one regex, its group -> kind, and the gate that
# a line must pass before the full regex is tried (see `_prefix_gate`).
Bucket = tuple[re.Pattern[str] | None, dict[str, str], re.Pattern[str] | None]


@dataclass(frozen=True)
class Catalogue:
    """The compiled furniture catalogue.

    Whole-line phrases are a dict lookup. Patterns anchored at the start of the line are
    indexed by how they open (`Openings`): a line's first three characters name the few
    patterns it may match, and only those are tried, joined into one regex in catalogue order.
    (Without an index, when a config pattern may open with anything, each first character has
    a bucket of patterns behind a cheap prefix gate.) `contains` patterns wait for their
    triggers, found for a whole text in one pass.
    """

    phrases: dict[str, str]  # phrase_key -> kind
    anchored: tuple[tuple[str, str, frozenset[str] | None], ...]  # (kind, regex, first chars)
    contains: tuple[Contains, ...]
    messages: dict[str, str]
    skip_title: frozenset[str]
    extra: re.Pattern[str] | None = None  # config patterns: tried on every line
    phrase_max: int = MAX_LINE
    _buckets: dict[str, Bucket] = field(default_factory=dict, compare=False, repr=False)
    _subsets: dict[frozenset[int], tuple[tuple[re.Pattern[str], str], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _compiled: dict[int, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Each trigger (as UTF-8 bytes) and the `contains` entries (by number) it opens.
        by_trigger: dict[bytes, set[int]] = {}
        for number, entry in enumerate(self.contains):
            for trigger in entry.triggers:
                by_trigger.setdefault(trigger.encode("utf-8"), set()).add(number)
        triggers = tuple((t, frozenset(n)) for t, n in by_trigger.items())
        several = [(t, n) for t, n in triggers if len(t) > 1]
        object.__setattr__(self, "_triggers", triggers)
        object.__setattr__(self, "_single_triggers", tuple(p for p in triggers if len(p[0]) == 1))
        object.__setattr__(self, "_trigger_entries", tuple(n for _, n in several))
        object.__setattr__(self, "_trigger_search", _multi_search([t for t, _ in several]))
        # Patterns recognised by how a line ends are tried on lines ending in a character that
        # one of their endings ends in (after dropping a final full stop).
        ending = tuple(c for c in self.contains if c.ends_with and not c.triggers)
        last = {e[-1] for c in ending for e in c.ends_with}
        object.__setattr__(self, "_ending", ending)
        object.__setattr__(self, "_last_chars", frozenset(last | {ch.upper() for ch in last}))
        object.__setattr__(self, "_openings", build_openings(self.anchored))
        # classify_lines: a line ending like a caption or in white space needs all of classify.
        object.__setattr__(self, "_slow_ends", self._last_chars | _SPACES)

    def classify(self, text: str, hits: Iterable[Contains] | None = None) -> str | None:
        """The kind of furniture `text` (one line) is, or None for article text.

        `hits`: the `contains` patterns whose triggers the caller already found in this line;
        None to look for them here.
        """
        size = len(text)
        if size > MAX_LINE:
            return None
        line = text.lstrip(_LEAD).rstrip()
        if not line:
            return None
        if size <= self.phrase_max:
            kind = self.phrases.get(" ".join(line.rstrip(_TRAIL).split()).casefold())
            if kind is not None:
                return kind
        openings = self._openings
        if openings is not None:
            candidates = openings.may_open(line)
            for pattern, kind in self._subset(candidates) if candidates else ():
                if pattern.fullmatch(line) is not None:
                    return kind
        else:
            first = line[0].lower()
            pattern, group_kind, gate = self._buckets.get(first) or self._bucket(first)
            if pattern is not None and (gate is None or gate.match(line) is not None):
                match = pattern.fullmatch(line)
                if match is not None:
                    return group_kind[match.lastgroup or ""]
        if hits is None:
            low = line.lower()
            hits = [c for c in self.contains if any(t in low for t in c.triggers)]
        tail = line[-40:].rstrip(" .").lower() if hits or line[-1] in self._last_chars else ""
        for entry in hits:
            if entry.ends_with and not tail.endswith(entry.ends_with):
                continue
            if entry.pattern.fullmatch(line):
                return entry.kind
        if tail and tail[-1:] in self._last_chars:
            for entry in self._ending:
                if tail.endswith(entry.ends_with) and entry.pattern.fullmatch(line):
                    return entry.kind
        if self.extra is not None and self.extra.fullmatch(line):
            return EXTRA_KIND
        return None

    def classify_lines(
        self,
        texts: list[str],
        indices: list[int],
        hits: dict[int, list[Contains]],
        kinds: list[str | None],
        text: str | None = None,
    ) -> None:
        """`classify` the lines `texts[i]` for i in `indices` into `kinds[i]`; `hits` as from
        `trigger_hits`; `text`: the text `texts` were split from, if at hand.

        A line without a trigger that does not end like a caption can only be furniture as a
        phrase or through an anchored pattern, so it is looked up here, inline, without the
        rest of `classify`: that is most lines of most documents. Its opening (first
        KEY_CHARS characters) names the patterns to try, remembered per opening.
        """
        openings = self._openings
        if openings is None or self.extra is not None:
            for i in indices:
                kinds[i] = self.classify(texts[i], hits.get(i, []))
            return
        ends, longest, phrases = self._slow_ends, self.phrase_max, self.phrases
        by_head, known, subsets = openings.by_head, openings._by_head, self._subsets
        shaped = openings.shaped
        # Whether the text holds a character some shape requires and prose rarely has ("/",
        # "@"): most texts hold none, and then no line is searched for one.
        whole = "\n".join(texts) if text is None else text
        rare_here = any(char in whole for char in openings.rare)
        for i in indices:
            text = texts[i]
            size = len(text)
            if size > MAX_LINE or not text:
                continue  # classify leaves long and empty lines alone
            end = text[-1]
            if end in ends or i in hits:
                kinds[i] = self.classify(text, hits.get(i, []))
                continue
            line = text.lstrip(_LEAD)
            if not line:
                continue
            if size <= longest:
                kind = phrases.get(" ".join(line.rstrip(_TRAIL).split()).casefold())
                if kind is not None:
                    kinds[i] = kind
                    continue
            head = line[:KEY_CHARS]
            found, shapes, lasts, rare = known.get(head) or by_head(head)
            # `shaped` only for a line that passes the shapes' cheap tests, here inline.
            if shapes and (
                lasts is None or end in lasts or (rare_here and any(map(line.__contains__, rare)))
            ):
                found = shaped(line, found, shapes)
            if found:
                for pattern, kind in subsets.get(found) or self._subset(found):
                    if pattern.fullmatch(line) is not None:
                        kinds[i] = kind
                        break

    def trigger_hits(self, text: str, utf8: bytes | None = None) -> dict[int, list[Contains]]:
        """Line index -> `contains` patterns whose triggers occur in that line, for a whole text;
        `utf8`: the text's UTF-8 encoding if at hand (`DocumentView.utf8`).

        Searched in the UTF-8 bytes of the text with ASCII letters lower-cased. (So a
        capitalised non-ASCII trigger word is missed: a loss of recall, never a false flag.)
        """
        if utf8 is None:
            utf8 = text.encode("utf-8", "surrogatepass")
        data = utf8.lower()
        search = self._trigger_search
        lines: dict[int, set[int]] = {}
        if search is not None:
            # One Aho-Corasick pass finds every multi-byte trigger; a bytes.find per trigger
            # was the largest part of BP001's time.
            matches = search.find_matches_as_indexes(data, overlapping=True)
            newline, line = 0, 0
            for number, start, _ in sorted(matches, key=lambda match: match[1]):
                line += data.count(b"\n", newline, start)
                newline = start
                lines.setdefault(line, set()).update(self._trigger_entries[number])
            triggers = self._single_triggers
        else:
            triggers = self._triggers
        for trigger, entries in triggers:
            pos = data.find(trigger)
            newline, line = 0, 0
            while pos != -1:
                # Newlines are counted on from the previous hit, not from the start each time.
                line += data.count(b"\n", newline, pos)
                lines.setdefault(line, set()).update(entries)
                end = newline = data.find(b"\n", pos)
                pos = data.find(trigger, end) if end != -1 else -1
        contains = self.contains
        return {line: [contains[n] for n in sorted(numbers)] for line, numbers in lines.items()}

    def _subset(self, indices: frozenset[int]) -> tuple[tuple[re.Pattern[str], str], ...]:
        """The anchored patterns `indices` with their kinds, in catalogue order, so the first
        that matches wins as in the whole bucket. Each pattern is compiled once on its own:
        compiling a regex per combination of patterns cost more than the matching on a few
        megabytes of text, where new combinations keep turning up."""
        subset = self._subsets.get(indices)
        if subset is None:
            compiled = self._compiled
            for n in indices - compiled.keys():
                compiled[n] = re.compile(self.anchored[n][1], re.IGNORECASE)
            subset = tuple((compiled[n], self.anchored[n][0]) for n in sorted(indices))
            self._subsets[indices] = subset
        return subset

    def _bucket(self, char: str) -> Bucket:
        bucket = self._buckets.get(char)
        if bucket is None:
            parts, group_kind, regexes = [], {}, []
            for number, (kind, regex, first) in enumerate(self.anchored):
                if first is None or char in first:
                    group = f"g{number}"
                    parts.append(f"(?P<{group}>{regex})")
                    group_kind[group] = kind
                    regexes.append(regex)
            compiled = re.compile("|".join(parts), re.IGNORECASE) if parts else None
            bucket = self._buckets[char] = (compiled, group_kind, _prefix_gate(regexes))
        return bucket


def _multi_search(needles: list[bytes]) -> Any:
    """An Aho-Corasick automaton over `needles` (one pass over a text finds them all), or None
    without the optional ahocorasick_rs package: then each needle is looked for on its own,
    with the same result, several times slower."""
    if not needles:
        return None
    try:
        from ahocorasick_rs import BytesAhoCorasick, Implementation
    except ImportError:  # pragma: no cover - the package is a declared dependency
        return None
    return BytesAhoCorasick(needles, implementation=Implementation.DFA)


# How many characters of each anchored pattern the gate keeps: enough to get past the first
# word, so that prose opening with "The", "According" or a name is ruled out.
PREFIX_CHARS = 10


def _prefix_gate(regexes: list[str]) -> re.Pattern[str] | None:
    """A cheap regex that matches the start of every line that one of `regexes` fullmatches.

    Almost every line of an article is prose that no pattern matches, and trying the whole
    alternation on it (each pattern to the end of its last alternative) was most of BP001's
    time. The gate keeps only each pattern's first few characters, without assertions or
    groups, so it matches a superset; only lines it lets through meet the full patterns.
    Built from the parse trees of Python's own regex parser (the way `re.Scanner` joins
    patterns); anything unexpected gives None, and then every line meets the full patterns.
    """
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        state = _parser.State()
        state.flags = _parser.fix_flags("", re.IGNORECASE)
        branches = []
        for regex in regexes:
            items, _, _ = _prefix(list(_parser.parse(regex, re.IGNORECASE)), PREFIX_CHARS)
            if not items:
                return None  # a pattern that may start with anything: a gate would pass all
            branches.append(_parser.SubPattern(state, items))
        if not branches:
            return None
        tree = _parser.SubPattern(state, [(_parser.BRANCH, (None, branches))])
        return _compiler.compile(tree, state.flags)
    except Exception:
        return None


def _prefix(items: list, budget: int) -> tuple[list, int, bool]:
    """The first `budget` characters' worth of a parsed sequence: (items, budget left, whole).

    Cutting a sequence after any item, and dropping assertions, matches a superset of the
    prefixes of the original's matches. Constructs whose meaning changes when an assertion
    inside them is dropped (atomic groups, possessive repeats) or that refer to a group end
    the prefix before them.
    """
    from re import _parser  # type: ignore[attr-defined]

    kept: list = []
    for op, arg in items:
        if budget <= 0:
            return kept, budget, False
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
            kept.append((op, arg))
            budget -= 1
        elif name == "SUBPATTERN":
            _, add, remove, sub = arg
            inner, budget, whole = _prefix(list(sub), budget)
            kept.append((op, (None, add, remove, _parser.SubPattern(sub.state, inner))))
            if not whole:
                return kept, budget, False
        elif name == "BRANCH":
            branches, left, whole = [], budget, True
            for branch in arg[1]:
                inner, rest, complete = _prefix(list(branch), budget)
                branches.append(_parser.SubPattern(branch.state, inner))
                left, whole = min(left, rest), whole and complete
            kept.append((op, (None, branches)))
            budget = left
            if not whole:
                return kept, budget, False
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, sub = arg
            inner, rest, whole = _prefix(list(sub), MAX_LINE)
            if not whole:
                return kept, budget, False
            kept.append((op, (low, high, _parser.SubPattern(sub.state, inner))))
            budget -= low * (MAX_LINE - rest)
        else:
            return kept, budget, False
    return kept, budget, True


# How many leading characters of a line the opening index keys on: enough to tell "Updated"
# or "Follow" from "The", "According" or a name, few enough to enumerate from the patterns.
KEY_CHARS = 3
# Past this many keys a pattern is not worth enumerating (it is checked as a shape instead).
MAX_KEYS = 20000


@dataclass(frozen=True)
class Openings:
    """Which lines an anchored pattern may fullmatch, told from how they open.

    `classify` tries a line against the patterns of its first character's bucket, and a prose
    line still paid for one failed regex attempt per pattern there (a few microseconds). This
    index rules most lines out with set lookups: `keys[n]` holds the first n (lower-cased)
    characters of every opening a pattern can have; a pattern whose openings cannot be listed
    ("a capitalised name, then ...") is kept as a `Shape`. Superset by construction: every
    line an anchored pattern matches passes `may_open`; `classify` decides the rest.
    """

    keys: tuple[dict[str, frozenset[int]], ...]  # keys[n]: opening of n + 1 chars -> patterns
    shapes: tuple[Shape, ...]
    by_first: dict[str, tuple[Shape, ...]] = field(default_factory=dict, compare=False)
    rare: frozenset[str] = field(default=frozenset(), init=False, compare=False)
    _by_head: dict[str, HeadVerdict] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        rare = {s.required[0] for s in self.shapes if s.last is None and s.required}
        object.__setattr__(self, "rare", frozenset(rare))
        for char in {char for shape in self.shapes for char in shape.first}:
            self.by_first[char] = tuple(s for s in self.shapes if char in s.first)

    def may_open(self, line: str) -> frozenset[int]:
        """The anchored patterns (indices) that may match `line` (normalised, non-empty)."""
        head = line[:KEY_CHARS]
        found, shapes, _, _ = self._by_head.get(head) or self.by_head(head)
        return self.shaped(line, found, shapes) if shapes else found

    def by_head(self, head: str) -> HeadVerdict:
        """What a line's first KEY_CHARS characters tell: the patterns they name, and the
        shapes the line may still fit (`shaped` tests those on the whole line). Remembered
        per opening, since a corpus has far fewer openings than lines.

        With the shapes come cheap tests that rule them all out at once: a line fits none
        unless it ends in one of `lasts` (None: it may end in anything) or holds one of
        `rare`, the first required character of each shape with no known last character. A
        prose line opening with a capital fits a credit or byline shape only if it holds a
        "/" or an "@", or ends in a letter."""
        one, two, three = self.keys
        low = head.lower()
        first = low[:1]
        found = three.get(low, _NONE) | two.get(low[:2], _NONE) | one.get(first, _NONE)
        # A shape's head gate reads the first HEAD_CHARS characters only, so `head` decides it.
        shapes = tuple(shape for shape in self.by_first.get(first, ()) if shape.may_start(head))
        lasts: frozenset[str] | None = frozenset()
        for shape in shapes:
            if shape.last is not None:
                lasts |= shape.last  # type: ignore[operator]
            elif not shape.required:
                lasts = None  # no cheap test rules this shape out
                break
        rare = tuple(s.required[0] for s in shapes if s.last is None and s.required)
        verdict = (found, shapes, lasts, rare)
        if len(self._by_head) < MAX_HEADS:
            self._by_head[head] = verdict
        return verdict

    @staticmethod
    def shaped(line: str, found: frozenset[int], shapes: tuple[Shape, ...]) -> frozenset[int]:
        """`found` and the `shapes` that `line` may fit by its last character, the characters
        it holds and its prefix gate."""
        end = line[-1]
        for shape in shapes:
            # The cheap tests first: most prose ends in a full stop and holds no "/".
            if shape.last is not None and end not in shape.last:
                continue
            for char in shape.required:
                if char not in line:
                    break
            else:
                if shape.gate is None or shape.gate.match(line):
                    found = found | {shape.index}
        return found


@dataclass(frozen=True)
class Shape:
    """An anchored pattern known by its first character, its last (None: any), the characters
    every match holds (a "/" in "Name/Agency") and its prefix gate."""

    index: int  # of the pattern in `Catalogue.anchored`
    first: frozenset[str]
    last: frozenset[str] | None
    required: tuple[str, ...]
    gate: re.Pattern[str] | None
    head: re.Pattern[str] | None  # the gate cut to its first HEAD_CHARS characters
    _heads: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def may_start(self, line: str) -> bool:
        """The gate's first characters, remembered per opening ("Th", "He" recur all the time),
        so most prose lines are ruled out by a dict lookup instead of a regex attempt."""
        if self.head is None:
            return True
        key = line[:HEAD_CHARS]
        known = self._heads.get(key)
        if known is None:
            known = self.head.match(key) is not None
            if len(self._heads) < MAX_HEADS:
                self._heads[key] = known
        return known


def build_openings(anchored: tuple[tuple[str, str, frozenset[str] | None], ...]) -> Openings | None:
    """The opening index of anchored patterns; None if one of them may open with anything."""
    from re import _parser  # type: ignore[attr-defined]

    keys: list[dict[str, set[int]]] = [{} for _ in range(KEY_CHARS)]
    shapes = []
    for index, (_, regex, first) in enumerate(anchored):
        if first is None:
            return None
        tree = list(_parser.parse(regex, re.IGNORECASE))
        found: set[str] = set()
        try:
            _openings(tree, "", found)
        except (ValueError, RecursionError):
            found = {""}
        # Only openings whose first character is in the pattern's bucket: `classify` tries a
        # pattern on no other line, whatever the regex engine's case folding would allow.
        found = {
            key for key in found if not key or (key[-1] if key[0] == "\0" else key[0]) in first
        }
        # Openings that could not be listed ("\0" and the first character, or "" when even
        # that is unknown), and one-letter keys, which half the prose lines would share, are
        # left to a shape: first character, last character, required characters, gate.
        loose = {key[-1] for key in found if key[:1] == "\0" or (len(key) == 1 and key.isalnum())}
        if "" in found:
            loose = set(first)
        for key in found:
            if (len(key) > 1 and key[0] != "\0") or (len(key) == 1 and not key.isalnum()):
                keys[len(key) - 1].setdefault(key, set()).add(index)
        if loose & first:
            # Rare characters first: a prose line fails on its first test.
            required = tuple(sorted(_required(tree), key=lambda char: (char in _COMMON, char)))
            gate, head = _prefix_gate([regex]), _head_gate(regex)
            shape = Shape(index, frozenset(loose & first), _last_chars(tree), required, gate, head)
            shapes.append(shape)
    frozen = tuple({key: frozenset(found) for key, found in k.items()} for k in keys)
    return Openings(frozen, tuple(shapes))


_NONE: frozenset[int] = frozenset()
# Openings.by_head: (patterns, shapes, the shapes' last characters, their rare characters).
HeadVerdict = tuple[frozenset[int], tuple["Shape", ...], frozenset[str] | None, tuple[str, ...]]
# Characters most prose lines hold.
_COMMON = frozenset(" .,'-()")


# Three characters: a quote and a capital open prose ("“Th") as often as a promo in capitals.
HEAD_CHARS = 3
MAX_HEADS = 50000


def _head_gate(regex: str) -> re.Pattern[str] | None:
    """A regex for the first HEAD_CHARS characters of `regex`'s matches (None if not cut)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        state = _parser.State()
        state.flags = _parser.fix_flags("", re.IGNORECASE)
        items = _head(list(_parser.parse(regex, re.IGNORECASE)), HEAD_CHARS)[0]
        return _compiler.compile(_parser.SubPattern(state, items), state.flags) if items else None
    except Exception:
        return None


def _head(items: list, budget: int) -> tuple[list, int, bool]:
    """Items matching at most `budget` characters of what `items` match at their start:
    (items, budget left, whether all of `items` fit). Assertions are dropped (a superset)."""
    from re import _parser  # type: ignore[attr-defined]

    kept: list = []
    for op, arg in items:
        name = str(op)
        if budget <= 0:
            return kept, budget, False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
            kept.append((op, arg))
            budget -= 1
        elif name == "SUBPATTERN":
            _, add, remove, sub = arg
            inner, left, whole = _head(list(sub), budget)
            kept.append((op, (None, add, remove, _parser.SubPattern(sub.state, inner))))
            if not whole or sub.getwidth()[0] != sub.getwidth()[1]:
                return kept, 0, False
            budget = left
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[2].getwidth() == (1, 1):
            low, high, sub = arg
            kept.append((op, (min(low, budget), min(high, budget), sub)))
            if low != high:
                return kept, 0, False
            budget -= min(low, budget)
        else:
            return kept, 0, False
    return kept, budget, True


def _openings(items: list, prefix: str, out: set[str]) -> None:
    """Add to `out` the lower-cased first KEY_CHARS characters of every match of `items` that
    starts after `prefix`; a shorter key where a wide character class stops the listing."""
    from re import _parser  # type: ignore[attr-defined]

    if len(out) > MAX_KEYS:
        raise ValueError("too many openings")
    if len(prefix) >= KEY_CHARS or not items:
        out.add(prefix)
        return
    (op, arg), rest = items[0], items[1:]
    name = str(op)
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        _openings(rest, prefix, out)  # zero width: dropping it only lets more through
    elif name in ("LITERAL", "IN"):
        chars = _chars_of([(op, arg)] if name == "LITERAL" else arg)
        if chars is None:
            first = None if prefix or name == "LITERAL" else _charset(arg)
            out.update({"\0" + char for char in first} if first else {prefix})
            return
        for char in chars:
            _openings(rest, prefix + char, out)
    elif name == "SUBPATTERN":
        _openings([*arg[-1], *rest], prefix, out)
    elif name == "BRANCH":
        for branch in arg[1]:
            _openings([*branch, *rest], prefix, out)
    elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = arg
        if sub.getwidth()[0] == 0:
            out.add(prefix)
            return
        if low == 0:
            _openings(rest, prefix, out)
        if high > 0:
            again = (op, (max(low - 1, 0), high if high == _parser.MAXREPEAT else high - 1, sub))
            _openings([*sub, again, *rest], prefix, out)
    else:
        out.add(prefix)


# A character set past this size is not listed: the key stops before it.
MAX_SET = 64


def _chars_of(items: list) -> set[str] | None:
    """The lower-cased characters (and the odd spellings the regex engine folds to them, such
    as a long s) that a small character set may match; None for a wide or negated set."""
    chars: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE" and arg[1] - arg[0] < MAX_SET:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        elif name == "CATEGORY" and str(arg) == "CATEGORY_SPACE":
            chars |= _SPACES
        else:
            return None
    folded = {c.lower() for char in chars for c in (char, char.upper(), char.lower())}
    for char in list(folded):
        folded.update(chr(code).lower() for code in _EXTRA_CASES.get(ord(char), ()))
    return folded if len(folded) <= MAX_SET else None


def _last_chars(items: list) -> frozenset[str] | None:
    """Every character (in any case) a match of `items` may end with; None when unsure."""
    chars: set[str] = set()
    for op, arg in reversed(items):
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name in ("LITERAL", "IN"):
            found = _chars_of([(op, arg)] if name == "LITERAL" else arg)
            if found is None:
                return None
            return frozenset(chars | {x for c in found for x in (c, c.upper())})
        if name == "SUBPATTERN":
            inner = _last_chars(list(arg[-1]))
            nullable = arg[-1].getwidth()[0] == 0
        elif name == "BRANCH":
            ends = [_last_chars(list(branch)) for branch in arg[1]]
            if any(end is None for end in ends):
                return None
            inner = frozenset().union(*ends)  # type: ignore[arg-type]
            nullable = any(branch.getwidth()[0] == 0 for branch in arg[1])
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            inner = _last_chars(list(arg[2]))
            nullable = arg[0] == 0 or arg[2].getwidth()[0] == 0
        else:
            return None
        if inner is None:
            return None
        chars |= inner
        if not nullable:
            return frozenset(chars)
    return None  # the whole pattern may be empty


def _required(items: list) -> set[str]:
    """Characters without case that every match of `items` contains ("/" in "Name/Agency")."""
    found: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL" and chr(arg).lower() == chr(arg).upper():
            found.add(chr(arg))
        elif name == "SUBPATTERN":
            found |= _required(list(arg[-1]))
        elif name == "BRANCH":
            branches = [_required(list(branch)) for branch in arg[1]]
            found |= set.intersection(*branches) if branches else set()
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] > 0:
            found |= _required(list(arg[2]))
    return found


def _extra_cases() -> dict[int, tuple[int, ...]]:
    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - every CPython since 3.11 has it
        return {}
    return dict(_EXTRA_CASES)


_EXTRA_CASES = _extra_cases()
# What `\s` matches: every white-space character lies below U+3001.
_SPACES = frozenset(chr(code) for code in range(0x3001) if chr(code).isspace())


def first_chars(regex: str) -> frozenset[str] | None:
    """The lower-case characters a match of `regex` can start with; None when it can be any.

    Reads the parse tree of Python's own regex parser. Anything it does not understand makes
    the answer None, which only costs speed, never a match.
    """
    try:
        from re import _parser  # type: ignore[attr-defined]

        chars, nullable = _first_of_sequence(list(_parser.parse(regex, re.IGNORECASE)), _parser)
    except Exception:
        return None
    return None if chars is None or nullable else frozenset(chars)


def _first_of_sequence(items: list, parser: Any) -> tuple[set[str] | None, bool]:
    consts = parser  # the opcode constants live on the parser module
    result: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name in ("AT", "ASSERT_NOT"):
            continue
        if name == "ASSERT":
            direction, sub = arg
            chars, nullable = _first_of_sequence(list(sub), consts)
            if direction == 1 and chars is not None and not nullable:
                return result | chars, False
            continue
        if name == "LITERAL":
            char = chr(arg)
            return result | {char.lower(), char.upper().lower()}, False
        if name == "IN":
            chars = _charset(arg)
            return (None if chars is None else result | chars), False
        if name in ("SUBPATTERN", "ATOMIC_GROUP"):
            sub = arg[-1] if name == "SUBPATTERN" else arg
            chars, nullable = _first_of_sequence(list(sub), consts)
        elif name == "BRANCH":
            chars, nullable = set(), False
            for branch in arg[1]:
                sub_chars, sub_nullable = _first_of_sequence(list(branch), consts)
                if sub_chars is None:
                    return None, False
                chars |= sub_chars
                nullable = nullable or sub_nullable
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, sub = arg
            chars, nullable = _first_of_sequence(list(sub), consts)
            nullable = nullable or low == 0
        else:
            return None, False
        if chars is None:
            return None, False
        result |= chars
        if not nullable:
            return result, False
    return result, True


def _charset(items: list) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg).lower())
        elif name == "RANGE":
            low, high = arg
            if high - low > 512:
                return None
            chars.update(chr(code).lower() for code in range(low, high + 1))
        elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            chars.update("0123456789")
        else:
            return None
    return chars


def _read_toml(source: str | Path | bytes, where: str) -> dict[str, Any]:
    try:
        if isinstance(source, bytes):
            return tomllib.loads(source.decode("utf-8"))
        return tomllib.loads(Path(source).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{where}: cannot read the phrase catalogue: {exc}") from exc


def _compiled(pattern: Any, origin: str) -> str:
    if not isinstance(pattern, str):
        raise ConfigError(f"{origin}: a pattern must be a string, not {pattern!r}")
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{origin}: invalid regular expression {pattern!r}: {exc}") from exc
    return pattern


def build_catalogue(
    tables: Iterable[tuple[dict[str, Any], str]],
    extra_phrases: Iterable[str] = (),
    extra_patterns: Iterable[str] = (),
    where: str = "rule BP001",
) -> Catalogue:
    """Compile catalogue tables (parsed TOML, with where they came from) and config extensions."""
    phrases: dict[str, str] = {}
    anchored: list[tuple[str, str, frozenset[str] | None]] = []
    contains: list[Contains] = []
    messages: dict[str, str] = {EXTRA_KIND: EXTRA_MESSAGE, CAPTION_KIND: "Image caption"}
    skip_title: set[str] = set()
    for table, origin in tables:
        for kind, spec in table.get("kinds", {}).items():
            messages.setdefault(kind, spec.get("message", EXTRA_MESSAGE))
            if spec.get("skip-title"):
                skip_title.add(kind)
            for phrase in spec.get("phrases", ()):
                phrases.setdefault(phrase_key(phrase), kind)
            for pattern in spec.get("patterns", ()):
                regex = _compiled(pattern, f"{origin}: kinds.{kind}.patterns")
                anchored.append((kind, regex, first_chars(regex)))
            for entry in spec.get("contains", ()):
                regex = _compiled(entry.get("pattern"), f"{origin}: kinds.{kind}.contains")
                contains.append(
                    Contains(
                        kind,
                        re.compile(regex, re.IGNORECASE),
                        tuple(t.lower() for t in entry.get("triggers", ())),
                        tuple(t.lower() for t in entry.get("ends-with", ())),
                    )
                )
    for phrase in extra_phrases:
        phrases[phrase_key(phrase)] = EXTRA_KIND
    extra = [
        f"(?:{_compiled(p, f'{where}: option {chr(39)}extend-patterns{chr(39)}')})"
        for p in extra_patterns
    ]
    return Catalogue(
        phrases,
        tuple(anchored),
        tuple(contains),
        messages,
        frozenset(skip_title),
        re.compile("|".join(extra), re.IGNORECASE) if extra else None,
        max((len(key) for key in phrases), default=0) + 16,
    )


def _builtin_table() -> tuple[dict[str, Any], str]:
    data = resources.files("rules").joinpath("data/boilerplate.toml").read_bytes()
    return _read_toml(data, "rules/data/boilerplate.toml"), "rules/data/boilerplate.toml"


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return build_catalogue([_builtin_table()])


def classify(text: str) -> str | None:
    """The furniture kind of one line under the built-in catalogue, or None."""
    return default_catalogue().classify(text)


def title_index(lines: list[Line], catalogue: Catalogue | None = None) -> int | None:
    """Index of the document's title: its first non-blank line that is not furniture."""
    catalogue = catalogue or default_catalogue()
    for i, line in enumerate(lines):
        if not line.is_blank and catalogue.classify(line.text) is None:
            return i
    return None


def line_deletion(view: DocumentView, line: Line) -> Fix:
    """A safe fix that removes a whole line, and the blank lines after it when it stood alone,
    so the layout around it stays as it was."""
    return Fix.delete(*line_deletion_span(view, line.number - 1))


def content_span(line: Line) -> tuple[int, int]:
    """Offsets of a line without its surrounding whitespace."""
    stripped = line.text.lstrip()
    start = line.start + len(line.text) - len(stripped)
    return start, start + len(stripped.rstrip())


class BoilerplateLine(Rule):
    """Flags a line that is page furniture, not article text.

    Catches whole lines that are:
    - update and publish stamps ("Updated 21 August 2018", "Published 3 hours ago"), reading-time
      widgets and lines that are only a date and time;
    - social, share, print and e-mail widgets ("Follow", "Share this article", "Follow us on
      Twitter", "Write to the author at name@example.com");
    - advertisement labels, "Read more: <headline>" and other related-content links, promo links
      set in capitals, newsletter, app and subscription prompts, cookie and consent prompts;
    - copyright and disclosure notices, photo credits standing alone ("Photo: Jane Doe/AP",
      "Getty Images", "Image copyright Reuters") and captions that end in a credit;
    - comment widgets, navigation, gallery and player labels, separator rules ("___"), bylines
      and wire slugs;
    - image blocks recognised by their shape: a caption line followed by its credit
      ("Jane Doe/Agency", or a bare two-to-four word credit between two paragraphs), the page
      title reused as the alt text under every gallery picture, and a bulleted list of headlines
      after the body (related links; a list the text introduces with a colon is left alone).

    Leaves alone:
    - the same words inside a sentence ("Share prices fell after the update."): only a whole
      line (after stripping whitespace and bullets) is matched;
    - a headline in capitals on the document's first line;
    - lines longer than 500 characters.

    The catalogue is data (`rules/data/boilerplate.toml`, general knowledge of web pages, English
    first with common German, French, Spanish, Portuguese, Italian, Russian, Korean, Japanese and
    Chinese furniture). Extend it from config with `extend-phrases` (whole lines),
    `extend-patterns` (regular expressions matched against the whole line) or `phrases-file`
    (a TOML file laid out like the built-in one).

    The safe fix deletes the line.

    Bad:
        Russia says Taliban will attend talks in Moscow
        Updated 21 August 2018
        Follow
        MOSCOW: Russia's foreign minister said on Tuesday the Taliban will attend.

    Good:
        Russia says Taliban will attend talks in Moscow
        MOSCOW: Russia's foreign minister said on Tuesday the Taliban will attend.
        Investors were asked to follow the updated guidance, and few chose to share it.
    """

    code = "BP001"
    name = "boilerplate-line"
    family = "boilerplate"
    summary = "A line of page furniture (stamp, share widget, ad label, credit) in the text"
    fixable = True
    options = (
        Option("extend_phrases", [], "More whole-line phrases to report", (list, tuple)),
        Option("extend_patterns", [], "More regexes; each must match a whole line", (list, tuple)),
        Option("phrases_file", "", "A TOML catalogue laid out like the built-in one", str),
    )

    def setup(self) -> None:
        where = f"rule {self.code}"
        for key, values in (
            ("extend-phrases", self.extend_phrases),
            ("extend-patterns", self.extend_patterns),
        ):
            for value in values:
                if not isinstance(value, str):
                    raise ConfigError(f"{where}: option '{key}' must be a list of strings")
        if not (self.extend_phrases or self.extend_patterns or self.phrases_file):
            self.catalogue = default_catalogue()
            return
        tables = [_builtin_table()]
        if self.phrases_file:
            origin = f"{where}: option 'phrases-file' ({self.phrases_file})"
            tables.append((_read_toml(self.phrases_file, origin), self.phrases_file))
        self.catalogue = build_catalogue(tables, self.extend_phrases, self.extend_patterns, where)

    def check(self, view: DocumentView) -> Iterator[Finding]:
        catalogue = self.catalogue
        kinds = furniture_kinds(view, catalogue)
        if kinds.count(None) == len(kinds):
            return
        # The furniture lines, picked out in C: most lines of a document with furniture are not.
        for i in compress(count(), map(is_not, kinds, repeat(None))):
            kind = kinds[i]
            line = view.line(i)
            start, end = content_span(line)
            message = f"{catalogue.messages[kind]} left in the text: {_quote(line.text)}"
            yield Finding(start, end, message, line_deletion(view, line))


# A credit without a credit word: two to four capitalised words ("Example Earth", "NASA Worldview").
_BARE_CREDIT_RE = re.compile(
    r"[A-Z0-9][\w'’.&-]*(?: (?:[A-Z0-9][\w'’.&-]*|of|and|for|the|de|&)){0,3}"
)
# "Jane Doe/Agency", "Jane Doe/Paper/Agency": a photographer and agency with nothing else.
_SLASH_CREDIT_RE = re.compile(r"[^:()\[\]/]{2,40}(?:/[^:()\[\]/]{2,40}){1,3}")
LONG_PARAGRAPH = 200
# A bare credit names a source ("Example Earth"); a short line opening with one of these words
# is a subheading ("The Details", "How It Works"), and the sentence above it is not a caption.
SUBHEAD_OPENERS = frozenset(
    """the a an how why what when where who which our your my this that these those in on at
    for and but or to from with about after before more most why's what's""".split()
)
MIN_BARE_CAPTION_WORDS = 7
MAX_BARE_CREDIT = 60


def furniture_kinds(view: DocumentView, catalogue: Catalogue | None = None) -> list[str | None]:
    """The furniture kind of every line of `view` (None for article text and blank lines).

    Each line is looked up in the catalogue; then image blocks are recognised from their shape:
    a caption line followed by its credit line. BP001, DU001 and ST001 all need this, so it is
    computed once per document view and kept on it.
    """
    catalogue = catalogue or default_catalogue()
    return view.shared(
        f"furniture_kinds {id(catalogue)}", lambda view: _furniture_kinds(view, catalogue)
    )


def _furniture_kinds(view: DocumentView, catalogue: Catalogue) -> list[str | None]:
    texts = view.line_texts
    kinds: list[str | None] = [None] * len(texts)
    nonblank = view.nonblank_indices
    hits = catalogue.trigger_hits(view.text, view.utf8)
    catalogue.classify_lines(texts, nonblank, hits, kinds, view.text)
    if not nonblank:
        return kinds
    title = nonblank[0]
    if kinds[title] in catalogue.skip_title:
        kinds[title] = None
    _mark_repeated_captions(texts, kinds, title)
    if _has_bulleted_line(texts, nonblank):
        _mark_link_lists(texts, kinds, nonblank)
    _mark_image_blocks(texts, kinds, nonblank)
    return kinds


def _mark_image_blocks(texts: list[str], kinds: list[str | None], nonblank: list[int]) -> None:
    """A caption line followed by its credit: the credit names the caption above it."""
    # Only furniture and short lines can be the credit under a caption, and they are picked out
    # with `map` and `compress`, in C. (The loop below changes kinds only at or before the
    # current position, so this choice can be made up front.) An itemgetter picks the
    # non-blank lines in one call; with fewer than three there is no block to find.
    if len(nonblank) < 3:
        return
    pick = itemgetter(*nonblank)
    furniture = map(is_not, pick(kinds), repeat(None))
    short = map(le, map(len, pick(texts)), repeat(MAX_BARE_CREDIT))
    for pos in list(compress(range(len(nonblank)), map(or_, furniture, short))):
        if pos < 2:
            continue
        i, prev = nonblank[pos], nonblank[pos - 1]
        kind = kinds[i]
        if kinds[prev] is not None or not _caption_like(texts[prev]):
            continue
        if kind == CREDIT_KIND and _SLASH_CREDIT_RE.fullmatch(texts[i].strip()):
            # "A caption sentence." then "Jane Doe/Agency": the credit names the caption above.
            # Labelled credits ("Source: ...", "Main image credit: ...") end an article as
            # often as they follow a caption, so they do not make the line above a caption.
            kinds[prev] = CAPTION_KIND
        elif kinds[i] is None and _bare_credit_block(texts, nonblank, pos):
            kinds[prev] = CAPTION_KIND
            kinds[i] = CREDIT_KIND


# A gallery repeats one alt text under every picture, and sites build that alt text from the
# page title. A line repeated three times or more that is mostly the title's words is that alt
# text; repeated questions, recipe steps and product features share little with the title.
REPEATED_CAPTION_MIN_COUNT = 3
REPEATED_CAPTION_MIN_WORDS = 6
REPEATED_CAPTION_TITLE_SHARE = 0.6


def _mark_repeated_captions(texts: list[str], kinds: list[str | None], title: int) -> None:
    # Most documents repeat no line but the blank one; a set (cheaper than a Counter) says so,
    # and a set of line lengths, which needs no hashing of the texts, most often already does:
    # copies of a line have its length, so there are at least as many repeated lengths.
    blanks = texts.count("")
    for keys in (map(len, texts), texts):
        repeats = len(texts) - len(set(keys))
        if repeats - max(blanks - 1, 0) < REPEATED_CAPTION_MIN_COUNT - 1:
            return
    counts = Counter(texts)
    candidates = [
        text
        for text, count in counts.items()
        if count >= REPEATED_CAPTION_MIN_COUNT and len(text) <= MAX_LINE
    ]
    if not candidates:
        return
    title_words = set(WORD_RE.findall(texts[title].casefold()))
    repeated = set()
    for text in candidates:
        words = WORD_RE.findall(text.casefold())
        if len(words) < REPEATED_CAPTION_MIN_WORDS:
            continue
        share = sum(word in title_words for word in words) / len(words)
        if share >= REPEATED_CAPTION_TITLE_SHARE:
            repeated.add(text)
    if not repeated:
        return
    for i, text in enumerate(texts):
        if text in repeated and kinds[i] is None and i != title:
            kinds[i] = CAPTION_KIND


# "- Moon Rush: Private Lunar Lander Plans": a bulleted headline. Two or more in a row after a
# paragraph are a related-links list; a list the text introduces ("The five are:") is content.
_BULLETS = "-•*▪►"
_BULLETED_RE = re.compile(rf"\s*[{_BULLETS}]\s+\S")
_BULLET_SET = frozenset(_BULLETS)
_CAPITALISABLE_RE = re.compile(r"[^\W\d_][\w'’]{3,}")
MIN_LINK_WORDS = 5
MIN_LINK_LIST = 2
LINK_TITLE_CASE_SHARE = 0.6
RELATED_KIND = "related"


def _is_bulleted_headline(text: str) -> bool:
    if text.lstrip()[:1] not in _BULLETS or not _BULLETED_RE.match(text) or len(text) > MAX_LINE:
        return False
    stripped = text.rstrip()
    if stripped[-1] in ".:;,!?" or len(stripped.split()) < MIN_LINK_WORDS:
        return False
    words = _CAPITALISABLE_RE.findall(stripped)
    capitals = sum(word[0].isupper() for word in words)
    return len(words) >= 2 and capitals >= LINK_TITLE_CASE_SHARE * len(words)


def _has_bulleted_line(texts: list[str], nonblank: list[int]) -> bool:
    """Whether a non-blank line opens with a bullet after its indentation: the lines' first
    characters, found in C, meet a set of bullets."""
    firsts = map(itemgetter(0), map(str.lstrip, map(texts.__getitem__, nonblank)))
    return not _BULLET_SET.isdisjoint(firsts)


def _mark_link_lists(texts: list[str], kinds: list[str | None], nonblank: list[int]) -> None:
    pos = 1
    while pos < len(nonblank):
        end = pos
        while end < len(nonblank) and _is_bulleted_headline(texts[nonblank[end]]):
            end += 1
        if end - pos >= MIN_LINK_LIST and not texts[nonblank[pos - 1]].rstrip().endswith(":"):
            for i in nonblank[pos:end]:
                kinds[i] = kinds[i] or RELATED_KIND
        pos = max(end, pos + 1)


def _caption_like(text: str) -> bool:
    text = text.strip()
    return len(text) <= 300 and 5 <= len(text.split()) <= 45 and not text.endswith(":")


def _bare_credit_block(texts: list[str], nonblank: list[int], pos: int) -> bool:
    """A one-sentence caption and a bare credit ("NASA Worldview") set between two body
    paragraphs: the shape an image block leaves when its markup is stripped."""
    credit = texts[nonblank[pos]].strip()
    caption = texts[nonblank[pos - 1]].strip()
    if pos + 1 >= len(nonblank) or len(credit.split()) > 4 or not caption.endswith("."):
        return False
    if len(caption.split()) < MIN_BARE_CAPTION_WORDS or not _BARE_CREDIT_RE.fullmatch(credit):
        return False
    if credit.split()[0].lower() in SUBHEAD_OPENERS:
        return False
    before, after = texts[nonblank[pos - 2]], texts[nonblank[pos + 1]]
    return len(before) >= LONG_PARAGRAPH and len(after) >= LONG_PARAGRAPH


def _quote(text: str, limit: int = 60) -> str:
    text = text.strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"'{text}'"
