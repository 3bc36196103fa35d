"""Raw query results typed by the database's column types, as Prisma types ``$queryRaw`` results:
SQLite by declared type, PostgreSQL by type OID (P2010 for a type Prisma cannot read), MariaDB by
column definition; sync and async, in and out of transactions."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from client_support import SCHEMA, reset_tables, server_url

import refrakt
from refrakt.drivers import connect
from refrakt.errors import RawQueryError

UTC = dt.UTC
WHEN = dt.datetime(1900, 10, 10, 1, 10, 10, 1000, tzinfo=UTC)
STAMP = dt.datetime(2024, 5, 6, 7, 8, 9, 123000, tzinfo=UTC)
WHEN_MS = -2184619789999  # WHEN in milliseconds since the epoch: how a DateTime is stored on SQLite


def _types(row: dict[str, Any]) -> dict[str, type]:
    return {k: type(v) for k, v in row.items()}


# --- SQLite --------------------------------------------------------------------------------------------

SQLITE_DDL = (
    "CREATE TABLE ck_types (id INTEGER PRIMARY KEY, flag BOOLEAN, at DATETIME, day DATE, dec DECIMAL(10,2), "
    "big BIGINT, f REAL, fl FLOAT, small TINYINT, bytes BLOB, s VARCHAR(20), t TEXT, j JSONB, tm TIME, u UUID, "
    "anything)"
)


@pytest.fixture
def sqlite_db(tmp_path: Any) -> Iterator[refrakt.Client]:
    with refrakt.Client.from_schema(SCHEMA, url=f"file:{tmp_path}/types.db") as db:
        db.execute_raw_unsafe(SQLITE_DDL)
        db.execute_raw_unsafe(
            "INSERT INTO ck_types VALUES (1, 1, ?, 86400000, 123.4567891, 9223372036854775807, 3, 1.5, 7, "
            "x'010203', 'str', 'text', '{\"a\": [1, \"b\"]}', '12:34:56', 'abc', 2.5)",
            WHEN_MS,
        )
        db.execute_raw_unsafe(
            "INSERT INTO ck_types (id, flag, at, day) VALUES (2, 0, '2024-05-06 07:08:09', '2024-05-06')"
        )
        db.execute_raw_unsafe("INSERT INTO ck_types (id) VALUES (3)")
        yield db


def test_sqlite_values_are_typed_by_the_declared_column_types(sqlite_db: refrakt.Client) -> None:
    rows = sqlite_db.query_raw("SELECT * FROM ck_types ORDER BY id")
    assert rows[0] == {
        "id": 1,
        "flag": True,
        "at": WHEN,
        "day": dt.date(1970, 1, 2),
        "dec": Decimal("123.4567891"),
        "big": 9223372036854775807,
        "f": 3.0,
        "fl": 1.5,
        "small": 7,
        "bytes": b"\x01\x02\x03",
        "s": "str",
        "t": "text",
        "j": {"a": [1, "b"]},
        "tm": dt.time(12, 34, 56),
        "u": "abc",  # a declared type Prisma does not know: typed by the value
        "anything": 2.5,
    }
    assert _types(rows[0])["flag"] is bool and _types(rows[0])["f"] is float
    assert rows[0]["at"].tzinfo is not None and rows[0]["at"].utcoffset() == dt.timedelta(0)
    # Text in a DATETIME column (SQLite's CURRENT_TIMESTAMP format) and a DATE column.
    assert rows[1]["flag"] is False
    assert rows[1]["at"] == dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert rows[1]["day"] == dt.date(2024, 5, 6)
    assert all(v is None for k, v in rows[2].items() if k != "id")
    # As the judge (and Prisma's JSON) shows them.
    assert refrakt.to_jsonable(rows[0])["at"] == "1900-10-10T01:10:10.001Z"
    assert refrakt.to_jsonable(rows[0])["dec"] == "123.4567891"


def test_sqlite_expressions_are_typed_by_their_values(sqlite_db: refrakt.Client) -> None:
    rows = sqlite_db.query_raw(
        "SELECT 1 + 1 AS two, 1.5 AS half, 'x' AS s, x'01' AS b, NULL AS n, flag + 0 AS f0 FROM ck_types WHERE id = 1"
    )
    assert rows == [{"two": 2, "half": 1.5, "s": "x", "b": b"\x01", "n": None, "f0": 1}]
    assert type(rows[0]["f0"]) is int  # an expression over a BOOLEAN column has no declared type
    # An alias keeps the column's declared type; so do sub-selects, CTEs and parameters' neighbours.
    assert sqlite_db.query_raw("SELECT flag AS b, at AS a FROM ck_types WHERE id = $1", 1) == [{"b": True, "a": WHEN}]
    assert sqlite_db.query_raw(
        "WITH c AS (SELECT flag FROM ck_types WHERE id = 2) SELECT * FROM (SELECT flag FROM c)"
    ) == [{"flag": False}]


def test_sqlite_returning_and_uncommitted_tables_are_typed(sqlite_db: refrakt.Client) -> None:
    assert sqlite_db.query_raw("INSERT INTO ck_types (id, flag) VALUES (4, 1) RETURNING flag, at") == [
        {"flag": True, "at": None}
    ]
    with sqlite_db.transaction() as tx:
        tx.execute_raw("CREATE TABLE ck_fresh (b BOOLEAN, at DATETIME)")
        tx.execute_raw("INSERT INTO ck_fresh VALUES ($1, $2)", True, WHEN)
        assert tx.query_raw("SELECT * FROM ck_fresh") == [{"b": True, "at": WHEN}]
    sqlite_db.execute_raw_unsafe("CREATE TEMP TABLE ck_temp (b BOOLEAN)")


def test_sqlite_typed_while_queries_are_logged(sqlite_db: refrakt.Client) -> None:
    events: list[Any] = []
    sqlite_db.on("query", events.append)
    assert sqlite_db.query_raw("SELECT flag, at FROM ck_types WHERE id = $1", 1) == [{"flag": True, "at": WHEN}]
    assert [e.query for e in events] == ["SELECT flag, at FROM ck_types WHERE id = ?"]
    assert events[0].target == "query_raw"


def test_sqlite_typing_changes_nothing_global(sqlite_db: refrakt.Client, tmp_path: Any) -> None:
    before = dict(sqlite3.converters)
    assert sqlite_db.query_raw("SELECT flag FROM ck_types WHERE id = 1") == [{"flag": True}]
    assert sqlite3.converters == before
    # Another sqlite3 user of the process, even one asking for declared types, sees SQLite's values.
    other = sqlite3.connect(f"{tmp_path}/types.db", detect_types=sqlite3.PARSE_DECLTYPES)
    try:
        assert other.execute("SELECT flag, at FROM ck_types WHERE id = 1").fetchall() == [(1, WHEN_MS)]
    finally:
        other.close()
    # The driver's own query() (the query engine's path) decodes nothing.
    with connect(f"file:{tmp_path}/types.db") as conn:
        assert conn.query("SELECT flag, at FROM ck_types WHERE id = 1") == (["flag", "at"], [(1, WHEN_MS)])
        columns, types, rows = conn.query_typed("SELECT flag, at, 1 + 1 AS two FROM ck_types WHERE id = 1")
        assert (columns, types, rows) == (["flag", "at", "two"], ["bool", "datetime", "bigint"], [(True, WHEN, 2)])


def test_sqlite_async(tmp_path: Any) -> None:
    async def main() -> list[dict[str, Any]]:
        async with refrakt.AsyncClient.from_schema(SCHEMA, url=f"file:{tmp_path}/async.db") as db:
            await db.execute_raw_unsafe("CREATE TABLE ck_types (flag BOOLEAN, at DATETIME, dec DECIMAL)")
            await db.execute_raw("INSERT INTO ck_types VALUES ($1, $2, $3)", False, WHEN, Decimal("1.25"))
            return await db.query_raw("SELECT * FROM ck_types")

    assert asyncio.run(main()) == [{"flag": False, "at": WHEN, "dec": Decimal("1.25")}]


# --- PostgreSQL ----------------------------------------------------------------------------------------

PG_SCALARS = """
SELECT true AS bool, 1::int2 AS i2, 2::int4 AS i4, 9223372036854775807::int8 AS i8, 10::oid AS oid,
       1.5::float4 AS f4, 2.25::float8 AS f8, 123.45678910::numeric AS num, 1234.5::money AS money,
       'a'::text AS text, 'b'::varchar(3) AS vc, 'c'::bpchar(2) AS bp, 'd'::name AS nm, 'e'::"char" AS ch,
       '\\x0102'::bytea AS bytea, DATE '2024-05-06' AS date, TIME '12:34:56.789' AS time,
       TIMETZ '12:00:00+02' AS timetz, TIMESTAMP '1900-10-10 01:10:10.001' AS ts,
       TIMESTAMPTZ '2024-01-01 12:00:00+02' AS tstz, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS uuid,
       '{"a": 1}'::json AS json, '[1, "x"]'::jsonb AS jsonb, '<a>b</a>'::xml AS xml, '10.0.0.1'::inet AS inet,
       '10.0.0.0/8'::cidr AS cidr, B'101'::bit(3) AS bit, B'11'::varbit AS varbit
