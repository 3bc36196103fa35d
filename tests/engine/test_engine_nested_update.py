"""Nested writes inside ``update`` data on real databases: every operation on every kind of
relation (one-to-many from both sides, one-to-one with the foreign key on either side, implicit
m:n, self relations, compound keys), at depth, Prisma's errors, and atomicity (a nested write
that fails half-way leaves no trace)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from engine_support import DIALECTS, create_tables, database, datamodel
from referential_support import PROVIDERS, client

from refrakt import to_jsonable
from refrakt.drivers import Connection, connect_async
from refrakt.engine import Engine
from refrakt.errors import KnownRequestError, RelationViolationError, ValidationError

SCHEMA = """
model User {
  id        Int      @id
  email     String   @unique
  visits    Int      @default(0)
  posts     Post[]
  profile   Profile?
  groups    Group[]
  managerId Int?
  manager   User?    @relation("Team", fields: [managerId], references: [id])
  reports   User[]   @relation("Team")
}

model Profile {
  id     Int    @id
  bio    String
  userId Int    @unique
  user   User   @relation(fields: [userId], references: [id])
}

model Post {
  id       Int       @id
  title    String
  views    Int       @default(0)
  authorId Int?
  author   User?     @relation(fields: [authorId], references: [id])
  tags     Tag[]
  comments Comment[]
}

model Comment {
  id     Int    @id
  text   String
  postId Int
  post   Post   @relation(fields: [postId], references: [id], onDelete: Cascade)
}

model Tag {
  name  String @id
  posts Post[]
}

model Group {
  name  String @id
  users User[]
}

model Shelf {
  room  Int
  slot  Int
  label String @default("")
  items Item[]

  @@id([room, slot])
}

model Node {
  id     Int   @id
  nextId Int?  @unique
  next   Node? @relation("Chain", fields: [nextId], references: [id])
  prev   Node? @relation("Chain")
}

model Item {
  id        Int      @id
  touched   DateTime @updatedAt
  shelfRoom Int?
  shelfSlot Int?
  shelf     Shelf? @relation(fields: [shelfRoom, shelfSlot], references: [room, slot])
}
"""
_PROVIDER = {"sqlite": "sqlite", "postgres": "postgresql", "mysql": "mysql"}


class Db:
    def __init__(self, engine: Engine, conn: Connection) -> None:
        self.engine = engine
        self.conn = conn

    def q(self, model: str, operation: str, **args: Any) -> Any:
        return to_jsonable(self.engine.prepare(model, operation, args).run(self.conn))

    def update(self, model: str, where: dict[str, Any], data: dict[str, Any], **args: Any) -> Any:
        return self.q(model, "update", where=where, data=data, **args)

    def ids(self, model: str, key: str = "id", **where: Any) -> list[Any]:
        return [r[key] for r in self.q(model, "find_many", where=where, order_by={key: "asc"})]


@pytest.fixture(scope="module", params=DIALECTS)
def database_conn(request: pytest.FixtureRequest) -> Iterator[Db]:
    dialect = str(request.param)
    dm = datamodel(_PROVIDER[dialect], SCHEMA)
    with database(dialect) as conn:
        create_tables(conn, dm, dialect)
        yield Db(Engine(dm, dialect), conn)


@pytest.fixture
def db(database_conn: Db) -> Db:
    """The module's database, emptied (each test seeds what it needs)."""
    d = database_conn
    for model in ("Comment", "Item", "Shelf", "Profile", "Post", "Tag", "Group"):
        d.q(model, "delete_many")
    d.q("Node", "update_many", data={"nextId": None})
    d.q("Node", "delete_many")
    d.q("User", "update_many", data={"managerId": None})
    d.q("User", "delete_many")
    return d


def users(db: Db, *ids: int) -> None:
    for i in ids:
        db.q("User", "create", data={"id": i, "email": f"u{i}@x.io"})


# --- one-to-many, from the "one" side (foreign key on the related records) ------------------------------


