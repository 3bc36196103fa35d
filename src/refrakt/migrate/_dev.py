# WARNING: generated from _dev_async.py by tools/async_to_sync.py: edit that file.
"""``migrate dev``, ``migrate diff`` and ``db push`` on a non-empty database: the schema a
migration history builds (in a shadow database), the schema of a live database, the diff.

Generated from ``_dev_async.py`` by ``tools/async_to_sync.py``: edit that file, not this one.

The *shadow database* is where the migrations folder is replayed to learn the schema it builds:
a temporary file for SQLite, a temporary database on the same server for PostgreSQL and MySQL
(``prisma_migrate_shadow_db_<uuid>``, dropped afterwards), or the database of
``shadow_database_url``, which is emptied first. ``dev`` then compares that schema with the live
database (drift: the database changed outside the history, or the history changed) and with the
data model (the new migration, written as ``migration.sql`` with its inverse as ``down.sql``).
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from refrakt.drivers import Connection, ConnectionConfig, connect, parse_url
from refrakt.errors import RefraktError
from refrakt.migrate import _history_api as api
from refrakt.migrate import _history_io as hio
from refrakt.migrate._describe import describe
from refrakt.migrate._destructive import check_queries, evaluate
from refrakt.migrate._diff import diff
from refrakt.migrate._diff_model import Migration
from refrakt.migrate._history import TABLE, history_flavour
from refrakt.migrate._history_target import MigrateProject, migrate_project
from refrakt.migrate._migrations import (
    LocalMigration,
    check_lock,
    list_migrations,
    migration_folder_name,
    write_lock,
)
from refrakt.migrate._push import SchemaSource
from refrakt.migrate._push_io import run_push
from refrakt.migrate._push_model import OnStep, PushPlan, PushResult, statement_label
from refrakt.migrate._render import render_migration_script
from refrakt.migrate._reset import reset_flavour
from refrakt.migrate._schema import SqlSchema
from refrakt.migrate._status import (
    DataLossWarnings,
    DevResult,
    DriftDetected,
    MigrateError,
    PushDataLossError,
    diagnose,
)

# --- schemas ----------------------------------------------------------------------------------------------


def _namespaces(project: MigrateProject) -> list[str] | None:
    plan = project.plan
    qualified = any(t.schema is not None for t in plan.sql_schema.tables)  # a multi-schema datasource
    return list(plan.namespaces) if plan.provider == "postgresql" and qualified else None


def _flavour_name(provider: str) -> str:
    return {"postgresql": "postgres"}.get(provider, provider)


def live_schema(conn: Connection, project: MigrateProject) -> SqlSchema:
    """The database's schema, the migration history table aside."""
    return without_history(describe(conn, project.provider, namespaces=_namespaces(project)))


def without_history(schema: SqlSchema) -> SqlSchema:
    tables = tuple(t for t in schema.tables if t.name != TABLE)
    return schema if len(tables) == len(schema.tables) else dataclasses.replace(schema, tables=tables)


def shadow_schema(
    project: MigrateProject,
    migrations: Sequence[LocalMigration] | None = None,
    *,
    shadow_database_url: str | None = None,
) -> SqlSchema:
    """The schema the migrations build, replayed in a shadow database (P3006 when one fails)."""
    local = list(migrations) if migrations is not None else list_migrations(project.folder)
    config = project.plan.config
    flavour = reset_flavour(project.provider)
    if shadow_database_url is not None:
        shadow = parse_url(shadow_database_url, base_dir=project.folder.parent)
        run_push(dataclasses.replace(project.plan, config=shadow, statements=(), force_reset=True))
        return _replay(shadow, project, local)
    if project.provider == "sqlite":
        with tempfile.TemporaryDirectory(prefix="refrakt-shadow-") as folder:
            shadow = dataclasses.replace(config, file_path=os.path.join(folder, "shadow.db"), url="file:shadow.db")
            return _replay(shadow, project, local)
    name = f"prisma_migrate_shadow_db_{uuid.uuid4()}"
    admin = flavour.admin_configs(config)[0] if project.provider == "postgresql" else config
    conn = connect(admin)
    try:
        quoted = f'"{name}"' if project.provider == "postgresql" else f"`{name}`"
        conn.execute(f"CREATE DATABASE {quoted}")
        try:
            return _replay(dataclasses.replace(config, database=name), project, local)
        finally:
            force = " WITH (FORCE)" if project.provider == "postgresql" else ""
            conn.execute(f"DROP DATABASE IF EXISTS {quoted}{force}")
    finally:
        conn.close()


