"""Acts of speech dated at the dated gathering they were told at (annotate/occasions.py,
guideline §7.3 rule 1)."""

from __future__ import annotations

from collections.abc import Callable

from newsgraph.models import Extraction

DEBATE = (
    "At the final debate, held October 24 in Cheyenne, the candidates answered ten questions. "
    "Marla Quince called for the abolition of nuclear weapons. "
    "Tom Reddle criticized the military. "
    "The next debate is scheduled for November 3. "
    "Quince called for an end to the war."
)


def _dates(found: Extraction) -> list[tuple[str, str | None, str | None]]:
    return [(e.trigger, e.date, e.date_basis) for e in found.events]


def test_speech_acts_after_a_dated_gathering_take_its_date(
    extract_text: Callable[..., Extraction],
) -> None:
    found = extract_text(DEBATE, published="2020-11-02")
    by_sentence = {e.evidence.sentence: e for e in found.events}
    for sentence in (1, 2):
        assert by_sentence[sentence].date == "2020-10-24", _dates(found)
        assert by_sentence[sentence].date_basis == "episode"
    # a gathering still to come ends the occasion and dates nothing
    assert by_sentence[4].date is None, _dates(found)


def test_a_gathering_in_passing_or_in_the_future_dates_nothing(
    extract_text: Callable[..., Extraction],
) -> None:
    found = extract_text(
        "Leaders will meet at a summit on November 20. Marla Quince called for a ceasefire.",
        published="2020-11-02",
    )
    assert all(e.date is None for e in found.events if e.type == "REQUEST"), _dates(found)
    found = extract_text(
        "On October 8 the party called for a meeting. Tom Reddle criticized the military.",
        published="2020-11-02",
    )
    assert all(e.date is None for e in found.events if e.type == "ACCUSE"), _dates(found)
