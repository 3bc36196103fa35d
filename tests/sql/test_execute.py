"""The rendered SQL runs on the real databases and means the same thing on each.

The golden tests pin the text; these check the behaviour behind the dialect flags: NULL
placement (emulated on MySQL), OFFSET without LIMIT, case-insensitive LIKE, empty IN lists,
upserts and skip-duplicates, RETURNING, JSON paths, row values — with each driver's own
parameter style (``?`` for sqlite3, ``%s`` for psycopg and PyMySQL).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from refrakt._sql import (
    Bool,
    Case,
    Cast,
    Column,
    Compare,
    Concat,
    Dialect,
    Excluded,
    Exists,
    In,
    Insert,
    IsNull,
    JsonExtract,
    Like,
    MySQL,
    Node,
    OnConflict,
    OrderBy,
    Param,
    Postgres,
    Raw,
    Row,
    Select,
    SQLite,
    Table,
    UnsupportedExpression,
    Update,
    and_,
    eq,
)

T = Table("T")
ID, NAME, N, DATA = Column("id"), Column("name"), Column("n"), Column("data")
ROWS = [
    (1, "Alice", 10, {"a": {"b": [1, 2]}, "tag": "x"}),
    (2, None, 20, {"a": {"b": [3]}, "tag": "y"}),
    (3, "bob", None, {"tag": "x"}),
    (4, None, 40, {}),
]
DDL = {
    "sqlite": 'CREATE TABLE "T" ("id" INTEGER PRIMARY KEY, "name" TEXT, "n" INTEGER, "data" TEXT)',
    "postgres": 'CREATE TABLE "T" ("id" INTEGER PRIMARY KEY, "name" TEXT, "n" INTEGER, "data" JSONB)',
    "mysql": "CREATE TABLE `T` (`id` INTEGER PRIMARY KEY, `name` VARCHAR(50), `n` INTEGER, `data` JSON)",
}


class Db:
    """Runs a node with the dialect's driver; rows come back as lists of tuples."""

    def __init__(self, dialect: Dialect, execute: Callable[[str, tuple[object, ...]], list[tuple[Any, ...]]]):
        self.dialect = dialect
        self.execute = execute

    def run(self, node: Node) -> list[tuple[Any, ...]]:
        sql, params = self.dialect.render(node)
        return [tuple(r) for r in self.execute(sql, params)]


def _sqlite() -> Db:
    conn = sqlite3.connect(":memory:")
    return Db(SQLite(), lambda sql, params: conn.execute(sql, params).fetchall())


