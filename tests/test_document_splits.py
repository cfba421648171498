"""DocumentView's shared splits: lines, paragraphs, non-blank lines and sentences, with offsets.

The splits are built with whole-text scans for speed; `_reference_*` below are the plain
line-by-line definitions they must agree with, checked on tables of tricky texts and on many
random ones.
"""

from __future__ import annotations

import random

import pytest

from linter.document import (
    ABBREVIATIONS,
    Document,
    DocumentView,
    Line,
    Paragraph,
    Sentence,
)


def view(text: str) -> DocumentView:
    return DocumentView(Document("t", text))


SENTENCES = [
    ("", []),
    ("   \n\t\n", []),
    ("One. Two", [(0, 4, "One."), (5, 8, "Two")]),
    ("  Lead and trail.  ", [(2, 17, "Lead and trail.")]),
    ("Mr. Smith went. He left.", [(0, 15, "Mr. Smith went."), (16, 24, "He left.")]),
    ("W. M. Keck paid. Yes", [(0, 16, "W. M. Keck paid."), (17, 20, "Yes")]),
    ("In the U.S. Army now.", [(0, 21, "In the U.S. Army now.")]),
    ('He said "go." Then left', [(0, 13, 'He said "go."'), (14, 23, "Then left")]),
    ("Why? (Because.) Fine!", [(0, 4, "Why?"), (5, 15, "(Because.)"), (16, 21, "Fine!")]),
    ("Wait… what", [(0, 5, "Wait…"), (6, 10, "what")]),
    ("ends the line.\nNext one", [(0, 14, "ends the line."), (15, 23, "Next one")]),
    # A line break ends a sentence even after an abbreviation or without punctuation.
    ("see Dr.\nWho", [(0, 7, "see Dr."), (8, 11, "Who")]),
    # A full stop before a lower-case word or a digit glued to it does not split.
    ("1 tsp.olive oil. ok", [(0, 16, "1 tsp.olive oil."), (17, 19, "ok")]),
    ("Approx. 5 km", [(0, 12, "Approx. 5 km")]),
    ("A dog.\u00a0The cat", [(0, 6, "A dog."), (7, 14, "The cat")]),
    ("tab\tend. \r\nnext", [(0, 8, "tab\tend."), (11, 15, "next")]),
    ("\n\n  First.\n\n\n  Second.  \n", [(4, 10, "First."), (15, 22, "Second.")]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences(text: str, expected: list[tuple[int, int, str]]) -> None:
    sentences = view(text).sentences
    assert sentences == [Sentence(*s) for s in expected]
    assert all(type(s) is Sentence for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)


PARAGRAPHS = [
    ("", []),
    ("\n \n", []),
    ("a", [(0, 1, 0, 0)]),
    ("a\nb\n\nc", [(0, 3, 0, 1), (5, 6, 3, 3)]),
    ("\n  a \n\t\nb\n", [(1, 5, 1, 1), (8, 9, 3, 3)]),
    ("a\n\u00a0\nb", [(0, 1, 0, 0), (4, 5, 2, 2)]),  # a no-break space alone is blank
    ("a\n\x0c\nb\n\n", [(0, 1, 0, 0), (4, 5, 2, 2)]),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPHS)
def test_paragraphs(text: str, expected: list[tuple[int, int, int, int]]) -> None:
    paragraphs = view(text).paragraphs
    assert paragraphs == [Paragraph(*p) for p in expected]
    assert all(type(p) is Paragraph for p in paragraphs)


LINES = [
    ("", [(1, 0, 0, "")]),
    ("a\n", [(1, 0, 1, "a"), (2, 2, 2, "")]),
    ("ab\n\ncd ", [(1, 0, 2, "ab"), (2, 3, 3, ""), (3, 4, 7, "cd ")]),
    ("x\ry\u2028z", [(1, 0, 5, "x\ry\u2028z")]),  # only "\n" breaks a line
]


@pytest.mark.parametrize(("text", "expected"), LINES)
def test_lines(text: str, expected: list[tuple[int, int, int, str]]) -> None:
    v = view(text)
    assert v.lines == [Line(*line) for line in expected]
    assert all(type(line) is Line for line in v.lines)
    assert v.line_starts == [line[1] for line in expected]
    assert v.nonblank_lines == [Line(*line) for line in expected if line[3].strip()]
    assert v.line_texts == [line[3] for line in expected]
    assert v.nonblank_indices == [i for i, line in enumerate(expected) if line[3].strip()]
    # One line on its own, before and after the view has built all of them: the same Line.
    fresh = view(text)
    assert [fresh.line(i) for i in range(len(expected))] == v.lines
    assert fresh.line(-1) == v.lines[-1] and fresh.computed("lines") is None
    assert [v.line(i) for i in range(len(expected))] == v.lines


# -- the plain definitions, one line at a time -----------------------------------------------

_STOPS = "[.!?…]+[\"'”’)\\]]*(?=\\s+[\"'“‘(\\[]?[\\w•\\-–—])"


def _reference_lines(text: str) -> list[Line]:
    lines, start = [], 0
    for number, part in enumerate(text.split("\n"), 1):
        lines.append(Line(number, start, start + len(part), part))
        start += len(part) + 1
    return lines


def _reference_paragraphs(lines: list[Line]) -> list[Paragraph]:
    paragraphs, first = [], None
    for i, line in enumerate([*lines, Line(0, 0, 0, "")]):
        if line.is_blank and first is not None:
            paragraphs.append(Paragraph(lines[first].start, lines[i - 1].end, first, i - 1))
            first = None
        elif not line.is_blank and first is None:
            first = i
    return paragraphs


def _reference_abbreviation(text: str, start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    i = dot
    while i > start and not text[i - 1].isspace() and text[i - 1] not in "(\"'“‘":
        i -= 1
    word = text[i:dot]
    return bool(word) and ((len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATIONS)


def _reference_sentences(text: str, lines: list[Line]) -> list[Sentence]:
    import re

    stops = re.compile(_STOPS)
    sentences = []
    for line in lines:
        start = line.start
        while start < line.end and text[start].isspace():
            start += 1
        for match in stops.finditer(text, start, line.end):
            if _reference_abbreviation(text, start, match.start()):
                continue
            sentences.append(Sentence(start, match.end(), text[start : match.end()]))
            start = match.end()
            while start < line.end and text[start].isspace():
                start += 1
        end = line.end
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            sentences.append(Sentence(start, end, text[start:end]))
    return sentences


PIECES = [
    *"aZ .!?…\"'”’)]([“‘-–—•_9\n\n \t\r\x0c\x85\u2028\u00a0\u212aİé",
    "Mr.",
    "Dr. ",
    "W. ",
    "U.S. ",
    "e.g. ",
    "approx.",
    "Approximately.",
    "fed.",
    "bES.",
    " sun.",
    "x.",
    "\n\n",
    "  \n",
    ". The",
]


def test_splits_agree_with_line_by_line_definitions_on_random_texts() -> None:
    rng = random.Random(20261127)
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))
        v = view(text)
        lines = _reference_lines(text)
        assert v.lines == lines, text
        assert v.line_starts == [line.start for line in lines], text
        assert v.nonblank_lines == [line for line in lines if not line.is_blank], text
        assert [view(text).line(i) for i in range(len(lines))] == lines, text
        assert v.paragraphs == _reference_paragraphs(lines), text
        assert v.sentences == _reference_sentences(text, lines), text
        assert v.utf8 == text.encode("utf-8", "surrogatepass"), text


def test_shared_work_is_computed_once_per_view_and_kept_even_when_empty() -> None:
    calls: list[str] = []

    def lines_with_x(v: DocumentView) -> list[int]:
        calls.append(v.text)
        return [i for i, text in enumerate(v.line_texts) if "x" in text]

    first, second = view("ab\ncd"), view("xy\nab\nx")
    assert first.shared("x", lines_with_x) == []
    assert first.shared("x", lines_with_x) == []
    assert second.shared("x", lines_with_x) == [0, 2]
    assert second.shared("other", lambda v: len(v.text)) == 7
    assert calls == ["ab\ncd", "xy\nab\nx"]


def test_computed_gives_a_split_only_once_a_rule_has_asked_for_it() -> None:
    v = view("One sentence. Two sentences.")
    assert v.computed("sentences") is None and v.computed("word_counts") is None
    sentences = v.sentences
    assert v.computed("sentences") is sentences
    assert v.computed("word_counts") is None
