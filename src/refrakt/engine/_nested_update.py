"""Plans of the nested writes inside ``update`` data (see ``_validate_nested_update``).

A :class:`NestedUpdateStep` holds, for one relation field of the updated (*parent*) record, its
operations in the order given, each an :class:`OpStep` with its statements rendered once. The
statements take the call's bound values (slots) and, as ``KeyMarker`` parameters, values known
only while running: the parent's linking fields, the primary keys of the related records found,
the new foreign key values. ``_execute_nested_async`` runs them after the parent's own UPDATE.

Nested creates and connects reuse ``_write``'s :class:`~refrakt.engine._write.ParentStep`
(relation whose foreign key is on the parent: the related record is found or created, then the
parent's foreign key is set by an UPDATE of the parent by primary key) and
:class:`~refrakt.engine._write.ChildStep` (foreign key on the related record, or an implicit m:n
join table). Nested ``update`` / ``update_many`` / ``upsert`` update related records by primary
key with ``_update``'s :class:`~refrakt.engine._update.UpdateStep` (SET, then the record's own
nested writes, which come back here: any depth). Nested deletes go through ``_referential``
(emulated referential actions with ``relationMode = "prisma"``, implicit m:n rows).

``disconnect`` of a relation whose either side is required is P2014 before any SQL, as in Prisma.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from refrakt._sql import Column, Compare, Delete, Expr, In, Insert, OnConflict, Param, Select, Table, Update, and_
from refrakt.engine._defaults import generator
from refrakt.engine._ir import AndFilter, Filter, NotFilter, OrFilter, ScalarFilter, Slot
from refrakt.engine._meta import ModelMeta, RelationMeta
from refrakt.engine._plan import ROOT
from refrakt.engine._referential import ReferentialPlanner
from refrakt.engine._runtime import KeyMarker, Template
from refrakt.engine._sql_build import SqlBuilder, col, table_of
from refrakt.engine._validate_create import NestedWrite
from refrakt.engine._validate_nested_update import NestedOp, NestedUpdate, OpKind, UpdateData
from refrakt.engine._write import ChildStep, ParentStep, relation_violation
from refrakt.ir import Field

if TYPE_CHECKING:
    from refrakt.engine._update import UpdateStep
    from refrakt.engine._write import WritePlanner


@dataclass(frozen=True, slots=True, eq=False)
class SetForeignKey:
    """``UPDATE <model> SET <fk> = K.., <@updatedAt> = K.. WHERE <pk> = K..``: a connect or
    disconnect writes a foreign key, and as in Prisma it stamps the record's ``@updatedAt`` fields."""

    template: Template
    stamps: tuple[Callable[[], Any], ...]

    def keys(self, fk: Sequence[Any], pk: Sequence[Any]) -> list[Any]:
        return [*fk, *(make() for make in self.stamps), *pk]


@dataclass(frozen=True, slots=True, eq=False)
class OpStep:
    """One nested operation, planned."""

    kind: OpKind
    find: Template | None = None
    """``SELECT <fields> FROM <related> WHERE <linked to the parent> AND <where>``; keys: the
    parent's linking fields."""
    fields: tuple[Field, ...] = ()
    """What ``find`` reads: the step's ``child_fields``, then what ``update`` needs."""
    lookup: Template | None = None
    """``SELECT <child_fields> FROM <related> WHERE <where>`` (connect, set: the records to connect)."""
    parent_step: ParentStep | None = None
    child_step: ChildStep | None = None
    update: UpdateStep | None = None
    """update / update_many / upsert: the update of one related record found by ``find``."""
    targets: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...] = ()
    """``set``: per unique where, the fields it compares and the slots of their values. The
    distinct ones are the records an m:n ``set`` must find (Prisma drops repeated wheres)."""

    def expected(self, values: Sequence[object]) -> int:
        return len({(names, tuple(values[i] for i in slots)) for names, slots in self.targets})


@dataclass(frozen=True, slots=True, eq=False)
class NestedUpdateStep:
    """The planned nested writes on one relation of an updated record."""

    relation: RelationMeta
    needed: tuple[Field, ...]
    """Fields of the updated (parent) record the step needs, in database form, in ``parent``."""
    ops: tuple[OpStep, ...] = ()
    parent_model: ModelMeta | None = None
    related: ModelMeta | None = None
    child_fields: tuple[Field, ...] = ()
    """What ``lookup`` / ``current`` read: the related primary key, then its linking fields."""
    current: Template | None = None
    """The related records linked to the parent (keys: the parent's linking fields)."""
    set_parent_fk: SetForeignKey | None = None
    """Foreign key on the parent: ``UPDATE <parent> SET <fk> = K.. WHERE <pk> = K..``."""
    set_child_fk: SetForeignKey | None = None
    """Foreign key on the related model: ``UPDATE <related> SET <fk> = K.. WHERE <pk> = K..``."""
    link: Template | None = None
    unlink: Template | None = None
    unlink_all: Template | None = None
    back_required: bool = False
    """The relation field on the related model is required (its foreign key can't be NULL)."""
    referential: ReferentialPlanner | None = None
    """Deletes go through it: emulated referential actions (relationMode "prisma"), join table rows."""


