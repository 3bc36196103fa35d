"""Primary keys, unique criteria and shard keys of models (the key parts of Prisma's ``models.rs``
and ``fields.rs``).

The connectors' own key rules (native types that cannot be part of a primary key) run with
the other ``validate_model`` rules in :mod:`refrakt.psl.validate._models`. Views are left to the
view rules: they have neither primary keys nor unique criteria.

:func:`validate_keys_and_indexes` is the pipeline's entry: as in Prisma's model loop, each model
gets its key rules and then its index rules (:mod:`refrakt.psl.validate._indexes`) before the next
model does, models first and views last, and no model past the first ambiguous relation field.
"""

from __future__ import annotations

from typing import Any

from refrakt.psl.connectors import Capability
from refrakt.psl.db._attr_index import ShardKeyFields
from refrakt.psl.db._types import ModelId
from refrakt.psl.db._walk_keys import (
    PrimaryKeyWalker,
    ast_attribute,
    model_indexes,
    model_primary_key,
    span_for_argument,
    unique_criterias,
)
from refrakt.psl.validate import _indexes
from refrakt.psl.validate._constraint_namespace import ConstraintType, connector_of, constraint_names_of
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._database_name import validate_db_name
from refrakt.psl.validate._indexes import validate_length_used_with_correct_types
from refrakt.psl.validate._names import Names, build_names
from refrakt.psl.validate._relation_fields import models_then_views

__all__ = ["validate_keys_and_indexes", "validate_model"]

_STRICT_CRITERIA = (
    "Each model must have at least one unique criteria that has only required fields. Either mark a single field "
    "with `@id`, `@unique` or add a multi field criterion with `@@id([])` or `@@unique([])` to the model."
)


def _model_error(ctx: ValidationContext, model_id: ModelId, message: str, span: Any) -> None:
    ctx.error(f'Error validating model "{ctx.db.model(model_id).name.name}": {message}', span)


def _attribute_error(ctx: ValidationContext, attribute_name: str, message: str, span: Any) -> None:
    ctx.error(f'Error parsing attribute "{attribute_name}": {message}', span)


def validate_keys_and_indexes(ctx: ValidationContext) -> None:
    """Prisma's model loop runs, per model, the primary-key rules and then the index rules, model by
    model (then views): the diagnostics of the two families interleave in that order."""
    names = build_names(ctx)
    for model_id in models_then_views(ctx.db):
        validate_model(ctx, model_id, names)
        _indexes.validate_model(ctx, model_id, names)


def validate_model(ctx: ValidationContext, model_id: ModelId, names: Names) -> None:
    """The key rules of one model (views have none); none past the first ambiguous relation."""
    if ctx.db.model(model_id).is_view or not ctx.reaches_model(model_id):
        return
    has_a_strict_unique_criteria(ctx, model_id)
    pk = model_primary_key(ctx.db, model_id)
    if pk is not None:
        _primary_key_rules(ctx, pk, names)
    only_one_fulltext_attribute_allowed(ctx, model_id)
    shard_key_is_supported(ctx, model_id)
    shard_key_has_fields(ctx, model_id)
    if pk is not None:
        for attr in pk.scalar_field_attributes():
            validate_length_used_with_correct_types(ctx, attr, pk.attribute_name, pk.ast_attribute.span)
        id_supports_clustering_setting(ctx, pk)
        clustering_can_be_defined_only_once(ctx, pk)


def _primary_key_rules(ctx: ValidationContext, pk: PrimaryKeyWalker, names: Names) -> None:
    has_a_unique_primary_key_name(ctx, pk, names)
    has_a_unique_custom_primary_key_name_per_model(ctx, pk, names)
    id_has_fields(ctx, pk)
    id_client_name_does_not_clash_with_field(ctx, pk)
    primary_key_connector_specific(ctx, pk)
    primary_key_length_prefix_supported(ctx, pk)
    primary_key_sort_order_supported(ctx, pk)


