"""``count``, ``aggregate`` and ``group_by``: validation, SQL and results.

- ``count(where=..., take=..., select=None)`` -> ``int``; with ``select={"_all": True, "name":
  True}`` -> ``{"_all": n, "name": non-null names}``.
- ``aggregate(_count=..., _avg={...}, _sum=..., _min=..., _max=...)`` -> ``{"_avg": {...}, ...}``
  (``_count=True`` gives the number of records itself, as Prisma's client does).
- ``group_by(by=[...], having=..., order_by=..., _count=..., ...)`` -> one dict per group.

With paging arguments the aggregation runs over a subquery of the page, as Prisma's
``aggregate`` does; a cursor must order stably over required fields (P2019 otherwise, Prisma's
"Unable to process combination of query arguments for aggregation query").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from refrakt._sql import Column, Expr, Func, Raw, Select, Subquery, and_
from refrakt.engine._codecs import INLINE, Codec, Decode, normalize_decimal
from refrakt.engine._context import (
    Context,
    Path,
    input_error,
    missing_argument,
    must_not_be_null,
    query_error,
    unknown_argument,
    wrong_type,
)
from refrakt.engine._ir import (
    AggregateField,
    AggregateFilter,
    AggregateQuery,
    AndFilter,
    ConstFilter,
    CountQuery,
    Filter,
    GroupByQuery,
    NotFilter,
    OrderItem,
    OrFilter,
    ReadArgs,
    ScalarFilter,
)
from refrakt.engine._meta import ModelMeta
from refrakt.engine._plan import ROOT, Planner, cursor_in_sql, limit_expr
from refrakt.engine._runtime import Template
from refrakt.engine._sql_build import SqlBuilder, aggregate_function, col, table_of
from refrakt.engine._validate import check_arguments, given, implicit_order, parse_read_args, parse_sort
from refrakt.engine._validate_where import GROUPS, scalar_filters
from refrakt.ir import Field

FUNCTIONS = ("_count", "_avg", "_sum", "_min", "_max")
_NUMERIC = frozenset({"Int", "BigInt", "Float", "Decimal"})
_PAGING = ("where", "order_by", "cursor", "take", "skip")
AGGREGATE_ARGS = (*_PAGING, *FUNCTIONS)
COUNT_ARGS = (*_PAGING, "distinct", "select")
GROUP_BY_ARGS = ("by", "where", "having", "order_by", "take", "skip", *FUNCTIONS)


@dataclass(frozen=True, slots=True, eq=False)
class AggregatePlan:
    statement: Template
    result: Callable[[list[tuple[Any, ...]], Sequence[Any]], Any]


# --- validation -------------------------------------------------------------------------------------


def _aggregatable(function: str, field: Field) -> bool:
    if field.is_list:
        return function == "_count"
    if function in ("_avg", "_sum"):
        return field.type in _NUMERIC
    if function in ("_min", "_max"):
        return field.type not in ("Json", "Bytes")
    return True


def parse_functions(ctx: Context, model: ModelMeta, args: dict[str, Any]) -> tuple[AggregateField, ...]:
    out: list[AggregateField] = []
    for function in FUNCTIONS:
        value = args.get(function)
        if value is None or value is False:
            continue
        path: Path = (function,)
        if value is True:
            if function != "_count":
                raise wrong_type(path, f"{model.name}{function[1:].capitalize()}AggregateInput", value)
            out.append(AggregateField("_count", None, bare=True))
            continue
        if not isinstance(value, dict):
            raise wrong_type(path, f"{model.name}{function[1:].capitalize()}AggregateInput", value)
        out.extend(_function_fields(model, function, value, path))  # pyright: ignore[reportUnknownArgumentType]
    return tuple(out)


def _function_fields(model: ModelMeta, function: str, value: dict[str, Any], path: Path) -> list[AggregateField]:
    candidates = [n for n, f in model.scalars.items() if _aggregatable(function, f)]
    if function == "_count":
        candidates.append("_all")
    out: list[AggregateField] = []
    for name, flag in value.items():
        here = (*path, name)
        if name not in candidates:
            raise unknown_argument(name, here, candidates, what="field")
        if not isinstance(flag, bool):
            raise wrong_type(here, "Boolean", flag)
        if flag:
            field = None if name == "_all" else model.scalars[name]
            out.append(AggregateField(function, field))  # pyright: ignore[reportArgumentType]
    return out


def validate_count(ctx: Context, model: ModelMeta, args: dict[str, Any]) -> CountQuery:
    args = given(args)
    check_arguments(args, COUNT_ARGS)
    read_args = parse_read_args(ctx, model, args, ())
    select = args.get("select")
    fields: tuple[AggregateField, ...] | None = None
    if select is not None:
        if not isinstance(select, dict):
            raise wrong_type(("select",), f"{model.name}CountAggregateInputType", select)
        fields = tuple(_function_fields(model, "_count", select, ("select",)))  # pyright: ignore[reportUnknownArgumentType]
    _check_cursor(model, read_args)
    return CountQuery(model, read_args, fields)


def validate_aggregate(ctx: Context, model: ModelMeta, args: dict[str, Any]) -> AggregateQuery:
    args = given(args)
    check_arguments(args, AGGREGATE_ARGS)
    read_args = parse_read_args(ctx, model, args, ())
    _check_cursor(model, read_args)
    return AggregateQuery(model, read_args, parse_functions(ctx, model, args))


def _check_cursor(model: ModelMeta, args: ReadArgs) -> None:
    if args.cursor and not cursor_in_sql(model, args.order_by):
        raise input_error(
            ("cursor",),
            "Unable to process combination of query arguments for aggregation query. Please note that it is not "
            "possible at the moment to have a null-cursor, or a cursor and orderBy combination that not stable.",
        )


def validate_group_by(ctx: Context, model: ModelMeta, args: dict[str, Any]) -> GroupByQuery:
    args = given(args)
    check_arguments(args, GROUP_BY_ARGS)
    if "by" not in args:
        raise missing_argument(("by",))
    by_value = args["by"]
    names: list[Any] = list(by_value) if isinstance(by_value, (list, tuple)) else [by_value]  # pyright: ignore[reportUnknownArgumentType]
    if not names:
        raise input_error(("by",), "At least one selection is required for the `by` argument.")
    by: list[Field] = []
    for i, name in enumerate(names):
        here: Path = ("by", i) if isinstance(by_value, (list, tuple)) else ("by",)
        field = model.scalars.get(name) if isinstance(name, str) else None
        if field is None:
            if not isinstance(name, str):
                raise wrong_type(here, f"{model.name}ScalarFieldEnum", name)
            raise unknown_argument(name, here, list(model.scalars), what="field")
        if field not in by:
            by.append(field)
    by_names = {f.name for f in by}
    order_by: tuple[OrderItem, ...] = ()
    order_given = args.get("order_by") is not None
    if order_given:
        order_by = _group_order_by(model, args["order_by"], ("order_by",), by_names)
    paging = {k: v for k, v in args.items() if k in ("where", "take", "skip")}
    read_args = parse_read_args(ctx, model, paging, (), implicit_ordering=False)
    skip = args.get("skip")
    if (args.get("take") is not None or (isinstance(skip, int) and skip > 0)) and not order_by:
        order_by = implicit_order(model, order_given, "take" if args.get("take") is not None else "skip", ())
        missing = [i.field.name for i in order_by if i.field is not None and i.field.name not in by_names]
        if missing:
            raise input_error(
                ("order_by",),
                "Every field used for orderBy must be included in the by-arguments of the query. "
                f"Missing fields: {', '.join(missing)}",
            )
    read_args = ReadArgs(read_args.where, order_by, (), read_args.take, read_args.reverse, read_args.skip)
    having = None
    if args.get("having") is not None:
        having = _having(ctx, model, args["having"], ("having",), by_names)
    fields = parse_functions(ctx, model, args)
    return GroupByQuery(model, tuple(by), read_args, having, fields)


def _group_order_by(model: ModelMeta, value: Any, path: Path, by_names: set[str]) -> tuple[OrderItem, ...]:
    objects: list[tuple[Path, Any]]
    if isinstance(value, (list, tuple)):
        elements: list[Any] | tuple[Any, ...] = value  # pyright: ignore[reportUnknownVariableType]
        objects = [((*path, i), v) for i, v in enumerate(elements)]
    else:
        objects = [(path, value)]
    items: list[OrderItem] = []
    missing: list[str] = []
    for here, obj in objects:
        if not isinstance(obj, dict):
            raise wrong_type(here, f"{model.name}OrderByWithAggregationInput", obj)
        entries: dict[str, Any] = obj  # pyright: ignore[reportUnknownVariableType]
        for key, sort in entries.items():
            at = (*here, key)
            if key in FUNCTIONS:
                if not isinstance(sort, dict):
                    raise wrong_type(at, f"{model.name}{key[1:].capitalize()}OrderByAggregateInput", sort)
                inner: dict[str, Any] = sort  # pyright: ignore[reportUnknownVariableType]
                for name, direction in inner.items():
                    field = model.scalars.get(name)
                    if field is None or not _aggregatable(key, field):
                        candidates = [n for n, f in model.scalars.items() if _aggregatable(key, f)]
                        raise unknown_argument(name, (*at, name), candidates, what="field")
                    desc, _ = parse_sort(direction, (*at, name), None)
                    items.append(OrderItem((), field, desc, aggregate=key))
                continue
            field = model.scalars.get(key)
            if field is None:
                raise unknown_argument(key, at, [*model.scalars, *FUNCTIONS])
            desc, nulls = parse_sort(sort, at, field)
            if key not in by_names:
                missing.append(key)
            items.append(OrderItem((), field, desc, nulls))
    if missing:
        raise input_error(
            path,
            "Every field used for orderBy must be included in the by-arguments of the query. "
            f"Missing fields: {', '.join(missing)}",
        )
    return tuple(items)


def _synthetic(name: str, type_: str) -> Field:
    return Field(name=name, db_name=name, kind="scalar", type=type_, is_list=False, is_required=True)


def _having(ctx: Context, model: ModelMeta, value: Any, path: Path, by_names: set[str]) -> Filter | None:
    if not isinstance(value, dict):
        raise wrong_type(path, f"{model.name}ScalarWhereWithAggregatesInput", value)
    entries: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    filters: list[Filter] = []
    for key, inner in entries.items():
        here = (*path, key)
        if key in GROUPS:
            parts: list[Any] = list(inner) if isinstance(inner, (list, tuple)) else [inner]  # pyright: ignore[reportUnknownArgumentType]
            found = [
                f
                for i, part in enumerate(parts)
                if (f := _having(ctx, model, part, (*here, i) if isinstance(inner, (list, tuple)) else here, by_names))
                is not None
            ]
            if key == "NOT":
                if found:
                    filters.append(NotFilter(tuple(found)))
            elif key == "OR":
                filters.append(OrFilter(tuple(found)) if found else ConstFilter(False))
            elif found:
                filters.append(found[0] if len(found) == 1 else AndFilter(tuple(found)))
            continue
        field = model.scalars.get(key)
        if field is None:
            raise unknown_argument(key, here, [*model.scalars, *GROUPS])
        filters.extend(_having_field(ctx, model, field, inner, here, by_names))
    if not filters:
        return None
    return filters[0] if len(filters) == 1 else AndFilter(tuple(filters))


def _having_field(
    ctx: Context, model: ModelMeta, field: Field, value: Any, path: Path, by_names: set[str]
) -> list[Filter]:
    plain: dict[str, Any] = {}
    out: list[Filter] = []
    if isinstance(value, dict):
        entries: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
        for key, inner in entries.items():
            if key in FUNCTIONS:
                out.extend(_aggregate_filter(ctx, model, field, key, inner, (*path, key)))
            else:
                plain[key] = inner
        if not plain:
            return out
        value = plain
    if field.name not in by_names:
        raise input_error(
            path,
            "Every field used in `having` filters must either be an aggregation filter or be included in the "
            f"selection of the query. Missing fields: {field.name}",
        )
    out.extend(scalar_filters(ctx, model, field, value, path))
    return out


def _aggregate_filter(
    ctx: Context, model: ModelMeta, field: Field, function: str, value: Any, path: Path
) -> list[Filter]:
    if not _aggregatable(function, field):
        raise unknown_argument(function, path, [f for f in FUNCTIONS if _aggregatable(f, field)], what="filter")
    if function == "_count":
        target = _synthetic(field.name, "Int")
    elif function == "_avg":
        target = _synthetic(field.name, "Decimal" if field.type == "Decimal" else "Float")
    else:
        target = field
    if value is None:
        raise must_not_be_null(path)
    inner = scalar_filters(ctx, model, target, value, path)
    out: list[Filter] = []
    for f in inner:
        if not isinstance(f, ScalarFilter):
            raise query_error(path, "Aggregate filters take scalar operators only")
        out.append(AggregateFilter(function, field, f))
    return out


# --- planning -----------------------------------------------------------------------------------------


class AggregatePlanner:
    """SQL and result shaping of count / aggregate / group_by."""

    def __init__(self, planner: Planner) -> None:
        self.planner = planner
        self.schema = planner.schema
        self.codec: Codec = planner.codec

    def _decoder(self, item: AggregateField) -> Callable[[Any], Any] | None:
        if item.function == "_count" or item.field is None:
            return int
        field = item.field
        if item.function == "_avg":
            return _to_decimal if field.type == "Decimal" else float
        if item.function == "_sum":
            return {"Int": int, "BigInt": int, "Float": float, "Decimal": _to_decimal}.get(field.type)
        return self.codec.decoder(field)

    def _source(
        self, model: ModelMeta, args: ReadArgs, builder: SqlBuilder, fields: Sequence[Field]
    ) -> tuple[Any, str, Any]:
        """The FROM of the aggregation: the table itself, or a subquery of the page."""
        where = builder.condition(args.where, model, ROOT) if args.where is not None else None
        if args.cursor:
            where = and_(where, self.planner.cursor_condition(builder, model, args))
        paged = args.take is not None or args.skip is not None or bool(args.cursor) or bool(args.distinct)
        if not paged:
            return table_of(model, ROOT), ROOT, where
        order, joins = builder.order(args.order_by, model, ROOT, reverse=args.reverse)
        names: list[Expr] = [col(f, ROOT) for f in dict.fromkeys(fields)] or [Raw("1")]
        if args.distinct:
            names = [col(f, ROOT) for f in args.distinct]
            order = ()
        inner = Select(
            tuple(names),
            table_of(model, ROOT),
            joins,
            where=where,
            order_by=order,
            limit=limit_expr(args.take),
            offset=limit_expr(args.skip),
            distinct=bool(args.distinct),
        )
        return Subquery(inner, alias="sub"), "sub", None

    def _expr(self, item: AggregateField, alias: str) -> Expr:
        if item.field is None:
            return Func("COUNT", (Raw("*"),))
        return Func(aggregate_function(item.function, item.field), (Column(item.field.db_name, alias),))

    def plan_count(self, query: CountQuery) -> AggregatePlan:
        model = query.model
        items = query.fields or (AggregateField("_count", None),)
        builder = SqlBuilder(self.schema)
        fields = [i.field for i in items if i.field is not None]
        if query.args.distinct:
            fields = list(query.args.distinct)
        source, alias, where = self._source(model, query.args, builder, fields)
        select = Select(tuple(self._expr(i, alias) for i in items), source, where=where)
        names = tuple("_all" if i.field is None else i.field.name for i in items)
        as_dict = query.fields is not None

        def result(rows: list[tuple[Any, ...]], values: Sequence[Any]) -> Any:
            row = rows[0] if rows else (0,) * len(names)
            counts = [int(v or 0) for v in row]
            return dict(zip(names, counts, strict=True)) if as_dict else counts[0]

        return AggregatePlan(self.planner.render(select), result)

    def plan_aggregate(self, query: AggregateQuery) -> AggregatePlan:
        model = query.model
        builder = SqlBuilder(self.schema)
        items = query.fields
        fields = [i.field for i in items if i.field is not None]
        source, alias, where = self._source(model, query.args, builder, fields)
        exprs = tuple(self._expr(i, alias) for i in items) or (Raw("1"),)
        select = Select(exprs, source, where=where)
        rows_of = self._rows((), items)
        empty = [(None,) * len(items)]

        def result(rows: list[tuple[Any, ...]], values: Sequence[Any]) -> Any:
            return rows_of(rows[:1] or empty)[0]

        return AggregatePlan(self.planner.render(select), result)

    def _shape(self, items: Sequence[AggregateField]) -> Callable[[Sequence[Any], int], dict[str, Any]]:
        """Rows -> ``{"_count": ..., "_avg": {...}}``; ``offset`` is where the aggregates start."""
        decoders = [self._decoder(i) for i in items]

        def shape(row: Sequence[Any], offset: int) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for n, (item, decode) in enumerate(zip(items, decoders, strict=True)):
                value = row[offset + n]
                if item.function == "_count" and value is None:
                    value = 0
                if value is not None and decode is not None:
                    value = decode(value)
                if item.bare:
                    out[item.function] = value
                else:
                    name = "_all" if item.field is None else item.field.name
                    out.setdefault(item.function, {})[name] = value
            return out

        return shape

    def _rows(
        self, by: Sequence[Field], items: Sequence[AggregateField]
    ) -> Callable[[list[tuple[Any, ...]]], list[dict[str, Any]]]:
        """Rows -> one dict per row: the ``by`` fields, then the aggregates (as :meth:`_shape`).

        Compiled once per plan, like the record builders of reads (``_runtime``), when every
        aggregate function is either bare or a dict of fields (always so for validated input).
        """
        by_decoders = [(f.name, self.codec.decoder(f)) for f in by]
        decoders = [self._decoder(i) for i in items]
        built = compile_rows(by_decoders, items, decoders)
        if built is not None:
            return built
        shape = self._shape(items)
        width = len(by)

        def rows_of(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
            out: list[dict[str, Any]] = []
            for row in rows:
                entry: dict[str, Any] = {}
                for n, (name, decode) in enumerate(by_decoders):
                    value = row[n]
                    entry[name] = value if value is None or decode is None else decode(value)
                entry.update(shape(row, width))
                out.append(entry)
            return out

        return rows_of

    def plan_group_by(self, query: GroupByQuery) -> AggregatePlan:
        model, args = query.model, query.args
        builder = SqlBuilder(self.schema)
        where = builder.condition(args.where, model, ROOT) if args.where is not None else None
        group = tuple(col(f, ROOT) for f in query.by)
        having = builder.condition(query.having, model, ROOT) if query.having is not None else None
        order, joins = builder.order(args.order_by, model, ROOT, reverse=args.reverse)
        exprs = (*group, *(self._expr(i, ROOT) for i in query.fields))
        select = Select(
            exprs,
            table_of(model, ROOT),
            joins,
            where=where,
            group_by=group,
            having=having,
            order_by=order,
            limit=limit_expr(args.take),
            offset=limit_expr(args.skip),
        )
        rows_of = self._rows(query.by, query.fields)
        reverse = args.reverse

        def result(rows: list[tuple[Any, ...]], values: Sequence[Any]) -> Any:
            out = rows_of(rows)
            return out[::-1] if reverse else out

        return AggregatePlan(self.planner.render(select), result)


def compile_rows(
    by: Sequence[tuple[str, Decode | None]], items: Sequence[AggregateField], decoders: Sequence[Decode | None]
) -> Callable[[list[tuple[Any, ...]]], list[dict[str, Any]]] | None:
    """A function of the rows that builds each row's dict in one display (``None``: not expressible).

    A column that needs decoding is bound once per row (``for v1 in (r[1],)``) and decoded by
    the codec's inline expression (``_codecs.INLINE``) or a call of its decoder; a NULL
    ``_count`` reads 0, any other NULL ``None``. Names come from the schema, written with ``repr``.
    """
    namespace: dict[str, Any] = {"_int": int}
    bound: list[int] = []

    def decoded(index: int, decode: Decode | None, null: str) -> str:
        if decode is None:
            return f"r[{index}]" if null == "None" else f"(r[{index}] if r[{index}] is not None else {null})"
        v = f"v{index}"
        bound.append(index)
        if decode is int:
            form = "{v} if {v}.__class__ is _int else _int({v})"
        elif decode is _to_decimal:
            form = "_normalize_decimal({v}) if {v}.__class__ is _Decimal else _to_decimal({v})"
            namespace.update(_normalize_decimal=normalize_decimal, _Decimal=Decimal, _to_decimal=_to_decimal)
        else:
            inline = INLINE.get(decode)
            if inline is None:
                namespace[f"_d{index}"] = decode
                form = f"_d{index}({{v}})"
            else:
                form, names = inline
                namespace.update(names)
        return f"(({form.format(v=v)}) if {v} is not None else {null})"

    entries: dict[str, str | dict[str, str]] = {name: decoded(n, decode, "None") for n, (name, decode) in enumerate(by)}
    for n, (item, decode) in enumerate(zip(items, decoders, strict=True)):
        expr = decoded(len(by) + n, decode, "0" if item.function == "_count" else "None")
        known = entries.get(item.function)
        if item.bare:
            if known is not None:  # a function both bare and by field: shaped by `_shape`
                return None
            entries[item.function] = expr
        elif isinstance(known, str):
            return None
        else:
            fields: dict[str, str] = {} if known is None else known
            fields["_all" if item.field is None else item.field.name] = expr
            entries[item.function] = fields

    def show(key: str, value: str | dict[str, str]) -> str:
        if isinstance(value, str):
            return f"{key!r}: {value}"
        return f"{key!r}: {{{', '.join(show(k, v) for k, v in value.items())}}}"

    display = ", ".join(show(k, v) for k, v in entries.items())
    bindings = "".join(f" for v{index} in (r[{index}],)" for index in bound)
    source = f"def rows_of(rows):\n    return [{{{display}}} for r in rows{bindings}]\n"
    exec(compile(source, "<refrakt group rows>", "exec"), namespace)
    return namespace["rows_of"]


def _to_decimal(value: Any) -> Any:
    if isinstance(value, Decimal):
        return normalize_decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return normalize_decimal(Decimal(value))
