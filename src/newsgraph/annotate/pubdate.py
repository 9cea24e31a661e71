"""Infer a publication date from the dates an article mentions, when no metadata gives one.

An article is published on or after the latest date it reports. Year-less dates ("April 30")
take their year from the latest explicit year attached to a month or day ("March 2019"); the
result is a lower bound and is marked `inferred` with the reasoning in `basis`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from newsgraph.annotate.dategrammar import MONTHS, find_date_matches
from newsgraph.annotate.dates import anchor
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
    explicit: list[tuple[date, str]] = []  # (latest day the expression covers, its text)
    yearless: list[tuple[int, int, str]] = []
    plain_years: list[int] = []
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
        elif anchored.granularity in _YEAR_BEARING and anchored.first is not None:
            if anchored.first <= today:
                explicit.append((min(anchored.first, today), phrase))
        elif (
            match.kind == "year"
            and anchored.first is not None
            and anchored.first.year <= today.year
        ):
            plain_years.append(anchored.first.year)
    return _decide(explicit, yearless, plain_years)


def _decide(
    explicit: list[tuple[date, str]], yearless: list[tuple[int, int, str]], plain_years: list[int]
) -> Published | None:
    if explicit:
        year = max(d.year for d, _ in explicit)
        year_basis = ", ".join(sorted({p for d, p in explicit if d.year == year})[:3])
    elif plain_years:
        year = max(plain_years)
        year_basis = str(year)
    else:
        return None
    candidates = list(explicit)
    for month, day, phrase in yearless:
        try:
            candidates.append((date(year, month, day), phrase))
        except ValueError:
            continue
    if not candidates:
        return Published(
            f"{year}-01-01", True, f"no dated mention with a day; year {year} from '{year_basis}'"
        )
    latest, phrase = max(candidates)
    basis = (
        f"on or after the latest date the text mentions ('{phrase}'); "
        f"year {year} from '{year_basis}'"
    )
    return Published(latest.isoformat(), True, basis)
