"""A parsed document seen through its entities: who a token, a noun phrase or a pronoun names.

Event, quote, relation and arms extractors all need the same questions answered about the
dependency parse: which actors does this argument name ("Russia and China", "Russian
officials", "the US leader", "which", "he"), what date and which citation cover this sentence.
`DocView` answers them once per document.

This module holds the view, its index of the entities' mentions, and how an argument's own
words name its actors (conjuncts, appositions, modifiers, "of" phrases, the firer of a
munition, the issuer of a report, the "by" of a passive). The rest sits beside it, each part
small enough to read on its own: the `Actor` record, word lists and noun-phrase tests in
`annotate/actor_words.py`; what a pronoun or a description points back to in
`annotate/antecedents.py`; a clause's sentence, date, citation and places in
`annotate/clause_context.py`; the person behind a title the parser made the head in
`annotate/titled_people.py` (those three are mixins of `DocView`). The names the extractors
import from here are re-exported.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from newsgraph.annotate.actor_words import (
    _GROUP_PRONOUNS,
    _MODIFIER_DEPS,
    _PERSON_PRONOUNS,
    _PLURAL_PRONOUNS,
    DOCUMENTS,
    _actor_preps,
    _governed_by,
    _prenominal,
    _stance_prefixed,
    _unique,
)
from newsgraph.annotate.actor_words import ACTOR_TYPES as ACTOR_TYPES
from newsgraph.annotate.actor_words import MUNITIONS as MUNITIONS
from newsgraph.annotate.actor_words import RELATIVE_PRONOUNS as RELATIVE_PRONOUNS
from newsgraph.annotate.actor_words import Actor as Actor
from newsgraph.annotate.actor_words import agent as agent
from newsgraph.annotate.actor_words import ids as ids
from newsgraph.annotate.actor_words import mention_spans as mention_spans
from newsgraph.annotate.actor_words import noun_keys as noun_keys
from newsgraph.annotate.antecedents import _Antecedents
from newsgraph.annotate.clause_context import CLAUSE_REACH as CLAUSE_REACH
from newsgraph.annotate.clause_context import _ClauseContext
from newsgraph.annotate.titled_people import _TitledPeople
from newsgraph.lexicon.patterns import ModalityCues, load_event_lexicon
from newsgraph.models import Agent, Citation, Entity, EntityType, TimeExpression

# the agents whose members a noun names by the group's name are coded as the group
_MEMBERS_AS_GROUP = frozenset({"REB", "CRM"})


class DocView(_Antecedents, _ClauseContext, _TitledPeople):
    """Entities, dates and citations indexed by token and sentence for one parsed document."""

    def __init__(
        self,
        doc: Doc,
        document_id: str,
        entities: Sequence[Entity],
        dates: Sequence[TimeExpression],
        citations: Sequence[Citation],
        *,
        sents: Sequence[Span] | None = None,
        text: str | None = None,
        agents: Mapping[str, str] | None = None,
        not_actors: frozenset[str] = frozenset(),
        modality: ModalityCues | None = None,
        state_bodies: frozenset[str] = frozenset(),
        body_descriptions: frozenset[str] = frozenset(),
        kin_nouns: frozenset[str] = frozenset(),
        home_state: str | None = None,
    ) -> None:
        self.doc = doc
        self.agent_nouns = agents or {}
        # the lexicon's nouns that name nobody: "killed by the crash" names no attacker
        self.not_actors = not_actors
        # "the government" of a story about one state is that state's (`_home_body`)
        self.state_bodies = state_bodies
        self.body_descriptions = body_descriptions
        self.kin_nouns = kin_nouns
        self.home_state = home_state
        # the words that make an event reported, hypothetical, planned... (the shipped ones
        # unless the pipeline passes its lexicon's)
        self.modality = modality if modality is not None else load_event_lexicon().modality
        self.unnamed = False
        self.voices: list[tuple[int, int, str]] = []
        # both rebuilt by spaCy on every access (the text is a join over all tokens, iteration
        # makes new Token objects), and every extractor scans them: built once here
        self.text = doc.text if text is None else text
        self.tokens = list(doc)
        self.document_id = document_id
        self.entities = {e.id: e for e in entities}
        self.token_entity: dict[int, str] = {}
        self.mention_span: dict[int, tuple[int, int]] = {}  # token index -> its mention's tokens
        self.mention_starts: list[tuple[int, str]] = []  # (token index, entity id), sorted
        self.mention_roots: dict[int, Token] = {}  # first token index -> the mention's root
        for span, entity_id in mention_spans(entities, doc):
            for token in span:
                self.token_entity[token.i] = entity_id
                self.mention_span[token.i] = (span.start, span.end)
            self.mention_starts.append((span.start, entity_id))
            self.mention_roots[span.start] = span.root
        self.mention_starts.sort()
        self.sents = list(sents) if sents is not None else list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.citations = list(citations)
        # a citation's own date ("(TASS, April 28)") dates the source, not the sentence's events
        self.dates = [d for d in dates if not any(c.start <= d.start < c.end for c in citations)]
        self._dated: dict[int, list[TimeExpression]] | None = None

    # --- actors -------------------------------------------------------------------------------

    def with_unnamed(self) -> DocView:
        """The same view, also answering with sides named only by what they are ("insurgents
        bombarded ...", "released by Putin" of "the civilians"). Events want them; relations
        and arms transfers, which link entities, do not."""
        view = copy.copy(self)
        view.unnamed = True
        return view

    def entity_of(self, token: Token) -> str | None:
        return self.token_entity.get(token.i)

    def agent_of(self, head: Token) -> Agent | None:
        """The agent type a noun names, from the lexicon's agents: "government forces" (MIL),
        "rebels" (REB); a modifier plus the noun is tried before the noun alone."""
        if head.pos_ not in {"NOUN", "PROPN"} or not self.agent_nouns:
            return None
        code = next((self.agent_nouns[k] for k in noun_keys(head) if k in self.agent_nouns), None)
        if code is None:
            return None
        start = min((m.left_edge.i for m in _prenominal(head)), default=head.i)
        # "a FARC commander", "Zetas gunmen": coded as the armed group or gang is
        groups = [self._agent_of_entity(m) for m in _prenominal(head)]
        code = next((g for g in groups if g in _MEMBERS_AS_GROUP), code)
        return Agent(self.doc[start : head.i + 1].text, code)

    def _agent_of_entity(self, token: Token) -> str | None:
        entity = self.entities.get(self.token_entity.get(token.i, ""))
        found = [a.value for a in entity.attributes if a.key == "agent"] if entity else []
        return str(found[0]) if found else None

    def actors(self, token: Token, *, depth: int = 0) -> list[Actor]:
        """The actors a noun phrase headed by `token` names, conjuncts included."""
        found: list[Actor] = []
        for head in self._coordinated(token):
            found.extend(self._actors_of_head(head, depth))
        return _unique(found)

    def _coordinated(self, token: Token) -> list[Token]:
        """The token and the heads coordinated with it. For a name, that includes conjuncts
        hung on any of its tokens (the small model parses "Barack Obama and Vladimir Putin"
        with "Barack" as the subject and "Putin" joined to "Obama") and names of the same
        type in apposition, which is how it often reads a list ("The US, Russia, and
        Switzerland met")."""
        start, end = self.mention_span.get(token.i, (token.i, token.i + 1))
        heads = [token]
        for t in self.tokens[start:end]:
            heads += [c for c in t.conjuncts if not start <= c.i < end]
        entity = self.token_entity.get(token.i)
        if entity is not None:
            kind = self.entities[entity].type
            for child in token.children:
                other = self.token_entity.get(child.i)
                if (
                    child.dep_ == "appos"
                    and other not in (None, entity)
                    and self.entities[other].type == kind
                ):
                    heads += [child, *child.conjuncts]
        return list(dict.fromkeys(heads))

    def _actors_of_head(self, head: Token, depth: int) -> list[Actor]:
        lower = head.lower_
        if (
            lower in RELATIVE_PRONOUNS
            and head.dep_ in {"nsubj", "nsubjpass"}
            and head.head.dep_ == "relcl"
        ):
            return [
                Actor(a.entity, "relative") for a in self.actors(head.head.head, depth=depth + 1)
            ]
        if head.pos_ == "PRON" and lower in _PLURAL_PRONOUNS and depth < 2:
            plural = self._compound_antecedent(head, depth)
            if plural:
                return plural
        if head.pos_ == "PRON" and (lower in _PERSON_PRONOUNS or lower in _GROUP_PRONOUNS):
            antecedent = self._antecedent(head)
            return [antecedent] if antecedent is not None else []
        behind = self._person_behind_title(head)
        if behind:
            return behind
        entity = self.entity_of(head)
        if entity is not None and self._is_actor(entity):
            titled = self._person_titled_by_body(head, entity)
            return [titled] if titled is not None else [Actor(entity, "mention")]
        apposed = [
            a
            for c in head.children
            if c.dep_ == "appos" and not self._name_of_kin(head, c)
            for a in self.actors(c, depth=depth + 1)
        ]
        if apposed:  # "opposition leader, ..., Juan Guaidó"
            # a name among the appositions is who the phrase is: "opposition leader, speaker
            # of the National Assembly and interim president of Venezuela, Juan Guaidó" is
            # Guaidó, not the Assembly or Venezuela his titles mention
            named = [a for a in apposed if a.via == "mention"] or self._apposed_person(head)
            return named or apposed
        if head.lemma_.lower() in self.not_actors:
            return []
        if head.lemma_.lower() in self.kin_nouns:
            # "the wife of Caro Quintero", "Guzman's sons": the relatives, not the man
            agent = self.agent_of(head)
            return [Actor("", "agent", agent)] if agent is not None and self.unnamed else []
        if head.lemma_.lower() in MUNITIONS:
            firers = self._firers(head)
            if firers:
                return firers
        if head.lemma_.lower() in DOCUMENTS and depth < 2:
            issuers = self._issuers(head, depth)
            if issuers:
                return issuers
        agent = self.agent_of(head)
        found = self._prune_movements(
            [
                Actor(e, "modifier", agent)
                for child in head.children
                if child.dep_ in _MODIFIER_DEPS
                for e in self._entities_in(child)
            ]
        )
        if not found and depth < 2:
            preps = _actor_preps(head)
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in preps:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            found += [  # "dozens of protesters": theirs, if unnamed
                                Actor(a.entity, "of", agent or a.agent)
                                for a in self.actors(pobj, depth=depth + 1)
                            ]
                            if not found and prep.lower_ == "of":
                                found += [Actor(e, "of", agent) for e in self.places_in(pobj)]
        if not found and agent is not None and agent.code == "OPP":
            found = [Actor(e, "of", agent) for e in self._opposed_states(head)]
        if not found:
            described = self._described_before(head)
            if described is not None:  # an anaphor like a pronoun, and as weak a reading
                return [Actor(described, "pronoun", agent)]
        if not found and agent is not None and self.unnamed:
            home = self._home_body(head)
            if home is not None:
                return [Actor(home, "home", agent)]
            return [Actor("", "agent", agent)]  # "insurgents", "government forces"
        return found

    def _home_body(self, head: Token) -> str | None:
        """ "The government", "authorities": the home state, for a noun that alone names the
        government of the state the document is about, with no word of its own that could name
        another (a modifier, an owner, an "of" phrase, a clause)."""
        if head.lemma_.lower() not in self.state_bodies:
            return None
        if any(c.dep_ != "det" or c.lower_ != "the" for c in head.children):
            return None
        return self.home_state

    def _opposed_states(self, head: Token) -> list[str]:
        """An opposition is of the state it opposes: "opponents of Rwanda's Senate",
        "critics of the Venezuelan government" are Rwanda's and Venezuela's opposition (GDELT's
        RWAOPP), not the Senate or the government."""
        found = []
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                named = [pobj, *(c for c in pobj.children if c.dep_ in _MODIFIER_DEPS)]
                found += [
                    e
                    for t in named
                    if (e := self.entity_of(t)) is not None
                    and self.entities[e].type == EntityType.STATE
                ]
        return list(dict.fromkeys(found))

    def _firers(self, munition: Token) -> list[Actor]:
        """Who fired "a missile believed to be fired by pro-Russia rebels"."""
        for verb in munition.children:
            if verb.dep_ != "acl":
                continue
            chain = [verb, *(t for t in verb.subtree if t.dep_ == "xcomp")]
            for link in chain:
                found = self.agents(link)
                if found:
                    return found
        return []

    def _issuers(self, document: Token, depth: int) -> list[Actor]:
        """Who stands behind "a report released by the ministry" or "... released in the
        Rwandan capital" (where it was published, for want of a named author)."""
        for verb in document.children:
            if verb.dep_ != "acl" or verb.tag_ != "VBN":
                continue
            found = self.agents(verb)
            for prep in verb.children:
                if not found and prep.dep_ == "prep" and prep.lower_ in {"in", "by"}:
                    for pobj in prep.children:
                        found += [Actor(a.entity, "of") for a in self.actors(pobj, depth=depth + 1)]
            if found:
                return found
        return []

    def _prune_movements(self, found: list[Actor]) -> list[Actor]:
        """ "the Islamist Hamas movement" names Hamas: a country-less group word beside a
        named actor describes it."""
        named = [a for a in found if self.entities[a.entity].country]
        if not named:
            return found
        return [
            a
            for a in found
            if self.entities[a.entity].country or self.entities[a.entity].type != EntityType.GROUP
        ]

    def places_in(self, token: Token) -> list[str]:
        """A place standing for its people or authorities: "the mayor of ... Nablus"."""
        places = [
            e for t in token.subtree
            if (e := self.entity_of(t)) is not None and self.entities[e].type == EntityType.PLACE
        ]  # fmt: skip
        return places[-1:]

    def children_actors(self, token: Token, deps: set[str]) -> list[Actor]:
        """Actors named by the token's children with these dependency labels."""
        return [a for child in token.children if child.dep_ in deps for a in self.actors(child)]

    def prep_actors(self, token: Token, preps: set[str]) -> list[Actor]:
        """Actors named by "<prep> X" attached to the token ("from France", "loyal to Maduro")."""
        return [
            a
            for child in token.children
            if child.dep_ in {"prep", "dative"} and child.lower_ in preps
            for a in self.children_actors(child, {"pobj"})
        ]

    def agents(self, verb: Token) -> list[Actor]:
        """Every "by X" of a passive verb: its agent, a conjoined "and by Y", or a "by" that
        the parser hung lower in the clause ("recognized as president by the US")."""
        found: list[Actor] = []
        for t in verb.subtree:
            if t.i > verb.i and t.lower_ == "at" and t.dep_ == "prep":
                found += self._at_the_hands_of(t, verb)
            if t.lower_ != "by" or t.dep_ not in {"agent", "prep", "conj"} or t.i < verb.i:
                continue
            if not _governed_by(t, verb):
                continue  # a "by" of a verb inside this one's clause
            for pobj in t.children:
                if pobj.dep_ == "pobj":
                    found += self.actors(pobj)
            if t.dep_ == "prep":
                # "recognized as president by A, B and C" often parses B and C as conjuncts of
                # "president": conjuncts after the "by" belong to the agents
                for conj in t.head.conjuncts:
                    if conj.i > t.i:
                        found += self.actors(conj)
        return _unique(found)

    def _at_the_hands_of(self, at: Token, verb: Token) -> list[Actor]:
        """ "was murdered at the hands of X", "tortured and murdered at the hands of X": X did
        it, as "by X" says (the verb's own phrase, or a conjoined verb's)."""
        hands = next((c for c in at.children if c.dep_ == "pobj" and c.lower_ == "hands"), None)
        owner = at.head
        if hands is None or not (
            _governed_by(at, verb) or (owner.dep_ == "conj" and owner.head.i == verb.i)
        ):
            return []
        return [a for of in hands.children if of.dep_ == "prep" and of.lower_ == "of"
                for pobj in of.children if pobj.dep_ == "pobj"
                for a in self.actors(pobj)]  # fmt: skip

    def _entities_in(self, token: Token) -> Iterator[str]:
        for t in token.subtree:
            entity = self.entity_of(t)
            if entity is not None and self._is_actor(entity) and not _stance_prefixed(t):
                yield entity

    def _is_actor(self, entity_id: str) -> bool:
        entity = self.entities.get(entity_id)
        return entity is not None and entity.type in ACTOR_TYPES

    def span_text(self, span: Span) -> str:
        return span.text
