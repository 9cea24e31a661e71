"""The alignment lexicon (`meta: {kind: relations}`): verbs, adjectives and nouns that state
who supports, opposes, leads or is allied with whom, and the titles that make a person lead
or command the organisation of the role. Used by `annotate.relations`.

A user file's entry replaces the shipped one for the same lemma (or title).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.lexicon.loader import LexiconFile


@dataclass(frozen=True, slots=True)
class Affiliation:
    """How a person is tied to an organisation it belongs to: the relation, the prepositions
    on the name ("X of the University of Y"), the organisation types one belongs to, and the
    nouns that describe someone's post in one with their prepositions ("X, a professor at
    Y", "X, spokeswoman for Y")."""

    relation: str
    preps: frozenset[str]
    types: frozenset[str]
    nouns: frozenset[str] = frozenset()
    noun_preps: frozenset[str] = frozenset()
    # the prepositions after which any noun said of a person names a body they work in ("X,
    # an evolutionary biomechanicist at Y", "X, retail expert from Y")
    any_noun_preps: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class RelationLexicon:
    # lemma -> (relation, the prepositions that introduce its object (none: the direct
    # object), the objects it needs)
    verbs: dict[str, tuple[str, frozenset[str], frozenset[str]]]
    adjectives: dict[str, tuple[str, str]]
    # lemma -> (relation, prep, reverse): reversed, whoever the noun is said of is the object
    # ("X, the Green Party's nominee": the party supports X)
    nouns: dict[str, tuple[str, str, bool]]
    titles: dict[str, str]  # role title (lower case) -> leads | commands
    # relation -> entity types its object cannot have ("Biden leads Trump" is a poll)
    object_excludes: dict[str, frozenset[str]]
    # agent codes of a noun through which a nationality stands for its state ("the Venezuelan
    # government" is Venezuela; "the Venezuelan populace" is not): None keeps every modifier
    state_agents: frozenset[str] | None
    # a person named with, or described as holding a post in, an organisation
    affiliation: Affiliation | None = None
    # titles whose holder leads the state when the role names only its country
    state_leaders: frozenset[str] = frozenset()
    # lemma -> (relation, prep) of nouns whose owner holds the relation ("Cuba's support for
    # Maduro": Cuba supports Maduro)
    owned: dict[str, tuple[str, str]] = field(default_factory=dict)
    # "no_tie" | "member" -> words before a leadership title that make it no tie now
    # ("former") or membership ("vice")
    title_qualifiers: dict[str, frozenset[str]] = field(default_factory=dict)
    # public offices (with `state_leaders`) a party named before them does not hold
    # ("Republican Governor X" is the party's member)
    public_offices: frozenset[str] = frozenset()
    # titles that name no post held in the body ("founder": guideline 6.1)
    no_post_titles: frozenset[str] = frozenset()
    # verbs whose object takes the post after "as": "members elected Boris Johnson as leader"
    naming_verbs: frozenset[str] = frozenset()
    # verbs whose subject owns an `owned` noun they take as object ("vowed support for X")
    owning_verbs: frozenset[str] = frozenset()
    # verbs that end what such a noun states ("withdrew its support for X")
    withdrawing_verbs: frozenset[str] = frozenset()
    # titles whose holder, named with a city, province or region, leads it
    place_heads: frozenset[str] = frozenset()
    # titles that head the state named after "of", beside `state_leaders` ("the leader of X")
    state_heads: frozenset[str] = frozenset()
    # "subject" | "passive_subject" -> verbs ("die", "step down") that end the posts of that
    # subject in the sentence that tells them
    post_ending_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    # the last words of the nouns written as phrases ("mate" of "running mate"): only these
    # nouns are read with their modifiers
    noun_phrase_heads: frozenset[str] = frozenset()
    # nouns that name a post (the affiliation's nouns and the last word of each title), and
    # every word of one ("President and CEO"): derived, for reading a name's own phrase
    post_nouns: frozenset[str] = frozenset()
    post_words: frozenset[str] = frozenset()


