"""Default constraint names, per connector: :mod:`refrakt.psl.constraint_names` applied with the
connector's identifier limit (a :class:`Connector` has ``max_identifier_length``)."""

from __future__ import annotations

from refrakt.psl.connectors import _messages as msg
from refrakt.psl.connectors._connector import Connector
from refrakt.psl.constraint_names import (
    default_constraint_name,
    foreign_key_constraint_name,
    is_db_name_too_long,
    non_unique_index_name,
    primary_key_name,
    too_long_message,
    unique_index_name,
)

__all__ = [
    "db_name_too_long_error",
    "default_constraint_name",
    "foreign_key_constraint_name",
    "non_unique_index_name",
    "primary_key_name",
    "unique_index_name",
]


def db_name_too_long_error(
    name: str | None, *, model_name: str, attribute: str, connector: Connector, double_at: bool
) -> str | None:
    """The model error for a ``map:`` name longer than the connector allows, or ``None``.

    ``attribute`` is the bare attribute name (``"unique"``, ``"id"``, ``"relation"``...).
    """
    if name is None or not is_db_name_too_long(name, connector):
        return None
    return msg.model_validation_error(
        too_long_message(name, attribute, connector, double_at=double_at), "model", model_name
    )
