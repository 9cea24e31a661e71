"""The US Congress and executive (unitedstates/congress-legislators, CC0): members since
1789, presidents and vice presidents, and the committees of the House and the Senate."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from actorkb.common import CC0, Record, Snapshot, merge_key, slug, source_of, with_ascii

US_CHAMBERS = {
    "sen": ("Senator", "United States Senate"),
    "rep": ("Representative", "United States House of Representatives"),
    "prez": ("President", "Government of the United States"),
    "viceprez": ("Vice President", "Government of the United States"),
}


def us_people(snap: Snapshot) -> Iterator[Record]:
    pages = snap.commit_of("gh-pages")
    people: dict[str, Record] = {}
    for row in csv.DictReader(io.StringIO(snap.read("legislators-historical.csv", pages))):
        rec = _us_historical(row, pages)
        people[rec.id] = rec
    for ident, rec in _past_members(snap).items():
        if ident in people:  # the CSV's last term is undated; the older file dates every term
            listed = people[ident]
            rec.born = rec.born or listed.born
            # the CSV stays a source: a namesake in it is another person, not this one
            rec.sources.extend(listed.sources)
            people[ident] = rec
    current = yaml.load(snap.read("legislators-current.yaml"), Loader=_LOADER)
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


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# the first quarter whose `legislators-current.yaml` the repository holds
_HISTORY_START = 2013
# a day's start in UTC: git reads a bare date in --before and --since as that day at the
# current time of day, so a build would pick other versions at another hour
_MIDNIGHT = " 00:00:00 +0000"


def _past_members(snap: Snapshot) -> dict[str, Record]:
    """Members who left Congress since 2013, with every term dated: the historical CSV gives
    only a last term without dates, but each quarter's version of `legislators-current.yaml`
    in the repository's history dates every term of the members it lists. A member's record
    comes from the last version that lists them; their last term ends no later than the first
    version that no longer does (the file gives the scheduled end of a term they left early)."""
    found: dict[str, Record] = {}
    for commit in _quarterly_versions(snap):
        for item in yaml.load(snap.read("legislators-current.yaml", commit), Loader=_LOADER):
            rec = _us_yaml(item, "congress-legislators/legislators-current.yaml", commit)
            found[rec.id] = rec
    gone, listed = _departures(snap)
    past = {}
    for ident, rec in found.items():
        if ident in listed:
            continue  # still serving: the newest file has them
        left = gone.get(ident)
        if left and rec.positions:
            last = max(rec.positions, key=lambda p: str(p["start"]))
            last["end"] = min(str(last["end"]), left) if last["end"] else left
        past[ident] = rec
    return past


_BIOGUIDE = re.compile(rb"bioguide: (\w+)")


def _departures(snap: Snapshot) -> tuple[dict[str, str], set[str]]:
    """The day of the first version of `legislators-current.yaml` (every version since 2013)
    that no longer lists each member who left, and the members the last version lists."""
    log = snap._git("log", "--reverse", "--format=%H %ad", "--date=short",
                    f"--since={_HISTORY_START}-01-01{_MIDNIGHT}", snap.commit, "--",
                    "legislators-current.yaml").split()  # fmt: skip
    days = dict(zip(log[::2], log[1::2], strict=True))
    gone: dict[str, str] = {}
    listed: set[str] = set()
    for commit, data in snap.read_many(["legislators-current.yaml"], commits=days):
        now = {f"kb:uscongress:{m.decode()}" for m in _BIOGUIDE.findall(data)}
        for ident in listed - now:
            gone.setdefault(ident, days[commit])
        for ident in now:
            gone.pop(ident, None)
        listed = now
    return gone, listed


def _quarterly_versions(snap: Snapshot) -> list[str]:
    """The commits of the versions of `legislators-current.yaml` on the first day of each
    quarter since 2013, up to the snapshot's commit."""
    out = []
    last_year = int(snap._git("log", "-1", "--format=%ad", "--date=format:%Y", snap.commit))
    for year in range(_HISTORY_START, last_year + 1):
        for month in ("01", "04", "07", "10"):
            day = f"{year}-{month}-01{_MIDNIGHT}"
            commit = snap._git("log", "-1", "--format=%H", f"--before={day}", snap.commit,
                               "--", "legislators-current.yaml").strip()  # fmt: skip
            if commit and (not out or out[-1] != commit):
                out.append(commit)
    return out


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
            keys = {merge_key(n) for n in {name} | forms}
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
                         sources=[source_of(f"congress-legislators/{path}",
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
                  aliases=with_ascii(aliases), sectors={"LEG"}, positions=[position],
                  born=row["birthday"] or None,
                  sources=[source_of("congress-legislators/legislators-historical.csv", ident,
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
                  aliases=with_ascii(aliases), sectors={p["sector"] for p in positions},
                  positions=positions, qid=ids.get("wikidata"), born=str(born) if born else None,
                  sources=[source_of(dataset, ident, commit, CC0)])  # fmt: skip


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