def build_relation_lexicon(files: Sequence[LexiconFile]) -> RelationLexicon:
    """A relation lexicon from checked `relations` files, shipped first, the user's after."""
    lexicon = RelationLexicon({}, {}, {}, {}, {}, None)
    for file in files:
        data = file.data
        lexicon.verbs.update(
            (str(e["lemma"]), (str(e["relation"]), _preps(e.get("prep")),
                               frozenset(str(o) for o in e.get("object") or ())))
            for e in data.get("verbs") or ()
        )  # fmt: skip
        lexicon.adjectives.update(
            (str(e["lemma"]), (str(e["relation"]), str(e["prep"])))
            for e in data.get("adjectives") or ()
        )
        nouns = data.get("nouns") or ()
        lexicon.nouns.update(
            (str(e["lemma"]), (str(e["relation"]), str(e["prep"]), bool(e.get("reverse"))))
            for e in nouns
            if not e.get("owner")
        )
        lexicon.owned.update(
            (str(e["lemma"]), (str(e["relation"]), str(e["prep"]))) for e in nouns if e.get("owner")
        )
        for relation, titles in (data.get("leadership_titles") or {}).items():
            lexicon.titles.update((str(t), str(relation)) for t in titles)
        for kind, words in (data.get("title_qualifiers") or {}).items():
            known = lexicon.title_qualifiers.get(str(kind), frozenset())
            lexicon.title_qualifiers[str(kind)] = known | {str(w).lower() for w in words}
        for kind, words in (data.get("post_ending_verbs") or {}).items():
            known = lexicon.post_ending_verbs.get(str(kind), frozenset())
            lexicon.post_ending_verbs[str(kind)] = known | {str(w).lower() for w in words}
        for relation, types in (data.get("object_excludes") or {}).items():
            lexicon.object_excludes[str(relation)] = frozenset(str(t) for t in types)
        if data.get("affiliation") is not None:
            entry = data["affiliation"]
            affiliation = Affiliation(
                str(entry["relation"]),
                frozenset(str(p) for p in entry["preps"]),
                frozenset(str(t) for t in entry["types"]),
                frozenset(str(n).lower() for n in entry.get("nouns") or ()),
                frozenset(str(p) for p in entry.get("noun_preps") or ()),
                frozenset(str(p) for p in entry.get("any_noun_preps") or ()),
            )
            lexicon = replace(lexicon, affiliation=affiliation)
        for name in _TITLE_SETS:
            if data.get(name) is not None:
                listed: frozenset[str] = getattr(lexicon, name)
                added = {str(t).lower() for t in data[name]}
                update: dict[str, Any] = {name: listed | added}
                lexicon = replace(lexicon, **update)
        if data.get("state_agents") is not None:
            agents = frozenset(str(code) for code in data["state_agents"])
            lexicon = replace(lexicon, state_agents=agents)
    heads = frozenset(lemma.split()[-1] for lemma in lexicon.nouns if " " in lemma)
    posts = lexicon.affiliation.nouns if lexicon.affiliation else frozenset()
    title_words = [t.replace("-", " ").split() for t in lexicon.titles]
    return replace(
        lexicon,
        noun_phrase_heads=heads,
        post_nouns=posts | {words[-1] for words in title_words if words},
        post_words=posts | {w for words in title_words for w in words} | {"and"},
    )


# the lists of titles a file adds to, lower-cased, under their own keys
_TITLE_SETS = (
    "state_leaders", "public_offices", "no_post_titles", "place_heads", "state_heads",
    "naming_verbs", "owning_verbs", "withdrawing_verbs",
)  # fmt: skip


def _preps(value: str | list[str] | None) -> frozenset[str]:
    """A verb entry's `prep`: one preposition or a list of them."""
    if value is None:
        return frozenset()
    return frozenset([value] if isinstance(value, str) else value)
