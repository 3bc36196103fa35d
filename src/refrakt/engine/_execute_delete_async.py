"""Runs deletes and referential actions on a connection.

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_execute_delete.py`` from this file).

``delete_records`` / ``before_delete`` / ``before_update`` are the API the writes call (see
``_referential`` for what they do and when); ``run_delete`` and ``run_delete_many`` run the
top-level ``delete`` and ``delete_many``. Keys are primary key values as read from the
database: the value itself, or a tuple for a compound primary key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from refrakt.drivers import AsyncConnection
from refrakt.engine._delete import DeleteManyPlan, DeletePlan, row_key
from refrakt.engine._execute_async import run_read
from refrakt.engine._referential import RESTRICTS, Dependent, ReferentialPlanner, relation_violation
from refrakt.engine._runtime import MAX_KEYS, Key, KeyedStatement, Row
from refrakt.errors import RecordNotFoundError

__all__ = ["before_delete", "before_update", "delete_records", "run_delete", "run_delete_many"]

Seen = set[tuple[str, Key]]


async def _select(statement: KeyedStatement, keys: Sequence[Key], conn: AsyncConnection) -> list[Row]:
    rows: list[Row] = []
    for start in range(0, len(keys), MAX_KEYS):
        chunk = list(keys[start : start + MAX_KEYS])
        template = statement.for_keys(len(chunk))
        padded = chunk + [chunk[-1]] * (statement.bucket(len(chunk)) - len(chunk))
        _, got = await conn.query(template.sql, template.bind((), padded))
        rows.extend(got)
    return rows


async def _execute(
    statement: KeyedStatement, keys: Sequence[Key], conn: AsyncConnection, values: Sequence[Any] = ()
) -> int:
    count = 0
    for start in range(0, len(keys), MAX_KEYS):
        chunk = list(keys[start : start + MAX_KEYS])
        template = statement.for_keys(len(chunk))
        padded = chunk + [chunk[-1]] * (statement.bucket(len(chunk)) - len(chunk))
        count += await conn.execute(template.sql, template.bind(values, padded))
    return count


def _unique(keys: Sequence[Key]) -> list[Key]:
    return [k for k in dict.fromkeys(keys) if k is not None]


async def _key_rows(
    referential: ReferentialPlanner, model: str, keys: Sequence[Key], conn: AsyncConnection
) -> tuple[list[Row], dict[str, int]]:
    """The records' primary key and referenced field values, and each field's position."""
    plan = referential.on_delete(model)
    positions = {f.name: i for i, f in enumerate(plan.key_fields)}
    if plan.fetch is not None:
        return await _select(plan.fetch, keys, conn), positions
    return [k if isinstance(k, tuple) else (k,) for k in keys], positions


def _parent_keys(rows: Sequence[Row], positions: Mapping[str, int], names: Sequence[str]) -> list[Key]:
    idx = [positions[n] for n in names]
    if len(idx) == 1:
        return _unique([row[idx[0]] for row in rows])
    return [k for k in dict.fromkeys(tuple(row[i] for i in idx) for row in rows) if None not in k]


async def _pointing(
    d: Dependent, action: str, rows: Sequence[Row], positions: Mapping[str, int], conn: AsyncConnection
) -> list[Key]:
    """The primary keys of the records of ``d.model`` that point at ``rows`` (the written records),
    for an ``action`` that changes them; with Restrict/NoAction, P2014 when there is any, else none."""
    parents = _parent_keys(rows, positions, [f.name for f in d.relation.other_fields])
    if not parents:
        return []
    if action in RESTRICTS:
        if await _select(d.probe, parents, conn):
            raise relation_violation(d.relation)
        return []
    return [row_key(r) for r in await _select(d.find, parents, conn)]


async def _set_null(
    referential: ReferentialPlanner, d: Dependent, children: Sequence[Key], conn: AsyncConnection
) -> None:
    """SetNull: the pointing records' foreign keys become NULL (after their own onUpdate actions)."""
    if d.set_null is not None:
        await before_update(referential, d.model.name, children, {f.name: None for f in d.nullable}, conn)
        await _execute(d.set_null, children, conn)


