"""``run_async`` on the async drivers gives the same records as ``run`` (one hand-written executor)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from engine_support import create_tables, database, datamodel, seed

from refrakt import to_jsonable
from refrakt.drivers import connect_async
from refrakt.engine import Engine

ARGS = {
    "where": {"posts": {"some": {}}},
    "order_by": {"id": "asc"},
    "include": {"posts": {"include": {"tags": True}, "take": 2}, "_count": True},
}


@pytest.mark.parametrize("dialect", ["sqlite", "postgres", "mysql"])
def test_run_async_matches_run(dialect: str, tmp_path: Path) -> None:
    provider = {"sqlite": "sqlite", "postgres": "postgresql", "mysql": "mysql"}[dialect]
    dm = datamodel(provider)
    with database(dialect, str(tmp_path / "async.db")) as conn:
        create_tables(conn, dm, dialect)
        engine = Engine(dm, dialect)
        seed(conn, engine)
        expected = to_jsonable(engine.prepare("User", "find_many", ARGS).run(conn))

        async def main() -> object:
            async with await connect_async(conn.config) as aconn:
                users = await engine.prepare("User", "find_many", ARGS).run_async(aconn)
                count = await engine.prepare("User", "count", {"where": {"active": True}}).run_async(aconn)
                return to_jsonable(users), count

        users, count = asyncio.run(main())  # pyright: ignore[reportGeneralTypeIssues]
    assert users == expected
    assert [u["id"] for u in expected] == [1, 2]
    assert count == 3
