"""What kind of thing a name spaCy's NER found really names.

The small English model often labels a name wrong (a person's name as an organisation, a body
as a person, a newspaper as an organisation). The tests here read the words of the name and
the nouns around it to put that right; the recognizer (`annotate/entities.py`) applies them to
each NER span before it becomes a candidate, after `annotate/ner_spans.py` has put the span's
edges right. `_NameReader` holds the tests that need the recognizer's word lists and
gazetteer, and is mixed into `EntityRecognizer`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.annotate.known_names import KnownType
from newsgraph.lexicon.gazetteer import Gazetteer
from newsgraph.lexicon.places import find_place
from newsgraph.models import EntityType

NER_TYPES = {
    "PERSON": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE, "FAC": EntityType.PLACE, "NORP": EntityType.GROUP,
    "PRODUCT": EntityType.WEAPON,
}  # fmt: skip
# the label of a name NER read as a person that the words around it say is a town: its
# mentions outvote NER's elsewhere, which a place the index does not know otherwise cannot
TOWN_IN_CONTEXT = "TOWN"
_WEAPON_PREFIX = (
    r"Su|MiG|Mig|Mi|Ka|Tu|Il|An|Yak|Kh|KH|BMP|BMD|BTR|BM|TOS|HQ|DF|MQ|RQ|AH|UH|CH|KJ|JF|FC|"
    r"S|T|F|J|Z|M|K|Buk|BuK|BUK|Tor|Igla|Pechora|Pantsir|Iskander|Tochka|Smerch|Uragan|Grad|"
    r"Shahed|Hwasong|Fateh|Zolfaghar|Kornet|Orlan|Tornado"
)
_WEAPON_DESIGNATION = re.compile(
    rf"\b(?:{_WEAPON_PREFIX})-\s?\d{{1,4}}[A-Za-z0-9]*(?:-\d?[A-Za-z0-9]+)*(?:\s[A-Z][a-z]+-\d[A-Za-z0-9]*)?"
    rf"|\b(?:Buk|BuK|BUK|Tor|Igla|Pechora|Pantsir|Iskander)-[A-Z0-9][A-Za-z0-9]*"
)
_MOVEMENT = re.compile(r"(?:istas?|ists?|isms?|ites?|istes?)$")


CITY = 100_000  # people: a town this large, listed with places, is the town
# named alone, a town this large is what its one-word name means ("Rotterdam"); smaller towns
# are also surnames news gives alone ("Bolton was a critic of Russia", "Richardson")
BIG_CITY = 500_000


def _city(span: Span, size: int = CITY) -> bool:
    """Whether the one-word name is a town of `size` people or more."""
    place = find_place(span.text) if len(span) == 1 else None
    return place is not None and place.population >= size


class _NameReader:
    """Whether an NER span is a person's name or a body's, read from its words and the nouns
    around it. A mixin of `EntityRecognizer`, which sets the word lists and the gazetteer
    from the lexicon; kept apart so the recognizer's module holds only the tiers."""

    given_names: frozenset[str]
    body_words: frozenset[str]
    organisation_nouns: frozenset[str]
    business_nouns: frozenset[str]
    person_nouns: frozenset[str]
    place_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    facility_nouns: frozenset[str]
    kin_nouns: frozenset[str]
    local_nouns: frozenset[str]
    local_bodies: frozenset[str]
    gazetteer: Gazetteer

    def _names_something(self, text: str) -> bool:
        """Whether the place index or the gazetteer knows the words as a name."""
        return find_place(text) is not None or self._in_gazetteer(text)

    def _in_gazetteer(self, text: str) -> bool:
        """Whether the gazetteer has an entry of that name."""
        return any(True for _ in self.gazetteer.lookup(text))

    def _a_persons_name(self, span: Span) -> bool:
        """Two or three capitalised words opening with a common given name and holding no
        word of a body's name: NER's "organisation" "Tony Mendez" is a person."""
        words = span.text.split()
        return (
            self._name_shaped(span)
            and bool(words)
            and words[0].split("-")[0] in self.given_names  # "Nils-Erik", "Jean-Pierre"
            and all(w.replace("-", "").isalpha() for w in words)
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
        if (
            etype in {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GROUP}
            and root.dep_ == "compound"
            and root.head.pos_ == "NOUN"
            and root.head.lemma_.lower() in self.facility_nouns
            and not self._in_gazetteer(span.text)
        ):
            # "the La Modelo prison", "Bellavista prison" (a town's name too: NER's NORP)
            return EntityType.PLACE
        if etype in {EntityType.PERSON, EntityType.ORGANIZATION} and self._a_place_of(root):
            return EntityType.PLACE  # "Guayaquil, the country's second-largest city"
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

    def _a_place_of(self, root: Token) -> bool:
        """Whether a word for a town, a region or a facility says what the name is: in
        apposition, either way ("Guayaquil, the country's second-largest city", "the state's
        biggest city, Ciudad Juarez", "two Bogota prisons, La Picota and La Modelo") or heading
        a list it is one of ("cities such as Cucuta, Cartagena and Bucaramanga")."""
        nouns = self.place_nouns | self.facility_nouns
        if any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in root.children):
            return True
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ == "appos" and first.head.lemma_.lower() in nouns:
            return True
        prep = first.head
        listing = prep.head.head if prep.head.lower_ == "such" else prep.head
        return (
            first.dep_ == "pobj"
            and prep.lower_ in {"as", "including"}
            and listing.lemma_.lower() in self.place_nouns
        )

    def _named_as_kin(self, span: Span) -> bool:
        """A name right after a word for a relative is a person's, whatever its shape or
        whatever else it names: "his wife, Melania", "son Barron", "her brother Jordan"."""
        i = span.start - 1
        if i >= 0 and span.doc[i].text == ",":
            i -= 1
        return i >= 0 and span.doc[i].is_lower and span.doc[i].lemma_.lower() in self.kin_nouns

    def _misread_person(self, span: Span, etype: EntityType | None) -> bool:
        """NER's organisation or facility that is a person's name: it opens with a common
        given name ("Tony Mendez", "Dominic Hare"), or has a name's shape and a title before it
        ("Sea-Eye spokesperson Carlotta Weibl") or a body of its own after it ("Nikki Holland
        of the UK's National Crime Agency"); a place the index or the gazetteer knows stays
        one ("Victoria")."""
        if etype not in {EntityType.ORGANIZATION, EntityType.PLACE}:
            return False
        if etype == EntityType.ORGANIZATION and self._a_persons_name(span):
            return True
        return (
            self._a_persons_name(span)
            or (self._name_shaped(span) and (_titled(span, self.person_nouns) or _of_a_body(span)))
        ) and not self._names_something(span.text)

    def _town_in_context(
        self, span: Span, etype: EntityType | None, known: KnownType | None
    ) -> bool:
        """NER's person that the words around say is a town, known to the index or not: "the
        mayor of Pasaquina", "another mayor from Pasaquina", "residents of Tsuen Wan" (two words
        at most, no given name: NER reads "Mayor of Koszalin Piotr Jedlinski" as one name)."""
        root = span.root
        head = root.head
        return (
            etype == EntityType.PERSON
            and root.dep_ == "pobj"
            and head.lower_ in {"of", "from"}
            and head.head.lemma_.lower() in self.local_nouns
            and len(span) <= 2  # "Koszalin Piotr Jedlinski" is the town and its mayor
            and not any(t.text in self.given_names for t in span)
            and (known is None or known(span.text) != EntityType.PERSON)
        )

    def _misread_place(self, span: Span, etype: EntityType | None, known: KnownType | None) -> bool:
        """NER's person that is a place the index knows, named where only a place goes: after
        "in", "near" or "outside" ("stabbed a man in Tsuen Wan"), before a word for a place
        ("the Tsuen Wan district") or for its officials ("Rotterdam prosecutors") or after one
        and "of" ("the city of Porto Alegre"), or in a
        list that NER opens with a place ("Guatemala City, Mixco and Villa Nueva"), opening
        with no given name, and no person the actor knowledge base knows by that name."""
        root = span.root
        head = root.head
        in_a_list_of_places = root.dep_ == "conj" and _listed_with_a_place(root)
        if etype == EntityType.ORGANIZATION:
            # "Buenos Aires, Cordoba and Rosario": a town the index knows, no body the
            # gazetteer does, listed with places; "a jail in Barranquilla": a city of
            # BIG_CITY people named alone after a place preposition
            after_in = root.dep_ == "pobj" and head.lower_ in self.place_prepositions
            return (
                (in_a_list_of_places and find_place(span.text) is not None)
                or (after_in and _city(span, BIG_CITY))
            ) and not self._in_gazetteer(span.text)
        return (
            etype == EntityType.PERSON
            and (
                (root.dep_ == "pobj" and head.lower_ in self.place_prepositions)
                or (
                    root.dep_ == "compound"
                    and head.lemma_.lower() in self.place_nouns | self.local_bodies
                )
                # "in the city of Porto Alegre"
                or (
                    root.dep_ == "pobj"
                    and head.lower_ == "of"
                    and head.head.lemma_.lower() in self.place_nouns
                )
                or in_a_list_of_places
            )
            # "Buenos Aires, Cordoba and Rosario": a large city listed with places, though a
            # given name too
            and (span[0].text not in self.given_names or (in_a_list_of_places and _city(span)))
            and find_place(span.text) is not None
            and (known is None or known(span.text) != EntityType.PERSON)
        )

    def _name_shaped(self, span: Span) -> bool:
        """Two or three capitalised words, none of them a body's word (a hyphenated word,
        "Nils-Erik", is one word: the tokenizer splits it in three)."""
        words = span.text.split()
        return (
            2 <= len(words) <= 3
            and all(w.replace("-", "").isalpha() and w[0].isupper() for w in words)
            and not any(w.lower() in self.body_words for w in words)
        )


