"""Inter-annotator agreement between two gold annotations of the same articles, per layer.

Events pair up as the harness pairs them (same sentence; overlapping triggers first, then the
same type). Over paired events: type agreement (observed and Cohen's kappa), source and target
agreement (same actors, by overlapping words or the same entity), modality and date agreement.
Alignments and quotes are compared as sets (F1 of one annotator against the other).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.gold.harness import Accuracy, Tally


@dataclass
class Agreement:
    articles: int = 0
    events: Tally = field(default_factory=Tally)  # A as reference, B as response
    type_pairs: list[tuple[str, str]] = field(default_factory=list)
    source: Accuracy = field(default_factory=Accuracy)
    target: Accuracy = field(default_factory=Accuracy)
    modality: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)
    alignments: Tally = field(default_factory=Tally)
    quotes: Tally = field(default_factory=Tally)
    speaker: Accuracy = field(default_factory=Accuracy)
    disagreements: list[dict[str, Any]] = field(default_factory=list)

    @property
    def type_observed(self) -> float:
        pairs = self.type_pairs
        return sum(a == b for a, b in pairs) / len(pairs) if pairs else 0.0

    @property
    def type_kappa(self) -> float:
        """Cohen's kappa over the types of paired events."""
        return cohen_kappa(self.type_pairs)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "event_detection_f1": self.events.as_dict(),
            "event_type": {"observed": round(self.type_observed, 4),
                           "kappa": round(self.type_kappa, 4), "paired": len(self.type_pairs)},
            "source": self.source.as_dict(),
            "target": self.target.as_dict(),
            "modality": self.modality.as_dict(),
            "date": self.date.as_dict(),
            "alignments_f1": self.alignments.as_dict(),
            "quotes_f1": self.quotes.as_dict(),
            "quote_speaker": self.speaker.as_dict(),
        }  # fmt: skip


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _span(value: dict[str, Any] | None) -> tuple[int, int] | None:
    if not value or value.get("start") is None:
        return None
    return (value["start"], value["end"])


class _Pair:
    def __init__(self, a: dict[str, Any], b: dict[str, Any], result: Agreement) -> None:
        self.a, self.b, self.result = a, b, result
        self.mentions_a = {e["id"]: [tuple(m) for m in e["mentions"]] for e in a["entities"]}
        self.mentions_b = {e["id"]: [tuple(m) for m in e["mentions"]] for e in b["entities"]}

    def spans(self, side: dict[str, Any], mentions: dict[str, list[Any]]) -> list[Any]:
        found = [_span(side)] if _span(side) else []
        return found + list(mentions.get(side.get("entity") or "", []))

    def same_side(self, x: dict[str, Any] | None, y: dict[str, Any] | None) -> bool:
        if x is None or y is None:
            return x is None and y is None
        xs, ys = self.spans(x, self.mentions_a), self.spans(y, self.mentions_b)
        if any(_overlap(p, q) for p in xs for q in ys):
            return True
        return bool(x.get("agent") and x.get("agent") == y.get("agent") and not x.get("entity"))

    def same_sides(self, xs: list[dict[str, Any]], ys: list[dict[str, Any]]) -> bool:
        return len(xs) == len(ys) and all(any(self.same_side(x, y) for y in ys) for x in xs)

    def score(self) -> None:
        pairs = self.events()
        r = self.result
        r.events.add(Tally(len(pairs), len(self.b["events"]), len(self.a["events"])))
        for x, y in pairs:
            r.type_pairs.append((x["type"], y["type"]))
            if x["type"] != y["type"]:
                self.disagree("type", x, x["type"], y["type"])
                continue
            r.source.count(self.same_sides(x["source"], y["source"]))
            r.target.count(self.same_sides(x["target"], y["target"]))
            r.modality.count(x["modality"] == y["modality"])
            if x["modality"] != y["modality"]:
                self.disagree("modality", x, x["modality"], y["modality"])
            if x.get("date") or y.get("date"):
                r.date.count(x.get("date") == y.get("date"))
        self.alignments()
        self.quotes()

    def disagree(self, layer: str, event: dict[str, Any], a: Any, b: Any) -> None:
        trigger = (event.get("trigger") or {}).get("text")
        self.result.disagreements.append({"article": self.a["id"], "layer": layer,
                                          "sentence": event["sentence"], "trigger": trigger,
                                          "A": a, "B": b})  # fmt: skip

    def events(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        candidates = []
        for i, x in enumerate(self.a["events"]):
            for j, y in enumerate(self.b["events"]):
                if x["sentence"] != y["sentence"]:
                    continue
                overlap = _overlap(_span(x["trigger"]), _span(y["trigger"]))
                same = x["type"] == y["type"]
                if overlap or same:
                    candidates.append((-(2 * overlap + same), i, j))
        used_a, used_b, pairs = set(), set(), []
        for _, i, j in sorted(candidates):
            if i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                pairs.append((self.a["events"][i], self.b["events"][j]))
        return pairs

    def alignments(self) -> None:
        used: set[int] = set()
        for x in self.a["alignments"]:
            for j, y in enumerate(self.b["alignments"]):
                if j in used or x["relation"] != y["relation"] or x["sentence"] != y["sentence"]:
                    continue
                if self.same_side(x["subject"], y["subject"]) and self.same_side(
                    x["object"], y["object"]
                ):
                    used.add(j)
                    break
        self.result.alignments.add(
            Tally(len(used), len(self.b["alignments"]), len(self.a["alignments"]))
        )

    def quotes(self) -> None:
        used: set[int] = set()
        for x in self.a["quotes"]:
            for j, y in enumerate(self.b["quotes"]):
                if j in used or not _overlap(_span(x["text"]), _span(y["text"])):
                    continue
                used.add(j)
                self.result.speaker.count(self.same_side(x["speaker"], y["speaker"]))
                break
        self.result.quotes.add(Tally(len(used), len(self.b["quotes"]), len(self.a["quotes"])))


def agreement(first: Iterable[dict[str, Any]], second: Iterable[dict[str, Any]]) -> Agreement:
    """Agreement between two annotations of the same articles (matched by id)."""
    result = Agreement()
    by_id = {record["id"]: record for record in second}
    for record in first:
        other = by_id.get(record["id"])
        if other is None:
            continue
        result.articles += 1
        _Pair(record, other, result).score()
    return result


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float:
    """Cohen's kappa of two annotators' labels over the same items (0 for no items)."""
    if not pairs:
        return 0.0
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0
