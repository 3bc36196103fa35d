"""Read query IR -> :class:`ReadPlan`: SQL rendered once per shape, and how to turn rows into records.

The root statement selects the queried records; each included relation is one more statement
per level, ``WHERE <link> IN (<parent keys>)`` (one query per include level, no N+1). Paging:

- ``take``/``skip`` become ``LIMIT``/``OFFSET``; a negative ``take`` reverses the ``ORDER BY``
  and the page is reversed back afterwards (Prisma's ``needs_reversed_order``).
- A cursor over a stable ordering of required fields (one that includes a unique field or a
  whole unique criteria) is a SQL condition against the cursor row's values, Prisma's
  ``cursor_condition``; any other cursor, and ``distinct``, are processed in memory on the
  ordered rows (Prisma's ``InMemoryRecordProcessor``), as are all paging arguments of nested
  relations (per parent).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from refrakt._record import record_class
from refrakt._sql import Column, Compare, Dialect, Expr, Join, Or, Param, Raw, Select, Subquery, Table, and_
from refrakt.engine._codecs import Codec
from refrakt.engine._ir import (
    Count,
    CountSelection,
    OrderItem,
    ReadArgs,
    ReadKind,
    ReadQuery,
    RelationSelection,
    Selection,
    Slot,
)
from refrakt.engine._meta import ModelMeta, SchemaIndex
from refrakt.engine._runtime import (
    COUNTS,
    LIST,
    RELATION,
    SCALAR,
    KeyedStatement,
    KeyMarker,
    LevelPlan,
    NestedPlan,
    Paging,
    Template,
)
from refrakt.engine._sql_build import SqlBuilder, col, key_condition, table_of
from refrakt.ir import Field

ROOT = "t0"


@dataclass(frozen=True, slots=True, eq=False)
class ReadPlan:
    """A planned ``find_*``: the root statement, its paging, and its levels of records."""

    model: str
    kind: ReadKind
    raise_if_missing: bool
    statement: Template
    paging: Paging | None
    reverse: bool
    level: LevelPlan


class Columns:
    """The select list of one statement; each column is added once and known by position."""

    __slots__ = ("_index", "alias", "exprs")

    def __init__(self, alias: str) -> None:
        self.alias = alias
        self.exprs: list[Expr] = []
        self._index: dict[Any, int] = {}

    def field(self, field: Field) -> int:
        return self.expr(col(field, self.alias))

    def expr(self, expr: Expr) -> int:
        position = self._index.get(expr)
        if position is None:
            position = len(self.exprs)
            self.exprs.append(expr)
            self._index[expr] = position
        return position


def limit_expr(count: Count) -> Expr | None:
    if count is None:
        return None
    return Param(count) if isinstance(count, Slot) else Raw(str(int(count)))


def cursor_in_sql(model: ModelMeta, items: Sequence[OrderItem]) -> bool:
    """A cursor can be a SQL condition: plain, required scalars that order the records totally."""
    if not items or not all(i.is_plain_scalar and i.field is not None and i.field.is_required for i in items):
        return False
    names = {i.field.name for i in items if i.field is not None}
    if any(model.is_unique_field(n) for n in names):
        return True
    return any(all(f.name in names for f in fields) for fields in model.uniques.values())


class Planner:
    """Plans read queries for one database (dialect + codec)."""

    def __init__(self, schema: SchemaIndex, dialect: Dialect, codec: Codec) -> None:
        self.schema = schema
        self.dialect = dialect
        self.codec = codec

    def render(self, node: Select) -> Template:
        sql, params = self.dialect.render(node)
        return Template(sql, params)

    # --- the root ------------------------------------------------------------------------------------

    def plan_read(self, query: ReadQuery) -> ReadPlan:
        model, args = query.model, query.args
        builder = SqlBuilder(self.schema)
        columns = Columns(ROOT)
        level = self.plan_level(query.selection, builder, columns)
        where = builder.condition(args.where, model, ROOT) if args.where is not None else None
        order, joins = builder.order(args.order_by, model, ROOT, reverse=args.reverse)
        in_memory = bool(args.distinct) or (bool(args.cursor) and not cursor_in_sql(model, args.order_by))
        paging: Paging | None = None
        limit = offset = None
        if in_memory:
            paging = self.memory_paging(args, columns)
        else:
            if args.cursor:
                where = and_(where, self.cursor_condition(builder, model, args))
            limit, offset = limit_expr(args.take), limit_expr(args.skip)
        select = Select(
            tuple(columns.exprs),
            table_of(model, ROOT),
            joins,
            where=where,
            order_by=order,
            limit=limit,
            offset=offset,
        )
        return ReadPlan(
            model=model.name,
            kind=query.kind,
            raise_if_missing=query.raise_if_missing,
            statement=self.render(select),
            paging=paging,
            reverse=args.reverse and not in_memory,
            level=level,
        )

    def memory_paging(self, args: ReadArgs, columns: Columns) -> Paging:
        return Paging(
            reverse=args.reverse,
            cursor=tuple((columns.field(f), slot) for f, slot in args.cursor),
            skip=args.skip,
            take=args.take,
            distinct=tuple(columns.field(f) for f in args.distinct),
        )

    def cursor_condition(self, builder: SqlBuilder, model: ModelMeta, args: ReadArgs) -> Expr:
        """Rows at or after the cursor row in the ordering (Prisma's ``cursor_condition``)."""
        alias = builder.aliases.next()
        at_cursor = and_(*(Compare(col(f, alias), "=", Param(slot)) for f, slot in args.cursor))

        def cursor_value(field: Field) -> Expr:
            return Subquery(Select((col(field, alias),), table_of(model, alias), where=at_cursor))

        def compare(field: Field, desc: bool, include_equal: bool) -> Expr:
            after = desc == args.reverse  # ascending forwards, or descending backwards: greater
            op = (">=" if include_equal else ">") if after else ("<=" if include_equal else "<")
            return Compare(col(field, ROOT), op, cursor_value(field))  # pyright: ignore[reportArgumentType]

        items = [(i.field, i.desc) for i in args.order_by if i.field is not None]
        n = len(items)
        if n == 1:
            return compare(items[0][0], items[0][1], True)
        alternatives: list[Expr] = []
        for k in range(n):
            head, (field, desc) = items[: n - k - 1], items[n - k - 1]
            terms: list[Expr] = [Compare(col(f, ROOT), "=", cursor_value(f)) for f, _ in head]
            terms.append(compare(field, desc, len(head) == n - 1))
            alternatives.append(and_(*terms))
        return Or(tuple(alternatives))

    # --- levels ----------------------------------------------------------------------------------------

    def plan_level(self, selection: Selection, builder: SqlBuilder, columns: Columns) -> LevelPlan:
        """Output columns first (in output order), then what relations and counts need."""
        model = selection.model
        items: list[tuple[int, str, Any, Any]] = []
        for item in selection.items:
            if isinstance(item, Field):
                kind = LIST if item.is_list else SCALAR
                items.append((kind, item.name, columns.field(item), self.codec.decoder(item)))
        nested: list[NestedPlan] = []
        position = 0
        ordered: list[tuple[int, str, Any, Any]] = []
        for item in selection.items:
            if isinstance(item, Field):
                ordered.append(items[position])
                position += 1
            elif isinstance(item, RelationSelection):
                ordered.append((RELATION, item.relation.name, 0, None))
                nested.append(self.plan_nested(item, columns))
            else:
                ordered.append((COUNTS, "_count", self.count_columns(item, builder, columns), None))
        cls = record_class(model.name, frozenset(model.relations))
        return LevelPlan.make(cls, tuple(ordered), tuple(nested))

    def count_columns(
        self, counts: CountSelection, builder: SqlBuilder, columns: Columns
    ) -> tuple[tuple[str, int], ...]:
        return tuple(
            (c.relation.name, columns.expr(builder.count_subquery(c.relation, columns.alias, c.where)))
            for c in counts.items
        )

    def plan_nested(self, selected: RelationSelection, parent_columns: Columns) -> NestedPlan:
        relation, args = selected.relation, selected.args
        related = self.schema.model(relation.related)
        parent_key = tuple(parent_columns.field(f) for f in relation.this_fields)
        builder = SqlBuilder(self.schema)
        columns = Columns(ROOT)
        level = self.plan_level(selected.selection, builder, columns)
        joins: list[Join] = []
        key_columns: list[Expr]
        if relation.kind == "join_table":
            assert relation.join_table is not None and relation.this_column and relation.other_column
            jt = builder.aliases.next()
            joins.append(
                Join(
                    Table(relation.join_table, schema=related.schema, alias=jt),
                    Compare(Column(relation.other_column, jt), "=", col(relation.other_fields[0], ROOT)),
                )
            )
            key_columns = [Column(relation.this_column, jt)]
            child_key = (columns.expr(key_columns[0]),)
        else:
            key_columns = [col(f, ROOT) for f in relation.other_fields]
            child_key = tuple(columns.field(f) for f in relation.other_fields)
        where = builder.condition(args.where, related, ROOT) if args.where is not None else None
        order, order_joins = builder.order(args.order_by, related, ROOT, reverse=args.reverse)
        if args.cursor and cursor_in_sql(related, args.order_by):
            where = and_(where, self.cursor_condition(builder, related, args))
        paging = self.memory_paging(args, columns) if args.paginated or args.distinct else None
        base = Select(
            tuple(columns.exprs), table_of(related, ROOT), (*joins, *order_joins), where=where, order_by=order
        )
        width = len(key_columns)

        def build(keys: int) -> Template:
            condition = key_condition(key_columns, width, keys, KeyMarker)
            return self.render(dataclasses.replace(base, where=and_(condition, base.where)))

        return NestedPlan(
            name=relation.name,
            to_one=relation.is_to_one,
            parent_key=parent_key,
            child_key=child_key,
            statement=KeyedStatement(build),
            level=level,
            paging=paging,
        )
