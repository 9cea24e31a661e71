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

The tiers' tests live apart: where an NER span really ends in `annotate/ner_spans.py`, what
kind of name it is in `annotate/name_kinds.py`, whether a gazetteer hit stands in
`annotate/gazetteer_hits.py`; the candidate record itself is in `annotate/candidates.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.annotate.branches import national_branches
from newsgraph.annotate.candidates import Candidate as Candidate
from newsgraph.annotate.candidates import Taken, _candidate
from newsgraph.annotate.descriptors import RoleIndex
from newsgraph.annotate.gazetteer_hits import (
    _confirmed,
    _covering,
    _inside_longer,
    _inside_organization,
    _inside_other_person,
    _inside_place,
    _is_locative,
    _slug_of,
    _StateContext,
    _surface_phrases,
    _tail_of_a_known_name,
    _titled_outlet,
)
from newsgraph.annotate.gazetteer_hits import caseless_surfaces as caseless_surfaces
from newsgraph.annotate.known_names import KnownType, known_name_spans
from newsgraph.annotate.missed_names import (
    given_name_demonyms,
    nicknamed_names,
    nicknames,
    party_families,
    surname_echoes,
    title_offices,
    titled_names,
)
from newsgraph.annotate.name_kinds import (
    _BODY_WORD_LISTS,
    _WEAPON_DESIGNATION,
    _NameKinds,
)
from newsgraph.annotate.name_kinds import NER_TYPES as NER_TYPES
from newsgraph.annotate.ner_spans import (
    _glued_to_person,
    _names_a_model,
    _trim,
    _without_title,
    after_an_office,
    after_an_owner,
    beside_an_office,
    only_a_title,
    with_given_names,
)
from newsgraph.annotate.ner_tier import _NerTier
from newsgraph.annotate.nlp import english_words
from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.lexicon.gazetteer import Entry, Gazetteer
from newsgraph.models import EntityType, MentionKind

_DESIGNATION_HINT = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,8}-\s?[0-9A-Z]")
_BRACKETED_DESIGNATION = re.compile(r"\s?\(([A-Z][\w]*(?:-[A-Z0-9][\w]*)+)\)")


class EntityRecognizer(_NerTier):
    """Finds candidates in parsed docs; build once per process (it compiles the gazetteer)."""

    def __init__(
        self, nlp: Language, gazetteer: Gazetteer, *, ordinary_words: frozenset[str] | None = None
    ) -> None:
        lexicon = load_lexicon()
        words = lexicon.words
        # words a person's name may open with that are no given name ("President Trump")
        self.title_words = lexicon.titles.words()
        self.title_abbreviations = frozenset(
            word for short, _ in lexicon.titles.abbreviations for word in short.split()
        )
        self.title_phrases = frozenset(tuple(t.lower().split()) for t in lexicon.titles.held())
        if ordinary_words is None:
            ordinary_words = words.get("ordinary_words", frozenset())
        self.state_context = _StateContext(
            words.get("state_prepositions", frozenset()),
            words.get("state_possessions", frozenset()),
        )
        self.thoroughfares = words.get("thoroughfares", frozenset())
        # capitalised, as they open a name ("La Reforma")
        self.name_articles = frozenset(w.title() for w in words.get("name_articles", ()))
        self.portfolio_offices = words.get("portfolio_offices", frozenset())
        self.title_bodies = words.get("title_bodies", frozenset())
        self.state_leaders = lexicon.relations.state_leaders
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
        self.company_suffixes = words.get("company_suffixes", frozenset())
        self.outlet_verbs = words.get("outlet_verbs", frozenset())
        self.place_prepositions = words.get("place_prepositions", frozenset())
        self.place_nouns = words.get("place_nouns", frozenset())
        self.facility_nouns = words.get("facility_nouns", frozenset())
        self.kin_nouns = lexicon.events.kin_nouns
        self.local_nouns = words.get("local_nouns", frozenset())
        self.local_bodies = words.get("local_bodies", frozenset())
        self.currency_words = words.get("currency_words", frozenset())
        self.party_families = words.get("party_families", frozenset())
        self.party_titles = words.get("party_title_nouns", frozenset())
        self.person_nouns = frozenset(t.lower().split()[-1] for t in lexicon.titles.held())
        # what a NORP word may modify and still name an actor: a group's members ("Kurdish
        # forces"), a person's post, or a body it names ("the Marbel diocese")
        self.group_heads = (
            words.get("group_heads", frozenset())
            | frozenset(lexicon.events.agents)
            # a trade says a person's people, not a group: "African American radio host X"
            | frozenset(
                t.lower().split()[-1] for t in (*lexicon.titles.offices, *lexicon.titles.ranks)
            )
            | self.organisation_nouns
            | self.business_nouns
            | frozenset(lexicon.actor_codes.names)
        )
        self.gazetteer = gazetteer
        self.english = english_words(nlp)
        self.posts = RoleIndex(gazetteer)
        # "tunisian rioters", "help iSrael", "GAZA CITY": country names and demonyms in the
        # wrong case, matched only where the word is no ordinary English one
        self.caseless = caseless_surfaces(gazetteer, ordinary_words)
        self.phrases, self.caseless_phrases = _surface_phrases(nlp, gazetteer, self.caseless)
        # given names the gazetteer reads as a state's people ("German", "Dane"); a state's
        # own name before a name is the state more often than a given name ("Prime Minister
        # of India Narendra Modi")
        self.demonym_given_names = frozenset(
            name for name in self.given_names
            if any(entry.type == EntityType.STATE and kind == MentionKind.DEMONYM.value
                   for entry, kind, _ in gazetteer.lookup(name))
        )  # fmt: skip

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
        taken = Taken(skip)
        ner = [
            _without_title(span, self.title_phrases, self._a_persons_name)
            for span in (
                with_given_names(_trim(ent, self.name_particles), self.given_names)
                for ent in doc.ents
            )
            if span is not None and not only_a_title(span, self.title_phrases)
        ]
        if known is not None:
            ner = _glued_to_person(ner, known, self._names_something)
        # what is left of an office once a body the office names is split off
        ner = [after_an_office(span, self.given_names) for span in ner]
        ner = [after_an_owner(span, self.gazetteer.names_a_state) for span in ner]
        ner = [span for span in ner if not self._portfolio(span)]
        found: list[Candidate] = []
        words = [token.text for token in doc]  # one pass over the doc: spaCy tokens are costly

        def claim(spans: Iterable[tuple[Span, Candidate]]) -> None:
            for span, cand in sorted(spans, key=lambda sc: -(sc[0].end - sc[0].start)):
                if "\n" not in span.text and taken.claim(span.start_char, span.end_char):
                    found.append(cand)

        claim(self._outlets(doc, outlets, sentence_of))
        # "Mexico's Attorney General's Office" is the office, not its holder (`_posts`)
        claim(title_offices(doc, text, sentence_of, self.title_phrases, self.title_bodies))
        claim(self._posts(doc, text, sentence_of, published))
        # "German Vargas Lleras" is Germán, not Germany
        demonyms, prepositions = self.demonym_given_names, self.state_context.prepositions
        claim(given_name_demonyms(doc, words, ner, sentence_of, self.given_names, demonyms,
                                  prepositions))  # fmt: skip
        gaz_names, gaz_other = self._gazetteer(doc, words, ner, sentence_of, known)
        gaz_names = national_branches(
            doc, gaz_names, self.gazetteer, self.company_suffixes, sentence_of
        )
        # a state's name inside an organisation's ("Malaysia Airlines", "Bank of Russia") is
        # part of that name; the organisation takes the state's country when resolved
        covering = _covering(ner)
        claim(
            sc
            for sc in gaz_names
            if not _inside_organization(sc[0], sc[1], covering, self.name_kinds, known)
            and not _inside_place(sc[0], sc[1], covering, self.thoroughfares)
            and not _inside_other_person(sc[0], sc[1], covering, self.title_words)
        )
        claim(self._designations(doc, text, sentence_of))
        claim(party_families(doc, words, sentence_of, self.party_families, self.party_titles))
        # "Moscow", "Kremlin", "Russian" beat NER's labels, but not a longer name that contains
        # them ("Latin American", "Moscow City Court")
        claim(sc for sc in gaz_other if not _inside_longer(sc[0], covering))
        claim(nicknames(doc, text, sentence_of))
        claim(nicknamed_names(doc, text, sentence_of, self.given_names))
        claim(self._ner(ner, sentence_of, high=True, known=known))
        claim(titled_names(doc, words, sentence_of, self.person_nouns, self.given_names))
        if known is not None:
            claim(self._known_names(doc, sentence_of, known, taken.free))
        claim(self._ner(ner, sentence_of, high=False, known=known))
        claim(surname_echoes(doc, found, sentence_of, self.given_names))
        return sorted(found, key=lambda c: c.start)

    def _portfolio(self, span: Span) -> bool:
        """NER's "organisation" that is a portfolio of a title: "Interior" of "Interior
        Minister X", "Justice" of "the Secretary of Justice" and of "Minister of the Interior,
        Justice and Peace X". One word no list knows and no word for a body ("Department"),
        beside an office (`portfolio_offices`)."""
        if span.label_ != "ORG" or len(span) != 1 or span[0].lower_ in self.body_words:
            return False
        beside = beside_an_office(span, self.portfolio_offices)
        return beside and not self.gazetteer.lookup(span.text)

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

    def _known(self, text: str, etype: EntityType) -> Entry | None:
        for entry, kind, _ambiguous in self.gazetteer.lookup(text):
            if entry.type == etype and kind == MentionKind.NAME.value:
                return entry
        return None

    def _gazetteer(
        self,
        doc: Doc,
        words: Sequence[str],
        ner: list[Span],
        sentence_of: Sequence[int],
        known: KnownType | None,
    ) -> tuple[list[tuple[Span, Candidate]], list[tuple[Span, Candidate]]]:
        names, other = [], []
        ner_spans = {i: span for span in ner for i in range(span.start, span.end)}
        every = [(doc[s:e], hits) for s, e in self.phrases.find(words)
                 if (hits := self.gazetteer.lookup(doc[s:e].text))]  # fmt: skip
        named = {entry.id for _, hits in every for entry, _, ambiguous in hits if not ambiguous}
        named_states = {e.country for _, hits in every for e, _, a in hits
                        if not a and e.type == EntityType.STATE}  # fmt: skip
        # of a surface's entries, one it names for sure, then one the story names in full ("EPP":
        # the European People's Party or the Paraguayan People's Army), then one of a state the
        # story names ("the Colorado Party": Paraguay's or Uruguay's)
        hits_at = [(span, min(hits, key=lambda h: (h[2], h[0].id not in named,
                                                   h[0].country not in named_states)))
                   for span, hits in every]  # fmt: skip
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
            if span.start > 0 and words[span.start - 1] in self.name_articles:
                continue  # "the village of La Reforma" is no newspaper Reforma
            if (
                ambiguous
                and not _confirmed(span, entry, ner_spans, confirmed, self.state_leaders)
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
        found = known_name_spans(doc, known, self.name_particles, free, self.english)
        return [(span, _candidate(span, sentence_of, "knowledge base", etype))
                for span, etype in found]  # fmt: skip
