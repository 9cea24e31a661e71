"""Dates an event takes from its episode (guideline §7, v2): "On Monday, police arrested ten
people. They also seized weapons." dates both acts Monday.

News tells an episode in order, and states its date once. An event whose own clause and
sentence give no date (and no citation dates it) may take a date stated before it: the last
one, the last day named, or the date of the event told just before. Which, and whether any
(most such events are undated in the gold: a present-tense "says", a background fact, a plan),
is learned. One binary logistic regression, trained on newsgraph-gold
(scripts/train_dates.py), scores each (event, earlier date) pair: how far back the date was
stated and whether a paragraph break lies between, its precision and where it stands to the
publication date, the trigger's tense and auxiliaries, the event's type and modality, whether
it is told inside a quote, and the sentence's time cues ("since", "ago", "will"). The best date
is taken when its probability reaches `cut` (chosen with C on held-out data: article-grouped
cross-validation on train together with dev); such an event's `date_basis` is "episode".
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from newsgraph.annotate.events.grammar import trigger_token
from newsgraph.annotate.frames import DocView
from newsgraph.learn.files import load_part
from newsgraph.learn.linear import CompiledModel, LinearModel
from newsgraph.learn.modality import QuotesBySentence, by_sentence, quote_features
from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.models import EPISODE, Event, Granularity, Quote, TimeExpression

MODEL_FILE = "episode_dates.json"
CARRY = "carry"  # the class of a pair whose date the event takes
# the precisions an episode is dated at (a decade or a season dates no act)
_PRECISE = {Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.YEAR}
# how many distinct earlier dates are weighed, most recent first
MAX_REFERENCES = 3
_AUX = {"aux", "auxpass", "neg"}
_SUBJECTS = {"nsubj", "nsubjpass"}


@cache
def _cue_words() -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's episode cues and occasion nouns (words.yaml), read once per process."""
    words = load_lexicon().words
    return frozenset(words["episode_cues"]), frozenset(words["occasion_nouns"])


@dataclass(frozen=True, slots=True)
class Reference:
    """An earlier date the event may take: its value and why it is a candidate."""

    value: str
    granularity: Granularity
    sentence: int  # where it was last stated
    # "last" (stated last), "last_day", "last_event" (the last dated event's), and how an
    # earlier dated event is kin to this one: "same_type", "same_trigger", "shared_side"
    kinds: frozenset[str]
    rank: int  # 0 for the most recent distinct date
    inferred_year: bool = False


def references(view: DocView, event: Event, earlier: Sequence[Event]) -> list[Reference]:
    """The distinct dates stated before the event's sentence (most recent first, at most
    MAX_REFERENCES), the date of the last dated event told before it, and the dates of
    earlier dated events it may name again or continue (same type, same trigger word, a
    shared side)."""
    sentence = event.evidence.sentence
    stated = [d for d in view.dates if d.value and d.granularity in _PRECISE
              and d.sentence < sentence]  # fmt: skip
    found: dict[str, Reference] = {}
    last_day = next((d for d in reversed(stated) if d.granularity == Granularity.DAY), None)
    for d in reversed(stated):
        if d.value in found or d.value is None:
            continue
        if len(found) == MAX_REFERENCES:
            break
        kinds = {"last"} if not found else set()
        if d is last_day:
            kinds.add("last_day")
        found[d.value] = _reference(d, kinds, len(found))
    if last_day is not None and last_day.value not in found and last_day.value is not None:
        found[last_day.value] = _reference(last_day, {"last_day"}, len(found))
    told = [e for e in earlier if e.date and e.date_basis in {"sentence", "citation"}
            and e.evidence.start < event.evidence.start]  # fmt: skip
    for i, other in enumerate(reversed(told)):
        kinds = _kinship(event, other) | ({"last_event"} if i == 0 else set())
        if kinds:
            _add(found, other, kinds)
    return list(found.values())


def _kinship(event: Event, other: Event) -> set[str]:
    """How an earlier dated event may be the same occurrence or its episode."""
    kinds = set()
    if other.type == event.type:
        kinds.add("same_type")
    if other.trigger.lower()[:5] == event.trigger.lower()[:5]:  # "attacked", "the attack"
        kinds.add("same_trigger")
    if set(other.source + other.target) & set(event.source + event.target):
        kinds.add("shared_side")
    return kinds


