"""The US federal bodies that hold .gov domains (cisagov/dotgov-data, CC0)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from actorkb.common import (
    CC0,
    MINOR_WORDS,
    Record,
    Snapshot,
    agent_of,
    merge_key,
    slug,
    source_of,
)

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
    shared = {merge_key(a) for e in lexicon.gazetteer.entries.values() for a in e.ambiguous}
    agents = {w: a for w, a in lexicon.actor_codes.names.items() if a in _NAMED_AGENTS}
    bodies: dict[str, Record] = {}
    for row in csv.DictReader(io.StringIO(snap.read(DOTGOV))):
        sector = _DOTGOV_SECTORS.get(row["Domain type"])
        if sector is None:
            continue
        stem = row["Domain name"].lower().removesuffix(".gov").rsplit(".", 1)[-1]
        top, sub = row["Organization name"].strip(), row["Suborganization name"].strip()
        for name, own_domain in ((top, not sub or sub == top), (sub, True)):
            if merge_key(name) in shared:
                continue
            agent = agent_of(name, agents) or sector
            rec = _federal_body(bodies, name, agent, snap.commit, shared)
            if rec is not None and own_domain and _initials(rec.name) == stem.upper():
                rec.abbreviations.add(stem.upper())
    yield from bodies.values()


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
            sources=[source_of(f"dotgov-data/{DOTGOV}", name, commit, CC0)])  # fmt: skip
        if short != name:
            rec.aliases.add(name)  # "U.S. Commission on Civil Rights"
        if short != shown and merge_key(short) not in shared:
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
    return "".join(w[0].upper() for w in words if w.lower() not in MINOR_WORDS)
