"""Running a :class:`PushPlan` against the database: create it if missing, check that it is empty
(or reset it), apply the DDL.

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_push_io.py`` from this file).

Where the database runs DDL in transactions (PostgreSQL, SQLite) the inventory, the reset and
every statement run in one transaction: a failure changes nothing. MySQL commits each DDL
statement by itself, so there the statements run one by one, and when one fails the tables the
push created are dropped again (the database was empty, or reset, before).
"""

from __future__ import annotations

import os
import time

from refrakt.drivers import AsyncConnection, ConnectionConfig, connect_async
from refrakt.errors import InitializationError, RefraktError
from refrakt.migrate._push_model import (
    DatabaseNotEmptyError,
    OnStep,
    PushError,
    PushPlan,
    PushResult,
    StatementFailedError,
    statement_label,
)
from refrakt.migrate._reset import DatabaseObject, ResetFlavour, ResetInput, reset_flavour

_MEMORY = ":memory:"


async def run_push(plan: PushPlan, *, on_step: OnStep = None) -> PushResult:
    """Apply ``plan``; see :func:`refrakt.migrate.push`. ``on_step`` hears of each statement."""
    flavour = reset_flavour(plan.provider)
    started = time.perf_counter()
    conn, created = await _open(plan.config, flavour)
    try:
        if flavour.TRANSACTIONAL_DDL:
            found = await _push_in_transaction(conn, plan, flavour, on_step)
        else:
            found = await _push_statement_by_statement(conn, plan, flavour, on_step)
    finally:
        await conn.close()
    existing = {o.schema for o in found if o.kind == "schema"}
    return PushResult(
        target=plan.target,
        statements=plan.statements,
        tables=plan.tables,
        enums=plan.enums,
        schemas_created=() if plan.force_reset else tuple(s for s in plan.namespaces if s not in existing),
        reset=plan.force_reset,
        dropped=tuple(str(o) for o in found if o.kind not in ("schema", "index")) if plan.force_reset else (),
        database_created=created,
        duration=time.perf_counter() - started,
    )


# --- connecting, creating the database ----------------------------------------------------------------


async def _open(config: ConnectionConfig, flavour: ResetFlavour) -> tuple[AsyncConnection, bool]:
    """A connection to the database, created first when it does not exist (as ``prisma db push``)."""
    if config.file_path:  # SQLite: connecting creates the file; Prisma creates its folder too
        if config.file_path == _MEMORY or os.path.exists(config.file_path):
            return await connect_async(config), False
        os.makedirs(os.path.dirname(config.file_path) or ".", exist_ok=True)
        return await connect_async(config), True
    try:
        return await connect_async(config), False
    except InitializationError as exc:
        if exc.code != "P1003":
            raise
    await _create_database(config, flavour)
    return await connect_async(config), True


async def _create_database(config: ConnectionConfig, flavour: ResetFlavour) -> None:
    failure: RefraktError | None = None
    for admin in flavour.admin_configs(config):
        try:
            conn = await connect_async(admin)
        except InitializationError as exc:
            if exc.code in ("P1003", "P1010"):  # that one is not there, or not ours: try the next
                failure = exc
                continue
            raise
        try:
            await conn.execute(flavour.create_database(config))
        except RefraktError as exc:
            raise PushError(
                f"Failed to create database `{config.database}`: {exc.message}",
                code="P3000",
                meta={"database_error": exc.message},
                original_code=exc.original_code,
                original_message=exc.original_message,
            ) from exc
        finally:
            await conn.close()
        return
    detail = f" ({failure.message})" if failure is not None else ""
    raise PushError(
        f"Failed to create database `{config.database}`: refrakt could not connect to a default database "
        f"to create it from{detail}.",
        code="P3000",
    )


# --- pushing ---------------------------------------------------------------------------------------------


async def _inventory(conn: AsyncConnection, plan: PushPlan, flavour: ResetFlavour) -> list[DatabaseObject]:
    namespaces = list(dict.fromkeys((*plan.namespaces, *plan.reset_schemas)))
    sql, params = flavour.inventory(namespaces)
    _, rows = await conn.query(sql, params)
    return [DatabaseObject(row[0], row[1] or "", row[2]) for row in rows]


_KIND_ORDER = {"table": 0, "view": 1, "type": 2}


def _check_empty(plan: PushPlan, found: list[DatabaseObject]) -> None:
    objects = sorted((o for o in found if o.kind not in ("schema", "index")), key=lambda o: _KIND_ORDER.get(o.kind, 3))
    if objects and not plan.force_reset:
        raise DatabaseNotEmptyError.holding(plan.target, [str(o) for o in objects])


async def _push_in_transaction(
    conn: AsyncConnection, plan: PushPlan, flavour: ResetFlavour, on_step: OnStep = None
) -> list[DatabaseObject]:
    outside_before = flavour.before_reset() if plan.force_reset else ()
    for sql in outside_before:
        await conn.execute(sql)
    try:
        async with conn.transaction():
            found = await _inventory(conn, plan, flavour)
            _check_empty(plan, found)
            if plan.force_reset:
                reset = ResetInput(tuple(found), plan.reset_schemas)
                for sql in flavour.reset_statements(plan.config, reset):
                    await conn.execute(sql)
            for sql in plan.statements:
                if on_step is not None:
                    on_step(statement_label(sql))
                try:
                    await conn.execute(sql)
                except RefraktError as exc:
                    raise StatementFailedError.wrap(sql, exc, rolled_back=True) from exc
    finally:
        if outside_before and not conn.closed:
            for sql in flavour.after_reset():
                await conn.execute(sql)
    return found


async def _push_statement_by_statement(
    conn: AsyncConnection, plan: PushPlan, flavour: ResetFlavour, on_step: OnStep = None
) -> list[DatabaseObject]:
    found = await _inventory(conn, plan, flavour)
    _check_empty(plan, found)
    if plan.force_reset:
        options_query = flavour.options_query()
        options = None
        if options_query is not None:
            _, rows = await conn.query(*options_query)
            options = tuple(rows[0]) if rows else None
        for sql in flavour.reset_statements(plan.config, ResetInput(tuple(found), plan.reset_schemas, options)):
            await conn.execute(sql)
    for sql in plan.statements:
        if on_step is not None:
            on_step(statement_label(sql))
        try:
            await conn.execute(sql)
        except RefraktError as exc:
            tables = [(t.schema, t.name) for t in plan.sql_schema.tables]
            for cleanup in flavour.cleanup_statements(tables):
                try:
                    await conn.execute(cleanup)
                except RefraktError:  # the original error matters more
                    break
            raise StatementFailedError.wrap(sql, exc, rolled_back=False) from exc
    return found
