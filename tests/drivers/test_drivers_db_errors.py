"""Database errors on the real databases, mapped to Prisma's codes: constraint violations per
database, write conflicts, missing tables, and every way of failing to connect (closed port,
unknown database, wrong password, unreadable SQLite folder), sync and async."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from _pg_private import free_port, password_cluster
from drivers_support import IN_CI, MY_URL, P1, P2, Tables, unavailable, user_post_tables, with_database

from refrakt.drivers import Connection, connect, connect_async
from refrakt.errors import (
    ColumnNotFoundError,
    ForeignKeyConstraintError,
    InitializationError,
    NullConstraintError,
    OperationTimeoutError,
    RawQueryError,
    RefraktError,
    TableNotFoundError,
    UniqueConstraintError,
    UnknownRequestError,
    ValueTooLongError,
    WriteConflictError,
)


def insert_user(conn: Connection, provider: str, id_: int, email: str, name: str | None) -> int:
    p1, p2, p3 = P1[provider], P2[provider], {"sqlite": "?", "postgresql": "$3", "mysql": "%s"}[provider]
    return conn.execute(f"INSERT INTO drv_user (id, email, name) VALUES ({p1}, {p2}, {p3})", [id_, email, name])


# --- constraints -------------------------------------------------------------------------------------


def test_unique_violation_is_p2002_with_target(conn: Connection, tables: Tables, provider: str) -> None:
    user_post_tables(tables)
    insert_user(conn, provider, 1, "a@x.io", "ann")
    with pytest.raises(UniqueConstraintError) as info:
        insert_user(conn, provider, 2, "a@x.io", "bob")
    err = info.value
    assert err.code == "P2002"
    # Prisma's targets: the columns on PostgreSQL and SQLite, the index name on MySQL.
    expected: Any = "drv_user_email_key" if provider == "mysql" else ["email"]
    assert err.meta["target"] == expected
    assert err.message.startswith("Unique constraint failed on the ")
    assert err.original_code == {"sqlite": "2067", "postgresql": "23505", "mysql": "1062"}[provider]
    # The connection is still usable afterwards.
    assert conn.query("SELECT count(*) FROM drv_user")[1][0][0] == 1


def test_primary_key_violation_is_p2002(conn: Connection, tables: Tables, provider: str) -> None:
    user_post_tables(tables)
    insert_user(conn, provider, 1, "a@x.io", "ann")
    with pytest.raises(UniqueConstraintError) as info:
        insert_user(conn, provider, 1, "b@x.io", "bob")
    assert info.value.meta["target"] == ("PRIMARY" if provider == "mysql" else ["id"])


def test_foreign_key_violation_is_p2003(conn: Connection, tables: Tables, provider: str) -> None:
    user_post_tables(tables)
    with pytest.raises(ForeignKeyConstraintError) as info:
        conn.execute(f"INSERT INTO drv_post (id, author_id) VALUES ({P1[provider]}, {P2[provider]})", [1, 99])
    err = info.value
    assert err.code == "P2003"
    # Prisma's engine: the constraint "(index)" on PostgreSQL, the columns on MySQL, "foreign key" on SQLite
    expected = {"sqlite": "foreign key", "postgresql": "drv_post_author_id_fkey (index)", "mysql": "author_id"}
    assert err.meta["field_name"] == expected[provider]


def test_foreign_key_violation_on_delete_is_p2003(conn: Connection, tables: Tables, provider: str) -> None:
    user_post_tables(tables)
    insert_user(conn, provider, 1, "a@x.io", "ann")
    conn.execute(f"INSERT INTO drv_post (id, author_id) VALUES ({P1[provider]}, {P2[provider]})", [1, 1])
    with pytest.raises(ForeignKeyConstraintError):
        conn.execute("DELETE FROM drv_user")


def test_null_violation_is_p2011(conn: Connection, tables: Tables, provider: str) -> None:
    user_post_tables(tables)
    with pytest.raises(NullConstraintError) as info:
        insert_user(conn, provider, 1, "a@x.io", None)
    assert info.value.code == "P2011"
    assert info.value.meta["constraint"] == ["name"]
    assert info.value.message == "Null constraint violation on the fields: (`name`)"


@pytest.mark.parametrize("provider", ["postgresql", "mysql"])  # SQLite does not enforce VARCHAR lengths
def test_value_too_long_is_p2000(conn: Connection, tables: Tables, provider: str) -> None:
    user_post_tables(tables)
    if provider == "mysql":
        conn.execute("SET SESSION sql_mode = 'STRICT_TRANS_TABLES'")
    with pytest.raises(ValueTooLongError) as info:
        insert_user(conn, provider, 1, "a@x.io", "much too long")
    assert info.value.code == "P2000"
    assert info.value.meta["column_name"] == ("name" if provider == "mysql" else "(not available)")


def test_missing_table_and_column(conn: Connection, provider: str) -> None:
    with pytest.raises(TableNotFoundError) as t:
        conn.query("SELECT * FROM drv_nowhere")
    assert t.value.code == "P2021" and t.value.meta["table"] == "drv_nowhere"
    with pytest.raises(ColumnNotFoundError) as c:
        conn.query("SELECT nope FROM (SELECT 1 AS one) AS s")
    assert c.value.code == "P2022" and c.value.meta["column"] == "nope"


def test_syntax_error_is_unknown_and_wraps_as_raw_query_error(conn: Connection, provider: str) -> None:
    with pytest.raises(UnknownRequestError) as info:
        conn.query("SELEC 1")
    err = info.value
    assert err.code is None
    assert err.original_code == {"sqlite": "1", "postgresql": "42601", "mysql": "1064"}[provider]
    raw = RawQueryError.wrap(err)
    assert raw.code == "P2010" and f"Code: `{err.original_code}`" in raw.message


def test_errors_inside_a_transaction_roll_it_back(conn: Connection, tables: Tables, provider: str) -> None:
    user_post_tables(tables)
    with pytest.raises(UniqueConstraintError), conn.transaction():
        insert_user(conn, provider, 1, "a@x.io", "ann")
        insert_user(conn, provider, 2, "a@x.io", "bob")
    assert not conn.in_transaction
    assert conn.query("SELECT count(*) FROM drv_user")[1][0][0] == 0


def test_async_constraint_errors_are_mapped_too(url: str, tables: Tables, provider: str) -> None:
    user_post_tables(tables)

    async def main() -> RefraktError:
        conn = await connect_async(url)
        try:
            p = P1[provider]
            sql = f"INSERT INTO drv_user (id, email, name) VALUES (1, {p}, 'ann')"
            await conn.execute(sql, ["a@x.io"])
            try:
                await conn.execute(sql.replace("(1,", "(2,"), ["a@x.io"])
            except RefraktError as exc:
                return exc
            raise AssertionError("no error")
        finally:
            await conn.close()

    err = asyncio.run(main())
    assert isinstance(err, UniqueConstraintError) and err.code == "P2002"


# --- write conflicts ---------------------------------------------------------------------------------


def test_postgres_serialization_failure_is_p2034(pg_url: str) -> None:
    with connect(pg_url) as a, connect(pg_url) as b:
        a.execute("DROP TABLE IF EXISTS drv_conflict")
        a.execute("CREATE TABLE drv_conflict (id INT PRIMARY KEY, n INT)")
        a.execute("INSERT INTO drv_conflict VALUES (1, 0)")
        try:
            a.begin("Serializable")
            b.begin("Serializable")
            a.query("SELECT n FROM drv_conflict WHERE id = 1")
            b.query("SELECT n FROM drv_conflict WHERE id = 1")
            a.execute("UPDATE drv_conflict SET n = n + 1 WHERE id = 1")
            a.commit()
            with pytest.raises(WriteConflictError) as info:
                b.execute("UPDATE drv_conflict SET n = n + 1 WHERE id = 1")
            assert info.value.code == "P2034"
            assert info.value.original_code == "40001"
            b.rollback()
        finally:
            a.execute("DROP TABLE drv_conflict")


def test_mysql_deadlock_is_p2034(my_url: str) -> None:
    with connect(my_url) as setup:
        setup.execute("DROP TABLE IF EXISTS drv_deadlock")
        setup.execute("CREATE TABLE drv_deadlock (id INT PRIMARY KEY, n INT) ENGINE=InnoDB")
        setup.execute("INSERT INTO drv_deadlock VALUES (1, 0), (2, 0)")
    errors: list[BaseException] = []
    a, b = connect(my_url), connect(my_url)
    try:
        for c in (a, b):
            c.execute("SET SESSION innodb_lock_wait_timeout = 10")
        a.begin()
        b.begin()
        a.execute("UPDATE drv_deadlock SET n = 1 WHERE id = 1")
        b.execute("UPDATE drv_deadlock SET n = 1 WHERE id = 2")

        def second_lock() -> None:
            try:
                a.execute("UPDATE drv_deadlock SET n = 2 WHERE id = 2")  # waits for b
            except RefraktError as exc:
                errors.append(exc)

        t = threading.Thread(target=second_lock)
        t.start()
        time.sleep(0.3)
        try:
            b.execute("UPDATE drv_deadlock SET n = 2 WHERE id = 1")  # closes the cycle
        except RefraktError as exc:
            errors.append(exc)
        if not errors:
            b.rollback()  # b won: let a go on
        t.join(15)
        assert len(errors) == 1, errors
        assert isinstance(errors[0], WriteConflictError)
        assert errors[0].code == "P2034" and errors[0].original_code == "1213"
    finally:
        for c in (a, b):
            if c.in_transaction:
                c.rollback()
            c.close()
        with connect(my_url) as cleanup:
            cleanup.execute("DROP TABLE drv_deadlock")


def test_sqlite_busy_is_an_operation_timeout(sqlite_url: str) -> None:
    with connect(sqlite_url + "?socket_timeout=0.2") as a, connect(sqlite_url + "?socket_timeout=0.2") as b:
        a.execute("CREATE TABLE t (id INTEGER)")
        a.begin()
        a.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(OperationTimeoutError) as info:
            b.begin()  # BEGIN IMMEDIATE waits for the writer, then gives up
        assert info.value.code == "P1008"
        a.rollback()
        b.begin()  # free again
        b.rollback()


# --- connecting --------------------------------------------------------------------------------------


def closed_port_url(provider: str) -> str:
    port = free_port()  # bound and released: nothing listens there
    return (
        f"postgresql://postgres@127.0.0.1:{port}/db"
        if provider == "postgresql"
        else f"mysql://root@127.0.0.1:{port}/db"
    )


@pytest.mark.parametrize("provider", ["postgresql", "mysql"])
def test_unreachable_server_is_p1001_naming_host_and_port(provider: str) -> None:
    url = closed_port_url(provider)
    port = urlsplit(url).port
    with pytest.raises(InitializationError) as info:
        connect(url)
    err = info.value
    assert err.code == "P1001"
    assert err.message == (
        f"Can't reach database server at `127.0.0.1:{port}`\n\n"
        f"Please make sure your database server is running at `127.0.0.1:{port}`."
    )
    assert err.meta == {"database_host": "127.0.0.1", "database_port": port}

    async def attempt() -> None:
        await connect_async(url)

    with pytest.raises(InitializationError) as ainfo:
        asyncio.run(attempt())
    assert ainfo.value.code == "P1001"


def test_unknown_database_is_p1003(pg_url: str, my_url: str) -> None:
    for base, port in ((pg_url, 5432), (my_url, 3306)):
        url = with_database(base, "refrakt_no_such_db")
        with pytest.raises(InitializationError) as info:
            connect(url)
        where = f"{urlsplit(url).hostname}:{urlsplit(url).port or port}"
        assert info.value.code == "P1003"
        assert info.value.message == (
            f"Database `refrakt_no_such_db` does not exist on the database server at `{where}`."
        )
        assert info.value.meta["database_name"] == "refrakt_no_such_db"


def test_sqlite_file_in_a_missing_folder_is_p1003(tmp_path: Path) -> None:
    url = f"file:{tmp_path}/missing/dev.db"
    with pytest.raises(InitializationError) as info:
        connect(url)
    assert info.value.code == "P1003"
    assert info.value.message == f"Database dev.db does not exist at {tmp_path}/missing/dev.db"


def test_sqlite_creates_a_missing_file_in_an_existing_folder(tmp_path: Path) -> None:
    with connect("file:./new.db", base_dir=tmp_path) as c:
        c.execute("CREATE TABLE t (id INTEGER)")
    assert (tmp_path / "new.db").exists()


def test_bad_url_is_a_clear_p1013_before_any_connection() -> None:
    with pytest.raises(InitializationError) as info:
        connect("postgresql://u@localhost:5432/db?connection_limit=lots")
    assert info.value.code == "P1013"
    assert "Invalid value `lots` for `connection_limit`" in info.value.message


# --- wrong passwords ---------------------------------------------------------------------------------

PW_ROLE, PW_SECRET = "refrakt_pw", "s3cret"


@pytest.fixture(scope="session")
def pg_password_server() -> Iterator[tuple[str, int]]:
    """(host, port) of a PostgreSQL server that checks passwords (see ``_pg_private``)."""
    from drivers_support import PG_URL

    try:
        with connect(PG_URL) as admin:
            admin.execute(
                f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{PW_ROLE}') THEN "
                f"CREATE ROLE {PW_ROLE} LOGIN PASSWORD '{PW_SECRET}'; END IF; END $$"
            )
            admin.execute(f"ALTER ROLE {PW_ROLE} PASSWORD '{PW_SECRET}'")
    except RefraktError as exc:
        unavailable("PostgreSQL", exc)
    host = urlsplit(PG_URL).hostname or "127.0.0.1"
    port = urlsplit(PG_URL).port or 5432
    try:
        connect(f"postgresql://{PW_ROLE}:wrong@{host}:{port}/postgres").close()
    except InitializationError as exc:
        if exc.code == "P1000":  # this server enforces passwords over TCP: use it
            yield host, port
            return
        raise
    # pg_hba.conf trusts 127.0.0.1: a wrong password would pass. Use a private cluster.
    try:
        with password_cluster(PW_ROLE, PW_SECRET) as server:
            yield server
    except RuntimeError as exc:
        if IN_CI:
            pytest.fail(f"cannot start a password-checking PostgreSQL: {exc}", pytrace=False)
        pytest.skip(f"cannot start a password-checking PostgreSQL: {exc}")


def test_postgres_wrong_password_is_p1000(pg_password_server: tuple[str, int]) -> None:
    host, port = pg_password_server
    with pytest.raises(InitializationError) as info:
        connect(f"postgresql://{PW_ROLE}:wrong@{host}:{port}/postgres")
    err = info.value
    assert err.code == "P1000"
    assert err.message.startswith(
        f"Authentication failed against database server at `{host}`, the provided database credentials for "
        f"`{PW_ROLE}` are not valid."
    )
    assert err.meta == {"database_user": PW_ROLE, "database_host": host}
    # ... and the right password works on the same server: it was the password.
    with connect(f"postgresql://{PW_ROLE}:{PW_SECRET}@{host}:{port}/postgres") as ok:
        assert ok.query("SELECT current_user")[1] == [(PW_ROLE,)]

    async def attempt() -> None:
        await connect_async(f"postgresql://{PW_ROLE}:wrong@{host}:{port}/postgres")

    with pytest.raises(InitializationError) as ainfo:
        asyncio.run(attempt())
    assert ainfo.value.code == "P1000"


@pytest.fixture
def mysql_password_user(my_url: str) -> Iterator[str]:
    with connect(with_database(MY_URL, "mysql")) as admin:
        admin.execute(f"CREATE USER IF NOT EXISTS '{PW_ROLE}'@'%' IDENTIFIED BY '{PW_SECRET}'")
        admin.execute(f"ALTER USER '{PW_ROLE}'@'%' IDENTIFIED BY '{PW_SECRET}'")
        admin.execute(f"GRANT ALL ON refrakt_drivers.* TO '{PW_ROLE}'@'%'")
    parts = urlsplit(my_url)
    yield f"{parts.hostname}:{parts.port or 3306}"


def test_mysql_wrong_password_is_p1000(mysql_password_user: str) -> None:
    hostport = mysql_password_user
    host = hostport.split(":")[0]
    with pytest.raises(InitializationError) as info:
        connect(f"mysql://{PW_ROLE}:wrong@{hostport}/refrakt_drivers")
    err = info.value
    assert err.code == "P1000"
    assert f"credentials for `{PW_ROLE}` are not valid" in err.message
    assert f"database server at `{host}`" in err.message
    with connect(f"mysql://{PW_ROLE}:{PW_SECRET}@{hostport}/refrakt_drivers") as ok:
        assert ok.query("SELECT CURRENT_USER()")[1][0][0].startswith(PW_ROLE)

    async def attempt() -> None:
        await connect_async(f"mysql://{PW_ROLE}:wrong@{hostport}/refrakt_drivers")

    with pytest.raises(InitializationError) as ainfo:
        asyncio.run(attempt())
    assert ainfo.value.code == "P1000"


def test_postgres_socket_timeout_cancels_a_slow_query(pg_url: str) -> None:
    with connect(pg_url + "&socket_timeout=0.2") as c:
        with pytest.raises(OperationTimeoutError) as info:
            c.query("SELECT pg_sleep(2)")
        assert info.value.code == "P1008"
        assert c.query("SELECT 1")[1] == [(1,)]  # the connection survives


def test_mysql_socket_timeout_gives_up_on_a_slow_query(my_url: str) -> None:
    c = connect(my_url + "?socket_timeout=0.3")
    with pytest.raises(OperationTimeoutError) as info:
        c.query("SELECT SLEEP(3)")
    assert info.value.code == "P1008"
    assert c.closed  # the link is desynchronised: the pool will drop it
    c.close()
