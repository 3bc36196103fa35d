"""Second pass: what each field's type refers to (scalar, enum, composite type or model)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrakt.psl import ast
from refrakt.psl.db._types import CompositeTypeField, RelationField, ScalarField, ScalarFieldType, ScalarType, TopId

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase


def _field_type(db: ParserDatabase, f: ast.Field) -> ScalarFieldType | TopId | str:
    """A scalar type, a model id (relation field), or the unknown type name."""
    ft = f.field_type
    if isinstance(ft, ast.UnsupportedType):
        return ScalarFieldType.unsupported_(ft.type_name)
    name = ft.name.name
    scalar = ScalarType.from_name(name)
    if scalar is not None:
        return ScalarFieldType.builtin(scalar)
    top_id = db.names.tops.get(name)
    if top_id is None:
        return name
    top = db.top(top_id)
    if isinstance(top, ast.Model):
        return top_id
    if isinstance(top, ast.Enum):
        return ScalarFieldType.enum_(top_id)
    return ScalarFieldType.composite(top_id)


def _type_not_found(db: ParserDatabase, name: str, f: ast.Field, *, suggest: bool = True) -> None:
    """Prisma's unknown-type error; on model fields (``suggest``) with a case-fix suggestion.

    The suggestion is the first model, view, enum or composite type whose lowercased name is the
    given name, else a built-in scalar type equal to it ignoring case (``datetime``, ``STRING``).
    Composite type fields get no suggestion.
    """
    msg = f'Type "{name}" is neither a built-in type, nor refers to another model, composite type, or enum.'
    if suggest:
        lower = name.lower()
        suggestion = next((top for top in db.names.tops if top.lower() == name), None)
        if suggestion is None:
            suggestion = next((s.value for s in ScalarType if s.value.lower() == lower), None)
        if suggestion is not None:
            msg = f'{msg} Did you mean "{suggestion}"?'
    db.diagnostics.error(msg, f.field_type.span)


def resolve_types(db: ParserDatabase) -> None:
    for top_id, top in db.iter_tops():
        if isinstance(top, ast.Model):
            for idx, f in enumerate(top.fields):
                t = _field_type(db, f)
                if isinstance(t, ScalarFieldType):
                    db.scalar_fields.append(ScalarField(top_id, idx, t))
                elif isinstance(t, tuple):
                    db.relation_fields.append(RelationField(top_id, idx, t))
                else:
                    _type_not_found(db, t, f)
        elif isinstance(top, ast.CompositeType):
            for idx, f in enumerate(top.fields):
                t = _field_type(db, f)
                if isinstance(t, ScalarFieldType):
                    db.composite_type_fields[(top_id, idx)] = CompositeTypeField(t)
                elif isinstance(t, tuple):
                    model = db.top(t)
                    db.diagnostics.error(
                        f'Error validating composite type "{top.name.name}": {model.name.name} refers to a model, '
                        "making this a relation field. Relation fields inside composite types are not supported.",
                        f.field_type.span,
                    )
                else:
                    _type_not_found(db, t, f, suggest=False)
        elif isinstance(top, ast.Enum) and not top.values:
            db.diagnostics.error("Error validating: An enum must have at least one value.", top.span)
    db.scalar_fields.sort(key=lambda sf: (sf.model_id, sf.field_id))
    db.relation_fields.sort(key=lambda rf: (rf.model_id, rf.field_id))
    db.reindex_fields()
