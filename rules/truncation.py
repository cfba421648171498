"""TR001 truncated-sentence: a paragraph that stops in the middle of a sentence."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from linter.diagnostic import Finding
from linter.document import DocumentView, Sentence
from linter.rule import Option, Rule
from rules._prose import (
    CLOSERS,
    TERMINAL,
    LineEnd,
    discourse_openers,
    english_share,
    is_bullet,
    is_function_word,
    is_stranded_word,
    is_title_like,
    is_word_fragment,
    line_end_of,
    line_spans,
    needs_a_following_word,
    open_line_breaks,
    trailing_space_is_rare,
)
from rules.hard_wrap import is_wrapped_throughout, run_on_pairs, runs_on, wrapped_break

# Below this many words a line is a label, a name, a dateline or a heading, whatever its end;
# one word fewer is enough when stray whitespace follows a word that cannot end a sentence.
MIN_WORDS = 4
MIN_WORDS_DOUBLE_EVIDENCE = 3
# A line stopping on a preposition or an auxiliary is cut only from this many words on: shorter,
# it may be a headline that strands one ("What they are fighting for").
MIN_WORDS_STRANDED = 10
# Whitespace after the last word counts on its own only from this many words on: a shorter line
# with a stray space is as likely a heading an extractor left untidy.
MIN_WORDS_TRAILING_SPACE = 5
# A line whose lowercase words are mostly not English dictionary words is in another language (or
# is a list of names): the English word lists then say nothing about how it ends.
MIN_ENGLISH_SHARE = 0.6
# Shorter non-words are too often abbreviations or clippings ("app", "etc", "mph"); and a short
# line ending on a rare word is more likely a label ("Contact the site admin") than a cut.
MIN_FRAGMENT_LETTERS = 4
MIN_FRAGMENT_LINE_WORDS = 6
# The last sentence of a long multi-sentence paragraph must have this many words to count: "...
# said. Read more" is a paragraph followed by a link, not a cut sentence.
MIN_LAST_SENTENCE_WORDS = 5
# A line between two full paragraphs that opens like running text ("This", "But", "However") and
# has this many words is a paragraph too, not a subhead.
MIN_BODY_WORDS = 12
MIN_BODY_ENGLISH_SHARE = 0.8
# "Label: text" lines (related links, Q&A, "Read more: ...") have their colon this early.
LABEL_WORDS = 4
# A line break after a line that may stop on a cut word or a comma: one that ends on a letter, a
# digit or a comma, or on whitespace or an invisible character, which line_end looks past. Every
# other line ends on a sentence stop, a quotation mark, a bracket or a dash, and is left alone.
# (The pattern opens on the line break, so the regex engine jumps from one to the next.)
_WORD_OR_COMMA_END_RE = re.compile(r"\n(?<=[\w,\s\u200b\u2060\ufeff]\n)(?<!\n\n)")
# How many of the last words the message quotes.
QUOTED_WORDS = 3
# Opening quotes and brackets, skipped when looking at how a sentence starts.
OPENERS = "\"'“‘«‹(["


class TruncatedSentence(Rule):
    """Flags a paragraph that stops in the middle of a sentence.

    Scrapers cut paragraphs where an ad block, a link or a "read more" teaser began, and leave
    "...in 1979 until a humiliating" behind. A line is reported when it ends without sentence
    punctuation and the way it ends says the sentence was cut:
    - a final comma, or a final word that cannot end a sentence ("of", "the", "because");
    - a final fragment of a word ("respons", "the surface of J");
    - whitespace left after the last word (unless the document leaves it on many lines);
    - a long paragraph of several sentences whose last one stops unpunctuated;
    - a line between two full paragraphs that opens like running text ("This", "But",
      "However"), which no headline does, and stops unpunctuated.
    A line whose sentence runs on into the next line is a hard wrap (WS001), not a truncation.

    Leaves alone:
    - headlines and titles, datelines, bylines ("By Jane Doe"), captions, short labels;
    - list items and bullets, lines ending on a colon before a list;
    - quotes that end in a quotation mark, and lines ending in a bracket ("(AP)");
    - in text wrapped at a fixed width, any line but the last of a paragraph;
    - lines in another language than English unless their end shows whitespace or a comma, and
      scripts these rules cannot judge (Chinese, Japanese, Korean, Arabic, Thai...).

    There is no fix: the missing words cannot be restored.

    Bad:
        Many of the fighters battled the Soviet Union after its invasion in 1979 until a

    Good:
        Russia says Taliban will attend Afghanistan talks in Moscow
        By Jane Doe

        MOSCOW: Russia's foreign minister said on Tuesday the Taliban will attend the talks.
    """

    code = "TR001"
    name = "truncated-sentence"
    family = "truncation"
    summary = "A paragraph that stops in the middle of a sentence"
    options = (
        Option(
            "long_paragraph_words",
            30,
            "A paragraph of several sentences and at least this many words that stops without"
            " punctuation is cut short.",
        ),
    )

    def check(self, view: DocumentView) -> Iterator[Finding]:
        text = view.text
        trailing_rare: bool | None = None
        hard_wrapped: bool | None = None
        # Most lines end a sentence; only the others are looked at.
        for start, stop in line_spans(text, _WORD_OR_COMMA_END_RE, open_line_breaks(view)):
            raw = text[start:stop]
            # Two cheap looks before line_end splits every word: too few words (line_end finds
            # no more), or a list item (its first word is line_end's first word).
            head = raw.split(None, MIN_WORDS_DOUBLE_EVIDENCE - 1)
            if len(head) < MIN_WORDS_DOUBLE_EVIDENCE or is_bullet(head[0]):
                continue
            end = line_end_of(raw, start)
            if end is None or end.kind not in ("word", "comma"):
                continue
            words = end.words
            if len(words) < MIN_WORDS_DOUBLE_EVIDENCE or not _may_be_cut(end):
                continue
            as_written = end
            if end.trailing_space:
                if trailing_rare is None:
                    trailing_rare = trailing_space_is_rare(text, open_line_breaks(view))
                if not trailing_rare:
                    end = end._replace(trailing_space=False)
            # Every test is a pure veto, so the cheapest and most selective come first.
            reason = self.reason(view, start, stop, end)
            if reason is None or is_title_like(words):
                continue
            following = _next_line(text, stop)
            if following.strip():
                if runs_on(as_written, following):
                    continue  # the sentence goes on: WS001's business
                if hard_wrapped is None:
                    hard_wrapped = _is_hard_wrapped(text, open_line_breaks(view))
                if hard_wrapped:
                    continue  # text wrapped at a fixed width: only a paragraph's end can be cut
            end_offset = stop if end.trailing_space else end.content_end
            tail = " ".join(words[-QUOTED_WORDS:])
            if len(words) > QUOTED_WORDS:
                tail = "…" + tail
            message = f'Sentence cut short after "{tail}": {reason}'
            yield Finding(end.last_word_start, end_offset, message)

    def reason(self, view: DocumentView, start: int, stop: int, end: LineEnd) -> str | None:
        """Why the line text[start:stop], which ends without sentence punctuation, was cut
        short; None if it need not have been. Evidence, strongest first."""
        words = end.words
        last_word = end.last_word
        # Lowercase only: a capital "A" or "I" at the end is a label ("Plan A"). A preposition or
        # an auxiliary can end a short headline ("What they are fighting for"), so it counts
        # only on a long line or before stray whitespace.
        needs_more = last_word.islower() and (
            is_function_word(last_word)
            or _is_possessive(last_word)
            or (
                (end.trailing_space or len(words) >= MIN_WORDS_STRANDED)
                and is_stranded_word(last_word)
            )
        )
        if len(words) < MIN_WORDS and not (needs_more and end.trailing_space):
            return None
        if end.kind == "comma":
            return "the line stops on a comma"
        # The English word lists speak only for English lines; the share is computed last
        # because most lines never get this far.
        if needs_more:
            if english_share(words) >= MIN_ENGLISH_SHARE:
                return f'"{last_word}" cannot end a sentence'
        elif _is_cut_word(view, words, last_word) and english_share(words) >= MIN_ENGLISH_SHARE:
            return f'"{last_word}" is the start of a word'
        if end.trailing_space and len(words) >= MIN_WORDS_TRAILING_SPACE:
            return "the line stops on stray whitespace, without closing punctuation"
        if not (last_word.isalpha() and last_word.islower()):
            return None
        if _opens_like_running_text(words) and _between_paragraphs(view, start):
            return "a paragraph between two others stops without punctuation"
        if len(words) >= self.long_paragraph_words and english_share(words) >= MIN_ENGLISH_SHARE:
            last_sentence = _last_sentence_words(view, start, stop)
            if last_sentence is not None and last_sentence >= MIN_LAST_SENTENCE_WORDS:
                return "a long paragraph stops in the middle of its last sentence"
        return None


def _next_line(text: str, stop: int) -> str:
    """The text of the line after the one that ends at `stop`; "" after the last line."""
    end = text.find("\n", stop + 1)
    return text[stop + 1 : end if end != -1 else len(text)]


def _is_hard_wrapped(text: str, open_breaks: list[int] | None = None) -> bool:
    """Whether the whole text is wrapped at a fixed width (e-mail, plain-text archives): then a
    line running on into a capitalised name is no more cut than one running into "the"."""
    pairs = run_on_pairs(text, open_breaks)
    breaks = sum(1 for line, following in pairs if wrapped_break(line, following))
    return is_wrapped_throughout(breaks, text)


def _may_be_cut(end: LineEnd) -> bool:
    """A cheap first look: only a comma, stray whitespace, a lowercase word or a capitalised one
    (a lone letter, a word cut in two) at the end can be evidence; a line ending on a number or
    an acronym is left alone before any costlier test."""
    if end.kind == "comma" or end.trailing_space:
        return True
    word = end.last_word
    return word.islower() or (word[:1].isupper() and (len(word) == 1 or word[1:].islower()))


def _is_possessive(word: str) -> bool:
    """ "the company’s": a possessive (or a contracted "is") needs a word after it."""
    return word.endswith(("’s", "'s")) and word[:-2].isalpha()


def _is_cut_word(view: DocumentView, words: list[str], last_word: str) -> bool:
    """The line ends on part of a word: a single lowercase letter, or a capital one after a
    function word ("the surface of J", but not "plan B"); or a run of letters that is no word
    but begins one ("respons"), lowercase or capitalised after a function word ("the Centre for
    Disea"), and appears nowhere else in the document (a clipping such as "admin", or a name,
    would)."""
    if len(last_word) == 1:
        if not last_word.isalpha() or last_word in "aAiI":
            return False
        return last_word.islower() or _after_function_word(words)
    if len(last_word) < MIN_FRAGMENT_LETTERS or len(words) < MIN_FRAGMENT_LINE_WORDS:
        return False
    if last_word.islower():
        fragment = last_word
    elif last_word[0].isupper() and last_word[1:].islower() and _after_function_word(words):
        fragment = last_word.lower()
    else:
        return False
    return is_word_fragment(fragment) and view.word_counts[last_word] <= 1


def _after_function_word(words: list[str]) -> bool:
    before = words[-2]
    return before.islower() and needs_a_following_word(before)


def _opens_like_running_text(words: list[str]) -> bool:
    """Opens on a word that refers back to what came before ("This", "But", "However"), which a
    headline or subhead never does; long enough for a paragraph; no "Label: text" line."""
    if len(words) < MIN_BODY_WORDS or words[0].strip(OPENERS).lower() not in discourse_openers():
        return False
    if english_share(words) < MIN_BODY_ENGLISH_SHARE:
        return False
    return not any(w.endswith(":") for w in words[:LABEL_WORDS])


def _is_full_paragraph(line: str) -> bool:
    stripped = line.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL and len(line.split()) >= MIN_BODY_WORDS


def _between_paragraphs(view: DocumentView, start: int) -> bool:
    """Whether the nearest non-blank lines before and after the line starting at `start` are full
    paragraphs."""
    # Rarely asked (a long line opening like running text), so the view's lines may be built.
    lines = view.lines
    i = view.line_index(start)
    before = next((line for line in reversed(lines[max(0, i - 3) : i]) if not line.is_blank), None)
    after = next((line for line in lines[i + 1 : i + 4] if not line.is_blank), None)
    return (
        before is not None
        and after is not None
        and _is_full_paragraph(before.text)
        and _is_full_paragraph(after.text)
    )


def _start(sentence: Sentence) -> int:
    return sentence.start


def _last_sentence_words(view: DocumentView, start: int, stop: int) -> int | None:
    """Words in the last sentence of the line text[start:stop] if it holds more than one
    sentence, else None.

    A "sentence" that starts in lowercase follows an abbreviation the splitter did not know
    ("4 oz. cooked chicken"), so it does not count as a second sentence."""
    sentences = view.sentences
    first = bisect_left(sentences, start, key=_start)
    last = bisect_left(sentences, stop, key=_start) - 1
    if last <= first:
        return None
    sentence = sentences[last].text.lstrip(OPENERS)
    if not sentence[:1].isupper():
        return None
    return len(sentence.split())
