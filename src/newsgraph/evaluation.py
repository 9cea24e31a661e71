"""Scores of the event coder against two gold standards, coding from raw text only.

PETRARCH2 validation sentences: micro precision/recall/F1 over (source country, target country,
CAMEO root) triples. PLOVER gold-standard records: accuracy of the event type of the most
confident event, and of its actors' countries when the type is right.

>>> extractor = Extractor(Settings())                                    # doctest: +SKIP
>>> score = evaluate_petrarch(Path("PETR2_GSR_validation.xml"), extractor)  # doctest: +SKIP
>>> score.precision, score.recall, score.f1                              # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from newsgraph.coding import cameo_pairs
from newsgraph.errors import ConfigError
from newsgraph.models import CodedSide, Entity, Event, Extraction, Modality

REJECT_ROOT = "12"
UNCODED = "---"  # PETRARCH's and GDELT's code for a missing actor or one with no country
Triple = tuple[str, str, str]  # (source country, target country, CAMEO root: two digits)

PETRARCH2_REFERENCE = (0.85, 0.76, 0.80)  # PETRARCH2 with gold parses: precision, recall, F1

# PLOVER 0.5b1 names of the gold records -> PLOVER 2.0 (type, mode), as the PLOVER manual maps them
PLOVER_RENAMES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", None),
    "FIGHT": ("ASSAULT", None),
    "INVESTIGATE": ("ACCUSE", "investigate"),
}

# Gold records use a few pre-ISO CAMEO country codes; ours are ISO 3166-1 alpha-3
LEGACY_COUNTRY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PARSE = re.compile(r"<Parse>.*?</Parse>", re.DOTALL)
_SENTENCE_START = re.compile(r"(?=<Sentence\s)")
_OPENING_TAG = re.compile(r"<Sentence\s([^>]*?)/?>")
_EVENT_CODING = re.compile(r"<EventCoding\s([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)
_ATTRIBUTE = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')


class TextExtractor(Protocol):
    """What the evaluation needs of an extractor: `Extractor` is one."""

    def extract_text(self, text: str, *, published: date | None = ...) -> Extraction: ...


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PetrarchSentence:
    """One gold sentence of the PETRARCH2 validation file."""

    id: str
    text: str
    published: date | None  # None when the record's date is not YYYYMMDD
    gold: frozenset[Triple]


@dataclass(frozen=True, slots=True)
class SentenceResult:
    """Gold and predicted triples of one sentence."""

    id: str
    text: str
    gold: frozenset[Triple]
    predicted: frozenset[Triple]


@dataclass(frozen=True, slots=True)
class PetrarchScore:
    """Micro precision, recall and F1 over every sentence's triples."""

    true_positives: int
    predicted: int
    gold: int
    sentences: tuple[SentenceResult, ...] = ()
    skipped: tuple[str, ...] = ()  # ids of sentences with an empty <Text>: nothing to code from

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.true_positives, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class PloverRecord:
    """One gold record, its event type already renamed to PLOVER 2.0."""

    id: str
    text: str
    published: date | None
    type: str
    mode: str | None
    source: frozenset[str]
    target: frozenset[str]


@dataclass(frozen=True, slots=True)
class PloverResult:
    """What was extracted from one record's text: the top event's type and actors, all types."""

    record: PloverRecord
    predicted: str | None
    types: frozenset[str]
    source: frozenset[str]
    target: frozenset[str]

    @property
    def correct(self) -> bool:
        return self.predicted == self.record.type


@dataclass(frozen=True, slots=True)
class TypeCount:
    """How many gold records have this type and how many of them were typed right."""

    type: str
    gold: int
    correct: int