def _unique(fields: Sequence[Field]) -> tuple[Field, ...]:
    out: list[Field] = []
    for f in fields:
        if f not in out:
            out.append(f)
    return tuple(out)


def _markers(start: int, n: int) -> list[Param]:
    return [Param(KeyMarker(start + i, 0)) for i in range(n)]


def _key_equals(fields: Sequence[Field], start: int) -> Expr:
    return and_(
        *(Compare(Column(f.db_name), "=", p) for f, p in zip(fields, _markers(start, len(fields)), strict=True))
    )


class NestedPlanner:
    """Plans the nested writes of update data with the engine's :class:`WritePlanner`."""

    def __init__(self, writes: WritePlanner) -> None:
        self.writes = writes
        self.schema = writes.schema
        found = getattr(writes, "referential", None)
        self.referential = (
            found
            if isinstance(found, ReferentialPlanner)
            else ReferentialPlanner(writes.planner, self.schema.datamodel.relation_mode)
        )

    def render(self, node: object) -> Template:
        return self.writes.render(node)

    # --- statements ------------------------------------------------------------------------------

    def select(self, relation: RelationMeta, fields: Sequence[Field], where: Filter | None, linked: bool) -> Template:
        """``fields`` of the related records matching ``where`` (and linked to the parent)."""
        related = self.schema.model(relation.related)
        conditions: list[Expr | None] = []
        if linked:
            if relation.kind == "join_table":
                assert relation.join_table is not None and relation.this_column and relation.other_column
                inner = Select(
                    (Column(relation.other_column),),
                    Table(relation.join_table, schema=related.schema),
                    where=Compare(Column(relation.this_column), "=", Param(KeyMarker(0, 0))),
                )
                conditions.append(In(col(relation.other_fields[0], ROOT), inner))
            else:
                markers = _markers(0, len(relation.other_fields))
                conditions.extend(
                    Compare(col(f, ROOT), "=", p) for f, p in zip(relation.other_fields, markers, strict=True)
                )
        if where is not None:
            conditions.append(SqlBuilder(self.schema).condition(where, related, ROOT))
        return self.render(
            Select(tuple(col(f, ROOT) for f in fields), table_of(related, ROOT), where=and_(*conditions))
        )

    def set_fields(self, model: ModelMeta, fields: Sequence[Field]) -> SetForeignKey:
        """``UPDATE <model> SET <fields> = K.., <@updatedAt fields> = K.. WHERE <pk> = K..``."""
        stamped: list[Field] = []
        stamps: list[Callable[[], Any]] = []
        for field in model.scalars.values():
            make = generator(field) if field.is_updated_at and field not in fields else None
            if make is not None:
                encode = self.writes.codec.encoder(field)
                stamped.append(field)
                stamps.append(make if encode is None else _encoded(make, encode))
        written = (*fields, *stamped)
        assignments = tuple((f.db_name, p) for f, p in zip(written, _markers(0, len(written)), strict=True))
        table = Table(model.table, schema=model.schema)
        template = self.render(Update(table, assignments, where=_key_equals(model.primary, len(written))))
        return SetForeignKey(template, tuple(stamps))

    def join_statements(self, relation: RelationMeta, related: ModelMeta) -> tuple[Template, Template, Template]:
        """Link (``INSERT``, ignoring an existing row), unlink one, unlink all of the parent."""
        assert relation.join_table is not None and relation.this_column and relation.other_column
        table = Table(relation.join_table, schema=related.schema)
        this = Column(relation.this_column)
        other = Column(relation.other_column)
        first, second = Param(KeyMarker(0, 0)), Param(KeyMarker(1, 0))
        columns = (relation.this_column, relation.other_column)
        link = self.render(Insert(table, columns, ((first, second),), on_conflict=OnConflict()))
        unlink = self.render(Delete(table, where=and_(Compare(this, "=", first), Compare(other, "=", second))))
        unlink_all = self.render(Delete(table, where=Compare(this, "=", first)))
        return link, unlink, unlink_all

    # --- steps -----------------------------------------------------------------------------------

    def step(self, nested: NestedUpdate) -> NestedUpdateStep:
        relation = nested.relation
        parent_model = self.schema.model(relation.model)
        related = self.schema.model(relation.related)
        back = _inverse(related, relation)
        back_required = back is not None and back.is_required
        child_fields = _unique((*related.primary, *relation.other_fields))
        link = unlink = unlink_all = set_parent_fk = set_child_fk = None
        if relation.kind == "join_table":
            link, unlink, unlink_all = self.join_statements(relation, related)
        elif relation.kind == "fk_here":
            set_parent_fk = self.set_fields(parent_model, relation.this_fields)
        else:
            set_child_fk = self.set_fields(related, relation.other_fields)
        ops = tuple(self.op(relation, op, child_fields, back_required) for op in nested.ops)
        return NestedUpdateStep(
            relation=relation,
            needed=_unique((*relation.this_fields, *parent_model.primary)),
            ops=ops,
            parent_model=parent_model,
            related=related,
            child_fields=child_fields,
            current=self.select(relation, child_fields, None, True),
            set_parent_fk=set_parent_fk,
            set_child_fk=set_child_fk,
            link=link,
            unlink=unlink,
            unlink_all=unlink_all,
            back_required=back_required,
            referential=self.referential,
        )

    def op(self, relation: RelationMeta, op: NestedOp, fields: tuple[Field, ...], back_required: bool) -> OpStep:
        kind = op.kind
        writes = self.writes
        if kind == "disconnect" and relation.kind != "join_table" and (relation.is_required or back_required):
            raise relation_violation(relation)
        if kind in ("create", "connect", "connect_or_create", "create_many"):
            assert op.write is not None
            lookup = self.select(relation, fields, op.where, False) if op.where is not None else None
            if relation.kind == "fk_here":
                return OpStep(kind, lookup=lookup, parent_step=writes.parent_step(op.write))
            return OpStep(kind, lookup=lookup, child_step=writes.child_step(op.write))
        if kind == "set":
            lookup = self.select(relation, fields, _any(op.wheres), False) if op.wheres else None
            return OpStep(kind, lookup=lookup, targets=tuple(_target(w) for w in op.wheres))
        update = self.update_step(op.update) if op.update is not None else None
        found = _unique((*fields, *(update.found if update is not None else ())))
        find = self.select(relation, found, op.where, True)
        parent_step: ParentStep | None = None
        child_step: ChildStep | None = None
        if kind == "upsert":
            assert op.create is not None
            write = NestedWrite(relation, "create", data=op.create)
            if relation.kind == "fk_here":
                parent_step = writes.parent_step(write)
            else:
                child_step = writes.child_step(write)
        return OpStep(kind, find=find, fields=found, update=update, parent_step=parent_step, child_step=child_step)

    def update_step(self, data: UpdateData) -> UpdateStep:
        from refrakt.engine._update import UpdatePlanner
        from refrakt.engine._validate_update import UpdateInput

        assignments = data.scalars.assignments if data.scalars is not None else ()
        return UpdatePlanner(self.writes).update_step(UpdateInput(data.model, assignments, data.nested))


