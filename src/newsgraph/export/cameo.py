"""The events as a GDELT-style CAMEO table: tab-separated, one row per (Actor1, Actor2) pair of
each event, with GDELT's column names first and newsgraph's provenance after them.

    GlobalEventID  Day       ... Actor1Code  Actor1Name  ... EventCode  EventRootCode  QuadClass
    doc_8ffc…:e2:0 20190501  ... RUSGOV      Sergei Lavrov   036        03             1

- Actor codes come from coding.py (the same coding as the JSON contract's `coded` sides and
  the evaluations): country (ISO 3166 alpha-3), IGO or IMG, then the agent type
  ("RUSGOV", "USAMIL", "SYRREB"; "REB" for "insurgents").
- Pairs follow CAMEO: every source with every target; "A, B and C met" pairs each with the
  others; a consultation, protest or show of force without a target takes its place as
  Actor2 (`Actor2IsPlace` = 1), as PETRARCH codes "protested in Beijing".
- `GoldsteinScale` is the public CAMEO weight (lexicon/cameo_goldstein.tsv); `QuadClass` 1
  verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
- `Day` is YYYYMMDD when the event's date is a day; `MonthYear`/`Year` are filled from a
  month or a year alone.
- Every event is written, with `Modality`, `Negated` and `Confidence` so hypothetical,
  denied or doubted events can be filtered (GDELT has no such columns: drop those rows to
  match GDELT's assertion-only convention).

>>> write_cameo(engine, Path("events.tsv"))            # doctest: +SKIP
[PosixPath('events.tsv')]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from newsgraph.coding import Coded, cameo_pairs, code_actor, quad_class, side_codes
from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.models import CodedSide
from newsgraph.store import export_rows as rows
from newsgraph.store import schema as t

GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumArticles", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
    "ActionGeo_Long", "SOURCEURL",
)  # fmt: skip
NEWSGRAPH_COLUMNS = (
    "EventId", "DocumentId", "Outlet", "PloverType", "PloverMode", "Modality", "Negated",
    "Confidence", "Actor1Entity", "Actor2Entity", "Actor2IsPlace", "Evidence",
)  # fmt: skip
COLUMNS = GDELT_COLUMNS + NEWSGRAPH_COLUMNS
_KNOWN_GROUPS = {"IGO", "IMG"}
_WEEK_OR_QUARTER = re.compile(r"^\d{4}-[WQ]\d")


def write_cameo(engine: Engine, path: Path) -> list[Path]:
    """Write the CAMEO table of every event to `path`."""
    entities = rows.entities(engine)
    coded = coded_entities(engine, entities)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for event in rows.events(engine):
            for row in cameo_rows(event, event["actors"], entities, coded):
                writer.writerow([_cell(row.get(c)) for c in COLUMNS])
    return [path]


def cameo_rows(
    event: rows.Row,
    sides: Mapping[str, list[str]],
    entities: Mapping[str, rows.Row],
    coded: Mapping[str, Coded],
) -> Iterator[dict[str, Any]]:
    """The table rows of one event (from `rows.events`), one per actor pair."""
    coded_sides = _coded_sides(event, sides, coded)
    place = _place(event, entities, coded)
    cameo = event["cameo"] or ""
    pairs = cameo_pairs(coded_sides, root=cameo[:2], mutual=bool(event["mutual"]), place=place)
    for number, (first, second) in enumerate(pairs):
        row = {
            "GlobalEventID": f"{event['id']}:{number}",
            **_dates(event["date"]),
            **_actor("Actor1", first, event, entities),
            **_actor("Actor2", second, event, entities),
            "IsRootEvent": 1,
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": quad_class(cameo),
            "GoldsteinScale": goldstein(cameo),
            "NumArticles": event["reports"],
            **_geo(event["location"], entities),
            "SOURCEURL": event["url"],
            "EventId": event["id"],
            "DocumentId": event["document_id"],
            "Outlet": event["outlet"],
            "PloverType": event["type"],
            "PloverMode": event["mode"],
            "Modality": event["modality"],
            "Negated": int(bool(event["negated"])),
            "Confidence": event["confidence"],
            "Actor1Entity": first.entity if first else None,
            "Actor2Entity": second.entity if second else None,
            "Actor2IsPlace": int(second is not None and second is place),
            "Evidence": event["evidence_text"],
        }
        yield row


def goldstein(cameo: str) -> float | None:
    """The Goldstein weight of a CAMEO code, or of its base code or root when not listed."""
    scale = _goldstein_scale()
    for size in (4, 3, 2):
        if len(cameo) >= size and cameo[:size] in scale:
            return scale[cameo[:size]]
    return None


@lru_cache(maxsize=1)
def _goldstein_scale() -> dict[str, float]:
    text = resources.files("newsgraph.lexicon").joinpath("cameo_goldstein.tsv").read_text("utf-8")
    scale = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("CAMEO"):
            continue
        code, value = line.split("\t")
        scale[code] = float(value)
    return scale


def coded_entities(engine: Engine, entities: Mapping[str, rows.Row]) -> dict[str, Coded]:
    """Every entity's code from what the knowledge base stores now (after any curation)."""
    titles: dict[str, list[str]] = {}
    for role in rows.table_rows(engine, t.roles):
        titles.setdefault(role["entity_id"], []).append(role["title"])
    codes = load_lexicon().actor_codes
    return {
        entity_id: code_actor(
            entity_id,
            row["type"],
            row["country"],
            row["attributes"] or {},
            titles.get(entity_id, ()),
            codes,
            name=row["name"],
        )
        for entity_id, row in entities.items()
    }


