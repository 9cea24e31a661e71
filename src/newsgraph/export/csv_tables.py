"""The knowledge base as a folder of CSV tables, one file per table, UTF-8 with a header row.

`documents.csv` leaves out the full text and the stored contract object (use the `jsonl`
export for those); `events.csv` gains `source` and `target` columns with the entity ids from
`event_actors`, ";"-separated. Cells: empty for NULL, `true`/`false` for booleans, lists
";"-separated, objects as JSON, timestamps in ISO 8601.

>>> write_csv_tables(engine, Path("kb-csv"))           # doctest: +SKIP
[PosixPath('kb-csv/documents.csv'), PosixPath('kb-csv/entities.csv'), ...]
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table

from newsgraph.store import export_rows as rows
from newsgraph.store import schema as t

TABLES: tuple[Table, ...] = (
    t.documents,
    t.entities,
    t.mentions,
    t.roles,
    t.citations,
    t.time_expressions,
    t.event_clusters,
    t.events,
    t.quotes,
    t.relations,
    t.arms_transfers,
    t.deployments,
)
"""The tables written, in this order; `events` also carries its actors."""

_LEFT_OUT = {"documents": ("text", "extraction")}


def write_csv_tables(engine: Engine, folder: Path) -> list[Path]:
    """Write one CSV file per table of `TABLES` into `folder` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        exclude = _LEFT_OUT.get(table.name, ())
        header = [c.name for c in table.c if c.name not in exclude]
        table_rows = rows.table_rows(engine, table, exclude=exclude)
        if table is t.events:
            header += ["source", "target"]
            table_rows = _with_sides(rows.with_actors(engine, table_rows))
        path = folder / f"{table.name}.csv"
        write_csv(path, header, ([row[name] for name in header] for row in table_rows))
        written.append(path)
    return written


def _with_sides(events: Iterable[rows.Row]) -> Iterator[rows.Row]:
    for row in events:
        yield {**row, "source": row["actors"]["source"], "target": row["actors"]["target"]}


def write_csv(path: Path, header: Sequence[str], records: Iterable[Sequence[Any]]) -> None:
    """Write `header` and `records` to `path` as UTF-8 CSV, each value through `csv_cell`."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows([csv_cell(value) for value in record] for record in records)


def csv_cell(value: object) -> object:
    """A stored value as a CSV cell.

    >>> [csv_cell(v) for v in (None, True, ["state:RUS", "state:CHN"], {"age": 59}, 0.7)]
    ['', 'true', 'state:RUS;state:CHN', '{"age": 59}', 0.7]
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value
