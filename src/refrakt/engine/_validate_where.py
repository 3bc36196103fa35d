"""``where`` arguments -> filter IR, following Prisma's query engine (``extract_filter``).

- ``AND``/``OR``/``NOT`` take an object or a list of objects; ``NOT: [a, b]`` is ``NOT a AND
  NOT b``. At the top of a ``where``, an empty ``OR: []`` matches nothing and an empty ``AND``/
  ``NOT`` everything; deeper down an empty group is dropped (Prisma's depth rule).
- A scalar field takes a value (``equals``) or an object of operators; ``not: {...}`` inverts
  each operator inside it (``not: {gt: 5}`` is ``lte 5``), ``not: value`` is ``<> value``.
- A to-many relation takes ``some``/``every``/``none``; a to-one relation ``is``/``is_not``, a
  filter object (an implicit ``is``) or ``None`` (no related record).
- ``search`` (PostgreSQL, MySQL) is full-text search; the searches for one query in one group
  are merged into a search of all their fields (Prisma's ``merge_search_filters``).
- A where-unique needs at least one unique criteria (``id``, ``email``, compound
  ``first_name_last_name``) given a plain value; its other keys are ordinary filters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal, cast

from refrakt._markers import AnyNull, DbNull, FieldRef, JsonNull, NullMarker
from refrakt.engine._context import (
    Context,
    Path,
    input_error,
    missing_argument,
    must_not_be_null,
    query_error,
    unknown_argument,
    value_required,
    wrong_type,
)
from refrakt.engine._ir import (
    AndFilter,
    ColumnRef,
    Const,
    ConstFilter,
    Filter,
    JsonFilter,
    NotFilter,
    Operand,
    OrFilter,
    RelationFilter,
    RelationNullFilter,
    ScalarFilter,
    ScalarOp,
    SearchFilter,
)
from refrakt.engine._meta import ModelMeta, RelationMeta
from refrakt.engine._values import list_coercer
from refrakt.errors import ValidationError
from refrakt.ir import Field

GROUPS = ("AND", "OR", "NOT")
#: Json filters on a path inside the value (``path``, ``string_contains``...): not yet supported.
JSON_PATH_OPERATORS = (
    "path",
    "string_contains",
    "string_starts_with",
    "string_ends_with",
    "array_contains",
    "array_starts_with",
    "array_ends_with",
    "lt",
    "lte",
    "gt",
    "gte",
)
#: Codecs of the databases with full-text search (``search``, ordering by ``_relevance``).
FULL_TEXT_SEARCH = frozenset({"postgres", "mysql"})
JSON_NULL = Const("null")
"""The JSON value ``null`` as Prisma stores it (``JsonNull``): compact JSON text."""
_COMPARABLE = frozenset({"String", "Int", "BigInt", "Float", "Decimal", "DateTime"})
_REVERSED: dict[str, ScalarOp] = {
    "equals": "ne",
    "lt": "gte",
    "lte": "gt",
    "gt": "lte",
    "gte": "lt",
    "contains": "not_contains",
    "starts_with": "not_starts_with",
    "ends_with": "not_ends_with",
}
_FORWARD: dict[str, ScalarOp] = {
    "equals": "eq",
    "lt": "lt",
    "lte": "lte",
    "gt": "gt",
    "gte": "gte",
    "contains": "contains",
    "starts_with": "starts_with",
    "ends_with": "ends_with",
}
_LIKE_WRAP = {"contains": "%%", "starts_with": "_%", "ends_with": "%_"}


def and_filters(filters: list[Filter]) -> Filter | None:
    if not filters:
        return None
    return filters[0] if len(filters) == 1 else AndFilter(tuple(filters))


def is_mapping(value: Any) -> bool:
    return isinstance(value, dict)


def parse_where(ctx: Context, model: ModelMeta, value: Any, path: Path, depth: int = 0) -> Filter | None:
    """A ``WhereInput`` of ``model``; ``None`` when it filters nothing."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise wrong_type(path, f"{model.name}WhereInput", value)
    filters: list[Filter] = []
    items: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    for key, inner in items.items():
        here = (*path, key)
        if key in GROUPS:
            group = _group(ctx, model, key, inner, here, depth)
            if group is not None:
                filters.append(group)
        elif key in model.scalars:
            found = scalar_filters(ctx, model, model.scalars[key], inner, here)
            if found:
                filters.append(found[0] if len(found) == 1 else AndFilter(tuple(found)))
        elif key in model.relations:
            found = _relation_filters(ctx, model.relations[key], inner, here)
            if found:
                filters.append(found[0] if len(found) == 1 else AndFilter(tuple(found)))
        else:
            raise unknown_argument(key, here, [*model.field_names(), *GROUPS])
    where = and_filters(filters)
    if depth == 0 and where is not None and ctx.codec.NAME in FULL_TEXT_SEARCH and _has_search(where):
        where = merge_searches(ctx, where)
    return where


