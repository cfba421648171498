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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from linter.diagnostic import Finding, Fix
from linter.document import WORD_RE, DocumentView, Line
from linter.errors import ConfigError
from linter.rule import Option, Rule

# Furniture is short. A longer line is prose (or a caption, which has its own shapes below this
# bound), and skipping it keeps the rule at a few hundred nanoseconds per body paragraph.
MAX_LINE = 500

# List bullets and quote marks an extractor puts in front of a widget's text.
_LEAD_RE = re.compile(r"^[\s\-–—•*·►▶»>|]+")
_TRAIL_RE = re.compile(r"[\s:|.!…]+$")
_SPACES_RE = re.compile(r"\s+")

EXTRA_KIND = "custom"
EXTRA_MESSAGE = "Boilerplate"


def normalise(text: str) -> str:
    """The form a line is matched in: no surrounding whitespace or leading bullets."""
    return _LEAD_RE.sub("", text).rstrip()


def phrase_key(text: str) -> str:
    """The form phrases are looked up in: also case-folded, without trailing punctuation."""
    return _SPACES_RE.sub(" ", _TRAIL_RE.sub("", normalise(text))).casefold()


@dataclass(frozen=True)
class Catalogue:
    """The compiled furniture catalogue: a phrase table and one regex with a group per kind."""

    phrases: dict[str, str]  # phrase_key -> kind
    pattern: re.Pattern[str] | None
    group_kind: dict[str, str]  # regex group name -> kind
    messages: dict[str, str]
    skip_title: frozenset[str]

    def classify(self, text: str) -> str | None:
        """The kind of furniture `text` (one line) is, or None for article text."""
        if len(text) > MAX_LINE:
            return None
        line = normalise(text)
        if not line:
            return None
        kind = self.phrases.get(phrase_key(line))
        if kind is not None:
            return kind
        if self.pattern is not None:
            match = self.pattern.fullmatch(line)
            if match is not None:
                return self.group_kind[match.lastgroup or ""]
        return None