@dataclass(frozen=True, slots=True)
class PloverScore:
    """Type, coverage and actor accuracies over the PLOVER records."""

    results: tuple[PloverResult, ...]

    @property
    def type_accuracy(self) -> float:
        return _ratio(sum(r.correct for r in self.results), len(self.results))

    @property
    def any_accuracy(self) -> float:
        """Share of records whose gold type is among all the events extracted."""
        return _ratio(sum(r.record.type in r.types for r in self.results), len(self.results))

    @property
    def coverage(self) -> float:
        """Share of records with at least one extracted event."""
        return _ratio(sum(r.predicted is not None for r in self.results), len(self.results))

    @property
    def source_accuracy(self) -> float:
        """Among correctly typed records with a gold source, share whose source country matches."""
        scored = [r for r in self.results if r.correct and r.record.source]
        return _ratio(sum(bool(r.source & r.record.source) for r in scored), len(scored))

    @property
    def target_accuracy(self) -> float:
        """Among correctly typed records with a gold target, share whose target country matches."""
        scored = [r for r in self.results if r.correct and r.record.target]
        return _ratio(sum(bool(r.target & r.record.target) for r in scored), len(scored))

    @property
    def per_type(self) -> tuple[TypeCount, ...]:
        gold = Counter(r.record.type for r in self.results)
        correct = Counter(r.record.type for r in self.results if r.correct)
        return tuple(TypeCount(t, gold[t], correct[t]) for t in sorted(gold))

    @property
    def confusion(self) -> Counter[tuple[str, str | None]]:
        """(gold type, predicted type) -> number of records."""
        return Counter((r.record.type, r.predicted) for r in self.results)


# --------------------------------------------------------------------------------------------
# PETRARCH2 validation sentences
# --------------------------------------------------------------------------------------------


def evaluate_petrarch(path: Path, extractor: TextExtractor) -> PetrarchScore:
    """Code every evaluated sentence of PETR2_GSR_validation.xml from its text and score it.

    A sentence whose <Text> is empty (one record has only a parse) is not scored: its id is in
    `skipped`, since coding from the parse would not measure what newsgraph does.

    >>> score = evaluate_petrarch(Path("PETR2_GSR_validation.xml"), extractor)  # doctest: +SKIP
    >>> score.precision, score.recall, score.f1                                # doctest: +SKIP
    """
    sentences = load_petrarch(path)
    results = []
    for sentence in sentences:
        if sentence.text:
            extraction = extractor.extract_text(sentence.text, published=sentence.published)
            predicted = event_triples(extraction)
            results.append(SentenceResult(sentence.id, sentence.text, sentence.gold, predicted))
    skipped = tuple(s.id for s in sentences if not s.text)
    return score_sentences(results, skipped=skipped)


def load_petrarch(path: Path) -> tuple[PetrarchSentence, ...]:
    """The sentences marked evaluate="true" in a PETRARCH2 validation file."""
    sentences = parse_petrarch(_read(path, "PETRARCH2 validation file"))
    if not sentences:
        raise ConfigError(f"{path}: no <Sentence evaluate=\"true\"> records found; is this a "
                          "PETRARCH2 validation file (PETR2_GSR_validation.xml)?")  # fmt: skip
    return sentences


def parse_petrarch(content: str) -> tuple[PetrarchSentence, ...]:
    """Parse validation records with regular expressions: the file is not well-formed XML.

    Comments and `<Parse>` blocks are dropped first: we code from the raw text only.
    """
    body = _PARSE.sub("", _COMMENT.sub("", content))
    chunks = (c for c in _SENTENCE_START.split(body) if c.startswith("<Sentence"))
    parsed = (_petrarch_sentence(chunk) for chunk in chunks)
    return tuple(s for s in parsed if s is not None)


def _petrarch_sentence(chunk: str) -> PetrarchSentence | None:
    opening = _OPENING_TAG.match(chunk)
    attributes = _attributes(opening.group(1)) if opening else {}
    if attributes.get("evaluate", "").lower() != "true":
        return None
    ident = attributes.get("id", "?")
    text = _TEXT.search(chunk)
    if text is None:
        raise ConfigError(f"PETRARCH2 sentence {ident} has no <Text>: fix or drop the record.")
    codings = [_attributes(m.group(1)) for m in _EVENT_CODING.finditer(chunk)]
    return PetrarchSentence(
        id=ident,
        text=" ".join(html.unescape(text.group(1)).split()),
        published=_petrarch_date(attributes.get("date", "")),
        gold=frozenset(_gold_triple(c, ident) for c in codings if "eventcode" in c),
    )


