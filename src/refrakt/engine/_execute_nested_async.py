"""Runs the nested writes inside ``update`` data (plans of ``_nested_update``).

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_execute_nested.py`` from this file).

The update runtime calls :func:`run_nested_update` after the parent's own UPDATE, once per
relation field of the data, with ``parent``: field name -> database-form value of the updated
record (at least ``step.needed`` and its primary key), inside the update's transaction. When a
nested write changes the parent's own foreign key (``connect`` / ``create`` / ``disconnect`` /
``upsert`` / ``delete`` on a relation whose foreign key is on the parent), this module issues that
UPDATE of the parent itself, by its primary key, and writes the new values into ``parent`` (so
that later steps, and the caller's read of the result, see them).

Errors are Prisma's: P2025 (a record to update, delete or connect is not there), P2017 (a record
of a to-many ``delete`` is not connected to the parent), P2018 (records to connect not found),
P2014 (the write would leave a required relation without its record). Each raises in the middle
of the write: the caller's transaction undoes what came before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from refrakt.drivers import AsyncConnection
from refrakt.engine import _execute_async, _execute_delete_async, _execute_update_async
from refrakt.engine._nested_update import NestedUpdateStep, OpStep
from refrakt.engine._runtime import Template
from refrakt.engine._write import not_found_for_connect, relation_violation
from refrakt.errors import KnownRequestError, RecordNotFoundError
from refrakt.ir import Field

Record = dict[str, Any]


async def run_nested_update(
    step: NestedUpdateStep, values: Sequence[Any], conn: AsyncConnection, parent: dict[str, Any]
) -> None:
    """Run the nested writes of one relation field on the updated record ``parent``."""
    for op in step.ops:
        await _run_op(step, op, values, conn, parent)


async def _run_op(
    step: NestedUpdateStep, op: OpStep, values: Sequence[Any], conn: AsyncConnection, parent: Record
) -> None:
    relation = step.relation
    kind = op.kind
    if kind in ("create", "connect", "connect_or_create", "create_many"):
        if relation.kind == "fk_here":
            await _write_parent_side(step, op, values, conn, parent)
        elif relation.kind == "fk_there" and relation.is_list and op.lookup is not None:
            await _connect_to_many(step, op, values, conn, parent)
        elif relation.is_list or kind == "create_many":
            assert op.child_step is not None
            await _execute_async.write_child(op.child_step, values, conn, parent, relation.model)
        else:
            await _write_one_child(step, op, values, conn, parent)
    elif kind == "disconnect":
        await _disconnect(step, op, values, conn, parent)
    elif kind == "set":
        await _set(step, op, values, conn, parent)
    elif kind in ("update", "update_many"):
        assert op.find is not None and op.update is not None
        rows = await _rows(step, op.find, values, _link(step, parent), conn, op.fields)
        if not rows and kind == "update":
            raise RecordNotFoundError.because(
                f"No '{relation.related}' record was found for a nested update on relation '{relation.relation.name}'.",
                model_name=relation.model,
            )
        for row in rows[:1] if kind == "update" else rows:
            await _update(op, row, values, conn)
    elif kind == "upsert":
        await _upsert(step, op, values, conn, parent)
    else:  # delete, delete_many
        await _delete(step, op, values, conn, parent)


# --- helpers -------------------------------------------------------------------------------------------


def _link(step: NestedUpdateStep, parent: Record) -> list[Any]:
    """The parent's values the related records are linked by (its foreign key, or what one references)."""
    return [parent[f.name] for f in step.relation.this_fields]


def _pk(step: NestedUpdateStep, row: Record) -> list[Any]:
    assert step.related is not None
    return [row[f.name] for f in step.related.primary]


async def _rows(
    step: NestedUpdateStep,
    template: Template,
    values: Sequence[Any],
    keys: list[Any],
    conn: AsyncConnection,
    fields: Sequence[Field] = (),
) -> list[Record]:
    _, rows = await conn.query(template.sql, template.bind(values, keys))
    names = [f.name for f in fields or step.child_fields]
    return [dict(zip(names, row, strict=True)) for row in rows]


def _is_linked(step: NestedUpdateStep, row: Record, parent: Record) -> bool:
    relation = step.relation
    return all(
        row[o.name] == parent[t.name] for t, o in zip(relation.this_fields, relation.other_fields, strict=True)
    ) and all(parent[t.name] is not None for t in relation.this_fields)