def _read_toml(source: str | Path | bytes, where: str) -> dict[str, Any]:
    try:
        if isinstance(source, bytes):
            return tomllib.loads(source.decode("utf-8"))
        return tomllib.loads(Path(source).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{where}: cannot read the phrase catalogue: {exc}") from exc


def build_catalogue(
    tables: Iterable[tuple[dict[str, Any], str]],
    extra_phrases: Iterable[str] = (),
    extra_patterns: Iterable[str] = (),
    where: str = "rule BP001",
) -> Catalogue:
    """Compile catalogue tables (parsed TOML, with where they came from) and config extensions."""
    phrases: dict[str, str] = {}
    alternatives: list[str] = []
    group_kind: dict[str, str] = {}
    messages: dict[str, str] = {EXTRA_KIND: EXTRA_MESSAGE, CAPTION_KIND: "Image caption"}
    skip_title: set[str] = set()

    def add_patterns(kind: str, patterns: Iterable[str], origin: str) -> None:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(
                    f"{origin}: invalid regular expression {pattern!r}: {exc}"
                ) from exc
            group = f"g{len(alternatives)}"
            alternatives.append(f"(?P<{group}>{pattern})")
            group_kind[group] = kind

    for table, origin in tables:
        for kind, spec in table.get("kinds", {}).items():
            messages.setdefault(kind, spec.get("message", EXTRA_MESSAGE))
            if spec.get("skip-title"):
                skip_title.add(kind)
            for phrase in spec.get("phrases", ()):
                phrases.setdefault(phrase_key(phrase), kind)
            add_patterns(kind, spec.get("patterns", ()), f"{origin}: kinds.{kind}.patterns")
    for phrase in extra_phrases:
        phrases[phrase_key(phrase)] = EXTRA_KIND
    add_patterns(EXTRA_KIND, extra_patterns, f"{where}: option 'extend-patterns'")
    pattern = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None
    return Catalogue(phrases, pattern, group_kind, messages, frozenset(skip_title))


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
    """A safe fix that removes a whole line together with one line break."""
    text = view.text
    if line.end < len(text):
        return Fix.delete(line.start, line.end + 1)
    if line.start > 0:
        return Fix.delete(line.start - 1, line.end)
    return Fix.delete(line.start, line.end)


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
    - comment widgets, navigation, gallery and player labels, separator rules ("___").

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
        lines = view.lines
        kinds = furniture_kinds(lines, catalogue)
        for i, kind in enumerate(kinds):
            if kind is None:
                continue
            line = lines[i]
            start, end = content_span(line)
            message = f"{catalogue.messages[kind]} left in the text: {_quote(line.text)}"
            yield Finding(start, end, message, line_deletion(view, line))


CAPTION_KIND = "caption"
CREDIT_KIND = "credit"
# A credit without a credit word: two to four capitalised words ("Example Earth", "NASA Worldview").
_BARE_CREDIT_RE = re.compile(
    r"[A-Z0-9][\w'’.&-]*(?: (?:[A-Z0-9][\w'’.&-]*|of|and|for|the|de|&)){0,3}"
)
# "Jane Doe/Agency", "Jane Doe/Paper/Agency": a photographer and agency with nothing else.
_SLASH_CREDIT_RE = re.compile(r"[^:()\[\]/]{2,40}(?:/[^:()\[\]/]{2,40}){1,3}")
LONG_PARAGRAPH = 200


def furniture_kinds(lines: list[Line], catalogue: Catalogue | None = None) -> list[str | None]:
    """The furniture kind of every line (None for article text and blank lines).

    Each line is looked up in the catalogue; then image blocks are recognised from their shape:
    a caption line followed by its credit line.
    """
    catalogue = catalogue or default_catalogue()
    classify_line = catalogue.classify
    kinds: list[str | None] = [None] * len(lines)
    nonblank: list[int] = []
    for i, line in enumerate(lines):
        if line.text and not line.is_blank:
            nonblank.append(i)
            kinds[i] = classify_line(line.text)
    if not nonblank:
        return kinds
    title = nonblank[0]
    if kinds[title] in catalogue.skip_title:
        kinds[title] = None
    _mark_repeated_captions(lines, kinds, title)
    for pos in range(2, len(nonblank)):
        i, prev = nonblank[pos], nonblank[pos - 1]
        if kinds[prev] is not None or not _caption_like(lines[prev].text):
            continue
        if kinds[i] == CREDIT_KIND and _SLASH_CREDIT_RE.fullmatch(lines[i].text.strip()):
            # "A caption sentence." then "Jane Doe/Agency": the credit names the caption above.
            # Labelled credits ("Source: ...", "Main image credit: ...") end an article as
            # often as they follow a caption, so they do not make the line above a caption.
            kinds[prev] = CAPTION_KIND
        elif kinds[i] is None and _bare_credit_block(lines, nonblank, pos):
            kinds[prev] = CAPTION_KIND
            kinds[i] = CREDIT_KIND
    return kinds


# A gallery repeats one alt text under every picture, and sites build that alt text from the
# page title. A line repeated three times or more that is mostly the title's words is that alt
# text; repeated questions, recipe steps and product features share little with the title.
REPEATED_CAPTION_MIN_COUNT = 3
REPEATED_CAPTION_MIN_WORDS = 6
REPEATED_CAPTION_TITLE_SHARE = 0.6


def _mark_repeated_captions(lines: list[Line], kinds: list[str | None], title: int) -> None:
    counts = Counter(line.text for line in lines)
    candidates = [
        text
        for text, count in counts.items()
        if count >= REPEATED_CAPTION_MIN_COUNT and len(text) <= MAX_LINE
    ]
    if not candidates:
        return
    title_words = set(WORD_RE.findall(lines[title].text.casefold()))
    repeated = set()
    for text in candidates:
        words = WORD_RE.findall(text.casefold())
        if len(words) < REPEATED_CAPTION_MIN_WORDS:
            continue
        share = sum(word in title_words for word in words) / len(words)
        if share >= REPEATED_CAPTION_TITLE_SHARE:
            repeated.add(text)
    for i, line in enumerate(lines):
        if line.text in repeated and kinds[i] is None and i != title:
            kinds[i] = CAPTION_KIND


def _caption_like(text: str) -> bool:
    text = text.strip()
    return len(text) <= 300 and 5 <= len(text.split()) <= 45 and not text.endswith(":")


def _bare_credit_block(lines: list[Line], nonblank: list[int], pos: int) -> bool:
    """A one-sentence caption and a bare credit ("NASA Worldview") set between two body
    paragraphs: the shape an image block leaves when its markup is stripped."""
    credit = lines[nonblank[pos]].text.strip()
    caption = lines[nonblank[pos - 1]].text.strip()
    if pos + 1 >= len(nonblank) or len(credit.split()) > 4 or not caption.endswith("."):
        return False
    if not _BARE_CREDIT_RE.fullmatch(credit):
        return False
    before, after = lines[nonblank[pos - 2]].text, lines[nonblank[pos + 1]].text
    return len(before) >= LONG_PARAGRAPH and len(after) >= LONG_PARAGRAPH


def _quote(text: str, limit: int = 60) -> str:
    text = text.strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"'{text}'"
