"""PostgreSQL only: writes to models whose scalar lists have a ``@default([...])`` (such a field's
default is a list, so the planner must not need to hash the field)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from engine_support import create_tables, database, datamodel

from refrakt.drivers import Connection
from refrakt.engine import Engine

SCHEMA = """
model Tag {
  id    Int      @id @default(autoincrement())
  names String[] @default(["a", "b"])
  nums  Int[]    @default([1, 2])
  kids  Kid[]
}

model Kid {
  id    Int  @id
  tagId Int?
  tag   Tag? @relation(fields: [tagId], references: [id])
}
"""


@pytest.fixture(scope="module")
def pg() -> Iterator[tuple[Engine, Connection]]:
    dm = datamodel("postgresql", SCHEMA)
    with database("postgres") as conn:
        create_tables(conn, dm, "postgres")
        yield Engine(dm, "postgres"), conn


def test_create_fills_list_defaults(pg: tuple[Engine, Connection]) -> None:
    engine, conn = pg
    tag = engine.prepare("Tag", "create", {"data": {}}).run(conn)
    assert (tag.names, tag.nums) == (["a", "b"], [1, 2])
    given = engine.prepare("Tag", "create", {"data": {"names": ["z"]}}).run(conn)
    assert (given.names, given.nums) == (["z"], [1, 2])


def test_nested_writes_with_list_defaults(pg: tuple[Engine, Connection]) -> None:
    engine, conn = pg
    tag = engine.prepare("Tag", "create", {"data": {"kids": {"create": [{"id": 1}]}}, "include": {"kids": True}}).run(
        conn
    )
    assert tag.names == ["a", "b"] and [k.id for k in tag.kids] == [1]
    kid = engine.prepare("Kid", "create", {"data": {"id": 2, "tag": {"create": {}}}, "include": {"tag": True}}).run(
        conn
    )
    assert kid.tag is not None and kid.tag.nums == [1, 2]
    moved = engine.prepare(
        "Kid",
        "update",
        {"where": {"id": 1}, "data": {"tag": {"connect_or_create": {"where": {"id": 999}, "create": {}}}}},
    ).run(conn)
    assert moved.tagId not in (None, 999, tag.id)
    upserted = engine.prepare("Tag", "upsert", {"where": {"id": 998}, "create": {"nums": [7]}, "update": {}}).run(conn)
    assert (upserted.names, upserted.nums) == (["a", "b"], [7])
    assert engine.prepare("Tag", "create_many", {"data": [{}, {"names": []}]}).run(conn) == 2
