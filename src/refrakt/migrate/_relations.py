"""The relations the SQL schema needs, in Prisma's order: foreign keys and implicit m:n tables.

Prisma stores a relation when it meets it walking the relation fields in model then field
order: a 1:1 / 1:n relation at its forward field (the one with ``fields:``), an implicit m:n
relation at the field of *model A* (the model whose name sorts first; for a self-relation, the
field whose name sorts first). The IR's ``DataModel.relations`` holds them in that order, with
the referential actions and foreign key names already resolved.
"""

from __future__ import annotations

from dataclasses import dataclass

from refrakt.ir import DataModel, Field, Model, Relation


@dataclass(frozen=True, slots=True)
class InlineRelation:
    """A foreign key: ``fields`` of ``referencing`` point at ``references`` of ``referenced``."""

    referencing: Model
    referenced: Model
    fields: tuple[Field, ...]
    references: tuple[Field, ...]
    on_delete: str | None
    on_update: str | None
    fk_name: str | None


@dataclass(frozen=True, slots=True)
class ManyToManyRelation:
    """An implicit m:n relation: join table ``table`` with column A -> ``model_a``, B -> ``model_b``."""

    name: str
    table: str
    model_a: Model
    model_b: Model


def _fields(model: Model, names: tuple[str, ...]) -> tuple[Field, ...]:
    return tuple(model.fields[n] for n in names)


def _from_ir(datamodel: DataModel, relation: Relation) -> InlineRelation | ManyToManyRelation | None:
    models = datamodel.models
    if relation.kind == "many_to_many":
        sides = sorted(
            [
                (relation.referencing.model, relation.referencing.field or ""),
                (relation.referenced.model, relation.referenced.field or ""),
            ]
        )
        return ManyToManyRelation(
            relation.name,
            relation.table or f"_{relation.name}",
            models[sides[0][0]],
            models[sides[1][0]],
        )
    if not relation.fields:
        return None
    referencing, referenced = models[relation.referencing.model], models[relation.referenced.model]
    return InlineRelation(
        referencing=referencing,
        referenced=referenced,
        fields=_fields(referencing, relation.fields),
        references=_fields(referenced, relation.references),
        on_delete=relation.on_delete,
        on_update=relation.on_update,
        fk_name=relation.fk_name,
    )


def sql_relations(datamodel: DataModel) -> list[InlineRelation | ManyToManyRelation]:
    """Foreign-key and join-table relations, in Prisma's relation order."""
    resolved = (_from_ir(datamodel, r) for r in datamodel.relations)
    return [r for r in resolved if r is not None]
