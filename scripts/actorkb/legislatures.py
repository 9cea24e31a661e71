"""Members of national legislatures as Wikidata listed them (every-politician-scrapers
legislature repositories, `wikidata/results/current-members.csv`; Wikidata, CC0 1.0): people
news quotes out of cabinet, such as opposition leaders ("Rahul Gandhi")."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from actorkb.common import CC0, Record, Snapshot, person_aliases, source_of

MEMBERS_FILE = "wikidata/results/current-members.csv"

# repository -> (country, chamber): the legislatures whose scrapers keep the Wikidata list
LEGISLATURES = {
    "india-lok-sabha": ("IND", "Lok Sabha"),
    "canada-house-of-commons": ("CAN", "House of Commons of Canada"),
    "armenia-national-assembly": ("ARM", "National Assembly of Armenia"),
    "cyprus-representatives": ("CYP", "House of Representatives of Cyprus"),
    "iceland-althing": ("ISL", "Althing"),
    "latvia-saeima": ("LVA", "Saeima"),
    "luxembourg-deputes": ("LUX", "Chamber of Deputies of Luxembourg"),
    "slovenia-national-assembly": ("SVN", "National Assembly of Slovenia"),
}


def legislature_members(mirror: Path) -> Iterator[Record]:
    """Each listed member with a post "Member of <chamber>" observed on the snapshot's day
    (held within a year of it; the lists carry no term dates). Names the scrapers took from an
    official site ("Gandhi, Smt. Sonia") are left out: they are no name news writes."""
    for repo, (country, chamber) in LEGISLATURES.items():
        git_dir = mirror / f"every-politician-scrapers+{repo}" / "repo"
        if not git_dir.exists():
            raise SystemExit(f"{git_dir} is missing: fetch github:every-politician-scrapers/{repo}")
        snap = Snapshot(git_dir)
        day = snap._git("log", "-1", "--format=%cs", snap.commit).strip()
        for row in csv.DictReader(io.StringIO(snap.read(MEMBERS_FILE))):
            qid, name = row["item"], " ".join(row["name"].split())
            if not qid.startswith("Q") or not _as_news_writes_it(name):
                continue
            born = (row.get("dob") or "")[: 10 if row.get("dobPrecision") == "11" else 4]
            position = {"title": f"Member of the {chamber}", "organization": chamber,
                        "country": country, "sector": "LEG", "start": None, "end": None,
                        "party": _party(row), "observed": day}  # fmt: skip
            yield Record(id=f"kb:wikidata:{qid}", type="person", name=name, country=country,
                         aliases=person_aliases(name), qid=qid, born=born or None,
                         sectors={"LEG"}, positions=[position],
                         sources=[source_of(f"every-politician-scrapers/{repo}/{MEMBERS_FILE}",
                                            qid, snap.commit, CC0)])  # fmt: skip


def _as_news_writes_it(name: str) -> bool:
    """Two words or more, neither "Gandhi, Smt. Sonia" nor "NIKOLAOU Marina" (an official
    site's forms some scrapers keep)."""
    words = name.split()
    return (
        len(words) >= 2 and "," not in name and not any(len(w) > 2 and w.isupper() for w in words)
    )


def _party(row: dict[str, str]) -> str | None:
    """The party's name: the scrapers put it under `party`, `group` or `groupLabel`, some
    beside its Wikidata id."""
    for value in (row.get("party"), row.get("groupLabel"), row.get("group")):
        if value and not value.startswith("Q"):
            return value.strip()
    return None
