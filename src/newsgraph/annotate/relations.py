"""Alignments: who supports, recognises, opposes, leads or arms whom, and since when.

Lists expand: "Maduro is supported by Russia, China, Cuba ... and by left-wing Chavista
activists" is one `supports` relation per supporter. Roles ("chief of staff of the Russian
Land Forces") give `leads`/`commands`; arms transfers give `supplies_arms_to`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from newsgraph.annotate.described import DESCRIBING, described, described_people
from newsgraph.annotate.events import subject_of
from newsgraph.annotate.frames import Actor, DocView
from newsgraph.lexicon.relations import RelationLexicon
from newsgraph.models import ArmsTransfer, Entity, EntityType, Relation, Role


def find_relations(
    view: DocView,
    entities: Sequence[Entity],
    transfers: Sequence[ArmsTransfer],
    lexicon: RelationLexicon,
) -> list[Relation]:
    """Alignments the lexicon's verbs, adjectives and leadership titles state, and arms
    transfers as `supplies_arms_to`, numbered in order."""
    found: list[Relation] = []
    for token in view.tokens:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in lexicon.verbs:
            found += _verb_relations(view, token, lexicon.verbs[lemma], lexicon)
        elif token.pos_ == "ADJ" and lemma in lexicon.adjectives:
            found += _adjective_relations(view, token, lexicon.adjectives[lemma], lexicon)
        elif token.pos_ in {"NOUN", "PROPN"} and (entry := _noun_entry(lexicon, token)):
            found += _noun_relations(view, token, entry, lexicon)
        elif token.pos_ == "NOUN" and lemma in lexicon.owned:
            found += _owned_relations(view, token, lexicon.owned[lemma], lexicon)
        elif (
            token.pos_ in {"NOUN", "PROPN"}  # "a Senior Staff Attorney of the EFF"
            and lexicon.affiliation
            and lemma in lexicon.affiliation.nouns
        ):
            found += _post_relations(view, token, lexicon)
        elif token.pos_ == "NOUN" and lexicon.affiliation:
            # any post "at" a body: "X, an evolutionary biomechanicist at the Royal Veterinary
            # College"; other prepositions only after the listed nouns ("a critic of Y")
            found += _post_relations(view, token, lexicon, frozenset({"at"}))
        if token.pos_ in {"NOUN", "PROPN"} and (
            token.dep_ in DESCRIBING or any(c.dep_ == "appos" for c in token.children)
        ):
            found += _body_in_description(view, token, lexicon)
    found += _role_relations(view, entities, lexicon)
    found += _affiliations(view, entities, lexicon)
    found += _arms_relations(transfers)
    # the relations leadership titles give ("leads", "commands") imply membership
    found = _deduplicated(found, frozenset(lexicon.titles.values()))
    return [replace(r, id=f"r{i + 1}") for i, r in enumerate(found)]


def _verb_relations(
    view: DocView,
    token: Token,
    entry: tuple[str, frozenset[str], frozenset[str]],
    lexicon: RelationLexicon,
) -> list[Relation]:
    relation, preps, objects = entry
    if objects and not any(c.lemma_.lower() in objects for c in token.children if c.dep_ == "dobj"):
        return []
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children):
        subjects = [
            a for a in view.agents(token) if view.entities[a.entity].type != EntityType.WEAPON
        ]
        targets = view.children_actors(token, {"nsubjpass"})
    else:
        subjects = subject_of(view, token)
        targets = (
            view.prep_actors(token, set(preps)) if preps else view.children_actors(token, {"dobj"})
        )
    return _pairs(view, token, relation, *_plausible(view, lexicon, relation, subjects, targets))


def _adjective_relations(
    view: DocView, token: Token, entry: tuple[str, str], lexicon: RelationLexicon
) -> list[Relation]:
    relation, prep = entry
    head = token.head if token.dep_ in {"acomp", "amod", "xcomp", "oprd"} else token
    subjects = view.children_actors(head, {"nsubj", "nsubjpass"}) if head.i != token.i else []
    if token.dep_ == "amod":
        subjects = view.actors(token.head)
    targets = view.prep_actors(token, {prep} if prep else set())
    return _pairs(view, token, relation, *_plausible(view, lexicon, relation, subjects, targets))


def _noun_entry(lexicon: RelationLexicon, token: Token) -> tuple[str, str, bool] | None:
    """(relation, preposition, reversed) a noun states: the lexicon's nouns, else a leadership
    title's relation with "of" ("chairman of the party", "the general manager of X": the
    title with the modifiers right before the noun, longest first). A post is no tie now
    after "former", and membership after "deputy" (guideline 6.1)."""
    lemma = token.lemma_.lower()
    entry = lexicon.nouns.get(lemma) or _title_entry(lexicon, token)
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
    words = [token.lemma_.lower()]
    for left in reversed(list(token.lefts)):
        if left.i != token.i - len(words) or left.dep_ not in {"amod", "compound"}:
            break
        words.insert(0, left.lower_)
    for start in range(len(words)):
        relation = lexicon.titles.get(" ".join(words[start:]))
        if relation is not None:
            return relation, "of", False
    return None


def _noun_relations(
    view: DocView, token: Token, entry: tuple[str, str, bool], lexicon: RelationLexicon
) -> list[Relation]:
    """A noun that states a standing relation, of whoever it is said of: in apposition ("Poland,
    a member of NATO"), as the predicate ("He was a member of the Liberal Party", "Collins is
    chairman of the party") or after "as" ("Doyle served as Lord Mayor of Melbourne"). Its
    object follows the lexicon's preposition ("of") or owns the noun ("Russia's ally"); a
    reversed noun swaps the two ("X, the party's nominee": the party supports X)."""
    relation, prep, reverse = entry
    subjects = described(view, token)
    if relation in lexicon.titles.values():
        # a post is a person's: "the Democratic chairman of X" is not the party's lead
        subjects = [s for s in subjects if view.entities[s.entity].type == EntityType.PERSON]
    if not subjects:
        return []
    objects = view.prep_actors(token, {prep}) + view.children_actors(token, {"poss"})
    objects = [o for o in objects if o.entity not in {s.entity for s in subjects}]
    if not objects and token.lemma_.lower() in lexicon.titles:
        # a title's place stands for its government: "the mayor of New Orleans" leads it
        objects = [
            Actor(place, "mention")
            for child in token.children
            if child.dep_ == "prep" and child.lower_ == prep
            for obj in child.children
            if obj.dep_ == "pobj"
            for place in view.places_in(obj)
        ]
    if reverse:
        subjects, objects = objects, subjects
    return _pairs(view, token, relation, *_plausible(view, lexicon, relation, subjects, objects))


def _owned_relations(
    view: DocView, token: Token, entry: tuple[str, str], lexicon: RelationLexicon
) -> list[Relation]:
    """A noun whose owner holds the relation to the noun's object: "the Cuban government's
    support for Nicolás Maduro" (Cuba supports Maduro), "their support for Biden", "the
    Constitution Party ticket of Darrell Castle" (the owner named before the noun)."""
    relation, prep = entry
    subjects = view.children_actors(token, {"poss", "compound", "nmod"})
    objects = view.prep_actors(token, {prep})
    return _pairs(view, token, relation, *_plausible(view, lexicon, relation, subjects, objects))


def _body_in_description(view: DocView, token: Token, lexicon: RelationLexicon) -> list[Relation]:
    """A person described with a party in the description's own words belongs to it:
    "Schiff, the Democratic chairman of the committee", "Trump is a Republican" (the party
    named as a modifier of the noun, or the noun itself)."""
    if lexicon.affiliation is None:
        return []
    people = described_people(view, token)
    if not people:
        return []
    words = [token, *(c for c in token.children if c.dep_ in {"amod", "compound"})]
    bodies = [
        Actor(entity, "mention")
        for word in words
        if (entity := view.entity_of(word)) is not None and _is_party(view.entities[entity])
    ]
    people = [a for a in people if a.entity not in {b.entity for b in bodies}]
    return _pairs(view, token, lexicon.affiliation.relation, people, bodies)


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
    people = described_people(view, token)
    if not people:
        return []
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
    return _pairs(view, token, affiliation.relation, people, bodies)


def _plausible(
    view: DocView,
    lexicon: RelationLexicon,
    relation: str,
    subjects: Sequence[Actor],
    objects: Sequence[Actor],
) -> tuple[list[Actor], list[Actor]]:
    """The sides an alignment can hold between: no object of a type the relation excludes
    ("Biden leads Trump" is a poll), and no state standing for a group of its people ("the
    Venezuelan populace recognises Guaidó" is not Venezuela's act)."""
    excluded = lexicon.object_excludes.get(relation, frozenset())
    objects = [o for o in objects if view.entities[o.entity].type.value not in excluded]
    return (
        [a for a in subjects if _stands_for_itself(view, a, lexicon)],
        [a for a in objects if _stands_for_itself(view, a, lexicon)],
    )


def _stands_for_itself(view: DocView, actor: Actor, lexicon: RelationLexicon) -> bool:
    """A state named through a noun ("the Venezuelan populace") is that state only when the
    noun is one of its institutions; a group named so ("Chavista activists") is the group."""
    allowed = lexicon.state_agents
    if allowed is None or actor.agent is None or actor.agent.code in allowed:
        return True
    return view.entities[actor.entity].type != EntityType.STATE


def _pairs(
    view: DocView, token: Token, relation: str, subjects: Sequence[Actor], objects: Sequence[Actor]
) -> list[Relation]:
    if not subjects or not objects:
        return []
    sentence = view.sentence_index(token)
    clause = view.clause(token.head if token.pos_ == "ADJ" else token)
    valid_from, valid_until = relation_validity(view, sentence)
    # a predicate noun's negation is on its verb ("X is not a member of Y")
    stated_by = [token, token.head] if token.dep_ in {"attr", "oprd"} else [token]
    negated = any(c.dep_ == "neg" for t in stated_by for c in t.children)
    citation = view.citation_for(sentence)
    evidence = view.evidence(clause)
    weak = any(a.via in {"pronoun", "of"} for a in [*subjects, *objects])
    return [
        Relation(
            id="",
            subject=s.entity,
            relation=relation,
            object=o.entity,
            evidence=evidence,
            valid_from=valid_from,
            valid_until=valid_until,
            negated=negated,
            citation=citation.id if citation else None,
            confidence=0.5 if weak else 0.7,
        )
        for s in subjects
        for o in objects
        if s.entity != o.entity
    ]


def _state_leadership(
    view: DocView, entity: Entity, role: Role, states: dict[str, str], lexicon: RelationLexicon
) -> list[Relation]:
    """ "US President Donald Trump": the holder of a state-leading title of a country the
    document names leads that state (not "former" or "acting" holders)."""
    title = role.title.lower().replace("interim ", "").strip()
    state = states.get(role.country or "")
    if title not in lexicon.state_leaders or state is None or role.qualifier == "former":
        return []
    assert role.evidence is not None
    return [
        Relation(
            id="",
            subject=entity.id,
            relation="leads",
            object=state,
            evidence=role.evidence,
            valid_from=role.start,
            valid_until=role.end,
            citation=_citation_id(view, role.evidence.sentence),
            confidence=0.7,
        )
    ]


def _membership(view: DocView, lexicon: RelationLexicon, organization: str) -> str | None:
    """The affiliation relation when the organisation is of a type one belongs to."""
    entity = view.entities.get(organization)
    if lexicon.affiliation is None or entity is None:
        return None
    affiliation = lexicon.affiliation
    return affiliation.relation if entity.type.value in affiliation.types else None


def _affiliations(
    view: DocView, entities: Sequence[Entity], lexicon: RelationLexicon
) -> list[Relation]:
    """A person named with an organisation: "X of the University of Y" (a preposition on the
    name), "Center for Food Safety scientist X" (the organisation inside the name's phrase)."""
    if lexicon.affiliation is None:
        return []
    relation, preps = lexicon.affiliation.relation, lexicon.affiliation.preps
    found = []
    for entity in entities:
        if entity.type != EntityType.PERSON:
            continue
        for mention in entity.mentions:
            span = view.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            for organization in _named_with(view, span, preps):
                if _membership(view, lexicon, organization) is None:
                    if _heads_place(view, span, organization, lexicon):
                        found.append(_led_place(view, span, entity.id, organization))
                    continue
                evidence = view.evidence(list(view.doc[span.root.left_edge.i : span.end + 1]))
                subject, tie, obj = entity.id, relation, organization
                if (chosen := _chosen_by(view, span, organization, lexicon)) is not None:
                    subject, tie, obj = organization, chosen, entity.id
                elif (titled := _title_tie(view, span, organization, lexicon)) is not None:
                    if not titled:
                        continue  # "former Tesco chief executive X": no tie now
                    tie = titled
                found.append(
                    Relation(
                        id="",
                        subject=subject,
                        relation=tie,
                        object=obj,
                        evidence=evidence,
                        citation=_citation_id(view, evidence.sentence),
                        confidence=0.6,
                    )
                )
    return found


def _heads_place(view: DocView, span: Span, place: str, lexicon: RelationLexicon) -> bool:
    """Whether the name's own phrase gives its holder a post that heads the place named in it
    ("Governor of California Gavin Newsom", "Scotland First Minister Nicola Sturgeon"); not a
    former one, nor a deputy's."""
    body = view.entities.get(place)
    root, start = span.root, span.root.left_edge.i
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.i == start - 1:
        # the small model reads "Governor of California Gavin Newsom" as a governor "of" him
        start = root.head.head.left_edge.i
    words = view.doc[start : span.start]
    if body is None or body.type != EntityType.PLACE:
        return False
    lower = {t.lower_ for t in words}
    qualifiers = lexicon.title_qualifiers
    if lower & (qualifiers.get("no_tie", frozenset()) | qualifiers.get("member", frozenset())):
        return False
    phrase = f" {' '.join(t.lower_ for t in words if not t.is_punct)} "
    return any(f" {title} " in phrase for title in lexicon.place_heads)


def _led_place(view: DocView, span: Span, person: str, place: str) -> Relation:
    evidence = view.evidence(list(view.doc[span.root.left_edge.i : span.end]))
    return Relation(id="", subject=person, relation="leads", object=place, evidence=evidence,
                    citation=_citation_id(view, evidence.sentence), confidence=0.6)  # fmt: skip


def _chosen_by(
    view: DocView, span: Span, organization: str, lexicon: RelationLexicon
) -> str | None:
    """The relation an organisation named before a person holds to them when a reversed noun
    stands between ("Prohibition Party presidential nominee Phil Collins": the party supports
    him; a nominee need not be a member)."""
    for token in _after_body(view, span, organization) or ():
        entry = lexicon.nouns.get(token.lemma_.lower())
        if entry is not None and entry[2]:
            return entry[0]
    return None


def _title_tie(
    view: DocView, span: Span, organization: str, lexicon: RelationLexicon
) -> str | None:
    """What the title between an organisation and the person it names says (guideline 6.1):
    "WHO director-general Tedros" leads, "NAACP vice president X" is a member (None: the
    default), "former Tesco chief executive X" no tie now (the empty string); for a body
    behind "of" on the name, the title before the name ("Director X of Y") says it."""
    after = _after_body(view, span, organization)
    if after is None:
        # the body behind "of" on the name: the title is the words before the name
        # ("Director Anthony Fauci of the NIAID" leads it)
        after = view.doc[span.root.left_edge.i : span.start]
    tokens = [t for t in after if not t.is_punct]
    between = [t.lower_ for t in tokens]
    qualifiers = lexicon.title_qualifiers
    phrase_words = view.doc[span.root.left_edge.i : span.start]
    if any(t.lower_ in qualifiers.get("no_tie", ()) for t in phrase_words):
        return ""  # anywhere in the name's phrase: "former Tesco chief executive X"
    if any(w in lexicon.no_post_titles for w in between):
        return ""  # "SpaceX founder Elon Musk": no post by that word
    if any(w in qualifiers.get("member", ()) for w in between):
        return None
    phrase = " ".join(between)
    titles = [t for t in lexicon.titles if f" {t} " in f" {phrase} "]
    if not titles:
        return None
    title = max(titles, key=len)
    before = f" {phrase} ".split(f" {title} ")[0].split()
    if any(t.pos_ in {"NOUN", "PROPN"} for t in tokens[: len(before)]):
        return None  # "Democratic committee chairman X": the title heads another body
    return _heading(view, title, organization, lexicon)


def _after_body(view: DocView, span: Span, organization: str) -> Span | None:
    """The words between an organisation named in a person's own noun phrase and the name
    ("Prohibition Party [presidential nominee] Phil Collins"); None when it is not in it."""
    words = view.doc[span.root.left_edge.i : span.start]
    at = [t.i for t in words if view.entity_of(t) == organization]
    return view.doc[max(at) + 1 : span.start] if at else None


def _heading(view: DocView, title: str, organization: str, lexicon: RelationLexicon) -> str | None:
    """The relation a leadership title gives its holder to the body it is named with (None
    when the title heads nothing there)."""
    relation = lexicon.titles.get(title) or lexicon.titles.get(title.replace("-", " "))
    offices = lexicon.public_offices | lexicon.state_leaders
    body = view.entities.get(organization)
    if relation and title in offices and body is not None and _is_party(body):
        return None  # "Republican Governor X": the party's member; the office is a state's
    return relation


def _named_with(view: DocView, span: Span, preps: frozenset[str]) -> list[str]:
    """Entities in the name's own noun phrase before it, or behind one of `preps` on it."""
    root = span.root
    found = [
        view.entity_of(t) for t in view.doc[root.left_edge.i : span.start]
    ]  # "Republican Representative Francis Rooney"
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                # the body's name, or the name in apposition to its kind ("of worldwide victim
                # group Ending Clergy Abuse")
                found.append(view.entity_of(pobj))
                found += [view.entity_of(c) for c in pobj.children if c.dep_ == "appos"]
    return list(dict.fromkeys(e for e in found if e is not None))


def relation_validity(view: DocView, sentence: int) -> tuple[str | None, str | None]:
    """When the sentence says the relation began ("since 2019") and ended ("until 2018")."""
    start = end = None
    for expr in view.dates:
        if expr.sentence != sentence or not expr.value:
            continue
        if expr.relation in {"since", "from", "after"}:
            start = expr.value  # at its stated precision, like roles and events: "2019-01"
        elif expr.relation in {"until", "by", "before"}:
            end = expr.value
    return start, end


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
                continue
            head = role.title.lower().split(" of ")[0].replace("deputy ", "").strip()
            if head in lexicon.no_post_titles:
                continue  # "the founder of X" holds no post there by that word
            relation = _heading(view, head, role.organization_id, lexicon)
            if relation is None or role.title.lower().startswith("deputy"):
                # any other post in an organisation makes its holder a member of it
                relation = _membership(view, lexicon, role.organization_id)
                if relation is None:
                    continue
            found.append(
                Relation(
                    id="",
                    subject=entity.id,
                    relation=relation,
                    object=role.organization_id,
                    evidence=role.evidence,
                    valid_from=role.start,
                    valid_until=role.end,
                    citation=_citation_id(view, role.evidence.sentence),
                    confidence=0.7,
                )
            )
    return found


def _arms_relations(transfers: Sequence[ArmsTransfer]) -> list[Relation]:
    return [
        Relation(
            id="",
            subject=s,
            relation="supplies_arms_to",
            object=r,
            evidence=t.evidence,
            valid_from=t.period,
            citation=t.citation,
            confidence=0.7,
        )
        for t in transfers
        for s in t.supplier
        for r in t.recipient
        if s != r
    ]


def _citation_id(view: DocView, sentence: int) -> str | None:
    citation = view.citation_for(sentence)
    return citation.id if citation else None


def _deduplicated(relations: list[Relation], heading: frozenset[str]) -> list[Relation]:
    """Each alignment once per sentence; and no `member_of` beside a `heading` relation
    (`leads`, `commands`) between the same two ("AIP chairman Markham Robinson" leads the AIP,
    and says no more)."""
    heads = {(r.subject, r.object, r.evidence.sentence) for r in relations
             if r.relation in heading}  # fmt: skip
    seen: set[tuple[str, str, str, int]] = set()
    out = []
    for relation in relations:
        key = (relation.subject, relation.relation, relation.object, relation.evidence.sentence)
        pair = (relation.subject, relation.object, relation.evidence.sentence)
        if relation.relation == "member_of" and pair in heads:
            continue
        if key not in seen:
            seen.add(key)
            out.append(relation)
    return out
