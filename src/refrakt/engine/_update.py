"""``update``, ``update_many`` and ``update_many_and_return``: plans of updates.

Where the database has ``RETURNING`` (SQLite, PostgreSQL), an update is one statement,
``UPDATE <model> AS t0 SET ... WHERE <where> RETURNING <key>`` (no row: P2025, nothing changed).
Otherwise (MySQL, which cannot update a table it reads in a subquery of its ``where``; a
``limit``; emulated referential actions, which need the old values; data without scalars) the
records are found first (``SELECT <key> ... WHERE <where>``) and updated by primary key, their new
keys computed from the old ones and the assignments where there is no RETURNING. The result is
then read like ``find_unique`` / ``find_many`` with the call's ``select`` / ``include`` / ``omit``.

A :class:`UpdateStep` updates one found record: its ``SET`` list (``col = ?``, ``col = col + ?``,
``array_cat(col, ?)``, ``@updatedAt`` as the current time), then the nested writes of its
relation fields (``_nested_update``; they run after the parent's update, when its new key is
known). A record whose data holds only relation fields is found but not updated.

``upsert`` is planned in ``_upsert`` from the same steps.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from refrakt._sql import (
    Arith,
    Column,
    Compare,
    Expr,
    Func,
    In,
    Null,
    OrderBy,
    Param,
    Raw,
    Row,
    Select,
    Table,
    Update,
    and_,
)
from refrakt.engine._context import Context, Path, missing_argument, query_error, unknown_argument, wrong_type
from refrakt.engine._defaults import generator
from refrakt.engine._ir import Const, Filter, ReadArgs, ReadQuery, ScalarFilter, Selection, Slot
from refrakt.engine._meta import ModelMeta
from refrakt.engine._plan import ROOT, Columns, ReadPlan
from refrakt.engine._referential import ReferentialPlanner
from refrakt.engine._runtime import KeyedStatement, KeyMarker, LevelPlan, Template
from refrakt.engine._sql_build import SqlBuilder, col, table_of
from refrakt.engine._validate import check_arguments, given, parse_selection
from refrakt.engine._validate_update import ARITHMETIC, Assignment, UpdateInput, parse_update, parse_update_scalars
from refrakt.engine._validate_where import parse_where, parse_where_unique
from refrakt.engine._write import WritePlanner, and_filters
from refrakt.errors import RecordNotFoundError
from refrakt.ir import Field

#: How the new value of a key field is computed where there is no RETURNING:
#: ``fn(values, old value)``, or ``None`` when the update leaves the field as it is.
NewKey = Callable[[Sequence[Any], Any], Any] | None


def record_not_found(operation: str, model: str) -> RecordNotFoundError:
    """P2025 of an update (or upsert) that found no record: Prisma's message and meta."""
    error = RecordNotFoundError.because(f"No record was found for {operation}.", model_name=model)
    error.meta["operation"] = operation
    return error


@dataclass(frozen=True, slots=True, eq=False)
class UpdateStep:
    """Updates one record found by its primary key, then runs its nested writes."""

    model: ModelMeta
    statement: Template | None
    """``UPDATE ... SET ... WHERE <key> = ...`` (``RETURNING`` the key and ``needed``); ``None``
    when no scalar is assigned. Parameters: slots, then ``keys`` = (generated values, old key)."""
    generated: tuple[Callable[[], Any], ...]
    key: tuple[Field, ...]
    returning: tuple[Field, ...]
    new_key: tuple[NewKey, ...]
    fetch: Template | None
    """Without RETURNING: reads ``fetched`` by the new key after the update."""
    fetched: tuple[Field, ...]
    found: tuple[Field, ...]
    """What the lookup before the update reads: the key, then what the nested writes need."""
    nested: tuple[Any, ...]
    """``NestedUpdateStep`` values (``_nested_update``)."""
    referential: ReferentialPlanner | None = None
    """Set where records point at fields the update changes and refrakt emulates the
    referential actions (``relationMode = "prisma"``): ``before_update`` runs first."""
    changed: tuple[tuple[Field, NewKey], ...] = ()
    """The fields the update assigns and how their new values are computed from the old."""

    def keys(self, old_key: Sequence[Any]) -> list[Any]:
        return [*(make() for make in self.generated), *old_key]


