"""Fixtures of the engine tests: ``db`` is a seeded database per dialect (one per test module)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from engine_support import DIALECTS, Db, create_tables, database, datamodel, seed

from refrakt.engine import Engine

_PROVIDER = {"sqlite": "sqlite", "postgres": "postgresql", "mysql": "mysql"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs the PostgreSQL server (fails instead of skipping if CI=true)")
    config.addinivalue_line("markers", "mysql: needs the MySQL/MariaDB server (fails instead of skipping if CI=true)")


@pytest.fixture(scope="module", params=DIALECTS)
def db(request: pytest.FixtureRequest) -> Iterator[Db]:
    dialect = str(request.param)
    dm = datamodel(_PROVIDER[dialect])
    with database(dialect) as conn:
        create_tables(conn, dm, dialect)
        engine = Engine(dm, dialect)
        seed(conn, engine)
        yield Db(dialect, conn, engine)