def has_a_strict_unique_criteria(ctx: ValidationContext, model_id: ModelId) -> None:
    """A model needs an id, or a unique criteria without optional or ``Unsupported`` fields."""
    attrs = ctx.db.model_attributes.get(model_id)
    if attrs is None or attrs.is_ignored:
        return
    criterias = list(unique_criterias(ctx.db, model_id))
    if any(c.is_strict for c in criterias):
        return
    message = _STRICT_CRITERIA
    if criterias:
        loose = "\n".join(f"- {', '.join(f.name for f in c.fields())}" for c in criterias)
        message = (
            f"{message} The following unique criterias were not considered as they contain fields that are not "
            f"required:\n{loose}"
        )
    _model_error(ctx, model_id, message, ctx.db.model(model_id).span)


def has_a_unique_primary_key_name(ctx: ValidationContext, pk: PrimaryKeyWalker, names: Names) -> None:
    """The primary key's constraint name fits the connector and is unique in its namespaces."""
    name = constraint_names_of(ctx).primary_keys.get(pk.model_id)
    if name is None:
        return
    model_name = ctx.db.model(pk.model_id).name.name
    attribute = pk.ast_attribute
    validate_db_name(ctx, model_name, attribute, name, double_at=not pk.is_defined_on_field)
    for scope in names.constraint_namespace.constraint_name_scope_violations(
        ctx.db, pk.model_id, ConstraintType.PRIMARY_KEY, name
    ):
        _attribute_error(
            ctx,
            pk.attribute_name,
            f"The given constraint name `{name}` has to be unique in the following namespace: "
            f"{scope.description(model_name)}. Please provide a different name using the `map` argument.",
            span_for_argument(attribute, "map") or attribute.span,
        )


def has_a_unique_custom_primary_key_name_per_model(ctx: ValidationContext, pk: PrimaryKeyWalker, names: Names) -> None:
    """The client ``name:`` of ``@@id`` is not also the name of a ``@@unique`` of the model."""
    if pk.name is None or not names.constraint_namespace.local_custom_name_scope_violations(pk.model_id, pk.name):
        return
    attribute = pk.ast_attribute
    _attribute_error(
        ctx,
        pk.attribute_name,
        f"The given custom name `{pk.name}` has to be unique on the model. Please provide a different name for the "
        "`name` argument.",
        span_for_argument(attribute, "name") or attribute.span,
    )


def id_has_fields(ctx: ValidationContext, pk: PrimaryKeyWalker) -> None:
    if pk.fields():
        return
    _attribute_error(
        ctx,
        pk.attribute_name,
        "The list of fields in an `@@id()` attribute cannot be empty. Please specify at least one field.",
        pk.ast_attribute.span,
    )


def id_client_name_does_not_clash_with_field(ctx: ValidationContext, pk: PrimaryKeyWalker) -> None:
    """The generated client name of a compound id (``a_b``) must not be a field name."""
    fields = pk.fields()
    if len(fields) <= 1:
        return
    client_name = "_".join(ctx.db.scalar_field_ast(sfid).name.name for sfid in fields)
    if not any(
        ctx.db.scalar_field_ast(sfid).name.name == client_name for sfid in ctx.db.model_scalar_field_ids(pk.model_id)
    ):
        return
    _model_error(
        ctx,
        pk.model_id,
        f"The field `{client_name}` clashes with the `@@id` attribute's name. Please resolve the conflict by "
        'providing a custom id name: `@@id([...], name: "custom_name")`',
        pk.ast_attribute.span,
    )


def primary_key_connector_specific(ctx: ValidationContext, pk: PrimaryKeyWalker) -> None:
    """Named and compound primary keys need connector support."""
    connector = connector_of(ctx)
    if pk.mapped_name is not None and not connector.has_capability(Capability.NAMED_PRIMARY_KEYS):
        _model_error(
            ctx,
            pk.model_id,
            "You defined a database name for the primary key on the model. This is not supported by the provider.",
            ctx.db.model(pk.model_id).span,
        )
    if len(pk.fields()) > 1 and not connector.has_capability(Capability.COMPOUND_IDS):
        _model_error(ctx, pk.model_id, "The current connector does not support compound ids.", pk.ast_attribute.span)


