"""An analyst's correction of an actor's country or sector applies now and after re-ingest, on
SQLite and PostgreSQL; a stated country replaces one inferred from another document; and
`newsgraph actor-info` says what is known of an actor and from where."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from newsgraph import Extractor
from newsgraph.cli import app
from newsgraph.errors import CurationError
from newsgraph.kb import ingest
from newsgraph.store import schema as t
from newsgraph.store.corrections import record_correction
from newsgraph.store.curation import dangling_references
from newsgraph.store.writer import remove_document

# a one-country story: its unplaced actors take the United States (country_basis document)
STORY = (
    "The United States Senate voted on Tuesday. Senators in Washington said the Zorblat "
    "Institute had warned Congress, and the United States should listen.\n"
)
STATED = "Germany's Zorblat Institute criticised the plan on Monday.\n"
# a story about two countries: the learned country model guesses (country_basis context)
TWO_COUNTRIES = (
    "Protests spread across Chile and Peru this week. Thousands marched in Lima on Monday. "
    "The Zorblat Institute, a research group in Santiago, counted the marchers. Peru's "
    "government declared a state of emergency.\n"
)


def _entity(engine: Engine, entity_id: str) -> Any:
    with engine.connect() as connection:
        return connection.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()


def _ingest(extractor: Extractor, engine: Engine, path: Path, text: str) -> str:
    path.write_text(text)
    ingest(extractor, engine, [path], published=date(2019, 5, 3))
    with engine.connect() as connection:
        return str(
            connection.scalars(
                select(t.documents.c.id).where(t.documents.c.source == str(path))
            ).one()
        )


def _institute(engine: Engine) -> Any:
    with engine.connect() as connection:
        found = connection.scalars(
            select(t.entities.c.id).where(t.entities.c.name == "Zorblat Institute")
        ).one()
    return _entity(engine, found)


def test_a_correction_applies_now_and_after_re_ingest(
    kb: Engine, extractor: Extractor, tmp_path: Path
) -> None:
    document = _ingest(extractor, kb, tmp_path / "a.txt", STORY)
    institute = _institute(kb)
    assert institute.country == "USA"
    assert institute.attributes["country_basis"] == "document"

    record_correction(kb, institute.id, country="deu", sector="NGO", note="Berlin think-tank")
    fixed = _entity(kb, institute.id)
    assert fixed.country == "DEU"
    assert fixed.attributes["country_basis"] == "analyst"
    assert (fixed.attributes["sector"], fixed.attributes["cameo"]) == ("NGO", "DEUNGO")

    remove_document(kb, document)
    assert _entity(kb, institute.id) is None  # the actor went with its only document
    _ingest(extractor, kb, tmp_path / "a.txt", STORY)
    again = _entity(kb, institute.id)
    assert (again.country, again.attributes["cameo"]) == ("DEU", "DEUNGO")
    assert dangling_references(kb) == []


def test_a_stated_country_replaces_one_inferred_from_another_document(
    kb: Engine, extractor: Extractor, tmp_path: Path
) -> None:
    _ingest(extractor, kb, tmp_path / "a.txt", STORY)
    assert _institute(kb).country == "USA"
    _ingest(extractor, kb, tmp_path / "b.txt", STATED)
    institute = _institute(kb)
    assert institute.country == "DEU"
    assert "country_basis" not in institute.attributes


def test_a_stated_country_replaces_one_learned_from_another_story(
    kb: Engine, extractor: Extractor, tmp_path: Path
) -> None:
    _ingest(extractor, kb, tmp_path / "a.txt", TWO_COUNTRIES)
    guessed = _institute(kb)
    assert guessed.country in {"CHL", "PER"}
    assert guessed.attributes["country_basis"] == "context"
    _ingest(extractor, kb, tmp_path / "b.txt", STATED)
    institute = _institute(kb)
    assert institute.country == "DEU"
    assert not {"country_basis", "country_confidence"} & set(institute.attributes)


def test_a_stated_country_does_not_replace_an_analysts(
    kb: Engine, extractor: Extractor, tmp_path: Path
) -> None:
    _ingest(extractor, kb, tmp_path / "a.txt", STORY)
    record_correction(kb, _institute(kb).id, country="CAN")
    _ingest(extractor, kb, tmp_path / "b.txt", STATED)
    assert _institute(kb).country == "CAN"


@pytest.mark.parametrize(
    ("entity", "fields", "message"),
    [
        ("person:nobody", {"country": "USA"}, "no entity 'person:nobody'"),
        ("state:USA", {"country": "XYZ"}, "'XYZ' is not a country code"),
        ("state:USA", {"sector": "KING"}, "'KING' is not a sector"),
        ("state:USA", {}, "needs --country or --sector"),
    ],
)
def test_a_wrong_correction_is_refused_and_changes_nothing(
    kb: Engine,
    extractor: Extractor,
    tmp_path: Path,
    entity: str,
    fields: dict[str, str],
    message: str,
) -> None:
    _ingest(extractor, kb, tmp_path / "a.txt", STORY)
    with pytest.raises(CurationError, match=message):
        record_correction(kb, entity, **fields)
    with kb.connect() as connection:
        assert connection.execute(select(t.entity_corrections)).first() is None


def test_the_cli_corrects_in_one_line_and_refuses_in_one_line(
    extractor: Extractor, tmp_path: Path
) -> None:
    from newsgraph.store.db import open_database

    db = str(tmp_path / "kb.db")
    engine = open_database(db)
    _ingest(extractor, engine, tmp_path / "a.txt", STORY)
    institute = _institute(engine).id
    engine.dispose()
    runner = CliRunner()
    done = runner.invoke(app, ["correct", institute, "--country", "DEU", "--db", db])
    assert done.exit_code == 0, done.output
    assert done.output.strip() == f"corrected {institute}: country DEU"
    refused = runner.invoke(app, ["correct", institute, "--sector", "KING", "--db", db])
    assert refused.exit_code == 2
    assert len(refused.output.strip().splitlines()) == 1
    assert "Traceback" not in refused.output

    info = runner.invoke(app, ["actor-info", "Zorblat Institute", "--db", db, "--json"])
    stored = json.loads(info.output)["knowledge_base"][0]
    assert (stored["country"], stored["country_basis"]) == ("DEU", "analyst")
    assert stored["correction"]["country"] == "DEU"


def test_actor_info_shows_the_record_its_sources_and_the_post_held_on_a_date() -> None:
    args = ["actor-info", "Kokhir Rasulzoda", "--on", "2019-05-01", "--json"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    found = json.loads(done.output)
    assert found["used"] == "actor_kb"
    record = found["actor_kb"][0]
    assert record["country"] == "TJK"
    assert record["held_on_date"]["title"] == "Prime Minister"
    assert record["cameo_on_date"] == "TJKGOV"
    assert {s["licence"] for s in record["sources"]} >= {"CC0-1.0"}


def test_actor_info_names_the_gazetteer_when_it_decides() -> None:
    found = json.loads(CliRunner().invoke(app, ["actor-info", "Sergei Lavrov", "--json"]).output)
    assert found["used"] == "gazetteer"
    assert found["gazetteer"][0]["country"] == "RUS"


def test_the_dossier_says_where_a_country_came_from(extractor: Extractor, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsgraph.store.db import open_database
    from newsgraph.web import create_app

    engine = open_database(str(tmp_path / "kb.db"))
    _ingest(extractor, engine, tmp_path / "a.txt", STORY)
    institute = _institute(engine).id
    client = TestClient(create_app(engine))
    assert "(inferred from the documents)" in client.get(f"/actors/{institute}").text
    record_correction(engine, institute, country="DEU")
    page = client.get(f"/actors/{institute}").text
    assert "country DEU" in page and "(set by an analyst)" in page
    engine.dispose()
