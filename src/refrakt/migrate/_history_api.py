# WARNING: generated from _history_api_async.py by tools/async_to_sync.py: edit that file.
"""``migrate deploy``, ``status``, ``resolve``, ``reset`` and ``down`` from Python.

Generated from ``_history_api_async.py`` by ``tools/async_to_sync.py``: edit that file, not this one.

::

    from refrakt.migrate import deploy, status, resolve

    deploy("prisma/schema.prisma")                     # apply the pending migrations, in order
    report = status("prisma/schema.prisma")            # pending, failed, missing locally...
    resolve("prisma/schema.prisma", rolled_back="20250102093000_add_likes")

Each takes the schema (text, a ``.prisma`` file or folder, ``{name: text}``, or a
:class:`MigrateProject`), ``migrations`` (the folder; default: ``migrations`` beside the
schema) and ``url`` (default: the datasource's). The migrations folder and the
``_prisma_migrations`` table are Prisma's, so a history made by ``prisma migrate`` deploys with
refrakt and the other way round.
"""

from __future__ import annotations

import dataclasses
import os

from refrakt.migrate import _history_io as hio
from refrakt.migrate._history import history_flavour
from refrakt.migrate._history_target import MigrateProject, migrate_project
from refrakt.migrate._migrations import check_lock, list_migrations
from refrakt.migrate._push import SchemaSource
from refrakt.migrate._push_io import run_push
from refrakt.migrate._push_model import OnStep
from refrakt.migrate._reset import reset_flavour
from refrakt.migrate._status import (
    DeployResult,
    DownResult,
    MigrateError,
    MigrationStatus,
    ResetResult,
    already_applied,
    database_not_empty,
    diagnose,
    found_failed,
    migration_not_found,
    never_applied,
    not_failed,
)

Folder = str | os.PathLike[str] | None


def _namespaces(project: MigrateProject) -> tuple[str, ...]:
    plan = project.plan
    return plan.namespaces or ((plan.config.schema or "public",) if plan.provider == "postgresql" else ())


def deploy(
    schema: SchemaSource | MigrateProject,
    *,
    migrations: Folder = None,
    url: str | None = None,
    provider: str | None = None,
    on_step: OnStep = None,
) -> DeployResult:
    """Apply the migrations not applied yet, in order (``prisma migrate deploy``).

    The database is created when it does not exist. A database without ``_prisma_migrations``
    must be empty (else P3005: baseline it with ``resolve(applied=...)``). A failed migration in
    the history stops everything (P3009); a migration that fails now is recorded as failed and
    raised as P3018, the ones before it staying applied. ``on_step`` hears of each migration
    as it starts.
    """
    project = migrate_project(schema, migrations=migrations, url=url, provider=provider)
    check_lock(project.folder, project.provider)
    local = list_migrations(project.folder)
    flavour = reset_flavour(project.provider)
    history = history_flavour(project.provider)
    conn, created = hio.open_database(project.plan.config, flavour, create=True)
    applied: list[str] = []
    try:
        records = hio.read_records(conn, history)
        if records is None:
            if hio.user_objects(conn, flavour, _namespaces(project)):
                raise database_not_empty()
            hio.ensure_table(conn, history)
            records = []
        failed = [r for r in records if r.failed]
        if failed:
            raise found_failed(failed)
        done = {r.migration_name for r in records if r.rolled_back_at is None}
        checksums = {m.name: m.checksum() for m in local}
        for migration in local:
            if migration.name in done:
                continue
            if on_step is not None:
                on_step(f"Apply migration {migration.name}")
            try:
                hio.apply_migration(conn, history, migration)
            except MigrateError as exc:
                exc.meta["applied"] = list(applied)
                raise
            applied.append(migration.name)
        report = diagnose(project.target, list(checksums.items()), records)
    finally:
        conn.close()
    return DeployResult(
        target=project.target,
        local=tuple(m.name for m in local),
        applied=tuple(applied),
        database_created=created,
        warnings=tuple(report.warnings()),
    )


def status(
    schema: SchemaSource | MigrateProject,
    *,
    migrations: Folder = None,
    url: str | None = None,
    provider: str | None = None,
) -> MigrationStatus:
    """Compare the migrations folder with the database's history (``prisma migrate status``)."""
    project = migrate_project(schema, migrations=migrations, url=url, provider=provider)
    check_lock(project.folder, project.provider)
    local = list_migrations(project.folder)
    history = history_flavour(project.provider)
    conn, _ = hio.open_database(project.plan.config, reset_flavour(project.provider), create=False)
    try:
        records = hio.read_records(conn, history)
    finally:
        conn.close()
    return diagnose(project.target, [(m.name, m.checksum()) for m in local], records)


