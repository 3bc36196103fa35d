"""Prisma's default constraint names (``psl-core/src/datamodel_connector/constraint_names.rs``).

When a schema does not name a constraint with ``map:``, Prisma derives the name from database
names (after ``@@map`` / ``@map``), following PostgreSQL's conventions:

========================  =====================================  ===================
constraint                name                                   example
========================  =====================================  ===================
primary key               ``{table}_pkey``                       ``User_pkey``
unique constraint         ``{table}_{columns}_key``              ``User_email_key``
index                     ``{table}_{columns}_idx``              ``Post_title_idx``
foreign key               ``{table}_{columns}_fkey``             ``Post_authorId_fkey``
default (SQL Server)      ``{table}_{column}_df``                ``User_role_df``
========================  =====================================  ===================

Columns are joined with ``_``. A name that would not fit the connector's identifier limit
(63 bytes on PostgreSQL, 64 on MySQL, 128 on SQL Server) has its stem cut so that stem and
suffix fit, counting UTF-8 bytes and never splitting a character.

Every function takes the limit either as an ``int`` or as anything with a
``max_identifier_length`` attribute (a :class:`refrakt.psl.connectors.Connector`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

__all__ = [
    "default_constraint_name",
    "foreign_key_constraint_name",
    "is_db_name_too_long",
    "non_unique_index_name",
    "primary_key_name",
    "too_long_message",
    "unique_index_name",
]


class HasIdentifierLimit(Protocol):
    @property
    def max_identifier_length(self) -> int: ...


Limit = int | HasIdentifierLimit


def _limit(limit: Limit) -> int:
    return limit if isinstance(limit, int) else limit.max_identifier_length


def _floor_bytes(text: str, size: int) -> str:
    """The longest prefix of ``text`` of at most ``size`` UTF-8 bytes."""
    encoded = text.encode("utf-8")
    if size >= len(encoded):
        return text
    return encoded[: max(size, 0)].decode("utf-8", errors="ignore")


def _with_suffix(stem: str, suffix: str, limit: Limit) -> str:
    room = _limit(limit) - len(suffix)
    if len(stem.encode("utf-8")) >= room:
        stem = _floor_bytes(stem, room)
    return stem + suffix


def primary_key_name(table_name: str, limit: Limit) -> str:
    """``{table}_pkey``."""
    return _with_suffix(table_name, "_pkey", limit)


def unique_index_name(table_name: str, column_names: Sequence[str], limit: Limit) -> str:
    """``{table}_{col1}_{col2}_key``."""
    return _with_suffix(f"{table_name}_{'_'.join(column_names)}", "_key", limit)


def non_unique_index_name(table_name: str, column_names: Sequence[str], limit: Limit) -> str:
    """``{table}_{col1}_{col2}_idx``."""
    return _with_suffix(f"{table_name}_{'_'.join(column_names)}", "_idx", limit)


def default_constraint_name(table_name: str, column_name: str, limit: Limit) -> str:
    """``{table}_{column}_df`` (default constraints exist on SQL Server)."""
    return _with_suffix(f"{table_name}_{column_name}", "_df", limit)


def foreign_key_constraint_name(table_name: str, column_names: Sequence[str], limit: Limit) -> str:
    """``{table}_{columns}_fkey``; the table and columns of the referencing (constrained) side."""
    return _with_suffix(f"{table_name}_{'_'.join(column_names)}", "_fkey", limit)


def is_db_name_too_long(name: str | None, limit: Limit) -> bool:
    """True if a ``map:`` name is longer (in UTF-8 bytes) than the connector allows."""
    return name is not None and len(name.encode("utf-8")) > _limit(limit)


def too_long_message(name: str, attribute: str, limit: Limit, *, double_at: bool) -> str:
    """Prisma's message for a too long ``map:`` name; ``attribute`` without ``@`` (``"unique"``)."""
    ats = "@@" if double_at else "@"
    return (
        f"The constraint name '{name}' specified in the `map` argument for the `{ats}{attribute}` constraint is too "
        f"long for your chosen provider. The maximum allowed length is {_limit(limit)} bytes."
    )
