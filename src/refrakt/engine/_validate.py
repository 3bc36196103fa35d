"""Keyword arguments of a read -> :class:`~refrakt.engine._ir.ReadQuery`, checked before any SQL.

The arguments of each operation are API.md §4's. Paging follows Prisma's query engine: a
negative ``take`` pages backwards; ``skip`` must not be negative; with ``take``, ``skip`` (> 0)
or ``cursor`` and no ``order_by`` the records are ordered by the primary identifier (Prisma's
``finalize_arguments``); ``find_first`` takes only ``take`` 1 or -1. ``select``/``include``/
``omit`` nest at any depth; relation arguments apply inside them.
"""

from __future__ import annotations

from typing import Any, cast

from refrakt._markers import UNSET
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
    CountSelection,
    Filter,
    OrderItem,
    ReadArgs,
    ReadKind,
    ReadQuery,
    RelationCount,
    RelationSelection,
    SearchFilter,
    SelectedItem,
    Selection,
    Slot,
)
from refrakt.engine._meta import ModelMeta, RelationMeta
from refrakt.engine._validate_where import FULL_TEXT_SEARCH, parse_where, parse_where_unique
from refrakt.engine._values import InvalidValue
from refrakt.errors import ValidationError
from refrakt.ir import Field

_SELECTION = ("select", "include", "omit")
_PAGING = ("where", "order_by", "cursor", "take", "skip", "distinct")
READ_OPERATIONS: dict[str, tuple[ReadKind, bool, tuple[str, ...]]] = {
    "find_unique": ("unique", False, ("where", *_SELECTION)),
    "find_unique_or_raise": ("unique", True, ("where", *_SELECTION)),
    "find_first": ("first", False, (*_PAGING, *_SELECTION)),
    "find_first_or_raise": ("first", True, (*_PAGING, *_SELECTION)),
    "find_many": ("many", False, (*_PAGING, *_SELECTION)),
}


def given(args: dict[str, Any]) -> dict[str, Any]:
    """The arguments that were given: UNSET (and ``None`` for optional ones) means not given."""
    return {k: v for k, v in args.items() if v is not UNSET}


def check_arguments(args: dict[str, Any], allowed: tuple[str, ...], path: Path = ()) -> None:
    for key in args:
        if key not in allowed:
            raise unknown_argument(key, (*path, key), allowed)


def validate_read(ctx: Context, model: ModelMeta, operation: str, args: dict[str, Any]) -> ReadQuery:
    kind, raise_if_missing, allowed = READ_OPERATIONS[operation]
    args = given(args)
    check_arguments(args, allowed)
    if kind == "unique":
        if args.get("where") is None:
            raise missing_argument(("where",))
        if not model.has_unique_identifier and not model.uniques:
            raise query_error(("where",), f"`{model.name}` has no unique criteria: use find_first")
        read_args = ReadArgs(where=parse_where_unique(ctx, model, args["where"], ("where",)), take=1)
    else:
        read_args = parse_read_args(ctx, model, args, (), first=kind == "first")
    selection = parse_selection(ctx, model, args, ())
    return ReadQuery(model, kind, raise_if_missing, read_args, selection)


# --- paging and ordering -------------------------------------------------------------------------------


def _take_convert(first: bool, path: Path) -> Any:
    def convert(value: Any) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidValue("Int", value)
        if first and value not in (1, -1):
            raise input_error(
                path, "The 'findFirst' operation cannot be used with a 'take' argument that isn't 1 or -1"
            )
        return abs(value)

    return convert


def _skip_convert(path: Path) -> Any:
    def convert(value: Any) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidValue("Int", value)
        if value < 0:
            raise input_error(path, f"Invalid value for skip argument: Value can only be positive, found: {value}")
        return value

    return convert


def _is_negative(value: Any) -> bool:
    return isinstance(value, int) and value < 0


def _is_positive(value: Any) -> bool:
    return isinstance(value, int) and value > 0


