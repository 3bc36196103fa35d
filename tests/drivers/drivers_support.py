"""Helpers of the driver tests: the real databases, each test's own tables (fixtures: conftest.py).

- SQLite: a file in the test's temporary folder.
- PostgreSQL: ``REFRAKT_TEST_POSTGRES_URL`` (default ``postgresql://postgres@127.0.0.1:5432/refrakt_test``),
  in a schema of its own (``refrakt_drivers``, made afresh per session) through ``?schema=``.
- MariaDB/MySQL: ``REFRAKT_TEST_MYSQL_URL`` (default ``mysql://root@127.0.0.1:3306/refrakt_test``),
  in a database of its own (``refrakt_drivers``, made afresh per session).

A server that cannot be reached skips its tests locally, and fails them when ``CI=true``: CI
must never pass by skipping.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import pytest

from refrakt.drivers import connect
from refrakt.errors import RefraktError

PG_URL = os.environ.get("REFRAKT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/refrakt_test")
MY_URL = os.environ.get("REFRAKT_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/refrakt_test")
TEST_SCHEMA = "refrakt_drivers"
TEST_DATABASE = "refrakt_drivers"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

PROVIDERS = ["sqlite", "postgresql", "mysql"]
#: Each database's placeholder for the first and second parameter.
P1 = {"sqlite": "?", "postgresql": "$1", "mysql": "%s"}
P2 = {"sqlite": "?", "postgresql": "$2", "mysql": "%s"}


def with_database(url: str, database: str, query: str = "") -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, query or parts.query, ""))


def with_params(url: str, params: str) -> str:
    return url + ("&" if "?" in url else "?") + params


def unavailable(what: str, error: BaseException) -> None:
    message = f"{what} is not reachable: {error}"
    if IN_CI:
        pytest.fail(f"{message} (CI=true: integration tests must not skip)", pytrace=False)
    pytest.skip(message)


_server_state: dict[str, str | BaseException] = {}


def _prepare_postgres() -> str:
    try:
        connect(PG_URL).close()
    except RefraktError as exc:
        if exc.code != "P1003":
            raise
        with connect(with_database(PG_URL, "postgres")) as admin:  # create the test database if absent
            admin.execute(f'CREATE DATABASE "{urlsplit(PG_URL).path.lstrip("/")}"')
    with connect(PG_URL) as conn:
        conn.execute_script(f'DROP SCHEMA IF EXISTS "{TEST_SCHEMA}" CASCADE; CREATE SCHEMA "{TEST_SCHEMA}"')
    return with_params(PG_URL, f"schema={TEST_SCHEMA}")


def _prepare_mysql() -> str:
    with connect(with_database(MY_URL, "mysql")) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS `{TEST_DATABASE}`")
        conn.execute(f"CREATE DATABASE `{TEST_DATABASE}`")
    return with_database(MY_URL, TEST_DATABASE)


def server_url(provider: str) -> str:
    """The URL of the prepared test database of a server (prepared once per session)."""
    if provider not in _server_state:
        try:
            _server_state[provider] = _prepare_postgres() if provider == "postgresql" else _prepare_mysql()
        except RefraktError as exc:
            _server_state[provider] = exc
    state = _server_state[provider]
    if isinstance(state, BaseException):
        unavailable("PostgreSQL" if provider == "postgresql" else "MariaDB/MySQL", state)
        raise AssertionError("unreachable")
    return state


@dataclass
class Tables:
    """Creates tables for one test and drops them afterwards."""

    url: str
    provider: str
    names: list[str]

    def create(self, name: str, columns: str) -> str:
        with connect(self.url) as conn:
            conn.execute(f"DROP TABLE IF EXISTS {name}")
            conn.execute(f"CREATE TABLE {name} ({columns})")
        self.names.append(name)
        return name


def user_post_tables(tables: Tables) -> tuple[str, str]:
    """``drv_user`` (id, email unique, name VARCHAR(5) NOT NULL) and ``drv_post`` (FK to it)."""
    user = tables.create(
        "drv_user",
        "id INTEGER PRIMARY KEY, email VARCHAR(50) NOT NULL, name VARCHAR(5) NOT NULL, "
        "CONSTRAINT drv_user_email_key UNIQUE (email)",
    )
    post = tables.create(
        "drv_post",
        "id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL, "
        "CONSTRAINT drv_post_author_id_fkey FOREIGN KEY (author_id) REFERENCES drv_user (id)",
    )
    return user, post
