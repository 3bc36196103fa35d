"""Enum rules: connector support and database name clashes.

Port of Prisma's ``validations/enums.rs`` (``connector_supports_enums``,
``database_name_clashes``). The ``@@schema`` rules for enums are in :mod:`._multi_schema`; the
connector's own ``validate_enum`` has nothing left to check in the Prisma version we follow.
"""

from __future__ import annotations

from refrakt.psl.connectors import Capability
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._models import connector_of

__all__ = ["validate"]


def database_name_clashes(ctx: ValidationContext) -> None:
    """Two enums with the same database name (``@@map``) in the same schema: error on the later one."""
    db = ctx.db
    seen: set[tuple[str | None, str]] = set()
    for enum_id, enm in db.iter_enums():
        attrs = db.enum_attributes.get(enum_id)
        schema = None if attrs is None or attrs.schema is None else attrs.schema[0]
        key = (schema, db.enum_database_name(enum_id))
        if key in seen:
            ctx.error("An enum with the same database name is already defined.", enm.span)
        seen.add(key)


def connector_supports_enums(ctx: ValidationContext) -> None:
    if connector_of(ctx).has_capability(Capability.ENUMS):
        return
    for _, enm in ctx.db.iter_enums():
        ctx.error(
            f"Error validating: You defined the enum `{enm.name.name}`. But the current connector does not "
            "support enums.",
            enm.span,
        )


def validate(ctx: ValidationContext) -> None:
    if not ctx.reaches_end_of_model_loop:  # Prisma's enum rules come after the model loop
        return
    if connector_of(ctx).has_capability(Capability.ENUMS):
        database_name_clashes(ctx)
    connector_supports_enums(ctx)
