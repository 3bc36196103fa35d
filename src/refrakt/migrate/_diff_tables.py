"""Pairing two versions of a table: columns by name, indexes and foreign keys by what they cover.

Follows Prisma's ``sql_schema_differ/table.rs`` and ``foreign_keys_match``; positions in the
schemas (``tid``, ``iid``, ``fid``) are the ids steps are sorted by.
"""

from __future__ import annotations

from refrakt.migrate._diff_columns import ColumnChanges, column_changes
from refrakt.migrate._schema import Column, ForeignKey, Index, SqlSchema, Table
from refrakt.migrate.flavours._base import operator_class_sql


def _pos(tables: tuple[Table, ...], table: Table) -> int:
    return next(i for i, t in enumerate(tables) if t is table)


class TablePairs:
    def __init__(self, before: SqlSchema, after: SqlSchema, name: str) -> None:
        self.before, self.after = before, after
        self.name = name

    # --- ids --------------------------------------------------------------------------------------------

    def tid(self, table: Table, *, next_: bool) -> int:
        return _pos((self.after if next_ else self.before).tables, table)

    def iid(self, table: Table, index: Index, *, next_: bool) -> tuple[int, int]:
        return self.tid(table, next_=next_), next(i for i, x in enumerate(table.indexes) if x is index)

    def fid(self, table: Table, fk: ForeignKey, *, next_: bool) -> tuple[int, int]:
        return self.tid(table, next_=next_), next(i for i, x in enumerate(table.foreign_keys) if x is fk)

    # --- columns ------------------------------------------------------------------------------------------

    def changes(self, previous: Column, next_: Column) -> ColumnChanges:
        return column_changes(previous, next_, (self.before, self.after), self.name)

    def column_pairs(self, prev: Table, nxt: Table) -> list[tuple[Column, Column]]:
        """Pairs in name order (Prisma keeps columns in a map by name)."""
        names = sorted({c.name for c in prev.columns} & {c.name for c in nxt.columns})
        return [(_col(prev, n), _col(nxt, n)) for n in names]

    def added_columns(self, prev: Table, nxt: Table) -> list[Column]:
        """In name order, like every column walk of Prisma's differ."""
        return sorted((c for c in nxt.columns if prev.column(c.name) is None), key=lambda c: c.name)

    def dropped_columns(self, prev: Table, nxt: Table) -> list[Column]:
        return sorted((c for c in prev.columns if nxt.column(c.name) is None), key=lambda c: c.name)

    # --- keys and indexes ---------------------------------------------------------------------------------

    def primary_key_changed(self, prev: Table, nxt: Table) -> bool:
        a, b = prev.primary_key, nxt.primary_key
        if a is None or b is None:
            return False
        if len(a.columns) != len(b.columns):
            return True
        for x, y in zip(a.columns, b.columns, strict=True):
            if x.name != y.name or (x.sort or "Asc") != (y.sort or "Asc") or x.length != y.length:
                return True
        return any(self.changes(p, n).type for p, n in self.column_pairs(prev, nxt) if p.name in a.column_names)

    def indexes_match(self, a: Index, b: Index) -> bool:
        if len(a.columns) != len(b.columns) or a.kind != b.kind:
            return False
        for x, y in zip(a.columns, b.columns, strict=True):
            if x.name != y.name or x.length != y.length or (x.sort or "Asc") != (y.sort or "Asc"):
                return False
            if self.name == "postgres" and _opclass(x.operator_class) != _opclass(y.operator_class):
                return False
        return self.name != "postgres" or (a.algorithm or "BTree") == (b.algorithm or "BTree")

    def created_indexes(self, prev: Table, nxt: Table) -> list[Index]:
        return [i for i in nxt.indexes if not any(self.indexes_match(p, i) for p in prev.indexes)]

    def dropped_indexes(self, prev: Table, nxt: Table) -> list[Index]:
        return [i for i in prev.indexes if not any(self.indexes_match(i, n) for n in nxt.indexes)]

    def index_pairs(self, prev: Table, nxt: Table) -> list[tuple[Index, Index]]:
        pairs: list[tuple[Index, Index]] = []
        for left in prev.indexes:
            twins = [r for r in prev.indexes if r.column_names == left.column_names and r.kind == left.kind]
            if len(twins) != 1:
                continue
            match = next((n for n in nxt.indexes if self.indexes_match(left, n)), None)
            if match is not None:
                pairs.append((left, match))
        return pairs

    def fks_match(self, prev: Table, nxt: Table, a: ForeignKey, b: ForeignKey) -> bool:
        if a.referenced_table != b.referenced_table or a.referenced_schema != b.referenced_schema:
            return False
        if len(a.columns) != len(b.columns) or a.referenced_columns != b.referenced_columns:
            return False
        if (a.on_delete, a.on_update) != (b.on_delete, b.on_update):
            return False
        for x, y in zip(a.columns, b.columns, strict=True):
            pc, nc = prev.column(x), nxt.column(y)
            if x != y or pc is None or nc is None or self.changes(pc, nc).type:
                return False
            if pc.type.arity != nc.type.arity and not (pc.type.is_required and nc.type.arity == "nullable"):
                return False
        return True

    def created_fks(self, prev: Table, nxt: Table) -> list[ForeignKey]:
        return [b for b in nxt.foreign_keys if not any(self.fks_match(prev, nxt, a, b) for a in prev.foreign_keys)]

    def dropped_fks(self, prev: Table, nxt: Table) -> list[ForeignKey]:
        return [a for a in prev.foreign_keys if not any(self.fks_match(prev, nxt, a, b) for b in nxt.foreign_keys)]

    def fk_pairs(self, prev: Table, nxt: Table) -> list[tuple[ForeignKey, ForeignKey]]:
        seen: set[int] = set()
        pairs: list[tuple[ForeignKey, ForeignKey]] = []
        for a in prev.foreign_keys:
            for j, b in enumerate(nxt.foreign_keys):
                if j not in seen and self.fks_match(prev, nxt, a, b):
                    seen.add(j)
                    pairs.append((a, b))
                    break
        return pairs


def _opclass(name: str | None) -> str | None:
    """An operator class in SQL (``jsonb_path_ops``), whether named the Prisma way or the SQL way."""
    return None if name is None else operator_class_sql(name)


def _col(table: Table, name: str) -> Column:
    column = table.column(name)
    assert column is not None
    return column


def covers_fk(table: Table, index: Index) -> bool:
    names = index.column_names
    return any(fk.columns == names[: len(fk.columns)] for fk in table.foreign_keys)


def is_implicit_fk_index(table: Table, index: Index) -> bool:
    """The index InnoDB creates for a foreign key (named after it), seen in a described database.

    A data model never has it, so a diff towards a described database must not create it.
    """
    return any(fk.name == index.name for fk in table.foreign_keys) and covers_fk(table, index)