def test_one_to_many_from_the_one_side(db: Db) -> None:
    users(db, 1, 2)
    db.q("Post", "create", data={"id": 10, "title": "old", "author": {"connect": {"id": 2}}})
    db.q("Post", "create", data={"id": 11, "title": "loose"})
    got = db.update(
        "User",
        {"id": 1},
        {
            "visits": {"increment": 1},
            "posts": {
                "create": [{"id": 1, "title": "a"}, {"id": 2, "title": "b"}],
                "create_many": {"data": [{"id": 3, "title": "c"}, {"id": 4, "title": "d"}]},
                "connect": [{"id": 10}, {"id": 11}],
                "connect_or_create": {"where": {"id": 5}, "create": {"id": 5, "title": "e"}},
            },
        },
        include={"posts": {"order_by": {"id": "asc"}}},
    )
    assert got["visits"] == 1
    assert [p["id"] for p in got["posts"]] == [1, 2, 3, 4, 5, 10, 11]
    got = db.update(
        "User",
        {"id": 1},
        {
            "posts": {
                "update": {"where": {"id": 1}, "data": {"title": "A", "views": {"increment": 5}}},
                "update_many": {"where": {"id": {"in": [2, 3]}}, "data": {"views": 7}},
                "upsert": [
                    {"where": {"id": 4}, "create": {"id": 40, "title": "no"}, "update": {"title": "D"}},
                    {"where": {"id": 6}, "create": {"id": 6, "title": "f"}, "update": {"title": "no"}},
                ],
                "disconnect": [{"id": 11}],
                "delete": [{"id": 10}],
                "delete_many": {"title": "e"},
            }
        },
        include={"posts": {"order_by": {"id": "asc"}, "select": {"id": True, "title": True, "views": True}}},
    )
    assert got["posts"] == [
        {"id": 1, "title": "A", "views": 5},
        {"id": 2, "title": "b", "views": 7},
        {"id": 3, "title": "c", "views": 7},
        {"id": 4, "title": "D", "views": 0},
        {"id": 6, "title": "f", "views": 0},
    ]
    assert db.ids("Post", authorId=None) == [11]
    assert db.ids("Post", id={"in": [5, 10, 40]}) == []
    # set: exactly these (the others lose their author), from a record they were not connected to
    got = db.update("User", {"id": 2}, {"posts": {"set": [{"id": 1}, {"id": 11}]}}, include={"posts": True})
    assert sorted(p["id"] for p in got["posts"]) == [1, 11]
    assert db.ids("Post", authorId=1) == [2, 3, 4, 6]
    got = db.update("User", {"id": 2}, {"posts": {"set": []}}, include={"posts": True})
    assert got["posts"] == []


def test_many_to_many(db: Db) -> None:
    db.q("Post", "create", data={"id": 1, "title": "p"})
    db.q("Tag", "create", data={"name": "x"})
    db.q("Tag", "create", data={"name": "y"})
    tags = {"select": {"name": True}, "order_by": {"name": "asc"}}
    got = db.update(
        "Post",
        {"id": 1},
        {
            "tags": {
                "connect": [{"name": "x"}, {"name": "y"}],
                "create": {"name": "z"},
                "connect_or_create": [
                    {"where": {"name": "x"}, "create": {"name": "x"}},
                    {"where": {"name": "w"}, "create": {"name": "w"}},
                ],
            }
        },
        include={"tags": tags},
    )
    assert [t["name"] for t in got["tags"]] == ["w", "x", "y", "z"]
    got = db.update(
        "Post",
        {"id": 1},
        {
            "tags": {
                "disconnect": [{"name": "x"}],
                "delete": [{"name": "w"}],
                "update": {"where": {"name": "y"}, "data": {"name": "yy"}},
            }
        },
        include={"tags": tags},
    )
    assert [t["name"] for t in got["tags"]] == ["yy", "z"]
    assert db.ids("Tag", key="name") == ["x", "yy", "z"]
    got = db.update("Post", {"id": 1}, {"tags": {"set": [{"name": "x"}, {"name": "x"}]}}, include={"tags": tags})
    assert got["tags"] == [{"name": "x"}]
    with pytest.raises(KnownRequestError) as caught:  # every record to set must exist
        db.update("Post", {"id": 1}, {"tags": {"set": [{"name": "z"}, {"name": "nope"}]}})
    assert caught.value.code == "P2025"
    assert db.q("Post", "find_unique", where={"id": 1}, include={"tags": tags})["tags"] == [{"name": "x"}]
    got = db.update(
        "Post",
        {"id": 1},
        {"tags": {"upsert": {"where": {"name": "q"}, "create": {"name": "q"}, "update": {}}}},
        include={"tags": tags},
    )
    assert [t["name"] for t in got["tags"]] == ["q", "x"]
    got = db.update("Post", {"id": 1}, {"tags": {"delete_many": {}}}, include={"tags": tags})
    assert got["tags"] == []
    assert db.ids("Tag", key="name") == ["yy", "z"]


