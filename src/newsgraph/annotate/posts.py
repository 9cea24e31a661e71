"""Posts, titles and affiliations: who leads, commands or belongs to a body by the post the
text gives them (guideline 6.1).

A leadership title with "of" leads ("chairman of the party"), but not a "former" one, and a
"deputy" one is a membership; a post at a body ("X, a professor at Y"), an organisation in a
name's own phrase ("Center for Food Safety scientist X", "WHO director-general Tedros") and a
party in a description ("Schiff, the Democratic chairman") tie a person to it; a role ties
its holder to its organisation (as its head, else as a member), or a state-leading title to
its state ("US President Donald Trump"). These read a title's words and the lexicon's title
qualifiers rather than a clause's verb, so they sit apart from the clause readers in
`annotate/relations.py`, which call them. A body and a post named in a person's own phrase
are read in `annotate/name_phrases.py`.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsgraph.annotate.described import described_people
from newsgraph.annotate.frames import Actor, DocView
from newsgraph.annotate.relation_records import _citation_id, _pairs
from newsgraph.lexicon.relations import RelationLexicon
from newsgraph.models import Entity, EntityType, Relation, Role


def _noun_entry(lexicon: RelationLexicon, token: Token) -> tuple[str, str, bool] | None:
    """(relation, preposition, reversed) a noun states: the lexicon's nouns, else a leadership
    title's relation with "of" ("chairman of the party", "the general manager of X": the
    title with the modifiers right before the noun, longest first). A post is no tie now
    after "former", and membership after "deputy" (guideline 6.1)."""
    lemma = token.lemma_.lower()
    entry = lexicon.nouns.get(lemma)
    if lemma in lexicon.noun_phrase_heads:
        # the noun with the modifiers right before it, longest first ("running mate")
        entry = next((e for t in _titles_ending(token) if (e := lexicon.nouns.get(t))), entry)
    entry = entry or _title_entry(lexicon, token)
    if entry is None or entry[0] not in lexicon.titles.values():
        return entry
    modifiers = {left.lower_ for left in token.lefts} | _words_before(token)
    qualifiers = lexicon.title_qualifiers
    if modifiers & qualifiers.get("no_tie", frozenset()):
        return None  # "the former chairman of X"
    if modifiers & qualifiers.get("member", frozenset()) and lexicon.affiliation is not None:
        return lexicon.affiliation.relation, entry[1], entry[2]  # "the deputy head of X"
    return entry


def _words_before(token: Token, most: int = 4) -> set[str]:
    """The words right before a noun in its phrase, up to a comma: the small model hangs
    "former" on "vice" in "former vice-president of Namibia", not on "president"."""
    found = set()
    for i in range(token.i - 1, max(token.i - most - 1, token.sent.start - 1), -1):
        word = token.doc[i]
        if word.is_punct and word.text != "-":
            break
        found.add(word.lower_)
    return found


def _title_entry(lexicon: RelationLexicon, token: Token) -> tuple[str, str, bool] | None:
    """The leadership title the noun ends, with the modifiers right before it, longest first."""
    for title in _titles_ending(token):
        relation = lexicon.titles.get(title)
        if relation is not None:
            return relation, "of", False
    return None


def _titles_ending(token: Token) -> list[str]:
    """The titles a noun may end, longest first: the noun with the modifiers right before it
    ("foreign affairs minister", "affairs minister", "minister")."""
    words = [token.lemma_.lower()]
    for left in reversed(list(token.lefts)):
        if left.i != token.i - len(words) or left.dep_ not in {"amod", "compound"}:
            break
        words.insert(0, left.lower_)
    return [" ".join(words[start:]) for start in range(len(words))]


def heads_state(lexicon: RelationLexicon, token: Token) -> bool:
    """Whether the title the noun ends heads a state ("the Prime Minister of Tunisia", "the
    leader of Russia", "Puerto Rico's governor"); "the foreign minister of Cuba" holds a role
    of the state, no post in a body (guideline 6.1)."""
    heads = lexicon.state_leaders | lexicon.state_heads | lexicon.place_heads
    return any(title in heads for title in _titles_ending(token))


def _body_in_description(view: DocView, token: Token, lexicon: RelationLexicon) -> list[Relation]:
    """A person described with a party in the description's own words belongs to it:
    "Schiff, the Democratic chairman of the committee", "Trump is a Republican" (the party
    named as a modifier of the noun, or the noun itself)."""
    if lexicon.affiliation is None:
        return []
    words = [token, *(c for c in token.children if c.dep_ in {"amod", "compound"})]
    bodies = [
        Actor(entity, "mention")
        for word in words
        if (entity := view.entity_of(word)) is not None and _is_party(view.entities[entity])
    ]
    if not bodies:
        return []  # the party first: it is rare, and whom a noun describes costs a parse walk
    people = described_people(view, token, lexicon.naming_verbs)
    people = [a for a in people if a.entity not in {b.entity for b in bodies}]
    entry = lexicon.nouns.get(token.lemma_.lower())
    if entry is not None and entry[2]:
        # "Trump, the presumptive Republican presidential nominee": the party's choice, which
        # it supports (guideline 6.1: a nominee is no member by that word)
        return _pairs(view, token, entry[0], bodies, people)
    return _pairs(view, token, _party_post(view, token, lexicon), people, bodies)


def _party_post(view: DocView, token: Token, lexicon: RelationLexicon) -> str:
    """What a description's title says of its holder and the party named in it: "the new
    Conservative leader" leads the party; a title whose own body follows ("the Democratic
    chairman of the committee"), a public office ("the Democratic governor") or any other
    noun makes a member."""
    assert lexicon.affiliation is not None
    member = lexicon.affiliation.relation
    entry = _noun_entry(lexicon, token)
    if entry is None or entry[0] not in lexicon.titles.values() or entry[0] == member:
        return member
    if any(c.dep_ == "prep" and c.lower_ == entry[1] for c in token.children):
        return member
    offices = lexicon.public_offices | lexicon.state_leaders
    return member if any(t in offices for t in _titles_ending(token)) else entry[0]


def _is_party(entity: Entity) -> bool:
    """A political party, by its coded agent or its name ("Republican", "Labour Party"); not a
    person, whom a party's agent code says is in one."""
    if entity.type == EntityType.PERSON:
        return False
    codes = {a.value for a in entity.attributes if a.key in {"agent", "sector"}}
    return bool(codes & _PARTY_CODES) or entity.name.lower().endswith(" party")


_PARTY_CODES = frozenset({"PTY", "OPP"})


def _post_relations(
    view: DocView, token: Token, lexicon: RelationLexicon, preps: frozenset[str] | None = None
) -> list[Relation]:
    """A person described by their post in an organisation belongs to it: "X, a professor at
    Y", "X, spokeswoman for the department", "He is a researcher with Y", "ESPN's columnist";
    with `preps`, only a body behind those ("at") counts, and no possessor."""
    affiliation = lexicon.affiliation
    assert affiliation is not None
    if preps is not None:
        bodies = view.prep_actors(token, set(preps))
    else:
        bodies = view.prep_actors(token, set(affiliation.noun_preps))
        bodies += view.children_actors(token, {"poss"})
    # the organisation named right there, not one deeper in the phrase ("a researcher with
    # experience of AIS data" is no member of AIS)
    bodies = [
        b for b in bodies if b.via == "mention" and _membership(view, lexicon, b.entity) is not None
    ]
    if not bodies:
        return []  # the body first: whom a noun describes costs a walk of the parse
    people = described_people(view, token, lexicon.naming_verbs)
    return _pairs(view, token, affiliation.relation, people, bodies)


def _state_leadership(
    view: DocView, entity: Entity, role: Role, states: dict[str, str], lexicon: RelationLexicon
) -> list[Relation]:
    """ "US President Donald Trump": the holder of a state-leading title of a country the
    document names leads that state (not "former" or "acting" holders)."""
    title = role.title.lower().replace("interim ", "").strip()
    if _before_name(entity, role):
        title = title.partition(" of ")[0]  # "President of Argentina Alberto Fernández"
    state = states.get(role.country or "")
    if title not in lexicon.state_leaders or state is None or role.qualifier == "former":
        return []
    return [_role_tie(view, entity, role, "leads", state)]


def _before_name(entity: Entity, role: Role) -> bool:
    """Whether the role's words stand right before one of the holder's names."""
    assert role.evidence is not None
    end = role.evidence.end
    return any(0 <= m.start - end <= 1 for m in entity.mentions)


def _place_leadership(
    view: DocView, entity: Entity, role: Role, lexicon: RelationLexicon
) -> list[Relation]:
    """ "Park Won-soon, the mayor of Seoul": a post that heads a place (`place_heads`), with
    the one place it names after "of", leads that place (not a former or deputy holder)."""
    head, _, rest = role.title.lower().partition(" of ")
    if not rest or head.strip() not in lexicon.place_heads or role.evidence is None:
        return []
    start, end = role.evidence.start, role.evidence.end
    places = [e.id for e in view.entities.values() if e.type == EntityType.PLACE
              and any(start <= m.start and m.end <= end for m in e.mentions)]  # fmt: skip
    if len(places) != 1:
        return []
    return [_role_tie(view, entity, role, "leads", places[0])]


def _role_tie(view: DocView, entity: Entity, role: Role, relation: str, obj: str) -> Relation:
    """The tie a role the text states gives its holder, dated as the role is."""
    assert role.evidence is not None
    return Relation(
        id="",
        subject=entity.id,
        relation=relation,
        object=obj,
        evidence=role.evidence,
        valid_from=role.start,
        valid_until=role.end,
        citation=_citation_id(view, role.evidence.sentence),
        confidence=0.7,
    )


def _membership(view: DocView, lexicon: RelationLexicon, organization: str) -> str | None:
    """The affiliation relation when the organisation is of a type one belongs to."""
    entity = view.entities.get(organization)
    if lexicon.affiliation is None or entity is None:
        return None
    affiliation = lexicon.affiliation
    return affiliation.relation if entity.type.value in affiliation.types else None


def _heading(view: DocView, title: str, organization: str, lexicon: RelationLexicon) -> str | None:
    """The relation a leadership title gives its holder to the body it is named with (None
    when the title heads nothing there)."""
    relation = lexicon.titles.get(title) or lexicon.titles.get(title.replace("-", " "))
    offices = lexicon.public_offices | lexicon.state_leaders
    body = view.entities.get(organization)
    if relation and title in offices and body is not None and _is_party(body):
        return None  # "Republican Governor X": the party's member; the office is a state's
    return relation


def _a_members_post(view: DocView, role: Role, lexicon: RelationLexicon) -> bool:
    """A leadership title the text makes a deputy's or a part's is membership (guideline
    6.1): "deputy director", "Senate Majority Leader" (a qualifier the role's title may have
    lost to the body's name: the title read is "Leader")."""
    assert role.evidence is not None
    words = set(view.doc.text[role.evidence.start : role.evidence.end].lower().split())
    member = lexicon.title_qualifiers.get("member", frozenset())
    return role.title.lower().startswith("deputy") or bool(words & member)


def _role_relations(
    view: DocView, entities: Sequence[Entity], lexicon: RelationLexicon
) -> list[Relation]:
    found = []
    states = {e.country: e.id for e in entities if e.type == EntityType.STATE and e.country}
    for entity in entities:
        for role in entity.roles:
            if role.evidence is None or role.qualifier == "former":
                continue  # a former post is no standing tie, and since when is unsaid
            if role.organization_id is None:
                found += _state_leadership(view, entity, role, states, lexicon)
                found += _place_leadership(view, entity, role, lexicon)
                continue
            head = role.title.lower().split(" of ")[0].replace("deputy ", "").strip()
            if head in lexicon.no_post_titles:
                continue  # "the founder of X" holds no post there by that word
            relation = _heading(view, head, role.organization_id, lexicon)
            if relation is None or _a_members_post(view, role, lexicon):
                # any other post in an organisation makes its holder a member of it
                relation = _membership(view, lexicon, role.organization_id)
                if relation is None:
                    continue
            found.append(_role_tie(view, entity, role, relation, role.organization_id))
    return found
