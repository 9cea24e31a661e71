"""Which entry of the events lexicon a word takes: a verb's (its particle, its object, the
prepositions it takes, and the complements that void an entry: "released a statement",
"helped manage", "insisted that he was") and a noun's (a two-word entry before the noun's own),
and which objects rule a verb out for every coder."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.annotate.frames import noun_keys
from newsgraph.lexicon.patterns import EventLexicon, Pattern, Polarity

# a general verb pattern does not apply to its phrasal verbs: "call off" is not "call"
_BLOCKING_PARTICLES = {"off", "down", "out", "up", "back", "away"}


def _objects(token: Token) -> set[str]:
    """The keys of the verb's objects; a sum of money ("$80", "5,000 euros") is "money". A
    reduced passive's object is the noun it modifies ("a cable released by WikiLeaks")."""
    objects = [c for c in (*token.children, *prepositional_objects(token))
               if c.dep_ in {"dobj", "nsubjpass", "pobj"}]  # fmt: skip
    if token.dep_ == "acl" and token.tag_ == "VBN":
        objects.append(token.head)
    keys = {key for c in objects for key in noun_keys(c)}
    # a sum as the object, or as a range after it: "charged between $910 and $3,250"
    ranged = [c for prep in token.children if prep.dep_ == "prep" for c in prep.children
              if c.dep_ == "pobj"]  # fmt: skip
    if any(c.ent_type_ == "MONEY" for c in (*objects, *ranged)):
        keys.add("money")
    return keys


def excluded_object(token: Token, lexicon: EventLexicon) -> bool:
    """Whether the lexicon rules this verb out by its object (`not_object`: "charged a fee",
    "released a statement"), or this noun by what it is of or for or its modifiers ("demand
    for cocaine", "growing demand"): no coder, rule or learned, makes an event of it."""
    patterns = lexicon.verbs.get(token.lemma_.lower(), ())
    excluded = frozenset().union(*(p.not_object for p in patterns))
    return (bool(excluded) and bool(excluded & _objects(token))) or excluded_noun_object(
        token, lexicon
    )


def excluded_noun_object(token: Token, lexicon: EventLexicon) -> bool:
    """Whether the noun's entries rule it out by what it is of or for, or by a modifier: a
    market's "demand for cocaine" or "growing demand" is no one's request."""
    if token.pos_ != "NOUN":
        return False
    patterns = lexicon.nouns.get(token.lemma_.lower(), ())
    excluded = frozenset().union(*(p.not_object for p in patterns))
    return bool(excluded) and bool(excluded & _noun_objects(token))


def _noun_objects(noun: Token) -> set[str]:
    keys = {c.lemma_.lower() for c in noun.children if c.dep_ in {"amod", "compound"}}
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"for", "of"}:
            keys |= {k for o in prep.children if o.dep_ == "pobj" for k in noun_keys(o)}
    return keys


def verb_pattern(token: Token, lexicon: EventLexicon) -> Pattern | None:
    candidates = lexicon.verbs.get(token.lemma_.lower(), ())
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    objects = _objects(token)
    # specific patterns (an object, particle or preposition required) win over general ones,
    # whichever file they come from: "struck a deal" is AGREE before "struck" is ASSAULT
    specific = [p for p in candidates if p.object or p.particle or p.with_prep or p.complement]
    general = [p for p in candidates if not (p.object or p.particle or p.with_prep or p.complement)]
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    # what the verb calls its object, read once for the entries that ask
    leaning = (
        complement_polarity(token, lexicon.polarity)
        if any(p.complement for p in specific)
        else None
    )
    for pattern in specific:
        if pattern.particle and pattern.particle != particle:
            continue
        if pattern.object and not pattern.object & objects:
            continue
        if pattern.object and _object_coded_otherwise(token, pattern, lexicon):
            continue  # "launched a verbal attack": criticism, as the noun's own entry says
        if pattern.with_prep and not pattern.with_prep & preps:
            continue
        if pattern.complement and pattern.complement != leaning:
            continue
        if not _voided(pattern, token, objects):
            return pattern
    if not general or particle in _BLOCKING_PARTICLES:
        return None
    return None if _voided(general[0], token, objects) else general[0]


