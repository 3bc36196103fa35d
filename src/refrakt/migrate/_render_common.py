"""Statements of diff steps that every database renders alike (through its flavour)."""

from __future__ import annotations

from refrakt.migrate._diff_model import DiffStep
from refrakt.migrate._schema import SqlSchema
from refrakt.migrate.flavours import SqlFlavour


def create_table(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None
    return [flavour.render_create_table(step.table, after)]


def create_index(step: DiffStep, before: SqlSchema, after: SqlSchema, flavour: SqlFlavour) -> list[str]:
    assert step.table is not None and step.index is not None
    return [flavour.render_create_index(step.table, step.index)]
