"""Integration: the generated DDL applied to real SQLite, PostgreSQL and MariaDB databases.

For SQLite and PostgreSQL the same schema is also built from Prisma's own DDL (``fixtures/``),
and the two catalogues, described from the databases, must be equal. MySQL has no Prisma
schema engine to compare with: its catalogue is checked against the ``SqlSchema`` (and, for the
blog schema, against the oracle's hand-written DDL).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from db_support import (
    describe_mysql,
    describe_postgres,
    describe_sqlite,
    mysql_execute_script,
    sqlite_apply,
)
from migrate_support import Case, cases, sql_schema_of

from refrakt.migrate import SqlSchema, create_statements
from refrakt.migrate.flavours._base import ACTION_SQL


def _prisma_statements(case: Case) -> list[str]:
    """Prisma's script as statements (comments dropped, split at the ``;`` that end lines)."""
    text = "\n".join(
        line for line in case.ddl_path.read_text(encoding="utf-8").splitlines() if not line.startswith("--")
    )
    return [s.strip() for s in text.split(";\n") if s.strip().rstrip(";")]


def _ours(case: Case) -> tuple[SqlSchema, list[str]]:
    schema = sql_schema_of(case.schema_path.read_text(encoding="utf-8"))
    return schema, create_statements(schema)


# --- SQLite -----------------------------------------------------------------------------------------

PRISMA_SQLITE_FAILS = {"types"}  # Prisma's unquoted Json default (see test_prisma_ddl.KNOWN_DIFFERENCES)


@pytest.mark.parametrize("case", cases("sqlite"), ids=str)
def test_sqlite_catalogue_equals_prismas(case: Case) -> None:
    schema, statements = _ours(case)
    ours = describe_sqlite(sqlite_apply(statements))
    assert sorted(ours["tables"]) == sorted(t.name for t in schema.tables)
    if case.name in PRISMA_SQLITE_FAILS:
        with pytest.raises(sqlite3.OperationalError):
            sqlite_apply(_prisma_statements(case))
        return
    assert ours == describe_sqlite(sqlite_apply(_prisma_statements(case)))


def test_sqlite_types_catalogue() -> None:
    _, statements = _ours(Case("types", "sqlite"))
    tables = describe_sqlite(sqlite_apply(statements))["tables"]
    columns = {c[0]: c[1:] for c in tables["everything"]["columns"]}
    assert columns["json"] == ("JSONB", True, """'{"a": [1, 2]}'""", 0)
    assert columns["status"] == ("TEXT", True, "'published'", 0)
    assert columns["date"] == ("DATETIME", True, "'2020-03-04 05:06:07.123 +00:00'", 0)
    assert columns["id"] == ("TEXT", True, None, 1)
    assert tables["Plain"]["autoincrement"] and not tables["Counter"]["autoincrement"]


def test_sqlite_foreign_keys_are_enforced() -> None:
    _, statements = _ours(Case("blog", "sqlite"))
    conn = sqlite_apply(statements)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute('INSERT INTO "Post" ("title", "authorId") VALUES (\'x\', 42)')
    conn.execute('INSERT INTO "User" ("email") VALUES (\'a@x.io\')')
    conn.execute('INSERT INTO "Post" ("title", "authorId") VALUES (\'x\', 1)')
    row = conn.execute('SELECT "published", "views", "createdAt" IS NOT NULL FROM "Post"').fetchone()
    assert row == (0, 0, 1)
    conn.execute('DELETE FROM "User"')  # ON DELETE CASCADE
    assert conn.execute('SELECT COUNT(*) FROM "Post"').fetchone() == (0,)


# --- PostgreSQL -------------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("case", cases("postgresql"), ids=str)
def test_postgres_catalogue_equals_prismas(case: Case, new_postgres_db: Callable[[], Any]) -> None:
    schema, statements = _ours(case)
    ours, theirs = new_postgres_db(), new_postgres_db()
    for statement in statements:
        ours.execute(statement)
    for statement in _prisma_statements(case):
        theirs.execute(statement)
    described = describe_postgres(ours)
    expected_tables = {f"{t.schema or 'public'}.{t.name}" for t in schema.tables}
    assert set(described["tables"]) == expected_tables
    assert described == describe_postgres(theirs)


@pytest.mark.postgres
def test_postgres_types_catalogue(new_postgres_db: Callable[[], Any]) -> None:
    conn = new_postgres_db()
    for statement in _ours(Case("native", "postgresql"))[1]:
        conn.execute(statement)
    columns = {c[0]: c[1:] for c in describe_postgres(conn)["tables"]["public.Native"]["columns"]}
    assert columns["id"] == ("bigint", True, "nextval('\"Native_id_seq\"'::regclass)")
    assert columns["dec"] == ("numeric(10,2)", True, None)
    assert columns["tsz"] == ("timestamp(3) with time zone", True, "CURRENT_TIMESTAMP")
    assert columns["tagsDef"] == ("text[]", False, "ARRAY['a'::text, 'it''s'::text]")
    assert columns["colors"] == ('"Color"[]', False, "ARRAY['RED'::\"Color\"]")
    assert columns["cube"] == ("int4range", True, "'[1,2)'::int4range")


