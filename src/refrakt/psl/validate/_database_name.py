"""Database names given with ``map:`` must fit the connector's identifier limit.

Port of Prisma's ``validations/database_name.rs``: a shared check used by the key, index,
relation and default-value rules.
"""

from __future__ import annotations

from refrakt.psl import ast, constraint_names
from refrakt.psl.validate._context import ValidationContext

__all__ = ["validate_db_name"]


def validate_db_name(
    ctx: ValidationContext, model_name: str, attribute: ast.Attribute, db_name: str | None, *, double_at: bool
) -> None:
    """Report a ``map:`` name longer than the connector allows, at the attribute.

    ``double_at`` chooses between ``@@unique`` and ``@unique`` in the message.
    """
    if ctx.connector is None:  # the empty connector has no limit
        return
    limit = ctx.connector.max_identifier_length
    if db_name is None or not constraint_names.is_db_name_too_long(db_name, limit):
        return
    message = constraint_names.too_long_message(db_name, attribute.name.name, limit, double_at=double_at)
    ctx.error(f'Error validating model "{model_name}": {message}', attribute.span)