def _postgres(conn: Any) -> Db:
    """PostgreSQL's own ``$1`` placeholders through psycopg's RawCursor (as refrakt's driver does)."""
    import psycopg

    cursor = psycopg.RawCursor(conn)

    def execute(sql: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []

    return Db(Postgres(), execute)


@pytest.mark.postgres
def test_psycopg_format_style(new_postgres_db: Callable[[], Any]) -> None:
    """``Postgres(param_style="format")`` for psycopg's ordinary cursors (``%s``, ``%%``)."""
    conn = new_postgres_db()
    query = Select((Concat((Param("50"), Raw("'%'"))),), where=Like(Param("abc"), Param("a%")))
    sql, params = Postgres(param_style="format").render(query)
    assert conn.execute(sql, params).fetchall() == [("50%",)]


def _mysql(conn: Any) -> Db:
    def execute(sql: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return list(cur.fetchall()) if cur.description else []

    return Db(MySQL(), execute)


@pytest.fixture(
    params=[
        pytest.param("sqlite"),
        pytest.param("postgres", marks=pytest.mark.postgres),
        pytest.param("mysql", marks=pytest.mark.mysql),
    ]
)
def db(request: pytest.FixtureRequest) -> Iterator[Db]:
    name: str = request.param
    if name == "sqlite":
        database = _sqlite()
    elif name == "postgres":
        database = _postgres(request.getfixturevalue("new_postgres_db")())
    else:
        database = _mysql(request.getfixturevalue("new_mysql_db")())
    database.execute(DDL[name], ())
    rows = tuple((Param(i), Param(n), Param(k), Param(json.dumps(d))) for i, n, k, d in ROWS)
    database.run(Insert(T, ("id", "name", "n", "data"), rows))
    yield database


def ids(db: Db, **select: Any) -> list[int]:
    return [r[0] for r in db.run(Select((ID,), T, **select))]


@pytest.mark.parametrize(
    ("desc", "nulls", "expected"),
    [
        (False, "first", [2, 4, 1, 3]),
        (False, "last", [1, 3, 2, 4]),
        (True, "first", [2, 4, 3, 1]),
        (True, "last", [3, 1, 2, 4]),
    ],
)
def test_nulls_placement(db: Db, desc: bool, nulls: Any, expected: list[int]) -> None:
    order = (OrderBy(Case(((IsNull(NAME), Param(None)),), Cast(ID, "int")), desc, nulls), OrderBy(ID))
    assert ids(db, order_by=order) == expected


def test_offset_without_limit(db: Db) -> None:
    assert ids(db, order_by=(OrderBy(ID),), offset=Param(2)) == [3, 4]
    assert ids(db, order_by=(OrderBy(ID),), limit=Param(1), offset=Param(1)) == [2]


def test_case_insensitive_like(db: Db) -> None:
    assert ids(db, where=Like(NAME, Param("%LIC%"), insensitive=True)) == [1]
    assert ids(db, where=Like(NAME, Param("B%"), insensitive=True), order_by=(OrderBy(ID),)) == [3]
    assert ids(db, where=Like(NAME, Param("%LIC%"), negated=True, insensitive=True)) == [3]


def test_empty_in_lists(db: Db) -> None:
    assert ids(db, where=In(ID, ())) == []
    assert ids(db, where=In(ID, (), negated=True), order_by=(OrderBy(ID),)) == [1, 2, 3, 4]
    assert ids(db, where=and_(Bool(True), In(ID, (Param(4), Param(2)))), order_by=(OrderBy(ID),)) == [2, 4]


def test_row_values(db: Db) -> None:
    where = In(Row((ID, N)), (Row((Param(1), Param(10))), Row((Param(2), Param(99)))))
    assert ids(db, where=where) == [1]


def test_exists_and_concat(db: Db) -> None:
    other = Table("T", alias="o")
    inner = Select((Raw("1"),), other, where=Compare(Column("n", "o"), ">", Column("n", "T")))
    assert ids(db, where=Exists(inner, negated=True), order_by=(OrderBy(ID),)) == [3, 4]
    rows = db.run(Select((Concat((NAME, Param("#"), Cast(ID, "text"))),), T, where=eq(ID, 1)))
    assert rows == [("Alice#1",)]


def test_skip_duplicates_and_upsert(db: Db) -> None:
    db.run(Insert(T, ("id", "name", "data"), ((Param(1), Param("dup"), Param("{}")),), on_conflict=OnConflict()))
    assert db.run(Select((NAME,), T, where=eq(ID, 1))) == [("Alice",)]
    upsert = OnConflict(("id",), (("name", Excluded("name")), ("n", Param(7))))
    for key in (1, 5):
        db.run(Insert(T, ("id", "name", "data"), ((Param(key), Param("up"), Param("{}")),), on_conflict=upsert))
    assert db.run(Select((ID, NAME, N), T, where=In(ID, (Param(1), Param(5))), order_by=(OrderBy(ID),))) == [
        (1, "up", 7),
        (5, "up", None),
    ]


def test_returning_where_supported(db: Db) -> None:
    update = Update(T, (("n", Param(99)),), where=eq(ID, 2), returning=(ID, N))
    if not db.dialect.SUPPORTS_RETURNING:
        with pytest.raises(UnsupportedExpression, match="RETURNING"):
            db.run(update)
        return
    assert db.run(update) == [(2, 99)]


def test_json_paths(db: Db) -> None:
    tag = JsonExtract(DATA, ("tag",), as_text=True)
    assert ids(db, where=eq(tag, "x"), order_by=(OrderBy(ID),)) == [1, 3]
    deep = JsonExtract(DATA, ("a", "b", 1), as_text=True)
    # ->> on SQLite gives the SQL value (2); PostgreSQL and MySQL give text ("2").
    assert db.run(Select((deep,), T, where=eq(ID, 1))) in ([("2",)], [(2,)])
    value = db.run(Select((JsonExtract(DATA, ("a", "b")),), T, where=eq(ID, 2)))[0][0]
    assert (json.loads(value) if isinstance(value, str) else value) == [3]
    assert db.run(Select((JsonExtract(DATA, ("missing",), as_text=True),), T, where=eq(ID, 4))) == [(None,)]