# --- full-text search ---------------------------------------------------------------------------------


def merge_searches(ctx: Context, where: Filter) -> Filter:
    """Prisma's ``merge_search_filters``: in each ``AND``/``OR``/``NOT`` group (nested ``AND``s
    flattened), the searches for the same query become one search of all their fields
    (``to_tsvector(concat_ws(' ', a, b))``, ``MATCH (a, b)``: the fields of a MySQL full-text index).

    Whether two queries are the same depends on the call's values, so a query whose group holds two
    or more searches is planned anew for every call (it is not cached by shape).
    """
    if isinstance(where, AndFilter):
        return AndFilter(_fold_searches(ctx, _flatten(where.items)))
    if isinstance(where, OrFilter):
        return OrFilter(_fold_searches(ctx, where.items))
    if isinstance(where, NotFilter):
        return NotFilter(_fold_searches(ctx, where.items))
    return where


def _has_search(where: Filter) -> bool:
    if isinstance(where, SearchFilter):
        return True
    if isinstance(where, (AndFilter, OrFilter, NotFilter)):
        return any(_has_search(f) for f in where.items)
    return False


def _flatten(items: tuple[Filter, ...]) -> list[Filter]:
    out: list[Filter] = []
    for item in items:
        if isinstance(item, AndFilter):
            out.extend(_flatten(item.items))
        else:
            out.append(item)
    return out


def _not_cached(value: Any) -> Any:
    """A variant discriminator that makes the call's shape uncacheable (an unhashable key)."""
    return [value]


def _fold_searches(ctx: Context, items: list[Filter] | tuple[Filter, ...]) -> tuple[Filter, ...]:
    searches = [f for f in items if isinstance(f, SearchFilter) and not f.negated]
    if len(searches) > 1:
        for f in searches:
            ctx.binder.discriminate(f.query.index, _not_cached)
    output: list[Filter] = []
    merged: dict[Any, SearchFilter] = {}
    for f in items:
        if isinstance(f, SearchFilter) and not f.negated:
            query = ctx.binder.values[f.query.index]
            first = merged.get(query)
            merged[query] = f if first is None else SearchFilter((*first.fields, *f.fields), first.query)
        elif isinstance(f, AndFilter):
            output.append(AndFilter(_fold_searches(ctx, f.items)))
        elif isinstance(f, OrFilter):
            output.append(OrFilter(_fold_searches(ctx, f.items)))
        elif isinstance(f, NotFilter):
            output.append(NotFilter(_fold_searches(ctx, f.items)))
        else:
            output.append(f)
    return (*output, *merged.values())


def _group(ctx: Context, model: ModelMeta, key: str, value: Any, path: Path, depth: int) -> Filter | None:
    if isinstance(value, dict):
        parts = [parse_where(ctx, model, value, path, depth + 1)]
    elif isinstance(value, (list, tuple)):
        elements: list[Any] | tuple[Any, ...] = value  # pyright: ignore[reportUnknownVariableType]
        parts = [parse_where(ctx, model, v, (*path, i), depth + 1) for i, v in enumerate(elements)]
    else:
        raise wrong_type(path, f"{model.name}WhereInput or a list of them", value)
    filters = [p for p in parts if p is not None]
    if not filters:
        if depth > 0:
            return None
        if key == "OR":
            return ConstFilter(False)
        return None
    if key == "NOT":
        return NotFilter(tuple(filters))
    if len(filters) == 1:
        return filters[0]
    return AndFilter(tuple(filters)) if key == "AND" else OrFilter(tuple(filters))


# --- scalar fields ----------------------------------------------------------------------------------


