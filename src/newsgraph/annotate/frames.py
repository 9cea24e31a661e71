"""A parsed document seen through its entities: who a token, a noun phrase or a pronoun names.

Event, quote, relation and arms extractors all need the same questions answered about the
dependency parse: which actors does this argument name ("Russia and China", "Russian
officials", "the US leader", "which", "he"), what date and which citation cover this sentence.
`DocView` answers them once per document.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.annotate.datefit import fits
from newsgraph.lexicon.patterns import ModalityCues, load_event_lexicon
from newsgraph.models import (
    Agent,
    Citation,
    Entity,
    EntityType,
    Evidence,
    Granularity,
    TimeExpression,
)

ACTOR_TYPES = {
    EntityType.PERSON, EntityType.STATE, EntityType.ORGANIZATION, EntityType.ARMED_FORCE,
    EntityType.MEDIA, EntityType.GROUP,
}  # fmt: skip
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_GROUP_PRONOUNS = {"it", "they", "them", "its", "their", "we", "us"}
_PLURAL_PRONOUNS = {"they", "them", "their"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom", "whose"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}
# heads whose "of" phrase names the actor: "officials of Russia", "the army of Syria"
_GENERIC_HEADS = {
    "official", "government", "army", "military", "force", "troop", "soldier", "leader",
    "minister", "ministry", "president", "spokesman", "spokeswoman", "representative",
    "delegation", "embassy", "ambassador", "authority", "member", "people", "citizen", "police",
    "regime", "administration", "court", "parliament", "lawmaker", "diplomat", "side", "navy",
    "commander", "chief", "head", "envoy", "activist", "supporter", "militant", "rebel",
    "group", "personnel", "unit", "contingent", "source", "analyst", "expert",
    "mayor", "governor", "resident", "population", "hundred", "thousand", "dozen", "million",
    "number", "some", "many", "most", "all", "part", "portion", "faction", "wing", "branch",
    "office", "team", "worker", "student", "protester", "demonstrator", "party",
}  # fmt: skip


# installations that stand for the state they are in: "inspect the refineries in Iran",
# "struck a base in Syria" (the place itself, a city, stays the location)
_FACILITIES = {
    "refinery", "plant", "facility", "site", "base", "airbase", "factory", "reactor",
    "installation", "airport", "airfield", "port", "harbor", "harbour", "pipeline", "depot",
    "consulate", "outpost", "checkpoint", "barracks", "compound", "oilfield", "field", "mine",
    "dam", "bridge", "infrastructure", "target", "position", "camp",
}  # fmt: skip


# what is fired, launched or dropped: its firer is the doer ("a missile fired by rebels")
MUNITIONS = {
    "missile", "rocket", "shell", "mortar", "grenade", "bomb", "bullet", "projectile",
    "artillery", "munition", "torpedo", "warhead", "airstrike", "strike",
}  # fmt: skip


# documents whose author or place of publication speaks through them ("a report ... alleged")
_DOCUMENTS = {
    "report", "statement", "study", "document", "dossier", "communique", "communiqué",
    "indictment", "ruling", "verdict", "resolution", "declaration", "letter", "memo",
}  # fmt: skip


# A decade or century dates an event only when it is in the event's own clause ("in the 1980s
# the Soviet Union invaded..."); elsewhere in the sentence it names an era ("a mentality out of
# place in the 21st century").
_ERAS = {Granularity.DECADE, Granularity.CENTURY}


@dataclass(frozen=True, slots=True)
class Actor:
    """An entity an argument names, and how sure we are (pronouns are less sure).

    `agent` is what kind of actor the noun phrase says it is ("Syrian rebels": Syria, REB).
    A view `with_unnamed()` also answers with sides that are only an agent ("insurgents"):
    those have an empty `entity`."""

    entity: str
    via: str  # "mention", "modifier", "pronoun", "relative", "of", "origin", "agent"
    agent: Agent | None = None


def mention_spans(entities: Iterable[Entity], doc: Doc) -> Iterator[tuple[Span, str]]:
    """Each mention of the entities as tokens of `doc`, with its entity's id."""
    for entity in entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                yield span, entity.id


