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
import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from newsgraph.annotate.datechain import counted_step, reference
from newsgraph.annotate.dategrammar import (
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    SEASONS,
    WEEKDAYS,
    DateMatch,
    find_date_matches,
)
from newsgraph.models import Granularity, Sentence, TimeExpression

_PREFIX = re.compile(
    r"(?P<rel>\b(?:[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter|[Bb]y|[Aa]s of|[Ff]rom|[Bb]etween|"
    r"[Uu]p to|[Tt]hrough)\s+)?(?:the\s+)?(?P<mod>(?:[Tt]he\s+)?(?:(?:very\s+)?(?:[Ee]arly|[Mm]id|"
    r"[Mm]iddle of|[Ll]ate|[Ee]nd of|[Bb]eginning of|[Ss]tart of|[Tt]urn of|[Ff]irst half of|"
    r"[Ss]econd half of))[\s-]*(?:the\s+)?)?$"
)
_FUTURE = re.compile(
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


@dataclass(frozen=True, slots=True)
class Anchored:
    """A match placed in time: ISO value at its granularity and the days it covers."""

    granularity: Granularity
    value: str | None
    first: date | None = None
    last: date | None = None
    year_inferred: bool = False


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
    found = _shift(unit, step, ref)
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


def anchor(match: DateMatch, base: date | None, *, future: bool = False) -> Anchored | None:
    """Place one match in time; None when the match turns out not to be a date."""
    handler = _HANDLERS.get(match.kind)
    if handler is None:
        return None
    try:
        return handler(match, base, future)
    except ValueError:  # e.g. "February 30": a shape that is no real date
        return None


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
    return bool(_FUTURE.search(text[start:offset]))


# --- anchoring, one function per grammar pattern -------------------------------------------


def _month(match: DateMatch, key: str = "m1") -> int:
    word = (match.get(key) or "").lower().rstrip(".")
    return int(word) if word.isdigit() else MONTHS[word]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(match: DateMatch, m: str = "m1", d: str = "d1", y: str = "y1") -> Anchored:
    day = date(int(match.get(y) or 0), _month(match, m), int(match.get(d) or 0))
    return Anchored(Granularity.DAY, day.isoformat(), day, day)


def _full_date(match: DateMatch, _base: date | None, _future: bool) -> Anchored:
    return _day(match)


def _closest_year(month: int, day: int, base: date, future: bool) -> date:
    """The occurrence of a year-less day nearest the base date.

    News mostly reports the past, so a later date counts double its distance ("April 5" in an
    article of March 17 is still next month's); in a future-tense sentence an earlier one does.
    """
    options = [date(y, month, min(day, calendar.monthrange(y, month)[1])) for y in
               (base.year - 1, base.year, base.year + 1)]  # fmt: skip

    def cost(d: date) -> int:
        days = (d - base).days
        later_weight, earlier_weight = (1, 2) if future else (2, 1)
        return days * later_weight if days >= 0 else -days * earlier_weight

    return min(options, key=cost)


def _month_day(match: DateMatch, base: date | None, future: bool) -> Anchored:
    month, day = _month(match), int(match.get("d1") or 0)
    date(2000, month, day)  # validates the day (2000 is a leap year)
    if base is None:
        return Anchored(Granularity.DAY, f"--{month:02d}-{day:02d}", year_inferred=True)
    when = _closest_year(month, day, base, future)
    return Anchored(Granularity.DAY, when.isoformat(), when, when, year_inferred=True)


def _day_range(match: DateMatch, base: date | None, future: bool) -> Anchored:
    m2 = "m2" if match.get("m2") else "m1"
    year_text = match.get("y1")
    if year_text is None and base is None:
        return Anchored(Granularity.DAY, None, year_inferred=True)
    if year_text is None and base is not None:
        first = _closest_year(_month(match), int(match.get("d1") or 0), base, future)
        year = first.year
    else:
        year = int(year_text or 0)
        first = date(year, _month(match), int(match.get("d1") or 0))
    last = date(year, _month(match, m2), int(match.get("d2") or 0))
    if last < first:
        last = date(year + 1, last.month, last.day)
    value = f"{first.isoformat()}/{last.isoformat()}"
    return Anchored(Granularity.DAY, value, first, last, year_inferred=year_text is None)


def _month_year(match: DateMatch, _base: date | None, _future: bool) -> Anchored:
    year, month = int(match.get("y1") or 0), _month(match)
    return Anchored(Granularity.MONTH, f"{year}-{month:02d}", date(year, month, 1),
                    _month_end(year, month))  # fmt: skip


def _month_range(match: DateMatch, _base: date | None, _future: bool) -> Anchored:
    year = int(match.get("y1") or 0)
    m1, m2 = _month(match), _month(match, "m2")
    first_year = year - 1 if m1 > m2 else year
    return Anchored(Granularity.MONTH, f"{first_year}-{m1:02d}/{year}-{m2:02d}",
                    date(first_year, m1, 1), _month_end(year, m2))  # fmt: skip


def _month_only(match: DateMatch, base: date | None, future: bool) -> Anchored:
    month = _month(match)
    if base is None:
        return Anchored(Granularity.MONTH, f"--{month:02d}", year_inferred=True)
    ctx = (match.get("ctx") or "").lower()
    if ctx == "next":
        year = base.year if month > base.month else base.year + 1
    elif ctx == "last":
        year = base.year if month < base.month else base.year - 1
    elif ctx == "this":
        year = base.year
    elif future:
        year = base.year if month >= base.month else base.year + 1
    else:
        year = base.year if month <= base.month else base.year - 1
    return Anchored(Granularity.MONTH, f"{year}-{month:02d}", date(year, month, 1),
                    _month_end(year, month), year_inferred=True)  # fmt: skip


def _month_of_year(match: DateMatch, base: date | None, _future: bool) -> Anchored:
    """ "January of last year": the month in the year before the base date's."""
    month = _month(match)
    if base is None:
        return Anchored(Granularity.MONTH, f"--{month:02d}", year_inferred=True)
    year = base.year + {"last": -1, "next": 1}.get((match.get("yrel") or "").lower(), 0)
    return Anchored(Granularity.MONTH, f"{year}-{month:02d}", date(year, month, 1),
                    _month_end(year, month))  # fmt: skip


def _season(match: DateMatch, _base: date | None, _future: bool) -> Anchored:
    year, season = int(match.get("y1") or 0), (match.get("season") or "").lower()
    start_month = SEASONS[season]
    first = date(year, start_month, 1)
    end_year, end_month = (year + 1, 2) if start_month == 12 else (year, start_month + 2)
    code = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}[season]
    return Anchored(Granularity.SEASON, f"{year}-{code}", first, _month_end(end_year, end_month))