@dataclass(frozen=True, slots=True, eq=False)
class UpdatePlan:
    find: Template
    """``SELECT <key, needed> FROM <model> WHERE <where> LIMIT 1``."""
    step: UpdateStep
    read: ReadPlan
    """Reads the result by its (new) key, given as the last values."""
    transaction: bool
    direct: Template | None = None
    """Where the database has RETURNING and no referential action is emulated: one statement,
    ``UPDATE <model> AS t0 SET ... WHERE <where> RETURNING <key, needed>``, in place of ``find``
    and the step's own statement (keys: the generated values)."""


@dataclass(frozen=True, slots=True, eq=False)
class KeyedRead:
    """Reads records by their keys (``update_many_and_return``), in key order."""

    statement: KeyedStatement
    level: LevelPlan


@dataclass(frozen=True, slots=True, eq=False)
class UpdateManyPlan:
    find: Template
    """``SELECT <key> FROM <model> WHERE <where> [LIMIT n]``."""
    update: KeyedStatement | None
    """``UPDATE ... WHERE <key> IN (...)``, keys = (generated values, key tuples...)."""
    generated: tuple[Callable[[], Any], ...]
    width: int
    returning: bool
    new_key: tuple[NewKey, ...]
    read: KeyedRead | None
    """``update_many_and_return``: the records after the update."""
    model: ModelMeta | None = None
    referential: ReferentialPlanner | None = None
    changed: tuple[tuple[Field, NewKey], ...] = ()
    """As :class:`UpdateStep`'s."""
    find_fields: tuple[Field, ...] = ()
    """What ``find`` reads: the key, then the fields of ``changed``."""
    direct: Template | None = None
    """Where the database has RETURNING (its row counts are of the rows matched), no ``limit`` and
    no emulated referential action: one ``UPDATE <model> AS t0 SET ... WHERE <where>``
    (``RETURNING <key>`` for ``update_many_and_return``) in place of ``find`` and ``update``."""


_PY_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
}


def _divide(old: Any, by: Any) -> Any:
    if isinstance(old, int) and isinstance(by, int):
        quotient = abs(old) // abs(by)
        return quotient if (old >= 0) == (by > 0) else -quotient
    if isinstance(old, Decimal) or isinstance(by, Decimal):
        return Decimal(old) / Decimal(by)
    return old / by


def _new_key(assignment: Assignment | None) -> NewKey:
    if assignment is None:
        return None
    value = assignment.value
    if assignment.op == "set" or assignment.op == "push":
        if isinstance(value, Slot):
            index = value.index
            return lambda values, old: values[index]
        constant = value.value if isinstance(value, Const) else None
        return lambda values, old: constant
    if assignment.op == "now":
        return None
    assert isinstance(value, Slot)
    index = value.index
    symbol = ARITHMETIC[assignment.op]
    combine = _divide if symbol == "/" else _PY_OPS[symbol]
    return lambda values, old: None if old is None else combine(old, values[index])


def new_key_values(new_key: Sequence[NewKey], values: Sequence[Any], old: Sequence[Any]) -> list[Any]:
    return [o if fn is None else fn(values, o) for fn, o in zip(new_key, old, strict=True)]


def _value_expr(value: Slot | Const | None) -> Expr:
    if value is None:
        return Null()
    if isinstance(value, Slot):
        return Param(value)
    return Param(value.value)


