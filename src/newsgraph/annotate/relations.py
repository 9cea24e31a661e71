"""Alignments: who supports, recognises, opposes, leads or arms whom, and since when.

Lists expand: "Maduro is supported by Russia, China, Cuba ... and by left-wing Chavista
activists" is one `supports` relation per supporter. Roles ("chief of staff of the Russian
Land Forces") give `leads`/`commands`; arms transfers give `supplies_arms_to`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from newsgraph.annotate.events import subject_of
from newsgraph.annotate.frames import Actor, DocView
from newsgraph.lexicon.relations import RelationLexicon
from newsgraph.models import ArmsTransfer, Entity, EntityType, Relation


def find_relations(
    view: DocView,
    entities: Sequence[Entity],
    transfers: Sequence[ArmsTransfer],
    lexicon: RelationLexicon,
) -> list[Relation]:
    """Alignments the lexicon's verbs, adjectives and leadership titles state, and arms
    transfers as `supplies_arms_to`, numbered in order."""
    found: list[Relation] = []
    for token in view.tokens:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in lexicon.verbs:
            found += _verb_relations(view, token, lexicon.verbs[lemma], lexicon)
        elif token.pos_ == "ADJ" and lemma in lexicon.adjectives:
            found += _adjective_relations(view, token, lexicon.adjectives[lemma], lexicon)
    found += _role_relations(view, entities, lexicon)
    found += _arms_relations(transfers)
    found = _deduplicated(found)
    return [replace(r, id=f"r{i + 1}") for i, r in enumerate(found)]


def _verb_relations(
    view: DocView,
    token: Token,
    entry: tuple[str, str | None, frozenset[str]],
    lexicon: RelationLexicon,
) -> list[Relation]:
    relation, prep, objects = entry
    if objects and not any(c.lemma_.lower() in objects for c in token.children if c.dep_ == "dobj"):
        return []
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children):
        subjects = [
            a for a in view.agents(token) if view.entities[a.entity].type != EntityType.WEAPON
        ]
        targets = view.children_actors(token, {"nsubjpass"})
    else:
        subjects = subject_of(view, token)
        targets = (
            view.prep_actors(token, {prep} if prep else set())
            if prep
            else view.children_actors(token, {"dobj"})
        )
    return _pairs(view, token, relation, *_plausible(view, lexicon, relation, subjects, targets))


def _adjective_relations(
    view: DocView, token: Token, entry: tuple[str, str], lexicon: RelationLexicon
) -> list[Relation]:
    relation, prep = entry
    head = token.head if token.dep_ in {"acomp", "amod", "xcomp", "oprd"} else token
    subjects = view.children_actors(head, {"nsubj", "nsubjpass"}) if head.i != token.i else []
    if token.dep_ == "amod":
        subjects = view.actors(token.head)
    targets = view.prep_actors(token, {prep} if prep else set())
    return _pairs(view, token, relation, *_plausible(view, lexicon, relation, subjects, targets))


def _plausible(
    view: DocView,
    lexicon: RelationLexicon,
    relation: str,
    subjects: Sequence[Actor],
    objects: Sequence[Actor],
) -> tuple[list[Actor], list[Actor]]:
    """The sides an alignment can hold between: no object of a type the relation excludes
    ("Biden leads Trump" is a poll), and no state standing for a group of its people ("the
    Venezuelan populace recognises Guaidó" is not Venezuela's act)."""
    excluded = lexicon.object_excludes.get(relation, frozenset())
    objects = [o for o in objects if view.entities[o.entity].type.value not in excluded]
    return (
        [a for a in subjects if _stands_for_itself(view, a, lexicon)],
        [a for a in objects if _stands_for_itself(view, a, lexicon)],
    )


def _stands_for_itself(view: DocView, actor: Actor, lexicon: RelationLexicon) -> bool:
    """A state named through a noun ("the Venezuelan populace") is that state only when the
    noun is one of its institutions; a group named so ("Chavista activists") is the group."""
    allowed = lexicon.state_agents
    if allowed is None or actor.agent is None or actor.agent.code in allowed:
        return True
    return view.entities[actor.entity].type != EntityType.STATE


def _pairs(
    view: DocView, token: Token, relation: str, subjects: Sequence[Actor], objects: Sequence[Actor]
) -> list[Relation]:
    if not subjects or not objects:
        return []
    sentence = view.sentence_index(token)
    clause = view.clause(token.head if token.pos_ == "ADJ" else token)
    valid_from, valid_until = _validity(view, sentence)
    negated = any(c.dep_ == "neg" for c in token.children)
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


def _validity(view: DocView, sentence: int) -> tuple[str | None, str | None]:
    start = end = None
    for expr in view.dates:
        if expr.sentence != sentence or not expr.value:
            continue
        if expr.relation in {"since", "from", "after"}:
            start = expr.value  # at its stated precision, like roles and events: "2019-01"
        elif expr.relation in {"until", "by", "before"}:
            end = expr.value
    return start, end


def _role_relations(
    view: DocView, entities: Sequence[Entity], lexicon: RelationLexicon
) -> list[Relation]:
    found = []
    for entity in entities:
        for role in entity.roles:
            if role.evidence is None or role.organization_id is None:
                continue
            head = role.title.lower().split(" of ")[0].replace("deputy ", "").strip()
            relation = lexicon.titles.get(head)
            if relation is None or role.title.lower().startswith("deputy"):
                continue
            found.append(
                Relation(
                    id="",
                    subject=entity.id,
                    relation=relation,
                    object=role.organization_id,
                    evidence=role.evidence,
                    valid_from=role.start,
                    valid_until=role.end,
                    citation=_citation_id(view, role.evidence.sentence),
                    confidence=0.7,
                )
            )
    return found


def _arms_relations(transfers: Sequence[ArmsTransfer]) -> list[Relation]:
    return [
        Relation(
            id="",
            subject=s,
            relation="supplies_arms_to",
            object=r,
            evidence=t.evidence,
            valid_from=t.period,
            citation=t.citation,
            confidence=0.7,
        )
        for t in transfers
        for s in t.supplier
        for r in t.recipient
        if s != r
    ]


def _citation_id(view: DocView, sentence: int) -> str | None:
    citation = view.citation_for(sentence)
    return citation.id if citation else None


def _deduplicated(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, str, str, int]] = set()
    out = []
    for relation in relations:
        key = (relation.subject, relation.relation, relation.object, relation.evidence.sentence)
        if key not in seen:
            seen.add(key)
            out.append(relation)
    return out
