"""``@map`` / ``@@map`` (database names) and ``@@schema`` (multi-schema)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrakt.diagnostics import Span
from refrakt.psl.db import _coerce
from refrakt.psl.db._context import ArgumentError, AttributeVisitor
from refrakt.psl.db._types import FieldId, ModelAttributes, ModelId, TopId

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase


def visit_map_attribute(v: AttributeVisitor) -> str | None:
    try:
        value = v.visit_default_arg("name")
    except ArgumentError as err:
        v.push_argument_error(err)
        return None
    return _coerce.string(value, v.diagnostics)


def visit_schema_attribute(v: AttributeVisitor) -> tuple[str, Span] | None:
    try:
        value = v.visit_default_arg("map")
    except ArgumentError as err:
        v.push_argument_error(err)
        return None
    name = _coerce.string(value, v.diagnostics)
    return None if name is None else (name, value.span)


def model(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, attrs: ModelAttributes) -> None:
    mapped = visit_map_attribute(v)
    if mapped is not None:
        attrs.mapped_name = mapped


def scalar_field(db: ParserDatabase, v: AttributeVisitor, sfid: int) -> None:
    mapped = visit_map_attribute(v)
    if mapped is None:
        return
    sf = db.scalar_fields[sfid]
    sf.mapped_name = mapped
    model = db.model(sf.model_id)
    f = model.fields[sf.field_id]
    kind = "view" if model.is_view else "model"
    duplicate = f'Field "{f.name.name}" is already defined on {kind} "{model.name.name}".'

    seen: dict[tuple[ModelId, str], FieldId] = db.mapped_field_names
    key = (sf.model_id, mapped)
    if key in seen:
        db.diagnostics.error(duplicate, f.span)
    seen[key] = sf.field_id

    other_field_id = db.find_model_field(sf.model_id, mapped)
    if other_field_id is None or other_field_id == sf.field_id:
        return
    other = db.scalar_field_id(sf.model_id, other_field_id)
    if other is None:
        return  # @map only conflicts with scalar fields
    other_mapped = db.scalar_fields[other].mapped_name
    if other_mapped is not None and other_mapped != mapped:
        return
    db.diagnostics.error(duplicate, f.span)


def composite_type_field(db: ParserDatabase, v: AttributeVisitor, ct_id: TopId, field_id: FieldId) -> None:
    mapped = visit_map_attribute(v)
    if mapped is None:
        return
    ctf = db.composite_type_fields[(ct_id, field_id)]
    ctf.mapped_name = mapped
    ct = db.composite_type(ct_id)
    f = ct.fields[field_id]
    key = (ct_id, mapped)
    if key in db.mapped_composite_field_names:
        db.diagnostics.error(f'Field "{mapped}" is already defined on composite type "{ct.name.name}".', f.span)
    db.mapped_composite_field_names[key] = field_id
    other = db.names.composite_type_fields.get(ct_id, {}).get(mapped)
    if other is None:
        return
    other_field = db.composite_type_fields.get((ct_id, other))
    if other_field is not None and other_field.mapped_name is not None:
        return
    db.diagnostics.error(f'Field "{f.name.name}" is already defined on composite type "{ct.name.name}".', f.span)
