"""The learned alignments: which two actors of a sentence the text ties by a standing relation.

The rules read alignments from the lexicon's verbs, nouns and titles ("X, who heads Y", "Y
chairman X", "an ally of", "supports") and from roles. Their misses are the many ways news
states a post or a side without a listed word ("Collin Peterson (Democratic)", "Bryant of the
Lakers", "Germany, a G7 member"), and their false alarms are pairs a title word happens to
join. For every ordered pair of actors named in one sentence (their nearest mentions, at most
`MAX_GAP` tokens apart), one multinomial logistic regression, trained on newsgraph-gold
(scripts/train_alignments.py), reads the two actors' kinds and sectors, the words and the
dependency path between them, the words around each, and the rules' own relation between
them, and gives P(relation) for the relations it learns (`LEARNED`) and NONE.

Decoding, with its two settings chosen on dev by the product's alignment F1:
* a rule alignment of a learned relation whose pair the model judges unrelated
  (P(NONE) >= `drop`) is dropped; the others stay, with the rules' validity and negation;
* a pair the rules left alone whose likeliest relation is not NONE, with P >= `add`, becomes
  an alignment of that relation (validity from its sentence's dates, confidence P).
Relations the model does not learn (recognizes, loyal_to, invested_in, supplies_arms_to: a
few dozen in the gold) are the rules' alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Span, Token

from newsgraph.annotate.frames import DocView, mention_spans
from newsgraph.annotate.relations import relation_validity
from newsgraph.learn.files import BUILTIN, load_part
from newsgraph.learn.linear import CompiledModel, LinearModel
from newsgraph.models import SYMMETRIC_RELATIONS, Entity, EntityType, Relation

MODEL_FILE = "alignments.json"
NONE = "NONE"
LEARNED = frozenset({"leads", "member_of", "supports", "opposes", "allied_with"})
# the kinds of actor an alignment ties (places, weapons and unnamed sides are not actors here)
_ACTORS = frozenset({
    EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GROUP, EntityType.MEDIA,
    EntityType.ARMED_FORCE, EntityType.STATE,
})  # fmt: skip
MAX_GAP = 25  # tokens between two mentions beyond which a sentence ties them only by chance
_BETWEEN = 8  # words between the two read one by one
_PATH = 4  # dependency steps read either side of the common ancestor


@dataclass(frozen=True, slots=True)
class Pair:
    """Two actors named in one sentence (its index), by their nearest mentions there."""

    subject: str
    object: str
    a: Span
    b: Span
    sentence: int


def pairs(view: DocView) -> list[Pair]:
    """Every ordered pair of actors named in the same sentence, nearest mentions first."""
    by_sentence: dict[int, list[tuple[Span, str]]] = {}
    for span, entity_id in mention_spans(view.entities.values(), view.doc):
        if view.entities[entity_id].type in _ACTORS and len(span):
            by_sentence.setdefault(view.sentence_index(span[0]), []).append((span, entity_id))
    found: list[Pair] = []
    for sentence, mentions in by_sentence.items():
        nearest: dict[tuple[str, str], tuple[int, Span, Span]] = {}
        for a, first in mentions:
            for b, second in mentions:
                if first == second:
                    continue
                gap = _gap(a, b)
                key = (first, second)
                if gap <= MAX_GAP and (key not in nearest or gap < nearest[key][0]):
                    nearest[key] = (gap, a, b)
        found += [Pair(s, o, a, b, sentence) for (s, o), (_, a, b) in nearest.items()]
    return found


def _gap(a: Span, b: Span) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


def pair_features(view: DocView, pair: Pair, rule: str | None) -> dict[str, float]:
    """Sparse indicator features of one ordered pair (see the module docstring)."""
    first, second = view.entities[pair.subject], view.entities[pair.object]
    kinds = f"{first.type.value}|{second.type.value}"
    found = {
        "bias": 1.0,
        f"kinds={kinds}": 1.0,
        f"sectors={_sector(first)}|{_sector(second)}": 1.0,
        f"order={'ab' if pair.a.start < pair.b.start else 'ba'}|{kinds}": 1.0,
        f"gap={min(_gap(pair.a, pair.b), 10) // 2}": 1.0,
        f"rule={rule}": 1.0,
        f"rule_kinds={rule}|{kinds}": 1.0,
    }
    doc = view.doc
    low, high = sorted((pair.a, pair.b), key=lambda s: s.start)
    between = doc[low.end : high.start]
    if len(between) <= _BETWEEN:
        for token in between:
            found[f"btw={token.lemma_.lower()}"] = 1.0
        words = " ".join(t.lower_ for t in between)
        found[f"btw_all={words}"] = 1.0
    else:
        found["btw_far"] = 1.0
    for name, span in (("a", pair.a), ("b", pair.b)):
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        found[f"{name}_prev={before.lower_ if before is not None else '<s>'}"] = 1.0
        found[f"{name}_next={after.lower_ if after is not None else '</s>'}"] = 1.0
        found[f"{name}_dep={span.root.dep_}"] = 1.0
        found[f"{name}_head={span.root.head.lemma_.lower()}"] = 1.0
        for child in span.root.children:
            if (
                child.dep_ in {"compound", "amod", "appos", "poss"}
                and not span.start <= child.i < span.end
            ):
                found[f"{name}_mod={child.dep_}:{child.lemma_.lower()}"] = 1.0
    found.update(_path_features(pair.a.root, pair.b.root))
    return found


def _sector(entity: Entity) -> str:
    return next((str(a.value) for a in entity.attributes if a.key == "sector"), "-")


def _path_features(a: Token, b: Token) -> dict[str, float]:
    """The dependency path from `a` up to the common ancestor and down to `b`."""
    up_a = _ancestors(a)
    up_b = _ancestors(b)
    common = next((t for t in up_a if t in set(up_b)), None)
    if common is None:
        return {"path=none": 1.0}
    left = [t.dep_ for t in up_a[: up_a.index(common)]]
    right = [t.dep_ for t in up_b[: up_b.index(common)]]
    if len(left) > _PATH or len(right) > _PATH:
        return {"path=far": 1.0, f"lca={common.lemma_.lower()}": 1.0}
    path = ">".join(left) + "^" + "<".join(reversed(right))
    return {
        f"path={path}": 1.0,
        f"lca={common.lemma_.lower()}": 1.0,
        f"path_lca={path}|{common.lemma_.lower()}": 1.0,
        f"steps={len(left) + len(right)}": 1.0,
    }


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 12:
        chain.append(chain[-1].head)
    return chain


def rule_relations(relations: Sequence[Relation]) -> dict[tuple[str, str, int], str]:
    """(subject, object, sentence) -> the rules' learned-kind relation between them."""
    found: dict[tuple[str, str, int], str] = {}
    for r in relations:
        if r.relation in LEARNED:
            found.setdefault((r.subject, r.object, r.evidence.sentence), r.relation)
            if r.relation in SYMMETRIC_RELATIONS:
                found.setdefault((r.object, r.subject, r.evidence.sentence), r.relation)
    return found