def _add(found: dict[str, Reference], other: Event, kinds: set[str]) -> None:
    """Adds an earlier event's date as a reference, or its kinds to the same date's."""
    assert other.date is not None
    known = found.get(other.date)
    if known is not None:
        found[other.date] = replace(known, kinds=known.kinds | kinds)
        return
    granularity = _granularity_of(other.date)
    if granularity is not None:
        found[other.date] = Reference(other.date, granularity, other.evidence.sentence,
                                      frozenset(kinds), len(found))  # fmt: skip


def _reference(d: TimeExpression, kinds: set[str], rank: int) -> Reference:
    assert d.value is not None
    return Reference(d.value, d.granularity, d.sentence, frozenset(kinds), rank, d.year_inferred)


def _granularity_of(value: str) -> Granularity | None:
    """The precision an ISO value is written at ("2019-05-01", "2019-05", "2019", "2019-W20")."""
    if "W" in value:
        return Granularity.WEEK
    return {10: Granularity.DAY, 7: Granularity.MONTH, 4: Granularity.YEAR}.get(len(value))


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-4" if n < 5 else "5-9" if n < 10 else "10+"


def _versus_publication(value: str, published: str | None) -> str:
    """Where a date stands to the publication date: after it, the same day, or how long before."""
    if not published:
        return "unknown"
    day = _first_day(value)
    try:
        then, pub = date.fromisoformat(day), date.fromisoformat(published[:10])
    except ValueError:
        return "unknown"
    days = (pub - then).days
    if value.startswith(published[:10]):
        return "same_day"
    if len(value) == 4 and published.startswith(value):
        return "same_year"
    if len(value) == 7 and published.startswith(value):
        return "same_month"
    if days < 0:
        return "after"
    return "week" if days <= 7 else "month" if days <= 31 else "year" if days <= 366 else "older"


def _first_day(value: str) -> str:
    if "W" in value:  # an ISO week: its Monday
        year, week = value.split("-W")
        return date.fromisocalendar(int(year), int(week[:2]), 1).isoformat()
    return {4: f"{value}-01-01", 7: f"{value}-01"}.get(len(value), value)


class _Paragraphs:
    """The paragraph of each sentence: a new one starts after a line break."""

    def __init__(self, view: DocView) -> None:
        # the line break ends the previous sentence's span (its trailing whitespace) or lies
        # between the two
        sents = view.sents
        self.breaks = [i for i in range(1, len(sents))
                       if "\n" in view.text[sents[i - 1].start_char:sents[i].start_char]
                       .rstrip(" \t")[-2:]]  # fmt: skip

    def of(self, sentence: int) -> int:
        return bisect.bisect_right(self.breaks, sentence)


def pair_features(
    view: DocView,
    event: Event,
    reference: Reference,
    published: str | None,
    quotes: QuotesBySentence,
    paragraphs: _Paragraphs,
) -> dict[str, float]:
    """Features of one (event, earlier date) pair."""
    token = trigger_token(view.doc, event)
    tag = token.tag_ if token is not None else "none"
    distance = _bucket(event.evidence.sentence - reference.sentence)
    breaks = paragraphs.of(event.evidence.sentence) - paragraphs.of(reference.sentence)
    gran = reference.granularity.value
    features = {
        "bias": 1.0,
        f"gran={gran}": 1.0,
        f"rank={reference.rank}": 1.0,
        f"dist={distance}": 1.0,
        f"paragraphs={_bucket(breaks)}": 1.0,
        f"vs_pub={_versus_publication(reference.value, published)}": 1.0,
        f"type={event.type}": 1.0,
        f"modality={event.modality.value}": 1.0,
        f"tag={tag}": 1.0,
        f"gran_tag={gran}|{tag}": 1.0,
        f"dist_tag={distance}|{tag}": 1.0,
        f"paragraphs_tag={min(breaks, 2)}|{tag}": 1.0,
    }
    for kind in reference.kinds:
        features[f"kind={kind}"] = 1.0
        features[f"kind_dist={kind}|{distance}"] = 1.0
    if reference.inferred_year:
        features["inferred_year"] = 1.0
    if event.negated:
        features["negated"] = 1.0
    if token is not None:
        features.update(_trigger_features(token))
    for name in quote_features(view, event, quotes):
        if name.startswith(("in_quote=", "no_quote")):
            features[name] = 1.0
    cues, occasions = _cue_words()
    sentence = view.sents[event.evidence.sentence]
    for cue in {t.lower_ for t in sentence} & cues:
        features[f"cue={cue}"] = 1.0
    if sentence[0].pos_ == "PRON":
        features["starts_with_pronoun"] = 1.0
    if {t.lemma_.lower() for t in view.sents[reference.sentence]} & occasions:
        features["occasion"] = 1.0
        features[f"occasion_type={event.type}"] = 1.0
    if any(d.sentence == event.evidence.sentence and d.value for d in view.dates):
        features["sentence_has_date"] = 1.0
    return features


