"""The event lexicon: verb and noun patterns -> PLOVER event, mode, context and CAMEO code.

Format (`meta: {kind: events}`; extend with your own file of the same kind via `--lexicon`):

    verbs:
      - {lemma: impose, object: [sanction, embargo], event: SANCTION, cameo: "163",
         target: [prep:on, prep:against]}
    nouns:
      - {lemma: talk, event: CONSULT, cameo: "043", source: [poss, prep:by, compound],
         target: [prep:with, prep:between], symmetric: true}
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsgraph.errors import LexiconError
from newsgraph.lexicon.schemas import MODALITY_LISTS
from newsgraph.lexicon.schemas import PLOVER_TYPES as _PLOVER_TYPES

if TYPE_CHECKING:
    from newsgraph.lexicon.loader import LexiconFile

PLOVER_TYPES = tuple(_PLOVER_TYPES)
DEFAULT_SOURCE = ("poss", "prep:by", "compound", "amod")
_AGENT_CODE = re.compile(r"^[A-Z]{3}$")
_SLOT = re.compile(r"^(dobj|iobj|none|poss|compound|amod|prep:[a-z]+)$")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One lexicon entry."""

    lemma: str
    event: str
    cameo: str
    target: tuple[str, ...] = ("dobj",)
    source: tuple[str, ...] = DEFAULT_SOURCE
    object: frozenset[str] = frozenset()
    # no event when the verb's object is one of these: "released a statement" is no release
    not_object: frozenset[str] = frozenset()
    particle: str | None = None
    mode: str | None = None
    context: str | None = None
    symmetric: bool = False
    verb_source: tuple[str, ...] = ()  # a verb whose giver is not its subject ("receive from")
    # no event without a target, or with one of these entity types ("spoke to NBC News" is an
    # interview, "spoke on Monday" no meeting)
    needs_target: bool = False
    not_with: frozenset[str] = frozenset()
    # no event when its doer is an entity of one of these types or an unnamed side of one of
    # these agent codes: "InSight Crime's investigation" is reporting, not a probe
    not_by: frozenset[str] = frozenset()
    # a verb pattern that needs one of these prepositions on the verb ("attacked Biden for
    # his record" is criticism, "attacked the town" an assault)
    with_prep: frozenset[str] = frozenset()
    # no event when the verb takes one of these prepositions or opens a clause with one of
    # these words ("asked him about his story", "asked if he could come" are questions)
    not_after: frozenset[str] = frozenset()
    # no event when the verb's clause states a fact rather than asks for an act: "insisted
    # she was never pressured" is a claim, "insists that the budget include funding" a demand
    demands_only: bool = False
    # no event when the verb's clause says what is or was rather than what is to be done:
    # "agreed that vaccines have done more good than harm" is a view, "agreed that the
    # ceasefire will begin on Monday" a deal
    not_of_a_view: bool = False
    # no event when the verb takes a verbal complement and no object: "helped manage the
    # delivery" is the managing, "helped them get benefits" aid to them
    not_before_act: bool = False
    # a noun whose owner is who it happens to when it names no one with "of" ("his arrest")
    patient_owner: bool = False
    # the entry applies only when what the verb calls its object has this polarity
    # ("negative", "positive" or "dismissive"): "called the move a disgrace" is criticism,
    # "called it a decent plan" praise, "called the report fake" a rejection (`Polarity`)
    complement: str | None = None


@dataclass(frozen=True, slots=True)
class ModalityCues:
    """Words that decide an event's modality and whether it is only intended (the `modality`
    lists of `events` files; `annotate.events.modality_of` reads them): each list is the
    union of every file's list of that name."""

    alleged_adverbs: frozenset[str] = frozenset()  # "reportedly attacked": alleged
    hypothetical_aux: frozenset[str] = frozenset()  # "could attack": hypothetical
    obliging_aux: frozenset[str] = frozenset()  # "must face charges": a demand, not a guess
    future_aux: frozenset[str] = frozenset()  # "will attack": planned
    conditional_marks: frozenset[str] = frozenset()  # "if they invade": hypothetical
    alleging: frozenset[str] = frozenset()  # "claimed that X attacked": alleged
    denying: frozenset[str] = frozenset()  # "denied attacking": denied
    requesting: frozenset[str] = frozenset()  # "urged Russia to withdraw": not done
    request_nouns: frozenset[str] = frozenset()  # "pressure from Congress to help"
    threatening: frozenset[str] = frozenset()  # "threatened to impose": threatened
    planning: frozenset[str] = frozenset()  # "plans to visit": planned
    scheduling: frozenset[str] = frozenset()  # "the trial is scheduled for May": planned
    claiming: frozenset[str] = frozenset()  # "claimed responsibility for the attack": reported
    weighing: frozenset[str] = frozenset()  # "is considering an attack": hypothetical
    likelihood: frozenset[str] = frozenset()  # "a risk that Russia will attack": hypothetical
    intending: frozenset[str] = frozenset()  # "seeks to deepen": an intention (CAMEO 03/13)
    promising: frozenset[str] = frozenset()  # an intention to a third party, not a threat
    wishing_objects: frozenset[str] = frozenset()  # "demanded an investigation": not done
    planning_objects: frozenset[str] = frozenset()  # "promised protests": planned
    courtesy: frozenset[str] = frozenset()  # "we would like to thank": said, not supposed
    performatives: frozenset[str] = frozenset()  # '"I urge you," she said': done by saying
    negating_subjects: frozenset[str] = frozenset()  # "nobody was charged": not done
    negating_determiners: frozenset[str] = frozenset()  # "neither X nor Y was charged"


