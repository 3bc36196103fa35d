"""Runs planned updates and upserts on a connection (see ``_update`` for the plans).

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_execute_update.py`` from this file).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from refrakt.drivers import AsyncConnection
from refrakt.engine._execute_async import insert_record, load_relations, run_read
from refrakt.engine._execute_delete_async import before_update
from refrakt.engine._referential import ReferentialPlanner
from refrakt.engine._runtime import MAX_KEYS, KeyedStatement
from refrakt.engine._update import (
    KeyedRead,
    UpdateManyPlan,
    UpdatePlan,
    UpdateStep,
    new_key_values,
    record_not_found,
)
from refrakt.engine._upsert import UpsertPlan


async def run_update(plan: UpdatePlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    """Find the record, update it (and run its nested writes), then read it."""
    if plan.transaction and not conn.in_transaction:
        async with conn.transaction():
            return await _update_and_read(plan, values, conn)
    return await _update_and_read(plan, values, conn)


async def _update_and_read(plan: UpdatePlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    step = plan.step
    if plan.direct is not None:
        params = plan.direct.bind(values, [make() for make in step.generated])
        _, rows = await conn.query(plan.direct.sql, params)
        if not rows:
            raise record_not_found("an update", step.model.name)
        known = dict(zip((f.name for f in step.found), rows[0], strict=True))
        await run_nested(step, values, conn, known)
    else:
        _, rows = await conn.query(plan.find.sql, plan.find.bind(values))
        if not rows:
            raise record_not_found("an update", step.model.name)
        known = await update_record(step, values, conn, rows[0])
    return await run_read(plan.read, [*values, *(known[f.name] for f in step.key)], conn)


async def update_record(
    step: UpdateStep, values: Sequence[Any], conn: AsyncConnection, found: Sequence[Any]
) -> dict[str, Any]:
    """Update the record ``found`` (its ``step.found`` fields), then run the nested writes; returns
    the record's key and the fields the nested writes needed, after the update."""
    known = dict(zip((f.name for f in step.found), found, strict=True))
    old_key = [known[f.name] for f in step.key]
    if step.referential is not None:
        changes = {f.name: known[f.name] if fn is None else fn(values, known[f.name]) for f, fn in step.changed}
        await before_update(step.referential, step.model.name, [_key(old_key)], changes, conn)
    if step.statement is not None:
        params = step.statement.bind(values, step.keys(old_key))
        if step.returning:
            _, rows = await conn.query(step.statement.sql, params)
            if not rows:  # deleted since it was found
                raise record_not_found("an update", step.model.name)
            known.update(zip((f.name for f in step.returning), rows[0], strict=True))
        else:
            await conn.execute(step.statement.sql, params)
            known.update(zip((f.name for f in step.key), new_key_values(step.new_key, values, old_key), strict=True))
            if step.fetch is not None:
                key = [known[f.name] for f in step.key]
                _, rows = await conn.query(step.fetch.sql, step.fetch.bind((), key))
                if rows:
                    known.update(zip((f.name for f in step.fetched), rows[0], strict=True))
    await run_nested(step, values, conn, known)
    return known


async def run_nested(step: UpdateStep, values: Sequence[Any], conn: AsyncConnection, known: dict[str, Any]) -> None:
    """The nested writes of the updated record ``known`` (its key and what they need)."""
    if step.nested:
        from refrakt.engine._execute_nested_async import run_nested_update

        for nested in step.nested:
            await run_nested_update(nested, values, conn, known)


def _key(parts: Sequence[Any]) -> Any:
    return parts[0] if len(parts) == 1 else tuple(parts)


