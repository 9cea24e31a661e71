"""Which mention candidates of a document name one actor: clusters by gazetteer entry, by a
person's full name and surname, and by normalised name, with a name in brackets joined to the
one before it ("Bolivarian National Armed Forces (FANB)") and a body named after its leader
("the Maduro regime") or the place it governs ("the Lagos State government") split off as an
organisation of its own. `resolve/entities.py` makes one Entity of each cluster.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from newsgraph.annotate.entities import Candidate
from newsgraph.annotate.missed_names import first_surname, surnames_of
from newsgraph.folding import fold
from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.lexicon.gazetteer import Entry, person_slug, slug
from newsgraph.models import EntityType, MentionKind

_DESCRIBABLE = {EntityType.PERSON, EntityType.GROUP, EntityType.ORGANIZATION}


@dataclass(slots=True)
class Cluster:
    key: str
    entry: Entry | None
    candidates: list[Candidate] = field(default_factory=list)
    kinds: list[MentionKind] = field(default_factory=list)
    descriptor_of: str | None = None  # cluster key of the person a "regime" is named after


def cluster_candidates(
    candidates: Sequence[Candidate], text: str, given_names: Mapping[str, str]
) -> dict[str, Cluster]:
    clusters: dict[str, Cluster] = {}
    people = _person_index(candidates, given_names)
    redirect: dict[str, str] = {}
    previous: tuple[Candidate, str] | None = None
    for cand in candidates:
        key, entry = _key(cand, people, given_names)
        key = redirect.get(key, key)
        if (
            previous is not None
            and (
                _parenthetical_alias(text, previous[0], cand)
                or _stated_alias(text, previous[0], cand)
            )
            and key != previous[1]
        ):
            # "S-300VM (Antey-2500)", "Bolivarian National Armed Forces (FANB)", 'Jaime
            # Alberto Parra, alias "El Medico"': one actor
            key = _merge(clusters, redirect, previous[1], key, entry)
            entry = clusters[key].entry if key in clusters else entry
        cluster = clusters.setdefault(key, Cluster(key, entry))
        previous = (cand, key)
        descriptor = _descriptor(cand, text, key)
        if descriptor is not None:
            d_cand, d_key = descriptor
            d_cluster = clusters.setdefault(d_key, Cluster(d_key, None, descriptor_of=key))
            d_cluster.candidates.append(d_cand)
            d_cluster.kinds.append(MentionKind.DESCRIPTOR)
            if not cluster.candidates:
                del clusters[key]
            continue
        cluster.candidates.append(cand)
        cluster.kinds.append(cand.kind)
    return clusters


def _merge(
    clusters: dict[str, Cluster],
    redirect: dict[str, str],
    first: str,
    second: str,
    entry: Entry | None,
) -> str:
    """Join the clusters of two names for one actor; a known entry's cluster absorbs the other
    when the other's name is part of the entry's ("Independent National Electoral Commission
    (INEC)": Nigeria's; "Electronic Frontier Foundation (EFF)" is no South African party)."""
    first_cluster = clusters.get(first)
    if (
        entry is not None
        and (first_cluster is None or first_cluster.entry is None)
        and (first_cluster is None or _within_entry(first_cluster, entry))
    ):
        target, source = second, first
    else:
        target, source = first, second
    redirect[source] = target
    moved = clusters.pop(source, None)
    if moved is not None:
        # the name being read is not clustered yet: its cluster starts with its known entry
        known = entry if target == second else moved.entry
        into = clusters.setdefault(target, Cluster(target, known))
        into.candidates.extend(moved.candidates)
        into.kinds.extend(moved.kinds)
    return target


def _within_entry(cluster: Cluster, entry: Entry) -> bool:
    """Whether the cluster's first name is, or is inside, one of the entry's names."""
    if not cluster.candidates:
        return False
    name = fold(cluster.candidates[0].text).lower().removeprefix("the ")
    return any(name in fold(form).lower() for form in (entry.name, *entry.aliases))


def _parenthetical_alias(text: str, first: Candidate, second: Candidate) -> bool:
    return (
        text[first.end : second.start] in {" (", "("}
        and text[second.end : second.end + 1] == ")"
        and first.type == second.type
    )


# what joins a name to the other name it goes by: 'X, alias "Y"', "X, also known as Y",
# "X (a.k.a. Y)"
_ALIAS_WORDS = r"(?:alias|aka|a\.k\.a\.?|also\s+known\s+as|known\s+as|nicknamed)"
_ALIAS_BETWEEN = re.compile(
    rf"""^\s*[,(]?\s*{_ALIAS_WORDS}\s*[:,]?\s*(?:the\s+)?["'“‘]?$""", re.IGNORECASE
)
_ALIAS_BEFORE = re.compile(rf"""\b{_ALIAS_WORDS}\s*[:,]?\s*(?:the\s+)?["'“‘]?$""", re.IGNORECASE)


def named_as_alias(text: str, start: int) -> bool:
    """Whether the name at `start` follows the words that introduce an alias ('alias "Raul
    Reyes"', "also known as"): a nickname, not a name anyone else is known by."""
    return _ALIAS_BEFORE.search(text, max(0, start - 30), start) is not None


def _stated_alias(text: str, first: Candidate, second: Candidate) -> bool:
    """'Jaime Alberto Parra, alias "El Medico"': the second name is the first's alias (a
    person's whatever NER made of the nickname)."""
    return bool(_ALIAS_BETWEEN.match(text[first.end : second.start])) and (
        first.type == second.type or first.type == EntityType.PERSON
    )


def _person_index(
    candidates: Sequence[Candidate], given_names: Mapping[str, str]
) -> dict[str, str]:
    """Folded full names and surnames of the people a document names -> their cluster key."""
    index: dict[str, str] = {}
    people = [c for c in candidates if c.type == EntityType.PERSON and c.kind == MentionKind.NAME]
    given = _given_names()
    # full names first, so that a surname resolves to the person named in full; of two
    # named in full, the first named ("Elijah Cummings" before his mother "Ruth Elma Cummings")
    for cand in people:
        key = _person_key(cand, given_names)
        words = cand.text.split()
        if len(words) < 2:
            continue  # single names are indexed last, after surnames and first names
        index.setdefault(fold(cand.text), key)
        index.setdefault(fold(words[-1]), key)
        if (surname := particled_surname(words)) is not None:
            index.setdefault(fold(surname), key)  # "La Riva" of "Gloria La Riva"
        if (surname := first_surname(cand.text, given)) is not None:
            index.setdefault(fold(surname), key)  # "Nunez" of "Mario Nunez Meza"
        if (surnames := surnames_of(cand.text, given)) is not None:
            index.setdefault(fold(surnames), key)  # "Munoz Licona" of "Jose Luis Munoz Licona"
    # a first name alone ("Brenton") names the one person of the document who bears it
    first_names = Counter(
        (fold(c.text.split()[0]), _person_key(c, given_names))
        for c in people
        if len(c.text.split()) >= 2
    )
    bearers = Counter(name for name, _ in first_names)
    for (name, key), _count in first_names.items():
        if bearers[name] == 1:
            index.setdefault(name, key)
    for cand in people:
        index.setdefault(fold(cand.text), _person_key(cand, given_names))
    return index


def particled_surname(words: Sequence[str]) -> str | None:
    """The surname that opens with a particle after the first name: "De La Fuente" of "Rocky
    De La Fuente", "von der Leyen" of "Ursula von der Leyen" (word lists: name_particles)."""
    particles = _name_particles()
    for i in range(1, len(words) - 1):
        if words[i].lower() in particles:
            return " ".join(words[i:])
    return None


@cache
def _given_names() -> frozenset[str]:
    """Read once, like the particles."""
    return load_lexicon().words.get("given_names", frozenset())


@cache
def _name_particles() -> frozenset[str]:
    """Read once: finding the lexicon's files costs a stat of each on every call."""
    return load_lexicon().words.get("name_particles", frozenset())


def _person_key(cand: Candidate, given_names: Mapping[str, str]) -> str:
    if cand.entry:
        return f"known:{cand.entry.id}"
    return f"person:{person_slug(cand.text, given_names)}"


def _key(
    cand: Candidate, people: dict[str, str], given_names: Mapping[str, str]
) -> tuple[str, Entry | None]:
    if cand.entry is not None:
        return f"known:{cand.entry.id}", cand.entry
    person = people.get(fold(cand.text))
    if person is not None and cand.source in {"ner", "pattern"}:
        return person, None
    if cand.type == EntityType.PERSON:
        return f"person:{person_slug(cand.text, given_names)}", None
    return f"{cand.type.value}:{slug(cand.text)}", None


def _descriptor(cand: Candidate, text: str, key: str) -> tuple[Candidate, str] | None:
    """ "Maduro regime", "the Assad government": an organisation named after its leader;
    "the Lagos State government", "Kano State Police": one named after the place it governs."""
    if cand.type == EntityType.PLACE:
        match = _place_body_pattern().match(text[cand.end : cand.end + 30])
        name = f"{cand.text} {match.group('word')}" if match else ""
    elif cand.type in _DESCRIBABLE or key.startswith("known:person"):
        match = _descriptor_pattern().match(text[cand.end : cand.end + 20])
        name = f"{cand.text.split()[-1]} {match.group('word')}" if match else ""
    else:
        return None
    if match is None:
        return None
    end = cand.end + match.end()
    described = replace(cand, end=end, text=text[cand.start : end], type=EntityType.ORGANIZATION,
                        kind=MentionKind.DESCRIPTOR, entry=None)  # fmt: skip
    return described, f"organization:{slug(name)}"


@cache
def _place_body_pattern() -> re.Pattern[str]:
    """A body's word after a place's name, maybe after a word for its level ("provincial")."""
    words = load_lexicon().words
    bodies = "|".join(sorted(words["place_bodies"]))
    levels = "|".join(sorted(words["place_body_qualifiers"]))
    return re.compile(rf"^[\s-]+(?:(?:{levels})\s+)?(?P<word>{bodies})\b", re.IGNORECASE)


@cache
def _descriptor_pattern() -> re.Pattern[str]:
    """A body word right after a name ("Maduro regime"): the word lists' `leader_bodies`."""
    words = "|".join(sorted(load_lexicon().words["leader_bodies"]))
    return re.compile(rf"^[\s-]+(?P<word>{words})\b")
