"""Find entity mentions: gazetteer hits, weapon designations and spaCy's NER, reconciled.

The small English model mislabels much of what analysts care about (weapons as ORG or LOC,
outlets as PERSON, surnames as GPE). Candidates are therefore taken in tiers, each tier only
where no earlier one already claimed the words:

1. spans the citation parser has shown to be outlets;
2. unambiguous gazetteer names and aliases (ambiguous ones only where NER agrees);
3. weapon designations ("Su-30MK2V", "BuK-M2") by pattern;
4. NER persons, organisations, products, facilities;
   then names the actor knowledge base knows whole where NER found nothing
   (`annotate/known_names.py`);
5. gazetteer demonyms, metonyms and capitals ("Russian", "the Kremlin", "Moscow");
6. NER places and nationalities.

Which *entity* a candidate belongs to is decided later, in `resolve.entities`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.annotate.descriptors import RoleIndex
from newsgraph.annotate.known_names import KnownType, known_name_spans
from newsgraph.annotate.phrases import Phrases, tokenized
from newsgraph.folding import fold
from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.lexicon.gazetteer import Entry, Gazetteer, slug
from newsgraph.lexicon.places import find_place
from newsgraph.models import EntityType, MentionKind

NER_TYPES = {
    "PERSON": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE, "FAC": EntityType.PLACE, "NORP": EntityType.GROUP,
    "PRODUCT": EntityType.WEAPON,
}  # fmt: skip
_HIGH_NER = {"PERSON", "ORG", "FAC", "PRODUCT"}
_LOCATIVE = {"in", "at", "near", "outside", "inside", "around", "across", "to", "into", "from",
             "throughout", "within", "toward", "towards", "via", "through"}  # fmt: skip
_PLACE_HEADS = {"streets", "outskirts", "centre", "center", "city", "suburbs", "mayor", "residents",
                "people", "heart", "downtown"}  # fmt: skip
_WEAPON_PREFIX = (
    r"Su|MiG|Mig|Mi|Ka|Tu|Il|An|Yak|Kh|KH|BMP|BMD|BTR|BM|TOS|HQ|DF|MQ|RQ|AH|UH|CH|KJ|JF|FC|"
    r"S|T|F|J|Z|M|K|Buk|BuK|BUK|Tor|Igla|Pechora|Pantsir|Iskander|Tochka|Smerch|Uragan|Grad|"
    r"Shahed|Hwasong|Fateh|Zolfaghar|Kornet|Orlan|Tornado"
)
_MODEL = re.compile(r"^[A-Z]{0,2}\d{3,4}(?:-\w+)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_WEAPON_DESIGNATION = re.compile(
    rf"\b(?:{_WEAPON_PREFIX})-\s?\d{{1,4}}[A-Za-z0-9]*(?:-\d?[A-Za-z0-9]+)*(?:\s[A-Z][a-z]+-\d[A-Za-z0-9]*)?"
    rf"|\b(?:Buk|BuK|BUK|Tor|Igla|Pechora|Pantsir|Iskander)-[A-Z0-9][A-Za-z0-9]*"
)
_DESIGNATION_HINT = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,8}-\s?[0-9A-Z]")
_BRACKETED_DESIGNATION = re.compile(r"\s?\(([A-Z][\w]*(?:-[A-Z0-9][\w]*)+)\)")
_MOVEMENT = re.compile(r"(?:istas?|ists?|isms?|ites?|istes?)$")
_NOT_NAMES = {
    "UTC",
    "GMT",
    "EST",
    "CET",
    "MSK",
    "State",
    "Government",
    "Ministry",
    "President",
    "Minister",
    "Council",
    "the State",
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that names some entity, before entities are formed.

    `entry` is the gazetteer entry when one is known; `type` the best guess at the entity type.
    """

    start: int
    end: int
    text: str
    sentence: int
    source: str  # "citation" | "gazetteer" | "pattern" | "ner" | "knowledge base"
    type: EntityType
    kind: MentionKind = MentionKind.NAME
    entry: Entry | None = None
    label: str | None = None


def _surface_phrases(
    nlp: Language, gazetteer: Gazetteer, caseless: dict[str, str]
) -> tuple[Phrases, Phrases]:
    """The gazetteer's surfaces as token sequences (exact case), and the caseless ones in
    lower case; tokenising ten thousand strings is slow, so the result is cached."""
    surfaces = sorted(gazetteer.surfaces)
    lowered = sorted(caseless)
    exact, lower = tokenized(nlp, [surfaces, lowered])
    return Phrases(exact), Phrases(tuple(t.lower() for t in words) for words in lower)


