"""Gazetteer names in a document: matching its surfaces, and deciding which hits stand.

The recognizer (`annotate/entities.py`) matches the gazetteer's surfaces as token phrases,
exactly and, for one-word state names and demonyms, in any case ("tunisian", "GAZA"). The
tests here decide what each hit is worth: an ambiguous surface ("Niger", "Republicans", "the
Atlantic") stands only where NER or the sentence confirms it; a name inside a longer one NER
found is part of that one ("Malaysia" of "Malaysia Airlines", "Jersey" of "New Jersey",
"Trump" of "Melania Trump"), as is a body's name that ends a longer name the actor knowledge
base knows; a capital is the city where it is a location ("in Moscow"), else the state.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Span, Token

from newsgraph.annotate.candidates import Candidate
from newsgraph.annotate.known_names import KnownType
from newsgraph.annotate.name_kinds import NER_TYPES, _NameKinds
from newsgraph.annotate.phrases import Phrases, tokenized
from newsgraph.lexicon.gazetteer import Entry, Gazetteer, slug
from newsgraph.lexicon.places import find_place
from newsgraph.models import EntityType, MentionKind

_LOCATIVE = {"in", "at", "near", "outside", "inside", "around", "across", "to", "into", "from",
             "throughout", "within", "toward", "towards", "via", "through"}  # fmt: skip
_PLACE_HEADS = {"streets", "outskirts", "centre", "center", "city", "suburbs", "mayor", "residents",
                "people", "heart", "downtown"}  # fmt: skip


def _surface_phrases(
    nlp: Language, gazetteer: Gazetteer, caseless: dict[str, str]
) -> tuple[Phrases, Phrases]:
    """The gazetteer's surfaces as token sequences (exact case), and the caseless ones in
    lower case; tokenising ten thousand strings is slow, so the result is cached."""
    surfaces = sorted(gazetteer.surfaces)
    lowered = sorted(caseless)
    exact, lower = tokenized(nlp, [surfaces, lowered])
    return Phrases(exact), Phrases(tuple(t.lower() for t in words) for words in lower)


def caseless_surfaces(gazetteer: Gazetteer, ordinary_words: frozenset[str]) -> dict[str, str]:
    """Lower-cased one-word state names and demonyms -> the surface as the gazetteer has it,
    for words of four letters or more that are not also ordinary English words (the lexicon's
    `ordinary_words` list: "turkey", "polish", "china"). An acronym matches only as written:
    "SADR" is Western Sahara, "al-Sadr" a man's name."""
    out: dict[str, str] = {}
    for surface, found in gazetteer.surfaces.items():
        lower = surface.lower()
        if (
            len(lower) >= 4
            and lower.isalpha()
            and not surface.isupper()
            and lower not in ordinary_words
            and len(found) == 1
            and not found[0].ambiguous
            and found[0].kind in {MentionKind.NAME.value, MentionKind.DEMONYM.value}
            and gazetteer.entries[found[0].entry_id].type == EntityType.STATE
        ):
            out.setdefault(lower, surface)
    return out


_COMPATIBLE_LABELS = {
    EntityType.STATE: {"GPE", "LOC", "NORP"},
    EntityType.PLACE: {"GPE", "LOC", "FAC"},
    EntityType.PERSON: {"PERSON"},
    EntityType.WEAPON: {"PRODUCT", "ORG", "LOC", "GPE", "PERSON", "WORK_OF_ART"},
}


@dataclass(frozen=True)
class _StateContext:
    """Where the sentence itself says an ambiguous name is the state (word lists: words.yaml)."""

    prepositions: frozenset[str]
    possessions: frozenset[str]

    def says(self, span: Span, states: set[int]) -> bool:
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ in self.prepositions:
            return True  # "troops from Chad"
        partners = [*root.conjuncts]
        if any(t.i in states for t in partners):
            return True  # "Niger and Mali"
        possessive = any(c.dep_ == "case" for c in root.children)
        return possessive and root.dep_ == "poss" and root.head.lower_ in self.possessions


