"""Names the actor knowledge base knows whole, where NER found nothing.

The small English model misses some full names outright ("Patrice Talon spoke on Monday."
gives no entity at all). A run of capitalised words (with the particles names carry inside
them: "bin", "de", "van") that the knowledge base knows as the whole name or another full form
of a person or body becomes a candidate of that kind. Runs of two words or more count, and a
single word that is no English word ("Fidesz", "Ennahda": a party's own name, which NER often
misses at a sentence's start), only where no earlier tier claimed the words, so this adds
mentions and never relabels one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from spacy.tokens import Doc, Span

from newsgraph.models import EntityType

KnownType = Callable[[str], EntityType | None]  # a name -> the kind of actor it names, if known
_LONGEST = 6  # words in the longest name tried
_SHORTEST = 4  # letters in the shortest single-word name tried


def known_name_spans(
    doc: Doc,
    known: KnownType,
    particles: frozenset[str],
    free: Callable[[int, int], bool],
    english: frozenset[str] = frozenset(),
) -> Iterator[tuple[Span, EntityType]]:
    """Spans of `doc` that `known` recognises, with the kind it gives, longest first within
    each capitalised run; `free(start_char, end_char)` says whether no earlier tier claimed
    those characters (only free spans are looked up). Single words are looked up only when
    `english` (lower case) lacks them."""
    for start, end in _runs(doc, particles, single=bool(english)):
        used: list[tuple[int, int]] = []
        for size in range(min(end - start, _LONGEST), 0, -1):
            for first in range(start, end - size + 1):
                if size == 1 and not _foreign_word(doc[first].text, english):
                    continue  # most single words: tested before a Span is built
                span = doc[first : first + size]
                if _clashes(first, first + size, used) or not _edges_are_names(span, particles):
                    continue
                if not free(span.start_char, span.end_char):
                    continue
                etype = known(span.text)
                if etype is not None:
                    used.append((first, first + size))
                    yield span, etype


def _foreign_word(text: str, english: frozenset[str]) -> bool:
    """A word of four letters or more, not all capitals, that is no English word: a name."""
    return (
        len(text) >= _SHORTEST
        and text.isalpha()
        and not text.isupper()
        and (text.lower() not in english)
    )


def _runs(
    doc: Doc, particles: frozenset[str], *, single: bool = False
) -> Iterator[tuple[int, int]]:
    """(start, end) token ranges, within a sentence, of capitalised words with the particles
    and in-word hyphens between them (of one word too, with `single`)."""
    i, n = 0, len(doc)
    while i < n:
        if not _capitalised(doc[i].text):
            i += 1
            continue
        j = i + 1
        while j < n and not doc[j].is_sent_start and _inside_name(doc, j, particles):
            j += 1
        if j - i >= (1 if single else 2):
            yield i, j
        i = j


def _inside_name(doc: Doc, i: int, particles: frozenset[str]) -> bool:
    token = doc[i]
    if _capitalised(token.text) or token.text.lower() in particles:
        return True
    # "Al-Khasawneh": a hyphen with no space on either side
    return token.text == "-" and not doc[i - 1].whitespace_ and not token.whitespace_


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and any(ch.isalpha() for ch in text) and "\n" not in text


def _edges_are_names(span: Span, particles: frozenset[str]) -> bool:
    return all(
        _capitalised(t.text) and t.text.lower() not in particles for t in (span[0], span[-1])
    )


def _clashes(start: int, end: int, used: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in used)