def _replay(shadow: ConnectionConfig, project: MigrateProject, local: Sequence[LocalMigration]) -> SqlSchema:
    conn = connect(shadow)
    try:
        hio.ensure_schema(conn, shadow)
        for migration in local:
            try:
                conn.execute_script(migration.script())
            except RefraktError as exc:
                raise MigrateError(
                    f"Migration `{migration.name}` failed to apply cleanly to the shadow database. \n"
                    f"Error code: {exc.code}\nError:\n{exc.message}",
                    code="P3006",
                    meta={"migration_name": migration.name, "inner_error": exc.message},
                ) from exc
        return live_schema(conn, project)
    finally:
        conn.close()


def _counts(conn: Connection, migration: Migration) -> dict[tuple[str | None, str, str | None], int]:
    counts: dict[tuple[str | None, str, str | None], int] = {}
    for key, sql in check_queries(migration):
        try:
            _, rows = conn.query(sql)
        except RefraktError:
            continue
        counts[key] = int(rows[0][0]) if rows else 0
    return counts


def drift_summary(migration: Migration) -> str:
    """Prisma's drift message, with the SQL that would bring the history's schema to the database's."""
    return (
        "Drift detected: Your database schema is not in sync with your migration history.\n\n"
        "The following is a summary of the differences between the expected database schema given your "
        "migrations files, and the actual schema of the database (as SQL that would get from the first to the "
        "second):\n\n" + render_migration_script(migration)
    )


# --- dev ----------------------------------------------------------------------------------------------------


def dev(
    schema: SchemaSource | MigrateProject,
    *,
    name: str = "",
    create_only: bool = False,
    allow_reset: bool = False,
    accept_data_loss: bool = False,
    migrations: str | os.PathLike[str] | None = None,
    url: str | None = None,
    provider: str | None = None,
    shadow_database_url: str | None = None,
    on_step: OnStep = None,
) -> DevResult:
    """``prisma migrate dev``: replay the history in a shadow database, check the database against
    it (:class:`DriftDetected` unless ``allow_reset``, which then resets it), apply the pending
    migrations, then create a migration (``migration.sql`` and refrakt's ``down.sql``) from the
    history's schema to the data model and apply it (not with ``create_only``).
    :class:`DataLossWarnings` when it may lose data and ``accept_data_loss`` is false. ``on_step``
    hears of each step as it starts (the shadow database, the drift check, each migration applied...)."""
    project = migrate_project(schema, migrations=migrations, url=url, provider=provider)
    check_lock(project.folder, project.provider)
    local = list_migrations(project.folder)
    if on_step is not None:
        on_step(f"Replay {len(local)} migration(s) in a shadow database")
    history_schema = shadow_schema(project, local, shadow_database_url=shadow_database_url)
    if on_step is not None:
        on_step("Check the database for drift")
    flavour = reset_flavour(project.provider)
    history = history_flavour(project.provider)
    conn, _ = hio.open_database(project.plan.config, flavour, create=True)
    reset_done = False
    try:
        records = hio.read_records(conn, history)
        report = diagnose(project.target, [(m.name, m.checksum()) for m in local], records)
        reason = _reset_reason(report.failed, report.edited, report.missing_locally, report.diagnostic)
        if reason is None and records is not None:
            applied = [m for m in local if m.name not in report.pending]
            expected = history_schema if not report.pending else shadow_schema(project, applied)
            drift = diff(expected, live_schema(conn, project), project.provider)
            if not drift.is_empty:
                reason = drift_summary(drift)
        elif reason is None and hio.user_objects(conn, flavour, _all_namespaces(project)):
            reason = "The database schema is not empty and it has no migration history (no `_prisma_migrations`)."
    finally:
        conn.close()
    if reason is not None:
        if not allow_reset:
            raise DriftDetected(reason, code="P3006" if "shadow" in reason else None, meta={"reason": reason})
        if on_step is not None:
            on_step("Reset the database")
        run_push(dataclasses.replace(project.plan, statements=(), force_reset=True))
        reset_done = True
    deployed = api.deploy(project, on_step=on_step)
    if on_step is not None:
        on_step("Diff the migration history with the schema")
    target = project.plan.sql_schema
    migration = diff(history_schema, target, project.provider)
    conn, _ = hio.open_database(project.plan.config, flavour, create=True)
    try:
        counts = _counts(conn, migration)
    finally:
        conn.close()
    diagnostics = evaluate(migration, counts)
    if diagnostics.unexecutable and not create_only:
        raise MigrateError(
            "\n".join(m for _, m in diagnostics.unexecutable)
            + "\n\nYou can use refrakt migrate dev --create-only to create the migration file, and manually modify it "
            "to address the underlying issue(s).\nThen run refrakt migrate dev to apply it and verify it works.",
            meta={"unexecutable": [m for _, m in diagnostics.unexecutable]},
        )
    warnings = tuple(m for _, m in diagnostics.warnings)
    if warnings and not accept_data_loss:
        raise DataLossWarnings(
            "\n".join(f"  • {w}" for w in warnings),
            meta={"warnings": list(warnings), "applied": list(deployed.applied), "reset": reset_done},
        )
    if migration.is_empty and not create_only:
        return DevResult(applied=deployed.applied, reset=reset_done)
    folder_name = migration_folder_name(name)
    folder = project.folder / folder_name
    if folder.exists():
        raise MigrateError(f"The migration directory already exists at {folder}")
    if on_step is not None:
        on_step(f"Write migration {folder_name}")
    script = render_migration_script(migration)
    down_script = render_migration_script(diff(target, history_schema, project.provider))
    write_lock(project.folder, project.provider)
    folder.mkdir(parents=True)
    (folder / "migration.sql").write_bytes(script.encode("utf-8"))
    (folder / "down.sql").write_bytes(down_script.encode("utf-8"))
    if create_only:
        return DevResult(
            applied=deployed.applied, created=folder_name, reset=reset_done, warnings=warnings, script=script
        )
    api.deploy(project, on_step=on_step)
    return DevResult(
        applied=deployed.applied,
        created=folder_name,
        created_applied=True,
        reset=reset_done,
        warnings=warnings,
        script=script,
    )


