"""Json filters on real databases: equality and the null markers, and filters on a path inside
the value (``string_*``, ``array_*``, comparisons) with Prisma's JSON type checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from engine_support import DIALECTS, create_tables, database, datamodel

from refrakt._markers import AnyNull, DbNull, JsonNull, field
from refrakt.drivers import Connection
from refrakt.engine import Engine
from refrakt.errors import ValidationError

SCHEMA = """
model Doc {
  id   Int   @id
  data Json?
}
"""
_PROVIDER = {"sqlite": "sqlite", "postgres": "postgresql", "mysql": "mysql"}
ROWS: list[Any] = [
    {"a": {"b": "foo"}},
    {"a": {"b": "fool"}},
    {"a": {"b": ["foo"]}},
    {"a": {"b": [1, 2, 3]}},
    {"a": {"b": 3}},
    JsonNull,
    DbNull,
    {"a": {"b": 1.5}},
    {"a": {"b": [3, 4, [5]]}},
]


@pytest.fixture(scope="module", params=DIALECTS)
def docs(request: pytest.FixtureRequest) -> Iterator[tuple[Engine, Connection]]:
    dialect = str(request.param)
    dm = datamodel(_PROVIDER[dialect], SCHEMA)
    with database(dialect) as conn:
        create_tables(conn, dm, dialect)
        engine = Engine(dm, dialect)
        for i, value in enumerate(ROWS, start=1):
            engine.prepare("Doc", "create", {"data": {"id": i, "data": value}}).run(conn)
        yield engine, conn


def ids(docs: tuple[Engine, Connection], where: dict[str, Any]) -> list[int]:
    engine, conn = docs
    return sorted(r.id for r in engine.prepare("Doc", "find_many", {"where": where, "select": {"id": True}}).run(conn))


def test_values_round_trip(docs: tuple[Engine, Connection]) -> None:
    engine, conn = docs
    rows = engine.prepare("Doc", "find_many", {"order_by": {"id": "asc"}}).run(conn)
    assert [r.data for r in rows] == [
        {"a": {"b": "foo"}},
        {"a": {"b": "fool"}},
        {"a": {"b": ["foo"]}},
        {"a": {"b": [1, 2, 3]}},
        {"a": {"b": 3}},
        None,  # JSON null
        None,  # database NULL
        {"a": {"b": 1.5}},
        {"a": {"b": [3, 4, [5]]}},
    ]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"data": {"equals": {"a": {"b": 3}}}}, [5]),
        ({"data": {"equals": DbNull}}, [7]),
        ({"data": {"equals": JsonNull}}, [6]),
        ({"data": {"equals": None}}, [6]),
        ({"data": {"equals": AnyNull}}, [6, 7]),
        ({"data": {"not": DbNull}}, [1, 2, 3, 4, 5, 6, 8, 9]),
        ({"data": {"not": {"a": {"b": 3}}}}, [1, 2, 3, 4, 6, 8, 9]),
        ({"NOT": {"data": {"equals": AnyNull}}}, [1, 2, 3, 4, 5, 8, 9]),
        ({"data": {"path": ["a", "b"], "equals": "foo"}}, [1]),
        ({"data": {"path": "$.a.b", "equals": [1, 2, 3]}}, [4]),
        ({"data": {"path": ["a", "b"], "string_contains": "oo"}}, [1, 2]),
        ({"data": {"path": ["a", "b"], "string_starts_with": "foo"}}, [1, 2]),
        ({"data": {"path": ["a", "b"], "string_ends_with": "ol"}}, [2]),
        ({"data": {"path": ["a", "b"], "string_contains": "OO", "mode": "insensitive"}}, [1, 2]),
        ({"NOT": {"data": {"path": ["a", "b"], "string_contains": "l"}}}, [1]),  # strings only, as in Prisma
        ({"data": {"path": ["a", "b"], "array_contains": 3}}, [4, 9]),
        ({"data": {"path": ["a", "b"], "array_contains": [1, 3]}}, [4]),
        ({"data": {"path": ["a", "b"], "array_contains": [[5]]}}, [9]),
        ({"data": {"path": ["a", "b"], "array_contains": "foo"}}, [3]),
        ({"data": {"path": ["a", "b"], "array_starts_with": 3}}, [9]),
        ({"data": {"path": ["a", "b"], "array_ends_with": 3}}, [4]),
        ({"data": {"path": ["a", "b"], "array_ends_with": [5]}}, [9]),
        ({"NOT": {"data": {"path": ["a", "b"], "array_starts_with": 1}}}, [3, 9]),  # arrays only
        ({"data": {"path": ["a", "b"], "gt": 2}}, [5]),
        ({"data": {"path": ["a", "b"], "gte": 1.5}}, [5, 8]),
        ({"data": {"path": ["a", "b"], "lt": "fool"}}, [1]),
        ({"data": {"path": ["a", "b"], "gte": "fool"}}, [2]),
    ],
)
def test_json_filters(docs: tuple[Engine, Connection], where: dict[str, Any], expected: list[int]) -> None:
    assert ids(docs, where) == expected


def test_path_needs_a_filter() -> None:
    engine = Engine(datamodel("sqlite", SCHEMA), "sqlite")
    with pytest.raises(ValidationError) as info:
        engine.prepare("Doc", "find_many", {"where": {"data": {"path": "$.a"}}})
    assert info.value.code == "P2019" and "A JSON path cannot be set without a scalar filter." in info.value.message
    with pytest.raises(ValidationError) as info:
        engine.prepare("Doc", "find_many", {"where": {"data": {"path": "a.b", "equals": 1}}})
    assert "is not a JSON path" in info.value.message


REFS_SCHEMA = """
model Pair {
  id    Int   @id
  json  Json?
  json2 Json?
  str   String?
}
"""
PAIRS: list[dict[str, Any]] = [
    {"id": 1, "json": {"a": {"b": 2}}, "json2": 1, "str": "x"},
    {"id": 2, "json": {"a": {"b": "a"}}, "json2": "b", "str": "a"},
    {"id": 3, "json": {"a": {"b": ["bob", "alice"]}}, "json2": "bob", "str": "ab"},
    {"id": 4, "json": {"a": {"b": "abba"}}, "json2": {"a": 1}, "str": "bb"},
]


@pytest.fixture(scope="module")
def pairs() -> Iterator[tuple[Engine, Connection]]:
    dm = datamodel("postgresql", REFS_SCHEMA)
    with database("postgres") as conn:
        create_tables(conn, dm, "postgres")
        engine = Engine(dm, "postgres")
        for row in PAIRS:
            engine.prepare("Pair", "create", {"data": row}).run(conn)
        yield engine, conn


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        # against another Json field: JSON order, only between values of one JSON type (also under NOT)
        ({"json": {"path": ["a", "b"], "gt": field("json2")}}, [1]),
        ({"json": {"path": ["a", "b"], "lt": field("json2")}}, [2]),
        ({"NOT": {"json": {"path": ["a", "b"], "gt": field("json2")}}}, [2]),
        ({"NOT": {"json": {"path": ["a", "b"], "lte": field("json2")}}}, [1]),
        ({"json": {"path": ["a", "b"], "array_contains": field("json2")}}, [3]),
        ({"json": {"path": ["a", "b"], "array_ends_with": field("json2")}}, []),
        ({"NOT": {"json": {"path": ["a", "b"], "array_starts_with": field("json2")}}}, []),
        # a String field, also in the form of Prisma's JSON protocol
        ({"json": {"path": ["a", "b"], "string_starts_with": field("str")}}, [2]),
        ({"json": {"path": ["a", "b"], "string_contains": {"_ref": "str", "_container": "Pair"}}}, [2, 4]),
    ],
)
def test_json_filters_against_fields(
    pairs: tuple[Engine, Connection], where: dict[str, Any], expected: list[int]
) -> None:
    engine, conn = pairs
    found = engine.prepare("Pair", "find_many", {"where": where, "select": {"id": True}}).run(conn)
    assert sorted(r.id for r in found) == expected


def test_json_string_filter_needs_a_string_field() -> None:
    engine = Engine(datamodel("postgresql", REFS_SCHEMA), "postgres")
    with pytest.raises(ValidationError) as info:
        engine.prepare(
            "Pair", "find_many", {"where": {"json": {"string_contains": {"_ref": "json2", "_container": "Pair"}}}}
        )
    assert info.value.code == "P2019"


def test_json_list_elements() -> None:
    """``has`` takes one Json value (an array too; ``None`` is JSON null, stored as Prisma does)."""
    dm = datamodel("postgresql", "model L {\n  id   Int    @id\n  json Json[]\n}\n")
    with database("postgres") as conn:
        create_tables(conn, dm, "postgres")
        engine = Engine(dm, "postgres")
        for row in (
            {"id": 1, "json": [{}, {"int": 5}, [1, 2, 3]]},
            {"id": 2, "json": []},
            {"id": 3, "json": [None, "t"]},
        ):
            engine.prepare("L", "create", {"data": row}).run(conn)

        def ids_of(where: dict[str, Any]) -> list[int]:
            return sorted(r.id for r in engine.prepare("L", "find_many", {"where": where}).run(conn))

        assert ids_of({"json": {"has": [1, 2, 3]}}) == [1]
        assert ids_of({"json": {"has": None}}) == [3]
        assert ids_of({"NOT": {"json": {"has": None}}}) == [1, 2]
        assert ids_of({"json": {"has_some": [None, "t 2"]}}) == [3]
        assert ids_of({"json": {"has_every": [{}, [1]]}}) == []
        assert engine.prepare("L", "find_unique", {"where": {"id": 3}}).run(conn).json == [None, "t"]
