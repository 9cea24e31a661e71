"""The NER tier of the recognizer: spaCy's names as candidates, each of the kind its words and
the nouns around it say (`_NameReader`), without what is no actor's name ("Brig." of a rank,
"4 million Euros", "the Chechen wars"). A mixin of `EntityRecognizer`, which sets the word
lists from the lexicon."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from newsgraph.annotate.actor_words import noun_keys
from newsgraph.annotate.candidates import Candidate, _candidate
from newsgraph.annotate.known_names import KnownType
from newsgraph.annotate.name_kinds import (
    BIG_CITY,
    NER_TYPES,
    TOWN_IN_CONTEXT,
    _city,
    _NameKinds,
    _NameReader,
)
from newsgraph.annotate.ner_spans import _names_a_model
from newsgraph.lexicon.places import find_place, subdivision_country
from newsgraph.models import EntityType

# NER labels read in the tier before the gazetteer's demonyms, metonyms and capitals
_HIGH_NER = {"PERSON", "ORG", "FAC", "PRODUCT"}
_PERSON_OR_BODY = frozenset({EntityType.PERSON, EntityType.ORGANIZATION})


class _NerTier(_NameReader):
    """NER's spans as candidates (`_ner`), high labels or the rest."""

    name_kinds: _NameKinds
    title_abbreviations: frozenset[str]
    currency_words: frozenset[str]
    group_heads: frozenset[str]
    outlet_verbs: frozenset[str]
    title_words: frozenset[str]
    english: frozenset[str]

    def _ner(
        self,
        ner: list[Span],
        sentence_of: Sequence[int],
        *,
        high: bool,
        known: KnownType | None = None,
    ) -> list[tuple[Span, Candidate]]:
        out = []
        surnames = {s[-1].text for s in ner if s.label_ == "PERSON" and len(s) > 1}
        for span in ner:
            if (span.label_ in _HIGH_NER) != high or span.label_ not in NER_TYPES:
                continue
            etype = self.name_kinds.of(span)
            if self._misread_person(span, etype) or (
                # a name the knowledge base knows only as a person's ("Hage Geingob"): so
                # its surname alone later is his too (`missed_names.surname_echoes`)
                etype in {EntityType.ORGANIZATION, EntityType.PLACE}
                and known is not None
                and known(span.text) == EntityType.PERSON
            ):
                etype = EntityType.PERSON
            etype = self._apposed_kind(span, etype)
            if self._misread_place(span, etype, known):
                etype = EntityType.PLACE
            if etype is not None and self._named_as_kin(span):
                etype = EntityType.PERSON  # "his wife, Melania"
            if etype in _PERSON_OR_BODY and self._reporting_after(span, known):
                etype = EntityType.MEDIA  # "..., reported La Hora."
            if etype == EntityType.PERSON and self._lone_city(span, surnames, known):
                etype = EntityType.PLACE
            label = span.label_
            if self._town_in_context(span, etype, known):
                etype, label = EntityType.PLACE, TOWN_IN_CONTEXT
            if etype is None or (etype == EntityType.ORGANIZATION and _names_a_model(span)):
                continue
            if span.text in self.title_abbreviations:
                continue  # "Brig." of "Brig. Gen. X", which NER reads as a place
            if len(span) == 1 and span.text.lower() in self.currency_words:
                continue  # "4 million Euros", which NER reads as a person
            if etype == EntityType.GROUP and self._modifies_no_actor(span):
                continue  # "the Chechen wars", "Latin American countries"
            if etype == EntityType.PLACE and self._a_word_for_a_place(span):
                continue  # "the president of the Republic", "crossed the Gulf"
            out.append((span, _candidate(span, sentence_of, "ner", etype, label=label)))
        return out

    def _lone_city(self, span: Span, surnames: set[str], known: KnownType | None) -> bool:
        """NER's person named by one word that is a city of 500,000 people or more and no one's
        surname in the document, with no title or given name before it ("Rotterdam has long
        been a gateway", "Salta has emerged as the province ..."): a person the story names by
        one word alone is named in full elsewhere in it ("Whitney Houston ... Houston said")."""
        if len(span) != 1 or span.text in surnames or span.text in self.given_names:
            return False
        before = span.doc[span.start - 1] if span.start > span.sent.start else None
        if before is not None and (before.text.endswith(".") or before.lower_ in self.title_words):
            return False
        return _city(span, BIG_CITY) and (known is None or known(span.text) != EntityType.PERSON)

    def _a_word_for_a_place(self, span: Span) -> bool:
        """A common word after "the" that only a small town of the index bears ("the
        Republic": Republic, Missouri; "the Gulf": Papua New Guinea's province): the story's
        own state or a sea, no town. A city keeps its name ("the Bronx" is no word)."""
        if len(span) != 1 or span.start == 0 or span.doc[span.start - 1].lower_ != "the":
            return False
        if span[0].lower_ not in self.english or _city(span):
            return False
        return find_place(span.text) is not None or subdivision_country(span.text) is not None

    def _reporting_after(self, span: Span, known: KnownType | None) -> bool:
        """A name after a comma and a verb of `outlet_verbs` that ends its clause: news puts
        the outlet after its verb (", reported La Hora."), which NER reads as a person or a
        body. Not a person's name (a given name opens it, or the knowledge base knows it)."""
        root = span.root
        verb = root.head
        if root.dep_ not in {"nsubj", "dobj"} or verb.lemma_.lower() not in self.outlet_verbs:
            return False
        doc = span.doc
        if verb.i >= span.start or verb.i < 1 or doc[verb.i - 1].text != ",":
            return False
        if span.end < len(doc) and not (doc[span.end].is_punct or doc[span.end].dep_ == "prep"):
            return False
        if span[0].text in self.given_names:
            return False
        return known is None or known(span.text) != EntityType.PERSON

    def _modifies_no_actor(self, span: Span) -> bool:
        """A people's or a movement's adjective (NER's NORP) before a noun that names no
        actor: the noun is what the text is about ("the Chechen wars"). A place's or a known
        name NER calls NORP ("the Montreal team") is left to the tiers that know it."""
        root = span.root
        if span.label_ != "NORP" or root.dep_ not in {"amod", "compound"}:
            return False
        head = root.head
        if head.pos_ != "NOUN" or head.i < root.i:
            return False
        if any(key in self.group_heads for key in noun_keys(head)):
            return False
        return not self._names_something(span.text)  # the costly lookup last