def _confirmed(
    span: Span,
    entry: Entry,
    ner: dict[int, Span],
    confirmed: set[str],
    leaders: frozenset[str],
) -> bool:
    """An ambiguous alias counts where NER saw a name of a compatible kind over it and, for
    anything but places, the document also names the entity unambiguously ("the Security
    Council" is the UN's only where the UN Security Council is named) or, for a party or
    another group, its country ("Republicans" where the United States is named) and NER read
    no longer name around it ("Democratic" of the "Democratic Unionist Party")."""
    over = [ner[i] for i in range(span.start, span.end) if i in ner]
    labels = {n.label_ for n in over}
    if _a_leader_of_the_story(entry, labels, confirmed, leaders):
        return True
    compatible = _COMPATIBLE_LABELS.get(entry.type, {"ORG", "NORP", "PERSON", "GPE", "WORK_OF_ART"})
    if not labels & compatible:
        return False
    if entry.type in {EntityType.STATE, EntityType.PLACE} or entry.id in confirmed:
        return True
    longer = any(len(n) > len(span) for n in over)
    return _named_by_country(entry) and f"country:{entry.country}" in confirmed and not longer


def _a_leader_of_the_story(
    entry: Entry, labels: set[str], confirmed: set[str], leaders: frozenset[str]
) -> bool:
    """A head of state's or government's surname alone ("Calderon", "Santos") in a story that
    names their country: NER reads a bare Spanish surname as an organisation as often as a
    person, and the story's own leader is who it means. `leaders`: the titles that lead a
    state (the relation lexicon's `state_leaders`)."""
    if entry.type != EntityType.PERSON or not labels & {"PERSON", "ORG"}:
        return False
    if f"country:{entry.country}" not in confirmed:
        return False
    return any(role.title.lower() in leaders for role in entry.roles)


def _titled_outlet(span: Span, entry: Entry) -> bool:
    """An outlet's title with its capital "The" inside a sentence is the outlet: news writes
    "told The Atlantic", "The Hindu reported", and "the Atlantic", "the Hindu community" for
    the ocean and the people; at a sentence's start the capital says nothing."""
    first = span[0]
    return entry.type == EntityType.MEDIA and first.text == "The" and not first.is_sent_start


# the entries whose ambiguous alias the story's naming of their country confirms: a party
# ("Republicans") or another group, a newspaper ("El Universal" in a story of Mexico), not a
# body many countries have ("House of Representatives")
_NAMED_BY_COUNTRY_KINDS = frozenset(
    {"political party", "ruling party", "political coalition", "newspaper"}
)


def _named_by_country(entry: Entry) -> bool:
    kind = dict(entry.attributes).get("kind")
    return entry.type == EntityType.GROUP or kind in _NAMED_BY_COUNTRY_KINDS


def _covering(ner: Sequence[Span]) -> dict[int, list[Span]]:
    """Token index -> the NER spans over it: the tests below look only at the spans over a
    candidate's first token, not at every span of a 300,000-word document."""
    found: dict[int, list[Span]] = {}
    for e in ner:
        for i in range(e.start, e.end):
            found.setdefault(i, []).append(e)
    return found


def _inside_organization(
    span: Span,
    candidate: Candidate,
    covering: Mapping[int, Sequence[Span]],
    name_kinds: _NameKinds,
    known: KnownType | None = None,
) -> bool:
    """Whether a state's or a region's name is part of a longer organisation name NER found
    (or a "person" whose name ends like a body's: "The Tigray People's Liberation Front"). Not
    a list the model took for one name ("Russia and China"), unless the actor knowledge base
    knows the whole as a body's name ("U.S. Customs and Border Protection"), nor a fragment
    of a longer noun phrase ("US State" of "the US State department")."""
    if candidate.type not in {EntityType.STATE, EntityType.PLACE}:
        return False
    return any(
        name_kinds.of(e) == EntityType.ORGANIZATION
        and e.start <= span.start
        and span.end <= e.end
        and len(e) > len(span)
        and (not _a_list(e) or (known is not None and known(e.text) == EntityType.ORGANIZATION))
        and not (e[-1].dep_ == "compound" and e[-1].head.i >= e.end)
        for e in covering.get(span.start, ())
    )


