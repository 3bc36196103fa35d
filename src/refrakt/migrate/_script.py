"""The DDL that creates a :class:`SqlSchema` in an empty database, as Prisma's migration script.

Steps come in the order of Prisma's ``SqlMigrationStep`` (schemas, extensions, enums, tables,
indexes, foreign keys) and the script is laid out like ``prisma migrate diff --from-empty --script``:
a ``-- <Step>`` header before each step, ``;`` after each statement, a blank line between steps.
"""

from __future__ import annotations

from dataclasses import dataclass

from refrakt.migrate._schema import SqlSchema
from refrakt.migrate.flavours import SqlFlavour, get_flavour

EMPTY_MIGRATION = "-- This is an empty migration."


@dataclass(frozen=True, slots=True)
class MigrationStep:
    """One step of a migration: its kind (``CreateTable``...) and its SQL statements."""

    kind: str
    statements: tuple[str, ...]


def create_steps(schema: SqlSchema, flavour: str | SqlFlavour | None = None) -> list[MigrationStep]:
    """The steps that create ``schema`` from nothing."""
    flav = get_flavour(flavour if flavour is not None else schema.flavour)
    steps: list[MigrationStep] = []
    if flav.NAMESPACES:
        steps.extend(MigrationStep("CreateSchema", (flav.render_create_schema(ns),)) for ns in schema.namespaces)
        steps.extend(MigrationStep("CreateExtension", (flav.render_create_extension(e),)) for e in schema.extensions)
    if flav.ENUMS == "types":
        steps.extend(MigrationStep("CreateEnum", (flav.render_create_enum(e),)) for e in schema.enums)
    steps.extend(MigrationStep("CreateTable", (flav.render_create_table(t, schema),)) for t in schema.tables)
    if not flav.INLINE_INDEXES:
        for table in schema.tables:
            steps.extend(MigrationStep("CreateIndex", (flav.render_create_index(table, i),)) for i in table.indexes)
    if not flav.INLINE_FOREIGN_KEYS:
        for table in schema.tables:
            steps.extend(
                MigrationStep("AddForeignKey", (flav.render_add_foreign_key(table, fk),)) for fk in table.foreign_keys
            )
    return steps


def render_script(steps: list[MigrationStep]) -> str:
    """Steps as a migration script (``migration.sql``), Prisma's layout."""
    rendered = [step for step in steps if step.statements]
    if not rendered:
        return EMPTY_MIGRATION
    chunks = [f"-- {step.kind}\n" + "".join(f"{s};\n" for s in step.statements) for step in rendered]
    return "\n".join(chunks)


def render_create_script(schema: SqlSchema, flavour: str | SqlFlavour | None = None) -> str:
    """The script that creates ``schema`` in an empty database (``migrate diff --from-empty --script``)."""
    return render_script(create_steps(schema, flavour))


def create_statements(schema: SqlSchema, flavour: str | SqlFlavour | None = None) -> list[str]:
    """The statements of :func:`render_create_script`, one per item, without ``;`` (to execute them)."""
    return [s for step in create_steps(schema, flavour) for s in step.statements]