_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _listed_with_a_place(token: Token) -> bool:
    """Whether NER reads another name of the list the token ends as a place: the list's
    first ("Guatemala City, Mixco and Villa Nueva") or any other ("Buenos Aires, Cordoba and
    Rosario", whose first NER reads as a person)."""
    first = _first_conjunct(token)
    return any(t.ent_type_ in _PLACE_LABELS for t in (first, *first.conjuncts) if t.i != token.i)


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
    weapon_nouns: frozenset[str] = frozenset()
    organisation_openers: frozenset[str] = frozenset()
    criminal_group_words: frozenset[str] = frozenset()
    group_articles: frozenset[str] = frozenset()

    @classmethod
    def from_words(cls, words: Mapping[str, frozenset[str]]) -> _NameKinds:
        return cls(
            words.get("organisation_heads", frozenset()),
            _words_pattern(words.get("armed_force_words", frozenset())),
            _words_pattern(words.get("media_words", frozenset())),
            nouns := frozenset(tuple(n.split()) for n in words.get("media_nouns", frozenset())),
            frozenset(w for noun in nouns for w in (noun[0], noun[-1])),
            words.get("weapon_nouns", frozenset()),
            words.get("organisation_openers", frozenset()),
            words.get("criminal_group_words", frozenset()),
            words.get("group_articles", frozenset()),
        )

    def of(self, span: Span) -> EntityType | None:
        text = span.text
        if len(span) == 1 and _MOVEMENT.search(text):
            return EntityType.GROUP  # "Chavista", "Chavism", "Peronists": movements, not places
        if len(span) > 1 and span[-1].lower_ in self.criminal_group_words:
            return EntityType.GROUP  # "the Medellin Cartel": no person or place, a group
        if self._opened_by_a_group_article(span):
            return EntityType.GROUP  # "Los Moreco": a gang, not a person
        if (
            span.label_ == "PERSON"
            and len(span) > 1
            and (
                span[-1].lower_ in self.organisation_heads
                or span[0].lower_ in self.organisation_openers
            )
        ):
            # "The Tigray People's Liberation Front", "Fundación Solidaridad": no person
            return EntityType.ORGANIZATION
        if self._designates_a_weapon(span):
            return EntityType.WEAPON  # "a U.S. military M67 fragmentation grenade"
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

    def _opened_by_a_group_article(self, span: Span) -> bool:
        first = span[0]
        if len(span) < 2 or not first.is_title or first.lower_ not in self.group_articles:
            return False
        return not any(find_place(span[:end].text) for end in range(2, len(span) + 1))

    def _designates_a_weapon(self, span: Span) -> bool:
        """A model designation (a word of letters and digits, "M67", "K400", "AK-103") that
        modifies a word for a weapon, however many words between: "an M67 fragmentation
        grenade", "three South Korean K400 grenades"."""
        if not any(c.isdigit() for c in span.text) or not any(c.isalpha() for c in span.text):
            return False
        head = span.root
        while head.dep_ in {"compound", "nmod", "amod"} and head.head.i != head.i:
            head = head.head
            if head.lemma_.lower() in self.weapon_nouns:
                return True
        return False

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
