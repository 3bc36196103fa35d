"""``data`` of ``update`` / ``update_many`` / ``upsert`` -> assignments, checked before any SQL.

As Prisma's ``<Model>UpdateInput`` / ``<Model>UncheckedUpdateInput`` (one record) and
``<Model>UpdateManyMutationInput`` / ``<Model>UncheckedUpdateManyInput`` (many): a scalar field
takes a value (``None`` for SQL NULL where the field is optional) or one operation:

- every scalar: ``{"set": value}``;
- Int, BigInt, Float, Decimal: ``{"increment" | "decrement" | "multiply" | "divide": n}`` (on a
  NULL column the result stays NULL, as in SQL and Prisma);
- scalar lists (PostgreSQL): ``{"set": [...]}`` and ``{"push": item or [items]}``;
- Json: the value itself (a dict is a JSON object), ``refrakt.DbNull`` / ``refrakt.JsonNull``.

Writing a foreign key scalar directly makes the input *unchecked*: the relation field it backs is
then not an argument. ``@updatedAt`` fields not given are set to the current time whenever some
scalar is assigned. :func:`parse_update_scalars` is shared with the nested ``update`` /
``update_many`` of relations; :func:`parse_update` adds the relation fields of one record's
update (nested writes, see ``_validate_nested_update``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from refrakt._markers import DbNull, JsonNull, NullMarker
from refrakt.engine._codecs import json_text
from refrakt.engine._context import (
    Context,
    Path,
    must_not_be_null,
    query_error,
    unknown_argument,
    wrong_type,
)
from refrakt.engine._defaults import generator
from refrakt.engine._ir import Const, Slot
from refrakt.engine._meta import ModelMeta, RelationMeta
from refrakt.engine._validate_create import inverse
from refrakt.engine._values import list_coercer
from refrakt.ir import Field

UpdateOp = Literal["set", "increment", "decrement", "multiply", "divide", "push", "now"]

NUMERIC = frozenset({"Int", "BigInt", "Float", "Decimal"})
ARITHMETIC: dict[str, str] = {"increment": "+", "decrement": "-", "multiply": "*", "divide": "/"}
_NUMERIC_OPS = ("set", "increment", "decrement", "multiply", "divide")
_LIST_OPS = ("set", "push")
_ARITH_OPS: dict[str, UpdateOp] = {
    "increment": "increment",
    "decrement": "decrement",
    "multiply": "multiply",
    "divide": "divide",
}


@dataclass(frozen=True, slots=True)
class Assignment:
    """``field = value`` (``op`` ``set``), ``field = field <op> value``, ``push`` onto a list, or
    ``now`` (``@updatedAt``, computed when the statement runs). A ``None`` value is SQL NULL."""

    field: Field
    op: UpdateOp
    value: Slot | Const | None = None


@dataclass(frozen=True, slots=True, eq=False)
class ScalarUpdate:
    """The scalar part of update data, and the relation fields given (for the caller to parse)."""

    model: ModelMeta
    assignments: tuple[Assignment, ...]
    relations: tuple[tuple[RelationMeta, Any, Path], ...] = ()
    unchecked: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class UpdateInput:
    """One record's update: its assignments and the nested writes on its relations."""

    model: ModelMeta
    assignments: tuple[Assignment, ...]
    nested: tuple[Any, ...] = ()
    """``NestedUpdate`` values (``_validate_nested_update``), one per relation field given."""


def input_type_name(model: ModelMeta, many: bool) -> str:
    return f"{model.name}UpdateManyMutationInput" if many else f"{model.name}UpdateInput"


