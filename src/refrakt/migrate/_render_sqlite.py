"""SQLite statements of diff steps: tables are redefined by copying (``new_X``), foreign keys live
in ``CREATE TABLE``, a dropped table goes with ``foreign_keys`` off (Prisma's ``sqlite/renderer.rs``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from refrakt.migrate._diff_model import DiffStep, RedefineTable
from refrakt.migrate._render_common import create_index, create_table
from refrakt.migrate._schema import SqlSchema
from refrakt.migrate.flavours import SqlFlavour
from refrakt.migrate.flavours.sqlite import SQLiteFlavour


def _sqlite(flavour: SqlFlavour) -> SQLiteFlavour:
    assert isinstance(flavour, SQLiteFlavour)
    return flavour


def _drop_table(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None
    return ["PRAGMA foreign_keys=off", f"DROP TABLE {flavour.quote(step.table.name)}", "PRAGMA foreign_keys=on"]


def _drop_index(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.index is not None
    return [f"DROP INDEX {flavour.quote(step.index.name)}"]


def _redefine_index(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.index is not None and step.next_table is not None and step.next_index is not None
    return [
        f"DROP INDEX {flavour.quote(step.index.name)}",
        flavour.render_create_index(step.next_table, step.next_index),
    ]


def _alter_table(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None and step.next_table is not None
    sqlite = _sqlite(flavour)
    out: list[str] = []
    for change in step.changes:
        if change.kind != "AddColumn" or change.next is None:
            raise NotImplementedError(f"{change.kind} in ALTER TABLE on SQLite")
        column = sqlite.render_column(change.next, step.next_table, after)
        out.append(f"ALTER TABLE {flavour.quote(step.table.name)} ADD COLUMN {column}")
    return out


def _copy(redefine: RedefineTable, temporary: str, after: SqlSchema, flavour: SqlFlavour) -> str | None:
    if not redefine.pairs:
        return None
    targets: list[str] = []
    sources: list[str] = []
    for previous, nxt, changes in redefine.pairs:
        targets.append(flavour.quote(nxt.name))
        name = flavour.quote(previous.name)
        default = flavour.default_sql(nxt, redefine.next, after) if nxt.default is not None else None
        if changes.arity and nxt.type.is_required and default is not None:
            sources.append(f"coalesce({name}, {default}) AS {name}")
        else:
            sources.append(name)
    return (
        f"INSERT INTO {flavour.quote(temporary)} ({', '.join(targets)}) "
        f"SELECT {', '.join(sources)} FROM {flavour.quote(redefine.previous.name)}"
    )


def _redefine_tables(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    out = ["PRAGMA defer_foreign_keys=ON", "PRAGMA foreign_keys=OFF"]
    for redefine in step.redefines:
        nxt = redefine.next
        temporary = f"new_{nxt.name}"
        out.append(flavour.render_create_table(replace(nxt, name=temporary), after))
        copy = _copy(redefine, temporary, after, flavour)
        if copy is not None:
            out.append(copy)
        out.append(f"DROP TABLE {flavour.quote(redefine.previous.name)}")
        out.append(f"ALTER TABLE {flavour.quote(temporary)} RENAME TO {flavour.quote(nxt.name)}")
        out.extend(flavour.render_create_index(nxt, index) for index in nxt.indexes)
    out += ["PRAGMA foreign_keys=ON", "PRAGMA defer_foreign_keys=OFF"]
    return out


SQLITE_RENDERERS: Mapping[str, Callable[[DiffStep, SqlSchema, SqlSchema, SqlFlavour], list[str]]] = {
    "CreateTable": create_table,
    "DropTable": _drop_table,
    "CreateIndex": create_index,
    "DropIndex": _drop_index,
    "RedefineIndex": _redefine_index,
    "AlterTable": _alter_table,
    "RedefineTables": _redefine_tables,
}