class DocView:
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
    ) -> None:
        self.doc = doc
        self.agent_nouns = agents or {}
        # the lexicon's nouns that name nobody: "killed by the crash" names no attacker
        self.not_actors = not_actors
        # the words that make an event reported, hypothetical, planned... (the shipped ones
        # unless the pipeline passes its lexicon's)
        self.modality = modality if modality is not None else load_event_lexicon().modality
        self.unnamed = False
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

    # --- sentences, dates, citations ----------------------------------------------------------

    def sentence_index(self, token: Token) -> int:
        return bisect.bisect_right(self.sent_starts, token.i) - 1

    def evidence(self, tokens: Sequence[Token]) -> Evidence:
        """Evidence spanning the given tokens (clipped to the sentence of the first)."""
        index = self.sentence_index(tokens[0])
        sent = self.sents[index]
        start = max(min(t.idx for t in tokens), sent.start_char)
        end = min(max(t.idx + len(t.text) for t in tokens), sent.end_char)
        return Evidence(self.document_id, index, start, end)

    def clause(self, token: Token) -> list[Token]:
        """The tokens of the clause a trigger heads (its subtree within the sentence, at most
        CLAUSE_REACH tokens either side: a "sentence" of thousands of tokens is a run-on list,
        and reading all of it for each of its events made one 100 KB text take minutes)."""
        sent = self.sents[self.sentence_index(token)]
        # the parser is projective, so a subtree is the contiguous span between its edges
        start = max(token.left_edge.i, sent.start, token.i - CLAUSE_REACH)
        end = min(token.right_edge.i + 1, sent.end, token.i + CLAUSE_REACH + 1)
        return list(self.doc[start:end])

    def _dates_by_sentence(self) -> dict[int, list[TimeExpression]]:
        """Dated expressions (not times of day) by sentence, built once per document."""
        if self._dated is None:
            self._dated = {}
            for d in self.dates:
                if d.value and d.granularity != Granularity.TIME_OF_DAY:
                    self._dated.setdefault(d.sentence, []).append(d)
        return self._dated

    def date_for(
        self, sentence: int, tokens: Sequence[Token] = ()
    ) -> tuple[str | None, str | None]:
        """(date, basis): a dated expression in the clause or sentence, else the citation's."""
        inside = self._dates_by_sentence().get(sentence, [])
        trigger = _clause_root(tokens) if tokens else None
        if trigger is not None:
            inside = [d for d in inside if fits(self.doc, d, trigger)]
        if tokens and inside:
            lo, hi = min(t.idx for t in tokens), max(t.idx for t in tokens)
            near = [d for d in inside if lo <= d.start <= hi + 1]
            near = [d for d in near if d.granularity not in _ERAS or _own_clause(tokens, d)]
            if near:
                return self._closest(near, tokens).value, "sentence"
        inside = [d for d in inside if d.granularity not in _ERAS]
        if inside:
            return self._closest(inside, tokens).value, "sentence"
        citation = self.citation_for(sentence)
        if citation is not None and citation.date:
            return citation.date, "citation"
        return None, None

    def _closest(self, dates: list[TimeExpression], tokens: Sequence[Token]) -> TimeExpression:
        """The date nearest the clause's trigger in the parse ("Friday's ruling on the 2018
        election" dates the ruling Friday), the first in the text among equals."""
        trigger = _clause_root(tokens)
        if trigger is None or len(dates) == 1:
            return dates[0]
        doc = trigger.doc

        def steps(d: TimeExpression) -> int:
            # from the expression's last word, the date itself: "After the 2018" (election)
            # hangs on its verb by "After", but dates the election, not the verb
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            return _tree_distance(trigger, span[-1]) if span is not None and len(span) else 99

        return min(dates, key=lambda d: (steps(d), d.start))

    def citation_for(self, sentence: int) -> Citation | None:
        for citation in self.citations:
            if sentence in citation.sentences:
                return citation
        return None

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
        return Agent(self.doc[start : head.i + 1].text, code)

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
            return [Actor(entity, "mention")]
        apposed = [
            a for c in head.children if c.dep_ == "appos" for a in self.actors(c, depth=depth + 1)
        ]
        if apposed:  # "opposition leader, ..., Juan Guaidó"
            # a name among the appositions is who the phrase is: "opposition leader, speaker
            # of the National Assembly and interim president of Venezuela, Juan Guaidó" is
            # Guaidó, not the Assembly or Venezuela his titles mention
            named = [a for a in apposed if a.via == "mention"] or self._apposed_person(head)
            return named or apposed
        if head.lemma_.lower() in self.not_actors:
            return []
        if head.lemma_.lower() in MUNITIONS:
            firers = self._firers(head)
            if firers:
                return firers
        if head.lemma_.lower() in _DOCUMENTS and depth < 2:
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
            return [Actor("", "agent", agent)]  # "insurgents", "government forces"
        return found

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

    def _entities_in(self, token: Token) -> Iterator[str]:
        for t in token.subtree:
            entity = self.entity_of(t)
            if entity is not None and self._is_actor(entity) and not _stance_prefixed(t):
                yield entity

    def _is_actor(self, entity_id: str) -> bool:
        entity = self.entities.get(entity_id)
        return entity is not None and entity.type in ACTOR_TYPES

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

    def _described_before(self, head: Token) -> str | None:
        """The actor a definite description points back to: "the party" after "the Prohibition
        Party", "the president" after "President Trump" (the last name within three sentences
        whose own last word, or whose holder's title, is the noun)."""
        if head.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children
        ):
            return None
        if any(c.dep_ in {"poss", "compound", "prep", "relcl", "acl"} for c in head.children):
            return None  # "the party's candidate", "the party of X": a phrase of its own
        word = head.lemma_.lower()
        floor = self.sent_starts[max(0, self.sentence_index(head) - 3)]
        position = bisect.bisect_left(self.mention_starts, (head.i, ""))
        for start, entity_id in reversed(self.mention_starts[:position]):
            if start < floor:
                break
            entity = self.entities[entity_id]
            if entity.type not in ACTOR_TYPES or entity.type == EntityType.STATE:
                continue
            last = entity.name.split()[-1].lower() if entity.name else ""
            titles = {r.title.lower().split()[-1] for r in entity.roles if r.title}
            if word == last or word in titles:
                return entity_id
        return None

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

    def resolve_pronoun(self, token: Token) -> str | None:
        """The fitting entity a pronoun refers to ("he" -> a person), within 3 sentences."""
        found = self._pronoun_antecedent(token)
        return found[1] if found else None

    def _pronoun_antecedent(self, token: Token) -> tuple[int, str] | None:
        """`resolve_pronoun`, with the token where the entity's mention starts."""
        want_person = token.lower_ in _PERSON_PRONOUNS
        floor = self.sent_starts[max(0, self.sentence_index(token) - 3)]
        position = bisect.bisect_left(self.mention_starts, (token.i, ""))
        fitting = []
        for start, entity_id in reversed(self.mention_starts[:position]):
            if start < floor:
                break
            entity = self.entities[entity_id]
            if want_person == (entity.type == EntityType.PERSON) and entity.type in ACTOR_TYPES:
                fitting.append((start, entity_id))
        # a subject is the likeliest antecedent ("Guaidó declared ... The usurper would be
        # ousted, he added": he is Guaidó, not Maduro, the object)
        for start, entity_id in fitting:
            if _in_subject(self.mention_roots.get(start, self.doc[start])):
                return start, entity_id
        return fitting[0] if fitting else None

    def places(self, tokens: Sequence[Token], trigger: Token | None = None) -> list[str]:
        """Place or state entities named as locations ("in Caracas") among the tokens; with a
        trigger, only in its own clause ("jailed a student for helping militants join a group
        in Lebanon" did not happen in Lebanon)."""
        found = []
        for token in tokens:
            if token.dep_ != "pobj" or token.head.lower_ not in _LOCATIVE:
                continue
            if trigger is None or _in_own_clause(token, trigger):
                entity = self.entity_of(token)
                if entity and self.entities[entity].type in {EntityType.PLACE, EntityType.STATE}:
                    found.append(entity)
        return found

    def named_venue(self, token: Token) -> list[str]:
        """A place named in an event noun or the trigger's object: "the Beijing Olympics",
        "attended the Helsinki summit" (the place where it happens)."""
        nouns = [token, *(c for c in token.children if c.dep_ == "dobj")]
        found = []
        for noun in nouns:
            for child in noun.children:
                entity = self.entity_of(child) if child.dep_ == "compound" else None
                if entity and self.entities[entity].type in {EntityType.PLACE, EntityType.STATE}:
                    found.append(entity)
        return found

    def span_text(self, span: Span) -> str:
        return span.text


