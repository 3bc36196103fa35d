"""The order of migration steps: by kind and position, then one dependency fixed by hand.

A unique index dropped from a table without a primary key, while an ``AlterTable`` adds a
primary key on the same columns, is dropped after that step (a foreign key may need one of the
two), as Prisma's ``apply_partial_order_permutations`` does.
"""

from __future__ import annotations

from refrakt.migrate._diff_model import DiffStep


def _moves_after(drop: DiffStep, step: DiffStep) -> bool:
    if step.kind != "AlterTable" or step.table is not drop.table or drop.index is None:
        return False
    if not any(c.kind == "AddPrimaryKey" for c in step.changes):
        return False
    columns = set(drop.index.column_names)
    for change in step.changes:
        dropped = change.kind in ("DropColumn", "DropAndRecreateColumn") and change.previous is not None
        if dropped and change.previous is not None and change.previous.name in columns:
            return False
    nxt = step.next_table
    return nxt is not None and nxt.primary_key is not None and nxt.primary_key.column_names == drop.index.column_names


def sort_steps(steps: list[DiffStep]) -> list[DiffStep]:
    ordered = sorted(steps, key=lambda s: s.sort_key())
    i = 0
    while i < len(ordered):
        step = ordered[i]
        table = step.table
        if (
            step.kind == "DropIndex"
            and step.index is not None
            and step.index.is_unique
            and table is not None
            and table.primary_key is None
        ):
            target = next((j for j in range(i + 1, len(ordered)) if _moves_after(step, ordered[j])), None)
            if target is not None:
                ordered.insert(target, ordered.pop(i))
                continue
        i += 1
    return ordered
