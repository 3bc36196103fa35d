"""``delete`` and ``delete_many``: validated and planned once per shape.

A ``delete`` finds the primary key of the record its where-unique matches, reads the record
with the call's ``select`` / ``include`` / ``omit`` (it is the result), then deletes it; no
match is P2025 "Record to delete does not exist.". A ``delete_many`` finds the primary keys
of the matching records (at most ``limit``) and deletes them, returning how many. Both delete
through ``_execute_delete_async.delete_records``: referential actions (``_referential``) and
join-table rows first, then ``DELETE ... WHERE <primary key> IN (...)``.

When deleting records of the model involves nothing else (no emulated referential action, no
implicit m:n join table), one statement does it: ``delete_many`` is ``DELETE FROM <model>
WHERE <primary key> IN (SELECT ... FROM (SELECT ... WHERE <where> LIMIT <limit>) AS t_del)``,
and a ``delete`` whose selection has no relations is the same with ``LIMIT 1`` and
``RETURNING`` the selected columns. MySQL has no ``RETURNING`` and may not delete from a table
it selects from in a subquery (unless the optimizer materializes the derived table, which it
need not do), so there only an unconditional ``delete_many`` is one statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from refrakt._sql import Column, Delete, Expr, In, Raw, Row, Select, Subquery, Table
from refrakt.engine._context import Context, Path, missing_argument, wrong_type
from refrakt.engine._ir import AndFilter, Filter, ReadArgs, ReadQuery, ScalarFilter, Selection, Slot
from refrakt.engine._meta import ModelMeta
from refrakt.engine._plan import ROOT, Columns, Planner, ReadPlan, limit_expr
from refrakt.engine._referential import ReferentialPlanner
from refrakt.engine._runtime import Key, LevelPlan, Template
from refrakt.engine._sql_build import SqlBuilder, col, table_of
from refrakt.engine._validate import check_arguments, given, parse_selection
from refrakt.engine._validate_where import parse_where, parse_where_unique
from refrakt.engine._values import InvalidValue
from refrakt.errors import ValidationError

__all__ = ["DeleteManyPlan", "DeletePlan", "DeletePlanner", "row_key"]

#: Dialects that delete with a subquery on the same table (see above).
_DELETE_WITH_SUBQUERY = frozenset({"postgres", "sqlite"})


def row_key(row: Sequence[Any]) -> Key:
    """A record's key from its primary key columns: the value, or a tuple of them."""
    return row[0] if len(row) == 1 else tuple(row)


def _needs_transaction(referential: ReferentialPlanner, model: ModelMeta) -> bool:
    actions = referential.on_delete(model.name)
    return bool(actions.dependents or actions.links)


@dataclass(frozen=True, slots=True, eq=False)
class DeletePlan:
    model: ModelMeta
    find: Template
    """``SELECT <primary key> FROM <model> WHERE <where-unique> LIMIT 1``."""
    read: ReadPlan
    """The result, read by primary key (its values follow the call's values)."""
    referential: ReferentialPlanner
    direct: Template | None = None
    """``DELETE ... RETURNING <selected columns>`` in one statement, when that is all it takes."""
    level: LevelPlan | None = None
    """How the rows ``direct`` returns become the record."""

    def transaction(self, in_transaction: bool) -> bool:
        return not in_transaction and _needs_transaction(self.referential, self.model)


@dataclass(frozen=True, slots=True, eq=False)
class DeleteManyPlan:
    model: ModelMeta
    find: Template
    """``SELECT <primary key> FROM <model> WHERE <where> [LIMIT <limit>]``."""
    referential: ReferentialPlanner
    direct: Template | None = None
    """The whole delete in one statement, when deleting involves nothing else."""

    def transaction(self, in_transaction: bool) -> bool:
        return not in_transaction and _needs_transaction(self.referential, self.model)


def _limit_convert(path: Path) -> Any:
    def convert(value: Any) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidValue("Int", value)
        if value < 0:
            raise ValidationError(f"Provided limit ({value}) must be a positive integer.", path=path, code="P2019")
        return value

    return convert


