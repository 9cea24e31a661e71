"""The candidate: a span of a document that names some entity, before entities are formed.

Every tier of the recognizer (`annotate/entities.py`) yields candidates, and the tests of
whether a gazetteer hit stands (`annotate/gazetteer_hits.py`) read them; the record lives
apart from both so that neither imports the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from newsgraph.lexicon.gazetteer import Entry
from newsgraph.models import EntityType, MentionKind


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that names some entity, before entities are formed.

    `entry` is the gazetteer entry when one is known; `type` the best guess at the entity type.
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


def _candidate(
    span: Span,
    sentence_of: Sequence[int],
    source: str,
    etype: EntityType,
    *,
    entry: Entry | None = None,
    kind: MentionKind = MentionKind.NAME,
    label: str | None = None,
) -> Candidate:
    return Candidate(span.start_char, span.end_char, span.text, sentence_of[span.start], source,
                     etype, kind, entry, label)  # fmt: skip


def party_families(
    doc: Doc,
    words: Sequence[str],
    sentence_of: Sequence[int],
    families: frozenset[str],
    title_nouns: frozenset[str],
) -> list[tuple[Span, Candidate]]:
    """A party family's name that modifies a politician's title names the party: "Conservative
    MP Philip Hammond", "Liberal Democrat leader Jo Swinson", "Two Democratic Representatives".
    Only capitalised ("conservative voters" is no party) and only before a title, where the
    word cannot be read as anything else. `words` are the doc's token texts (spaCy builds a
    new Token or Span object on every access, so the scan reads plain strings)."""
    phrases = _by_first_word(families)
    out = []
    i = 0
    while i < len(words):
        for phrase in phrases.get(words[i], ()):
            end = i + len(phrase)
            if tuple(words[i:end]) != phrase:
                continue
            last = doc[end - 1]
            if (
                last.dep_ in _MODIFIER_DEPS
                and last.head.i > last.i
                and _singular(last.head.lower_) in title_nouns
            ):
                span = doc[i:end]
                out.append((span, _candidate(span, sentence_of, "pattern", EntityType.GROUP,
                                             label="NORP")))  # fmt: skip
                i = end - 1
            break
        i += 1
    return out


@cache
def _by_first_word(families: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The names as word tuples under their first word, longest first."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for name in families:
        split = tuple(name.split())
        found.setdefault(split[0], []).append(split)
    return {w: tuple(sorted(p, key=len, reverse=True)) for w, p in found.items()}


def _singular(word: str) -> str:
    """A title noun's singular, enough for titles ("representatives", "mps", "meps")."""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


_MODIFIER_DEPS = frozenset({"amod", "compound"})
