"""Learned countries: which of the countries a story names an actor in no list belongs to.

The rules give a country from the text ("German activist X", "Nigeria's ministry", "X, of
University College London"), from the gazetteer and the actor knowledge base, or, when the
story is about one country only, from that country. In a story about several countries the
researcher quoted, the local company and the county sheriff get none, and an event between
them is lost to every country-level count.

For each such actor the candidates are the countries the document names (its states, places
and known actors). A binary logistic regression trained on newsgraph-gold
(scripts/train_countries.py) scores each pair from where the country is named relative to
the actor (the same sentence as one of its mentions, how many sentences before or after its
first), how much of the document is about it (its share of the country mentions, its rank),
what names it there (a state, a city, a known person or body, a demonym), and what kind of
actor this is. The best candidate is the actor's country when its probability clears the cut
chosen on dev; it says so: `country_basis` "context" and `country_confidence`. A text of a
sentence or two is no story to weigh, and is left to the rules.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newsgraph.coding import IGO_POST, Coded, code_entity
from newsgraph.learn.files import BUILTIN, load_part
from newsgraph.learn.linear import CompiledModel, LinearModel
from newsgraph.lexicon.compiled import ActorCodes
from newsgraph.models import (
    COUNTRY_BASIS,
    COUNTRY_CONFIDENCE,
    Attribute,
    CountryBasis,
    Entity,
    EntityType,
    MentionKind,
)

MODEL_FILE = "countries.json"
YES = "yes"
# the kinds of actor that belong to a country (places and weapons have their own resolution)
TAKES_COUNTRY = frozenset({
    EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GROUP, EntityType.ARMED_FORCE,
})  # fmt: skip
# what can name a country in a story (an outlet's or a weapon's country says nothing of it)
_NAMES_COUNTRY = frozenset({
    EntityType.STATE, EntityType.PLACE, EntityType.PERSON, EntityType.ORGANIZATION,
    EntityType.GROUP, EntityType.ARMED_FORCE,
})  # fmt: skip
_COUNTRYLESS = frozenset({"IGO", "IMG"})
_DISTANCE = (0, 1, 2, 5, 10, 30)
_SHARE = (0.1, 0.25, 0.5, 0.75, 1.0)
_MENTIONS_READ = 5
# the model weighs how a story spreads over countries; a text of a sentence or two is no
# story ("Congress is asking Obama to help Iran" would make Congress Iranian or American by
# which country it co-occurs with, not by what the text says): the rules alone code it
MIN_SENTENCES = 3


def _bucket(x: float, edges: Sequence[float]) -> str:
    for edge in edges:
        if x <= edge:
            return str(edge)
    return f">{edges[-1]}"


@dataclass(frozen=True, slots=True)
class StoryCountries:
    """Where each country is named in one document: (sentence, what names it) per mention,
    and its weight (mentions by states, places and known actors)."""

    named: dict[str, list[tuple[int, str]]]
    weight: Counter[str]

    @classmethod
    def of(cls, entities: Sequence[Entity]) -> StoryCountries:
        named: dict[str, list[tuple[int, str]]] = {}
        weight: Counter[str] = Counter()
        for e in entities:
            if not e.country or e.type not in _NAMES_COUNTRY or e.country in _COUNTRYLESS:
                continue
            if e.type not in {EntityType.STATE, EntityType.PLACE} and not e.known:
                continue  # an actor placed by guess names no country
            if any(a.key == IGO_POST for a in e.attributes):
                continue  # nor does one acting for an international body
            for m in e.mentions:
                how = "demonym" if m.kind == MentionKind.DEMONYM else e.type.value
                named.setdefault(e.country, []).append((m.sentence, how))
            weight[e.country] += len(e.mentions)
        for mentions in named.values():
            mentions.sort()
        return cls(named, weight)

    def gaps(self, country: str, sentence: int) -> tuple[int | None, int | None]:
        """How many sentences before `sentence` (or in it: 0) the country was last named, and
        how many after it it is next named."""
        starts = [s for s, _ in self.named.get(country, [])]
        at = bisect.bisect_right(starts, sentence)
        before = sentence - starts[at - 1] if at > 0 else None
        after = starts[at] - sentence if at < len(starts) else None
        return before, after

    def features(self, entity: Entity, country: str, agent: str | None) -> dict[str, float]:
        """Sparse indicator features of one (actor, candidate country) pair."""
        total = sum(self.weight.values()) or 1
        ranked = [c for c, _ in self.weight.most_common()]
        first = entity.mentions[0].sentence
        sentences = {m.sentence for m in entity.mentions[:_MENTIONS_READ]}
        mentions = self.named.get(country, [])
        kind = entity.type.value
        f: dict[str, float] = {
            "bias": 1.0,
            f"rank={min(ranked.index(country), 3) if country in ranked else 4}": 1.0,
            f"share={_bucket(self.weight[country] / total, _SHARE)}": 1.0,
            f"countries={min(len(ranked), 4)}": 1.0,
            f"kind={kind}": 1.0,
            f"mentions={min(len(entity.mentions), 4)}": 1.0,
        }
        same = {how for s, how in mentions if s in sentences}
        for how in same:
            f[f"same_sentence={how}"] = 1.0
        if same:
            f[f"same_sentence_kind={kind}"] = 1.0
        before, after = self.gaps(country, first)
        if before is not None:
            f[f"before={_bucket(before, _DISTANCE)}"] = 1.0
            f[f"before_kind={kind}|{_bucket(before, _DISTANCE)}"] = 1.0
            nearer = sum(1 for c in self.named if (self.gaps(c, first)[0] or 10**6) < before)
            f[f"nearest_before={min(nearer, 2)}"] = 1.0
        if after is not None:
            f[f"after={_bucket(after, _DISTANCE)}"] = 1.0
            nearer = sum(1 for c in self.named if (self.gaps(c, first)[1] or 10**6) < after)
            f[f"nearest_after={min(nearer, 2)}"] = 1.0
        starts = [s for s, _ in mentions]
        if starts and starts[0] <= 1:
            f["lead"] = 1.0
        if ranked and country == ranked[0]:
            f[f"top_kind={kind}"] = 1.0
        f[f"agent={agent}"] = 1.0
        if entity.roles:
            f["has_role"] = 1.0
        return f


def wants_country(entity: Entity, coded: Coded) -> bool:
    """An actor of a kind that belongs to a country, left without one by the rules and not
    coded as having none on purpose (an international body, a transnational movement)."""
    if entity.country or entity.type not in TAKES_COUNTRY or coded.prefix in _COUNTRYLESS:
        return False
    return not any(a.key == "sector" and a.value in _COUNTRYLESS for a in entity.attributes)


@dataclass(frozen=True, slots=True)
class CountryModel:
    """The model and `threshold`: the probability from which the best candidate is given."""

    model: LinearModel
    threshold: float

    def scored(
        self, entities: Sequence[Entity], codes: ActorCodes | None = None
    ) -> list[tuple[Entity, list[tuple[str, float]]]]:
        """Each actor that wants a country, with P(country) for each candidate."""
        story = StoryCountries.of(entities)
        coded = [(e, code_entity(e, codes)) for e in entities]
        wanting = [(e, c.agent) for e, c in coded if wants_country(e, c)]
        if not wanting or not story.weight:
            return [(e, []) for e, _ in wanting]
        countries = sorted(story.weight)
        batch = [story.features(e, c, agent) for e, agent in wanting for c in countries]
        column = self.model.classes.index(YES)
        p = CompiledModel(self.model).matrix_of(batch)[:, column].tolist()
        n = len(countries)
        return [(e, list(zip(countries, p[i * n : (i + 1) * n], strict=True)))
                for i, (e, _) in enumerate(wanting)]  # fmt: skip

    def assign(
        self, entities: Sequence[Entity], sentences: int, codes: ActorCodes | None = None
    ) -> list[Entity]:
        """The entities, those that want a country given the best candidate the model is
        sure enough of; a text of fewer than MIN_SENTENCES sentences is left as it is."""
        if sentences < MIN_SENTENCES:
            return list(entities)
        decided = {e.id: self.decided(e, scores) for e, scores in self.scored(entities, codes)}
        return [decided.get(e.id, e) for e in entities]

    def decided(self, entity: Entity, scores: Sequence[tuple[str, float]]) -> Entity:
        best = max(scores, key=lambda pair: pair[1], default=None)
        if best is None or best[1] < self.threshold:
            return entity
        learned = (Attribute(COUNTRY_BASIS, CountryBasis.CONTEXT.value),
                   Attribute(COUNTRY_CONFIDENCE, round(best[1], 3)))  # fmt: skip
        kept = tuple(a for a in entity.attributes if a.key != COUNTRY_BASIS)
        return replace(entity, country=best[0], attributes=kept + learned)

    def to_json(self) -> dict[str, object]:
        data = self.model.to_json()
        data["meta"] = {**(self.model.meta or {}), "threshold": self.threshold}
        return data

    @classmethod
    def load(cls, path: Path) -> CountryModel:
        model = LinearModel.load(path)
        return cls(model, float((model.meta or {}).get("threshold", 1.01)))


def builtin_country_model() -> CountryModel | None:
    """The model trained on newsgraph-gold that ships with the package (None if absent)."""
    return load_country_model(BUILTIN)


def load_country_model(setting: str) -> CountryModel | None:
    """The model an `event_model` setting names (`learn.files`): "builtin", "rules" (none) or
    a folder that holds countries.json (a folder without one: none)."""
    return load_part(setting, MODEL_FILE, CountryModel.load)
