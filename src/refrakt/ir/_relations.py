"""Relations of the IR, read from the parser database's relation inference.

Each relation gets its name (explicit or Prisma's generated ``AToB``), both sides, the foreign
key (referencing ``fields`` → referenced ``references``), the referential actions in effect
(explicit, else Prisma's defaults for the connector and relation mode), the foreign key's
constraint name, and for implicit many-to-many relations the join table ``_AToB``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from refrakt.ir._model import Relation, RelationKind, RelationSide
from refrakt.psl.connectors import Connector, ReferentialAction, RelationMode, get_connector
from refrakt.psl.db import ParserDatabase
from refrakt.psl.db._types import ModelId
from refrakt.psl.db._walk_relations import RelationWalker, foreign_key_name, walk_relations


@dataclass(frozen=True, slots=True)
class FieldRelationInfo:
    """What a relation field shows of its relation (DMMF's ``relationName``, ``relationFromFields``...)."""

    name: str
    fields: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    on_delete: str | None = None
    on_update: str | None = None


@dataclass
class RelationInfo:
    """Per relation field id: its relation's facts; per model: the scalar fields used as foreign keys."""

    fields: dict[int, FieldRelationInfo] = field(default_factory=dict[int, FieldRelationInfo])
    fk_fields: dict[ModelId, set[str]] = field(default_factory=dict[ModelId, set[str]])


_KIND: dict[str, RelationKind] = {
    "one-to-one": "one_to_one",
    "one-to-many": "one_to_many",
    "implicit many-to-many": "many_to_many",
    "two-way embedded many-to-many": "many_to_many",
}


def build_relations(
    db: ParserDatabase, connector: Connector | None, relation_mode: RelationMode
) -> tuple[list[Relation], RelationInfo]:
    connector = connector or get_connector("sqlite")
    assert connector is not None
    restrict = connector.supports_referential_action(relation_mode, ReferentialAction.RESTRICT)
    info = RelationInfo()
    relations: list[Relation] = []
    for walker in walk_relations(db):
        relation = _inline(db, walker, connector, restrict, info) if walker.is_inline else _many(db, walker, info)
        relations.append(relation)
    return relations, info


def _names(db: ParserDatabase, sfids: list[int] | None) -> tuple[str, ...]:
    return tuple(db.scalar_field_ast(s).name.name for s in sfids or ())


def _inline(
    db: ParserDatabase, walker: RelationWalker, connector: Connector, restrict: bool, info: RelationInfo
) -> Relation:
    name = walker.relation_name
    forward, back = walker.forward_field, walker.back_field
    fields = _names(db, walker.referencing_fields)
    references = _names(db, walker.referenced_fields)
    on_delete = walker.on_delete(restrict_supported=restrict).value if forward is not None else None
    on_update = walker.on_update.value if forward is not None else None
    if forward is not None:
        info.fields[forward.id] = FieldRelationInfo(
            name=name,
            fields=fields,
            references=references,
            on_delete=forward.explicit_on_delete.value if forward.explicit_on_delete else None,
            on_update=forward.explicit_on_update.value if forward.explicit_on_update else None,
        )
        if fields:
            info.fk_fields.setdefault(walker.referencing_model, set()).update(fields)
    if back is not None:
        info.fields[back.id] = FieldRelationInfo(name=name)
    return Relation(
        name=name,
        kind=_KIND[walker.kind.value],
        referencing=RelationSide(db.model(walker.referencing_model).name.name, forward.name if forward else None),
        referenced=RelationSide(db.model(walker.referenced_model).name.name, back.name if back else None),
        fields=fields,
        references=references,
        on_delete=on_delete,
        on_update=on_update,
        fk_name=foreign_key_name(walker, connector) if forward is not None and fields else None,
        is_self_relation=walker.is_self_relation,
    )


def _many(db: ParserDatabase, walker: RelationWalker, info: RelationInfo) -> Relation:
    name = walker.relation_name
    a, b = walker.field_a, walker.field_b
    for side in (a, b):
        info.fields[side.id] = FieldRelationInfo(
            name=name,
            fields=_names(db, side.fields),
            references=_names(db, side.references),
        )
    return Relation(
        name=name,
        kind="many_to_many",
        referencing=RelationSide(db.model(walker.model_a).name.name, a.name),
        referenced=RelationSide(db.model(walker.model_b).name.name, b.name),
        table=walker.table_name if walker.is_implicit_many_to_many else None,
        is_self_relation=walker.is_self_relation,
    )