async def run_update_many(plan: UpdateManyPlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    """Find the records, update them by key; the count, or the records (``update_many_and_return``)."""
    if plan.referential is not None and not conn.in_transaction:
        async with conn.transaction():
            return await _update_many(plan, values, conn)
    return await _update_many(plan, values, conn)


async def _update_many(plan: UpdateManyPlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    if plan.direct is not None:
        params = plan.direct.bind(values, [make() for make in plan.generated])
        if plan.read is None:
            return await conn.execute(plan.direct.sql, params)
        _, returned = await conn.query(plan.direct.sql, params)
        return await _read_keyed(plan.read, [tuple(row) for row in returned], values, conn)
    _, rows = await conn.query(plan.find.sql, plan.find.bind(values))
    keys = [tuple(row[: plan.width]) for row in rows]
    if plan.referential is not None and plan.model is not None and rows:
        await _before_update_many(plan, plan.referential, plan.model.name, rows, values, conn)
    if plan.update is None or not keys:
        return await _read_keyed(plan.read, keys, values, conn) if plan.read is not None else len(keys)
    generated = [make() for make in plan.generated]
    new_keys: list[tuple[Any, ...]] = []
    for chunk, params in _keyed(plan.update, keys, values, generated):
        if plan.returning:
            _, returned = await conn.query(plan.update.for_keys(len(chunk)).sql, params)
            new_keys.extend(tuple(row) for row in returned)
        else:
            await conn.execute(plan.update.for_keys(len(chunk)).sql, params)
            if plan.read is not None:
                new_keys.extend(tuple(new_key_values(plan.new_key, values, old)) for old in chunk)
    if plan.read is None:
        return len(keys)
    return await _read_keyed(plan.read, new_keys, values, conn)


async def _before_update_many(
    plan: UpdateManyPlan,
    referential: ReferentialPlanner,
    model: str,
    rows: Sequence[Sequence[Any]],
    values: Sequence[Any],
    conn: AsyncConnection,
) -> None:
    """The emulated onUpdate actions, once for all records when every new value is given, else
    per record (an increment of a referenced field gives each record its own new value)."""
    names = [f.name for f in plan.find_fields]
    records = [dict(zip(names, row, strict=True)) for row in rows]
    groups: dict[Any, list[Any]] = {}
    changes_of: dict[Any, dict[str, Any]] = {}
    for record in records:
        changes = {f.name: record[f.name] if fn is None else fn(values, record[f.name]) for f, fn in plan.changed}
        marker = repr(sorted(changes.items()))
        changes_of[marker] = changes
        groups.setdefault(marker, []).append(_key([record[f.name] for f in plan.find_fields[: plan.width]]))
    for marker, keys in groups.items():
        await before_update(referential, model, keys, changes_of[marker], conn)


def _keyed(
    statement: KeyedStatement, keys: list[tuple[Any, ...]], values: Sequence[Any], generated: list[Any]
) -> list[tuple[list[tuple[Any, ...]], list[Any]]]:
    out: list[tuple[list[tuple[Any, ...]], list[Any]]] = []
    for start in range(0, len(keys), MAX_KEYS):
        chunk = keys[start : start + MAX_KEYS]
        template = statement.for_keys(len(chunk))
        padded = chunk + [chunk[-1]] * (statement.bucket(len(chunk)) - len(chunk))
        out.append((chunk, template.bind(values, [*generated, *padded])))
    return out


async def _read_keyed(
    read: KeyedRead, keys: list[tuple[Any, ...]], values: Sequence[Any], conn: AsyncConnection
) -> list[Any]:
    rows: list[Any] = []
    for chunk, params in _keyed(read.statement, keys, values, []):
        _, got = await conn.query(read.statement.for_keys(len(chunk)).sql, params)
        rows.extend(got)
    level = read.level
    dicts, records = level.build(rows)
    if level.relations and rows:
        await load_relations(level, rows, dicts, values, conn)
    return list(records)


async def run_upsert(plan: UpsertPlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    """``INSERT ... ON CONFLICT DO UPDATE`` where it applies; else find, then update or create."""
    if plan.native is not None and all(values[a] == values[b] for a, b in plan.native_pairs):
        params = plan.native.bind(
            values, [*plan.create.params(values, {}), *(make() for make in plan.native_generated)]
        )
        _, rows = await conn.query(plan.native.sql, params)
        return await run_read(plan.read, [*values, *rows[0]], conn)
    if plan.transaction and not conn.in_transaction:
        async with conn.transaction():
            return await _find_then_write(plan, values, conn)
    return await _find_then_write(plan, values, conn)


async def _find_then_write(plan: UpsertPlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    _, rows = await conn.query(plan.find.sql, plan.find.bind(values))
    found = rows[0] if rows else None
    known = (
        await insert_record(plan.create, values, conn, {})
        if found is None
        else await update_record(plan.update, values, conn, found)
    )
    return await run_read(plan.read, [*values, *(known[f.name] for f in plan.update.key)], conn)
