"""The actor knowledge base: tens of thousands of people and organisations with their country,
sector (agent codes) and dated positions, from open data (lexicon/actors/README.md).

The shipped files are gzipped JSON lines, built by `scripts/build_actor_kb.py` (and the US
federal judges by `scripts/build_us_judges.py`). Parsing them takes
about a second, so the first use indexes it once into an SQLite file in the cache folder
(lexicon/cache.py), named after a digest of the source files; every later process only opens
that file, and each lookup is one indexed query. Nothing is read until the first lookup, so
commands that do not extract never pay for it.

>>> kb = ActorKB.open()                                             # doctest: +SKIP
>>> [r.country for r in kb.lookup("Bernie Sanders", on="2019-05-01")]  # doctest: +SKIP
['USA']
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsgraph.errors import LexiconError
from newsgraph.folding import search_key
from newsgraph.lexicon.cache import cache_dir, key_of
from newsgraph.lexicon.gazetteer import canonical_given

SHIPPED = Path(__file__).parent / "actors" / "actors.jsonl.gz"
JUDGES = Path(__file__).parent / "actors" / "us_judges.jsonl.gz"
# what the `actor_kb` setting's "builtin" names
BUILTIN = (SHIPPED, JUDGES)
_TRANSLITERATIONS = Path(__file__).parent / "transliterations.yaml"  # the index's given names
# 2: names also under their canonical given names; 3: no apostrophes; 4 to 6: companies also
# without their legal form (6: not where one short word would remain); 7: bodies with no
# abbreviation of their own also under their name's initials
_SCHEMA_VERSION = "9"
# words a name's initials leave out ("National Aeronautics and Space Administration": NASA)
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "at", "&"})
# initials of fewer letters name too many bodies ("ABC", "SEC": a broadcaster, a regulator, a
# dozen colleges); they are kept under their own key, found only for a name in capitals
_INITIALS_WORDS = 4
_INITIALS_KEY = "initials:"
# apostrophes and the letters written for them ("O’Rourke", "ʻAkilisi Pohiva", "Sana'a")
_APOSTROPHES = re.compile("['\u2019\u2018\u02bb\u02bc\u0060\u00b4]")
# full stops and commas inside a name, which news and the sources write or leave out
# ("University of California, Davis" and "University of California Davis", "George W. Bush")
_STOPS = re.compile(r"\.")
_COMMAS = re.compile(r",")
# CAMEO's agent code for a person of note out of office
_FORMER = "ELI"
# how a name reaches a record, best first
_NAME, _ALIAS, _ABBREVIATION = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Position:
    """A post held: "Senator" in the United States Senate, 2007-01-04 to 2013-01-03."""

    title: str
    organization: str | None
    country: str | None
    sector: str | None
    start: str | None  # ISO date of any precision
    end: str | None
    party: str | None = None
    observed: str | None = None  # a date a directory listed the post as held, dates unknown

    def held_on(self, on: str) -> bool:
        """Whether the post was held on `on` (ISO date): between its dates, or within a year of
        the day a directory listed it; a post with neither is never known to be held. A post
        with a start, no end and such a day (a directory's snapshot) is held from its start
        to a year after that day."""
        if self.start is None:
            return self.observed is not None and _years_apart(self.observed, on) <= 1.0
        began = self.start <= on
        if self.end is None and self.observed is not None:
            # open when a directory last listed it: held until a year after that, then unknown
            return began and (on <= self.observed or _years_apart(self.observed, on) <= 1.0)
        ongoing = self.end is None or self.end >= on[: len(self.end)]
        return began and ongoing

    def begun_by(self, on: str) -> bool:
        """Whether the post is known to have begun (or been listed) by `on`."""
        return (self.start or self.observed or "9999") <= on


def _years_apart(a: str, b: str) -> float:
    def months(day: str) -> int:
        month = int(day[5:7]) if len(day) >= 7 else 6
        return int(day[:4]) * 12 + month

    return abs(months(a) - months(b)) / 12


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One person or organisation of the knowledge base."""

    id: str
    type: str  # "person" | "organization"
    name: str
    country: str | None
    sectors: tuple[str, ...]
    positions: tuple[Position, ...]
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    born: str | None = None
    active_start: str | None = None
    active_end: str | None = None
    datasets: tuple[str, ...] = ()
    vote_share: float | None = None  # a party's best national result, in percent

    def position_on(self, on: str | None) -> Position | None:
        """The post held on `on`: the latest-starting one that covers the date, an office
        before CAMEO's "elite" (ELI, a person of note out of office)."""
        if on is None:
            return None
        held = [p for p in self.positions if p.held_on(on)]
        return max(held, key=lambda p: (p.sector != "ELI", p.start or "")) if held else None

    def plausible_on(self, on: str | None) -> bool:
        """Whether this actor can be news on `on`: a person who headed a state or government
        before it, or born 18 to 100 years before (or, birth unknown, with a post begun within
        45 years), an organisation not dissolved more than five years before (dates of any
        precision)."""
        if on is None:
            return True
        year = int(on[:4])
        if self._led_a_state_before(on):
            return True
        if self.born:
            born = int(self.born[:4])
            return year - 100 <= born <= year - 18
        begun = [int(p.start[:4]) for p in self.positions if p.start]
        if self.type == "person" and begun and max(begun) < year - 45:
            return False
        if self.active_end and int(self.active_end[:4]) < year - 5:
            return False
        return not (self.active_start and int(self.active_start[:4]) > year)

    def _led_a_state_before(self, on: str) -> bool:
        """Whether this person headed a state or government (`heads_of_state` word list)
        before `on`: such people stay news after they leave, and after they die."""
        if self.type != "person":
            return False
        heads = _heads_of_state()
        return any(p.begun_by(on) and _opens_with(p.title.lower(), heads) for p in self.positions)

    def sector_on(self, on: str | None) -> str | None:
        """The sector as of `on`: the held post's; for a person known to hold none then (every
        post dated, each begun before it), CAMEO's `ELI`, a former official ("Jimmy Carter"
        in 2019); else the record's first."""
        held = self.position_on(on)
        if held is not None and held.sector:
            return held.sector
        if on is not None and self.type == "person" and self._former_on(on):
            return _FORMER
        return self.sectors[0] if self.sectors else None

    def out_of_office_on(self, on: str) -> bool:
        """Whether every post is dated and none is held on `on` (ISO date)."""
        dated = all(p.start is not None or p.observed is not None for p in self.positions)
        return bool(self.positions) and dated and self.position_on(on) is None

    def _former_on(self, on: str) -> bool:
        """Out of office on `on` after every post began: a former official, not one to be. A
        post with no dates (a past legislator's last chamber, "Senator" for Richard Nixon)
        does not keep someone whose dated posts all ended before `on` from being former: the
        historical sources list only posts that are over."""
        dated = [p for p in self.positions if p.start is not None or p.observed is not None]
        if dated and len(dated) < len(self.positions):
            ended = all(p.end is not None and p.end < on for p in dated)
            return ended and self.position_on(on) is None
        began = all(p.begun_by(on) for p in self.positions)
        return began and self.out_of_office_on(on)


@dataclass(frozen=True, slots=True)
class Match:
    record: ActorRecord
    via: str  # "name" | "alias" | "abbreviation"


# lookups an ActorKB remembers before it forgets them all (names repeat within an article and
# across a day's articles; a few MB at most)
_REMEMBERED = 20_000


class ActorKB:
    """Indexed lookup over the shipped records (and any extra JSONL files of the same schema)."""

    def __init__(self, index: Path) -> None:
        self.index = index
        self._local = threading.local()  # sqlite3 connections are per thread
        # an entity's name is looked up by several resolvers, on the same date: each lookup
        # is an SQL query and a JSON parse per record, so the answers are kept (bounded)
        self._found: dict[tuple[str, str | None], tuple[Match, ...]] = {}

    @classmethod
    def open(cls, sources: Sequence[Path] = BUILTIN) -> ActorKB:
        """The knowledge base of these files, indexing them on first use."""
        for source in sources:
            if not source.is_file():
                raise LexiconError(f"actor knowledge base {source} does not exist.")
        key = key_of([*sources, _TRANSLITERATIONS], _SCHEMA_VERSION)
        index = cache_dir() / f"actors-{key}.sqlite"
        if not index.is_file():
            index = _build_index(sources, index)
        return cls(index)

    def lookup(self, name: str, on: str | None = None) -> list[Match]:
        """Records named `name` (case, diacritics and spacing ignored), best first: by name
        before alias before abbreviation, then those plausible on `on`, then those holding a
        post on `on`, then the better documented."""
        found = self._found.get((name, on))
        if found is None:
            if len(self._found) >= _REMEMBERED:
                self._found.clear()
            found = self._found[(name, on)] = tuple(self._lookup(name, on))
        return list(found)

    def _lookup(self, name: str, on: str | None) -> list[Match]:
        best: dict[str, Match] = {}
        for body, via in self.raw(name):
            record = parse_record(body)
            if record.id not in best:
                best[record.id] = Match(record, via)
        matches = list(best.values())
        order = {"name": 0, "alias": 1, "abbreviation": 2}
        matches.sort(
            key=lambda m: (
                order[m.via],
                not m.record.plausible_on(on),
                m.record.position_on(on) is None,
                -len(m.record.positions),
            )
        )
        return matches

    def raw(self, name: str) -> list[tuple[dict[str, Any], str]]:
        """The stored JSON records named `name` (with their sources) and how each is named
        ("name", "alias", "abbreviation"), by name first; when none is, those named with the
        same given names in their canonical forms; for a name in capitals, also the bodies
        whose name's initials it is (`name_initials`)."""
        key = name_key(name)
        if not key:
            return []
        rows = self._rows(key)
        if not rows and _given_name_key(key) != key:
            rows = self._rows(_given_name_key(key))  # "Sergey Shoigu", "Dick Durbin"
        if len(name) >= _INITIALS_WORDS and name.isalpha() and name.isupper():
            rows += self._rows(_INITIALS_KEY + name)  # "NASA", never "Hope"
        best: dict[int, tuple[str, int]] = {}  # a record named both ways: its best way
        for rowid, body, kind in rows:
            best.setdefault(rowid, (body, kind))
        names = ("name", "alias", "abbreviation")
        return [(json.loads(body), names[kind]) for body, kind in best.values()]

    def _rows(self, key: str) -> list[tuple[int, str, int]]:
        query = (
            "SELECT r.rowid, r.body, n.kind FROM names n JOIN records r ON r.rowid = n.record"
            " WHERE n.key = ? ORDER BY n.kind, r.rowid"
        )
        return self._connection().execute(query, (key,)).fetchall()

    def count(self) -> int:
        row = self._connection().execute("SELECT count(*) FROM records").fetchone()
        return int(row[0])

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            uri = f"file:{self.index}?mode=ro"
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.connection = connection
        return connection


@lru_cache(maxsize=4)
def open_actor_kb(entries: tuple[str, ...]) -> ActorKB | None:
    """The knowledge base of the `actor_kb` setting ("builtin" is the shipped files), opened
    once per process; None when the setting is empty."""
    if not entries:
        return None
    paths = [p for e in entries for p in (BUILTIN if e == "builtin" else (Path(e).expanduser(),))]
    return ActorKB.open(paths)


def parse_record(raw: dict[str, Any]) -> ActorRecord:
    """One stored JSON record (actor.schema.json) as an ActorRecord."""
    positions = tuple(
        Position(
            title=p["title"],
            organization=p.get("organization"),
            country=p.get("country"),
            sector=p.get("sector"),
            start=p.get("start"),
            end=p.get("end"),
            party=p.get("party"),
            observed=p.get("observed"),
        )
        for p in raw.get("positions") or ()
    )
    active = raw.get("active") or {}
    return ActorRecord(
        id=raw["id"],
        type=raw["type"],
        name=raw["name"],
        country=raw.get("country"),
        sectors=tuple(raw.get("sectors") or ()),
        positions=positions,
        aliases=tuple(raw.get("aliases") or ()),
        wikidata=raw.get("wikidata"),
        born=raw.get("born"),
        active_start=active.get("start"),
        active_end=active.get("end"),
        datasets=tuple(sorted({s["dataset"] for s in raw.get("sources") or ()})),
        vote_share=raw.get("vote_share"),
    )


def _build_index(sources: Sequence[Path], index: Path) -> Path:
    """Index the records into a new SQLite file, renamed into place when complete (readers see
    no half-built file); an unwritable cache folder gets a private temporary index instead."""
    try:
        index.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=index.parent, prefix=".actors-", suffix=".tmp")
    except OSError:
        fd, temporary = tempfile.mkstemp(prefix="newsgraph-actors-", suffix=".sqlite")
        index = Path(temporary)
    os.close(fd)
    connection = sqlite3.connect(temporary)
    try:
        _fill(connection, read_records(sources))
        connection.commit()
    finally:
        connection.close()
    if Path(temporary) != index:
        Path(temporary).replace(index)
        _forget_older(index)
    return index


