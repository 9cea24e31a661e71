"""The reader's article markup: the document text with every fact's span wrapped in an element
that names its kind and links to the fact.

The text is untrusted: every character of it goes through `markupsafe.escape`, and so does every
attribute value. Spans from different stages overlap freely (a quote spanning two sentences, a
citation containing a date), so marks are first cut into properly nested pieces: a mark of an
outer level (sentence, evidence, quote, citation) cuts the inner marks that cross it; marks of
the same level that overlap keep the first.

    >>> str(render_text("Russia warned.", [Mark(0, 6, LEAF, "a", (("href", "/x"),))]))
    '<a href="/x">Russia</a> warned.'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

SENTENCE, EVIDENCE, QUOTE, CITATION, LEAF = range(5)


@dataclass(frozen=True, slots=True)
class Mark:
    """One element around text[start:end]; a lower `level` encloses a higher one."""

    start: int
    end: int
    level: int
    tag: str
    attributes: tuple[tuple[str, str], ...] = ()


def render_text(text: str, marks: Iterable[Mark]) -> Markup:
    """`text`, escaped, with each mark as an element around its span."""
    out: list[str] = []
    position = 0
    stack: list[Mark] = []

    def close() -> None:
        nonlocal position
        mark = stack.pop()
        out.append(str(escape(text[position : mark.end])) + f"</{mark.tag}>")
        position = mark.end

    for mark in _nested(marks, len(text)):
        while stack and stack[-1].end <= mark.start:
            close()
        if stack and mark.end > stack[-1].end:
            continue  # cannot happen after _nested; kept so bad input never breaks the page
        out.append(str(escape(text[position : mark.start])) + _open(mark))
        position = mark.start
        stack.append(mark)
    while stack:
        close()
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def _open(mark: Mark) -> str:
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in mark.attributes)
    return f"<{mark.tag}{attributes}>"


def _nested(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Marks cut so that any two are disjoint or one contains the other, in document order."""
    valid = [
        replace(m, start=max(0, m.start), end=min(length, m.end))
        for m in marks
        if m.start < m.end and m.start < length
    ]
    pieces: list[Mark] = []
    for level in range(LEAF + 1):
        cuts = sorted({b for m in pieces for b in (m.start, m.end)})
        kept: list[Mark] = []
        for mark in sorted((m for m in valid if m.level == level), key=lambda m: m.start):
            for piece in _cut(mark, cuts):
                if not kept or piece.start >= kept[-1].end:
                    kept.append(piece)
        pieces += kept
    return sorted(pieces, key=lambda m: (m.start, m.level, -m.end))


def _cut(mark: Mark, cuts: list[int]) -> list[Mark]:
    """The mark split at every cut strictly inside it (`cuts` sorted: found by bisection, so
    a long document costs marks x log cuts, not marks x cuts); only the first piece keeps its
    id."""
    inside = cuts[bisect_right(cuts, mark.start) : bisect_left(cuts, mark.end)]
    if not inside:
        return [mark]
    bounds = [mark.start, *inside, mark.end]
    no_id = tuple(a for a in mark.attributes if a[0] != "id")
    return [
        replace(mark, start=a, end=b, attributes=mark.attributes if i == 0 else no_id)
        for i, (a, b) in enumerate(pairwise(bounds))
    ]


def document_marks(found: dict[str, Any], evidence: tuple[int, int] | None) -> list[Mark]:
    """Marks for a document from `browse.document`: sentences, the evidence span asked for,
    quotes, citations (broken ones flagged), event triggers, entity mentions and dates."""
    marks = [
        Mark(start, end, SENTENCE, "span", (("class", "sentence"), ("id", f"s-{i}")))
        for i, (start, end) in enumerate(found["sentences"])
    ]
    if evidence is not None:
        marks.append(Mark(*evidence, EVIDENCE, "mark", (("class", "evidence"), ("id", "evidence"))))
    for quote in found["quotes"]:
        marks.append(
            _fact_span(quote, QUOTE, f"quote-{quote['local_id']}", f"quote {quote['kind']}")
        )
    for citation in found["citations"]:
        kind = "citation broken" if citation["problems"] else "citation"
        marks.append(_fact_span(citation, CITATION, f"citation-{citation['local_id']}", kind))
    marks += _trigger_marks(found["text"], found["events"])
    for mention in found["mentions"]:
        attributes: tuple[tuple[str, str], ...] = (
            ("class", f"fact entity type-{mention['type']}"),
            ("href", f"/actors/{mention['entity_id']}"),
            ("title", f"{mention['name']} ({mention['type'].replace('_', ' ')})"),
            ("data-entity", mention["entity_id"]),
        )
        marks.append(Mark(mention["start"], mention["end"], LEAF, "a", attributes))
    for expression in found["time_expressions"]:
        value = expression["value"] or "no value"
        attributes = (
            ("class", "fact date"),
            ("href", f"#fact-date-{expression['id']}"),
            ("title", f"{expression['granularity']}: {value}"),
        )
        marks.append(Mark(expression["start"], expression["end"], LEAF, "a", attributes))
    return marks


def _fact_span(row: dict[str, Any], level: int, fact: str, kind: str) -> Mark:
    attributes = (("class", f"fact {kind}"), ("id", f"in-{fact}"), ("data-fact", f"fact-{fact}"))
    return Mark(row["start"] or 0, row["end"] or 0, level, "span", attributes)


def _trigger_marks(text: str, events: list[dict[str, Any]]) -> list[Mark]:
    """Each event's trigger word, found inside its evidence span, linking to the event."""
    marks = []
    for event in events:
        start, end = event["evidence"]["start"] or 0, event["evidence"]["end"] or 0
        trigger = (event["trigger"] or "").strip()
        # A case-blind search in the span itself: lowering the whole text per event is wasted
        # work, and lowering can change a string's length (offsets would drift).
        found = re.search(re.escape(trigger), text[start:end], re.IGNORECASE) if trigger else None
        if found is None:
            continue
        at = start + found.start()
        attributes = (
            ("class", f"fact event event-{event['type'].lower()}"),
            ("href", f"#fact-event-{event['id']}"),
            ("title", f"{event['type']} ({event['modality']})"),
        )
        marks.append(Mark(at, start + found.end(), LEAF, "a", attributes))
    return marks
