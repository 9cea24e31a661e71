"""Build the shipped actor knowledge base from open data snapshots.

Writes `src/newsgraph/lexicon/actors/actors.jsonl.gz`: one JSON record per person or
organisation (schema: `src/newsgraph/lexicon/actors/actor.schema.json`), sorted by id, with the
gzip timestamp fixed, so a re-run on the same snapshots gives the same bytes.

Sources (each record names its dataset, source record id, snapshot commit and licence):

- `unitedstates/congress-legislators` (CC0 1.0): every member of the US Congress since 1789
  (`legislators-historical.csv` and `legislators-current.yaml`, the latter with every term's
  dates; members who left since 2013 take their dated terms from the quarterly versions of
  `legislators-current.yaml` in the repository's history, their last term ending no later than
  the first version that no longer lists them), the presidents and vice presidents
  (`executive.yaml`), and the committees of the House and the Senate
  (`committees-current.yaml`, `committees-historical.yaml`).
- `hdigital/partyfactsdata` (MIT; the Party Facts data import repository): the Party Facts core
  parties (about 5,500 parties of 216 countries with English and native names, abbreviations
  and years active, the largest national vote share, and Wikidata ids and English labels where
  linked; one-word English translations that are words of the language, by the pinned English
  model's word index, become abbreviations); the members of nine parliaments who speak in
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
  (Wikidata, CC0 1.0): every holder of each of 185 countries' cabinet posts (and Scotland's
  and Wales's) since 2000 with dates (`html/holders21.csv`), and the US governors
  (`us-governors`, every version of `data/wikidata.csv`).
- the `every-politician-scrapers` legislature repositories named in
  `scripts/actorkb/legislatures.py` (Wikidata, CC0 1.0): the members of eight national
  legislatures as listed in 2022-2023 (`wikidata/results/current-members.csv`).
- `ror-community/ror-records` (the Research Organization Registry's data, CC0 1.0): the
  latest release of each record the repository holds (about 51,000 bodies added or changed
  since 2022): research institutes, universities, hospitals, funders, government agencies and
  companies of about 220 countries, with the acronyms the registry lists.
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
    fetch github:ror-community/ror-records
    for r in $(cat scripts/cabinet_repos.txt); do fetch github:every-politician-scrapers/$r; done
    for r in india-lok-sabha canada-house-of-commons armenia-national-assembly \
        cyprus-representatives \
        iceland-althing latvia-saeima luxembourg-deputes slovenia-national-assembly; do
        fetch github:every-politician-scrapers/$r; done
    python scripts/build_actor_kb.py \
        --congress /work/.mirror/unitedstates+congress-legislators/repo \
        --partyfacts /work/.mirror/hdigital+partyfactsdata/repo \
        --cia /work/.mirror/WilliamRADFunk+cia-world-leaders/repo \
        --wikidata /work/.mirror/every-politician-scrapers+world-leaders-2021/repo \
        --universities /work/.mirror/Hipo+university-domains-list/repo \
        --phoenix /work/.mirror/openeventdata+petrarch2/repo/.git \
        --dotgov /work/.mirror/cisagov+dotgov-data/repo \
        --ror /work/.mirror/ror-community+ror-records/repo \
        --mirror /work/.mirror

Each source is a module of `scripts/actorkb/` (`common.py` holds the record, the snapshot
reader and the name keys); this script assembles, merges and writes. The US federal judges
are a second file, `us_judges.jsonl.gz`, built against this one by `scripts/build_us_judges.py`:
rebuild it after this file changes. Nothing here runs at
extraction time; the package reads only the file this writes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from actorkb.cia import cia_leaders
from actorkb.common import OUT, Record, Snapshot, merge_key
from actorkb.congress import us_committees, us_people
from actorkb.dotgov import us_federal_bodies
from actorkb.legislatures import legislature_members
from actorkb.partyfacts import leaders, parliamentarians, parties
from actorkb.phoenix import phoenix_organisations, phoenix_people
from actorkb.ror import ROR, registry_bodies
from actorkb.universities import universities
from actorkb.wikidata import cabinet_members, wikidata_leaders


def build(
    congress: Path,
    partyfacts: Path,
    cia: Path,
    wikidata: Path,
    universities_git: Path,
    phoenix: Path,
    dotgov: Path,
    mirror: Path,
    ror: Path,
) -> list[dict[str, Any]]:
    us, pf = Snapshot(congress), Snapshot(partyfacts)
    party_records = list(parties(pf))
    party_names = {r.id.rsplit(":", 1)[1]: r.name for r in party_records}
    records = [*wikidata_leaders(Snapshot(wikidata)), *cabinet_members(mirror),
               *legislature_members(mirror), *us_people(us),
               *us_committees(us),
               *parliamentarians(pf, party_names), *cia_leaders(Snapshot(cia)), *leaders(pf),
               *party_records, *universities(Snapshot(universities_git)),
               *phoenix_organisations(Snapshot(phoenix)),
               *phoenix_people(Snapshot(phoenix)),
               *us_federal_bodies(Snapshot(dotgov)), *registry_bodies(Snapshot(ror))]  # fmt: skip
    merged = _registry_acronyms_yield(_fold_registry(_merge_by_name(_merge_by_qid(records))))
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
        keys = [(rec.country, k) for k in sorted({merge_key(n) for n in {rec.name} | rec.aliases})]
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


def _fold_registry(records: list[Record]) -> list[Record]:
    """A registry body that another source lists under the same name and country (a
    university in both university lists) is that source's record, citing the registry too."""
    kept: dict[tuple[str | None, str], Record] = {}
    for rec in records:
        if rec.type == "organization" and ROR not in _datasets(rec):
            for name in sorted({rec.name} | rec.aliases):
                kept.setdefault((rec.country, merge_key(name)), rec)
    out = []
    for rec in records:
        if ROR not in _datasets(rec) or len(rec.sources) > 1:
            out.append(rec)
            continue
        keys = [(rec.country, merge_key(n)) for n in sorted({rec.name} | rec.aliases)]
        known = next((kept[k] for k in keys if k in kept), None)
        if known is None:
            out.append(rec)
            continue
        known.aliases |= rec.aliases | {rec.name}
        known.sources.extend(rec.sources)
        known.qid = known.qid or rec.qid
        known.sectors = known.sectors or rec.sectors
    return out


def _registry_acronyms_yield(records: list[Record]) -> list[Record]:
    """An acronym the registry gives a body that another source's body goes by, as a listed
    abbreviation or as the initials the index derives for it, stays that body's: the registry
    lists "NASA" for the agency's headquarters building too."""
    from newsgraph.lexicon.actor_kb import name_initials

    taken: set[str] = set()
    for rec in records:
        if rec.type != "organization" or ROR in _datasets(rec):
            continue
        taken |= rec.abbreviations
        initials = None if rec.abbreviations else name_initials(rec.name)
        taken |= {initials} if initials else set()
    for rec in records:
        if ROR in _datasets(rec) and len(rec.sources) == 1:
            rec.abbreviations -= taken
    return records


def _datasets(rec: Record) -> set[str]:
    return {s["dataset"] for s in rec.sources}


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
    parser.add_argument("--ror", type=Path, required=True,
                        help="bare git dir of ror-community/ror-records")  # fmt: skip
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"),
                        help="folder holding every-politician-scrapers+NAME/repo for each "
                             "repository in scripts/cabinet_repos.txt")  # fmt: skip
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    records = build(args.congress, args.partyfacts, args.cia, args.wikidata, args.universities,
                    args.phoenix, args.dotgov, args.mirror, args.ror)  # fmt: skip
    write(records, args.out)
    print(summary(records))
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
