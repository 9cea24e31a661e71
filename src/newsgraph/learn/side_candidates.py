"""The candidates of an event's sides and what the side ranker reads of each (learn/sides.py).

For a rule-coded event, the candidates are the entities named near its trigger in its
sentence, the unnamed sides the lexicon's agent nouns name there ("insurgents", "government
forces"), and whatever the rules chose (a pronoun's antecedent may sit in another sentence).
Each candidate's features are sparse indicators: its place in the parse relative to the
trigger (the dependency path, the preposition, the voice, before or after, how far), its kind,
the event type, and the rules' own choice. Kept apart from the ranker's decoding so that the
training script and the ranker read one definition of both.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.annotate.actor_words import _GROUP_PRONOUNS, _PERSON_PRONOUNS, FIRST_PERSON
from newsgraph.annotate.frames import DocView
from newsgraph.models import Agent, EntityType, Event

SOURCE, TARGET, NEITHER = "source", "target", "none"
# candidates are looked for this many tokens either side of the trigger: enough for any real
# clause, and a run-on "sentence" of thousands of tokens costs no more than a normal one
REACH = 60
MAX_PATH = 4  # dependency steps either side of the common ancestor before a path is "far"
_VOICE_DEPS = frozenset({"auxpass", "nsubjpass"})
_COORDINATED = frozenset({"conj", "appos"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
# personal pronouns that stand for an actor (the lexicon of actor words, less the possessives
# and the first person a quote's speaker uses), and the slots where one is an event's side
_PRONOUNS = (_PERSON_PRONOUNS | _GROUP_PRONOUNS) - FIRST_PERSON - {"his", "its", "their"}
_PRONOUN_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "pobj", "dative"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible side: an entity or an unnamed agent, at `root` in the parse (None when
    only the rules put it there, e.g. through a pronoun)."""

    entity: str | None
    agent: Agent | None
    root: Token | None

    @property
    def key(self) -> str:
        """One candidate per actor and place: "Georgian demonstrators ... the Georgian
        government" is one entity standing at two nouns, on both sides."""
        where = self.root.i if self.root is not None else -1
        return f"{self.entity or ''}|{self.agent.code if self.agent else ''}|{where}"


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def collapse(token: Token) -> tuple[Token, bool]:
    """A conjunct or apposition stands where its first conjunct stands ("Russia and China
    signed": China is a subject too)."""
    coordinated = False
    while token.dep_ in _COORDINATED and token.head.i != token.i:
        token, coordinated = token.head, True
    return token, coordinated


def dependency_path(candidate: Token, trigger: Token) -> str:
    """The labelled path from a candidate up to the common ancestor and down to the trigger:
    "nsubj^" (subject of the trigger), "pobj^prep:with^" ("clashed with X"), "poss^"."""
    up = _ancestors(candidate)
    down = _ancestors(trigger)
    positions = {t.i: k for k, t in enumerate(down)}
    common = next((k for k, t in enumerate(up) if t.i in positions), None)
    if common is None:
        return "far"
    climb, descend = up[:common], down[: positions[up[common].i]]
    if len(climb) > MAX_PATH or len(descend) > MAX_PATH:
        return "far"
    parts = [_step(t) for t in climb]
    return "^".join(parts) + "|" + "v".join(_step(t) for t in reversed(descend))


def _step(token: Token) -> str:
    if token.dep_ in {"prep", "agent"}:
        return f"{token.dep_}:{token.lower_}"
    return token.dep_


def side_candidates(view: DocView, event: Event, trigger: Token | None) -> list[Candidate]:
    """The entities and agent nouns near the trigger, one candidate per entity (its mention
    nearest the trigger), and the rules' own sides."""
    found: dict[str, Candidate] = {}
    headed: set[int] = set()  # nouns an entity modifies: the entity's candidate stands there
    if trigger is not None:
        sent = view.sents[event.evidence.sentence]
        lo, hi = max(sent.start, trigger.i - REACH), min(sent.end, trigger.i + REACH + 1)
        first = bisect.bisect_left(view.mention_starts, (lo, ""))
        for start, entity_id in view.mention_starts[first:]:
            if start >= hi:
                break
            root = view.mention_roots[start]
            if root.i == trigger.i:
                continue  # the trigger itself ("the Russian-led offensive" is not an actor)
            if view.entities[entity_id].type == EntityType.WEAPON:
                continue  # the means, not a side: "an M67 grenade was used in an attack"
            if _kin_of(root, view.kin_nouns) and entity_id not in (*event.source, *event.target):
                continue  # "arrested the wife of Caro Quintero": she is the side, not he
            agent = None
            if _modifies_noun(root, trigger):
                # "the Georgian government", "Kenya's police": the actor stands where its
                # noun stands, with the agent type the noun names
                root = root.head
                agent = view.agent_of(root)
                headed.add(root.i)
            key = f"{entity_id}|{root.i if agent or root.i in headed else ''}"
            held = found.get(key)
            if held is None or _distance(root, trigger) < _distance(held.root, trigger):
                found[key] = Candidate(entity_id, agent, root)
        for token in view.doc[lo:hi]:
            if token.i == trigger.i or token.i in view.token_entity or token.i in headed:
                continue
            if token.lower_ in _PRONOUNS and token.dep_ in _PRONOUN_SLOTS:
                # "he accused them": the actor a pronoun stands for is a candidate where the
                # pronoun stands, like a name (its nearest place to the trigger counts)
                meant = view.resolve_pronoun(token)
                held = found.get(f"{meant}|")
                if meant is not None and (
                    held is None or _distance(token, trigger) < _distance(held.root, trigger)
                ):
                    found[f"{meant}|"] = Candidate(meant, None, token)
                continue
            agent = view.agent_of(token)
            if agent is not None and f"agent:{agent.code}" not in found:
                found[f"agent:{agent.code}"] = Candidate(None, agent, token)
    present = {c.entity for c in found.values()}
    for entity_id in (*event.source, *event.target):
        if entity_id not in present:
            found[entity_id] = Candidate(entity_id, None, None)
    codes = {c.agent.code for c in found.values() if c.agent is not None}
    for agent in (event.source_agent, event.target_agent):
        if agent is not None and agent.code not in codes:
            found[f"agent:{agent.code}"] = Candidate(None, agent, None)
    return list(found.values())


