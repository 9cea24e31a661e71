"""US federal judges: the Federal Judicial Center's Biographical Directory of Article III
Federal Judges (a US Government work, public domain), as exported to CSV in the
`jordangalvin05/federal-judges` repository (`demos.csv`: names and dates of birth and death;
`federal-judicial-service.csv`: one row per appointment, with court, title, commission and
termination dates).

Every judge who served after 1990 and was alive in 2010 is kept: the justices of the Supreme
Court, the judges of the courts of appeals, the district courts and the other Article III
courts, each appointment a dated position (JUD, the court as its organisation). A judge is
named in full, with the middle name or its initial ("Amy Berman Jackson", "John G. Roberts"),
or by the name the directory marks as used ("[Elton] Joe Kendall" went by Joe Kendall,
"J[ackson] Leroy Adair" by J. Leroy Adair). First and last name alone is a form only of a
judge who has no middle name ("Victor Marrero"): "Carlos Mendoza" and "John Kelly" are judges'
short forms too, and far more often someone else.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator

from actorkb.common import PUBLIC_DOMAIN, Record, Snapshot, source_of, with_ascii

DATASET = "federal-judges (Federal Judicial Center)"
# a judge whose service ended before this is history, not news
SINCE = "1990-01-01"
# nor is a judge who died before this
ALIVE_IN = 2010
# the export's day: a post still open then counts as held until a year after it
OBSERVED = "2023-07-25"
_BRACKETED = re.compile(r"\[([^\]]*)\]")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def federal_judges(snap: Snapshot) -> Iterator[Record]:
    """One record per judge who served after SINCE, each appointment a dated position."""
    service: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _rows(snap, "federal-judicial-service.csv"):
        service[row["nid"]].append(row)
    for person in _rows(snap, "demos.csv"):
        positions = [_position(row) for row in service.get(person["nid"], [])]
        positions = [p for p in positions if p["start"]]
        if not positions or not any(_serving_since(p) for p in positions):
            continue
        if person["DeathYear"].strip() and int(person["DeathYear"]) < ALIVE_IN:
            continue
        name, aliases = _names(person)
        yield Record(id=f"kb:usfjc:{person['nid']}", type="person", name=name, country="USA",
                     aliases=with_ascii(aliases), sectors={"JUD"}, positions=positions,
                     born=person["BirthYear"].strip() or None,
                     sources=[source_of(f"{DATASET}/demos.csv", person["nid"], snap.commit,
                                        PUBLIC_DOMAIN)])  # fmt: skip


def _rows(snap: Snapshot, path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(snap.read(path))))


def _position(row: dict[str, str]) -> dict[str, object]:
    end = _iso(row["Termination Date"])
    position: dict[str, object] = {
        "title": _title(row), "organization": row["CourtName"].strip() or None,
        "country": "USA", "sector": "JUD", "start": _iso(row["CommissionDate"]), "end": end,
        "party": None,
    }  # fmt: skip
    if end is None:
        position["observed"] = OBSERVED
    return position


def _title(row: dict[str, str]) -> str:
    title = row["AppointmentTitle"].strip() or "Judge"
    if row["CourtType"] != "Supreme Court":
        return title  # "Judge": the court is the position's organisation
    return (
        "Chief Justice of the United States"
        if title == "Chief Justice"
        else "Supreme Court Justice"
    )


def _serving_since(position: dict[str, object]) -> bool:
    end = position["end"]
    return end is None or str(end) >= SINCE


def _iso(text: str) -> str | None:
    """ "3/23/2012" or "1880-01-14" as an ISO date; None when empty."""
    text = text.strip()
    found = _US_DATE.match(text)
    if found:
        month, day, year = found.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text if re.match(r"^\d{4}-\d{2}-\d{2}$", text) else None


def _names(person: dict[str, str]) -> tuple[str, set[str]]:
    """The full name and the forms news uses: first and last; first, middle initial and last;
    the name the directory marks as used; each with the suffix ("Jr.") and without."""
    first_full, first_used = _two_forms(person["FirstName"])
    middle_full, middle_used = _two_forms(person["MiddleName"])
    last = " ".join(person["LastName"].split())
    suffix = person["Suffix"].strip()
    full = " ".join(w for w in (first_full, middle_full, last) if w)
    forms = {full, " ".join(w for w in (first_used, middle_used, last) if w)}
    if first_full and len(first_full) > 2 and middle_full[:1].isalpha():
        forms.add(f"{first_full} {middle_full[0]}. {last}")
    if suffix:
        forms |= {f"{f} {suffix}" for f in forms}
    return full, {f for f in forms if len(f.split()) >= 2}


def _two_forms(text: str) -> tuple[str, str]:
    """A directory name part in full and as used: "J[ackson]" is Jackson, used as "J.";
    "[Elton]" is Elton, not used."""
    text = " ".join(text.split())
    full = _BRACKETED.sub(r"\1", text)
    used = _BRACKETED.sub("", text).strip()
    if used and used != full and len(used) == 1:
        used += "."
    return full, used
