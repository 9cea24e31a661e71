"""Each kind of date the grammar matches, placed in time: its calendar interval and ISO value
against the publication date ("April 30" in an article of 2019-05-03 is 2019-04-30, "the 1980s"
the decade, "two weeks ago" the week before last). `annotate.dates` adds the context words
("since", "the end of") and the chains ("the next day") around them.

    >>> from datetime import date
    >>> from newsgraph.annotate.dategrammar import find_date_matches
    >>> anchor(find_date_matches("on May 1")[0], date(2019, 5, 3)).value
    '2019-05-01'
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.annotate.datechain import counted_step
from newsgraph.annotate.dategrammar import (
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    SEASONS,
    WEEKDAYS,
    DateMatch,
)
from newsgraph.models import Granularity


@dataclass(frozen=True, slots=True)
class Anchored:
    """A match placed in time: ISO value at its granularity and the days it covers."""

    granularity: Granularity
    value: str | None
    first: date | None = None
    last: date | None = None
    year_inferred: bool = False


def anchor(match: DateMatch, base: date | None, *, future: bool = False) -> Anchored | None:
    """Place one match in time; None when the match turns out not to be a date."""
    handler = _HANDLERS.get(match.kind)
    if handler is None:
        return None
    try:
        return handler(match, base, future)
    except ValueError:  # e.g. "February 30": a shape that is no real date
        return None


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
    return shift(unit, step, base)


def _ago(match: DateMatch, base: date | None, _future: bool) -> Anchored:
    num_text = (match.get("num") or "").lower()
    number = int(num_text) if num_text.isdigit() else NUMBER_WORDS[num_text]
    unit = (match.get("unit") or "").lower()
    if (match.get("agodir") or "") != "ago":
        # "83 years later", "two days earlier" count from a date in the story, not from the
        # publication date: left unanchored rather than dated wrong ("later" in 2019 is not 2102)
        return shift(unit, 0, None)
    return shift(unit, -number, base)


def shift(unit: str, step: int, base: date | None) -> Anchored:
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
        return shift(unit, step, base)
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
