"""Native type attributes and ``Unsupported(...)`` types checked against the connector.

Ports of ``validate_native_type_arguments`` and ``validate_unsupported_field_type`` from Prisma's
``validations/fields.rs``. The native type tables, argument parsing, compatibility and range
rules (``argument_rules``) are the connector's (:mod:`refrakt.psl.connectors`); this module only
walks the fields that carry a ``@db.X`` attribute or an ``Unsupported("...")`` type and places
the diagnostics.
"""

from __future__ import annotations

from refrakt.psl.connectors import (
    EMPTY_CONNECTOR,
    Capability,
    Connector,
    unsupported_type_suggestion,
    validate_native_type,
)
from refrakt.psl.db import NativeTypeAttr, ScalarFieldType
from refrakt.psl.validate._context import ValidationContext

__all__ = ["connector_of", "datasource_name", "has_capability", "validate", "validate_native_type_arguments"]


def connector_of(ctx: ValidationContext) -> Connector:
    """The datasource's connector, or Prisma's empty connector when there is no datasource."""
    return ctx.connector if ctx.connector is not None else EMPTY_CONNECTOR


def has_capability(connector: Connector, capability: Capability) -> bool:
    return capability in connector.capabilities


def datasource_name(ctx: ValidationContext) -> str | None:
    name = getattr(ctx.datasource, "name", None)
    return name if isinstance(name, str) else None


def validate(ctx: ValidationContext) -> None:
    """``@db.X`` and ``Unsupported(...)`` on model fields (composite type fields: see ``_default_value``)."""
    db = ctx.db
    for model_id, _ in db.iter_models():
        if not ctx.reaches_model(model_id):
            continue
        for sfid in db.model_scalar_field_ids(model_id):
            sf = db.scalar_fields[sfid]
            validate_native_type_arguments(ctx, sf.type, sf.native_type)
            validate_unsupported_field_type(ctx, sfid)


def validate_native_type_arguments(
    ctx: ValidationContext, field_type: ScalarFieldType, native_type: NativeTypeAttr | None
) -> None:
    """Scope, name, argument count, field type compatibility, then the connector's parse and ranges."""
    if native_type is None or field_type.scalar is None:
        return
    validate_native_type(
        connector_of(ctx),
        scope=native_type.scope,
        name=native_type.name,
        args=native_type.args,
        scalar_type=field_type.scalar.value,
        span=native_type.span,
        diagnostics=ctx.diagnostics,
        datasource_name=datasource_name(ctx),
    )


def validate_unsupported_field_type(ctx: ValidationContext, sfid: int) -> None:
    """``Unsupported("Text")`` where the connector knows ``Text``: suggest the native type instead."""
    name = datasource_name(ctx)
    sf = ctx.db.scalar_fields[sfid]
    if name is None or ctx.connector is None or not sf.type.is_unsupported or sf.type.unsupported is None:
        return
    field = ctx.db.scalar_field_ast(sfid)
    message = unsupported_type_suggestion(connector_of(ctx), name, sf.type.unsupported, field.name.name)
    if message is not None:
        ctx.error(message, field.span)
