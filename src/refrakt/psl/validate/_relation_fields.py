"""Rules on each relation field: ambiguity, ignored related models, referential actions, ``map``.

Port of Prisma's ``validations/relation_fields.rs`` (and the relation-field part of the model
loop in ``validations.rs``, the MySQL ``SetDefault`` warning and MongoDB's native type check on
relation fields). Prisma stops the whole validation at the first ambiguous relation field; so do
these rules and the relation rules (:func:`first_ambiguity`).

Also the helpers the other relation rule modules share: the connector and relation mode in effect.
"""

from __future__ import annotations

from collections.abc import Iterator

from refrakt.diagnostics import Span
from refrakt.psl import ast
from refrakt.psl.connectors import (
    EMPTY_CONNECTOR,
    Capability,
    Connector,
    RelationMode,
    mongo_relation_native_type_warning,
    referential_action_error,
)
from refrakt.psl.connectors import ReferentialAction as ConnectorAction
from refrakt.psl.db import ParserDatabase, ReferentialAction
from refrakt.psl.db._types import ModelId
from refrakt.psl.db._walk_relations import RelationFieldWalker, walk_relation_fields
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._database_name import validate_db_name
from refrakt.psl.validate._relation_indexes import validate_missing_relation_indexes

RELATION_ATTRIBUTE = "@relation"


def connector_of(ctx: ValidationContext) -> Connector:
    """The datasource's connector, or the empty connector (no datasource)."""
    connector = ctx.connector
    return connector if isinstance(connector, Connector) else EMPTY_CONNECTOR


def relation_mode_of(ctx: ValidationContext) -> RelationMode:
    return RelationMode.PRISMA if str(ctx.relation_mode) == RelationMode.PRISMA.value else RelationMode.FOREIGN_KEYS


def supports_action(ctx: ValidationContext, action: ReferentialAction) -> bool:
    return connector_of(ctx).supports_referential_action(relation_mode_of(ctx), ConnectorAction(action.value))


def restrict_supported(ctx: ValidationContext) -> bool:
    return supports_action(ctx, ReferentialAction.Restrict)


def has_capability(ctx: ValidationContext, capability: Capability) -> bool:
    return connector_of(ctx).has_capability(capability)


def container_type(model: ast.Model) -> str:
    return "view" if model.is_view else "model"


def models_then_views(db: ParserDatabase) -> Iterator[ModelId]:
    """Prisma's ``walk_models().chain(walk_views())``."""
    models = list(db.iter_models())
    for model_id, model in models:
        if not model.is_view:
            yield model_id
    for model_id, model in models:
        if model.is_view:
            yield model_id


# --- ambiguity ---------------------------------------------------------------------------------


def _relation_names(db: ParserDatabase) -> dict[tuple[ModelId, ModelId, str], list[int]]:
    names: dict[tuple[ModelId, ModelId, str], list[int]] = {}
    for model_id in models_then_views(db):
        for field in walk_relation_fields(db, model_id):
            names.setdefault((field.model_id, field.related_model_id, field.relation_name), []).append(field.id)
    return names


def _field_list(db: ParserDatabase, rfids: list[int]) -> str:
    names = [f"`{RelationFieldWalker(db, rfid).name}`" for rfid in rfids]
    if len(names) < 2:
        return ", ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _ambiguity(field: RelationFieldWalker, names: dict[tuple[ModelId, ModelId, str], list[int]]) -> str | None:
    fields = names.get((field.model_id, field.related_model_id, field.relation_name), [])
    if len(fields) <= 1:
        return None
    model = field.model.name.name
    related = field.related_model.name.name
    listed = _field_list(field.db, fields)
    explicit = field.explicit_relation_name is not None
    is_self_relation = field.model_id == field.related_model_id
    if is_self_relation and not explicit and len(fields) == 2:
        message = (
            f"Ambiguous self relation detected. The fields {listed} in model `{model}` both refer to `{related}`. "
            "If they are part of the same relation add the same relation name for them with `@relation(<name>)`."
        )
    elif is_self_relation and not explicit:
        message = (
            f"Unnamed self relation detected. The fields {listed} in model `{model}` have no relation name. "
            "Please provide a relation name for one of them by adding `@relation(<name>)."
        )
    elif is_self_relation and len(fields) > 2:
        message = (
            f"Wrongly named self relation detected. The fields {listed} in model `{model}` have the same relation "
            "name. At most two relation fields can belong to the same relation and therefore have the same name. "
            "Please assign a different relation name to one of them."
        )
    elif is_self_relation:
        return None
    elif not explicit:
        message = (
            f"Ambiguous relation detected. The fields {listed} in model `{model}` both refer to `{related}`. "
            "Please provide different relation names for them by adding `@relation(<name>)."
        )
    else:
        message = (
            f"Wrongly named relation detected. The fields {listed} in model `{model}` both use the same relation "
            "name. Please provide different relation names for them through `@relation(<name>)."
        )
    return f'Error validating {container_type(field.model)} "{model}": {message}'


