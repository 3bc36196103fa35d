"""``@@schema`` on models, views and enums (multi-schema, generally available since Prisma 6.13).

Port of the ``schema_*`` rules of Prisma's ``validations/models.rs`` and ``validations/enums.rs``:
the schema must be listed in the datasource's ``schemas``; the attribute needs a connector with
the ``MultiSchema`` capability; once the datasource lists ``schemas``, every model, view and
enum must say which one it lives in. With multi-schema out of preview, the ``multiSchema``
preview-feature checks of older Prisma versions are gone.
"""

from __future__ import annotations

from typing import Any

from refrakt.diagnostics import Span
from refrakt.psl.connectors import Capability
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._models import connector_of

__all__ = ["validate"]

NOT_IN_DATASOURCE = (
    "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema"
)
NOT_SUPPORTED = "@@schema is not supported on the current datasource provider"


def _schemas_span(datasource: Any) -> Span | None:
    span = getattr(datasource, "schemas_span", None)
    return span if isinstance(span, Span) else None


def _has_schema(datasource: Any, name: str) -> bool:
    has_schema = getattr(datasource, "has_schema", None)
    return bool(has_schema(name)) if callable(has_schema) else False


def _check(ctx: ValidationContext, schema: tuple[str, Span] | None, missing: tuple[str, Span]) -> None:
    """The three rules for one block: ``schema`` is its ``@@schema`` (name, span of the value).

    ``missing`` is the message and span reported when the block needs an ``@@schema`` it lacks.
    """
    multi_schema = connector_of(ctx).has_capability(Capability.MULTI_SCHEMA)
    ds = ctx.datasource
    if ds is not None and not multi_schema and _schemas_span(ds) is not None:
        # `schemas` on a connector without multi-schema is a configuration error: Prisma stops
        # before validating the datamodel, so nothing is said about `@@schema` here.
        return
    if schema is not None:
        name, span = schema
        if not multi_schema:
            ctx.error(NOT_SUPPORTED, span)
        elif ds is not None and not _has_schema(ds, name):
            ctx.error(NOT_IN_DATASOURCE, span)
        return
    if multi_schema and ds is not None and _schemas_span(ds) is not None:
        ctx.error(*missing)


def validate(ctx: ValidationContext) -> None:
    db = ctx.db
    for model_id, model in db.iter_models():
        if not ctx.reaches_model(model_id):
            continue
        attrs = db.model_attributes.get(model_id)
        kind = "view" if model.is_view else "model"
        message = f'Error validating {kind} "{model.name.name}": This {kind} is missing an `@@schema` attribute.'
        _check(ctx, None if attrs is None else attrs.schema, (message, model.span))
    if not ctx.reaches_end_of_model_loop:
        return
    for enum_id, enm in db.iter_enums():
        attrs = db.enum_attributes.get(enum_id)
        _check(
            ctx, None if attrs is None else attrs.schema, ("This enum is missing an `@@schema` attribute.", enm.span)
        )
