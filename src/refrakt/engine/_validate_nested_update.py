"""Nested writes inside ``update`` data: the relation fields of an update's ``data``.

``parse_nested_update`` turns the value given for one relation field of ``update`` data
(``{"create": ..., "connect": ..., "disconnect": ..., "set": ..., "update": ..., "upsert": ...,
"delete": ..., ...}``) into the IR the planner of ``_nested_update`` turns into steps.

The operations a relation field takes are Prisma's ``<Model>Update...NestedInput``:

* to-many: ``create`` (one or a list), ``connect_or_create``, ``upsert`` (``{where, create,
  update}``), ``create_many`` (one-to-many only), ``set``, ``disconnect``, ``delete``,
  ``connect`` (unique wheres, one or a list), ``update`` (``{where, data}``), ``update_many``
  (``{where, data}``) and ``delete_many`` (filters);
* to-one: ``create``, ``connect_or_create``, ``upsert`` (``{create, update, where?}``),
  ``connect``, ``update`` (the data, or ``{where, data}``) and, when the relation is optional,
  ``disconnect`` and ``delete`` (``True`` or a filter the connected record must match).

Anything else is an unknown argument (P2009) with the path. The operations are kept in the order
given; a list becomes one operation per item (``set`` keeps its list: it replaces the whole
relation). Nested ``update`` data is parsed like top-level ``update`` data: scalars by the shared
scalar-update parser, relation fields by this module again (at any depth); the relation back to
the parent is not an argument there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from refrakt.engine._context import (
    Context,
    Path,
    missing_argument,
    must_not_be_null,
    unknown_argument,
    wrong_type,
)
from refrakt.engine._ir import Filter
from refrakt.engine._meta import ModelMeta, RelationMeta
from refrakt.engine._validate_create import CreateInput, NestedWrite, parse_create
from refrakt.engine._validate_update import ScalarUpdate, parse_update_scalars
from refrakt.engine._validate_where import parse_where, parse_where_unique

OpKind = Literal[
    "create",
    "create_many",
    "connect",
    "connect_or_create",
    "disconnect",
    "set",
    "update",
    "update_many",
    "upsert",
    "delete",
    "delete_many",
]

#: Prisma's order of the operations in the nested input types (for "Available options").
_TO_MANY = (
    "create",
    "connect_or_create",
    "upsert",
    "create_many",
    "set",
    "disconnect",
    "delete",
    "connect",
    "update",
    "update_many",
    "delete_many",
)
_TO_ONE_REQUIRED = ("create", "connect_or_create", "upsert", "connect", "update")
_TO_ONE_OPTIONAL = ("create", "connect_or_create", "upsert", "disconnect", "delete", "connect", "update")


@dataclass(frozen=True, slots=True, eq=False)
class UpdateData:
    """``data`` of a nested ``update`` (or the ``update`` of an upsert) on the related model."""

    model: ModelMeta
    scalars: ScalarUpdate | None
    """What the shared scalar-update parser made of the scalar fields."""
    nested: tuple[NestedUpdate, ...]
    """The nested writes on the related record's own relation fields."""


@dataclass(frozen=True, slots=True, eq=False)
class NestedOp:
    """One nested write on a relation of the updated record.

    ``where`` is the filter that picks the related record(s): a unique where (connect,
    connect_or_create, to-many update/upsert/delete/disconnect), a filter (update_many,
    delete_many, to-one update/disconnect/delete with a filter), or ``None`` (the connected
    record of a to-one relation, every record of delete_many without a filter). ``wheres`` holds
    the list of ``set``.
    """

    kind: OpKind
    where: Filter | None = None
    wheres: tuple[Filter, ...] = ()
    write: NestedWrite | None = None
    """create / create_many / connect / connect_or_create, as nested writes of ``create``."""
    create: CreateInput | None = None
    """The ``create`` of an upsert."""
    update: UpdateData | None = None
    """The data of update / update_many / the ``update`` of an upsert."""
    many: bool = False
    """update_many / delete_many: every matching record; no match is no error."""


@dataclass(frozen=True, slots=True, eq=False)
class NestedUpdate:
    """The nested writes given for one relation field of ``update`` data, in the order given."""

    relation: RelationMeta
    ops: tuple[NestedOp, ...]


def allowed_operations(relation: RelationMeta) -> tuple[str, ...]:
    if relation.is_list:
        if relation.kind == "join_table":
            return tuple(op for op in _TO_MANY if op != "create_many")
        return _TO_MANY
    return _TO_ONE_REQUIRED if relation.is_required else _TO_ONE_OPTIONAL