def allowed_operators(ctx: Context, field: Field) -> tuple[str, ...]:
    if field.is_list:
        return ("equals", "has", "has_every", "has_some", "is_empty")
    if field.kind == "enum" or field.type in ("Bytes",):
        return ("equals", "in", "not_in", "not")
    if field.type == "Boolean":
        return ("equals", "not")
    if field.type == "Json":
        return ("equals", "not", *JSON_PATH_OPERATORS, "mode")
    ops = ("equals", "in", "not_in", "lt", "lte", "gt", "gte", "not")
    if field.type == "String":
        native = field.native_type.name if field.native_type else None
        if native == "Uuid" and ctx.codec.NAME == "postgres":
            return (*ops, "mode")
        if ctx.codec.NAME in FULL_TEXT_SEARCH:
            return (*ops, "contains", "starts_with", "ends_with", "search", "mode")
        return (*ops, "contains", "starts_with", "ends_with", "mode")
    return ops


def scalar_filters(ctx: Context, model: ModelMeta, field: Field, value: Any, path: Path) -> list[Filter]:
    """The filters of ``where: {field: value}``."""
    if isinstance(value, dict):
        ops: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
        mode = ops.get("mode")
        insensitive = False
        if "mode" in ops:
            if "mode" not in allowed_operators(ctx, field):
                raise unknown_argument("mode", (*path, "mode"), allowed_operators(ctx, field), what="filter")
            if mode not in ("default", "insensitive"):
                raise wrong_type((*path, "mode"), "QueryMode (default or insensitive)", mode)
            insensitive = mode == "insensitive"
        if field.type == "Json" and not field.is_list:
            return _json_filters(ctx, model, field, ops, path)
        return _operators(ctx, model, field, ops, path, reverse=False, insensitive=insensitive, top=True)
    if field.type == "Json" and value is None:
        raise missing_argument(path, ' A Json filter takes an object: `{"equals": ...}`.')
    if field.is_list or field.type == "Json":
        raise wrong_type(path, f"{field.type}{'[]' if field.is_list else ''} filter object", value)
    if value is None:
        if field.is_required:
            raise must_not_be_null(path)
        return [ScalarFilter(field, "eq", None)]
    return [ScalarFilter(field, "eq", _operand(ctx, model, field, value, path))]


def parse_json_path(value: Any, path: Path) -> tuple[str | int, ...]:
    """``["a", "b"]`` (PostgreSQL's form) or ``"$.a.b[0]"`` (SQLite's and MySQL's) -> parts."""
    if isinstance(value, (list, tuple)):
        parts: list[Any] | tuple[Any, ...] = value  # pyright: ignore[reportUnknownVariableType]
        if not all(isinstance(p, (str, int)) and not isinstance(p, bool) for p in parts):
            raise wrong_type(path, "String[]", cast(object, value))
        return tuple(p if isinstance(p, int) else str(p) for p in parts)
    if not isinstance(value, str):
        raise wrong_type(path, "String or String[]", value)
    match = _JSON_PATH.fullmatch(value.strip())
    if match is None:
        raise query_error(path, f"`{value}` is not a JSON path (such as `$.a.b[0]`)")
    out: list[str | int] = []
    for key, quoted, index in _JSON_STEP.findall(match.group(1)):
        if index:
            out.append(int(index))
        else:
            out.append(quoted.replace('\\"', '"') if quoted else key)
    return tuple(out)


_JSON_PATH = re.compile(r"\$((?:\.(?:[A-Za-z_][\w]*|\"(?:[^\"\\\\]|\\\\.)*\")|\[\d+\])*)")
_JSON_STEP = re.compile(r"\.(?:([A-Za-z_]\w*)|\"((?:[^\"\\\\]|\\\\.)*)\")|\[(\d+)\]")
_JSON_STRING_OPS = ("string_contains", "string_starts_with", "string_ends_with")
_JSON_ARRAY_OPS = ("array_contains", "array_starts_with", "array_ends_with")
_JSON_COMPARE = ("lt", "lte", "gt", "gte")