def set_list(
    assignments: Sequence[Assignment], marker: Callable[[int], KeyMarker], table: str | None = None
) -> tuple[tuple[str, Expr], ...]:
    """The ``SET`` pairs of ``assignments``; generated values (``@updatedAt``) are parameters
    ``marker(0)``, ``marker(1)``... in order; ``table`` qualifies the columns read (the existing
    row of an upsert)."""
    pairs: list[tuple[str, Expr]] = []
    generated = 0
    for a in assignments:
        column = Column(a.field.db_name, table)
        if a.op == "now":
            pairs.append((a.field.db_name, Param(marker(generated))))
            generated += 1
        elif a.op == "set":
            pairs.append((a.field.db_name, _value_expr(a.value)))
        elif a.op == "push":
            pairs.append((a.field.db_name, Func("array_cat", (column, _value_expr(a.value)))))
        else:
            pairs.append((a.field.db_name, Arith(column, ARITHMETIC[a.op], _value_expr(a.value))))  # pyright: ignore[reportArgumentType]
    return tuple(pairs)


def encoded_generators(writes: WritePlanner, assignments: Sequence[Assignment]) -> dict[str, Callable[[], Any]]:
    out: dict[str, Callable[[], Any]] = {}
    for a in assignments:
        if a.op == "now":
            make = generator(a.field)
            encode = writes.codec.encoder(a.field)
            assert make is not None
            out[a.field.name] = make if encode is None else _compose(make, encode)
    return out


def _compose(make: Callable[[], Any], encode: Callable[[Any], Any]) -> Callable[[], Any]:
    return lambda: encode(make())


def _key_equals(key: Sequence[Field], offset: int, alias: str | None = None) -> Expr:
    return and_(*(Compare(col(f, alias), "=", Param(KeyMarker(offset + i, 0))) for i, f in enumerate(key)))


def _keys_in(key: Sequence[Field], offset: int, count: int, alias: str | None = None) -> Expr:
    if len(key) == 1:
        return In(col(key[0], alias), tuple(Param(KeyMarker(offset + i, 0)) for i in range(count)))
    return In(
        Row(tuple(col(f, alias) for f in key)),
        tuple(Row(tuple(Param(KeyMarker(offset + i, j)) for j in range(len(key)))) for i in range(count)),
    )


