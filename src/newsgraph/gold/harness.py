"""Score an extraction against newsgraph-gold: events, sides, modality, dates, alignments,
quotes and entities, each as the product outputs them (the JSON contract, `to_dict`).

The harness never re-codes anything: it reads the contract's ids, spans and labels and
compares them with the gold's. Any extractor that writes the contract can be scored.

Matching, in brief (docs/evaluation.md has the details):

* an output event is placed at its trigger (the trigger's words inside its evidence span);
  it matches a gold event in the same gold sentence whose trigger overlaps it, or, failing
  that, one of the same type in that sentence; each event matches at most once;
* a side matches when the output names an entity one of whose mentions overlaps the gold
  side's words or any mention of the gold entity, or when an unnamed gold side and the output
  side share the agent code;
* dates compare at the gold's granularity ("2019-05" accepts any day of May 2019, and an ISO
  week that lies inside May 2019); events gold leaves undated are scored apart: how many
  the output leaves undated too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsgraph.models import SYMMETRIC_RELATIONS


@dataclass
class Tally:
    """True positives, predicted and gold counts; P/R/F1 from them."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "predicted": self.predicted,
                "gold": self.gold}  # fmt: skip


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def count(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": round(self.value, 4), "correct": self.correct, "total": self.total}


@dataclass
class Report:
    """Every score of one evaluation, and (optionally) the errors behind them."""

    articles: int = 0
    detection: Tally = field(default_factory=Tally)
    typed: Tally = field(default_factory=Tally)
    shown: Tally = field(default_factory=Tally)  # typed, over events at or above the threshold
    threshold: float = 0.0
    per_type: dict[str, Tally] = field(default_factory=dict)
    source: Tally = field(default_factory=Tally)
    target: Tally = field(default_factory=Tally)
    pair: Accuracy = field(default_factory=Accuracy)
    modality: Accuracy = field(default_factory=Accuracy)
    negation: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)
    # of the events gold leaves undated (the text gives no time), how many the output leaves
    # undated too: a date scored only where gold has one could be won by dating everything
    undated: Accuracy = field(default_factory=Accuracy)
    alignments: Tally = field(default_factory=Tally)
    quotes: Tally = field(default_factory=Tally)
    speaker: Accuracy = field(default_factory=Accuracy)
    entity_type: Accuracy = field(default_factory=Accuracy)
    entity_country: Accuracy = field(default_factory=Accuracy)
    entity_sector: Accuracy = field(default_factory=Accuracy)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "event_detection": self.detection.as_dict(),
            "event_type": self.typed.as_dict(),
            "event_type_shown_by_default": {**self.shown.as_dict(), "threshold": self.threshold},
            "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
            "source": self.source.as_dict(),
            "target": self.target.as_dict(),
            "source_target_pair": self.pair.as_dict(),
            "modality": self.modality.as_dict(),
            "negation": self.negation.as_dict(),
            "event_date": self.date.as_dict(),
            "event_undated": self.undated.as_dict(),
            "alignments": self.alignments.as_dict(),
            "quotes": self.quotes.as_dict(),
            "quote_speaker": self.speaker.as_dict(),
            "entity_type": self.entity_type.as_dict(),
            "entity_country": self.entity_country.as_dict(),
            "entity_sector": self.entity_sector.as_dict(),
        }


# The contract's entity types that gold may name differently (a city used as a side is a place
# in both; an armed force and a state's military are one kind for scoring).
_TYPE_EQUIVALENT = {"armed_force": "armed_force", "group": "group"}


def evaluate(
    gold: Iterable[dict[str, Any]],
    predictions: Iterable[dict[str, Any]],
    *,
    keep_errors: bool = False,
    threshold: float = 0.0,
) -> Report:
    """Score contract objects (`predictions`, in the same order as `gold`) against the gold.

    `threshold` is the confidence below which the product's default views hide an event; the
    `shown` tally scores what remains (everything is scored in the other layers)."""
    report = Report(threshold=threshold)
    for record, output in zip(gold, predictions, strict=True):
        report.articles += 1
        _Article(record, output, report, keep_errors).score()
    return report


def pair_events(
    gold: dict[str, Any], output: dict[str, Any]
) -> list[tuple[dict[str, Any] | None, dict[str, Any]]]:
    """For every output event, in order, the gold event the harness pairs it with (or None).
    Training uses this, so models learn exactly what the harness scores."""
    article = _Article(gold, output, Report(), keep=False)
    placed = [(e, article.trigger_span(e)) for e in output.get("events", [])]
    paired = {id(o): g for g, o in article._match_events(gold["events"], placed)}
    return [(paired.get(id(o)), o) for o, _ in placed]


