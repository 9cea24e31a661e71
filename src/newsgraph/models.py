"""The data that flows between stages: frozen dataclasses, nothing mutated in place.

Every fact points back at its text: an `Evidence` (document id, sentence index, character
span) or, for mentions, the span itself. Character offsets always index `Document.text`.

    Document --annotate--> Sentence, Mention, TimeExpression, Citation
             --resolve---> Entity (mentions, roles, attributes)
             --assemble--> Extraction   (what `newsgraph extract` prints)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

SCHEMA_VERSION = "newsgraph.extraction/1.5"

Scalar = str | int | float | bool


class EntityType(StrEnum):
    """The kinds of actor the knowledge base distinguishes."""

    PERSON = "person"
    STATE = "state"
    ORGANIZATION = "organization"
    ARMED_FORCE = "armed_force"
    MEDIA = "media"
    WEAPON = "weapon"
    PLACE = "place"
    GROUP = "group"


class MentionKind(StrEnum):
    """How a mention names its entity."""

    NAME = "name"  # the entity's name or an alias: "Sergei Lavrov", "Lavrov"
    METONYM = "metonym"  # a place or building standing for the actor: "Moscow", "the Kremlin"
    DEMONYM = "demonym"  # "Russian" in "Russian officials"
    DESCRIPTOR = "descriptor"  # a noun phrase built on a name: "the Maduro regime"


class Granularity(StrEnum):
    """The precision of a normalised time expression."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    TIME_OF_DAY = "time_of_day"


# the date_basis of a date an event takes from earlier in the text (guideline §7.3): the
# episode model's, and a dated gathering's (annotate/occasions.py)
EPISODE = "episode"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: a character span inside one sentence of one document."""

    document: str
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date and how we know it (`basis` is a human-readable explanation)."""

    date: str | None
    inferred: bool
    basis: str