def _quarter(match: DateMatch, _base: date | None, _future: bool) -> Anchored:
    q_text = (match.get("q") or "").lower()
    quarter = int(q_text[0]) if q_text[0].isdigit() else ORDINALS[q_text]
    year = int(match.get("y1") or 0)
    return Anchored(Granularity.QUARTER, f"{year}-Q{quarter}", date(year, 3 * quarter - 2, 1),
                    _month_end(year, 3 * quarter))  # fmt: skip


def _decade(match: DateMatch, base: date | None, _future: bool) -> Anchored:
    if match.get("dec"):
        start = int(match.get("dec") or 0)
    else:
        short = int(match.get("dec2") or 0)
        this_year = (base or date.today()).year
        start = 2000 + short if 2000 + short <= this_year else 1900 + short
    return Anchored(Granularity.DECADE, f"{start}s", date(start, 1, 1), date(start + 9, 12, 31))


def _century(match: DateMatch, _base: date | None, _future: bool) -> Anchored:
    word = (match.get("cent") or "").lower()
    number = int(word[:-2]) if word[:-2].isdigit() else ORDINALS[word]
    first_year = (number - 1) * 100
    return Anchored(Granularity.CENTURY, f"{number}th century".replace("1th", "1st"),
                    date(max(first_year, 1), 1, 1), date(first_year + 99, 12, 31))  # fmt: skip