class UpdatePlanner:
    """Plans ``update``, ``update_many``, ``update_many_and_return`` and ``upsert``."""

    def __init__(self, writes: WritePlanner, referential: ReferentialPlanner | None = None) -> None:
        self.writes = writes
        self.referential = referential
        self.planner = writes.planner
        self.schema = writes.schema
        self.dialect = writes.dialect
        self.returning = writes.returning

    def render(self, node: Any) -> Template:
        return self.writes.render(node)

    def find(self, model: ModelMeta, where: Filter | None, fields: Sequence[Field], limit: Expr | None) -> Template:
        builder = SqlBuilder(self.schema)
        condition = builder.condition(where, model, ROOT) if where is not None else None
        return self.render(
            Select(tuple(col(f, ROOT) for f in fields), table_of(model, ROOT), where=condition, limit=limit)
        )

    # --- one record ------------------------------------------------------------------------------------

    def update_step(self, data: UpdateInput) -> UpdateStep:
        model = data.model
        key = model.primary
        nested: list[Any] = []
        needed: list[Field] = []
        if data.nested:
            from refrakt.engine._nested_update import plan_nested_update

            for write in data.nested:
                step = plan_nested_update(self.writes, write)
                nested.append(step)
                needed.extend(f for f in step.needed if f not in needed and f not in key)
        assignments = data.assignments
        referential, changed = self.referential_actions(model, assignments)
        found = (*key, *needed)
        found = (*found, *(f for f, _ in changed if f not in found))
        if not assignments:
            return UpdateStep(model, None, (), key, (), (), None, (), found, tuple(nested))
        generators = encoded_generators(self.writes, assignments)
        pairs = set_list(assignments, lambda i: KeyMarker(i, 0))
        generated = tuple(generators[a.field.name] for a in assignments if a.op == "now")
        table = Table(model.table, schema=model.schema)
        where = _key_equals(key, len(generated))
        by_name = {a.field.name: a for a in assignments}
        new_key = tuple(_new_key(by_name.get(f.name)) for f in key)
        fetch: Template | None = None
        fetched: tuple[Field, ...] = ()
        if self.returning:
            returning = found
            statement = Update(table, pairs, where=where, returning=tuple(Column(f.db_name) for f in returning))
        else:
            returning = ()
            statement = Update(table, pairs, where=where)
            if needed:
                fetched = tuple(needed)
                fetch = self.render(
                    Select(tuple(col(f, ROOT) for f in fetched), table_of(model, ROOT), where=_key_equals(key, 0, ROOT))
                )
        return UpdateStep(
            model=model,
            statement=self.render(statement),
            generated=generated,
            key=key,
            returning=returning,
            new_key=new_key,
            fetch=fetch,
            fetched=fetched,
            found=found,
            nested=tuple(nested),
            referential=referential,
            changed=changed,
        )

    def referential_actions(
        self, model: ModelMeta, assignments: Sequence[Assignment]
    ) -> tuple[ReferentialPlanner | None, tuple[tuple[Field, NewKey], ...]]:
        """The emulated referential actions an update of ``assignments`` needs (``relationMode =
        "prisma"``): the planner, and each assigned field with how its new value is computed."""
        if self.referential is None or not assignments:
            return None, ()
        if not self.referential.on_update(model.name, frozenset(a.field.name for a in assignments)):
            return None, ()
        return self.referential, tuple((a.field, _new_key(a)) for a in assignments if a.op != "now")

    def read_by_key(self, model: ModelMeta, selection: Selection, first: int) -> ReadPlan:
        key = model.primary
        where = and_filters([ScalarFilter(f, "eq", Slot(first + i)) for i, f in enumerate(key)])
        return self.planner.plan_read(ReadQuery(model, "unique", False, ReadArgs(where=where, take=1), selection))

    def plan_update(self, ctx: Context, model: ModelMeta, args: dict[str, Any]) -> UpdatePlan:
        args = given(args)
        check_arguments(args, ("where", "data", "select", "include", "omit"))
        # Prisma checks the arguments given before it reports the missing ones.
        where = parse_where_unique(ctx, model, args["where"], ("where",)) if args.get("where") is not None else None
        data = parse_update(ctx, model, args["data"], ("data",)) if args.get("data") is not None else None
        if where is None or data is None:
            raise missing_argument(("where",) if where is None else ("data",))
        selection = parse_selection(ctx, model, args, ())
        read = self.read_by_key(model, selection, len(ctx.binder.values))
        step = self.update_step(data)
        find = self.find(model, where, step.found, Raw("1"))
        direct: Template | None = None
        if self.returning and step.statement is not None and step.referential is None:
            builder = SqlBuilder(self.schema)
            direct = self.render(
                Update(
                    table_of(model, ROOT),
                    set_list(data.assignments, lambda i: KeyMarker(i, 0)),
                    where=builder.condition(where, model, ROOT),
                    returning=tuple(Column(f.db_name) for f in step.found),
                )
            )
        transaction = bool(step.nested) or step.referential is not None
        return UpdatePlan(find, step, read, transaction, direct)

    # --- many records ----------------------------------------------------------------------------------

    def plan_update_many(
        self, ctx: Context, model: ModelMeta, args: dict[str, Any], *, and_return: bool
    ) -> UpdateManyPlan:
        args = given(args)
        allowed = ("where", "data", "limit", "select", "include", "omit") if and_return else ("where", "data", "limit")
        check_arguments(args, allowed)
        where = parse_where(ctx, model, args["where"], ("where",)) if args.get("where") is not None else None
        if args.get("data") is None:
            raise missing_argument(("data",))
        data = parse_update_scalars(ctx, model, args["data"], ("data",), many=True)
        limit = _parse_limit(ctx, args.get("limit"), ("limit",))
        selection = parse_selection(ctx, model, args, ()) if and_return else None
        if selection is not None:
            _check_returned_relations(model, selection, "select" if "select" in args else "include")
        key = model.primary
        assignments = data.assignments
        referential, changed = self.referential_actions(model, assignments)
        fields = (*key, *(f for f, _ in changed if f not in key))
        find = self.find(model, where, fields, Param(limit) if limit is not None else None)
        width = len(key)
        generators = encoded_generators(self.writes, assignments)
        generated = tuple(generators[a.field.name] for a in assignments if a.op == "now")
        by_name = {a.field.name: a for a in assignments}
        new_key = tuple(_new_key(by_name.get(f.name)) for f in key)
        returning = and_return and self.returning and any(f.name in by_name for f in key)
        update: KeyedStatement | None = None
        if assignments:
            pairs = set_list(assignments, lambda i: KeyMarker(i, 0))
            table = Table(model.table, schema=model.schema)
            offset = len(generated)
            back = tuple(Column(f.db_name) for f in key) if returning else ()

            def build_update(count: int) -> Template:
                return self.render(Update(table, pairs, where=_keys_in(key, offset, count), returning=back))

            update = KeyedStatement(build_update)
        read = self.keyed_read(model, selection) if selection is not None else None
        direct: Template | None = None
        if assignments and self.returning and limit is None and referential is None:
            builder = SqlBuilder(self.schema)
            direct = self.render(
                Update(
                    table_of(model, ROOT),
                    set_list(assignments, lambda i: KeyMarker(i, 0)),
                    where=builder.condition(where, model, ROOT) if where is not None else None,
                    returning=tuple(Column(f.db_name) for f in key) if and_return else (),
                )
            )
        return UpdateManyPlan(
            find, update, generated, width, returning, new_key, read, model, referential, changed, fields, direct
        )

    def keyed_read(self, model: ModelMeta, selection: Selection) -> KeyedRead:
        builder = SqlBuilder(self.schema)
        columns = Columns(ROOT)
        level = self.planner.plan_level(selection, builder, columns)
        key = model.primary
        exprs = tuple(columns.exprs)
        order = tuple(OrderBy(col(f, ROOT)) for f in key)

        def build(count: int) -> Template:
            return self.render(
                Select(exprs, table_of(model, ROOT), where=_keys_in(key, 0, count, ROOT), order_by=order)
            )

        return KeyedRead(KeyedStatement(build), level)


