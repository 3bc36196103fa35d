"""Fixtures of the migration tests: fresh PostgreSQL / MariaDB databases (see ``db_support``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from db_support import mysql_databases, postgres_databases


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs the PostgreSQL server (fails instead of skipping if CI=true)")
    config.addinivalue_line("markers", "mysql: needs the MySQL/MariaDB server (fails instead of skipping if CI=true)")


@pytest.fixture
def new_postgres_db() -> Iterator[Callable[[], Any]]:
    """``new_postgres_db()`` -> an autocommit psycopg connection to a new, empty database."""
    with postgres_databases() as new:
        yield new


@pytest.fixture
def new_mysql_db() -> Iterator[Callable[[], Any]]:
    """``new_mysql_db()`` -> an autocommit PyMySQL connection to a new, empty database."""
    with mysql_databases() as new:
        yield new