def _a_list(span: Span) -> bool:
    """Whether NER's span may be a list it took for one name ("Russia and China")."""
    return any(t.lower_ in {"and", ",", "&", "-", "–"} or t.is_space for t in span)


def _inside_other_person(
    span: Span,
    candidate: Candidate,
    covering: Mapping[int, Sequence[Span]],
    title_words: frozenset[str],
) -> bool:
    """Whether a known person's surname is part of another person's name NER found: "Trump"
    of "Melania Trump" is not Donald Trump. The longer name opens with a capitalised word
    that is neither a title ("President Trump") nor a given name of the known person
    ("Donald", "Vladimir Vladimirovich Putin"), nor spelt like one ("Bashir al-Assad": a
    transliteration or a slip shares the first three letters)."""
    entry = candidate.entry
    if candidate.type != EntityType.PERSON or entry is None:
        return False
    given = {n.split()[0].lower()[:3] for n in (entry.name, *entry.aliases) if len(n.split()) > 1}
    for e in covering.get(span.start, ()):
        if e.label_ != "PERSON" or not (e.start < span.start and span.end <= e.end):
            continue
        first = e[0]
        if first.is_title and first.lower_[:3] not in given and first.lower_ not in title_words:
            return True
    return False


def _inside_place(
    span: Span,
    candidate: Candidate,
    covering: Mapping[int, Sequence[Span]],
    thoroughfares: frozenset[str],
) -> bool:
    """Whether a state's name is part of a longer place name NER found: one the place index
    knows ("Jersey" of "New Jersey", "Mexico" of "New Mexico" name US states, not the states)
    or a street's or a square's ("Grenada Street", "Israel Square")."""
    if candidate.type != EntityType.STATE:
        return False
    return any(
        e.start <= span.start
        and span.end <= e.end
        and len(e) > len(span)
        and (
            (e.label_ in {"GPE", "LOC"} and find_place(e.text) is not None)
            or (e.label_ == "FAC" and e[-1].lower_ in thoroughfares)
        )
        for e in covering.get(span.start, ())
    )


def _inside_longer(span: Span, covering: Mapping[int, Sequence[Span]]) -> bool:
    """Whether a longer name of a kind we keep contains the span ("Moscow City Court"); an
    event's or a law's name does not hide the place in it ("the Beijing Olympics")."""
    return any(
        e.start <= span.start
        and span.end <= e.end
        and len(e) > len(span)
        and e.label_ in NER_TYPES
        and "\n" not in e.text
        for e in covering.get(span.start, ())
    )


def _is_locative(token: Token) -> bool:
    """True for "in Moscow", "sources in Washington, Moscow and Caracas", "streets of Caracas"."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ in _LOCATIVE:
        return True
    return prep.lower_ == "of" and prep.head.lower_ in _PLACE_HEADS


def _slug_of(text: str) -> str:
    return slug(text)


def _tail_of_a_known_name(
    span: Span, entry: Entry, ner: list[Span], known: KnownType | None
) -> bool:
    """Whether a body's name is only the end of a longer name NER reads and the actor
    knowledge base knows: "Democratic Party" in Japan's "Liberal Democratic Party" is not the
    American party. A longer name nobody knows ("the Iowa Democratic Party") stays the
    gazetteer's."""
    if known is None or entry.type not in (EntityType.ORGANIZATION, EntityType.GROUP):
        return False
    for n in ner:
        if n.start < span.start and n.end >= span.end:
            longer = n[1:] if n[0].lower_ == "the" else n
            if longer.start < span.start and known(longer.text) is not None:
                return True
    return False
