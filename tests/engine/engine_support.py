"""Helpers of the engine tests: a schema with every kind of field and relation, its data, and
real databases to run queries on.

- SQLite: in memory.
- PostgreSQL: ``REFRAKT_TEST_POSTGRES_URL`` (default ``postgresql://postgres@127.0.0.1:5432/refrakt_test``),
  in a schema made afresh for each test module (``?schema=``).
- MariaDB/MySQL: ``REFRAKT_TEST_MYSQL_URL`` (default ``mysql://root@127.0.0.1:3306/refrakt_test``),
  in a database made afresh for each test module.

Tables come from ``refrakt.migrate`` (Prisma's DDL); rows are inserted with raw SQL whose values
are encoded by the engine's own codec (DateTime as Unix milliseconds on SQLite, as Prisma does).
A server that cannot be reached skips its tests locally and fails them under ``CI=true``.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from refrakt._sql import Insert, Param, Table, get_dialect
from refrakt.drivers import Connection, connect
from refrakt.engine import Engine
from refrakt.errors import RefraktError
from refrakt.ir import DataModel
from refrakt.migrate import create_statements, sql_schema_from_datamodel
from refrakt.schema import parse

PG_URL = os.environ.get("REFRAKT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/refrakt_test")
MY_URL = os.environ.get("REFRAKT_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/refrakt_test")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
DIALECTS = ("sqlite", "postgres", "mysql")
_PROVIDER = {"sqlite": "sqlite", "postgres": "postgresql", "mysql": "mysql"}

SCHEMA = """
enum Role {
  USER
  ADMIN @map("admin")
}

model User {
  id        Int        @id
  email     String     @unique
  name      String?
  first     String
  last      String
  role      Role       @default(USER)
  age       Int?
  score     Float      @default(0)
  balance   Decimal    @default(0)
  big       BigInt     @default(0)
  active    Boolean    @default(true)
  createdAt DateTime
  meta      Json?
  avatar    Bytes?
  mentorId  Int?
  mentor    User?      @relation("Mentoring", fields: [mentorId], references: [id])
  mentees   User[]     @relation("Mentoring")
  posts     Post[]
  profile   Profile?
  groups    Group[]

  @@unique([first, last])
}

model Profile {
  id     Int    @id
  bio    String
  userId Int    @unique
  user   User   @relation(fields: [userId], references: [id])
}

model Post {
  id        Int       @id
  title     String
  published Boolean
  views     Int
  authorId  Int?
  author    User?     @relation(fields: [authorId], references: [id])
  comments  Comment[]
  tags      Tag[]
}

model Comment {
  id     Int    @id
  text   String
  postId Int
  post   Post   @relation(fields: [postId], references: [id])
}

model Tag {
  name  String @id
  posts Post[]
}

model Group {
  id    Int    @id
  name  String
  users User[]
}