def implicit_order(model: ModelMeta, order_given: bool, reason: str, path: Path) -> tuple[OrderItem, ...]:
    """The ordering paging needs when none is given: the primary identifier (Prisma's
    ``finalize_arguments``); a view without unique fields has none to offer."""
    if not model.has_unique_identifier:
        if not order_given:
            raise missing_argument((*path, "order_by"), f" It is required because `{reason}` was provided.")
        raise input_error(
            (*path, "order_by"), "`orderBy` definition must not be empty when querying views without unique fields"
        )
    return tuple(OrderItem((), f, False) for f in model.primary)


def parse_read_args(
    ctx: Context,
    model: ModelMeta,
    args: dict[str, Any],
    path: Path,
    *,
    first: bool = False,
    implicit_ordering: bool = True,
) -> ReadArgs:
    """``where``, ``order_by``, ``cursor``, ``take``, ``skip``, ``distinct`` of ``model``."""
    where: Filter | None = None
    if args.get("where") is not None:
        where = parse_where(ctx, model, args["where"], (*path, "where"))
    order_given = args.get("order_by") is not None
    order_by = parse_order_by(ctx, model, args["order_by"], (*path, "order_by")) if order_given else ()
    cursor: tuple[tuple[Field, Slot], ...] = ()
    if args.get("cursor") is not None:
        if not model.has_unique_identifier:
            raise unknown_argument("cursor", (*path, "cursor"), [k for k in _PAGING if k != "cursor"])
        cursor = parse_cursor(ctx, model, args["cursor"], (*path, "cursor"))
    take: Slot | int | None = None
    reverse = False
    take_value = args.get("take")
    if take_value is not None:
        here = (*path, "take")
        take = ctx.binder.bind(here, take_value, _take_convert(first, here))
        ctx.binder.discriminate(take.index, _is_negative)
        reverse = _is_negative(take_value)
    elif first:
        take = 1
    skip: Slot | int | None = None
    skip_positive = False
    if args.get("skip") is not None:
        here = (*path, "skip")
        skip = ctx.binder.bind(here, args["skip"], _skip_convert(here))
        ctx.binder.discriminate(skip.index, _is_positive)
        skip_positive = _is_positive(args["skip"])
    distinct: tuple[Field, ...] = ()
    if args.get("distinct") is not None:
        distinct = parse_distinct(model, args["distinct"], (*path, "distinct"))
    needs_order = (skip_positive or bool(cursor) or take_value is not None) and not order_by
    if needs_order and implicit_ordering:
        reason = "take" if take_value is not None else "skip" if skip_positive else "cursor"
        order_by = implicit_order(model, order_given, reason, path)
    return ReadArgs(where, order_by, cursor, take, reverse, skip, distinct)


def parse_sort(value: Any, path: Path, field: Field | None) -> tuple[bool, Any]:
    """``"asc"``/``"desc"`` or ``{"sort": ..., "nulls": "first"|"last"}`` -> (desc, nulls)."""
    nulls = None
    if isinstance(value, dict):
        spec: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
        for key in spec:
            if key not in ("sort", "nulls"):
                raise unknown_argument(key, (*path, key), ("sort", "nulls"))
        if "sort" not in spec:
            raise missing_argument((*path, "sort"))
        nulls = spec.get("nulls")
        if nulls is not None:
            if nulls not in ("first", "last"):
                raise wrong_type((*path, "nulls"), "NullsOrder (first or last)", nulls)
            if field is None or field.is_required:
                raise query_error(
                    (*path, "nulls"), "Invalid argument type: `nulls` is only available on optional scalar fields"
                )
        value = spec["sort"]
        path = (*path, "sort")
    if value not in ("asc", "desc"):
        raise wrong_type(path, "SortOrder (asc or desc)", value)
    return value == "desc", nulls


