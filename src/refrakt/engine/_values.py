"""Input values: checking a Python value against a field's type and normalising it.

``coercer(field_type, enum)`` returns a function that takes the user's value and returns the
normalised Python value (an ``int`` for Int, a ``Decimal`` for Decimal, a UTC-aware
``datetime`` for DateTime — from a ``datetime``, a ``date`` or an ISO-8601 string — ...), or
raises :class:`InvalidValue` saying what was expected and what was given. The database
encoding of the normalised value is :mod:`refrakt.engine._codecs`' business.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from refrakt._markers import FieldRef, NullMarker
from refrakt.ir import Enum

Coerce = Callable[[Any], Any]

_INT64 = 1 << 63


class InvalidValue(Exception):
    """A value that does not fit the expected type; the validator turns it into a ValidationError."""

    def __init__(self, expected: str, given: object, detail: str | None = None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.given = type_name(given)
        self.detail = detail


def type_name(value: object) -> str:
    """The Prisma-style name of a Python value's type, for messages ("String", "Int", ...)."""
    if value is None:
        return "Null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Int"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        return "String"
    if isinstance(value, Decimal):
        return "Decimal"
    if isinstance(value, (dt.datetime, dt.date)):
        return "DateTime"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "Bytes"
    if isinstance(value, dict):
        return "Object"
    if isinstance(value, (list, tuple)):
        return "List"
    if isinstance(value, FieldRef):
        return "FieldRef"
    if isinstance(value, NullMarker):
        return repr(value)
    return type(value).__name__


def _string(value: Any) -> Any:
    if isinstance(value, str):
        return str(value) if isinstance(value, enum.Enum) else value
    raise InvalidValue("String", value)


def _int(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        if not -_INT64 <= value < _INT64:
            raise InvalidValue("Int", value, f"{value} does not fit in a 64-bit signed integer")
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise InvalidValue("Int", value)


def _bigint(value: Any) -> Any:
    if isinstance(value, str):
        try:
            value = int(value)
        except ValueError:
            raise InvalidValue("BigInt", value) from None
    if isinstance(value, int) and not isinstance(value, bool):
        if not -_INT64 <= value < _INT64:
            raise InvalidValue("BigInt", value, f"{value} does not fit in a 64-bit signed integer")
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise InvalidValue("BigInt", value)


def _float(value: Any) -> Any:
    if isinstance(value, bool):
        raise InvalidValue("Float", value)
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    raise InvalidValue("Float", value)


def _decimal(value: Any) -> Any:
    if isinstance(value, bool):
        raise InvalidValue("Decimal", value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            raise InvalidValue("Decimal", value) from None
    raise InvalidValue("Decimal", value)


def _boolean(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    raise InvalidValue("Boolean", value)


def parse_datetime(text: str) -> dt.datetime:
    """An ISO-8601 / RFC 3339 date-time (``Z`` or an offset; no offset means UTC) as UTC."""
    value = dt.datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _datetime(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if isinstance(value, str):
        try:
            return parse_datetime(value)
        except ValueError:
            raise InvalidValue("DateTime", value, f"`{value}` is not an ISO-8601 date-time") from None
    raise InvalidValue("DateTime", value)


def _bytes(value: Any) -> Any:
    if isinstance(value, bytes):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)  # pyright: ignore[reportUnknownArgumentType]
    raise InvalidValue("Bytes", value)


def _json(value: Any) -> Any:
    if isinstance(value, (FieldRef, NullMarker)):
        raise InvalidValue("Json", value)
    return value


_COERCERS: dict[str, Coerce] = {
    "String": _string,
    "Int": _int,
    "BigInt": _bigint,
    "Float": _float,
    "Decimal": _decimal,
    "Boolean": _boolean,
    "DateTime": _datetime,
    "Bytes": _bytes,
    "Json": _json,
}


#: Per coercion function, the value types it returns unchanged (the very object): a column of
#: such values needs no conversion. (``_int`` is not here: it checks the range.)
_IDENTITY: dict[Coerce, frozenset[type]] = {
    _string: frozenset({str}),
    _float: frozenset({float}),
    _decimal: frozenset({Decimal}),
    _boolean: frozenset({bool}),
    _bytes: frozenset({bytes}),
}


def is_identity(convert: Coerce, kind: type) -> bool:
    """Whether ``convert`` returns every value of exactly the type ``kind`` unchanged."""
    return kind in _IDENTITY.get(convert, ())


def enum_coercer(definition: Enum) -> Coerce:
    names = frozenset(definition.value_names)

    def coerce(value: Any) -> Any:
        if isinstance(value, enum.Enum):
            value = value.value
        if isinstance(value, str) and value in names:
            return str(value)
        raise InvalidValue(definition.name, value, f"expected one of {', '.join(definition.value_names)}")

    return coerce


def coercer(type_: str, enum_def: Enum | None = None) -> Coerce:
    """The coercion function of a scalar type name, or of an enum."""
    if enum_def is not None:
        return enum_coercer(enum_def)
    return _COERCERS.get(type_, _json)


def list_coercer(item: Coerce, type_label: str) -> Coerce:
    """A list of ``item`` values (a single value is not accepted here)."""

    def coerce(value: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            raise InvalidValue(f"{type_label}[]", value)
        items: list[Any] | tuple[Any, ...] = value  # pyright: ignore[reportUnknownVariableType]
        return [item(v) for v in items]

    return coerce
