"""Load gazetteers: the shipped YAML files plus any the user adds (format: docs/lexicon.md).

>>> gaz = load_gazetteer()                                 # doctest: +SKIP
>>> [(e.id, kind) for e, kind, _ in gaz.lookup("Kremlin")]  # doctest: +SKIP
[('state:RUS', 'metonym')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsgraph.errors import LexiconError
from newsgraph.folding import fold
from newsgraph.models import EntityType, MentionKind, Role, Scalar, by_fields

if TYPE_CHECKING:
    from newsgraph.lexicon.loader import LexiconFile

SurfaceKind = str  # "name" | "metonym" | "demonym" | "capital"


@dataclass(frozen=True, slots=True)
class Entry:
    """One known entity."""

    id: str
    name: str
    type: EntityType
    country: str | None = None
    aliases: tuple[str, ...] = ()
    ambiguous: frozenset[str] = frozenset()
    attributes: tuple[tuple[str, Scalar], ...] = ()
    roles: tuple[Role, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    capital: str | None = None

    __reduce__ = by_fields


@dataclass(frozen=True, slots=True)
class Surface:
    """One string that names an entry, and how: its name, a metonym, a demonym, its capital."""

    entry_id: str
    kind: SurfaceKind
    ambiguous: bool

    __reduce__ = by_fields


@dataclass(slots=True)
class Gazetteer:
    """All entries and an index from surface string to the entries it can name."""

    entries: dict[str, Entry] = field(default_factory=dict)
    surfaces: dict[str, list[Surface]] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        """Add an entry; an entry with the same id replaces the earlier one."""
        if entry.id in self.entries:
            self._forget(entry.id)
        self.entries[entry.id] = entry
        for text, kind in _surfaces_of(entry):
            ambiguous = text in entry.ambiguous or fold(text) in entry.ambiguous
            for form in {text, fold(text)}:
                self._index(form, Surface(entry.id, kind, ambiguous))

    def lookup(self, text: str) -> list[tuple[Entry, SurfaceKind, bool]]:
        """Entries the exact string can name, with the surface kind and ambiguity."""
        return [
            (self.entries[s.entry_id], s.kind, s.ambiguous) for s in self.surfaces.get(text, [])
        ]

    def names_a_state(self, text: str) -> bool:
        """Whether the exact string is a state's own name, and names nothing else ("Ireland",
        not "Georgia", nor a demonym or a capital)."""
        return any(
            entry.type == EntityType.STATE and not ambiguous and kind == "name"
            for entry, kind, ambiguous in self.lookup(text)
        )

    def _index(self, form: str, surface: Surface) -> None:
        found = self.surfaces.setdefault(form, [])
        if all(s.entry_id != surface.entry_id for s in found):
            # a later file (the user's) wins a contested surface: it goes first
            found.insert(0, surface)

    def _forget(self, entry_id: str) -> None:
        for form, found in list(self.surfaces.items()):
            kept = [s for s in found if s.entry_id != entry_id]
            if kept:
                self.surfaces[form] = kept
            else:
                del self.surfaces[form]


def _surfaces_of(entry: Entry) -> Iterator[tuple[str, SurfaceKind]]:
    yield entry.name, MentionKind.NAME.value
    for alias in entry.aliases:
        yield alias, MentionKind.NAME.value
    for alias in sorted(entry.ambiguous - set(entry.aliases) - {entry.name}):
        yield alias, MentionKind.NAME.value  # indexed too; matched only where NER agrees
    for demonym in entry.demonyms:
        yield demonym, MentionKind.DEMONYM.value
    for metonym in entry.metonyms:
        yield metonym, MentionKind.METONYM.value
    if entry.capital:
        yield entry.capital, "capital"


def slug(text: str) -> str:
    """A lowercase id fragment: "Sergei Lavrov" -> "sergei-lavrov"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-") or "x"


def load_gazetteer(extra_paths: tuple[str, ...] = ()) -> Gazetteer:
    """The shipped gazetteers, every country pycountry knows, then the user's files.

    Read through the one lexicon loader and cached in compiled form (lexicon/compiled.py):
    the result is shared, do not change it.
    """
    from newsgraph.lexicon.compiled import load_lexicon  # it builds gazetteers with this module

    return load_lexicon(extra_paths).gazetteer


def build_gazetteer(files: Sequence[LexiconFile]) -> Gazetteer:
    """A gazetteer from checked `gazetteer` files: the shipped ones, then the user's."""
    gazetteer = Gazetteer()
    shipped = [f for f in files if not f.user]
    for file in shipped:
        _add_file(gazetteer, file)
    _add_missing_countries(gazetteer)
    for file in files:
        if file.user:
            _add_file(gazetteer, file)
    _add_capitals(gazetteer)
    return gazetteer