async def before_delete(
    referential: ReferentialPlanner,
    model: str,
    keys: Sequence[Key],
    conn: AsyncConnection,
    seen: Seen | None = None,
) -> None:
    """What must happen before the records of ``model`` with primary keys ``keys`` are deleted:
    the emulated onDelete actions (relationMode "prisma"; P2014 for Restrict/NoAction) and the
    removal of their rows in implicit m:n join tables."""
    keys = _unique(keys)
    if not keys:
        return
    plan = referential.on_delete(model)
    seen = set() if seen is None else seen
    seen.update((model, k) for k in keys)
    if plan.dependents:
        rows, positions = await _key_rows(referential, model, keys, conn)
        ordered = sorted(plan.dependents, key=lambda d: d.action not in RESTRICTS)
        for d in ordered:
            children = await _pointing(d, d.action, rows, positions, conn)
            if not children:
                continue
            if d.action == "Cascade":
                await delete_records(referential, d.model.name, children, conn, seen)
            elif d.action == "SetNull":
                await _set_null(referential, d, children, conn)
    for link in plan.links:
        await _execute(link, keys, conn)


async def delete_records(
    referential: ReferentialPlanner,
    model: str,
    keys: Sequence[Key],
    conn: AsyncConnection,
    seen: Seen | None = None,
) -> int:
    """Delete the records of ``model`` with primary keys ``keys`` after :func:`before_delete`;
    returns how many the database deleted."""
    seen = set() if seen is None else seen
    keys = [k for k in _unique(keys) if (model, k) not in seen]
    if not keys:
        return 0
    await before_delete(referential, model, keys, conn, seen)
    return await _execute(referential.on_delete(model).delete, keys, conn)


async def before_update(
    referential: ReferentialPlanner,
    model: str,
    keys: Sequence[Key],
    changes: Mapping[str, Any],
    conn: AsyncConnection,
) -> None:
    """Before an update gives the records of ``model`` with primary keys ``keys`` the new values
    ``changes`` (field name -> value in database form): the emulated onUpdate actions of the
    relations that reference the changed fields (relationMode "prisma" only)."""
    actions = referential.on_update(model, frozenset(changes))
    keys = _unique(keys)
    if not actions or not keys:
        return
    rows, positions = await _key_rows(referential, model, keys, conn)
    for u in sorted(actions, key=lambda a: a.action not in RESTRICTS):
        d = u.dependent
        children = await _pointing(d, u.action, rows, positions, conn)
        if not children:
            continue
        if u.action == "SetNull":
            await _set_null(referential, d, children, conn)
        elif u.update is not None:
            new = {fk.name: changes[name] for fk, name in u.assign}
            await before_update(referential, d.model.name, children, new, conn)
            await _execute(u.update, children, conn, [changes[name] for _, name in u.assign])


# --- delete / delete_many ------------------------------------------------------------------------------


async def run_delete(plan: DeletePlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    """Read the record (with the call's selection), delete it, return it; P2025 when none matches."""
    if plan.direct is not None and plan.level is not None:
        _, rows = await conn.query(plan.direct.sql, plan.direct.bind(values))
        if not rows:
            raise RecordNotFoundError.because("Record to delete does not exist.", model_name=plan.model.name)
        return plan.level.build(rows)[1][0]
    if plan.transaction(conn.in_transaction):
        async with conn.transaction():
            return await _delete_one(plan, values, conn)
    return await _delete_one(plan, values, conn)


async def _delete_one(plan: DeletePlan, values: Sequence[Any], conn: AsyncConnection) -> Any:
    _, rows = await conn.query(plan.find.sql, plan.find.bind(values))
    if not rows:
        raise RecordNotFoundError.because("Record to delete does not exist.", model_name=plan.model.name)
    record = await run_read(plan.read, [*values, *rows[0]], conn)
    await delete_records(plan.referential, plan.model.name, [row_key(rows[0])], conn)
    return record


async def run_delete_many(plan: DeleteManyPlan, values: Sequence[Any], conn: AsyncConnection) -> int:
    """Find the matching records' primary keys (at most ``limit``), then delete them."""
    if plan.direct is not None:
        return await conn.execute(plan.direct.sql, plan.direct.bind(values))
    if plan.transaction(conn.in_transaction):
        async with conn.transaction():
            return await _delete_many(plan, values, conn)
    return await _delete_many(plan, values, conn)


async def _delete_many(plan: DeleteManyPlan, values: Sequence[Any], conn: AsyncConnection) -> int:
    _, rows = await conn.query(plan.find.sql, plan.find.bind(values))
    if not rows:
        return 0
    return await delete_records(plan.referential, plan.model.name, [row_key(r) for r in rows], conn)
