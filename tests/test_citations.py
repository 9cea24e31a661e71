"""Citations: parenthetical sources in their many shapes, and inline attributions."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph import Extraction
from newsgraph.annotate.citations import find_parenthetical


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The media cheered (Vzglyad, April 30).", [("Vzglyad", "April 30", False)]),
        ("It was said (Interfax, April 30, 2019).", [("Interfax", "April 30, 2019", False)]),
        (
            "Two sources (Kommersant, April 30; TASS, May 1).",
            [("Kommersant", "April 30", False), ("TASS", "May 1", False)],
        ),
        ("As before (see EDM, February 6, 2020).", [("EDM", "February 6, 2020", True)]),
        ("Broken (, April 30).", [(None, "April 30", False)]),
        ("European style (El País, 30 April 2019).", [("El País", "30 April 2019", False)]),
        ("A month only (Kommersant, April 2019).", [("Kommersant", "April 2019", False)]),
    ],
)
def test_parenthetical_shapes(text: str, expected: list[tuple[str | None, str, bool]]) -> None:
    found = find_parenthetical(text)
    assert [(c.outlet, c.date_text, c.see) for c in found] == expected
    for c in found:
        assert text[c.start : c.end] == c.text
        if c.outlet is not None:
            assert text[c.outlet_start : c.outlet_end] == c.outlet  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "An alias (Antey-2500) of a system.",
        "An age (59) in brackets.",
        "A place and year (Moscow, 2019) is not a source.",
        "An aside (which was long, and had commas) here.",
        "(Source: Caracas Chronicles)",
    ],
)
def test_not_citations(text: str) -> None:
    assert find_parenthetical(text) == []


def test_citations_resolved_with_dates_coverage_and_problems(
    extract_text: Callable[..., Extraction],
) -> None:
    text = (
        "Russia sent troops. The Kremlin denied it (Vzglyad, April 30).\n\n"
        "Washington protested. Pompeo spoke to Lavrov (, May 1). The talks failed (RT, May 1)."
    )
    result = extract_text(text)
    c1, c2, c3 = result.citations
    assert (c1.outlet, c1.date, c1.problems) == ("Vzglyad", "2019-04-30", ())
    assert c1.sentences == (0, 1)
    assert (c2.outlet, c2.date, c2.problems) == (None, "2019-05-01", ("missing outlet",))
    assert c2.sentences == (2, 3)
    assert c3.sentences == (4,)
    assert c3.media_id == "media:rt"
    media = {e.id for e in result.entities if e.type == "media"}
    assert {"media:rt", c1.media_id} <= media


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The minister told Reuters that talks had failed.", "Reuters"),
        ("According to the BBC, the talks failed.", "BBC"),
        ("El Deber reported that the army had moved.", "El Deber"),
        ("He said in an interview with RT that he would stay.", "RT"),
    ],
)
def test_inline_attributions(
    extract_text: Callable[..., Extraction], text: str, outlet: str
) -> None:
    result = extract_text(text)
    inline = [c for c in result.citations if c.kind == "inline"]
    assert len(inline) == 1 and inline[0].media_id is not None
    assert inline[0].outlet is not None and outlet in inline[0].outlet


def test_article_outlet_is_distinguished_from_cited_outlets(
    extract_text: Callable[..., Extraction],
) -> None:
    text = "Publication: Eurasia Daily Monitor\n\nAs argued before (see EDM, February 6, 2019), Russia acts (TASS, May 1)."
    result = extract_text(text)
    assert result.document.outlet == "Eurasia Daily Monitor"
    own, other = result.citations
    assert own.same_outlet and not other.same_outlet
