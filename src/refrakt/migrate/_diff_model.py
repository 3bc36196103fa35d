"""The data of a schema diff: the abstract steps (Prisma's ``SqlMigrationStep``) and a ``Migration``.

Steps are sorted like Prisma's: first by kind (``STEP_ORDER``), then by the position of what
they touch in its schema (tables, indexes, foreign keys and enums by creation order).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from refrakt.migrate._diff_columns import ColumnChanges
from refrakt.migrate._schema import Column, Enum, ForeignKey, Index, SqlSchema, Table
from refrakt.migrate._script import MigrationStep

NO_CHANGES = ColumnChanges()

STEP_ORDER: tuple[str, ...] = (
    "CreateSchema",
    "DropExtension",
    "CreateExtension",
    "AlterExtension",
    "AlterSequence",
    "DropView",
    "DropUserDefinedType",
    "CreateEnum",
    "AlterEnum",
    "DropForeignKey",
    "DropIndex",
    "AlterTable",
    "AlterPrimaryKey",
    "DropTable",
    "DropEnum",
    "CreateTable",
    "RedefineTables",
    "CreateIndex",
    "RenameForeignKey",
    "AddForeignKey",
    "RenameIndex",
    "RedefineIndex",
)

TableChangeKind = Literal[
    "AddColumn",
    "AlterColumn",
    "DropColumn",
    "DropAndRecreateColumn",
    "DropPrimaryKey",
    "AddPrimaryKey",
    "RenamePrimaryKey",
]
_CHANGE_ORDER = (
    "AddColumn",
    "AlterColumn",
    "DropColumn",
    "DropAndRecreateColumn",
    "DropPrimaryKey",
    "AddPrimaryKey",
    "RenamePrimaryKey",
)


@dataclass(frozen=True, slots=True)
class TableChange:
    """One change of an ``AlterTable`` step; columns are ``(previous, next)`` where both exist."""

    kind: TableChangeKind
    previous: Column | None = None
    next: Column | None = None
    changes: ColumnChanges = NO_CHANGES


@dataclass(frozen=True, slots=True)
class RedefineTable:
    """A table rebuilt by copying (SQLite): its column pairs keep their data."""

    previous: Table
    next: Table
    added: tuple[Column, ...]
    dropped: tuple[Column, ...]
    pairs: tuple[tuple[Column, Column, ColumnChanges], ...]
    dropped_primary_key: bool


@dataclass(frozen=True, slots=True)
class DiffStep:
    """An abstract migration step; which fields are set depends on ``kind``."""

    kind: str
    key: tuple[object, ...]
    table: Table | None = None
    """The table of the step (the previous one for drops and alters, the next one for creations)."""
    next_table: Table | None = None
    index: Index | None = None
    next_index: Index | None = None
    foreign_key: ForeignKey | None = None
    next_foreign_key: ForeignKey | None = None
    enum: Enum | None = None
    next_enum: Enum | None = None
    changes: tuple[TableChange, ...] = ()
    redefines: tuple[RedefineTable, ...] = ()
    name: str | None = None
    """A namespace (``CreateSchema``) or an extension (``CreateExtension``)."""
    added_values: tuple[str, ...] = ()
    dropped_values: tuple[str, ...] = ()
    default_usages: tuple[tuple[Table, Column, Column | None], ...] = ()
    """``AlterEnum``: columns whose default uses the enum, with the next column when it keeps one."""
    from_recreate: bool = False

    def sort_key(self) -> tuple[object, ...]:
        return (STEP_ORDER.index(self.kind), *self.key)


def change_sort_key(change: TableChange) -> int:
    return _CHANGE_ORDER.index(change.kind)


@dataclass(frozen=True, slots=True)
class Migration:
    """The result of :func:`refrakt.migrate.diff`: ordered steps from ``before`` to ``after``.

    ``steps`` are the rendered :class:`~refrakt.migrate.MigrationStep` (kind and SQL statements),
    ``plan`` the abstract steps they come from, ``checks`` the destructive-change checks (see
    :mod:`refrakt.migrate._destructive`); ``warnings`` and ``unexecutable`` are their messages when
    nothing is known about the data (Prisma's "pure check").
    """

    before: SqlSchema
    after: SqlSchema
    flavour: str
    plan: tuple[DiffStep, ...]
    steps: tuple[MigrationStep, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(s.statements for s in self.steps)

    @property
    def warnings(self) -> tuple[str, ...]:
        """Prisma's destructive-change warnings, not knowing the data (see ``_destructive.evaluate``)."""
        from refrakt.migrate._destructive import evaluate

        return tuple(message for _, message in evaluate(self).warnings)

    @property
    def unexecutable(self) -> tuple[str, ...]:
        """Steps that fail when the tables hold data (Prisma's "unexecutable" messages, data unknown)."""
        from refrakt.migrate._destructive import evaluate

        return tuple(message for _, message in evaluate(self).unexecutable)