def _trigger_features(token: Token) -> dict[str, float]:
    """The trigger's tense: its own auxiliaries, and a noun's verb."""
    features = {}
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    features[f"verb_tag={verb.tag_}"] = 1.0
    for child in verb.children:
        if child.dep_ in _AUX:
            features[f"aux={child.lower_}"] = 1.0
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            kind = "PRON" if child.pos_ == "PRON" else child.ent_type_ or child.pos_
            features[f"subject={kind}"] = 1.0
    if verb.dep_ in {"xcomp", "ccomp", "advcl", "relcl"}:
        features[f"verb_dep={verb.dep_}"] = 1.0
        features[f"governor_tag={verb.head.tag_}"] = 1.0
        if verb.dep_ == "ccomp":  # told inside what someone said, wrote, found
            features[f"governor={verb.head.lemma_.lower()}"] = 1.0
    return features


@dataclass(frozen=True, slots=True)
class EpisodeDates:
    """The model and `cut`: the probability from which an event takes its best earlier date."""

    model: LinearModel
    cut: float

    def assign(
        self,
        view: DocView,
        events: Sequence[Event],
        quotes: Sequence[Quote],
        published: str | None,
    ) -> list[Event]:
        pairs = self.pairs(view, events, quotes, published)
        if not pairs:
            return list(events)
        scored = CompiledModel(self.model).probabilities([f for _, _, f in pairs])
        best: dict[int, tuple[float, str]] = {}
        for (index, reference, _), probabilities in zip(pairs, scored, strict=True):
            p = probabilities.get(CARRY, 0.0)
            if p >= self.cut and p > best.get(index, (-1.0, ""))[0]:
                best[index] = (p, reference.value)
        return [replace(e, date=best[i][1], date_basis=EPISODE) if i in best else e
                for i, e in enumerate(events)]  # fmt: skip

    @staticmethod
    def pairs(
        view: DocView, events: Sequence[Event], quotes: Sequence[Quote], published: str | None
    ) -> list[tuple[int, Reference, dict[str, float]]]:
        """(event's position, reference, features) for every undated event's earlier dates."""
        index = by_sentence(quotes)
        paragraphs = _Paragraphs(view)
        found = []
        for i, event in enumerate(events):
            if event.date is not None:
                continue
            for reference in references(view, event, events):
                features = pair_features(view, event, reference, published, index, paragraphs)
                found.append((i, reference, features))
        return found

    def to_json(self) -> dict[str, object]:
        data = self.model.to_json()
        data["meta"] = {**(self.model.meta or {}), "cut": self.cut}
        return data

    @classmethod
    def load(cls, path: Path) -> EpisodeDates:
        model = LinearModel.load(path)
        return cls(model, float((model.meta or {}).get("cut", 1.01)))


def load_episode_dates(setting: str) -> EpisodeDates | None:
    """The model an `event_model` setting names (`learn.files`): "builtin", "rules" (none) or
    a folder that holds episode_dates.json (a folder without one: none)."""
    return load_part(setting, MODEL_FILE, EpisodeDates.load)
