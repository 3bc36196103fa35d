"""Referential actions: what happens to the records that point to records being deleted or updated.

With ``relationMode = "foreignKeys"`` (the default) the database enforces ``onDelete`` /
``onUpdate`` through its foreign keys. With ``relationMode = "prisma"`` there are none, and
refrakt emulates the actions as Prisma's query engine does, recursively, before the write:

===============  ==============================================================================
action           emulation (for every relation whose foreign key points at the written model)
===============  ==============================================================================
Restrict,        P2014 when a record still points at one being deleted (on update: only when
NoAction         the update sets one of the fields the foreign key references)
SetNull          the nullable foreign key fields of the pointing records are set to NULL (and
                 the relations that reference those fields are handled as an update of them)
Cascade          on delete the pointing records are deleted first (with their own actions); on
                 update their foreign key takes the new values (with their own actions)
===============  ==============================================================================

The defaults are resolved by the schema (``ir.Relation.on_delete`` / ``on_update``): onDelete
SetNull for an optional relation and Restrict for a required one, onUpdate Cascade. Rows of
implicit m:n join tables (``_AToB``) go away with the records on either side, in both modes.

This module plans (pure, cached per model); ``_execute_delete_async`` runs the plans. The API
the writes call, each with the :class:`ReferentialPlanner` of the engine
(``Engine.referential``, also kept on the delete plans as ``plan.referential``)::

    from refrakt.engine._execute_delete_async import before_delete, before_update, delete_records

    # (a) delete the records of `model` whose primary keys are `keys` (a value per record, or a
    #     tuple for a compound primary key, as read from the database): emulated onDelete
    #     actions, join-table rows, then the DELETE itself; returns the number deleted.
    count = await delete_records(referential, "User", keys, conn)
    # ... or only what must happen before the caller deletes them itself:
    await before_delete(referential, "User", keys, conn)

    # (b) before an UPDATE that gives the records of `model` with primary keys `keys` new
    #     values for some fields (field name -> new value, in database form): the emulated
    #     onUpdate actions of the relations that reference those fields (nothing in
    #     relationMode "foreignKeys"). Call it before the UPDATE: the pointing records are
    #     found by the old values.
    await before_update(referential, "User", keys, {"email": "new@x.io"}, conn)

All three run their statements on ``conn`` as they come; run them inside a transaction (the
callers' writes do) so that a P2014 raised half-way leaves everything in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from refrakt._sql import Column, Delete, Null, Param, Raw, Select, Table, Update
from refrakt.engine._ir import Slot
from refrakt.engine._meta import ModelMeta, RelationMeta, SchemaIndex
from refrakt.engine._plan import Planner
from refrakt.engine._runtime import KeyedStatement, KeyMarker, Template
from refrakt.engine._sql_build import key_condition
from refrakt.errors import RelationViolationError
from refrakt.ir import Field

__all__ = [
    "DeleteActions",
    "Dependent",
    "ReferentialPlanner",
    "UpdateDependent",
    "relation_violation",
]

RESTRICTS = frozenset({"Restrict", "NoAction"})


def relation_violation(relation: RelationMeta) -> RelationViolationError:
    """P2014 for ``relation``, naming its models as Prisma does (the referencing one first)."""
    r = relation.relation
    return RelationViolationError.between(r.name, r.referencing.model, r.referenced.model)


def _table(model: ModelMeta) -> Table:
    return Table(model.table, schema=model.schema)


def _columns(fields: Sequence[Field]) -> tuple[Column, ...]:
    return tuple(Column(f.db_name) for f in fields)


@dataclass(frozen=True, slots=True, eq=False)
class Dependent:
    """A relation whose foreign key (on ``model``) points at the records being written.

    ``find`` selects the primary keys of the pointing records; its keys are the values of
    ``relation.other_fields`` (the referenced fields) of the written records.
    """

    relation: RelationMeta
    """The forward relation field, on the pointing model."""
    model: ModelMeta
    action: str
    find: KeyedStatement
    probe: KeyedStatement
    """``SELECT 1 ... LIMIT 1`` over the same keys: is any record pointing (Restrict, NoAction)?"""
    nullable: tuple[Field, ...]
    """The foreign key fields that may be NULL (what SetNull sets)."""
    set_null: KeyedStatement | None
    """``UPDATE <model> SET <nullable> = NULL WHERE <primary> IN (keys)``."""


@dataclass(frozen=True, slots=True, eq=False)
class DeleteActions:
    """What deleting records of ``model`` involves, by primary key."""

    model: ModelMeta
    key_fields: tuple[Field, ...]
    """The fields read per deleted record: the primary key, then the other referenced fields."""
    fetch: KeyedStatement | None
    """Reads ``key_fields`` by primary key, when dependents reference fields beyond the primary key."""
    dependents: tuple[Dependent, ...]
    """Relations whose actions refrakt emulates (relationMode "prisma"; empty otherwise)."""
    links: tuple[KeyedStatement, ...]
    """``DELETE FROM <join table> WHERE <this column> IN (keys)``, per implicit m:n relation."""
    delete: KeyedStatement
    """``DELETE FROM <model> WHERE <primary> IN (keys)``."""


@dataclass(frozen=True, slots=True, eq=False)
class UpdateDependent:
    """An emulated onUpdate action of one relation pointing at an updated model."""

    dependent: Dependent
    action: str
    referenced: tuple[str, ...]
    """Names of the referenced fields the update changes."""
    assign: tuple[tuple[Field, str], ...] = ()
    """Cascade: (foreign key field, referenced field name whose new value it takes)."""
    update: KeyedStatement | None = None
    """Cascade: ``UPDATE <model> SET <fk> = <new value>... WHERE <primary> IN (keys)``, the new
    values bound as slots 0.. in the order of ``assign``."""


class ReferentialPlanner:
    """Plans referential actions for one engine; plans are made on first use and cached."""

    def __init__(self, planner: Planner, relation_mode: str) -> None:
        self.planner = planner
        self.schema: SchemaIndex = planner.schema
        self.emulates = relation_mode == "prisma"
        self._delete: dict[str, DeleteActions] = {}
        self._dependents: dict[str, tuple[Dependent, ...]] = {}
        self._update: dict[tuple[str, frozenset[str]], tuple[UpdateDependent, ...]] = {}

    def render(self, node: object) -> Template:
        return self.planner.render(node)  # pyright: ignore[reportArgumentType]

    # --- statements by key -------------------------------------------------------------------------

    def select_by(
        self, model: ModelMeta, fields: Sequence[Field], by: Sequence[Field], *, probe: bool = False
    ) -> KeyedStatement:
        """``SELECT fields FROM model WHERE (by) IN (keys)`` (``probe``: ``SELECT 1 ... LIMIT 1``)."""
        columns, where_columns, width = _columns(fields), _columns(by), len(by)

        def build(n: int) -> Template:
            condition = key_condition(where_columns, width, n, KeyMarker)
            if probe:
                return self.render(Select((Raw("1"),), _table(model), where=condition, limit=Raw("1")))
            return self.render(Select(columns, _table(model), where=condition))

        return KeyedStatement(build)

    def update_by_pk(self, model: ModelMeta, assignments: tuple[tuple[str, object], ...]) -> KeyedStatement:
        """``UPDATE model SET ... WHERE (primary) IN (keys)``."""
        where_columns, width = _columns(model.primary), len(model.primary)

        def build(n: int) -> Template:
            condition = key_condition(where_columns, width, n, KeyMarker)
            return self.render(Update(_table(model), assignments, where=condition))  # pyright: ignore[reportArgumentType]

        return KeyedStatement(build)

    def delete_by(self, table: Table, by: tuple[Column, ...]) -> KeyedStatement:
        width = len(by)

        def build(n: int) -> Template:
            return self.render(Delete(table, where=key_condition(by, width, n, KeyMarker)))

        return KeyedStatement(build)

    # --- plans ---------------------------------------------------------------------------------------

    def dependents(self, model: str) -> tuple[Dependent, ...]:
        """Every relation whose foreign key points at ``model`` (whatever the mode)."""
        found = self._dependents.get(model)
        if found is not None:
            return found
        out: list[Dependent] = []
        for other in self.schema.models.values():
            if other.is_view:
                continue
            for relation in other.relations.values():
                if relation.kind != "fk_here" or relation.related != model:
                    continue
                action = relation.relation.on_delete or "NoAction"
                nullable = tuple(f for f in relation.this_fields if not f.is_required)
                set_null = self.update_by_pk(other, tuple((f.db_name, Null()) for f in nullable)) if nullable else None
                out.append(
                    Dependent(
                        relation=relation,
                        model=other,
                        action=action,
                        find=self.select_by(other, other.primary, relation.this_fields),
                        probe=self.select_by(other, (), relation.this_fields, probe=True),
                        nullable=nullable,
                        set_null=set_null,
                    )
                )
        result = tuple(out)
        self._dependents[model] = result
        return result

    def on_delete(self, model: str) -> DeleteActions:
        """The plan of deleting records of ``model``."""
        found = self._delete.get(model)
        if found is not None:
            return found
        meta = self.schema.model(model)
        dependents = self.dependents(model) if self.emulates else ()
        key_fields = list(meta.primary)
        for d in dependents:
            for f in d.relation.other_fields:
                if f not in key_fields:
                    key_fields.append(f)
        fetch = None
        if len(key_fields) > len(meta.primary):
            fetch = self.select_by(meta, key_fields, meta.primary)
        links: list[KeyedStatement] = []
        for relation in meta.relations.values():
            if relation.kind == "join_table" and relation.join_table and relation.this_column:
                links.append(
                    self.delete_by(Table(relation.join_table, schema=meta.schema), (Column(relation.this_column),))
                )
        plan = DeleteActions(
            model=meta,
            key_fields=tuple(key_fields),
            fetch=fetch,
            dependents=dependents,
            links=tuple(links),
            delete=self.delete_by(_table(meta), _columns(meta.primary)),
        )
        self._delete[model] = plan
        return plan

    def on_update(self, model: str, changed: frozenset[str]) -> tuple[UpdateDependent, ...]:
        """The emulated onUpdate actions when an update sets the fields ``changed`` of ``model``."""
        if not self.emulates:
            return ()
        key = (model, changed)
        found = self._update.get(key)
        if found is not None:
            return found
        out: list[UpdateDependent] = []
        for d in self.dependents(model):
            referenced = tuple(f.name for f in d.relation.other_fields if f.name in changed)
            if not referenced:
                continue
            action = d.relation.relation.on_update or "Cascade"
            if action == "Cascade":
                assign = tuple(
                    (fk, ref.name)
                    for fk, ref in zip(d.relation.this_fields, d.relation.other_fields, strict=True)
                    if ref.name in changed
                )
                update = self.update_by_pk(
                    d.model, tuple((fk.db_name, Param(Slot(i))) for i, (fk, _) in enumerate(assign))
                )
                out.append(UpdateDependent(d, action, referenced, assign, update))
            elif action == "SetNull" or action in RESTRICTS:
                out.append(UpdateDependent(d, action, referenced))
        result = tuple(out)
        self._update[key] = result
        return result