model Membership {
  userId  Int
  groupId Int
  rank    Int

  @@id([userId, groupId])
}
"""


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


USERS: list[dict[str, Any]] = [
    {
        "id": 1,
        "email": "ann@x.io",
        "name": "Ann",
        "first": "ann",
        "last": "lee",
        "role": "ADMIN",
        "age": 30,
        "score": 1.5,
        "balance": Decimal("10.25"),
        "big": 9007199254740993,
        "active": True,
        "createdAt": utc(2024, 1, 1, 10, 0, 0),
        "meta": {"tags": ["a", "b"], "n": 1},
        "avatar": b"\x00\x01",
        "mentorId": None,
    },
    {
        "id": 2,
        "email": "bob@x.io",
        "name": None,
        "first": "bob",
        "last": "lee",
        "role": "USER",
        "age": 25,
        "score": 2.5,
        "balance": Decimal("0.5"),
        "big": 2,
        "active": False,
        "createdAt": utc(2024, 2, 1, 12, 30, 0),
        "meta": None,
        "avatar": None,
        "mentorId": 1,
    },
    {
        "id": 3,
        "email": "cid@y.io",
        "name": "Cid",
        "first": "cid",
        "last": "kim",
        "role": "USER",
        "age": None,
        "score": 0.0,
        "balance": Decimal("3"),
        "big": 3,
        "active": True,
        "createdAt": utc(2024, 3, 1, 8, 15, 0),
        "meta": {"n": 2},
        "avatar": None,
        "mentorId": 1,
    },
    {
        "id": 4,
        "email": "dee@y.io",
        "name": "Dee",
        "first": "dee",
        "last": "park",
        "role": "USER",
        "age": 41,
        "score": 4.0,
        "balance": Decimal("7.75"),
        "big": 4,
        "active": True,
        "createdAt": utc(2024, 4, 1, 0, 0, 0),
        "meta": None,
        "avatar": None,
        "mentorId": 2,
    },
]
PROFILES = [{"id": 1, "bio": "ann's bio", "userId": 1}, {"id": 2, "bio": "cid's bio", "userId": 3}]
POSTS = [
    {"id": 1, "title": "Hello", "published": True, "views": 10, "authorId": 1},
    {"id": 2, "title": "World", "published": False, "views": 0, "authorId": 1},
    {"id": 3, "title": "Again", "published": True, "views": 5, "authorId": 1},
    {"id": 4, "title": "Bob's", "published": True, "views": 7, "authorId": 2},
    {"id": 5, "title": "Orphan", "published": False, "views": 1, "authorId": None},
]
COMMENTS = [
    {"id": 1, "text": "nice", "postId": 1},
    {"id": 2, "text": "meh", "postId": 1},
    {"id": 3, "text": "ok", "postId": 4},
]
TAGS = [{"name": "db"}, {"name": "py"}, {"name": "web"}]
POST_TAGS = [(1, "db"), (1, "py"), (3, "py"), (4, "web")]  # _PostToTag: A = Post.id, B = Tag.name
GROUPS = [{"id": 1, "name": "admins"}, {"id": 2, "name": "readers"}]
GROUP_USERS = [(1, 1), (2, 1), (2, 2), (2, 3)]  # _GroupToUser: A = Group.id, B = User.id
MEMBERSHIPS = [
    {"userId": 1, "groupId": 1, "rank": 1},
    {"userId": 1, "groupId": 2, "rank": 2},
    {"userId": 2, "groupId": 2, "rank": 3},
]


def datamodel(provider: str, schema: str = SCHEMA) -> DataModel:
    source = f'datasource db {{\n  provider = "{provider}"\n  url = "file:dev.db"\n}}\n{schema}'
    parsed = parse(source)
    errors = [d for d in parsed.diagnostics if d.severity == "error"]
    assert not errors, "\n".join(str(d) for d in errors)
    assert parsed.datamodel is not None
    return parsed.datamodel


def unavailable(what: str, error: BaseException) -> None:
    message = f"{what} is not reachable: {error}"
    if IN_CI:
        pytest.fail(f"{message} (CI=true: integration tests must not skip)", pytrace=False)
    pytest.skip(message)


def _with(url: str, database: str, query: str = "") -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, query or parts.query, ""))


@contextmanager
def database(dialect: str, sqlite_path: str | None = None) -> Iterator[Connection]:
    """A connection to an empty database (schema) of its own, dropped at the end; the URL of
    that database is ``conn.config`` (SQLite: in memory, or the file ``sqlite_path``)."""
    if dialect == "sqlite":
        with connect(f"file:{sqlite_path}" if sqlite_path else "file::memory:") as conn:
            yield conn
        return
    name = f"refrakt_e_{uuid.uuid4().hex[:10]}"
    if dialect == "postgres":
        try:
            admin = connect(PG_URL)
        except RefraktError as exc:
            unavailable("PostgreSQL", exc)
            raise
        with admin:
            admin.execute(f'CREATE SCHEMA "{name}"')
            try:
                with connect(PG_URL + ("&" if "?" in PG_URL else "?") + f"schema={name}") as conn:
                    yield conn
            finally:
                admin.execute(f'DROP SCHEMA "{name}" CASCADE')
        return
    try:
        admin = connect(_with(MY_URL, "mysql"))
    except RefraktError as exc:
        unavailable("MySQL/MariaDB", exc)
        raise
    with admin:
        admin.execute(f"CREATE DATABASE `{name}`")
        try:
            with connect(_with(MY_URL, name)) as conn:
                yield conn
        finally:
            admin.execute(f"DROP DATABASE `{name}`")


def create_tables(conn: Connection, dm: DataModel, dialect: str) -> None:
    for statement in create_statements(sql_schema_from_datamodel(dm), _PROVIDER[dialect]):
        conn.execute(statement)


def insert(conn: Connection, engine: Engine, model: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows with raw SQL; values are encoded by the engine's codec (as writes will be)."""
    meta = engine.schema.model(model)
    dialect = get_dialect(engine.dialect_name)
    for row in rows:
        fields = [meta.scalars[name] for name in row]
        values: list[Param] = []
        for field in fields:
            value = row[field.name]
            if value is not None:
                value = engine.codec.encoder(field)(value) if engine.codec.encoder(field) else value
            values.append(Param(value))
        statement = Insert(Table(meta.table), tuple(f.db_name for f in fields), (tuple(values),))
        sql, params = dialect.render(statement)
        conn.execute(sql, params)


def insert_links(conn: Connection, engine: Engine, table: str, pairs: Sequence[tuple[Any, Any]]) -> None:
    dialect = get_dialect(engine.dialect_name)
    for a, b in pairs:
        sql, params = dialect.render(Insert(Table(table), ("A", "B"), ((Param(a), Param(b)),)))
        conn.execute(sql, params)


def seed(conn: Connection, engine: Engine) -> None:
    insert(conn, engine, "User", [{k: v for k, v in u.items() if k != "mentorId"} for u in USERS])
    for u in USERS:
        if u["mentorId"] is not None:
            dialect = get_dialect(engine.dialect_name)
            from refrakt._sql import Column, Update, eq

            sql, params = dialect.render(
                Update(Table("User"), (("mentorId", Param(u["mentorId"])),), where=eq(Column("id"), u["id"]))
            )
            conn.execute(sql, params)
    insert(conn, engine, "Profile", PROFILES)
    insert(conn, engine, "Post", POSTS)
    insert(conn, engine, "Comment", COMMENTS)
    insert(conn, engine, "Tag", TAGS)
    insert_links(conn, engine, "_PostToTag", POST_TAGS)
    insert(conn, engine, "Group", GROUPS)
    insert_links(conn, engine, "_GroupToUser", GROUP_USERS)
    insert(conn, engine, "Membership", MEMBERSHIPS)


class Db:
    """A seeded database and an engine for it: ``db.q("User", "find_many", where=...)``."""

    def __init__(self, dialect: str, conn: Connection, engine: Engine) -> None:
        self.dialect = dialect
        self.conn = conn
        self.engine = engine

    def q(self, model: str, operation: str, **args: Any) -> Any:
        return self.engine.prepare(model, operation, args).run(self.conn)

    def ids(self, model: str, operation: str = "find_many", key: str = "id", **args: Any) -> list[Any]:
        return [r[key] for r in self.q(model, operation, **args)]
