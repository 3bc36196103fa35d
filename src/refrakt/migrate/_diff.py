"""``diff(before, after)``: the migration from one :class:`SqlSchema` to another, as Prisma computes it.

Follows Prisma's schema differ (``sql_schema_differ.rs``): tables, columns and enums are paired
by name, indexes and foreign keys by what they cover; created/dropped tables, dropped and created
indexes, altered tables (foreign keys, index renames, column changes), SQLite's table
redefinitions and PostgreSQL's enum steps are collected, then sorted by kind and position. What
differs per database is the :data:`TRAITS` table; ``_render.render_steps`` turns
the steps into SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from refrakt.migrate._diff_model import DiffStep, Migration, RedefineTable, TableChange
from refrakt.migrate._diff_order import sort_steps
from refrakt.migrate._diff_tables import TablePairs, covers_fk, is_implicit_fk_index
from refrakt.migrate._schema import Column, SqlSchema, Table
from refrakt.migrate.flavours import SqlFlavour, get_flavour


@dataclass(frozen=True, slots=True)
class DiffTraits:
    redefine_tables: bool = False
    """Tables change by being rebuilt (SQLite) rather than by ``ALTER TABLE``."""
    can_rename_index: bool = True
    can_rename_foreign_key: bool = False
    unnamed_foreign_keys: bool = False
    foreign_keys_of_created_tables: bool = True
    """``AddForeignKey`` steps for created tables (not SQLite: they are inline)."""
    indexes_of_created_tables: bool = True
    """``CreateIndex`` steps for created tables (not MySQL: they are inline)."""
    drop_foreign_keys_of_dropped_tables: bool = True
    recreate_indexes_after_column_drop: bool = False
    skip_foreign_key_indexes: bool = False
    """MySQL: an index that backs a foreign key goes with the foreign key."""
    enum_steps: bool = False
    namespaces: bool = False


TRAITS: dict[str, DiffTraits] = {
    "sqlite": DiffTraits(
        redefine_tables=True,
        can_rename_index=False,
        unnamed_foreign_keys=True,
        foreign_keys_of_created_tables=False,
        drop_foreign_keys_of_dropped_tables=False,
    ),
    "postgres": DiffTraits(
        can_rename_foreign_key=True, recreate_indexes_after_column_drop=True, enum_steps=True, namespaces=True
    ),
    "mysql": DiffTraits(indexes_of_created_tables=False, skip_foreign_key_indexes=True),
}


class _Differ(TablePairs):
    def __init__(self, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> None:
        super().__init__(before, after, flavour.NAME)
        self.flavour = flavour
        self.traits = TRAITS[flavour.NAME]
        self.steps: list[DiffStep] = []
        prev = {(t.schema, t.name): t for t in before.tables}
        nxt = {(t.schema, t.name): t for t in after.tables}
        self.pairs = [(t, nxt[k]) for k, t in prev.items() if k in nxt]
        self.created = [t for k, t in nxt.items() if k not in prev]
        self.dropped = [t for k, t in prev.items() if k not in nxt]
        self.redefined = [p for p in self.pairs if self.traits.redefine_tables and self._needs_redefine(*p)]
        self.redefined_names = {p[0].name for p in self.redefined}

    # --- SQLite redefinitions -----------------------------------------------------------------------------

    def _needs_redefine(self, prev: Table, nxt: Table) -> bool:
        return (
            (prev.primary_key is None) != (nxt.primary_key is None)
            or self.primary_key_changed(prev, nxt)
            or bool(self.dropped_columns(prev, nxt))
            or any(c.type.is_required for c in self.added_columns(prev, nxt))
            or any(self.changes(p, n).any for p, n in self.column_pairs(prev, nxt))
            or bool(self.created_fks(prev, nxt))
            or bool(self.dropped_fks(prev, nxt))
        )

    # --- steps ----------------------------------------------------------------------------------------------

    def push(self, kind: str, key: tuple[object, ...], **fields: object) -> None:
        self.steps.append(DiffStep(kind, key, **fields))  # pyright: ignore[reportArgumentType]

    def run(self) -> list[DiffStep]:
        self.push_namespaces_and_extensions()
        self.push_created_tables()
        self.push_dropped_tables()
        self.push_dropped_indexes()
        self.push_created_indexes()
        self.push_altered_tables()
        self.push_redefined_tables()
        if self.traits.enum_steps:
            self.push_enum_steps()
        return sort_steps(self.steps)

    def push_namespaces_and_extensions(self) -> None:
        if not self.traits.namespaces:
            return
        for i, name in enumerate(self.after.namespaces):
            if name not in self.before.namespaces:
                self.push("CreateSchema", (i,), name=name)
        old = {e.name for e in self.before.extensions}
        for i, ext in enumerate(self.after.extensions):
            if ext.name not in old:
                self.push("CreateExtension", (i,), name=ext.name)

    def push_created_tables(self) -> None:
        for table in self.created:
            tid = self.tid(table, next_=True)
            self.push("CreateTable", (tid,), table=table)
            if self.traits.foreign_keys_of_created_tables:
                for fk in table.foreign_keys:
                    self.push("AddForeignKey", self.fid(table, fk, next_=True), table=table, foreign_key=fk)
            if self.traits.indexes_of_created_tables:
                for index in table.indexes:
                    key = (-1, tid, self.iid(table, index, next_=True), False)
                    self.push("CreateIndex", key, table=table, index=index)

    def push_dropped_tables(self) -> None:
        for table in self.dropped:
            self.push("DropTable", (self.tid(table, next_=False),), table=table)
            if self.traits.drop_foreign_keys_of_dropped_tables:
                for fk in table.foreign_keys:
                    self.push("DropForeignKey", self.fid(table, fk, next_=False), table=table, foreign_key=fk)

    def non_redefined_pairs(self) -> list[tuple[Table, Table]]:
        return [p for p in self.pairs if p[0].name not in self.redefined_names]

    def push_dropped_indexes(self) -> None:
        for prev, nxt in self.non_redefined_pairs():
            for index in self.dropped_indexes(prev, nxt):
                if self.traits.skip_foreign_key_indexes and covers_fk(prev, index):
                    continue
                self.push("DropIndex", self.iid(prev, index, next_=False), table=prev, index=index)
        if self.redefined and self.traits.redefine_tables:
            for table in self.dropped:
                for index in table.indexes:
                    self.push("DropIndex", self.iid(table, index, next_=False), table=table, index=index)

    def push_created_indexes(self) -> None:
        for prev, nxt in self.non_redefined_pairs():
            ids = (self.tid(prev, next_=False), self.tid(nxt, next_=True))
            for index in self.created_indexes(prev, nxt):
                if self.traits.skip_foreign_key_indexes and is_implicit_fk_index(nxt, index):
                    continue
                self.push("CreateIndex", (*ids, self.iid(nxt, index, next_=True), False), table=nxt, index=index)
            if not self.traits.recreate_indexes_after_column_drop:
                continue
            recreated = {
                n.name for p, n in self.column_pairs(prev, nxt) if self.changes(p, n).type_change == "not_castable"
            }
            for _, index in self.index_pairs(prev, nxt):
                if recreated & set(index.column_names):
                    key = (*ids, self.iid(nxt, index, next_=True), True)
                    self.push("CreateIndex", key, table=nxt, index=index, from_recreate=True)

    def push_altered_tables(self) -> None:
        for prev, nxt in self.non_redefined_pairs():
            self.push_foreign_key_changes(prev, nxt)
            ids = (self.tid(prev, next_=False), self.tid(nxt, next_=True))
            for a, b in self.index_pairs(prev, nxt):
                if a.name != b.name:
                    kind = "RenameIndex" if self.traits.can_rename_index else "RedefineIndex"
                    key = (self.iid(prev, a, next_=False), self.iid(nxt, b, next_=True))
                    self.push(kind, key, table=prev, next_table=nxt, index=a, next_index=b)
            changes = self.table_changes(prev, nxt)
            if changes:
                self.push("AlterTable", ids, table=prev, next_table=nxt, changes=tuple(changes))

    def push_foreign_key_changes(self, prev: Table, nxt: Table) -> None:
        for fk in self.created_fks(prev, nxt):
            self.push("AddForeignKey", self.fid(nxt, fk, next_=True), table=nxt, foreign_key=fk)
        for fk in self.dropped_fks(prev, nxt):
            self.push("DropForeignKey", self.fid(prev, fk, next_=False), table=prev, foreign_key=fk)
        if self.traits.unnamed_foreign_keys:
            return
        for a, b in self.fk_pairs(prev, nxt):
            if a.name == b.name or a.name is None or b.name is None:
                continue
            if _is_m2m(prev) and _is_m2m(nxt):
                continue
            if self.traits.can_rename_foreign_key:
                key = (self.fid(prev, a, next_=False), self.fid(nxt, b, next_=True))
                self.push("RenameForeignKey", key, table=prev, next_table=nxt, foreign_key=a, next_foreign_key=b)
            else:
                self.push("AddForeignKey", self.fid(nxt, b, next_=True), table=nxt, foreign_key=b)
                self.push("DropForeignKey", self.fid(prev, a, next_=False), table=prev, foreign_key=a)

    def table_changes(self, prev: Table, nxt: Table) -> list[TableChange]:
        changes: list[TableChange] = []
        pk_changed = self.primary_key_changed(prev, nxt)
        if (prev.primary_key is not None and nxt.primary_key is None) or pk_changed:
            changes.append(TableChange("DropPrimaryKey"))
        if (
            prev.primary_key is not None
            and nxt.primary_key is not None
            and prev.primary_key.name != nxt.primary_key.name
        ):
            changes.append(TableChange("RenamePrimaryKey"))
        changes.extend(TableChange("DropColumn", previous=c) for c in self.dropped_columns(prev, nxt))
        changes.extend(TableChange("AddColumn", next=c) for c in self.added_columns(prev, nxt))
        altered: list[tuple[int, TableChange]] = []
        for p, n in self.column_pairs(prev, nxt):
            ch = self.changes(p, n)
            if not ch.any:
                continue
            kind = "DropAndRecreateColumn" if ch.type_change == "not_castable" else "AlterColumn"
            altered.append((prev.columns.index(p), TableChange(kind, previous=p, next=n, changes=ch)))
        changes.extend(c for _, c in sorted(altered, key=lambda x: x[0]))
        if (prev.primary_key is None and nxt.primary_key is not None) or pk_changed:
            changes.append(TableChange("AddPrimaryKey"))
        return changes

    def push_redefined_tables(self) -> None:
        if not self.redefined:
            return
        redefines: list[RedefineTable] = []
        for prev, nxt in self.redefined:
            pairs = tuple((p, n, self.changes(p, n)) for p, n in self.column_pairs(prev, nxt))
            redefines.append(
                RedefineTable(
                    prev,
                    nxt,
                    added=tuple(self.added_columns(prev, nxt)),
                    dropped=tuple(self.dropped_columns(prev, nxt)),
                    pairs=pairs,
                    dropped_primary_key=prev.primary_key is not None
                    and (nxt.primary_key is None or self.primary_key_changed(prev, nxt)),
                )
            )
        self.push("RedefineTables", (), redefines=tuple(redefines))

    def push_enum_steps(self) -> None:
        before = {(e.schema, e.name): (i, e) for i, e in enumerate(self.before.enums)}
        after = {(e.schema, e.name): (i, e) for i, e in enumerate(self.after.enums)}
        for key, (i, old) in before.items():
            if key not in after:
                continue
            j, new = after[key]
            added = tuple(v for v in new.values if v not in old.values)
            removed = tuple(v for v in old.values if v not in new.values)
            if not added and not removed:
                continue
            usages = self.enum_default_usages(old.name) if removed else ()
            self.push(
                "AlterEnum",
                (i, j),
                enum=old,
                next_enum=new,
                added_values=added,
                dropped_values=removed,
                default_usages=usages,
            )
        for key, (j, new) in after.items():
            if key not in before:
                self.push("CreateEnum", (j,), enum=new)
        for key, (i, old) in before.items():
            if key not in after:
                self.push("DropEnum", (i,), enum=old)

    def enum_default_usages(self, enum: str) -> tuple[tuple[Table, Column, Column | None], ...]:
        def uses(c: Column | None) -> bool:
            return c is not None and c.type.family == "Enum" and c.type.enum == enum and c.default is not None

        usages: list[tuple[Table, Column, Column | None]] = []
        for table in self.dropped:
            usages.extend((table, c, None) for c in table.columns if uses(c))
        for prev, nxt in self.pairs:
            usages.extend((prev, c, None) for c in self.dropped_columns(prev, nxt) if uses(c))
            for p, n in self.column_pairs(prev, nxt):
                if uses(p):
                    usages.append((prev, p, n if uses(n) else None))
        return tuple(usages)


def _is_m2m(table: Table) -> bool:
    return len(table.columns) == 2 and table.column("A") is not None and table.column("B") is not None


def diff_plan(before: SqlSchema, after: SqlSchema, flavour: str | SqlFlavour | None = None) -> list[DiffStep]:
    """The abstract, ordered steps from ``before`` to ``after``."""
    flav = get_flavour(flavour if flavour is not None else after.flavour)
    return _Differ(before, after, flav).run()


def diff(before: SqlSchema, after: SqlSchema, flavour: str | SqlFlavour | None = None) -> Migration:
    """The migration from ``before`` to ``after`` (``prisma migrate diff``), with its SQL steps."""
    from refrakt.migrate._render import render_steps

    flav = get_flavour(flavour if flavour is not None else after.flavour)
    plan = tuple(_Differ(before, after, flav).run())
    return Migration(before, after, flav.NAME, plan, tuple(render_steps(plan, before, after, flav)))
