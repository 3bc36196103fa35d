"""Relations of the IR: names, sides, foreign keys, referential actions, join tables.

Reads the relation store of the parser database (relation inference); until inference is
available it derives what it can from each relation field's own ``@relation`` arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from refrakt.psl.db import ParserDatabase
from refrakt.psl.db._types import ModelId
from refrakt.ir._model import Relation


@dataclass(frozen=True, slots=True)
class FieldRelationInfo:
    name: str
    fields: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    on_delete: str | None = None
    on_update: str | None = None


@dataclass
class RelationInfo:
    """Per relation field (by relation field id): its relation's name and foreign key facts."""

    fields: dict[int, FieldRelationInfo] = field(default_factory=dict[int, FieldRelationInfo])
    fk_fields: dict[ModelId, set[str]] = field(default_factory=dict[ModelId, set[str]])


def default_relation_name(model_a: str, model_b: str) -> str:
    """Prisma's name for an unnamed relation: the two model names sorted, joined by ``To``."""
    a, b = sorted((model_a, model_b))
    return f"{a}To{b}"


def build_relations(db: ParserDatabase, connector: Any, relation_mode: str) -> tuple[list[Relation], RelationInfo]:
    info = RelationInfo()
    for rfid, rf in enumerate(db.relation_fields):
        here = db.model(rf.model_id).name.name
        there = db.model(rf.referenced_model).name.name
        name = rf.name or default_relation_name(here, there)
        fields = tuple(db.scalar_field_ast(s).name.name for s in rf.fields or [])
        refs = tuple(db.scalar_field_ast(s).name.name for s in rf.references or [])
        info.fields[rfid] = FieldRelationInfo(
            name=name,
            fields=fields,
            references=refs,
            on_delete=rf.on_delete[0].value if rf.on_delete else None,
            on_update=rf.on_update[0].value if rf.on_update else None,
        )
        if fields:
            info.fk_fields.setdefault(rf.model_id, set()).update(fields)
    return [], info
