"""Arms transfers (supplier, recipient, systems, quantity, value) and deployments (who, where,
how many, led by whom, when).

    Russia has provided Venezuela with Su-30MK2V fighters, T-72 tanks ...    -> transfer
    the hardware Russia had previously sold the regime (over $11 billion)    -> its value
    Moscow deployed a force of some 100 military personnel to Venezuela.     -> deployment
    This force is led by ... Colonel General Vasily Tonkoshkurov            -> its commander
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from newsgraph.annotate.amounts import find_counts, find_money
from newsgraph.annotate.events import modality_of
from newsgraph.annotate.frames import Actor, DocView, ids
from newsgraph.models import Amount, ArmsTransfer, Deployment, EntityType, Modality

_SUPPLY = {"provide", "supply", "sell", "deliver", "send", "ship", "transfer", "give", "export",
           "equip", "arm", "furnish", "hand", "donate", "lease"}  # fmt: skip
_ACQUIRE = {"buy", "purchase", "acquire", "receive", "order", "obtain", "import", "get"}
_ARMS_NOUNS = {"hardware", "weapon", "weaponry", "arm", "equipment", "missile", "jet", "fighter",
               "tank", "system", "munition", "ammunition", "rocket", "drone", "helicopter",
               "aircraft", "warship", "submarine", "artillery", "gun", "rifle"}  # fmt: skip
_DEPLOY = {"deploy", "send", "dispatch", "station", "airlift", "fly", "post", "base", "move",
           "redeploy", "transfer"}  # fmt: skip
_FORCE_NOUNS = {"force", "troop", "personnel", "soldier", "serviceman", "adviser", "advisor",
                "specialist", "contingent", "mission", "unit", "battalion", "brigade", "team",
                "expert", "instructor", "mercenary", "marine", "paratrooper", "contractor",
                "group", "detachment"}  # fmt: skip
_LED_BY = re.compile(r"\b(?:led|commanded|headed|run)\s+by\b")


def find_arms_transfers(view: DocView) -> list[ArmsTransfer]:
    """Transfers stated in the document, merged per supplier and recipient."""
    found = []
    for token in view.tokens:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and (lemma in _SUPPLY or lemma in _ACQUIRE):
            transfer = _transfer(view, token, acquire=lemma in _ACQUIRE)
            if transfer is not None:
                found.append(transfer)
    return _merge(view, found)


def _transfer(view: DocView, token: Token, *, acquire: bool) -> ArmsTransfer | None:
    clause = view.clause(token)
    # "the hardware Russia had sold the regime": the noun a relative clause modifies is the goods
    goods = [*clause, token.head] if token.dep_ in {"relcl", "acl"} else clause
    weapons = [t for t in goods if _entity_type(view, t) == EntityType.WEAPON]
    arms_words = [t for t in goods if t.lemma_.lower() in _ARMS_NOUNS and t.i != token.i]
    if not weapons and not arms_words:
        return None
    subject = view.children_actors(token, {"nsubj"}) or _relcl_subject(view, token)
    if acquire:
        recipient, supplier = subject, view.prep_actors(token, {"from"})
    else:
        supplier = subject or view.agents(token)
        recipient = (
            view.children_actors(token, {"dative", "iobj"})
            or view.prep_actors(token, {"to"})
            or view.children_actors(token, {"dobj"})
        )
    if not supplier and not recipient:
        return None
    systems = tuple(dict.fromkeys(view.entity_of(t) or "" for t in weapons if view.entity_of(t)))
    sentence_text = view.sents[view.sentence_index(token)].text
    money = find_money(sentence_text)
    counts = [c for c in find_counts(sentence_text) if c[0].unit not in {"personnel", "troops"}]
    date, basis = view.date_for(view.sentence_index(token), clause)
    citation = view.citation_for(view.sentence_index(token))
    return ArmsTransfer(
        id="",
        supplier=ids(supplier),
        recipient=ids(recipient),
        systems=systems,
        evidence=view.evidence(clause),
        quantity=counts[0][0] if len(counts) == 1 else None,
        value=money[0][0] if money else None,
        period=date if basis == "sentence" else None,  # a citation dates the source, not the supply
        status="ordered" if token.lemma_.lower() == "order" else "delivered",
        citation=citation.id if citation else None,
    )


def _merge(view: DocView, transfers: list[ArmsTransfer]) -> list[ArmsTransfer]:
    """One transfer per supplier and recipient country; a value-only mention ("the hardware
    Russia had sold ... (over $11 billion)") joins the transfer of the same supplier."""
    merged: list[ArmsTransfer] = []
    for transfer in transfers:
        home = next((m for m in merged if _same_parties(view, m, transfer)), None)
        if home is None:
            merged.append(transfer)
            continue
        index = merged.index(home)
        recipient = home.recipient
        if not {_country(view, r) for r in recipient} - {None} or not _states(view, recipient):
            recipient = transfer.recipient if _states(view, transfer.recipient) else recipient
        merged[index] = replace(
            home,
            recipient=recipient,
            systems=tuple(dict.fromkeys(home.systems + transfer.systems)),
            value=_larger(home.value, transfer.value),
            quantity=home.quantity or transfer.quantity,
            period=home.period or transfer.period,
            more_evidence=(*home.more_evidence, transfer.evidence),
        )
    return [replace(t, id=f"a{i + 1}") for i, t in enumerate(merged)]


def _same_parties(view: DocView, a: ArmsTransfer, b: ArmsTransfer) -> bool:
    if {_country(view, s) for s in a.supplier} != {_country(view, s) for s in b.supplier}:
        return False
    ra = {_country(view, r) for r in a.recipient} - {None}
    rb = {_country(view, r) for r in b.recipient} - {None}
    return ra == rb or not ra or not rb


def _states(view: DocView, entity_ids: tuple[str, ...]) -> bool:
    return any(view.entities[e].type == EntityType.STATE for e in entity_ids if e in view.entities)


def _larger(a: Amount | None, b: Amount | None) -> Amount | None:
    if a is None or b is None:
        return a or b
    return a if a.value >= b.value else b


def _country(view: DocView, entity_id: str) -> str | None:
    entity = view.entities.get(entity_id)
    return entity.country if entity else None


def _entity_type(view: DocView, token: Token) -> EntityType | None:
    entity = view.entity_of(token)
    return view.entities[entity].type if entity else None


def _relcl_subject(view: DocView, token: Token) -> list[Actor]:
    if token.dep_ in {"conj", "xcomp"}:
        return view.children_actors(token.head, {"nsubj"})
    return []


# --- deployments ------------------------------------------------------------------------------


# A deployment is a fact only when the text presents it as one (possibly on someone's word).
_FACTUAL = {Modality.ASSERTED, Modality.REPORTED, Modality.ALLEGED}


def find_deployments(view: DocView) -> list[Deployment]:
    found: list[Deployment] = []
    for token in view.tokens:
        if token.pos_ == "VERB" and token.lemma_.lower() in _DEPLOY:
            deployment = _deployment(view, token)
            if deployment is not None:
                found.append(replace(deployment, id=f"d{len(found) + 1}"))
    return found


def _deployment(view: DocView, token: Token) -> Deployment | None:
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    force = next((o for o in objects if _is_force(o)), None)
    if force is None:
        return None
    modality, negated, _speaker = modality_of(view, token)
    if negated or modality not in _FACTUAL:
        return None  # "denied that it had sent troops", "could send troops": no deployment
    actor = view.children_actors(token, {"nsubj"}) or view.agents(token)
    location = _destination(view, token)
    if not actor:
        return None
    sentence = view.sentence_index(token)
    force_text = view.doc[force.left_edge.i : force.right_edge.i + 1].text
    counts = find_counts(force_text)
    date, _basis = view.date_for(sentence, view.clause(token))
    citation = view.citation_for(sentence)
    return Deployment(
        id="",
        actor=ids(actor),
        location=location,
        evidence=view.evidence(view.clause(token)),
        size=counts[0][0] if counts else None,
        commander=_commander(view, token),
        date=date,
        citation=citation.id if citation else None,
    )


def _destination(view: DocView, token: Token) -> str | None:
    """Where a force goes: "to/into/in X" on the verb or on its object."""
    for t in view.clause(token):
        if t.dep_ == "pobj" and t.head.lower_ in {"to", "into", "in"}:
            entity = view.entity_of(t)
            if entity and view.entities[entity].type in {EntityType.STATE, EntityType.PLACE}:
                return entity
    return None


def _is_force(token: Token) -> bool:
    words = {t.lemma_.lower() for t in token.subtree}
    return token.lemma_.lower() in _FORCE_NOUNS or bool(words & {"personnel", "troop", "soldier"})


def _commander(view: DocView, token: Token) -> str | None:
    """A person the same or one of the next two sentences says leads the force."""
    first = view.sentence_index(token)
    for index in range(first, min(first + 3, len(view.sents))):
        sent = view.sents[index]
        match = _LED_BY.search(sent.text)
        if match is None:
            continue
        after = sent.start_char + match.end()
        people = [
            view.entity_of(t) for t in sent
            if t.idx >= after and view.entity_of(t)
            and view.entities[view.entity_of(t) or ""].type == EntityType.PERSON
        ]  # fmt: skip
        if people:
            return people[0]
    return None
