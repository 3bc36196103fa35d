"""``create_many`` with many rows: split into INSERTs below the databases' limits on bound
parameters, every value where it belongs, and one ``now()`` for the whole call (as Prisma's
request-wide ``now()``) while ``uuid()`` stays one per row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from engine_support import DIALECTS, create_tables, database, datamodel

from refrakt.drivers import Connection
from refrakt.engine import Engine
from refrakt.errors import UniqueConstraintError

SCHEMA = """
model Item {
  id        Int      @id
  name      String
  note      String?
  size      Int      @default(3)
  token     String   @default(uuid())
  createdAt DateTime @default(now())
  ownerId   Int?
  owner     Owner?   @relation(fields: [ownerId], references: [id])
}

model Owner {
  id    Int    @id
  goods Item[]
}
"""
_PROVIDER = {"sqlite": "sqlite", "postgres": "postgresql", "mysql": "mysql"}
#: Six parameters a row: 6,000 rows are 36,000 parameters, over PostgreSQL's (and SQLite's) limit.
ROWS = 6000


class Db:
    def __init__(self, engine: Engine, conn: Connection) -> None:
        self.engine = engine
        self.conn = conn

    def q(self, model: str, operation: str, **args: Any) -> Any:
        return self.engine.prepare(model, operation, args).run(self.conn)


@pytest.fixture(scope="module", params=DIALECTS)
def db(request: pytest.FixtureRequest) -> Iterator[Db]:
    dialect = str(request.param)
    dm = datamodel(_PROVIDER[dialect], SCHEMA)
    with database(dialect) as conn:
        create_tables(conn, dm, dialect)
        yield Db(Engine(dm, dialect), conn)


def row(i: int) -> dict[str, Any]:
    # ``note`` is a value, null or left out: the last splits the rows into runs of other columns
    data: dict[str, Any] = {"id": i, "name": f"item {i}", "note": f"n{i}" if i % 3 else None}
    if i % 1000 == 999:
        del data["note"]
    return data


def test_many_rows_are_split_below_the_parameter_limit(db: Db) -> None:
    prepared = db.engine.prepare("Item", "create_many", {"data": [row(i) for i in range(ROWS)]})
    statements = prepared.plan.rows.batches(prepared.values, {})  # pyright: ignore[reportAttributeAccessIssue]
    assert all(len(params) <= 32766 for _, params in statements) or db.engine.dialect_name == "mysql"
    assert prepared.run(db.conn) == ROWS
    items = db.q("Item", "find_many", order_by={"id": "asc"})
    assert [(x.id, x.name, x.note, x.size) for x in items] == [
        (i, f"item {i}", row(i).get("note"), 3) for i in range(ROWS)
    ]
    assert len({x.token for x in items}) == ROWS
    assert len({x.createdAt for x in items}) == 1


def test_nested_create_many_takes_the_parents_key(db: Db) -> None:
    owner = db.q(
        "Owner",
        "create",
        data={"id": 1, "goods": {"create_many": {"data": [{"id": ROWS + i, "name": f"owned {i}"} for i in range(3)]}}},
        include={"goods": {"order_by": {"id": "asc"}}},
    )
    assert [(x.id, x.name, x.ownerId) for x in owner.goods] == [(ROWS + i, f"owned {i}", 1) for i in range(3)]


def test_nested_creates_on_a_to_many_relation_are_one_insert(db: Db) -> None:
    args: dict[str, Any] = {
        "data": {
            "id": 2,
            "goods": {"create": [{"id": 9000 + i, "name": f"g{i}", "note": "x" if i else None} for i in range(3)]},
        },
        "include": {"goods": {"order_by": {"id": "asc"}}},
    }
    prepared = db.engine.prepare("Owner", "create", args)
    (step,) = prepared.plan.root.children  # pyright: ignore[reportAttributeAccessIssue]
    assert step.rows is not None and len(step.rows.statements) == 1
    owner = prepared.run(db.conn)
    assert [(x.id, x.name, x.note, x.ownerId) for x in owner.goods] == [
        (9000, "g0", None, 2),
        (9001, "g1", "x", 2),
        (9002, "g2", "x", 2),
    ]


def test_a_duplicate_among_nested_creates_rolls_the_parent_back(db: Db) -> None:
    with pytest.raises(UniqueConstraintError) as info:
        db.q(
            "Owner",
            "create",
            data={"id": 3, "goods": {"create": [{"id": 9100, "name": "a"}, {"id": 9100, "name": "b"}]}},
        )
    assert info.value.code == "P2002"
    assert db.q("Owner", "find_unique", where={"id": 3}) is None
    assert db.q("Item", "count", where={"id": 9100}) == 0