@dataclass(frozen=True, slots=True)
class EventLexicon:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    # agent nouns -> CAMEO agent type: "rebel" -> REB, "government force" -> MIL
    agents: dict[str, str] = field(default_factory=dict)
    # nouns that name nobody: a typhoon that strikes, "killed by the crash" (DocView reads it)
    not_actors: frozenset[str] = frozenset()
    modality: ModalityCues = field(default_factory=ModalityCues)
    # nouns that alone name the home state's government ("the government", "authorities")
    state_bodies: frozenset[str] = frozenset()
    # nouns that after "the" point back to the last body of their agent ("the rebel group")
    body_descriptions: frozenset[str] = frozenset()
    # nouns for someone's relatives and household: "the wife of X" is not X
    kin_nouns: frozenset[str] = frozenset()
    # who the unnamed target of a legal act is ("arrested a man": the suspect, CRM)
    accused: Accused | None = None
    # how negative or positive words are, for the entries' `complement` condition
    polarity: Polarity = field(default_factory=lambda: Polarity({}, frozenset()))


@dataclass(frozen=True, slots=True)
class Polarity:
    """The `polarity` files: each word's polarity, -1 (most negative) to +1, and the words that
    dismiss a claim as untrue or void ("false", "hoax", "null"), whatever their polarity."""

    words: dict[str, float]
    dismissive: frozenset[str]


@dataclass(frozen=True, slots=True)
class Accused:
    """The lexicon's `accused`: the agent code of an unnamed target of a legal act named by one
    of `nouns` (plain people), and the code it takes instead when its sentence tells of a
    protest (one of `political_words`: "1000 people have been arrested since the protests
    began" are protesters, guideline §4.1)."""

    code: str
    nouns: frozenset[str]
    political_code: str | None = None
    political_words: frozenset[str] = frozenset()


def _accused(raw: Any, before: Accused | None) -> Accused:
    """A file's `accused`: its codes replace those of the files before it, its words are
    added to theirs."""
    political = raw.get("political") or {}
    nouns = frozenset(str(w).lower() for w in raw["nouns"])
    words = frozenset(str(w).lower() for w in political.get("words", ()))
    return Accused(
        str(raw["code"]),
        nouns | (before.nouns if before else frozenset()),
        str(political["code"]) if political else (before.political_code if before else None),
        words | (before.political_words if before else frozenset()),
    )


def load_event_lexicon(extra_paths: tuple[str, ...] = ()) -> EventLexicon:
    """The shipped event patterns, then any user files (their entries are tried first)."""
    from newsgraph.lexicon.compiled import load_lexicon  # it builds event lexicons with this

    return load_lexicon(extra_paths).events


