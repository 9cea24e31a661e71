"""An analyst's correction of an actor's country or sector, and how countries improve on ingest.

A correction is kept in `entity_corrections`, apart from the entity row, so it applies again
when the documents naming the actor are removed and ingested anew (the writer calls
`apply_corrections` for every entity it inserts). It sets the entity's country (its
`country_basis` becomes "analyst") and its `sector` attribute, and recodes its CAMEO agent
and actor code, so exports and the web show the corrected code.

Without a correction, an entity row keeps the country of the first document that named it;
a later document that states the country (rather than inferring it from what the document
is about, `country_basis` "document", or learned from the story, "context") replaces an
inferred or missing one (`improve_countries`).

>>> record_correction(engine, "person:tima-kurdi", country="CAN", sector="CVL")  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, update

from newsgraph.errors import CurationError
from newsgraph.models import (
    COUNTRY_BASIS,
    COUNTRY_CONFIDENCE,
    INFERRED_COUNTRY_BASES,
    CountryBasis,
)
from newsgraph.store import schema as t

_ISO3 = re.compile(r"^[A-Z]{3}$")
_CORRECTIONS = select(t.entity_corrections).where(
    t.entity_corrections.c.entity_id.in_(bindparam("ids", expanding=True))
)
_STORED = select(t.entities.c.id, t.entities.c.country, t.entities.c.attributes).where(
    t.entities.c.id.in_(bindparam("ids", expanding=True))
)


def record_correction(
    engine: Engine,
    entity_id: str,
    *,
    country: str | None = None,
    sector: str | None = None,
    note: str | None = None,
) -> None:
    """Record an analyst's country and/or sector for an actor and apply it now, atomically.
    A field not given keeps an earlier correction's value. Raises CurationError (one line,
    nothing changed) for an unknown entity, a code that is not a country or an agent type,
    or neither given."""
    country, sector = _checked(country, sector)
    with engine.begin() as connection:
        if connection.execute(_STORED, {"ids": [entity_id]}).first() is None:
            raise CurationError(
                f"no entity {entity_id!r} in the knowledge base (see `newsgraph actors`)"
            )
        earlier = corrections(connection, [entity_id]).get(entity_id, {})
        values = {
            "country": country or earlier.get("country"),
            "sector": sector or earlier.get("sector"),
            "note": note or earlier.get("note"),
            "created_at": datetime.now(UTC),
        }
        table = t.entity_corrections
        if earlier:
            connection.execute(update(table).where(table.c.entity_id == entity_id).values(values))
        else:
            connection.execute(table.insert().values(entity_id=entity_id, **values))
        apply_corrections(connection, [entity_id])


def corrections(connection: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The recorded corrections of these entities, by id."""
    wanted = list(ids)
    if not wanted:
        return {}
    rows = connection.execute(_CORRECTIONS, {"ids": wanted})
    return {row.entity_id: dict(row._mapping) for row in rows}


def apply_corrections(connection: Connection, ids: Iterable[str]) -> None:
    """Set the stored country and sector of those of these entities an analyst corrected."""
    from newsgraph.coding import code_actor  # the lexicon, only when a correction applies

    found = corrections(connection, ids)
    if not found:
        return
    for row in connection.execute(select(t.entities).where(t.entities.c.id.in_(list(found)))):
        fix = found[row.id]
        attributes = dict(row.attributes or {})
        country = fix["country"] or row.country
        if fix["country"]:
            attributes[COUNTRY_BASIS] = CountryBasis.ANALYST.value
        if fix["sector"]:
            attributes["sector"] = fix["sector"]
        titles = list(
            connection.scalars(select(t.roles.c.title).where(t.roles.c.entity_id == row.id))
        )
        coded = code_actor(row.id, row.type, country, attributes, titles, name=row.name)
        attributes.update({k: v for k, v in (("agent", coded.agent), ("cameo", coded.code)) if v})
        connection.execute(
            update(t.entities)
            .where(t.entities.c.id == row.id)
            .values(country=country, attributes=attributes)
        )


def improve_countries(connection: Connection, rows: Mapping[str, Mapping[str, Any]]) -> None:
    """Stored entities among `rows` (id -> the row this document would write) whose country
    is missing or was inferred from a document take the country this document states, with
    its codes; an analyst's country is never replaced."""
    # a gazetteer entity's stored country is the gazetteer's already: only the others are read
    stating = {
        key: row
        for key, row in rows.items()
        if row["country"]
        and not row["known"]
        and (row["attributes"] or {}).get(COUNTRY_BASIS) not in INFERRED_COUNTRY_BASES
    }
    if not stating:
        return
    for stored in connection.execute(_STORED, {"ids": list(stating)}):
        attributes = dict(stored.attributes or {})
        basis = attributes.get(COUNTRY_BASIS)
        if stored.country and basis not in INFERRED_COUNTRY_BASES:
            continue  # stated, looked up or corrected already
        new = stating[stored.id]
        attributes.pop(COUNTRY_BASIS, None)
        attributes.pop(COUNTRY_CONFIDENCE, None)  # a learned guess's, now replaced
        attributes.update(
            {k: v for k, v in (new["attributes"] or {}).items() if k in {"agent", "cameo"}}
        )
        connection.execute(
            update(t.entities)
            .where(t.entities.c.id == stored.id)
            .values(country=new["country"], attributes=attributes)
        )


def _checked(country: str | None, sector: str | None) -> tuple[str | None, str | None]:
    if not country and not sector:
        raise CurationError("a correction needs --country or --sector (or both)")
    if country:
        country = country.strip().upper()
        if not _ISO3.match(country) or country not in _countries():
            raise CurationError(
                f"{country!r} is not a country code: use ISO 3166 alpha-3 (RUS, USA, VEN)"
            )
    if sector:
        sector = sector.strip().upper()
        if sector not in _agents():
            raise CurationError(
                f"{sector!r} is not a sector: use a CAMEO agent type ({', '.join(_agents())})"
            )
    return country, sector


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from newsgraph.lexicon.gazetteer import load_gazetteer

    return frozenset(e.country for e in load_gazetteer().entries.values() if e.country)


@lru_cache(maxsize=1)
def _agents() -> tuple[str, ...]:
    from newsgraph.gold.compile import ontology

    return tuple(ontology()["agents"])
