"""The learned side ranker: which actors of an event's sentence are its source and its target.

For every rule-coded event, the candidates are the entities named near its trigger in its
sentence, the unnamed sides the lexicon's agent nouns name there ("insurgents", "government
forces"), and whatever the rules chose (a pronoun's antecedent may sit in another sentence).
A linear model trained on newsgraph-gold (scripts/train_sides.py) reads each candidate's
place in the parse relative to the trigger (the dependency path, the preposition, the voice,
before or after, how far), its kind, the event type, and the rules' own choice, and gives
P(source), P(target) and P(neither).

The shipped decoding ("fill"): the rules' sides stay (unless the model gives them less than
`reject`), and a role the rules left empty takes its most probable candidate when that clears
the role's threshold (chosen on dev), plus the candidates coordinated with it ("Russia and
China"). "replace" (the model chooses every side) is kept for retraining experiments.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from newsgraph.annotate.actor_words import _GROUP_PRONOUNS, _PERSON_PRONOUNS, FIRST_PERSON
from newsgraph.annotate.events import doer_unnamed
from newsgraph.annotate.events.grammar import in_complement_clause, trigger_token
from newsgraph.annotate.frames import DocView
from newsgraph.annotate.occasions import speech_act_types
from newsgraph.learn.files import BUILTIN, load_part
from newsgraph.learn.linear import LinearModel
from newsgraph.models import Agent, EntityType, Event

SOURCE, TARGET, NEITHER = "source", "target", "none"
MODEL_FILE = "sides.json"
# candidates are looked for this many tokens either side of the trigger: enough for any real
# clause, and a run-on "sentence" of thousands of tokens costs no more than a normal one
REACH = 60
SURE = 0.6  # a second candidate this probable in a role joins the first there
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


def _collapse(token: Token) -> tuple[Token, bool]:
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
    root, coordinated = _collapse(candidate.root)
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


def _is_rule_choice(candidate: Candidate, ids: tuple[str, ...], agent: Agent | None) -> bool:
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


class SideRanker:
    """Applies the side model to rule-coded events; thresholds come from the model's meta."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model
        meta = model.meta or {}
        self.thresholds = {
            SOURCE: float(meta.get("source_threshold", 0.5)),
            TARGET: float(meta.get("target_threshold", 0.5)),
        }
        # what a role no candidate clears gets: the rules' choice ("rules") or nothing ("empty")
        self.fallback = str(meta.get("fallback", "rules"))
        self.keep_mutual = bool(meta.get("keep_mutual", False))
        # "replace": the model chooses every side; "fill": the rules' sides stay unless the
        # model rejects them, and the model fills the roles the rules left empty
        self.mode = str(meta.get("mode", "replace"))
        self.reject = float(meta.get("reject", 0.1))
        self.fill_sideless = bool(meta.get("fill_sideless", False))

    @classmethod
    def load(cls, path: str | Path) -> SideRanker:
        return cls(LinearModel.load(path))

    def assign(self, view: DocView, events: Sequence[Event]) -> list[Event]:
        return [self._assign(view, event) for event in events]

    def scored(
        self, view: DocView, event: Event
    ) -> list[tuple[Candidate, dict[str, float], dict[str, float]]]:
        """Every candidate of an event with its features and its role probabilities."""
        return self._scored(view, event, trigger_token(view.doc, event))

    def _scored(
        self, view: DocView, event: Event, trigger: Token | None
    ) -> list[tuple[Candidate, dict[str, float], dict[str, float]]]:
        found = side_candidates(view, event, trigger)
        # an act of speech's complement is what is said ("accused of stealing from X")
        said = trigger if event.type in speech_act_types() else None
        rows = []
        for candidate in found:
            features = candidate_features(view, event, trigger, candidate, len(found))
            probabilities = self.model.probabilities(features)
            if said and candidate.root is not None and in_complement_clause(candidate.root, said):
                probabilities[SOURCE] = 0.0  # a party to what is said, not who says it
            rows.append((candidate, features, probabilities))
        return rows

    def _assign(self, view: DocView, event: Event) -> Event:
        if event.mutual and self.keep_mutual:
            return event  # joint acts ("Brazil and the US seek a partnership") keep the rules'
        trigger = trigger_token(view.doc, event)
        rows = [(c, p) for c, _, p in self._scored(view, event, trigger)]
        if self.mode == "fill":
            unnamed = trigger is not None and doer_unnamed(view, trigger)
            return self._fill(event, rows, unnamed_source=unnamed)
        source = self._choose(rows, SOURCE, exclude=None)
        target = self._choose(rows, TARGET, exclude=source)
        if source is not None and target is not None and _overlap(source, target):
            target = None
        changes: dict[str, object] = {}
        if source is not None:
            changes |= _side(source, event.source, event.source_agent, "source")
        if target is not None:
            changes |= _side(target, event.target, event.target_agent, "target")
        elif self.fallback == "empty" and rows:
            changes |= {"target": (), "target_agent": None}
        return replace(event, **changes) if changes else event  # type: ignore[arg-type]

    def _fill(
        self,
        event: Event,
        rows: list[tuple[Candidate, dict[str, float]]],
        *,
        unnamed_source: bool = False,
    ) -> Event:
        sideless = not (event.source or event.source_agent or event.target or event.target_agent)
        if sideless and not self.fill_sideless:
            return event  # an event the rules found no actor for stays unsided (precision)
        changes: dict[str, object] = {}
        roles = (
            (SOURCE, event.source, event.source_agent),
            (TARGET, event.target, event.target_agent),
        )
        # what the rules put on either side is never moved to fill the other one
        chosen = [c for c, _ in rows if any(_is_rule_choice(c, ids, a) for _, ids, a in roles)]
        for role, ids, agent in roles:
            ruled = [(c, p) for c, p in rows if _is_rule_choice(c, ids, agent)]
            if ruled and max(p[role] for _, p in ruled) >= self.reject:
                chosen += [c for c, _ in ruled]
                continue
            if role == TARGET and event.mutual:
                continue  # mutual sources act with one another: no target to fill
            if role == SOURCE and unnamed_source:
                continue  # "if they dare to invade": its doer is someone the text leaves unnamed
            found = self._choose(rows, role, exclude=chosen)
            if found is not None:
                chosen += found
                changes |= _side(found, ids, agent, role)
            elif ruled:
                changes |= {role: (), f"{role}_agent": None}
        return replace(event, **changes) if changes else event  # type: ignore[arg-type]

    def _choose(
        self,
        rows: list[tuple[Candidate, dict[str, float]]],
        role: str,
        exclude: list[Candidate] | None,
    ) -> list[Candidate] | None:
        taken = {c.key for c in exclude or []}
        probabilities = {c.key: p for c, p in rows}
        ranked = sorted(
            ((p[role], c) for c, p in rows if c.key not in taken),
            key=lambda pair: -pair[0],
        )
        if not ranked or ranked[0][0] < self.thresholds[role]:
            return None
        best = ranked[0][1]
        chosen = [best]
        other = TARGET if role == SOURCE else SOURCE
        for _, candidate in ranked[1:]:
            # a conjunct of the chosen actor shares its role unless the model reads it in
            # the other one ("Obama and Putin will meet")
            p = probabilities[candidate.key]
            if p[role] >= p[other] and (_coordinated(best, candidate) or _sure(p, role)):
                chosen.append(candidate)
        return chosen


