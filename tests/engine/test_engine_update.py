"""``update``, ``update_many`` and ``update_many_and_return`` on real databases: assignments and
atomic number operations, ``@updatedAt``, Json nulls, unchecked foreign keys, P2025, validation
errors raised before any SQL, and a failing update that changes nothing."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from engine_support import DIALECTS, create_tables, database, datamodel
from referential_support import PROVIDERS, client

from refrakt import DbNull, JsonNull, to_jsonable
from refrakt.drivers import Connection
from refrakt.engine import Engine
from refrakt.errors import RecordNotFoundError, RelationViolationError, UniqueConstraintError, ValidationError

SCHEMA = """
enum Level {
  LOW
  HIGH
}

model Owner {
  id    Int    @id
  name  String
  items Item[]
}

model Item {
  id        Int       @id
  sku       String    @unique
  name      String
  note      String?
  qty       Int?
  price     Float     @default(0)
  cost      Decimal?
  big       BigInt?
  level     Level     @default(LOW)
  data      Json?
  seen      DateTime?
  updatedAt DateTime  @updatedAt
  ownerId   Int?
  owner     Owner?    @relation(fields: [ownerId], references: [id])
}
"""
_PROVIDER = {"sqlite": "sqlite", "postgres": "postgresql", "mysql": "mysql"}


class Db:
    def __init__(self, dialect: str, engine: Engine, conn: Connection) -> None:
        self.dialect = dialect
        self.engine = engine
        self.conn = conn

    def q(self, model: str, operation: str, **args: Any) -> Any:
        return self.engine.prepare(model, operation, args).run(self.conn)

    def item(self, id: int) -> Any:
        return self.q("Item", "find_unique", where={"id": id})


@pytest.fixture(scope="module", params=DIALECTS)
def db(request: pytest.FixtureRequest) -> Iterator[Db]:
    dialect = str(request.param)
    dm = datamodel(_PROVIDER[dialect], SCHEMA)
    with database(dialect) as conn:
        create_tables(conn, dm, dialect)
        db = Db(dialect, Engine(dm, dialect), conn)
        db.q("Owner", "create_many", data=[{"id": 1, "name": "ann"}, {"id": 2, "name": "bob"}])
        for i in range(1, 6):
            db.q("Item", "create", data={"id": i, "sku": f"s{i}", "name": f"item {i}", "qty": i * 10})
        yield db


def test_update_sets_values_and_returns_the_selection(db: Db) -> None:
    before = db.item(1)
    time.sleep(0.01)
    updated = db.q(
        "Item",
        "update",
        where={"id": 1},
        data={
            "name": "renamed",
            "note": {"set": "a note"},
            "cost": Decimal("2.50"),
            "big": 2**40,
            "level": "HIGH",
            "seen": "2024-05-06T07:08:09.123Z",
        },
        select={"name": True, "note": True, "cost": True, "big": True, "level": True, "seen": True, "updatedAt": True},
    )
    assert to_jsonable(updated) == {
        "name": "renamed",
        "note": "a note",
        "cost": "2.5",
        "big": 2**40,
        "level": "HIGH",
        "seen": "2024-05-06T07:08:09.123Z",
        "updatedAt": to_jsonable(updated)["updatedAt"],
    }
    assert updated.updatedAt > before.updatedAt
    assert abs(updated.updatedAt - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert db.item(1).name == "renamed"


def test_updated_at_given_is_kept_and_empty_data_changes_nothing(db: Db) -> None:
    when = dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert db.q("Item", "update", where={"id": 2}, data={"updatedAt": when}).updatedAt == when
    same = db.q("Item", "update", where={"id": 2}, data={})
    assert same.updatedAt == when
    assert db.q("Item", "update_many", where={"id": 2}, data={}) == 1
    assert db.item(2).updatedAt == when


def test_atomic_number_operations(db: Db) -> None:
    db.q("Item", "update", where={"id": 3}, data={"price": 1.5, "cost": Decimal("10"), "big": 7})
    item = db.q(
        "Item",
        "update",
        where={"id": 3},
        data={
            "qty": {"increment": 5},
            "price": {"multiply": 3},
            "cost": {"divide": 4},
            "big": {"decrement": 2},
        },
    )
    assert (item.qty, item.price, item.cost, item.big) == (35, 4.5, Decimal("2.5"), 5)
    assert db.q("Item", "update", where={"id": 3}, data={"qty": {"divide": 5}}).qty == 7


def test_increment_on_null_stays_null(db: Db) -> None:
    db.q("Item", "update", where={"id": 4}, data={"qty": None})
    item = db.q("Item", "update", where={"id": 4}, data={"qty": {"increment": 1}, "cost": {"multiply": 2}})
    assert item.qty is None and item.cost is None


def test_json_nulls(db: Db) -> None:
    assert db.q("Item", "update", where={"id": 5}, data={"data": {"a": [1, 2]}}).data == {"a": [1, 2]}
    db.q("Item", "update", where={"id": 5}, data={"data": JsonNull})
    assert db.q("Item", "count", where={"data": {"equals": JsonNull}, "id": 5}) == 1
    db.q("Item", "update", where={"id": 5}, data={"data": DbNull})
    assert db.q("Item", "count", where={"data": {"equals": DbNull}, "id": 5}) == 1


def test_unchecked_foreign_key_and_mixing_is_an_error(db: Db) -> None:
    item = db.q("Item", "update", where={"id": 5}, data={"ownerId": 2}, include={"owner": True})
    assert item.owner.name == "bob"
    with pytest.raises(ValidationError) as info:
        db.q("Item", "update", where={"id": 5}, data={"ownerId": 1, "owner": {"disconnect": True}})
    assert info.value.code == "P2009" and info.value.path == ("data", "owner")
    assert db.item(5).ownerId == 2


def test_record_not_found(db: Db) -> None:
    with pytest.raises(RecordNotFoundError) as info:
        db.q("Item", "update", where={"id": 999}, data={"name": "x"})
    assert info.value.code == "P2025"
    assert "No record was found for an update." in info.value.message
    assert info.value.meta["modelName"] == "Item"
    # a where-unique with a filter that does not match: nothing found, nothing changed
    with pytest.raises(RecordNotFoundError):
        db.q("Item", "update", where={"id": 1, "name": "not this"}, data={"name": "x"})
    assert db.item(1).name == "renamed"
    with pytest.raises(RecordNotFoundError):
        db.q("Item", "update", where={"id": 999}, data={})


def test_a_failing_update_changes_nothing(db: Db) -> None:
    with pytest.raises(UniqueConstraintError):
        db.q("Item", "update", where={"id": 2}, data={"sku": "s3", "name": "lost"})
    assert db.item(2).sku == "s2" and db.item(2).name == "item 2"
    with pytest.raises(ValidationError) as info:
        db.q("Item", "update", where={"id": 2}, data={"name": "lost", "nmae": "x"})
    assert info.value.code == "P2009" and "Did you mean `name`?" in info.value.message
    assert db.item(2).name == "item 2"


@pytest.mark.parametrize(
    ("data", "path", "text"),
    [
        ({"name": None}, ("data", "name"), "must not be null"),
        ({"qty": "many"}, ("data", "qty"), "Expected Int"),
        ({"qty": {"increment": 1, "decrement": 1}}, ("data", "qty"), "exactly one argument"),
        ({"name": {"increment": 1}}, ("data", "name", "increment"), "Unknown argument `increment`"),
        ({"qty": {"increment": None}}, ("data", "qty", "increment"), "must not be null"),
        ({"level": "MIDDLE"}, ("data", "level"), "Level"),
    ],
)
def test_validation_errors(db: Db, data: dict[str, Any], path: tuple[Any, ...], text: str) -> None:
    with pytest.raises(ValidationError) as info:
        db.q("Item", "update", where={"id": 1}, data=data)
    assert info.value.code == "P2009"
    assert info.value.path == path
    assert text in info.value.message


def test_update_many(db: Db) -> None:
    assert db.q("Item", "update_many", where={"id": {"in": [1, 2, 3]}}, data={"note": "bulk"}) == 3
    assert db.q("Item", "count", where={"note": "bulk"}) == 3
    assert db.q("Item", "update_many", where={"owner": {"is": {"name": "bob"}}}, data={"qty": {"increment": 1}}) == 1
    assert db.q("Item", "update_many", where={"id": {"gt": 100}}, data={"note": "none"}) == 0
    limited = db.q("Item", "update_many", where={"note": "bulk"}, data={"note": "limited"}, limit=2)
    assert limited == 2
    assert db.q("Item", "count", where={"note": "limited"}) == 2
    with pytest.raises(ValidationError) as info:
        db.q("Item", "update_many", data={"owner": {"connect": {"id": 1}}})
    assert info.value.code == "P2009"


def test_update_many_and_return(db: Db) -> None:
    records = db.q(
        "Item",
        "update_many_and_return",
        where={"id": {"in": [1, 2]}},
        data={"note": "returned", "qty": {"set": 1}},
        select={"id": True, "note": True, "qty": True},
    )
    assert to_jsonable(records) == [{"id": 1, "note": "returned", "qty": 1}, {"id": 2, "note": "returned", "qty": 1}]
    moved = db.q("Item", "update_many_and_return", where={"id": 2}, data={"id": 20}, include={"owner": True})
    assert [(r.id, r.owner) for r in moved] == [(20, None)]
    with pytest.raises(ValidationError) as info:
        db.q("Owner", "update_many_and_return", data={"name": "x"}, include={"items": True})
    assert info.value.code == "P2009"


def test_update_changes_the_primary_key(db: Db) -> None:
    item = db.q("Item", "update", where={"sku": "s4"}, data={"id": {"increment": 40}}, select={"id": True})
    assert item.id == 44
    assert db.q("Item", "find_unique", where={"sku": "s4"}).id == 44


def test_prepared_query_sql_is_the_first_statement(db: Db) -> None:
    # one UPDATE ... RETURNING where the database has RETURNING; else find the record first
    prepared = db.engine.prepare("Item", "update", {"where": {"id": 1}, "data": {"name": "x"}})
    first = "SELECT" if db.dialect == "mysql" else "UPDATE"
    assert prepared.sql.upper().startswith(first)
    assert 1 in prepared.params
    only_relations = db.engine.prepare("Item", "update", {"where": {"id": 1}, "data": {}})
    assert only_relations.sql.upper().startswith("SELECT")


@pytest.fixture(scope="module")
def pg() -> Iterator[Db]:
    schema = """
