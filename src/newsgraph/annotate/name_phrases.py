"""A person's own phrase: the body and the post named with a name ("Center for Food Safety
scientist X", "WHO director-general Tedros", "X of the University of Y", "Sky News Arabia
producer Jamal al-Harbi", "Rebecca Falconer, an Ithaca College undergraduate"), read off the
parse and, where the small model hung the words before a name elsewhere, off the surface
(guideline 6.1). Split from `annotate/posts.py`, whose title rules these share.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from newsgraph.annotate.described import described_people
from newsgraph.annotate.frames import Actor, DocView
from newsgraph.annotate.posts import _heading, _is_party, _membership
from newsgraph.annotate.relation_records import _citation_id, _pairs
from newsgraph.lexicon.relations import RelationLexicon
from newsgraph.models import Entity, EntityType, Relation


def _phrase_posts(view: DocView, token: Token, lexicon: RelationLexicon) -> list[Relation]:
    """A post whose own phrase names its body, said of the person it stands next to: "Rebecca
    Falconer, an Ithaca College undergraduate", "Maroochydore assistant coach, Ben Radmall"
    (the small model also hangs the name on the post: "coach Ben Radmall"). Not a group of
    people ("a Catholic figure", "an African American man"), unless a party."""
    if view.entity_of(token) is not None or not _is_post(lexicon, token):
        return []
    words = list(view.doc[token.left_edge.i : token.i])
    named = [t for t in words if (e := view.entity_of(t)) and _a_body(view, lexicon, e)]
    if not named:
        return []
    organization = view.entity_of(named[-1])
    after = list(view.doc[named[-1].i + 1 : token.i + 1])
    if organization is None or not all(t.is_lower or t.text == "-" for t in after):
        return []
    tie = _post_tie(view, after, words, organization, lexicon)
    relation = _membership(view, lexicon, organization) if tie is None else tie
    if not relation:
        return []  # "SpaceX founder X": no post by that word
    people = [a for a in described_people(view, token, lexicon.naming_verbs)
              if _next_to(view, token, a.entity)]  # fmt: skip
    return _pairs(view, token, relation, people, [Actor(organization, "mention")])


def _is_post(lexicon: RelationLexicon, token: Token) -> bool:
    """Whether a noun names a post: the lexicon's posts, or the last word of a title."""
    return token.lemma_.lower() in lexicon.post_nouns


def _a_body(view: DocView, lexicon: RelationLexicon, entity: str) -> bool:
    """An organisation one holds a post in: not a people or a faith, a party excepted."""
    body = view.entities.get(entity)
    if body is None or _membership(view, lexicon, entity) is None:
        return False
    return body.type != EntityType.GROUP or _is_party(body)


def _next_to(view: DocView, post: Token, person: str) -> bool:
    """Whether the person is named right after the post, or the post is in apposition to
    them (not another of a list: "SpaceX co-founder Jim Cantrell, indigenous leader ...")."""
    if post.dep_ == "appos" and view.entity_of(post.head) == person:
        return True
    for child in post.children:  # "director Dr. Anthony Fauci": a title between
        if child.dep_ == "appos" and child.i > post.i and view.entity_of(child) == person:
            return not any(t.is_punct and t.text != "." for t in view.doc[post.i : child.i])
    return post.i + 1 < len(view.doc) and view.entity_of(view.doc[post.i + 1]) == person


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
            start = _phrase_start(view, span, lexicon)  # read once: each tie below needs it
            named = _named_with(view, span, preps, start)
            lead = None if named else _list_lead(view, span, lexicon)
            if lead is not None:
                # "NASA astronauts Bob Behnken and Doug Hurley": the list shares the phrase
                start = _phrase_start(view, lead, lexicon)
                named = _named_with(view, lead, preps, start)
                span = view.doc[lead.start : span.end]
            for organization in named:
                if _membership(view, lexicon, organization) is None:
                    if _heads_place(view, span, organization, lexicon):
                        found.append(_led_place(view, span, entity.id, organization))
                    continue
                evidence = view.evidence(list(view.doc[start : span.end + 1]))
                subject, tie, obj = entity.id, relation, organization
                if (chosen := _chosen_by(view, span, organization, lexicon, start)) is not None:
                    subject, tie, obj = organization, chosen, entity.id
                elif (titled := _title_tie(view, span, organization, lexicon, start)) is not None:
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


