"""Features of one rule-coded event candidate, read off the parse and the rules' own output.

The learned tagger (`learn.tagger`) reads these, prefixed `r:`, for every word a rule-coded
event starts from, beside the word's own features. Features are sparse indicators named
`kind=value`; the rules' guesses (type, mode, modality, sides) are features like any other.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.annotate.events.grammar import trigger_token
from newsgraph.models import Agent, Entity, Event

_QUOTES = set('"“”«»')
_CUE_WORDS = {
    "if", "unless", "whether", "could", "would", "might", "may", "should", "will", "shall",
    "allegedly", "reportedly", "accused", "alleged", "denied", "deny", "denies", "claimed",
    "said", "says", "told", "threatened", "warned", "plans", "planned", "expected", "urged",
    "called", "demanded", "asked", "not", "no", "never", "refused", "failed", "possible",
    "likely", "according", "suspected", "proposed", "wants", "seeks", "sought", "ready",
    "agreed", "promised", "pledged", "vowed", "hopes", "feared", "fears", "risk", "dare",
}  # fmt: skip


def _kind(entities: dict[str, Entity], ids: tuple[str, ...], agent: Agent | None) -> str:
    if ids:
        entity = entities.get(ids[0])
        return entity.type.value if entity else "entity"
    return f"agent:{agent.code}" if agent else "none"


def event_features(doc: Doc, event: Event, entities: dict[str, Entity]) -> dict[str, float]:
    """Sparse features of a rule-coded event (an empty trigger lookup still gives rule features)."""
    features: dict[str, float] = {
        f"type={event.type}": 1.0,
        f"type_mode={event.type}/{event.mode}": 1.0,
        f"rule_modality={event.modality.value}": 1.0,
        f"type_modality={event.type}/{event.modality.value}": 1.0,
        f"source={_kind(entities, event.source, event.source_agent)}": 1.0,
        f"target={_kind(entities, event.target, event.target_agent)}": 1.0,
        f"sides={min(len(event.source), 2)}/{min(len(event.target), 2)}": 1.0,
        f"date_basis={event.date_basis}": 1.0,
        "bias_rule": 1.0,
    }
    if event.negated:
        features["negated"] = 1.0
    if event.attributed_to:
        features["attributed"] = 1.0
    if event.mutual:
        features["mutual"] = 1.0
    if event.location:
        features["located"] = 1.0
    if event.quote:
        features["carries_quote"] = 1.0
    token = trigger_token(doc, event)
    if token is not None:
        features.update(_token_features(token, event.type))
    return features


def _token_features(token: Token, kind: str) -> dict[str, float]:
    lemma = token.lemma_.lower()
    features = {
        f"lemma={lemma}": 1.0,
        f"lemma_type={lemma}|{kind}": 1.0,
        f"pos={token.pos_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"head={token.head.lemma_.lower()}": 1.0,
        f"head_dep={token.dep_}>{token.head.lemma_.lower()}": 1.0,
    }
    for child in token.children:
        if child.dep_ in {"aux", "auxpass", "neg", "mark", "advmod", "prt"}:
            features[f"child={child.dep_}:{child.lower_}"] = 1.0
        features[f"child_dep={child.dep_}"] = 1.0
    node, steps = token, 0
    while node.head.i != node.i and steps < 3:
        features[f"anc={node.dep_}>{node.head.lemma_.lower()}"] = 1.0
        for child in node.head.children:
            if child.dep_ in {"aux", "neg", "mark"}:
                features[f"anc_child={child.lower_}"] = 1.0
        node, steps = node.head, steps + 1
    sent = token.sent
    words = {t.lower_ for t in sent}
    for cue in words & _CUE_WORDS:
        features[f"sent_cue={cue}"] = 1.0
    before = {t.lower_ for t in sent if t.i < token.i}
    for cue in before & _CUE_WORDS:
        features[f"before_cue={cue}"] = 1.0
    if any(ch in _QUOTES for ch in sent.text):
        features["sent_quote"] = 1.0
    if sent.start == 0:
        features["first_sentence"] = 1.0
    if token.pos_ in {"NOUN", "PROPN"}:
        features["nominal"] = 1.0
    features[f"sent_len={min(len(sent) // 10, 5)}"] = 1.0
    return features