class DeletePlanner:
    """Plans ``delete`` and ``delete_many`` for one database."""

    def __init__(self, planner: Planner, referential: ReferentialPlanner) -> None:
        self.planner = planner
        self.referential = referential

    def _select(self, model: ModelMeta, where: Filter | None, limit: Expr | None) -> Select:
        builder = SqlBuilder(self.planner.schema)
        condition = builder.condition(where, model, ROOT) if where is not None else None
        columns = tuple(col(f, ROOT) for f in model.primary)
        return Select(columns, table_of(model, ROOT), where=condition, limit=limit)

    def _direct(
        self, model: ModelMeta, where: Filter | None, limit: Expr | None, returning: tuple[Expr, ...] = ()
    ) -> Template | None:
        """One ``DELETE`` for all of it, or ``None`` when deleting the model involves more."""
        actions = self.referential.on_delete(model.name)
        if actions.dependents or actions.links:
            return None
        table = Table(model.table, schema=model.schema)
        if where is None and limit is None:
            return self.planner.render(Delete(table, returning=returning))  # pyright: ignore[reportArgumentType]
        if self.planner.dialect.NAME not in _DELETE_WITH_SUBQUERY:
            return None
        alias = "t_del"
        picked = Select(
            tuple(Column(f.db_name, alias) for f in model.primary),
            Subquery(self._select(model, where, limit), alias=alias),
        )
        keys = [Column(f.db_name) for f in model.primary]
        left = keys[0] if len(keys) == 1 else Row(tuple(keys))
        statement = Delete(table, where=In(left, picked), returning=returning)
        return self.planner.render(statement)  # pyright: ignore[reportArgumentType]

    def _returning(self, selection: Selection) -> tuple[tuple[Expr, ...], LevelPlan] | None:
        """The columns a ``DELETE ... RETURNING`` gives back for ``selection`` (scalars only)."""
        if not self.planner.dialect.SUPPORTS_RETURNING or len(selection.scalars) != len(selection.items):
            return None
        columns = Columns(ROOT)
        level = self.planner.plan_level(selection, SqlBuilder(self.planner.schema), columns)
        returning: list[Expr] = []
        for expr in columns.exprs:
            if not isinstance(expr, Column):
                return None
            returning.append(Column(expr.name))
        return tuple(returning), level

    def plan_delete(self, ctx: Context, model: ModelMeta, args: dict[str, Any]) -> DeletePlan:
        args = given(args)
        check_arguments(args, ("where", "select", "include", "omit"))
        if args.get("where") is None:
            raise missing_argument(("where",))
        where = parse_where_unique(ctx, model, args["where"], ("where",))
        selection = parse_selection(ctx, model, args, ())
        first = len(ctx.binder.values)
        key: list[Filter] = [ScalarFilter(f, "eq", Slot(first + i)) for i, f in enumerate(model.primary)]
        by_key = key[0] if len(key) == 1 else AndFilter(tuple(key))
        read = self.planner.plan_read(ReadQuery(model, "unique", False, ReadArgs(where=by_key, take=1), selection))
        find = self.planner.render(self._select(model, where, Raw("1")))
        shape = self._returning(selection)
        if shape is not None:
            direct = self._direct(model, where, Raw("1"), shape[0])
            if direct is not None:
                return DeletePlan(model, find, read, self.referential, direct, shape[1])
        return DeletePlan(model, find, read, self.referential)

    def plan_delete_many(self, ctx: Context, model: ModelMeta, args: dict[str, Any]) -> DeleteManyPlan:
        args = given(args)
        check_arguments(args, ("where", "limit"))
        where = parse_where(ctx, model, args["where"], ("where",)) if args.get("where") is not None else None
        limit = None
        if args.get("limit") is not None:
            value = args["limit"]
            if not isinstance(value, int) or isinstance(value, bool):
                raise wrong_type(("limit",), "Int", value)
            limit = limit_expr(ctx.binder.bind(("limit",), value, _limit_convert(("limit",))))
        find = self.planner.render(self._select(model, where, limit))
        return DeleteManyPlan(model, find, self.referential, self._direct(model, where, limit))
