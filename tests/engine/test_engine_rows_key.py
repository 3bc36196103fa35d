"""``create_many`` rows keyed once: a list of rows with the same keys and value types is one node of
the shape key and is bound a column at a time; every other list of rows is keyed row by row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from engine_support import create_tables, database, datamodel

from refrakt.engine import Engine
from refrakt.engine._shape import MIN_ROWS, rows_of, shape_key
from refrakt.errors import ValidationError

DM = datamodel("sqlite")
WHEN = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def row(i: int, **extra: Any) -> dict[str, Any]:
    return {"id": i, "email": f"u{i}@x.io", "first": f"f{i}", "last": "l", "createdAt": WHEN, **extra}


def rows(n: int = 20, **extra: Any) -> list[dict[str, Any]]:
    return [row(i, **extra) for i in range(1, n + 1)]


def fresh(operation: str, args: dict[str, Any]) -> tuple[str, list[Any]]:
    prepared = Engine(DM, "sqlite").prepare("User", operation, args)
    return prepared.sql, prepared.params


def with_cell(data: list[dict[str, Any]], index: int, **cell: Any) -> list[dict[str, Any]]:
    out = [dict(r) for r in data]
    out[index].update(cell)
    return out


VARIANTS: list[tuple[str, list[dict[str, Any]]]] = [
    ("same shape", rows(20, name="n", score=1.5)),
    ("other values", [row(i + 100, name=f"n{i}", score=float(i)) for i in range(20)]),
    ("other count", rows(9, name="n", score=1.5)),
    ("None in one row", with_cell(rows(20, name="n", score=1.5), 7, name=None)),
    ("None in every row", rows(20, name=None, score=1.5)),
    ("an int in a Float column", with_cell(rows(20, name="n", score=1.5), 3, score=2)),
    ("a Decimal in a Float column", rows(20, name="n", score=Decimal("2.5"))),
    ("a key less in one row", [*rows(19, name="n", score=1.5), row(20, score=1.5)]),
    ("a key more in one row", with_cell(rows(20, name="n", score=1.5), 5, age=3)),
    ("keys in another order", [*rows(19, name="n", score=1.5), {"score": 1.5, "name": "n", **row(20)}]),
    ("an enum, a Json and Bytes", rows(20, role="ADMIN", meta={"a": [1]}, avatar=b"\x00")),
    ("a str DateTime", [row(i) | {"createdAt": "2024-01-02T03:04:05Z"} for i in range(1, 21)]),
]


@pytest.mark.parametrize("operation", ["create_many", "create_many_and_return"])
def test_rows_keyed_once_bind_what_a_fresh_engine_binds(operation: str) -> None:
    engine = Engine(DM, "sqlite")
    for name, data in VARIANTS:
        args = {"data": data}
        prepared = engine.prepare("User", operation, args)
        assert (prepared.sql, prepared.params) == fresh(operation, args), name
        again = engine.prepare("User", operation, args)
        assert (again.sql, again.params) == (prepared.sql, prepared.params), name
    misses = engine.stats.misses
    for _, data in VARIANTS:
        engine.prepare("User", operation, {"data": data})
    assert engine.stats.misses == misses  # every variant is cached under its own key


def test_rows_key_tells_shapes_apart() -> None:
    base = rows(20, name="n")
    keys = {shape_key("User", "create_many", {"data": d}, [], "data") for d in (base, rows(20, name=None))}
    keys.add(shape_key("User", "create_many", {"data": rows(21, name="n")}, [], "data"))
    keys.add(shape_key("User", "create_many", {"data": with_cell(base, 4, name=None)}, [], "data"))
    keys.add(shape_key("User", "create_many", {"data": with_cell(base, 4, name=1)}, [], "data"))
    assert len(keys) == 5
    assert rows_of(base) is not None
    assert rows_of(base[: MIN_ROWS - 1]) is None  # a few rows are keyed row by row
    assert rows_of(with_cell(base, 4, name=None)) is None
    assert rows_of(rows(20, meta={"a": 1})) is None  # a container in a cell


def test_a_bad_value_names_its_row() -> None:
    engine = Engine(DM, "sqlite")
    data = rows(10_000, name="n")
    engine.prepare("User", "create_many", {"data": data})
    cases = [
        (with_cell(data, 7345, id=1 << 64), "data[7345].id"),  # the cached shape: bound a column at a time
        (with_cell(data, 8, id=1 << 64, age=1 << 65), "data[8].id"),  # a key more: keyed row by row
        (with_cell(data, 9, first=3), "data[9].first"),  # another type
    ]
    for bad, where in cases:
        with pytest.raises(ValidationError) as cached:
            engine.prepare("User", "create_many", {"data": bad})
        with pytest.raises(ValidationError) as uncached:
            Engine(DM, "sqlite").prepare("User", "create_many", {"data": bad})
        assert str(cached.value) == str(uncached.value)
        assert where in str(cached.value)
        if where == "data[7345].id":
            assert engine.stats.misses == 1 and engine.stats.hits == 1


def test_rows_keyed_once_are_inserted() -> None:
    engine = Engine(DM, "sqlite")
    with database("sqlite") as conn:
        create_tables(conn, DM, "sqlite")
        assert engine.prepare("User", "create_many", {"data": rows(30, name="a")}).run(conn) == 30
        more = [row(i, name=None, score=float(i)) for i in range(31, 61)]
        assert engine.prepare("User", "create_many", {"data": more}).run(conn) == 30
        found = engine.prepare("User", "find_many", {"where": {"id": {"gt": 28}}, "take": 4}).run(conn)
        assert [(u.id, u.name, u.score) for u in found] == [
            (29, "a", 0.0),
            (30, "a", 0.0),
            (31, None, 31.0),
            (32, None, 32.0),
        ]