# --- to-one relations ----------------------------------------------------------------------------------


def test_to_one_with_the_foreign_key_on_the_updated_record(db: Db) -> None:
    users(db, 1, 2)
    db.q("Post", "create", data={"id": 1, "title": "p"})
    author = {"select": {"id": True, "visits": True}}
    got = db.update("Post", {"id": 1}, {"author": {"connect": {"id": 1}}}, include={"author": author})
    assert got["authorId"] == 1 and got["author"] == {"id": 1, "visits": 0}
    got = db.update("Post", {"id": 1}, {"author": {"update": {"visits": {"increment": 2}}}}, include={"author": author})
    assert got["author"] == {"id": 1, "visits": 2}
    got = db.update(
        "Post",
        {"id": 1},
        {"author": {"update": {"where": {"visits": 2}, "data": {"visits": 3}}}},
        include={"author": author},
    )
    assert got["author"] == {"id": 1, "visits": 3}
    got = db.update("Post", {"id": 1}, {"author": {"disconnect": {"visits": 99}}}, include={"author": author})
    assert got["authorId"] == 1  # the filter does not match: nothing to do
    got = db.update("Post", {"id": 1}, {"author": {"disconnect": True}}, include={"author": author})
    assert got["authorId"] is None and got["author"] is None
    got = db.update(
        "Post", {"id": 1}, {"author": {"upsert": {"create": {"id": 3, "email": "u3@x.io"}, "update": {"visits": 9}}}}
    )
    assert got["authorId"] == 3
    got = db.update(
        "Post",
        {"id": 1},
        {"author": {"upsert": {"create": {"id": 4, "email": "no"}, "update": {"visits": 9}}}},
        include={"author": author},
    )
    assert got["author"] == {"id": 3, "visits": 9}
    got = db.update("Post", {"id": 1}, {"author": {"create": {"id": 5, "email": "u5@x.io"}}})
    assert got["authorId"] == 5
    got = db.update(
        "Post", {"id": 1}, {"author": {"connect_or_create": {"where": {"id": 2}, "create": {"id": 2, "email": "no"}}}}
    )
    assert got["authorId"] == 2
    got = db.update("Post", {"id": 1}, {"title": "t", "author": {"delete": True}}, include={"author": author})
    assert got["title"] == "t" and got["authorId"] is None and got["author"] is None
    assert db.ids("User") == [1, 3, 5]


def test_one_to_one_with_the_foreign_key_on_the_related_record(db: Db) -> None:
    users(db, 1, 2)
    got = db.update("User", {"id": 1}, {"profile": {"create": {"id": 1, "bio": "hi"}}}, include={"profile": True})
    assert got["profile"] == {"id": 1, "bio": "hi", "userId": 1}
    # Profile.userId is required: replacing or disconnecting the profile would orphan it
    with pytest.raises(RelationViolationError) as caught:
        db.update("User", {"id": 1}, {"profile": {"create": {"id": 2, "bio": "new"}}})
    assert caught.value.code == "P2014"
    with pytest.raises(RelationViolationError):
        db.update("User", {"id": 1}, {"profile": {"disconnect": True}})
    assert db.ids("Profile") == [1]
    got = db.update("User", {"id": 1}, {"profile": {"update": {"bio": "yo"}}}, include={"profile": True})
    assert got["profile"]["bio"] == "yo"
    got = db.update(
        "User",
        {"id": 1},
        {"profile": {"upsert": {"create": {"id": 9, "bio": "no"}, "update": {"bio": "up"}}}},
        include={"profile": True},
    )
    assert got["profile"] == {"id": 1, "bio": "up", "userId": 1}
    # connect moves the profile of user 1 to user 2 (who has none); connecting it again is a no-op
    got = db.update("User", {"id": 2}, {"profile": {"connect": {"id": 1}}}, include={"profile": True})
    assert got["profile"]["id"] == 1
    got = db.update("User", {"id": 2}, {"profile": {"connect": {"id": 1}}}, include={"profile": True})
    assert got["profile"]["id"] == 1
    got = db.update("User", {"id": 2}, {"profile": {"delete": True}}, include={"profile": True})
    assert got["profile"] is None and db.ids("Profile") == []
    got = db.update(
        "User",
        {"id": 2},
        {"profile": {"upsert": {"create": {"id": 3, "bio": "c"}, "update": {"bio": "no"}}}},
        include={"profile": True},
    )
    assert got["profile"] == {"id": 3, "bio": "c", "userId": 2}
    # connecting another profile to user 2 would leave profile 3 without its required user
    db.update("User", {"id": 1}, {"profile": {"create": {"id": 4, "bio": "d"}}})
    with pytest.raises(RelationViolationError):
        db.update("User", {"id": 2}, {"profile": {"connect": {"id": 4}}})
    assert [(p["id"], p["userId"]) for p in db.q("Profile", "find_many", order_by={"id": "asc"})] == [(3, 2), (4, 1)]


