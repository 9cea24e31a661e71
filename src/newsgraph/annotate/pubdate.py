"""Infer a publication date from the dates an article mentions, when no metadata gives one.

An article is published on or after the latest date it reports. Year-less dates ("April 30")
take their year from the latest explicit year attached to a month or day ("March 2019"); the
result is a lower bound and is marked `inferred` with the reasoning in `basis`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from newsgraph.annotate.anchors import anchor
from newsgraph.annotate.dategrammar import MONTHS, find_date_matches
from newsgraph.models import Granularity, Published

_YEAR_BEARING = {Granularity.DAY, Granularity.MONTH, Granularity.SEASON, Granularity.QUARTER}


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
    yearless: list[tuple[int, int, str]] = []
    for match in find_date_matches(text):
        if skip(match.start, match.end):
            continue
        anchored = anchor(match, None)
        if anchored is None:
            continue
        phrase = text[match.start : match.end]
        if anchored.granularity in _YEAR_BEARING and anchored.year_inferred:
            if match.kind in {"md", "dm"}:
                month = MONTHS[(match.get("m1") or "").lower().rstrip(".")]
                yearless.append((month, int(match.get("d1") or 0), phrase))
        elif (
            anchored.granularity in _YEAR_BEARING
            and anchored.first is not None
            and anchored.first <= today
        ):
            explicit.append((anchored.first, phrase))
            if anchored.granularity == Granularity.DAY:
                days.append((anchored.first, phrase))
    return _decide(explicit, days, yearless)


def _decide(
    explicit: list[tuple[date, str]],
    days: list[tuple[date, str]],
    yearless: list[tuple[int, int, str]],
) -> Published | None:
    """The latest day the text names, its year from a dated mention; None when the text names
    no day, or no year beside a month or day. Bare years ("in 1973", "by 2022") say when
    things happened, not when the story was written: inferring from them dated three Wikinews
    stories in five to a wrong year, which then misdated every "on Monday" in them."""
    if not explicit:
        return None
    year = max(d.year for d, _ in explicit)
    year_basis = ", ".join(sorted({p for d, p in explicit if d.year == year})[:3])
    candidates = list(days)
    for month, day, phrase in yearless:
        try:
            candidates.append((date(year, month, day), phrase))
        except ValueError:
            continue
    if not candidates:
        return None
    latest, phrase = max(candidates)
    basis = (
        f"on or after the latest date the text mentions ('{phrase}'); "
        f"year {year} from '{year_basis}'"
    )
    return Published(latest.isoformat(), True, basis)
