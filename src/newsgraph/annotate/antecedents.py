"""What a pronoun or a definite description points back to, searched back through the text.

"he" is the person named last before it (a subject first), "they" the compound subject of the
governing clause ("Obama and Putin said they ...") or, in a view with unnamed sides, the group
named just before ("Police arrested ten people. They also seized weapons"), "the party" the
party named a little earlier, and "I" or "we" inside a direct quote its speaker
(`annotate/first_person.py`). `_Antecedents` holds these searches. It is a mixin of `DocView`
(annotate/frames.py), which builds the mention index they read; it is kept apart because it
looks outside the argument's phrase (back through the text, up to the governing clause), where
the view's own module reads the argument's own words.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsgraph.annotate.actor_words import (
    _PERSON_PRONOUNS,
    _PLURAL_PRONOUNS,
    ACTOR_TYPES,
    FIRST_PERSON,
    Actor,
)
from newsgraph.models import Agent, Entity, EntityType, Quote


class _Antecedents:
    """The entity (or unnamed group) a pronoun or a description refers to. A mixin of
    `DocView`, which sets the attributes below in its constructor."""

    doc: Doc
    tokens: list[Token]
    entities: dict[str, Entity]
    token_entity: dict[int, str]
    mention_starts: list[tuple[int, str]]
    mention_roots: dict[int, Token]
    sent_starts: list[int]
    unnamed: bool
    body_descriptions: frozenset[str]
    agent_nouns: Mapping[str, str]
    # (start, end, speaker) of each direct quote with a named speaker, by start (`hear`)
    voices: list[tuple[int, int, str]]

    if TYPE_CHECKING:
        # defined by `DocView` and its other mixin (`_ClauseContext`); declared for the checker

        def sentence_index(self, token: Token) -> int: ...

        def agent_of(self, head: Token) -> Agent | None: ...

        def actors(self, token: Token, *, depth: int = 0) -> list[Actor]: ...

    def _compound_antecedent(self, pronoun: Token, depth: int) -> list[Actor]:
        """ "Obama and Putin said they will attack": "they" is the compound subject of the
        clause that governs the pronoun's."""
        node = pronoun.head
        for _ in range(6):
            subjects = [c for c in node.children if c.dep_ == "nsubj" and c.i != pronoun.i]
            if subjects and pronoun.i not in {t.i for t in subjects[0].subtree}:
                found = self.actors(subjects[0], depth=depth + 1)
                named = [a for a in found if a.entity]
                return [Actor(a.entity, "pronoun") for a in named] if len(named) > 1 else []
            if node.head.i == node.i:
                break
            node = node.head
        return []

    def _described_before(self, head: Token) -> str | None:
        """The actor a definite description points back to: "the party" after "the Prohibition
        Party", "the president" after "President Trump" (the last name within three sentences
        one of whose names ends in the noun, or whose holder's title does)."""
        if head.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children
        ):
            return None
        if any(c.dep_ in {"poss", "prep", "relcl", "acl"} for c in head.children):
            return None  # "the party's candidate", "the party of X": a phrase of its own
        named = any(c.dep_ == "compound" and not c.is_lower for c in head.children)
        word = head.lemma_.lower()
        # "the rebel group", "the guerrilla group", "the company": a body of that agent
        agent = self._body_agent(head) if word in self.body_descriptions and not named else None
        if agent is None and any(c.dep_ == "compound" for c in head.children):
            return None  # "the Maduro regime": a name of its own
        floor = self.sent_starts[max(0, self.sentence_index(head) - 3)]
        position = bisect.bisect_left(self.mention_starts, (head.i, ""))
        for start, entity_id in reversed(self.mention_starts[:position]):
            if start < floor:
                break
            entity = self.entities[entity_id]
            if entity.type not in ACTOR_TYPES or entity.type == EntityType.STATE:
                continue
            # any of its names: the known "Libertarian Party (United States)" is the party
            last = {n.split()[-1].lower() for n in (entity.name, *entity.aliases) if n.strip()}
            titles = {r.title.lower().split()[-1] for r in entity.roles if r.title}
            if word in last or word in titles:
                return entity_id
            if (
                agent is not None
                and entity.type != EntityType.PERSON
                and any(a.key == "agent" and a.value == agent for a in entity.attributes)
            ):
                return entity_id
        return None

    def _body_agent(self, head: Token) -> str | None:
        """The agent a body's description names: its own ("the company": BUS) or, a word
        that names no agent alone, its modifier's ("the rebel group": REB)."""
        agent = self.agent_of(head)
        if agent is not None:
            return agent.code
        modifiers = (c.lemma_.lower() for c in head.children
                     if c.dep_ in {"compound", "amod"} and c.i < head.i)  # fmt: skip
        return next((self.agent_nouns[m] for m in modifiers if m in self.agent_nouns), None)

    def hear(self, quotes: Sequence[Quote]) -> None:
        """Learns who speaks where, so that "I" and "we" inside a direct quote (an interview's
        answers too) name its speaker: "'We will not be deterred,' the coalition said"."""
        self.voices = sorted((q.evidence.start, q.evidence.end, q.speaker) for q in quotes
                             if q.kind == "direct" and q.speaker)  # fmt: skip

    def speaker_of(self, pronoun: Token) -> Actor | None:
        """The speaker a first-person pronoun inside a direct quote stands for."""
        if pronoun.lower_ not in FIRST_PERSON or not self.voices:
            return None
        i = bisect.bisect_right(self.voices, (pronoun.idx, sys.maxsize, "")) - 1
        if i < 0 or pronoun.idx >= self.voices[i][1]:
            return None
        return Actor(self.voices[i][2], "pronoun")

    def _antecedent(self, pronoun: Token) -> Actor | None:
        """What a pronoun side refers to: its entity, or (a plural pronoun, in a view with
        unnamed sides) the unnamed group named nearer before it ("Police arrested ten people.
        They also seized weapons": they are the police, COP)."""
        resolved = self._pronoun_antecedent(pronoun)
        if self.unnamed and pronoun.lower_ in _PLURAL_PRONOUNS:
            group = self._group_before(pronoun, resolved[0] if resolved else -1)
            if group is not None:
                return Actor("", "agent", group)
        return Actor(resolved[1], "pronoun") if resolved else None

    def _group_before(self, pronoun: Token, after: int) -> Agent | None:
        """The nearest plural noun naming an agent ("protesters", "officials") in the
        pronoun's sentence or the one before, after token `after` and outside any entity's
        mention; a subject first."""
        floor = max(self.sent_starts[max(0, self.sentence_index(pronoun) - 1)], after + 1)
        found = []
        for token in reversed(self.tokens[floor : pronoun.i]):
            if token.tag_ != "NNS" or token.i in self.token_entity:
                continue
            agent = self.agent_of(token)
            if agent is not None:
                found.append((token, agent))
        for token, agent in found:
            if token.dep_ in {"nsubj", "nsubjpass"}:
                return agent
        return found[0][1] if found else None

    def _peoples_plural(self, start: int) -> bool:
        """Whether the mention at token `start` names people in the plural ("Ecuadoreans")."""
        root = self.mention_roots.get(start, self.doc[start])
        return root.tag_ in _PLURAL_TAGS and root.ent_type_ == "NORP"

    def resolve_pronoun(self, token: Token) -> str | None:
        """The fitting entity a pronoun refers to ("he" -> a person), within 3 sentences."""
        found = self._pronoun_antecedent(token)
        return found[1] if found else None

    def _pronoun_antecedent(self, token: Token) -> tuple[int, str] | None:
        """`resolve_pronoun`, with the token where the entity's mention starts."""
        want_person = token.lower_ in _PERSON_PRONOUNS
        floor = self.sent_starts[max(0, self.sentence_index(token) - 3)]
        position = bisect.bisect_left(self.mention_starts, (token.i, ""))
        bound = _own_subject(token)
        fitting = []
        for start, entity_id in reversed(self.mention_starts[:position]):
            if start < floor:
                break
            if start in bound:
                continue
            entity = self.entities[entity_id]
            if want_person == (entity.type == EntityType.PERSON) and entity.type in ACTOR_TYPES:
                fitting.append((start, entity_id))
        if token.lower_ in _PLURAL_PRONOUNS:
            # "the case of three Ecuadoreans, who were arrested ... They were convicted": a
            # people's plural name agrees with "they" before a singular subject does (not a
            # plural place's: "the Bahamas")
            plural = [f for f in fitting if self._peoples_plural(f[0])]
            fitting = plural or fitting
        # a subject is the likeliest antecedent ("Guaidó declared ... The usurper would be
        # ousted, he added": he is Guaidó, not Maduro, the object)
        for start, entity_id in fitting:
            if _in_subject(self.mention_roots.get(start, self.doc[start])):
                return start, entity_id
        return fitting[0] if fitting else None


def _own_subject(pronoun: Token) -> frozenset[int]:
    """The words of the subject of the pronoun's own verb when the pronoun is its object: an
    object pronoun names no one of its clause's subject ("Democratic Senator Chris Murphy
    opposed it": not the Democrats). A possessive one may ("the party chose its leader")."""
    if pronoun.dep_ not in _OBJECTS:
        return frozenset()
    verb = pronoun.head
    return frozenset(t.i for child in verb.children if child.dep_ in {"nsubj", "nsubjpass"}
                     for t in child.subtree)  # fmt: skip


_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# the objects of a verb (not "poss": a possessive pronoun may name the subject)
_OBJECTS = frozenset({"dobj", "dative", "iobj"})


def _in_subject(token: Token) -> bool:
    """True when the token is (inside) the subject of its clause: "opposition leader, ...,
    Juan Guaidó, declared" puts Guaidó in the subject."""
    node, steps = token, 0
    while steps < 8:
        if node.dep_ in {"nsubj", "nsubjpass"}:
            return True
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            return False
        node, steps = node.head, steps + 1
    return False
