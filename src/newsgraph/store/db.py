"""Open a knowledge base: an SQLite file by default, PostgreSQL for teams; migrated on open.

>>> engine = open_database("newsgraph.db")                            # doctest: +SKIP
>>> engine = open_database("postgresql://app:app@localhost/kb")      # doctest: +SKIP
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from newsgraph.errors import ConfigError

DEFAULT_DATABASE = "newsgraph.db"


def database_url(target: str | None) -> str:
    """A SQLAlchemy URL from a file path or a URL ("postgresql://" gets the psycopg 3 driver)."""
    target = target or DEFAULT_DATABASE
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    if "://" in target:
        return target
    return f"sqlite:///{target}"


def open_database(target: str | None = None, *, migrate: bool = True) -> Engine:
    """An engine for the knowledge base, with the schema brought up to date."""
    url = database_url(target)
    try:
        engine = create_engine(url, future=True)
    except (SQLAlchemyError, ModuleNotFoundError) as e:
        raise ConfigError(f"Cannot open the database {target!r}: {e}") from e
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        try:
            upgrade(engine)
        except OperationalError as e:
            raise ConfigError(f"Cannot reach or migrate the database {target!r}: {e.orig}") from e
    return engine


def _sqlite_pragmas(connection: Any, _record: object) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the single writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations shipped in the package up to `revision`."""
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("newsgraph.store") / "migrations")
    )
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
