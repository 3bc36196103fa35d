"""A public :class:`refrakt.Client` on a fresh database of each kind, for the delete tests.

The schema is pushed with ``refrakt.migrate.push`` (foreign keys or not, by ``relationMode``);
the database is dropped afterwards. PostgreSQL / MariaDB come from ``REFRAKT_TEST_POSTGRES_URL`` /
``REFRAKT_TEST_MYSQL_URL`` (skipped locally when unreachable, failed under ``CI=true``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from engine_support import MY_URL, PG_URL, unavailable

import refrakt
from refrakt.drivers import connect
from refrakt.errors import RefraktError

PROVIDERS = ["sqlite", "postgresql", "mysql"]


def _with_database(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


@contextmanager
def fresh_url(provider: str, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database (PostgreSQL: schema) of its own, dropped at the end."""
    if provider == "sqlite":
        yield f"file:{tmp_path}/refrakt_del.db"
        return
    name = f"refrakt_d_{uuid.uuid4().hex[:10]}"
    if provider == "postgresql":
        try:
            admin = connect(PG_URL)
        except RefraktError as exc:
            unavailable("PostgreSQL", exc)
            raise
        with admin:
            try:
                yield PG_URL + ("&" if "?" in PG_URL else "?") + f"schema={name}"
            finally:
                admin.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        return
    try:
        admin = connect(_with_database(MY_URL, "mysql"))
    except RefraktError as exc:
        unavailable("MySQL/MariaDB", exc)
        raise
    with admin:
        admin.execute(f"CREATE DATABASE `{name}`")
        try:
            yield _with_database(MY_URL, name)
        finally:
            admin.execute(f"DROP DATABASE `{name}`")


@contextmanager
def pushed(provider: str, tmp_path: Path, schema: str, relation_mode: str = "foreignKeys") -> Iterator[tuple[str, str]]:
    """``(schema source, url)`` of a fresh database holding ``schema`` (with foreign keys or not)."""
    with fresh_url(provider, tmp_path) as url:
        source = (
            f'datasource db {{\n  provider = "{provider}"\n  url = "{url}"\n  relationMode = "{relation_mode}"\n}}\n'
            f"{schema}"
        )
        refrakt.migrate.push(source, url=url, force_reset=True, accept_data_loss=True)
        yield source, url


@contextmanager
def client(provider: str, tmp_path: Path, schema: str, relation_mode: str = "foreignKeys") -> Iterator[refrakt.Client]:
    """A client on a fresh database holding ``schema`` (with foreign keys or not)."""
    with pushed(provider, tmp_path, schema, relation_mode) as (source, url):
        db = refrakt.Client.from_schema(source, url=url)
        try:
            yield db
        finally:
            db.close()
