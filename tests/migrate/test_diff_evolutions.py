"""The differ against Prisma: schema evolutions (``fixtures/evolutions``) on the real databases.

- SQLite and PostgreSQL: refrakt's script equals the one Prisma 6.19's schema engine wrote
  (``<provider>.sql``), and applying it after ``create(before)`` gives the same database as
  applying Prisma's.
- MariaDB (no WASM engine to compare with): ``create(before)`` + ``diff(before, after)`` gives
  the same database as ``create(after)``, up to column order (``ADD COLUMN`` appends).
- ``diff(schema, schema)`` is empty for every schema, and so is the diff between a schema and
  the description of a database created from it (``describe_url``), both ways.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from db_support import (
    MYSQL_URL,
    POSTGRES_URL,
    describe_mysql,
    describe_postgres,
    describe_sqlite,
    mysql_execute_script,
    sqlite_apply,
)
from diff_support import Evolution, evolutions, script_statements

from refrakt.migrate import EMPTY_MIGRATION, SqlSchema, create_statements, describe_url
from refrakt.migrate._diff import diff
from refrakt.migrate._render import render_migration_script

# Where refrakt writes different SQL on purpose: (evolution, provider) -> [(Prisma's line, ours)].
KNOWN_DIFFERENCES: dict[tuple[str, str], list[tuple[str, str]]] = {
    # Prisma writes a Json default unquoted on SQLite (`DEFAULT {"a": 1}`), which SQLite rejects;
    # refrakt quotes it as a string literal (as in its CREATE TABLE, see test_prisma_ddl).
    ("58_json_and_decimal_defaults", "sqlite"): [
        ('    "meta" JSONB NOT NULL DEFAULT {"a": 1},', '    "meta" JSONB NOT NULL DEFAULT \'{"a": 1}\','),
    ],
}


def _prisma_script(evolution: Evolution) -> str:
    """Prisma's script, with refrakt's lines where they differ on purpose."""
    script = evolution.prisma_script
    assert script is not None
    for theirs, ours in KNOWN_DIFFERENCES.get((evolution.name, evolution.provider), []):
        assert theirs in script
        script = script.replace(theirs, ours)
    return script


RECORDED = [e for p in ("sqlite", "postgresql") for e in evolutions(p) if e.prisma_script is not None]


def _statements(evolution: Evolution) -> list[str]:
    return [s for step in diff(evolution.before, evolution.after).steps for s in step.statements]


def test_there_are_enough_recorded_evolutions() -> None:
    assert len({e.name for e in RECORDED}) >= 30


@pytest.mark.parametrize("evolution", RECORDED, ids=str)
def test_script_is_prismas(evolution: Evolution) -> None:
    ours = render_migration_script(diff(evolution.before, evolution.after))
    # The CLI prints the script followed by a newline.
    assert ours + "\n" == _prisma_script(evolution)


@pytest.mark.parametrize("evolution", [e for e in RECORDED if e.provider == "sqlite"], ids=str)
def test_sqlite_database_is_prismas(evolution: Evolution) -> None:
    create = create_statements(evolution.before)
    ours = describe_sqlite(sqlite_apply(create + _statements(evolution)))
    theirs = describe_sqlite(sqlite_apply(create + script_statements(_prisma_script(evolution))))
    assert ours == theirs


@pytest.mark.postgres
@pytest.mark.parametrize("evolution", [e for e in RECORDED if e.provider == "postgresql"], ids=str)
def test_postgres_database_is_prismas(evolution: Evolution, new_postgres_db: Callable[[], Any]) -> None:
    create = create_statements(evolution.before)
    described: list[Any] = []
    for statements in (_statements(evolution), script_statements(_prisma_script(evolution))):
        conn = new_postgres_db()
        for statement in create + statements:
            conn.execute(statement)
        described.append(describe_postgres(conn))
    assert described[0] == described[1]


def _unordered(description: dict[str, Any]) -> dict[str, Any]:
    """Columns in any order, and without the index InnoDB created for a foreign key that is gone.

    InnoDB backs a foreign key with an index of the constraint's name and keeps it when the
    foreign key is dropped; Prisma (and refrakt) leave it too, since the data model never had it.
    """
    out: dict[str, Any] = {}
    for name, table in description["tables"].items():
        fk_names = {fk[0] for fk in table["foreign_keys"]}
        indexes = [i for i in table["indexes"] if not (i[0].endswith("_fkey") and i[0] not in fk_names)]
        out[name] = {k: sorted(map(repr, indexes if k == "indexes" else v)) for k, v in table.items()}
    return out


# Changes Prisma's differ does not see, by design: a DateTime literal default is never compared
# (``defaults_match`` in ``sql_schema_differ/column.rs``); the diff is empty (as Prisma's scripts
# for SQLite and PostgreSQL are).
PRISMA_BLIND_SPOTS = frozenset({"59_datetime_literal_default"})


@pytest.mark.mysql
@pytest.mark.parametrize("evolution", evolutions("mysql"), ids=str)
def test_mysql_diff_reaches_the_created_schema(evolution: Evolution, new_mysql_db: Callable[[], Any]) -> None:
    if evolution.name in PRISMA_BLIND_SPOTS:
        assert diff(evolution.before, evolution.after).is_empty
        return
    migrated = new_mysql_db()
    mysql_execute_script(migrated, create_statements(evolution.before) + _statements(evolution))
    created = new_mysql_db()
    mysql_execute_script(created, create_statements(evolution.after))
    assert _unordered(describe_mysql(migrated)) == _unordered(describe_mysql(created))


@pytest.mark.parametrize("evolution", [e for p in ("sqlite", "postgresql", "mysql") for e in evolutions(p)], ids=str)
def test_diff_of_a_schema_with_itself_is_empty(evolution: Evolution) -> None:
    for schema in (evolution.before, evolution.after):
        migration = diff(schema, schema)
        assert migration.is_empty
        assert render_migration_script(migration) == EMPTY_MIGRATION + "\n"


def test_every_known_difference_is_recorded() -> None:
    names = {(e.name, e.provider) for e in RECORDED}
    assert set(KNOWN_DIFFERENCES) <= names


def _url_of(base: str, database: str) -> str:
    return base.rsplit("/", 1)[0] + "/" + database


def _assert_no_drift(live: SqlSchema, schema: SqlSchema, provider: str) -> None:
    for before, after in ((live, schema), (schema, live)):
        migration = diff(before, after, provider)
        assert migration.is_empty, render_migration_script(migration)


@pytest.mark.parametrize("evolution", evolutions("sqlite"), ids=str)
def test_sqlite_described_database_has_no_drift(evolution: Evolution, tmp_path: Path) -> None:
    path = tmp_path / "dev.db"
    conn = sqlite3.connect(path)
    for statement in create_statements(evolution.after):
        conn.execute(statement)
    conn.commit()
    conn.close()
    _assert_no_drift(describe_url(f"file:{path}"), evolution.after, "sqlite")


@pytest.mark.postgres
@pytest.mark.parametrize("evolution", evolutions("postgresql"), ids=str)
def test_postgres_described_database_has_no_drift(evolution: Evolution, new_postgres_db: Callable[[], Any]) -> None:
    conn = new_postgres_db()
    for statement in create_statements(evolution.after):
        conn.execute(statement)
    multi_schema = any(t.schema is not None for t in evolution.after.tables)
    namespaces = list(evolution.after.namespaces) if multi_schema else None
    live = describe_url(_url_of(POSTGRES_URL, conn.info.dbname), namespaces=namespaces)
    _assert_no_drift(live, evolution.after, "postgresql")


@pytest.mark.mysql
@pytest.mark.parametrize("evolution", evolutions("mysql"), ids=str)
def test_mysql_described_database_has_no_drift(evolution: Evolution, new_mysql_db: Callable[[], Any]) -> None:
    conn = new_mysql_db()
    mysql_execute_script(conn, create_statements(evolution.after))
    database = conn.db.decode() if isinstance(conn.db, bytes) else str(conn.db)
    _assert_no_drift(describe_url(_url_of(MYSQL_URL, database)), evolution.after, "mysql")
