"""Destructive-change checks of a migration, as data: what to count, and the messages the counts give.

Follows Prisma's ``sql_destructive_change_checker``: dropping a table or a column, a risky or
impossible type change, a new required column without a default, a column made required, a new
unique constraint or a dropped enum value each give a :class:`Check`. A check may need the row
count of its table and/or the non-null value count of its column: :func:`check_queries` lists
those ``COUNT(*)`` queries (identifiers quoted by the flavour) for the caller to run on the live
database, and :func:`evaluate` turns the counts into Prisma's warning and unexecutable-step
messages. Without counts (``evaluate(migration)``) the messages are Prisma's "pure check" ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from refrakt.migrate._diff_model import DiffStep, Migration
from refrakt.migrate._schema import Column, Table
from refrakt.migrate.flavours import get_flavour

CheckKind = Literal[
    "NonEmptyTableDrop",
    "NonEmptyColumnDrop",
    "DropAndRecreateColumn",
    "RiskyCast",
    "NotCastable",
    "PrimaryKeyChange",
    "UniqueConstraintAddition",
    "EnumValueRemoval",
    "AddedRequiredFieldToTable",
    "MadeOptionalFieldRequired",
    "MadeScalarFieldIntoArrayField",
    "DropAndRecreateRequiredColumn",
]
UNEXECUTABLE: frozenset[str] = frozenset(
    {
        "AddedRequiredFieldToTable",
        "MadeOptionalFieldRequired",
        "MadeScalarFieldIntoArrayField",
        "DropAndRecreateRequiredColumn",
    }
)
_NEEDS_ROWS = frozenset(
    {
        "NonEmptyTableDrop",
        "PrimaryKeyChange",
        "DropAndRecreateColumn",
        *UNEXECUTABLE - {"MadeScalarFieldIntoArrayField"},
    }
)
_NEEDS_VALUES = frozenset(
    {
        "NonEmptyColumnDrop",
        "RiskyCast",
        "NotCastable",
        "DropAndRecreateColumn",
        "MadeOptionalFieldRequired",
        "MadeScalarFieldIntoArrayField",
    }
)

CountKey = tuple[str | None, str, str | None]
"""``(namespace, table, column)``: ``column`` is ``None`` for a row count."""


@dataclass(frozen=True, slots=True)
class Check:
    kind: CheckKind
    step: int
    """The index of the migration step the check is about."""
    table: str = ""
    namespace: str | None = None
    column: str | None = None
    previous_type: str = ""
    next_type: str = ""
    values: tuple[str, ...] = ()
    """Columns of a unique constraint, or removed enum values (``table`` is then the enum)."""

    @property
    def is_unexecutable(self) -> bool:
        return self.kind in UNEXECUTABLE

    @property
    def row_count_key(self) -> CountKey | None:
        return (self.namespace, self.table, None) if self.kind in _NEEDS_ROWS else None

    @property
    def value_count_key(self) -> CountKey | None:
        return (self.namespace, self.table, self.column) if self.kind in _NEEDS_VALUES else None


@dataclass(frozen=True, slots=True)
class Diagnostics:
    warnings: tuple[tuple[int, str], ...] = field(default=())
    """``(step index, message)``."""
    unexecutable: tuple[tuple[int, str], ...] = field(default=())


def _family_text(column: Column) -> str:
    """The type family as Prisma prints it (``Binary`` for ``Bytes``)."""
    t = column.type
    if t.family == "Enum":
        return f'Enum("{t.enum}")' if t.enum else "String"
    return "Binary" if t.family == "Bytes" else t.family


def _type_text(column: Column) -> str:
    """The native type as Prisma names it (``VarChar(10)``), else the family."""
    native = column.type.native
    return str(native) if native is not None and column.type.family != "Enum" else _family_text(column)


def _on(i: int, table: Table) -> Callable[..., Check]:
    """A maker of checks on ``table`` for step ``i``: ``make(kind, column, previous_type=..., ...)``."""

    def make(kind: CheckKind, column: str | None = None, previous_type: str = "", next_type: str = "") -> Check:
        return Check(kind, i, table.name, table.schema, column, previous_type, next_type)

    return make


_CASTS: Mapping[str, CheckKind] = {"risky": "RiskyCast", "not_castable": "NotCastable"}


def _cast_kind(change: str | None) -> CheckKind | None:
    return _CASTS.get(change or "")


def _column_checks(i: int, table: Table, step: DiffStep) -> list[Check]:
    check = _on(i, table)
    out: list[Check] = []
    for change in step.changes:
        prev, nxt = change.previous, change.next
        if change.kind == "DropColumn" and prev is not None:
            out.append(check("NonEmptyColumnDrop", prev.name))
        elif change.kind == "AddColumn" and nxt is not None:
            if nxt.type.is_required and nxt.default is None:
                out.append(check("AddedRequiredFieldToTable", nxt.name))
        elif change.kind == "DropPrimaryKey":
            out.append(check("PrimaryKeyChange"))
        elif change.kind == "AlterColumn" and prev is not None and nxt is not None:
            ch = change.changes
            if ch.arity and prev.type.arity == "nullable" and nxt.type.is_required:
                out.append(check("MadeOptionalFieldRequired", prev.name))
            if ch.arity and not prev.type.is_list and nxt.type.is_list:
                out.append(check("MadeScalarFieldIntoArrayField", prev.name))
            kind = _cast_kind(ch.type_change)
            if kind is not None:
                out.append(check(kind, prev.name, _type_text(prev), _type_text(nxt)))
        elif change.kind == "DropAndRecreateColumn" and prev is not None and nxt is not None:
            required = nxt.type.is_required and nxt.default is None
            if change.changes.arity and prev.type.arity == "nullable" and required:
                out.append(check("AddedRequiredFieldToTable", prev.name))
            elif required:
                out.append(check("DropAndRecreateRequiredColumn", prev.name))
            else:
                out.append(check("DropAndRecreateColumn", prev.name))
    return out


def _redefine_checks(i: int, step: DiffStep) -> list[Check]:
    out: list[Check] = []
    for r in step.redefines:
        check = _on(i, r.previous)
        if r.dropped_primary_key:
            out.append(check("PrimaryKeyChange"))
        out.extend(check("AddedRequiredFieldToTable", c.name) for c in r.added if c.type.is_required and not c.default)
        out.extend(check("NonEmptyColumnDrop", c.name) for c in r.dropped)
        for prev, nxt, ch in r.pairs:
            became_required = prev.type.arity == "nullable" and nxt.type.is_required
            if not ch.type and not became_required:
                continue
            if ch.arity and nxt.type.is_required and nxt.default is None:
                out.append(check("MadeOptionalFieldRequired", prev.name))
            kind = _cast_kind(ch.type_change)
            if kind is not None:
                out.append(check(kind, prev.name, _family_text(prev), _family_text(nxt)))
    return out


def checks(migration: Migration) -> tuple[Check, ...]:
    """The destructive-change checks of a migration, step by step."""
    out: list[Check] = []
    for i, step in enumerate(migration.plan):
        if step.kind == "AlterTable" and step.table is not None:
            out += _column_checks(i, step.table, step)
        elif step.kind == "RedefineTables":
            out += _redefine_checks(i, step)
        elif step.kind == "DropTable" and step.table is not None:
            out.append(Check("NonEmptyTableDrop", i, step.table.name, step.table.schema))
        elif step.kind == "CreateIndex" and step.index is not None and step.table is not None:
            if step.key[0] != -1 and not step.from_recreate and step.index.is_unique:
                out.append(Check("UniqueConstraintAddition", i, step.table.name, values=step.index.column_names))
        elif step.kind == "AlterEnum" and step.dropped_values and step.next_enum is not None:
            out.append(Check("EnumValueRemoval", i, step.next_enum.name, values=step.dropped_values))
    return tuple(out)


def check_queries(migration: Migration) -> list[tuple[CountKey, str]]:
    """The ``COUNT(*)`` queries the checks need, once each: ``[(key, sql), ...]``."""
    flavour = get_flavour(migration.flavour)
    keys: list[CountKey] = []
    for check in checks(migration):
        for key in (check.row_count_key, check.value_count_key):
            if key is not None and key not in keys:
                keys.append(key)
    out: list[tuple[CountKey, str]] = []
    for key in keys:
        namespace, table, column = key
        sql = f"SELECT COUNT(*) FROM {flavour.table_name(table, namespace)}"
        if column is not None:
            sql += f" WHERE {flavour.quote(column)} IS NOT NULL"
        out.append((key, sql))
    return out


def _table_drop(check: Check, rows: int | None, values: int | None) -> str | None:
    t = check.table
    if rows == 0:
        return None
    if rows is None:
        return (
            f"You are about to drop the `{t}` table. If the table is not empty, all the data it contains will be lost."
        )
    return f"You are about to drop the `{t}` table, which is not empty ({rows} rows)."


def _column_drop(check: Check, rows: int | None, values: int | None) -> str | None:
    t, c = check.table, check.column
    if rows == 0 or values == 0:
        return None
    head = f"You are about to drop the column `{c}` on the `{t}` table"
    if values is None:
        return f"{head}. All the data in the column will be lost."
    return f"{head}, which still contains {values} non-null values."


def _drop_and_recreate(check: Check, rows: int | None, values: int | None) -> str | None:
    if rows == 0 or values == 0:
        return None
    tail = "This will lead to data loss"
    tail += " if there is data in the column." if values is None else "."
    return f"The `{check.column}` column on the `{check.table}` table would be dropped and recreated. {tail}"


def _cast(check: Check, rows: int | None, values: int | None) -> str | None:
    if rows == 0 or values == 0:
        return None
    cast = f"The data in that column will be cast from `{check.previous_type}` to `{check.next_type}`."
    if check.kind == "NotCastable":
        cast += " This cast may fail. Please make sure the data in the column can be cast."
    head = f"You are about to alter the column `{check.column}` on the `{check.table}` table"
    if values is not None:
        return f"{head}, which contains {values} non-null values. {cast}"
    lost = " The data in that column could be lost." if check.kind == "RiskyCast" else ""
    return f"{head}.{lost} {cast}"


def _primary_key(check: Check, rows: int | None, values: int | None) -> str | None:
    if rows == 0:
        return None
    return (
        f"The primary key for the `{check.table}` table will be changed. "
        "If it partially fails, the table could be left without primary key constraint."
    )


def _unique(check: Check, rows: int | None, values: int | None) -> str | None:
    return (
        f"A unique constraint covering the columns `[{','.join(check.values)}]` on the table `{check.table}` "
        "will be added. If there are existing duplicate values, this will fail."
    )


def _enum_values(check: Check, rows: int | None, values: int | None) -> str | None:
    return (
        f"The values [{','.join(check.values)}] on the enum `{check.table}` will be removed. "
        "If these variants are still used in the database, this will fail."
    )


def _added_required(check: Check, rows: int | None, values: int | None) -> str | None:
    if rows == 0:
        return None
    detail = (
        "This is not possible if the table is not empty."
        if rows is None
        else f"There are {rows} rows in this table, it is not possible to execute this step."
    )
    return f"Added the required column `{check.column}` to the `{check.table}` table without a default value. {detail}"


def _made_required(check: Check, rows: int | None, values: int | None) -> str | None:
    head = f"Made the column `{check.column}` on table `{check.table}` required"
    if rows == 0:
        return None
    if rows is not None and values is not None:
        nulls = rows - values
        return None if nulls == 0 else f"{head}, but there are {nulls} existing NULL values."
    return f"{head}. This step will fail if there are existing NULL values in that column."


def _made_list(check: Check, rows: int | None, values: int | None) -> str | None:
    if rows == 0 or values == 0:
        return None
    head = f"Changed the column `{check.column}` on the `{check.table}` table from a scalar field to a list field."
    if values is not None:
        return f"{head} There are {values} existing non-null values in that column, this step cannot be executed."
    return f"{head} If there are non-null values in that column, this step will fail."


def _recreate_required(check: Check, rows: int | None, values: int | None) -> str | None:
    if rows == 0:
        return None
    head = (
        f"Changed the type of `{check.column}` on the `{check.table}` table. No cast exists, "
        "the column would be dropped and recreated, which cannot be done"
    )
    if rows is None:
        return f"{head} if there is data, since the column is required."
    return f"{head} since the column is required and there is data in the table."


MESSAGES: Mapping[str, Callable[[Check, int | None, int | None], str | None]] = {
    "NonEmptyTableDrop": _table_drop,
    "NonEmptyColumnDrop": _column_drop,
    "DropAndRecreateColumn": _drop_and_recreate,
    "RiskyCast": _cast,
    "NotCastable": _cast,
    "PrimaryKeyChange": _primary_key,
    "UniqueConstraintAddition": _unique,
    "EnumValueRemoval": _enum_values,
    "AddedRequiredFieldToTable": _added_required,
    "MadeOptionalFieldRequired": _made_required,
    "MadeScalarFieldIntoArrayField": _made_list,
    "DropAndRecreateRequiredColumn": _recreate_required,
}
"""Prisma's message per check kind, given the row and non-null value counts (``None``: unknown)."""


def evaluate(migration: Migration, counts: Mapping[CountKey, int] | None = None) -> Diagnostics:
    """Prisma's messages for the checks, given the counts of :func:`check_queries` (or none)."""
    counts = counts or {}
    warnings: list[tuple[int, str]] = []
    unexecutable: list[tuple[int, str]] = []
    for check in checks(migration):
        rows = counts.get(check.row_count_key) if check.row_count_key is not None else None
        values = counts.get(check.value_count_key) if check.value_count_key is not None else None
        message = MESSAGES[check.kind](check, rows, values)
        if message is not None:
            (unexecutable if check.is_unexecutable else warnings).append((check.step, message))
    return Diagnostics(tuple(warnings), tuple(unexecutable))
