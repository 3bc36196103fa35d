"""The validation pipeline: connector-aware rules over a resolved :class:`ParserDatabase`.

Each rule family lives in its own module with a ``validate(ctx)`` entry point; the pipeline
runs only on a schema whose parsing and resolution produced no errors, as Prisma's does.
"""

from __future__ import annotations

from collections.abc import Callable

from refrakt.psl.validate import (
    _autoincrement,
    _composite_types,
    _datasource,
    _default_value,
    _enums,
    _fields,
    _model_keys,
    _models,
    _multi_schema,
    _native_types,
    _relation_fields,
    _relations,
    _views,
)
from refrakt.psl.validate._context import ValidationContext

__all__ = ["RULES", "ValidationContext", "run_validations"]

Rule = Callable[[ValidationContext], None]

# Rule families, in Prisma's order. Modules register here as they are ported.
RULES: list[Rule] = [
    _datasource.validate,
    _composite_types.validate,
    _models.validate,
    _views.validate,
    _multi_schema.validate,
    _enums.validate,
    _default_value.validate,
    _native_types.validate,
    _fields.validate,
    _autoincrement.validate,
    _relation_fields.validate,
    _model_keys.validate_keys_and_indexes,  # keys then indexes, model by model
    # after Prisma's model loop
    _relations.validate,
]


def run_validations(ctx: ValidationContext) -> None:
    if ctx.diagnostics.has_errors:
        return
    ctx.model_order = {model_id: i for i, model_id in enumerate(_relation_fields.models_then_views(ctx.db))}
    ambiguity = _relation_fields.ambiguity_of(ctx)
    if ambiguity is not None:
        field = ambiguity[0]
        ctx.stop_at = (ctx.model_order[field.data.model_id], field.data.field_id)
    for rule in RULES:
        rule(ctx)
