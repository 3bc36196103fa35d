"""Runs planned queries on a connection: the only part of the engine that does I/O.

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_execute.py`` from this file).

Everything else is decided beforehand (``_plan``, ``_aggregate``) or done by pure functions
(``_runtime``): this module sends each statement and hands the rows on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from refrakt.drivers import AsyncConnection
from refrakt.engine._aggregate import AggregatePlan
from refrakt.engine._plan import ReadPlan
from refrakt.engine._result import read_result
from refrakt.engine._runtime import MAX_KEYS, LevelPlan, Row
from refrakt.engine._write import (
    LAST_INSERT_ID,
    ChildStep,
    CreateManyAndReturnPlan,
    CreateManyPlan,
    CreatePlan,
    InsertStep,
    ParentStep,
    not_found_for_connect,
    relation_violation,
)


async def run_read(plan: ReadPlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    """Run a read: the root statement, its paging, then one statement per included relation."""
    statement = plan.statement
    _, rows = await conn.query(statement.sql, statement.bind(values))
    if plan.paging is not None:
        rows = plan.paging.apply(rows, values)
    elif plan.reverse:
        rows = rows[::-1]
    level = plan.level
    dicts, records = level.build(rows)
    if level.relations and rows:
        await load_relations(level, rows, dicts, values, conn)
    return read_result(plan, records)


async def load_relations(
    level: LevelPlan, rows: Sequence[Row], dicts: Sequence[dict[str, Any]], values: Sequence[Any], conn: AsyncConnection
) -> None:
    """Loads every relation of ``level`` for all of ``rows`` at once, then their relations."""
    for nested in level.relations:
        keys = nested.parent_keys(rows)
        children: list[Row] = []
        for sql, params in nested.statements(keys, values):
            _, got = await conn.query(sql, params)
            children.extend(got)
        kept, groups = nested.group(children, values)
        child_dicts, child_records = nested.level.build(kept)
        if nested.level.relations and kept:
            await load_relations(nested.level, kept, child_dicts, values, conn)
        nested.attach(rows, dicts, groups, child_records)


async def run_aggregate(plan: AggregatePlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    statement = plan.statement
    _, rows = await conn.query(statement.sql, statement.bind(values))
    return plan.result(rows, values)


# --- writes -------------------------------------------------------------------------------------------


async def run_create(plan: CreatePlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    """Insert the record with its nested writes (in a transaction when there are any), then read it."""
    if plan.transaction and not conn.in_transaction:
        async with conn.transaction():
            return await _create_and_read(plan, values, conn)
    return await _create_and_read(plan, values, conn)


async def _create_and_read(plan: CreatePlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    known = await insert_record(plan.root, values, conn, {})
    return await run_read(plan.read, [*values, *(known[f.name] for f in plan.key)], conn)


async def run_create_many(plan: CreateManyPlan, values: Sequence[Any], conn: AsyncConnection) -> int:
    count = 0
    for sql, params in plan.rows.batches(values, {}):
        count += await conn.execute(sql, params)
    return count


async def run_create_many_and_return(
    plan: CreateManyAndReturnPlan, values: Sequence[Any], conn: AsyncConnection
) -> list[Any]:
    """Insert the rows (returning their keys), then read the records by key, in insertion order."""
    if not conn.in_transaction:
        async with conn.transaction():
            return await _create_many_and_read(plan, values, conn)
    return await _create_many_and_read(plan, values, conn)


async def _create_many_and_read(
    plan: CreateManyAndReturnPlan, values: Sequence[Any], conn: AsyncConnection
) -> list[Any]:
    keys: list[Any] = []
    for sql, params in plan.rows.batches(values, {}):
        _, rows = await conn.query(sql, params)
        keys.extend(row[0] if len(row) == 1 else tuple(row) for row in rows)
    if not keys:
        return []
    idx = plan.key
    found: dict[Any, Row] = {}
    for start in range(0, len(keys), MAX_KEYS):
        chunk = keys[start : start + MAX_KEYS]
        template = plan.read.for_keys(len(chunk))
        padded = chunk + [chunk[-1]] * (plan.read.bucket(len(chunk)) - len(chunk))
        _, rows = await conn.query(template.sql, template.bind(values, padded))
        for row in rows:
            found[row[idx[0]] if len(idx) == 1 else tuple(row[i] for i in idx)] = row
    ordered = [found[k] for k in keys if k in found]
    dicts, records = plan.level.build(ordered)
    if plan.level.relations and ordered:
        await load_relations(plan.level, ordered, dicts, values, conn)
    return records


async def insert_record(
    step: InsertStep, values: Sequence[Any], conn: AsyncConnection, known: dict[str, Any]
) -> dict[str, Any]:
    """Insert one record after its parents, then its children; ``known`` ends with its values."""
    for parent in step.parents:
        found = await write_parent(parent, values, conn, step.model.name)
        for this, other in zip(parent.relation.this_fields, parent.relation.other_fields, strict=True):
            known[this.name] = found[other.name]
    params = step.bind(values, known)
    if step.uses_returning:
        _, rows = await conn.query(step.template.sql, params)
        known.update(zip((f.name for f in step.returning), rows[0], strict=True))
    else:
        await conn.execute(step.template.sql, params)
        if step.last_insert_id is not None:
            _, rows = await conn.query(LAST_INSERT_ID)
            known[step.last_insert_id.name] = rows[0][0]
        if step.fetch is not None:
            key = [known[f.name] for f in step.fetch_key]
            _, rows = await conn.query(step.fetch.sql, step.fetch.bind((), key))
            known.update(zip((f.name for f in step.returning), rows[0], strict=True))
    for child in step.children:
        await write_child(child, values, conn, known, step.model.name)
    return known


async def write_parent(step: ParentStep, values: Sequence[Any], conn: AsyncConnection, model: str) -> dict[str, Any]:
    """The record a foreign key of the new record points to: found (connect) or created."""
    relation = step.relation
    if step.lookup is not None:
        _, rows = await conn.query(step.lookup.sql, step.lookup.bind(values))
        if rows:
            found = list(rows[0])
            if step.holder is not None:
                _, held = await conn.query(step.holder.sql, step.holder.bind((), found))
                if held:
                    raise relation_violation(relation)
            if step.release is not None:
                await conn.execute(step.release.sql, step.release.bind((), found))
            return dict(zip((f.name for f in relation.other_fields), found, strict=True))
        if step.create is None:
            raise not_found_for_connect(model, relation)
    assert step.create is not None
    return await insert_record(step.create, values, conn, {})


async def write_child(
    step: ChildStep, values: Sequence[Any], conn: AsyncConnection, parent: dict[str, Any], model: str
) -> None:
    """A record that points to the new one: connected (its foreign key updated, or linked in the
    join table) or created."""
    relation = step.relation
    join = relation.kind == "join_table"
    if step.rows is not None:
        known = {fk.name: parent[pk.name] for fk, pk in zip(relation.other_fields, relation.this_fields, strict=True)}
        for sql, params in step.rows.batches(values, known):
            await conn.execute(sql, params)
        return
    ids: list[Any] | None = None
    if step.lookup is not None:
        _, rows = await conn.query(step.lookup.sql, step.lookup.bind(values))
        if rows:
            ids = list(rows[0])
            if not join:
                assert step.connect is not None
                update = [parent[f.name] for f in relation.this_fields] + ids
                await conn.execute(step.connect.sql, step.connect.bind((), update))
                return
        elif step.create is None:
            raise not_found_for_connect(model, relation)
    if ids is None:
        assert step.create is not None
        seed = {fk.name: parent[pk.name] for fk, pk in step.create.inherited}
        created = await insert_record(step.create, values, conn, seed)
        if not join:
            return
        ids = [created[f.name] for f in relation.other_fields]
    assert step.link is not None
    link = [parent[relation.this_fields[0].name], ids[0]]
    await conn.execute(step.link.sql, step.link.bind((), link))
