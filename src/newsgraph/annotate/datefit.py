"""Which of a sentence's dates may date an event: those a trigger's clause can own.

A sentence often holds several dates and several acts. Three shapes put a date on another act
than the trigger's: a year that names when some other thing was ("help in the 2020
election", "this year's election"), a date outside the relative clause the trigger is told in
("Trump, who was elected in 2016, said on Monday"), and a date inside a relative clause the
trigger is not told in ("Trump, who appointed her in 2017, criticised her").
`DocView.date_for` leaves them out, then takes the date nearest the trigger in the parse.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.models import Granularity, TimeExpression

# how a year hangs on the noun it names the time of ("the 2020 election")
_NOUN_MODIFIERS = {"compound", "nummod", "amod", "nmod", "poss"}


def fits(doc: Doc, date: TimeExpression, trigger: Token) -> bool:
    """Whether `date` may date the event `trigger` heads."""
    word = _last_word(doc, date)
    if word is None:
        return True
    return not (
        _names_another(date, word, trigger)
        or _outside_own_relative(word, trigger)
        or _inside_other_relative(word, trigger)
    )


def _last_word(doc: Doc, date: TimeExpression) -> Token | None:
    """The date's own last word ("After the 2018": 2018)."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def _names_another(date: TimeExpression, word: Token, trigger: Token) -> bool:
    """A year modifying a noun other than the trigger ("help in the 2020 election", "a life
    sentence for the 1968 assassination") says when that thing was."""
    return (
        date.granularity == Granularity.YEAR
        and word.dep_ in _NOUN_MODIFIERS
        and word.head.pos_ in {"NOUN", "PROPN"}
        and word.head.i != trigger.i
    )


def _outside_own_relative(word: Token, trigger: Token) -> bool:
    """The trigger is told in a relative clause and the date lies outside it ("the treaty,
    which had been agreed under Obama": "last year" in the main clause does not date it)."""
    clause = next((t for t in (trigger, *trigger.ancestors) if t.dep_ == "relcl"), None)
    return clause is not None and not (clause.left_edge.i <= word.i <= clause.right_edge.i)


def _inside_other_relative(word: Token, trigger: Token) -> bool:
    """The date lies in a relative clause the trigger is not told in ("President Trump, who
    appointed her in 2017, called for a transition": 2017 dates the appointment). One on the
    event noun itself tells when the event was ("the debate, which was slated for October
    15")."""
    clause = next((t for t in (word, *word.ancestors) if t.dep_ == "relcl"), None)
    return (
        clause is not None
        and clause.head.i != trigger.i
        and not (clause.left_edge.i <= trigger.i <= clause.right_edge.i)
    )
