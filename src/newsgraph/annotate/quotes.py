"""Quotes and claims: direct quotes (and short scare quotes) and reported speech, with speaker,
addressee, reporting verb and stance.

    Lavrov warned Pompeo, "The continuation ... consequences"   direct; speaker Lavrov,
                                                                 addressee Pompeo, stance warn
    "We will respond," he added.                                direct; speaker via pronoun
    the ministry said that talks had failed                     reported; stance state
    Russian officials have angrily denied ... as "fakes."       scare quote inside a denial
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from spacy.tokens import Span, Token

from newsgraph.annotate.events.grammar import performed_in_saying, trigger_token
from newsgraph.annotate.frames import DocView
from newsgraph.annotate.speakers import (
    Parties,
    SpeechVerbs,
    according_to,
    according_to_prep,
    name_apposed,
)
from newsgraph.annotate.transcript import Turn, turn_quotes
from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.models import Event, Evidence, Modality, Quote

_QUOTE = re.compile(
    r"“(?P<a>[^”]{1,1500})”|\"(?P<b>[^\"\n]{1,1500})\"|‘(?P<c>[^’\n]{2,200})’(?!\w)"
)


@cache
def _shipped_speech_verbs() -> SpeechVerbs:
    return SpeechVerbs.of(load_lexicon().words)


# a quote without a reporting verb continues the previous speaker's up to this many sentences on
CONTINUATION = 2
_SCARE_WORDS = 4  # a quote this short inside a sentence of the narrator is a scare quote


def find_quotes(
    view: DocView, turns: Sequence[Turn] = (), speech: SpeechVerbs | None = None
) -> list[Quote]:
    """Direct quotes first, then reported speech not already covered by one; in a transcript
    (`turns`, annotate/transcript.py) each sentence of an answer is its speaker's quote too.
    `speech`: the lexicon's reporting verbs (the shipped ones when not given)."""
    parties = Parties(view, speech or _shipped_speech_verbs())
    direct = _direct(view, parties)
    sentences = [(s.start_char, s.end_char) for s in view.sents]
    answers = turn_quotes(turns, sentences, view.text, view.document_id)
    answered = {q.evidence.sentence for q in answers}
    # direct quotes never overlap one another, so one sorted pass tells which reported clause
    # one of them covers (a scan per clause was quadratic in the number of quotes)
    spans = sorted((d.evidence.start - 2, d.evidence.end + 2) for d in direct)
    starts = [a for a, _ in spans]

    def covered(position: int) -> bool:
        i = bisect.bisect_right(starts, position) - 1
        return i >= 0 and position < spans[i][1]

    reported = [
        r
        for r in _reported(view, parties) + _attributed(view, parties)
        if not covered(r.evidence.start) and r.evidence.sentence not in answered
    ]
    quotes = _continued(sorted(direct + reported + answers, key=lambda q: q.evidence.start))
    return [replace(q, id=f"q{i + 1}") for i, q in enumerate(quotes)]


def _continued(quotes: list[Quote]) -> list[Quote]:
    """A direct quote with no reporting verb right after another speaker's quote continues
    it (a paragraph of quotation after "Bash said, ..."): it takes that speaker."""
    out = []
    last: Quote | None = None
    for quote in quotes:
        if (
            quote.kind == "direct"
            and quote.verb is None
            and quote.speaker is None
            and last is not None
            and 0 <= quote.evidence.sentence - last.evidence.sentence <= CONTINUATION
        ):
            quote = replace(quote, speaker=last.speaker)
        if quote.speaker is not None or quote.verb is not None:
            last = quote  # an unnamed speaker ("a witness said") ends the previous one's turn
        out.append(quote)
    return out


