"""Build the shipped actor knowledge base from open data snapshots.

Writes `src/newsgraph/lexicon/actors/actors.jsonl.gz`: one JSON record per person or
organisation (schema: `src/newsgraph/lexicon/actors/actor.schema.json`), sorted by id, with the
gzip timestamp fixed, so a re-run on the same snapshots gives the same bytes.

Sources (each record names its dataset, source record id, snapshot commit and licence):

- `unitedstates/congress-legislators` (CC0 1.0): every member of the US Congress since 1789
  (`legislators-historical.csv` and `legislators-current.yaml`, the latter with every term's
  dates), the presidents and vice presidents (`executive.yaml`), and the committees of the
  House and the Senate (`committees-current.yaml`, `committees-historical.yaml`).
- `hdigital/partyfactsdata` (MIT; the Party Facts data import repository): the Party Facts core
  parties (about 5,500 parties of 216 countries with English and native names, abbreviations
  and years active, and Wikidata ids where linked); the members of nine parliaments who speak in
  the ParlSpeech corpus with their party and first/last dates; and the heads of state, heads of
  government and ministers that the WhoGov, CHISOLS and leadership imports name as the first
  office-holder of each party.

- `Hipo/university-domains-list` (MIT): about 10,000 universities and colleges of 200
  countries (`world_universities_and_domains.json`), as EDU organisations.
- `openeventdata/petrarch2` (MIT): the Phoenix CAMEO actor dictionaries' non-state armed
  groups, companies and NGOs whose CAMEO code names a country, and the people of its country
  dictionary (heads of state and government and cabinet members of about 200 countries to
  2014) with the dates of each code they held.
- the `every-politician-scrapers` cabinet repositories named in `scripts/cabinet_repos.txt`
  (Wikidata, CC0 1.0): every holder of each of 162 countries' cabinet posts since 2000 with
  dates (`html/holders21.csv`), and the US governors (`us-governors`, every version of
  `data/wikidata.csv`).
- `cisagov/dotgov-data` (CC0 1.0): the US federal bodies that hold .gov domains
  (`current-federal.csv`): departments, agencies, commissions, laboratories, courts and
  congressional offices.

Run (snapshots come from the `fetch` tool, which prints where it put each bare git directory):

    fetch github:unitedstates/congress-legislators
    fetch github:hdigital/partyfactsdata
    fetch github:WilliamRADFunk/cia-world-leaders
    fetch github:every-politician-scrapers/world-leaders-2021
    fetch github:Hipo/university-domains-list
    fetch github:openeventdata/petrarch2
    fetch github:cisagov/dotgov-data
    for r in $(cat scripts/cabinet_repos.txt); do fetch github:every-politician-scrapers/$r; done
    python scripts/build_actor_kb.py \
        --congress /work/.mirror/unitedstates+congress-legislators/repo \
        --partyfacts /work/.mirror/hdigital+partyfactsdata/repo \
        --cia /work/.mirror/WilliamRADFunk+cia-world-leaders/repo \
        --wikidata /work/.mirror/every-politician-scrapers+world-leaders-2021/repo \
        --universities /work/.mirror/Hipo+university-domains-list/repo \
        --phoenix /work/.mirror/openeventdata+petrarch2/repo/.git \
        --dotgov /work/.mirror/cisagov+dotgov-data/repo \
        --mirror /work/.mirror

Nothing here runs at extraction time; the package reads only the file this writes.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import io
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newsgraph.resolve.actors import without_company_suffix

OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/lexicon/actors/actors.jsonl.gz"
CC0 = "CC0-1.0"
MIT = "MIT"

# ParlSpeech's country column says AUS for the Austrian Nationalrat (its parties are the ÖVP,
# SPÖ, FPÖ...): the ISO code of Austria is AUT.
PARLSPEECH_COUNTRY = {"AUS": "AUT"}
PARLIAMENTS = {
    "AUT": "National Council of Austria",
    "CZE": "Chamber of Deputies of the Czech Republic",
    "DEU": "Bundestag",
    "DNK": "Folketing",
    "ESP": "Congress of Deputies",
    "GBR": "House of Commons",
    "NLD": "House of Representatives of the Netherlands",
    "NZL": "New Zealand House of Representatives",
    "SWE": "Riksdag",
}
US_CHAMBERS = {
    "sen": ("Senator", "United States Senate"),
    "rep": ("Representative", "United States House of Representatives"),
    "prez": ("President", "Government of the United States"),
    "viceprez": ("Vice President", "Government of the United States"),
}
# "1975 Mohammad Daud Khan (President)": the first office-holder of a party, as the leadership
# imports write it
_FIRST_HOLDER = re.compile(r"^(?P<year>\d{4})\s+(?P<name>[^()]+?)\s*\((?P<title>[^()]+)\)\s*$")
_HONORIFIC = re.compile(r"^(?:Dr\.?|Prof\.?|Sir|Dame|Lord|Baroness|Mr\.?|Mrs\.?|Ms\.?)\s+", re.I)
# titles that make a leader military rather than civilian government
_MILITARY_TITLE = re.compile(r"\b(?:General|Colonel|Marshal|Military|Junta|Armed Forces)\b", re.I)


@dataclass
class Record:
    id: str
    type: str
    name: str
    country: str | None
    aliases: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    positions: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    qid: str | None = None
    born: str | None = None
    active: dict[str, str] = field(default_factory=dict)
    abbreviations: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "name": self.name,
                               "country": self.country}  # fmt: skip
        if self.qid:
            out["wikidata"] = self.qid
        out["aliases"] = sorted(self.aliases - {self.name})
        if self.abbreviations:
            out["abbreviations"] = sorted(self.abbreviations)
        out["sectors"] = sorted(self.sectors)
        if self.born:
            out["born"] = self.born
        if self.active:
            out["active"] = self.active
        out["positions"] = sorted(self.positions, key=_position_order)
        out["sources"] = sorted(self.sources, key=lambda s: (s["dataset"], s["record"]))
        return out


def _position_order(p: dict[str, Any]) -> tuple[str, str, str]:
    return (p.get("start") or "", p.get("title") or "", p.get("organization") or "")


class Snapshot:
    """A bare git directory brought by `fetch`, read at one commit."""

    def __init__(self, git_dir: Path, rev: str = "HEAD") -> None:
        self.git_dir = git_dir
        self.commit = self._git("rev-parse", rev).strip()

    def read(self, path: str, rev: str | None = None) -> str:
        return self._git("show", f"{rev or self.commit}:{path}")

    def commit_of(self, rev: str) -> str:
        return self._git("rev-parse", rev).strip()

    def _git(self, *args: str) -> str:
        done = subprocess.run(["git", f"--git-dir={self.git_dir}", *args], check=True,
                              capture_output=True, text=True)  # fmt: skip
        return done.stdout


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-") or "x"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _clean(name: str) -> str:
    return " ".join(_HONORIFIC.sub("", name.strip()).split())


def person_aliases(name: str, *, first_two: bool = False) -> set[str]:
    """Forms news uses for a full name: first + last ("Adelheid Irina Fürntrath-Moretti" ->
    "Adelheid Fürntrath-Moretti"), and each without diacritics. `first_two` adds the first two
    names, the short form of names that end in a father's or family name ("Abiy Ahmed Ali" ->
    "Abiy Ahmed"), for sources that cover such countries."""
    words = name.split()
    forms = {name}
    if len(words) > 2:
        forms.add(f"{words[0]} {words[-1]}")
        if first_two and words[1][:1].isupper():
            forms.add(f"{words[0]} {words[1]}")
    # "Qaboos bin Said Al Said" -> "Qaboos bin Said": a name up to the father's name
    particle = next((i for i, w in enumerate(words[1:-1], 1) if w in _PATRONYMIC), None)
    if particle is not None and particle + 2 < len(words):
        forms.add(" ".join(words[: particle + 2]))
    return forms | {_ascii(f) for f in forms}


_PATRONYMIC = {"bin", "ibn", "bint"}  # "son of", "daughter of" in Arabic names


def _person_of(
    people: dict[tuple[str, str], Record],
    prefix: str,
    country: str,
    name: str,
    *,
    first_two: bool = False,
) -> Record:
    """The record of the person of `country` called `name` in one source, made on first sight;
    its id is `kb:<prefix>:<country>:<slug>`."""
    key = (country, slug(name))
    rec = people.get(key)
    if rec is None:
        rec = people[key] = Record(id=f"kb:{prefix}:{country}:{key[1]}", type="person",
                                   name=name, country=country,
                                   aliases=person_aliases(name, first_two=first_two))  # fmt: skip
    return rec


def _cite(rec: Record, dataset: str, commit: str, licence: str) -> None:
    """Add a source to a record made by `_person_of` (its record id is the id's last part)."""
    source = _source(dataset, rec.id.split(":", 2)[2], commit, licence)
    if source not in rec.sources:
        rec.sources.append(source)


def _source(dataset: str, record: str, commit: str, licence: str) -> dict[str, str]:
    return {"dataset": dataset, "record": record, "commit": commit, "licence": licence}


# ------------------------------------------------------------------- US Congress and executive


def us_people(snap: Snapshot) -> Iterator[Record]:
    pages = snap.commit_of("gh-pages")
    people: dict[str, Record] = {}
    for row in csv.DictReader(io.StringIO(snap.read("legislators-historical.csv", pages))):
        rec = _us_historical(row, pages)
        people[rec.id] = rec
    current = yaml.safe_load(snap.read("legislators-current.yaml"))
    for item in current:
        rec = _us_yaml(item, "congress-legislators/legislators-current.yaml", snap.commit)
        people[rec.id] = rec  # the current file has every term with dates
    for item in yaml.safe_load(snap.read("executive.yaml")):
        rec = _us_yaml(item, "congress-legislators/executive.yaml", snap.commit)
        known = people.get(rec.id)
        if known is None:
            people[rec.id] = rec
            continue
        known.positions.extend(rec.positions)
        known.sectors |= rec.sectors
        known.sources.extend(rec.sources)
        known.aliases |= rec.aliases
        known.qid = known.qid or rec.qid
    yield from people.values()


# "House Permanent Select Committee on Intelligence": chamber, kind, subject
_COMMITTEE = re.compile(r"^(?P<chamber>House|Senate) (?:Permanent )?(?P<kind>Select |Special )?"
                        r"Committee on (?:the )?(?P<subject>[^,]+)$")  # fmt: skip


def us_committees(snap: Snapshot) -> Iterator[Record]:
    """The committees of the House and the Senate, current and past, with the forms news
    gives them ("House Judiciary Committee" for the House Committee on the Judiciary); a past
    committee's last Congress ends its active years."""
    files = (("committees-current.yaml", False), ("committees-historical.yaml", True))
    seen: set[str] = set()
    for path, past in files:
        for item in yaml.safe_load(snap.read(path)):
            name = " ".join(str(item["name"]).split())
            forms = _committee_forms(name)
            keys = {_key(n) for n in {name} | forms}
            if keys & seen or len(name.split()) < 3:
                continue  # a past name of a current committee is that committee
            seen |= keys
            ident = slug(name)
            active = {}
            if past and item.get("congresses"):
                # the nth Congress sits from January of 1789 + 2(n - 1), for two years
                active = {"end": str(1789 + 2 * max(item["congresses"]))}
            yield Record(id=f"kb:uscommittee:{ident}", type="organization", name=name,
                         country="USA", aliases=forms, sectors={"LEG"},
                         active=active,
                         sources=[_source(f"congress-legislators/{path}",
                                          str(item.get("thomas_id") or ident), snap.commit,
                                          CC0)])  # fmt: skip


def _committee_forms(name: str) -> set[str]:
    """ "House Committee on the Judiciary" -> {"House Judiciary Committee"}; "Senate Select
    Committee on Intelligence" -> {"Senate Intelligence Committee", "Senate Committee on
    Intelligence"}."""
    found = _COMMITTEE.match(re.sub(r"\s*\([^)]*\)", "", name))  # "(Permanent Select)"
    if not found:
        return set()
    chamber, subject = found["chamber"], found["subject"]
    return {f"{chamber} {subject} Committee", f"{chamber} Committee on {subject}"} - {name}


def _us_historical(row: dict[str, str], commit: str) -> Record:
    first = row["nickname"] or row["first_name"]
    name = row["full_name"] or f"{first} {row['last_name']}"
    aliases = {f"{row['first_name']} {row['last_name']}", f"{first} {row['last_name']}"}
    if row["middle_name"]:
        aliases.add(f"{row['first_name']} {row['middle_name']} {row['last_name']}")
    title, body = US_CHAMBERS[row["type"]]
    # the CSV carries the last term only, without its dates
    position = {"title": title, "organization": body, "country": "USA", "sector": "LEG",
                "start": None, "end": None, "party": row["party"] or None}  # fmt: skip
    ident = row["bioguide_id"]
    return Record(id=f"kb:uscongress:{ident}", type="person", name=name, country="USA",
                  aliases=_with_ascii(aliases), sectors={"LEG"}, positions=[position],
                  born=row["birthday"] or None,
                  sources=[_source("congress-legislators/legislators-historical.csv", ident,
                                   commit, CC0)])  # fmt: skip


def _us_yaml(item: dict[str, Any], dataset: str, commit: str) -> Record:
    ids, names = item["id"], item["name"]
    first = names.get("nickname") or names["first"]
    name = names.get("official_full") or f"{first} {names['last']}"
    aliases = {f"{names['first']} {names['last']}", f"{first} {names['last']}"}
    if names.get("middle"):
        aliases.add(f"{names['first']} {names['middle']} {names['last']}")
    positions = _merged_terms(item.get("terms") or [])
    ident = ids.get("bioguide") or slug(name)
    prefix = "kb:uscongress" if ids.get("bioguide") else "kb:usexec"
    born = (item.get("bio") or {}).get("birthday")
    return Record(id=f"{prefix}:{ident}", type="person", name=name, country="USA",
                  aliases=_with_ascii(aliases), sectors={p["sector"] for p in positions},
                  positions=positions, qid=ids.get("wikidata"), born=str(born) if born else None,
                  sources=[_source(dataset, ident, commit, CC0)])  # fmt: skip


def _merged_terms(terms: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive terms in one office become one position (a senator re-elected twice holds
    one seat from the first start to the last end)."""
    out: list[dict[str, Any]] = []
    for term in sorted(terms, key=lambda t: str(t["start"])):
        title, body = US_CHAMBERS[term["type"]]
        sector = "GOV" if term["type"] in ("prez", "viceprez") else "LEG"
        start, end = str(term["start"]), str(term["end"])
        last = out[-1] if out else None
        if last and last["title"] == title and last["end"] and last["end"] >= _day_before(start):
            last["end"] = max(last["end"], end)
            continue
        out.append({"title": title, "organization": body, "country": "USA", "sector": sector,
                    "start": start, "end": end, "party": term.get("party")})  # fmt: skip
    return out


def _day_before(day: str) -> str:
    from datetime import date, timedelta

    return (
        date.fromisoformat(day) - timedelta(days=10)
    ).isoformat()  # terms meet at noon, or days apart


def _with_ascii(names: set[str]) -> set[str]:
    return names | {_ascii(n) for n in names}


# --------------------------------------------------------------------------------- Party Facts


def parties(snap: Snapshot) -> Iterator[Record]:
    qids = {
        row["partyfacts_id"]: row["wikidata_id"]
        for row in csv.DictReader(io.StringIO(snap.read("import/wikipedia/wikidata.csv")))
        if row["wikidata_id"]
    }
    core = snap.read("import/elecglob/partyfacts-core-parties.csv")
    for row in csv.DictReader(io.StringIO(core)):
        if row["technical"]:
            continue  # "other parties", "independents" and similar bookkeeping rows
        english = _variants(row["name_english"])
        native = _variants(row["name"])
        name = english[0] if english else native[0]
        aliases = set(english) | set(native) | set(_variants(row["name_other"], strip_lang=True))
        short = row["name_short"].strip()
        active = {k: row[f"year_{k}"] for k in ("first", "last") if row[f"year_{k}"]}
        ident = row["partyfacts_id"]
        country = PARTYFACTS_COUNTRY.get(row["country"], row["country"])
        yield Record(id=f"kb:partyfacts:{ident}", type="organization", name=name,
                     country=country, aliases=_with_ascii(aliases), sectors={"PTY"},
                     qid=qids.get(ident),
                     active={("start" if k == "first" else "end"): v for k, v in active.items()},
                     abbreviations={short} if len(short) >= 2 else set(),
                     sources=[_source("partyfactsdata/elecglob/partyfacts-core-parties.csv",
                                      ident, snap.commit, MIT)])  # fmt: skip


def _variants(value: str, *, strip_lang: bool = False) -> list[str]:
    """ "Fatherland Party / Afghan Millat" -> both; "Pashto: ..." drops the language label."""
    out = []
    for part in value.split(" / "):
        part = part.strip()
        if strip_lang:
            part = re.sub(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)?:\s*", "", part)
        part = part.replace("\u200e", "").strip()
        if len(part) >= 3:
            out.append(part)
    return out


def parliamentarians(snap: Snapshot, party_names: dict[str, str]) -> Iterator[Record]:
    """ParlSpeech speakers: one person per country and name, a seat from their first to their
    last recorded speech in each party."""
    people: dict[tuple[str, str], Record] = {}
    text = snap.read("import/parlspeech/parlspeech-mps.csv")
    for row in csv.DictReader(io.StringIO(text)):
        country = PARLSPEECH_COUNTRY.get(row["iso3country"], row["iso3country"])
        name = _clean(row["speaker"])
        if len(name.split()) < 2:
            continue  # a surname alone names nobody in particular
        rec = _person_of(people, "parlspeech", country, name)
        rec.sectors.add("LEG")
        _cite(rec, "partyfactsdata/parlspeech/parlspeech-mps.csv", snap.commit, MIT)
        party = party_names.get(row["party.facts.id"]) or row["party"] or None
        rec.positions.append({"title": "Member of Parliament", "organization": PARLIAMENTS[country],
                              "country": country, "sector": "LEG", "start": row["date_first"],
                              "end": row["date_last"], "party": party})  # fmt: skip
    yield from people.values()


def leaders(snap: Snapshot) -> Iterator[Record]:
    """The first head of state, head of government or minister from each party, as the WhoGov,
    leadership and CHISOLS imports name them ("1975 Mohammad Daud Khan (President)")."""
    people: dict[tuple[str, str], Record] = {}
    chisols_country = {
        row["statename"]: row["country"]
        for row in csv.DictReader(io.StringIO(snap.read("import/chisols/chisols-names.csv")))
    }
    for dataset, country, holder in _holders(snap, chisols_country):
        match = _FIRST_HOLDER.match(holder)
        if not match or not country:
            continue
        name = _clean(match["name"])
        if len(name.split()) < 2:
            continue
        title = match["title"].strip()
        sector = "MIL" if _MILITARY_TITLE.search(title) else "GOV"
        rec = _person_of(people, "leader", country, name)
        position = {"title": title, "organization": f"Government of {country}",
                    "country": country, "sector": sector, "start": match["year"], "end": None,
                    "party": None}  # fmt: skip
        if position not in rec.positions:
            rec.positions.append(position)
        rec.sectors.add(sector)
        _cite(rec, dataset, snap.commit, MIT)
    yield from people.values()


def _holders(snap: Snapshot, chisols_country: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    for row in csv.DictReader(io.StringIO(snap.read("import/whogov/whogov.csv"))):
        yield "partyfactsdata/whogov/whogov.csv", row["country_short"], row["minister_first"]
    for row in csv.DictReader(io.StringIO(snap.read("import/leadglob/leadglob.csv"))):
        for column in ("hos_first", "hog_first"):
            yield "partyfactsdata/leadglob/leadglob.csv", row["country_short"], row[column]
    text = snap.read("import/chisols/chisols-leader-first.csv")
    for row in csv.DictReader(io.StringIO(text)):
        country = chisols_country.get(row["statename"], "")
        yield "partyfactsdata/chisols/chisols-leader-first.csv", country, row["chisols_first"]


# ------------------------------------------------------------------------- CIA World Leaders

CIA_DATE = "2019-06-04"  # the directory as the snapshot scraped it (its files' dates)
PUBLIC_DOMAIN = "public-domain (US Government work)"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# the directory's names for countries that ISO 3166 names otherwise
COUNTRY_NAMES = {
    "Bahamas, The": "BHS", "Gambia, The": "GMB", "Burma": "MMR", "Korea, North": "PRK",
    "Korea, South": "KOR", "Congo, Democratic Republic of the": "COD",
    "Congo, Republic of the": "COG", "Holy See (Vatican City)": "VAT", "Kosovo": "XKX",
    "Macedonia": "MKD", "North Macedonia": "MKD", "Swaziland": "SWZ", "Eswatini": "SWZ",
    "Cote d'Ivoire": "CIV", "Ivory Coast": "CIV", "Micronesia, Federated States of": "FSM",
    "Laos": "LAO", "Russia": "RUS", "Syria": "SYR", "Iran": "IRN", "Taiwan": "TWN",
    "Vietnam": "VNM", "Venezuela": "VEN", "Bolivia": "BOL", "Tanzania": "TZA",
    "Moldova": "MDA", "Brunei": "BRN", "Cabo Verde": "CPV", "Cape Verde": "CPV",
    "Czechia": "CZE", "Czech Republic": "CZE", "Timor-Leste": "TLS", "East Timor": "TLS",
    "Turkey": "TUR", "Republic of Ireland": "IRL", "People's Republic of China": "CHN",
    "State of Palestine": "PSE", "Palestine": "PSE", "West Bank": "PSE", "Gaza Strip": "PSE",
    "Kingdom of the Netherlands": "NLD", "The Gambia": "GMB", "The Bahamas": "BHS",
    "Democratic Republic of the Congo": "COD", "Republic of the Congo": "COG",
    "North Korea": "PRK", "South Korea": "KOR", "Federated States of Micronesia": "FSM",
    "Sao Tome and Principe": "STP", "São Tomé and Príncipe": "STP", "Vatican City": "VAT",
    "European Union": None,
}  # fmt: skip
# Party Facts' own codes for places without an ISO 3166 code, mapped to today's state
PARTYFACTS_COUNTRY = {"NIR": "GBR", "PSG": "PSE", "SML": "SOM", "VNR": "VNM", "YMD": "YEM",
                      "ZZB": "TZA", "PMR": "MDA", "NFL": "CAN", "DDR": "DEU", "AUH": None,
                      "EUN": None}  # fmt: skip


def iso3(name: str) -> str | None:
    if name in COUNTRY_NAMES:
        return COUNTRY_NAMES[name]
    import pycountry

    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return None


def cia_title_sector(title: str) -> str:
    """The sector a directory title belongs to (CAMEO agent types)."""
    lowered = title.lower()
    for words, sector in _TITLE_SECTORS:
        if any(w in lowered for w in words):
            return sector
    return "GOV"


_TITLE_SECTORS = (
    (("intelligence", "security service", "state security"), "SPY"),
    (("chief of staff of the armed", "armed forces", "chief of defen", "army", "navy",
      "air force", "military", "commander"), "MIL"),
    (("police", "gendarmerie"), "COP"),
    (("supreme court", "chief justice", "judge", "constitutional court"), "JUD"),
    (("speaker", "national assembly", "parliament", "senate"), "LEG"),
    (("central bank", "national bank", "reserve bank", "monetary"), "GOV"),
)  # fmt: skip


def cia_leaders(snap: Snapshot) -> Iterator[Record]:
    """Everyone the CIA directory of world leaders and cabinet members listed in mid-2019."""
    import zipfile

    raw = subprocess.run(["git", f"--git-dir={snap.git_dir}", "show",
                          f"{snap.commit}:dist/json/json.zip"], check=True,
                         capture_output=True).stdout  # fmt: skip
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        offices = json.loads(z.read("dist/json/government-offices.json"))
    people: dict[tuple[str, str], Record] = {}
    unknown: Counter[str] = Counter()
    for office in offices.values():
        title = office["datatypeProperties"].get(
            "http://williamrobertfunk.com/ontologies/world-leaders#title"
        )
        country_name, holders = None, []
        for link in office["objectProperties"]:
            for relation, target in link.items():
                if relation.endswith("hasCountry"):
                    country_name = target[_RDFS_LABEL]
                elif relation.endswith("hasGovernmentOfficial"):
                    holders.append(target[_RDFS_LABEL])
        country = iso3(country_name) if country_name else None
        if not title or not country:
            unknown[str(country_name)] += 1
            continue
        for holder in holders:
            name = cia_name(holder)
            if len(name.split()) < 2:
                continue
            rec = _person_of(people, "cia", country, name, first_two=True)
            _cite(rec, "cia-world-leaders/government-offices.json", snap.commit, PUBLIC_DOMAIN)
            sector = cia_title_sector(title)
            rec.sectors.add(sector)
            rec.positions.append({"title": title, "organization": None, "country": country,
                                  "sector": sector, "start": None, "end": None,
                                  "observed": CIA_DATE, "party": None})  # fmt: skip
    if unknown:
        print(f"cia: skipped offices of unknown countries: {dict(unknown)}", file=sys.stderr)
    yield from people.values()


def cia_name(text: str) -> str:
    """ "Paul KAGAME" -> "Paul Kagame", "ABIY Ahmed" -> "Abiy Ahmed": the directory writes the
    family name in capitals."""
    words = []
    for word in text.split():
        if word.isupper() and len(word) > 1:
            word = "-".join(p.capitalize() for p in word.split("-"))
            word = re.sub(r"^(Al|El|Ad|Ash|As|Ar|At)-", lambda m: m[1].lower() + "-", word)
        words.append(word)
    return _clean(" ".join(words))


# ------------------------------------------------------------------- Wikidata: heads of state


def wikidata_leaders(snap: Snapshot) -> Iterator[Record]:
    """Heads of state and government from Wikidata (every version of the scraper's table, so
    leaders who left office while it ran are kept)."""
    rows: dict[tuple[str, str, str], dict[str, str]] = {}
    commits = snap._git("rev-list", snap.commit, "--", "data/wikidata.csv").split()
    for commit in reversed(commits):
        for row in csv.DictReader(io.StringIO(snap.read("data/wikidata.csv", commit))):
            rows[(row["officeholder"], row["position"], row["start_year"])] = row
    people: dict[str, Record] = {}
    for (qid, _, _), row in sorted(rows.items()):
        country = iso3(row["country"])
        if country is None or not qid.startswith("Q"):
            continue
        name = row["officeholderLabel"]
        rec = people.get(qid)
        if rec is None:
            rec = people[qid] = Record(
                id=f"kb:wikidata:{qid}",
                type="person",
                name=name,
                country=country,
                aliases=person_aliases(name, first_two=True),
                qid=qid,
                sectors={"GOV"},
                sources=[_source("world-leaders-2021/wikidata.csv", qid, snap.commit, CC0)],
            )
        title = re.sub(r"\s+of\s+(the\s+)?" + re.escape(row["country"]) + "$", "",
                       row["positionLabel"]).strip()  # fmt: skip
        position = {"title": title, "organization": f"Government of {row['country']}",
                    "country": country, "sector": "GOV", "start": row["start_year"] or None,
                    "end": row["end_year"] or None, "party": None}  # fmt: skip
        if position not in rec.positions:
            rec.positions.append(position)
    yield from people.values()


# ------------------------------------------------------- every-politician cabinets (Wikidata)

CABINET_LIST = Path(__file__).with_name("cabinet_repos.txt")
CABINET_FILE = "data/wikidata.csv"
HOLDERS_FILE = "html/holders21.csv"
# repository names that are no country's name
_CABINET_COUNTRY = {"us": "USA", "united-kingdom": "GBR", "uae": "ARE", "bvi": "VGB",
                    "caymans": "CYM", "solomons": "SLB", "faroes": "FRO",
                    "congo-kinshasa": "COD", "congo-brazzaville": "COG", "czech": "CZE",
                    "bosnia-herzegovina": "BIH", "st-lucia": "LCA", "hong-kong": "HKG",
                    "georgia": "GEO", "turks-and-caicos": "TCA", "micronesia": "FSM",
                    "antigua-barbuda": "ATG", "guinea-bissau": "GNB", "saudi": "SAU",
                    "st-kitts-and-nevis": "KNA", "st-vincent-and-the-grenadines": "VCT",
                    "timor-leste": "TLS"}  # fmt: skip
_CABINET_SUFFIX = re.compile(r"-(?:ministers|cabinet|governors)$")


def cabinet_members(mirror: Path) -> Iterator[Record]:
    """Holders of each country's cabinet posts since 2000 with their dates, as Wikidata listed
    them for the every-politician scrapers named in `cabinet_repos.txt` (`html/holders21.csv`;
    for the US governors, every version of `data/wikidata.csv`, each post kept once per year it
    was listed, as `observed` on the last day seen that year). A post still open when the
    snapshot was taken carries that day as `observed`: held until a year after it."""
    for repo in CABINET_LIST.read_text(encoding="utf-8").split():
        git_dir = mirror / f"every-politician-scrapers+{repo}" / "repo"
        if not git_dir.exists():
            raise SystemExit(f"{git_dir} is missing: fetch github:every-politician-scrapers/{repo}")
        snap = Snapshot(git_dir)
        country = _cabinet_country(repo)
        if repo == "us-governors":
            yield from _listed_holders(snap, repo, country)
        else:
            yield from _holders21(snap, repo, country)


def _cabinet_country(repo: str) -> str:
    stem = _CABINET_SUFFIX.sub("", repo)
    country = _CABINET_COUNTRY.get(stem) or iso3(stem.replace("-", " ").title())
    if country is None:
        raise SystemExit(f"no country for every-politician-scrapers/{repo}")
    return country


def _holders21(snap: Snapshot, repo: str, country: str) -> Iterator[Record]:
    snapshot_day = snap._git("log", "-1", "--format=%cs", snap.commit).strip()
    people: dict[str, Record] = {}
    for row in csv.DictReader(io.StringIO(snap.read(HOLDERS_FILE))):
        qid, name, title = row["personID"], row["person"].strip(), row["position"].strip()
        if not qid.startswith("Q") or len(name.split()) < 2 or not title:
            continue
        if qid not in people:
            people[qid] = _cabinet_person(qid, name, None, row.get("DOB"), country,
                                          f"{repo}/{HOLDERS_FILE}", snap.commit)  # fmt: skip
        sector = _title_sector(title) or "GOV"
        position = {"title": title, "organization": None, "country": country, "sector": sector,
                    "start": row["start"] or None, "end": row["end"] or None,
                    "party": None}  # fmt: skip
        if position["start"] and not position["end"]:
            position["observed"] = snapshot_day
        people[qid].positions.append(position)
        people[qid].sectors.add(sector)
    yield from people.values()


def _title_sector(title: str) -> str | None:
    """The agent a post's title gives, as the pipeline codes a role (`titles` of
    lexicon/actor_codes.yaml, longest first): "Supreme Court Justice" JUD, "Speaker of the
    House" LEG, "Chief of the General Staff" MIL."""
    lowered = title.lower()
    for words, agent in _role_titles():
        if re.search(rf"\b{re.escape(words)}\b", lowered):
            return agent
    return None


@functools.cache
def _role_titles() -> tuple[tuple[str, str], ...]:
    from newsgraph.lexicon.compiled import load_lexicon

    return load_lexicon().actor_codes.titles


def _listed_holders(snap: Snapshot, repo: str, country: str) -> Iterator[Record]:
    seen: dict[tuple[str, str, str], str] = {}  # (qid, title, year) -> last day listed
    people: dict[str, Record] = {}
    log = snap._git("log", "--diff-filter=AMR", "--format=%H %cs", snap.commit, "--",
                    CABINET_FILE).split("\n")  # fmt: skip
    for line in filter(None, log):
        commit, day = line.split()
        for row in csv.DictReader(io.StringIO(snap.read(CABINET_FILE, commit))):
            qid = row.get("wdid") or row.get("item") or ""
            title = _cabinet_title(row)
            if not qid.startswith("Q") or not title or len((row.get("name") or "").split()) < 2:
                continue
            key = (qid, title, day[:4])
            seen[key] = max(seen.get(key, day), day)
            if qid not in people:
                label = row.get("wdLabel") or row.get("enLabel")
                born = (row.get("dob") or "")[: 10 if row.get("dobPrecision") == "11" else 4]
                people[qid] = _cabinet_person(qid, row["name"].strip(), label, born, country,
                                              f"{repo}/{CABINET_FILE}", snap.commit)  # fmt: skip
    for (qid, title, _), day in sorted(seen.items()):
        people[qid].positions.append({"title": title, "organization": None, "country": country,
                                      "sector": "GOV", "start": None, "end": None,
                                      "party": None, "observed": day})  # fmt: skip
        people[qid].sectors.add("GOV")
    yield from people.values()


def _cabinet_title(row: dict[str, str]) -> str | None:
    if row.get("state"):
        return f"Governor of {row['state']}"
    return (row.get("position") or row.get("positionLabel") or "").strip() or None


def _cabinet_person(
    qid: str, name: str, label: str | None, born: str | None, country: str, path: str, commit: str
) -> Record:
    aliases = person_aliases(name) | ({label.strip()} if label and label.strip() else set())
    return Record(id=f"kb:wikidata:{qid}", type="person", name=name, country=country,
                  aliases=aliases, qid=qid, born=born or None,
                  sources=[_source(f"every-politician-scrapers/{path}", qid, commit,
                                   CC0)])  # fmt: skip


# ------------------------------------------------------------------------------------ assemble


UNIVERSITIES = "university-domains-list/world_universities_and_domains.json"


def universities(snap: Snapshot) -> Iterator[Record]:
    """Universities and colleges (EDU), one record per name and country."""
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | {"XK": "XKX"}
    seen: set[str] = set()
    for item in json.loads(snap.read("world_universities_and_domains.json")):
        name = " ".join(str(item.get("name") or "").split())
        country = alpha3.get(str(item.get("alpha_two_code") or "").upper())
        if len(name.split()) < 2 or country is None:
            continue  # a one-word name ("Harvard") is too often something else
        ident = f"{slug(name)}-{country.lower()}"
        if ident in seen:
            continue  # the same name and country listed twice (spelling or punctuation apart)
        seen.add(ident)
        # "University College London, University of London": news names the college alone
        head = name.split(",")[0].strip()
        names = {name, head} if head != name and len(head.split()) >= 2 else {name}
        yield Record(id=f"kb:university:{ident}", type="organization", name=name,
                     country=country, aliases=_with_ascii(names), sectors={"EDU"},
                     sources=[_source(UNIVERSITIES, name, snap.commit, MIT)])  # fmt: skip


# ------------------------------------------------------------------- US federal bodies (.gov)

DOTGOV = "current-federal.csv"
_DOTGOV_SECTORS = {"Federal - Executive": "GOV", "Federal - Legislative": "LEG",
                   "Federal - Judicial": "JUD"}  # fmt: skip
# a part of a body, not a body news names: "Office of the Secretary", "Management Directorate"
_DOTGOV_UNIT = re.compile(r"^(?:Office|Assistant|Division|Directorate)\b|Directorate$|"
                          r"Inspector General|\bSecretary\b|\bStaff$|\bOffice of the\b|"
                          r"'s Office$|\bDivision$")  # fmt: skip
# agents a federal body's name may say it has instead of its branch's ("Secret Service": COP;
# the actor-code word lists, lexicon/actor_codes.yaml)
_NAMED_AGENTS = {"COP", "SPY", "JUD", "MIL", "HLH"}
# names other countries' bodies share: a short form, used where the story names the country
_GENERIC_BODY = re.compile(r"^(?:Department|Office|Bureau|Ministry) of ")
_US_PREFIX = re.compile(r"^(?:U\.S\.|United States) ")


def us_federal_bodies(snap: Snapshot) -> Iterator[Record]:
    """The federal bodies that hold .gov domains (CISA's list): departments, agencies,
    commissions, courts and congressional offices, with the sub-agencies that have domains of
    their own ("Federal Aviation Administration" under the Department of Transportation).
    A name other countries' bodies share ("Department of Energy") is a short form of the
    record "United States Department of Energy"; a domain that spells the name's initials
    gives its abbreviation ("nasa.gov")."""
    from newsgraph.lexicon.compiled import load_lexicon

    lexicon = load_lexicon()
    # "House of Representatives": a form the gazetteer marks as naming several bodies
    shared = {_key(a) for e in lexicon.gazetteer.entries.values() for a in e.ambiguous}
    agents = {w: a for w, a in lexicon.actor_codes.names.items() if a in _NAMED_AGENTS}
    bodies: dict[str, Record] = {}
    for row in csv.DictReader(io.StringIO(snap.read(DOTGOV))):
        sector = _DOTGOV_SECTORS.get(row["Domain type"])
        if sector is None:
            continue
        stem = row["Domain name"].lower().removesuffix(".gov").rsplit(".", 1)[-1]
        top, sub = row["Organization name"].strip(), row["Suborganization name"].strip()
        for name, own_domain in ((top, not sub or sub == top), (sub, True)):
            if _key(name) in shared:
                continue
            agent = _agent_of(name, agents) or sector
            rec = _federal_body(bodies, name, agent, snap.commit, shared)
            if rec is not None and own_domain and _initials(rec.name) == stem.upper():
                rec.abbreviations.add(stem.upper())
    yield from bodies.values()


def _agent_of(name: str, agents: dict[str, str]) -> str | None:
    """The agent the words of a body's name give, longest words first ("Secret Service":
    COP)."""
    lowered = f" {name.lower()} "
    found = [(len(w), a) for w, a in agents.items() if f" {w} " in lowered]
    return max(found)[1] if found else None


def _federal_body(
    bodies: dict[str, Record], raw: str, sector: str, commit: str, shared: set[str]
) -> Record | None:
    name, abbreviations = _without_parenthesis(raw)
    if not name or len(name.split()) < 2 or any(c in name for c in ",/") or " - " in name:
        return None
    if _DOTGOV_UNIT.search(name):
        return None
    short = _US_PREFIX.sub("", name)
    # "Air Force", "Department of Energy": names other countries' bodies share (two words or
    # fewer, or a department's) are short forms of "United States ..."
    generic = bool(_GENERIC_BODY.match(short)) or len(short.split()) <= 2
    shown = f"United States {short}" if generic or short != name else name
    ident = slug(shown)
    rec = bodies.get(ident)
    if rec is None:
        rec = bodies[ident] = Record(
            id=f"kb:dotgov:{ident}", type="organization", name=shown, country="USA",
            sectors={sector},
            sources=[_source(f"dotgov-data/{DOTGOV}", name, commit, CC0)])  # fmt: skip
        if short != name:
            rec.aliases.add(name)  # "U.S. Commission on Civil Rights"
        if short != shown and _key(short) not in shared:
            rec.abbreviations.add(short)  # "Department of Energy", "Tax Court"; not "Senate"
    rec.abbreviations |= abbreviations
    return rec


def _without_parenthesis(raw: str) -> tuple[str, set[str]]:
    """ "Savannah River Nuclear Solutions (SRNS)" -> ("Savannah River Nuclear Solutions",
    {"SRNS"})."""
    found = set(re.findall(r"\(([A-Z][A-Za-z0-9.&-]{1,})\)", raw))
    return " ".join(re.sub(r"\([^)]*\)", " ", raw).split()), found


def _initials(name: str) -> str:
    """ "National Aeronautics and Space Administration" -> "NASA"."""
    words = _US_PREFIX.sub("", name).replace("-", " ").split()
    return "".join(w[0].upper() for w in words if w.lower() not in _MINOR_WORDS)


# ------------------------------------------------------------------------- Phoenix dictionaries

PHOENIX = "petrarch2/data/dictionaries"
PHOENIX_FILES = ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt")
# "ABU_SAYYAF_GROUP_(ASG)_ [PHLREB] # kkl 21 Mar 13": a name, its CAMEO code on the same line
_PHOENIX_ENTRY = re.compile(r"^(?P<name>[^\s+#\[][^\[#]*?)\s*\[(?P<code>[A-Z]+)\]")
_PHOENIX_AGENTS = {"MNC": "BUS"}
SECTORS = set(
    json.loads((OUT.parent / "actor.schema.json").read_text())["$defs"]["sector"]["enum"]
)  # a multinational company is business
_MINOR_WORDS = {"of", "the", "and", "for", "in", "on", "de", "del", "la", "al", "el", "to"}


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
            alias_names |= {b for n in {words, *alias_names} if (b := without_company_suffix(n))}
            cited = _source(f"{PHOENIX}/{filename}", name, snap.commit, MIT)
            yield Record(id=f"kb:phoenix:{ident}", type="organization", name=words,
                         country=country, aliases=_with_ascii(alias_names), sectors=sectors,
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
    titled = [w.lower() if w.lower() in _MINOR_WORDS and i else w.capitalize()
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
    titles = lexicon.titles
    # an alias with a title ("President Putin") or a body's word ("Obama Administration") in it
    # is no name of the person alone
    not_names = {w for t in (*titles.offices, *titles.ranks, *titles.qualifiers)
                 for w in t.lower().split()} | {"mr", "mr.", "mrs", "mrs.", "ex"}  # fmt: skip
    not_names |= {w for w in lexicon.actor_codes.names if " " not in w}
    countries = _iso_codes()
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
        cited = _source(f"{PHOENIX}/{PHOENIX_PEOPLE}", head, snap.commit, MIT)
        ident = f"kb:phoenix:{country}:{slug(name)}"
        known = people.get(ident)
        if known is not None:
            known.aliases |= _with_ascii(names)
            known.positions = _unique(known.positions + positions)
            known.sectors |= sectors
            continue
        people[ident] = Record(id=ident, type="person", name=name, country=country,
                               aliases=_with_ascii(names), sectors=sectors,
                               positions=_unique(positions), sources=[cited])  # fmt: skip
    yield from people.values()


def _iso_codes() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


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


def _unique(positions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in positions:
        if p not in out:
            out.append(p)
    return out


def build(
    congress: Path,
    partyfacts: Path,
    cia: Path,
    wikidata: Path,
    universities_git: Path,
    phoenix: Path,
    dotgov: Path,
    mirror: Path,
) -> list[dict[str, Any]]:
    us, pf = Snapshot(congress), Snapshot(partyfacts)
    party_records = list(parties(pf))
    party_names = {r.id.rsplit(":", 1)[1]: r.name for r in party_records}
    records = [*wikidata_leaders(Snapshot(wikidata)), *cabinet_members(mirror), *us_people(us),
               *us_committees(us),
               *parliamentarians(pf, party_names), *cia_leaders(Snapshot(cia)), *leaders(pf),
               *party_records, *universities(Snapshot(universities_git)),
               *phoenix_organisations(Snapshot(phoenix)),
               *phoenix_people(Snapshot(phoenix)),
               *us_federal_bodies(Snapshot(dotgov))]  # fmt: skip
    merged = _merge_by_name(_merge_by_qid(records))
    return sorted((r.as_json() for r in merged), key=lambda r: r["id"])


def _merge_by_qid(records: list[Record]) -> list[Record]:
    """Records of one Wikidata item are one actor, whichever source named them first."""
    by_qid: dict[str, Record] = {}
    out = []
    for rec in records:
        if rec.qid and rec.qid in by_qid:
            kept = by_qid[rec.qid]
            kept.aliases |= rec.aliases | {rec.name}
            kept.positions.extend(p for p in rec.positions if p not in kept.positions)
            kept.sectors |= rec.sectors
            kept.sources.extend(rec.sources)
            continue
        if rec.qid:
            by_qid[rec.qid] = rec
        out.append(rec)
    return out


def _merge_by_name(records: list[Record]) -> list[Record]:
    """People of one country whose names or aliases coincide are one person (the same minister
    in the CIA directory and in Wikidata); the earlier source's record is kept. Organisations
    are left apart: parties of one country can share a name across decades."""
    kept: dict[tuple[str | None, str], Record] = {}
    out = []
    for rec in records:
        # sorted: which earlier record a name finds first must not depend on hash order
        keys = [(rec.country, k) for k in sorted({_key(n) for n in {rec.name} | rec.aliases})]
        known = next((kept[k] for k in keys if k in kept), None) if rec.type == "person" else None
        if known is not None and _datasets(known) & _datasets(rec):
            known = None  # two namesakes in one source are two people
        if known is None:
            out.append(rec)
            for key in keys:
                kept.setdefault(key, rec)
            continue
        known.aliases |= rec.aliases | {rec.name}
        known.positions.extend(p for p in rec.positions if p not in known.positions)
        known.sectors |= rec.sectors
        known.sources.extend(rec.sources)
        known.qid = known.qid or rec.qid
        known.born = known.born or rec.born
    return out


def _datasets(rec: Record) -> set[str]:
    return {s["dataset"] for s in rec.sources}


def _key(name: str) -> str:
    """A name's merge key: no diacritics, case-folded, each given name in its canonical form
    (lexicon transliterations: "Yevgeniy Zinichev" and "Yevgeny Zinichev" are one key)."""
    words = _ascii(name).casefold().split()
    given = _given_names()
    return " ".join(given.get(w, w) if i < len(words) - 1 else w for i, w in enumerate(words))


@functools.cache
def _given_names() -> dict[str, str]:
    from newsgraph.lexicon.compiled import load_lexicon

    return load_lexicon().given_names


def write(records: list[dict[str, Any]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    with out.open("wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw.encode())


def summary(records: list[dict[str, Any]]) -> str:
    kinds = Counter(r["type"] for r in records)
    sectors = Counter((r["type"], s) for r in records for s in r["sectors"])
    datasets: Counter[str] = Counter()
    for r in records:
        for d in {s["dataset"] for s in r["sources"]}:
            datasets[d] += 1
    countries = len({r["country"] for r in records if r["country"]})
    lines = [f"{len(records)} records: " + ", ".join(f"{n} {k}s" for k, n in sorted(kinds.items())),
             f"{countries} countries"]  # fmt: skip
    lines += [f"  {k} {s}: {n}" for (k, s), n in sorted(sectors.items())]
    lines += [f"  {d}: {n}" for d, n in sorted(datasets.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--congress", type=Path, required=True,
                        help="bare git dir of unitedstates/congress-legislators")  # fmt: skip
    parser.add_argument("--partyfacts", type=Path, required=True,
                        help="bare git dir of hdigital/partyfactsdata")  # fmt: skip
    parser.add_argument("--cia", type=Path, required=True,
                        help="bare git dir of WilliamRADFunk/cia-world-leaders")  # fmt: skip
    parser.add_argument(
        "--wikidata",
        type=Path,
        required=True,
        help="bare git dir of every-politician-scrapers/world-leaders-2021",
    )
    parser.add_argument("--universities", type=Path, required=True,
                        help="bare git dir of Hipo/university-domains-list")  # fmt: skip
    parser.add_argument("--phoenix", type=Path, required=True,
                        help="bare git dir of openeventdata/petrarch2")  # fmt: skip
    parser.add_argument("--dotgov", type=Path, required=True,
                        help="bare git dir of cisagov/dotgov-data")  # fmt: skip
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"),
                        help="folder holding every-politician-scrapers+NAME/repo for each "
                             "repository in scripts/cabinet_repos.txt")  # fmt: skip
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    records = build(args.congress, args.partyfacts, args.cia, args.wikidata, args.universities,
                    args.phoenix, args.dotgov, args.mirror)  # fmt: skip
    write(records, args.out)
    print(summary(records))
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