def _json_filters(ctx: Context, model: ModelMeta, field: Field, ops: dict[str, Any], path: Path) -> list[Filter]:
    """Filters of a Json field: ``equals`` / ``not`` a JSON value (``None`` is JSON null) or a null
    marker, and on a ``path`` inside it ``string_*``, ``array_*`` and comparisons."""
    json_path: tuple[str | int, ...] | None = None
    if "path" in ops:
        json_path = parse_json_path(ops["path"], (*path, "path"))
        if not any(k not in ("path", "mode") for k in ops):
            raise input_error(path, "A JSON path cannot be set without a scalar filter.")
    insensitive = ops.get("mode") == "insensitive"
    filters: list[Filter] = []
    json_value = ctx.converter(field)
    for key, value in ops.items():
        here = (*path, key)
        if key in ("path", "mode"):
            continue
        if key in ("equals", "not"):
            filters.append(_json_equality(ctx, model, field, json_path, key == "not", value, here))
        elif key in _JSON_STRING_OPS:
            if value is None:
                raise must_not_be_null(here)
            value = wire_field_ref(value)
            if isinstance(value, FieldRef):
                operand: Operand = ColumnRef(field_reference(model, field, value, here, expected_type="String"))
            else:
                wrap = {"string_contains": "%%", "string_starts_with": "_%", "string_ends_with": "%_"}[key]
                operand = ctx.bind(here, value, _compose_like(ctx, wrap))
            filters.append(JsonFilter(field, json_path, key, operand, insensitive))  # pyright: ignore[reportArgumentType]
        elif key in _JSON_ARRAY_OPS:
            if isinstance(value, FieldRef):
                operand = ColumnRef(field_reference(model, field, value, here))
                filters.append(JsonFilter(field, json_path, key, operand))  # pyright: ignore[reportArgumentType]
                continue
            if isinstance(value, NullMarker):
                raise wrong_type(here, "Json", value)
            convert = _as_json_array(json_value) if key == "array_contains" else json_value
            operand = Const(convert(None)) if value is None else ctx.bind(here, value, convert)
            filters.append(JsonFilter(field, json_path, key, operand))  # pyright: ignore[reportArgumentType]
        elif key in _JSON_COMPARE:
            if isinstance(value, FieldRef):  # another Json field: compared as JSON, of the same JSON type
                operand = ColumnRef(field_reference(model, field, value, here))
                filters.append(JsonFilter(field, json_path, key, operand))  # pyright: ignore[reportArgumentType]
                continue
            if value is None or isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
                raise wrong_type(here, "a JSON number or string", value)
            numeric = not isinstance(value, str)
            operand = ctx.bind(here, value, json_value)
            filters.append(JsonFilter(field, json_path, key, operand, numeric=numeric))  # pyright: ignore[reportArgumentType]
        else:
            raise unknown_argument(key, here, ("equals", "not", *JSON_PATH_OPERATORS, "mode"), what="filter")
    return filters


def _json_equality(
    ctx: Context,
    model: ModelMeta,
    field: Field,
    json_path: tuple[str | int, ...] | None,
    negate: bool,
    value: Any,
    path: Path,
) -> Filter:
    if value is DbNull:
        if json_path is None:
            return ScalarFilter(field, "ne" if negate else "eq", None)
        return JsonFilter(field, json_path, "not_null" if negate else "is_null")
    if value is JsonNull or value is None:
        return JsonFilter(field, json_path, "ne" if negate else "eq", JSON_NULL)
    if value is AnyNull:
        missing: Filter = (
            ScalarFilter(field, "eq", None) if json_path is None else JsonFilter(field, json_path, "is_null")
        )
        either = OrFilter((missing, JsonFilter(field, json_path, "eq", JSON_NULL)))
        return NotFilter((either,)) if negate else either
    if isinstance(value, FieldRef):
        return JsonFilter(
            field, json_path, "ne" if negate else "eq", ColumnRef(field_reference(model, field, value, path))
        )
    return JsonFilter(field, json_path, "ne" if negate else "eq", ctx.bind(path, value, ctx.converter(field)))


def wire_field_ref(value: Any) -> Any:
    """A field reference in the form Prisma's JSON protocol sends it (``{"_ref": "field",
    "_container": "Model"}``) as a :class:`FieldRef`; any other value as it is. Used where an object
    cannot be a value (the string filters of a Json field)."""
    if not isinstance(value, dict):
        return value
    wire: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    name, model = wire.get("_ref"), wire.get("_container")
    if set(wire) <= {"_ref", "_container"} and isinstance(name, str) and name and isinstance(model, (str, type(None))):
        return FieldRef(name, model)
    return wire