def _kin_of(root: Token, kin_nouns: frozenset[str]) -> bool:
    """Whether the name is whose relative a kin noun names: "Guzman's sons", "the wife of
    X", "the mayor's brother"."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    elif root.dep_ not in {"poss", "compound"}:
        return False
    return head.i != root.i and head.lemma_.lower() in kin_nouns


def _modifies_noun(root: Token, trigger: Token) -> bool:
    head = root.head
    return (
        root.dep_ in _MODIFIER_DEPS
        and head.i != root.i
        and head.i != trigger.i
        and head.pos_ == "NOUN"
    )


def _distance(token: Token | None, trigger: Token) -> int:
    return abs(token.i - trigger.i) if token is not None else 10**6


def _bucket(n: int) -> str:
    for limit in (1, 2, 4, 8, 16):
        if n <= limit:
            return f"<={limit}"
    return ">16"


def candidate_features(
    view: DocView, event: Event, trigger: Token | None, candidate: Candidate, count: int
) -> dict[str, float]:
    """Sparse indicator features of one candidate of one event."""
    kind = event.type
    entity = view.entities.get(candidate.entity) if candidate.entity else None
    what = entity.type.value if entity else "?"
    if candidate.agent is not None:
        what = f"{what}+agent:{candidate.agent.code}" if entity else f"agent:{candidate.agent.code}"
    rule = NEITHER
    if candidate.entity in event.source or _same_agent(candidate, event.source_agent):
        rule = SOURCE
    elif candidate.entity in event.target or _same_agent(candidate, event.target_agent):
        rule = TARGET
    features: dict[str, float] = {
        "bias": 1.0,
        f"rule={rule}": 1.0,
        f"type_rule={kind}|{rule}": 1.0,
        f"what={what}": 1.0,
        f"type_what={kind}|{what}": 1.0,
        f"count={min(count, 6)}": 1.0,
    }
    if event.mutual:
        features[f"mutual_rule={rule}"] = 1.0
    if candidate.entity and candidate.entity == event.attributed_to:
        features["speaker"] = 1.0
    if trigger is None or candidate.root is None:
        features["off_sentence"] = 1.0
        return features
    root, coordinated = collapse(candidate.root)
    path = dependency_path(root, trigger)
    side = "before" if candidate.root.i < trigger.i else "after"
    passive = any(c.dep_ in _VOICE_DEPS for c in trigger.children)
    voice = "passive" if passive else "active"
    shape = "nominal" if trigger.pos_ in {"NOUN", "PROPN"} else "verbal"
    features.update({
        f"path={path}": 1.0,
        f"type_path={kind}|{path}": 1.0,
        f"voice_path={voice}|{path}": 1.0,
        f"shape_path={shape}|{path}": 1.0,
        f"rule_path={rule}|{path}": 1.0,
        f"up={root.dep_}": 1.0,
        f"voice_up={voice}|{root.dep_}|{side}": 1.0,
        f"side={side}": 1.0,
        f"type_side={kind}|{side}": 1.0,
        f"shape_side={shape}|{side}|{voice}": 1.0,
        f"distance={_bucket(abs(candidate.root.i - trigger.i))}": 1.0,
        f"what_path={what}|{path}": 1.0,
        f"lemma_path={trigger.lemma_.lower()}|{path}": 1.0,
        f"lemma_side={trigger.lemma_.lower()}|{side}|{voice}": 1.0,
    })  # fmt: skip
    if root.dep_ == "pobj":
        prep = root.head.lower_
        features[f"prep={prep}"] = 1.0
        features[f"type_prep={kind}|{prep}"] = 1.0
        features[f"what_prep={what}|{prep}"] = 1.0
    if coordinated:
        features["coordinated"] = 1.0
    if root.head.i == trigger.i:
        features[f"child_of_trigger={root.dep_}"] = 1.0
    sent_start = view.sents[event.evidence.sentence].start
    if any(t.lower_ in {'"', "“", "”"} for t in view.doc[sent_start : candidate.root.i]):
        features["after_quote_mark"] = 1.0
    return features


def is_rule_choice(candidate: Candidate, ids: tuple[str, ...], agent: Agent | None) -> bool:
    """Whether the rules chose this candidate; a noun the rules took without the entity that
    modifies it ("Pro-Russian separatists": separatists, not Russia) counts as chosen."""
    same_noun = (
        not ids
        and agent is not None
        and candidate.agent is not None
        and candidate.agent.code == agent.code
    )
    if candidate.entity is not None:
        return candidate.entity in ids or same_noun
    return same_noun


def _same_agent(candidate: Candidate, agent: Agent | None) -> bool:
    return (
        candidate.entity is None
        and agent is not None
        and candidate.agent is not None
        and (candidate.agent.code == agent.code)
    )
