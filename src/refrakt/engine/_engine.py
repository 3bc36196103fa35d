"""The query engine: ``Engine(datamodel, dialect).prepare(model, operation, args)``.

``prepare`` validates the arguments (raising :class:`~refrakt.errors.ValidationError` before
any SQL), plans the query and renders its SQL, and returns a :class:`PreparedQuery` with its
values bound; ``prepared.run(conn)`` / ``await prepared.run_async(conn)`` execute it.

Validation, planning and rendering happen once per query *shape* (see ``_shape``): a second
call that differs only in values finds its plan in the cache, converts its values and runs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from refrakt._sql import get_dialect
from refrakt.engine import (
    _execute,
    _execute_async,
    _execute_delete,
    _execute_delete_async,
    _execute_update,
    _execute_update_async,
)
from refrakt.engine._aggregate import (
    AggregatePlan,
    AggregatePlanner,
    validate_aggregate,
    validate_count,
    validate_group_by,
)
from refrakt.engine._codecs import get_codec
from refrakt.engine._context import Context, Path, invalid_value, query_error
from refrakt.engine._delete import DeleteManyPlan, DeletePlan, DeletePlanner
from refrakt.engine._meta import ModelMeta, SchemaIndex
from refrakt.engine._plan import Planner, ReadPlan
from refrakt.engine._referential import ReferentialPlanner
from refrakt.engine._shape import NotCompact, RowCells, ShapeEntry, shape_entry, shape_key
from refrakt.engine._update import UpdateManyPlan, UpdatePlan, UpdatePlanner
from refrakt.engine._upsert import UpsertPlan, UpsertPlanner
from refrakt.engine._validate import READ_OPERATIONS, validate_read
from refrakt.engine._values import InvalidValue, is_identity
from refrakt.engine._write import CreateManyAndReturnPlan, CreateManyPlan, CreatePlan, WritePlanner
from refrakt.errors import ValidationError
from refrakt.ir import DataModel

if TYPE_CHECKING:
    from refrakt.drivers import AsyncConnection, Connection

__all__ = ["Engine", "EngineStats", "PreparedQuery"]

READ = frozenset(READ_OPERATIONS)
AGGREGATIONS = frozenset({"count", "aggregate", "group_by"})
WRITES = frozenset(
    {
        "create",
        "create_many",
        "create_many_and_return",
        "update",
        "update_many",
        "update_many_and_return",
        "upsert",
        "delete",
        "delete_many",
    }
)
#: Operations whose argument of that name, a list of rows, is keyed once for all its rows.
_ROWS = {"create_many": "data", "create_many_and_return": "data"}
#: Dialects whose ``LIKE`` has a case-insensitive twin (``ILIKE``).
_ILIKE = frozenset({"postgres", "postgresql"})

Plan = (
    ReadPlan
    | AggregatePlan
    | CreatePlan
    | CreateManyPlan
    | CreateManyAndReturnPlan
    | DeletePlan
    | DeleteManyPlan
    | UpdatePlan
    | UpdateManyPlan
    | UpsertPlan
)


@dataclass(slots=True)
class EngineStats:
    """Cache counters: ``hits`` reuse a plan; ``misses`` validate and plan; ``renders`` count SQL renders."""

    hits: int = 0
    misses: int = 0
    renders: int = 0


@dataclass(frozen=True, slots=True, eq=False)
class CompiledShape:
    """A planned variant of a shape and how to compute its bound values from the arguments."""

    plan: Plan
    nodes: tuple[int, ...]
    converts: tuple[Callable[[Any], Any], ...]
    paths: tuple[Path, ...]
    rows: RowCells | None = None
    """The cells of a list of rows keyed once, bound a column at a time (``nodes`` has ``-1`` for them)."""
    pairs: tuple[tuple[int, Callable[[Any], Any]], ...] = field(init=False)
    """``(node, convert)`` of each bound value (without rows)."""
    singles: tuple[tuple[int, int, Callable[[Any], Any]], ...] = field(init=False)
    """With rows: ``(binding index, node, convert)`` of each bound value that is not a cell."""
    columns: tuple[tuple[int, int, int, int, Callable[[Any], Any] | None], ...] = field(init=False)
    """With rows: ``(column, start, stop, step, convert or None)``: the cells of a column are the
    values ``[start:stop:step]`` (``None``: its values are already what the plan binds)."""

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "pairs", tuple(zip(self.nodes, self.converts, strict=True)))
        set_(self, "singles", ())
        set_(self, "columns", ())
        if self.rows is not None:
            set_(self, "singles", tuple((j, n, c) for j, (n, c) in enumerate(self.pairs) if n >= 0))
            set_(self, "columns", _columns(self.rows, self.converts))

    def bind(self, leaves: Sequence[Any]) -> list[Any]:
        try:
            if self.rows is None:
                return [convert(leaves[n]) for n, convert in self.pairs]
            values: list[Any] = [None] * len(self.nodes)
            for j, n, convert in self.singles:
                values[j] = convert(leaves[n])
            columns: tuple[list[Any], ...] = leaves[self.rows.node]
            for c, start, stop, step, convert in self.columns:
                values[start:stop:step] = columns[c] if convert is None else list(map(convert, columns[c]))
            return values
        except InvalidValue as exc:
            self._raise_first(leaves)
            raise exc from None

    def _raise_first(self, leaves: Sequence[Any]) -> None:
        """Raise the error of the first bound value (in binding order) that does not convert."""
        cells = self.rows.cells if self.rows is not None else {}
        for j, (n, convert, path) in enumerate(zip(self.nodes, self.converts, self.paths, strict=True)):
            if n >= 0:
                value = leaves[n]
            else:
                row, key = cells[j]
                value = leaves[self.rows.node][self.rows.keys.index(key)][row]  # pyright: ignore[reportOptionalMemberAccess]
            try:
                convert(value)
            except InvalidValue as exc:
                raise invalid_value(path, exc) from None


def _columns(
    rows: RowCells, converts: Sequence[Callable[[Any], Any]]
) -> tuple[tuple[int, int, int, int, Callable[[Any], Any] | None], ...]:
    """How each key's cells are bound: at evenly spaced binding indexes, with one converter
    (skipped when it returns the column's type unchanged); else :class:`NotCompact`."""
    by_key: dict[Any, list[tuple[int, int]]] = {}
    for j, (row, key) in rows.cells.items():
        by_key.setdefault(key, []).append((row, j))
    out: list[tuple[int, int, int, int, Callable[[Any], Any] | None]] = []
    for c, (key, kind) in enumerate(zip(rows.keys, rows.types, strict=True)):
        placed = sorted(by_key.get(key, ()))
        if not placed or [row for row, _ in placed] != list(range(len(placed))):
            raise NotCompact
        indexes = [j for _, j in placed]
        start = indexes[0]
        step = indexes[1] - start if len(indexes) > 1 else 1
        if step <= 0 or indexes != list(range(start, start + step * len(indexes), step)):
            raise NotCompact
        convert = {converts[j] for j in indexes}
        if len(convert) != 1:
            raise NotCompact
        (one,) = convert
        out.append((c, start, indexes[-1] + 1, step, None if is_identity(one, kind) else one))
    return tuple(out)


class PreparedQuery:
    """A validated, planned query with its values bound; run it on a connection."""

    __slots__ = ("plan", "values")

    def __init__(self, plan: Plan, values: Sequence[Any]) -> None:
        self.plan = plan
        self.values = values

    def run(self, conn: Connection) -> Any:
        plan = self.plan
        if isinstance(plan, ReadPlan):
            return _execute.run_read(plan, self.values, conn)
        if isinstance(plan, AggregatePlan):
            return _execute.run_aggregate(plan, self.values, conn)
        if isinstance(plan, CreatePlan):
            return _execute.run_create(plan, self.values, conn)
        if isinstance(plan, CreateManyAndReturnPlan):
            return _execute.run_create_many_and_return(plan, self.values, conn)
        if isinstance(plan, DeletePlan):
            return _execute_delete.run_delete(plan, self.values, conn)
        if isinstance(plan, DeleteManyPlan):
            return _execute_delete.run_delete_many(plan, self.values, conn)
        if isinstance(plan, UpdatePlan):
            return _execute_update.run_update(plan, self.values, conn)
        if isinstance(plan, UpdateManyPlan):
            return _execute_update.run_update_many(plan, self.values, conn)
        if isinstance(plan, UpsertPlan):
            return _execute_update.run_upsert(plan, self.values, conn)
        return _execute.run_create_many(plan, self.values, conn)

    async def run_async(self, conn: AsyncConnection) -> Any:
        plan = self.plan
        if isinstance(plan, ReadPlan):
            return await _execute_async.run_read(plan, self.values, conn)
        if isinstance(plan, AggregatePlan):
            return await _execute_async.run_aggregate(plan, self.values, conn)
        if isinstance(plan, CreatePlan):
            return await _execute_async.run_create(plan, self.values, conn)
        if isinstance(plan, CreateManyAndReturnPlan):
            return await _execute_async.run_create_many_and_return(plan, self.values, conn)
        if isinstance(plan, DeletePlan):
            return await _execute_delete_async.run_delete(plan, self.values, conn)
        if isinstance(plan, DeleteManyPlan):
            return await _execute_delete_async.run_delete_many(plan, self.values, conn)
        if isinstance(plan, UpdatePlan):
            return await _execute_update_async.run_update(plan, self.values, conn)
        if isinstance(plan, UpdateManyPlan):
            return await _execute_update_async.run_update_many(plan, self.values, conn)
        if isinstance(plan, UpsertPlan):
            return await _execute_update_async.run_upsert(plan, self.values, conn)
        return await _execute_async.run_create_many(plan, self.values, conn)

    @property
    def sql(self) -> str:
        """The SQL of the first statement (the root query; the insert of a create)."""
        plan = self.plan
        if isinstance(plan, CreatePlan):
            return plan.root.template.sql
        if isinstance(plan, (CreateManyPlan, CreateManyAndReturnPlan)):
            return plan.rows.statements[0][0].sql if plan.rows.statements else ""
        if isinstance(plan, (UpdatePlan, UpdateManyPlan)) and plan.direct is not None:
            return plan.direct.sql
        if isinstance(plan, (DeletePlan, DeleteManyPlan, UpdatePlan, UpdateManyPlan, UpsertPlan)):
            return plan.find.sql
        return plan.statement.sql

    @property
    def params(self) -> list[Any]:
        """The parameters of the first statement (generated defaults are computed anew)."""
        plan = self.plan
        if isinstance(plan, CreatePlan):
            return plan.root.template.bind((), plan.root.params(self.values, {}))
        if isinstance(plan, (CreateManyPlan, CreateManyAndReturnPlan)):
            batches = plan.rows.batches(self.values, {})
            return batches[0][1] if batches else []
        if isinstance(plan, UpdatePlan) and plan.direct is not None:
            return plan.direct.bind(self.values, [make() for make in plan.step.generated])
        if isinstance(plan, UpdateManyPlan) and plan.direct is not None:
            return plan.direct.bind(self.values, [make() for make in plan.generated])
        if isinstance(plan, (DeletePlan, DeleteManyPlan, UpdatePlan, UpdateManyPlan, UpsertPlan)):
            return plan.find.bind(self.values)
        return plan.statement.bind(self.values)

    def __repr__(self) -> str:
        return f"<PreparedQuery {self.sql!r} {self.params!r}>"


class _CountingPlanner(Planner):
    def __init__(self, *args: Any, stats: EngineStats) -> None:
        super().__init__(*args)
        self.stats = stats

    def render(self, node: Any) -> Any:
        self.stats.renders += 1
        return super().render(node)


class Engine:
    """Validates, plans and caches the queries of one client; one per data model and database."""

    def __init__(self, datamodel: DataModel, dialect_name: str, *, cache_size: int = 2048) -> None:
        self.datamodel = datamodel
        self.dialect_name = dialect_name
        self.schema = SchemaIndex(datamodel)
        self.dialect = get_dialect(dialect_name)
        self.codec = get_codec(dialect_name, datamodel.enums)
        self.stats = EngineStats()
        self.planner: Planner = _CountingPlanner(self.schema, self.dialect, self.codec, stats=self.stats)
        self.aggregates = AggregatePlanner(self.planner)
        self.writes = WritePlanner(self.planner)
        #: Referential actions (emulated with ``relationMode = "prisma"``): see ``_referential``.
        self.referential = ReferentialPlanner(self.planner, datamodel.relation_mode)
        self.deletes = DeletePlanner(self.planner, self.referential)
        self.updates = UpdatePlanner(self.writes, self.referential)
        self.upserts = UpsertPlanner(self.updates)
        self.cache_size = cache_size
        self._shapes: dict[Hashable, ShapeEntry] = {}
        #: Keys of rows keyed once whose cells cannot be bound a column at a time (see ``_shape``).
        self._cell_by_cell: set[Hashable] = set()
        self._insensitive_native = dialect_name.lower() in _ILIKE

    def __repr__(self) -> str:
        return f"<Engine {self.dialect_name} {len(self.schema.models)} models, {len(self._shapes)} cached shapes>"

    def model(self, name: str) -> ModelMeta:
        meta = self.schema.models.get(name)
        if meta is None:
            from refrakt.engine._context import did_you_mean

            raise ValidationError(f"Unknown model `{name}`.{did_you_mean(name, self.schema.models)}", code="P2009")
        return meta

    def prepare(self, model: str, operation: str, args: dict[str, Any]) -> PreparedQuery:
        """Validate and plan (or find in the cache) ``operation`` on ``model`` with ``args``."""
        leaves: list[Any] = []
        rows = _ROWS.get(operation)
        key = shape_key(model, operation, args, leaves, rows)
        entry = self._shapes.get(key)
        if entry is not None:
            if entry.fixed:
                variant = entry.variants.get(())
            else:
                try:
                    variant = entry.variants.get(entry.variant_key(leaves))
                except TypeError:  # an unhashable value where a structural one was
                    variant = None
            if variant is not None:
                self.stats.hits += 1
                compiled: CompiledShape = variant
                return PreparedQuery(compiled.plan, compiled.bind(leaves))
        elif rows is not None and key in self._cell_by_cell:
            return self._prepare_cell_by_cell(model, operation, args)
        return self._prepare_slowly(key, model, operation, args, leaves, rows)

    def _prepare_cell_by_cell(self, model: str, operation: str, args: dict[str, Any]) -> PreparedQuery:
        """``prepare`` with every row keyed on its own (rows whose cells are not all bound values)."""
        leaves: list[Any] = []
        key = shape_key(model, operation, args, leaves)
        entry = self._shapes.get(key)
        if entry is not None:
            try:
                variant = entry.variants.get(entry.variant_key(leaves))
            except TypeError:
                variant = None
            if variant is not None:
                self.stats.hits += 1
                compiled: CompiledShape = variant
                return PreparedQuery(compiled.plan, compiled.bind(leaves))
        return self._prepare_slowly(key, model, operation, args, leaves, None)

    def _prepare_slowly(
        self, key: Hashable, model: str, operation: str, args: dict[str, Any], leaves: list[Any], rows: str | None
    ) -> PreparedQuery:
        self.stats.misses += 1
        meta = self.model(model)
        ctx = Context(self.schema, self.codec, operation, insensitive_native=self._insensitive_native)
        plan = self._plan(ctx, meta, operation, args)
        binder = ctx.binder
        paths = tuple(b.path for b in binder.bindings)
        converts = tuple(b.convert for b in binder.bindings)
        discriminators = [(binder.bindings[i].path, fn) for i, fn in binder.discriminators.items()]
        try:
            try:
                entry, nodes, cells = shape_entry(args, leaves, paths, discriminators, rows)
                compiled = CompiledShape(plan, nodes, converts, paths, cells)
            except NotCompact:
                if len(self._cell_by_cell) >= self.cache_size:
                    self._cell_by_cell.clear()
                self._cell_by_cell.add(key)
                leaves = []
                key = shape_key(model, operation, args, leaves)
                entry, nodes, cells = shape_entry(args, leaves, paths, discriminators)
                compiled = CompiledShape(plan, nodes, converts, paths)
            variant_key = entry.variant_key(leaves)
            hash(variant_key)
        except (KeyError, TypeError):
            return PreparedQuery(plan, binder.values)
        existing = self._shapes.get(key)
        if existing is not None and existing.structural == entry.structural:
            entry = existing
        elif len(self._shapes) >= self.cache_size:
            self._shapes.pop(next(iter(self._shapes)))
        entry.variants[variant_key] = compiled
        self._shapes[key] = entry
        return PreparedQuery(plan, binder.values)

    def _plan(self, ctx: Context, model: ModelMeta, operation: str, args: dict[str, Any]) -> Plan:
        if operation in READ:
            return self.planner.plan_read(validate_read(ctx, model, operation, args))
        if operation == "count":
            return self.aggregates.plan_count(validate_count(ctx, model, args))
        if operation == "aggregate":
            return self.aggregates.plan_aggregate(validate_aggregate(ctx, model, args))
        if operation == "group_by":
            return self.aggregates.plan_group_by(validate_group_by(ctx, model, args))
        if operation in WRITES and model.is_view:
            raise query_error((), f"`{operation}` is not available on the view `{model.name}`: views are read-only")
        if operation == "create":
            return self.writes.plan_create(ctx, model, args)
        if operation == "create_many":
            return self.writes.plan_create_many(ctx, model, args)
        if operation == "create_many_and_return":
            return self.writes.plan_create_many_and_return(ctx, model, args)
        if operation == "delete":
            return self.deletes.plan_delete(ctx, model, args)
        if operation == "delete_many":
            return self.deletes.plan_delete_many(ctx, model, args)
        if operation == "update":
            return self.updates.plan_update(ctx, model, args)
        if operation in ("update_many", "update_many_and_return"):
            return self.updates.plan_update_many(ctx, model, args, and_return=operation == "update_many_and_return")
        if operation == "upsert":
            return self.upserts.plan_upsert(ctx, model, args)
        if operation in WRITES:
            raise NotImplementedError(f"`{operation}` is not implemented by the query engine yet")
        raise query_error((), f"Unknown operation `{operation}`")

    def clear_cache(self) -> None:
        self._shapes.clear()
        self._cell_by_cell.clear()