async def _set_parent_fk(step: NestedUpdateStep, conn: AsyncConnection, parent: Record, fk: list[Any]) -> None:
    assert step.set_parent_fk is not None and step.parent_model is not None
    update = step.set_parent_fk
    keys = update.keys(fk, [parent[f.name] for f in step.parent_model.primary])
    await conn.execute(update.template.sql, update.template.bind((), keys))
    for field, value in zip(step.relation.this_fields, fk, strict=True):
        parent[field.name] = value


async def _set_child_fk(
    step: NestedUpdateStep, conn: AsyncConnection, child: Record, fk: list[Any], parent: Record
) -> None:
    assert step.set_child_fk is not None and step.parent_model is not None
    key = _pk(step, child)
    update = step.set_child_fk
    await conn.execute(update.template.sql, update.template.bind((), update.keys(fk, key)))
    if step.related is step.parent_model and key == [parent.get(f.name) for f in step.parent_model.primary]:
        # a self relation where the related record is the parent itself: keep ``parent`` current
        for field, value in zip(step.relation.other_fields, fk, strict=True):
            parent[field.name] = value


async def _release_current(
    step: NestedUpdateStep, values: Sequence[Any], conn: AsyncConnection, parent: Record, keep: Record | None
) -> None:
    """One-to-one, foreign key on the related model: the record linked to the parent now gives the
    relation up (its foreign key set to NULL); P2014 when that foreign key is required."""
    assert step.current is not None
    rows = await _rows(step, step.current, values, _link(step, parent), conn)
    for row in rows:
        if keep is not None and _pk(step, row) == _pk(step, keep):
            continue
        if step.back_required:
            raise relation_violation(step.relation)
        await _set_child_fk(step, conn, row, [None] * len(step.relation.other_fields), parent)


# --- create / connect ----------------------------------------------------------------------------------


async def _write_parent_side(
    step: NestedUpdateStep, op: OpStep, values: Sequence[Any], conn: AsyncConnection, parent: Record
) -> None:
    """Foreign key on the parent: find (connect) or create the related record, then point the parent at it."""
    relation = step.relation
    assert op.parent_step is not None
    if op.lookup is not None and relation.relation.kind == "one_to_one":
        rows = await _rows(step, op.lookup, values, [], conn)
        if rows and _is_linked(step, rows[0], parent):
            return  # connected already
    found = await _execute_async.write_parent(op.parent_step, values, conn, relation.model)
    await _set_parent_fk(step, conn, parent, [found[f.name] for f in relation.other_fields])


async def _connect_to_many(
    step: NestedUpdateStep, op: OpStep, values: Sequence[Any], conn: AsyncConnection, parent: Record
) -> None:
    """One-to-many, foreign key on the related records: connect (or connect_or_create) one."""
    relation = step.relation
    assert op.lookup is not None and op.child_step is not None
    rows = await _rows(step, op.lookup, values, [], conn)
    if rows:
        await _set_child_fk(step, conn, rows[0], _link(step, parent), parent)
    elif op.kind == "connect":
        raise not_found_for_connect(relation.model, relation)
    else:
        await _execute_async.write_child(op.child_step, values, conn, parent, relation.model)


async def _write_one_child(
    step: NestedUpdateStep, op: OpStep, values: Sequence[Any], conn: AsyncConnection, parent: Record
) -> None:
    """One-to-one, foreign key on the related model: the new record replaces the one connected."""
    relation = step.relation
    assert op.child_step is not None
    if op.lookup is not None:
        rows = await _rows(step, op.lookup, values, [], conn)
        if rows:
            row = rows[0]
            if _is_linked(step, row, parent):
                return
            await _release_current(step, values, conn, parent, row)
            await _set_child_fk(step, conn, row, _link(step, parent), parent)
            return
        if op.kind == "connect":
            raise not_found_for_connect(relation.model, relation)
    await _release_current(step, values, conn, parent, None)
    await _execute_async.write_child(op.child_step, values, conn, parent, relation.model)


# --- disconnect / set ----------------------------------------------------------------------------------


