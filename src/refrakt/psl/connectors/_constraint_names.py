"""Default constraint names (Prisma's ``ConstraintNames``), aligned with PostgreSQL's conventions.

``{table}_pkey``, ``{table}_{columns}_key`` (unique), ``{table}_{columns}_idx`` (index),
``{table}_{columns}_fkey`` (foreign key), ``{table}_{column}_df`` (SQL Server default). Names are
truncated so that they fit the connector's identifier limit, counted in UTF-8 bytes, never
splitting a character. Inputs are database names (after ``@map`` / ``@@map``).
"""

from __future__ import annotations

from collections.abc import Sequence

from refrakt.psl.connectors import _messages as msg
from refrakt.psl.connectors._connector import Connector


def _byte_len(text: str) -> int:
    return len(text.encode("utf-8"))


def _truncate_bytes(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, at a character boundary."""
    encoded = text.encode("utf-8")
    if limit >= len(encoded):
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def _with_suffix(stem: str, suffix: str, connector: Connector) -> str:
    room = connector.max_identifier_length - len(suffix)
    if _byte_len(stem) >= room:
        stem = _truncate_bytes(stem, room)
    return stem + suffix


def primary_key_name(table_name: str, connector: Connector) -> str:
    return _with_suffix(table_name, "_pkey", connector)


def unique_index_name(table_name: str, column_names: Sequence[str], connector: Connector) -> str:
    return _with_suffix(f"{table_name}_{'_'.join(column_names)}", "_key", connector)


def non_unique_index_name(table_name: str, column_names: Sequence[str], connector: Connector) -> str:
    return _with_suffix(f"{table_name}_{'_'.join(column_names)}", "_idx", connector)


def default_constraint_name(table_name: str, column_name: str, connector: Connector) -> str:
    return _with_suffix(f"{table_name}_{column_name}", "_df", connector)


def foreign_key_constraint_name(table_name: str, column_names: Sequence[str], connector: Connector) -> str:
    """``table_name`` and ``column_names`` are the referencing (constrained) side's."""
    return _with_suffix(f"{table_name}_{'_'.join(column_names)}", "_fkey", connector)


def db_name_too_long_error(
    name: str | None, *, model_name: str, attribute: str, connector: Connector, double_at: bool
) -> str | None:
    """The error for a ``map:`` name longer than the connector allows, or ``None``.

    ``attribute`` is the bare attribute name (``"unique"``, ``"id"``, ``"relation"``...).
    """
    if name is None or _byte_len(name) <= connector.max_identifier_length:
        return None
    ats = "@@" if double_at else "@"
    text = (
        f"The constraint name '{name}' specified in the `map` argument for the `{ats}{attribute}` constraint "
        f"is too long for your chosen provider. The maximum allowed length is {connector.max_identifier_length} bytes."
    )
    return msg.model_validation_error(text, "model", model_name)
