"""Rules on ``@unique``, ``@@unique``, ``@@index`` and ``@@fulltext`` (Prisma's ``indexes.rs``
and the index part of ``fields.rs``).

The connectors' own index rules (native types that cannot be indexed, index algorithms and
operator classes, MongoDB's duplicate indexes) run with the other ``validate_model`` rules in
:mod:`refrakt.psl.validate._models`. Views are left to the view rules (they have no indexes,
only client-side ``@@unique``).
"""

from __future__ import annotations

from typing import Any

from refrakt.psl.connectors import Capability, IndexAlgorithm
from refrakt.psl.db._types import IndexAlgorithm as DbIndexAlgorithm
from refrakt.psl.db._types import IndexType as DbIndexType
from refrakt.psl.db._types import ModelId
from refrakt.psl.db._walk_keys import (
    FieldAttributeWalker,
    IndexWalker,
    model_indexes,
    model_primary_key,
    span_for_argument,
)
from refrakt.psl.validate._constraint_namespace import ConstraintType, connector_of, constraint_names_of
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._database_name import validate_db_name
from refrakt.psl.validate._names import Names

__all__ = ["validate_length_used_with_correct_types", "validate_model"]


def _attribute_error(ctx: ValidationContext, index: IndexWalker, message: str, span: Any = None) -> None:
    span = index.ast_attribute.span if span is None else span
    ctx.error(f'Error parsing attribute "{index.attribute_name}": {message}', span)


def validate_model(ctx: ValidationContext, model_id: ModelId, names: Names) -> None:
    """The index rules of one model or view (run after its key rules, model by model: see
    :func:`refrakt.psl.validate._model_keys.validate_keys_and_indexes`)."""
    if not ctx.reaches_model(model_id, index_rules=True):
        return
    if ctx.db.model(model_id).is_view:
        # A view's @@unique still gives the client a compound name (the other view rules are elsewhere).
        for index in model_indexes(ctx.db, model_id):
            unique_client_name_does_not_clash_with_field(ctx, index)
        return
    # Prisma's order. A rule is only called when the index has what it checks (each rule would
    # return at once otherwise): most indexes have no name, algorithm, length, clustering...
    for index in model_indexes(ctx.db, model_id):
        data = index.attribute
        compound_unique = data.type is DbIndexType.Unique and len(data.fields) > 1
        has_length = any(f.length is not None for f in data.fields)
        has_fields(ctx, index)
        has_a_unique_constraint_name(ctx, index, names)
        if compound_unique:
            unique_client_name_does_not_clash_with_field(ctx, index)
        if data.name is not None:
            unique_index_has_a_unique_custom_name_per_model(ctx, index, names)
        if has_length:
            field_length_prefix_supported(ctx, index)
        if data.algorithm is not None:
            index_algorithm_is_supported(ctx, index)
            hash_index_must_not_use_sort_param(ctx, index)
        if data.type is DbIndexType.Fulltext:
            fulltext_index_supported(ctx, index)
            fulltext_columns_should_not_define_length(ctx, index)
            fulltext_column_sort_is_supported(ctx, index)
            fulltext_text_columns_should_be_bundled_together(ctx, index)
        if data.mapped_name is not None:
            has_valid_mapped_name(ctx, index)
        if data.clustered is not None:
            supports_clustering_setting(ctx, index)
            clustering_can_be_defined_only_once(ctx, index)
        if data.type is not DbIndexType.Normal:
            opclasses_are_not_allowed_with_other_than_normal_indices(ctx, index)
        if compound_unique:
            composite_type_in_compound_unique_index(ctx, index)
        if has_length:
            for attr in index.scalar_field_attributes():
                validate_length_used_with_correct_types(ctx, attr, index.attribute_name, index.ast_attribute.span)


def has_fields(ctx: ValidationContext, index: IndexWalker) -> None:
    if not index.attribute.fields:
        _attribute_error(
            ctx, index, "The list of fields in an index cannot be empty. Please specify at least one field."
        )


