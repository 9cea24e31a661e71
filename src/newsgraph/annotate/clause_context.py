"""Where a clause sits and what sets it: its sentence, its evidence span, its date and
citation, and the places named as where it happened.

The extractors date and locate what they find the same way: a dated expression inside the
clause that fits its trigger, the one nearest the trigger in the parse (a decade or century
only in the trigger's own clause), else one elsewhere in the sentence, else the date of the
citation that covers the sentence; a place only where it hangs from the trigger without
crossing into a nested clause. `_ClauseContext` holds these readings. It is a mixin of
`DocView` (annotate/frames.py), kept apart because none of it is about who an argument
names, which is what the view's own module reads.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsgraph.annotate.datefit import fits
from newsgraph.models import Citation, Entity, EntityType, Evidence, Granularity, TimeExpression

# A decade or century dates an event only when it is in the event's own clause ("in the 1980s
# the Soviet Union invaded..."); elsewhere in the sentence it names an era ("a mentality out of
# place in the 21st century").
_ERAS = {Granularity.DECADE, Granularity.CENTURY}
_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside"})
# how far (in tokens) a trigger's clause reaches either side; real clauses are far shorter
CLAUSE_REACH = 150
_CLAUSES = {"ccomp", "relcl", "advcl", "acl", "xcomp", "parataxis", "conj"}


class _ClauseContext:
    """Sentences, dates, citations and places around a clause. A mixin of `DocView`, which
    sets the attributes below in its constructor."""

    doc: Doc
    document_id: str
    entities: dict[str, Entity]
    sents: list[Span]
    sent_starts: list[int]
    citations: list[Citation]
    dates: list[TimeExpression]
    _dated: dict[int, list[TimeExpression]] | None

    if TYPE_CHECKING:
        # defined by `DocView`; declared for the checker

        def entity_of(self, token: Token) -> str | None: ...

    def sentence_index(self, token: Token) -> int:
        return bisect.bisect_right(self.sent_starts, token.i) - 1

    def evidence(self, tokens: Sequence[Token]) -> Evidence:
        """Evidence spanning the given tokens (clipped to the sentence of the first)."""
        index = self.sentence_index(tokens[0])
        sent = self.sents[index]
        start = max(min(t.idx for t in tokens), sent.start_char)
        end = min(max(t.idx + len(t.text) for t in tokens), sent.end_char)
        return Evidence(self.document_id, index, start, end)

    def clause(self, token: Token) -> list[Token]:
        """The tokens of the clause a trigger heads (its subtree within the sentence, at most
        CLAUSE_REACH tokens either side: a "sentence" of thousands of tokens is a run-on list,
        and reading all of it for each of its events made one 100 KB text take minutes)."""
        sent = self.sents[self.sentence_index(token)]
        # the parser is projective, so a subtree is the contiguous span between its edges
        start = max(token.left_edge.i, sent.start, token.i - CLAUSE_REACH)
        end = min(token.right_edge.i + 1, sent.end, token.i + CLAUSE_REACH + 1)
        return list(self.doc[start:end])

    def _dates_by_sentence(self) -> dict[int, list[TimeExpression]]:
        """Dated expressions (not times of day) by sentence, built once per document."""
        if self._dated is None:
            self._dated = {}
            for d in self.dates:
                if d.value and d.granularity != Granularity.TIME_OF_DAY:
                    self._dated.setdefault(d.sentence, []).append(d)
        return self._dated

    def date_for(
        self, sentence: int, tokens: Sequence[Token] = ()
    ) -> tuple[str | None, str | None]:
        """(date, basis): a dated expression in the clause or sentence, else the citation's."""
        inside = self._dates_by_sentence().get(sentence, [])
        trigger = _clause_root(tokens) if tokens else None
        if trigger is not None:
            inside = [d for d in inside if fits(self.doc, d, trigger)]
        if tokens and inside:
            lo, hi = min(t.idx for t in tokens), max(t.idx for t in tokens)
            near = [d for d in inside if lo <= d.start <= hi + 1]
            near = [d for d in near if d.granularity not in _ERAS or _own_clause(tokens, d)]
            if near:
                return self._closest(near, tokens).value, "sentence"
        inside = [d for d in inside if d.granularity not in _ERAS]
        if inside:
            return self._closest(inside, tokens).value, "sentence"
        citation = self.citation_for(sentence)
        if citation is not None and citation.date:
            return citation.date, "citation"
        return None, None

    def _closest(self, dates: list[TimeExpression], tokens: Sequence[Token]) -> TimeExpression:
        """The date nearest the clause's trigger in the parse ("Friday's ruling on the 2018
        election" dates the ruling Friday), the first in the text among equals."""
        trigger = _clause_root(tokens)
        if trigger is None or len(dates) == 1:
            return dates[0]
        doc = trigger.doc

        def steps(d: TimeExpression) -> int:
            # from the expression's last word, the date itself: "After the 2018" (election)
            # hangs on its verb by "After", but dates the election, not the verb
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            return _tree_distance(trigger, span[-1]) if span is not None and len(span) else 99

        best = min(dates, key=lambda d: (steps(d), d.start))
        return _refined(best, dates)

    def citation_for(self, sentence: int) -> Citation | None:
        for citation in self.citations:
            if sentence in citation.sentences:
                return citation
        return None

    def places(self, tokens: Sequence[Token], trigger: Token | None = None) -> list[str]:
        """Place or state entities named as locations ("in Caracas") among the tokens; with a
        trigger, only in its own clause ("jailed a student for helping militants join a group
        in Lebanon" did not happen in Lebanon)."""
        found = []
        for token in tokens:
            if token.dep_ != "pobj" or token.head.lower_ not in _LOCATIVE:
                continue
            if trigger is None or _in_own_clause(token, trigger):
                entity = self.entity_of(token)
                if entity and self.entities[entity].type in {EntityType.PLACE, EntityType.STATE}:
                    found.append(entity)
        return found

    def named_venue(self, token: Token) -> list[str]:
        """A place named in an event noun or the trigger's object: "the Beijing Olympics",
        "attended the Helsinki summit" (the place where it happens)."""
        nouns = [token, *(c for c in token.children if c.dep_ == "dobj")]
        found = []
        for noun in nouns:
            for child in noun.children:
                entity = self.entity_of(child) if child.dep_ == "compound" else None
                if entity and self.entities[entity].type in {EntityType.PLACE, EntityType.STATE}:
                    found.append(entity)
        return found