def _add_file(gazetteer: Gazetteer, file: LexiconFile) -> None:
    default_type = (file.data.get("meta") or {}).get("type")
    for number, raw in enumerate(file.data["entries"], start=1):
        gazetteer.add(_entry(raw, default_type, f"{file.source} entry {number}"))


def _entry(raw: Any, default_type: str | None, where: str) -> Entry:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise LexiconError(f"{where}: each entry needs a 'name' string.")
    try:
        etype = EntityType(str(raw.get("type") or default_type))
    except ValueError as e:
        allowed = ", ".join(t.value for t in EntityType)
        raise LexiconError(f"{where} ({raw['name']}): type must be one of {allowed}.") from e
    name = raw["name"]
    attributes: dict[str, Scalar] = dict(_scalars(raw.get("attributes") or {}, where))
    if raw.get("state_owned") is not None:
        attributes["state_owned"] = bool(raw["state_owned"])
    return Entry(
        id=str(raw.get("id") or f"{etype.value}:{slug(name)}"),
        name=name,
        type=etype,
        country=raw.get("country"),
        aliases=_strings(raw.get("aliases"), where),
        ambiguous=frozenset(_strings(raw.get("ambiguous"), where)),
        attributes=tuple(attributes.items()),
        roles=tuple(_role(r, where) for r in raw.get("roles") or ()),
        demonyms=_strings(raw.get("demonyms"), where),
        metonyms=_strings(raw.get("metonyms"), where),
        capital=raw.get("capital"),
    )


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise LexiconError(f"{where}: expected a list of strings, got {value!r}.")
    return tuple(str(v) for v in value)


def _scalars(value: Mapping[str, Any], where: str) -> Iterator[tuple[str, Scalar]]:
    if not isinstance(value, Mapping):
        raise LexiconError(f"{where}: 'attributes' must be a mapping.")
    for key, item in value.items():
        if item is None:
            continue
        yield str(key), item if isinstance(item, str | int | float | bool) else str(item)


def _role(raw: Any, where: str) -> Role:
    if not isinstance(raw, dict) or "title" not in raw:
        raise LexiconError(f"{where}: each role needs a 'title'.")
    return Role(
        title=str(raw["title"]),
        kind=str(raw.get("kind") or "office"),
        organization=raw.get("organization"),
        country=raw.get("country"),
        start=_iso(raw.get("start")),
        end=_iso(raw.get("end")),
    )


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


def _add_missing_countries(gazetteer: Gazetteer) -> None:
    """Every ISO 3166 country is a state, even where no shipped file describes it."""
    import pycountry  # only when the gazetteer is built, not when it comes from the cache

    for country in pycountry.countries:
        if f"state:{country.alpha_3}" in gazetteer.entries:
            continue
        names = {
            str(getattr(country, a))
            for a in ("official_name", "common_name")
            if hasattr(country, a)
        }
        gazetteer.add(Entry(id=f"state:{country.alpha_3}", name=country.name, type=EntityType.STATE,
                            country=country.alpha_3, aliases=tuple(sorted(names))))  # fmt: skip


def _add_capitals(gazetteer: Gazetteer) -> None:
    """A capital is also a place: "in Moscow" names the city, "Moscow said" the state."""
    for entry in list(gazetteer.entries.values()):
        if entry.type != EntityType.STATE or not entry.capital:
            continue
        place_id = f"place:{slug(entry.capital)}"
        if place_id not in gazetteer.entries:
            gazetteer.entries[place_id] = Entry(
                id=place_id, name=entry.capital, type=EntityType.PLACE, country=entry.country,
                attributes=(("capital_of", entry.country or ""),),
            )  # fmt: skip


def person_slug(name: str, given_names: Mapping[str, str] | None = None) -> str:
    """An id fragment for a person, with transliterated given names made canonical:
    "Sergey Ivanov" -> "sergei-ivanov", like "Sergei Ivanov". `given_names` maps variants to
    canonical forms (the lexicon's transliterations; the shipped ones when not given)."""
    if given_names is None:
        from newsgraph.lexicon.compiled import load_lexicon

        given_names = load_lexicon().given_names
    return "-".join(canonical_given(slug(name).split("-"), given_names))


def canonical_given(words: Sequence[str], given_names: Mapping[str, str]) -> list[str]:
    """The words of a lower-cased name with each given name in its canonical form and the
    last, the family name, as it is: ["sergey", "ivanov"] -> ["sergei", "ivanov"]. One home for
    person ids, the actor knowledge base's search keys and its build's merge keys."""
    last = len(words) - 1
    return [given_names.get(w, w) if i < last else w for i, w in enumerate(words)]
