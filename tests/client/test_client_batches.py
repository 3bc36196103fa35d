"""Batches on SQLite, PostgreSQL and MariaDB: queued delegate and raw calls, results in order;
``transaction=True`` (all or nothing) and ``transaction=False`` (each on its own); sync and async."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from client_support import SCHEMA, install_fake_engine, logged_ops, reset_tables

import refrakt
from refrakt.client import BatchItem
from refrakt.drivers import connect
from refrakt.errors import RawQueryError, ValidationError

INSERT = "INSERT INTO ck_batch (id) VALUES ($1)"


@pytest.fixture
def batch_url(log_table: str) -> Iterator[str]:
    reset_tables(log_table, "ck_batch")
    with connect(log_table) as conn:
        conn.execute("CREATE TABLE ck_log (op VARCHAR(100) NOT NULL)")
        conn.execute("CREATE TABLE ck_batch (id INT PRIMARY KEY)")
    yield log_table
    reset_tables(log_table, "ck_batch")


def ids(url: str) -> list[int]:
    with connect(url) as conn:
        return sorted(int(r[0]) for r in conn.query("SELECT id FROM ck_batch")[1])


def test_transactional_batch_runs_in_order_and_commits(batch_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=batch_url) as db:
        install_fake_engine(db)
        with db.batch() as b:
            first = b.execute_raw(INSERT, 1)
            b.user.create(data={"id": 1})
            b.model("OrderItem").count(where={"id": 1})
            b.query_raw("SELECT COUNT(*) AS n FROM ck_batch")
            b.execute_raw_unsafe("INSERT INTO ck_batch (id) VALUES (2)")
            assert isinstance(first, BatchItem) and not first.done and len(b) == 5
            assert ids(batch_url) == []  # nothing runs before the block ends
        assert b.results[0] == 1
        assert b.results[1] == {"model": "User", "operation": "create", "args": {"data": {"id": 1}}}
        assert b.results[2]["operation"] == "count"
        assert b.results[3] == [{"n": 1}]
        assert b.results[4] == 1
        assert first.result == 1
        assert ids(batch_url) == [1, 2]
        assert logged_ops(batch_url) == ["User.create", "OrderItem.count"]


def test_a_failure_rolls_back_the_whole_batch_and_raises(batch_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=batch_url) as db:
        install_fake_engine(db)
        with pytest.raises(RawQueryError) as info, db.batch(transaction=True) as b:
            b.execute_raw(INSERT, 1)
            b.user.create(data={"id": 1})
            b.execute_raw(INSERT, 1)  # duplicate key
        assert info.value.code == "P2010"
        assert ids(batch_url) == [] and logged_ops(batch_url) == []
        with pytest.raises(RuntimeError, match="not run yet"):
            _ = b.results


def test_invalid_arguments_stop_a_transactional_batch_before_any_sql(batch_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=batch_url) as db:
        engine = install_fake_engine(db)
        with pytest.raises(ValidationError), db.batch() as b:
            b.execute_raw(INSERT, 1)
            b.user.find_many(where="invalid")
        assert ids(batch_url) == [] and engine.connections == []


def test_non_transactional_batch_keeps_each_result_or_error(batch_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=batch_url) as db:
        install_fake_engine(db)
        with db.batch(transaction=False) as b:
            b.execute_raw(INSERT, 1)
            dup = b.execute_raw(INSERT, 1)
            b.user.find_first(where="invalid")
            b.execute_raw(INSERT, 2)
            b.query_raw("SELECT $1", 1, 2)
        assert b.results[0] == 1 and b.results[3] == 1
        assert isinstance(b.results[1], RawQueryError) and b.results[1].code == "P2010"
        assert isinstance(b.results[2], ValidationError)
        assert isinstance(b.results[4], refrakt.errors.KnownRequestError) and b.results[4].code == "P1016"
        with pytest.raises(RawQueryError):
            _ = dup.result
        assert ids(batch_url) == [1, 2]


def test_a_block_that_raises_runs_nothing_and_calls_after_the_end_fail(batch_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=batch_url) as db:
        with pytest.raises(KeyError), db.batch() as b:
            b.execute_raw(INSERT, 1)
            raise KeyError("stop")
        assert ids(batch_url) == []
        with pytest.raises(RuntimeError, match="already ended"):
            b.execute_raw(INSERT, 2)
        with db.batch() as empty:
            pass
        assert empty.results == []


def test_batch_isolation_level_and_inside_a_transaction(batch_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=batch_url, connection_limit=1) as db:
        with db.batch(isolation_level="Serializable") as b:
            b.execute_raw(INSERT, 1)
        assert b.results == [1]
        with pytest.raises(ZeroDivisionError), db.transaction():
            with db.batch() as inner:  # joins the open transaction (one connection only)
                inner.execute_raw(INSERT, 2)
            assert inner.results == [1]
            _ = 1 / 0
        assert ids(batch_url) == [1]


def test_async_batches(batch_url: str) -> None:
    async def main() -> tuple[list[Any], list[Any]]:
        async with refrakt.AsyncClient.from_schema(SCHEMA, url=batch_url) as db:
            install_fake_engine(db)
            async with db.batch() as b:
                b.execute_raw(INSERT, 1)
                b.post.delete_many()
            async with db.batch(transaction=False) as b2:
                b2.execute_raw(INSERT, 1)
                b2.query_raw("SELECT COUNT(*) AS n FROM ck_batch")
            return b.results, b2.results

    results, each = asyncio.run(main())
    assert results == [1, {"model": "Post", "operation": "delete_many", "args": {}}]
    assert isinstance(each[0], RawQueryError) and each[1] == [{"n": 1}]
    assert ids(batch_url) == [1]
