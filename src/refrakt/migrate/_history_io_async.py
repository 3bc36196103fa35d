"""The migration history on a live database: read ``_prisma_migrations``, apply migration
scripts and record them as Prisma's schema engine does, mark rows applied or rolled back.

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_history_io.py`` from this file).

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

from refrakt.drivers import AsyncConnection, ConnectionConfig, connect_async
from refrakt.errors import InitializationError, RefraktError
from refrakt.migrate._history import TABLE, HistoryFlavour, MigrationRecord
from refrakt.migrate._migrations import LocalMigration, checksum
from refrakt.migrate._push_model import PushError
from refrakt.migrate._reset import DatabaseObject, ResetFlavour
from refrakt.migrate._status import MigrateError, migration_failed
from refrakt.migrate.flavours import get_flavour

_MEMORY = ":memory:"


async def open_database(
    config: ConnectionConfig, flavour: ResetFlavour, *, create: bool
) -> tuple[AsyncConnection, bool]:
    """A connection to the database; with ``create``, the database is created when it does not
    exist (as ``migrate deploy`` and ``migrate dev`` do), and so is the PostgreSQL schema of the
    URL's ``schema=``. The flag says whether the database was."""
    if config.file_path:
        if config.file_path == _MEMORY or os.path.exists(config.file_path):
            return await connect_async(config), False
        if not create:
            raise InitializationError(
                f"Database `{os.path.basename(config.file_path)}` does not exist at `{config.file_path}`.",
                code="P1003",
            )
        os.makedirs(os.path.dirname(config.file_path) or ".", exist_ok=True)
        return await connect_async(config), True
    try:
        return await (_connect_into_schema(config) if create else connect_async(config)), False
    except InitializationError as exc:
        if exc.code != "P1003" or not create:
            raise
    for admin in flavour.admin_configs(config):
        try:
            conn = await connect_async(admin)
        except InitializationError as exc:
            if exc.code in ("P1003", "P1010"):
                continue
            raise
        try:
            await conn.execute(flavour.create_database(config))
        except RefraktError as exc:
            raise PushError(f"Failed to create database `{config.database}`: {exc.message}", code="P3000") from exc
        finally:
            await conn.close()
        return await _connect_into_schema(config), True
    raise PushError(f"Failed to create database `{config.database}`: no default database to connect to.", code="P3000")


async def ensure_schema(conn: AsyncConnection, config: ConnectionConfig) -> None:
    """``CREATE SCHEMA IF NOT EXISTS`` for the PostgreSQL schema the URL names (Prisma does the same)."""
    if config.provider == "postgresql" and config.schema:
        await conn.execute(get_flavour("postgresql").render_create_schema(config.schema))


async def _connect_into_schema(config: ConnectionConfig) -> AsyncConnection:
    """A connection to the database, whose URL's PostgreSQL schema is created when missing."""
    conn = await connect_async(config)
    try:
        await ensure_schema(conn, config)
    except BaseException:
        await conn.close()
        raise
    return conn


async def has_table(conn: AsyncConnection, history: HistoryFlavour) -> bool:
    _, rows = await conn.query(*history.exists())
    return bool(rows)


async def read_records(conn: AsyncConnection, history: HistoryFlavour) -> list[MigrationRecord] | None:
    """The rows of ``_prisma_migrations`` (oldest first), ``None`` when the table does not exist."""
    if not await has_table(conn, history):
        return None
    _, rows = await conn.query(history.select())
    return [history.record(row) for row in rows]


async def user_objects(conn: AsyncConnection, flavour: ResetFlavour, namespaces: Sequence[str]) -> list[DatabaseObject]:
    """The tables, views, types... in the database (or its ``namespaces``), the history table aside."""
    sql, params = flavour.inventory(list(namespaces))
    _, rows = await conn.query(sql, params)
    found = [DatabaseObject(row[0], row[1] or "", row[2]) for row in rows]
    return [o for o in found if o.kind not in ("schema", "index") and o.name != TABLE]


async def ensure_table(conn: AsyncConnection, history: HistoryFlavour) -> bool:
    """Create ``_prisma_migrations`` when it is missing; whether it was."""
    if await has_table(conn, history):
        return False
    await conn.execute(history.create_table)
    return True


async def apply_migration(conn: AsyncConnection, history: HistoryFlavour, migration: LocalMigration) -> None:
    """Record ``migration`` started, run its script, record it finished (or failed, then raise P3018)."""
    data = migration.read_bytes()
    id_ = str(uuid.uuid4())
    await conn.execute(*history.insert_started(id_, migration.name, checksum(data)))
    try:
        await conn.execute_script(data.decode("utf-8"))
    except RefraktError as exc:
        error = migration_failed(migration.name, exc)
        if not conn.closed:
            if conn.in_transaction:  # a script that opened a transaction and failed inside it
                await conn.rollback()
            await conn.execute(*history.mark_failed(id_, error.message))
        raise error from exc
    await conn.execute(*history.mark_finished(id_))


async def mark_applied(
    conn: AsyncConnection,
    history: HistoryFlavour,
    migration: LocalMigration,
    records: Sequence[MigrationRecord],
) -> None:
    """``migrate resolve --applied``: a failed attempt is marked rolled back, then a finished row is added."""
    for record in records:
        if record.migration_name == migration.name and record.failed:
            await conn.execute(*history.mark_rolled_back(record.id))
    await conn.execute(*history.insert_applied(str(uuid.uuid4()), migration.name, migration.checksum()))


async def mark_rolled_back(
    conn: AsyncConnection, history: HistoryFlavour, records: Sequence[MigrationRecord], name: str
) -> None:
    """``migrate resolve --rolled-back``: every failed attempt at ``name`` is marked rolled back."""
    for record in records:
        if record.migration_name == name and record.failed:
            await conn.execute(*history.mark_rolled_back(record.id))


async def revert_migration(
    conn: AsyncConnection, history: HistoryFlavour, name: str, down_script: str, *, transactional: bool
) -> None:
    """Run ``down.sql`` of ``name`` and forget its rows (in one transaction where DDL allows it)."""
    try:
        if transactional:
            async with conn.transaction():
                await conn.execute_script(down_script)
                await conn.execute(*history.delete_named(name))
            return
        await conn.execute_script(down_script)
    except RefraktError as exc:
        undone = "nothing was changed" if transactional else "the statements before the failing one stay applied"
        raise MigrateError(
            f"The down migration of `{name}` failed ({undone}); it is still recorded as applied.\n\n{exc.message}",
            code="P3018",
            meta={"migration_name": name, "database_error": exc.message},
        ) from exc
    await conn.execute(*history.delete_named(name))
