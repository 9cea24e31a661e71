"""Normalise recognised time expressions against the publication date.

"April 30" in an article published 2019-05-03 is 2019-04-30; "the end of March 2019" is
2019-03-21..2019-03-31 at month granularity; "since January 2019" is an interval open at its
end; "last week" needs a publication date and stays unanchored (value None) without one.

    >>> from datetime import date
    >>> [t.value for t in find_dates("Talks began on May 1.", base=date(2019, 5, 3))]
    ['2019-05-01']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from newsgraph.annotate.anchors import Anchored, anchor, shift
from newsgraph.annotate.datechain import counted_step, reference
from newsgraph.annotate.dategrammar import DateMatch, find_date_matches
from newsgraph.models import Granularity, Sentence, TimeExpression

_PREFIX = re.compile(
    r"(?P<rel>\b(?:[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter|[Bb]y|[Aa]s of|[Ff]rom|[Bb]etween|"
    r"[Uu]p to|[Tt]hrough)\s+)?(?:the\s+)?(?P<mod>(?:[Tt]he\s+)?(?:(?:very\s+)?(?:[Ee]arly|[Mm]id|"
    r"[Mm]iddle of|[Ll]ate|[Ee]nd of|[Bb]eginning of|[Ss]tart of|[Tt]urn of|[Ff]irst half of|"
    r"[Ss]econd half of))[\s-]*(?:the\s+)?)?$"
)
FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is (?:set|due|scheduled|expected|going) to|are (?:set|due|scheduled|"
    r"expected|going) to|plans? to|upcoming|"
    # "has been scheduled for November", "is to be sentenced in June", "a trial anticipated to
    # begin in January" (not "was scheduled for May": that may have passed)
    r"(?:has|have) been (?:scheduled|slated|set|planned) (?:for|to)|(?:is|are) to (?:be )?\w+|"
    r"anticipated to)\b"
)
_RELATIONS = {
    "since": "since", "until": "until", "till": "until", "up to": "until", "through": "until",
    "by": "by", "before": "before", "after": "after", "as of": "as_of", "from": "from",
    "between": "between",
}  # fmt: skip
_MODIFIERS = {
    "early": (0.0, 1 / 3), "beginning of": (0.0, 1 / 3), "start of": (0.0, 1 / 3),
    "mid": (1 / 3, 2 / 3), "middle of": (1 / 3, 2 / 3), "late": (2 / 3, 1.0),
    "end of": (2 / 3, 1.0), "turn of": (0.9, 1.0), "first half of": (0.0, 0.5),
    "second half of": (0.5, 1.0),
}  # fmt: skip


def find_dates(
    text: str,
    *,
    base: date | None,
    sentences: Sequence[Sentence] = (),
    skip: Callable[[int, int], bool] = lambda _s, _e: False,
) -> tuple[TimeExpression, ...]:
    """Find and normalise every time expression in `text` (offsets index `text`)."""
    expressions: list[TimeExpression] = []
    starts = [s.start for s in sentences]
    for match in find_date_matches(text):
        if skip(match.start, match.end):
            continue
        sentence = _sentence_of(sentences, starts, match.start)
        future = _is_future(text, sentences, sentence, match.start)
        anchored = anchor(match, base, future=future)
        if anchored is None:
            continue
        counted = counted_step(match)
        if counted is not None:
            anchored = _counted(anchored, counted, expressions, sentence, base)
        elif anchored.year_inferred and sentence < len(sentences):
            opening = text[sentences[sentence].start : match.start]
            anchored = _in_stated_year(anchored, expressions, sentence, opening)
        expressions.append(_expression(text, match, anchored, sentence, len(expressions)))
    return tuple(_attach_times_of_day(text, _merge_ranges(text, expressions)))


def _counted(
    anchored: Anchored,
    counted: tuple[str, int],
    before: Sequence[TimeExpression],
    sentence: int,
    base: date | None,
) -> Anchored:
    """An expression counting from the last date stated ("the next day"): anchored there
    (annotate/datechain.py), unless that comes after the publication date."""
    unit, step = counted
    ref = reference(before, unit, sentence)
    if ref is None:
        return anchored
    found = shift(unit, step, ref)
    if found.first is None or (base is not None and found.first > base):
        return anchored
    return found


# a sentence framed in a year: "In 2016, ...", "During the 2016 campaign, ..."
_YEAR_FRAME = re.compile(r"\s*(?:(?:In|During|Throughout|By)\s+)?(?:the\s+)?(?:1[5-9]|20)\d\d\b")


def _in_stated_year(
    anchored: Anchored, before: Sequence[TimeExpression], sentence: int, opening: str
) -> Anchored:
    """A day or month without a year in a sentence that opens in a year: in that year ("In
    the 2016 election, Sanders did not endorse her until July": July 2016). A year elsewhere
    in the sentence may frame another clause ("became president in 2005 and was due to stand
    down in August") or only name something ("the 2016 ticket")."""
    frame = _YEAR_FRAME.match(opening)
    year = next(
        (int(e.value) for e in before if e.sentence == sentence
         and e.granularity == Granularity.YEAR and e.value and e.value.isdigit()),
        None,
    )  # fmt: skip
    if frame is None or year is None or int(frame.group(0)[-4:]) != year:
        return anchored
    if anchored.first is None or anchored.last is None:
        return anchored
    if "/" in (anchored.value or ""):
        return anchored  # a range ("May 5-7") keeps its inferred year
    try:
        first, last = anchored.first.replace(year=year), anchored.last.replace(year=year)
    except ValueError:  # February 29
        return anchored
    value = first.isoformat() if anchored.granularity == Granularity.DAY else first.isoformat()[:7]
    return Anchored(anchored.granularity, value, first, last)


def _expression(
    text: str, match: DateMatch, anchored: Anchored, sentence: int, index: int
) -> TimeExpression:
    prefix = _PREFIX.search(text, max(0, match.start - 40), match.start)
    start, relation, modifier = match.start, None, None
    if prefix is not None and prefix.group(0).strip():
        start = prefix.start()
        if prefix.group("rel"):
            relation = _RELATIONS[prefix.group("rel").strip().lower()]
        if prefix.group("mod"):
            modifier = re.sub(r"^the\s+|very\s+|[\s-]+$|\s+the$", "", prefix.group("mod").lower())
            modifier = modifier.strip()
    first, last = anchored.first, anchored.last
    if modifier in _MODIFIERS and first and last and anchored.granularity != Granularity.DAY:
        first, last = _narrow(first, last, _MODIFIERS[modifier])
    first, last = _open_interval(relation, first, last)
    granularity = anchored.granularity
    time_of_day = text[match.start : match.end] if granularity == Granularity.TIME_OF_DAY else None
    return TimeExpression(
        id=f"t{index + 1}",
        text=text[start : match.end],
        start=start,
        end=match.end,
        sentence=sentence,
        granularity=granularity,
        value=anchored.value,
        range_start=first.isoformat() if first else None,
        range_end=last.isoformat() if last else None,
        relation=relation,
        modifier=modifier,
        time_of_day=time_of_day,
        year_inferred=anchored.year_inferred,
    )


def _narrow(first: date, last: date, share: tuple[float, float]) -> tuple[date, date]:
    days = (last - first).days + 1
    return (
        first + timedelta(days=int(days * share[0])),
        first + timedelta(days=max(0, round(days * share[1]) - 1)),
    )


def _open_interval(
    relation: str | None, first: date | None, last: date | None
) -> tuple[date | None, date | None]:
    if relation == "since" or relation == "from":
        return first, None if relation == "since" else last
    if relation in {"until", "by"}:
        return None, last
    if relation == "before":
        return None, (first - timedelta(days=1)) if first else None
    if relation == "after":
        return (last + timedelta(days=1)) if last else None, None
    return first, last


def _merge_ranges(text: str, expressions: list[TimeExpression]) -> list[TimeExpression]:
    """Join "from X to Y" and "between X and Y" into one closed interval."""
    merged: list[TimeExpression] = []
    for expr in expressions:
        prev = merged[-1] if merged else None
        if prev is not None and prev.relation in {"from", "between"}:
            gap = text[prev.end : expr.start].strip().lower()
            if (
                gap in {"to", "until", "till", "through", "-", "–", "and"}
                and expr.sentence == prev.sentence
            ):
                merged[-1] = replace(
                    prev,
                    text=text[prev.start : expr.end],
                    end=expr.end,
                    range_end=expr.range_end,
                    value=f"{prev.value}/{expr.value}" if prev.value and expr.value else None,
                    relation=None,
                )
                continue
        merged.append(expr)
    return [replace(e, id=f"t{i + 1}") for i, e in enumerate(merged)]


def _attach_times_of_day(text: str, expressions: list[TimeExpression]) -> list[TimeExpression]:
    """Fold "the early morning of April 30" and "on Monday morning" into one expression."""
    out: list[TimeExpression] = []
    for expr in expressions:
        prev = out[-1] if out else None
        if prev is not None and _adjacent(text, prev, expr):
            time_part, date_part = (prev, expr) if prev.time_of_day else (expr, prev)
            out[-1] = replace(
                date_part,
                text=text[prev.start : expr.end],
                start=prev.start,
                end=expr.end,
                time_of_day=time_part.text,
            )
            continue
        out.append(expr)
    return [replace(e, id=f"t{i + 1}") for i, e in enumerate(out)]


def _adjacent(text: str, a: TimeExpression, b: TimeExpression) -> bool:
    if (a.time_of_day is None) == (b.time_of_day is None) or a.sentence != b.sentence:
        return False
    gap = text[a.end : b.start]
    return bool(re.fullmatch(r"\s*(?:,\s*)?(?:of|on|at|in)?\s*(?:the\s+)?", gap)) and len(gap) < 12


def _sentence_of(sentences: Sequence[Sentence], starts: Sequence[int], offset: int) -> int:
    """The sentence holding `offset`: a binary search of the sentences' `starts`."""
    i = bisect.bisect_right(starts, offset) - 1
    if 0 <= i < len(sentences) and sentences[i].start <= offset < sentences[i].end:
        return sentences[i].index
    return sentences[-1].index if sentences else 0


def _is_future(text: str, sentences: Sequence[Sentence], index: int, offset: int) -> bool:
    start = sentences[index].start if index < len(sentences) else max(0, offset - 200)
    return bool(FUTURE.search(text[start:offset]))


# --- anchoring, one function per grammar pattern -------------------------------------------
