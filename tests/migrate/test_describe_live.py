"""``describe`` on real databases: what lies beside a pushed schema (views, Prisma's history
table, sequences, other namespaces), the PostgreSQL search path, the async API and bad input.

The corpus-wide property (push, then describe back equal) is ``test_describe_corpus``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import pytest
from db_support import MYSQL_URL, POSTGRES_URL

from refrakt.drivers import connect, connect_async
from refrakt.migrate import (
    ColumnType,
    NativeType,
    describe,
    describe_async,
    describe_url,
    plan_push,
    push,
)
from refrakt.migrate.describers import MIGRATIONS_TABLE, comparable, differences

MODELS = """
enum Role {
  USER
  ADMIN
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  role  Role   @default(USER)
  posts Post[]
}

model Post {
  id       Int  @id @default(autoincrement())
  authorId Int
  author   User @relation(fields: [authorId], references: [id])

  @@index([authorId])
}
"""

HISTORY = "CREATE TABLE {q}_prisma_migrations{q} ({q}id{q} VARCHAR(36) PRIMARY KEY NOT NULL)"


def _schema(provider: str, url: str) -> str:
    return f'datasource db {{\n  provider = "{provider}"\n  url = "{url}"\n}}\n{MODELS}'


def _url(base: str, database: str, query: str = "") -> str:
    return urlunparse(urlparse(base)._replace(path=f"/{database}", query=query))


def test_sqlite_views_and_history_table(tmp_path: Path) -> None:
    url = f"file:{tmp_path / 'dev.db'}"
    text = _schema("sqlite", url)
    push(text)
    with connect(url) as conn:
        conn.execute(HISTORY.format(q='"'))
        conn.execute('CREATE VIEW "Emails" AS SELECT "email" FROM "User"')
        described = describe(conn, "sqlite")
    assert [v.name for v in described.views] == ["Emails"]
    assert MIGRATIONS_TABLE in [t.name for t in described.tables]
    assert differences(plan_push(text).sql_schema, described) == []  # the history table is not the model's
    assert described.table("User").column("role") is not None
    assert described.table("User").column("role").type == ColumnType("String")  # type: ignore[union-attr]


def test_sqlite_describe_finds_a_change(tmp_path: Path) -> None:
    url = f"file:{tmp_path / 'dev.db'}"
    push(_schema("sqlite", url))
    changed = _schema("sqlite", url).replace("email String @unique", "email String? @unique")
    assert differences(plan_push(changed).sql_schema, describe_url(url)) == [
        "schema.tables[User].columns[email].type.arity: 'nullable' != 'required'"
    ]


def test_sqlite_relative_path_and_base_dir(tmp_path: Path) -> None:
    push(_schema("sqlite", f"file:{tmp_path / 'dev.db'}"))
    described = describe_url("file:./dev.db", base_dir=tmp_path)
    assert [t.name for t in described.tables] == ["User", "Post"]


def test_wrong_flavour_is_refused(tmp_path: Path) -> None:
    with connect(f"file:{tmp_path / 'dev.db'}") as conn:
        with pytest.raises(ValueError, match="flavours differ"):
            describe(conn, "postgresql")
        with pytest.raises(ValueError, match="no SQL migration flavour"):
            describe(conn, "oracle")


@pytest.mark.postgres
def test_postgres_search_path_namespaces_sequences_views(new_postgres_db: Callable[[], Any]) -> None:
    database = new_postgres_db().info.dbname
    url = _url(POSTGRES_URL, database, "schema=shop")
    text = _schema("postgresql", url)
    push(text)
    with connect(url) as conn:
        conn.execute('CREATE SEQUENCE "shop"."counter" START 5 INCREMENT 2')
        conn.execute('CREATE VIEW "shop"."Emails" AS SELECT "email" FROM "shop"."User"')
        conn.execute('CREATE SCHEMA "other"')
        conn.execute('CREATE TABLE "other"."Elsewhere" ("id" INTEGER)')
        described = describe(conn, "postgresql")
        qualified = describe(conn, "postgresql", namespaces=["shop", "other"])
    expected = plan_push(text).sql_schema
    assert expected.namespaces == ("shop",)
    assert described.namespaces == ("shop",)
    assert differences(expected, described) == [
        "schema.sequences[counter]: only described",
    ]
    (counter,) = described.sequences  # the SERIAL sequences belong to their columns
    assert (counter.start, counter.increment, counter.schema) == (5, 2, None)
    assert described.table("User").column("id").autoincrement  # type: ignore[union-attr]
    assert [(v.name, v.schema) for v in described.views] == [("Emails", None)]
    missing = describe_url(_url(POSTGRES_URL, database, "schema=nowhere"))  # not the public schema instead
    assert (missing.tables, missing.namespaces) == ((), ())
    assert qualified.namespaces == ("other", "shop")
    assert {(t.schema, t.name) for t in qualified.tables} == {
        ("shop", "User"),
        ("shop", "Post"),
        ("other", "Elsewhere"),
    }
    assert qualified.table("Post").foreign_keys[0].referenced_schema == "shop"
    assert [(e.name, e.schema) for e in qualified.enums] == [("Role", "shop")]


@pytest.mark.postgres
def test_postgres_describe_async(new_postgres_db: Callable[[], Any]) -> None:
    database = new_postgres_db().info.dbname
    url = _url(POSTGRES_URL, database)
    text = _schema("postgresql", url).replace("email String @unique", "email String @unique @db.VarChar(80)")
    push(text)

    async def run() -> Any:
        conn = await connect_async(url)
        try:
            return await describe_async(conn, "postgres")
        finally:
            await conn.close()

    described = asyncio.run(run())
    assert described.table("User").column("email").type.native == NativeType("VarChar", (80,))  # type: ignore[union-attr]
    assert comparable(described) == comparable(plan_push(text).sql_schema)


@pytest.mark.mysql
def test_mysql_views_history_and_async(new_mysql_db: Callable[[], Any]) -> None:
    conn = new_mysql_db()
    with conn.cursor() as cur:
        cur.execute("SELECT DATABASE()")
        (database,) = cur.fetchone()
        url = _url(MYSQL_URL, database)
        text = _schema("mysql", url)
        push(text)
        cur.execute(HISTORY.format(q="`"))
        cur.execute("CREATE VIEW `Emails` AS SELECT `email` FROM `User`")

    async def run() -> Any:
        aconn = await connect_async(url)
        try:
            return await describe_async(aconn, "mysql")
        finally:
            await aconn.close()

    described = asyncio.run(run())
    assert [v.name for v in described.views] == ["Emails"]
    assert MIGRATIONS_TABLE in [t.name for t in described.tables]
    assert [e.name for e in described.enums] == ["User_role"]
    # InnoDB indexes the foreign key itself only when no index starts with its columns
    assert [i.name for i in described.table("Post").indexes] == ["Post_authorId_idx"]
    assert differences(plan_push(text).sql_schema, described) == []
    assert describe_url(url) == described


@pytest.mark.mysql
def test_mysql_join_table_enum_column(new_mysql_db: Callable[[], Any]) -> None:
    """The join table's ENUM column is its own enum in the database (``_PostToTag_B``); the
    calculated schema reuses the model's (``Tag_code``), as Prisma's calculator does."""
    conn = new_mysql_db()
    with conn.cursor() as cur:
        cur.execute("SELECT DATABASE()")
        (database,) = cur.fetchone()
    url = _url(MYSQL_URL, database)
    text = (
        f'datasource db {{\n  provider = "mysql"\n  url = "{url}"\n}}\n'
        "enum Code {\n  A\n  B\n}\n"
        "model Tag {\n  code  Code   @id\n  posts Post[]\n}\n"
        "model Post {\n  id   Int   @id\n  tags Tag[]\n}\n"
    )
    push(text)
    described = describe_url(url)
    assert [(e.name, e.values) for e in described.enums] == [("Tag_code", ("A", "B")), ("_PostToTag_B", ("A", "B"))]
    assert described.table("_PostToTag").column("B").type.enum == "_PostToTag_B"  # type: ignore[union-attr]
    assert plan_push(text).sql_schema.table("_PostToTag").column("B").type.enum == "Tag_code"  # type: ignore[union-attr]
    assert differences(plan_push(text).sql_schema, described) == []


DEFAULTS = r"""
enum Status {
  ON  @map("on-state")
  OFF @map("it's off")

