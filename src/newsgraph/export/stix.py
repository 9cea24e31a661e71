"""The knowledge base as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP).

How newsgraph maps onto STIX (STIX has no object for a state or a weapon, so these are choices):

    person                          identity, identity_class "individual"
    organization / media            identity "organization" (media: sector "communications")
    armed_force                     identity "organization", sector "defense"
    group                           identity "group"
    state                           identity "organization", sector "government-national": the
                                    actor in relationships; plus a location (country = ISO
                                    alpha-2) and a "located-at" relationship between the two
    place                           location with its country (left out when it has none: STIX
                                    requires a country, region or coordinates)
    weapon                          infrastructure: STIX's "physical resources intended to
                                    support some purpose" (tool is for software only)
    document                        report: name = title, published = publication date (else
                                    ingest time), object_refs = the entities it mentions and
                                    the facts read from it, external reference to its url
    event, source and target known  relationship per (source, target); relationship_type = the
                                    PLOVER type lower-cased ("assault"); start_time/stop_time
                                    span its date; labels "modality:…", "cameo:…"
    event missing an actor, or      note about the actors it has (abstract "ASSAULT" or
    negated ("did not attack")      "not ASSAULT"), content = the sentence
    alignment                       relationship "supports", "recognizes", "loyal-to"…
                                    (negated: a note), start/stop from valid_from/valid_until

Every fact carries its evidence sentence as description (or note content), its confidence
(0-100) and an external reference `{source_name: "newsgraph", external_id: <our id>}`. Ids are
uuid5 of our ids in a fixed namespace, and timestamps come from the knowledge base (ingest
times), so exporting the same knowledge base twice gives the same bundle.

>>> write_stix(engine, Path("kb.stix.json"))           # doctest: +SKIP
[PosixPath('kb.stix.json')]
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from pathlib import Path
from typing import Any, Generic, TypeVar

import pycountry
import stix2
from sqlalchemy import Engine, func, select

from newsgraph.store import export_rows as rows
from newsgraph.store import schema as t

T = TypeVar("T")

NAMESPACE = uuid.UUID("68ebb3f6-a7e0-48e8-a9c1-6354f535ee65")
"""Namespace of our uuid5 STIX ids: never change it, or every id changes."""

IDENTITIES: dict[str, tuple[str, list[str]]] = {
    "person": ("individual", []),
    "organization": ("organization", []),
    "media": ("organization", ["communications"]),
    "armed_force": ("organization", ["defense"]),
    "group": ("group", []),
    "state": ("organization", ["government-national"]),
}
"""Entity type -> (identity_class, sectors)."""


def write_stix(engine: Engine, path: Path) -> list[Path]:
    """Write the knowledge base to `path` as one STIX 2.1 bundle, streamed object by object.

    stix2's own pretty-printer reorders keys in time that grows faster than the bundle (minutes
    for a few hundred articles); each object is serialised on its own instead (the library's
    key order kept) and the bundle's frame is written around them, in time linear in the KB.
    Objects are made as they are written, a document at a time: memory follows the entities
    (each one's STIX id is kept), not the facts.
    """
    bundle_id, objects = bundle_objects(engine)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '{\n    "type": "bundle",\n    "id": ' + json.dumps(bundle_id) + ',\n    "objects": ['
        )
        for index, item in enumerate(objects):
            body = json.dumps(json.loads(item.serialize()), indent=4, ensure_ascii=False)
            out.write(("," if index else "") + "\n        " + body.replace("\n", "\n        "))
        out.write("\n    ]\n}\n")
    return [path]


def build_bundle(engine: Engine) -> stix2.Bundle:
    """The STIX 2.1 bundle of the whole knowledge base (see the module docstring), in memory."""
    bundle_id, objects = bundle_objects(engine)
    return stix2.Bundle(objects=list(objects), id=bundle_id)


def bundle_objects(engine: Engine) -> tuple[str, Iterator[Any]]:
    """The bundle's id and its objects, in a stable order: every entity's, then each
    document's facts and report, in ingest order."""
    key = ",".join(rows.document_ids(engine))
    return stix_id("bundle", key), _objects(engine)


def _objects(engine: Engine) -> Iterator[Any]:
    with engine.connect() as connection:
        first = connection.scalar(select(func.min(t.documents.c.ingested_at)))
    epoch = _utc(first) if first else datetime(1970, 1, 1, tzinfo=UTC)
    refs: dict[str, str] = {}  # our entity id -> the STIX object that stands for it
    for entity in rows.table_rows(engine, t.entities):
        made = entity_objects(entity, epoch)
        if made:
            refs[entity["id"]] = made[0].id
            yield from made
    events = _ByDocument(rows.events(engine), lambda e: e["document_id"])
    relations = _ByDocument(rows.relations(engine), lambda r: r["document_id"])
    mentions = _ByDocument(rows.mentioned(engine), lambda pair: pair[0])
    for document in rows.documents(engine):
        created = _utc(document["ingested_at"])
        found = [o for e in events.take(document["id"]) for o in _event_objects(e, refs, created)]
        for relation in relations.take(document["id"]):
            found += _relation_objects(relation, refs, created)
        yield from found
        named = {
            refs[entity_id] for _, entity_id in mentions.take(document["id"]) if entity_id in refs
        }
        object_refs = sorted(named) + [f.id for f in found]
        if object_refs:  # STIX requires a report to refer to something
            yield _report(document, object_refs, created)


class _ByDocument(Generic[T]):
    """A stream of rows in document (ingest) order, taken a document at a time while the
    documents are walked in the same order."""

    def __init__(self, stream: Iterator[T], document_of: Callable[[T], str]) -> None:
        self._groups = groupby(stream, document_of)
        self._next = next(self._groups, None)

    def take(self, document_id: str) -> list[T]:
        """The rows of this document ([] when it has none)."""
        if self._next is None or self._next[0] != document_id:
            return []
        found = list(self._next[1])
        self._next = next(self._groups, None)
        return found


def stix_id(stix_type: str, key: str) -> str:
    """A stable STIX id for one of our ids.

    >>> stix_id("identity", "state:RUS")
    'identity--2bf41ef8-1e11-5797-bfea-d701217e4a31'
    """
    return f"{stix_type}--{uuid.uuid5(NAMESPACE, key)}"


def entity_objects(entity: rows.Row, created: datetime) -> list[Any]:
    """The STIX objects for one entity, the one that stands for it first; [] if none fits."""
    entity_id, name = entity["id"], entity["name"]
    common = {"created": created, "modified": created, "external_references": [_ours(entity_id)]}
    alpha2 = _alpha2(entity["country"])
    if entity["type"] in IDENTITIES:
        identity_class, sectors = IDENTITIES[entity["type"]]
        identity = stix2.Identity(
            id=stix_id("identity", entity_id),
            name=name,
            identity_class=identity_class,
            sectors=sectors or None,
            **common,
        )
        if entity["type"] != "state" or alpha2 is None:
            return [identity]
        location = stix2.Location(
            id=stix_id("location", entity_id), name=name, country=alpha2, **common
        )
        located = stix2.Relationship(
            id=stix_id("relationship", f"{entity_id}|located-at"),
            relationship_type="located-at",
            source_ref=identity.id,
            target_ref=location.id,
            created=created,
            modified=created,
        )
        return [identity, location, located]
    if entity["type"] == "place" and alpha2 is not None:
        return [
            stix2.Location(id=stix_id("location", entity_id), name=name, country=alpha2, **common)
        ]
    if entity["type"] == "weapon":
        kind = entity["attributes"].get("class")
        description = f"Weapon system: {kind}" if kind else "Weapon system"
        return [
            stix2.Infrastructure(
                id=stix_id("infrastructure", entity_id),
                name=name,
                description=description,
                **common,
            )
        ]
    return []


def _event_objects(event: rows.Row, refs: dict[str, str], created: datetime) -> list[Any]:
    sources = [i for i in event["actors"]["source"] if i in refs]
    targets = [i for i in event["actors"]["target"] if i in refs]
    common = _fact_properties(event["id"], event["confidence"], created)
    labels = [f"modality:{event['modality']}", f"cameo:{event['cameo']}"]
    text = event["evidence_text"] or event["trigger"] or event["type"]
    if sources and targets and not event["negated"]:
        return [
            stix2.Relationship(
                id=stix_id("relationship", f"{event['id']}|{s}|{t}"),
                relationship_type=_relationship_type(event["type"]),
                source_ref=refs[s],
                target_ref=refs[t],
                description=text,
                labels=labels,
                **_interval(event["date"], event["date"]),
                **common,
            )
            for s in sources
            for t in targets
        ]
    if not sources and not targets:
        return []
    abstract = ("not " if event["negated"] else "") + event["type"]
    object_refs = [refs[i] for i in sources + targets]
    note = stix2.Note(
        id=stix_id("note", event["id"]),
        abstract=abstract,
        content=text,
        object_refs=object_refs,
        labels=labels,
        **common,
    )
    return [note]


def _relation_objects(relation: rows.Row, refs: dict[str, str], created: datetime) -> list[Any]:
    subject, obj = relation["subject"], relation["object"]
    if subject not in refs or obj not in refs:
        return []
    key = (
        f"{relation['document_id']}|{relation['sentence']}|{relation['start']}|"
        f"{subject}|{relation['relation']}|{obj}"
    )
    common = _fact_properties(key, relation["confidence"], created)
    text = relation["evidence_text"] or relation["relation"]
    if relation["negated"]:
        note = stix2.Note(
            id=stix_id("note", key),
            abstract=f"not {relation['relation']}",
            content=text,
            object_refs=[refs[subject], refs[obj]],
            **common,
        )
        return [note]
    relationship = stix2.Relationship(
        id=stix_id("relationship", key),
        relationship_type=_relationship_type(relation["relation"]),
        source_ref=refs[subject],
        target_ref=refs[obj],
        description=text,
        **_interval(relation["valid_from"], relation["valid_until"]),
        **common,
    )
    return [relationship]


def _report(document: rows.Row, object_refs: list[str], created: datetime) -> Any:
    bounds = rows.date_bounds(document["published"])
    published = _midnight(bounds[0]) if bounds else created
    references = [_ours(document["id"])]
    if document["url"]:
        references.append({"source_name": document["outlet"] or "url", "url": document["url"]})
    return stix2.Report(
        id=stix_id("report", document["id"]),
        name=document["title"] or document["source"],
        published=published,
        object_refs=object_refs,
        lang=document["language"] or None,
        external_references=references,
        created=created,
        modified=created,
    )


def _fact_properties(key: str, confidence: float, created: datetime) -> dict[str, Any]:
    return {
        "created": created,
        "modified": created,
        "confidence": round(confidence * 100),
        "external_references": [_ours(key)],
    }


def _ours(key: str) -> dict[str, str]:
    return {"source_name": "newsgraph", "external_id": key}


def _interval(since: str | None, until: str | None) -> dict[str, datetime]:
    """start_time at the first day of `since`, stop_time after the last day of `until`."""
    found = {}
    first, last = rows.date_bounds(since), rows.date_bounds(until)
    if first:
        found["start_time"] = _midnight(first[0])
    if last:
        found["stop_time"] = _midnight(last[1] + timedelta(days=1))
    if first and last and found["stop_time"] <= found["start_time"]:
        del found["stop_time"]  # contradictory stored dates: keep the start, which is stated
    return found


def _relationship_type(name: str) -> str:
    """STIX relationship types are lower-case ASCII words joined by hyphens."""
    return name.lower().replace("_", "-")


def _alpha2(alpha3: str | None) -> str | None:
    country = pycountry.countries.get(alpha_3=alpha3) if alpha3 else None
    return country.alpha_2 if country is not None else None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
