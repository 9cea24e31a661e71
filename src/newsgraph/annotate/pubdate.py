"""Infer a publication date from the dates an article mentions, when no metadata gives one.

An article is published on or after the latest date it reports. Year-less dates ("April 30")
take their year from the latest explicit year attached to a month or day ("March 2019"), or the
year after when they would fall before it (news writes the year only for another year than the
story's: "On March 25 ..." beside "in September 2013" is March 2014); the result is a lower
bound and is marked `inferred` with the reasoning in `basis`.

What is to come says nothing of when the story was written: a deadline ("by December 2023",
"through June 2024") or a date in a clause about the future ("will start trading on July 1,
2020") is not read. A later year the story tells of in the past ("was elected President in
2012") rules out an older day ("Born on December 11, 1935"): no date is inferred then.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from newsgraph.annotate.anchors import anchor
from newsgraph.annotate.dategrammar import MONTHS, WEEKDAYS, find_date_matches
from newsgraph.annotate.dates import FUTURE
from newsgraph.models import Granularity, Published

_YEAR_BEARING = {Granularity.DAY, Granularity.MONTH, Granularity.SEASON, Granularity.QUARTER}
# a date right after these is a deadline or the end of a span, not something that happened
_DEADLINE = re.compile(r"\b(?:by|until|till|through|before|to)\s+(?:the\s+end\s+of\s+)?$", re.I)
_CLAUSE_START = re.compile(r"[.!?;:\n]")
_LOOK_BACK = 200  # characters: how far back a clause about the future is looked for


def infer_published(
    text: str, *, skip: Callable[[int, int], bool] = lambda _s, _e: False, today: date | None = None
) -> Published | None:
    """The earliest publication date consistent with the dates in `text`, or None.

    >>> infer_published("Since March 2019 ... On April 30, the coup failed.").date
    '2019-04-30'
    """
    today = today or date.today()
    explicit: list[tuple[date, str]] = []  # (first day the expression covers, its text)
    days: list[tuple[date, str]] = []  # the explicit ones that name a day
    yearless: list[tuple[int, int, str]] = []  # month, day, its text (with any weekday)
    past_years: list[int] = []  # bare years told of in the past ("in 2012")
    for match in find_date_matches(text):
        if skip(match.start, match.end) or _forward(text, match.start):
            continue
        anchored = anchor(match, None)
        if anchored is None:
            continue
        phrase = text[match.start : match.end]
        if anchored.granularity in _YEAR_BEARING and anchored.year_inferred:
            if match.kind in {"md", "dm"}:
                month = MONTHS[(match.get("m1") or "").lower().rstrip(".")]
                yearless.append((month, int(match.get("d1") or 0), phrase))
        elif anchored.first is None or anchored.first > today:
            continue
        elif anchored.granularity in _YEAR_BEARING:
            explicit.append((anchored.first, phrase))
            if anchored.granularity == Granularity.DAY:
                days.append((anchored.first, phrase))
        elif match.kind == "year":
            past_years.append(anchored.first.year)
    found = _decide(explicit, days, yearless, today)
    if found is None or found.date is None:
        return found
    # "Born on December 11, 1935 ... elected President in 2012": the day is no lower bound
    return None if past_years and max(past_years) > int(found.date[:4]) else found


def _forward(text: str, start: int) -> bool:
    """Whether the date at `start` is a deadline or in a clause about the future."""
    before = text[max(0, start - _LOOK_BACK) : start]
    if _DEADLINE.search(before[-40:]):
        return True
    clause = _CLAUSE_START.split(before)[-1]
    return bool(FUTURE.search(clause))


def _decide(
    explicit: list[tuple[date, str]],
    days: list[tuple[date, str]],
    yearless: list[tuple[int, int, str]],
    today: date,
) -> Published | None:
    """The latest day the text names, its year from a dated mention; None when the text names
    no day, or no year beside a month or day. Bare years ("in 1973", "by 2022") say when
    things happened, not when the story was written: inferring from them dated three Wikinews
    stories in five to a wrong year, which then misdated every "on Monday" in them."""
    if not explicit:
        return None
    latest_stated = max(d for d, _ in explicit)
    year = latest_stated.year
    year_basis = ", ".join(sorted({p for d, p in explicit if d.year == year})[:3])
    candidates = list(days)
    for month, day, phrase in yearless:
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if _after_the_stated_year(when, latest_stated, days, today):
            when = date(year + 1, month, day)
        candidates.append((_on_its_weekday(when, phrase, today), phrase))
    if not candidates:
        return None
    latest, phrase = max(candidates)
    source = (
        f"from '{year_basis}'"
        if latest.year == year
        else f"the first after '{year_basis}' that fits '{phrase}'"
    )
    basis = (
        f"on or after the latest date the text mentions ('{phrase}'); year {latest.year} {source}"
    )
    return Published(latest.isoformat(), True, basis)


def _after_the_stated_year(
    when: date, latest_stated: date, days: list[tuple[date, str]], today: date
) -> bool:
    """Whether a year-less day that would fall before the latest month the text dates ("On
    March 25" beside "in September 2013") is in the next year. Not when a whole date of that
    year comes after it ("Sunday, October 18, 2020" beside "March 21st"): the story then
    writes its own year in full."""
    if when >= latest_stated or any(d >= when for d, _ in days):
        return False
    try:
        return date(when.year + 1, when.month, when.day) <= today
    except ValueError:  # February 29
        return False


# the days of a month fall on the same weekdays again within this many years
_WEEKDAY_CYCLE = 11


def _on_its_weekday(when: date, phrase: str, today: date) -> date:
    """The first year from `when`'s on which the day falls on the weekday the text gives it
    ("Wednesday, July 31" after "January 2, 2017" is 2019's), not after `today`; `when` where
    the text gives none or no such year has come."""
    weekday = WEEKDAYS.get(phrase.split()[0].rstrip(",").lower()) if phrase else None
    if weekday is None or when.weekday() == weekday:
        return when
    for year in range(when.year + 1, when.year + _WEEKDAY_CYCLE + 1):
        try:
            candidate = date(year, when.month, when.day)
        except ValueError:
            continue
        if candidate > today:
            break
        if candidate.weekday() == weekday:
            return candidate
    return when
