"""Markdown files: one document each, with the parts that are not prose blanked out.

Front matter (YAML between `---` lines, TOML between `+++` lines, at the very top) and fenced
code blocks (``` or ~~~, CommonMark rules: up to three spaces of indent, a closing fence of the
same character at least as long; an unclosed fence runs to the end) are replaced by spaces,
character for character. Every offset, line and column of the prose is therefore the same as in
the file, and the blanked lines read as blank lines, so they also separate paragraphs.
`Document.meta["original_text"]` keeps the unblanked text for writers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.document import Document
from linter.runner import InputProblem
from linter.sources.text import read_bytes, text_documents

FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
FRONT_MATTER_CLOSE = {"---": ("---", "..."), "+++": ("+++",)}


def masked_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of front matter and fenced code, whole lines each."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    spans: list[tuple[int, int]] = []
    i = 0
    opener = lines[0].rstrip() if lines else ""
    if opener in FRONT_MATTER_CLOSE:
        for j in range(1, len(lines)):
            if lines[j].rstrip() in FRONT_MATTER_CLOSE[opener]:
                spans.append((0, starts[j] + len(lines[j])))
                i = j + 1
                break
    while i < len(lines):
        match = FENCE_RE.match(lines[i])
        # A backtick fence's info string may not contain a backtick (CommonMark 4.5).
        if match is None or (match.group(1)[0] == "`" and "`" in match.group(2)):
            i += 1
            continue
        fence = match.group(1)
        j = i + 1
        while j < len(lines):
            close = FENCE_RE.match(lines[j])
            if (
                close is not None
                and close.group(1)[0] == fence[0]
                and len(close.group(1)) >= len(fence)
                and not close.group(2).strip()
            ):
                break
            j += 1
        last = min(j, len(lines) - 1)
        spans.append((starts[i], starts[last] + len(lines[last])))
        i = last + 1
    return spans


def mask(text: str) -> str:
    """`text` with front matter and fenced code replaced by spaces (line breaks kept)."""
    spans = masked_spans(text)
    if not spans:
        return text
    pieces = []
    previous = 0
    for start, end in spans:
        pieces.append(text[previous:start])
        pieces.append(re.sub(r"[^\n]", " ", text[start:end]))
        previous = end
    pieces.append(text[previous:])
    return "".join(pieces)


def markdown_documents(data: bytes, path: str) -> Iterator[Document | InputProblem]:
    for item in text_documents(data, path, kind="markdown"):
        if isinstance(item, Document):
            masked = mask(item.text)
            if masked != item.text:
                item.meta["original_text"] = item.text
                item.text = masked
        yield item


def read_markdown(path: str) -> Iterator[Document | InputProblem]:
    data = read_bytes(path)
    if isinstance(data, InputProblem):
        yield data
        return
    yield from markdown_documents(data, path)
