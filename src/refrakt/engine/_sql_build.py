"""Filter and ordering IR -> SQL expression trees (:mod:`refrakt._sql`), with Prisma's semantics.

Tables are aliased (``t0`` for the queried model, ``t1``, ``t2``... for subqueries and joins),
so that self-relations and nested relation filters never mix up their columns.

- Scalar filters: ``=``/``<>``/``IS NULL``, ``IN``, ``LIKE`` (Prisma does not escape ``%`` and
  ``_`` in ``contains``; neither does refrakt), ``mode="insensitive"`` as ``ILIKE`` where the
  database has it, else ``LOWER(a) LIKE LOWER(b)``; comparisons as ``LOWER(a) < LOWER(b)``.
- Relation filters are correlated ``EXISTS`` subqueries: ``some`` = EXISTS(match), ``none`` =
  NOT EXISTS(match), ``every`` = NOT EXISTS(child that does not match), ``is`` = EXISTS(match),
  ``is_not`` = no related record, or one that does not match (the semantics of Prisma's join).
- Ordering through to-one relations LEFT JOINs them; ordering by a relation's ``_count`` is a
  correlated ``COUNT(*)`` subquery (Prisma joins a grouped subquery; the result is the same).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from refrakt._sql import (
    And,
    ArrayContains,
    Bool,
    Column,
    Compare,
    Concat,
    Exists,
    Expr,
    Func,
    In,
    IsNull,
    Join,
    JsonArrayContains,
    JsonArrayElement,
    JsonCompare,
    JsonEquals,
    JsonExtract,
    JsonTypeEquals,
    JsonTypeIs,
    Like,
    Not,
    Null,
    Or,
    OrderBy,
    Param,
    Raw,
    Row,
    Select,
    Subquery,
    Table,
    TextSearch,
    and_,
)
from refrakt._sql._nodes import JsonKind
from refrakt.engine._ir import (
    AggregateFilter,
    AndFilter,
    ColumnRef,
    Const,
    ConstFilter,
    Filter,
    JsonFilter,
    NotFilter,
    Operand,
    OrderItem,
    OrFilter,
    RelationFilter,
    RelationNullFilter,
    ScalarFilter,
    SearchFilter,
)
from refrakt.engine._meta import ModelMeta, RelationMeta, SchemaIndex
from refrakt.ir import Field

_COMPARE = {"eq": "=", "ne": "<>", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}
_FLIP_NULLS = {"first": "last", "last": "first"}


_AGGREGATES = {"_count": "COUNT", "_avg": "AVG", "_sum": "SUM", "_min": "MIN", "_max": "MAX"}


def aggregate_function(function: str, field: Field) -> str:
    """The SQL aggregate of ``function`` (``_avg``...) over ``field``; PostgreSQL has no MIN/MAX of
    booleans, so those are ``BOOL_MIN``/``BOOL_MAX``, which the dialects name."""
    if field.type == "Boolean" and function in ("_min", "_max"):
        return "BOOL_MIN" if function == "_min" else "BOOL_MAX"
    return _AGGREGATES[function]


def table_of(model: ModelMeta, alias: str) -> Table:
    return Table(model.table, schema=model.schema, alias=alias)


def col(field: Field, alias: str | None) -> Column:
    return Column(field.db_name, alias)


@dataclass(slots=True)
class Aliases:
    """Fresh table aliases for one statement: ``t1``, ``t2``, ..."""

    counter: int = 0

    def next(self) -> str:
        self.counter += 1
        return f"t{self.counter}"


@dataclass(slots=True)
class SqlBuilder:
    """Builds conditions and orderings for one statement (shares its alias counter)."""

    schema: SchemaIndex
    aliases: Aliases = field(default_factory=Aliases)

    # --- links between a record and its related records ---------------------------------------------

    def link(self, relation: RelationMeta, parent: str, child: str) -> Expr:
        """The condition that rows ``child`` (of the related model) belong to row ``parent``."""
        return and_(
            *(
                Compare(col(a, parent), "=", col(b, child))
                for a, b in zip(relation.this_fields, relation.other_fields, strict=True)
            )
        )

    def related_rows(
        self,
        relation: RelationMeta,
        parent: str,
        condition_of_child: Filter | None,
        *,
        invert: bool = False,
        reverse: bool = False,
    ) -> Select:
        """``SELECT 1 FROM <related> WHERE <belongs to parent> AND <condition>`` (negated with ``invert``)."""
        related = self.schema.model(relation.related)
        child = self.aliases.next()
        joins: tuple[Join, ...] = ()
        if relation.kind == "join_table":
            assert relation.join_table is not None and relation.this_column and relation.other_column
            jt = self.aliases.next()
            source = Table(relation.join_table, schema=related.schema, alias=jt)
            joins = (
                Join(
                    table_of(related, child),
                    Compare(Column(relation.other_column, jt), "=", col(relation.other_fields[0], child)),
                ),
            )
            belongs = Compare(Column(relation.this_column, jt), "=", col(relation.this_fields[0], parent))
            select_from: Table = source
        else:
            select_from = table_of(related, child)
            belongs = self.link(relation, parent, child)
        condition: Expr | None = None
        if condition_of_child is not None:
            condition = self.condition(condition_of_child, related, child, reverse)
            if invert:
                condition = Not(condition)
        elif invert:
            condition = Bool(False)
        return Select((Raw("1"),), select_from, joins, where=and_(belongs, condition))

    # --- filters ---------------------------------------------------------------------------------------

    def condition(self, f: Filter, model: ModelMeta, alias: str, reverse: bool = False) -> Expr:
        """``f`` as a condition on rows ``alias`` of ``model``; ``reverse`` is true under an odd
        number of ``NOT`` (only Json filters render differently there, as in Prisma)."""
        if isinstance(f, ScalarFilter):
            return self.scalar(f, alias)
        if isinstance(f, AndFilter):
            return And(tuple(self.condition(i, model, alias, reverse) for i in f.items))
        if isinstance(f, OrFilter):
            return Or(tuple(self.condition(i, model, alias, reverse) for i in f.items))
        if isinstance(f, NotFilter):
            negated = tuple(Not(self.condition(i, model, alias, not reverse)) for i in f.items)
            return negated[0] if len(negated) == 1 else And(negated)
        if isinstance(f, ConstFilter):
            return Bool(f.value)
        if isinstance(f, JsonFilter):
            return self.json(f, alias, reverse)
        if isinstance(f, RelationFilter):
            return self.relation(f, alias, reverse)
        if isinstance(f, RelationNullFilter):
            return self.relation_null(f, alias)
        if isinstance(f, AggregateFilter):
            return self.aggregate(f, alias)
        if isinstance(f, SearchFilter):  # pyright: ignore[reportUnnecessaryIsInstance]
            match = self.search(f, alias)
            return Not(match) if f.negated else match
        raise TypeError(f"not a filter: {f!r}")

    def json(self, f: JsonFilter, alias: str, reverse: bool) -> Expr:
        """A Json filter: the value (at the path) compared, with Prisma's JSON type checks."""
        column = col(f.field, alias)
        value: Expr = column if f.path is None else JsonExtract(column, f.path)
        op = f.op
        if op in ("is_null", "not_null"):
            return IsNull(value, negated=op == "not_null")
        right = self.operand(f.value, alias)
        if op in ("eq", "ne"):
            equal = JsonEquals(value, right)
            return Not(equal) if op == "ne" else equal
        kind: JsonKind
        if op.startswith("string_"):
            text = JsonExtract(column, f.path or (), as_text=True)
            if isinstance(f.value, ColumnRef):
                other = col(f.value.field, alias)
                parts: tuple[Expr, ...] = {
                    "string_contains": (Param("%"), other, Param("%")),
                    "string_starts_with": (other, Param("%")),
                    "string_ends_with": (Param("%"), other),
                }[op]
                right = Concat(parts)
            test: Expr = Like(text, right, insensitive=f.insensitive)
            kind = "string"
        elif op == "array_contains":
            test, kind = JsonArrayContains(value, right), "array"
        elif op in ("array_starts_with", "array_ends_with"):
            test, kind = JsonEquals(JsonArrayElement(value, last=op == "array_ends_with"), right), "array"
        else:
            compare = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">="}[op]
            if isinstance(f.value, ColumnRef):  # another Json field: JSON order within one JSON type
                test = JsonCompare(value, compare, right, numeric=False)  # pyright: ignore[reportArgumentType]
                same = JsonTypeEquals(value, right, negated=reverse)
                return Or((test, same)) if reverse else And((test, same))
            test = JsonCompare(value, compare, right, numeric=f.numeric)  # pyright: ignore[reportArgumentType]
            kind = "number" if f.numeric else "string"
        if reverse:
            return Or((test, JsonTypeIs(value, kind, negated=True)))
        return And((test, JsonTypeIs(value, kind)))

    def operand(self, value: Operand, alias: str) -> Expr:
        if value is None:
            return Null()
        if isinstance(value, ColumnRef):
            return col(value.field, alias)
        if isinstance(value, Const):
            return Param(value.value)
        return Param(value)

    def scalar(self, f: ScalarFilter, alias: str, left: Expr | None = None) -> Expr:
        column: Expr = left if left is not None else col(f.field, alias)
        op = f.op
        if op in ("in", "not_in") and isinstance(f.value, ColumnRef):
            # a list column of the same row (PostgreSQL arrays): Prisma's `= ANY` / `<> ALL`
            other = col(f.value.field, alias)
            if f.insensitive:
                return Like(column, Func("ANY" if op == "in" else "ALL", (other,)), op == "not_in", insensitive=True)
            if op == "in":
                return Compare(column, "=", Func("ANY", (other,)))
            return Compare(column, "<>", Func("ALL", (other,)))
        if op in ("in", "not_in"):
            assert isinstance(f.value, tuple)
            values = [self.operand(v, alias) for v in f.value]
            if f.insensitive:
                column = Func("LOWER", (column,))
                values = [Func("LOWER", (v,)) if not isinstance(v, Null) else v for v in values]
            return In(column, tuple(values), negated=op == "not_in")
        value = f.value
        assert not isinstance(value, tuple)
        if op in _COMPARE:
            if value is None:
                return IsNull(column, negated=op == "ne")
            right = self.operand(value, alias)
            if f.insensitive:
                if op in ("eq", "ne"):
                    return Like(column, right, negated=op == "ne", insensitive=True)
                return Compare(Func("LOWER", (column,)), _COMPARE[op], Func("LOWER", (right,)))  # pyright: ignore[reportArgumentType]
            return Compare(column, _COMPARE[op], right)  # pyright: ignore[reportArgumentType]
        if op in ("has_every", "has_some"):
            if isinstance(value, ColumnRef) and not value.field.is_list:  # has: a field of the row
                return Compare(col(value.field, alias), "=", Func("ANY", (column,)))
            return ArrayContains(column, self.operand(value, alias), overlap=op == "has_some")
        negated = op.startswith("not_")
        kind = op.removeprefix("not_")
        if isinstance(value, ColumnRef):
            other = col(value.field, alias)
            parts: tuple[Expr, ...] = {
                "contains": (Param("%"), other, Param("%")),
                "starts_with": (other, Param("%")),
                "ends_with": (Param("%"), other),
            }[kind]
            pattern: Expr = Concat(parts)
        else:
            pattern = self.operand(value, alias)
        return Like(column, pattern, negated=negated, insensitive=f.insensitive)

    def relation(self, f: RelationFilter, alias: str, reverse: bool = False) -> Expr:
        rel = f.relation
        if f.condition in ("some", "is"):
            return Exists(self.related_rows(rel, alias, f.nested, reverse=reverse))
        if f.condition == "none":
            return Exists(self.related_rows(rel, alias, f.nested, reverse=reverse), negated=True)
        if f.condition == "every":
            if f.nested is None:
                return Bool(True)
            return Exists(self.related_rows(rel, alias, f.nested, invert=True, reverse=reverse), negated=True)
        # is_not: no related record, or one that does not match (Prisma inverts `reverse` here)
        missing = Exists(self.related_rows(rel, alias, None), negated=True)
        if f.nested is None:
            return missing
        mismatch = self.related_rows(rel, alias, f.nested, invert=True, reverse=not reverse)
        return Or((missing, Exists(mismatch)))

    def relation_null(self, f: RelationNullFilter, alias: str) -> Expr:
        rel = f.relation
        if rel.kind == "fk_here":
            nulls = [IsNull(col(c, alias)) for c in rel.this_fields]
            if f.negated:
                return (
                    IsNull(col(rel.this_fields[0], alias), negated=True) if len(nulls) == 1 else Not(And(tuple(nulls)))
                )
            return nulls[0] if len(nulls) == 1 else And(tuple(nulls))
        return Exists(self.related_rows(rel, alias, None), negated=not f.negated)

    def aggregate(self, f: AggregateFilter, alias: str) -> Expr:
        return self.scalar(f.inner, alias, left=Func(aggregate_function(f.function, f.field), (col(f.field, alias),)))

    # --- ordering --------------------------------------------------------------------------------------

    def order(
        self, items: Sequence[OrderItem], model: ModelMeta, alias: str, *, reverse: bool = False
    ) -> tuple[tuple[OrderBy, ...], tuple[Join, ...]]:
        """``ORDER BY`` terms (reversed for backward paging) and the LEFT JOINs they need."""
        joins: list[Join] = []
        joined: dict[tuple[str, ...], str] = {}
        terms: list[OrderBy] = []
        for item in items:
            source = alias
            key: tuple[str, ...] = ()
            current = model
            for hop in item.path:
                key = (*key, hop.name)
                target = joined.get(key)
                related = self.schema.model(hop.related)
                if target is None:
                    target = self.aliases.next()
                    joined[key] = target
                    joins.append(Join(table_of(related, target), self.link(hop, source, target), kind="LEFT"))
                source, current = target, related
            expr = self.order_expr(item, source)
            desc = item.desc != reverse
            nulls = item.nulls
            if reverse and nulls is not None:
                nulls = _FLIP_NULLS[nulls]  # pyright: ignore[reportAssignmentType]
            terms.append(OrderBy(expr, desc, nulls))  # pyright: ignore[reportArgumentType]
            del current
        return tuple(terms), tuple(joins)

    def search(self, f: SearchFilter, alias: str, *, relevance: bool = False) -> Expr:
        """Full-text search (or its score) of ``f``'s fields of rows ``alias``."""
        return TextSearch(tuple(col(field, alias) for field in f.fields), Param(f.query), relevance)

    def order_expr(self, item: OrderItem, source: str) -> Expr:
        if item.relevance is not None:
            return self.search(item.relevance, source, relevance=True)
        if item.count is not None:
            return self.count_subquery(item.count, source, None)
        if item.aggregate is not None:
            assert item.field is not None
            return Func(aggregate_function(item.aggregate, item.field), (col(item.field, source),))
        assert item.field is not None
        return col(item.field, source)

    def count_subquery(self, relation: RelationMeta, parent: str, where: Filter | None) -> Expr:
        """``(SELECT COUNT(*) FROM <related> WHERE <belongs to parent> AND <where>)``."""
        inner = self.related_rows(relation, parent, where)
        return Subquery(Select((Func("COUNT", (Raw("*"),)),), inner.from_, inner.joins, where=inner.where))


def key_condition(columns: Sequence[Expr], width: int, keys: int, marker: type) -> Expr:
    """``col IN (k1, k2, ...)`` or ``(a, b) IN ((k1a, k1b), ...)`` over ``keys`` parent keys,
    with ``marker(i, j)`` parameters to be bound to the keys' values."""
    if width == 1:
        return In(columns[0], tuple(Param(marker(i, 0)) for i in range(keys)))
    return In(
        Row(tuple(columns)),
        tuple(Row(tuple(Param(marker(i, j)) for j in range(width))) for i in range(keys)),
    )


__all__ = ["Aliases", "SqlBuilder", "col", "key_condition", "table_of"]
