"""Roles, titles and ages next to a person's name (text-level; one test runs the pipeline)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.annotate.roles import find_age, find_roles
from newsgraph.models import Extraction


def roles_of(text: str, name: str) -> list[tuple[str, str, str | None]]:
    start = text.index(name)
    return [
        (r.title, r.kind, r.qualifier)
        for r in find_roles(text, start, start + len(name), (0, len(text)))
    ]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Russian Foreign Minister Sergei Lavrov spoke.",
            "Sergei Lavrov",
            [("Foreign Minister", "office", None)],
        ),
        (
            "US Secretary of State Michael Pompeo spoke.",
            "Michael Pompeo",
            [("Secretary of State", "office", None)],
        ),
        ("He met U.S. President Donald Trump.", "Donald Trump", [("President", "office", None)]),
        (
            "It was led by Colonel General Vasily Tonkoshkurov.",
            "Vasily Tonkoshkurov",
            [("Colonel General", "rank", None)],
        ),
        (
            "Former Venezuelan President Hugo Chávez died.",
            "Hugo Chávez",
            [("President", "office", "former")],
        ),
        (
            "Sergei Lavrov, the Russian foreign minister, said so.",
            "Sergei Lavrov",
            [("foreign minister", "office", None)],
        ),
        (
            "Until May 2018, Tonkoshkurov was the deputy chief of the General Staff of the Russian Armed Forces.",
            "Tonkoshkurov",
            [("deputy chief of the General Staff of the Russian Armed Forces", "office", None)],
        ),
        (
            "In Caracas, opposition leader, speaker of the National Assembly and the self-proclaimed interim "
            "president of Venezuela, Juan Guaidó, declared victory.",
            "Juan Guaidó",
            [
                ("opposition leader", "office", None),
                ("speaker of the National Assembly", "office", None),
                ("president of Venezuela", "office", "self-proclaimed interim"),
            ],
        ),
        (
            "John Kirby, a Pentagon spokesman, declined to comment.",
            "John Kirby",
            [("spokesman", "office", None)],
        ),
        (
            "Ivan Petrov served as the ambassador of Russia to Cuba.",
            "Ivan Petrov",
            [("ambassador of Russia to Cuba", "office", None)],
        ),
        ("Columnist Mara Quill wrote it.", "Mara Quill", [("Columnist", "occupation", None)]),
        (
            "Tobias Renn, a radio host, said so.",
            "Tobias Renn",
            [("radio host", "occupation", None)],
        ),
        ("Lavrov met Pompeo in Helsinki.", "Pompeo", []),
        ("The report by Smith, a veteran of the war, was read.", "Smith", []),
        # the name owns the apposed noun: the titles before it are its boss's
        (
            "He met the UN secretary general, Ivan Velasquez's only boss, in May.",
            "Ivan Velasquez",
            [],
        ),
        (
            "He met the UN secretary general, Ivan Velasquez, in May.",
            "Ivan Velasquez",
            [("secretary general", "office", None)],
        ),
    ],
)
def test_roles(text: str, name: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert roles_of(text, name) == expected


@pytest.mark.parametrize(
    ("text", "name", "age"),
    [
        ("Colonel General Vasily Tonkoshkurov (59), a veteran.", "Vasily Tonkoshkurov", 59),
        ("Maria Ivanova, 42, a teacher, was hurt.", "Maria Ivanova", 42),
        ("The 45-year-old general Ivan Petrov left.", "Ivan Petrov", 45),
        ("Ivan Petrov (R-Texas) spoke.", "Ivan Petrov", None),
        ("Ivan Petrov (2019) wrote.", "Ivan Petrov", None),
    ],
)
def test_ages(text: str, name: str, age: int | None) -> None:
    start = text.index(name)
    found = find_age(text, start, start + len(name), (0, len(text)))
    assert (found[0] if found else None) == age


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Brig. Gen. Musa Sadiq spoke.", "Musa Sadiq", [("brigadier general", "rank", None)]),
        ("Lt.-Gen. Mark Jones spoke.", "Mark Jones", [("lieutenant general", "rank", None)]),
        ("Col. Ahmed Idris spoke.", "Ahmed Idris", [("colonel", "rank", None)]),
        ("Sen. Tom Carper spoke.", "Tom Carper", [("senator", "office", None)]),
        ("Det. Insp. Paul Walsh spoke.", "Paul Walsh", [("detective inspector", "rank", None)]),
        (
            "Conservative MP Anna Firth spoke.",
            "Anna Firth",
            [("member of parliament", "office", None)],
        ),
        # an abbreviation keeps its case: "gen." in running text is no title
        ("He saw the next gen. Anna Berg spoke.", "Anna Berg", []),
    ],
)
def test_abbreviated_titles_stand_for_the_title(
    text: str, name: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert roles_of(text, name) == expected


def test_an_abbreviated_rank_is_one_token_and_no_place(
    extract_text: Callable[..., Extraction],
) -> None:
    # split, the full stop of "Brig." ended a sentence; NER read "Brig." as a place
    found = extract_text("The strike was ordered by Brig. Gen. Musa Sadiq on Monday.")
    assert [e.name for e in found.entities] == ["Musa Sadiq"]
    (person,) = found.entities
    assert {a.key: a.value for a in person.attributes}["agent"] == "MIL"


def test_general_after_an_office_is_no_rank(extract_text: Callable[..., Extraction]) -> None:
    found = extract_text("Postmaster General Jane Smith announced new delivery rules.")
    (person,) = [e for e in found.entities if e.name == "Jane Smith"]
    assert [(r.title, r.kind) for r in person.roles] == [("Postmaster General", "office")]
    assert {a.key: a.value for a in person.attributes}["agent"] == "GOV"


@pytest.mark.parametrize(
    ("text", "name", "not_a_title"),
    [
        ("Officials Suspected of Arms Trafficking Ana Ruiz denied it.", "Ana Ruiz", "king"),
        (
            "He said drug lord and paramilitary leader Luis Mora fled.",
            "Luis Mora",
            "military leader",
        ),
    ],
)
def test_a_title_starts_a_word(text: str, name: str, not_a_title: str) -> None:
    """No "king" inside "Trafficking", no "military leader" inside "paramilitary leader"."""
    assert not_a_title not in [title for title, _, _ in roles_of(text, name)]


def test_a_capitalised_title_of_several_words_is_not_cut_for_a_country() -> None:
    """ "Salvadoran Attorney General" is the office, not a general of "Salvadoran Attorney"."""
    text = "The last Salvadoran Attorney General, Romeo Barahona, said so."
    assert [title for title, _, _ in roles_of(text, "Romeo Barahona")] == ["Attorney General"]


def test_a_plural_title_before_a_list_gives_each_name_the_post_but_not_a_qualified_one() -> None:
    """(#16, stop 58) "Presidents X of Nigeria and Y of Benin": each a president, the later
    name's phrase its own; "former CIA directors X and Y" is left to the parse."""
    text = "Presidents Juan Perez of Chile and Luis Gomez of Peru met."
    start = text.index("Luis Gomez")
    (role,) = find_roles(text, start, start + len("Luis Gomez"), (0, len(text)))
    assert role.title == "President" and role.phrase == "Luis Gomez of Peru"
    qualified = "The former CIA directors Juan Perez and Luis Gomez met."
    start = qualified.index("Luis Gomez")
    assert find_roles(qualified, start, start + len("Luis Gomez"), (0, len(qualified))) == []


def test_a_us_states_post_of_georgia_gives_no_country_georgia_a_presidency_does(
    run: Callable[[str], Extraction],
) -> None:
    """(#17, stop 58) "Senator X of Georgia" is the US state's senator; "President X of
    Georgia" leads the country."""
    senator = run("It was co-sponsored by Senator Tom Baxter of Georgia.")
    (person,) = [e for e in senator.entities if e.name == "Tom Baxter"]
    assert [r.country for r in person.roles if r.evidence is not None] == [None]
    president = run("President Nino Beridze of Georgia met the delegation.")
    (person,) = [e for e in president.entities if e.name == "Nino Beridze"]
    assert [r.country for r in person.roles if r.evidence is not None] == ["GEO"]