def _compose_like(ctx: Context, wrap: str) -> Callable[[Any], Any]:
    text = ctx.coercer(_TEXT)
    prefix = "%" if wrap[0] == "%" else ""
    suffix = "%" if wrap[-1] == "%" else ""

    def convert(value: Any) -> Any:
        return f"{prefix}{text(value)}{suffix}"

    return convert


def _as_json_array(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``array_contains`` takes one element or a list of them: always a JSON array."""

    def as_array(value: Any) -> Any:
        return convert(value if isinstance(value, list) else [value])

    return as_array


_TEXT = Field(name="value", db_name="value", kind="scalar", type="String", is_list=False, is_required=True)


def _operand(ctx: Context, model: ModelMeta, field: Field, value: Any, path: Path, wrap: str = "") -> Operand:
    if isinstance(value, FieldRef):
        return ColumnRef(field_reference(model, field, value, path))
    if isinstance(value, NullMarker):
        raise wrong_type(path, field.type, value)
    return ctx.bind(path, value, ctx.converter(field, wrap))


def field_reference(
    model: ModelMeta,
    field: Field,
    ref: FieldRef,
    path: Path,
    *,
    expected_type: str | None = None,
    list_of: bool = False,
) -> Field:
    """The field ``ref`` names, checked like Prisma does (P2019 with its messages)."""
    if ref.model is not None and ref.model != model.name:
        raise input_error(
            path, f"Expected a referenced scalar field of model {model.name}, but found a field of model {ref.model}."
        )
    if ref.name in model.relations:
        raise input_error(
            path, f"Expected a referenced scalar field {model.name}.{ref.name} but found a relation field."
        )
    target = model.scalars.get(ref.name)
    if target is None:
        raise input_error(path, f"The referenced scalar field {model.name}.{ref.name} does not exist.")
    want = expected_type or field.type
    want_list = list_of or (field.is_list and expected_type is None)
    if target.type != want or target.is_list != want_list:
        shown = f"{target.type}[]" if target.is_list else target.type
        raise input_error(
            path,
            f"Expected a referenced scalar field of type {want} but found {model.name}.{target.name} of type {shown}.",
        )
    return target


def _operators(
    ctx: Context,
    model: ModelMeta,
    field: Field,
    ops: dict[str, Any],
    path: Path,
    *,
    reverse: bool,
    insensitive: bool,
    top: bool,
) -> list[Filter]:
    allowed = allowed_operators(ctx, field)
    filters: list[Filter] = []
    for key, value in ops.items():
        here = (*path, key)
        if key == "mode" and top:
            continue
        if key not in allowed or (key == "mode" and not top):
            raise unknown_argument(key, here, [a for a in allowed if top or a != "mode"], what="filter")
        if field.is_list:
            filters.append(_list_filter(ctx, model, field, key, value, here))
            continue
        if key == "not":
            if isinstance(value, dict):
                inner: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
                filters.extend(
                    _operators(ctx, model, field, inner, here, reverse=not reverse, insensitive=insensitive, top=False)
                )
            elif value is None:
                if field.is_required:
                    raise must_not_be_null(here)
                filters.append(ScalarFilter(field, "ne", None))
            else:
                filters.append(ScalarFilter(field, "ne", _operand(ctx, model, field, value, here), insensitive))
        elif key in ("in", "not_in"):
            filters.append(_inclusion(ctx, model, field, key, value, here, reverse, insensitive))
        elif key == "search":
            if value is None:
                raise must_not_be_null(here)
            filters.append(SearchFilter((field,), ctx.bind(here, value, ctx.converter(field)), negated=reverse))
        elif key == "equals":
            op: ScalarOp = "ne" if reverse else "eq"
            if value is None:
                if field.is_required:
                    raise must_not_be_null(here)
                filters.append(ScalarFilter(field, op, None))
            else:
                filters.append(ScalarFilter(field, op, _operand(ctx, model, field, value, here), insensitive))
        else:
            if value is None:
                raise must_not_be_null(here)
            op = _REVERSED[key] if reverse else _FORWARD[key]
            wrap = _LIKE_WRAP.get(key, "")
            operand = _operand(ctx, model, field, value, here, wrap)
            filters.append(ScalarFilter(field, op, operand, insensitive))
    return filters


def _list_filter(ctx: Context, model: ModelMeta, field: Field, key: str, value: Any, path: Path) -> Filter:
    """A filter on a scalar list (PostgreSQL arrays): ``has``, ``has_every``, ``has_some``,
    ``is_empty``, ``equals`` (Prisma's ``@>``, ``&&``, ``= '{}'``, ``=``)."""
    if not ctx.codec.SCALAR_LISTS:
        raise query_error(path, f"Scalar list filters are not supported on {ctx.codec.NAME}")
    if key == "is_empty":
        if not isinstance(value, bool):
            raise wrong_type(path, "Boolean", value)
        return ScalarFilter(field, "eq" if value else "ne", Const("{}"))
    if key == "equals" and value is None:
        if field.is_required:
            raise must_not_be_null(path)
        return ScalarFilter(field, "eq", None)
    if value is None and not (key == "has" and field.type == "Json"):  # `has: None`: a JSON null element
        raise must_not_be_null(path)
    if isinstance(value, FieldRef):
        # `has` a scalar field of the same row, `has_every`/`has_some`/`equals` a list field
        single = key == "has"
        target = field_reference(model, field, value, path, expected_type=field.type if single else None)
        if single and target.is_list:
            raise input_error(path, f"Expected a referenced scalar field of type {field.type} but found a list.")
        op_ref: ScalarOp = {"equals": "eq", "has": "has_every", "has_every": "has_every", "has_some": "has_some"}[key]  # pyright: ignore[reportAssignmentType]
        return ScalarFilter(field, op_ref, ColumnRef(target))
    coerce = ctx.coercer(field)
    encode = ctx.codec.array_encoder(field)
    if key == "has":
        if isinstance(value, (list, tuple)) and field.type != "Json":  # a Json element may be an array
            raise wrong_type(path, field.type, cast(object, value))
        return ScalarFilter(
            field, "has_every", ctx.bind(path, value, lambda v: encode([None if v is None else coerce(v)]))
        )
    items = list_coercer(coerce, field.type)
    operand = ctx.bind(path, value, lambda v: encode(items(v)))
    op: ScalarOp = {"equals": "eq", "has_every": "has_every", "has_some": "has_some"}[key]  # pyright: ignore[reportAssignmentType]
    return ScalarFilter(field, op, operand)


def _inclusion(
    ctx: Context,
    model: ModelMeta,
    field: Field,
    key: str,
    value: Any,
    path: Path,
    reverse: bool,
    insensitive: bool,
) -> Filter:
    negate = (key == "not_in") != reverse
    if value is None:
        if field.is_required:
            raise must_not_be_null(path)
        return ScalarFilter(field, "ne" if negate else "eq", None)
    if isinstance(value, FieldRef):
        if not ctx.codec.SCALAR_LISTS:
            raise wrong_type(path, f"{field.type}[]", value)
        target = field_reference(model, field, value, path, list_of=True)
        return ScalarFilter(field, "not_in" if negate else "in", ColumnRef(target), insensitive)
    if not isinstance(value, (list, tuple)):
        value = [value]
    items: list[Any] | tuple[Any, ...] = value  # pyright: ignore[reportUnknownVariableType]
    convert = ctx.converter(field)
    operands: list[Operand] = []
    for i, item in enumerate(items):
        if item is None:
            operands.append(None)
        else:
            operands.append(ctx.bind((*path, i), item, convert))
    return ScalarFilter(field, "not_in" if negate else "in", tuple(operands), insensitive)


# --- relations --------------------------------------------------------------------------------------

_LIST_CONDITIONS = ("some", "every", "none")
_ONE_CONDITIONS = ("is", "is_not")


def _relation_filters(ctx: Context, relation: RelationMeta, value: Any, path: Path) -> list[Filter]:
    related = ctx.schema.model(relation.related)
    if relation.is_list:
        if not isinstance(value, dict):
            raise wrong_type(path, f"{related.name}ListRelationFilter", value)
        envelope: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
        filters: list[Filter] = []
        for key, inner in envelope.items():
            here = (*path, key)
            if key not in _LIST_CONDITIONS:
                raise unknown_argument(key, here, _LIST_CONDITIONS, what="filter")
            if inner is None:
                raise must_not_be_null(here)
            condition: Literal["some", "every", "none"] = key  # pyright: ignore[reportAssignmentType]
            filters.append(RelationFilter(relation, condition, parse_where(ctx, related, inner, here)))
        return filters
    if value is None:
        if relation.is_required:
            raise must_not_be_null(path)
        return [RelationNullFilter(relation)]
    if not isinstance(value, dict):
        raise wrong_type(path, f"{related.name}RelationFilter or {related.name}WhereInput", value)
    given: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    if given and not all(k in _ONE_CONDITIONS for k in given):
        if any(k in _ONE_CONDITIONS for k in given):
            stray = next(k for k in given if k not in _ONE_CONDITIONS)
            raise unknown_argument(stray, (*path, stray), _ONE_CONDITIONS, what="filter")
        return [RelationFilter(relation, "is", parse_where(ctx, related, given, path))]
    out: list[Filter] = []
    for key, inner in given.items():
        here = (*path, key)
        if inner is None:
            if relation.is_required:
                raise must_not_be_null(here)
            out.append(RelationNullFilter(relation, negated=key == "is_not"))
        else:
            condition_one: Literal["is", "is_not"] = key  # pyright: ignore[reportAssignmentType]
            out.append(RelationFilter(relation, condition_one, parse_where(ctx, related, inner, here)))
    return out


# --- where-unique -------------------------------------------------------------------------------------


def unique_criteria_names(model: ModelMeta) -> str:
    return ", ".join(model.uniques)


def parse_where_unique(ctx: Context, model: ModelMeta, value: Any, path: Path) -> Filter:
    """A ``WhereUniqueInput``: unique criteria given plain values, ANDed with ordinary filters."""
    if value is None:
        raise must_not_be_null(path)
    if not isinstance(value, dict):
        raise wrong_type(path, f"{model.name}WhereUniqueInput", value)
    given: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    unique: list[Filter] = []
    rest: dict[str, Any] = {}
    for key, inner in given.items():
        fields = model.uniques.get(key)
        if fields is None or (len(fields) == 1 and isinstance(inner, dict)):
            # not a unique criteria, or a filter object on a unique field: an ordinary filter
            rest[key] = inner
            continue
        here = (*path, key)
        unique.extend(unique_equalities(ctx, model, key, fields, inner, here))
    other = parse_where(ctx, model, rest, path) if rest else None
    if not unique:
        raise query_error(
            path,
            f"Argument `where` of type {model.name}WhereUniqueInput needs at least one of "
            f"{' or '.join(f'`{n}`' for n in model.uniques) or '(no unique criteria)'} arguments. "
            f"Expected a minimum of 1 fields of ({unique_criteria_names(model)}) to be present, got 0.",
        )
    filters = [*unique, *([other] if other is not None else [])]
    return filters[0] if len(filters) == 1 else AndFilter(tuple(filters))


def _unique_null(path: Path) -> ValidationError:
    """A unique field (a compound key, a key's part) takes its value's type only, so Prisma reads a
    null as a missing value: P2012 in an operation's own ``where``. Deeper (nested writes,
    relation selections) the where-unique sits inside a union of input types, whose mismatch is
    P2009."""
    if path and path[0] == "where":
        return value_required(path)
    return must_not_be_null(path)


def unique_equalities(
    ctx: Context, model: ModelMeta, key: str, fields: tuple[Field, ...], value: Any, path: Path
) -> list[Filter]:
    if len(fields) == 1:
        if value is None:
            raise _unique_null(path)
        return [ScalarFilter(fields[0], "eq", _operand(ctx, model, fields[0], value, path))]
    if value is None:
        raise _unique_null(path)
    if not isinstance(value, dict):
        raise wrong_type(path, f"{model.name}{key[0].upper()}{key[1:]}CompoundUniqueInput", value)
    parts: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    names = [f.name for f in fields]
    for name in parts:
        if name not in names:
            raise unknown_argument(name, (*path, name), names)
    out: list[Filter] = []
    for f in fields:
        here = (*path, f.name)
        if f.name not in parts:
            raise missing_argument(here)
        inner = parts[f.name]
        if inner is None:
            raise _unique_null(here)
        out.append(ScalarFilter(f, "eq", _operand(ctx, model, f, inner, here)))
    return out
