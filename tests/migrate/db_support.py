"""Real databases for integration tests: throw-away databases, and catalogue descriptions.

PostgreSQL and MariaDB are reached through ``REFRAKT_TEST_POSTGRES_URL`` and
``REFRAKT_TEST_MYSQL_URL`` (the Makefile's defaults otherwise). When a server cannot be reached
the test is skipped, except under ``CI=true``, where it fails loudly: CI must not pass by skipping.

``describe_*`` read a database's catalogue into plain, comparable data: tables, columns (type,
nullability, default), primary keys, indexes, foreign keys and enums. Two databases built from
two DDL scripts are equal when their descriptions are equal.
"""

from __future__ import annotations

import os
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

import pytest

POSTGRES_URL = os.environ.get("REFRAKT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/refrakt_test")
MYSQL_URL = os.environ.get("REFRAKT_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/refrakt_test")

Description = dict[str, Any]


def unreachable(what: str, url: str, error: object) -> None:
    """Skip (locally) or fail (``CI=true``) because a database server is not there."""
    message = f"{what} is not reachable at {url}: {error}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: integration tests must not be skipped)")
    pytest.skip(message)


# --- PostgreSQL -------------------------------------------------------------------------------------


def _pg_connect(url: str, dbname: str | None = None) -> Any:
    import psycopg

    kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": 5}
    if dbname is not None:
        kwargs["dbname"] = dbname
    return psycopg.connect(url, **kwargs)


