"""Fixtures of the client tests (helpers in ``client_support.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from client_support import LOG_DDL, PROVIDERS, SCHEMA, reset_tables, server_url

import refrakt
from refrakt.drivers import connect


@pytest.fixture(params=PROVIDERS)
def provider(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def url(provider: str, tmp_path: Path) -> str:
    if provider == "sqlite":
        return f"file:{tmp_path}/test.db"
    return server_url(provider)


@pytest.fixture
def log_table(url: str) -> Iterator[str]:
    """``url`` with an empty ``ck_log`` table (for the fake engine), dropped afterwards."""
    reset_tables(url)
    with connect(url) as conn:
        conn.execute(LOG_DDL)
    yield url
    reset_tables(url)


@pytest.fixture
def db(url: str) -> Iterator[refrakt.Client]:
    client = refrakt.Client.from_schema(SCHEMA, url=url)
    yield client
    client.close()
