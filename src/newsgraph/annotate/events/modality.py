"""How the text presents an event: negation, modals, governing verbs ("denied",
"threatened", "plans to"), conditionals, reporting verbs and "according to" (the `modality` cues
of the events lexicon)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsgraph.annotate.events.grammar import REPORTING, performed_in_saying, purpose_of
from newsgraph.annotate.events.sides import first_named, subject_of
from newsgraph.annotate.frames import (
    Actor,
    DocView,
    ids,
)
from newsgraph.lexicon.patterns import ModalityCues
from newsgraph.models import EntityType, Modality


def _said_aside(token: Token) -> Token | None:
    """A verb of saying set into the trigger's own clause: "The rebels, the statement said,
    attacked the base" (the parser hangs "said" on the trigger)."""
    return next(
        (c for c in token.children if c.dep_ == "parataxis" and c.lemma_.lower() in REPORTING),
        None,
    )


def same_side(view: DocView, speaker: str, sources: Sequence[str]) -> bool:
    """The speaker is among the doers, or of their one country ("the US launched an air
    strike, the US Central Command said"). Unnamed doers ("government forces") are no side."""
    if speaker in sources:
        return True
    country = view.entities[speaker].country
    return (
        country is not None
        and bool(sources)
        and all(view.entities[s].country == country for s in sources)
    )


def reporting_verb(view: DocView, token: Token) -> Token | None:
    """The verb of saying or claiming whose content is `token`'s clause (or a clause joined
    to it: "claimed that ISIL had attacked Iraq and taken Mosul")."""
    node = token.head if token.dep_ == "conj" else token
    if node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING | view.modality.alleging:
        return node.head
    return None


def speaks_for(view: DocView, speaker: str | None, doers: Sequence[Actor]) -> bool:
    """The speaker is the doer, or speaks for the doer state: its leader, ministry or
    spokesman (an official announcing another person's schedule does not)."""
    named = ids(doers)
    if speaker is None or not named:
        return False
    if speaker in named:
        return True
    country = view.entities[speaker].country
    return country is not None and all(
        view.entities[d].type == EntityType.STATE and view.entities[d].country == country
        for d in named
    )