def _gold_triple(coding: dict[str, str], ident: str) -> Triple:
    try:
        return coding["sourcecode"][:3], coding["targetcode"][:3], coding["eventcode"][:2]
    except KeyError as e:
        raise ConfigError(f"PETRARCH2 sentence {ident}: <EventCoding> lacks {e}.") from e


def _petrarch_date(value: str) -> date | None:
    """YYYYMMDD; None for the odd record whose date is not (one has "121108"): unknown date."""
    try:
        return datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


def _attributes(text: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(text)}


def event_triples(extraction: Extraction) -> frozenset[Triple]:
    """(source code, target code, CAMEO root) for every event between coded actors that
    happened or is announced: not hypothetical ones ("asked Obama to help"), and negated ones
    only as refusals to cooperate (CAMEO 12, which the extractor codes them as).

    The codes are the product's own: each side's CAMEO prefix as the extraction codes it
    (`Event.coded`, the contract's `coded` and the `cameo` export), an actor without a country
    and a side named only by what it is ("insurgents", PETRARCH's ---REB) being UNCODED.
    CAMEO's convention for an event without a target ("will meet in Zurich", "protested in
    Beijing") is to code the place where it happens as the target; we follow it here, with the
    place's own `cameo` code.
    """
    places = {e.id: _entity_prefix(e) for e in extraction.entities}
    accusations = {
        (e.evidence.sentence, e.source, e.target, e.target_agent)
        for e in extraction.events
        if e.type == "ACCUSE"
    }
    triples = set()
    for event in extraction.events:
        if event.modality == Modality.HYPOTHETICAL:
            continue  # "asked Obama to help Iran": no help is coded
        if event.attributed_to and (
            (event.evidence.sentence, (event.attributed_to,), event.source, event.source_agent)
            in accusations
        ):
            continue  # "the US said Iraq attacked": coded as the accusation, not the attack
        if event.negated and not event.cameo.startswith(REJECT_ROOT):
            continue  # a negated event did not happen; a refusal to cooperate is a 12 Reject
        for source, target in _pairs(event, places):
            if {source, target} != {UNCODED}:
                triples.add((source, target, event.cameo[:2]))
    return frozenset(triples)


def _pairs(event: Event, places: dict[str, str | None]) -> list[tuple[str, str]]:
    """(source, target) prefix pairs of the event, paired as the `cameo` export pairs them."""
    place = None
    if event.location:
        place = CodedSide("target", event.location, places.get(event.location), None)
    pairs = cameo_pairs(event.coded, root=event.cameo[:2], mutual=event.mutual, place=place)
    return [
        (source.prefix or UNCODED, target.prefix or UNCODED)
        for source, target in pairs
        if source is not None and target is not None
    ]


def _entity_prefix(entity: Entity) -> str | None:
    """The CAMEO prefix the extraction gave an entity (its `cameo` code's first three letters
    when they are not an agent type alone)."""
    code = next((str(a.value) for a in entity.attributes if a.key == "cameo"), None)
    agent = next((str(a.value) for a in entity.attributes if a.key == "agent"), None)
    if not code or code == agent:
        return None
    return code[:3]


def score_sentences(
    results: Sequence[SentenceResult], *, skipped: tuple[str, ...] = ()
) -> PetrarchScore:
    """Micro-averaged counts over the sentences (a pure function of gold and predicted)."""
    return PetrarchScore(
        true_positives=sum(len(r.gold & r.predicted) for r in results),
        predicted=sum(len(r.predicted) for r in results),
        gold=sum(len(r.gold) for r in results),
        sentences=tuple(results),
        skipped=skipped,
    )


# --------------------------------------------------------------------------------------------
# PLOVER gold-standard records
# --------------------------------------------------------------------------------------------


