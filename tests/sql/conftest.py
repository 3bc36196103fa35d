"""Fixtures of the SQL tests: real databases to run the rendered SQL on.

The database helpers live in ``tests/migrate/db_support.py`` (shared with the migration tests).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "migrate"))

from db_support import mysql_databases, postgres_databases


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs the PostgreSQL server (fails instead of skipping if CI=true)")
    config.addinivalue_line("markers", "mysql: needs the MySQL/MariaDB server (fails instead of skipping if CI=true)")


@pytest.fixture
def new_postgres_db() -> Iterator[Callable[[], Any]]:
    with postgres_databases() as new:
        yield new


@pytest.fixture
def new_mysql_db() -> Iterator[Callable[[], Any]]:
    with mysql_databases() as new:
        yield new
