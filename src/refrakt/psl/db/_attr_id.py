"""``@id`` and ``@@id``: primary keys (Prisma's ``attributes/id.rs``).

A model has at most one primary key: ``@id`` on one field (with ``map``, ``length``, ``sort``
and ``clustered``) or ``@@id([fields], name:, map:, clustered:)`` on the model. Its fields must
be scalar and required (unless the model is ``@@ignore``d).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrakt.diagnostics import Span
from refrakt.psl import ast
from refrakt.psl.db import _attr_index, _coerce
from refrakt.psl.db._context import ArgumentError, AttributeVisitor
from refrakt.psl.db._index_fields import (
    ProblematicFields,
    format_fields_with_leading_word,
    resolve_field_array_with_args,
)
from refrakt.psl.db._types import FieldWithArgs, IdAttribute, IndexFieldPath, ModelAttributes, ModelId

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase


def _model_error(db: ParserDatabase, model_id: ModelId, message: str, span: Span) -> None:
    db.diagnostics.error(f'Error validating model "{db.model(model_id).name.name}": {message}', span)


def visit_model_id(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, attrs: ModelAttributes) -> None:
    """``@@id([a, b], name: "...", map: "...", clustered: ...)``."""
    attr = v.current_attribute
    try:
        fields_arg = v.visit_default_arg("fields")
    except ArgumentError as err:
        v.push_argument_error(err)
        return

    resolved = resolve_field_array_with_args(db, fields_arg, attr.span, model_id, follow_composites=False)
    if resolved is None:
        return
    if isinstance(resolved, ProblematicFields):
        if resolved.unknown:
            names = resolved.unknown_names(db)
            _model_error(
                db,
                model_id,
                f"The multi field id declaration refers to the unknown {format_fields_with_leading_word(names)}.",
                fields_arg.span,
            )
        if resolved.relation:
            names = [db.ast_field(model_id, fid).name.name for fid in resolved.relation]
            _model_error(
                db,
                model_id,
                f"The id definition refers to the relation {format_fields_with_leading_word(names)}. ID definitions "
                "must reference only scalar fields.",
                attr.span,
            )
        return

    model = db.model(model_id)
    not_required = [f.name.name for f in (_indexed_ast_field(db, fwa) for fwa in resolved) if not f.arity.is_required]
    if not_required and not attrs.is_ignored:
        _model_error(
            db,
            model_id,
            f"The id definition refers to the optional {format_fields_with_leading_word(not_required)}. ID "
            "definitions must reference only required fields.",
            attr.span,
        )
    if attrs.primary_key is not None:
        _model_error(
            db,
            model_id,
            "Each model must have at most one id criteria. You can't have `@id` and `@@id` at the same time.",
            model.span,
        )

    mapped_name = _primary_key_mapped_name(v)
    name = _attr_index.get_name_argument(v)
    if name is not None:
        _attr_index.validate_client_name(db, attr.span, model.name.name, name, "@@id")
    clustered = _attr_index.validate_clustering_setting(v)

    attrs.primary_key = IdAttribute(
        fields=resolved,
        source_attribute=v.current_attribute_id,
        name=name,
        mapped_name=mapped_name,
        clustered=clustered,
    )


def _indexed_ast_field(db: ParserDatabase, fwa: FieldWithArgs) -> ast.Field:
    path = fwa.path
    if path.path:
        ct_id, field_idx = path.path[-1]
        return db.composite_type(ct_id).fields[field_idx]
    return db.scalar_field_ast(path.root)


def visit_field_id(db: ParserDatabase, v: AttributeVisitor, sfid: int, attrs: ModelAttributes) -> None:
    """``@id(map: "...", length: n, sort: Asc|Desc, clustered: bool)`` on a scalar field."""
    sf = db.scalar_fields[sfid]
    if attrs.primary_key is not None:
        model = db.model(sf.model_id)
        _model_error(
            db,
            sf.model_id,
            "At most one field must be marked as the id field with the `@id` attribute.",
            model.span,
        )
        return

    mapped_name = _primary_key_mapped_name(v)
    length_arg = v.visit_optional_arg("length")
    length = None if length_arg is None else _coerce.integer(length_arg, db.diagnostics)
    sort_order = _attr_index.visit_sort_argument(v)
    clustered = _attr_index.validate_clustering_setting(v)

    attrs.primary_key = IdAttribute(
        fields=[FieldWithArgs(IndexFieldPath(sfid), sort_order=sort_order, length=length)],
        source_attribute=v.current_attribute_id,
        source_field=sf.field_id,
        mapped_name=mapped_name,
        clustered=clustered,
    )


def validate_id_field_arities(db: ParserDatabase, model_id: ModelId, attrs: ModelAttributes) -> None:
    """Model-global arity rules, run once all model attributes (``@@ignore``) are known.

    A field-level ``@id`` must be required; so must a field-level ``@shardKey`` (checked here too,
    in Prisma's order, because the attribute dispatcher calls only this hook).
    """
    if not attrs.is_ignored:
        pk = attrs.primary_key
        if pk is not None and pk.source_field is not None:
            f = db.ast_field(model_id, pk.source_field)
            if not f.arity.is_required:
                span = f.attributes[pk.source_attribute[1]].span
                db.diagnostics.error(
                    'Error parsing attribute "@id": Fields that are marked as id must be required.', span
                )
    _attr_index.validate_shard_key_field_arities(db, model_id, attrs)


def _primary_key_mapped_name(v: AttributeVisitor) -> str | None:
    return _attr_index.visit_map_argument(v)
