"""``upsert`` on real databases: the create and the update path, the native ``INSERT ... ON
CONFLICT DO UPDATE`` where Prisma uses it (SQLite, PostgreSQL; one unique criterion equal to
create's value, no nested writes, no relations selected) and read-then-write otherwise, with
nested writes, in a transaction."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from engine_support import DIALECTS, create_tables, database, datamodel

from refrakt.drivers import Connection, connect_async
from refrakt.engine import Engine
from refrakt.errors import RecordNotFoundError, UniqueConstraintError, ValidationError

SCHEMA = """
model Counter {
  id        Int      @id
  name      String   @unique
  hits      Int      @default(0)
  kind      String   @default("plain")
  updatedAt DateTime @updatedAt
  tags      Tag[]

  @@unique([kind, hits])
}

model Tag {
  id        Int     @id
  label     String
  counterId Int
  counter   Counter @relation(fields: [counterId], references: [id])
}
"""
_PROVIDER = {"sqlite": "sqlite", "postgres": "postgresql", "mysql": "mysql"}


class Recorder:
    """A connection that records the SQL it is given."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.statements: list[str] = []

    def query(self, sql: str, params: Any = ()) -> Any:
        self.statements.append(sql)
        return self.conn.query(sql, params)

    def execute(self, sql: str, params: Any = ()) -> int:
        self.statements.append(sql)
        return self.conn.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


class Db:
    def __init__(self, dialect: str, engine: Engine, conn: Connection) -> None:
        self.dialect = dialect
        self.engine = engine
        self.conn = conn
        self.native = dialect != "mysql"

    def q(self, model: str, operation: str, **args: Any) -> Any:
        return self.engine.prepare(model, operation, args).run(self.conn)

    def recorded(self, model: str, operation: str, **args: Any) -> tuple[Any, list[str]]:
        recorder = Recorder(self.conn)
        result = self.engine.prepare(model, operation, args).run(recorder)  # pyright: ignore[reportArgumentType]
        return result, recorder.statements


@pytest.fixture(scope="module", params=DIALECTS)
def db(request: pytest.FixtureRequest) -> Iterator[Db]:
    dialect = str(request.param)
    dm = datamodel(_PROVIDER[dialect], SCHEMA)
    with database(dialect) as conn:
        create_tables(conn, dm, dialect)
        yield Db(dialect, Engine(dm, dialect), conn)


def _native(statements: list[str]) -> bool:
    return any("ON CONFLICT" in s.upper() for s in statements)


def test_native_upsert_creates_then_updates(db: Db) -> None:
    args: dict[str, Any] = {
        "where": {"name": "a"},
        "create": {"id": 1, "name": "a"},
        "update": {"hits": {"increment": 1}},
    }
    created, first = db.recorded("Counter", "upsert", **args)
    assert (created.id, created.hits) == (1, 0)
    time.sleep(0.01)
    updated, second = db.recorded("Counter", "upsert", **args)
    assert (updated.id, updated.hits) == (1, 1)
    assert updated.updatedAt > created.updatedAt
    assert _native(first) == db.native and _native(second) == db.native
    assert db.q("Counter", "count") == 1


def test_emulated_when_where_differs_from_create(db: Db) -> None:
    created, statements = db.recorded(
        "Counter", "upsert", where={"name": "b"}, create={"id": 2, "name": "b2"}, update={"hits": 5}
    )
    assert created.name == "b2" and not _native(statements)
    assert statements[0].upper().startswith("SELECT")
    # the same shape with equal values is native again (decided per call)
    again, statements = db.recorded(
        "Counter", "upsert", where={"name": "b2"}, create={"id": 2, "name": "b2"}, update={"hits": 5}
    )
    assert again.hits == 5 and _native(statements) == db.native


def test_emulated_with_nested_writes_and_relations_selected(db: Db) -> None:
    result, statements = db.recorded(
        "Counter",
        "upsert",
        where={"name": "c"},
        create={"id": 3, "name": "c", "tags": {"create": [{"id": 1, "label": "x"}]}},
        update={"hits": 1},
        include={"tags": True},
    )
    assert [t.label for t in result.tags] == ["x"]
    assert not _native(statements)
    result = db.q(
        "Counter",
        "upsert",
        where={"name": "c"},
        create={"id": 3, "name": "c"},
        update={"hits": 7},
        include={"tags": True},
    )
    assert result.hits == 7 and len(result.tags) == 1


def test_emulated_with_empty_update_and_compound_where(db: Db) -> None:
    found, statements = db.recorded("Counter", "upsert", where={"name": "c"}, create={"id": 9, "name": "c"}, update={})
    assert found.id == 3 and not _native(statements)
    compound, statements = db.recorded(
        "Counter",
        "upsert",
        where={"kind_hits": {"kind": "special", "hits": 3}},
        create={"id": 4, "name": "d", "kind": "special", "hits": 3},
        update={"name": "d2"},
    )
    assert compound.name == "d" and _native(statements) == db.native
    compound = db.q(
        "Counter",
        "upsert",
        where={"kind_hits": {"kind": "special", "hits": 3}},
        create={"id": 4, "name": "d", "kind": "special", "hits": 3},
        update={"name": "d2"},
    )
    assert compound.name == "d2"


def test_failing_upsert_changes_nothing(db: Db) -> None:
    with pytest.raises(UniqueConstraintError):
        db.q("Counter", "upsert", where={"name": "zz"}, create={"id": 1, "name": "zz"}, update={"hits": 1})
    with pytest.raises(UniqueConstraintError):
        db.q("Counter", "upsert", where={"name": "a"}, create={"id": 1, "name": "a"}, update={"name": "c"})
    assert db.q("Counter", "find_unique", where={"id": 1}).name == "a"
    assert db.q("Counter", "count", where={"name": "zz"}) == 0
    with pytest.raises(ValidationError) as info:
        db.q("Counter", "upsert", where={"name": "a"}, create={"id": 1, "name": "a"})
    assert info.value.code == "P2012" and info.value.path == ("update",)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_async_update_update_many_and_upsert(dialect: str, tmp_path: Path) -> None:
    dm = datamodel(_PROVIDER[dialect], SCHEMA)
    engine = Engine(dm, dialect)
    with database(dialect, str(tmp_path / "async_upsert.db")) as conn:
        create_tables(conn, dm, dialect)

        async def main() -> list[Any]:
            async with await connect_async(conn.config) as aconn:

                async def q(operation: str, **args: Any) -> Any:
                    return await engine.prepare("Counter", operation, args).run_async(aconn)

                out: list[Any] = []
                for _ in range(2):
                    counter = await q("upsert", where={"name": "n"}, create={"id": 1, "name": "n"}, update={"hits": 9})
                    out.append(counter.hits)
                out.append((await q("update", where={"id": 1}, data={"hits": {"increment": 1}})).hits)
                out.append(await q("update_many", where={"hits": {"gt": 5}}, data={"kind": "k"}))
                try:
                    await q("update", where={"id": 2}, data={"hits": 1})
                except RecordNotFoundError as error:
                    out.append(error.code)
                return out

        result = asyncio.run(main())  # pyright: ignore[reportGeneralTypeIssues]
    assert result == [0, 9, 10, 1, "P2025"]
