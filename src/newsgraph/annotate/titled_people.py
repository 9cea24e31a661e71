"""The person a title phrase names where the small parser makes the title, or the body it
titles, the head of the phrase: "African Export-Import Bank president Okey Oramah said" (the
subject is "Export"), "United States Senator from Vermont Bernie Sanders endorsed Biden" (the
subject is "Senator"), "interim president of Venezuela, Juan Guaidó", and the name that ends a
relative's "of" phrase ("two sons of cartel boss Joaquin Guzman"), which is whose relatives they
are. `_TitledPeople` is a mixin of `DocView` (annotate/frames.py), which builds the mention
index it reads; it is kept apart because it repairs the parse around titles, where the view's
own module reads an argument's words as the parser gave them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.annotate.actor_words import Actor
from newsgraph.models import Entity, EntityType


class _TitledPeople:
    """People behind titles and relatives' names. A mixin of `DocView`, which sets the
    attributes below in its constructor."""

    entities: dict[str, Entity]
    token_entity: dict[int, str]
    mention_span: dict[int, tuple[int, int]]
    kin_nouns: frozenset[str]

    if TYPE_CHECKING:
        # defined by `DocView`; declared for the checker

        def entity_of(self, token: Token) -> str | None: ...

    def _name_of_kin(self, head: Token, appos: Token) -> bool:
        """Whether an apposition the parser hung on a kin noun is the end of the name its
        "of" phrase began ("two sons of cartel boss Joaquin "El Chapo" Guzman", "Guzman" read
        as in apposition to "sons"): that name is whose sons they are, not who they are."""
        if head.lemma_.lower() not in self.kin_nouns:
            return False
        start = self.mention_span.get(appos.i, (appos.i, appos.i + 1))[0]
        return any(prep.dep_ == "prep" and prep.lower_ == "of" and start in
                   {t.i for t in prep.subtree} for prep in head.children)  # fmt: skip

    def _person_titled_by_body(self, head: Token, entity: str) -> Actor | None:
        """The person a body's name titles when the small parser makes the body the head and
        hangs the name on it as an apposition: "African Export-Import Bank president Okey
        Oramah said" (the subject is "Export"), "the Institute's director, Dr. Anthony Fauci,
        said"."""
        if head.dep_ not in {"nsubj", "nsubjpass"} or self.entities[entity].type in {
            EntityType.PERSON,
            EntityType.STATE,
            EntityType.PLACE,
        }:
            return None  # as a subject only: "the nominee of Socialist Party USA, X" is X's party
        for token in (head, *head.conjuncts):
            for child in token.children:
                other = self.entity_of(child) if child.dep_ == "appos" else None
                if other is not None and self.entities[other].type == EntityType.PERSON:
                    return Actor(other, "mention")
        return None

    def _person_behind_title(self, head: Token) -> list[Actor]:
        """The person a capitalised title names when the small parser makes the title the
        head and hangs the name, with the place before it, on its preposition: "United States
        Senator from Vermont Bernie Sanders endorsed Biden" (the subject is "Senator", and
        its modifier "United States" was taken for the endorser)."""
        if not head.is_title or head.tag_ not in {"NN", "NNP"} or head.i in self.token_entity:
            return []
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"from", "of"}:
                continue
            for name in prep.children:
                entity = self.entity_of(name) if name.dep_ == "pobj" else None
                start = self.mention_span.get(name.i, (name.i, name.i + 1))[0]
                if (
                    entity is not None
                    and self.entities[entity].type == EntityType.PERSON
                    and name.left_edge.i < start  # a place glued before the name
                ):
                    return [Actor(entity, "mention")]
        return []

    def _apposed_person(self, head: Token) -> list[Actor]:
        """A person's name apposed anywhere in a title phrase: the small parser often hangs
        the name on the last title's object ("interim president of Venezuela, Juan Guaidó")."""
        for token in head.subtree:
            entity = self.entity_of(token) if token.dep_ == "appos" else None
            if entity is not None and self.entities[entity].type == EntityType.PERSON:
                return [Actor(entity, "mention")]
        return []
