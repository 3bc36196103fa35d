"""Connections on the real databases, sync and async: statements, parameters, results,
transactions and isolation levels, scripts. Every test runs on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest
from drivers_support import P1, P2, Tables

from refrakt.drivers import AsyncConnection, Connection, connect, connect_async
from refrakt.errors import TransactionError

T = TypeVar("T")


def run(coro: Callable[[], Coroutine[Any, Any, T]]) -> T:
    return asyncio.run(coro())


def test_paramstyle_per_database(conn: Connection, provider: str) -> None:
    assert conn.paramstyle == {"sqlite": "qmark", "postgresql": "numeric_dollar", "mysql": "format"}[provider]
    assert type(conn).__name__ == {"sqlite": "SqliteConnection", "postgresql": "PostgresConnection"}.get(
        provider, "MysqlConnection"
    )


def test_query_returns_columns_and_tuple_rows(conn: Connection, provider: str) -> None:
    columns, rows = conn.query(f"SELECT 1 AS one, {P1[provider]} AS two, {P2[provider]} AS three", [2, "x"])
    assert columns == ["one", "two", "three"]
    assert len(rows) == 1
    assert tuple(rows[0]) == (1, 2, "x")
    assert isinstance(rows[0], tuple)


def test_execute_returns_affected_rows_and_query_reads_them(conn: Connection, tables: Tables, provider: str) -> None:
    t = tables.create("drv_items", "id INTEGER PRIMARY KEY, name VARCHAR(20)")
    p1, p2 = P1[provider], P2[provider]
    for i in range(1, 4):
        assert conn.execute(f"INSERT INTO {t} (id, name) VALUES ({p1}, {p2})", [i, f"n{i}"]) == 1
    assert conn.execute(f"UPDATE {t} SET name = {p1} WHERE id > {p2}", ["big", 1]) == 2
    columns, rows = conn.query(f"SELECT id, name FROM {t} ORDER BY id")
    assert columns == ["id", "name"]
    assert rows == [(1, "n1"), (2, "big"), (3, "big")]
    assert conn.execute(f"DELETE FROM {t} WHERE id = {p1}", [99]) == 0
    assert conn.query(f"SELECT id FROM {t} WHERE id = {p1}", [99]) == (["id"], [])


def test_query_of_a_statement_without_result_set(conn: Connection, tables: Tables, provider: str) -> None:
    t = tables.create("drv_noresult", "id INTEGER PRIMARY KEY")
    assert conn.query(f"INSERT INTO {t} (id) VALUES ({P1[provider]})", [1]) == ([], [])
    assert conn.execute(f"CREATE INDEX drv_noresult_idx ON {t} (id)") == 0


def test_literal_percent_and_question_marks_survive(conn: Connection, provider: str) -> None:
    # Without parameters the SQL goes as it is, on every database.
    assert conn.query("SELECT '100%' AS p, '?' AS q")[1] == [("100%", "?")]


def test_transaction_commits(conn: Connection, tables: Tables, url: str, provider: str) -> None:
    t = tables.create("drv_tx", "id INTEGER PRIMARY KEY")
    with conn.transaction() as tx:
        assert tx is conn
        assert conn.in_transaction
        conn.execute(f"INSERT INTO {t} (id) VALUES ({P1[provider]})", [1])
    assert not conn.in_transaction
    with connect(url) as other:
        assert other.query(f"SELECT id FROM {t}")[1] == [(1,)]


def test_transaction_rolls_back_on_error(conn: Connection, tables: Tables, provider: str) -> None:
    t = tables.create("drv_tx_rb", "id INTEGER PRIMARY KEY")
    with pytest.raises(RuntimeError, match="oops"), conn.transaction():
        conn.execute(f"INSERT INTO {t} (id) VALUES ({P1[provider]})", [1])
        raise RuntimeError("oops")
    assert not conn.in_transaction
    assert conn.query(f"SELECT id FROM {t}")[1] == []


def test_transaction_is_isolated_until_commit(conn: Connection, tables: Tables, url: str, provider: str) -> None:
    t = tables.create("drv_tx_iso", "id INTEGER PRIMARY KEY")
    with connect(url) as other:
        conn.begin()
        conn.execute(f"INSERT INTO {t} (id) VALUES ({P1[provider]})", [7])
        if provider != "sqlite":  # SQLite's writer blocks readers' view only in rollback-journal mode
            assert other.query(f"SELECT id FROM {t}")[1] == []
        conn.commit()
        assert other.query(f"SELECT id FROM {t}")[1] == [(7,)]


@pytest.mark.parametrize("level", ["ReadUncommitted", "ReadCommitted", "RepeatableRead", "Serializable"])
def test_isolation_levels_are_applied(conn: Connection, provider: str, level: str) -> None:
    if provider == "sqlite" and level != "Serializable":
        with pytest.raises(TransactionError, match="not supported by SQLite"):
            conn.begin(level)
        assert not conn.in_transaction
        return
    with conn.transaction(level):
        if provider == "postgresql":
            assert conn.query("SHOW transaction_isolation")[1][0][0] == level_sql(level).lower()
        assert conn.in_transaction


@pytest.mark.parametrize("provider", ["mysql"])
def test_mysql_isolation_level_changes_what_a_transaction_sees(my_url: str, tables: Tables) -> None:
    # MySQL sets the level of the next transaction only: check its effect, a dirty read.
    t = tables.create("drv_dirty", "id INTEGER PRIMARY KEY")
    with connect(my_url) as writer, connect(my_url) as reader:
        writer.begin()
        writer.execute(f"INSERT INTO {t} (id) VALUES (1)")
        with reader.transaction("ReadUncommitted"):
            assert reader.query(f"SELECT id FROM {t}")[1] == [(1,)]
        with reader.transaction("ReadCommitted"):
            assert reader.query(f"SELECT id FROM {t}")[1] == []
        writer.rollback()


def level_sql(level: str) -> str:
    return {
        "ReadUncommitted": "READ UNCOMMITTED",
        "ReadCommitted": "READ COMMITTED",
        "RepeatableRead": "REPEATABLE READ",
        "Serializable": "SERIALIZABLE",
    }[level]


def test_transaction_api_misuse_raises_p2028(conn: Connection) -> None:
    with pytest.raises(TransactionError) as info:
        conn.commit()
    assert info.value.code == "P2028"
    with pytest.raises(TransactionError):
        conn.rollback()
    conn.begin()
    with pytest.raises(TransactionError, match="already open"):
        conn.begin()
    conn.rollback()
    assert not conn.in_transaction


def test_execute_script_runs_every_statement_inside_a_transaction(
    conn: Connection, tables: Tables, provider: str
) -> None:
    tables.names.append("drv_script")
    conn.execute_script("DROP TABLE IF EXISTS drv_script; CREATE TABLE drv_script (id INTEGER PRIMARY KEY, note TEXT)")
    script = """
        -- a comment; with a semicolon
        INSERT INTO drv_script (id, note) VALUES (1, 'a;b');
        INSERT INTO drv_script (id, note) VALUES (2, 'c');
    """
    with conn.transaction():
        conn.execute_script(script)
        assert conn.in_transaction  # SQLite's executescript() would have committed here
    assert conn.query("SELECT id, note FROM drv_script ORDER BY id")[1] == [(1, "a;b"), (2, "c")]
    with pytest.raises(RuntimeError), conn.transaction():
        conn.execute_script("INSERT INTO drv_script (id, note) VALUES (3, 'd'); DELETE FROM drv_script WHERE id = 1")
        raise RuntimeError
    assert conn.query("SELECT count(*) FROM drv_script")[1] == [(2,)]


def test_mysql_ddl_inside_a_transaction_commits_implicitly_without_error(my_url: str) -> None:
    with connect(my_url) as conn, conn.transaction():
        conn.execute("CREATE TABLE IF NOT EXISTS drv_implicit (id INT)")
        assert not conn.in_transaction  # MySQL committed; leaving the block must not fail
    with connect(my_url) as conn:
        conn.execute("DROP TABLE drv_implicit")


def test_close_is_idempotent_and_context_manager_closes(url: str) -> None:
    c = connect(url)
    with c:
        assert not c.closed
    assert c.closed
    c.close()
    assert c.closed
    assert "closed" in repr(c)


def test_repr_hides_password(url: str) -> None:
    with connect(url) as c:
        assert type(c).__name__ in repr(c)


# --- async -------------------------------------------------------------------------------------------


def test_async_query_execute_and_transaction(url: str, tables: Tables, provider: str) -> None:
    t = tables.create("drv_async", "id INTEGER PRIMARY KEY, name VARCHAR(20)")
    p1, p2 = P1[provider], P2[provider]

    async def main() -> tuple[list[str], list[tuple[Any, ...]]]:
        conn = await connect_async(url)
        assert isinstance(conn, AsyncConnection)
        assert type(conn).__name__.startswith("Async")
        async with conn:
            assert await conn.execute(f"INSERT INTO {t} (id, name) VALUES ({p1}, {p2})", [1, "a"]) == 1
            async with conn.transaction("Serializable"):
                assert conn.in_transaction
                await conn.execute(f"INSERT INTO {t} (id, name) VALUES ({p1}, {p2})", [2, "b"])
            with pytest.raises(ZeroDivisionError):
                async with conn.transaction():
                    await conn.execute(f"INSERT INTO {t} (id, name) VALUES ({p1}, {p2})", [3, "c"])
                    _ = 1 / 0
            assert not conn.in_transaction
            await conn.execute_script(f"UPDATE {t} SET name = 'z' WHERE id = 1; UPDATE {t} SET name = 'y' WHERE id = 2")
            result = await conn.query(f"SELECT id, name FROM {t} ORDER BY id")
        assert conn.closed
        return result

    assert run(main) == (["id", "name"], [(1, "z"), (2, "y")])


def test_async_connections_run_concurrently(url: str, provider: str) -> None:
    sleep = {
        "sqlite": None,
        "postgresql": "SELECT pg_sleep(0.5)",
        "mysql": "SELECT SLEEP(0.5)",
    }[provider]

    async def main() -> float:
        conns = [await connect_async(url) for _ in range(3)]
        loop = asyncio.get_running_loop()
        start = loop.time()
        if sleep is None:  # SQLite: a slow recursive query on each worker thread
            q = (
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) "
                "SELECT count(*) FROM c"
            )
            results = await asyncio.gather(*(c.query(q) for c in conns))
            assert all(r[1] == [(200000,)] for r in results)
        else:
            await asyncio.gather(*(c.query(sleep) for c in conns))
        elapsed = loop.time() - start
        for c in conns:
            await c.close()
        return elapsed

    elapsed = run(main)
    if provider != "sqlite":
        assert elapsed < 1.2  # three 0.5 s sleeps side by side (one after another: 1.5 s)


def test_sqlite_async_runs_off_the_event_loop_thread(tmp_path: object) -> None:
    seen: list[str] = []

    async def main() -> None:
        conn = await connect_async(f"file:{tmp_path}/t.db")
        raw = conn.sync.raw  # type: ignore[attr-defined]
        raw.create_function("thread", 0, lambda: seen.append(threading.current_thread().name) or 1)
        await conn.query("SELECT thread()")
        await conn.close()

    run(main)
    assert seen and seen[0] != threading.current_thread().name


def test_sqlite_foreign_keys_are_on(sqlite_url: str) -> None:
    with connect(sqlite_url) as c:
        assert c.query("PRAGMA foreign_keys")[1] == [(1,)]


def test_postgres_schema_parameter_sets_the_search_path(pg_url: str) -> None:
    with connect(pg_url) as c:
        assert c.query("SELECT current_schema()")[1] == [("refrakt_drivers",)]
        c.execute("CREATE TABLE IF NOT EXISTS drv_where (id INT)")
        assert c.query("SELECT table_schema FROM information_schema.tables WHERE table_name = $1", ["drv_where"])[
            1
        ] == [("refrakt_drivers",)]
        c.execute("DROP TABLE drv_where")


def test_postgres_pgbouncer_mode_never_prepares(pg_url: str) -> None:
    with connect(pg_url + "&pgbouncer=true") as c:
        for _ in range(8):  # psycopg would prepare after 5 runs
            c.query("SELECT $1::int + 1", [1])
        assert c.query("SELECT count(*) FROM pg_prepared_statements")[1] == [(0,)]
        assert c.query("SELECT current_schema()")[1] == [("refrakt_drivers",)]  # SET after connecting
    with connect(pg_url) as c:
        for _ in range(8):
            c.query("SELECT $1::int + 1", [1])
        assert c.query("SELECT count(*) FROM pg_prepared_statements")[1][0][0] >= 1


def test_postgres_application_name(pg_url: str) -> None:
    with connect(pg_url + "&application_name=refrakt-tests") as c:
        assert c.query("SHOW application_name")[1] == [("refrakt-tests",)]


def test_mysql_connection_is_utf8mb4_and_autocommit(my_url: str) -> None:
    with connect(my_url) as c:
        assert c.query("SELECT @@character_set_client, @@autocommit")[1] == [("utf8mb4", 1)]
        assert c.query("SELECT %s AS emoji", ["🚀"])[1] == [("🚀",)]
