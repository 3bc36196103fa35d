"""Diff steps to SQL: one :class:`MigrationStep` (kind and statements) per abstract step.

The per-database statement shapes are in ``_render_sqlite``, ``_render_postgres`` and
``_render_mysql`` (tables keyed by step kind); :func:`render_migration_script` lays a migration
out like ``prisma migrate diff --script``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from refrakt.migrate._diff_model import DiffStep, Migration
from refrakt.migrate._render_mysql import MYSQL_RENDERERS
from refrakt.migrate._render_postgres import POSTGRES_RENDERERS
from refrakt.migrate._render_sqlite import SQLITE_RENDERERS
from refrakt.migrate._schema import SqlSchema
from refrakt.migrate._script import EMPTY_MIGRATION, MigrationStep, render_script
from refrakt.migrate.flavours import SqlFlavour

Renderer = Callable[[DiffStep, SqlSchema, SqlSchema, SqlFlavour], list[str]]

RENDERERS: Mapping[str, Mapping[str, Renderer]] = {
    "sqlite": SQLITE_RENDERERS,
    "postgres": POSTGRES_RENDERERS,
    "mysql": MYSQL_RENDERERS,
}


def render_steps(
    plan: Iterable[DiffStep], before: SqlSchema, after: SqlSchema, flavour: SqlFlavour
) -> list[MigrationStep]:
    table = RENDERERS[flavour.NAME]
    steps: list[MigrationStep] = []
    for step in plan:
        render = table.get(step.kind)
        if render is None:
            raise NotImplementedError(f"{step.kind} steps on {flavour.NAME}")
        statements = render(step, before, after, flavour)
        if statements:
            steps.append(MigrationStep(step.kind, tuple(statements)))
    return steps


def render_migration_script(migration: Migration) -> str:
    """The migration as a script (``migration.sql``), Prisma's layout; an empty one says so.

    Like ``prisma migrate diff --script``, the note of an empty migration ends with a newline,
    as every statement does.
    """
    if migration.is_empty:
        return EMPTY_MIGRATION + "\n"
    return render_script(list(migration.steps))
