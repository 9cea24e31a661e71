"""Turn an annotator's file (sentence numbers and copied words) into a gold record (offsets).

Annotators write what they read: the words of a trigger or a side, copied from a numbered
sentence. This module finds those words in the sentence, checks every label against the
ontology, and returns the record the corpus ships (character offsets into the article text),
or the list of problems, each naming the sentence and the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from newsgraph.gold.segment import split_sentences

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY = re.compile(r"^([A-Z]{3})$")


@cache
def ontology() -> dict[str, Any]:
    """The labels gold annotations may use (event types with modes, agents, relations...)."""
    text = resources.files("newsgraph.gold").joinpath("ontology.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass
class _Context:
    article: dict[str, Any]
    sentences: list[tuple[int, int]]
    entity_ids: set[str]
    problems: list[str] = field(default_factory=list)

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


class GoldError(ValueError):
    """An annotation file that does not fit its article or the ontology."""

    def __init__(self, article_id: str, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:5]) + (
            f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
        )
        super().__init__(f"{article_id}: {shown}")


def compile_annotation(article: dict[str, Any], annotation: dict[str, Any]) -> dict[str, Any]:
    """The gold record for `article` (id, title, text...) from an annotator's `annotation`."""
    text = article["text"]
    spans = split_sentences(text)
    ctx = _Context(article, spans, set(annotation.get("entities", {})))
    entities = _outermost(
        [_entity(ctx, key, value) for key, value in annotation.get("entities", {}).items()]
    )
    events: list[dict[str, Any]] = []
    alignments: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    seen: set[int] = set()
    for entry in annotation.get("sentences", []):
        index = entry.get("s")
        if not isinstance(index, int) or not 0 <= index < len(spans):
            ctx.problem(f"sentence {index!r}", "no such sentence")
            continue
        seen.add(index)
        for item in entry.get("events", []):
            events.append(_event(ctx, index, item, f"e{len(events) + 1}"))
        for item in entry.get("alignments", []):
            alignments.append(_alignment(ctx, index, item, f"a{len(alignments) + 1}"))
        for item in entry.get("quotes", []):
            quotes.append(_quote(ctx, index, item, f"q{len(quotes) + 1}"))
    missing = sorted(set(range(len(spans))) - seen)
    if missing:
        ctx.problem("sentences", f"not annotated: {_ranges(missing)}")
    if ctx.problems:
        raise GoldError(article["id"], ctx.problems)
    return {
        "id": article["id"],
        "title": article.get("title"),
        "url": article.get("url"),
        "published": article.get("date"),
        "outlet": article.get("outlet"),
        "license": article.get("license"),
        "annotator": annotation.get("annotator"),
        "text": text,
        "sentences": [list(span) for span in spans],
        "entities": entities,
        "events": events,
        "alignments": alignments,
        "quotes": quotes,
    }


def _ranges(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:12]) + (" ..." if len(numbers) > 12 else "")


def _entity(ctx: _Context, key: str, value: dict[str, Any]) -> dict[str, Any]:
    onto = ontology()
    where = f"entity {key}"
    if value.get("type") not in onto["entity_types"]:
        ctx.problem(where, f"type {value.get('type')!r} is not one of {onto['entity_types']}")
    _check_country(ctx, where, value.get("country"))
    sector = value.get("sector")
    if sector is not None and sector not in onto["agents"]:
        ctx.problem(where, f"sector {sector!r} is not an agent code")
    mentions: list[list[int]] = []
    for form in value.get("mentions") or [value.get("name", "")]:
        found = _whole_word_spans(ctx.article["text"], form)
        if not found:
            ctx.problem(where, f"mention {form!r} does not occur in the text")
        mentions.extend(found)
    return {
        "id": key,
        "name": value.get("name"),
        "type": value.get("type"),
        "country": value.get("country"),
        "sector": sector,
        "mentions": sorted(mentions),
    }