def _year_range(match: DateMatch, _base: date | None, _future: bool) -> Anchored:
    y1, y2_text = int(match.get("y1") or 0), match.get("y2") or ""
    y2 = int(y2_text) if len(y2_text) == 4 else (y1 // 100) * 100 + int(y2_text)
    return Anchored(Granularity.YEAR, f"{y1}/{y2}", date(y1, 1, 1), date(y2, 12, 31))


def _year(match: DateMatch, _base: date | None, _future: bool) -> Anchored:
    year = int(match.get("y1") or 0)
    return Anchored(Granularity.YEAR, str(year), date(year, 1, 1), date(year, 12, 31))


def _relative_day(match: DateMatch, base: date | None, _future: bool) -> Anchored:
    word = " ".join((match.get("relday") or "").lower().split())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[word]  # fmt: skip
    if base is None:
        return Anchored(Granularity.DAY, None)
    when = base + timedelta(days=offset)
    return Anchored(Granularity.DAY, when.isoformat(), when, when)


def _relative_unit(match: DateMatch, base: date | None, _future: bool) -> Anchored:
    direction = (match.get("reldir") or "").lower().split()[-1]
    unit = (match.get("unit") or "").lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(direction, 0)
    return _shift(unit, step, base)


def _ago(match: DateMatch, base: date | None, _future: bool) -> Anchored:
    num_text = (match.get("num") or "").lower()
    number = int(num_text) if num_text.isdigit() else NUMBER_WORDS[num_text]
    unit = (match.get("unit") or "").lower()
    if (match.get("agodir") or "") != "ago":
        # "83 years later", "two days earlier" count from a date in the story, not from the
        # publication date: left unanchored rather than dated wrong ("later" in 2019 is not 2102)
        return _shift(unit, 0, None)
    return _shift(unit, -number, base)


def _shift(unit: str, step: int, base: date | None) -> Anchored:
    """The calendar unit `step` units away from the base date ("last month": -1)."""
    granularity = {"day": Granularity.DAY, "week": Granularity.WEEK, "weekend": Granularity.WEEK,
                   "month": Granularity.MONTH, "year": Granularity.YEAR,
                   "decade": Granularity.DECADE}.get(unit, Granularity.SEASON)  # fmt: skip
    if base is None or granularity == Granularity.SEASON:
        return Anchored(granularity, None)
    if granularity == Granularity.DAY:
        when = base + timedelta(days=step)
        return Anchored(granularity, when.isoformat(), when, when)
    if granularity == Granularity.WEEK:
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=step)
        iso = monday.isocalendar()
        first = monday + timedelta(days=5) if unit == "weekend" else monday
        return Anchored(granularity, f"{iso.year}-W{iso.week:02d}", first, monday + timedelta(6))
    if granularity == Granularity.MONTH:
        index = base.year * 12 + base.month - 1 + step
        year, month = divmod(index, 12)
        return Anchored(granularity, f"{year}-{month + 1:02d}", date(year, month + 1, 1),
                        _month_end(year, month + 1))  # fmt: skip
    if granularity == Granularity.YEAR:
        year = base.year + step
        return Anchored(granularity, str(year), date(year, 1, 1), date(year, 12, 31))
    start = (base.year // 10) * 10 + 10 * step
    return Anchored(granularity, f"{start}s", date(start, 1, 1), date(start + 9, 12, 31))


def _weekday(match: DateMatch, base: date | None, future: bool) -> Anchored:
    target = WEEKDAYS[(match.get("wd") or "").lower()]
    direction = (match.get("wdir") or "").lower()
    if base is None:
        return Anchored(Granularity.DAY, None)
    if direction == "next" or (future and direction != "last"):
        when = base + timedelta(days=(target - base.weekday()) % 7 or 7)
    elif direction == "last":
        when = base - timedelta(days=(base.weekday() - target) % 7 or 7)
    else:
        # "On Monday, police arrested ..." in a story published on a Monday is that day
        when = base - timedelta(days=(base.weekday() - target) % 7)
    return Anchored(Granularity.DAY, when.isoformat(), when, when)


def _time_of_day(_match: DateMatch, _base: date | None, _future: bool) -> Anchored:
    return Anchored(Granularity.TIME_OF_DAY, None)


def _unanchored(match: DateMatch, base: date | None, _future: bool) -> Anchored:
    """ "The next day" alone: placed only from the date before it (`_counted`). "The previous
    month" and "the next year" with none before them read as "last month" and "next year"."""
    unit, step = counted_step(match) or ("day", 0)
    words = (match.get("aphr") or "").lower().split()
    if unit != "day" and ("previous" in words or "next" in words):
        return _shift(unit, step, base)
    return Anchored(Granularity(unit) if unit != "day" else Granularity.DAY, None)


_HANDLERS: dict[str, Callable[[DateMatch, date | None, bool], Anchored]] = {
    "iso": _full_date, "mdy": _full_date, "dmy": _full_date, "md": _month_day, "dm": _month_day,
    "mdy_range_md": _day_range, "mdy_range_d": _day_range, "dmy_range": _day_range,
    "my": _month_year, "my_rel": _month_of_year, "my_range": _month_range,
    "month_ctx": _month_only, "season_y": _season,
    "quarter_y": _quarter, "q_y": _quarter, "decade": _decade, "century": _century,
    "y_range": _year_range, "year": _year, "relative_day": _relative_day,
    "relative_unit": _relative_unit, "ago": _ago, "weekday": _weekday,
    "time_of_day": _time_of_day, "anaphoric": _unanchored,
}  # fmt: skip
