"""The per-database tables that type raw query results (``refrakt.drivers._rawtypes``) and the
SQLite declared-type reader (``refrakt.drivers._sqlite_decltypes``), on their own."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from refrakt.drivers import _sqlite_decltypes, connect
from refrakt.drivers._rawtypes import (
    apply_decoders,
    inferred_type,
    mysql_column,
    parse_pg_array,
    postgres_column,
    sqlite_column,
)
from refrakt.errors import RawQueryError


@pytest.mark.parametrize(
    ("decltype", "expected"),
    [
        ("BOOLEAN", "bool"),
        ("boolean", "bool"),
        ("DATETIME", "datetime"),
        ("DECIMAL(65,30)", "decimal"),
        ("VARCHAR(191)", "string"),
        ("BIGINT", "bigint"),
        ("INTEGER", "int"),
        ("REAL", "double"),
        ("JSONB", "json"),
        ("BLOB", "bytes"),
    ],
)
def test_sqlite_declared_types(decltype: str, expected: str) -> None:
    found = sqlite_column(decltype)
    assert found is not None and found[0] == expected


def test_sqlite_undeclared_or_unknown_types_are_typed_by_their_values() -> None:
    assert sqlite_column(None) is None and sqlite_column("") is None and sqlite_column("GEOMETRY") is None
    rows = [(None, None, None, None, None), (1, 1.5, "a", b"x", None)]
    assert [inferred_type(rows, i) for i in range(5)] == ["bigint", "double", "string", "bytes", "int"]


def test_sqlite_decoders() -> None:
    def decode(decltype: str, value: object) -> object:
        found = sqlite_column(decltype)
        assert found is not None and found[1] is not None
        return found[1](value)

    assert decode("BOOLEAN", 0) is False and decode("BOOLEAN", 2) is True
    assert decode("DATETIME", 0) == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    assert decode("DATETIME", "2024-01-02T03:04:05+02:00") == dt.datetime(2024, 1, 2, 1, 4, 5, tzinfo=dt.UTC)
    assert decode("DATETIME", "not a date") == "not a date"  # left as it is
    assert decode("DECIMAL", 0.1) == Decimal("0.1") and decode("DECIMAL", 3) == Decimal(3)
    assert decode("INT", 2.9) == 2  # Prisma truncates a REAL stored in an INT column
    assert decode("JSONB", "[1]") == [1] and decode("JSONB", "{oops") == "{oops"


def test_mysql_column_definitions() -> None:
    json_type, decode_json = mysql_column(245, 144, 63, 4294967295)  # MySQL's JSON (MariaDB has none)
    assert json_type == "json" and decode_json is not None and decode_json('{"a": [1]}') == {"a": [1]}
    assert mysql_column(252, 144, 45, 4294967295)[0] == "string"  # MariaDB's JSON: LONGTEXT
    bool_type, decode_bit = mysql_column(16, 32, 63, 1)
    assert bool_type == "bool" and decode_bit is not None and decode_bit(b"\x00") is False
    assert mysql_column(16, 32, 63, 8)[0] == "bytes"
    assert mysql_column(1, 0, 63, 1) == ("int", None)  # TINYINT(1): a number, as in Prisma
    assert mysql_column(254, 256, 45, 4)[0] == "enum"
    assert mysql_column(253, 128, 63, 4)[0] == "bytes" and mysql_column(253, 0, 45, 4)[0] == "string"
    time_type, decode_time = mysql_column(11, 128, 63, 10)
    assert time_type == "time" and decode_time is not None
    assert decode_time(dt.timedelta(hours=23, minutes=59)) == dt.time(23, 59)
    assert decode_time(dt.timedelta(hours=-1)) == dt.timedelta(hours=-1)  # a duration, not a time of day


def test_postgres_columns() -> None:
    money_type, decode_money = postgres_column(790, {})
    assert money_type == "decimal" and decode_money is not None
    assert decode_money("$1,234.50") == Decimal("1234.50")
    assert decode_money("-$3.00") == Decimal("-3.00")
    assert decode_money("1.234,56 €") == Decimal("1234.56")
    assert decode_money("($7.10)") == Decimal("-7.10")
    assert postgres_column(20, {}) == ("bigint", None)
    assert postgres_column(70000, {70000: ("mood", False, True)}) == ("enum", None)
    assert postgres_column(70001, {70001: ("citext", False, False)}) == ("string", None)
    assert postgres_column(70003, {70003: ("geometry", False, False)}) == ("string", None)  # read as its text
    array_type, decode_array = postgres_column(70002, {70002: ("_mood", True, True)})
    assert array_type == "enum-array" and decode_array is not None and decode_array("{a,NULL}") == ["a", None]
    with pytest.raises(RawQueryError) as info:
        postgres_column(600, {600: ("point", False, False)})
    assert info.value.meta == {
        "code": "N/A",
        "message": "Failed to deserialize column of type 'point'. If you're using $queryRaw and this column is "
        "explicitly marked as `Unsupported` in your Prisma schema, try casting this column to any supported "
        "Prisma type such as `String`.",
    }


def test_postgres_array_literals() -> None:
    assert parse_pg_array("{}") == []
    assert parse_pg_array('{a,"b c","d\\"e",NULL,"NULL"}') == ["a", "b c", 'd"e', None, "NULL"]
    assert parse_pg_array("{{a,b},{c,NULL}}") == [["a", "b"], ["c", None]]
    assert parse_pg_array("[0:1]={x,y}") == ["x", "y"]
    with pytest.raises(ValueError):
        parse_pg_array("{a,b")


def test_apply_decoders_touches_only_the_columns_that_need_it() -> None:
    rows = [(1, 0), (None, 1)]
    assert apply_decoders(rows, [None, None]) is rows
    assert apply_decoders(rows, [None, bool]) == [(1, False), (None, True)]


def test_declared_types_read_from_the_connection_itself(tmp_path: Path) -> None:
    raw = sqlite3.connect(tmp_path / "d.db")
    try:
        raw.execute("CREATE TABLE t (a BOOLEAN, b DECIMAL(10,2), c)")
        raw.execute("CREATE TEMP TABLE tt (d DATETIME)")
        assert _sqlite_decltypes.declared_types(raw, "SELECT a, b, c, a + 1, ? FROM t") == [
            "BOOLEAN",
            "DECIMAL(10,2)",
            None,
            None,
            None,
        ]
        assert _sqlite_decltypes.declared_types(raw, "SELECT d FROM tt") == ["DATETIME"]
        assert _sqlite_decltypes.declared_types(raw, "SELECT nope FROM t") is None  # does not prepare
    finally:
        raw.close()
    assert _sqlite_decltypes.declared_types(raw, "SELECT 1") is None  # closed: no handle


def test_without_declared_types_sqlite_values_are_typed_by_what_they_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_sqlite_decltypes, "_api", lambda: None)  # e.g. not CPython
    with connect(f"file:{tmp_path}/x.db") as conn:
        conn.execute("CREATE TABLE t (a BOOLEAN)")
        conn.execute("INSERT INTO t VALUES (1)")
        assert conn.query_typed("SELECT a FROM t") == (["a"], ["bigint"], [(1,)])


#: One boolean-ish column and one date-time per database, and what ``query_typed`` makes of them.
_TYPED_DDL = {
    "sqlite": "CREATE TABLE ck_typed (b BOOLEAN, at DATETIME)",
    "postgresql": "CREATE TABLE ck_typed (b BOOLEAN, at TIMESTAMP(3))",
    "mysql": "CREATE TABLE ck_typed (b BIT(1), at DATETIME(3))",
}
_PLAIN = {"sqlite": 1, "postgresql": True, "mysql": b"\x01"}
_TYPED_INSERT = {
    "sqlite": "INSERT INTO ck_typed VALUES (1, 0)",
    "postgresql": "INSERT INTO ck_typed VALUES (true, '1970-01-01 00:00:00')",
    "mysql": "INSERT INTO ck_typed VALUES (b'1', '1970-01-01 00:00:00')",
}


def test_query_typed_on_connections_and_pools_sync_and_async(url: str, provider: str) -> None:
    import asyncio

    from refrakt.drivers import AsyncPool, Pool

    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    with connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS ck_typed")
        conn.execute(_TYPED_DDL[provider])
        conn.execute(_TYPED_INSERT[provider])
        # query() is the query engine's path: what the driver returns, untouched.
        plain = conn.query("SELECT b FROM ck_typed")[1][0][0]
        assert plain == _PLAIN[provider] and type(plain) is type(_PLAIN[provider])
    try:
        with Pool(url) as pool:
            columns, types, rows = pool.query_typed("SELECT b, at FROM ck_typed")
        assert columns == ["b", "at"] and types == ["bool", "datetime"]
        assert rows[0][0] is True and rows[0][1].replace(tzinfo=dt.UTC) == epoch

        async def main() -> tuple[list[str], list[str], list[tuple[object, ...]]]:
            async with AsyncPool(url) as apool:
                return await apool.query_typed("SELECT b FROM ck_typed WHERE b = b")

        assert asyncio.run(main()) == (["b"], ["bool"], [(True,)])
    finally:
        with connect(url) as conn:
            conn.execute("DROP TABLE IF EXISTS ck_typed")