def parse_order_by(ctx: Context, model: ModelMeta, value: Any, path: Path) -> tuple[OrderItem, ...]:
    objects: list[tuple[Path, Any]]
    if isinstance(value, (list, tuple)):
        elements: list[Any] | tuple[Any, ...] = value  # pyright: ignore[reportUnknownVariableType]
        objects = [((*path, i), v) for i, v in enumerate(elements)]
    else:
        objects = [(path, value)]
    items: list[OrderItem] = []
    for here, obj in objects:
        item = _order_object(ctx, model, obj, here, ())
        if item is not None:
            items.append(item)
    return tuple(items)


def _single_key(obj: Any, path: Path, type_name: str) -> tuple[str, Any] | None:
    if not isinstance(obj, dict):
        raise wrong_type(path, type_name, obj)
    entries: dict[str, Any] = obj  # pyright: ignore[reportUnknownVariableType]
    if not entries:
        return None
    if len(entries) > 1:
        raise query_error(
            path,
            f"Argument `order_by` of type {type_name} needs exactly one argument, but you provided "
            f"{' and '.join(entries)}. Please choose one (use a list for several orderings)",
        )
    return next(iter(entries.items()))


def _order_object(
    ctx: Context, model: ModelMeta, obj: Any, path: Path, hops: tuple[RelationMeta, ...]
) -> OrderItem | None:
    entry = _single_key(obj, path, f"{model.name}OrderByWithRelationInput")
    if entry is None:
        return None
    key, value = entry
    here = (*path, key)
    field = model.scalars.get(key)
    if field is not None and not field.is_list and field.type != "Json":
        desc, nulls = parse_sort(value, here, field)
        return OrderItem(hops, field, desc, nulls)
    relation = model.relations.get(key)
    if relation is not None:
        related = ctx.schema.model(relation.related)
        if relation.is_list:
            inner = _single_key(value, here, f"{related.name}OrderByRelationAggregateInput")
            if inner is None:
                return None
            if inner[0] != "_count":
                raise unknown_argument(inner[0], (*here, inner[0]), ("_count",))
            desc, _ = parse_sort(inner[1], (*here, "_count"), None)
            return OrderItem(hops, None, desc, count=relation)
        return _order_object(ctx, related, value, here, (*hops, relation))
    if key == "_relevance" and ctx.codec.NAME in FULL_TEXT_SEARCH:
        return _relevance(ctx, model, value, here, hops)
    orderable = [n for n, f in model.scalars.items() if not f.is_list and f.type != "Json"]
    raise unknown_argument(key, here, [*orderable, *model.relations])


def _relevance(ctx: Context, model: ModelMeta, value: Any, path: Path, hops: tuple[RelationMeta, ...]) -> OrderItem:
    """``{"fields": "bio" | [...], "search": "query", "sort": "asc" | "desc"}``: by full-text score."""
    if not isinstance(value, dict):
        raise wrong_type(path, f"{model.name}OrderByRelevanceInput", value)
    spec: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    for key in spec:
        if key not in ("fields", "sort", "search"):
            raise unknown_argument(key, (*path, key), ("fields", "sort", "search"))
    for key in ("fields", "sort", "search"):
        if spec.get(key) is None:
            raise missing_argument((*path, key)) if key not in spec else must_not_be_null((*path, key))
    enum = f"{model.name}OrderByRelevanceFieldEnum"
    names = spec["fields"]
    names_path = (*path, "fields")
    if isinstance(names, (list, tuple)):
        listed: list[Any] | tuple[Any, ...] = names  # pyright: ignore[reportUnknownVariableType]
        if not listed:
            raise wrong_type(names_path, f"{enum}[]", cast(object, names))
    else:
        listed = [names]
    fields: list[Field] = []
    for name in listed:
        field = model.scalars.get(name) if isinstance(name, str) else None
        if field is None or field.type != "String" or field.is_list:
            raise wrong_type(names_path, enum, name)
        fields.append(field)
    desc, _ = parse_sort(spec["sort"], (*path, "sort"), None)
    query = ctx.bind((*path, "search"), spec["search"], ctx.converter(fields[0]))
    return OrderItem(hops, None, desc, relevance=SearchFilter(tuple(fields), query))