def resolve(
    schema: SchemaSource | MigrateProject,
    *,
    applied: str | None = None,
    rolled_back: str | None = None,
    migrations: Folder = None,
    url: str | None = None,
    provider: str | None = None,
) -> str:
    """Record a migration as applied (a hotfix, or a baseline) or a failed one as rolled back
    (``prisma migrate resolve``); the migration's name is returned. P3017: not in the folder;
    P3008: already applied; P3011: never applied; P3012: not failed."""
    if (applied is None) == (rolled_back is None):
        raise ValueError("Pass either applied=... or rolled_back=..., not both.")
    project = migrate_project(schema, migrations=migrations, url=url, provider=provider)
    check_lock(project.folder, project.provider)
    history = history_flavour(project.provider)
    local = {m.name: m for m in list_migrations(project.folder)}
    conn, _ = hio.open_database(project.plan.config, reset_flavour(project.provider), create=applied is not None)
    try:
        records = hio.read_records(conn, history)
        if applied is not None:
            migration = local.get(applied)
            if migration is None:
                raise migration_not_found(applied)
            if records is None:
                hio.ensure_table(conn, history)
                records = []
            if any(r.migration_name == applied and r.applied for r in records):
                raise already_applied(applied)
            hio.mark_applied(conn, history, migration, records)
            return applied
        assert rolled_back is not None
        relevant = [r for r in records or [] if r.migration_name == rolled_back]
        if not relevant:
            raise never_applied(rolled_back)
        if all(r.finished_at is not None for r in relevant):
            raise not_failed(rolled_back)
        hio.mark_rolled_back(conn, history, relevant, rolled_back)
        return rolled_back
    finally:
        conn.close()


def reset(
    schema: SchemaSource | MigrateProject,
    *,
    migrations: Folder = None,
    url: str | None = None,
    provider: str | None = None,
    on_step: OnStep = None,
) -> ResetResult:
    """Drop everything in the database (the history too), then apply every migration
    (``prisma migrate reset``; the seed is the caller's: see ``refrakt migrate reset``)."""
    project = migrate_project(schema, migrations=migrations, url=url, provider=provider)
    check_lock(project.folder, project.provider)
    if on_step is not None:
        on_step("Reset the database")
    emptied = run_push(dataclasses.replace(project.plan, statements=(), force_reset=True))
    deployed = deploy(project, on_step=on_step)
    return ResetResult(target=project.target, applied=deployed.applied, dropped=emptied.dropped)


def down(
    schema: SchemaSource | MigrateProject,
    *,
    to: str | None = None,
    migrations: Folder = None,
    url: str | None = None,
    provider: str | None = None,
    on_step: OnStep = None,
) -> DownResult:
    """Undo applied migrations with their ``down.sql`` (written by ``refrakt migrate dev``), newest
    first, and remove their history rows: the last one, or with ``to`` every one applied after the
    migration ``to`` (``to=""``: all of them). Nothing is undone when one of them has no ``down.sql``."""
    project = migrate_project(schema, migrations=migrations, url=url, provider=provider)
    check_lock(project.folder, project.provider)
    local = {m.name: m for m in list_migrations(project.folder)}
    history = history_flavour(project.provider)
    flavour = reset_flavour(project.provider)
    conn, _ = hio.open_database(project.plan.config, flavour, create=False)
    reverted: list[str] = []
    try:
        records = hio.read_records(conn, history) or []
        if any(r.failed for r in records):
            raise found_failed([r for r in records if r.failed])
        applied = list(dict.fromkeys(r.migration_name for r in records if r.applied))
        if to is None:
            chosen = applied[-1:]
        elif to == "":
            chosen = applied
        else:
            if to not in applied:
                raise MigrateError(
                    f"`{to}` is not an applied migration: `migrate down --to` takes the name of the migration to "
                    "go back to.",
                    code="P3017",
                    meta={"migration_name": to},
                )
            chosen = applied[applied.index(to) + 1 :]
        scripts: list[tuple[str, str]] = []
        for name in reversed(chosen):
            migration = local.get(name)
            script = migration.down_script() if migration is not None else None
            if script is None:
                raise MigrateError(
                    f"The migration `{name}` has no down.sql in {project.folder}: it cannot be undone. Nothing was "
                    "changed.",
                    code="P3017",
                    meta={"migration_name": name},
                )
            scripts.append((name, script))
        for name, script in scripts:
            if on_step is not None:
                on_step(f"Undo migration {name}")
            hio.revert_migration(conn, history, name, script, transactional=flavour.TRANSACTIONAL_DDL)
            reverted.append(name)
    finally:
        conn.close()
    return DownResult(target=project.target, reverted=tuple(reverted))
