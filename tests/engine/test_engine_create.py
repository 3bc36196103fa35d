"""``create`` and ``create_many`` on real databases: nested writes, engine-side defaults, errors,
and atomicity (a failing nested write leaves nothing behind)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from engine_support import DIALECTS, create_tables, database, datamodel

from refrakt import to_jsonable
from refrakt.drivers import Connection
from refrakt.engine import Engine
from refrakt.errors import KnownRequestError, RecordNotFoundError, UniqueConstraintError, ValidationError

SCHEMA = """
model Author {
  id        Int       @id @default(autoincrement())
  email     String    @unique
  token     String    @default(uuid())
  code      String    @default(cuid())
  createdAt DateTime  @default(now())
  books     Book[]
  profile   Profile?
  clubs     Club[]
  notes     Note[]
  marks     Mark[]
}

model Mark {
  id       BigInt @id @default(autoincrement())
  authorId Int
  author   Author @relation(fields: [authorId], references: [id])
}

model Slot {
  id    Int    @id @default(0)
  label String
  data  Bytes? @default("dGVzdA==")
}

model Note {
  id       Int    @id @default(autoincrement())
  authorId Int
  author   Author @relation(fields: [authorId], references: [id])
}

model Profile {
  id       Int     @id
  bio      String
  authorId Int?    @unique
  author   Author? @relation(fields: [authorId], references: [id])
}

model Book {
  id       Int     @id
  title    String
  authorId Int
  author   Author  @relation(fields: [authorId], references: [id])
}

model Club {
  name    String   @id
  members Author[]
}
"""
_PROVIDER = {"sqlite": "sqlite", "postgres": "postgresql", "mysql": "mysql"}


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


def test_create_with_engine_defaults_and_nested_writes(db: Db) -> None:
    db.q("Club", "create", data={"name": "chess"})
    author = db.q(
        "Author",
        "create",
        data={
            "email": "a@x.io",
            "books": {"create": [{"id": 1, "title": "One"}, {"id": 2, "title": "Two"}]},
            "profile": {"create": {"id": 1, "bio": "hi"}},
            "clubs": {
                "connect": {"name": "chess"},
                "connect_or_create": {"where": {"name": "go"}, "create": {"name": "go"}},
            },
        },
        include={"books": {"order_by": {"id": "asc"}}, "profile": True, "clubs": {"order_by": {"name": "asc"}}},
    )
    assert isinstance(author.id, int)
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", author.token)
    assert re.fullmatch(r"c[0-9a-z]{24}", author.code)
    assert abs(author.createdAt - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert to_jsonable(author)["books"] == [
        {"id": 1, "title": "One", "authorId": author.id},
        {"id": 2, "title": "Two", "authorId": author.id},
    ]
    assert author.profile == {"id": 1, "bio": "hi", "authorId": author.id}
    assert [c.name for c in author.clubs] == ["chess", "go"]


def test_create_connects_from_the_foreign_key_side(db: Db) -> None:
    author = db.q("Author", "find_unique", where={"email": "a@x.io"})
    book = db.q("Book", "create", data={"id": 3, "title": "Three", "author": {"connect": {"email": "a@x.io"}}})
    assert book.authorId == author.id
    created = db.q(
        "Book",
        "create",
        data={"id": 4, "title": "Four", "author": {"create": {"email": "b@x.io"}}},
        select={"author": {"select": {"email": True}}},
    )
    assert created == {"author": {"email": "b@x.io"}}
    unchecked = db.q("Book", "create", data={"id": 5, "title": "Five", "authorId": author.id}, select={"id": True})
    assert unchecked.id == 5


def test_one_to_one_connect_moves_the_record(db: Db) -> None:
    second = db.q("Author", "find_unique", where={"email": "b@x.io"})
    profile = db.q("Profile", "create", data={"id": 2, "bio": "moved", "author": {"connect": {"id": second.id}}})
    assert profile.authorId == second.id
    taken = db.q("Profile", "create", data={"id": 3, "bio": "takes it", "author": {"connect": {"id": second.id}}})
    assert taken.authorId == second.id
    assert db.q("Profile", "find_unique", where={"id": 2}).authorId is None


def test_create_many(db: Db) -> None:
    count = db.q("Club", "create_many", data=[{"name": "a"}, {"name": "b"}])
    assert count == 2
    assert db.q("Club", "create_many", data=[{"name": "a"}, {"name": "c"}], skip_duplicates=True) == 1
    assert db.q("Club", "count") == 5


def test_nested_connect_errors(db: Db) -> None:
    with pytest.raises(RecordNotFoundError) as info:
        db.q("Book", "create", data={"id": 9, "title": "x", "author": {"connect": {"id": 999}}})
    assert info.value.code == "P2025" and "No 'Author' record" in info.value.message
    with pytest.raises(KnownRequestError) as info2:
        db.q("Author", "create", data={"email": "c@x.io", "books": {"connect": {"id": 999}}})
    assert info2.value.code == "P2018"
    with pytest.raises(ValidationError) as info3:
        db.q("Book", "create", data={"id": 9, "title": "x"})
    assert info3.value.code == "P2009" and info3.value.path == ("data", "author")


def test_create_data_that_fits_neither_input_is_p2009(db: Db) -> None:
    # `data` is a union (checked | unchecked input): a missing value is the union's P2009, not P2012
    with pytest.raises(ValidationError) as missing:
        db.q("Club", "create", data={})
    assert missing.value.code == "P2009" and missing.value.path == ("data", "name")
    author = db.q("Author", "create", data={"email": "ids@x.io"})
    # an autoincrement id with a relation written through a nested write fits neither input
    with pytest.raises(ValidationError) as both:
        db.q("Note", "create", data={"id": 50, "author": {"connect": {"id": author.id}}})
    assert both.value.code == "P2009" and both.value.path == ("data", "id")
    assert db.q("Note", "count") == 0
    # a BigInt id is not generated in Prisma's sense: the checked input keeps it
    assert db.q("Mark", "create", data={"id": 7, "author": {"connect": {"id": author.id}}}).id == 7
    # the unchecked input takes the id with the foreign key, or with relations stored elsewhere
    assert db.q("Note", "create", data={"id": 50, "authorId": author.id}).id == 50
    given = db.q(
        "Author", "create", data={"id": 500, "email": "ids2@x.io", "books": {"create": [{"id": 50, "title": "t"}]}}
    )
    assert given.id == 500 and db.q("Book", "find_unique", where={"id": 50}).authorId == 500


def test_literal_id_and_bytes_defaults_are_written(db: Db) -> None:
    # SQLite would number an INTEGER PRIMARY KEY left out of the INSERT: the engine sends the default
    assert db.q("Slot", "create", data={"id": 10, "label": "given"}).id == 10
    made = db.q("Slot", "create", data={"label": "default"})
    assert made.id == 0 and made.data == b"test"  # a Bytes literal default is base64
    assert [s.id for s in db.q("Slot", "find_many", order_by={"id": "asc"})] == [0, 10]


def test_a_failing_nested_write_leaves_nothing(db: Db) -> None:
    before = db.q("Author", "count")
    with pytest.raises(UniqueConstraintError):
        db.q("Author", "create", data={"email": "d@x.io", "books": {"create": {"id": 1, "title": "duplicate id"}}})
    assert db.q("Author", "count") == before
    assert db.q("Author", "find_unique", where={"email": "d@x.io"}) is None
