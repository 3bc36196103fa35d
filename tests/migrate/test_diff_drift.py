"""No drift between a data model and the database created from it: the DDL fixtures (``fixtures/``)
are created on the real databases, described (``describe_url``) and diffed against the schema
they come from, both ways. Every type, default, key and index kind of the fixtures is compared."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from db_support import MYSQL_URL, POSTGRES_URL, mysql_execute_script
from migrate_support import Case, cases, sql_schema_of

from refrakt.migrate import SqlSchema, create_statements, describe_url
from refrakt.migrate._diff import diff
from refrakt.migrate._render import render_migration_script

# InnoDB takes `ON DELETE SET DEFAULT` and keeps RESTRICT: the foreign key is re-created each time.
MYSQL_SET_DEFAULT = ("keys", "Book_shelfId_fkey")


def _url_of(base: str, database: str) -> str:
    return base.rsplit("/", 1)[0] + "/" + database


def _drift(live: SqlSchema, schema: SqlSchema, provider: str) -> list[tuple[str, str | None]]:
    steps: list[tuple[str, str | None]] = []
    for before, after in ((live, schema), (schema, live)):
        migration = diff(before, after, provider)
        for step in migration.plan:
            fk = step.foreign_key
            steps.append((step.kind, fk.name if fk is not None else None))
        if migration.is_empty:
            assert render_migration_script(migration) == "-- This is an empty migration.\n"
    return steps


def _schema(case: Case) -> SqlSchema:
    return sql_schema_of(case.schema_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", cases("sqlite"), ids=str)
def test_sqlite_no_drift(case: Case, tmp_path: Path) -> None:
    schema = _schema(case)
    path = tmp_path / "dev.db"
    conn = sqlite3.connect(path)
    for statement in create_statements(schema):
        conn.execute(statement)
    conn.commit()
    conn.close()
    assert _drift(describe_url(f"file:{path}"), schema, "sqlite") == []


@pytest.mark.postgres
@pytest.mark.parametrize("case", cases("postgresql"), ids=str)
def test_postgres_no_drift(case: Case, new_postgres_db: Callable[[], Any]) -> None:
    schema = _schema(case)
    conn = new_postgres_db()
    for statement in create_statements(schema):
        conn.execute(statement)
    multi_schema = any(t.schema is not None for t in schema.tables)
    namespaces = list(schema.namespaces) if multi_schema else None
    live = describe_url(_url_of(POSTGRES_URL, conn.info.dbname), namespaces=namespaces)
    assert _drift(live, schema, "postgresql") == []


@pytest.mark.mysql
@pytest.mark.parametrize("case", cases("mysql"), ids=str)
def test_mysql_no_drift(case: Case, new_mysql_db: Callable[[], Any]) -> None:
    schema = _schema(case)
    conn = new_mysql_db()
    mysql_execute_script(conn, create_statements(schema))
    database = conn.db.decode() if isinstance(conn.db, bytes) else str(conn.db)
    drift = _drift(describe_url(_url_of(MYSQL_URL, database)), schema, "mysql")
    if case.name == MYSQL_SET_DEFAULT[0]:
        fk = MYSQL_SET_DEFAULT[1]
        assert drift == [("DropForeignKey", fk), ("AddForeignKey", fk)] * 2
    else:
        assert drift == []
