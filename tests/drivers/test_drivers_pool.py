"""The pool on the real databases: limits, P2024 past pool_timeout, hand-over to waiters,
broken and dirty connections, transactions, life cycle; sync (threads) and async (tasks)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from drivers_support import P1, Tables

from refrakt.drivers import AsyncPool, Connection, Pool, default_connection_limit
from refrakt.errors import InitializationError, PoolTimeoutError, RefraktError, UniqueConstraintError

MakePool = Callable[..., Pool]


def test_pool_exhaustion_raises_p2024_after_pool_timeout(url: str, make_pool: MakePool) -> None:
    pool = make_pool(url, connection_limit=1, pool_timeout=0.3)
    held = pool.acquire()
    start = time.monotonic()
    with pytest.raises(PoolTimeoutError) as info:
        pool.acquire()
    waited = time.monotonic() - start
    err = info.value
    assert err.code == "P2024"
    assert err.message == (
        "Timed out fetching a new connection from the connection pool. More info: http://pris.ly/d/connection-pool "
        "(Current connection pool timeout: 0.3, connection limit: 1)"
    )
    assert err.meta == {"connection_limit": 1, "timeout": 0.3}
    assert 0.25 <= waited < 3
    assert pool.waiting == 0  # the timed-out waiter left the queue
    pool.release(held)
    again = pool.acquire()  # free again
    assert again is held
    pool.release(again)


def test_pool_parameters_come_from_the_url(url: str, provider: str, make_pool: MakePool) -> None:
    sep = "&" if "?" in url else "?"
    pool = make_pool(url + f"{sep}connection_limit=1&pool_timeout=1")
    assert (pool.config.connection_limit, pool.config.pool_timeout) == (1, 1.0)
    expected = r"\(Current connection pool timeout: 1, connection limit: 1\)$"
    with pool.connection(), pytest.raises(PoolTimeoutError, match=expected):
        pool.acquire()


def test_default_pool_size_is_prismas(url: str, make_pool: MakePool) -> None:
    pool = make_pool(url)
    assert pool.config.connection_limit == default_connection_limit()
    assert pool.config.pool_timeout == 10.0


def test_pool_opens_lazily_and_reuses_connections(url: str, make_pool: MakePool) -> None:
    pool = make_pool(url, connection_limit=3)
    assert pool.size == 0
    assert pool.query("SELECT 1")[1] == [(1,)]
    assert (pool.size, pool.idle, pool.in_use) == (1, 1, 0)
    with pool.connection() as a:
        assert pool.in_use == 1
        with pool.connection() as b:
            assert a is not b
            assert (pool.size, pool.in_use) == (2, 2)
    assert (pool.size, pool.idle) == (2, 2)
    with pool.connection() as c:
        assert c is a  # the most recently returned comes back first


def test_released_connection_goes_to_the_waiter(url: str, make_pool: MakePool) -> None:
    pool = make_pool(url, connection_limit=1, pool_timeout=5)
    held = pool.acquire()
    got: list[Connection] = []

    def waiter() -> None:
        with pool.connection() as c:
            got.append(c)

    t = threading.Thread(target=waiter)
    t.start()
    for _ in range(100):
        if pool.waiting:
            break
        time.sleep(0.01)
    assert pool.waiting == 1
    pool.release(held)
    t.join(5)
    assert got == [held]
    assert pool.size == 1


def test_many_threads_share_a_small_pool(url: str, tables: Tables, provider: str, make_pool: MakePool) -> None:
    t = tables.create("drv_pool_threads", "id INTEGER PRIMARY KEY")
    pool = make_pool(url, connection_limit=2, pool_timeout=20)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            pool.execute(f"INSERT INTO {t} (id) VALUES ({P1[provider]})", [i])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(20)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert errors == []
    assert pool.size <= 2
    assert pool.query(f"SELECT count(*) FROM {t}")[1][0][0] == 20


def test_connection_errors_reach_the_caller_not_a_pool_timeout(tmp_path: Path, make_pool: MakePool) -> None:
    pool = make_pool(f"file:{tmp_path}/missing/dev.db", connection_limit=1, pool_timeout=0.5)
    for _ in range(3):  # the failed attempt gives its place back every time
        with pytest.raises(InitializationError) as info:
            pool.acquire()
        assert info.value.code == "P1003"
    assert pool.size == 0


def test_open_checks_the_database_now(pg_url: str, make_pool: MakePool) -> None:
    pool = make_pool(pg_url.replace("/refrakt_test", "/refrakt_no_such_db"))
    with pytest.raises(InitializationError) as info:
        pool.open()
    assert info.value.code == "P1003"
    assert make_pool(pg_url).open().size == 1


def test_transaction_commits_and_rolls_back(url: str, tables: Tables, provider: str, make_pool: MakePool) -> None:
    t = tables.create("drv_pool_tx", "id INTEGER PRIMARY KEY")
    pool = make_pool(url, connection_limit=2)
    insert = f"INSERT INTO {t} (id) VALUES ({P1[provider]})"
    with pool.transaction() as tx:
        tx.execute(insert, [1])
    with pytest.raises(UniqueConstraintError), pool.transaction("Serializable") as tx:
        tx.execute(insert, [2])
        tx.execute(insert, [1])
    assert pool.query(f"SELECT id FROM {t}")[1] == [(1,)]
    assert pool.in_use == 0


def test_connection_returned_inside_a_transaction_is_rolled_back(
    url: str, tables: Tables, provider: str, make_pool: MakePool
) -> None:
    t = tables.create("drv_pool_dirty", "id INTEGER PRIMARY KEY")
    pool = make_pool(url, connection_limit=1)
    conn = pool.acquire()
    conn.begin()
    conn.execute(f"INSERT INTO {t} (id) VALUES ({P1[provider]})", [1])
    pool.release(conn)
    assert not conn.in_transaction
    assert pool.query(f"SELECT count(*) FROM {t}")[1] == [(0,)]


def test_broken_connection_is_dropped_and_its_place_freed(url: str, make_pool: MakePool) -> None:
    pool = make_pool(url, connection_limit=1, pool_timeout=1)
    conn = pool.acquire()
    conn.close()  # as if the server had hung up
    pool.release(conn)
    assert pool.size == 0
    with pool.connection() as fresh:
        assert fresh is not conn
        assert fresh.query("SELECT 1")[1] == [(1,)]


def test_killed_postgres_connection_is_replaced(pg_url: str, make_pool: MakePool) -> None:
    pool = make_pool(pg_url, connection_limit=1)
    with pool.connection() as c:
        pid = c.query("SELECT pg_backend_pid()")[1][0][0]
    with make_pool(pg_url, connection_limit=1).connection() as admin:
        admin.execute("SELECT pg_terminate_backend($1)", [pid])
    time.sleep(0.1)
    with pytest.raises(RefraktError) as info, pool.connection() as c:
        c.query("SELECT 1")
    assert info.value.code == "P1017"
    assert info.value.message == "Server has closed the connection."
    assert pool.size == 0  # dropped
    assert pool.query("SELECT 1")[1] == [(1,)]


def test_killed_mysql_connection_is_replaced(my_url: str, make_pool: MakePool) -> None:
    pool = make_pool(my_url, connection_limit=1)
    with pool.connection() as c:
        conn_id = c.query("SELECT CONNECTION_ID()")[1][0][0]
    with make_pool(my_url, connection_limit=1).connection() as admin:
        admin.execute(f"KILL {int(conn_id)}")
    time.sleep(0.1)
    with pytest.raises(RefraktError) as info, pool.connection() as c:
        c.query("SELECT 1")
    assert info.value.code == "P1017"
    assert pool.size == 0
    assert pool.query("SELECT 1")[1] == [(1,)]


def test_idle_connections_past_their_lifetime_are_replaced(sqlite_url: str, make_pool: MakePool) -> None:
    pool = make_pool(sqlite_url + "?max_idle_connection_lifetime=0.05", connection_limit=1)
    with pool.connection() as first:
        pass
    time.sleep(0.1)
    with pool.connection() as second:
        assert second is not first
    assert first.closed
    assert pool.size == 1


def test_closed_pool_refuses_and_closes_returned_connections(url: str) -> None:
    pool = Pool(url, connection_limit=2)
    held = pool.acquire()
    idle = pool.acquire()
    pool.release(idle)
    pool.close()
    assert pool.closed and idle.closed
    with pytest.raises(RefraktError, match="closed"):
        pool.acquire()
    pool.release(held)
    assert held.closed
    assert pool.size == 0


def test_closing_the_pool_wakes_its_waiters(sqlite_url: str) -> None:
    pool = Pool(sqlite_url, connection_limit=1, pool_timeout=30)
    held = pool.acquire()
    outcome: list[BaseException] = []

    def wait() -> None:
        try:
            pool.acquire()
        except BaseException as exc:
            outcome.append(exc)

    t = threading.Thread(target=wait)
    t.start()
    for _ in range(100):
        if pool.waiting:
            break
        time.sleep(0.01)
    start = time.monotonic()
    pool.close()
    t.join(5)
    assert time.monotonic() - start < 5  # not after pool_timeout
    assert len(outcome) == 1 and "closed" in str(outcome[0])
    assert not isinstance(outcome[0], PoolTimeoutError)
    pool.release(held)
    assert pool.size == 0


def test_pool_context_manager_and_repr(url: str) -> None:
    with Pool(url, connection_limit=1) as pool:
        pool.query("SELECT 1")
        assert "size=1/1" in repr(pool)
    assert pool.closed


# --- async -------------------------------------------------------------------------------------------


def test_async_pool_exhaustion_raises_p2024(url: str) -> None:
    async def main() -> PoolTimeoutError:
        async with AsyncPool(url, connection_limit=1, pool_timeout=0.2) as pool, pool.connection():
            try:
                await pool.acquire()
            except PoolTimeoutError as exc:
                assert pool.waiting == 0
                return exc
        raise AssertionError("no timeout")

    err = asyncio.run(main())
    assert err.code == "P2024"
    assert err.message.endswith("(Current connection pool timeout: 0.2, connection limit: 1)")


def test_async_pool_hands_connections_to_waiting_tasks(url: str, tables: Tables, provider: str) -> None:
    t = tables.create("drv_apool", "id INTEGER PRIMARY KEY")

    async def main() -> tuple[int, int]:
        async with AsyncPool(url, connection_limit=2, pool_timeout=20) as pool:
            insert = f"INSERT INTO {t} (id) VALUES ({P1[provider]})"
            await asyncio.gather(*(pool.execute(insert, [i]) for i in range(30)))
            assert pool.size <= 2
            async with pool.transaction() as tx:
                await tx.execute(insert, [100])
            count = (await pool.query(f"SELECT count(*) FROM {t}"))[1][0][0]
            return count, pool.in_use

    assert asyncio.run(main()) == (31, 0)


def test_async_waiter_cancelled_does_not_leak_a_connection(url: str) -> None:
    async def main() -> tuple[int, int]:
        async with AsyncPool(url, connection_limit=1, pool_timeout=10) as pool:
            held = await pool.acquire()
            task = asyncio.create_task(pool.acquire())
            await asyncio.sleep(0.05)
            assert pool.waiting == 1
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await pool.release(held)
            again = await asyncio.wait_for(pool.acquire(), 2)  # the connection came back
            assert again is held
            await pool.release(again)
            return pool.size, pool.idle

    assert asyncio.run(main()) == (1, 1)


def test_async_connection_errors_reach_the_caller(tmp_path: Path) -> None:
    async def main() -> str | None:
        async with AsyncPool(f"file:{tmp_path}/missing/x.db", connection_limit=1) as pool:
            try:
                await pool.open()
            except InitializationError as exc:
                assert pool.size == 0
                return exc.code
        return None

    assert asyncio.run(main()) == "P1003"
