"""Research, health, government, business and nonprofit bodies of the Research Organization
Registry (ror-community/ror-records; ROR's data is CC0 1.0, the repository's code MIT)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from actorkb.common import CC0, MINOR_WORDS, Record, Snapshot, agent_of, source_of, with_ascii

ROR = "ror-records"

# ROR's kinds of body, most telling first, as CAMEO agents: a research facility or a funder
# is coded as academia or a nonprofit; an archive has no agent of its own
_KIND_SECTORS = (("government", "GOV"), ("healthcare", "HLH"), ("education", "EDU"),
                 ("company", "BUS"), ("nonprofit", "NGO"), ("facility", "EDU"),
                 ("funder", "NGO"))  # fmt: skip

# agents a government body's name may say it has instead ("National Police Agency": COP)
_NAMED_AGENTS = {"COP", "SPY", "JUD", "MIL", "HLH"}

# bodies the registry files under the country of their seat that CAMEO codes as international
# ("European Space Agency" in France): left to the gazetteer's IGOs
_INTERNATIONAL = re.compile(
    r"^(?:The )?(?:International|European|World|Global|Inter-|Pan[- ]|Asian|African|Arab|"
    r"Nordic|Commonwealth|United Nations|Organi[sz]ation (?:of|for))|\bUnited Nations\b"
)

# a word in the names of this many countries' bodies says what a body is, not which one
_GENERIC_SPREAD = 8


def registry_bodies(snap: Snapshot) -> Iterator[Record]:
    """The registry's active bodies with a name of two words or more that is not generic: a
    name made only of words that bodies of many countries use ("State Government", "Ministry
    of Health", "National Museum") names no one body and is left out."""
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | {"XK": "XKX"}
    from newsgraph.lexicon.compiled import load_lexicon

    names = load_lexicon().actor_codes.names
    agents = {w: a for w, a in names.items() if a in _NAMED_AGENTS}
    bodies = [b for raw in _latest(snap) if (b := _body(raw, alpha3)) is not None]
    generic = _generic_words(bodies)
    for ident, country, forms, acronyms, kinds, qid, founded in bodies:
        kept = [n for n in forms if not _is_generic(n, generic)]
        if not kept:
            continue
        sector = _sector(kinds, kept[0], agents)
        # the registry lists the acronyms a body goes by: none is derived from its initials
        yield Record(id=f"kb:ror:{ident}", type="organization", name=kept[0], country=country,
                     aliases=with_ascii(set(kept)), sectors={sector} if sector else set(),
                     qid=qid, active={"start": founded} if founded else {},
                     abbreviations=acronyms, lists_abbreviations=True,
                     sources=[source_of(ROR, ident, snap.commit, CC0)])  # fmt: skip


_Body = tuple[str, str, list[str], set[str], list[str], str | None, str | None]

# an acronym as news writes it: capitals, digits and "&" ("CNRS", "A*STAR" is left out)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,9}")


def _latest(snap: Snapshot) -> Iterator[dict[str, Any]]:
    """Each record as its latest release gives it: the repository holds one folder per
    release ("v1.54/", "v2.9/") of the records that release added or changed."""
    latest: dict[str, tuple[tuple[int, ...], str]] = {}
    for path in snap.paths():
        match = re.fullmatch(r"v([0-9.]+)/([a-z0-9]+)\.json", path)
        if match is None:
            continue
        version = tuple(int(x) for x in match.group(1).split(".") if x)
        if match.group(2) not in latest or latest[match.group(2)][0] < version:
            latest[match.group(2)] = (version, path)
    paths = sorted(path for _, path in latest.values())
    for _path, data in snap.read_many(paths):
        yield json.loads(data)


def _body(raw: dict[str, Any], alpha3: dict[str, str]) -> _Body | None:
    """(id, country, names, acronyms, kinds, Wikidata id, year founded) of an active record, in
    either of the registry's two schemas (v1 until 2024, v2 since)."""
    if raw.get("status") != "active":
        return None
    ident = str(raw["id"]).rsplit("/", 1)[-1]
    if "names" in raw:  # schema v2
        shown = [n["value"] for n in raw["names"] if "ror_display" in n["types"]]
        others = [n["value"] for n in raw["names"]
                  if "acronym" not in n["types"] and "ror_display" not in n["types"]]  # fmt: skip
        short = [n["value"] for n in raw["names"] if "acronym" in n["types"]]
        locations = raw.get("locations") or [{}]
        code = (locations[0].get("geonames_details") or {}).get("country_code")
        wikidata = [x for x in raw.get("external_ids") or [] if x.get("type") == "wikidata"]
        qids = wikidata[0].get("all", []) if wikidata else []
    else:
        shown = [raw["name"]]
        others = list(raw.get("aliases") or []) + [x["label"] for x in raw.get("labels") or []]
        short = list(raw.get("acronyms") or [])
        code = (raw.get("country") or {}).get("country_code")
        qids = ((raw.get("external_ids") or {}).get("Wikidata") or {}).get("all") or []
    country = alpha3.get(str(code or "").upper())
    forms = _forms([*shown, *others])
    if country is None or not forms or any(_INTERNATIONAL.search(n) for n in forms):
        return None
    qid = qids[0] if isinstance(qids, list) and qids else None
    founded = str(raw["established"]) if raw.get("established") else None
    kinds = [str(t).lower() for t in raw.get("types") or []]
    acronyms = {a for a in short if _ACRONYM.fullmatch(a)}
    return ident, country, forms, acronyms, kinds, qid, founded


def _forms(raw_names: list[str]) -> list[str]:
    """Names of two words or more, without the registry's bracketed country or acronym
    ("Siemens Healthineers (Germany)" -> "Siemens Healthineers"), first one first."""
    out: list[str] = []
    for raw in raw_names:
        name = " ".join(re.sub(r"\([^)]*\)", " ", raw.replace("\xad", "")).split()).strip(" ,-")
        if len(name.split()) >= 2 and name not in out:
            out.append(name)
    return out


def _words(name: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", name.casefold())


def _generic_words(bodies: list[_Body]) -> frozenset[str]:
    countries: dict[str, set[str]] = defaultdict(set)
    for _ident, country, forms, *_ in bodies:
        for word in {w for n in forms for w in _words(n)}:
            countries[word].add(country)
    return frozenset(w for w, cs in countries.items() if len(cs) >= _GENERIC_SPREAD)


def _is_generic(name: str, generic: frozenset[str]) -> bool:
    return all(w in generic or w in MINOR_WORDS for w in _words(name))


def _sector(kinds: list[str], name: str, agents: dict[str, str]) -> str | None:
    sector = next((code for kind, code in _KIND_SECTORS if kind in kinds), None)
    if sector == "GOV":
        return agent_of(name, agents) or sector
    return sector