# how strongly a word must lean to make what it calls something criticism or praise
_LEANING = 0.25
# what below a complement tells of something else: its clauses ("called it unlikely that the
# EU would") and prepositional phrases ("a step towards solving the dispute")
_ASIDES = frozenset({"ccomp", "csubj", "relcl", "acl", "advcl", "xcomp", "prep"})
_NEGATIONS = frozenset({"not", "no", "never", "hardly"})


def complement_polarity(verb: Token, polarity: Polarity) -> str | None:
    """What the verb calls its object, as its words lean: "dismissive" ("called the report
    false", "labeled it a hoax"), "negative" ("called the move a disgrace"), "positive"
    ("described him as a decent man") or None (neutral, unrated, or no complement). The
    complement is the verb's predicate of its object (`oprd`: "called it a mess") or the
    object of its "as" ("described the speech as flat"); a complement that opens a clause
    judges a proposition, not the object ("called it unlikely that the EU would pay")."""
    words = _complement_words(verb)
    if not words or _unvoiced(verb):
        return None
    if any(w.lower_ in polarity.dismissive or w.lemma_.lower() in polarity.dismissive
           for w in words):  # fmt: skip
        return "dismissive"
    values = [v for w in words if (v := _polarity_of(w, polarity)) is not None]
    if not values:
        return None
    if any(w.lower_ in _NEGATIONS for w in words):
        values = [-v for v in values]
    low, high = min(values), max(values)
    if low <= -_LEANING and -low >= high:
        return "negative"
    return "positive" if high >= _LEANING else None


def _unvoiced(verb: Token) -> bool:
    """A passive with no one by whom it is said names, it does not judge: "a group called
    the Front", "it is called forbidden pairing"."""
    passive = (verb.dep_ == "acl" and verb.tag_ == "VBN") or any(
        c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children
    )
    return passive and not any(c.dep_ == "agent" for c in verb.children)


def has_complement(verb: Token) -> bool:
    """Whether the verb says what its object is ("called it a mess", "described him as a")."""
    return bool(_complement_heads(verb))


def _complement_heads(verb: Token) -> list[Token]:
    """The verb's predicate of its object (`oprd`) and the object of its "as"."""
    heads = [c for c in verb.children if c.dep_ == "oprd"]
    return heads + [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                    for o in c.children if o.dep_ in {"pobj", "amod", "acomp"}]  # fmt: skip


def _complement_words(verb: Token) -> list[Token]:
    heads = _complement_heads(verb)
    # a complement that opens a clause judges a proposition; a proper name names
    if any(h.pos_ == "PROPN" or any(c.dep_ in {"ccomp", "csubj"} for c in h.children)
           for h in heads):  # fmt: skip
        return []
    return [w for h in heads for w in _within(h)]


def _within(head: Token) -> list[Token]:
    """The head and the words that qualify it (its modifiers and conjuncts: "a senseless and
    cowardly act"), less its clauses and prepositional phrases."""
    found = [head]
    for child in head.children:
        if child.dep_ not in _ASIDES:
            found += _within(child)
    return found


def _polarity_of(word: Token, polarity: Polarity) -> float | None:
    if not word.is_alpha:
        return None
    value = polarity.words.get(word.lower_)
    return polarity.words.get(word.lemma_.lower()) if value is None else value


def _object_coded_otherwise(token: Token, pattern: Pattern, lexicon: EventLexicon) -> bool:
    """Whether the object the entry names has an entry of its own, with its modifier, of
    another type: "a verbal attack" is ACCUSE, so "launched a verbal attack" is no assault."""
    for child in token.children:
        if child.dep_ != "dobj" or not pattern.object & set(noun_keys(child)):
            continue
        own = noun_pattern(child, lexicon)
        if own is not None and " " in own.lemma and own.event != pattern.event:
            return True
    return False