model Tagged {
  id   Int      @id
  tags String[]
  nums Int[]
}
"""
    dm = datamodel("postgresql", schema)
    with database("postgres") as conn:
        create_tables(conn, dm, "postgres")
        yield Db("postgres", Engine(dm, "postgres"), conn)


@pytest.mark.postgres
def test_scalar_lists_set_and_push(pg: Db) -> None:
    pg.q("Tagged", "create", data={"id": 1, "tags": ["a"]})
    assert pg.q("Tagged", "update", where={"id": 1}, data={"tags": {"push": "b"}}).tags == ["a", "b"]
    assert pg.q("Tagged", "update", where={"id": 1}, data={"tags": {"push": ["c", "d"]}}).tags == ["a", "b", "c", "d"]
    assert pg.q("Tagged", "update", where={"id": 1}, data={"nums": {"push": 7}}).nums == [7]
    assert pg.q("Tagged", "update", where={"id": 1}, data={"tags": {"set": ["z"]}, "nums": [1, 2]}).tags == ["z"]


REFERENTIAL_SCHEMA = """
model Parent {
  id       Int      @id
  uniq     String   @unique
  children Child[]
  pinned   Pinned[]
}

model Child {
  id         Int    @id
  parentUniq String
  parent     Parent @relation(fields: [parentUniq], references: [uniq], onUpdate: Cascade)
}

