"""``data`` of ``create`` (and of nested creates) -> :class:`CreateInput`, checked before any SQL.

As Prisma's ``<Model>CreateInput`` / ``<Model>UncheckedCreateInput``: scalar fields take
values; a relation field takes nested writes (``create``, ``connect``, ``connect_or_create``,
and on to-many relations ``create_many``); giving a foreign key scalar directly (unchecked
input) excludes the relation field it backs. Required fields without a default must be given.
As in Prisma, ``data`` is a union of the checked and the unchecked input, so data that fits
neither (a missing field, a generated ``Int`` id given with a relation written through a nested
write) is P2009. In a nested create the relation back to the parent is not an argument: the
parent sets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

from refrakt._markers import DbNull, JsonNull, NullMarker
from refrakt.engine._codecs import json_text
from refrakt.engine._context import (
    Context,
    Path,
    missing_argument,
    must_not_be_null,
    query_error,
    unknown_argument,
    wrong_type,
)
from refrakt.engine._defaults import generator, has_database_default
from refrakt.engine._ir import Const, Filter, Slot
from refrakt.engine._meta import ModelMeta, RelationMeta
from refrakt.engine._validate_where import parse_where_unique
from refrakt.engine._values import InvalidValue, list_coercer
from refrakt.ir import Field

NestedKind = Literal["create", "connect", "connect_or_create", "create_many"]


@dataclass(frozen=True, slots=True, eq=False)
class NestedWrite:
    """One nested write on a relation: create ``data``, connect ``where``, or both (connect_or_create)."""

    relation: RelationMeta
    kind: NestedKind
    where: Filter | None = None
    data: CreateInput | None = None
    rows: tuple[CreateInput, ...] = ()
    skip_duplicates: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class CreateInput:
    """A record to insert: the values given, and the nested writes before and after the insert."""

    model: ModelMeta
    values: tuple[tuple[Field, Slot | Const | None], ...]
    parents: tuple[NestedWrite, ...]
    """Relations whose foreign key is on this model: written first, they give its value."""
    children: tuple[NestedWrite, ...]
    """Relations whose foreign key (or join table) is elsewhere: written after the insert."""
    inherited: tuple[Field, ...] = ()
    """Foreign key fields the parent of a nested create fills in."""


_TO_ONE_OPS = ("create", "connect", "connect_or_create")
_TO_MANY_OPS = ("create", "connect", "connect_or_create", "create_many")


def inverse(ctx: Context, relation: RelationMeta) -> RelationMeta | None:
    """The relation field on the other side of ``relation`` (``Post.author`` for ``User.posts``)."""
    related = ctx.schema.model(relation.related)
    for other in related.relations.values():
        if other.relation is relation.relation and other is not relation and other.field is not relation.field:
            return other
    return None


def parse_create(
    ctx: Context, model: ModelMeta, data: Any, path: Path, parent: RelationMeta | None = None
) -> CreateInput:
    if not isinstance(data, dict):
        raise wrong_type(path, f"{model.name}CreateInput", data)
    given: dict[str, Any] = data  # pyright: ignore[reportUnknownVariableType]
    back = inverse(ctx, parent) if parent is not None else None
    inherited: tuple[Field, ...] = ()
    if parent is not None and parent.kind == "fk_there":
        inherited = parent.other_fields
    inherited_names = {f.name for f in inherited}
    unchecked = any(model.scalars[k].is_read_only for k in given if k in model.scalars and k not in inherited_names)
    values: list[tuple[Field, Slot | Const | None]] = []
    parents: list[NestedWrite] = []
    children: list[NestedWrite] = []
    set_by_relation: set[str] = set(inherited_names)
    candidates = [n for n in model.field_names() if n not in inherited_names and (back is None or n != back.name)]
    for key, value in given.items():
        here = (*path, key)
        field = model.scalars.get(key)
        if field is not None and key not in inherited_names:
            values.append((field, _scalar_value(ctx, field, value, here)))
            continue
        relation = model.relations.get(key)
        if relation is None or relation is back or (unchecked and relation.kind == "fk_here"):
            raise unknown_argument(key, here, candidates)
        writes = _nested(ctx, relation, value, here)
        if relation.kind == "fk_here":
            parents.extend(writes)
            set_by_relation.update(f.name for f in relation.this_fields)
        else:
            children.extend(writes)
    if parents and not unchecked:
        _check_generated_id(model, values, parents, path)
    provided = {f.name for f, _ in values} | set_by_relation
    for name, field in model.scalars.items():
        if name in provided or not field.is_required or field.is_list:
            continue
        if generator(field) is not None or has_database_default(field):
            continue
        owner = next((r for r in model.relations.values() if r.kind == "fk_here" and field in r.this_fields), None)
        missing = (*path, owner.name) if owner is not None and not unchecked and owner is not back else (*path, name)
        error = missing_argument(missing)
        # `data` of a create is a union (checked | unchecked input): when neither fits, Prisma
        # reports the union's mismatch, P2009, not the missing value's P2012.
        error.code = "P2009"
        raise error
    return CreateInput(model, tuple(values), tuple(parents), tuple(children), inherited)


def _check_generated_id(
    model: ModelMeta, values: list[tuple[Field, Slot | Const | None]], parents: list[NestedWrite], path: Path
) -> None:
    """The checked input (relations written through nested writes) has no generated ``Int`` id (a
    single-field id with ``autoincrement()`` or ``sequence()``; a ``BigInt`` one stays), and the
    unchecked input (foreign keys given as scalars) has no relation field inlined on the model: such
    an id given together with such a relation fits neither (P2009)."""
    single = model.primary[0] if len(model.primary) == 1 else None
    for field, _ in values:
        default = field.default
        generated = default is not None and default.function in ("autoincrement", "sequence")
        if field is single and field.type == "Int" and generated:
            relation = parents[0].relation.name
            raise query_error(
                (*path, field.name),
                f"Argument `{field.name}` cannot be given together with the relation `{relation}`: the id is "
                f"generated by the database when relations are written through nested writes (give the "
                f"foreign key scalars instead)",
            )


def _scalar_value(ctx: Context, field: Field, value: Any, path: Path) -> Slot | Const | None:
    if isinstance(value, NullMarker):
        if field.type != "Json" or (value is not DbNull and value is not JsonNull):
            raise wrong_type(path, field.type, value)
        if value is DbNull:
            if field.is_required:
                raise must_not_be_null(path)
            return None
        return Const(json_text(None))  # the JSON value null (a marker is part of the shape, never bound)
    if value is None:
        if field.type == "Json":
            return Const(json_text(None))  # None is a JSON value: null (refrakt.DbNull is SQL NULL)
        if field.is_required:
            raise must_not_be_null(path)
        return None
    if field.is_list:
        if isinstance(value, dict):
            wrapped: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
            if set(wrapped) != {"set"}:
                raise unknown_argument(next(iter(wrapped), "set"), path, ("set",))
            value = wrapped["set"]
            path = (*path, "set")
        if not ctx.codec.SCALAR_LISTS:
            raise query_error(path, f"Scalar lists are not supported on {ctx.codec.NAME}")
        coerce = list_coercer(ctx.coercer(field), field.type)
        encode = ctx.codec.array_encoder(field)
        return ctx.bind(path, value, lambda items: encode(coerce(items)))
    return ctx.bind(path, value, ctx.converter(field))


def _as_list(value: Any) -> list[tuple[int | None, Any]]:
    if isinstance(value, (list, tuple)):
        items: list[Any] | tuple[Any, ...] = value  # pyright: ignore[reportUnknownVariableType]
        return list(enumerate(items))
    return [(None, value)]


def _nested(ctx: Context, relation: RelationMeta, value: Any, path: Path) -> list[NestedWrite]:
    related = ctx.schema.model(relation.related)
    if not isinstance(value, dict):
        raise wrong_type(path, f"{related.name}CreateNestedInput", value)
    ops: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    allowed = _TO_MANY_OPS if relation.is_list else _TO_ONE_OPS
    writes: list[NestedWrite] = []
    for key, inner in ops.items():
        here = (*path, key)
        if key not in allowed:
            raise unknown_argument(key, here, allowed)
        if inner is None:
            raise must_not_be_null(here)
        items = _as_list(inner) if relation.is_list and key != "create_many" else [(None, inner)]
        if not relation.is_list and isinstance(inner, (list, tuple)):
            raise wrong_type(here, f"{related.name}{key} input (one object)", cast(object, inner))
        for index, item in items:
            at = here if index is None else (*here, index)
            writes.append(_one_write(ctx, relation, related, key, item, at))
    if not relation.is_list and len(writes) > 1:
        raise query_error(path, f"Only one of {', '.join(_TO_ONE_OPS)} may be given for the to-one relation")
    return writes


def _one_write(
    ctx: Context, relation: RelationMeta, related: ModelMeta, key: str, item: Any, path: Path
) -> NestedWrite:
    if key == "create":
        return NestedWrite(relation, "create", data=parse_create(ctx, related, item, path, relation))
    if key == "connect":
        return NestedWrite(relation, "connect", where=parse_where_unique(ctx, related, item, path))
    if key == "connect_or_create":
        if not isinstance(item, dict):
            raise wrong_type(path, f"{related.name}CreateOrConnectWithoutInput", item)
        entry: dict[str, Any] = item  # pyright: ignore[reportUnknownVariableType]
        for name in entry:
            if name not in ("where", "create"):
                raise unknown_argument(name, (*path, name), ("where", "create"))
        for name in ("where", "create"):
            if name not in entry:
                raise missing_argument((*path, name))
        where = parse_where_unique(ctx, related, entry["where"], (*path, "where"))
        data = parse_create(ctx, related, entry["create"], (*path, "create"), relation)
        return NestedWrite(relation, "connect_or_create", where=where, data=data)
    # create_many: {data: [...], skip_duplicates}
    if not isinstance(item, dict):
        raise wrong_type(path, f"{related.name}CreateManyInputEnvelope", item)
    envelope: dict[str, Any] = item  # pyright: ignore[reportUnknownVariableType]
    for name in envelope:
        if name not in ("data", "skip_duplicates"):
            raise unknown_argument(name, (*path, name), ("data", "skip_duplicates"))
    if "data" not in envelope:
        raise missing_argument((*path, "data"))
    skip = envelope.get("skip_duplicates", False)
    if not isinstance(skip, bool):
        raise wrong_type((*path, "skip_duplicates"), "Boolean", skip)
    rows = [
        _flat_row(ctx, related, row, (*path, "data") if index is None else (*path, "data", index), relation)
        for index, row in _as_list(envelope["data"])
    ]
    return NestedWrite(relation, "create_many", rows=tuple(rows), skip_duplicates=skip)


def _flat_row(ctx: Context, model: ModelMeta, row: Any, path: Path, parent: RelationMeta | None) -> CreateInput:
    """A row of create_many: scalars only (no nested writes), foreign keys given directly."""
    parsed = parse_create(ctx, model, row, path, parent)
    if parsed.parents or parsed.children:
        relation = (parsed.parents or parsed.children)[0].relation
        raise unknown_argument(relation.name, (*path, relation.name), list(model.scalars))
    return parsed


def parse_create_many_rows(ctx: Context, model: ModelMeta, data: Any, path: Path) -> tuple[CreateInput, ...]:
    return tuple(
        _flat_row(ctx, model, row, path if index is None else (*path, index), None) for index, row in _as_list(data)
    )


__all__ = ["CreateInput", "InvalidValue", "NestedWrite", "inverse", "parse_create", "parse_create_many_rows"]