@dataclass(frozen=True, slots=True)
class Document:
    """One loaded article: its full text and the metadata we could find.

    `header_spans` are character ranges of metadata lines ("Publication: ... Volume: 16") that
    extractors skip; offsets elsewhere still index the full `text`.
    """

    id: str
    text: str
    source: str
    title: str | None = None
    outlet: str | None = None
    outlet_id: str | None = None  # the publishing outlet's media entity, when known
    author: str | None = None
    url: str | None = None
    volume: str | None = None
    issue: str | None = None
    published: Published = field(default_factory=lambda: Published(None, False, "unknown"))
    language: str = "en"
    credit: str | None = None
    external_id: str | None = None
    header_spans: tuple[tuple[int, int], ...] = ()

    def in_header(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps a metadata line."""
        return any(start < h_end and end > h_start for h_start, h_end in self.header_spans)


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that names an entity."""

    start: int
    end: int
    text: str
    sentence: int
    kind: MentionKind = MentionKind.NAME


def by_fields(obj: Any) -> tuple[type, tuple[Any, ...]]:
    """`__reduce__` of a slotted dataclass: rebuilt by its constructor from its fields in order.
    Unpickling calls the generated `__init__`, several times faster than the frozen dataclass's
    own `__setstate__` (which looks the fields up for every object); the compiled lexicon holds
    tens of thousands of them and is unpickled at every extraction's start."""
    return type(obj), tuple(getattr(obj, name) for name in obj.__slots__)


@dataclass(frozen=True, slots=True)
class Role:
    """A title or post held by a person, as stated in the text or known from a gazetteer.

    `start`/`end` are ISO dates (any precision) when stated; `evidence` is None for roles that
    come only from a gazetteer.
    """

    title: str
    # "office" (a post held), "rank" (a military or police rank) or "occupation" (a trade)
    kind: str = "office"
    qualifier: str | None = None  # "former", "acting", "interim", "self-proclaimed"
    organization: str | None = None
    organization_id: str | None = None
    country: str | None = None
    start: str | None = None
    end: str | None = None
    evidence: Evidence | None = None

    __reduce__ = by_fields


@dataclass(frozen=True, slots=True)
class Attribute:
    """A key/value fact about an entity (age 59, class "MANPADS"); evidence when from text."""

    key: str
    value: Scalar
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world actor of a document with every mention that names it."""

    id: str
    name: str
    type: EntityType
    mentions: tuple[Mention, ...]
    country: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    known: bool = False  # True when the entity comes from a gazetteer


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A normalised time expression.

    `value` is the ISO form at its granularity ("2019-04-30", "2019-03", "2019", "1980s");
    `range_start`/`range_end` the first and last day it covers. An open interval ("since
    January 2019") has one side None and `relation` "since" / "until" / "before" / "after".
    """

    id: str
    text: str
    start: int
    end: int
    sentence: int
    granularity: Granularity
    value: str | None
    range_start: str | None
    range_end: str | None
    relation: str | None = None
    modifier: str | None = None
    time_of_day: str | None = None
    year_inferred: bool = False


# an entity attribute saying where its country came from when neither the text, a gazetteer
# nor the actor knowledge base gave it (resolve/countries.py, store/corrections.py)
COUNTRY_BASIS = "country_basis"
COUNTRY_CONFIDENCE = "country_confidence"  # a learned country's probability (learn/countries.py)


class CountryBasis(StrEnum):
    """Where an entity's country came from, when that needs saying."""

    DOCUMENT = "document"  # the one country the reporting document is about
    # the body the text ties a person to ("X of University Y"), or the person it ties a body
    # to ("Putin convened his Security Council")
    AFFILIATION = "affiliation"
    CONTEXT = "context"  # learned from where the story names which country (learn/countries.py)
    KIN = "kin"  # that of the story's people of the same surname ("Melania Trump")
    ANALYST = "analyst"  # set by `newsgraph correct`


# countries guessed from the story rather than read or looked up: a later document that states
# the actor's country replaces them, and they never replace another's (store/corrections.py)
INFERRED_COUNTRY_BASES = frozenset({
    CountryBasis.DOCUMENT, CountryBasis.CONTEXT, CountryBasis.KIN,
})  # fmt: skip


def country_inferred(entity: Entity) -> bool:
    """Whether the entity's country was guessed from the story (`INFERRED_COUNTRY_BASES`)."""
    return any(
        a.key == COUNTRY_BASIS and a.value in INFERRED_COUNTRY_BASES for a in entity.attributes
    )


class Modality(StrEnum):
    """How the text presents an event."""

    ASSERTED = "asserted"  # stated as fact by the article
    REPORTED = "reported"  # attributed to a speaker or outlet ("X said Y attacked Z")
    ALLEGED = "alleged"  # "allegedly", "accused of", "reportedly"
    DENIED = "denied"  # "Moscow denied sending troops"
    HYPOTHETICAL = "hypothetical"  # "may", "could", "if"
    PLANNED = "planned"  # "will", "plans to", "is scheduled to"
    THREATENED = "threatened"  # "threatened to", "warned it would"


CitationKind = Literal["parenthetical", "inline"]


@dataclass(frozen=True, slots=True)
class Citation:
    """A source cited inside the article, e.g. "(Vzglyad, April 30)" or "told Reuters".

    `sentences` are the sentences the citation vouches for: its own sentence and, for a
    parenthetical at the end of a run of sentences, those back to the previous citation in the
    same paragraph.
    """

    id: str
    kind: CitationKind
    text: str
    start: int
    end: int
    sentence: int
    sentences: tuple[int, ...]
    outlet: str | None = None
    media_id: str | None = None
    date: str | None = None
    date_text: str | None = None
    same_outlet: bool = False  # the article citing its own outlet ("see EDM, February 6")
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Agent:
    """What kind of actor a side is, as the text names it: "insurgents", "government forces",
    "Syrian rebels". `code` is a CAMEO agent type (REB, MIL, GOV, CVL, ...; the agents
    section of the event lexicon). A side can have an agent and no entity ("insurgents
    bombarded ...") or both ("Syrian rebels": Syria, REB)."""

    text: str
    code: str


@dataclass(frozen=True, slots=True)
class CodedSide:
    """One actor of an event side as CAMEO codes it (coding.py): `prefix` is its country (ISO
    alpha-3), IGO or IMG; `agent` its agent type, the side's own ("Syrian rebels": REB) or the
    entity's ("the Defence Minister": GOV). `entity` is None for a side named only by what it
    is ("insurgents")."""

    role: str  # "source" | "target"
    entity: str | None
    prefix: str | None
    agent: str | None

    @property
    def code(self) -> str | None:
        return (self.prefix or "") + (self.agent or "") or None


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, coded in PLOVER 2.0 with the CAMEO code for GDELT users.

    `source`/`target` are entity ids (several for compound actors); `trigger` is the word or
    phrase that names the event; `attributed_to` the entity whose word it is (reported speech).
    """

    id: str
    type: str  # PLOVER event: AGREE, CONSULT, ..., ASSAULT
    cameo: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    trigger: str
    evidence: Evidence
    mode: str | None = None
    context: str | None = None
    date: str | None = None
    date_basis: str | None = None  # "sentence", "citation", "publication" or EPISODE
    location: str | None = None
    modality: Modality = Modality.ASSERTED
    negated: bool = False
    # source and target act jointly (meet, negotiate, clash with); with no target, the
    # sources act with one another ("the US, Russia and Switzerland met")
    mutual: bool = False
    attributed_to: str | None = None
    quote: str | None = None  # id of the quote that carries the event ("Lavrov warned: ...")
    citation: str | None = None
    confidence: float = 0.5
    source_agent: Agent | None = None
    target_agent: Agent | None = None
    coded: tuple[CodedSide, ...] = ()  # every side's actor as CAMEO codes it


@dataclass(frozen=True, slots=True)
class Quote:
    """Direct or reported speech with its speaker, addressee and stance."""

    id: str
    text: str
    kind: str  # "direct", "reported" or "scare"
    speaker: str | None
    verb: str | None
    stance: str  # accuse, deny, warn, claim, announce, praise, criticise, state
    evidence: Evidence
    addressee: str | None = None
    date: str | None = None
    citation: str | None = None
    # a speaker named only by what it is ("officials said", "the study reported"): no entity
    speaker_agent: Agent | None = None


# relations that hold both ways: "X is an ally of Y" is "Y is an ally of X"
SYMMETRIC_RELATIONS = frozenset({"allied_with"})


@dataclass(frozen=True, slots=True)
class Relation:
    """An alignment: subject -relation-> object, valid over the stated time (`SYMMETRIC_RELATIONS`
    relations hold both ways)."""

    id: str
    subject: str
    relation: str  # recognizes, supports, opposes, loyal_to, allied_with, member_of, leads, ...
    object: str
    evidence: Evidence
    valid_from: str | None = None
    valid_until: str | None = None
    negated: bool = False
    citation: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Amount:
    """A normalised quantity or money value: "over $11 billion" -> >= 11e9 USD."""

    value: float
    text: str
    unit: str | None = None  # ISO 4217 currency for money; "personnel", "tanks"... for counts
    bound: str = "exact"  # exact, about, at_least, at_most


@dataclass(frozen=True, slots=True)
class ArmsTransfer:
    id: str
    supplier: tuple[str, ...]
    recipient: tuple[str, ...]
    systems: tuple[str, ...]
    evidence: Evidence
    quantity: Amount | None = None
    value: Amount | None = None
    period: str | None = None
    status: str = "delivered"  # delivered, ordered, planned
    more_evidence: tuple[Evidence, ...] = ()  # other sentences describing the same transfer
    citation: str | None = None


@dataclass(frozen=True, slots=True)
class Deployment:
    id: str
    actor: tuple[str, ...]
    location: str | None
    evidence: Evidence
    size: Amount | None = None
    commander: str | None = None
    date: str | None = None
    citation: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document: the unit the JSON contract serialises."""

    document: Document
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    citations: tuple[Citation, ...]
    dates: tuple[TimeExpression, ...]
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    relations: tuple[Relation, ...] = ()
    arms_transfers: tuple[ArmsTransfer, ...] = ()
    deployments: tuple[Deployment, ...] = ()
    schema: str = SCHEMA_VERSION


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document that could not be processed, and why (never a silent None)."""

    source: str
    reason: str
    error: str
