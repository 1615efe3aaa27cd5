"""Tables out of the store as CSV or Parquet, streamed in Arrow batches (constant memory).

CSV is for spreadsheets: list and struct columns become JSON text and timestamps ISO 8601 (UTC,
``Z``). Parquet keeps every column's own type.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Protocol

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from newstide.errors import AnalysisInputError

#: Formats `export_tables` writes.
TABLE_FORMATS = ("csv", "parquet")

#: Tables written when the output is a folder, in this order.
EXPORT_TABLES = (
    "articles", "sentences", "entities", "mentions", "roles", "interactions", "summaries",
    "failures",
)  # fmt: skip

_BATCH_ROWS = 50_000


class _HasConnection(Protocol):
    con: duckdb.DuckDBPyConnection


def export_tables(
    store: _HasConnection,
    fmt: str,
    output: str | os.PathLike[str] | None = None,
    *,
    stdout: IO[bytes] | None = None,
) -> list[Path]:
    """Write the ``articles`` table to a file, or every table into a folder.

    Args:
        store: An open `Store`.
        fmt: ``csv`` or ``parquet``.
        output: A file (the articles), or a folder (an existing one, or a path ending with a
            separator: one file per table). ``None`` writes CSV articles to standard output.
        stdout: Where ``None`` writes (default: ``sys.stdout.buffer``).

    Returns:
        The files written.

    Raises:
        AnalysisInputError: An unknown format, or Parquet with no output path.
    """
    if fmt not in TABLE_FORMATS:
        raise AnalysisInputError(
            f"unknown format {fmt!r}", f"use one of: {', '.join(TABLE_FORMATS)}"
        )
    if output is None:
        if fmt != "csv":
            raise AnalysisInputError(
                "Parquet needs a file to write to", "pass --output FILE.parquet or --output DIR/"
            )
        _write(store, "articles", fmt, stdout or sys.stdout.buffer)
        return []
    target = Path(output)
    if target.is_dir() or str(output).endswith((os.sep, "/")):
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for table in EXPORT_TABLES:
            path = target / f"{table}.{fmt}"
            with path.open("wb") as sink:
                _write(store, table, fmt, sink)
            written.append(path)
        return written
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as sink:
        _write(store, "articles", fmt, sink)
    return [target]


def _columns(store: _HasConnection, table: str, fmt: str) -> str:
    """The select list: every column, made CSV-friendly when writing CSV."""
    described = store.con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    parts = []
    for name, kind in described:
        quoted = '"' + str(name).replace('"', '""') + '"'
        kind = str(kind).upper()
        if fmt == "csv" and ("[]" in kind or kind.startswith(("STRUCT", "MAP", "LIST"))):
            parts.append(f"CAST(to_json({quoted}) AS VARCHAR) AS {quoted}")
        elif fmt == "csv" and kind.startswith("TIMESTAMP"):
            parts.append(f"strftime({quoted}, '%Y-%m-%dT%H:%M:%SZ') AS {quoted}")
        else:
            parts.append(quoted)
    return ", ".join(parts)


def _write(store: _HasConnection, table: str, fmt: str, sink: IO[bytes]) -> None:
    if table not in EXPORT_TABLES:  # table names are formatted into SQL: only known ones
        raise AnalysisInputError(f"unknown table {table!r}")
    order = "ORDER BY published NULLS LAST, id" if table == "articles" else ""
    cursor = store.con.cursor()
    try:
        reader = cursor.sql(
            f"SELECT {_columns(store, table, fmt)} FROM {table} {order}"
        ).to_arrow_reader(_BATCH_ROWS)
        writer: pa_csv.CSVWriter | pq.ParquetWriter
        if fmt == "csv":
            writer = pa_csv.CSVWriter(sink, reader.schema)
        else:
            writer = pq.ParquetWriter(sink, reader.schema)
        with writer:
            for batch in reader:
                writer.write_table(pa.Table.from_batches([batch], reader.schema))
    finally:
        cursor.close()