def _all_namespaces(project: MigrateProject) -> tuple[str, ...]:
    plan = project.plan
    return plan.namespaces or ((plan.config.schema or "public",) if plan.provider == "postgresql" else ())


def _reset_reason(
    failed: Sequence[object], edited: Sequence[str], missing: Sequence[str], diagnostic: str
) -> str | None:
    if failed:
        names = ", ".join(f"`{getattr(r, 'migration_name', r)}`" for r in failed)
        return f"The migration(s) {names} failed."
    if edited:
        return f"The migration `{edited[0]}` was modified after it was applied."
    if missing:
        return "The following migration(s) are applied to the database but missing from the local migrations " + (
            "directory: " + ", ".join(missing)
        )
    if diagnostic == "histories_diverge":
        return "Your local migration history and the migrations table from your database are different."
    return None


# --- diff -------------------------------------------------------------------------------------------------


def schema_of_url(url: str, provider: str, *, base_dir: Path | None = None) -> SqlSchema:
    conn = connect(parse_url(url, base_dir=base_dir))
    try:
        return without_history(describe(conn, provider))
    finally:
        conn.close()


def empty_schema(provider: str) -> SqlSchema:
    return SqlSchema(flavour=_flavour_name(provider))


# --- db push on a database that holds tables -------------------------------------------------------------


def push_changes(plan: PushPlan, *, accept_data_loss: bool = False, on_step: OnStep = None) -> PushResult:
    """``prisma db push`` on a non-empty database: the diff from the live schema to the data
    model, applied when it loses no data (or ``accept_data_loss``); :class:`PushDataLossError`
    otherwise, and for steps that cannot run on the data there is. The migration history is not
    touched. ``on_step`` hears of the diff and of each statement."""
    flavour = reset_flavour(plan.provider)
    started = time.perf_counter()
    project = MigrateProject(plan=plan, folder=Path("migrations"))
    conn, created = hio.open_database(plan.config, flavour, create=True)
    try:
        if on_step is not None:
            on_step("Diff the database with the schema")
        live = live_schema(conn, project)
        migration = diff(live, plan.sql_schema, plan.provider)
        diagnostics = evaluate(migration, _counts(conn, migration))
        if diagnostics.unexecutable:
            raise PushDataLossError.unexecutable([m for _, m in diagnostics.unexecutable])
        warnings = tuple(m for _, m in diagnostics.warnings)
        if warnings and not accept_data_loss:
            raise PushDataLossError.warnings(warnings)
        statements = tuple(s for step in migration.steps for s in step.statements)
        if flavour.TRANSACTIONAL_DDL and plan.provider != "sqlite":
            with conn.transaction():
                for sql in statements:
                    if on_step is not None:
                        on_step(statement_label(sql))
                    conn.execute(sql)
        else:  # SQLite: its PRAGMAs do not work inside a transaction (as Prisma, statement by statement)
            for sql in statements:
                if on_step is not None:
                    on_step(statement_label(sql))
                conn.execute(sql)
    finally:
        conn.close()
    before = {(t.schema, t.name) for t in live.tables}
    return PushResult(
        target=plan.target,
        statements=statements,
        tables=tuple(t.name for t in plan.sql_schema.tables if (t.schema, t.name) not in before),
        database_created=created,
        duration=time.perf_counter() - started,
        warnings=warnings,
    )