@contextmanager
def postgres_databases() -> Iterator[Callable[[], Any]]:
    """A factory of connections to fresh PostgreSQL databases, all dropped at the end."""
    try:
        admin = _pg_connect(POSTGRES_URL)
    except Exception as error:
        unreachable("PostgreSQL", POSTGRES_URL, error)
        raise
    created: list[tuple[str, Any]] = []

    def new() -> Any:
        name = f"refrakt_t_{uuid.uuid4().hex[:12]}"
        admin.execute(f'CREATE DATABASE "{name}"')
        conn = _pg_connect(POSTGRES_URL, name)
        created.append((name, conn))
        return conn

    try:
        yield new
    finally:
        for name, conn in created:
            conn.close()
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def describe_postgres(conn: Any) -> Description:
    system = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
    columns = conn.execute(
        "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
        " pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid"
        " JOIN pg_namespace n ON c.relnamespace = n.oid"
        " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        f" WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND {system}"
        " ORDER BY n.nspname, c.relname, a.attnum"
    ).fetchall()
    constraints = conn.execute(
        "SELECT n.nspname, c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)"
        " FROM pg_constraint con JOIN pg_class c ON con.conrelid = c.oid"
        f" JOIN pg_namespace n ON c.relnamespace = n.oid WHERE {system} ORDER BY 1, 2, 3"
    ).fetchall()
    indexes = conn.execute(
        "SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes n"
        " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2, 3"
    ).fetchall()
    enums = conn.execute(
        "SELECT n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)"
        " FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON t.typnamespace = n.oid"
        " GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    schemas = conn.execute(f"SELECT nspname FROM pg_namespace n WHERE {system} ORDER BY 1").fetchall()
    tables: dict[str, dict[str, list[Any]]] = {}
    for schema, table, name, type_, not_null, default in columns:
        entry = tables.setdefault(f"{schema}.{table}", {"columns": [], "constraints": [], "indexes": []})
        entry["columns"].append((name, type_, bool(not_null), default))
    for schema, table, name, kind, definition in constraints:
        tables[f"{schema}.{table}"]["constraints"].append((name, kind, definition))
    for schema, table, name, definition in indexes:
        tables[f"{schema}.{table}"]["indexes"].append((name, definition))
    return {
        "schemas": [s for (s,) in schemas],
        "enums": [(s, n, list(v)) for s, n, v in enums],
        "tables": tables,
    }


# --- MySQL / MariaDB ----------------------------------------------------------------------------------


def _mysql_connect(url: str, database: str | None = None) -> Any:
    import pymysql

    u = urlparse(url)
    return pymysql.connect(
        host=u.hostname or "127.0.0.1",
        port=u.port or 3306,
        user=u.username or "root",
        password=u.password or "",
        database=database,
        autocommit=True,
        connect_timeout=5,
    )


@contextmanager
def mysql_databases() -> Iterator[Callable[[], Any]]:
    """A factory of connections to fresh MySQL/MariaDB databases, all dropped at the end."""
    try:
        admin = _mysql_connect(MYSQL_URL)
    except Exception as error:
        unreachable("MySQL/MariaDB", MYSQL_URL, error)
        raise
    created: list[tuple[str, Any]] = []

    def new() -> Any:
        name = f"refrakt_t_{uuid.uuid4().hex[:12]}"
        with admin.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{name}`")
        conn = _mysql_connect(MYSQL_URL, name)
        created.append((name, conn))
        return conn

    try:
        yield new
    finally:
        for name, conn in created:
            conn.close()
            with admin.cursor() as cur:
                cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        admin.close()


def mysql_execute_script(conn: Any, statements: list[str]) -> None:
    with conn.cursor() as cur:
        for statement in statements:
            cur.execute(statement)


def describe_mysql(conn: Any) -> Description:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        with conn.cursor() as cur:
            cur.execute(sql)
            return list(cur.fetchall())

    here = "TABLE_SCHEMA = DATABASE()"
    tables: dict[str, dict[str, list[Any]]] = {}
    for table, collation in rows(f"SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE {here}"):
        tables[table] = {"collation": [collation], "columns": [], "indexes": [], "foreign_keys": []}
    for table, name, type_, nullable, default, extra in rows(
        "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA"
        f" FROM information_schema.COLUMNS WHERE {here} ORDER BY TABLE_NAME, ORDINAL_POSITION"
    ):
        tables[table]["columns"].append((name, type_, nullable, default, extra))
    index_rows = rows(
        "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE, COLUMN_NAME, SUB_PART, COLLATION"
        f" FROM information_schema.STATISTICS WHERE {here} ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"
    )
    grouped: dict[tuple[str, str], list[Any]] = {}
    for table, name, non_unique, kind, column, sub_part, collation in index_rows:
        grouped.setdefault((table, name), [int(non_unique), kind, []])[2].append((column, sub_part, collation))
    for (table, name), (non_unique, kind, cols) in grouped.items():
        tables[table]["indexes"].append((name, non_unique == 0, kind, cols))
    fk_rows = rows(
        "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,"
        " r.UPDATE_RULE, r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k"
        " JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA"
        " AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME"
        f" WHERE k.{here} ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION"
    )
    fks: dict[tuple[str, str], list[Any]] = {}
    for table, name, column, ref_table, ref_column, on_update, on_delete in fk_rows:
        entry = fks.setdefault((table, name), [ref_table, [], [], on_delete, on_update])
        entry[1].append(column)
        entry[2].append(ref_column)
    for (table, name), (ref_table, cols, ref_cols, on_delete, on_update) in fks.items():
        tables[table]["foreign_keys"].append((name, cols, ref_table, ref_cols, on_delete, on_update))
    return {"tables": tables}


# --- SQLite -----------------------------------------------------------------------------------------

_FK_NAME = re.compile(r'CONSTRAINT "([^"]+)" FOREIGN KEY \(([^)]*)\)')


def sqlite_apply(statements: list[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    for statement in statements:
        conn.execute(statement)
    return conn


def describe_sqlite(conn: sqlite3.Connection) -> Description:
    tables: dict[str, dict[str, Any]] = {}
    for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ):
        columns = [
            (c[1], c[2], bool(c[3]), c[4], c[5]) for c in conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        ]
        indexes: list[Any] = []
        for _, index, unique, origin, _partial in conn.execute(f'PRAGMA index_list("{name}")').fetchall():
            cols = [(r[2], r[3]) for r in conn.execute(f'PRAGMA index_xinfo("{index}")').fetchall() if r[5]]
            indexes.append((index, bool(unique), origin, cols))
        fks: dict[int, list[Any]] = {}
        for fk_id, _seq, ref_table, column, ref_column, on_update, on_delete, _ in conn.execute(
            f'PRAGMA foreign_key_list("{name}")'
        ).fetchall():
            entry = fks.setdefault(fk_id, [ref_table, [], [], on_delete, on_update])
            entry[1].append(column)
            entry[2].append(ref_column)
        names = {tuple(c.strip().strip('"') for c in cols.split(",")): fk for fk, cols in _FK_NAME.findall(sql)}
        foreign_keys = sorted(
            (names.get(tuple(cols)), cols, ref, ref_cols, d, u) for ref, cols, ref_cols, d, u in fks.values()
        )
        tables[name] = {
            "columns": columns,
            "indexes": sorted(indexes),
            "foreign_keys": foreign_keys,
            "autoincrement": "AUTOINCREMENT" in sql.upper(),
        }
    return {"tables": tables}
