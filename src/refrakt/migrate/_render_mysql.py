"""MySQL/MariaDB statements of diff steps (Prisma's ``mysql/renderer.rs``): ``MODIFY`` for column
changes, ``DROP INDEX ... ON``, ``DROP FOREIGN KEY``, ``RENAME INDEX``; enums are column types."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from refrakt.migrate._diff_model import DiffStep, TableChange
from refrakt.migrate._render_common import create_index, create_table
from refrakt.migrate._schema import SqlSchema, Table
from refrakt.migrate.flavours import SqlFlavour
from refrakt.migrate.flavours.mysql import MySQLFlavour


def _my(flavour: SqlFlavour) -> MySQLFlavour:
    assert isinstance(flavour, MySQLFlavour)
    return flavour


def _drop_table(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None
    return [f"DROP TABLE {flavour.quote(step.table.name)}"]


def _drop_index(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None and step.index is not None
    return [f"DROP INDEX {flavour.quote(step.index.name)} ON {flavour.quote(step.table.name)}"]


def _rename_index(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None and step.index is not None and step.next_index is not None
    old, new = flavour.quote(step.index.name), flavour.quote(step.next_index.name)
    return [f"ALTER TABLE {flavour.quote(step.table.name)} RENAME INDEX {old} TO {new}"]


def _add_foreign_key(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None and step.foreign_key is not None
    return [flavour.render_add_foreign_key(step.table, step.foreign_key)]


def _drop_foreign_key(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None and step.foreign_key is not None
    name = flavour.quote(step.foreign_key.name or "")
    return [f"ALTER TABLE {flavour.quote(step.table.name)} DROP FOREIGN KEY {name}"]


def _modify(change: TableChange, next_table: Table, after: SqlSchema, flavour: MySQLFlavour) -> str:
    previous, nxt = change.previous, change.next
    assert previous is not None and nxt is not None
    if change.changes.only_default and nxt.default is None:
        return f"ALTER COLUMN {flavour.quote(previous.name)} DROP DEFAULT"
    text = f"MODIFY {flavour.quote(nxt.name)} {flavour.column_type_sql(nxt, next_table, after)}"
    text += " NOT NULL" if nxt.type.is_required else " NULL"
    default = flavour.default_sql(nxt, next_table, after)
    if default:
        text += f" DEFAULT {default}"
    if nxt.autoincrement:
        text += " AUTO_INCREMENT"
    return text


def _alter_table(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    table, nxt = step.table, step.next_table
    assert table is not None and nxt is not None
    my = _my(flavour)
    lines: list[str] = []
    for change in step.changes:
        if change.kind == "DropPrimaryKey":
            lines.append("DROP PRIMARY KEY")
        elif change.kind == "AddPrimaryKey":
            assert nxt.primary_key is not None
            lines.append(f"ADD PRIMARY KEY ({my.index_columns(nxt.primary_key.columns)})")
        elif change.kind == "AddColumn":
            assert change.next is not None
            lines.append(f"ADD COLUMN {my.render_column(change.next, nxt, after)}")
        elif change.kind == "DropColumn":
            assert change.previous is not None
            lines.append(f"DROP COLUMN {flavour.quote(change.previous.name)}")
        elif change.kind == "AlterColumn":
            lines.append(_modify(change, nxt, after, my))
        elif change.kind == "DropAndRecreateColumn":
            assert change.previous is not None and change.next is not None
            lines.append(f"DROP COLUMN {flavour.quote(change.previous.name)}")
            lines.append(f"ADD COLUMN {my.render_column(change.next, nxt, after)}")
    if not lines:
        return []
    separator = ",\n    "
    return [f"ALTER TABLE {flavour.quote(table.name)} {separator.join(lines)}"]


MYSQL_RENDERERS: Mapping[str, Callable[[DiffStep, SqlSchema, SqlSchema, SqlFlavour], list[str]]] = {
    "CreateTable": create_table,
    "DropTable": _drop_table,
    "CreateIndex": create_index,
    "DropIndex": _drop_index,
    "RenameIndex": _rename_index,
    "AddForeignKey": _add_foreign_key,
    "DropForeignKey": _drop_foreign_key,
    "AlterTable": _alter_table,
}