  @@map("status_enum")
}

model T {
  id  Int      @id @default(autoincrement())
  s1  String   @default("a 'quoted' \\ back\\slash")
  s2  String   @default("")
  s3  String   @default("line\nbreak")
  n1  Int      @default(-42)
  n2  BigInt   @default(9223372036854775807)
  f1  Float    @default(-15000000000.25)
  f2  Float    @default(0.1)
  d1  Decimal  @default(-12.3400)
  b1  Boolean  @default(false)
  e1  Status   @default(OFF)
  dt1 DateTime @default("2020-01-02T03:04:05+02:00")
  dt2 DateTime @default("2021-06-01T00:00:00.500Z")
  j1  Json     @default("{\"z\": [1, {\"y\": null}], \"a\": \"x\"}")
  by1 Bytes    @default("AAEC")
  upd DateTime @updatedAt
  {native}
  @@index([s2, n1(sort: Desc)])
  @@unique([n1, b1], map: "custom_unique")
}
"""
NATIVE_DATES = {
    "sqlite": "",
    "postgresql": (
        'd DateTime @default("2020-01-02T23:04:05+02:00") @db.Date\n'
        '  t DateTime @default("2020-01-02T03:04:05.250+02:00") @db.Time(3)\n'
        '  tz DateTime @default("2020-01-02T03:04:05+02:00") @db.Timetz(0)\n'
        '  ts DateTime @default("2020-01-02T03:04:05+02:00") @db.Timestamptz(3)\n'
        '  l DateTime[] @default(["2020-01-02T03:04:05+02:00"]) @db.Timestamptz(3)\n'
    ),
    "mysql": (
        'd DateTime @default("2020-01-02T23:04:05-02:00") @db.Date\n'
        '  t DateTime @default("2020-01-02T03:04:05.250+02:00") @db.Time(3)\n'
        '  ts DateTime @default("2020-01-02T03:04:05+02:00") @db.Timestamp(3)\n'
    ),
}


def _defaults_describe_back(provider: str, url: str) -> None:
    text = f'datasource db {{\n  provider = "{provider}"\n  url = "{url}"\n}}\n' + DEFAULTS.replace(
        "{native}", NATIVE_DATES[provider]
    )
    push(text, force_reset=True)
    described = describe_url(url)
    assert differences(plan_push(text).sql_schema, described) == []
    column = described.table("T").column("s1")
    assert column is not None and column.default is not None and column.default.value == "a 'quoted' \\ back\\slash"


def test_sqlite_defaults_describe_back(tmp_path: Path) -> None:
    _defaults_describe_back("sqlite", f"file:{tmp_path / 'dev.db'}")


@pytest.mark.postgres
def test_postgres_defaults_describe_back(new_postgres_db: Callable[[], Any]) -> None:
    _defaults_describe_back("postgresql", _url(POSTGRES_URL, new_postgres_db().info.dbname))


@pytest.mark.mysql
def test_mysql_defaults_describe_back(new_mysql_db: Callable[[], Any]) -> None:
    with new_mysql_db().cursor() as cur:
        cur.execute("SELECT DATABASE()")
        (database,) = cur.fetchone()
    _defaults_describe_back("mysql", _url(MYSQL_URL, database))