model Pinned {
  id         Int    @id
  parentUniq String
  parent     Parent @relation(fields: [parentUniq], references: [uniq], onUpdate: Restrict)
}
"""


@pytest.mark.parametrize("provider", PROVIDERS)
def test_emulated_on_update_actions(provider: str, tmp_path: Path) -> None:
    """relationMode = "prisma": refrakt cascades a changed referenced field to the records that
    point at it, and a Restrict is P2014 that leaves everything as it was."""
    with client(provider, tmp_path, REFERENTIAL_SCHEMA, relation_mode="prisma") as c:
        parent, child, pinned = c.model("Parent"), c.model("Child"), c.model("Pinned")
        parent.create_many(data=[{"id": 1, "uniq": "a"}, {"id": 2, "uniq": "b"}])
        child.create_many(data=[{"id": 1, "parentUniq": "a"}, {"id": 2, "parentUniq": "b"}])
        pinned.create(data={"id": 1, "parentUniq": "b"})
        assert parent.update(where={"id": 1}, data={"uniq": "a2"}).uniq == "a2"
        assert child.find_unique(where={"id": 1}).parentUniq == "a2"
        with pytest.raises(RelationViolationError):
            parent.update(where={"id": 2}, data={"uniq": "b2"})
        with pytest.raises(RelationViolationError):
            parent.update_many(where={"uniq": "b"}, data={"uniq": "b3"})
        assert parent.find_unique(where={"id": 2}).uniq == "b"
        assert child.find_unique(where={"id": 2}).parentUniq == "b"
        assert parent.update_many(where={"id": 1}, data={"uniq": "a3"}) == 1
        assert child.find_unique(where={"id": 1}).parentUniq == "a3"