def parse_cursor(ctx: Context, model: ModelMeta, value: Any, path: Path) -> tuple[tuple[Field, Slot], ...]:
    if not isinstance(value, dict):
        raise wrong_type(path, f"{model.name}WhereUniqueInput", value)
    entries: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    pairs: list[tuple[Field, Slot]] = []
    has_unique = False
    for key, inner in entries.items():
        here = (*path, key)
        fields = model.uniques.get(key)
        if fields is not None and len(fields) > 1:
            if not isinstance(inner, dict):
                raise wrong_type(here, f"{model.name}{key}CompoundUniqueInput", inner)
            parts: dict[str, Any] = inner  # pyright: ignore[reportUnknownVariableType]
            for name in parts:
                if name not in [f.name for f in fields]:
                    raise unknown_argument(name, (*here, name), [f.name for f in fields])
            for f in fields:
                if parts.get(f.name) is None:
                    raise (
                        missing_argument((*here, f.name)) if f.name not in parts else must_not_be_null((*here, f.name))
                    )
                pairs.append((f, ctx.bind((*here, f.name), parts[f.name], ctx.converter(f))))
            has_unique = True
            continue
        field = model.scalars.get(key)
        if field is None:
            raise unknown_argument(key, here, [*model.uniques, *model.scalars])
        if inner is None:
            raise must_not_be_null(here)
        if isinstance(inner, dict):
            raise wrong_type(here, field.type, cast(object, inner))
        pairs.append((field, ctx.bind(here, inner, ctx.converter(field))))
        has_unique = has_unique or model.is_unique_field(key)
    if not has_unique:
        raise query_error(
            path,
            f"Argument `cursor` of type {model.name}WhereUniqueInput needs at least one of "
            f"{' or '.join(f'`{n}`' for n in model.uniques)} arguments",
        )
    return tuple(pairs)


def parse_distinct(model: ModelMeta, value: Any, path: Path) -> tuple[Field, ...]:
    names: list[Any] | tuple[Any, ...] = value if isinstance(value, (list, tuple)) else [value]  # pyright: ignore[reportUnknownVariableType]
    fields: list[Field] = []
    for i, name in enumerate(names):
        here = (*path, i) if isinstance(value, (list, tuple)) else path
        if not isinstance(name, str):
            raise wrong_type(here, f"{model.name}ScalarFieldEnum", name)
        field = model.scalars.get(name)
        if field is None:
            raise unknown_argument(name, here, list(model.scalars), what="field")
        if field not in fields:
            fields.append(field)
    return tuple(fields)


# --- selection -----------------------------------------------------------------------------------------


def default_selection(model: ModelMeta) -> Selection:
    return Selection(model, tuple(model.scalars.values()))


def parse_selection(ctx: Context, model: ModelMeta, args: dict[str, Any], path: Path) -> Selection:
    """The record shape from ``select`` / ``include`` / ``omit`` (all optional) in ``args``."""
    select, include, omit = args.get("select"), args.get("include"), args.get("omit")
    if select is not None and include is not None:
        raise query_error(path, "Please either use `include` or `select`, but not both at the same time")
    if select is not None and omit is not None:
        raise query_error(path, "Please either use `omit` or `select`, but not both at the same time")
    if select is not None:
        return _parse_select(ctx, model, select, (*path, "select"))
    omitted: set[str] = set()
    if omit is not None:
        here = (*path, "omit")
        if not isinstance(omit, dict):
            raise wrong_type(here, f"{model.name}Omit", omit)
        entries: dict[str, Any] = omit  # pyright: ignore[reportUnknownVariableType]
        for key, flag in entries.items():
            if key not in model.scalars:
                raise unknown_argument(key, (*here, key), list(model.scalars), what="field")
            if not isinstance(flag, bool):
                raise wrong_type((*here, key), "Boolean", flag)
            if flag:
                omitted.add(key)
    items: list[SelectedItem] = [f for n, f in model.scalars.items() if n not in omitted]
    if include is not None:
        here = (*path, "include")
        if not isinstance(include, dict):
            raise wrong_type(here, f"{model.name}Include", include)
        relations: dict[str, Any] = include  # pyright: ignore[reportUnknownVariableType]
        for key, value in relations.items():
            item = _parse_related(ctx, model, key, value, (*here, key), include=True)
            if item is not None:
                items.append(item)
    return Selection(model, tuple(items))


