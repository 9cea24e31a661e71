"""The candidate: a span of a document that names some entity, before entities are formed.

Every tier of the recognizer (`annotate/entities.py`) yields candidates, and the tests of
whether a gazetteer hit stands (`annotate/gazetteer_hits.py`) read them; the record lives
apart from both so that neither imports the other. `Taken` keeps which characters a tier has
claimed.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
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


class Taken:
    """Character ranges already claimed by an earlier tier (or excluded up front), kept as
    sorted disjoint intervals so a claim costs a binary search, not a scan of every claim."""

    def __init__(self, skip: Iterable[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(skip):
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)  # overlapping skips: one interval
            elif end > start:
                self.starts.append(start)
                self.ends.append(end)

    def claim(self, start: int, end: int) -> bool:
        if not self.free(start, end):
            return False
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i > 0 and self.ends[i - 1] > start:
            return False  # an earlier interval reaches into this range
        return not (i < len(self.starts) and self.starts[i] < end)  # a later one begins inside
