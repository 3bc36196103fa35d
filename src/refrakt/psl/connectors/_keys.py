"""Native types that cannot take part in indexes, unique constraints or primary keys.

Prisma's per-connector ``validations.rs`` (MySQL TEXT/BLOB columns, SQL Server heap-allocated
types, Postgres ``Xml``) as pure functions over the fields of one index or primary key. The
parser database hands in each field's parsed native type, scalar type and whether it has a
``length:`` prefix; the result says which message to report and where.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from refrakt.psl._fast_init import speed_up_init
from refrakt.psl.connectors import _messages as msg
from refrakt.psl.connectors._connector import Connector
from refrakt.psl.connectors._types import NativeTypeInstance, ScalarType


@dataclass(frozen=True, slots=True)
class KeyField:
    """One field of an index or primary key, as the key rules need to see it."""

    native_type: NativeTypeInstance | None
    """The field's parsed ``@db.*`` type (``None``: no attribute, or an invalid one)."""
    scalar_type: str | None = None
    has_length: bool = False
    """The index/id lists the field with a ``length:`` argument."""


@dataclass(frozen=True, slots=True)
class KeyViolation:
    """A problem with one field of an index or primary key."""

    message: str
    field_index: int
    """Position of the offending field in the list that was passed in."""
    at_field: bool
    """Report at the field's span (``True``) or at the index / ``@id`` attribute (``False``)."""


def _restricted(connector: Connector, field: KeyField, restricted: frozenset[str]) -> NativeTypeInstance | None:
    nt = field.native_type
    if nt is None or str(nt) not in restricted:
        return None
    if connector.length_lifts_key_restrictions and field.has_length:
        return None
    return nt


def index_native_type_violation(
    connector: Connector, fields: Sequence[KeyField], *, unique: bool, fulltext: bool = False
) -> KeyViolation | None:
    """The first field of an ``@@index`` / ``@@unique`` / ``@unique`` whose native type cannot be indexed.

    Prisma reports at most one such error per index.
    """
    if fulltext and connector.fulltext_lifts_key_restrictions:
        return None
    for i, field in enumerate(fields):
        nt = _restricted(connector, field, connector.index_restricted_native_types)
        if nt is None:
            continue
        make = msg.incompatible_native_type_with_unique if unique else msg.incompatible_native_type_with_index
        return KeyViolation(
            make(nt, connector.name, connector.key_restriction_hint), i, connector.key_errors_point_at_field
        )
    return None


def primary_key_native_type_violation(connector: Connector, fields: Sequence[KeyField]) -> KeyViolation | None:
    """The first field of an ``@id`` / ``@@id`` that cannot be part of a primary key.

    Reported at the id attribute: a restricted native type (MySQL TEXT/BLOB without ``length``,
    SQL Server heap types), or on SQL Server a ``Bytes`` field (``Invalid model: ...``).
    """
    for i, field in enumerate(fields):
        nt = _restricted(connector, field, connector.id_restricted_native_types)
        if nt is not None:
            return KeyViolation(
                msg.incompatible_native_type_with_id(nt, connector.name, connector.key_restriction_hint), i, False
            )
        if not connector.bytes_allowed_in_id and field.scalar_type == ScalarType.BYTES:
            return KeyViolation(msg.invalid_model_error("Using Bytes type is not allowed in the model's id."), i, False)
    return None


speed_up_init(KeyField, KeyViolation)  # built per key field: see refrakt.psl._fast_init