def noun_keys(head: Token) -> list[str]:
    """A noun's lexicon keys, most specific first: a modifier's lemma with the noun's
    ("hunger strike", "security force"), then the noun's lemma alone."""
    lemma = head.lemma_.lower()
    keys = [f"{m.lemma_.lower()} {lemma}" for m in _prenominal(head)] + [lemma]
    if head.tag_ == "NNPS" and head.is_sent_start:
        # the small model reads a plural opening the sentence as a name and keeps its form
        # ("Rebels attacked the town": lemma "Rebels")
        keys.append(_singular(head.lower_))
    return keys


def _singular(plural: str) -> str:
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    return plural[:-1] if plural.endswith("s") else plural


def _prenominal(head: Token) -> list[Token]:
    return [c for c in head.children if c.dep_ in {"compound", "amod"} and c.i < head.i]


def _actor_preps(head: Token) -> set[str]:
    """The prepositions whose object names the actor a noun stands for: "officials of
    Russia", "the court in Guyana", "refineries in Iran", any people "from Egypt"."""
    lemma = head.lemma_.lower()
    if lemma in _GENERIC_HEADS:
        return {"of", "from", "in"}
    if lemma in _FACILITIES:
        return {"from", "in"}
    return {"from"} if head.pos_ == "NOUN" else set()


