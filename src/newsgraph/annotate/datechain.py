"""Dates that count from an earlier one: "the next day", "three days later", "that year".

News tells an episode in order: "On June 20, the party nominated Smith. Three days later, ..."
and "On the same day, ...". Such an expression names no date of its own; its reference is the
last date the text stated before it (TimeML's reference time), within a few sentences. It is
resolved only where that reference is precise enough ("the next day" needs a day, "the
following year" any date) and where the result is not after the publication date (a
"later" past it means the reference was another story's, or the future, which news rarely
counts this way); otherwise it stays unanchored, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from newsgraph.annotate.dategrammar import NUMBER_WORDS, DateMatch
from newsgraph.models import Granularity, TimeExpression

# how far back (in sentences) the reference may be
MAX_SENTENCES_BACK = 4
_UNITS = {
    "day": "day", "morning": "day", "afternoon": "day", "evening": "day", "night": "day",
    "week": "week", "weekend": "week", "month": "month", "year": "year",
}  # fmt: skip
_STEPS = {
    "same": 0, "that": 0, "next": 1, "following": 1, "after": 1, "previous": -1,
    "preceding": -1, "before": -1,
}  # fmt: skip
# the granularities a reference may have for each unit, finest first
_PRECISE_ENOUGH = {
    "day": {Granularity.DAY},
    "week": {Granularity.DAY, Granularity.WEEK},
    "month": {Granularity.DAY, Granularity.WEEK, Granularity.MONTH},
    "year": {Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.YEAR},
}


def counted_step(match: DateMatch) -> tuple[str, int] | None:
    """(calendar unit, how many of them after the reference) for an expression that counts
    from an earlier date; None for any other."""
    if match.kind == "ago" and (match.get("agodir") or "") in ("later", "earlier"):
        text = (match.get("num") or "").lower()
        number = int(text) if text.isdigit() else NUMBER_WORDS[text]
        sign = 1 if match.get("agodir") == "later" else -1
        unit = (match.get("unit") or "").lower()
        if unit == "decade":  # "a decade later": ten years on
            return "year", sign * 10 * number
        return (_UNITS[unit], sign * number) if unit in _UNITS else None
    if match.kind != "anaphoric":
        return None
    words = (match.get("aphrdir") or match.get("aphr") or "").lower().split()
    step = next((_STEPS[w] for w in reversed(words) if w in _STEPS), 0)
    return _UNITS[(match.get("unit") or match.get("unit2") or "").lower()], step


def reference(expressions: Sequence[TimeExpression], unit: str, sentence: int) -> date | None:
    """The first day of the last date stated before (the expressions so far, in text order)
    that is precise enough for `unit`, within `MAX_SENTENCES_BACK` sentences; an interval
    ("since 2015") or a range is no reference."""
    for expr in reversed(expressions):
        if sentence - expr.sentence > MAX_SENTENCES_BACK:
            return None
        if expr.value is None or expr.relation is not None or "/" in expr.value:
            continue
        if expr.granularity not in _PRECISE_ENOUGH[unit] or expr.range_start is None:
            continue
        return date.fromisoformat(expr.range_start)
    return None
