"""The Phoenix CAMEO actor dictionaries (openeventdata/petrarch2, MIT): armed groups,
companies and NGOs, and the people of the country dictionary with their dated codes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from actorkb.common import (
    MINOR_WORDS,
    MIT,
    SECTORS,
    Record,
    Snapshot,
    iso_codes,
    slug,
    source_of,
    unique_positions,
    with_ascii,
)
from newsgraph.lexicon.actor_kb import without_legal_form

PHOENIX = "petrarch2/data/dictionaries"

PHOENIX_FILES = ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt")

# "ABU_SAYYAF_GROUP_(ASG)_ [PHLREB] # kkl 21 Mar 13": a name, its CAMEO code on the same line
_PHOENIX_ENTRY = re.compile(r"^(?P<name>[^\s+#\[][^\[#]*?)\s*\[(?P<code>[A-Z]+)\]")

_PHOENIX_AGENTS = {"MNC": "BUS"}


def phoenix_organisations(snap: Snapshot) -> Iterator[Record]:
    """Armed groups, companies and NGOs of the Phoenix CAMEO actor dictionaries whose code
    names a country ("FRAREB", "MNCUSA", "NGORUSEDU"), with their "+" aliases. Entries coded
    by date ranges on later lines (people, mostly) and codes naming no country are left out:
    a record without a country resolves nothing. Names of one word are left out (the
    hand-written gazetteer knows "Hamas" and "Taliban"; "Tigers" would find a team)."""
    import pycountry

    countries = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    seen: set[str] = set()
    for filename in PHOENIX_FILES:
        for name, code, aliases in _phoenix_entries(snap.read(f"{PHOENIX}/{filename}")):
            chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
            country = next((c for c in chunks if c in countries), None)
            sectors = {_PHOENIX_AGENTS.get(c, c) for c in chunks} & SECTORS
            words, abbreviations = _phoenix_name(name)
            if country is None or not sectors or not words:
                continue
            if not _phoenix_plausible(words):
                continue
            ident = f"{slug(words)}-{country.lower()}"
            if ident in seen:
                continue
            seen.add(ident)
            alias_names = {n for n, _ in map(_phoenix_name, aliases) if len(n.split()) >= 2}
            alias_names |= {
                b for n in {words, *alias_names} if (b := without_legal_form(n, keep=2))
            }
            cited = source_of(f"{PHOENIX}/{filename}", name, snap.commit, MIT)
            yield Record(id=f"kb:phoenix:{ident}", type="organization", name=words,
                         country=country, aliases=with_ascii(alias_names), sectors=sectors,
                         abbreviations=abbreviations, sources=[cited])  # fmt: skip


def _phoenix_plausible(name: str) -> bool:
    """A name of two words with letters: "21 June" is a date, "313" a number, and one word
    ("Tigers", "Amal") too often names something else."""
    return len([w for w in name.split() if sum(ch.isalpha() for ch in w) >= 2]) >= 2


def _phoenix_entries(text: str) -> Iterator[tuple[str, str, list[str]]]:
    """(raw name, code, raw aliases) of each entry with its code on its own line."""
    entry: tuple[str, str, list[str]] | None = None
    for line in text.splitlines():
        if line.startswith("+") and entry is not None:
            entry[2].append(line[1:].split("#")[0].strip())
            continue
        if entry is not None:
            yield entry
            entry = None
        found = _PHOENIX_ENTRY.match(line)
        if found:
            entry = (found["name"].strip(), found["code"], [])
    if entry is not None:
        yield entry


def _phoenix_name(raw: str) -> tuple[str, set[str]]:
    """ "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" -> ("Aden Abyan Islamic Army", {"AAIA"})."""
    abbreviations = set(re.findall(r"\(([A-Z0-9.-]{2,})\)", raw))
    plain = re.sub(r"\([^)]*\)", " ", raw).replace("_", " ")
    words = plain.split()
    titled = [w.lower() if w.lower() in MINOR_WORDS and i else w.capitalize()
              for i, w in enumerate(words)]  # fmt: skip
    return " ".join(titled), abbreviations


PHOENIX_PEOPLE = "Phoenix.Countries.actors.txt"

PHOENIX_DATE = "2014-01-30"  # "Generated at: Thu Jan 30 16:06:18 2014", the file's header

# "[RUSGOVMIL 990809-000507]", "[USAGOV >130201]", "[MNEGOV >20030522]", "[RUSELI]"
_PHOENIX_CODE = re.compile(r"^\[(?P<code>[A-Z]{6,})(?:\s+(?P<dates>[<>]?[\d-]+))?\]")

_PHOENIX_DAY = re.compile(r"^(\d{6}|\d{8})$")

# states the dictionaries code by a code ISO no longer has: today's state, as for Party Facts
_PHOENIX_FORMER = {"DDR": "DEU", "USR": "RUS", "YUG": "SRB", "SCG": "SRB"}

# the second agent of a cabinet member's code names the portfolio (CAMEO codebook agent types)
_PORTFOLIOS = {"MIL": "defence", "BUS": "economy", "AGR": "agriculture", "EDU": "education",
               "HLH": "health", "JUD": "justice", "MED": "information", "LAB": "labour",
               "ENV": "environment", "DEV": "development", "HRI": "human rights",
               "REF": "refugees", "REL": "religious affairs", "COP": "police",
               "SPY": "intelligence", "LEG": "legislative affairs"}  # fmt: skip

_AGENT_TITLES = {"GOV": "government", "ELI": "political elite", "MIL": "military",
                 "LEG": "legislature", "JUD": "judiciary", "SPY": "intelligence",
                 "OPP": "opposition", "COP": "police"}  # fmt: skip


def phoenix_people(snap: Snapshot) -> Iterator[Record]:
    """People of the Phoenix country dictionary (translated by its authors from CountryInfo):
    heads of state and government and cabinet members of about 200 countries with the dates of
    each CAMEO code they held ("VLADIMIR_PUTIN_ [RUSGOV 000507-080507]"). An entry counts as a
    person when a code of country + agent carries dates; countries, places and undated
    institutions are left out. Aliases keep names of two words or more without a title."""
    from newsgraph.lexicon.compiled import load_lexicon

    lexicon = load_lexicon()
    # an alias with a title ("President Putin") or a body's word ("Obama Administration") in it
    # is no name of the person alone
    not_names = set(lexicon.titles.words()) | {"mr", "mr.", "mrs", "mrs.", "ex"}
    not_names |= {w for w in lexicon.actor_codes.names if " " not in w}
    countries = iso_codes()
    people: dict[str, Record] = {}  # an entry written twice is one person
    for head, aliases, codes in _phoenix_blocks(snap.read(f"{PHOENIX}/{PHOENIX_PEOPLE}")):
        positions = [p for code, dates in codes if (p := _phoenix_position(code, dates, countries))]
        name = _phoenix_person_name(head)
        if not positions or len(name.split()) < 2:
            continue
        latest = max(positions, key=lambda p: p["start"] or "")
        country = latest["country"]
        sectors = {p["sector"] for p in positions} - {"ELI"} or {"ELI"}
        names = {name} | {n for a in aliases if _plain_alias(n := _phoenix_person_name(a),
                                                              not_names)}  # fmt: skip
        cited = source_of(f"{PHOENIX}/{PHOENIX_PEOPLE}", head, snap.commit, MIT)
        ident = f"kb:phoenix:{country}:{slug(name)}"
        known = people.get(ident)
        if known is not None:
            known.aliases |= with_ascii(names)
            known.positions = unique_positions(known.positions + positions)
            known.sectors |= sectors
            continue
        people[ident] = Record(id=ident, type="person", name=name, country=country,
                               aliases=with_ascii(names), sectors=sectors,
                               positions=unique_positions(positions), sources=[cited])  # fmt: skip
    yield from people.values()


def _phoenix_blocks(text: str) -> Iterator[tuple[str, list[str], list[tuple[str, str | None]]]]:
    """(head name, aliases, [(code, dates)]) of each entry whose codes are on lines of their
    own, as the country dictionary writes people."""
    head: str | None = None
    aliases: list[str] = []
    codes: list[tuple[str, str | None]] = []
    for line in [*text.splitlines(), ""]:
        bare = line.split("#")[0].strip()
        if line.startswith(("\t", " ")) and bare.startswith("["):
            found = _PHOENIX_CODE.match(bare)
            if found and head is not None:
                codes.append((found["code"], found["dates"]))
            continue
        if line.startswith("+") and head is not None:
            aliases.append(bare[1:])
            continue
        if head is not None and codes:
            yield head, aliases, codes
        head, aliases, codes = (bare or None) if "[" not in bare else None, [], []


def _phoenix_position(code: str, dates: str | None, countries: set[str]) -> dict[str, Any] | None:
    """A dated code as a position: "RUSGOVMIL", "990809-000507" -> government (defence),
    1999-08-09 to 2000-05-07. Undated codes (the entry's default) and malformed dates give
    None."""
    if not dates:
        return None
    country = _PHOENIX_FORMER.get(code[:3], code[:3])
    agents = [code[i : i + 3] for i in range(3, len(code), 3)]
    if country not in countries or not agents or agents[0] not in SECTORS:
        return None
    start, end = _phoenix_range(dates)
    if start is None and end is None:
        return None
    title = _AGENT_TITLES.get(agents[0], agents[0])
    if agents[0] == "GOV" and len(agents) > 1 and agents[1] in _PORTFOLIOS:
        title = f"government ({_PORTFOLIOS[agents[1]]})"
    position = {"title": title, "organization": None, "country": country, "sector": agents[0],
                "start": start, "end": end, "party": None}  # fmt: skip
    if start is not None and end is None:
        position["observed"] = PHOENIX_DATE  # held when the dictionary was made; later unknown
    return position


def _phoenix_range(dates: str) -> tuple[str | None, str | None]:
    """ ">130201" -> ("2013-02-01", None); "<910409" -> (None, "1991-04-09");
    "990809-000507" -> ("1999-08-09", "2000-05-07"). Two-digit years are read as 1915-2014
    (the dictionary is of 2014); a start that would fall after its end is a century earlier."""
    if dates.startswith(">"):
        return _phoenix_day(dates[1:]), None
    if dates.startswith("<"):
        return None, _phoenix_day(dates[1:])
    first, _, last = dates.partition("-")
    start, end = _phoenix_day(first), _phoenix_day(last)
    if start is None or end is None:
        return None, None
    if start > end and len(first) == 6:
        start = f"{int(start[:4]) - 100}{start[4:]}"
    return start, end


def _phoenix_day(raw: str) -> str | None:
    from datetime import date

    if not _PHOENIX_DAY.match(raw):
        return None
    if len(raw) == 6:
        year = int(raw[:2])
        raw = f"{2000 + year if year <= 14 else 1900 + year}{raw[2:]}"
    try:
        return date(int(raw[:4]), int(raw[4:6]), int(raw[6:])).isoformat()
    except ValueError:
        return None


def _phoenix_person_name(raw: str) -> str:
    """ "MOHAMMAD_ZAHIR_SHAH_" -> "Mohammad Zahir Shah"; "AWN_SHAWKAT_AL-KHASAWNEH" ->
    "Awn Shawkat Al-Khasawneh"."""
    words = raw.replace("_", " ").split()
    return " ".join("-".join(part.capitalize() for part in w.split("-")) for w in words)


def _plain_alias(name: str, not_names: set[str]) -> bool:
    """An alias worth keeping: two words or more, none of them in `not_names`."""
    words = name.lower().split()
    return len(words) >= 2 and not any(w in not_names for w in words)