def candidates(
    view: DocView, relations: Sequence[Relation]
) -> Iterator[tuple[Pair, str | None, dict[str, float]]]:
    """Each pair, the rules' relation for it (if any) and its features."""
    ruled = rule_relations(relations)
    for pair in pairs(view):
        rule = ruled.get((pair.subject, pair.object, pair.sentence))
        yield pair, rule, pair_features(view, pair, rule)


class AlignmentModel:
    """The model and its two decoding settings (above 1: never)."""

    def __init__(self, model: LinearModel, drop: float, add: float) -> None:
        self.model, self.drop, self.add = model, drop, add
        self._compiled = CompiledModel(model)  # once per process, not per document

    def assign(
        self,
        view: DocView,
        relations: Sequence[Relation],
        excludes: Mapping[str, frozenset[str]] | None = None,
    ) -> list[Relation]:
        """The rules' relations less those the model doubts, and those it adds; `excludes`
        (the relation lexicon's `object_excludes`) keeps an added relation's object to the
        types the relation allows (no one is `member_of` a state)."""
        found = list(candidates(view, relations))
        if not found:
            return list(relations)
        scored = self._compiled.probabilities([f for _, _, f in found])
        judged = {(p.subject, p.object, p.sentence): (p, s)
                  for (p, _, _), s in zip(found, scored, strict=True)}  # fmt: skip
        kept = [r for r in relations if not self._dropped(r, judged)]
        told = {(r.subject, r.object, r.evidence.sentence) for r in kept}
        told |= {(o, s, n) for s, o, n in told}
        excluded = excludes or {}
        added = [
            new
            for key, (pair, probabilities) in judged.items()
            if key not in told
            and self._adds(probabilities)
            and view.entities[pair.object].type.value
            not in excluded.get((new := self._new(view, pair, probabilities)).relation, ())
        ]
        ordered = sorted([*kept, *added], key=lambda r: (r.evidence.start, r.evidence.end))
        return [replace(r, id=f"r{i + 1}") for i, r in enumerate(_once(ordered))]

    def _dropped(
        self, relation: Relation, judged: dict[tuple[str, str, int], tuple[Pair, dict[str, float]]]
    ) -> bool:
        if relation.relation not in LEARNED:
            return False
        key = (relation.subject, relation.object, relation.evidence.sentence)
        hit = judged.get(key)
        return hit is not None and hit[1].get(NONE, 0.0) >= self.drop

    def _adds(self, probabilities: dict[str, float]) -> bool:
        best = max(probabilities, key=lambda c: probabilities[c])
        return best != NONE and probabilities[best] >= self.add

    def _new(self, view: DocView, pair: Pair, probabilities: dict[str, float]) -> Relation:
        best = max(probabilities, key=lambda c: probabilities[c])
        low, high = sorted((pair.a, pair.b), key=lambda s: s.start)
        evidence = view.evidence(list(view.doc[low.start : high.end]))
        valid_from, valid_until = relation_validity(view, evidence.sentence)
        citation = view.citation_for(evidence.sentence)
        return Relation(id="", subject=pair.subject, relation=best, object=pair.object,
                        evidence=evidence, valid_from=valid_from, valid_until=valid_until,
                        citation=citation.id if citation else None,
                        confidence=round(probabilities[best], 3))  # fmt: skip

    def to_json(self) -> dict[str, object]:
        data = self.model.to_json()
        data["meta"] = {**(self.model.meta or {}), "drop": self.drop, "add": self.add}
        return data

    @classmethod
    def load(cls, path: Path) -> AlignmentModel:
        model = LinearModel.load(path)
        meta = model.meta or {}
        return cls(model, float(meta.get("drop", 1.01)), float(meta.get("add", 1.01)))


def _once(relations: list[Relation]) -> list[Relation]:
    """A symmetric relation once per pair and sentence, whichever way it was read."""
    seen: set[tuple[str, str, str, int]] = set()
    out = []
    for r in relations:
        key = (r.subject, r.relation, r.object, r.evidence.sentence)
        if key in seen:
            continue
        seen.add(key)
        if r.relation in SYMMETRIC_RELATIONS:
            seen.add((r.object, r.relation, r.subject, r.evidence.sentence))
        out.append(r)
    return out


def builtin_alignment_model() -> AlignmentModel | None:
    """The model trained on newsgraph-gold that ships with the package (None if absent)."""
    return load_alignment_model(BUILTIN)


def load_alignment_model(setting: str) -> AlignmentModel | None:
    """The model an `event_model` setting names (`learn.files`): "builtin", "rules" (none) or
    a folder that holds alignments.json (a folder without one: none)."""
    return load_part(setting, MODEL_FILE, AlignmentModel.load)
