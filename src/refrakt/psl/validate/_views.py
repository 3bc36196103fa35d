"""View rules: the ``views`` preview feature, and what views cannot have (keys, indexes).

Port of Prisma's ``validations/views.rs``. A view is not backed by a table, so it has no primary
key and no indexes; its ``@unique``/``@@unique`` only tell the client which fields identify a
row, so they take no database name, no clustering and no per-field arguments. The connector's
``validate_view`` is run with the other connector rules (:mod:`._models`).
"""

from __future__ import annotations

from refrakt.psl import ast
from refrakt.psl.db._types import ModelId
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._models import IndexView, attribute_ast, indexes_of

__all__ = ["validate"]

VIEWS_PREVIEW_FEATURE = "views"


def view_definition_without_preview_flag(ctx: ValidationContext, model: ast.Model) -> None:
    if VIEWS_PREVIEW_FEATURE in ctx.preview_features:
        return
    ctx.error("Error validating: View definitions are only available with the `views` preview feature.", model.span)


def primary_key(ctx: ValidationContext, model_id: ModelId) -> None:
    attrs = ctx.db.model_attributes.get(model_id)
    if attrs is None or attrs.primary_key is None:
        return
    span = attribute_ast(ctx.db, attrs.primary_key.source_attribute).span
    ctx.error("Error validating: Views cannot have primary keys.", span)


def index(ctx: ValidationContext, idx: IndexView) -> None:
    span = idx.attribute.span
    if not idx.is_unique:
        ctx.error("Error validating: Views cannot have indexes.", span)
    if idx.data.mapped_name is not None:
        ctx.error(
            "Error validating: @@unique annotations on views are not backed by unique indexes in the database "
            "and cannot specify a mapped database name.",
            span,
        )
    if idx.data.clustered is not None:
        ctx.error(
            "Error validating: @@unique annotations on views are not backed by unique indexes in the database "
            "and cannot be clustered.",
            span,
        )


def index_field_attributes(ctx: ValidationContext, idx: IndexView) -> None:
    """One error per indexed field that has a ``length``, ``ops`` or ``sort`` argument."""
    for entry in idx.data.fields:
        if entry.length is not None or entry.operator_class is not None or entry.sort_order is not None:
            ctx.error(
                f'Error parsing attribute "{idx.attribute_name}": Scalar fields in @@unique attributes in views '
                "cannot have arguments.",
                idx.attribute.span,
            )


def validate(ctx: ValidationContext) -> None:
    for model_id, model in ctx.db.iter_models():
        if not model.is_view or not ctx.reaches_model(model_id):
            continue
        view_definition_without_preview_flag(ctx, model)
        primary_key(ctx, model_id)
        if not ctx.reaches_model(model_id, index_rules=True):
            continue
        for idx in indexes_of(ctx.db, model_id):
            index(ctx, idx)
            index_field_attributes(ctx, idx)
