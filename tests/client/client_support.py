"""Helpers of the client tests: the real databases, a fake query engine, schemas (fixtures: conftest.py).

- SQLite: a file in the test's temporary folder.
- PostgreSQL: ``REFRAKT_TEST_POSTGRES_URL`` (default ``postgresql://postgres@127.0.0.1:5432/refrakt_test``),
  in a schema of its own (``refrakt_client``, made afresh per session) through ``?schema=``.
- MariaDB/MySQL: ``REFRAKT_TEST_MYSQL_URL`` (default ``mysql://root@127.0.0.1:3306/refrakt_test``),
  in a database of its own (``refrakt_client``, made afresh per session).

A server that cannot be reached skips its tests locally and fails them when ``CI=true``: CI must
never pass by skipping.

:class:`FakeEngine` stands in for ``refrakt.engine.Engine`` so that the client's plumbing (what
reaches the engine, on which connection, in which transaction) is tested on its own: its
prepared queries insert a row naming the operation into ``ck_log`` and return what they were given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from refrakt.drivers import AsyncConnection, Connection, connect
from refrakt.errors import RefraktError, ValidationError

PG_URL = os.environ.get("REFRAKT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/refrakt_test")
MY_URL = os.environ.get("REFRAKT_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/refrakt_test")
TEST_SCHEMA = "refrakt_client"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PROVIDERS = ["sqlite", "postgresql", "mysql"]

SCHEMA = """\
model User {
  id    Int     @id
  email String  @unique
  posts Post[]
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
}

model OrderItem {
  id Int @id
}
"""

#: ``ck_log``: what the fake engine writes (one row per prepared query that ran).
LOG_DDL = "CREATE TABLE ck_log (op VARCHAR(100) NOT NULL)"


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, ""))


def with_params(url: str, params: str) -> str:
    return url + ("&" if "?" in url else "?") + params


def unavailable(what: str, error: BaseException) -> None:
    message = f"{what} is not reachable: {error}"
    if IN_CI:
        pytest.fail(f"{message} (CI=true: integration tests must not skip)", pytrace=False)
    pytest.skip(message)


def _prepare_postgres() -> str:
    try:
        connect(PG_URL).close()
    except RefraktError as exc:
        if exc.code != "P1003":
            raise
        with connect(with_database(PG_URL, "postgres")) as admin:
            admin.execute(f'CREATE DATABASE "{urlsplit(PG_URL).path.lstrip("/")}"')
    with connect(PG_URL) as conn:
        conn.execute_script(f'DROP SCHEMA IF EXISTS "{TEST_SCHEMA}" CASCADE; CREATE SCHEMA "{TEST_SCHEMA}"')
    return with_params(PG_URL, f"schema={TEST_SCHEMA}")


def _prepare_mysql() -> str:
    with connect(with_database(MY_URL, "mysql")) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS `{TEST_SCHEMA}`")
        conn.execute(f"CREATE DATABASE `{TEST_SCHEMA}`")
    return with_database(MY_URL, TEST_SCHEMA)


_server_state: dict[str, str | BaseException] = {}


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


def reset_tables(url: str, *names: str) -> None:
    """Drop the tables ``names`` (and the fake engine's log) if they exist."""
    with connect(url) as conn:
        for name in (*names, "ck_log"):
            conn.execute(f"DROP TABLE IF EXISTS {name}")


# --- a stand-in for the query engine -----------------------------------------------------------------


@dataclass
class FakePrepared:
    model: str
    operation: str
    args: dict[str, Any]
    engine: FakeEngine

    def _sql(self) -> str:
        return f"INSERT INTO ck_log (op) VALUES ('{self.model}.{self.operation}')"

    def run(self, conn: Connection) -> Any:
        self.engine.connections.append(conn)
        conn.execute(self._sql())
        return {"model": self.model, "operation": self.operation, "args": self.args}

    async def run_async(self, conn: AsyncConnection) -> Any:
        self.engine.connections.append(conn)
        await conn.execute(self._sql())
        return {"model": self.model, "operation": self.operation, "args": self.args}


@dataclass
class FakeEngine:
    """``prepare`` records its calls and raises ValidationError for ``where="invalid"``."""

    prepared: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list[tuple[str, str, dict[str, Any]]])
    connections: list[object] = field(default_factory=list[object])

    def prepare(self, model: str, operation: str, args: dict[str, Any]) -> FakePrepared:
        self.prepared.append((model, operation, args))
        if args.get("where") == "invalid":
            raise ValidationError("Argument `where`: invalid value", path=("where",))
        return FakePrepared(model, operation, args, self)


def install_fake_engine(client: Any) -> FakeEngine:
    """Give ``client`` (a Client or AsyncClient) a :class:`FakeEngine`; returns it."""
    engine = FakeEngine()
    client._core._engine = engine  # the client's engine slot, normally filled on first use
    return engine


def logged_ops(url: str) -> list[str]:
    with connect(url) as conn:
        return [row[0] for row in conn.query("SELECT op FROM ck_log")[1]]