def _sure(probabilities: dict[str, float], role: str) -> bool:
    """A second actor the model is sure of joins the side (the small parser often misses the
    coordination in "Barack Obama and Vladimir Putin will meet")."""
    return probabilities[role] >= SURE


def _coordinated(a: Candidate, b: Candidate) -> bool:
    """Two candidates joined by "and" or an apposition stand together as one compound side."""
    if a.root is None or b.root is None or a.entity is None or b.entity is None:
        return False
    return _collapse(a.root)[0].i == _collapse(b.root)[0].i


def _overlap(a: list[Candidate], b: list[Candidate]) -> bool:
    return bool({c.key for c in a} & {c.key for c in b})


def _side(
    chosen: list[Candidate], ids: tuple[str, ...], agent: Agent | None, role: str
) -> dict[str, object]:
    entities = tuple(c.entity for c in chosen if c.entity)
    if entities:
        # the noun's agent type ("Syrian rebels"), else the rules' when they chose the same
        kept = next((c.agent for c in chosen if c.entity and c.agent), None)
        if kept is None and set(entities) & set(ids):
            kept = agent
        return {role: entities, f"{role}_agent": kept}
    return {role: (), f"{role}_agent": chosen[0].agent}


@cache
def builtin_ranker() -> SideRanker | None:
    """The ranker trained on newsgraph-gold that ships with the package (None if absent)."""
    return load_part(BUILTIN, MODEL_FILE, SideRanker.load)


def load_ranker(setting: str) -> SideRanker | None:
    """The ranker a setting names (`learn.files`): "builtin", "rules" (none) or a folder
    holding sides.json."""
    if setting == BUILTIN:
        return builtin_ranker()
    return load_part(setting, MODEL_FILE, SideRanker.load)