def _stance_prefixed(token: Token) -> bool:
    """ "pro-Russian separatists", "anti-American protesters" are not Russian or American."""
    doc = token.doc
    if token.lower_.startswith(("pro-", "anti-")):
        return True
    return (
        token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in {"pro", "anti"}
    )


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


def _governed_by(token: Token, verb: Token) -> bool:
    """True when the nearest verb above `token` is `verb`."""
    node = token.head
    while node.i != verb.i and node.head.i != node.i:
        if node.pos_ in {"VERB", "AUX"}:
            return False
        node = node.head
    return node.i == verb.i


def ids(actors: Sequence[Actor]) -> tuple[str, ...]:
    """The entity ids of the actors, without the unnamed ones."""
    return tuple(dict.fromkeys(a.entity for a in actors if a.entity))


def agent(actors: Sequence[Actor]) -> Agent | None:
    """What kind of actor a side is: the first agent its noun phrases name."""
    return next((a.agent for a in actors if a.agent is not None), None)


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for actor in actors:
        key = actor.entity or f"~{actor.agent.text if actor.agent else ''}"
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside"})
# how far (in tokens) a trigger's clause reaches either side; real clauses are far shorter
CLAUSE_REACH = 150
_CLAUSES = {"ccomp", "relcl", "advcl", "acl", "xcomp", "parataxis", "conj"}


def _in_own_clause(token: Token, trigger: Token) -> bool:
    """Whether the token hangs from the trigger without crossing into a nested clause."""
    while token.i != trigger.i and token.head.i != token.i:
        if token.dep_ in _CLAUSES:
            return False
        token = token.head
    return token.i == trigger.i


def _clause_root(tokens: Sequence[Token]) -> Token | None:
    """The token of a clause whose head lies outside it (the trigger that heads it)."""
    members = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in members or t.head.i == t.i), None)


def _tree_distance(a: Token, b: Token) -> int:
    """Arcs on the parse path between two tokens of one sentence."""
    depth = {}
    node, steps = a, 0
    while True:
        depth[node.i] = steps
        if node.head.i == node.i:
            break
        node, steps = node.head, steps + 1
    node, steps = b, 0
    while node.i not in depth:
        if node.head.i == node.i:
            return 99  # different sentences: no path
        node, steps = node.head, steps + 1
    return steps + depth[node.i]


def _own_clause(tokens: Sequence[Token], date: TimeExpression) -> bool:
    """Whether a date sits in the trigger's own clause, not in a clause nested under it."""
    trigger = _clause_root(tokens)
    token = next((t for t in tokens if t.idx == date.start), None)
    if trigger is None or token is None:
        return False
    while token.i != trigger.i and token.head.i != token.i:
        if token.dep_ in _CLAUSES:
            return False
        token = token.head
    return token.i == trigger.i