def ambiguity_of(ctx: ValidationContext) -> tuple[RelationFieldWalker, str] | None:
    """:func:`first_ambiguity` of the context's database, found once per validation run."""
    return ctx.memo("first_ambiguity", lambda: first_ambiguity(ctx.db))


def first_ambiguity(db: ParserDatabase) -> tuple[RelationFieldWalker, str] | None:
    """The first ambiguous relation field in Prisma's validation order, and its error."""
    names = _relation_names(db)
    for model_id in models_then_views(db):
        for field in walk_relation_fields(db, model_id):
            message = _ambiguity(field, names)
            if message is not None:
                return field, message
    return None


# --- the rule ----------------------------------------------------------------------------------


def validate(ctx: ValidationContext) -> None:
    """Every relation field, model by model (then views); stops at the first ambiguity."""
    db = ctx.db
    names = _relation_names(db)
    for model_id in models_then_views(db):
        for field in walk_relation_fields(db, model_id):
            message = _ambiguity(field, names)
            if message is not None:
                ctx.error(message, field.span)
                return
            ignored_related_model(ctx, field)
            referential_actions(ctx, field)
            relation_map(ctx, field)
            validate_missing_relation_indexes(ctx, field)
            connector_specific(ctx, field)


def ignored_related_model(ctx: ValidationContext, field: RelationFieldWalker) -> None:
    attrs = ctx.db.model_attributes
    related = attrs.get(field.related_model_id)
    own = attrs.get(field.model_id)
    if related is None or not related.is_ignored or field.is_ignored or (own is not None and own.is_ignored):
        return
    ctx.error(
        f'Error parsing attribute "@ignore": The relation field `{field.name}` on Model `{field.model.name.name}` '
        f"must specify the `@ignore` attribute, because the model {field.related_model.name.name} it is pointing "
        "to is marked ignored.",
        field.span,
    )


def referential_actions(ctx: ValidationContext, field: RelationFieldWalker) -> None:
    """Does the connector support the explicit ``onDelete``/``onUpdate`` in this relation mode?"""
    connector = connector_of(ctx)
    mode = relation_mode_of(ctx)
    for argument, action in (("onDelete", field.explicit_on_delete), ("onUpdate", field.explicit_on_update)):
        if action is None:
            continue
        error = referential_action_error(connector, mode, ConnectorAction(action.value))
        if error is not None:
            ctx.error(error, field.span_for_argument(argument) or field.span)


def relation_map(ctx: ValidationContext, field: RelationFieldWalker) -> None:
    """``@relation(map: ...)``: named foreign keys must be supported, and the name not too long."""
    mapped = field.mapped_name
    if mapped is None:
        return
    if not connector_of(ctx).has_capability(Capability.NAMED_FOREIGN_KEYS):
        ctx.error(
            'Error parsing attribute "@relation": Your provider does not support named foreign keys.',
            field.span_for_attribute() or Span.empty(),
        )
        return
    attr = next((a for a in field.ast_field.attributes if a.name.name == "relation"), None)
    if attr is not None:
        validate_db_name(ctx, field.model.name.name, attr, mapped, double_at=False)


def connector_specific(ctx: ValidationContext, field: RelationFieldWalker) -> None:
    """MongoDB: referencing and referenced fields should share a native type.

    (MySQL's ``SetDefault`` warning, Prisma's other connector rule on relation fields, is placed
    by the model rules in ``_models.py``.)
    """
    if connector_of(ctx).is_mongo:
        _mongo_same_native_type(ctx, field)


def _mongo_same_native_type(ctx: ValidationContext, field: RelationFieldWalker) -> None:
    fields, references = field.fields, field.references
    if fields is None or references is None:
        return
    db = ctx.db
    for a, b in zip(fields, references, strict=False):
        a_field, b_field = db.scalar_fields[a], db.scalar_fields[b]
        a_nt, b_nt = a_field.native_type, b_field.native_type
        warning = mongo_relation_native_type_warning(
            relation_model=field.model.name.name,
            relation_field=field.name,
            a=(db.model(a_field.model_id).name.name, db.scalar_field_ast(a).name.name),
            a_native_type=None if a_nt is None else (a_nt.scope, a_nt.name),
            b=(db.model(b_field.model_id).name.name, db.scalar_field_ast(b).name.name),
            b_native_type=None if b_nt is None else (b_nt.scope, b_nt.name),
        )
        if warning is not None:
            ctx.warning(warning, db.scalar_field_ast(a).span)