class EntityRecognizer:
    """Finds candidates in parsed docs; build once per process (it compiles the gazetteer)."""

    def __init__(
        self, nlp: Language, gazetteer: Gazetteer, *, ordinary_words: frozenset[str] | None = None
    ) -> None:
        lexicon = load_lexicon()
        words = lexicon.words
        # words a person's name may open with that are no given name ("President Trump")
        self.title_words = lexicon.titles.words()
        self.title_phrases = frozenset(
            tuple(t.lower().split()) for t in (*lexicon.titles.offices, *lexicon.titles.ranks)
        )
        if ordinary_words is None:
            ordinary_words = words.get("ordinary_words", frozenset())
        self.state_context = _StateContext(
            words.get("state_prepositions", frozenset()),
            words.get("state_possessions", frozenset()),
        )
        self.thoroughfares = words.get("thoroughfares", frozenset())
        self.name_kinds = _NameKinds.from_words(words)
        self.given_names = words.get("given_names", frozenset())
        self.body_words = frozenset().union(
            *(words.get(name, frozenset()) for name in _BODY_WORD_LISTS)
        )
        self.name_particles = words.get("name_particles", frozenset())
        # what a noun in apposition to a name says it is (`_apposed_kind`)
        self.organisation_nouns = words.get("organisation_nouns", frozenset()) | words.get(
            "organisation_heads", frozenset()
        )
        self.business_nouns = words.get("business_nouns", frozenset())
        self.person_nouns = frozenset(
            t.lower().split()[-1] for t in (*lexicon.titles.offices, *lexicon.titles.ranks)
        )
        self.gazetteer = gazetteer
        self.posts = RoleIndex(gazetteer)
        # "tunisian rioters", "help iSrael", "GAZA CITY": country names and demonyms in the
        # wrong case, matched only where the word is no ordinary English one
        self.caseless = caseless_surfaces(gazetteer, ordinary_words)
        self.phrases, self.caseless_phrases = _surface_phrases(nlp, gazetteer, self.caseless)

    def find(
        self,
        doc: Doc,
        *,
        sentence_of: Sequence[int],
        outlets: Iterable[tuple[int, int]] = (),
        skip: Iterable[tuple[int, int]] = (),
        published: str | None = None,
        text: str | None = None,
        known: KnownType | None = None,
    ) -> list[Candidate]:
        """All candidates in `doc`, non-overlapping, in text order.

        `sentence_of[i]` is the sentence index of token i; `outlets` are char spans the
        citation parser found to be outlets; `skip` are char spans (header lines) to ignore;
        `text` is `doc.text` when the caller has it (spaCy rebuilds it on every access);
        `known` tells the kind of actor a name the actor knowledge base knows names.
        """
        text = doc.text if text is None else text
        taken = _Taken(skip)
        ner = [
            _without_title(span, self.title_phrases, self._a_persons_name)
            for span in (_trim(ent) for ent in doc.ents)
            if span is not None
        ]
        if known is not None:
            ner = _glued_to_person(ner, known, self._names_something)
        found: list[Candidate] = []

        def claim(spans: Iterable[tuple[Span, Candidate]]) -> None:
            for span, cand in sorted(spans, key=lambda sc: -(sc[0].end - sc[0].start)):
                if "\n" not in span.text and taken.claim(span.start_char, span.end_char):
                    found.append(cand)

        claim(self._outlets(doc, outlets, sentence_of))
        claim(self._posts(doc, text, sentence_of, published))
        gaz_names, gaz_other = self._gazetteer(doc, ner, sentence_of, known)
        # a state's name inside an organisation's ("Malaysia Airlines", "Bank of Russia") is
        # part of that name; the organisation takes the state's country when resolved
        covering = _covering(ner)
        claim(
            sc
            for sc in gaz_names
            if not _inside_organization(sc[0], sc[1], covering, self.name_kinds)
            and not _inside_place(sc[0], sc[1], covering, self.thoroughfares)
            and not _inside_other_person(sc[0], sc[1], covering, self.title_words)
        )
        claim(self._designations(doc, text, sentence_of))
        # "Moscow", "Kremlin", "Russian" beat NER's labels, but not a longer name that contains
        # them ("Latin American", "Moscow City Court")
        claim(sc for sc in gaz_other if not _inside_longer(sc[0], covering))
        claim(self._ner(ner, sentence_of, high=True, known=known))
        if known is not None:
            claim(self._known_names(doc, sentence_of, known, taken.free))
        claim(self._ner(ner, sentence_of, high=False, known=known))
        claim(_surname_echoes(doc, found, sentence_of))
        return sorted(found, key=lambda c: c.start)

    def _a_persons_name(self, span: Span) -> bool:
        """Two or three capitalised words opening with a common given name and holding no
        word of a body's name: NER's "organisation" "Tony Mendez" is a person."""
        words = [t.text for t in span]
        return (
            2 <= len(words) <= 3
            and words[0] in self.given_names
            and all(w.isalpha() and w[0].isupper() for w in words)
            and not any(w.lower() in self.body_words for w in words)
        )

    def _apposed_kind(self, span: Span, etype: EntityType | None) -> EntityType | None:
        """The kind a common noun says the name is, where NER read a body as a person or a
        facility (the name modifies a business noun: "the Cipriani Dolci restaurant"; a noun
        in apposition: "Milltech Marine, a firm ...") or a person as a body or a facility
        ("Jasim Uddin, a spokesperson for ..."); a place the index or the gazetteer knows stays
        one."""
        root = span.root
        if (
            etype in {EntityType.PERSON, EntityType.PLACE}
            and root.dep_ == "compound"
            and root.head.pos_ == "NOUN"
            and root.head.lemma_.lower() in self.business_nouns
            and not self._names_something(span.text)
        ):
            return EntityType.ORGANIZATION  # "the Cipriani Dolci restaurant"
        noun = next((c for c in root.children
                     if c.dep_ == "appos" and c.pos_ == "NOUN"), None)  # fmt: skip
        if noun is None:
            return etype
        lemma = noun.lemma_.lower()
        if etype == EntityType.PERSON and lemma in self.organisation_nouns:
            return EntityType.ORGANIZATION
        if (
            etype in {EntityType.ORGANIZATION, EntityType.PLACE}
            and lemma in self.person_nouns
            and lemma not in self.organisation_nouns
            and not self._names_something(span.text)
        ):
            return EntityType.PERSON
        return etype

    def _misread_person(self, span: Span, etype: EntityType | None) -> bool:
        """NER's organisation or facility that is a person's name: it opens with a common
        given name ("Tony Mendez", "Dominic Hare"), or has a name's shape and a title before it
        ("Sea-Eye spokesperson Carlotta Weibl") or a body of its own after it ("Nikki Holland
        of the UK's National Crime Agency"); a place the index or the gazetteer knows stays
        one ("Victoria")."""
        if etype not in {EntityType.ORGANIZATION, EntityType.PLACE}:
            return False
        if etype == EntityType.PLACE and self._names_something(span.text):
            return False
        if self._a_persons_name(span):
            return True
        return (
            self._name_shaped(span)
            and (_titled(span, self.person_nouns) or _of_a_body(span))
            and not self._names_something(span.text)
        )

    def _name_shaped(self, span: Span) -> bool:
        """Two or three capitalised words, none of them a body's word."""
        words = [t.text for t in span]
        return (
            2 <= len(words) <= 3
            and all(w.replace("-", "").isalpha() and w[0].isupper() for w in words)
            and not any(w.lower() in self.body_words for w in words)
        )

    def _outlets(
        self, doc: Doc, outlets: Iterable[tuple[int, int]], sentence_of: Sequence[int]
    ) -> list[tuple[Span, Candidate]]:
        out = []
        for start, end in outlets:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            entry = self._known(span.text, EntityType.MEDIA)
            out.append(
                (span, _candidate(span, sentence_of, "citation", EntityType.MEDIA, entry=entry))
            )
        return out

    def _posts(
        self, doc: Doc, text: str, sentence_of: Sequence[int], published: str | None
    ) -> list[tuple[Span, Candidate]]:
        """ "the Russian foreign minister": the one known holder of that post on that date."""
        out = []
        for start, end, entry in self.posts.find(text, published):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                cand = _candidate(span, sentence_of, "gazetteer", EntityType.PERSON, entry=entry,
                                  kind=MentionKind.DESCRIPTOR)  # fmt: skip
                out.append((span, cand))
        return out

    def _names_something(self, text: str) -> bool:
        """Whether the place index or the gazetteer knows the words as a name."""
        return find_place(text) is not None or any(True for _ in self.gazetteer.lookup(text))

    def _known(self, text: str, etype: EntityType) -> Entry | None:
        for entry, kind, _ambiguous in self.gazetteer.lookup(text):
            if entry.type == etype and kind == MentionKind.NAME.value:
                return entry
        return None

    def _gazetteer(
        self, doc: Doc, ner: list[Span], sentence_of: Sequence[int], known: KnownType | None
    ) -> tuple[list[tuple[Span, Candidate]], list[tuple[Span, Candidate]]]:
        names, other = [], []
        ner_spans = {i: span for span in ner for i in range(span.start, span.end)}
        hits_at = []
        words = [token.text for token in doc]  # one pass over the doc: spaCy tokens are costly
        for start, end in self.phrases.find(words):
            hits = self.gazetteer.lookup(doc[start:end].text)
            if hits:
                hits_at.append((doc[start:end], min(hits, key=lambda h: h[2])))  # unambiguous first
        for start, end in self.caseless_phrases.find([w.lower() for w in words]):
            text = doc[start:end].text
            canonical = self.caseless.get(text.lower())
            if canonical is not None and text != canonical:
                hits_at.append((doc[start:end], self.gazetteer.lookup(canonical)[0]))
        confirmed = {entry.id for _, (entry, _, ambiguous) in hits_at if not ambiguous}
        # a party's ambiguous alias also counts where the story names its country
        # ("Republicans" in a story that names the United States)
        confirmed |= {
            f"country:{entry.country}"
            for _, (entry, _, ambiguous) in hits_at
            if not ambiguous and entry.type == EntityType.STATE and entry.country
        }
        # states named for sure, or placed by their own context ("from Niger"): a name
        # coordinated with one of them is a state too ("from Niger and Chad")
        states = {
            i
            for span, (entry, _, ambiguous) in hits_at
            if entry.type == EntityType.STATE
            and (not ambiguous or self.state_context.says(span, set()))
            for i in range(span.start, span.end)
        }
        for span, (entry, kind, ambiguous) in hits_at:
            if entry.type == EntityType.ORGANIZATION and _names_a_model(span):
                continue  # "a Boeing 777", "the Airbus A320": the aircraft, not the company
            if kind == MentionKind.NAME.value and _tail_of_a_known_name(span, entry, ner, known):
                continue
            if (
                ambiguous
                and not _confirmed(span, entry, ner_spans, confirmed)
                and not (entry.type == EntityType.STATE and self.state_context.says(span, states))
                and not _titled_outlet(span, entry)
            ):
                continue
            if kind == "capital":
                other.append((span, self._capital(span, entry, sentence_of)))
            elif kind == MentionKind.NAME.value:
                names.append(
                    (span, _candidate(span, sentence_of, "gazetteer", entry.type, entry=entry))
                )
            else:
                cand = _candidate(span, sentence_of, "gazetteer", entry.type, entry=entry,
                                  kind=MentionKind(kind))  # fmt: skip
                other.append((span, cand))
        return names, other

    def _capital(self, span: Span, state: Entry, sentence_of: Sequence[int]) -> Candidate:
        """A capital used as a location names the city; used as an actor, the state."""
        if _is_locative(span.root):
            place = self.gazetteer.entries.get(f"place:{_slug_of(state.capital or span.text)}")
            return _candidate(span, sentence_of, "gazetteer", EntityType.PLACE, entry=place)
        return _candidate(span, sentence_of, "gazetteer", EntityType.STATE, entry=state,
                          kind=MentionKind.METONYM)  # fmt: skip

    def _designations(
        self, doc: Doc, text: str, sentence_of: Sequence[int]
    ) -> list[tuple[Span, Candidate]]:
        """Weapon designations, and a designation-like name in brackets right after one:
        "S-300VM (Antey-2500)"."""
        out = []
        starts = {
            m.start() for m in _DESIGNATION_HINT.finditer(text)
        }  # cheap scan, then the full pattern
        for match in (m for s in sorted(starts) if (m := _WEAPON_DESIGNATION.match(text, s))):
            bounds = [(match.start(), match.end())]
            alias = _BRACKETED_DESIGNATION.match(text, match.end())
            if alias is not None:
                bounds.append((alias.start(1), alias.end(1)))
            for start, end in bounds:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                entry = self._known(span.text, EntityType.WEAPON)
                cand = _candidate(span, sentence_of, "pattern", EntityType.WEAPON, entry=entry)
                out.append((span, cand))
        return out

    def _known_names(
        self,
        doc: Doc,
        sentence_of: Sequence[int],
        known: KnownType,
        free: Callable[[int, int], bool],
    ) -> list[tuple[Span, Candidate]]:
        found = known_name_spans(doc, known, self.name_particles, free)
        return [(span, _candidate(span, sentence_of, "knowledge base", etype))
                for span, etype in found]  # fmt: skip

    def _ner(
        self,
        ner: list[Span],
        sentence_of: Sequence[int],
        *,
        high: bool,
        known: KnownType | None = None,
    ) -> list[tuple[Span, Candidate]]:
        out = []
        for span in ner:
            if (span.label_ in _HIGH_NER) != high or span.label_ not in NER_TYPES:
                continue
            etype = self.name_kinds.of(span)
            if self._misread_person(span, etype) or (
                # a name the knowledge base knows only as a person's ("Hage Geingob"): so
                # its surname alone later is his too (`_surname_echoes`)
                etype in {EntityType.ORGANIZATION, EntityType.PLACE}
                and known is not None
                and known(span.text) == EntityType.PERSON
            ):
                etype = EntityType.PERSON
            etype = self._apposed_kind(span, etype)
            if etype is None or (etype == EntityType.ORGANIZATION and _names_a_model(span)):
                continue
            out.append((span, _candidate(span, sentence_of, "ner", etype, label=span.label_)))
        return out


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