@pytest.mark.postgres
def test_postgres_default_schema(new_postgres_db: Callable[[], Any]) -> None:
    """``?schema=`` of the URL: the script creates that schema; tables follow the search path."""
    from refrakt.migrate import sql_schema_from_datamodel
    from refrakt.schema import parse

    dm = parse(Case("blog", "postgresql").schema_path.read_text(encoding="utf-8")).datamodel
    assert dm is not None
    statements = create_statements(sql_schema_from_datamodel(dm, default_schema="tenant_a"))
    assert statements[0] == 'CREATE SCHEMA IF NOT EXISTS "tenant_a"'
    conn = new_postgres_db()
    conn.execute(statements[0])
    conn.execute("SET search_path TO tenant_a")
    for statement in statements[1:]:
        conn.execute(statement)
    tables = describe_postgres(conn)["tables"]
    assert sorted(tables) == sorted(
        f"tenant_a.{t}" for t in ("User", "Profile", "Post", "Comment", "Tag", "Item", "_PostToTag")
    )


# --- MySQL / MariaDB --------------------------------------------------------------------------------


def _innodb_action(action: str) -> str:
    # InnoDB accepts SET DEFAULT and stores RESTRICT (Prisma warns about SetDefault on MySQL).
    return "RESTRICT" if action == "SetDefault" else ACTION_SQL[action]


def _check_mysql_catalogue(described: dict[str, Any], schema: SqlSchema) -> None:
    """The database has exactly the tables, columns, keys, indexes and foreign keys of ``schema``."""
    tables = described["tables"]
    assert sorted(tables) == sorted(t.name for t in schema.tables)
    for table in schema.tables:
        got = tables[table.name]
        assert got["collation"] == ["utf8mb4_unicode_ci"]
        assert [c[0] for c in got["columns"]] == [c.name for c in table.columns]
        for column, (_, _, nullable, _, extra) in zip(table.columns, got["columns"], strict=True):
            assert (nullable == "YES") == (column.type.arity == "nullable"), column
            assert ("auto_increment" in extra) == column.autoincrement, column
        indexes = {name: (unique, [c[0] for c in cols]) for name, unique, _, cols in got["indexes"]}
        if table.primary_key is not None:
            assert indexes.pop("PRIMARY") == (True, list(table.primary_key.column_names))
        for index in table.indexes:
            assert indexes.pop(index.name) == (index.is_unique, list(index.column_names))
        fks = {fk[0]: fk[1:] for fk in got["foreign_keys"]}
        for fk in table.foreign_keys:
            assert fks.pop(fk.name) == (
                list(fk.columns),
                fk.referenced_table,
                list(fk.referenced_columns),
                _innodb_action(fk.on_delete),
                _innodb_action(fk.on_update),
            )
        assert fks == {}
        # InnoDB adds an index named after a foreign key whose columns no index starts with.
        assert set(indexes) <= {fk.name for fk in table.foreign_keys}


@pytest.mark.mysql
@pytest.mark.parametrize("case", cases("mysql"), ids=str)
def test_mysql_catalogue_matches_schema(case: Case, new_mysql_db: Callable[[], Any]) -> None:
    schema, statements = _ours(case)
    conn = new_mysql_db()
    mysql_execute_script(conn, statements)
    _check_mysql_catalogue(describe_mysql(conn), schema)


@pytest.mark.mysql
def test_mysql_blog_equals_handwritten(new_mysql_db: Callable[[], Any]) -> None:
    ours, theirs = new_mysql_db(), new_mysql_db()
    mysql_execute_script(ours, _ours(Case("blog", "mysql"))[1])
    handwritten = Case("blog", "mysql").folder / "mysql.handwritten.sql"
    mysql_execute_script(theirs, [s for s in handwritten.read_text(encoding="utf-8").split(";\n") if s.strip()])
    assert describe_mysql(ours) == describe_mysql(theirs)


@pytest.mark.mysql
def test_mysql_native_types(new_mysql_db: Callable[[], Any]) -> None:
    conn = new_mysql_db()
    mysql_execute_script(conn, _ours(Case("nativemysql", "mysql"))[1])
    columns = {c[0]: (c[1], c[3]) for c in describe_mysql(conn)["tables"]["Native"]["columns"]}
    assert columns["id"] == ("bigint(20) unsigned", None)
    assert columns["flag"] == ("tinyint(1)", "1")
    assert columns["dec"] == ("decimal(10,2)", "1.50")
    assert columns["vc"] == ("varchar(255)", "'it''s'")
    assert columns["mood"] == ("enum('HAPPY','sad')", "'sad'")
    assert columns["dt"] == ("datetime(6)", "current_timestamp(6)")
    assert columns["bytes"] == ("longblob", None)  # no Bytes defaults on MySQL
    assert columns["json"][1] is None  # nor Json defaults
    assert columns["generated"] == ("varchar(36)", "uuid()")
    indexes = {i[0]: (i[2], i[3]) for i in describe_mysql(conn)["tables"]["Native"]["indexes"]}
    assert indexes["Native_txt_ch_idx"] == ("BTREE", [("txt", 20, "A"), ("ch", None, "D")])
    assert indexes["Native_medtext_idx"][0] == "FULLTEXT"


@pytest.mark.mysql
def test_mysql_datetime_default_is_accepted(new_mysql_db: Callable[[], Any]) -> None:
    conn = new_mysql_db()
    mysql_execute_script(conn, _ours(Case("types", "mysql"))[1])
    columns = {c[0]: c[3] for c in describe_mysql(conn)["tables"]["everything"]["columns"]}
    assert columns["date"] == "'2020-03-04 05:06:07.123'"
    assert columns["str"] == "'it''s \"quoted\"'"