def _direct(view: DocView, parties: Parties) -> list[Quote]:
    text = view.text
    found = []
    for match in _QUOTE.finditer(text):
        inner = match.group("a") or match.group("b") or match.group("c") or ""
        start = match.start() + 1
        span = view.doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not inner.strip() or _a_name(text, match, inner, parties.speech.naming):
            continue
        verb = _reporting_verb(view, parties, span.start, span.end)
        words = len(inner.split())
        kind = (
            "direct"
            if verb is not None and (words >= _SCARE_WORDS or _opens_sentence(inner))
            else ("scare" if words < _SCARE_WORDS else "direct")
        )
        found.append(_quote(view, parties, verb, kind, inner, start, start + len(inner), span[0]))
    return found


_WORD_BEFORE = re.compile(r"([\w.]+(?:\s+as)?)[\s,]*$")
_NAME_AROUND = re.compile(r"[A-Z][\w.'\u2019-]*\s*$")


def _a_name(text: str, match: re.Match[str], inner: str, naming: frozenset[str]) -> bool:
    """Whether the quoted words are a name, not words said: after a naming word ('alias
    "Danielito"', 'a soap opera called "El Equipo"', 'known as "the Lord of the Desert"'),
    or a nickname inside a name ('Joaquin "El Chapo" Guzman')."""
    before = text[max(0, match.start() - 40) : match.start()]
    word = _WORD_BEFORE.search(before)
    if word is not None and " ".join(word.group(1).lower().split()) in naming:
        return True
    if _a_title_after_a_preposition(before, inner):
        return True
    after = text[match.end() : match.end() + 2]
    return (
        len(inner.split()) <= 4
        and inner.strip()[:1].isupper()
        and bool(_NAME_AROUND.search(before))
        and after[:1] == " "
        and after[1:2].isupper()
    )


_PREPOSITION_BEFORE = re.compile(r"\b(?:from|by|at|to|with|for|of|on|in|against|the)\s*$", re.I)
_NAME_LINKS = frozenset({"of", "the", "and", "for", "de", "del", "la", "el", "&"})


def _a_title_after_a_preposition(before: str, inner: str) -> bool:
    """Whether the quoted words are a capitalised name where a noun goes: 'demanded money from
    "De Groot Fresh Group,"', 'a report by "Forbidden Stories"'."""
    words = inner.strip(" ,.;:").split()
    return (
        0 < len(words) <= 5
        and bool(_PREPOSITION_BEFORE.search(before))
        and all(w[:1].isupper() or w.lower() in _NAME_LINKS for w in words)
        and words[0][:1].isupper()
    )


def _opens_sentence(inner: str) -> bool:
    return inner[:1].isupper() or inner.startswith("[")


def _reporting_verb(view: DocView, parties: Parties, first: int, last: int) -> Token | None:
    """The speech verb outside the quote nearest to it in the same sentence (or the sentence
    before when this one is only the quote, or the quote follows a colon)."""
    index = view.sentence_index(view.doc[first])
    candidates = [t for t in parties.speech_verbs(index) if t.i < first or t.i >= last]
    after_colon = index > 0 and view.sents[index - 1].text.rstrip().endswith(":")
    if not candidates and after_colon:
        candidates = parties.speech_verbs(index - 1)
    if not candidates:
        return None
    # the nearest verb that names its speaker: in "X said the plan "costs ...," further saying,
    # "..."" the participle nearest the first quote names nobody
    candidates.sort(key=lambda t: min(abs(t.i - first), abs(t.i - last)))
    return next((t for t in candidates if parties.of(t)[0] is not None), candidates[0])


def _quote(
    view: DocView,
    parties: Parties,
    verb: Token | None,
    kind: str,
    text: str,
    start: int,
    end: int,
    anchor: Token,
) -> Quote:
    sentence = view.sentence_index(anchor)
    speaker, addressee = parties.of(verb) if verb is not None else (None, None)
    agent = None
    if speaker is None:
        speaker, agent = according_to(parties, sentence, start, end)
    if speaker is None and agent is None and verb is not None:
        speaker, agent = parties.unnamed(verb)
    date, _basis = view.date_for(sentence)
    citation = view.citation_for(sentence)
    lemma = verb.lemma_.lower() if verb is not None else None
    return Quote(
        id="",
        text=text,
        kind=kind,
        speaker=speaker,
        verb=verb.text if verb is not None else None,
        stance=parties.speech.stance.get(lemma or "", "state"),
        evidence=Evidence(view.document_id, sentence, start, end),
        addressee=addressee,
        date=date,
        citation=citation.id if citation else None,
        speaker_agent=agent,
    )


