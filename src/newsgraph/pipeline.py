"""The stages in order: load, date, parse, then dates, citations and entities -> Extraction.

>>> extractor = Extractor(Settings())                     # doctest: +SKIP
>>> for result in extractor.extract_paths(["article.txt"]):  # doctest: +SKIP
...     print(result.document.title)
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from newsgraph.annotate.arms import find_arms_transfers, find_deployments
from newsgraph.annotate.citations import find_parenthetical
from newsgraph.annotate.dates import find_dates
from newsgraph.annotate.entities import EntityRecognizer
from newsgraph.annotate.events import find_events
from newsgraph.annotate.events.sides import without_document_doers
from newsgraph.annotate.first_person import first_person_sides
from newsgraph.annotate.frames import DocView
from newsgraph.annotate.known_names import KnownType
from newsgraph.annotate.nlp import keep_abbreviations, load_nlp
from newsgraph.annotate.occasions import dated_at_occasions
from newsgraph.annotate.pubdate import infer_published
from newsgraph.annotate.quotes import find_quotes, reported_in_quotes
from newsgraph.annotate.relations import find_relations
from newsgraph.annotate.speakers import SpeechVerbs
from newsgraph.annotate.transcript import speaker_turns
from newsgraph.coding import coded_events, igo_bodies, with_codes, with_igo_posts
from newsgraph.errors import InputError
from newsgraph.ingest import load_documents
from newsgraph.ingest.formats import document_from_text
from newsgraph.ingest.language import detect_language
from newsgraph.ingest.reading import clean_text
from newsgraph.learn.alignments import load_alignment_model
from newsgraph.learn.countries import load_country_model
from newsgraph.learn.episodes import load_episode_dates
from newsgraph.learn.modality import load_modality_model
from newsgraph.learn.sectors import load_sector_model
from newsgraph.learn.sides import load_ranker
from newsgraph.learn.tagger import load_tagger
from newsgraph.lexicon.actor_kb import open_actor_kb
from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.models import (
    Document,
    EntityType,
    Event,
    Extraction,
    Published,
    Quote,
    Sentence,
    Skipped,
)
from newsgraph.parsing import parse, tokenizable
from newsgraph.resolve.actors import known_type
from newsgraph.resolve.affiliation import with_affiliation_sectors
from newsgraph.resolve.citations import build_citations
from newsgraph.resolve.countries import home_state
from newsgraph.resolve.entities import DocumentContext, resolve_entities
from newsgraph.resolve.generic_bodies import generic_words, with_country_ids
from newsgraph.resolve.office_states import with_officials_states
from newsgraph.settings import Settings

Result = Extraction | Skipped


class Extractor:
    """Holds what is expensive to build (spaCy pipeline, gazetteers): make one per process."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_nlp(self.settings.model)
        self.nlp.max_length = max(self.nlp.max_length, self.settings.max_bytes + 1)
        self.lexicon = load_lexicon(self.settings.lexicon_paths)
        keep_abbreviations(self.nlp, (a for a, _ in self.lexicon.titles.abbreviations))
        self.gazetteer = self.lexicon.gazetteer
        self.recognizer = EntityRecognizer(
            self.nlp, self.gazetteer, ordinary_words=self.lexicon.words["ordinary_words"]
        )
        self.events = self.lexicon.events
        self.speech = SpeechVerbs.of(self.lexicon.words)
        self.generic_bodies = generic_words(self.lexicon.words.get("generic_body_words", ()))
        self.actors = open_actor_kb(self.settings.actor_kb)
        self.tagger = load_tagger(self.settings.event_model)
        self.sides = load_ranker(self.settings.event_model)
        self.sectors = load_sector_model(self.settings.event_model)
        self.modality = load_modality_model(self.settings.event_model)
        self.countries = load_country_model(self.settings.event_model)
        self.episodes = load_episode_dates(self.settings.event_model)
        self.alignments = load_alignment_model(self.settings.event_model)
        # the international bodies a gazetteer post can be held at (coding.with_codes)
        self._igo_bodies = igo_bodies(self.gazetteer.entries.values(), self.lexicon.actor_codes)

    def extract_paths(
        self,
        inputs: Iterable[str | Path],
        *,
        published: date | None = None,
        outlet: str | None = None,
    ) -> Iterator[Result]:
        """Load and extract every document in `inputs` (files, directories, JSONL, "-")."""
        loaded = load_documents(inputs, settings=self.settings, published=published, outlet=outlet)
        yield from self.extract(loaded)

    def extract(self, documents: Iterable[Document | Skipped]) -> Iterator[Result]:
        """Extract each Document, batching the spaCy work; Skipped results pass through in order."""
        batch: list[Document | Skipped] = []
        for item in documents:
            batch.append(item)
            if len(batch) >= self.settings.batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def extract_text(
        self, text: str, *, published: date | None = None, source: str = "text"
    ) -> Extraction:
        """Extract from a string (handy in notebooks and tests); raises an InputError for an
        empty or binary-looking string."""
        document = document_from_text(clean_text(text, source), source)
        if published is not None:
            document = replace(document, published=Published(published.isoformat(), False, "given"))
        (result,) = self.extract([document])
        if not isinstance(result, Extraction):  # a document in a language the pipeline skips
            raise InputError(source, result.reason)
        return result

    def _run(self, batch: Sequence[Document | Skipped]) -> Iterator[Result]:
        batch = [self._in_language(d) if isinstance(d, Document) else d for d in batch]
        documents = [_dated(d) for d in batch if isinstance(d, Document)]
        parsed = parse(self.nlp, [tokenizable(d.text) for d in documents], self.settings.batch_size)
        by_position = iter(zip(documents, parsed, strict=True))
        for item in batch:
            if isinstance(item, Skipped):
                yield item
                continue
            document, doc = next(by_position)
            try:
                with time_budget(self.settings.time_budget):
                    result: Result = self._annotate(document, doc)
            except BudgetExceededError:
                result = Skipped(
                    document.source,
                    f"extraction took over {self.settings.time_budget:g} s (the per-document "
                    "time budget; raise time_budget in the settings file to allow more)",
                    "TimeoutError",
                )
            yield result

    def _in_language(self, document: Document) -> Document | Skipped:
        """The document with its detected language, or a skip when the pipeline cannot read it."""
        language = detect_language(document.text)
        if language.code in self.settings.languages:
            return replace(document, language=language.code)
        reason = (
            f"written in {language.name} ({language.code}, {language.confidence:.0%} of the text); "
            f"the pipeline reads {', '.join(self.settings.languages)} "
            f"(add --language {language.code} to process it anyway)"
        )
        return Skipped(document.source, reason, "LanguageError")

    def _annotate(self, document: Document, doc: Doc) -> Extraction:
        text = document.text
        sents = list(doc.sents)  # computed once: spaCy rebuilds them on every access
        sentences = tuple(Sentence(i, s.start_char, s.end_char) for i, s in enumerate(sents))
        sentence_of = [0] * len(doc)
        for i, sent in enumerate(sents):
            for t in range(sent.start, sent.end):
                sentence_of[t] = i
        base = date.fromisoformat(document.published.date) if document.published.date else None
        dates = find_dates(text, base=base, sentences=sentences, skip=document.in_header)
        matches = find_parenthetical(text, skip=document.header_spans)
        outlets = [
            (m.outlet_start, m.outlet_end)
            for m in matches
            if m.outlet_start is not None and m.outlet_end is not None
        ]
        candidates = self.recognizer.find(
            doc,
            sentence_of=sentence_of,
            outlets=outlets,
            skip=document.header_spans,
            published=document.published.date,
            text=text,
            known=self._known_type(document.published.date),
        )
        context = DocumentContext(
            document.id, text, sentences, dates, document.published.date, doc=doc
        )
        entities = resolve_entities(
            candidates,
            self.gazetteer,
            context,
            titles=self.lexicon.titles,
            given_names=self.lexicon.given_names,
            actors=self.actors,
        )
        # who acts for an international body is known before the models weigh countries
        entities = tuple(with_igo_posts(entities, self.lexicon.actor_codes, self._igo_bodies))
        if self.sectors is not None:
            entities = tuple(self.sectors.assign(entities, doc, self.lexicon.actor_codes))
        entities = tuple(with_officials_states(entities, self.lexicon.actor_codes))
        if self.countries is not None:
            entities = tuple(self.countries.assign(entities, len(sents), self.lexicon.actor_codes))
        entities = tuple(with_codes(entities, self.lexicon.actor_codes))
        entities = tuple(with_country_ids(entities, self.generic_bodies))
        document = replace(document, outlet_id=self._outlet_id(document.outlet))
        citations = build_citations(
            matches,
            text=text,
            sentences=sentences,
            entities=entities,
            dates=dates,
            document_outlet_id=document.outlet_id,
        )
        view = DocView(
            doc,
            document.id,
            entities,
            dates,
            citations,
            sents=sents,
            text=text,
            agents=self.events.agents,
            not_actors=self.events.not_actors,
            modality=self.events.modality,
            state_bodies=self.events.state_bodies,
            body_descriptions=self.events.body_descriptions,
            kin_nouns=self.events.kin_nouns,
            home_state=home_state(entities),
        )
        turns = speaker_turns(text, entities)
        quotes = find_quotes(view, turns, self.speech)
        events = find_events(view, self.events)
        if self.tagger is not None:
            events = self.tagger.tag(view, events, self.events, entities)
        if self.sides is not None:
            events = self.sides.assign(view, events)
        events = without_document_doers(events)
        view.hear(quotes)
        events = first_person_sides(view, events)
        events = reported_in_quotes(events, quotes, view)
        if self.modality is not None:
            events = self.modality.assign(view, events, quotes)
        events = dated_at_occasions(view, events, document.published.date)
        if self.episodes is not None:
            events = self.episodes.assign(view, events, quotes, document.published.date)
        transfers = find_arms_transfers(view)
        relations = find_relations(view, entities, transfers, self.lexicon.relations)
        if self.alignments is not None:
            excludes = self.lexicon.relations.object_excludes
            relations = self.alignments.assign(view, relations, excludes)
        # the body a person works for gives their sector, before their events are coded
        entities = tuple(with_affiliation_sectors(entities, relations, self.lexicon.actor_codes))
        events = coded_events(_link_quotes(events, quotes), entities, self.lexicon.actor_codes)
        return Extraction(
            document,
            sentences,
            entities,
            citations,
            dates,
            events=tuple(events),
            quotes=tuple(quotes),
            relations=tuple(relations),
            arms_transfers=tuple(transfers),
            deployments=tuple(find_deployments(view)),
        )

    def _known_type(self, published: str | None) -> KnownType | None:
        """What the actor knowledge base knows a name as, on the document's date."""
        kb = self.actors
        if kb is None:
            return None
        return lambda name: known_type(kb, name, published)

    def _outlet_id(self, outlet: str | None) -> str | None:
        if not outlet:
            return None
        for entry, kind, _ in self.gazetteer.lookup(outlet):
            if entry.type == EntityType.MEDIA and kind == "name":
                return entry.id
        return None