def _fill(connection: sqlite3.Connection, records: Iterable[dict[str, Any]]) -> None:
    connection.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE TABLE records (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, body TEXT NOT NULL);"
        "CREATE TABLE names (key TEXT NOT NULL, record INTEGER NOT NULL, kind INTEGER NOT NULL,"
        " PRIMARY KEY (key, record, kind)) WITHOUT ROWID;"
    )
    for raw in records:
        cursor = connection.execute(
            "INSERT OR REPLACE INTO records (id, body) VALUES (?, ?)",
            (raw["id"], json.dumps(raw, ensure_ascii=False)),
        )
        rowid = cursor.lastrowid
        names = [(raw["name"], _NAME)]
        names += [(a, _ALIAS) for a in raw.get("aliases") or ()]
        names += [(a, _ABBREVIATION) for a in raw.get("abbreviations") or ()]
        if raw.get("type") == "organization":
            # "Siemens Ag", "Ford Motor Company": news says "Siemens", "Ford Motor"
            names += [(bare, _ALIAS) for text, kind in names if kind != _ABBREVIATION
                      for bare in [without_legal_form(text)] if bare]  # fmt: skip
        keys = [(name_key(text), kind) for text, kind in names]
        # a source that lists a body's abbreviations, even none, says which it goes by
        if raw.get("type") == "organization" and "abbreviations" not in raw:
            initials = name_initials(raw["name"])
            keys += [(_INITIALS_KEY + initials, _ABBREVIATION)] if initials else []
        keys += [(_given_name_key(key), kind) for key, kind in keys]
        connection.executemany(
            "INSERT OR IGNORE INTO names (key, record, kind) VALUES (?, ?, ?)",
            [(key, rowid, kind) for key, kind in dict.fromkeys(keys) if key],
        )


