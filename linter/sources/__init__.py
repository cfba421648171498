"""Inputs: turn paths into a stream of Documents. (Minimal bootstrap; the engine issue fills it in.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from linter.document import Document


def iter_documents(
    paths: list[str], text_field: str = "text", id_field: str = "id"
) -> Iterator[Document]:
    for path in paths:
        p = Path(path)
        if p.suffix in (".jsonl", ".ndjson"):
            with p.open(encoding="utf-8") as fh:
                for number, raw in enumerate(fh, 1):
                    if not raw.strip():
                        continue
                    record = json.loads(raw)
                    doc_id = record.get(id_field)
                    yield Document(
                        path=path,
                        text=record[text_field],
                        doc_id=str(doc_id) if doc_id is not None else str(number),
                        record=number,
                    )
        else:
            text = p.read_text(encoding="utf-8").replace("\r\n", "\n")
            yield Document(path=path, text=text)
