"""Time expressions: recognition and normalisation against a publication date (no model)."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.annotate.dates import find_dates
from newsgraph.models import Sentence

BASE = date(2019, 5, 3)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected_text", "value", "start", "end", "granularity"),
    [
        ("It happened on April 30.", "April 30", "2019-04-30", "2019-04-30", "2019-04-30", "day"),
        (
            "It happened on 30 April 2018.",
            "30 April 2018",
            "2018-04-30",
            "2018-04-30",
            "2018-04-30",
            "day",
        ),
        (
            "On May 1, 2019 they spoke.",
            "May 1, 2019",
            "2019-05-01",
            "2019-05-01",
            "2019-05-01",
            "day",
        ),
        (
            "Dated 2019-04-30 in the file.",
            "2019-04-30",
            "2019-04-30",
            "2019-04-30",
            "2019-04-30",
            "day",
        ),
        ("The vote was in December.", "December", "2018-12", "2018-12-01", "2018-12-31", "month"),
        ("It began in March 2019.", "March 2019", "2019-03", "2019-03-01", "2019-03-31", "month"),
        (
            "At the end of March 2019, troops came.",
            "the end of March 2019",
            "2019-03",
            "2019-03-21",
            "2019-03-31",
            "month",
        ),
        ("In early 2018 it began.", "early 2018", "2018", "2018-01-01", "2018-05-02", "year"),
        (
            "A veteran of the 1980s intervention.",
            "the 1980s",
            "1980s",
            "1980-01-01",
            "1989-12-31",
            "decade",
        ),
        ("Music of the ’90s.", "the ’90s", "1990s", "1990-01-01", "1999-12-31", "decade"),
        (
            "Since January 2019 the standoff went on.",
            "Since January 2019",
            "2019-01",
            "2019-01-01",
            None,
            "month",
        ),
        (
            "Until May 2018, he was deputy chief.",
            "Until May 2018",
            "2018-05",
            None,
            "2018-05-31",
            "month",
        ),
        (
            "It lasted from 2015 to 2018.",
            "from 2015 to 2018",
            "2015/2018",
            "2015-01-01",
            "2018-12-31",
            "year",
        ),
        (
            "Between April 1 and May 3, 2019 it rained.",
            "Between April 1 and May 3, 2019",
            "2019-04-01/2019-05-03",
            "2019-04-01",
            "2019-05-03",
            "day",
        ),
        (
            "The summit ran April 30–May 2.",
            "April 30–May 2",
            "2019-04-30/2019-05-02",
            "2019-04-30",
            "2019-05-02",
            "day",
        ),
        (
            "Talks were held on 4-5 March 2019.",
            "4-5 March 2019",
            "2019-03-04/2019-03-05",
            "2019-03-04",
            "2019-03-05",
            "day",
        ),
        ("The 2018-19 season.", "2018-19", "2018/2019", "2018-01-01", "2019-12-31", "year"),
        (
            "In the summer of 2019 it was hot.",
            "the summer of 2019",
            "2019-SU",
            "2019-06-01",
            "2019-08-31",
            "season",
        ),
        (
            "In the first quarter of 2019 sales fell.",
            "the first quarter of 2019",
            "2019-Q1",
            "2019-01-01",
            "2019-03-31",
            "quarter",
        ),
        (
            "In the 20th century wars raged.",
            "the 20th century",
            "20th century",
            "1900-01-01",
            "1999-12-31",
            "century",
        ),
        ("He left yesterday.", "yesterday", "2019-05-02", "2019-05-02", "2019-05-02", "day"),
        ("They met last week.", "last week", "2019-W17", "2019-04-22", "2019-04-28", "week"),
        ("They met two years ago.", "two years ago", "2017", "2017-01-01", "2017-12-31", "year"),
        ("They met on Monday.", "Monday", "2019-04-29", "2019-04-29", "2019-04-29", "day"),
        # a story's opening word, capitalised
        (
            "Yesterday, police arrested two men.",
            "Yesterday",
            "2019-05-02",
            "2019-05-02",
            "2019-05-02",
            "day",
        ),
        # the day of publication itself (a Friday): "On Friday, ..." in Friday's story
        (
            "On Friday, police arrested two men.",
            "Friday",
            "2019-05-03",
            "2019-05-03",
            "2019-05-03",
            "day",
        ),
        ("They met last Friday.", "last Friday", "2019-04-26", "2019-04-26", "2019-04-26", "day"),
        ("They will meet on Tuesday.", "Tuesday", "2019-05-07", "2019-05-07", "2019-05-07", "day"),
        ("The election of 2012 was close.", "2012", "2012", "2012-01-01", "2012-12-31", "year"),
        # a sentence's opening words, capitalised, and the shapes around a month
        ("In February, bishops met.", "February", "2019-02", "2019-02-01", "2019-02-28", "month"),
        ("Last year he resigned.", "Last year", "2018", "2018-01-01", "2018-12-31", "year"),
        (
            "He was arrested in January of last year.",
            "January of last year",
            "2018-01",
            "2018-01-01",
            "2018-01-31",
            "month",
        ),
        (
            "Rebels attacked last night.",
            "last night",
            "2019-05-02",
            "2019-05-02",
            "2019-05-02",
            "day",
        ),
        (
            "Earlier in the month, talks failed.",
            "Earlier in the month",
            "2019-05",
            "2019-05-01",
            "2019-05-31",
            "month",
        ),
        (
            "Two weeks ago they met.",
            "Two weeks ago",
            "2019-W16",
            "2019-04-15",
            "2019-04-21",
            "week",
        ),
        ("Last Monday it rained.", "Last Monday", "2019-04-29", "2019-04-29", "2019-04-29", "day"),
    ],
)
def test_normalises(
    text: str, expected_text: str, value: str, start: str | None, end: str | None, granularity: str
) -> None:
    found = find_dates(text, base=BASE)
    assert [d.text for d in found] == [expected_text]
    d = found[0]
    assert (d.value, d.range_start, d.range_end, d.granularity.value) == (
        value,
        start,
        end,
        granularity,
    )
    assert text[d.start : d.end] == d.text


@pytest.mark.parametrize(
    "text",
    [
        "Colonel General Vasily Tonkoshkurov (59) arrived.",
        "Russia sold T-72 tanks and S-300 systems.",
        "The deal was worth $11 billion.",
        "The continuation of aggressive actions may result in the gravest of consequences.",
        "Some 2000 troops crossed the border.",
        "About 1500 people protested.",
        "Flight 1549 landed on the river.",
        "UN Resolution 2254 was adopted.",
        "Inflation reached 1,980 percent.",
        "A share of 2019% is impossible.",
        "Theresa May spoke in parliament.",
        "Most Conservatives voted for May.",
        "In May's view, the deal was fair.",
        "The Su-30MK2 and the Pechora-2M are old.",
    ],
)
def test_no_false_dates(text: str) -> None:
    assert find_dates(text, base=BASE) == ()


def test_times_of_day_are_kept_as_text_and_joined_to_their_date() -> None:
    found = find_dates(
        "In the early morning of April 30, in Caracas. Midday, on May 1, and at 10:30 p.m.",
        base=BASE,
    )
    assert [(d.text, d.value, d.time_of_day) for d in found] == [
        ("the early morning of April 30", "2019-04-30", "the early morning"),
        ("Midday, on May 1", "2019-05-01", "Midday"),
        ("10:30 p.m.", None, "10:30 p.m."),
    ]


@pytest.mark.parametrize(
    "text", ["83 years later, it was rebuilt.", "He had left two days earlier."]
)
def test_later_and_earlier_are_not_counted_from_publication(text: str) -> None:
    (found,) = find_dates(text, base=BASE)
    assert found.value is None and found.range_start is None


def _sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for i, part in enumerate(text.split(". ")):
        out.append(Sentence(i, start, start + len(part) + 1))
        start += len(part) + 2
    return tuple(out)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("On April 20, the party met. Three days later, it chose Smith.", "2019-04-23"),
        ("On April 20, the party met. On the same day, it chose Smith.", "2019-04-20"),
        ("On April 20, the party met. The next day, it chose Smith.", "2019-04-21"),
        ("On April 20, the party met. Later that day, it chose Smith.", "2019-04-20"),
        ("On April 20, the party met. That night, it chose Smith.", "2019-04-20"),
        ("On April 20, the party met. It had chosen Smith the day before.", "2019-04-19"),
        ("In 2015, the party met. The following year, it chose Smith.", "2016"),
        ("In March 2015, the party met. Two years earlier, it chose Smith.", "2013"),
        ("On April 20, the party met. That month, it chose Smith.", "2019-04"),
        ("In 2005, the party met. A decade later, it chose Smith.", "2015"),
    ],
)
def test_a_date_counted_from_the_last_one_stated(text: str, value: str) -> None:
    found = find_dates(text, base=BASE, sentences=_sentences(text))
    assert found[-1].value == value


@pytest.mark.parametrize(
    "text",
    [
        "The party met. The next day, it chose Smith.",  # nothing to count from
        "In 2015, the party met. The next day, it chose Smith.",  # a year names no day
        "On April 30, the party met. Three weeks later, it chose Smith.",  # after publication
        "Officials said that night raids would go on.",  # "that" opens a clause here
    ],
)
def test_a_counted_date_without_a_fitting_reference_stays_unanchored(text: str) -> None:
    found = find_dates(text, base=BASE, sentences=_sentences(text))
    assert found[-1].value is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("His trial has been scheduled for November.", "2019-11"),
        ("Avenatti is to be sentenced in June.", "2019-06"),
        ("The trial, anticipated to begin in January, was delayed.", "2020-01"),
        ("He was scheduled to speak in March.", "2019-03"),  # that may have passed
    ],
)
def test_a_scheduled_month_is_the_next_one(text: str, value: str) -> None:
    (found,) = find_dates(text, base=BASE)
    assert found.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In the 2016 election, Sanders did not endorse her until July.", "2016-07"),
        ("In 2016, he met her on May 5 in Rome.", "2016-05-05"),
        ("Jong was arrested in March, 2018.", "2018-03"),
        # a year inside the sentence frames its own clause, or only names something
        ("He became president in 2005 and was to stand down in August.", "2018-08"),
        ("The party, with its 2016 ticket, nominated him on April 11.", "2019-04-11"),
    ],
)
def test_a_sentence_opening_in_a_year_dates_its_year_less_days(text: str, value: str) -> None:
    found = find_dates(text, base=BASE, sentences=_sentences(text))
    assert found[-1].value == value


def test_year_less_dates_stay_unanchored_without_a_base() -> None:
    (d,) = find_dates("Talks on April 30.", base=None)
    assert d.value == "--04-30" and d.range_start is None and d.year_inferred


def test_year_less_date_soon_after_publication_is_upcoming() -> None:
    (d,) = find_dates(
        "He stays in custody until his court appearance on April 5.", base=date(2019, 3, 17)
    )
    assert d.value == "2019-04-05"


def test_year_less_date_after_publication_goes_to_previous_year() -> None:
    (d,) = find_dates("It began on December 20.", base=date(2020, 1, 5))
    assert d.value == "2019-12-20"
