"""Party Facts (hdigital/partyfactsdata, MIT): core parties, the members of nine parliaments
who speak in ParlSpeech, and the first office-holders of each party (WhoGov, CHISOLS)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from actorkb.common import (
    MILITARY_TITLE,
    MIT,
    Record,
    Snapshot,
    cite_in,
    clean_name,
    english_words,
    person_of,
    source_of,
    with_ascii,
)

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

# Party Facts' mark for a bloc or list of candidates that was no party
_NO_PARTY = "[no-party]"

# "1975 Mohammad Daud Khan (President)": the first office-holder of a party, as the leadership
# imports write it
_FIRST_HOLDER = re.compile(r"^(?P<year>\d{4})\s+(?P<name>[^()]+?)\s*\((?P<title>[^()]+)\)\s*$")


def parties(snap: Snapshot) -> Iterator[Record]:
    linked = list(csv.DictReader(io.StringIO(snap.read("import/wikipedia/wikidata.csv"))))
    qids = {row["partyfacts_id"]: row["wikidata_id"] for row in linked if row["wikidata_id"]}
    # Wikidata's English label is the name news uses ("Likud" for Party Facts' "Likud-National
    # Liberal Movement", "Fidesz"); the import's native names are left out (one is vandalised)
    labels = {row["partyfacts_id"]: row["name"].strip() for row in linked if row["wikidata_id"]}
    core = snap.read("import/elecglob/partyfacts-core-parties.csv")
    for row in csv.DictReader(io.StringIO(core)):
        if row["technical"] or _NO_PARTY in row["name_english"]:
            # "other parties", "independents" and similar bookkeeping rows; and blocs that were
            # no party, whose names are common words ("Shi'ite", "Liberals", "Majority")
            continue
        native = _variants(row["name"])
        label = labels.get(row["partyfacts_id"], "")
        english = _variants(row["name_english"]) + ([label] if len(label) >= 3 else [])
        common = {n for n in english if _a_common_word(n, native)}
        english = [n for n in english if n not in common]
        name = english[0] if english else native[0]
        aliases = set(english) | set(native) | set(_variants(row["name_other"], strip_lang=True))
        aliases -= common
        short = row["name_short"].strip()
        active = {k: row[f"year_{k}"] for k in ("first", "last") if row[f"year_{k}"]}
        ident = row["partyfacts_id"]
        country = PARTYFACTS_COUNTRY.get(row["country"], row["country"])
        yield Record(id=f"kb:partyfacts:{ident}", type="organization", name=name,
                     country=country, aliases=with_ascii(aliases), sectors={"PTY"},
                     qid=qids.get(ident),
                     active={("start" if k == "first" else "end"): v for k, v in active.items()},
                     abbreviations=({short} if len(short) >= 2 else set()) | common,
                     vote_share=float(row["share"]) if row["share"] else None,
                     sources=[source_of("partyfactsdata/elecglob/partyfacts-core-parties.csv",
                                      ident, snap.commit, MIT)])  # fmt: skip


def _a_common_word(name: str, native: list[str]) -> bool:
    """Whether an English name is one word of the language, translated from the party's own
    name: "Change" (Shinui), "Liberals" (Liberalerna) name parties of a dozen countries and
    are words before they are names, so they find the party only where the story names its
    country, as abbreviations do. A party's own word stays a name ("Likud", "Podemos")."""
    if len(name.split()) != 1 or name in native:
        return False
    word = name.lower()
    return word in english_words() or word.removesuffix("s") in english_words()


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
        name = clean_name(row["speaker"])
        if len(name.split()) < 2:
            continue  # a surname alone names nobody in particular
        rec = person_of(people, "parlspeech", country, name)
        rec.sectors.add("LEG")
        cite_in(rec, "partyfactsdata/parlspeech/parlspeech-mps.csv", snap.commit, MIT)
        party = party_names.get(row["party.facts.id"]) or row["party"] or None
        rec.positions.append({"title": "Member of Parliament", "organization": PARLIAMENTS[country],
                              "country": country, "sector": "LEG", "start": row["date_first"],
                              "end": row["date_last"], "party": party})  # fmt: skip
    yield from people.values()


def leaders(snap: Snapshot) -> Iterator[Record]:
    """The first head of state, head of government or minister from each party, as the WhoGov,
    leadership and CHISOLS imports name them ("1975 Mohammad Daud Khan (President)"). Only the
    year the post was taken is known: it counts as held that year and the next (`observed`),
    not ever after ("2008 Raila Odinga" is no Kenyan office-holder in 2020)."""
    people: dict[tuple[str, str], Record] = {}
    chisols_country = {
        row["statename"]: row["country"]
        for row in csv.DictReader(io.StringIO(snap.read("import/chisols/chisols-names.csv")))
    }
    for dataset, country, holder in _holders(snap, chisols_country):
        match = _FIRST_HOLDER.match(holder)
        if not match or not country:
            continue
        name = clean_name(match["name"])
        if len(name.split()) < 2:
            continue
        title = match["title"].strip()
        sector = "MIL" if MILITARY_TITLE.search(title) else "GOV"
        rec = person_of(people, "leader", country, name)
        position = {"title": title, "organization": f"Government of {country}",
                    "country": country, "sector": sector, "start": match["year"], "end": None,
                    "party": None, "observed": match["year"]}  # fmt: skip
        if position not in rec.positions:
            rec.positions.append(position)
        rec.sectors.add(sector)
        cite_in(rec, dataset, snap.commit, MIT)
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


# Party Facts' own codes for places without an ISO 3166 code, mapped to today's state
PARTYFACTS_COUNTRY = {"NIR": "GBR", "PSG": "PSE", "SML": "SOM", "VNR": "VNM", "YMD": "YEM",
                      "ZZB": "TZA", "PMR": "MDA", "NFL": "CAN", "DDR": "DEU", "AUH": None,
                      "EUN": None}  # fmt: skip
