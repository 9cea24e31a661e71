"""Alignment records: each subject paired with each object as a `Relation`, with the
clause as its evidence, the dates the sentence gives it ("since 2019", "until 2018"), the
negation on its word and the sentence's citation.

Both the clause readers (`annotate/relations.py`) and the post readers (`annotate/posts.py`)
build their relations here; it sits apart from both because relations imports posts.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsgraph.annotate.frames import Actor, DocView
from newsgraph.models import Relation


def relation_validity(view: DocView, sentence: int) -> tuple[str | None, str | None]:
    """When the sentence says the relation began ("since 2019") and ended ("until 2018")."""
    start = end = None
    for expr in view.dates:
        if expr.sentence != sentence or not expr.value:
            continue
        if expr.relation in {"since", "from", "after"}:
            start = expr.value  # at its stated precision, like roles and events: "2019-01"
        elif expr.relation in {"until", "by", "before"}:
            end = expr.value
    return start, end


def _pairs(
    view: DocView, token: Token, relation: str, subjects: Sequence[Actor], objects: Sequence[Actor]
) -> list[Relation]:
    if not subjects or not objects:
        return []
    sentence = view.sentence_index(token)
    clause = view.clause(token.head if token.pos_ == "ADJ" else token)
    valid_from, valid_until = relation_validity(view, sentence)
    # a predicate noun's negation is on its verb ("X is not a member of Y")
    stated_by = [token, token.head] if token.dep_ in {"attr", "oprd"} else [token]
    negated = any(c.dep_ == "neg" for t in stated_by for c in t.children)
    citation = view.citation_for(sentence)
    evidence = view.evidence(clause)
    weak = any(a.via in {"pronoun", "of"} for a in [*subjects, *objects])
    return [
        Relation(
            id="",
            subject=s.entity,
            relation=relation,
            object=o.entity,
            evidence=evidence,
            valid_from=valid_from,
            valid_until=valid_until,
            negated=negated,
            citation=citation.id if citation else None,
            confidence=0.5 if weak else 0.7,
        )
        for s in subjects
        for o in objects
        if s.entity != o.entity
    ]


def _citation_id(view: DocView, sentence: int) -> str | None:
    citation = view.citation_for(sentence)
    return citation.id if citation else None
