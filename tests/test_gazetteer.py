"""Gazetteers: coverage of the shipped data, and user extensions (docs/lexicon.md)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pycountry
import pytest

from newsgraph import LexiconError, load_gazetteer
from newsgraph.models import EntityType

G20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS",
       "SAU", "ZAF", "KOR", "TUR", "GBR", "USA"]  # fmt: skip


def test_every_country_is_a_state_with_its_names() -> None:
    gaz = load_gazetteer()
    for country in pycountry.countries:
        entry = gaz.entries[f"state:{country.alpha_3}"]
        assert entry.type == EntityType.STATE and entry.country == country.alpha_3


def test_minimum_coverage() -> None:
    counts = Counter(e.type for e in load_gazetteer().entries.values())
    assert counts[EntityType.MEDIA] >= 100
    assert counts[EntityType.WEAPON] >= 150
    assert counts[EntityType.ORGANIZATION] >= 80
    assert counts[EntityType.ARMED_FORCE] >= 60
    assert counts[EntityType.PERSON] >= 200


def test_g20_leaders_and_ministers_are_known() -> None:
    gaz = load_gazetteer()
    people = [e for e in gaz.entries.values() if e.type == EntityType.PERSON]
    for code in G20:
        titles = {r.title.lower() for p in people for r in p.roles if r.country == code}
        assert any("foreign" in t or "secretary of state" in t for t in titles), code
        assert any("defen" in t for t in titles), code


@pytest.mark.parametrize(
    ("surface", "entity_id", "kind"),
    [
        ("Kremlin", "state:RUS", "metonym"),
        ("Russian", "state:RUS", "demonym"),
        ("Moscow", "state:RUS", "capital"),
        ("U.S.", "state:USA", "name"),
        ("Guaido", "person:juan-guaido", "name"),
        ("Vzglyad", "media:vzglyad", "name"),
        ("TASS", "media:tass", "name"),
    ],
)
def test_lookups(surface: str, entity_id: str, kind: str) -> None:
    assert (entity_id, kind) in [(e.id, k) for e, k, _ in load_gazetteer().lookup(surface)]


def test_state_owned_media_are_marked() -> None:
    gaz = load_gazetteer()
    for outlet in ("RT", "TASS", "Xinhua"):
        (entry, _, _), *_ = gaz.lookup(outlet)
        assert dict(entry.attributes).get("state_owned") is True, outlet


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "meta: {type: person}\n"
        "entries:\n"
        "  - name: Ivan Petrenkov\n    country: BLR\n    aliases: [Petrenkov]\n"
        "  - name: Sergei V. Lavrov\n    id: person:sergei-lavrov\n    country: RUS\n",
        encoding="utf-8",
    )
    gaz = load_gazetteer((str(tmp_path),))
    assert gaz.lookup("Petrenkov")[0][0].country == "BLR"
    assert gaz.entries["person:sergei-lavrov"].name == "Sergei V. Lavrov"
    assert load_gazetteer().entries["person:sergei-lavrov"].name == "Sergei Lavrov"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("entries: [\n", "not valid YAML"),
        ("people: []\n", "entries"),
        ("entries:\n  - aliases: [x]\n", "name"),
        ("entries:\n  - name: X\n    type: spaceship\n", "type must be one of"),
    ],
)
def test_bad_user_files_are_explained(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_gazetteer((str(path),))


def test_missing_user_path() -> None:
    with pytest.raises(LexiconError, match="does not exist"):
        load_gazetteer(("/nonexistent/lexicon.yaml",))
