"""PostgreSQL only: scalar lists (arrays) and their filters, and `in` a list column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from engine_support import create_tables, database, datamodel

from refrakt._markers import field
from refrakt.drivers import Connection
from refrakt.engine import Engine

SCHEMA = """
model Item {
  id     Int        @id
  name   String
  tags   String[]
  nums   Int[]
  prices Decimal[]
  days   DateTime[]
}
"""


@pytest.fixture(scope="module")
def pg() -> Iterator[tuple[Engine, Connection]]:
    dm = datamodel("postgresql", SCHEMA)
    with database("postgres") as conn:
        create_tables(conn, dm, "postgres")
        engine = Engine(dm, "postgres")
        rows: list[dict[str, Any]] = [
            {"id": 1, "name": "x", "tags": ["x", "y"], "nums": [1, 2], "prices": [Decimal("1.5")], "days": []},
            {"id": 2, "name": "z", "tags": [], "nums": [3], "prices": [], "days": ["2024-01-01T00:00:00Z"]},
            {"id": 3, "name": "q", "tags": ['q"uote', "b,c"], "nums": [], "prices": [], "days": []},
        ]
        for row in rows:
            engine.prepare("Item", "create", {"data": row, "select": {"id": True}}).run(conn)
        yield engine, conn


def ids(pg: tuple[Engine, Connection], where: dict[str, Any]) -> list[int]:
    engine, conn = pg
    return sorted(r.id for r in engine.prepare("Item", "find_many", {"where": where}).run(conn))


def test_lists_round_trip(pg: tuple[Engine, Connection]) -> None:
    engine, conn = pg
    items = engine.prepare("Item", "find_many", {"order_by": {"id": "asc"}}).run(conn)
    assert items[0].tags == ["x", "y"] and items[0].nums == [1, 2] and items[0].prices == [Decimal("1.5")]
    assert items[1].days == [dt.datetime(2024, 1, 1, tzinfo=dt.UTC)]
    assert items[2].tags == ['q"uote', "b,c"]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"tags": {"has": "x"}}, [1]),
        ({"tags": {"has": 'q"uote'}}, [3]),
        ({"tags": {"has_every": ["x", "y"]}}, [1]),
        ({"tags": {"has_every": []}}, [1, 2, 3]),
        ({"tags": {"has_some": ["y", "b,c"]}}, [1, 3]),
        ({"tags": {"is_empty": True}}, [2]),
        ({"tags": {"is_empty": False}}, [1, 3]),
        ({"nums": {"equals": [1, 2]}}, [1]),
        ({"nums": {"has": 3}}, [2]),
        ({"prices": {"has": Decimal("1.5")}}, [1]),
        ({"days": {"has": "2024-01-01T00:00:00.000Z"}}, [2]),
        ({"name": {"in": field("tags")}}, [1]),
        ({"name": {"not_in": field("tags")}}, [2, 3]),  # `<> ALL` of no elements is true
    ],
)
def test_scalar_list_filters(pg: tuple[Engine, Connection], where: dict[str, Any], expected: list[int]) -> None:
    assert ids(pg, where) == expected
