"""Start-up: commands that only read the knowledge base import neither spaCy nor the lexicon.

Not timed (benchmarks/startup.py measures); each case runs in a fresh interpreter, so what it
finds in sys.modules is what the command itself imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("spacy", "newsgraph.pipeline", "newsgraph.lexicon.gazetteer", "newsgraph.lexicon.loader")
PROBE = """
import json, sys
from newsgraph.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return set(loaded)


def test_importing_the_cli_loads_nothing_heavy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, newsgraph, newsgraph.cli; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert not [m for m in HEAVY if f"'{m}'" in done.stdout]


@pytest.mark.parametrize(
    "command",
    [
        ["--help"],
        ["actors"],
        ["actor", "Russia"],
        ["events"],
        ["alignments"],
        ["search", "troops"],
        ["timeline"],
    ],
    ids=lambda c: c[0],
)
def test_reading_commands_load_neither_spacy_nor_lexicon(
    tmp_path: Path, command: list[str]
) -> None:
    db = ["--db", str(tmp_path / "kb.db")] if command != ["--help"] else []
    loaded = modules_after(*command, *db)
    assert "newsgraph.cli" in loaded
    assert not [m for m in HEAVY if m in loaded]


def test_actor_info_loads_no_spacy_and_no_model() -> None:
    loaded = modules_after("actor-info", "Paul Kagame")
    assert "newsgraph.actor_info" in loaded
    assert not [m for m in ("spacy", "newsgraph.pipeline") if m in loaded]


def test_head_revision_is_alembics_head() -> None:
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from newsgraph.store.db import HEAD_REVISION

    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("newsgraph.store") / "migrations")
    )
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION
