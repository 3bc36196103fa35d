"""What the engine needs to know about a data model, computed once per :class:`Engine`.

:class:`ModelMeta` indexes a model's scalar and relation fields, its where-unique criteria
(``id``, ``email``, compound ``first_name_last_name``) and its primary identifier.
:class:`RelationMeta` says how a relation field links two tables: through a foreign key on this
model (``post.author``), on the related model (``user.posts``), or through an implicit m:n join
table ``_AToB`` (columns ``A`` and ``B``, ``A`` pointing at model A of the relation).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from refrakt.ir import DataModel, Field, Model, Relation

LinkKind = Literal["fk_here", "fk_there", "join_table"]

#: Scalar types and their names in messages.
SCALAR_TYPES = frozenset({"String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"})


@dataclass(frozen=True, slots=True, eq=False)
class RelationMeta:
    """A relation field and how its rows are linked to the related model's rows.

    ``this_fields`` (columns of this model) match ``other_fields`` (columns of the related model)
    pairwise; for a join table they are both models' id fields and ``this_column`` /
    ``other_column`` are the join table's columns that hold them.
    """

    name: str
    field: Field
    model: str
    related: str
    is_list: bool
    is_required: bool
    kind: LinkKind
    this_fields: tuple[Field, ...]
    other_fields: tuple[Field, ...]
    relation: Relation
    join_table: str | None = None
    this_column: str | None = None
    other_column: str | None = None

    @property
    def is_to_one(self) -> bool:
        return not self.is_list


@dataclass(frozen=True, slots=True, eq=False)
class ModelMeta:
    """A model (or view) as the engine sees it."""

    model: Model
    name: str
    table: str
    schema: str | None
    scalars: Mapping[str, Field]
    relations: Mapping[str, RelationMeta]
    uniques: Mapping[str, tuple[Field, ...]]
    """Where-unique criteria by argument name: single ``@id``/``@unique`` fields and compound ones."""
    primary: tuple[Field, ...]
    """The primary identifier: the id, else the first unique criteria of required fields."""
    has_unique_identifier: bool
    is_view: bool

    def field_names(self) -> list[str]:
        return [*self.scalars, *self.relations]

    def is_unique_field(self, name: str) -> bool:
        fields = self.uniques.get(name)
        return fields is not None and len(fields) == 1 and fields[0].name == name


class SchemaIndex:
    """Every model's :class:`ModelMeta`, built from a :class:`~refrakt.ir.DataModel`."""

    def __init__(self, datamodel: DataModel) -> None:
        self.datamodel = datamodel
        self.enums = datamodel.enums
        self.models: dict[str, ModelMeta] = {}
        for model in datamodel.models.values():
            if not model.is_ignored:
                self.models[model.name] = _model_meta(datamodel, model)

    def model(self, name: str) -> ModelMeta:
        return self.models[name]


def _compound_name(fields: tuple[str, ...], name: str | None) -> str:
    return name if name else "_".join(fields)


def _model_meta(datamodel: DataModel, model: Model) -> ModelMeta:
    scalars = {
        f.name: f
        for f in model.fields.values()
        if f.kind in ("scalar", "enum") and not f.is_ignored and f.type != "Unsupported"
    }
    relations: dict[str, RelationMeta] = {}
    for f in model.fields.values():
        if f.kind == "object" and f.relation_name is not None and not f.is_ignored:
            meta = _relation_meta(datamodel, model, f)
            if meta is not None:
                relations[f.name] = meta

    uniques: dict[str, tuple[Field, ...]] = {}
    pk = model.primary_key
    if pk is not None:
        names = pk.field_names
        key = names[0] if len(names) == 1 else _compound_name(names, pk.name)
        uniques[key] = tuple(model.fields[n] for n in names)
    for index in model.indexes:
        if index.kind != "unique":
            continue
        names = index.field_names
        if any(n not in scalars for n in names):
            continue
        key = names[0] if len(names) == 1 else _compound_name(names, index.name)
        uniques.setdefault(key, tuple(model.fields[n] for n in names))
    for f in scalars.values():
        if (f.is_unique or f.is_id) and f.name not in uniques:
            uniques[f.name] = (f,)

    primary: tuple[Field, ...] = ()
    if pk is not None:
        primary = tuple(model.fields[n] for n in pk.field_names)
    else:
        for fields in uniques.values():
            if all(f.is_required for f in fields):
                primary = fields
                break
    has_unique = bool(primary)
    if not primary:
        primary = tuple(scalars.values())
    return ModelMeta(
        model=model,
        name=model.name,
        table=model.db_name,
        schema=model.schema,
        scalars=scalars,
        relations=relations,
        uniques=uniques,
        primary=primary,
        has_unique_identifier=has_unique,
        is_view=model.is_view,
    )


def _relation_meta(datamodel: DataModel, model: Model, f: Field) -> RelationMeta | None:
    relation = _find_relation(datamodel, model.name, f)
    if relation is None:
        return None
    related = datamodel.models.get(f.type)
    if related is None:
        return None
    common = {
        "name": f.name,
        "field": f,
        "model": model.name,
        "related": related.name,
        "is_list": f.is_list,
        "is_required": f.is_required,
        "relation": relation,
    }
    if relation.kind == "many_to_many":
        if relation.table is None or model.primary_key is None or related.primary_key is None:
            return None
        is_a = relation.referencing.model == model.name and relation.referencing.field == f.name
        this_ids = tuple(model.fields[n] for n in model.primary_key.field_names)
        other_ids = tuple(related.fields[n] for n in related.primary_key.field_names)
        return RelationMeta(
            **common,  # pyright: ignore[reportArgumentType]
            kind="join_table",
            this_fields=this_ids,
            other_fields=other_ids,
            join_table=relation.table,
            this_column="A" if is_a else "B",
            other_column="B" if is_a else "A",
        )
    forward = relation.referencing.model == model.name and relation.referencing.field == f.name
    if forward:
        return RelationMeta(
            **common,  # pyright: ignore[reportArgumentType]
            kind="fk_here",
            this_fields=tuple(model.fields[n] for n in relation.fields),
            other_fields=tuple(related.fields[n] for n in relation.references),
        )
    return RelationMeta(
        **common,  # pyright: ignore[reportArgumentType]
        kind="fk_there",
        this_fields=tuple(model.fields[n] for n in relation.references),
        other_fields=tuple(related.fields[n] for n in relation.fields),
    )


def _find_relation(datamodel: DataModel, model: str, f: Field) -> Relation | None:
    for r in datamodel.relations:
        if r.name != f.relation_name:
            continue
        if (r.referencing.model == model and r.referencing.field == f.name) or (
            r.referenced.model == model and r.referenced.field == f.name
        ):
            return r
    return None