def has_a_unique_constraint_name(ctx: ValidationContext, index: IndexWalker, names: Names) -> None:
    """The index's constraint name (given or generated) is unique in the connector's namespaces."""
    name = constraint_names_of(ctx).indexes[index.attribute_id]
    model_name = ctx.db.model(index.model_id).name.name
    attribute = index.ast_attribute
    for scope in names.constraint_namespace.constraint_name_scope_violations(
        ctx.db, index.model_id, ConstraintType.KEY_OR_INDEX, name
    ):
        span = span_for_argument(attribute, "map") or span_for_argument(attribute, "name") or attribute.span
        _attribute_error(
            ctx,
            index,
            f"The given constraint name `{name}` has to be unique in the following namespace: "
            f"{scope.description(model_name)}. Please provide a different name using the `map` argument.",
            span,
        )


def unique_index_has_a_unique_custom_name_per_model(ctx: ValidationContext, index: IndexWalker, names: Names) -> None:
    """The client ``name:`` of a ``@@unique`` is not used by another key of the model."""
    name = index.name
    if name is None or not names.constraint_namespace.local_custom_name_scope_violations(index.model_id, name):
        return
    _attribute_error(
        ctx,
        index,
        f"The given custom name `{name}` has to be unique on the model. Please provide a different name for the "
        "`name` argument.",
        span_for_argument(index.ast_attribute, "name"),
    )


def unique_client_name_does_not_clash_with_field(ctx: ValidationContext, index: IndexWalker) -> None:
    """The generated client name of a compound unique (``a_b``) must not be a field name."""
    if not index.is_unique or len(index.fields()) <= 1:
        return
    client_name = "_".join(index.all_field_names())
    db = ctx.db
    field_names = (db.scalar_field_ast(sfid).name.name for sfid in db.model_scalar_field_ids(index.model_id))
    if client_name not in field_names:
        return
    model = db.model(index.model_id)
    kind = "view" if model.is_view else "model"
    attr = index.attribute_name
    ctx.error(
        f'Error validating {kind} "{model.name.name}": The field `{client_name}` clashes with the `{attr}` name. '
        f'Please resolve the conflict by providing a custom id name: `{attr}([...], name: "custom_name")`',
        index.ast_attribute.span,
    )


def field_length_prefix_supported(ctx: ValidationContext, index: IndexWalker) -> None:
    if connector_of(ctx).has_capability(Capability.INDEX_COLUMN_LENGTH_PREFIXING):
        return
    if any(f.length is not None for f in index.scalar_field_attributes()):
        _attribute_error(
            ctx, index, "The length argument is not supported in an index definition with the current connector"
        )


def _connector_algorithm(algorithm: DbIndexAlgorithm) -> IndexAlgorithm:
    return IndexAlgorithm(algorithm.value)


def index_algorithm_is_supported(ctx: ValidationContext, index: IndexWalker) -> None:
    algorithm = index.algorithm
    if algorithm is None or connector_of(ctx).supports_index_algorithm(_connector_algorithm(algorithm)):
        return
    _attribute_error(
        ctx,
        index,
        "The given index type is not supported with the current connector",
        span_for_argument(index.ast_attribute, "type"),
    )


def hash_index_must_not_use_sort_param(ctx: ValidationContext, index: IndexWalker) -> None:
    """Hash indexes have no order."""
    if not connector_of(ctx).supports_index_algorithm(IndexAlgorithm.HASH):
        return
    if index.algorithm is not DbIndexAlgorithm.Hash:
        return
    if any(f.sort_order is not None for f in index.scalar_field_attributes()):
        _attribute_error(ctx, index, "Hash type does not support sort option.")


def _supports_fulltext(ctx: ValidationContext) -> bool:
    return bool(connector_of(ctx).has_capability(Capability.FULL_TEXT_INDEX))


def fulltext_index_supported(ctx: ValidationContext, index: IndexWalker) -> None:
    if index.is_fulltext and not _supports_fulltext(ctx):
        _attribute_error(ctx, index, "Defining fulltext indexes is not supported with the current connector.")


def fulltext_columns_should_not_define_length(ctx: ValidationContext, index: IndexWalker) -> None:
    if not index.is_fulltext or not _supports_fulltext(ctx):
        return
    if any(f.length is not None for f in index.scalar_field_attributes()):
        _attribute_error(ctx, index, "The length argument is not supported in a @@fulltext attribute.")