def modality_of(view: DocView, token: Token) -> tuple[Modality, bool, str | None]:
    """(modality, negated, attributed-to entity) of the clause a trigger heads."""
    negated = any(c.dep_ == "neg" for c in token.children) or _no_one_did(token, view.modality)
    aux = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    modality = Modality.ASSERTED
    cues = view.modality
    if any(c.lower_ in cues.alleged_adverbs for c in token.children):
        modality = Modality.ALLEGED
    if aux & cues.hypothetical_aux:
        modality = Modality.HYPOTHETICAL
    if aux & cues.future_aux or any(c.lower_ == "going" for c in token.children):
        modality = Modality.PLANNED
    if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in token.children):
        modality = Modality.HYPOTHETICAL
    purpose = purpose_of(token)
    if purpose is not None and modality == Modality.ASSERTED:
        # "will send a team to help": a purpose is as certain as the act it is the purpose of
        governing = modality_of(view, purpose)[0]
        if governing in {Modality.PLANNED, Modality.HYPOTHETICAL}:
            modality = governing
    speaker = None
    node, steps = token, 0
    while node.head.i != node.i and steps < 4:
        governor, relation = node.head, node.dep_
        lemma = governor.lemma_.lower()
        if (
            relation == "dobj"
            and node.lemma_.lower() in cues.claiming
            and lemma in {"claim", "take", "assume"}
            and modality == Modality.ASSERTED
        ):
            # "ISIL claimed responsibility for the attacks": told as theirs, by them
            modality = Modality.REPORTED
            speaker = first_named(subject_of(view, governor))
            break
        if relation == "prep":
            # "accusing the US of supporting": the accusation governs through "of"
            if lemma in cues.alleging and modality == Modality.ASSERTED:
                modality = Modality.ALLEGED
            elif lemma in cues.denying:
                modality = Modality.DENIED
            elif (
                lemma in cues.requesting
                and node.lower_ == "for"
                and modality in {Modality.ASSERTED, Modality.PLANNED}
            ):
                modality = Modality.HYPOTHETICAL  # "called for talks": the talks are asked for
            elif (
                lemma in cues.likelihood
                and node.lower_ == "of"
                and modality in {Modality.ASSERTED, Modality.PLANNED}
            ):
                modality = Modality.HYPOTHETICAL  # "the risk of an attack"
            node, steps = governor, steps + 1
            continue
        if modality == Modality.ASSERTED and (
            (relation == "acl" and lemma in cues.planning)  # "announced plans to pull out"
            or (relation in {"nsubj", "nsubjpass"} and steps == 0 and lemma in cues.scheduling)
            # "is to face", not "it is safe to assume" (the infinitive completes an adjective)
            or (
                relation == "xcomp"
                and lemma == "be"
                and _to_infinitive(node)
                and not any(c.dep_ in {"acomp", "attr"} for c in governor.children)
            )
        ):
            modality = Modality.PLANNED  # "sentencing is scheduled for May"
        if (
            modality == Modality.ASSERTED
            and relation in {"xcomp", "dobj"}
            and steps == 0
            and lemma in cues.weighing
        ):
            modality = Modality.HYPOTHETICAL  # "is considering an attack on Syria"
        if modality == Modality.ASSERTED and steps == 0:
            modality = _from_governor(view, node, relation, governor) or modality
        if (
            steps == 0
            and modality in {Modality.ASSERTED, Modality.PLANNED}
            and _a_chance(relation, governor, cues.likelihood)
        ):
            modality = Modality.HYPOTHETICAL  # "a risk that Russia will attack"
        if (
            modality in {Modality.ASSERTED, Modality.PLANNED}
            and relation == "advcl"
            and lemma in cues.requesting
            and any(c.dep_ == "mark" and c.lower_ == "for" for c in node.children)
        ):
            modality = Modality.HYPOTHETICAL  # "called for CNN to fire him"
        if modality == Modality.ASSERTED and (
            (relation == "acl" and lemma in cues.request_nouns)  # "pressure from Congress to help"
            or (
                relation == "advcl"  # "Obama is being pressured by Congress to help Iran"
                and lemma in cues.requesting
                and any(c.dep_ == "nsubjpass" for c in governor.children)
            )
        ):
            modality = Modality.HYPOTHETICAL
        if (
            modality == Modality.ASSERTED
            and steps == 0
            and relation in {"compound", "acl"}
            and lemma in cues.alleging
            and governor.pos_ == "NOUN"
        ):
            modality = Modality.ALLEGED  # "the assault allegations", "an allegation he hit her"
            break
        if relation in {"xcomp", "advcl"} and any(c.dep_ == "neg" for c in governor.children):
            negated = True  # "would not give permission to help": the help does not happen
        if relation == "xcomp" and any(
            c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in governor.children
        ):
            modality = Modality.HYPOTHETICAL  # "if they dare to invade": the invasion is not
            break
        if relation in {"xcomp", "ccomp", "pcomp", "pobj"} or (relation == "conj" and steps == 0):
            if lemma in cues.threatening:
                modality = Modality.THREATENED
            elif lemma in cues.denying and relation != "conj":
                modality = Modality.DENIED
            elif lemma in cues.alleging and relation != "conj":
                modality = Modality.ALLEGED
                if relation == "ccomp":  # "the US claimed that ISIL had attacked Iraq"
                    speaker = first_named(subject_of(view, governor))
                    break
            elif (
                lemma in cues.requesting
                and relation in {"xcomp", "ccomp"}
                and (relation == "ccomp" or _asks_someone(governor))
                and modality in {Modality.ASSERTED, Modality.PLANNED}
            ):
                modality = Modality.HYPOTHETICAL
            elif lemma in cues.planning and relation == "xcomp" and modality == Modality.ASSERTED:
                modality = Modality.PLANNED
            elif (
                lemma in REPORTING
                and relation == "xcomp"
                and any(c.dep_ == "auxpass" for c in governor.children)
                and modality == Modality.ASSERTED
            ):
                modality = Modality.REPORTED  # "police are said to have arrested": by someone
                break
            elif lemma in REPORTING and relation == "ccomp":
                if (
                    steps == 0
                    and modality == Modality.ASSERTED
                    and performed_in_saying(token, cues.performatives)
                ):
                    break  # '"I urge my colleagues to act," Cruz said': done, not told
                if modality == Modality.ASSERTED:
                    modality = Modality.REPORTED
                elif modality == Modality.HYPOTHETICAL and "would" in aux:
                    modality = Modality.PLANNED  # "announced that Pompeo would speak"
                speaker = first_named(subject_of(view, governor))
                break
        node, steps = governor, steps + 1
    if modality == Modality.ASSERTED and speaker is None:
        aside = _said_aside(token)
        # "the rebels, the statement said, attacked the base"; '"I urge you," he said' is done
        if aside is not None and not performed_in_saying(token, view.modality.performatives):
            return Modality.REPORTED, negated, first_named(subject_of(view, aside))
        attributed, source = _according_to(view, token)
        if attributed:  # "according to health officials, 66 people were injured"
            modality = Modality.REPORTED
            speaker = first_named(view.actors(source)) if source is not None else None
    return modality, negated, speaker


