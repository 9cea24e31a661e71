"""Countries of actors from the actors the text ties them to, after the steps of
`resolve/countries.py` that read a country off the name and before the story's home country:
the body a person is "of" or "at" (affiliation), the person whose "his" or "her" a body is
(affiliation), the people of the same surname (kin). Each actor so placed says so with its
`country_basis`, and only actors whose own country was stated or looked up lend theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from newsgraph.annotate.frames import mention_spans
from newsgraph.annotate.missed_names import surname_of
from newsgraph.models import (
    COUNTRY_BASIS,
    Attribute,
    CountryBasis,
    Entity,
    EntityType,
    country_inferred,
)
from newsgraph.resolve.countries import unplaced

# a person is "of", "at", "from" or "with" a body: its country is theirs (a university, a
# company, a ministry; not a state, whose name after "of" is a title's: "President of France")
_AFFILIATING = frozenset({EntityType.ORGANIZATION, EntityType.MEDIA, EntityType.GROUP})
_AFFILIATION_PREPOSITIONS = frozenset({"of", "at", "from", "with"})
_AFFILIATION_MENTIONS = 3


def with_affiliated_countries(entities: Sequence[Entity], doc: Doc) -> list[Entity]:
    """People without a country take that of the body the parse ties them to: "Tristan Smith,
    of University College London", "Karen Alley, a glaciologist at the University of Texas",
    "X from Imperial College". Only a body whose own country was stated or looked up counts
    (not one guessed from the document), and the person says so (`country_basis`
    "affiliation")."""
    owner = {
        token.i: entity_id for span, entity_id in mention_spans(entities, doc) for token in span
    }
    by_id = {e.id: e for e in entities}
    out = []
    for entity in entities:
        body = _affiliation(entity, doc, owner, by_id) if unplaced(entity) else None
        if body is not None and body.country:
            basis = Attribute(COUNTRY_BASIS, CountryBasis.AFFILIATION.value)
            entity = replace(entity, country=body.country, attributes=(*entity.attributes, basis))
        out.append(entity)
    return out


def _affiliation(
    person: Entity, doc: Doc, owner: dict[int, str], by_id: dict[str, Entity]
) -> Entity | None:
    if person.type != EntityType.PERSON:
        return None
    for mention in person.mentions[:_AFFILIATION_MENTIONS]:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        # the name itself, or the noun in apposition to it ("a glaciologist")
        heads = [span.root, *(c for c in span.root.children if c.dep_ == "appos")]
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lower_ not in _AFFILIATION_PREPOSITIONS:
                    continue
                for obj in prep.children:
                    body = by_id.get(owner.get(obj.i, ""))
                    if body is not None and _is_placed_body(body):
                        return body
    return None


def with_kin_countries(entities: Sequence[Entity]) -> list[Entity]:
    """People no step before placed take the country of the people of their surname the story
    placed, when those share one: a family ("Melania Trump" beside Donald Trump, "Abdullah
    Kurdi" beside Alan Kurdi). Such a person says so (`country_basis` "kin": a guess, which a
    document that states their country replaces)."""
    placed: dict[str, set[str]] = {}
    for entity in entities:
        surname = _surname(entity)
        if surname is not None and entity.country and not country_inferred(entity):
            placed.setdefault(surname, set()).add(entity.country)
    out = []
    for entity in entities:
        surname = _surname(entity) if unplaced(entity) else None
        countries = placed.get(surname or "", set())
        if len(countries) == 1:
            basis = Attribute(COUNTRY_BASIS, CountryBasis.KIN.value)
            entity = replace(
                entity, country=next(iter(countries)), attributes=(*entity.attributes, basis)
            )
        out.append(entity)
    return out


def _surname(entity: Entity) -> str | None:
    """A person's surname ("Trump" of "Melania Trump"), as the surname echoes read it."""
    return surname_of(entity.name) if entity.type == EntityType.PERSON else None


def with_possessors_countries(entities: Sequence[Entity], doc: Doc) -> list[Entity]:
    """Bodies without a country take that of the one person of stated or looked-up country
    the sentence names before "his" or "her" on the body's name: "Putin convened a meeting
    of his Security Council" is Russia's council. Such a body says so (`country_basis`
    "affiliation": the text ties it to its holder)."""
    by_id = {e.id: e for e in entities}
    people = [
        (span.start, by_id[entity_id])
        for span, entity_id in mention_spans(entities, doc)
        if by_id[entity_id].type == EntityType.PERSON and _is_placed(by_id[entity_id])
    ]
    out = []
    for entity in entities:
        country = _possessor_country(entity, doc, people) if unplaced(entity) else None
        if country is not None and entity.type in _AFFILIATING | {EntityType.ARMED_FORCE}:
            basis = Attribute(COUNTRY_BASIS, CountryBasis.AFFILIATION.value)
            entity = replace(entity, country=country, attributes=(*entity.attributes, basis))
        out.append(entity)
    return out


def _possessor_country(body: Entity, doc: Doc, people: list[tuple[int, Entity]]) -> str | None:
    for mention in body.mentions[:_AFFILIATION_MENTIONS]:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        pronoun = next((c for c in span.root.children
                        if c.dep_ == "poss" and c.lower_ in _PERSON_POSSESSIVES), None)  # fmt: skip
        if pronoun is None:
            continue
        sentence = pronoun.sent
        before = {e.id: e for start, e in people if sentence.start <= start < pronoun.i}
        countries = {e.country for e in before.values()}
        if len(before) == 1 and len(countries) == 1:
            return countries.pop()
    return None


_PERSON_POSSESSIVES = frozenset({"his", "her"})


def _is_placed(entity: Entity) -> bool:
    return entity.country is not None and not country_inferred(entity)


def _is_placed_body(entity: Entity) -> bool:
    basis = {str(a.value) for a in entity.attributes if a.key == COUNTRY_BASIS}
    return (
        entity.type in _AFFILIATING
        and entity.country is not None
        and CountryBasis.DOCUMENT.value not in basis
    )
