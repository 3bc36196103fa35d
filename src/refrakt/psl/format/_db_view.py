"""The magic reformat's view of a schema, read from the parser database (:mod:`refrakt.psl.db`).

:func:`schema_from_database` translates what the database resolved — scalar and relation fields,
``@relation`` arguments, primary keys and unique indexes, ``@@ignore``, native type attributes,
and the relations paired by its relation inference — into the :class:`SchemaInfo` the magic
layer walks. :mod:`._relations` builds the same view straight from the ASTs when no database is
available.
"""

from __future__ import annotations

from collections.abc import Iterable

from refrakt.psl.db import FieldWithArgs, IndexType, ParserDatabase
from refrakt.psl.db._relations import RelationKind, relations_of
from refrakt.psl.format._relations import ModelInfo, Relation, RelationFieldInfo, ScalarFieldInfo, SchemaInfo

__all__ = ["schema_from_database"]

_KINDS = {
    RelationKind.ONE_TO_ONE: "one_to_one",
    RelationKind.ONE_TO_MANY: "one_to_many",
    RelationKind.IMPLICIT_MANY_TO_MANY: "implicit_many_to_many",
    RelationKind.TWO_WAY_EMBEDDED_MANY_TO_MANY: "embedded_many_to_many",
}


def schema_from_database(db: ParserDatabase) -> SchemaInfo:
    """The models, unique criterias and relations of an error-free database."""
    model_index = {model_id: i for i, (model_id, _) in enumerate(db.iter_models())}
    local_scalar: dict[int, int] = {}  # db scalar field id -> index in its model's scalar_fields
    models: list[ModelInfo] = []
    for model_id, model in db.iter_models():
        sfids = sorted(db.model_scalar_field_ids(model_id), key=lambda sfid: db.scalar_fields[sfid].field_id)
        scalars: list[ScalarFieldInfo] = []
        for sfid in sfids:
            sf = db.scalar_fields[sfid]
            ast_field = model.fields[sf.field_id]
            builtin = sf.type.scalar.value if sf.type.kind == "builtin" and sf.type.scalar is not None else None
            native = sf.native_type.span if sf.native_type is not None else None
            local_scalar[sfid] = len(scalars)
            scalars.append(
                ScalarFieldInfo(ast_field.name.name, ast_field.arity, builtin, sf.type.is_unsupported, native)
            )
        attrs = db.model_attributes.get(model_id)
        primary_key: tuple[int, ...] | None = None
        unique_indexes: list[tuple[int, ...]] = []
        is_ignored = False
        if attrs is not None:
            is_ignored = attrs.is_ignored
            if attrs.primary_key is not None:
                primary_key = _criteria(attrs.primary_key.fields, local_scalar)
            for _, index in attrs.ast_indexes:
                if index.type is IndexType.Unique:
                    criteria = _criteria(index.fields, local_scalar)
                    if criteria is not None:
                        unique_indexes.append(criteria)
        models.append(ModelInfo(model_id[0], model, tuple(scalars), primary_key, tuple(unique_indexes), is_ignored))

    fields: dict[int, RelationFieldInfo] = {}
    for rfid, rf in enumerate(db.relation_fields):
        ast_field = db.ast_field(rf.model_id, rf.field_id)
        attribute = next((a for a in ast_field.attributes if a.name.name == "relation"), None)
        fields[rfid] = RelationFieldInfo(
            model_index[rf.model_id],
            rf.field_id,
            ast_field,
            model_index[rf.referenced_model],
            rf.name,
            _locals(rf.fields, local_scalar),
            _locals(rf.references, local_scalar),
            attribute if rf.relation_attribute is not None else None,
        )

    relations = [
        Relation(
            _KINDS[r.kind],
            model_index[r.model_a],
            model_index[r.model_b],
            fields[r.field_a] if r.field_a is not None else None,
            fields[r.field_b] if r.field_b is not None else None,
        )
        for r in relations_of(db)
    ]
    return SchemaInfo(tuple(models), tuple(relations))


def _locals(sfids: Iterable[int] | None, local_scalar: dict[int, int]) -> tuple[int, ...] | None:
    return None if sfids is None else tuple(local_scalar[sfid] for sfid in sfids)


def _criteria(fields: list[FieldWithArgs], local_scalar: dict[int, int]) -> tuple[int, ...] | None:
    """Scalar field indexes of a key; None for keys through composite type fields."""
    if any(f.path.path for f in fields):
        return None
    return tuple(local_scalar[f.path.root] for f in fields)
