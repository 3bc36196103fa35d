"""Names the validation rules look up across models (Prisma's ``validations/names.rs``).

:func:`build_names` collects, once per validation run: the relation names of every relation
field (for ambiguity checks), the custom client ``name:`` of ``@@index``, ``@@unique`` and
``@@id`` per model (a field may not reuse one), and the constraint namespaces
(:mod:`refrakt.psl.validate._constraint_namespace`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from refrakt.psl.db import ParserDatabase
from refrakt.psl.db._types import ModelId
from refrakt.psl.db._walk_keys import model_indexes, model_primary_key
from refrakt.psl.validate._constraint_namespace import ConstraintNamespace, infer_namespaces
from refrakt.psl.validate._context import ValidationContext

__all__ = ["NameTaken", "Names", "RelationName", "build_names", "relation_name"]

RelationName = tuple[str, str]
"""``("explicit", name)`` for ``@relation("name")`` / ``@relation(name: ...)``, else
``("generated", "AToB")``; the two kinds never compare equal, as in Prisma."""

RelationIdentifier = tuple[ModelId, ModelId, RelationName]


class NameTaken(enum.Enum):
    """Which kind of key already uses a custom name."""

    INDEX = "@@index"
    UNIQUE = "@@unique"
    PRIMARY_KEY = "@@id"


def relation_name(db: ParserDatabase, rfid: int) -> RelationName:
    """The name of a relation field's relation: explicit, or generated from the two model names."""
    rf = db.relation_fields[rfid]
    if rf.name is not None:
        return ("explicit", rf.name)
    a = db.model(rf.model_id).name.name
    b = db.model(rf.referenced_model).name.name
    return ("generated", f"{a}To{b}" if a < b else f"{b}To{a}")


@dataclass
class Names:
    relation_names: dict[RelationIdentifier, list[int]] = field(default_factory=dict[RelationIdentifier, list[int]])
    index_names: set[tuple[ModelId, str]] = field(default_factory=set[tuple[ModelId, str]])
    unique_names: set[tuple[ModelId, str]] = field(default_factory=set[tuple[ModelId, str]])
    primary_key_names: dict[ModelId, str] = field(default_factory=dict[ModelId, str])
    constraint_namespace: ConstraintNamespace = field(default_factory=ConstraintNamespace)

    def name_taken(self, model_id: ModelId, name: str) -> list[NameTaken]:
        """The keys of ``model_id`` whose custom ``name:`` is ``name`` (index, unique, primary key)."""
        out: list[NameTaken] = []
        if (model_id, name) in self.index_names:
            out.append(NameTaken.INDEX)
        if (model_id, name) in self.unique_names:
            out.append(NameTaken.UNIQUE)
        if self.primary_key_names.get(model_id) == name:
            out.append(NameTaken.PRIMARY_KEY)
        return out


def build_names(ctx: ValidationContext) -> Names:
    """The names tables of the schema (built once per validation run)."""
    return ctx.memo("names", lambda: _build_names(ctx))


def _build_names(ctx: ValidationContext) -> Names:
    db = ctx.db
    names = Names(constraint_namespace=infer_namespaces(ctx))
    for model_id, _ in db.iter_models():
        for rfid in db.model_relation_field_ids(model_id):
            rf = db.relation_fields[rfid]
            key = (rf.model_id, rf.referenced_model, relation_name(db, rfid))
            names.relation_names.setdefault(key, []).append(rfid)
        for index in model_indexes(db, model_id):
            if index.name is not None:
                (names.unique_names if index.is_unique else names.index_names).add((model_id, index.name))
        pk = model_primary_key(db, model_id)
        if pk is not None and pk.name is not None:
            names.primary_key_names[model_id] = pk.name
    return names