def build_event_lexicon(
    files: Sequence[LexiconFile], polarity_files: Sequence[LexiconFile] = ()
) -> EventLexicon:
    """An event lexicon from checked `events` files, shipped first: a user file's patterns
    are tried before the shipped ones for the same lemma, its agents replace theirs (and a
    user's `polarity` file's words replace the shipped ones' values)."""
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    agents: dict[str, str] = {}
    not_actors: set[str] = set()
    state_bodies: set[str] = set()
    body_descriptions: set[str] = set()
    kin_nouns: set[str] = set()
    accused: Accused | None = None
    cues: dict[str, set[str]] = {name: set() for name in MODALITY_LISTS}
    for file in files:
        agents.update(_agents(file.data.get("agents"), file.source))
        if file.data.get("accused") is not None:
            accused = _accused(file.data["accused"], accused)
        not_actors.update(str(w).lower() for w in file.data.get("not_actors") or ())
        state_bodies.update(str(w).lower() for w in file.data.get("state_bodies") or ())
        body_descriptions.update(str(w).lower() for w in file.data.get("body_descriptions") or ())
        kin_nouns.update(str(w).lower() for w in file.data.get("kin_nouns") or ())
        for name, words in (file.data.get("modality") or {}).items():
            cues[name].update(str(w).lower() for w in words)
        for key, table in (("verbs", verbs), ("nouns", nouns)):
            for number, raw_entry in enumerate(file.data.get(key) or [], start=1):
                pattern = _pattern(raw_entry, key, f"{file.source} {key} entry {number}")
                if file.user:
                    table[pattern.lemma].insert(0, pattern)
                else:
                    table[pattern.lemma].append(pattern)
    return EventLexicon(
        {k: tuple(v) for k, v in verbs.items()},
        {k: tuple(v) for k, v in nouns.items()},
        agents,
        frozenset(not_actors),
        ModalityCues(**{name: frozenset(words) for name, words in cues.items()}),
        frozenset(state_bodies),
        frozenset(body_descriptions),
        frozenset(kin_nouns),
        accused,
        build_polarity(polarity_files),
    )


def build_polarity(files: Sequence[LexiconFile]) -> Polarity:
    words: dict[str, float] = {}
    dismissive: set[str] = set()
    for file in files:
        words.update({str(w).lower(): float(v) for w, v in (file.data.get("words") or {}).items()})
        dismissive.update(str(w).lower() for w in file.data.get("dismissive") or ())
    return Polarity(words, frozenset(dismissive))


def _agents(raw: Any, where: str) -> dict[str, str]:
    """`agents: {REB: [rebel, insurgent], MIL: [government force]}` as noun -> code."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: 'agents' maps a code to a list of nouns (docs/lexicon.md).")
    found = {}
    for code, nouns in raw.items():
        if not _AGENT_CODE.match(str(code)) or not isinstance(nouns, list):
            raise LexiconError(
                f"{where}: agent code {code!r} must be three capital letters with a list of nouns."
            )
        found.update({str(noun).lower(): str(code) for noun in nouns})
    return found


def _particle(value: Any) -> str | None:
    """YAML 1.1 reads an unquoted `on`/`off` as a boolean: give the word back."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return None if value is None else str(value)


def _pattern(raw: Any, key: str, where: str) -> Pattern:
    if not isinstance(raw, dict) or not raw.get("lemma") or not raw.get("event"):
        raise LexiconError(f"{where}: each entry needs 'lemma' and 'event'.")
    event = str(raw["event"]).upper()
    if event not in PLOVER_TYPES:
        raise LexiconError(
            f"{where}: event {event!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})."
        )
    slots = {}
    for name in ("target", "source"):
        values = tuple(str(v) for v in raw.get(name) or ())
        bad = [v for v in values if not _SLOT.match(v)]
        if bad:
            raise LexiconError(
                f"{where}: bad {name} slot(s) {bad}; use dobj, iobj, poss, compound, amod, "
                "none or prep:<word>."
            )
        if values:
            slots[name] = values
    default_target: tuple[str, ...] = ("prep:with", "prep:against", "prep:to", "prep:on")
    if key == "verbs":
        # "imposed sanctions on": an object the pattern names is the act, not the target,
        # unless the entry lists dobj itself ("released Palestinian prisoners")
        default_target = ("none",) if raw.get("object") else ("dobj",)
    return Pattern(
        lemma=str(raw["lemma"]).lower(),
        event=event,
        cameo=str(raw.get("cameo") or ""),
        target=slots.get("target", default_target),
        source=slots.get("source", DEFAULT_SOURCE),
        object=frozenset(str(o).lower() for o in raw.get("object") or ()),
        not_object=frozenset(str(o).lower() for o in raw.get("not_object") or ()),
        particle=_particle(raw.get("particle")),
        mode=raw.get("mode"),
        context=raw.get("context"),
        symmetric=bool(raw.get("symmetric")),
        verb_source=slots.get("source", ()) if key == "verbs" else (),
        needs_target=bool(raw.get("needs_target")),
        not_with=frozenset(str(t) for t in raw.get("not_with") or ()),
        not_by=frozenset(str(t) for t in raw.get("not_by") or ()),
        with_prep=frozenset(str(p).lower() for p in raw.get("with_prep") or ()),
        not_after=frozenset(str(w).lower() for w in raw.get("not_after") or ()),
        demands_only=bool(raw.get("demands_only")),
        not_of_a_view=bool(raw.get("not_of_a_view")),
        not_before_act=bool(raw.get("not_before_act")),
        patient_owner=bool(raw.get("patient_owner")),
        complement=raw.get("complement"),
    )