def _titled(span: Span, titles: frozenset[str]) -> bool:
    """A lower-case title noun right before the name, in its phrase: "spokesperson X"."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.pos_ == "NOUN" and before.is_lower and before.lower_ in titles


def _of_a_body(span: Span) -> bool:
    """ "X of <another name>": a body NER named apart right after ("Nikki Holland of the UK's
    National Crime Agency"), as a person is introduced; a body's own "of" stays in its name."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ != "of":
        return False
    after = doc[span.end + 1 : span.end + 5]
    return any(t.ent_type_ in {"ORG", "GPE", "NORP"} and t.ent_iob_ == "B" for t in after)


# the word lists whose words are a body's, never a person's (`_a_persons_name`)
_BODY_WORD_LISTS = ("body_words", "organisation_heads", "company_suffixes", "thoroughfares")

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


def _confirmed(span: Span, entry: Entry, ner: dict[int, Span], confirmed: set[str]) -> bool:
    """An ambiguous alias counts where NER saw a name of a compatible kind over it and, for
    anything but places, the document also names the entity unambiguously ("the Security
    Council" is the UN's only where the UN Security Council is named) or, for a party or
    another group, its country ("Republicans" where the United States is named) and NER read
    no longer name around it ("Democratic" of the "Democratic Unionist Party")."""
    over = [ner[i] for i in range(span.start, span.end) if i in ner]
    compatible = _COMPATIBLE_LABELS.get(entry.type, {"ORG", "NORP", "PERSON", "GPE", "WORK_OF_ART"})
    if not {n.label_ for n in over} & compatible:
        return False
    if entry.type in {EntityType.STATE, EntityType.PLACE} or entry.id in confirmed:
        return True
    longer = any(len(n) > len(span) for n in over)
    return _named_by_country(entry) and f"country:{entry.country}" in confirmed and not longer


def _titled_outlet(span: Span, entry: Entry) -> bool:
    """An outlet's title with its capital "The" inside a sentence is the outlet: news writes
    "told The Atlantic", "The Hindu reported", and "the Atlantic", "the Hindu community" for
    the ocean and the people; at a sentence's start the capital says nothing."""
    first = span[0]
    return entry.type == EntityType.MEDIA and first.text == "The" and not first.is_sent_start


# the entries whose ambiguous alias the story's naming of their country confirms: a party
# ("Republicans") or another group, not a body many countries have ("House of Representatives")
_NAMED_BY_COUNTRY_KINDS = frozenset({"political party", "political coalition"})


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
) -> bool:
    """Whether a state's or a region's name is part of a longer organisation name NER found
    (or a "person" whose name ends like a body's: "The Tigray People's Liberation Front"). Not
    a list the model took for one name ("Russia and China"), nor a fragment of a longer noun
    phrase ("US State" of "the US State department")."""
    if candidate.type not in {EntityType.STATE, EntityType.PLACE}:
        return False
    return any(
        name_kinds.of(e) == EntityType.ORGANIZATION
        and e.start <= span.start
        and span.end <= e.end
        and len(e) > len(span)
        and not any(t.lower_ in {"and", ",", "&", "-", "–"} or t.is_space for t in e)
        and not (e[-1].dep_ == "compound" and e[-1].head.i >= e.end)
        for e in covering.get(span.start, ())
    )


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


