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


TODAY = date(2026, 1, 1)


def test_a_year_less_day_before_the_month_a_text_dates_is_in_the_next_year() -> None:
    """News writes the year only for another year than the story's own."""
    found = infer_published(
        "At a conference on March 25, the director spoke. Tensions broke out in September "
        "2013 over trade.",
        today=TODAY,
    )
    assert found is not None and found.date == "2014-03-25"
    # a whole date of that year after the day: the story's own year, written in full
    found = infer_published(
        "On Sunday, October 18, 2020 voters went to the polls. On March 21 the race began.",
        today=TODAY,
    )
    assert found is not None and found.date == "2020-10-18"


def test_a_weekday_picks_the_year_of_a_year_less_day() -> None:
    found = infer_published(
        "On Wednesday, July 31, the court ruled. The law was passed on January 2, 2017.",
        today=TODAY,
    )
    assert found is not None and found.date == "2019-07-31"  # a Wednesday; 2017's was not


def test_deadlines_and_plans_date_nothing() -> None:
    assert (
        infer_published(
            "The pipeline is to be completed by December 2023. Talks on December 20 went well.",
            today=TODAY,
        )
        is None
    )
    found = infer_published(
        "On May 5, 2019 the bill passed. The bank will start trading on July 1, 2020.",
        today=TODAY,
    )
    assert found is not None and found.date == "2019-05-05"


def test_a_later_year_told_of_in_the_past_rules_out_an_older_day() -> None:
    """An obituary: the birth day is no lower bound of a story that tells of 2012."""
    assert (
        infer_published("Born on December 11, 1935, he was elected President in 2012.", today=TODAY)
        is None
    )