def evaluate_plover(path: Path, extractor: TextExtractor) -> PloverScore:
    """Extract events from every PLOVER gold record's text and score the most confident one.

    >>> score = evaluate_plover(Path("PLOVER_GSR_CAMEO.json"), extractor)  # doctest: +SKIP
    >>> score.type_accuracy, score.source_accuracy                         # doctest: +SKIP
    """
    records = load_plover(path)
    return PloverScore(
        tuple(
            plover_result(record, extractor.extract_text(record.text, published=record.published))
            for record in records
        )
    )


def load_plover(path: Path) -> tuple[PloverRecord, ...]:
    """The event records of a PLOVER gold-standard JSON file (the DOCUMENT record skipped)."""
    content = _read(path, "PLOVER gold-standard file")
    try:
        raw = json.loads(content)
    except json.JSONDecodeError as e:
        raise ConfigError(f"{path} is not valid JSON ({e}); expected PLOVER_GSR_CAMEO.json.") from e
    if not isinstance(raw, list):
        raise ConfigError(f"{path}: expected a JSON list of PLOVER records.")
    records = parse_plover(raw)
    if not records:
        raise ConfigError(f"{path}: no PLOVER event records found.")
    return records


def parse_plover(raw: Iterable[Any]) -> tuple[PloverRecord, ...]:
    """PloverRecords from decoded JSON records, renaming PLOVER 0.5b1 events."""
    records = []
    for item in raw:
        if not isinstance(item, dict):
            raise ConfigError(f"PLOVER record {item!r} is not a JSON object.")
        if item.get("event") != "DOCUMENT":
            records.append(_plover_record(item))
    return tuple(records)


def _plover_record(item: dict[str, Any]) -> PloverRecord:
    ident = str(item.get("id", "?"))
    event, text = item.get("event"), item.get("text")
    if not isinstance(event, str) or not event or not isinstance(text, str) or not text.strip():
        raise ConfigError(f"PLOVER record {ident} needs a non-empty 'event' and 'text'.")
    plover_type, mode = PLOVER_RENAMES.get(event, (event, None))
    return PloverRecord(
        id=ident,
        text=text,
        published=_plover_date(item.get("date"), ident),
        type=plover_type,
        mode=mode or str(item.get("mode") or "") or None,
        source=_gold_codes(item.get("source"), ident),
        target=_gold_codes(item.get("target"), ident),
    )


def _plover_date(value: object, ident: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise ConfigError(f"PLOVER record {ident}: date {value!r} is not YYYY-MM-DD.") from e


def _gold_codes(actors: object, ident: str) -> frozenset[str]:
    """Three-letter country codes of a gold actor list; "" or null means no actor."""
    if not isinstance(actors, list):
        return frozenset()
    if not all(isinstance(a, dict) for a in actors):
        raise ConfigError(f"PLOVER record {ident}: actors must be objects with a 'code'.")
    codes = (str(a.get("code") or "")[:3] for a in actors)
    return frozenset(LEGACY_COUNTRY_CODES.get(c, c) for c in codes if c)


def plover_result(record: PloverRecord, extraction: Extraction) -> PloverResult:
    """The top event (highest confidence) of an extraction, compared with the gold record."""
    if not extraction.events:
        return PloverResult(record, None, frozenset(), frozenset(), frozenset())
    top = max(extraction.events, key=lambda event: event.confidence)

    def codes(role: str) -> frozenset[str]:
        return frozenset(c.prefix for c in top.coded if c.role == role and c.entity and c.prefix)

    return PloverResult(
        record=record,
        predicted=top.type,
        types=frozenset(e.type for e in extraction.events),
        source=codes("source"),
        target=codes("target"),
    )


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _read(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ConfigError(f"{what} {path} does not exist: pass the path to the benchmark file "
                          "(the shared benchmarks live in ../shared/bench).") from e  # fmt: skip
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{what} {path} cannot be read as UTF-8 text: {e}") from e


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0
