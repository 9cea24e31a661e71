"""The CIA directory of world leaders and cabinet members (WilliamRADFunk/cia-world-leaders,
public domain), as of mid-2019."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator

from actorkb.common import PUBLIC_DOMAIN, Record, Snapshot, cite_in, clean_name, iso3, person_of

CIA_DATE = "2019-06-04"  # the directory as the snapshot scraped it (its files' dates)

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


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
            rec = person_of(people, "cia", country, name, first_two=True)
            cite_in(rec, "cia-world-leaders/government-offices.json", snap.commit, PUBLIC_DOMAIN)
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
    return clean_name(" ".join(words))