def _refined(date: TimeExpression, dates: Sequence[TimeExpression]) -> TimeExpression:
    """The finest of the dates that lie inside the chosen one: "to leave office next month, on
    August 2" is August 2, not August."""
    value = date.value or ""
    inside = [d for d in dates if d.value and len(d.value) > len(value)
              and d.value.startswith(value + "-")]  # fmt: skip
    return max(inside, key=lambda d: len(d.value or "")) if value and inside else date


def _in_own_clause(token: Token, trigger: Token) -> bool:
    """Whether the token hangs from the trigger without crossing into a nested clause."""
    while token.i != trigger.i and token.head.i != token.i:
        if token.dep_ in _CLAUSES:
            return False
        token = token.head
    return token.i == trigger.i


def _clause_root(tokens: Sequence[Token]) -> Token | None:
    """The token of a clause whose head lies outside it (the trigger that heads it)."""
    members = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in members or t.head.i == t.i), None)


def _tree_distance(a: Token, b: Token) -> int:
    """Arcs on the parse path between two tokens of one sentence."""
    depth = {}
    node, steps = a, 0
    while True:
        depth[node.i] = steps
        if node.head.i == node.i:
            break
        node, steps = node.head, steps + 1
    node, steps = b, 0
    while node.i not in depth:
        if node.head.i == node.i:
            return 99  # different sentences: no path
        node, steps = node.head, steps + 1
    return steps + depth[node.i]


def _own_clause(tokens: Sequence[Token], date: TimeExpression) -> bool:
    """Whether a date sits in the trigger's own clause, not in a clause nested under it."""
    trigger = _clause_root(tokens)
    token = next((t for t in tokens if t.idx == date.start), None)
    if trigger is None or token is None:
        return False
    while token.i != trigger.i and token.head.i != token.i:
        if token.dep_ in _CLAUSES:
            return False
        token = token.head
    return token.i == trigger.i