def _encoded(make: Callable[[], Any], encode: Callable[[Any], Any]) -> Callable[[], Any]:
    return lambda: encode(make())


def _target(where: Filter) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The fields a unique where compares, and the slots of the values it compares them with."""
    names: list[str] = []
    slots: list[int] = []

    def visit(node: object) -> None:
        if isinstance(node, ScalarFilter):
            names.append(f"{node.field.name}:{node.op}")
            for value in node.value if isinstance(node.value, tuple) else (node.value,):
                if isinstance(value, Slot):
                    slots.append(value.index)
        elif isinstance(node, (AndFilter, OrFilter, NotFilter)):
            names.append(type(node).__name__)
            for item in node.items:
                visit(item)
        else:
            names.append(repr(node))

    visit(where)
    return tuple(names), tuple(slots)


def _any(wheres: Sequence[Filter]) -> Filter:
    return wheres[0] if len(wheres) == 1 else OrFilter(tuple(wheres))


def _inverse(related: ModelMeta, relation: RelationMeta) -> RelationMeta | None:
    for other in related.relations.values():
        if other.relation is relation.relation and other is not relation and other.field is not relation.field:
            return other
    return None


def plan_nested_update(writes: WritePlanner, nested: NestedUpdate) -> NestedUpdateStep:
    """Plan the nested writes of one relation field of ``update`` data."""
    return NestedPlanner(writes).step(nested)
