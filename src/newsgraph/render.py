"""Readable summaries of extractions for terminals (rich renderables; no printing here)."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsgraph.models import Entity, EntityType, Extraction

_TYPE_ORDER = [EntityType.PERSON, EntityType.STATE, EntityType.ORGANIZATION, EntityType.ARMED_FORCE,
               EntityType.MEDIA, EntityType.WEAPON, EntityType.GROUP, EntityType.PLACE]  # fmt: skip


def summary(extraction: Extraction) -> RenderableType:
    """A document header, entities by type, citations and dates."""
    return Group(
        _header(extraction), _entities(extraction), _citations(extraction), _dates(extraction)
    )


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
    for etype in _TYPE_ORDER:
        for entity in sorted(by_type.get(etype, []), key=lambda e: -len(e.mentions)):
            table.add_row(etype.value, entity.name, entity.country or "", str(len(entity.mentions)),
                          _facts(entity))  # fmt: skip
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
    return Text("; ".join(parts))


def _citations(extraction: Extraction) -> Table:
    table = Table(title=f"{len(extraction.citations)} citations")
    for column in ("id", "kind", "outlet", "date", "sentences", "problems"):
        table.add_column(column)
    for c in extraction.citations:
        covers = f"{c.sentences[0]}-{c.sentences[-1]}" if len(c.sentences) > 1 else str(c.sentence)
        table.add_row(c.id, c.kind, c.outlet or "—", c.date or "", covers,
                      Text(", ".join(c.problems), style="red"))  # fmt: skip
    return table


def _dates(extraction: Extraction) -> Table:
    table = Table(title=f"{len(extraction.dates)} time expressions")
    for column in ("text", "value", "range", "granularity"):
        table.add_column(column)
    for d in extraction.dates:
        span = (
            f"{d.range_start or '…'} – {d.range_end or '…'}"
            if (d.range_start or d.range_end)
            else ""
        )
        table.add_row(d.text, d.value or "", span, d.granularity.value)
    return table
