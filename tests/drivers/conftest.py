"""Fixtures for the driver tests (the helpers and what they reach are in ``drivers_support.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from drivers_support import PROVIDERS, Tables, server_url

from refrakt.drivers import Connection, Pool, connect


@pytest.fixture
def pg_url() -> str:
    return server_url("postgresql")


@pytest.fixture
def my_url() -> str:
    return server_url("mysql")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"file:{tmp_path}/test.db"


@pytest.fixture(params=PROVIDERS)
def provider(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def url(provider: str, tmp_path: Path) -> str:
    if provider == "sqlite":
        return f"file:{tmp_path}/test.db"
    return server_url(provider)


@pytest.fixture
def tables(url: str, provider: str) -> Iterator[Tables]:
    t = Tables(url, provider, [])
    yield t
    if provider != "sqlite" and t.names:
        with connect(url) as conn:
            for name in reversed(t.names):
                conn.execute(f"DROP TABLE IF EXISTS {name}")


@pytest.fixture
def conn(url: str) -> Iterator[Connection]:
    c = connect(url)
    yield c
    c.close()


@pytest.fixture
def make_pool() -> Iterator[Callable[..., Pool]]:
    pools: list[Pool] = []

    def make(url: str, **kw: float | int | None) -> Pool:
        pool = Pool(url, **kw)  # type: ignore[arg-type]
        pools.append(pool)
        return pool

    yield make
    for pool in pools:
        pool.close()
