"""Wikidata via the every-politician scrapers (CC0): heads of state and government
(world-leaders-2021) and every holder of each country's cabinet posts since 2000."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from actorkb.common import CC0, Record, Snapshot, iso3, person_aliases, source_of, title_sector


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
                sources=[source_of("world-leaders-2021/wikidata.csv", qid, snap.commit, CC0)],
            )
        title = re.sub(r"\s+of\s+(the\s+)?" + re.escape(row["country"]) + "$", "",
                       row["positionLabel"]).strip()  # fmt: skip
        position = {"title": title, "organization": f"Government of {row['country']}",
                    "country": country, "sector": "GOV", "start": row["start_year"] or None,
                    "end": row["end_year"] or None, "party": None}  # fmt: skip
        if position not in rec.positions:
            rec.positions.append(position)
    yield from people.values()


CABINET_LIST = Path(__file__).resolve().parents[1] / "cabinet_repos.txt"

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
                    "timor-leste": "TLS",
                    # devolved governments: their ministers are the United Kingdom's actors
                    "scotland": "GBR", "wales": "GBR"}  # fmt: skip

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
        sector = title_sector(title) or "GOV"
        position = {"title": title, "organization": None, "country": country, "sector": sector,
                    "start": row["start"] or None, "end": row["end"] or None,
                    "party": None}  # fmt: skip
        if position["start"] and not position["end"]:
            position["observed"] = snapshot_day
        people[qid].positions.append(position)
        people[qid].sectors.add(sector)
    yield from people.values()


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
                  sources=[source_of(f"every-politician-scrapers/{path}", qid, commit,
                                   CC0)])  # fmt: skip