def _parse_select(ctx: Context, model: ModelMeta, select: Any, path: Path) -> Selection:
    if not isinstance(select, dict):
        raise wrong_type(path, f"{model.name}Select", select)
    entries: dict[str, Any] = select  # pyright: ignore[reportUnknownVariableType]
    if not entries:
        raise query_error(path, f"The `select` statement for type {model.name} must not be empty")
    items: list[SelectedItem] = []
    for key, value in entries.items():
        here = (*path, key)
        field = model.scalars.get(key)
        if field is not None:
            if not isinstance(value, bool):
                raise wrong_type(here, "Boolean", value)
            if value:
                items.append(field)
            continue
        item = _parse_related(ctx, model, key, value, here, include=False)
        if item is not None:
            items.append(item)
    return Selection(model, tuple(items))


def _parse_related(
    ctx: Context, model: ModelMeta, key: str, value: Any, path: Path, *, include: bool
) -> SelectedItem | None:
    if key == "_count":
        return _parse_count(ctx, model, value, path)
    relation = model.relations.get(key)
    if relation is None:
        candidates = [*model.relations, "_count"] if include else [*model.scalars, *model.relations, "_count"]
        raise unknown_argument(key, path, candidates, what="field")
    if value is False:
        return None
    related = ctx.schema.model(relation.related)
    if value is True:
        return RelationSelection(relation, ReadArgs(), default_selection(related))
    if not isinstance(value, dict):
        raise wrong_type(path, f"Boolean or {related.name}{'Args' if not relation.is_list else 'FindManyArgs'}", value)
    args: dict[str, Any] = given(value)  # pyright: ignore[reportUnknownArgumentType]
    allowed = (*_PAGING, *_SELECTION) if relation.is_list else _SELECTION
    check_arguments(args, allowed, path)
    read_args = parse_read_args(ctx, related, args, path) if relation.is_list else ReadArgs()
    return RelationSelection(relation, read_args, parse_selection(ctx, related, args, path))


def _parse_count(ctx: Context, model: ModelMeta, value: Any, path: Path) -> CountSelection | None:
    countable = {n: r for n, r in model.relations.items() if r.is_list}
    if value is False:
        return None
    if value is True:
        return CountSelection(tuple(RelationCount(r) for r in countable.values()))
    if not isinstance(value, dict):
        raise wrong_type(path, f"Boolean or {model.name}CountOutputTypeDefaultArgs", value)
    args: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    check_arguments(args, ("select",), path)
    select = args.get("select")
    here = (*path, "select")
    if not isinstance(select, dict):
        raise wrong_type(here, f"{model.name}CountOutputTypeSelect", select)
    entries: dict[str, Any] = select  # pyright: ignore[reportUnknownVariableType]
    items: list[RelationCount] = []
    for key, flag in entries.items():
        at = (*here, key)
        relation = countable.get(key)
        if relation is None:
            raise unknown_argument(key, at, list(countable), what="field")
        if flag is False:
            continue
        if flag is True:
            items.append(RelationCount(relation))
            continue
        if not isinstance(flag, dict):
            raise wrong_type(at, "Boolean or a `where` object", flag)
        options: dict[str, Any] = flag  # pyright: ignore[reportUnknownVariableType]
        check_arguments(options, ("where",), at)
        related = ctx.schema.model(relation.related)
        where = parse_where(ctx, related, options.get("where"), (*at, "where"))
        items.append(RelationCount(relation, where))
    return CountSelection(tuple(items))


__all__ = [
    "READ_OPERATIONS",
    "ValidationError",
    "check_arguments",
    "default_selection",
    "given",
    "parse_order_by",
    "parse_read_args",
    "parse_selection",
    "parse_where",
    "validate_read",
]
