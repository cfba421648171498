"""Parquet files (optional extra `scrapelint[parquet]`, via pyarrow): one document per row.

Rows are read in batches of the columns needed (text, id, source), so memory stays bounded by
the batch, not the file. A row's record number is its 1-based position in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from linter.document import Document
from linter.runner import InputProblem
from linter.sources.jsonl import Fields, make_document, record_id

BATCH_ROWS = 1024
MISSING_PYARROW = "reading Parquet needs pyarrow: pip install 'scrapelint[parquet]'"


def read_parquet(
    path: str, fields: Fields | None = None, handle: IO[bytes] | None = None
) -> Iterator[Document | InputProblem]:
    fields = fields or Fields()
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        yield InputProblem(path, MISSING_PYARROW)
        return
    try:
        parquet = pq.ParquetFile(handle if handle is not None else path)
    except FileNotFoundError:
        yield InputProblem(path, "no such file or directory")
        return
    except (OSError, pa.ArrowException) as exc:
        yield InputProblem(path, f"cannot read Parquet file: {exc}")
        return
    schema = parquet.schema_arrow
    if fields.text not in schema.names:
        columns = ", ".join(schema.names) or "none"
        yield InputProblem(path, f"no column '{fields.text}' (columns: {columns})")
        return
    text_type = schema.field(fields.text).type
    if not (pa.types.is_string(text_type) or pa.types.is_large_string(text_type)):
        yield InputProblem(path, f"column '{fields.text}' holds {text_type}, not strings")
        return
    wanted = [name for name in (fields.text, fields.id, fields.source) if name in schema.names]
    number = 0
    try:
        columns = list(dict.fromkeys(wanted))
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            for row in batch.to_pylist():
                number += 1
                yield from make_document(
                    row, path, number, record_id(row.get(fields.id), number), fields
                )
    except (OSError, pa.ArrowException) as exc:
        yield InputProblem(
            path,
            f"cannot read after row {number}: {exc}; the rest of the file is skipped",
            record=number + 1,
        )