def primary_key_length_prefix_supported(ctx: ValidationContext, pk: PrimaryKeyWalker) -> None:
    if connector_of(ctx).has_capability(Capability.INDEX_COLUMN_LENGTH_PREFIXING):
        return
    if any(f.length is not None for f in pk.scalar_field_attributes()):
        _attribute_error(
            ctx,
            pk.attribute_name,
            "The length argument is not supported in the primary key with the current connector",
            pk.ast_attribute.span,
        )


def primary_key_sort_order_supported(ctx: ValidationContext, pk: PrimaryKeyWalker) -> None:
    if connector_of(ctx).has_capability(Capability.PRIMARY_KEY_SORT_ORDER_DEFINITION):
        return
    if any(f.sort_order is not None for f in pk.scalar_field_attributes()):
        _attribute_error(
            ctx,
            pk.attribute_name,
            "The sort argument is not supported in the primary key with the current connector",
            pk.ast_attribute.span,
        )


def only_one_fulltext_attribute_allowed(ctx: ValidationContext, model_id: ModelId) -> None:
    connector = connector_of(ctx)
    if not connector.has_capability(Capability.FULL_TEXT_INDEX) or connector.has_capability(
        Capability.MULTIPLE_FULL_TEXT_ATTRIBUTES_PER_MODEL
    ):
        return
    fulltexts = [i for i in model_indexes(ctx.db, model_id) if i.is_fulltext]
    if len(fulltexts) <= 1:
        return
    for index in fulltexts:
        _attribute_error(
            ctx,
            "@@fulltext",
            "The current connector only allows one fulltext attribute per model",
            index.ast_attribute.span,
        )


def id_supports_clustering_setting(ctx: ValidationContext, pk: PrimaryKeyWalker) -> None:
    if connector_of(ctx).has_capability(Capability.CLUSTERING_SETTING) or pk.clustered is None:
        return
    _attribute_error(
        ctx, pk.attribute_name, "Defining clustering is not supported in the current connector.", pk.ast_attribute.span
    )


def clustering_can_be_defined_only_once(ctx: ValidationContext, pk: PrimaryKeyWalker) -> None:
    """A clustered (or, by default, clustered) primary key leaves no room for a clustered index."""
    if not connector_of(ctx).has_capability(Capability.CLUSTERING_SETTING) or pk.clustered is False:
        return
    if any(index.clustered is True for index in model_indexes(ctx.db, pk.model_id)):
        _attribute_error(
            ctx, pk.attribute_name, "A model can only hold one clustered index or id.", pk.ast_attribute.span
        )


def shard_key_is_supported(ctx: ValidationContext, model_id: ModelId) -> None:
    """Shard keys need the ``shardKeys`` preview feature and a connector that supports them."""
    attrs = ctx.db.model_attributes.get(model_id)
    shard_key = None if attrs is None else attrs.shard_key
    if not isinstance(shard_key, ShardKeyFields):
        return
    attribute = ast_attribute(ctx.db, shard_key.source_attribute)
    attribute_name = "@shardKey" if shard_key.source_field is not None else "@@shardKey"
    if not ctx.has_preview_feature("shardKeys"):
        _attribute_error(
            ctx, attribute_name, "Defining shard keys requires enabling the `shardKeys` preview feature", attribute.span
        )
    connector = connector_of(ctx)
    if not connector.supports_shard_keys:
        _attribute_error(
            ctx,
            attribute_name,
            f"Shard keys are not currently supported for provider {connector.provider_name}",
            attribute.span,
        )


def shard_key_has_fields(ctx: ValidationContext, model_id: ModelId) -> None:
    attrs = ctx.db.model_attributes.get(model_id)
    shard_key = None if attrs is None else attrs.shard_key
    if not isinstance(shard_key, ShardKeyFields) or shard_key:
        return
    attribute_name = "@shardKey" if shard_key.source_field is not None else "@@shardKey"
    _attribute_error(
        ctx,
        attribute_name,
        f"The list of fields in a `{attribute_name}()` attribute cannot be empty. Please specify at least one field.",
        ast_attribute(ctx.db, shard_key.source_attribute).span,
    )
