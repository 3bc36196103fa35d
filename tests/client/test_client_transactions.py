"""Transactions on SQLite, PostgreSQL and MariaDB: commit, rollback on an exception, P2028 past
``timeout`` and ``max_wait``, isolation levels, calls of the client joining the open transaction;
sync and async."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest
from client_support import SCHEMA, install_fake_engine, logged_ops, reset_tables, server_url

import refrakt
from refrakt.drivers import connect
from refrakt.errors import TransactionError


@pytest.fixture
def tx_url(log_table: str) -> Iterator[str]:
    """``url`` with empty ``ck_tx`` and ``ck_log`` tables."""
    reset_tables(log_table, "ck_tx")
    with connect(log_table) as conn:
        conn.execute("CREATE TABLE ck_log (op VARCHAR(100) NOT NULL)")
        conn.execute("CREATE TABLE ck_tx (id INT PRIMARY KEY)")
    yield log_table
    reset_tables(log_table, "ck_tx")


def count(url: str) -> int:
    with connect(url) as conn:
        return int(conn.query("SELECT COUNT(*) FROM ck_tx")[1][0][0])


def test_commit_at_the_end_of_the_block(tx_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=tx_url) as db:
        with db.transaction() as tx:
            assert tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 1) == 1
            tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 2)
            assert tx.query_raw("SELECT COUNT(*) AS n FROM ck_tx")[0]["n"] == 2
            assert count(tx_url) == 0  # not visible outside before the commit
        assert count(tx_url) == 2
        with pytest.raises(TransactionError, match="committed transaction") as info:
            tx.query_raw("SELECT 1")
        assert info.value.code == "P2028"


def test_rollback_on_an_exception(tx_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=tx_url) as db:
        with pytest.raises(ZeroDivisionError), db.transaction() as tx:
            tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 1)
            _ = 1 / 0
        assert count(tx_url) == 0
        with pytest.raises(TransactionError, match="rolled back"):
            tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 3)
        assert db.query_raw("SELECT COUNT(*) AS n FROM ck_tx") == [{"n": 0}]  # the pool is usable again


def test_model_calls_run_inside_the_transaction(tx_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=tx_url, connection_limit=1) as db:
        engine = install_fake_engine(db)
        with pytest.raises(RuntimeError), db.transaction() as tx:
            tx.user.create(data={"id": 1})
            db.post.create(data={"id": 1})  # the client's own delegate joins the open transaction
            assert engine.connections[0] is engine.connections[1]
            raise RuntimeError("roll back")
        assert logged_ops(tx_url) == []
        with db.transaction() as tx:
            tx.model("OrderItem").delete_many()
        assert logged_ops(tx_url) == ["OrderItem.delete_many"]


def test_calls_past_the_timeout_raise_p2028_and_roll_back(tx_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=tx_url) as db:
        with pytest.raises(TransactionError) as info, db.transaction(timeout=0.1) as tx:
            tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 1)
            time.sleep(0.2)
            tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 2)
        assert info.value.code == "P2028"
        assert "A query cannot be executed on an expired transaction" in str(info.value)
        assert "The timeout for this transaction was 100 ms" in str(info.value)
        assert count(tx_url) == 0

        with pytest.raises(TransactionError, match="A commit cannot be executed on an expired transaction"):  # noqa: SIM117
            with db.transaction(timeout=0.1) as tx:
                tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 3)
                time.sleep(0.2)
        assert count(tx_url) == 0
        with db.transaction(timeout=None) as tx:
            tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 4)
        assert count(tx_url) == 1


def test_no_free_connection_within_max_wait_is_p2028(tx_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=tx_url, connection_limit=1) as db:
        errors: list[BaseException] = []
        with db.transaction():

            def other_thread() -> None:
                try:
                    with db.transaction(max_wait=0.2):
                        pass
                except BaseException as exc:
                    errors.append(exc)

            t = threading.Thread(target=other_thread)
            t.start()
            t.join(10)
        assert len(errors) == 1 and isinstance(errors[0], TransactionError)
        assert errors[0].code == "P2028"
        assert "Unable to start a transaction in the given time." in str(errors[0])


def test_isolation_levels_and_nesting(tx_url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=tx_url) as db:
        with db.transaction(isolation_level="Serializable") as tx:
            tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 1)
            with pytest.raises(TransactionError, match="nested"), db.transaction():
                pass
        assert count(tx_url) == 1
        with pytest.raises(TransactionError) as info, db.transaction(isolation_level="Sometimes"):
            pass
        assert info.value.code == "P2028"
        assert db.query_raw("SELECT 1 AS one") == [{"one": 1}]


def test_postgresql_isolation_level_is_applied() -> None:
    with refrakt.Client.from_schema(SCHEMA, url=server_url("postgresql")) as db:
        with db.transaction(isolation_level="RepeatableRead") as tx:
            assert tx.query_raw("SHOW transaction_isolation") == [{"transaction_isolation": "repeatable read"}]
        with db.transaction() as tx:
            assert tx.query_raw("SHOW transaction_isolation") == [{"transaction_isolation": "read committed"}]


def test_async_transactions(tx_url: str) -> None:
    async def main() -> tuple[int, int, str | None]:
        async with refrakt.AsyncClient.from_schema(SCHEMA, url=tx_url) as db:
            async with db.transaction() as tx:
                await tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 1)
                await db.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 2)  # joins: same task
            committed = count(tx_url)
            try:
                async with db.transaction() as tx:
                    await tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 3)
                    raise KeyError("boom")
            except KeyError:
                pass
            after_rollback = count(tx_url)
            code = None
            try:
                async with db.transaction(timeout=0.05) as tx:
                    await asyncio.sleep(0.1)
                    await tx.execute_raw("INSERT INTO ck_tx (id) VALUES ($1)", 4)
            except TransactionError as exc:
                code = exc.code
            return committed, after_rollback, code

    assert asyncio.run(main()) == (2, 2, "P2028")
    assert count(tx_url) == 2


def test_async_max_wait(tx_url: str) -> None:
    async def main() -> str | None:
        async with refrakt.AsyncClient.from_schema(SCHEMA, url=tx_url, connection_limit=1) as db:
            pool = db._executor.pool()
            held = await pool.acquire()
            try:
                async with db.transaction(max_wait=0.1):
                    return None
            except TransactionError as exc:
                return exc.code
            finally:
                await pool.release(held)

    assert asyncio.run(main()) == "P2028"