def test_one_to_one_with_a_required_foreign_key_on_the_updated_record(db: Db) -> None:
    users(db, 1, 2, 3)
    db.q("Profile", "create", data={"id": 1, "bio": "a", "user": {"connect": {"id": 1}}})
    db.q("Profile", "create", data={"id": 2, "bio": "b", "user": {"connect": {"id": 2}}})
    got = db.update("Profile", {"id": 1}, {"user": {"connect": {"id": 3}}})
    assert got["userId"] == 3
    with pytest.raises(RelationViolationError):  # user 2's profile can't lose its user
        db.update("Profile", {"id": 1}, {"user": {"connect": {"id": 2}}})
    got = db.update(
        "Profile", {"id": 1}, {"user": {"update": {"email": "new@x.io"}}}, include={"user": {"select": {"email": True}}}
    )
    assert got["user"] == {"email": "new@x.io"}


def test_self_relation_and_compound_keys(db: Db) -> None:
    users(db, 1, 2, 3)
    got = db.update(
        "User",
        {"id": 1},
        {"reports": {"connect": [{"id": 2}, {"id": 3}]}},
        include={"reports": {"select": {"id": True}}},
    )
    assert got["reports"] == [{"id": 2}, {"id": 3}]
    got = db.update(
        "User", {"id": 3}, {"manager": {"connect": {"id": 2}}}, include={"manager": {"select": {"id": True}}}
    )
    assert got["manager"] == {"id": 2}
    assert db.ids("User", managerId=1) == [2]
    db.q("Shelf", "create", data={"room": 1, "slot": 1})
    db.q("Shelf", "create", data={"room": 1, "slot": 2})
    db.q("Item", "create", data={"id": 1})
    db.q("Item", "create", data={"id": 2})
    got = db.update("Item", {"id": 1}, {"shelf": {"connect": {"room_slot": {"room": 1, "slot": 2}}}})
    assert (got["shelfRoom"], got["shelfSlot"]) == (1, 2)
    got = db.update(
        "Shelf",
        {"room_slot": {"room": 1, "slot": 1}},
        {"items": {"set": [{"id": 1}, {"id": 2}]}},
        include={"items": {"select": {"id": True}}},
    )
    assert got["items"] == [{"id": 1}, {"id": 2}]
    got = db.update("Item", {"id": 2}, {"shelf": {"disconnect": True}})
    assert (got["shelfRoom"], got["shelfSlot"]) == (None, None)
    got = db.update("Item", {"id": 1}, {"shelf": {"update": {"label": "top"}}}, include={"shelf": True})
    assert got["shelf"] == {"room": 1, "slot": 1, "label": "top"}


