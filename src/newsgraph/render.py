"""Readable summaries of extractions for terminals (rich renderables; no printing here)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TypeVar

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsgraph.models import Agent, Entity, EntityType, Extraction

T = TypeVar("T")

_TYPE_ORDER = [EntityType.PERSON, EntityType.STATE, EntityType.ORGANIZATION, EntityType.ARMED_FORCE,
               EntityType.MEDIA, EntityType.WEAPON, EntityType.GROUP, EntityType.PLACE]  # fmt: skip


# A summary is read by a person: beyond this many rows per table, or characters per cell, the
# rest is counted, not drawn (a 50 KB pathological text once took a minute to lay out);
# `--format json` has everything.
MAX_ROWS = 200
MAX_CELL = 300


def _shown(table: Table, items: Sequence[T]) -> Sequence[T]:
    """The items a table draws; says in its caption how many it leaves out."""
    if len(items) > MAX_ROWS:
        table.caption = f"… and {len(items) - MAX_ROWS} more (--format json lists them all)"
    return items[:MAX_ROWS]


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def summary(extraction: Extraction) -> RenderableType:
    """A document header, entities by type, events, quotes, alignments, citations and dates."""
    return Group(
        _header(extraction),
        _entities(extraction),
        _events(extraction),
        _quotes(extraction),
        _alignments(extraction),
        _citations(extraction),
        _dates(extraction),
    )


def _names(extraction: Extraction) -> dict[str, str]:
    return {entity.id: entity.name for entity in extraction.entities}


def _side(names: dict[str, str], ids: tuple[str, ...], agent: Agent | None) -> str:
    named = ", ".join(names.get(i, i) for i in ids)
    if agent is not None:
        named = f"{named} ({agent.text}: {agent.code})" if named else f"{agent.text} ({agent.code})"
    return named or "—"


def _events(extraction: Extraction) -> Table:
    names = _names(extraction)
    table = Table(title=f"{len(extraction.events)} events")
    for column in ("sentence", "type", "source", "target", "trigger", "modality", "date"):
        table.add_column(column)
    for e in _shown(table, extraction.events):
        modality = e.modality.value + (", negated" if e.negated else "")
        kind = e.type + (f" ({e.mode})" if e.mode else "")
        table.add_row(str(e.evidence.sentence), kind, _side(names, e.source, e.source_agent),
                      _side(names, e.target, e.target_agent), _clip(e.trigger), modality,
                      e.date or "")  # fmt: skip
    return table


def _quotes(extraction: Extraction) -> Table:
    names = _names(extraction)
    table = Table(title=f"{len(extraction.quotes)} quotes")
    for column in ("speaker", "stance", "kind", "text"):
        table.add_column(column)
    for q in _shown(table, extraction.quotes):
        speaker = _side(names, (q.speaker,) if q.speaker else (), q.speaker_agent)
        table.add_row(speaker, q.stance, q.kind, Text(_clip(q.text), overflow="fold"))
    return table


def _alignments(extraction: Extraction) -> Table:
    names = _names(extraction)
    table = Table(title=f"{len(extraction.relations)} alignments")
    for column in ("subject", "relation", "object", "valid"):
        table.add_column(column)
    for r in _shown(table, extraction.relations):
        valid = (
            f"{r.valid_from or '…'} – {r.valid_until or '…'}"
            if (r.valid_from or r.valid_until)
            else ""
        )
        relation = ("not " if r.negated else "") + r.relation
        table.add_row(
            names.get(r.subject, r.subject), relation, names.get(r.object, r.object), valid
        )
    return table


def _header(extraction: Extraction) -> Panel:
    doc = extraction.document
    published = doc.published
    when = published.date or "unknown"
    if published.inferred:
        when += f" (inferred: {published.basis})"
    lines = [
        f"[bold]{doc.title or '(untitled)'}[/bold]",
        f"Outlet: {doc.outlet or '?'}"
        + (f"  Volume {doc.volume}" if doc.volume else "")
        + (f"  Issue {doc.issue}" if doc.issue else ""),
        f"Published: {when}",
        f"Source: {doc.source}   id {doc.id}   {len(doc.text):,} characters, "
        f"{len(extraction.sentences)} sentences",
    ]
    if doc.author:
        lines.insert(2, f"Author: {doc.author}")
    return Panel("\n".join(lines), title="document", expand=False)


def _entities(extraction: Extraction) -> Table:
    table = Table(title=f"{len(extraction.entities)} entities", show_lines=False)
    for column in ("type", "name", "country", "mentions", "roles / attributes"):
        table.add_column(column)
    by_type: dict[EntityType, list[Entity]] = defaultdict(list)
    for entity in extraction.entities:
        by_type[entity.type].append(entity)
    ordered = [
        entity
        for etype in _TYPE_ORDER
        for entity in sorted(by_type.get(etype, []), key=lambda e: -len(e.mentions))
    ]
    for entity in _shown(table, ordered):
        table.add_row(entity.type.value, _clip(entity.name), entity.country or "",
                      str(len(entity.mentions)), _facts(entity))  # fmt: skip
    return table


def _facts(entity: Entity) -> Text:
    parts = []
    for role in entity.roles:
        if role.evidence is None:
            continue
        text = f"{role.qualifier + ' ' if role.qualifier else ''}{role.title}"
        if role.end:
            text += f" (until {role.end})"
        parts.append(text)
    parts += [f"{a.key} {a.value}" for a in entity.attributes if a.evidence is not None]
    if entity.type in {EntityType.WEAPON, EntityType.MEDIA}:
        parts += [
            f"{a.key} {a.value}" for a in entity.attributes if a.key in {"class", "ownership"}
        ]
    return Text(_clip("; ".join(parts)))


def _citations(extraction: Extraction) -> Table:
    table = Table(title=f"{len(extraction.citations)} citations")
    for column in ("id", "kind", "outlet", "date", "sentences", "problems"):
        table.add_column(column)
    for c in _shown(table, extraction.citations):
        covers = f"{c.sentences[0]}-{c.sentences[-1]}" if len(c.sentences) > 1 else str(c.sentence)
        table.add_row(c.id, c.kind, c.outlet or "—", c.date or "", covers,
                      Text(", ".join(c.problems), style="red"))  # fmt: skip
    return table


def _dates(extraction: Extraction) -> Table:
    table = Table(title=f"{len(extraction.dates)} time expressions")
    for column in ("text", "value", "range", "granularity"):
        table.add_column(column)
    for d in _shown(table, extraction.dates):
        span = (
            f"{d.range_start or '…'} – {d.range_end or '…'}"
            if (d.range_start or d.range_end)
            else ""
        )
        table.add_row(_clip(d.text), d.value or "", span, d.granularity.value)
    return table
