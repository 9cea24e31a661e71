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

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from newsgraph.annotate.events import doer_unnamed
from newsgraph.annotate.events.grammar import in_complement_clause, trigger_token
from newsgraph.annotate.frames import DocView
from newsgraph.annotate.occasions import speech_act_types
from newsgraph.learn.files import BUILTIN, load_part
from newsgraph.learn.linear import LinearModel
from newsgraph.learn.side_candidates import (
    SOURCE,
    TARGET,
    Candidate,
    candidate_features,
    collapse,
    is_rule_choice,
    side_candidates,
)
from newsgraph.models import Agent, Event

MODEL_FILE = "sides.json"
SURE = 0.6  # a second candidate this probable in a role joins the first there


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
        chosen = [c for c, _ in rows if any(is_rule_choice(c, ids, a) for _, ids, a in roles)]
        for role, ids, agent in roles:
            ruled = [(c, p) for c, p in rows if is_rule_choice(c, ids, agent)]
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
    return collapse(a.root)[0].i == collapse(b.root)[0].i


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