def test_one_to_one_self_relation(db: Db) -> None:
    for i in (1, 2, 3):
        db.q("Node", "create", data={"id": i})
    assert db.update("Node", {"id": 1}, {"next": {"connect": {"id": 2}}})["nextId"] == 2
    # 3 becomes the predecessor of 2: 1 gives 2 up
    db.update("Node", {"id": 2}, {"prev": {"connect": {"id": 3}}})
    assert [n["nextId"] for n in db.q("Node", "find_many", order_by={"id": "asc"})] == [None, None, 2]
    got = db.update(
        "Node",
        {"id": 3},
        {"next": {"update": {"next": {"create": {"id": 4}}}}},
        include={"next": {"include": {"next": True}}},
    )
    assert got["next"] == {"id": 2, "nextId": 4, "next": {"id": 4, "nextId": None}}
    # a node that is its own successor: once disconnected from itself, there is nothing to delete
    db.update("Node", {"id": 1}, {"next": {"connect": {"id": 1}}})
    assert code_of(db, "Node", {"id": 1}, {"prev": {"disconnect": True}, "next": {"delete": True}}) == "P2025"
    assert db.q("Node", "find_unique", where={"id": 1}) == {"id": 1, "nextId": 1}


def test_connect_and_disconnect_stamp_updated_at(db: Db) -> None:
    db.q("Shelf", "create", data={"room": 1, "slot": 1})
    db.q("Item", "create", data={"id": 1})
    db.q("Item", "create", data={"id": 2})
    stamps = {i["id"]: i["touched"] for i in db.q("Item", "find_many")}
    time.sleep(0.01)
    db.update("Shelf", {"room_slot": {"room": 1, "slot": 1}}, {"items": {"connect": {"id": 1}}})
    db.update("Item", {"id": 2}, {"shelf": {"connect": {"room_slot": {"room": 1, "slot": 1}}}})
    after = {i["id"]: i["touched"] for i in db.q("Item", "find_many")}
    assert after[1] > stamps[1] and after[2] > stamps[2]
    time.sleep(0.01)
    db.update("Shelf", {"room_slot": {"room": 1, "slot": 1}}, {"items": {"disconnect": {"id": 1}}})
    assert db.q("Item", "find_unique", where={"id": 1})["touched"] > after[1]


def test_nested_writes_at_depth(db: Db) -> None:
    users(db, 1)
    db.q("Post", "create", data={"id": 1, "title": "p", "author": {"connect": {"id": 1}}})
    db.q("Tag", "create", data={"name": "x"})
    got = db.update(
        "User",
        {"id": 1},
        {
            "posts": {
                "update": {
                    "where": {"id": 1},
                    "data": {
                        "title": "P",
                        "comments": {"create": [{"id": 1, "text": "c1"}, {"id": 2, "text": "c2"}]},
                        "tags": {"connect": {"name": "x"}},
                    },
                },
                "create": {"id": 2, "title": "q", "comments": {"create": {"id": 3, "text": "c3"}}},
            }
        },
        include={"posts": {"include": {"comments": {"select": {"id": True}}, "tags": True}, "order_by": {"id": "asc"}}},
    )
    assert [(p["title"], [c["id"] for c in p["comments"]], p["tags"]) for p in got["posts"]] == [
        ("P", [1, 2], [{"name": "x"}]),
        ("q", [3], []),
    ]
    got = db.update(
        "User",
        {"id": 1},
        {
            "posts": {
                "update": {
                    "where": {"id": 1},
                    "data": {"comments": {"update_many": {"where": {}, "data": {"text": "z"}}, "delete": {"id": 2}}},
                }
            }
        },
        include={"posts": {"where": {"id": 1}, "include": {"comments": True}}},
    )
    assert got["posts"][0]["comments"] == [{"id": 1, "text": "z", "postId": 1}]


# --- errors --------------------------------------------------------------------------------------------


def code_of(db: Db, model: str, where: dict[str, Any], data: dict[str, Any]) -> str | None:
    try:
        db.update(model, where, data)
    except (KnownRequestError, ValidationError) as exc:
        return exc.code
    return None


