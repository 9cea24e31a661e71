"""Bodies named only by what they are ("the Supreme Court") carry their country in their id."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.lexicon.gazetteer import slug
from newsgraph.models import Entity, EntityType, Extraction, Mention
from newsgraph.resolve.generic_bodies import generic_words, with_country_ids

WORDS = ("supreme", "court", "attorney", "general", "office", "senate", "interior", "ministry")


def body(name: str, country: str | None, *, known: bool = False) -> Entity:
    mention = Mention(0, len(name), name, 0)
    return Entity(f"organization:{slug(name)}", name, EntityType.ORGANIZATION, (mention,),
                  country=country, known=known)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "country", "known", "expected"),
    [
        ("Supreme Court", "GTM", False, "organization:supreme-court-gtm"),
        ("Attorney General's Office", "MEX", False, "organization:attorney-general-s-office-mex"),
        ("Ministry of the Interior", "COL", False, "organization:ministry-of-the-interior-col"),
        # a name that says whose it is, or a body no country is known for, keeps its id
        ("Mexican Senate", "MEX", False, "organization:mexican-senate"),
        ("Sinaloa Cartel", "MEX", False, "organization:sinaloa-cartel"),
        ("Supreme Court", None, False, "organization:supreme-court"),
        ("Supreme Court", "USA", True, "organization:supreme-court"),
    ],
)
def test_generic_bodies_take_their_country(
    name: str, country: str | None, known: bool, expected: str
) -> None:
    (entity,) = with_country_ids([body(name, country, known=known)], generic_words(WORDS))
    assert entity.id == expected


def test_the_text_s_bodies_follow_in_the_facts(extract_text: Callable[..., Extraction]) -> None:
    found = extract_text(
        "GUATEMALA CITY -- Guatemala's Supreme Court on Monday rejected the appeal of the "
        "Attorney General's Office."
    )
    ids = {e.id for e in found.entities}
    assert "organization:attorney-general-s-office-gtm" in ids
    targets = {i for ev in found.events if ev.type == "REJECT" for i in ev.target}
    assert targets == {"organization:attorney-general-s-office-gtm"}
