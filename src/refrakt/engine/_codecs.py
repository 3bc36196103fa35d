"""Each database's encoding of field values: Python value -> bound parameter, column value -> Python.

A :class:`Codec` is a small table per database, in the spirit of the SQL dialects: the engine
asks ``codec.encoder(field)`` for the function that turns a normalised value (see
:mod:`refrakt.engine._values`) into the parameter the driver binds, and ``codec.decoder(field)``
for the function that turns a non-NULL column value into the value of API.md §4 (``None`` when
the driver's value is already right). The encodings are Prisma's own, so that refrakt and
Prisma can share a database:

- SQLite: DateTime as Unix milliseconds (an INTEGER), Decimal as a REAL, Json as compact text,
  Boolean as 0/1; reading also accepts DateTime text (``CURRENT_TIMESTAMP`` defaults).
- PostgreSQL: DateTime as a naive UTC ``timestamp`` (aware for ``@db.Timestamptz``, a ``date``
  for ``@db.Date``, a ``time`` for ``@db.Time``); Json as text the server casts.
- MySQL/MariaDB: DateTime as a naive UTC ``DATETIME``; Boolean as ``TINYINT(1)``; Json as text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from decimal import Context, Decimal
from typing import Any, ClassVar

from refrakt.errors import KnownRequestError
from refrakt.ir import Enum, Field

Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
#: ``_combine(naive, naive.time(), dt.UTC)`` is the naive datetime in UTC, five times faster than
#: ``naive.replace(tzinfo=dt.UTC)`` (keyword arguments are slow to parse in C).
_combine = dt.datetime.combine


def json_text(value: Any) -> str:
    """Compact JSON, as Prisma (serde_json) writes it."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _naive_utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def _utc(value: Any) -> Any:
    """A driver's date/time value as a UTC-aware datetime."""
    if isinstance(value, dt.datetime):
        return _combine(value, value.time(), dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if isinstance(value, dt.time):
        return dt.datetime.combine(dt.date(1970, 1, 1), value.replace(tzinfo=None), tzinfo=dt.UTC)
    if isinstance(value, dt.timedelta):
        return _EPOCH + value
    if isinstance(value, (int, float)):
        return _EPOCH + dt.timedelta(milliseconds=value)
    if isinstance(value, str):
        return _parse_text_datetime(value)
    return value


def _parse_text_datetime(text: str) -> dt.datetime:
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _utc_from_millis(value: Any) -> Any:
    """SQLite: Prisma's Unix milliseconds (the fast path), else whatever ``_utc`` reads."""
    if type(value) is int:
        return dt.datetime.fromtimestamp(value / 1000, dt.UTC)
    return _utc(value)


def _utc_from_naive(value: Any) -> Any:
    """PostgreSQL and MySQL: a naive UTC ``timestamp``/``DATETIME`` (the fast path), else ``_utc``."""
    if type(value) is dt.datetime and value.tzinfo is None:
        return _combine(value, value.time(), dt.UTC)
    return _utc(value)


def _to_bool(value: Any) -> Any:
    return bool(value)


def _to_str(value: Any) -> Any:
    return value if isinstance(value, str) else str(value)


_ONE = Decimal(1)
_WIDE = Context(prec=100)


def normalize_decimal(value: Decimal) -> Decimal:
    """Without the trailing zeros of the column's scale (``DECIMAL(65,30)``), as Prisma returns it
    (``10.25``, ``3``; never ``1E+2``), at the full precision of the column."""
    if value == value.to_integral_value():
        return _WIDE.quantize(value, _ONE)
    return _WIDE.normalize(value)


def _decimal_from(value: Any) -> Any:
    if isinstance(value, Decimal):
        return normalize_decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return normalize_decimal(Decimal(value))


def _decimal_from_real(value: Any) -> Any:
    """SQLite: a REAL (the usual case, written inline by the record builders), else ``_decimal_from``."""
    if type(value) is float:
        return Decimal(repr(value))
    return _decimal_from(value)


def _integer_from(type_: str) -> Decode:
    """SQLite: an INTEGER column can hold a REAL (or text) written by raw SQL. An integral number
    in the 64-bit range is read as an int (a fraction is cut off, as Prisma does); anything else
    is inconsistent column data (P2023)."""

    def decode(value: Any) -> Any:
        if type(value) is int:
            return value
        if isinstance(value, float) and value == value and abs(value) != float("inf"):
            number = int(value)
            if -(2**63) <= number < 2**63:
                return number
            shown = f"BigDecimal({format(Decimal(repr(value)), 'f')})"
        else:
            shown = repr(value)
        raise KnownRequestError(
            f"Inconsistent column data: Could not convert from `{shown}` to `{type_}`", code="P2023"
        )

    return decode


_int_from = _integer_from("Int")
_bigint_from = _integer_from("BigInt")


def _json_from_text(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode()
    if isinstance(value, str):
        return json.loads(value)
    return value


def _money(value: Any) -> Any:
    """PostgreSQL's ``money`` comes as text in the server's currency format (``$3.51``)."""
    if isinstance(value, str):
        text = "".join(c for c in value if c.isdigit() or c in ".-")
        return normalize_decimal(Decimal(text))
    return _decimal_from(value)


def _bytes_from(value: Any) -> Any:
    return value if isinstance(value, bytes) else bytes(value)


class Codec:
    """The value encodings of one database (a subclass per database)."""

    NAME: ClassVar[str] = "generic"
    SCALAR_LISTS: ClassVar[bool] = False
    """Scalar list fields (``String[]``) exist: PostgreSQL arrays."""
    DECODERS: ClassVar[Mapping[str, Decode]] = {}
    ENCODERS: ClassVar[Mapping[str, Encode]] = {}

    def __init__(self, enums: Mapping[str, Enum]) -> None:
        self.enums = enums

    # --- parameters -----------------------------------------------------------------------------------

    def encoder(self, field: Field) -> Encode | None:
        """From a normalised value to a parameter, for one (non-list) value of ``field``'s type."""
        if field.kind == "enum":
            return self._enum_encoder(field.type)
        return self.scalar_encoder(field.type, field.native_type.name if field.native_type else None)

    def scalar_encoder(self, type_: str, native: str | None = None) -> Encode | None:
        return self.ENCODERS.get(type_)

    def _enum_encoder(self, name: str) -> Encode | None:
        definition = self.enums.get(name)
        if definition is None:
            return None
        mapping = {v.name: v.db_name for v in definition.values if v.db_name != v.name}
        if not mapping:
            return None
        return lambda value: mapping.get(value, value)

    # --- columns --------------------------------------------------------------------------------------

    def decoder(self, field: Field) -> Decode | None:
        """From a non-NULL column value to the API value, or ``None`` when it is already right."""
        if field.kind == "enum":
            item = self._enum_decoder(field.type)
        else:
            item = self.scalar_decoder(field.type, field.native_type.name if field.native_type else None)
        if field.is_list:
            return self.list_decoder(item)
        return item

    def scalar_decoder(self, type_: str, native: str | None = None) -> Decode | None:
        return self.DECODERS.get(type_)

    def array_encoder(self, field: Field) -> Encode:
        """From a list of normalised values of ``field``'s type to one array parameter."""
        raise NotImplementedError(f"scalar lists are not supported on {self.NAME}")

    def list_decoder(self, item: Decode | None) -> Decode | None:
        if item is None:
            return list
        return lambda values: [None if v is None else item(v) for v in values]

    def _enum_decoder(self, name: str) -> Decode | None:
        """The value's name from its database name; a value the enum does not have (written by raw
        SQL into SQLite's TEXT column) is an error, as in Prisma."""
        definition = self.enums.get(name)
        if definition is None:
            return _to_str
        names = {v.db_name: v.name for v in definition.values}

        def decode(value: Any) -> Any:
            found = names.get(value if isinstance(value, str) else str(value))
            if found is None:
                raise KnownRequestError(
                    f"Inconsistent column data: Value '{value}' not found in enum '{name}'", code="P2023"
                )
            return found

        return decode


class SqliteCodec(Codec):
    NAME = "sqlite"
    ENCODERS: ClassVar[Mapping[str, Encode]] = {
        "DateTime": lambda v: round((v - _EPOCH).total_seconds() * 1000),
        "Decimal": float,
        "Json": json_text,
    }
    # TEXT, REAL and BLOB columns hand back str, float and bytes already.
    DECODERS: ClassVar[Mapping[str, Decode]] = {
        "Boolean": _to_bool,
        "DateTime": _utc_from_millis,
        "Decimal": _decimal_from_real,
        "Json": _json_from_text,
        "Int": _int_from,
        "BigInt": _bigint_from,
    }


def _array_element(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        text = "t" if value else "f"
    elif isinstance(value, (bytes, bytearray, memoryview)):
        text = "\\x" + bytes(value).hex()  # pyright: ignore[reportUnknownArgumentType]
    elif isinstance(value, dt.datetime | dt.date | dt.time):
        text = value.isoformat()
    else:
        text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def array_literal(values: list[Any]) -> str:
    """A PostgreSQL array literal (``{"a","b"}``): sent as text, the server casts it to the
    column's array type, where a Python list would be typed by its values (``smallint[]``)."""
    return "{" + ",".join(_array_element(v) for v in values) + "}"


def _as_list(values: Any) -> Any:
    return list(values)


def parse_array_literal(text: str) -> list[str | None]:
    """The elements of a one-dimensional PostgreSQL array in its text form (``{a,"b c",NULL}``),
    as psycopg hands over arrays of types it does not know (arrays of enums)."""
    body = text.strip()
    if body.startswith("[") and "=" in body:  # `[0:1]={a,b}`: explicit bounds
        body = body.split("=", 1)[1]
    body = body[1:-1]
    out: list[str | None] = []
    i, n = 0, len(body)
    while i < n:
        if body[i] == '"':
            chars: list[str] = []
            i += 1
            while body[i] != '"':
                if body[i] == "\\":
                    i += 1
                chars.append(body[i])
                i += 1
            out.append("".join(chars))
            i += 1
        else:
            end = body.find(",", i)
            end = n if end < 0 else end
            word = body[i:end].strip()
            out.append(None if word.upper() == "NULL" else word)
            i = end
        i += 1  # the comma
    return out


class PostgresCodec(Codec):
    NAME = "postgres"
    SCALAR_LISTS = True
    ENCODERS: ClassVar[Mapping[str, Encode]] = {"DateTime": _naive_utc, "Json": json_text}
    DECODERS: ClassVar[Mapping[str, Decode]] = {
        "DateTime": _utc_from_naive,
        "Bytes": _bytes_from,
        "Decimal": _decimal_from,
    }
    _TEXTUAL_NATIVE = frozenset({"Uuid", "Inet", "Xml", "Bit", "VarBit"})

    def array_encoder(self, field: Field) -> Encode:
        item = (
            self._enum_encoder(field.type)
            if field.kind == "enum"
            else self.scalar_encoder(field.type, field.native_type.name if field.native_type else None)
        )

        if field.type == "Json":  # a null element of a Json list is JSON null, as Prisma stores it
            return lambda values: array_literal([json_text(v) for v in values])

        def encode(values: list[Any]) -> str:
            return array_literal([v if v is None or item is None else item(v) for v in values])

        return encode

    def list_decoder(self, item: Decode | None) -> Decode | None:
        each = super().list_decoder(item) or _as_list

        def decode(values: Any) -> Any:
            return each(parse_array_literal(values) if isinstance(values, str) else values)

        return decode

    def scalar_encoder(self, type_: str, native: str | None = None) -> Encode | None:
        if type_ == "DateTime":
            if native in ("Timestamptz", "Timetz"):
                return None
            if native == "Date":
                return lambda v: v.date()
            if native == "Time":
                return lambda v: v.time()
        return super().scalar_encoder(type_, native)

    def scalar_decoder(self, type_: str, native: str | None = None) -> Decode | None:
        if type_ == "String" and native in self._TEXTUAL_NATIVE:
            return _to_str
        if type_ == "Decimal" and native == "Money":
            return _money
        return super().scalar_decoder(type_, native)


class MysqlCodec(Codec):
    NAME = "mysql"
    ENCODERS: ClassVar[Mapping[str, Encode]] = {"DateTime": _naive_utc, "Json": json_text}
    DECODERS: ClassVar[Mapping[str, Decode]] = {
        "Boolean": _to_bool,
        "DateTime": _utc_from_naive,
        "Json": _json_from_text,
        "Bytes": _bytes_from,
        "Decimal": _decimal_from,
    }

    def scalar_encoder(self, type_: str, native: str | None = None) -> Encode | None:
        if type_ == "DateTime" and native == "Date":
            return lambda v: v.date()
        if type_ == "DateTime" and native == "Time":
            return lambda v: v.time()
        return super().scalar_encoder(type_, native)


#: The decoders that the record builders (``_runtime.compile_builder``) write inline, as an
#: expression of the non-NULL column value ``{v}`` that equals ``decoder(v)``, and the names the
#: expression uses. Each takes the common case of its database without a Python call and falls back
#: to the decoder itself for anything else.
INLINE: dict[Decode, tuple[str, Mapping[str, Any]]] = {
    _int_from: ("{v} if {v}.__class__ is int else _int_from({v})", {"_int_from": _int_from}),
    _bigint_from: ("{v} if {v}.__class__ is int else _bigint_from({v})", {"_bigint_from": _bigint_from}),
    _to_bool: ("_bool({v})", {"_bool": bool}),
    _utc_from_millis: (
        "_fromtimestamp({v} / 1000, _UTC) if {v}.__class__ is int else _utc_from_millis({v})",
        {"_fromtimestamp": dt.datetime.fromtimestamp, "_UTC": dt.UTC, "_utc_from_millis": _utc_from_millis},
    ),
    _utc_from_naive: (
        "_combine({v}, {v}.time(), _UTC) if {v}.__class__ is _datetime and {v}.tzinfo is None"
        " else _utc_from_naive({v})",
        {"_combine": _combine, "_UTC": dt.UTC, "_datetime": dt.datetime, "_utc_from_naive": _utc_from_naive},
    ),
    _decimal_from: (
        "(_quantize({v}, _ONE) if {v} == {v}.to_integral_value() else _normalize({v}))"
        " if {v}.__class__ is _Decimal else _decimal_from({v})",
        {
            "_quantize": _WIDE.quantize,
            "_normalize": _WIDE.normalize,
            "_ONE": _ONE,
            "_Decimal": Decimal,
            "_decimal_from": _decimal_from,
        },
    ),
    _decimal_from_real: (
        "_Decimal(repr({v})) if {v}.__class__ is float else _Decimal({v}) if {v}.__class__ is int"
        " else _decimal_from({v})",
        {"_Decimal": Decimal, "_decimal_from": _decimal_from},
    ),
}


CODECS: dict[str, type[Codec]] = {
    "sqlite": SqliteCodec,
    "postgres": PostgresCodec,
    "postgresql": PostgresCodec,
    "mysql": MysqlCodec,
    "mariadb": MysqlCodec,
}


def get_codec(name: str, enums: Mapping[str, Enum]) -> Codec:
    return CODECS[name.lower()](enums)
