"""``upsert``: Prisma's native upsert where it applies, else find, then update or create.

``INSERT ... ON CONFLICT (<unique>) DO UPDATE`` when the database has it and the call fits (one
unique criterion in ``where``, equal to the values of ``create``, no nested writes, a non-empty
``update``, no relations selected, foreign keys in the database: ``can_use_native_upsert`` of
Prisma's query graph builder; the equality is checked per call), else the record is found, then
updated (an :class:`~refrakt.engine._update.UpdateStep`) or created (an
:class:`~refrakt.engine._write.InsertStep`), in a transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from refrakt._sql import Column, Insert, OnConflict, Param, Raw, Table
from refrakt.engine._context import Context, missing_argument
from refrakt.engine._ir import AndFilter, Const, Filter, ScalarFilter, Selection, Slot
from refrakt.engine._meta import ModelMeta
from refrakt.engine._plan import ReadPlan
from refrakt.engine._runtime import KeyMarker, Template
from refrakt.engine._update import UpdatePlanner, UpdateStep, encoded_generators, set_list
from refrakt.engine._validate import check_arguments, given, parse_selection
from refrakt.engine._validate_create import CreateInput, parse_create
from refrakt.engine._validate_update import UpdateInput, parse_update
from refrakt.engine._validate_where import parse_where_unique
from refrakt.engine._write import InsertStep
from refrakt.ir import Field

__all__ = ["UpsertPlan", "UpsertPlanner"]


@dataclass(frozen=True, slots=True, eq=False)
class UpsertPlan:
    find: Template
    update: UpdateStep
    create: InsertStep
    read: ReadPlan
    native: Template | None
    """``INSERT ... ON CONFLICT (<unique>) DO UPDATE SET ... RETURNING <key>``; keys = (insert
    values, generated values of the update)."""
    native_generated: tuple[Callable[[], Any], ...]
    native_pairs: tuple[tuple[int, int], ...]
    """(where slot, create slot) pairs that must hold equal values for the native statement."""
    transaction: bool


class UpsertPlanner:
    """Plans ``upsert`` on top of the update planner (and its write planner)."""

    def __init__(self, updates: UpdatePlanner) -> None:
        self.updates = updates
        self.writes = updates.writes
        self.schema = updates.schema
        self.dialect = updates.dialect
        self.returning = updates.returning

    def plan_upsert(self, ctx: Context, model: ModelMeta, args: dict[str, Any]) -> UpsertPlan:
        args = given(args)
        check_arguments(args, ("where", "create", "update", "select", "include", "omit"))
        where = parse_where_unique(ctx, model, args["where"], ("where",)) if args.get("where") is not None else None
        create_data = parse_create(ctx, model, args["create"], ("create",)) if args.get("create") is not None else None
        update_data = parse_update(ctx, model, args["update"], ("update",)) if args.get("update") is not None else None
        if where is None or create_data is None or update_data is None:
            missing = "where" if where is None else "create" if create_data is None else "update"
            raise missing_argument((missing,))
        selection = parse_selection(ctx, model, args, ())
        read = self.updates.read_by_key(model, selection, len(ctx.binder.values))
        update = self.updates.update_step(update_data)
        create = self.writes.insert_step(create_data, {f.name for f in model.primary})
        find = self.updates.find(model, where, update.found, Raw("1"))
        native: Template | None = None
        native_generated: tuple[Callable[[], Any], ...] = ()
        pairs: tuple[tuple[int, int], ...] = ()
        target = self._native_target(model, args, create_data, update_data, selection)
        if target is not None:
            pairs = _equal_pairs(where, create_data.values, target[1])
            if pairs:
                native, native_generated = self._native_statement(model, create, update_data, target[0])
        return UpsertPlan(find, update, create, read, native, native_generated, pairs, transaction=True)

    def _native_target(
        self,
        model: ModelMeta,
        args: dict[str, Any],
        create: CreateInput,
        update: UpdateInput,
        selection: Selection,
    ) -> tuple[tuple[Field, ...], tuple[str, ...]] | None:
        """The unique criterion a native upsert arbitrates on, and the where fields to compare with
        create's values; ``None`` where Prisma reads, then updates or creates."""
        if not self.returning or self.dialect.UPSERT_STYLE != "on_conflict":
            return None
        if self.schema.datamodel.relation_mode == "prisma":
            return None
        if create.parents or create.children or update.nested or not args["update"]:
            return None
        if selection.relations or selection.counts is not None:
            return None
        where: dict[str, Any] = args["where"]
        if not isinstance(where, dict):  # pyright: ignore[reportUnnecessaryIsInstance]
            return None
        criteria = [k for k in where if k in model.uniques]
        if len(criteria) != 1:
            return None
        compared: list[str] = []
        for name, value in where.items():
            fields = model.uniques.get(name)
            if fields is not None and len(fields) > 1:
                if not isinstance(value, dict):
                    return None
                parts: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
                if set(parts) != {f.name for f in fields}:
                    return None
                compared.extend(parts)
            elif name in model.scalars and not isinstance(value, (dict, list)):
                compared.append(name)
            else:
                return None
        return model.uniques[criteria[0]], tuple(compared)

    def _native_statement(
        self, model: ModelMeta, create: InsertStep, update: UpdateInput, target: tuple[Field, ...]
    ) -> tuple[Template, tuple[Callable[[], Any], ...]]:
        width = len(create.columns)
        generators = encoded_generators(self.writes, update.assignments)
        generated = tuple(generators[a.field.name] for a in update.assignments if a.op == "now")
        pairs = set_list(update.assignments, lambda i: KeyMarker(width + i, 0), model.table)
        statement = Insert(
            Table(model.table, schema=model.schema),
            tuple(f.db_name for f in create.columns),
            (tuple(Param(KeyMarker(i, 0)) for i in range(width)),) if width else (),
            on_conflict=OnConflict(columns=tuple(f.db_name for f in target), update=pairs),
            returning=tuple(Column(f.db_name) for f in model.primary),
        )
        return self.updates.render(statement), generated


def _equal_pairs(
    where: Filter, create_values: Sequence[tuple[Field, Slot | Const | None]], names: Sequence[str]
) -> tuple[tuple[int, int], ...]:
    """(where slot, create slot) for each of ``names``; empty when one is not a bound value on
    both sides (then the values cannot be compared per call and the upsert is read-then-write)."""
    in_where: dict[str, int] = {}

    def walk(f: Filter) -> None:
        if isinstance(f, AndFilter):
            for item in f.items:
                walk(item)
        elif isinstance(f, ScalarFilter) and f.op == "eq" and isinstance(f.value, Slot) and not f.insensitive:
            in_where.setdefault(f.field.name, f.value.index)

    walk(where)
    in_create = {field.name: value.index for field, value in create_values if isinstance(value, Slot)}
    out: list[tuple[int, int]] = []
    for name in names:
        if name not in in_where or name not in in_create:
            return ()
        out.append((in_where[name], in_create[name]))
    return tuple(out)