def _list_lead(view: DocView, span: Span, lexicon: RelationLexicon) -> Span | None:
    """The first name of a list of people a plural noun opens, for a name conjoined to it
    ("NASA astronauts Bob Behnken and Doug Hurley", "Republican senators X and Y"); None
    where the noun is singular ("NASA astronaut X and Y" may be two kinds of people)."""
    root = span.root
    if root.dep_ != "conj" or root.head.i >= root.i:
        return None
    first_start, first_end = view.mention_span.get(root.head.i, (root.head.i, root.head.i + 1))
    entity = view.entity_of(root.head)
    if entity is None or view.entities[entity].type != EntityType.PERSON:
        return None
    lead = view.doc[first_start:first_end]
    start = _phrase_start(view, lead, lexicon)
    words = [t for t in view.doc[start : lead.start] if not _honorific(t)]
    return lead if words and _plural_noun(words[-1]) else None


def _plural_noun(token: Token) -> bool:
    """A lower-case plural; the small model tags some before a name as verbs ("NASA
    astronauts Bob Behnken": VBZ)."""
    return token.is_lower and (
        token.tag_ == "NNS" or (token.tag_ == "VBZ" and token.dep_ == "compound")
    )


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
    view: DocView, span: Span, organization: str, lexicon: RelationLexicon, start: int
) -> str | None:
    """The relation an organisation named before a person holds to them when a reversed noun
    stands between ("Prohibition Party presidential nominee Phil Collins": the party supports
    him; a nominee need not be a member)."""
    for token in _after_body(view, span, organization, start) or ():
        entry = lexicon.nouns.get(token.lemma_.lower())
        if entry is not None and entry[2]:
            return entry[0]
    return None


def _title_tie(
    view: DocView, span: Span, organization: str, lexicon: RelationLexicon, start: int
) -> str | None:
    """What the title between an organisation and the person it names says (guideline 6.1):
    "WHO director-general Tedros" leads, "NAACP vice president X" is a member (None: the
    default), "former Tesco chief executive X" no tie now (the empty string); for a body
    behind "of" on the name, the title before the name ("Director X of Y") says it."""
    after = _after_body(view, span, organization, start)
    if after is None:
        # the body behind "of" on the name: the title is the words before the name
        # ("Director Anthony Fauci of the NIAID" leads it)
        after = view.doc[span.root.left_edge.i : span.start]
    phrase_words = list(view.doc[start : span.start])
    return _post_tie(view, list(after), phrase_words, organization, lexicon)


def _post_tie(
    view: DocView,
    after: list[Token],
    phrase_words: list[Token],
    organization: str,
    lexicon: RelationLexicon,
) -> str | None:
    """What the words of a post after the body they name say of its holder: the relation
    a leadership title gives, None for a member's post, "" for none now."""
    tokens = [t for t in after if not t.is_punct]
    if any(t.lower_ == "and" for t in tokens[1:]):
        # two posts: the one next to the body is held there ("Conservative Party leader and
        # Prime Minister Boris Johnson" leads the party), a founder's the next ("founder and
        # director X")
        tokens = _held_post(tokens, lexicon)
    between = [t.lower_ for t in tokens]
    qualifiers = lexicon.title_qualifiers
    if any(t.lower_ in qualifiers.get("no_tie", ()) for t in phrase_words):
        return ""  # anywhere in the name's phrase: "former Tesco chief executive X"
    if any(w in lexicon.no_post_titles for w in _joined(tokens)):
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