def gold_alignment(
    gold: dict[str, Any], output: dict[str, Any]
) -> Callable[[str, str, int], str | None]:
    """The gold relation the harness would credit to an output alignment of two output entities
    whose evidence starts at a character offset (None: none would be). Training uses this, so
    models learn exactly what the harness scores."""
    article = _Article(gold, output, Report(), keep=False)

    def relation(subject: str, object_: str, offset: int) -> str | None:
        sentence = article.sentence_at(offset)
        probe = {"subject": subject, "object": object_}
        for g in gold["alignments"]:
            if g["sentence"] == sentence and article._alignment_sides(g, probe):
                return str(g["relation"])
        return None

    return relation


def _overlaps(a: Sequence[int] | None, b: Sequence[int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


class _Article:
    def __init__(
        self, gold: dict[str, Any], output: dict[str, Any], report: Report, keep: bool
    ) -> None:
        self.gold, self.output, self.report, self.keep = gold, output, report, keep
        self.text: str = gold["text"]
        self.sentences: list[list[int]] = gold["sentences"]
        self.gold_mentions = {e["id"]: [tuple(m) for m in e["mentions"]] for e in gold["entities"]}
        self.mentions: dict[str, list[tuple[int, int]]] = {
            e["id"]: [(m["start"], m["end"]) for m in e.get("mentions", [])]
            for e in output.get("entities", [])
        }

    def error(self, layer: str, **details: Any) -> None:
        if self.keep:
            self.report.errors.append({"article": self.gold["id"], "layer": layer, **details})

    def score(self) -> None:
        self._events()
        self._alignments()
        self._quotes()
        self._entities()

    # --- placing output facts on gold sentences -------------------------------------------

    def sentence_at(self, offset: int) -> int:
        for index, (start, end) in enumerate(self.sentences):
            if start <= offset < end:
                return index
        return -1

    def trigger_span(self, event: dict[str, Any]) -> tuple[int, int]:
        evidence = event["evidence"]
        start, end = evidence["start"], evidence["end"]
        trigger = event.get("trigger") or ""
        found = self.text.find(trigger, start, max(end, start + len(trigger))) if trigger else -1
        if found < 0:
            return (start, start + 1)
        return (found, found + len(trigger))

    # --- sides ----------------------------------------------------------------------------

    def side_matches(self, gold_side: dict[str, Any], entity_ids: Sequence[str],
                     agent: dict[str, Any] | None) -> bool:  # fmt: skip
        spans: list[tuple[int, int]] = []
        if gold_side.get("start") is not None:
            spans.append((gold_side["start"], gold_side["end"]))
        if gold_side.get("entity"):
            spans += self.gold_mentions.get(gold_side["entity"], [])
        for entity_id in entity_ids:
            if any(_overlaps(m, s) for m in self.mentions.get(entity_id, []) for s in spans):
                return True
        code = gold_side.get("agent")
        return bool(code and agent and agent.get("code") == code and not gold_side.get("entity"))

    def side_tally(self, gold_sides: list[dict[str, Any]], entity_ids: Sequence[str],
                   agent: dict[str, Any] | None) -> tuple[Tally, bool]:  # fmt: skip
        """Side-level counts, and whether the two sides agree exactly."""
        predicted = len(entity_ids) + (1 if agent and not entity_ids else 0)
        hit = sum(1 for side in gold_sides if self.side_matches(side, entity_ids, agent))
        tally = Tally(tp=min(hit, predicted), predicted=predicted, gold=len(gold_sides))
        exact = hit == len(gold_sides) and predicted == len(gold_sides)
        return tally, exact

    # --- events ---------------------------------------------------------------------------

    def _events(self) -> None:
        gold_events = self.gold["events"]
        output_events = self.output.get("events", [])
        placed = [(e, self.trigger_span(e)) for e in output_events]
        pairs = self._match_events(gold_events, placed)
        report = self.report
        report.detection.add(Tally(len(pairs), len(output_events), len(gold_events)))
        for g in gold_events:
            report.per_type.setdefault(g["type"], Tally()).gold += 1
        for o in output_events:
            report.per_type.setdefault(o["type"], Tally()).predicted += 1
        typed = [(g, o) for g, o in pairs if g["type"] == o["type"]]
        report.typed.add(Tally(len(typed), len(output_events), len(gold_events)))
        visible = [o for o in output_events if o.get("confidence", 1.0) >= report.threshold]
        shown = [(g, o) for g, o in typed if o.get("confidence", 1.0) >= report.threshold]
        report.shown.add(Tally(len(shown), len(visible), len(gold_events)))
        for g, o in typed:
            report.per_type[g["type"]].tp += 1
            self._event_details(g, o)
        matched_gold = {id(g) for g, _ in typed}
        matched_output = {id(o) for _, o in typed}
        for g in gold_events:
            if id(g) not in matched_gold:
                self.error("event missed", sentence=g["sentence"], type=g["type"],
                           trigger=(g["trigger"] or {}).get("text"))  # fmt: skip
        for o, span in placed:
            if id(o) not in matched_output:
                self.error("event spurious", sentence=self.sentence_at(span[0]), type=o["type"],
                           trigger=o.get("trigger"))  # fmt: skip

    def _match_events(
        self,
        gold_events: list[dict[str, Any]],
        placed: list[tuple[dict[str, Any], tuple[int, int]]],
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        candidates = []
        for gi, g in enumerate(gold_events):
            trigger = g["trigger"]
            g_span = (trigger["start"], trigger["end"]) if trigger else None
            for oi, (o, span) in enumerate(placed):
                if self.sentence_at(span[0]) != g["sentence"]:
                    continue
                overlap = _overlaps(g_span, span)
                same = g["type"] == o["type"]
                if overlap or same:
                    candidates.append((-(2 * overlap + same), gi, oi))
        pairs, used_g, used_o = [], set(), set()
        for _, gi, oi in sorted(candidates):
            if gi in used_g or oi in used_o:
                continue
            used_g.add(gi)
            used_o.add(oi)
            pairs.append((gold_events[gi], placed[oi][0]))
        return pairs

    def _event_details(self, g: dict[str, Any], o: dict[str, Any]) -> None:
        report = self.report
        source, source_exact = self.side_tally(
            g["source"], o.get("source", []), o.get("source_agent")
        )
        target, target_exact = self.side_tally(
            g["target"], o.get("target", []), o.get("target_agent")
        )
        report.source.add(source)
        report.target.add(target)
        report.pair.count(source_exact and target_exact)
        if not (source_exact and target_exact):
            self.error("event sides", sentence=g["sentence"], type=g["type"],
                       gold_source=[s.get("text") or s.get("entity") for s in g["source"]],
                       gold_target=[s.get("text") or s.get("entity") for s in g["target"]],
                       source=o.get("source"), target=o.get("target"),
                       agents=[o.get("source_agent"), o.get("target_agent")])  # fmt: skip
        report.modality.count(o.get("modality") == g["modality"])
        if o.get("modality") != g["modality"]:
            self.error("event modality", sentence=g["sentence"], type=g["type"],
                       gold=g["modality"], output=o.get("modality"))  # fmt: skip
        report.negation.count(bool(o.get("negated")) == bool(g["negated"]))
        if g.get("date"):
            ok = date_matches(g["date"], o.get("date"))
            report.date.count(ok)
            if not ok:
                self.error("event date", sentence=g["sentence"], type=g["type"],
                           gold=g["date"], output=o.get("date"))  # fmt: skip
        else:
            report.undated.count(not o.get("date"))
            if o.get("date"):
                self.error("event date", sentence=g["sentence"], type=g["type"], gold=None,
                           output=o.get("date"), basis=o.get("date_basis"))  # fmt: skip

    # --- alignments -----------------------------------------------------------------------

    def _alignments(self) -> None:
        gold = self.gold["alignments"]
        output = self.output.get("relations", [])
        used: set[int] = set()
        tp = 0
        for o in output:
            sentence = self.sentence_at(o["evidence"]["start"])
            for gi, g in enumerate(gold):
                if gi in used or g["relation"] != o["relation"] or g["sentence"] != sentence:
                    continue
                if self._alignment_sides(g, o):
                    used.add(gi)
                    tp += 1
                    break
            else:
                self.error("alignment spurious", sentence=sentence, relation=o["relation"],
                           subject=o["subject"], object=o["object"])  # fmt: skip
        for gi, g in enumerate(gold):
            if gi not in used:
                self.error("alignment missed", sentence=g["sentence"], relation=g["relation"],
                           subject=(g["subject"] or {}).get("text"),
                           object=(g["object"] or {}).get("text"))  # fmt: skip
        self.report.alignments.add(Tally(tp, len(output), len(gold)))

    def _alignment_sides(self, g: dict[str, Any], o: dict[str, Any]) -> bool:
        def same(gold_side: dict[str, Any] | None, entity_id: str) -> bool:
            return gold_side is not None and self.side_matches(gold_side, [entity_id], None)

        forward = same(g["subject"], o["subject"]) and same(g["object"], o["object"])
        backward = same(g["subject"], o["object"]) and same(g["object"], o["subject"])
        return forward or (g["relation"] in SYMMETRIC_RELATIONS and backward)

    # --- quotes ---------------------------------------------------------------------------

    def _quotes(self) -> None:
        gold = self.gold["quotes"]
        output = self.output.get("quotes", [])
        used: set[int] = set()
        for o in output:
            span = self._quote_span(o)
            for gi, g in enumerate(gold):
                g_span = (g["text"]["start"], g["text"]["end"]) if g["text"] else None
                if gi in used or not _overlaps(g_span, span):
                    continue
                used.add(gi)
                self._speaker(g, o)
                break
        self.report.quotes.add(Tally(len(used), len(output), len(gold)))

    def _quote_span(self, quote: dict[str, Any]) -> tuple[int, int]:
        evidence = quote["evidence"]
        found = self.text.find(quote.get("text") or "", evidence["start"])
        if found < 0 or not quote.get("text"):
            return (evidence["start"], evidence["end"])
        return (found, found + len(quote["text"]))

    def _speaker(self, g: dict[str, Any], o: dict[str, Any]) -> None:
        gold_speaker, speaker, agent = g["speaker"], o.get("speaker"), o.get("speaker_agent")
        if gold_speaker is None:
            ok = speaker is None and agent is None
        else:
            # an unnamed speaker ("officials said") agrees by its agent type, like a side
            named = [speaker] if speaker is not None else []
            ok = (speaker or agent) is not None and self.side_matches(gold_speaker, named, agent)
        self.report.speaker.count(ok)
        if not ok:
            self.error("quote speaker", sentence=g["sentence"], quote=g["text"]["text"][:60],
                       gold=(gold_speaker or {}).get("text"),
                       output=speaker or (agent or {}).get("text"))  # fmt: skip

    # --- entities -------------------------------------------------------------------------

    def _entities(self) -> None:
        output = {e["id"]: e for e in self.output.get("entities", [])}
        for entity in self.gold["entities"]:
            if entity["type"] in {"place", "weapon"} or not entity["mentions"]:
                continue
            best = matching_entity(entity, self.mentions)
            if best is None:
                continue  # not found at all: recall of entities is not scored here
            found = output[best]
            ok = _TYPE_EQUIVALENT.get(found["type"], found["type"]) == entity["type"]
            self.report.entity_type.count(ok)
            if not ok:
                self.error("entity type", entity=entity["name"], gold=entity["type"],
                           output=found["type"])  # fmt: skip
            if entity.get("country"):
                country = _country_of(found)
                self.report.entity_country.count(country == entity["country"])
                if country != entity["country"]:
                    self.error("entity country", entity=entity["name"], gold=entity["country"],
                               output=country)  # fmt: skip
            if entity.get("sector"):
                sector = sector_of(found)
                self.report.entity_sector.count(sector == entity["sector"])
                if sector != entity["sector"]:
                    self.error("entity sector", entity=entity["name"], gold=entity["sector"],
                               output=sector)  # fmt: skip


def _country_of(entity: Mapping[str, Any]) -> str | None:
    """The output entity's country as the gold writes it: an international body (CAMEO code
    IGO...) is "IGO", as is whoever the product codes as acting for one."""
    if _coded_igo(entity):
        return "IGO"
    country = entity.get("country")
    return str(country) if country else None


def matching_entity(
    gold_entity: Mapping[str, Any], mentions: Mapping[str, Sequence[tuple[int, int]]]
) -> str | None:
    """The output entity (id -> its mention spans) that a gold entity is scored against: the
    one with the most mentions overlapping the gold's."""
    best = Counter(
        entity_id
        for entity_id, spans in mentions.items()
        for m in spans
        for g in gold_entity["mentions"]
        if _overlaps(m, g)
    ).most_common(1)
    return best[0][0] if best else None


def sector_of(entity: Mapping[str, Any]) -> str | None:
    """The output entity's sector as the gold writes it: its agent type, or "IGO" for an
    international body and whoever the product codes as acting for one (CAMEO's IGO prefix)."""
    if _coded_igo(entity):
        return "IGO"
    agent = (entity.get("attributes") or {}).get("agent")
    return str(agent) if agent else None


def _coded_igo(entity: Mapping[str, Any]) -> bool:
    """Whether the product codes the entity as an international body or acting for one."""
    return str((entity.get("attributes") or {}).get("cameo") or "").startswith("IGO")


def date_matches(gold: str, output: str | None) -> bool:
    """Whether an output date agrees with the gold at the gold's granularity (an ISO week,
    "2019-W24", agrees with a month or year that holds all seven of its days)."""
    if not output:
        return False
    week = _WEEK.fullmatch(output)
    if week is not None and len(gold) < 10:
        monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        days = (monday.isoformat(), (monday + timedelta(days=6)).isoformat())
        return all(day[: len(gold)] == gold for day in days)
    return output[: len(gold)] == gold and len(output) >= len(gold)


_WEEK = re.compile(r"(\d{4})-W(\d{2})")
