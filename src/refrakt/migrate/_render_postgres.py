"""PostgreSQL statements of diff steps (Prisma's ``postgres/renderer.rs``): one ``ALTER TABLE`` with
comma-separated clauses per table, ``ALTER TYPE ... ADD VALUE`` or the rename-and-recreate dance
for enums, ``ALTER INDEX ... RENAME``, ``RENAME CONSTRAINT``."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from refrakt.migrate._diff_model import DiffStep, TableChange
from refrakt.migrate._render_common import create_index, create_table
from refrakt.migrate._schema import Column, SqlSchema, Table
from refrakt.migrate.flavours import SqlFlavour
from refrakt.migrate.flavours.postgres import PostgresFlavour

_MANY_VALUES_NOTE = (
    "-- This migration adds more than one value to an enum.\n"
    "-- With PostgreSQL versions 11 and earlier, this is not possible\n"
    "-- in a single migration. This can be worked around by creating\n"
    "-- multiple migrations, each migration adding only one value to\n"
    "-- the enum.\n"
)


def _pg(flavour: SqlFlavour) -> PostgresFlavour:
    assert isinstance(flavour, PostgresFlavour)
    return flavour


def _table_name(flavour: SqlFlavour, table: Table) -> str:
    return flavour.table_name(table.name, table.schema)


def _create_schema(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.name is not None
    return [flavour.render_create_schema(step.name)]


def _create_extension(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    extension = next(e for e in after.extensions if e.name == step.name)
    return [flavour.render_create_extension(extension)]


def _create_enum(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.enum is not None
    return [flavour.render_create_enum(step.enum)]


def _drop_enum(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.enum is not None
    return [f"DROP TYPE {flavour.table_name(step.enum.name, step.enum.schema)}"]


def _alter_enum(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    old, new = step.enum, step.next_enum
    assert old is not None and new is not None
    name = flavour.table_name(old.name, old.schema)
    if not step.dropped_values:
        out = [f"ALTER TYPE {name} ADD VALUE {flavour.string(v)}" for v in step.added_values]
        if len(out) > 1:
            out[0] = f"{_MANY_VALUES_NOTE}\n\n{out[0]}"
        return out
    temporary = flavour.table_name(f"{new.name}_new", new.schema)
    out = ["BEGIN", f"CREATE TYPE {temporary} AS ENUM ({', '.join(flavour.string(v) for v in new.values)})"]
    for table, column, _ in step.default_usages:
        out.append(f"ALTER TABLE {_table_name(flavour, table)} ALTER COLUMN {flavour.quote(column.name)} DROP DEFAULT")
    for table in after.tables:
        for column in table.columns:
            if column.type.family != "Enum" or column.type.enum != new.name:
                continue
            array = "[]" if column.type.is_list else ""
            quoted = flavour.quote(column.name)
            out.append(
                f"ALTER TABLE {_table_name(flavour, table)} ALTER COLUMN {quoted} TYPE {temporary}{array} "
                f"USING ({quoted}::text::{temporary}{array})"
            )
    out.append(f"ALTER TYPE {name} RENAME TO {flavour.quote(f'{old.name}_old')}")
    out.append(f"ALTER TYPE {temporary} RENAME TO {flavour.quote(new.name)}")
    out.append(f"DROP TYPE {flavour.table_name(f'{old.name}_old', old.schema)}")
    for table, column, nxt in step.default_usages:
        if nxt is None or nxt.default is None:
            continue
        next_table = next((t for t in after.tables if t.name == table.name and t.schema == table.schema), table)
        default = flavour.default_sql(nxt, next_table, after)
        if default:
            quoted = flavour.quote(column.name)
            out.append(f"ALTER TABLE {_table_name(flavour, table)} ALTER COLUMN {quoted} SET DEFAULT {default}")
    out.append("COMMIT")
    return out


def _drop_table(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None
    return [f"DROP TABLE {_table_name(flavour, step.table)}"]


def _drop_index(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None and step.index is not None
    return [f"DROP INDEX {flavour.table_name(step.index.name, step.table.schema)}"]


def _rename_index(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None and step.index is not None and step.next_index is not None
    old = flavour.table_name(step.index.name, step.table.schema)
    return [f"ALTER INDEX {old} RENAME TO {flavour.quote(step.next_index.name)}"]


def _add_foreign_key(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None and step.foreign_key is not None
    return [flavour.render_add_foreign_key(step.table, step.foreign_key)]


def _drop_foreign_key(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None and step.foreign_key is not None
    name = flavour.quote(step.foreign_key.name or "")
    return [f"ALTER TABLE {_table_name(flavour, step.table)} DROP CONSTRAINT {name}"]


def _rename_foreign_key(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    fk, nxt = step.foreign_key, step.next_foreign_key
    assert step.table is not None and fk is not None and nxt is not None
    old, new = flavour.quote(fk.name or ""), flavour.quote(nxt.name or "")
    return [f"ALTER TABLE {_table_name(flavour, step.table)} RENAME CONSTRAINT {old} TO {new}"]


def _alter_column(
    change: TableChange, table: Table, next_table: Table, after: SqlSchema, flavour: PostgresFlavour
) -> tuple[list[str], list[str], list[str]]:
    """``(before statements, clauses, after statements)`` of one ``AlterColumn``."""
    previous, nxt, changes = change.previous, change.next, change.changes
    assert previous is not None and nxt is not None
    prefix = f"ALTER COLUMN {flavour.quote(previous.name)}"
    before_: list[str] = []
    clauses: list[str] = []
    after_: list[str] = []
    set_type = False
    if changes.arity:
        p, n = previous.type.arity, nxt.type.arity
        if n == "nullable" and p != "nullable":
            clauses.append(f"{prefix} DROP NOT NULL")
        elif n == "required" and p != "required":
            clauses.append(f"{prefix} SET NOT NULL")
        set_type = set_type or "list" in (p, n)
    if changes.default:
        default = flavour.default_sql(nxt, next_table, after) if nxt.default is not None else None
        if nxt.default is None:
            clauses.append(f"{prefix} DROP DEFAULT")
        else:
            clauses.append(f"{prefix} SET DEFAULT {default or ''}")
    set_type = set_type or changes.type
    if changes.autoincrement:
        if previous.autoincrement:
            clauses.append(f"{prefix} DROP DEFAULT")
        else:
            schema = f"{flavour.quote(next_table.schema)}." if next_table.schema else ""
            sequence = f"{schema}{next_table.name}_{nxt.name}_seq".lower()
            before_.append(f"CREATE SEQUENCE {sequence}")
            clauses.append(f"{prefix} SET DEFAULT nextval({flavour.string(sequence)})")
            after_.append(
                f"ALTER SEQUENCE {sequence} OWNED BY {_table_name(flavour, table)}.{flavour.quote(previous.name)}"
            )
    if set_type:
        plain = Column(nxt.name, nxt.type, nxt.default, False)
        clauses.append(f"{prefix} SET DATA TYPE {flavour.column_type_sql(plain, next_table, after)}")
    return before_, clauses, after_


def _alter_table(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    table, nxt = step.table, step.next_table
    assert table is not None and nxt is not None
    pg = _pg(flavour)
    lines: list[str] = []
    first: list[str] = []
    last: list[str] = []
    for change in step.changes:
        if change.kind == "DropPrimaryKey":
            assert table.primary_key is not None
            lines.append(f"DROP CONSTRAINT {flavour.quote(table.primary_key.name or '')}")
        elif change.kind == "RenamePrimaryKey":
            assert table.primary_key is not None and nxt.primary_key is not None
            old, new = flavour.quote(table.primary_key.name or ""), flavour.quote(nxt.primary_key.name or "")
            lines.append(f"RENAME CONSTRAINT {old} TO {new}")
        elif change.kind == "AddPrimaryKey":
            assert nxt.primary_key is not None
            named = f"CONSTRAINT {flavour.quote(nxt.primary_key.name)} " if nxt.primary_key.name else ""
            columns = ", ".join(flavour.quote(c) for c in nxt.primary_key.column_names)
            lines.append(f"ADD {named}PRIMARY KEY ({columns})")
        elif change.kind == "AddColumn":
            assert change.next is not None
            lines.append(f"ADD COLUMN {pg.render_column(change.next, nxt, after)}")
        elif change.kind == "DropColumn":
            assert change.previous is not None
            lines.append(f"DROP COLUMN {flavour.quote(change.previous.name)}")
        elif change.kind == "AlterColumn":
            b, clauses, a = _alter_column(change, table, nxt, after, pg)
            first += b
            lines += clauses
            last += a
        else:
            assert change.previous is not None and change.next is not None
            lines.append(f"DROP COLUMN {flavour.quote(change.previous.name)}")
            lines.append(f"ADD COLUMN {pg.render_column(change.next, nxt, after)}")
    if not lines:
        return []
    separator = ",\n"
    return [*first, f"ALTER TABLE {_table_name(flavour, table)} {separator.join(lines)}", *last]


POSTGRES_RENDERERS: Mapping[str, Callable[[DiffStep, SqlSchema, SqlSchema, SqlFlavour], list[str]]] = {
    "CreateSchema": _create_schema,
    "CreateExtension": _create_extension,
    "CreateEnum": _create_enum,
    "AlterEnum": _alter_enum,
    "DropEnum": _drop_enum,
    "CreateTable": create_table,
    "DropTable": _drop_table,
    "CreateIndex": create_index,
    "DropIndex": _drop_index,
    "RenameIndex": _rename_index,
    "AddForeignKey": _add_foreign_key,
    "DropForeignKey": _drop_foreign_key,
    "RenameForeignKey": _rename_foreign_key,
    "AlterTable": _alter_table,
}