def test_errors(db: Db) -> None:
    users(db, 1, 2)
    db.q(
        "Post",
        "create",
        data={"id": 1, "title": "p", "author": {"connect": {"id": 2}}, "comments": {"create": {"id": 1, "text": "c"}}},
    )
    db.q("Post", "create", data={"id": 2, "title": "q"})
    # not connected / not there
    assert (
        code_of(db, "User", {"id": 1}, {"posts": {"update": {"where": {"id": 1}, "data": {"title": "x"}}}}) == "P2025"
    )
    assert code_of(db, "User", {"id": 1}, {"posts": {"delete": {"id": 1}}}) == "P2017"
    assert code_of(db, "User", {"id": 1}, {"posts": {"connect": {"id": 99}}}) == "P2018"
    assert code_of(db, "User", {"id": 1}, {"profile": {"update": {"bio": "x"}}}) == "P2025"
    assert code_of(db, "User", {"id": 1}, {"profile": {"delete": True}}) == "P2025"
    assert code_of(db, "Post", {"id": 2}, {"author": {"connect": {"id": 99}}}) == "P2025"
    assert code_of(db, "Post", {"id": 2}, {"author": {"update": {"visits": 1}}}) == "P2025"
    # Comment.post is required: a post can't give a comment up
    assert code_of(db, "Post", {"id": 1}, {"comments": {"disconnect": {"id": 1}}}) == "P2014"
    assert code_of(db, "Post", {"id": 2}, {"comments": {"set": []}}) is None
    assert code_of(db, "Post", {"id": 1}, {"comments": {"set": []}}) == "P2014"
    # operations a relation does not take
    assert code_of(db, "Post", {"id": 1}, {"author": {"set": [{"id": 1}]}}) == "P2009"
    assert code_of(db, "Comment", {"id": 1}, {"post": {"disconnect": True}}) == "P2009"
    assert code_of(db, "Comment", {"id": 1}, {"post": {"delete": True}}) == "P2009"
    assert code_of(db, "Post", {"id": 1}, {"tags": {"create_many": {"data": [{"name": "t"}]}}}) == "P2009"
    assert code_of(db, "Post", {"id": 1}, {"comments": {"update": {"data": {"text": "x"}}}}) == "P2012"
    assert (
        code_of(db, "Post", {"id": 1}, {"comments": {"create": {"id": 5, "text": "x", "post": {"connect": {"id": 2}}}}})
        == "P2009"
    )
    with pytest.raises(ValidationError) as caught:
        db.update("User", {"id": 1}, {"posts": {"update": [{"where": {"id": 1}, "data": {"nope": 1}}]}})
    assert caught.value.path == ("data", "posts", "update", 0, "data", "nope")
    assert db.q("Post", "find_unique", where={"id": 1})["authorId"] == 2
    assert db.ids("Comment") == [1]


def test_a_failing_nested_write_leaves_no_trace(db: Db) -> None:
    users(db, 1, 2)
    db.q("Post", "create", data={"id": 1, "title": "p", "author": {"connect": {"id": 1}}})
    db.q("Tag", "create", data={"name": "x"})
    before = {
        m: db.q(m, "find_many", order_by={k: "asc"}) for m, k in (("User", "id"), ("Post", "id"), ("Tag", "name"))
    }
    data = {
        "email": "changed@x.io",
        "visits": {"increment": 10},
        "posts": {
            "create": {"id": 2, "title": "new", "tags": {"connect": {"name": "x"}}},
            "update": {"where": {"id": 1}, "data": {"title": "changed", "tags": {"create": {"name": "y"}}}},
            "disconnect": {"id": 1},
            "delete": {"id": 99},  # not connected: P2017, after all of the above
        },
        "manager": {"connect": {"id": 2}},
    }
    with pytest.raises(KnownRequestError) as caught:
        db.update("User", {"id": 1}, data)
    assert caught.value.code == "P2017"
    after = {m: db.q(m, "find_many", order_by={k: "asc"}) for m, k in (("User", "id"), ("Post", "id"), ("Tag", "name"))}
    assert after == before
    assert db.q("Post", "find_unique", where={"id": 1}, include={"tags": True})["tags"] == []