class _Taken:
    """Character ranges already claimed by an earlier tier (or excluded up front), kept as
    sorted disjoint intervals so a claim costs a binary search, not a scan of every claim."""

    def __init__(self, skip: Iterable[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(skip):
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)  # overlapping skips: one interval
            elif end > start:
                self.starts.append(start)
                self.ends.append(end)

    def claim(self, start: int, end: int) -> bool:
        if not self.free(start, end):
            return False
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i > 0 and self.ends[i - 1] > start:
            return False  # an earlier interval reaches into this range
        return not (i < len(self.starts) and self.starts[i] < end)  # a later one begins inside


def _surname_echoes(
    doc: Doc, found: Sequence[Candidate], sentence_of: Sequence[int]
) -> list[tuple[Span, Candidate]]:
    """A person named in full is named later by surname alone ("Affleck tweeted, ..."),
    which the small model often leaves untagged, losing the speaker of a quote or the side
    of an event. A later capitalised word equal to the surname of exactly one person the
    document names in full is a mention of that person, unless it is part of a longer name
    ("Ford Motor Company" of a "Gerald Ford")."""
    first: dict[str, int] = {}  # surname -> end of the first full-name mention
    people: dict[str, set[str]] = {}
    for cand in found:
        words = cand.text.split()
        if cand.type != EntityType.PERSON or cand.kind != MentionKind.NAME or len(words) < 2:
            continue
        surname = words[-1]
        if len(surname) < 3 or not surname[:1].isupper() or not surname.isalpha():
            continue
        people.setdefault(surname, set()).add(fold(cand.text))
        first[surname] = min(first.get(surname, cand.end), cand.end)
    if not first:
        return []
    out = []
    for token in doc:
        surname = token.text
        if surname not in first or token.idx < first[surname] or len(people[surname]) > 1:
            continue
        if _in_longer_name(token, sentence_of):
            continue
        span = doc[token.i : token.i + 1]
        out.append((span, _candidate(span, sentence_of, "ner", EntityType.PERSON)))
    return out


def _names_a_model(span: Span) -> bool:
    """A maker's name followed by a model designation ("Boeing 777", "Airbus A320", "737-800";
    not a year, nor "Huawei 5G")."""
    doc = span.doc
    following = doc[span.end].text if span.end < len(doc) else ""
    return bool(_MODEL.match(following)) and not _YEAR.match(following)


def _in_longer_name(token: Token, sentence_of: Sequence[int]) -> bool:
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return any(
        t.text[:1].isupper() and t.pos_ == "PROPN" and sentence_of[t.i] == sentence_of[token.i]
        for t in neighbours
    )


def _candidate(
    span: Span,
    sentence_of: Sequence[int],
    source: str,
    etype: EntityType,
    *,
    entry: Entry | None = None,
    kind: MentionKind = MentionKind.NAME,
    label: str | None = None,
) -> Candidate:
    return Candidate(span.start_char, span.end_char, span.text, sentence_of[span.start], source,
                     etype, kind, entry, label)  # fmt: skip


def _glued_to_person(
    ner: list[Span], known: KnownType, names_something: Callable[[str], bool]
) -> list[Span]:
    """NER spans that glue a place or a body to a person's name split in two ("Senator from
    Vermont Bernie Sanders": "Vermont Bernie Sanders", an organisation; "Speaker of the House
    Nancy Pelosi": "House Nancy Pelosi"), when the actor knowledge base knows the last words
    (two or more) as a person, and NER read the whole as an organisation or the place index
    or the gazetteer knows the first word or two. The first part is read as a place when the
    place index knows it, else as an organisation."""
    out = []
    for span in ner:
        cut = next((k for k in (1, 2) if len(span) - k >= 2
                    and (span.label_ == "ORG" or names_something(span[:k].text))
                    and known(span[k:].text) == EntityType.PERSON), None)  # fmt: skip
        if cut is None:
            out.append(span)
            continue
        place = find_place(span[:cut].text) is not None
        out.append(Span(span.doc, span.start, span.start + cut, label="GPE" if place else "ORG"))
        out.append(Span(span.doc, span.start + cut, span.end, label="PERSON"))
    return out


def _trim(ent: Span) -> Span | None:
    """Drop a leading "the", "pro-", "anti-" and a trailing "'s" from an NER span."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (
        doc[start].lower_ in {"the", "pro", "anti", "-", "ex"} or doc[start].is_punct
    ):
        start += 1
    while end > start and (doc[end - 1].text in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    span = Span(doc, start, end, label=ent.label_)
    if span.text in _NOT_NAMES or not any(ch.isupper() for ch in span.text):
        return None
    return span


def _without_title(
    span: Span, titles: frozenset[tuple[str, ...]], persons_name: Callable[[Span], bool]
) -> Span:
    """A person's span without the title NER took into it ("Taoiseach Leo Varadkar", "State
    Counsellor Aung San Suu Kyi"), the longest title opening it, when a name of two words or
    more remains ("Sheikh Hasina" keeps its first word). NER's "organisation" made of a title
    and a person's name ("Assemblywoman Selena Torres") is that person."""
    if span.label_ not in {"PERSON", "ORG"}:
        return span
    words = [t.lower_ for t in span]
    cut = max((len(t) for t in titles if tuple(words[: len(t)]) == t), default=0)
    if cut == 0 or len(span) - cut < 2:
        return span
    rest = Span(span.doc, span.start + cut, span.end, label="PERSON")
    if span.label_ == "ORG" and not persons_name(rest):
        return span
    return rest


@dataclass(frozen=True)
class _NameKinds:
    """What the words of a name NER found, or the nouns around it, say about its kind (word
    lists: words.yaml)."""

    organisation_heads: frozenset[str] = frozenset()
    armed_force: re.Pattern[str] | None = None
    media: re.Pattern[str] | None = None
    media_nouns: frozenset[tuple[str, ...]] = frozenset()
    # the first and last words of the media nouns: a cheap test before the phrases
    media_edges: frozenset[str] = frozenset()

    @classmethod
    def from_words(cls, words: Mapping[str, frozenset[str]]) -> _NameKinds:
        return cls(
            words.get("organisation_heads", frozenset()),
            _words_pattern(words.get("armed_force_words", frozenset())),
            _words_pattern(words.get("media_words", frozenset())),
            nouns := frozenset(tuple(n.split()) for n in words.get("media_nouns", frozenset())),
            frozenset(w for noun in nouns for w in (noun[0], noun[-1])),
        )

    def of(self, span: Span) -> EntityType | None:
        text = span.text
        if len(span) == 1 and _MOVEMENT.search(text):
            return EntityType.GROUP  # "Chavista", "Chavism", "Peronists": movements, not places
        if span.label_ == "PERSON" and len(span) > 1 and span[-1].lower_ in self.organisation_heads:
            return EntityType.ORGANIZATION  # "The Tigray People's Liberation Front": no person
        if span.label_ == "PRODUCT":
            return EntityType.WEAPON if _WEAPON_DESIGNATION.search(text) else None
        if span.label_ == "ORG":
            if self.armed_force is not None and self.armed_force.search(text):
                return EntityType.ARMED_FORCE
            if self.media is not None and self.media.search(text):
                return EntityType.MEDIA
            if self._called_media(span, after=True):
                return EntityType.MEDIA  # "the Baltimore Sun newspaper"
        if span.label_ in NER_TYPES and self._called_media(span, after=False):
            return EntityType.MEDIA  # "the journal Science Advances", "news agency Rudaw"
        return NER_TYPES.get(span.label_)

    def _called_media(self, span: Span, *, after: bool) -> bool:
        """Whether a media noun stands right before the name (or, with `after`, right after)."""
        doc = span.doc
        # the word touching the name, looked up first: nearly always no noun's end
        edge = span.end if after else span.start - 1
        if not 0 <= edge < len(doc) or doc[edge].lower_ not in self.media_edges:
            return False
        for noun in self.media_nouns:
            start = span.end if after else span.start - len(noun)
            if start >= 0 and tuple(t.lower_ for t in doc[start : start + len(noun)]) == noun:
                return True
        return False


def _words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """Any of the words or phrases, as whole words in any case."""
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


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
