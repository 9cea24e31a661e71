"""NER's spans made fit to read as names: trimmed of what NER ran into them ("the", "'s", a
trailing "of", an unclosed bracket, a lower-case opening word), grown to the given names it
left out, split where it glued a place or a body to a person, and stripped of a title it took
in. What kind of name a span then is, `annotate/name_kinds.py` reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span

from newsgraph.annotate.known_names import KnownType
from newsgraph.lexicon.places import find_place
from newsgraph.models import EntityType

_MODEL = re.compile(r"^[A-Z]{0,2}\d{3,4}(?:-\w+)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")

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


def _names_a_model(span: Span) -> bool:
    """A maker's name followed by a model designation ("Boeing 777", "Airbus A320", "737-800";
    not a year, nor "Huawei 5G")."""
    doc = span.doc
    following = doc[span.end].text if span.end < len(doc) else ""
    return bool(_MODEL.match(following)) and not _YEAR.match(following)


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


def with_given_names(span: Span | None, given_names: frozenset[str]) -> Span | None:
    """A person's name NER started late, its given names left out: "Jaime Alberto Parra"
    read as "Alberto Parra" (up to two capitalised given names no entity holds, right before)."""
    if span is None or span.label_ != "PERSON":
        return span
    start = span.start
    while (
        start > 0
        and span.start - start < 2
        and (before := span.doc[start - 1]).text in given_names
        and before.is_title
        and not before.ent_type_
    ):
        start -= 1
    if start == span.start:
        return span
    return Span(span.doc, start, span.end, label="PERSON")


def after_an_office(span: Span, given_names: frozenset[str]) -> Span:
    """A person's name NER ran together with the end of an office before it: "Assistant
    Secretary of the Interior Rodrigo Ubilla" read as the organisation "Interior Rodrigo
    Ubilla", "Minister of Defence Ana Ruiz" as "Defence Ana Ruiz". Right after "of" (and
    "the"), the capitalised words before the span's first given name are the office's; the
    name starts at that given name, when two words or more remain."""
    if span.label_ not in {"PERSON", "ORG"} or span.start < 1:
        return span
    doc = span.doc
    before = doc[span.start - 1]
    if before.lower_ == "the" and span.start >= 2:
        before = doc[span.start - 2]
    if before.lower_ != "of":
        return span
    first = next((i for i, t in enumerate(span) if t.text in given_names), 0)
    if first == 0 or len(span) - first < 2 or not all(t.is_title for t in span[:first]):
        return span
    return Span(doc, span.start + first, span.end, label="PERSON")


_POSSESSIVE = frozenset({"'s", "’s"})


def after_an_owner(span: Span, names_a_state: Callable[[str], bool]) -> Span:
    """An organisation's name NER ran together with the state that owns it: "Uruguay's Money
    Laundering Secretariat" is the secretariat, Uruguay's (the possessive, left outside, gives
    it the country). Only a state's one-word name before the "'s": "Attorney General's
    Office" and "McDonald's" keep theirs."""
    if span.label_ != "ORG" or len(span) < 3 or span[1].text not in _POSSESSIVE:
        return span
    if not names_a_state(span[0].text):
        return span
    return Span(span.doc, span.start + 2, span.end, label=span.label_)


_LIST_JOINS = frozenset({",", "and", "&"})


def beside_an_office(span: Span, offices: frozenset[str]) -> bool:
    """Whether a one-word span is a portfolio of the office beside it, alone or in a list of
    portfolios: before it ("Interior Minister", "Interior, Justice and Peace Minister") or
    after it and "of" or "for" ("Secretary of Justice", "Minister of the Interior, Justice
    and Peace")."""
    doc = span.doc
    after = span.end
    while after + 1 < len(doc) and doc[after].lower_ in _LIST_JOINS and doc[after + 1].is_title:
        after += 2
    if after < len(doc) and doc[after].lower_ in offices:
        return True
    before = span.start - 1
    while before >= 1 and doc[before].lower_ in _LIST_JOINS and doc[before - 1].is_title:
        before -= 2
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    return before >= 1 and doc[before].lower_ in {"of", "for"} and doc[before - 1].lower_ in offices


def _trim(ent: Span, particles: frozenset[str] = frozenset()) -> Span | None:
    """Drop a leading "the", "pro-", "anti-" and a trailing "'s" from an NER span, a trailing
    preposition or conjunction NER ran into it ("Patrice Talon of Benin" read as "Patrice Talon
    of"), and an unclosed bracket and what follows it."""
    start, end = ent.start, ent.end
    doc = ent.doc
    # an opening bracket NER ran into without its closing one ("the National Council for the
    # Safeguard of the Homeland (CNSP"): the name ends before it
    opened = [i for i in range(start + 1, end) if doc[i].text == "("]
    if opened and not any(doc[i].text == ")" for i in range(opened[0], end)):
        end = opened[0]
    while start < end and (
        doc[start].lower_ in {"the", "pro", "anti", "-", "ex"} or doc[start].is_punct
    ):
        start += 1
    while end > start and (
        doc[end - 1].text in {"'s", "’s", "'", "’"}
        or doc[end - 1].is_punct
        or (doc[end - 1].is_lower and doc[end - 1].pos_ in {"ADP", "CCONJ"})
    ):
        end -= 1
    label = ent.label_
    if (
        label == "PERSON"
        and start < end
        and doc[start].is_lower
        and doc[start].lower_ not in particles
    ):
        # no name opens with a lower-case word but a particle ("dela Vega"; not "jefe de la
        # CICIG", Spanish for "the head of the CICIG"): the name is what follows, and a lone
        # acronym is a body's
        while start < end and not doc[start].is_title and not doc[start].is_upper:
            start += 1
        if end - start == 1 and doc[start].is_upper:
            label = "ORG"
    if start >= end:
        return None
    span = Span(doc, start, end, label=label)
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
    # the span's openings looked up, longest first (not every title tried against the span);
    # a title may follow a state's name of up to two words ("United States Representative
    # Elijah Cummings")
    cut = first = 0
    for first in range(min(_STATE_WORDS, len(words) - 1) + 1):
        if first and not all(t.is_title or t.is_upper for t in span[:first]):
            break
        cut = next((n for n in range(len(words), first, -1) if tuple(words[first:n]) in titles), 0)
        if cut:
            break
    if cut == 0 or len(span) - cut < 2:
        return span
    rest = Span(span.doc, span.start + cut, span.end, label="PERSON")
    if (span.label_ == "ORG" or first) and not persons_name(rest):
        return span
    return rest


_STATE_WORDS = 2  # the longest state's name before a title read ("United States")


def only_a_title(span: Span, titles: frozenset[tuple[str, ...]]) -> bool:
    """NER's "organisation" that is a title and nothing else ("said Detective Inspector Steven
    Jones", "archbishop Monsignor X"): no body, and no member of one."""
    return span.label_ == "ORG" and tuple(t.lower_ for t in span) in titles