def parse_update_scalars(
    ctx: Context,
    model: ModelMeta,
    data: Any,
    path: Path,
    *,
    many: bool,
    parent: RelationMeta | None = None,
) -> ScalarUpdate:
    """Validate update ``data`` of ``model``; ``many`` for ``update_many`` (scalars only).

    ``parent`` is the relation a nested update comes through (``User.posts`` for the posts of a
    user): the relation back to the parent, and the foreign key the parent holds, are then not
    arguments. Relation fields are returned in ``relations`` (never with ``many``).
    """
    if not isinstance(data, dict):
        raise wrong_type(path, input_type_name(model, many), data)
    given: dict[str, Any] = data  # pyright: ignore[reportUnknownVariableType]
    back = inverse(ctx, parent) if parent is not None else None
    excluded: set[str] = set()
    if parent is not None and parent.kind == "fk_there":
        excluded = {f.name for f in parent.other_fields}
    unchecked = any(model.scalars[k].is_read_only for k in given if k in model.scalars and k not in excluded)
    candidates = [
        n
        for n in model.field_names()
        if n not in excluded
        and (back is None or n != back.name)
        and (n in model.scalars or not many)
        and not (unchecked and n in model.relations and model.relations[n].kind == "fk_here")
    ]
    assignments: list[Assignment] = []
    relations: list[tuple[RelationMeta, Any, Path]] = []
    for key, value in given.items():
        here = (*path, key)
        field = model.scalars.get(key)
        if field is not None and key not in excluded:
            assignments.append(_assignment(ctx, field, value, here))
            continue
        relation = model.relations.get(key)
        if relation is None or many or relation is back or (unchecked and relation.kind == "fk_here"):
            raise unknown_argument(key, here, candidates)
        relations.append((relation, value, here))
    if assignments:
        named = {a.field.name for a in assignments}
        for name, field in model.scalars.items():
            if field.is_updated_at and name not in named and generator(field) is not None:
                assignments.append(Assignment(field, "now"))
    return ScalarUpdate(model, tuple(assignments), tuple(relations), unchecked)


def parse_update(ctx: Context, model: ModelMeta, data: Any, path: Path) -> UpdateInput:
    """One record's update data: scalar assignments, and nested writes on its relation fields."""
    scalars = parse_update_scalars(ctx, model, data, path, many=False)
    nested: list[Any] = []
    if scalars.relations:
        from refrakt.engine._validate_nested_update import parse_nested_update

        for relation, value, here in scalars.relations:
            nested.append(parse_nested_update(ctx, model, relation, value, here))
    return UpdateInput(model, scalars.assignments, tuple(nested))


def _assignment(ctx: Context, field: Field, value: Any, path: Path) -> Assignment:
    if isinstance(value, dict) and (field.type != "Json" or field.is_list):
        ops: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
        allowed = _LIST_OPS if field.is_list else _NUMERIC_OPS if field.type in NUMERIC else ("set",)
        for key in ops:
            if key not in allowed:
                raise unknown_argument(key, (*path, key), allowed)
        if len(ops) != 1:
            names = " and ".join(f"`{k}`" for k in ops) or "none"
            raise query_error(
                path,
                f"Argument `{path[-1]}` needs exactly one argument, but you provided {names}. Please choose one",
            )
        op, operand = next(iter(ops.items()))
        here = (*path, op)
        if op == "set":
            return Assignment(field, "set", set_value(ctx, field, operand, here))
        if operand is None:
            raise must_not_be_null(here)
        if op == "push":
            return Assignment(field, "push", _list_value(ctx, field, operand, here, single=True))
        return Assignment(field, _ARITH_OPS[op], ctx.bind(here, operand, ctx.converter(field)))
    return Assignment(field, "set", set_value(ctx, field, value, path))


def set_value(ctx: Context, field: Field, value: Any, path: Path) -> Slot | Const | None:
    """The new value of ``field``: a slot, a constant (JSON null) or ``None`` (SQL NULL)."""
    if isinstance(value, NullMarker):
        if field.type != "Json" or (value is not DbNull and value is not JsonNull):
            raise wrong_type(path, field.type, value)
        if value is DbNull:
            if field.is_required:
                raise must_not_be_null(path)
            return None
        return Const(json_text(None))
    if value is None:
        if field.type == "Json" and not field.is_list:
            return Const(json_text(None))  # None is a JSON value: null (refrakt.DbNull is SQL NULL)
        if field.is_required or field.is_list:
            raise must_not_be_null(path)
        return None
    if field.is_list:
        return _list_value(ctx, field, value, path)
    return ctx.bind(path, value, ctx.converter(field))


def _list_value(ctx: Context, field: Field, value: Any, path: Path, *, single: bool = False) -> Slot:
    """A list parameter; with ``single`` (``push``) one item stands for a list of one."""
    if not ctx.codec.SCALAR_LISTS:
        raise query_error(path, f"Scalar lists are not supported on {ctx.codec.NAME}")
    coerce = list_coercer(ctx.coercer(field), field.type)
    encode = ctx.codec.array_encoder(field)
    if single:
        return ctx.bind(
            path, value, lambda items: encode(coerce(items if isinstance(items, (list, tuple)) else [items]))
        )
    return ctx.bind(path, value, lambda items: encode(coerce(items)))


__all__ = [
    "ARITHMETIC",
    "Assignment",
    "ScalarUpdate",
    "UpdateInput",
    "parse_update",
    "parse_update_scalars",
    "set_value",
]