"""
PG_ARRAYS = """
SELECT ARRAY[1, NULL]::int4[] AS ints, ARRAY['-9223372036854775808', '1']::int8[] AS bigs,
       ARRAY['a', NULL, 'c d']::text[] AS texts, ARRAY[1.5]::numeric[] AS nums, ARRAY[2.5]::money[] AS moneys,
       ARRAY[true, false] AS bools, ARRAY[TIMESTAMPTZ '2024-01-01 00:00:00+00'] AS stamps,
       ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']::uuid[] AS uuids, ARRAY['{"k": 2}']::jsonb[] AS jsons,
       ARRAY['\\x01']::bytea[] AS byteas, ARRAY[DATE '2024-05-06'] AS dates, ARRAY[TIMETZ '01:02:03+04'] AS timetzs
"""


@pytest.fixture
def pg_db() -> Iterator[refrakt.Client]:
    url = server_url("postgresql")
    with refrakt.Client.from_schema(SCHEMA, url=url) as db:
        yield db


def test_postgresql_scalar_types(pg_db: refrakt.Client) -> None:
    [row] = pg_db.query_raw(PG_SCALARS)
    assert row == {
        "bool": True,
        "i2": 1,
        "i4": 2,
        "i8": 9223372036854775807,
        "oid": 10,
        "f4": 1.5,
        "f8": 2.25,
        "num": Decimal("123.45678910"),
        "money": Decimal("1234.50"),
        "text": "a",
        "vc": "b",
        "bp": "c ",
        "nm": "d",
        "ch": "e",
        "bytea": b"\x01\x02",
        "date": dt.date(2024, 5, 6),
        "time": dt.time(12, 34, 56, 789000),
        "timetz": dt.time(12, 0),  # Prisma keeps the clock time and drops the offset
        "ts": WHEN,
        "tstz": dt.datetime(2024, 1, 1, 10, 0, tzinfo=UTC),
        "uuid": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "json": {"a": 1},
        "jsonb": [1, "x"],
        "xml": "<a>b</a>",
        "inet": "10.0.0.1",
        "cidr": "10.0.0.0/8",
        "bit": "101",
        "varbit": "11",
    }
    types = _types(row)
    assert types["num"] is Decimal and types["money"] is Decimal and types["bool"] is bool and types["f4"] is float
    assert row["ts"].tzinfo is not None and row["timetz"].tzinfo is None


def test_postgresql_array_types(pg_db: refrakt.Client) -> None:
    assert pg_db.query_raw(PG_ARRAYS) == [
        {
            "ints": [1, None],
            "bigs": [-9223372036854775808, 1],
            "texts": ["a", None, "c d"],
            "nums": [Decimal("1.5")],
            "moneys": [Decimal("2.50")],
            "bools": [True, False],
            "stamps": [dt.datetime(2024, 1, 1, tzinfo=UTC)],
            "uuids": ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"],
            "jsons": [{"k": 2}],
            "byteas": [b"\x01"],
            "dates": [dt.date(2024, 5, 6)],
            "timetzs": [dt.time(1, 2, 3)],
        }
    ]


def test_postgresql_enums_and_types_of_the_database(pg_db: refrakt.Client) -> None:
    pg_db.execute_raw_unsafe("DROP TYPE IF EXISTS ck_mood CASCADE")
    pg_db.execute_raw_unsafe("CREATE TYPE ck_mood AS ENUM ('happy', 'sad, \"really\"')")
    try:
        rows = pg_db.query_raw(
            "SELECT 'happy'::ck_mood AS one, ARRAY['happy', 'sad, \"really\"', NULL]::ck_mood[] AS many, "
            "NULL::ck_mood AS none"
        )
        assert rows == [{"one": "happy", "many": ["happy", 'sad, "really"', None], "none": None}]
        # Other types made in the database (composites, extensions' types) come back as their text.
        pg_db.execute_raw_unsafe("CREATE TYPE ck_pair AS (a int, b text)")
        assert pg_db.query_raw("SELECT ROW(1, 'x')::ck_pair AS p") == [{"p": "(1,x)"}]
        with connect(server_url("postgresql")) as conn:
            _, types, _ = conn.query_typed("SELECT 'happy'::ck_mood, ARRAY['happy']::ck_mood[], ROW(1, 'x')::ck_pair")
        assert types == ["enum", "enum-array", "string"]
    finally:
        pg_db.execute_raw_unsafe("DROP TYPE IF EXISTS ck_mood CASCADE")
        pg_db.execute_raw_unsafe("DROP TYPE IF EXISTS ck_pair CASCADE")


@pytest.mark.parametrize(
    ("expression", "type_name"),
    [
        ("POINT(1, 1)", "point"),
        ("CIRCLE(POINT(0, 0), 1)", "circle"),
        ("INTERVAL '1 day'", "interval"),
        ("pg_sleep(0)", "void"),
        ("to_tsvector('simple', 'a b')", "tsvector"),
        ("ARRAY[POINT(1, 2)]", "_point"),
        ("'pg_class'::regclass", "regclass"),
    ],
)
def test_postgresql_types_prisma_cannot_read_are_p2010(pg_db: refrakt.Client, expression: str, type_name: str) -> None:
    with pytest.raises(RawQueryError) as info:
        pg_db.query_raw(f"SELECT 1 AS ok, {expression} AS bad")
    err = info.value
    assert err.code == "P2010"
    assert err.meta["code"] == "N/A"
    assert err.meta["message"].startswith(
        f"Failed to deserialize column of type '{type_name}'. If you're using $queryRaw"
    )
    assert "try casting this column to any supported Prisma type such as `String`." in err.message
    # Cast to a type Prisma reads, the same value comes back.
    assert pg_db.query_raw(f"SELECT ({expression})::text AS fine")[0]["fine"] is not None


def test_postgresql_unreadable_type_inside_a_transaction_rolls_it_back(pg_db: refrakt.Client) -> None:
    reset_tables(server_url("postgresql"), "ck_pg_tx")
    pg_db.execute_raw_unsafe("CREATE TABLE ck_pg_tx (id INT)")
    try:
        with pytest.raises(RawQueryError), pg_db.transaction() as tx:
            tx.execute_raw("INSERT INTO ck_pg_tx VALUES (1)")
            tx.query_raw("SELECT POINT(1, 1) AS p")
        assert pg_db.query_raw("SELECT count(*) AS n FROM ck_pg_tx") == [{"n": 0}]
    finally:
        reset_tables(server_url("postgresql"), "ck_pg_tx")


def test_postgresql_async() -> None:
    url = server_url("postgresql")

    async def main() -> tuple[list[dict[str, Any]], RawQueryError | None]:
        async with refrakt.AsyncClient.from_schema(SCHEMA, url=url) as db:
            rows = await db.query_raw("SELECT 5::money AS m, TIMETZ '01:00+01' AS t, $1::uuid AS u", uuid.UUID(int=1))
            try:
                await db.query_raw("SELECT POINT(1, 1)")
            except RawQueryError as exc:
                return rows, exc
            return rows, None

    rows, error = asyncio.run(main())
    assert rows == [{"m": Decimal("5.00"), "t": dt.time(1, 0), "u": "00000000-0000-0000-0000-000000000001"}]
    assert error is not None and "'point'" in error.message


# --- MariaDB / MySQL -----------------------------------------------------------------------------------

MYSQL_DDL = (
    "CREATE TABLE ck_types (id INT PRIMARY KEY, flag TINYINT(1), bit1 BIT(1), bits BIT(8), j JSON, "
    "e ENUM('x', 'y'), tm TIME, at DATETIME(3), stamp TIMESTAMP(3) NULL, day DATE, yr YEAR, amount DECIMAL(12,7), "
    "bl BLOB, vb VARBINARY(4), t TEXT, big BIGINT, fl FLOAT, db DOUBLE, st SET('a', 'b'))"
)


@pytest.fixture
def mysql_db() -> Iterator[refrakt.Client]:
    url = server_url("mysql")
    reset_tables(url, "ck_types")
    with refrakt.Client.from_schema(SCHEMA, url=url) as db:
        db.execute_raw_unsafe(MYSQL_DDL)
        yield db
    reset_tables(url, "ck_types")


def test_mysql_values_are_typed_by_the_column_definitions(mysql_db: refrakt.Client) -> None:
    mysql_db.execute_raw(
        "INSERT INTO ck_types VALUES (1, 1, b'1', b'101', '{\"a\": \"b\"}', 'y', '12:34:56', $1, $2, '2024-05-06', "
        "2024, 123.4567891, x'0102', x'03', 'text', 9223372036854775807, 1.5, 2.25, 'a,b')",
        WHEN,
        STAMP,
    )
    mysql_db.execute_raw("INSERT INTO ck_types (id, bit1) VALUES (2, b'0')")
    rows = mysql_db.query_raw("SELECT * FROM ck_types ORDER BY id")
    assert rows[0] == {
        "id": 1,
        "flag": 1,  # Prisma's Boolean is TINYINT(1) on MySQL, which raw results show as the number
        "bit1": True,
        "bits": b"\x05",
        "j": '{"a": "b"}',  # MariaDB's JSON is LONGTEXT on the wire: text, as in Prisma (MySQL's is parsed)
        "e": "y",
        "tm": dt.time(12, 34, 56),
        "at": WHEN,
        "stamp": STAMP,  # TIMESTAMP starts in 1970
        "day": dt.date(2024, 5, 6),
        "yr": 2024,
        "amount": Decimal("123.4567891"),
        "bl": b"\x01\x02",
        "vb": b"\x03",
        "t": "text",
        "big": 9223372036854775807,
        "fl": 1.5,
        "db": 2.25,
        "st": "a,b",
    }
    assert rows[1]["bit1"] is False and rows[1]["flag"] is None
    assert rows[0]["at"].tzinfo is not None and type(rows[0]["flag"]) is int
    assert mysql_db.query_raw("SELECT 1 + 1 AS two, JSON_OBJECT('k', 1) AS j") in (
        [{"two": 2, "j": '{"k": 1}'}],  # MariaDB
        [{"two": 2, "j": {"k": 1}}],  # MySQL
    )


def test_mysql_async() -> None:
    url = server_url("mysql")
    reset_tables(url, "ck_types")

    async def main() -> list[dict[str, Any]]:
        async with refrakt.AsyncClient.from_schema(SCHEMA, url=url) as db:
            await db.execute_raw_unsafe("CREATE TABLE ck_types (b BIT(1), tm TIME, at DATETIME(3))")
            await db.execute_raw("INSERT INTO ck_types VALUES (b'1', '23:59:59', $1)", WHEN)
            return await db.query_raw("SELECT * FROM ck_types")

    try:
        assert asyncio.run(main()) == [{"b": True, "tm": dt.time(23, 59, 59), "at": WHEN}]
    finally:
        reset_tables(url, "ck_types")
