"""``@default(autoincrement())`` against what the connector allows (Prisma's ``validations/autoincrement.rs``).

Some databases have no autoincrement at all (MongoDB), allow one per table (MySQL, SQLite), only
on the primary key (SQLite), or only on an indexed column (MySQL).
"""

from __future__ import annotations

from refrakt.psl import ast
from refrakt.psl.connectors import Capability
from refrakt.psl.db._types import ModelId
from refrakt.psl.db._walk_keys import field_is_single_pk, model_indexes, model_primary_key
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._default_value import default_expression
from refrakt.psl.validate._native_types import connector_of, has_capability

__all__ = ["validate", "validate_auto_increment"]


def validate(ctx: ValidationContext) -> None:
    for model_id, model in ctx.db.iter_models():
        # a table rule in Prisma's model loop: views are not checked
        if not model.is_view and ctx.reaches_model(model_id):
            validate_auto_increment(ctx, model_id)


def _is_autoincrement(ctx: ValidationContext, sfid: int) -> bool:
    sf = ctx.db.scalar_fields[sfid]
    if sf.default is None:
        return False
    value = default_expression(ctx.db.scalar_field_ast(sfid), sf.default.argument_idx)
    return isinstance(value, ast.Function) and value.name == "autoincrement"


def _default_attribute(field: ast.Field) -> ast.Attribute:
    return next(a for a in field.attributes if a.name.name == "default")


def _is_indexed_for_autoincrement(ctx: ValidationContext, model_id: ModelId, sfid: int) -> bool:
    """Whether MySQL would consider the field indexed: first field of an index or of the primary key."""
    field_id = ctx.db.scalar_fields[sfid].field_id
    for index in model_indexes(ctx.db, model_id):
        fields = index.fields()
        if fields and fields[0].field_id == field_id:
            return True
    pk = model_primary_key(ctx.db, model_id)
    return pk is not None and pk.fields()[:1] == [sfid]


def validate_auto_increment(ctx: ValidationContext, model_id: ModelId) -> None:
    db = ctx.db
    fields = [sfid for sfid in db.model_scalar_field_ids(model_id) if _is_autoincrement(ctx, sfid)]
    if not fields:
        return
    connector = connector_of(ctx)
    prefix = 'Error parsing attribute "@default": '

    if not has_capability(connector, Capability.AUTO_INCREMENT):
        for sfid in fields:
            ctx.error(
                prefix + "The `autoincrement()` default value is used with a datasource that does not support it.",
                _default_attribute(db.scalar_field_ast(sfid)).span,
            )
        return

    if not has_capability(connector, Capability.AUTO_INCREMENT_MULTIPLE_ALLOWED) and len(fields) > 1:
        ctx.error(
            prefix + "The `autoincrement()` default value is used multiple times on this model even though the "
            "underlying datasource only supports one instance per table.",
            db.model(model_id).span,
        )

    for sfid in fields:
        span = db.scalar_field_ast(sfid).span
        if not has_capability(connector, Capability.AUTO_INCREMENT_ALLOWED_ON_NON_ID) and not field_is_single_pk(
            db, sfid
        ):
            ctx.error(
                prefix + "The `autoincrement()` default value is used on a non-id field even though the datasource "
                "does not support this.",
                span,
            )
        if not has_capability(
            connector, Capability.AUTO_INCREMENT_NON_INDEXED_ALLOWED
        ) and not _is_indexed_for_autoincrement(ctx, model_id, sfid):
            ctx.error(
                prefix + "The `autoincrement()` default value is used on a non-indexed field even though the "
                "datasource does not support this.",
                span,
            )
