"""The whole lexicon, every kind, built once from its files and cached in compiled form.

`load_lexicon()` is what the pipeline calls: it reads the shipped files and the user's
through `lexicon.loader` (found by kind, checked against a schema), builds each kind, and
keeps the result in the cache (`lexicon.cache`) keyed by the files' paths, sizes and times,
so the next process unpickles it instead of parsing YAML.

>>> lexicon = load_lexicon()                       # doctest: +SKIP
>>> lexicon.relations.verbs["support"][0]          # doctest: +SKIP
'supports'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version

from newsgraph.folding import fold
from newsgraph.lexicon.cache import cached, key_of
from newsgraph.lexicon.gazetteer import Gazetteer, build_gazetteer
from newsgraph.lexicon.loader import SHIPPED, LexiconFile, read_lexicon_files, user_files
from newsgraph.lexicon.patterns import EventLexicon, build_event_lexicon
from newsgraph.lexicon.relations import RelationLexicon, build_relation_lexicon


@dataclass(frozen=True, slots=True)
class Titles:
    """Offices, ranks and qualifiers that introduce a person's role (`titles` files)."""

    offices: tuple[str, ...]
    ranks: tuple[str, ...]
    qualifiers: tuple[str, ...]
    # trades ("columnist", "astronomer"): a role, but no post whose agent settles the sector
    occupations: tuple[str, ...] = ()
    # ("Brig. Gen.", "brigadier general"): abbreviations written before a name, and the title
    abbreviations: tuple[tuple[str, str], ...] = ()

    def words(self) -> frozenset[str]:
        """Every word of every title, lower-cased ("president", "minister", "general")."""
        titles = (*self.offices, *self.ranks, *self.occupations, *self.qualifiers,
                  *(short for short, _ in self.abbreviations))  # fmt: skip
        return frozenset(w for t in titles for w in t.lower().split())

    def held(self) -> tuple[str, ...]:
        """Every title a person holds: offices, ranks and occupations."""
        return (*self.offices, *self.ranks, *self.occupations)


@dataclass(frozen=True, slots=True)
class ActorCodes:
    """How actors are coded as CAMEO prefix + agent (`actor_codes` files; coding.py)."""

    kinds: dict[str, str]  # gazetteer `kind` attribute -> agent
    types: dict[str, str]  # entity type -> agent
    titles: tuple[tuple[str, str], ...]  # role-title words -> agent, longest first
    names: dict[str, str]  # words of an organisation's name -> agent
    igo_kind_prefixes: tuple[str, ...]
    igo_kinds: frozenset[str]
    igo_ids: tuple[str, ...]
    militant_kinds: frozenset[str]
    # agents a gazetteer kind gives that the learned sector model never overrides
    kept_agents: frozenset[str] = frozenset()
    # titles that only say their holder heads a body: the body's agent is the holder's
    body_heads: frozenset[str] = frozenset()
    # gazetteer kinds whose agent the learned sector model never overrides
    kept_kinds: frozenset[str] = frozenset()
    # agents a shared reading of an ambiguous name gives that the sector model never overrides
    kept_shared: frozenset[str] = frozenset()
    kept_names: frozenset[str] = frozenset()
    # titles that only say their holder speaks for or advises a body: the body's agent, any
    body_functions: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every lexicon kind, built: what the pipeline's stages look things up in."""

    gazetteer: Gazetteer
    events: EventLexicon
    relations: RelationLexicon
    titles: Titles
    given_names: dict[str, str]  # transliterated given name -> canonical ("sergey" -> "sergei")
    words: dict[str, frozenset[str]]  # named word lists ("ordinary_words")
    actor_codes: ActorCodes


def load_lexicon(extra_paths: Sequence[str] = ()) -> Lexicon:
    """The shipped lexicon with the user's files merged over it; shared, do not change it."""
    paths = tuple(extra_paths)
    sources = [*SHIPPED.rglob("*.yaml"), *SHIPPED.glob("*.py"), SHIPPED.parent / "models.py"]
    key = key_of([*sorted(sources), *user_files(paths)], version("pycountry"))
    return _load(paths, key)


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...], key: str) -> Lexicon:
    return cached("lexicon", key, lambda: build_lexicon(read_lexicon_files(paths)))


def build_lexicon(files: Sequence[LexiconFile]) -> Lexicon:
    """Build every kind from checked files (shipped first, then the user's)."""

    def of(kind: str) -> list[LexiconFile]:
        return [f for f in files if f.kind == kind]

    return Lexicon(
        gazetteer=build_gazetteer(of("gazetteer")),
        events=build_event_lexicon(of("events"), of("polarity")),
        relations=build_relation_lexicon(of("relations")),
        titles=_titles(of("titles")),
        given_names=_given_names(of("transliterations")),
        words=_words(of("words")),
        actor_codes=_actor_codes(of("actor_codes")),
    )


def _titles(files: Sequence[LexiconFile]) -> Titles:
    def merged(key: str) -> tuple[str, ...]:
        found = (str(w) for f in files for w in f.data.get(key) or ())
        return tuple(dict.fromkeys(found))

    abbreviations = {
        str(k): str(v) for f in files for k, v in (f.data.get("abbreviations") or {}).items()
    }
    return Titles(merged("offices"), merged("ranks"), merged("qualifiers"), merged("occupations"),
                  tuple(abbreviations.items()))  # fmt: skip


def _given_names(files: Sequence[LexiconFile]) -> dict[str, str]:
    return {
        str(variant): str(canon)
        for f in files
        for canon, variants in f.data["canonical"].items()
        for variant in variants
    }


def _actor_codes(files: Sequence[LexiconFile]) -> ActorCodes:
    def mapping(key: str) -> dict[str, str]:
        return {str(k).lower(): str(v) for f in files for k, v in (f.data.get(key) or {}).items()}

    def words(key: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(str(w).lower() for f in files for w in f.data.get(key) or ()))

    titles = sorted(mapping("titles").items(), key=lambda kv: (-len(kv[0]), kv[0]))
    return ActorCodes(kinds=mapping("kinds"), types=mapping("types"), titles=tuple(titles),
                      # without accents, as `coding.name_agent` reads a name ("Fundación")
                      names={fold(k): v for k, v in mapping("names").items()},
                      igo_kind_prefixes=words("igo_kind_prefixes"),
                      igo_kinds=frozenset(words("igo_kinds")), igo_ids=words("igo_ids"),
                      militant_kinds=frozenset(words("militant_kinds")),
                      kept_agents=frozenset(w.upper() for w in words("kept_agents")),
                      body_heads=frozenset(words("body_heads")),
                      kept_kinds=frozenset(words("kept_kinds")),
                      kept_shared=frozenset(w.upper() for w in words("kept_shared")),
                      kept_names=frozenset(w.upper() for w in words("kept_names")),
                      body_functions=frozenset(words("body_functions")))  # fmt: skip


def _words(files: Sequence[LexiconFile]) -> dict[str, frozenset[str]]:
    lists: dict[str, set[str]] = {}
    for f in files:
        for name, words in f.data["lists"].items():
            lists.setdefault(str(name), set()).update(str(w) for w in words)
    return {name: frozenset(words) for name, words in lists.items()}
