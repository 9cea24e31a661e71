"""Publication dates inferred from the text when no metadata gives one."""

from __future__ import annotations

from datetime import date

from newsgraph.annotate.pubdate import infer_published


def test_latest_mentioned_day_with_year_from_month_year() -> None:
    found = infer_published(
        "The standoff began in January 2019. On April 30 the coup failed. On May 2 talks."
    )
    assert found is not None and found.inferred
    assert found.date == "2019-05-02"
    assert "May 2" in found.basis and "January 2019" in found.basis


def test_explicit_full_date_wins_over_older_year_less_dates() -> None:
    found = infer_published("On March 3, 2020 it began; on March 1 the plan was drafted.")
    assert found is not None and found.date == "2020-03-03"


def test_years_alone_date_nothing() -> None:
    """A story that names only years (or days with no year beside them) is not dated by them:
    "the elections of 2016" was not written in 2016."""
    assert infer_published("The elections of 2016 were disputed.") is None
    assert infer_published("Founded in 1973, the party won on October 22.") is None


def test_future_dates_are_not_publication_dates() -> None:
    found = infer_published(
        "By March 2090 the plan ends; it started on May 5, 2019.", today=date(2026, 1, 1)
    )
    assert found is not None and found.date == "2019-05-05"


def test_no_dates_at_all() -> None:
    assert infer_published("Nothing here is dated.") is None