def name_initials(name: str) -> str | None:
    """The initials news writes for a body's name, when each of its words but the minor ones
    is capitalised and there are four or more, for a body that is no company: "National
    Aeronautics and Space Administration" -> "NASA" (a source may list a body without its
    abbreviation)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _MINOR_WORDS]
    if len(words) < _INITIALS_WORDS or not all(w[0].isupper() for w in words):
        return None
    if words[-1].lower().rstrip(".") in _legal_forms():
        return None  # "SM Energy Company" is no "SEC"
    return "".join(w[0] for w in words)


def without_legal_form(name: str, keep: int = 1) -> str | None:
    """A company's name without its trailing legal form ("Siemens Ag" -> "Siemens", "Lockheed
    Martin Corp" -> "Lockheed Martin"), where `keep` words or more remain, and not one short
    word that may be an acronym: "Cdc Corporation", as Phoenix writes it, would take the
    health agency's "CDC"."""
    words = name.replace(",", " ").split()
    if len(words) <= keep or words[-1].lower() not in _legal_forms():
        return None
    if len(words) == 2 and len(words[0]) <= 4:
        return None
    return " ".join(words[:-1])


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    from newsgraph.lexicon.compiled import load_lexicon  # the shipped list, read once

    return load_lexicon().words["company_suffixes"]