def _reported(view: DocView, parties: Parties) -> list[Quote]:
    """ "X said (that) ...": the complement clause of a speech verb, as reported speech."""
    text = view.text
    found = []
    for token in view.tokens:
        if token.pos_ != "VERB" or token.lemma_.lower() not in parties.speech.verbs:
            continue
        complement = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if (
            complement is None
            or '"' in text[complement.left_edge.idx : complement.right_edge.idx]
            or "“" in text[complement.left_edge.idx : complement.right_edge.idx + 1]
        ):
            continue
        first, last = complement.left_edge, complement.right_edge
        if first.lower_ == "that":
            first = view.doc[first.i + 1]
        start, end = first.idx, last.idx + len(last.text)
        found.append(_quote(view, parties, token, "reported", text[start:end], start, end, first))
    return found


def _attributed(view: DocView, parties: Parties) -> list[Quote]:
    """ "According to X, ...": the rest of the sentence is X's, as reported speech (the longer
    side when the phrase stands inside it)."""
    found = []
    for token in view.tokens:
        prep = according_to_prep(token)
        if prep is None:
            continue
        sentence = token.sent
        phrase = [t.i for t in token.subtree]
        last = max(phrase)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        apposed = name_apposed(view, obj) if obj is not None else None
        if apposed is not None and apposed[1] > last:
            last = apposed[1]  # the name apposed to the source is not what they said
        before = _trimmed(view.doc[sentence.start : min(phrase)])
        after = _trimmed(view.doc[last + 1 : sentence.end])
        clause = max((before, after), key=lambda span: len(span.text))
        if len(clause) < _SCARE_WORDS:
            continue
        start, end = clause.start_char, clause.end_char
        quote = _quote(view, parties, None, "reported", view.text[start:end], start, end, clause[0])
        found.append(replace(quote, verb="according to"))
    return found


def _trimmed(span: Span) -> Span:
    """The span without the punctuation and spaces at either end."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end]


def reported_in_quotes(
    events: Sequence[Event], quotes: Sequence[Quote], view: DocView
) -> list[Event]:
    """Events told inside a direct quote with a speaker become `reported`, attributed to the
    speaker: the article gives them in someone's words (docs/annotation.md §3), an interview's
    answers too (each answer sentence is a direct quote, §7.1), the speaker's past acts as well.
    Only events the rules left asserted change: "he said they would attack" stays planned.
    An act the speaker performs by saying it stays asserted ("I urge my colleagues", "we warn
    the Saudis", "I am asking all Americans"): it is done, in the quote, not told."""
    spans = sorted((q.evidence.start, q.evidence.end, q.speaker) for q in quotes
                   if q.kind == "direct" and q.speaker)  # fmt: skip
    if not spans:
        return list(events)
    starts = [start for start, _, _ in spans]
    out = []
    for event in events:
        i = bisect.bisect_right(starts, event.evidence.start) - 1
        inside = i >= 0 and event.evidence.start < spans[i][1]
        if inside and event.modality == Modality.ASSERTED and not _performed(view, event):
            event = replace(event, modality=Modality.REPORTED,
                            attributed_to=event.attributed_to or spans[i][2])  # fmt: skip
        out.append(event)
    return out


def _performed(view: DocView, event: Event) -> bool:
    """Whether the event is an act the speaker does by saying it ("I urge", `performatives`)."""
    token = trigger_token(view.doc, event)
    return token is not None and performed_in_saying(token, view.modality.performatives)