def parse_nested_update(ctx: Context, model: ModelMeta, relation: RelationMeta, value: Any, path: Path) -> NestedUpdate:
    """Validate the nested writes on ``relation`` of ``model`` (``path`` is the relation field's)."""
    related = ctx.schema.model(relation.related)
    if not isinstance(value, dict):
        raise wrong_type(path, f"{related.name}Update{'Many' if relation.is_list else 'One'}NestedInput", value)
    given: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    allowed = allowed_operations(relation)
    ops: list[NestedOp] = []
    for key, inner in given.items():
        here = (*path, key)
        if key not in allowed:
            raise unknown_argument(key, here, allowed)
        if inner is None:
            raise must_not_be_null(here)
        if relation.is_list:
            ops.extend(_to_many(ctx, relation, related, key, inner, here))
        else:
            op = _to_one(ctx, relation, related, key, inner, here)
            if op is not None:
                ops.append(op)
    return NestedUpdate(relation, tuple(ops))


def _items(value: Any, path: Path) -> list[tuple[Any, Path]]:
    if isinstance(value, (list, tuple)):
        items: list[Any] | tuple[Any, ...] = value  # pyright: ignore[reportUnknownVariableType]
        return [(item, (*path, i)) for i, item in enumerate(items)]
    return [(value, path)]


