# WARNING: generated from _history_io_async.py by tools/async_to_sync.py: edit that file.
"""The migration history on a live database: read ``_prisma_migrations``, apply migration
scripts and record them as Prisma's schema engine does, mark rows applied or rolled back.

Generated from ``_history_io_async.py`` by ``tools/async_to_sync.py``: edit that file, not this one.

A migration is recorded *started* (its own committed row) before its script runs, then
*finished*; when the script fails the row keeps ``finished_at`` empty and gets the error as
``logs``. So a process killed in the middle of a migration also leaves a failed row behind, and
``migrate deploy`` refuses to go on (P3009) until ``migrate resolve`` says how it ended. Scripts run
as Prisma runs them: on PostgreSQL as one multi-statement query (an implicit transaction: a
failing statement undoes the script), on SQLite and MySQL statement by statement.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence

from refrakt.drivers import Connection, ConnectionConfig, connect
from refrakt.errors import InitializationError, RefraktError
from refrakt.migrate._history import TABLE, HistoryFlavour, MigrationRecord
from refrakt.migrate._migrations import LocalMigration, checksum
from refrakt.migrate._push_model import PushError
from refrakt.migrate._reset import DatabaseObject, ResetFlavour
from refrakt.migrate._status import MigrateError, migration_failed
from refrakt.migrate.flavours import get_flavour

_MEMORY = ":memory:"


def open_database(config: ConnectionConfig, flavour: ResetFlavour, *, create: bool) -> tuple[Connection, bool]:
    """A connection to the database; with ``create``, the database is created when it does not
    exist (as ``migrate deploy`` and ``migrate dev`` do), and so is the PostgreSQL schema of the
    URL's ``schema=``. The flag says whether the database was."""
    if config.file_path:
        if config.file_path == _MEMORY or os.path.exists(config.file_path):
            return connect(config), False
        if not create:
            raise InitializationError(
                f"Database `{os.path.basename(config.file_path)}` does not exist at `{config.file_path}`.",
                code="P1003",
            )
        os.makedirs(os.path.dirname(config.file_path) or ".", exist_ok=True)
        return connect(config), True
    try:
        return (_connect_into_schema(config) if create else connect(config)), False
    except InitializationError as exc:
        if exc.code != "P1003" or not create:
            raise
    for admin in flavour.admin_configs(config):
        try:
            conn = connect(admin)
        except InitializationError as exc:
            if exc.code in ("P1003", "P1010"):
                continue
            raise
        try:
            conn.execute(flavour.create_database(config))
        except RefraktError as exc:
            raise PushError(f"Failed to create database `{config.database}`: {exc.message}", code="P3000") from exc
        finally:
            conn.close()
        return _connect_into_schema(config), True
    raise PushError(f"Failed to create database `{config.database}`: no default database to connect to.", code="P3000")


def ensure_schema(conn: Connection, config: ConnectionConfig) -> None:
    """``CREATE SCHEMA IF NOT EXISTS`` for the PostgreSQL schema the URL names (Prisma does the same)."""
    if config.provider == "postgresql" and config.schema:
        conn.execute(get_flavour("postgresql").render_create_schema(config.schema))


def _connect_into_schema(config: ConnectionConfig) -> Connection:
    """A connection to the database, whose URL's PostgreSQL schema is created when missing."""
    conn = connect(config)
    try:
        ensure_schema(conn, config)
    except BaseException:
        conn.close()
        raise
    return conn


def has_table(conn: Connection, history: HistoryFlavour) -> bool:
    _, rows = conn.query(*history.exists())
    return bool(rows)


def read_records(conn: Connection, history: HistoryFlavour) -> list[MigrationRecord] | None:
    """The rows of ``_prisma_migrations`` (oldest first), ``None`` when the table does not exist."""
    if not has_table(conn, history):
        return None
    _, rows = conn.query(history.select())
    return [history.record(row) for row in rows]


def user_objects(conn: Connection, flavour: ResetFlavour, namespaces: Sequence[str]) -> list[DatabaseObject]:
    """The tables, views, types... in the database (or its ``namespaces``), the history table aside."""
    sql, params = flavour.inventory(list(namespaces))
    _, rows = conn.query(sql, params)
    found = [DatabaseObject(row[0], row[1] or "", row[2]) for row in rows]
    return [o for o in found if o.kind not in ("schema", "index") and o.name != TABLE]


def ensure_table(conn: Connection, history: HistoryFlavour) -> bool:
    """Create ``_prisma_migrations`` when it is missing; whether it was."""
    if has_table(conn, history):
        return False
    conn.execute(history.create_table)
    return True


def apply_migration(conn: Connection, history: HistoryFlavour, migration: LocalMigration) -> None:
    """Record ``migration`` started, run its script, record it finished (or failed, then raise P3018)."""
    data = migration.read_bytes()
    id_ = str(uuid.uuid4())
    conn.execute(*history.insert_started(id_, migration.name, checksum(data)))
    try:
        conn.execute_script(data.decode("utf-8"))
    except RefraktError as exc:
        error = migration_failed(migration.name, exc)
        if not conn.closed:
            if conn.in_transaction:  # a script that opened a transaction and failed inside it
                conn.rollback()
            conn.execute(*history.mark_failed(id_, error.message))
        raise error from exc
    conn.execute(*history.mark_finished(id_))


def mark_applied(
    conn: Connection,
    history: HistoryFlavour,
    migration: LocalMigration,
    records: Sequence[MigrationRecord],
) -> None:
    """``migrate resolve --applied``: a failed attempt is marked rolled back, then a finished row is added."""
    for record in records:
        if record.migration_name == migration.name and record.failed:
            conn.execute(*history.mark_rolled_back(record.id))
    conn.execute(*history.insert_applied(str(uuid.uuid4()), migration.name, migration.checksum()))


def mark_rolled_back(conn: Connection, history: HistoryFlavour, records: Sequence[MigrationRecord], name: str) -> None:
    """``migrate resolve --rolled-back``: every failed attempt at ``name`` is marked rolled back."""
    for record in records:
        if record.migration_name == name and record.failed:
            conn.execute(*history.mark_rolled_back(record.id))


def revert_migration(
    conn: Connection, history: HistoryFlavour, name: str, down_script: str, *, transactional: bool
) -> None:
    """Run ``down.sql`` of ``name`` and forget its rows (in one transaction where DDL allows it)."""
    try:
        if transactional:
            with conn.transaction():
                conn.execute_script(down_script)
                conn.execute(*history.delete_named(name))
            return
        conn.execute_script(down_script)
    except RefraktError as exc:
        undone = "nothing was changed" if transactional else "the statements before the failing one stay applied"
        raise MigrateError(
            f"The down migration of `{name}` failed ({undone}); it is still recorded as applied.\n\n{exc.message}",
            code="P3018",
            meta={"migration_name": name, "database_error": exc.message},
        ) from exc
    conn.execute(*history.delete_named(name))
