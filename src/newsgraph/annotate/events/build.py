"""An event record built at a trigger from its sides: its clause, date, modality, coding,
citation and place (`build_event`), and the accusation a party's report of another's violence
makes (`accusation`). The rule coder (`coder`), its noun events (`nouns`) and the learned
tagger's events all go through here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from newsgraph.annotate.events.coding import coding_of, confidence_of, military_means, rioting
from newsgraph.annotate.events.grammar import OUTLET_NOUNS
from newsgraph.annotate.events.modality import modality_of, reporting_verb, same_side, speaks_for
from newsgraph.annotate.frames import ACTOR_TYPES, Actor, DocView, agent, ids
from newsgraph.lexicon.patterns import Pattern
from newsgraph.models import EntityType, Event, Modality

_ACCUSABLE = {"ASSAULT", "COERCE"}


def build_event(
    view: DocView,
    token: Token,
    pattern: Pattern,
    source: Sequence[Actor],
    target: Sequence[Actor],
    index: int,
) -> Event:
    clause = view.clause(token)
    sentence = view.sentence_index(token)
    date, basis = view.date_for(sentence, clause)
    modality, negated, speaker = modality_of(view, token)
    pattern = military_means(token, rioting(pattern, agent(source)))
    own = speaks_for(view, speaker, source)
    kind, cameo = coding_of(view.modality, token, pattern, modality, own)
    citation = view.citation_for(sentence)
    places = view.places(clause, token)
    if not places and token.dep_ in {"advcl", "xcomp", "conj"}:
        # "will meet in Zurich to discuss ...": the purpose happens where the meeting does
        places = view.places(view.clause(token.head), token.head)
    if not places:
        places = view.named_venue(token)  # "attend the Beijing Olympics", "the Minsk talks"
    places = [p for p in places if p not in ids(source) + ids(target)]
    return Event(
        id=f"e{index + 1}",
        type=kind,
        cameo=cameo,
        source=ids(source),
        target=ids(target),
        trigger=token.text,
        evidence=view.evidence(clause or [token]),
        mode=pattern.mode,
        context=pattern.context,
        date=date,
        date_basis=basis,
        location=places[0] if places else None,
        modality=modality,
        negated=negated,
        # "A met B", or "A, B and C met": each acts with the others
        mutual=pattern.symmetric and bool(source) and (bool(target) or len(source) > 1),
        attributed_to=speaker,
        citation=citation.id if citation else None,
        confidence=confidence_of(source, target),
        source_agent=agent(source),
        target_agent=agent(target),
    )


def accusation(view: DocView, token: Token, event: Event, index: int) -> list[Event]:
    """ "The US said Iraq had attacked", "Israel said a bomb was fired at it from Gaza": a
    party that reports another's violence accuses it (CAMEO 112, as PETRARCH and GDELT code
    it). A news outlet's report is not an accusation, nor is a party's report of its own acts."""
    speaker = view.entities.get(event.attributed_to or "")
    if (
        event.type not in _ACCUSABLE
        or event.modality not in {Modality.REPORTED, Modality.ALLEGED}
        or speaker is None
        or speaker.type not in ACTOR_TYPES - {EntityType.MEDIA}
        or not (event.source or event.source_agent)
        or same_side(view, speaker.id, event.source)
    ):
        return []
    verb = reporting_verb(view, token)
    if verb is None or any(
        c.dep_ == "nsubj" and c.lemma_.lower() in OUTLET_NOUNS for c in verb.children
    ):
        return []  # "Syrian state media reported ...": an outlet, named by its country
    return [
        replace(
            event,
            id=f"e{index + 1}",
            type="ACCUSE",
            cameo="112",
            mode="allege",
            context=None,
            source=(speaker.id,),
            target=event.source,
            source_agent=None,
            target_agent=event.source_agent,  # "killed in an air strike by government forces"
            trigger=verb.text,
            evidence=view.evidence(view.clause(verb)),
            modality=Modality.ASSERTED,
            mutual=False,
            attributed_to=None,
            confidence=round(event.confidence - 0.1, 2),
        )
    ]
