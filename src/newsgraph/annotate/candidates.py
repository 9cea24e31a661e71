"""The candidate: a span of a document that names some entity, before entities are formed.

Every tier of the recognizer (`annotate/entities.py`) yields candidates, and the tests of
whether a gazetteer hit stands (`annotate/gazetteer_hits.py`) read them; the record lives
apart from both so that neither imports the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from newsgraph.lexicon.gazetteer import Entry
from newsgraph.models import EntityType, MentionKind


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that names some entity, before entities are formed.

    `entry` is the gazetteer entry when one is known; `type` the best guess at the entity type;
    `parent` the known body whose national branch the span names ("Google India").
    """

    start: int
    end: int
    text: str
    sentence: int
    source: str  # "citation" | "gazetteer" | "pattern" | "ner" | "knowledge base"
    type: EntityType
    kind: MentionKind = MentionKind.NAME
    entry: Entry | None = None
    label: str | None = None
    parent: Entry | None = None


def _candidate(
    span: Span,
    sentence_of: Sequence[int],
    source: str,
    etype: EntityType,
    *,
    entry: Entry | None = None,
    kind: MentionKind = MentionKind.NAME,
    label: str | None = None,
    parent: Entry | None = None,
) -> Candidate:
    return Candidate(span.start_char, span.end_char, span.text, sentence_of[span.start], source,
                     etype, kind, entry, label, parent)  # fmt: skip
