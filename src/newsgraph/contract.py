"""The JSON contract: one object per document, described in docs/schema.md and validated by the
JSON Schema shipped at `newsgraph/schema/extraction.schema.json`.

    >>> data = to_dict(extraction)          # doctest: +SKIP
    >>> data["schema"]                      # doctest: +SKIP
    'newsgraph.extraction/1.5'
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.models import (
    Agent,
    Amount,
    ArmsTransfer,
    Citation,
    Deployment,
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Quote,
    Relation,
    Role,
    Sentence,
    TimeExpression,
)

JSON = dict[str, Any]


def to_dict(extraction: Extraction, *, include_text: bool = True) -> JSON:
    """The contract's JSON object for one extracted document."""
    return {
        "schema": extraction.schema,
        "document": _document(extraction.document, include_text=include_text),
        "sentences": [_sentence(s) for s in extraction.sentences],
        "entities": [_entity(e) for e in extraction.entities],
        "citations": [_citation(c) for c in extraction.citations],
        "dates": [_date(d) for d in extraction.dates],
        "events": [_event(e) for e in extraction.events],
        "quotes": [_quote(q) for q in extraction.quotes],
        "relations": [_relation(r) for r in extraction.relations],
        "arms_transfers": [_transfer(t) for t in extraction.arms_transfers],
        "deployments": [_deployment(d) for d in extraction.deployments],
    }


def to_json(extraction: Extraction, *, indent: int | None = None, include_text: bool = True) -> str:
    return json.dumps(
        to_dict(extraction, include_text=include_text), ensure_ascii=False, indent=indent
    )


@lru_cache(maxsize=1)
def json_schema() -> JSON:
    """The JSON Schema (draft 2020-12) every `to_dict` result satisfies."""
    text = resources.files("newsgraph.schema").joinpath("extraction.schema.json").read_text("utf-8")
    schema: JSON = json.loads(text)
    return schema


def _document(doc: Document, *, include_text: bool) -> JSON:
    data: JSON = {
        "id": doc.id,
        "source": doc.source,
        "external_id": doc.external_id,
        "title": doc.title,
        "outlet": doc.outlet,
        "outlet_id": doc.outlet_id,
        "author": doc.author,
        "url": doc.url,
        "volume": doc.volume,
        "issue": doc.issue,
        "published": {
            "date": doc.published.date,
            "inferred": doc.published.inferred,
            "basis": doc.published.basis,
        },
        "language": doc.language,
        "length": len(doc.text),
        "credit": doc.credit,
        "header_spans": [list(span) for span in doc.header_spans],
    }
    if include_text:
        data["text"] = doc.text
    return data


def _sentence(sentence: Sentence) -> JSON:
    return {"index": sentence.index, "start": sentence.start, "end": sentence.end}


def _evidence(evidence: Evidence | None) -> JSON | None:
    if evidence is None:
        return None
    return {"document": evidence.document, "sentence": evidence.sentence,
            "start": evidence.start, "end": evidence.end}  # fmt: skip


def _role(role: Role) -> JSON:
    return {
        "title": role.title,
        "kind": role.kind,
        "qualifier": role.qualifier,
        "organization": role.organization,
        "organization_id": role.organization_id,
        "country": role.country,
        "start": role.start,
        "end": role.end,
        "source": "text" if role.evidence else "gazetteer",
        "evidence": _evidence(role.evidence),
    }


def _entity(entity: Entity) -> JSON:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type.value,
        "country": entity.country,
        "known": entity.known,
        "aliases": list(entity.aliases),
        "roles": [_role(r) for r in entity.roles],
        "attributes": {a.key: a.value for a in entity.attributes},
        "attribute_evidence": {
            a.key: _evidence(a.evidence) for a in entity.attributes if a.evidence
        },
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "sentence": m.sentence,
                "kind": m.kind.value,
            }
            for m in entity.mentions
        ],
    }


def _citation(citation: Citation) -> JSON:
    return {
        "id": citation.id,
        "kind": citation.kind,
        "text": citation.text,
        "start": citation.start,
        "end": citation.end,
        "sentence": citation.sentence,
        "sentences": list(citation.sentences),
        "outlet": citation.outlet,
        "media_id": citation.media_id,
        "date": citation.date,
        "date_text": citation.date_text,
        "same_outlet": citation.same_outlet,
        "problems": list(citation.problems),
    }


def _date(expr: TimeExpression) -> JSON:
    return {
        "id": expr.id,
        "text": expr.text,
        "start": expr.start,
        "end": expr.end,
        "sentence": expr.sentence,
        "granularity": expr.granularity.value,
        "value": expr.value,
        "range": {"start": expr.range_start, "end": expr.range_end},
        "relation": expr.relation,
        "modifier": expr.modifier,
        "time_of_day": expr.time_of_day,
        "year_inferred": expr.year_inferred,
    }


def _event(event: Event) -> JSON:
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "context": event.context,
        "cameo": event.cameo,
        "cameo_root": event.cameo[:2] or None,
        "source": list(event.source),
        "target": list(event.target),
        "trigger": event.trigger,
        "date": event.date,
        "date_basis": event.date_basis,
        "location": event.location,
        "modality": event.modality.value,
        "negated": event.negated,
        "mutual": event.mutual,
        "attributed_to": event.attributed_to,
        "quote": event.quote,
        "confidence": event.confidence,
        "evidence": _evidence(event.evidence),
        "citation": event.citation,
        "source_agent": _agent(event.source_agent),
        "target_agent": _agent(event.target_agent),
        "coded": [
            {
                "role": c.role,
                "entity": c.entity,
                "prefix": c.prefix,
                "agent": c.agent,
                "code": c.code,
            }
            for c in event.coded
        ],
    }


def _agent(agent: Agent | None) -> JSON | None:
    return None if agent is None else {"text": agent.text, "code": agent.code}


def _quote(quote: Quote) -> JSON:
    return {
        "id": quote.id,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "speaker_agent": _agent(quote.speaker_agent),
        "addressee": quote.addressee,
        "verb": quote.verb,
        "stance": quote.stance,
        "date": quote.date,
        "evidence": _evidence(quote.evidence),
        "citation": quote.citation,
    }


def _relation(relation: Relation) -> JSON:
    return {
        "id": relation.id,
        "subject": relation.subject,
        "relation": relation.relation,
        "object": relation.object,
        "valid_from": relation.valid_from,
        "valid_until": relation.valid_until,
        "negated": relation.negated,
        "confidence": relation.confidence,
        "evidence": _evidence(relation.evidence),
        "citation": relation.citation,
    }


def _amount(amount: Amount | None) -> JSON | None:
    if amount is None:
        return None
    return {"value": amount.value, "unit": amount.unit, "bound": amount.bound, "text": amount.text}


def _transfer(transfer: ArmsTransfer) -> JSON:
    return {
        "id": transfer.id,
        "supplier": list(transfer.supplier),
        "recipient": list(transfer.recipient),
        "systems": list(transfer.systems),
        "quantity": _amount(transfer.quantity),
        "value": _amount(transfer.value),
        "period": transfer.period,
        "status": transfer.status,
        "evidence": _evidence(transfer.evidence),
        "more_evidence": [_evidence(e) for e in transfer.more_evidence],
        "citation": transfer.citation,
    }


def _deployment(deployment: Deployment) -> JSON:
    return {
        "id": deployment.id,
        "actor": list(deployment.actor),
        "location": deployment.location,
        "size": _amount(deployment.size),
        "commander": deployment.commander,
        "date": deployment.date,
        "evidence": _evidence(deployment.evidence),
        "citation": deployment.citation,
    }