def _voided(pattern: Pattern, token: Token, objects: set[str]) -> bool:
    """Whether the verb's own complements void the entry (`not_object`, `not_after`,
    `demands_only`, `not_of_a_view`, `not_before_act`)."""
    if pattern.not_object & objects:
        return True
    if pattern.not_after and pattern.not_after & _openers(token):
        return True
    if pattern.demands_only and _states_a_fact(token):
        return True
    if pattern.not_of_a_view and _states_a_view(token):
        return True
    return pattern.not_before_act and _helps_an_act(token)


# the complements that make a verb's object its own: "helped them get", "assist police in"
_OBJECTS = frozenset({"dobj", "iobj", "dative"})


def _helps_an_act(verb: Token) -> bool:
    """Whether the verb takes a verbal complement and no object of its own: "helped manage the
    delivery", "help to protect the forest" tell the act helped, which the lexicon codes on its
    own; "helped them get benefits" names whom it helped."""
    children = list(verb.children)
    acts = any(c.dep_ in {"xcomp", "ccomp"} and c.pos_ in {"VERB", "AUX"} for c in children)
    return acts and not any(c.dep_ in _OBJECTS for c in children)


# a finite verb form: the clause it heads tells what is, was or will be
_FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP"})
# modals that ask for an act ("insisted that he should resign")
_DEMANDING_MODALS = frozenset({"should", "must", "shall"})


# modals that tell what is to be done ("agreed that the talks would resume")
_FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll", "wo"}) | _DEMANDING_MODALS


def _states_a_fact(verb: Token) -> bool:
    """Whether the verb's complement clause is a statement (a finite verb, or a modal that
    predicts) rather than a demand (a subjunctive "that the budget include", "should")."""
    return _tells_what_is(verb, but_not=_DEMANDING_MODALS)


def _states_a_view(verb: Token) -> bool:
    """Whether the verb's complement clause says what is or was (a finite verb, or a modal of
    possibility: "agreed the book may have contained classified material") rather than what
    is to be done ("agreed that the ceasefire will begin", "that the troops should leave")."""
    return _tells_what_is(verb, but_not=_FUTURE_MODALS)


def _tells_what_is(verb: Token, but_not: frozenset[str]) -> bool:
    """Whether the verb's complement clause is finite or modal, with none of `but_not`."""
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        helpers = [c for c in clause.children if c.dep_ in {"aux", "auxpass"}]
        if any(h.lower_ in but_not for h in helpers):
            return False
        return clause.tag_ in _FINITE_TAGS or any(
            h.tag_ in _FINITE_TAGS or h.tag_ == "MD" for h in helpers
        )
    return False


def _openers(token: Token) -> set[str]:
    """The verb's prepositions and the words opening its complement clauses ("asked about",
    "asked if", "agreed with him to leave")."""
    words = {c.lower_ for c in token.children if c.dep_ == "prep" and not _temporal(c)}
    for clause in token.children:
        if clause.dep_ in {"ccomp", "advcl"}:
            words |= {c.lower_ for c in clause.children if c.dep_ in {"mark", "advmod"}}
        elif clause.dep_ == "xcomp":
            words |= {c.lower_ for c in clause.children if c.dep_ == "aux"}
    return words


def _temporal(prep: Token) -> bool:
    """A preposition of time ("on Monday", "in May"), which says nothing of what the verb
    means."""
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


def prepositional_objects(token: Token) -> list[Token]:
    """The object of a prepositional verb: "advised against travel", "called for talks"."""
    return [
        pobj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in {"against", "for"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def noun_pattern(token: Token, lexicon: EventLexicon) -> Pattern | None:
    """The noun's entry; a two-word entry ("hunger strike", "air strike": modifier and noun)
    before the noun's own ("strike"). A gerund's lemma is the verb's ("shelling": "shell"),
    so its own form is tried too."""
    keys = [*noun_keys(token), token.lower_]
    candidates = next((lexicon.nouns[k] for k in keys if k in lexicon.nouns), ())
    return candidates[0] if candidates else None
