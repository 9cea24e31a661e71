"""Citation matches -> `Citation` facts: outlet entity, normalised date, coverage, problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsgraph.annotate.citations import CitationMatch, covered_sentences, is_inline_citation
from newsgraph.models import Citation, Entity, EntityType, Sentence, TimeExpression


def build_citations(
    matches: Sequence[CitationMatch],
    *,
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    dates: Sequence[TimeExpression],
    document_outlet_id: str | None,
) -> tuple[Citation, ...]:
    """Parenthetical citations plus inline attributions to known outlets, in text order."""
    media_at = {
        (m.start, m.end): e for e in entities if e.type == EntityType.MEDIA for m in e.mentions
    }
    paragraph_start = _paragraph_starts(text, sentences)
    citations: list[Citation] = []
    previous: int | None = None
    for match in matches:
        sentence = _owning_sentence(text, sentences, match.start)
        media = media_at.get((match.outlet_start or -1, match.outlet_end or -1))
        date = next((d for d in dates if match.start <= d.start and d.end <= match.end), None)
        problems = []
        if match.outlet is None:
            problems.append("missing outlet")
        if date is None or date.value is None:
            problems.append("date not normalised")
        covers = covered_sentences(sentence, previous, paragraph_start[sentence])
        previous = sentence
        citations.append(Citation(
            id="", kind="parenthetical", text=match.text, start=match.start, end=match.end,
            sentence=sentence, sentences=covers, outlet=media.name if media else match.outlet,
            media_id=media.id if media else None, date=date.value if date else None,
            date_text=match.date_text,
            same_outlet=media is not None and media.id == document_outlet_id,
            problems=tuple(problems),
        ))  # fmt: skip
    citations.extend(_inline(text, sentences, entities, dates, document_outlet_id))
    citations.sort(key=lambda c: c.start)
    return tuple(_numbered(citations))


def _inline(
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    dates: Sequence[TimeExpression],
    document_outlet_id: str | None,
) -> list[Citation]:
    found = []
    for entity in entities:
        if entity.type != EntityType.MEDIA:
            continue
        for mention in entity.mentions:
            sentence = sentences[mention.sentence]
            span = is_inline_citation(text, mention.start, mention.end, sentence)
            if span is None:
                continue
            date = next((d for d in dates if d.sentence == mention.sentence and d.value
                         and 0 <= d.start - span[1] < 25), None)  # fmt: skip
            found.append(Citation(
                id="", kind="inline", text=text[span[0] : span[1]], start=span[0], end=span[1],
                sentence=mention.sentence, sentences=(mention.sentence,), outlet=entity.name,
                media_id=entity.id, date=date.value if date else None,
                date_text=date.text if date else None,
                same_outlet=entity.id == document_outlet_id,
            ))  # fmt: skip
    return found


def _numbered(citations: list[Citation]) -> list[Citation]:
    return [replace(c, id=f"c{i + 1}") for i, c in enumerate(citations)]


def _owning_sentence(text: str, sentences: Sequence[Sentence], offset: int) -> int:
    """The sentence a parenthetical belongs to; one split off on its own joins the one before."""
    for sent in sentences:
        if sent.start <= offset < sent.end:
            if text[sent.start : offset].strip() in {"", "("} and sent.index > 0:
                return sent.index - 1
            return sent.index
    return sentences[-1].index if sentences else 0


def _paragraph_starts(text: str, sentences: Sequence[Sentence]) -> list[int]:
    """For each sentence, the index of the first sentence of its paragraph."""
    starts: list[int] = []
    current = 0
    for sent in sentences:
        if sent.index == 0 or "\n" in text[sentences[sent.index - 1].end : sent.start + 1] or \
                text[max(0, sent.start - 1) : sent.start] == "\n":  # fmt: skip
            current = sent.index
        starts.append(current)
    return starts
