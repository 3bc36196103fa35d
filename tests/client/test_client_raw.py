"""Raw SQL on SQLite, PostgreSQL and MariaDB: ``$n`` placeholders, the ``_unsafe`` variants with the
database's own, decoded types, P2010 wrapping, P1016, refrakt.sql fragments; sync and async."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from client_support import SCHEMA, reset_tables, server_url

import refrakt
from refrakt import sql
from refrakt.errors import RawQueryError, RefraktError

DDL = {
    "sqlite": "CREATE TABLE ck_raw (id INTEGER PRIMARY KEY, s TEXT, n DECIMAL, ts DATETIME, b BLOB)",
    "postgresql": "CREATE TABLE ck_raw (id INT PRIMARY KEY, s TEXT, n NUMERIC(10,2), ts TIMESTAMP(3), b BYTEA)",
    "mysql": "CREATE TABLE ck_raw (id INT PRIMARY KEY, s TEXT, n DECIMAL(10,2), ts DATETIME(3), b BLOB)",
}
#: The database's own placeholder (what the ``_unsafe`` methods take).
NATIVE = {"sqlite": "?", "postgresql": "$1", "mysql": "?"}
DUPLICATE_KEY = {"sqlite": "1555", "postgresql": "23505", "mysql": "1062"}
WHEN = dt.datetime(2024, 5, 6, 7, 8, 9, 123000, tzinfo=dt.UTC)


@pytest.fixture
def raw_db(url: str, provider: str) -> Iterator[refrakt.Client]:
    reset_tables(url, "ck_raw")
    with refrakt.Client.from_schema(SCHEMA, url=url) as db:
        db.execute_raw_unsafe(DDL[provider])
        yield db
    reset_tables(url, "ck_raw")


def test_dollar_placeholders_on_every_database(raw_db: refrakt.Client) -> None:
    assert raw_db.execute_raw("INSERT INTO ck_raw (id, s) VALUES ($1, $2)", 1, "one") == 1
    assert raw_db.execute_raw("INSERT INTO ck_raw (id, s) VALUES ($2, $1)", "two", 2) == 1
    rows = raw_db.query_raw("SELECT id, s FROM ck_raw WHERE id >= $1 AND s <> $2 ORDER BY id", 1, "zzz")
    assert rows == [{"id": 1, "s": "one"}, {"id": 2, "s": "two"}]
    # A placeholder used twice, and `$1` inside a string literal left alone.
    assert raw_db.query_raw("SELECT s, '$1' AS lit FROM ck_raw WHERE id = $1 OR id = $1", 2) == [
        {"s": "two", "lit": "$1"}
    ]


def test_percent_signs_survive_with_and_without_parameters(raw_db: refrakt.Client) -> None:
    raw_db.execute_raw("INSERT INTO ck_raw (id, s) VALUES ($1, '50%')", 1)
    assert raw_db.query_raw("SELECT s FROM ck_raw WHERE s LIKE '50%'") == [{"s": "50%"}]
    assert raw_db.query_raw("SELECT s FROM ck_raw WHERE s LIKE '%' AND id = $1", 1) == [{"s": "50%"}]


def test_unsafe_takes_the_database_placeholders(raw_db: refrakt.Client, provider: str) -> None:
    p = NATIVE[provider]
    raw_db.execute_raw_unsafe(f"INSERT INTO ck_raw (id, s) VALUES (7, {p})", "seven")
    assert raw_db.query_raw_unsafe(f"SELECT s FROM ck_raw WHERE id = {p}", 7) == [{"s": "seven"}]
    assert raw_db.query_raw_unsafe("SELECT s FROM ck_raw WHERE s = 'seven'") == [{"s": "seven"}]
    if provider == "mysql":  # `?` in a literal is not a placeholder; `%` needs no doubling by the user
        rows = raw_db.query_raw_unsafe("SELECT '?' AS q, s FROM ck_raw WHERE s LIKE '%n' AND id = ?", 7)
        assert rows == [{"q": "?", "s": "seven"}]


def test_values_are_decoded_to_python_types(raw_db: refrakt.Client, provider: str) -> None:
    raw_db.execute_raw(
        "INSERT INTO ck_raw (id, n, ts, b) VALUES ($1, $2, $3, $4)", 1, Decimal("12.50"), WHEN, b"\x00\x01"
    )
    row = raw_db.query_raw("SELECT n, ts, b FROM ck_raw WHERE id = $1", 1)[0]
    assert row["b"] == b"\x00\x01"
    # Typed by the columns' types on every database; on SQLite the DATETIME column holds
    # milliseconds since the epoch (as Prisma binds a DateTime there) and reads back as a date-time.
    assert row["ts"] == WHEN and row["ts"].tzinfo is not None and row["ts"].utcoffset() == dt.timedelta(0)
    assert row["n"] == Decimal("12.5") and isinstance(row["n"], Decimal)
    if provider == "sqlite":
        ms = int(WHEN.timestamp() * 1000)
        assert raw_db.query_raw("SELECT CAST(ts AS INTEGER) AS ms FROM ck_raw") == [{"ms": ms}]


def test_postgresql_specific_types() -> None:
    u = uuid.uuid4()
    with refrakt.Client.from_schema(SCHEMA, url=server_url("postgresql")) as db:
        rows = db.query_raw(
            "SELECT $1::uuid AS u, $2::jsonb AS j, ARRAY[1, NULL, 3] AS a, "
            "TIMESTAMPTZ '2024-01-01 12:00:00+02' AS tz, '10.0.0.1'::inet AS ip",
            u,
            {"k": [1, "two"]},
        )
    assert rows == [
        {
            "u": str(u),
            "j": {"k": [1, "two"]},
            "a": [1, None, 3],
            "tz": dt.datetime(2024, 1, 1, 10, 0, tzinfo=dt.UTC),
            "ip": "10.0.0.1",
        }
    ]
    assert rows[0]["tz"].tzinfo is dt.UTC
    # A list of ints and floats binds as one array type; a time of day stays a time (ISO in JSON).
    with refrakt.Client.from_schema(SCHEMA, url=server_url("postgresql")) as db:
        rows = db.query_raw("SELECT $1::float8[] AS f, TIME '12:34:00' AS t", [1, 2.5, None])
    assert rows == [{"f": [1.0, 2.5, None], "t": dt.time(12, 34)}]
    assert refrakt.to_jsonable(rows) == [{"f": [1.0, 2.5, None], "t": "12:34:00"}]


def test_database_errors_are_p2010_with_the_database_code(raw_db: refrakt.Client, provider: str) -> None:
    raw_db.execute_raw("INSERT INTO ck_raw (id) VALUES ($1)", 1)
    with pytest.raises(RawQueryError) as info:
        raw_db.execute_raw("INSERT INTO ck_raw (id) VALUES ($1)", 1)
    assert info.value.code == "P2010"
    assert info.value.meta["code"] == DUPLICATE_KEY[provider]
    assert info.value.meta["message"] and "Raw query failed" in str(info.value)
    with pytest.raises(RawQueryError) as syntax:
        raw_db.query_raw_unsafe("SELEC nonsense")
    assert syntax.value.code == "P2010" and syntax.value.meta["code"] != "N/A"


def test_a_wrong_number_of_parameters_is_p1016(raw_db: refrakt.Client, provider: str) -> None:
    cases: list[tuple[Any, ...]] = [
        (raw_db.query_raw, "SELECT $1, $2", 1),
        (raw_db.execute_raw, "INSERT INTO ck_raw (id) VALUES ($1)"),
        (raw_db.execute_raw, "INSERT INTO ck_raw (id) VALUES ($1)", 1, 2),
        (raw_db.execute_raw_unsafe, f"INSERT INTO ck_raw (id) VALUES ({NATIVE[provider]})"),
    ]
    for method, query, *params in cases:
        with pytest.raises(RefraktError) as info:
            method(query, *params)
        assert info.value.code == "P1016", (query, params, info.value)
        assert "incorrect number of parameters" in str(info.value)
    assert raw_db.query_raw("SELECT COUNT(*) AS n FROM ck_raw")[0]["n"] == 0


def test_fragments_bind_a_malicious_string(raw_db: refrakt.Client) -> None:
    evil = "x'); DROP TABLE ck_raw; --"
    raw_db.execute_raw(sql("INSERT INTO ck_raw (id, s) VALUES ({}, {})", 1, evil))
    ids = sql.join([1, 2, 3])
    rows = raw_db.query_raw(sql("SELECT s FROM ck_raw WHERE id IN ({}) AND s = {}", ids, evil))
    assert rows == [{"s": evil}]  # stored as a value, and the table is still there
    assert raw_db.query_raw(sql("SELECT COUNT(*) AS n FROM ck_raw{}", sql.empty))[0]["n"] == 1
    with pytest.raises(TypeError, match="no other parameters"):
        raw_db.query_raw(sql("SELECT {}", 1), 2)
    with pytest.raises(TypeError, match="takes SQL text"):
        raw_db.query_raw_unsafe(sql("SELECT 1"))  # type: ignore[arg-type]


def test_async_raw_methods(url: str, provider: str) -> None:
    reset_tables(url, "ck_raw")

    async def main() -> tuple[int, list[dict[str, Any]], str | None]:
        async with refrakt.AsyncClient.from_schema(SCHEMA, url=url) as db:
            await db.execute_raw_unsafe(DDL[provider])
            n = await db.execute_raw("INSERT INTO ck_raw (id, s, ts) VALUES ($1, $2, $3)", 1, "a", WHEN)
            rows = await db.query_raw(sql("SELECT id, s FROM ck_raw WHERE s = {}", "a"))
            await db.query_raw_unsafe(f"SELECT s FROM ck_raw WHERE id = {NATIVE[provider]}", 1)
            try:
                await db.execute_raw("INSERT INTO ck_raw (id) VALUES ($1)", 1)
            except RawQueryError as exc:
                return n, rows, exc.code
            return n, rows, None

    try:
        assert asyncio.run(main()) == (1, [{"id": 1, "s": "a"}], "P2010")
    finally:
        reset_tables(url, "ck_raw")


def test_qmark_translation_for_the_mysql_driver() -> None:
    from refrakt._sql import get_dialect, translate_qmark_placeholders

    mysql = get_dialect("mysql")
    text, n = translate_qmark_placeholders("SELECT '?', `a?`, ? -- ?\n, \"?\" , 5 % 2, ? # ?", mysql)
    assert (text, n) == ("SELECT '?', `a?`, %s -- ?\n, \"?\" , 5 %% 2, %s # ?", 2)
    assert translate_qmark_placeholders("SELECT ?", get_dialect("sqlite")) == ("SELECT ?", 1)