def _fields(
    value: Any, path: Path, type_name: str, allowed: tuple[str, ...], required: tuple[str, ...]
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise wrong_type(path, type_name, value)
    entry: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    for name in entry:
        if name not in allowed:
            raise unknown_argument(name, (*path, name), allowed)
    for name in required:
        if name not in entry:
            raise missing_argument((*path, name))
    return entry


def _to_many(
    ctx: Context, relation: RelationMeta, related: ModelMeta, key: str, value: Any, path: Path
) -> list[NestedOp]:
    if key == "set":
        wheres = tuple(parse_where_unique(ctx, related, item, at) for item, at in _items(value, path))
        return [NestedOp("set", wheres=wheres)]
    if key == "create_many":
        return [_create_many(ctx, relation, related, value, path)]
    out: list[NestedOp] = []
    for item, at in _items(value, path):
        if key == "create":
            out.append(NestedOp("create", write=_create_write(ctx, relation, related, item, at)))
        elif key == "connect":
            where = parse_where_unique(ctx, related, item, at)
            out.append(NestedOp("connect", where=where, write=NestedWrite(relation, "connect", where=where)))
        elif key == "connect_or_create":
            out.append(_connect_or_create(ctx, relation, related, item, at))
        elif key in ("disconnect", "delete"):
            kind: OpKind = "disconnect" if key == "disconnect" else "delete"
            out.append(NestedOp(kind, where=parse_where_unique(ctx, related, item, at)))
        elif key == "update":
            entry = _fields(
                item, at, f"{related.name}UpdateWithWhereUniqueNestedInput", ("where", "data"), ("where", "data")
            )
            where = parse_where_unique(ctx, related, entry["where"], (*at, "where"))
            data = parse_update_data(ctx, related, entry["data"], (*at, "data"), relation)
            out.append(NestedOp("update", where=where, update=data))
        elif key == "update_many":
            entry = _fields(
                item, at, f"{related.name}UpdateManyWithWhereNestedInput", ("where", "data"), ("where", "data")
            )
            where = parse_where(ctx, related, entry["where"], (*at, "where"))
            data = parse_update_data(ctx, related, entry["data"], (*at, "data"), relation, many=True)
            out.append(NestedOp("update_many", where=where, update=data, many=True))
        elif key == "delete_many":
            out.append(NestedOp("delete_many", where=parse_where(ctx, related, item, at), many=True))
        else:  # upsert
            entry = _fields(
                item,
                at,
                f"{related.name}UpsertWithWhereUniqueNestedInput",
                ("where", "create", "update"),
                ("where", "create", "update"),
            )
            where = parse_where_unique(ctx, related, entry["where"], (*at, "where"))
            create = parse_create(ctx, related, entry["create"], (*at, "create"), relation)
            data = parse_update_data(ctx, related, entry["update"], (*at, "update"), relation)
            out.append(NestedOp("upsert", where=where, create=create, update=data))
    return out


def _to_one(
    ctx: Context, relation: RelationMeta, related: ModelMeta, key: str, value: Any, path: Path
) -> NestedOp | None:
    if isinstance(value, (list, tuple)):
        raise wrong_type(path, f"{related.name} {key} input (one object)", value)  # pyright: ignore[reportUnknownArgumentType]
    if key == "create":
        return NestedOp("create", write=_create_write(ctx, relation, related, value, path))
    if key == "connect":
        where = parse_where_unique(ctx, related, value, path)
        return NestedOp("connect", where=where, write=NestedWrite(relation, "connect", where=where))
    if key == "connect_or_create":
        return _connect_or_create(ctx, relation, related, value, path)
    if key in ("disconnect", "delete"):
        kind: OpKind = "disconnect" if key == "disconnect" else "delete"
        if isinstance(value, bool):
            return NestedOp(kind) if value else None  # ``False``: nothing to do
        return NestedOp(kind, where=parse_where(ctx, related, value, path))
    if key == "update":
        if _is_with_where(related, value):
            entry: dict[str, Any] = value
            where = (
                parse_where(ctx, related, entry.get("where"), (*path, "where"))
                if entry.get("where") is not None
                else None
            )
            data = parse_update_data(ctx, related, entry["data"], (*path, "data"), relation)
            return NestedOp("update", where=where, update=data)
        return NestedOp("update", update=parse_update_data(ctx, related, value, path, relation))
    # upsert
    entry = _fields(
        value, path, f"{related.name}UpsertNestedInput", ("create", "update", "where"), ("create", "update")
    )
    where = parse_where(ctx, related, entry["where"], (*path, "where")) if entry.get("where") is not None else None
    create = parse_create(ctx, related, entry["create"], (*path, "create"), relation)
    data = parse_update_data(ctx, related, entry["update"], (*path, "update"), relation)
    return NestedOp("upsert", where=where, create=create, update=data)


def _is_with_where(related: ModelMeta, value: Any) -> bool:
    """``{where, data}`` (``<Model>UpdateToOneWithWhereWithoutInput``) rather than the data itself."""
    if not isinstance(value, dict) or "data" not in value:
        return False
    keys: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    return "data" not in related.scalars and "data" not in related.relations and set(keys) <= {"where", "data"}


def _create_write(ctx: Context, relation: RelationMeta, related: ModelMeta, item: Any, path: Path) -> NestedWrite:
    return NestedWrite(relation, "create", data=parse_create(ctx, related, item, path, relation))


def _connect_or_create(ctx: Context, relation: RelationMeta, related: ModelMeta, item: Any, path: Path) -> NestedOp:
    entry = _fields(item, path, f"{related.name}CreateOrConnectWithoutInput", ("where", "create"), ("where", "create"))
    where = parse_where_unique(ctx, related, entry["where"], (*path, "where"))
    data = parse_create(ctx, related, entry["create"], (*path, "create"), relation)
    return NestedOp(
        "connect_or_create", where=where, write=NestedWrite(relation, "connect_or_create", where=where, data=data)
    )


def _create_many(ctx: Context, relation: RelationMeta, related: ModelMeta, value: Any, path: Path) -> NestedOp:
    entry = _fields(value, path, f"{related.name}CreateManyInputEnvelope", ("data", "skip_duplicates"), ("data",))
    skip = entry.get("skip_duplicates", False)
    if not isinstance(skip, bool):
        raise wrong_type((*path, "skip_duplicates"), "Boolean", skip)
    rows: list[CreateInput] = []
    for row, at in _items(entry["data"], (*path, "data")):
        parsed = parse_create(ctx, related, row, at, relation)
        if parsed.parents or parsed.children:
            nested = (parsed.parents or parsed.children)[0].relation
            raise unknown_argument(nested.name, (*at, nested.name), list(related.scalars))
        rows.append(parsed)
    return NestedOp("create_many", write=NestedWrite(relation, "create_many", rows=tuple(rows), skip_duplicates=skip))


# --- update data ------------------------------------------------------------------------------------


def parse_update_data(
    ctx: Context, model: ModelMeta, data: Any, path: Path, parent: RelationMeta | None = None, *, many: bool = False
) -> UpdateData:
    """``data`` of a nested update of ``model`` reached through ``parent`` (whose back relation is
    not an argument): scalars by the shared parser, relation fields by :func:`parse_nested_update`."""
    scalars = parse_update_scalars(ctx, model, data, path, many=many, parent=parent)
    nested = tuple(
        parse_nested_update(ctx, model, relation, value, here) for relation, value, here in scalars.relations
    )
    return UpdateData(model, scalars, nested)


__all__ = ["NestedOp", "NestedUpdate", "UpdateData", "allowed_operations", "parse_nested_update", "parse_update_data"]