def _held_post(tokens: list[Token], lexicon: RelationLexicon) -> list[Token]:
    """Of posts joined by "and", the first that is one (not a founder's)."""
    posts: list[list[Token]] = [[]]
    for token in tokens:
        if token.lower_ == "and" and posts[-1]:
            posts.append([])
        else:
            posts[-1].append(token)
    for post in posts:
        if post and not all(w in lexicon.no_post_titles for w in _joined(post)):
            return post
    return posts[0]


def _joined(tokens: list[Token]) -> list[str]:
    """A post's words in lower case, a hyphenated word as one ("co - founder": "co-founder")."""
    return " ".join(t.lower_ for t in tokens).replace(" - ", "-").split()


def _after_body(view: DocView, span: Span, organization: str, start: int) -> Span | None:
    """The words between an organisation named in a person's own noun phrase and the name
    ("Prohibition Party [presidential nominee] Phil Collins"); None when it is not in it."""
    words = view.doc[start : span.start]
    at = [t.i for t in words if view.entity_of(t) == organization]
    return view.doc[max(at) + 1 : span.start] if at else None


# words that may stand in a name's own phrase before it, read off the surface ("Sky News
# Arabia producer Jamal al-Harbi")
_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ"})


def _phrase_start(view: DocView, span: Span, lexicon: RelationLexicon) -> int:
    """Where the name's own noun phrase starts: its left edge in the parse, or further left on
    the surface when the small model hung the words before the name elsewhere ("users and
    Sky News Arabia producer Jamal al-Harbi" makes "Sky News Arabia" a conjunct of "users";
    "PG&E President and CEO Andy Vesey" an apposition of the outlet before it) and they are a
    named body and the words of a post."""
    start = _own_words(view, span, span.root.left_edge.i)
    i = span.start
    while i > 0 and _in_phrase(view.doc[i - 1]):
        i -= 1
    if i >= start:
        return start
    words = view.doc[i : span.start]
    named = [t.i for t in words if view.entity_of(t) is not None]
    if not named or max(named) + 1 >= span.start:
        return start  # the post's words after the body are what the reading rests on
    post = [t for t in view.doc[max(named) + 1 : span.start] if not _honorific(t)]
    if not post or not all(
        t.is_lower or t.is_punct or t.lower_ in lexicon.post_words for t in post
    ):
        return start
    return i if _is_post(lexicon, post[-1]) else start


def _honorific(token: Token) -> bool:
    """ "Dr.", "Prof.", "Mr.": an abbreviation before a name, no word of its post."""
    return token.text.endswith(".") and len(token.text) <= 5 and token.text[0].isupper()


def _own_words(view: DocView, span: Span, start: int) -> int:
    """The start of the words before the name that are its own: none before a comma or
    another person's name ("Republican Senator Mitt Romney, a sometime Trump critic" gives
    Trump no party)."""
    for token in reversed(view.doc[start : span.start]):
        entity = view.entity_of(token)
        other = entity is not None and view.entities[entity].type == EntityType.PERSON
        if token.text == "," or other:
            return token.i + 1
    return start


def _in_phrase(token: Token) -> bool:
    return token.pos_ in _PHRASE_POS or token.text in {"-", "&", "and"}


def _named_with(view: DocView, span: Span, preps: frozenset[str], start: int) -> list[str]:
    """Entities in the name's own noun phrase before it (from `start`, `_phrase_start`), or
    behind one of `preps` on it."""
    root = span.root
    found = [
        view.entity_of(t) for t in view.doc[start : span.start]
    ]  # "Republican Representative Francis Rooney"
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                # the body's name, or the name in apposition to its kind ("of worldwide victim
                # group Ending Clergy Abuse")
                found.append(view.entity_of(pobj))
                found += [view.entity_of(c) for c in pobj.children if c.dep_ == "appos"]
    return list(dict.fromkeys(e for e in found if e is not None))