def _outermost(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each entity without the occurrences that lie inside a longer mention of another entity:
    "Sudan" in "South Sudan", "Trump" in "Melania Trump" and "US" in "US Army" name no actor
    of their own (guideline v7, the longest mention wins)."""
    owner = [(start, end, e["id"]) for e in entities for start, end in e["mentions"]]

    def nested(span: list[int], key: str) -> bool:
        start, end = span
        return any(
            other != key and s <= start and end <= e and (s, e) != (start, end)
            for s, e, other in owner
        )

    return [
        {**e, "mentions": [m for m in e["mentions"] if not nested(m, e["id"])]} for e in entities
    ]


def _check_country(ctx: _Context, where: str, country: Any) -> None:
    if country is not None and not (isinstance(country, str) and _COUNTRY.match(country)):
        ctx.problem(where, f"country {country!r} is not an ISO alpha-3 code or IGO")


def _whole_word_spans(text: str, form: str) -> list[list[int]]:
    if not form.strip():
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")
    return [[m.start(), m.end()] for m in pattern.finditer(text)]


def _find(
    ctx: _Context, sentence: int, words: str, occurrence: int, where: str
) -> list[int] | None:
    """The `occurrence`-th place of `words` in the sentence, counting whole-word matches only
    (so "he" is never found inside "the"); words that occur only inside longer words (an
    annotator's "attack" for "attacks") fall back to plain substring matches."""
    start, end = ctx.sentences[sentence]
    body = ctx.article["text"][start:end]
    found = _whole_word_spans(body, words) or _substring_spans(body, words)
    if not 1 <= occurrence <= len(found):
        ctx.problem(where, f"{words!r} (occurrence {occurrence}) is not in sentence {sentence}")
        return None
    first, last = found[occurrence - 1]
    return [start + first, start + last]


def _substring_spans(text: str, words: str) -> list[list[int]]:
    spans: list[list[int]] = []
    position = text.find(words) if words else -1
    while position >= 0:
        spans.append([position, position + len(words)])
        position = text.find(words, position + 1)
    return spans


def _side(ctx: _Context, sentence: int, value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        ctx.problem(where, f"a side is an object, not {value!r}")
        return None
    entity, agent, words = value.get("entity"), value.get("agent"), value.get("text")
    if entity is not None and entity not in ctx.entity_ids:
        ctx.problem(where, f"unknown entity {entity!r}")
    if entity is None and agent is None:
        ctx.problem(where, "a side needs an entity or an agent code")
    if agent is not None and agent not in ontology()["agents"]:
        ctx.problem(where, f"agent {agent!r} is not an agent code")
    _check_country(ctx, where, value.get("country"))
    span = None
    if words is not None:
        span = _find(ctx, sentence, words, int(value.get("occurrence", 1)), where)
    elif entity is None:
        ctx.problem(where, "an unnamed side needs its words")
    return {
        "entity": entity,
        "agent": agent,
        "country": value.get("country"),
        "text": words,
        "start": span[0] if span else None,
        "end": span[1] if span else None,
    }


def _sides(ctx: _Context, sentence: int, values: Any, where: str) -> list[dict[str, Any]]:
    if values is None:
        return []
    if not isinstance(values, list):
        values = [values]
    sides = [_side(ctx, sentence, value, where) for value in values]
    return [side for side in sides if side is not None]


def _span_record(span: list[int] | None, text: str) -> dict[str, Any] | None:
    return None if span is None else {"start": span[0], "end": span[1], "text": text}


def _date(ctx: _Context, where: str, value: Any) -> str | None:
    if value is not None and not (isinstance(value, str) and _DATE.match(value)):
        ctx.problem(where, f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value if isinstance(value, str) else None


def _event(ctx: _Context, sentence: int, item: dict[str, Any], key: str) -> dict[str, Any]:
    onto = ontology()
    where = f"sentence {sentence} event {item.get('trigger')!r}"
    kind, mode = item.get("type"), item.get("mode")
    if kind not in onto["event_types"]:
        ctx.problem(where, f"type {kind!r} is not a PLOVER event type")
    elif mode is not None and mode not in onto["event_types"][kind]:
        ctx.problem(where, f"mode {mode!r} is not a mode of {kind}")
    modality = item.get("modality", "asserted")
    if modality not in onto["modalities"]:
        ctx.problem(where, f"modality {modality!r} is not one of {onto['modalities']}")
    trigger = _find(
        ctx, sentence, str(item.get("trigger", "")), int(item.get("trigger_occurrence", 1)), where
    )
    date_text = item.get("date_text")
    date_span = _find(ctx, sentence, date_text, 1, where) if date_text else None
    place = item.get("place")
    if place is not None and place not in ctx.entity_ids:
        ctx.problem(where, f"unknown place entity {place!r}")
    return {
        "id": key,
        "sentence": sentence,
        "trigger": _span_record(trigger, str(item.get("trigger"))),
        "type": kind,
        "mode": mode,
        "source": _sides(ctx, sentence, item.get("source"), where + " source"),
        "target": _sides(ctx, sentence, item.get("target"), where + " target"),
        "modality": modality,
        "negated": bool(item.get("negated", False)),
        "speaker": _side(ctx, sentence, item.get("speaker"), where + " speaker"),
        "date": _date(ctx, where, item.get("date")),
        "date_text": _span_record(date_span, date_text) if date_text else None,
        "place": place,
    }


def _alignment(ctx: _Context, sentence: int, item: dict[str, Any], key: str) -> dict[str, Any]:
    where = f"sentence {sentence} alignment {item.get('relation')!r}"
    if item.get("relation") not in ontology()["relations"]:
        ctx.problem(where, "not a relation of the alignment set")
    words = item.get("text")
    span = _find(ctx, sentence, words, int(item.get("occurrence", 1)), where) if words else None
    return {
        "id": key,
        "sentence": sentence,
        "subject": _side(ctx, sentence, item.get("subject"), where + " subject"),
        "relation": item.get("relation"),
        "object": _side(ctx, sentence, item.get("object"), where + " object"),
        "text": _span_record(span, words) if words else None,
        "valid_from": _date(ctx, where, item.get("valid_from")),
        "valid_until": _date(ctx, where, item.get("valid_until")),
        "negated": bool(item.get("negated", False)),
    }


def _quote(ctx: _Context, sentence: int, item: dict[str, Any], key: str) -> dict[str, Any]:
    onto = ontology()
    words = str(item.get("text", ""))
    where = f"sentence {sentence} quote {words[:30]!r}"
    if item.get("kind") not in onto["quote_kinds"]:
        ctx.problem(where, f"kind {item.get('kind')!r} is not one of {onto['quote_kinds']}")
    if item.get("stance", "state") not in onto["stances"]:
        ctx.problem(where, f"stance {item.get('stance')!r} is not one of {onto['stances']}")
    span = _find(ctx, sentence, words, int(item.get("occurrence", 1)), where)
    return {
        "id": key,
        "sentence": sentence,
        "text": _span_record(span, words),
        "kind": item.get("kind"),
        "speaker": _side(ctx, sentence, item.get("speaker"), where + " speaker"),
        "addressee": _side(ctx, sentence, item.get("addressee"), where + " addressee"),
        "stance": item.get("stance", "state"),
    }
