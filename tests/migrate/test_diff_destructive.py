"""Destructive-change checks: the counts are queried on the real database, the messages are Prisma's."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from diff_support import schema_for

from refrakt.migrate import SqlSchema, create_statements
from refrakt.migrate._destructive import check_queries, evaluate
from refrakt.migrate._diff import diff
from refrakt.migrate._diff_model import Migration

BEFORE = """
enum Role {
  USER
  ADMIN
  GUEST
}
model User {
  id    Int     @id
  name  String?
  email String
  code  Int?
  role  Role    @default(USER)
  posts Post[]
}
model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
}
"""
AFTER = """
enum Role {
  USER
  ADMIN
}
model User {
  id    Int     @id
  email String  @unique
  code  String
  role  Role    @default(USER)
  age   Int
}
"""
ROWS = [
    "INSERT INTO {User} ({id}, {name}, {email}, {code}) VALUES (1, 'a', 'a@x', NULL)",
    "INSERT INTO {User} ({id}, {name}, {email}, {code}) VALUES (2, NULL, 'b@x', 7)",
    "INSERT INTO {User} ({id}, {name}, {email}, {code}) VALUES (3, 'c', 'c@x', 8)",
    "INSERT INTO {Post} ({id}, {authorId}) VALUES (1, 1)",
]


def _rows(quote: Callable[[str], str]) -> list[str]:
    names = ("User", "Post", "id", "name", "email", "code", "authorId")
    return [row.format(**{n: quote(n) for n in names}) for row in ROWS]


def _migration(provider: str) -> tuple[SqlSchema, Migration]:
    before = schema_for(BEFORE, provider)
    return before, diff(before, schema_for(AFTER, provider))


def _messages(migration: Migration, run: Callable[[str], int]) -> tuple[list[str], list[str]]:
    counts = {key: run(sql) for key, sql in check_queries(migration)}
    result = evaluate(migration, counts)
    return [m for _, m in result.warnings], [m for _, m in result.unexecutable]


def test_pure_check_messages() -> None:
    _, migration = _migration("postgresql")
    result = evaluate(migration)
    warnings = [m for _, m in result.warnings]
    assert (
        "You are about to drop the `Post` table. If the table is not empty, all the data it contains will be lost."
        in warnings
    )
    assert (
        "You are about to drop the column `name` on the `User` table. All the data in the column will be lost."
        in warnings
    )
    assert (
        "The values [GUEST] on the enum `Role` will be removed. If these variants are still used in the database, "
        "this will fail." in warnings
    )
    assert (
        "A unique constraint covering the columns `[email]` on the table `User` will be added. "
        "If there are existing duplicate values, this will fail." in warnings
    )
    assert [m for _, m in result.unexecutable] == [
        "Added the required column `age` to the `User` table without a default value. "
        "This is not possible if the table is not empty.",
        "Made the column `code` on table `User` required. "
        "This step will fail if there are existing NULL values in that column.",
    ]


# What Prisma 6.19 (``prisma db push`` of AFTER on a database of BEFORE holding ROWS) reports.
PRISMA_UNEXECUTABLE = [
    "Added the required column `age` to the `User` table without a default value. There are 3 rows in this table, "
    "it is not possible to execute this step.",
    "Made the column `code` on table `User` required, but there are 1 existing NULL values.",
]
PRISMA_SQLITE_WARNINGS = [
    "You are about to drop the `Post` table, which is not empty (1 rows).",
    "You are about to drop the column `name` on the `User` table, which still contains 2 non-null values.",
]
PRISMA_POSTGRES_WARNINGS = [
    "The values [GUEST] on the enum `Role` will be removed. If these variants are still used in the database, "
    "this will fail.",
    "You are about to drop the column `name` on the `User` table, which still contains 2 non-null values.",
    "You are about to drop the `Post` table, which is not empty (1 rows).",
    "A unique constraint covering the columns `[email]` on the table `User` will be added. If there are existing "
    "duplicate values, this will fail.",
]


def test_sqlite_checks_count_rows() -> None:
    before, migration = _migration("sqlite")
    conn = sqlite3.connect(":memory:")
    for statement in create_statements(before) + _rows(lambda n: f'"{n}"'):
        conn.execute(statement)
    warnings, unexecutable = _messages(migration, lambda sql: int(conn.execute(sql).fetchone()[0]))
    assert warnings == PRISMA_SQLITE_WARNINGS
    assert unexecutable == PRISMA_UNEXECUTABLE


def test_empty_tables_give_no_messages() -> None:
    before, migration = _migration("sqlite")
    conn = sqlite3.connect(":memory:")
    for statement in create_statements(before):
        conn.execute(statement)
    warnings, unexecutable = _messages(migration, lambda sql: int(conn.execute(sql).fetchone()[0]))
    assert unexecutable == []
    assert all("unique constraint" in w or "enum" in w for w in warnings)


@pytest.mark.postgres
def test_postgres_checks_count_rows(new_postgres_db: Callable[[], Any]) -> None:
    before, migration = _migration("postgresql")
    conn = new_postgres_db()
    for statement in create_statements(before) + _rows(lambda n: f'"{n}"'):
        conn.execute(statement)
    warnings, unexecutable = _messages(migration, lambda sql: int(conn.execute(sql).fetchone()[0]))
    assert warnings == PRISMA_POSTGRES_WARNINGS
    assert unexecutable == PRISMA_UNEXECUTABLE


@pytest.mark.mysql
def test_mysql_checks_count_rows(new_mysql_db: Callable[[], Any]) -> None:
    before, migration = _migration("mysql")
    conn = new_mysql_db()

    def run(sql: str) -> int:
        with conn.cursor() as cur:
            cur.execute(sql)
            return int(cur.fetchone()[0])

    with conn.cursor() as cur:
        for statement in create_statements(before) + _rows(lambda n: f"`{n}`"):
            cur.execute(statement)
    warnings, unexecutable = _messages(migration, run)
    assert "You are about to drop the column `name` on the `User` table, which still contains 2 non-null values." in (
        warnings
    )
    assert "Made the column `code` on table `User` required, but there are 1 existing NULL values." in unexecutable


@pytest.mark.postgres
def test_postgres_risky_cast_names_the_native_types(new_postgres_db: Callable[[], Any]) -> None:
    models = "model Note {\n  id   Int    @id\n  body String%s\n}\n"
    before = schema_for(models % "", "postgresql")
    migration = diff(before, schema_for(models % " @db.VarChar(10)", "postgresql"))
    conn = new_postgres_db()
    for statement in [*create_statements(before), "INSERT INTO \"Note\" (id, body) VALUES (1, 'x'), (2, 'y')"]:
        conn.execute(statement)
    warnings, unexecutable = _messages(migration, lambda sql: int(conn.execute(sql).fetchone()[0]))
    assert warnings == [
        "You are about to alter the column `body` on the `Note` table, which contains 2 non-null values. "
        "The data in that column will be cast from `Text` to `VarChar(10)`."
    ]
    assert unexecutable == []


def test_sqlite_redefinition_names_the_type_families() -> None:
    models = "model Note {\n  id   Int    @id\n  data %s\n}\n"
    migration = diff(schema_for(models % "Bytes?", "sqlite"), schema_for(models % "Int?", "sqlite"))
    counts = {key: 3 for key, _ in check_queries(migration)}
    assert [m for _, m in evaluate(migration, counts).warnings] == [
        "You are about to alter the column `data` on the `Note` table, which contains 3 non-null values. "
        "The data in that column will be cast from `Binary` to `Int`."
    ]


def test_mysql_number_to_date_is_dropped_and_recreated() -> None:
    models = "model Event {\n  id   Int @id\n  code %s\n}\n"
    migration = diff(schema_for(models % "Int", "mysql"), schema_for(models % "DateTime", "mysql"))
    assert [s for step in migration.steps for s in step.statements] == [
        "ALTER TABLE `Event` DROP COLUMN `code`,\n    ADD COLUMN `code` DATETIME(3) NOT NULL"
    ]
    assert migration.unexecutable == (
        "Changed the type of `code` on the `Event` table. No cast exists, the column would be dropped and "
        "recreated, which cannot be done if there is data, since the column is required.",
    )