def _coded_sides(
    event: rows.Row, sides: Mapping[str, list[str]], coded: Mapping[str, Coded]
) -> list[CodedSide]:
    return [
        side
        for role in ("source", "target")
        for side in side_codes(role, sides[role], event.get(f"{role}_agent_code"), coded)
    ]


def _place(
    event: rows.Row, entities: Mapping[str, rows.Row], coded: Mapping[str, Coded]
) -> CodedSide | None:
    location = event["location"]
    if not location or location not in entities:
        return None
    found = coded.get(location)
    return CodedSide("target", location, found.prefix if found else None, None)


def _actor(
    column: str, side: CodedSide | None, event: rows.Row, entities: Mapping[str, rows.Row]
) -> dict[str, Any]:
    if side is None:
        return {}
    role = "source" if column == "Actor1" else "target"
    if side.entity is not None:
        name = entities.get(side.entity, {}).get("name", side.entity)
    else:
        name = event.get(f"{role}_agent")
    prefix = side.prefix
    return {
        f"{column}Code": side.code,
        f"{column}Name": name,
        f"{column}CountryCode": prefix if prefix not in _KNOWN_GROUPS else None,
        f"{column}KnownGroupCode": prefix if prefix in _KNOWN_GROUPS else None,
        f"{column}Type1Code": side.agent,
    }


def _dates(value: str | None) -> dict[str, Any]:
    """GDELT's Day, MonthYear and Year, each filled when the date is that precise: a day
    fills all three, a week within one month fills MonthYear and Year, a decade none."""
    bounds = rows.date_bounds(value)
    if bounds is None:
        # a week or quarter ("2019-W18", "2019-Q2") lies within its year
        return {"Year": int(value[:4])} if value and _WEEK_OR_QUARTER.match(value) else {}
    first, last = bounds
    out: dict[str, Any] = {}
    if first.year == last.year:
        out["Year"] = first.year
        if first.month == last.month:
            out["MonthYear"] = first.year * 100 + first.month
            if first == last:
                out["Day"] = int(first.strftime("%Y%m%d"))
    return out


def _geo(location: str | None, entities: Mapping[str, rows.Row]) -> dict[str, Any]:
    entity = entities.get(location or "")
    if entity is None:
        return {}
    attributes = entity.get("attributes") or {}
    return {
        "ActionGeo_FullName": entity["name"],
        "ActionGeo_CountryCode": entity["country"],
        "ActionGeo_Lat": attributes.get("latitude"),
        "ActionGeo_Long": attributes.get("longitude"),
    }


def _cell(value: Any) -> str:
    """Tabs and line breaks inside a value would break the table: they become spaces."""
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)