def name_key(name: str) -> str:
    """The key the index keeps a name under: `search_key` without apostrophes, which news
    and the sources write in several ways or leave out ("O’Rourke", "ʻAkilisi Pohiva"), nor
    full stops and commas ("U.S. Army" is "US Army", "University of California, Davis")."""
    return search_key(_COMMAS.sub(" ", _STOPS.sub("", _APOSTROPHES.sub("", name))))


def _opens_with(title: str, offices: frozenset[str]) -> bool:
    return any(title == o or title.startswith(f"{o} ") for o in offices)


@lru_cache(maxsize=1)
def _heads_of_state() -> frozenset[str]:
    from newsgraph.lexicon.compiled import load_lexicon

    return load_lexicon().words.get("heads_of_state", frozenset())


def _given_name_key(key: str) -> str:
    """The search key with each given name made canonical (lexicon transliterations):
    "sergey lavrov" -> "sergei lavrov", "dick durbin" -> "richard durbin". The last word,
    the family name, stays."""
    return " ".join(canonical_given(key.split(), _given_names()))


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    from newsgraph.lexicon.compiled import load_lexicon

    return load_lexicon().given_names


def read_records(sources: Sequence[Path]) -> Iterable[dict[str, Any]]:
    """Every record of every file, a later file's record replacing an earlier one's id."""
    for source in sources:
        opener = gzip.open if source.suffix == ".gz" else open
        with opener(source, "rt", encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as e:
                    raise LexiconError(f"{source} line {number}: not JSON ({e.msg}).") from e
                if not isinstance(raw, dict) or not {"id", "type", "name"} <= raw.keys():
                    raise LexiconError(f"{source} line {number}: needs id, type and name.")
                yield raw


def _forget_older(index: Path) -> None:
    for other in index.parent.glob("actors-*.sqlite"):
        if other != index:
            other.unlink(missing_ok=True)
