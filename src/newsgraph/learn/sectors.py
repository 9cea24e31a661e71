"""Learned sectors: what kind of actor each person or body is (the CAMEO agent type: GOV, MIL,
BUS, MED, EDU, CVL, ELI, ...), read from the text around its mentions and from what the rules,
the gazetteer and the actor knowledge base already say.

Most actors of a news story are in no list: the researcher quoted, the company, the resident,
the former minister. The rules code an actor only from a title, a known name or a telling
word of its name, so most carry no sector. One multinomial logistic regression over each
actor's features (its kind, the words of its name, its titles and their qualifiers, the words
the parser ties to its mentions: "X, a professor", "resident X", "the company said", and the
rules' own agent) gives P(sector).

- An actor the rules leave uncoded takes the model's sector when it is sure enough (`fill`).
- The rules' agent is kept unless the model prefers another sector by a margin (`override`),
  and never replaced when a title the text gives as held now says it ("General X") or the
  gazetteer's kind of the body gives one of `kept_agents` (actor_codes.yaml: a cartel, gang
  or armed group, CRM or REB).

Both cuts are chosen on newsgraph-gold dev (`scripts/train_sectors.py`); the weights ship as
package data (`weights/sectors.json`).

The learned sector is the entity's `sector` attribute, which `coding.code_actor` reads first,
with `sector_source` "model" and `sector_confidence`, so a user can tell it from a looked-up one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Token

from newsgraph.coding import (
    IGO,
    SHARED_READING,
    Coded,
    code_entity,
    listed_agent,
    listed_kind,
    listed_trade,
    name_agent,
    stated_agent,
)
from newsgraph.learn.files import BUILTIN, load_part
from newsgraph.learn.linear import LinearModel
from newsgraph.lexicon.compiled import ActorCodes, load_lexicon
from newsgraph.models import Attribute, Entity, EntityType

# kinds of entity that have a sector (states and places do not)
SECTOR_TYPES = frozenset({
    EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GROUP, EntityType.MEDIA,
    EntityType.ARMED_FORCE,
})  # fmt: skip
MODEL_FILE = "sectors.json"
_MENTIONS_READ = 6  # the first mentions say who an actor is; later ones repeat the name
_SENTENCES_READ = 3  # sentences whose words describe the actor ("the study", "shares fell")
_CONTEXT_DEPS = frozenset({"appos", "compound", "amod", "nmod", "poss", "acl", "relcl", "prep"})


def entity_features(
    entity: Entity, doc: Doc | None, codes: ActorCodes | None = None, rule: Coded | None = None
) -> dict[str, float]:
    """What is known of an actor, as sparse indicator features; `rule` is its code by the
    rules (`coding.code_entity`) when the caller has it already."""
    attributes = {a.key: a.value for a in entity.attributes}
    rule = rule or code_entity(entity, codes)
    features: dict[str, float] = {
        f"type:{entity.type.value}": 1.0,
        f"rule:{rule.agent}": 1.0,
        f"prefix:{'IGO' if rule.prefix == 'IGO' else 'country' if rule.prefix else 'none'}": 1.0,
        f"known:{entity.known}": 1.0,
        f"kb:{'actor_kb' in attributes}": 1.0,
        f"basis:{attributes.get('country_basis', 'named')}": 1.0,
        f"mentions:{min(len(entity.mentions), 5)}": 1.0,
    }
    if attributes.get("kind"):
        features[f"kind:{str(attributes['kind']).lower()}"] = 1.0
    words = entity.name.lower().replace("-", " ").split()
    if entity.type == EntityType.PERSON:
        features[f"name_words:{min(len(words), 4)}"] = 1.0
    else:
        for word in words:
            features[f"name:{word}"] = 1.0
        if words:
            features[f"name_last:{words[-1]}"] = 1.0
    for role in entity.roles:
        source = "text" if role.evidence is not None else "list"
        for word in role.title.lower().replace("-", " ").split():
            features[f"title:{word}"] = 1.0
        features[f"role:{source}:{role.qualifier or 'current'}"] = 1.0
        if role.organization:
            features["role_org"] = 1.0
    if doc is not None:
        _context_features(entity, doc, features)
    return features


def _context_features(entity: Entity, doc: Doc, features: dict[str, float]) -> None:
    """The words the parser ties to the entity's first mentions, and those of the sentences
    of the very first ones."""
    for n, mention in enumerate(entity.mentions[:_MENTIONS_READ]):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if n < _SENTENCES_READ:
            for token in span.sent:
                if token.pos_ in {"NOUN", "VERB"} and not token.is_stop:
                    features[f"sentence:{token.lemma_.lower()}"] = 0.5
        root = span.root
        features[f"dep:{root.dep_}"] = 1.0
        if root.dep_ in {"nsubj", "nsubjpass"}:
            features[f"subject_of:{root.head.lemma_.lower()}"] = 1.0
        elif root.dep_ == "pobj":
            features[f"object_of:{root.head.lower_}:{root.head.head.lemma_.lower()}"] = 1.0
        elif root.dep_ in _CONTEXT_DEPS and root.head.i != root.i:
            features[f"modifies:{_word(root.head)}"] = 1.0
        for child in root.children:
            if child.dep_ in _CONTEXT_DEPS and not (span.start <= child.i < span.end):
                features[f"{child.dep_}:{_word(child)}"] = 1.0
        if span.start > 0:
            before = doc[span.start - 1]
            if before.is_alpha:
                features[f"before:{_word(before)}"] = 1.0


def _word(token: Token) -> str:
    return token.lemma_.lower() if token.pos_ != "PROPN" else "<name>"


@dataclass(frozen=True, slots=True)
class SectorModel:
    """The model and the two cuts chosen on dev: `fill`, the probability from which an actor
    the rules leave uncoded takes the model's sector; `override`, how much more likely than the
    rules' agent another sector must be to replace it (above 1: never)."""

    model: LinearModel
    fill: float
    override: float

    def assign(
        self, entities: Sequence[Entity], doc: Doc | None, codes: ActorCodes | None = None
    ) -> list[Entity]:
        return [self._assigned(e, doc, codes) for e in entities]

    def _assigned(self, entity: Entity, doc: Doc | None, codes: ActorCodes | None) -> Entity:
        if entity.type not in SECTOR_TYPES:
            return entity
        coded = code_entity(entity, codes)
        if coded.prefix == IGO and entity.type != EntityType.PERSON:
            return entity  # an international body is coded as one (IGO), not as an NGO or firm
        rule = coded.agent
        if rule is not None and self._settled(entity, rule, codes):
            return entity  # whatever the model says: no need to ask it
        probabilities = self.model.probabilities(entity_features(entity, doc, codes, coded))
        best = max(probabilities, key=lambda c: probabilities[c])
        p = probabilities[best]
        if best == rule:
            return entity
        if rule is None and p < self.fill:
            return entity
        if rule is not None and p - probabilities.get(rule, 0.0) < self.override:
            return entity
        if (
            rule is not None
            and rule == stated_agent(entity, codes, trade=True)
            and p < TRADE_OVERRULED_FROM
        ):
            return entity  # "Resident X", "Bishop X": the text's word beats a weak guess
        kept = tuple(a for a in entity.attributes if a.key not in SECTOR_KEYS)
        learned = (Attribute("sector", best), Attribute("sector_source", "model"),
                   Attribute("sector_confidence", round(p, 3)))  # fmt: skip
        return replace(entity, attributes=kept + learned)

    @staticmethod
    def _settled(entity: Entity, rule: str, codes: ActorCodes | None) -> bool:
        """Whether the rules' agent stands whatever the model says: the text's own title
        ("General X"), a person's trade a gazetteer lists ("Footballer"), or a cartel or
        armed group a gazetteer or the actor knowledge base lists (actor_codes.yaml
        `kept_agents`: "Basque Fatherland and Liberty" stays REB), a one-party state's ruling
        party (`kept_kinds`), or a party every reading of an ambiguous name is, where which
        actor it is stays unknown (`kept_shared`: "Democratic" alone, the model took for
        REB), or what a body's own name says it is (`kept_names`: "the Medellin Cartel")."""
        if stated_agent(entity, codes) == rule or listed_trade(entity, codes) == rule:
            return True
        shipped = codes or load_lexicon().actor_codes
        shared = any(a.key == "sector_source" and a.value == SHARED_READING
                     for a in entity.attributes)  # fmt: skip
        if shared and rule in shipped.kept_shared:
            return True
        if rule in shipped.kept_agents and any(a.key == "actor_kb" for a in entity.attributes):
            return True
        if rule in shipped.kept_names and name_agent(entity.name, shipped) == rule:
            return True  # "the Medellin Cartel" names what it is
        if listed_agent(entity, codes) != rule:
            return False
        return rule in shipped.kept_agents or listed_kind(entity) in shipped.kept_kinds

    def to_json(self) -> dict[str, object]:
        data = self.model.to_json()
        data["meta"] = {**(self.model.meta or {}), "fill": self.fill, "override": self.override}
        return data

    @classmethod
    def load(cls, path: Path) -> SectorModel:
        model = LinearModel.load(path)
        meta = model.meta or {}
        return cls(model, float(meta.get("fill", 1.01)), float(meta.get("override", 1.01)))


# the probability from which the model's sector overrules a trade the text gives a person
# ("historian X", whom a party nominated, is the party's); under it the trade stands
TRADE_OVERRULED_FROM = 0.5

# the attributes that say an entity's sector and where it came from
SECTOR_KEYS = frozenset({"sector", "sector_source", "sector_confidence"})


def builtin_sector_model() -> SectorModel | None:
    """The model trained on newsgraph-gold that ships with the package (None if absent)."""
    return load_sector_model(BUILTIN)


def load_sector_model(setting: str) -> SectorModel | None:
    """The model an `event_model` setting names (`learn.files`): "builtin", "rules" (none) or
    a folder that holds sectors.json (a folder without one: none)."""
    return load_part(setting, MODEL_FILE, SectorModel.load)
