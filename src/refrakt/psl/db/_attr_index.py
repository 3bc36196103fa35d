"""``@unique``, ``@@unique``, ``@@index``, ``@@fulltext`` and ``@shardKey``/``@@shardKey``.

Port of the index parts of Prisma's ``attributes.rs`` (``visit_field_unique``, ``model_index``,
``model_unique``, ``model_fulltext``, ``common_index_validations``, ``get_name_argument``,
``validate_client_name``, ``validate_clustering_setting``) and of ``attributes/shard_key.rs``.
The argument helpers here are shared with ``@id`` (:mod:`refrakt.psl.db._attr_id`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrakt.diagnostics import Span
from refrakt.psl.db import _coerce
from refrakt.psl.db._context import ArgumentError, AttributeVisitor
from refrakt.psl.db._index_fields import (
    ProblematicFields,
    format_fields_with_leading_word,
    resolve_field_array_with_args,
    resolve_field_array_without_args,
)
from refrakt.psl.db._types import (
    AttributeId,
    FieldId,
    FieldWithArgs,
    IndexAlgorithm,
    IndexAttribute,
    IndexFieldPath,
    IndexType,
    ModelAttributes,
    ModelId,
    SortOrder,
)

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase

_ALGORITHMS = {a.value: a for a in IndexAlgorithm}


class ShardKeyFields(list[int]):
    """The scalar field ids of a shard key, remembering where it was declared.

    Stored in :attr:`ModelAttributes.shard_key`; ``source_field`` is the field index of a
    field-level ``@shardKey`` (``None`` for ``@@shardKey``).
    """

    def __init__(self, fields: list[int], source_attribute: AttributeId, source_field: FieldId | None) -> None:
        super().__init__(fields)
        self.source_attribute = source_attribute
        self.source_field = source_field


# --- shared argument helpers -----------------------------------------------------------------


def _model_error(db: ParserDatabase, model_id: ModelId, message: str, span: Span) -> None:
    db.diagnostics.error(f'Error validating model "{db.model(model_id).name.name}": {message}', span)


def visit_map_argument(v: AttributeVisitor) -> str | None:
    """The ``map:`` argument (a database name); an empty string is an error."""
    arg = v.visit_optional_arg("map")
    value = None if arg is None else _coerce.string(arg, v.diagnostics)
    if value == "":
        v.push_attribute_validation_error("The `map` argument cannot be an empty string.")
        return None
    return value


def get_name_argument(v: AttributeVisitor) -> str | None:
    """The ``name:`` argument (a client name); an empty string is an error."""
    arg = v.visit_optional_arg("name")
    value = None if arg is None else _coerce.string(arg, v.diagnostics)
    if value == "":
        v.push_attribute_validation_error("The `name` argument cannot be an empty string.")
        return None
    return value


def visit_sort_argument(v: AttributeVisitor) -> SortOrder | None:
    """``sort: Asc | Desc`` on a field-level ``@id`` / ``@unique``."""
    arg = v.visit_optional_arg("sort")
    value = None if arg is None else _coerce.constant(arg, v.diagnostics)
    if value is None:
        return None
    if value in ("Asc", "Desc"):
        return SortOrder(value)
    v.push_attribute_validation_error(f"The `sort` argument can only be `Asc` or `Desc` you provided: {value}.")
    return None


def validate_clustering_setting(v: AttributeVisitor) -> bool | None:
    arg = v.visit_optional_arg("clustered")
    return None if arg is None else _coerce.boolean(arg, v.diagnostics)


def validate_client_name(db: ParserDatabase, span: Span, object_name: str, name: str, attribute: str) -> None:
    """Client names end up in the generated API: only ``_a-zA-Z0-9`` are allowed."""
    if all(c == "_" or (c.isascii() and c.isalnum()) for c in name):
        return
    db.diagnostics.error(
        f'Error validating model "{object_name}": The `name` property within the `{attribute}` attribute only '
        "allows for the following characters: `_a-zA-Z0-9`.",
        span,
    )


# --- indexes ---------------------------------------------------------------------------------


def visit_field_unique(db: ParserDatabase, v: AttributeVisitor, sfid: int, attrs: ModelAttributes) -> None:
    """``@unique(map:, length:, sort:, clustered:)`` on a scalar field."""
    mapped_name = visit_map_argument(v)
    length_arg = v.visit_optional_arg("length")
    length = None if length_arg is None else _coerce.integer(length_arg, v.diagnostics)
    sort_order = visit_sort_argument(v)
    clustered = validate_clustering_setting(v)
    attrs.ast_indexes.append(
        (
            v.current_attribute_id,
            IndexAttribute(
                type=IndexType.Unique,
                fields=[FieldWithArgs(IndexFieldPath(sfid), sort_order=sort_order, length=length)],
                source_field=sfid,
                mapped_name=mapped_name,
                clustered=clustered,
            ),
        )
    )


def _common_index_validations(
    db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, index: IndexAttribute
) -> None:
    """Resolve the ``fields`` argument of ``@@index`` / ``@@unique`` / ``@@fulltext``."""
    attr = v.current_attribute
    try:
        fields_arg = v.visit_default_arg("fields")
    except ArgumentError as err:
        v.push_argument_error(err)
        return
    resolved = resolve_field_array_with_args(db, fields_arg, attr.span, model_id, follow_composites=True)
    if resolved is None:
        return
    if not isinstance(resolved, ProblematicFields):
        index.fields = resolved
        return
    prefix = "unique " if index.type is IndexType.Unique else ""
    if resolved.unknown:
        _model_error(
            db,
            model_id,
            f"The {prefix}index definition refers to the unknown fields: {', '.join(resolved.unknown_names(db))}.",
            attr.span,
        )
    if resolved.relation:
        suggested: list[str] = []
        for field_id in resolved.relation:
            rfid = db.relation_field_id(model_id, field_id)
            if rfid is None:
                continue
            suggested.extend(db.scalar_field_ast(sfid).name.name for sfid in db.relation_fields[rfid].fields or [])
        suggestion = ""
        if suggested:
            attribute_name = "unique" if index.type is IndexType.Unique else "index"
            suggestion = f" Did you mean `@@{attribute_name}([{', '.join(suggested)}])`?"
        names = ", ".join(db.ast_field(model_id, fid).name.name for fid in resolved.relation)
        _model_error(
            db,
            model_id,
            f"The {prefix}index definition refers to the relation fields {names}. Index definitions must reference "
            f"only scalar fields.{suggestion}",
            attr.span,
        )


def visit_model_fulltext(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, attrs: ModelAttributes) -> None:
    """``@@fulltext([fields], map:)``."""
    index = IndexAttribute(type=IndexType.Fulltext)
    _common_index_validations(db, v, model_id, index)
    index.mapped_name = visit_map_argument(v)
    attrs.ast_indexes.append((v.current_attribute_id, index))


def visit_model_index(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, attrs: ModelAttributes) -> None:
    """``@@index([fields], map:, type:, clustered:)``; ``name:`` is a legacy alias of ``map:``."""
    index = IndexAttribute(type=IndexType.Normal)
    _common_index_validations(db, v, model_id, index)
    name = get_name_argument(v)
    mapped_name = visit_map_argument(v)
    if name is not None and mapped_name is not None:
        v.push_attribute_validation_error(
            "The `@@index` attribute accepts the `name` argument as an alias for the `map` argument for legacy "
            "reasons. It does not accept both though. Please use the `map` argument to specify the database name "
            "of the index."
        )
    else:
        index.mapped_name = name if name is not None else mapped_name

    type_arg = v.visit_optional_arg("type")
    algorithm = None if type_arg is None else _coerce.constant(type_arg, v.diagnostics)
    if algorithm is not None:
        index.algorithm = _ALGORITHMS.get(algorithm)
        if index.algorithm is None:
            v.push_attribute_validation_error(f"Unknown index type: {algorithm}.")
    index.clustered = validate_clustering_setting(v)
    attrs.ast_indexes.append((v.current_attribute_id, index))


def visit_model_unique(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, attrs: ModelAttributes) -> None:
    """``@@unique([fields], name:, map:, clustered:)``."""
    index = IndexAttribute(type=IndexType.Unique)
    _common_index_validations(db, v, model_id, index)
    attr = v.current_attribute
    attribute_id = v.current_attribute_id
    name = get_name_argument(v)
    mapped_name = visit_map_argument(v)
    if name is not None:
        validate_client_name(db, attr.span, db.model(model_id).name.name, name, "@@unique")
    index.name = name
    index.mapped_name = mapped_name
    index.clustered = validate_clustering_setting(v)
    attrs.ast_indexes.append((attribute_id, index))


# --- shard keys ------------------------------------------------------------------------------


def visit_model_shard_key(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, attrs: ModelAttributes) -> None:
    """``@@shardKey([fields])``: plain scalar field names, all required."""
    attr = v.current_attribute
    try:
        fields_arg = v.visit_default_arg("fields")
    except ArgumentError as err:
        v.push_argument_error(err)
        return
    resolved = resolve_field_array_without_args(db, fields_arg, attr.span, model_id)
    if resolved is None:
        return
    if isinstance(resolved, ProblematicFields):
        if resolved.unknown:
            names = format_fields_with_leading_word(resolved.unknown_names(db))
            _model_error(
                db, model_id, f"The multi field shard key declaration refers to the unknown {names}.", fields_arg.span
            )
        if resolved.relation:
            names = format_fields_with_leading_word([db.ast_field(model_id, f).name.name for f in resolved.relation])
            _model_error(
                db,
                model_id,
                f"The shard key definition refers to the relation {names}. Shard key definitions must reference "
                "only scalar fields.",
                attr.span,
            )
        return

    optional = [f.name.name for f in map(db.scalar_field_ast, resolved) if not f.arity.is_required]
    if optional and not attrs.is_ignored:
        _model_error(
            db,
            model_id,
            f"The shard key definition refers to the optional {format_fields_with_leading_word(optional)}. Shard key "
            "definitions must reference only required fields.",
            attr.span,
        )
    if attrs.shard_key is not None:
        _model_error(
            db,
            model_id,
            "Each model must have at most one shard key. You can't have `@shardKey` and `@@shardKey` at the same time.",
            db.model(model_id).span,
        )
    attrs.shard_key = ShardKeyFields(resolved, v.current_attribute_id, None)


def visit_field_shard_key(db: ParserDatabase, v: AttributeVisitor, sfid: int, attrs: ModelAttributes) -> None:
    """``@shardKey`` on a scalar field (no arguments)."""
    sf = db.scalar_fields[sfid]
    if attrs.shard_key is not None:
        _model_error(
            db,
            sf.model_id,
            "At most one field must be marked as the shard key with the `@shardKey` attribute.",
            db.model(sf.model_id).span,
        )
        return
    attrs.shard_key = ShardKeyFields([sfid], v.current_attribute_id, sf.field_id)


def validate_shard_key_field_arities(db: ParserDatabase, model_id: ModelId, attrs: ModelAttributes) -> None:
    """A field-level ``@shardKey`` must be on a required field (unless the model is ignored)."""
    shard_key = attrs.shard_key
    if attrs.is_ignored or not isinstance(shard_key, ShardKeyFields) or shard_key.source_field is None:
        return
    f = db.ast_field(model_id, shard_key.source_field)
    if f.arity.is_required:
        return
    db.diagnostics.error(
        'Error parsing attribute "@shardKey": Fields that are marked as shard keys must be required.',
        f.attributes[shard_key.source_attribute[1]].span,
    )