def fulltext_column_sort_is_supported(ctx: ValidationContext, index: IndexWalker) -> None:
    """Only MongoDB accepts a sort order in a fulltext index."""
    if not index.is_fulltext or not _supports_fulltext(ctx):
        return
    if connector_of(ctx).has_capability(Capability.SORT_ORDER_IN_FULL_TEXT_INDEX):
        return
    if any(f.sort_order is not None for f in index.scalar_field_attributes()):
        _attribute_error(
            ctx, index, "The sort argument is not supported in a @@fulltext attribute in the current connector."
        )


def fulltext_text_columns_should_be_bundled_together(ctx: ValidationContext, index: IndexWalker) -> None:
    """MongoDB: the text fields (no ``sort``) of a fulltext index form one adjacent run."""
    if not index.is_fulltext or not _supports_fulltext(ctx):
        return
    if not connector_of(ctx).has_capability(Capability.SORT_ORDER_IN_FULL_TEXT_INDEX):
        return
    state = "init"  # -> "sort_head" -> "text" -> "sort_tail"
    for f in index.scalar_field_attributes():
        sorted_ = f.sort_order is not None
        if state in ("init", "sort_head") and sorted_:
            state = "sort_head"
        elif state in ("text", "sort_tail") and sorted_:
            state = "sort_tail"
        elif state != "sort_tail":
            state = "text"
        else:
            _attribute_error(ctx, index, "All index fields must be listed adjacently in the fields argument.")
            return


def has_valid_mapped_name(ctx: ValidationContext, index: IndexWalker) -> None:
    model_name = ctx.db.model(index.model_id).name.name
    validate_db_name(ctx, model_name, index.ast_attribute, index.mapped_name, double_at=not index.is_defined_on_field)


def supports_clustering_setting(ctx: ValidationContext, index: IndexWalker) -> None:
    if connector_of(ctx).has_capability(Capability.CLUSTERING_SETTING) or index.clustered is None:
        return
    _attribute_error(ctx, index, "Defining clustering is not supported in the current connector.")


def clustering_can_be_defined_only_once(ctx: ValidationContext, index: IndexWalker) -> None:
    """One clustered index per table; the primary key is clustered unless told otherwise."""
    if not connector_of(ctx).has_capability(Capability.CLUSTERING_SETTING) or index.clustered is not True:
        return
    pk = model_primary_key(ctx.db, index.model_id)
    if pk is not None and pk.clustered is not False:
        _attribute_error(ctx, index, "A model can only hold one clustered index or key.")
    for other in model_indexes(ctx.db, index.model_id):
        if other.attribute_id != index.attribute_id and other.clustered is True:
            _attribute_error(ctx, index, "A model can only hold one clustered index.")
            return


def opclasses_are_not_allowed_with_other_than_normal_indices(ctx: ValidationContext, index: IndexWalker) -> None:
    if index.is_normal:
        return
    if any(f.operator_class is not None for f in index.scalar_field_attributes()):
        _attribute_error(ctx, index, "Operator classes can only be defined to fields in an @@index attribute.")


def composite_type_in_compound_unique_index(ctx: ValidationContext, index: IndexWalker) -> None:
    if not index.is_unique:
        return
    fields = index.fields()
    composite = next((f for f in fields if f.scalar_field_type.is_composite), None)
    if len(fields) > 1 and composite is not None:
        _attribute_error(
            ctx,
            index,
            "Prisma does not currently support composite types in compound unique indices, please remove "
            f'"{composite.name}" from the index. See https://pris.ly/d/mongodb-composite-compound-indices for more '
            "details",
        )


def validate_length_used_with_correct_types(
    ctx: ValidationContext, attr: FieldAttributeWalker, attribute_name: str, span: Any
) -> None:
    """``length:`` prefixes only make sense on ``String`` and ``Bytes`` fields (``fields.rs``; the primary
    key rules use it too)."""
    if attr.length is None or not connector_of(ctx).has_capability(Capability.INDEX_COLUMN_LENGTH_PREFIXING):
        return
    st = attr.as_index_field.scalar_field_type
    if st.is_unsupported:
        return
    if st.kind == "builtin" and st.scalar is not None and st.scalar.value in ("String", "Bytes"):
        return
    ctx.error(
        f'Error parsing attribute "{attribute_name}": The length argument is only allowed with field types `String` '
        "or `Bytes`.",
        span,
    )