def _link_quotes(events: list[Event], quotes: list[Quote]) -> list[Event]:
    """An event whose clause contains a direct quote ("Lavrov warned Pompeo, '...'") carries it."""
    by_sentence: dict[int, list[Quote]] = {}
    for q in quotes:
        if q.kind == "direct":
            by_sentence.setdefault(q.evidence.sentence, []).append(q)
    linked = []
    for event in events:
        ev = event.evidence
        quote = next(
            (
                q
                for q in by_sentence.get(ev.sentence, ())
                if ev.start <= q.evidence.start and q.evidence.end <= ev.end + 2
            ),
            None,
        )
        linked.append(replace(event, quote=quote.id) if quote else event)
    return linked


@lru_cache(maxsize=2)
def shared_extractor(settings: Settings) -> Extractor:
    """This process's extractor for `settings`, built once (worker processes inherit it)."""
    return Extractor(settings)


def _dated(document: Document) -> Document:
    """Give a document without a publication date the one its text implies."""
    if document.published.date is not None:
        return document
    inferred = infer_published(document.text, skip=document.in_header)
    return replace(document, published=inferred) if inferred else document


class BudgetExceededError(Exception):
    """A document's annotation ran past its time budget."""


_REPEAT_SECONDS = 0.1


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise BudgetExceededError in the block once `seconds` have passed (a real-time timer signal;
    a no-op when off, outside the main thread, or where SIGALRM does not exist)."""
    usable = (
        seconds > 0
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise BudgetExceededError

    previous = signal.signal(signal.SIGALRM, expire)
    # the signal repeats every tenth of a second until the block ends: a raise that lands in a
    # garbage-collector callback is swallowed by Python ("Exception ignored in"), so one
    # alarm alone could let a runaway document through
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