async def _disconnect(
    step: NestedUpdateStep, op: OpStep, values: Sequence[Any], conn: AsyncConnection, parent: Record
) -> None:
    relation = step.relation
    assert op.find is not None
    if relation.kind == "fk_here":
        if all(parent[f.name] is None for f in relation.this_fields):
            return
        rows = await _rows(step, op.find, values, _link(step, parent), conn, op.fields)
        if not rows:
            return
        await _set_parent_fk(step, conn, parent, [None] * len(relation.this_fields))
        return
    rows = await _rows(step, op.find, values, _link(step, parent), conn, op.fields)
    for row in rows:
        if relation.kind == "join_table":
            assert step.unlink is not None
            keys = [parent[relation.this_fields[0].name], row[relation.other_fields[0].name]]
            await conn.execute(step.unlink.sql, step.unlink.bind((), keys))
        else:
            await _set_child_fk(step, conn, row, [None] * len(relation.other_fields), parent)


async def _set(
    step: NestedUpdateStep, op: OpStep, values: Sequence[Any], conn: AsyncConnection, parent: Record
) -> None:
    relation = step.relation
    wanted = await _rows(step, op.lookup, values, [], conn) if op.lookup is not None else []
    if relation.kind == "join_table":
        assert step.unlink_all is not None and step.link is not None
        this = parent[relation.this_fields[0].name]
        await conn.execute(step.unlink_all.sql, step.unlink_all.bind((), [this]))
        expected = op.expected(values)
        if len(wanted) != expected:
            raise RecordNotFoundError.because(
                f"Expected {expected} records to be connected, found only {len(wanted)}.", model_name=relation.model
            )
        for row in wanted:
            await conn.execute(step.link.sql, step.link.bind((), [this, row[relation.other_fields[0].name]]))
        return
    assert step.current is not None
    old = await _rows(step, step.current, values, _link(step, parent), conn)
    old_keys = {tuple(_pk(step, r)) for r in old}
    new_keys = {tuple(_pk(step, r)) for r in wanted}
    gone = [r for r in old if tuple(_pk(step, r)) not in new_keys]
    if gone and step.back_required:
        raise relation_violation(relation)
    for row in gone:
        await _set_child_fk(step, conn, row, [None] * len(relation.other_fields), parent)
    for row in wanted:
        if tuple(_pk(step, row)) not in old_keys:
            await _set_child_fk(step, conn, row, _link(step, parent), parent)


# --- update / upsert -----------------------------------------------------------------------------------


async def _update(op: OpStep, row: Record, values: Sequence[Any], conn: AsyncConnection) -> None:
    """Update the related record ``row`` (found by ``op.find``), then run its own nested writes."""
    assert op.update is not None
    await _execute_update_async.update_record(op.update, values, conn, [row[f.name] for f in op.update.found])


async def _upsert(
    step: NestedUpdateStep, op: OpStep, values: Sequence[Any], conn: AsyncConnection, parent: Record
) -> None:
    relation = step.relation
    assert op.find is not None and op.update is not None
    rows = await _rows(step, op.find, values, _link(step, parent), conn, op.fields)
    if rows:
        await _update(op, rows[0], values, conn)
        return
    if relation.kind == "fk_here":
        assert op.parent_step is not None
        found = await _execute_async.write_parent(op.parent_step, values, conn, relation.model)
        await _set_parent_fk(step, conn, parent, [found[f.name] for f in relation.other_fields])
        return
    assert op.child_step is not None
    await _execute_async.write_child(op.child_step, values, conn, parent, relation.model)


# --- delete --------------------------------------------------------------------------------------------


async def _delete(
    step: NestedUpdateStep, op: OpStep, values: Sequence[Any], conn: AsyncConnection, parent: Record
) -> None:
    relation = step.relation
    assert op.find is not None and step.related is not None
    rows = await _rows(step, op.find, values, _link(step, parent), conn, op.fields)
    if not rows and op.kind == "delete":
        if not relation.is_list:
            raise RecordNotFoundError.because(
                f"No '{relation.related}' record was found for a nested delete on relation '{relation.relation.name}'.",
                model_name=relation.model,
            )
        raise KnownRequestError(
            f"The records for relation `{relation.relation.name}` between the `{relation.model}` and "
            f"`{relation.related}` models are not connected.",
            code="P2017",
            meta={
                "relation_name": relation.relation.name,
                "parent_name": relation.model,
                "child_name": relation.related,
            },
        )
    if not rows:
        return
    assert step.referential is not None
    keys = [_pk(step, r) for r in rows]
    await _execute_delete_async.delete_records(
        step.referential, relation.related, [k[0] if len(k) == 1 else tuple(k) for k in keys], conn
    )
    if relation.kind == "fk_here":
        for field in relation.this_fields:
            parent[field.name] = None