def _check_returned_relations(model: ModelMeta, selection: Selection, argument: str) -> None:
    """``update_many_and_return`` returns the relations whose foreign key is on the model only
    (Prisma's ``<Model>UpdateManyAndReturnOutputType``), and no ``_count``."""
    allowed = [n for n, r in model.relations.items() if r.kind == "fk_here"]
    for item in selection.relations:
        if item.relation.kind != "fk_here":
            name = item.relation.name
            raise unknown_argument(name, (argument, name), [*model.scalars, *allowed], what="field")
    if selection.counts is not None:
        raise unknown_argument("_count", (argument, "_count"), [*model.scalars, *allowed], what="field")


def _parse_limit(ctx: Context, value: Any, path: Path) -> Slot | None:
    if value is None:
        return None

    def convert(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            from refrakt.engine._values import InvalidValue

            raise InvalidValue("Int", v)
        if v < 0:
            raise query_error(path, f"Provided limit ({v}) must be a positive integer")
        return v

    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(path, "Int", value)
    return ctx.bind(path, value, convert)


__all__ = [
    "KeyedRead",
    "UpdateManyPlan",
    "UpdatePlan",
    "UpdatePlanner",
    "UpdateStep",
    "encoded_generators",
    "new_key_values",
    "record_not_found",
    "set_list",
]