@pytest.mark.parametrize("dialect", DIALECTS)
def test_nested_writes_through_the_async_executor(dialect: str, tmp_path: Path) -> None:
    dm = datamodel(_PROVIDER[dialect], SCHEMA)
    with database(dialect, str(tmp_path / "nested.db")) as conn:
        create_tables(conn, dm, dialect)
        engine = Engine(dm, dialect)
        for i in (1, 2):
            engine.prepare("User", "create", {"data": {"id": i, "email": f"u{i}@x.io"}}).run(conn)
        engine.prepare("Tag", "create", {"data": {"name": "x"}}).run(conn)

        async def main() -> tuple[Any, str | None]:
            async with await connect_async(conn.config) as aconn:
                data = {
                    "posts": {"create": {"id": 1, "title": "p", "tags": {"connect": {"name": "x"}}}},
                    "manager": {"connect": {"id": 2}},
                    "profile": {"create": {"id": 1, "bio": "b"}},
                }
                args = {"where": {"id": 1}, "data": data, "include": {"posts": {"include": {"tags": True}}}}
                user = await engine.prepare("User", "update", args).run_async(aconn)
                failing = {
                    "where": {"id": 1},
                    "data": {"email": "no", "posts": {"update": {"where": {"id": 9}, "data": {}}}},
                }
                try:
                    await engine.prepare("User", "update", failing).run_async(aconn)
                except KnownRequestError as exc:
                    return to_jsonable(user), exc.code
                return to_jsonable(user), None

        user, code = asyncio.run(main())
        assert user["managerId"] == 2
        assert user["posts"] == [{"id": 1, "title": "p", "views": 0, "authorId": 1, "tags": [{"name": "x"}]}]
        assert code == "P2025"
        assert to_jsonable(engine.prepare("User", "find_unique", {"where": {"id": 1}}).run(conn))["email"] == "u1@x.io"


# --- through the public client, with relationMode = "prisma" (emulated referential actions) ------------

EMULATED = """
model Owner {
  id    Int     @id
  name  String
  notes Note[]
}

model Note {
  id      Int     @id
  ownerId Int?
  owner   Owner?  @relation(fields: [ownerId], references: [id])
  lines   Line[]
  pins    Pin[]
}

model Line {
  id     Int    @id
  noteId Int
  note   Note   @relation(fields: [noteId], references: [id], onDelete: Cascade)
}

model Pin {
  id     Int    @id
  noteId Int
  note   Note   @relation(fields: [noteId], references: [id], onDelete: Restrict)
}
"""


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("relation_mode", ["prisma", "foreignKeys"])
def test_nested_deletes_apply_referential_actions(provider: str, relation_mode: str, tmp_path: Path) -> None:
    with client(provider, tmp_path, EMULATED, relation_mode) as c:
        owners, notes = c.model("Owner"), c.model("Note")
        owners.create(
            data={
                "id": 1,
                "name": "o",
                "notes": {
                    "create": [
                        {"id": 1, "lines": {"create": [{"id": 1}, {"id": 2}]}},
                        {"id": 2, "pins": {"create": {"id": 1}}},
                        {"id": 3},
                    ]
                },
            }
        )
        got = owners.update(
            where={"id": 1}, data={"name": "p", "notes": {"delete": [{"id": 1}]}}, include={"notes": True}
        )
        assert [n.id for n in got.notes] == [2, 3]
        assert c.model("Line").count() == 0  # cascaded
        with pytest.raises(KnownRequestError) as caught:  # a pin restricts note 2
            owners.update(where={"id": 1}, data={"name": "q", "notes": {"delete_many": {}}})
        assert caught.value.code == ("P2014" if relation_mode == "prisma" else "P2003")
        assert owners.find_unique_or_raise(where={"id": 1}).name == "p"
        assert [n.id for n in notes.find_many(order_by={"id": "asc"})] == [2, 3]
        got = owners.update(
            where={"id": 1}, data={"notes": {"delete_many": {"pins": {"none": {}}}}}, include={"notes": True}
        )
        assert [n.id for n in got.notes] == [2]


def test_a_cached_shape_binds_the_values_of_each_call(db: Db) -> None:
    users(db, 1, 2, 3)
    for i in (1, 2):
        db.q("Post", "create", data={"id": i, "title": f"p{i}"})
    stats = db.engine.stats
    hits = stats.hits
    for post, user, title in ((1, 2, "a"), (2, 3, "b")):
        got = db.update("Post", {"id": post}, {"author": {"connect": {"id": user}, "update": {"email": title}}})
        assert got["authorId"] == user
    assert stats.hits == hits + 1
    assert [(u["id"], u["email"]) for u in db.q("User", "find_many", order_by={"id": "asc"})] == [
        (1, "u1@x.io"),
        (2, "a"),
        (3, "b"),
    ]