def _no_one_did(verb: Token, cues: ModalityCues) -> bool:
    """The verb's subject says no one did it: "nobody", "none of them", "no one", "no
    soldiers", "neither X nor Y" (the determiner on the first conjunct)."""
    for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
        if subject.lower_ in cues.negating_subjects:
            return True
        if any(
            c.dep_ in {"det", "preconj"} and c.lower_ in cues.negating_determiners
            for c in subject.children
        ):
            return True
    return False


def _from_governor(
    view: DocView, trigger: Token, relation: str, governor: Token
) -> Modality | None:
    """What the word a trigger completes makes of it: an event noun one threatens, wishes for
    or plans ("threatened an attack", "demanded an investigation", "promised protests"); an
    act completing a modal or future verb ("would have allowed China to extradite", "will try
    to seize") or a present obligation ("has to approve")."""
    cues, lemma = view.modality, governor.lemma_.lower()
    if relation == "dobj" and trigger.pos_ == "NOUN":
        if lemma in cues.threatening:
            return Modality.THREATENED
        if lemma in cues.wishing_objects:
            return Modality.HYPOTHETICAL
        if lemma in cues.planning_objects:
            return Modality.PLANNED
        # "could face charges", "will impose sanctions"
        return _of_modal(governor, cues, obliging=False)
    if (
        relation != "xcomp"
        or lemma in cues.courtesy
        or any(c.lower_ == "yet" for c in governor.children)
    ):
        return None  # "would like to thank"; "has yet to concede" has not (asserted, as before)
    modal = _of_modal(governor, cues)
    if modal is not None:
        return modal
    if lemma == "have" and governor.tag_ in {"VBZ", "VBP"} and _to_infinitive(trigger):
        return Modality.HYPOTHETICAL  # "has to approve"; "had to flee" did flee
    return None


def _of_modal(verb: Token, cues: ModalityCues, *, obliging: bool = True) -> Modality | None:
    """What a modal or future auxiliary of `verb` makes of what it governs (without
    `obliging`, "must" and "should" make nothing of it)."""
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    hypothetical = cues.hypothetical_aux if obliging else cues.hypothetical_aux - cues.obliging_aux
    if aux & hypothetical:
        return Modality.HYPOTHETICAL
    if aux & cues.future_aux:
        return Modality.PLANNED
    return None


def _to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _asks_someone(verb: Token) -> bool:
    """Whether a request verb names whom it asks ("asked Obama to help", "called on Fox News
    to fire him", "was asked to resign"), so the act it completes is wished for; "wants to
    attack" names no one."""
    return verb.tag_ == "VBN" or any(
        c.dep_ in {"dobj", "nsubjpass", "auxpass"}
        or (c.dep_ == "prep" and c.lower_ in {"on", "upon"})
        for c in verb.children
    )  # passive: "was asked to resign", "when asked to condemn them" names whom, as subject


def _according_to(view: DocView, token: Token) -> tuple[bool, Token | None]:
    """Whether the trigger's sentence attributes its facts with "according to" (anywhere in
    it, before or after the clause), and that phrase's object."""
    sent = view.sents[view.sentence_index(token)]
    if "according to" not in view.text[sent.start_char : sent.end_char].lower():
        return False, None
    for word in sent:
        follower = view.doc[word.i + 1] if word.i + 1 < sent.end else None
        if word.lower_ == "according" and follower is not None and follower.lower_ == "to":
            objects = [c for c in follower.children if c.dep_ == "pobj"]
            return True, objects[0] if objects else None
    return False, None


def _a_chance(relation: str, governor: Token, likelihood: frozenset[str]) -> bool:
    """Whether the clause is told as a chance: it completes a word for one ("the risk that
    Russia will attack", "is likely to strike") or "it is unlikely that ..." takes it."""
    if relation in {"acl", "xcomp", "ccomp"} and governor.lemma_.lower() in likelihood:
        return True
    return relation == "ccomp" and any(
        c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in likelihood for c in governor.children
    )
