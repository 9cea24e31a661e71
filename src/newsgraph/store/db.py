"""Open a knowledge base: an SQLite file by default, PostgreSQL for teams; migrated on open.

>>> engine = open_database("newsgraph.db")                            # doctest: +SKIP
>>> engine = open_database("postgresql://app:app@localhost/kb")      # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no file locks; migrations there are not raced
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from newsgraph.errors import ConfigError

DEFAULT_DATABASE = "newsgraph.db"


def dialect_insert(connection: Any, table: Any) -> Any:
    """An INSERT for the connection's database that takes ON CONFLICT clauses (SQLite's or
    PostgreSQL's). The dialect modules are imported here, on first write, not at start-up."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def database_url(target: str | None) -> str:
    """A SQLAlchemy URL from a file path or a URL ("postgresql://" gets the psycopg 3 driver)."""
    target = target or DEFAULT_DATABASE
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    if "://" in target:
        return target
    return f"sqlite:///{target}"


def shown_url(target: str | None) -> str:
    """A database URL fit for messages and logs: the password masked."""
    if target is None:
        return database_url(target)
    if "://" not in target:
        return target
    try:
        return make_url(database_url(target)).render_as_string(hide_password=True)
    except ArgumentError:
        return target.split("://", 1)[0] + "://…"


def _one_line(error: object) -> str:
    """A driver's message on one line (psycopg adds indented hints on the next)."""
    return " ".join(str(error).split())


def open_database(
    target: str | None = None,
    *,
    migrate: bool = True,
    pool_size: int | None = None,
    pool_timeout: float | None = None,
) -> Engine:
    """An engine for the knowledge base, with the schema brought up to date. A server passes
    `pool_size` (connections kept) and `pool_timeout` (seconds to wait for one, then fail)."""
    url = database_url(target)
    options = _engine_options(url)
    if pool_size is not None:
        options |= {"pool_size": pool_size, "max_overflow": 0}
    if pool_timeout is not None:
        options["pool_timeout"] = pool_timeout
    try:
        engine = create_engine(url, future=True, **options)
    except (SQLAlchemyError, ModuleNotFoundError) as e:
        raise ConfigError(f"Cannot open the database {shown_url(target)!r}: {_one_line(e)}") from e
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        try:
            upgrade(engine)
        except OperationalError as e:
            raise ConfigError(
                f"Cannot reach or migrate the database {shown_url(target)!r}: {_one_line(e.orig)}"
            ) from e
    return engine


# How long a writer waits for another process's transaction before giving up: ingest
# processes on one SQLite file take turns instead of failing with "database is locked".
BUSY_TIMEOUT_SECONDS = 60


def _engine_options(url: str) -> dict[str, Any]:
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": BUSY_TIMEOUT_SECONDS}}
    return {"pool_pre_ping": True}


def _sqlite_pragmas(connection: Any, _record: object) -> None:
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the single writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations shipped in the package up to `revision`.

    Under a lock, so processes that open a new knowledge base together migrate it once: an
    advisory lock on PostgreSQL, a lock file beside the SQLite file (the second process waits,
    then finds the schema at head and does nothing).
    """
    if revision == "head" and _at_head(engine):
        return  # the usual case: no need to load Alembic (a quarter of a second) at all
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("newsgraph.store") / "migrations")
    )
    with _migration_lock(engine), engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


# The newest migration in store/migrations/versions (a test checks it is Alembic's head).
HEAD_REVISION = "0012"


def _at_head(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return False  # a new database: no version table yet
    return current == HEAD_REVISION


# an arbitrary constant naming newsgraph's migration lock among the server's advisory locks
_PG_LOCK_KEY = 7_145_393_021


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:" or fcntl is None:
        yield
        return
    with Path(f"{path}.migrate-lock").open("a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
