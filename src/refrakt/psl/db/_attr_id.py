"""``@id`` and ``@@id``: primary keys.

SCAFFOLD (being ported): arguments are accepted without validation and only the field list is
recorded; the full rules come from Prisma's ``attributes/id.rs``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrakt.psl import ast
from refrakt.psl.db._context import AttributeVisitor
from refrakt.psl.db._types import FieldWithArgs, IdAttribute, IndexFieldPath, ModelAttributes, ModelId

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase


def visit_field_id(db: ParserDatabase, v: AttributeVisitor, sfid: int, attrs: ModelAttributes) -> None:
    sf = db.scalar_fields[sfid]
    attrs.primary_key = IdAttribute(
        fields=[FieldWithArgs(IndexFieldPath(sfid))],
        source_attribute=v.current_attribute_id,
        source_field=sf.field_id,
    )
    v.discard_arguments()


def visit_model_id(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, attrs: ModelAttributes) -> None:
    fields: list[FieldWithArgs] = []
    args = v.current_attribute.arguments.arguments
    first = next((a.value for a in args if a.name is None or a.name.name == "fields"), None)
    if isinstance(first, ast.Array):
        for item in first.items:
            name = item.value if isinstance(item, ast.ConstantValue) else item.name if isinstance(item, ast.Function) else None
            if name is None:
                continue
            fid = db.find_model_field(model_id, name)
            sfid = None if fid is None else db.scalar_field_id(model_id, fid)
            if sfid is not None:
                fields.append(FieldWithArgs(IndexFieldPath(sfid)))
    if attrs.primary_key is None:
        attrs.primary_key = IdAttribute(fields=fields, source_attribute=v.current_attribute_id)
    v.discard_arguments()


def validate_id_field_arities(db: ParserDatabase, model_id: ModelId, attrs: ModelAttributes) -> None:
    """Id fields must be required (ported with the rest of this module)."""
