"""The types of a raw query's result columns, per database, and the values decoded by them.

Prisma types what ``$queryRaw`` returns by each column's database type, not by what a value looks
like: on SQLite a ``BOOLEAN`` column's ``1`` is ``true`` and a ``DATETIME`` column's milliseconds
are a date-time; on MySQL a ``JSON`` column is parsed and a ``BIT(1)`` is a boolean; on
PostgreSQL a column whose type Prisma cannot read (``point``, ``interval``, ``void``...) fails the
query with P2010 ("Failed to deserialize column of type 'point'..."). This module holds those
rules as tables, one per database, and applies them to rows the drivers have fetched (sans-IO:
the connection modules gather what the database reports about each column and call in here).

Each column gets the name Prisma gives its type in raw results (``"int"``, ``"bigint"``,
``"double"``, ``"decimal"``, ``"bool"``, ``"string"``, ``"enum"``, ``"bytes"``, ``"datetime"``,
``"date"``, ``"time"``, ``"json"``, ``"xml"``, ``"uuid"``, ``"char"``, and ``"<type>-array"``)
and its values the Python type of API.md §4: ``int``, ``float``, ``Decimal``, ``bool``, ``str``,
``bytes``, ``datetime`` (the client makes it aware UTC), ``date``, ``time``, JSON values, lists.
Only columns whose driver value differs from Prisma's are touched, so a row that needs nothing
is returned as it is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from refrakt.drivers._core import Row
from refrakt.errors import RawQueryError

__all__ = [
    "Decoder",
    "PgTypeInfo",
    "TypedResult",
    "apply_decoders",
    "inferred_type",
    "mysql_column",
    "parse_pg_array",
    "postgres_column",
    "sqlite_column",
    "unsupported_column_type",
]

#: What ``query_typed`` returns: the column names, each column's type as Prisma names it in raw
#: results, and the rows with each value decoded by its column's type.
TypedResult = tuple[list[str], list[str], list[Row]]

#: Turns one non-null value of a column into Prisma's value for the column's type.
Decoder = Callable[[Any], Any]

_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def apply_decoders(rows: list[Row], decoders: Sequence[Decoder | None]) -> list[Row]:
    """``rows`` with ``decoders[i]`` applied to each non-null value of column ``i``."""
    todo = [(i, d) for i, d in enumerate(decoders) if d is not None]
    if not todo or not rows:
        return rows
    out: list[Row] = []
    for row in rows:
        values = list(row)
        for i, decode in todo:
            v = values[i]
            if v is not None:
                values[i] = decode(v)
        out.append(tuple(values))
    return out


def unsupported_column_type(type_name: str) -> RawQueryError:
    """Prisma's P2010 for a column whose type it cannot read."""
    return RawQueryError.from_database(
        None,
        f"Failed to deserialize column of type '{type_name}'. If you're using $queryRaw and this column is "
        "explicitly marked as `Unsupported` in your Prisma schema, try casting this column to any supported "
        "Prisma type such as `String`.",
    )


# --- shared decoders -----------------------------------------------------------------------------------


def _from_millis(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    try:
        return _EPOCH + dt.timedelta(milliseconds=value)
    except OverflowError:
        return value


def _json(value: Any) -> Any:
    if isinstance(value, bytes | bytearray):
        value = bytes(value).decode()
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _to_decimal(value: Any) -> Any:
    if isinstance(value, Decimal | bool):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest text that reads back as the float, as Prisma prints it
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


# --- SQLite --------------------------------------------------------------------------------------------
# The declared type of the column (``sqlite3_column_decltype``), as Prisma's SQLite drivers read it.


def _sqlite_bool(value: Any) -> Any:
    return bool(value) if isinstance(value, int | float) else value


def _sqlite_datetime(value: Any) -> Any:
    """Milliseconds since the epoch (how Prisma and refrakt write a DateTime on SQLite), or text:
    ``YYYY-MM-DD HH:MM:SS`` (SQLite's ``CURRENT_TIMESTAMP``) or ISO 8601 / RFC 3339."""
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)
    return _from_millis(value)


def _sqlite_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    stamp = _from_millis(value)
    return stamp.date() if isinstance(stamp, dt.datetime) else stamp


def _sqlite_time(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            return value
    return value


def _sqlite_int(value: Any) -> Any:
    return int(value) if isinstance(value, float) else value  # Prisma truncates a REAL in an INT column


def _sqlite_double(value: Any) -> Any:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: Declared type (upper case) -> (Prisma's type, decoder).
_SQLITE_TYPES: Final[Mapping[str, tuple[str, Decoder | None]]] = {
    "DECIMAL": ("decimal", _to_decimal),
    "FLOAT": ("double", _sqlite_double),
    "DOUBLE": ("double", _sqlite_double),
    "DOUBLE PRECISION": ("double", _sqlite_double),
    "NUMERIC": ("double", _sqlite_double),
    "REAL": ("double", _sqlite_double),
    "TINYINT": ("int", _sqlite_int),
    "SMALLINT": ("int", _sqlite_int),
    "MEDIUMINT": ("int", _sqlite_int),
    "INT": ("int", _sqlite_int),
    "INTEGER": ("int", _sqlite_int),
    "SERIAL": ("int", _sqlite_int),
    "INT2": ("int", _sqlite_int),
    "BIGINT": ("bigint", _sqlite_int),
    "UNSIGNED BIG INT": ("bigint", _sqlite_int),
    "INT8": ("bigint", _sqlite_int),
    "DATETIME": ("datetime", _sqlite_datetime),
    "TIMESTAMP": ("datetime", _sqlite_datetime),
    "DATE": ("date", _sqlite_date),
    "TIME": ("time", _sqlite_time),
    "TEXT": ("string", None),
    "CLOB": ("string", None),
    "BLOB": ("bytes", None),
    "BOOLEAN": ("bool", _sqlite_bool),
    "JSONB": ("json", _json),
}
#: Declared types recognised by their first words (``DECIMAL(10,2)``, ``VARCHAR(255)``).
_SQLITE_PREFIXES: Final = (
    ("DECIMAL", "DECIMAL"),
    ("CHARACTER", "TEXT"),
    ("VARCHAR", "TEXT"),
    ("VARYING CHARACTER", "TEXT"),
    ("NCHAR", "TEXT"),
    ("NATIVE CHARACTER", "TEXT"),
    ("NVARCHAR", "TEXT"),
)


def sqlite_column(decltype: str | None) -> tuple[str, Decoder | None] | None:
    """Prisma's type and the decoder of a column declared ``decltype``; ``None`` when the column
    has no declared type (an expression) or one Prisma does not know: its values then type it."""
    if not decltype:
        return None
    key = decltype.strip().upper()
    found = _SQLITE_TYPES.get(key)
    if found is not None:
        return found
    for prefix, target in _SQLITE_PREFIXES:
        if key.startswith(prefix):
            return _SQLITE_TYPES[target]
    return None


def inferred_type(rows: Sequence[Row], index: int) -> str:
    """The type of an undeclared column, from its first non-null value (Prisma's rule; ``"int"``
    when every value is null)."""
    for row in rows:
        value = row[index]
        if value is None:
            continue
        if isinstance(value, int):
            return "bigint"
        if isinstance(value, float):
            return "double"
        if isinstance(value, bytes):
            return "bytes"
        return "string"
    return "int"


# --- PostgreSQL ----------------------------------------------------------------------------------------
# By the type OID of the column; the values are psycopg's (text protocol, its default loaders).

#: Type OIDs below this are PostgreSQL's own; at and above it, types created in the database
#: (enums, domains, extensions' types such as citext or PostGIS's geometry).
PG_FIRST_USER_OID: Final = 16384

_MONEY_DIGITS = re.compile(r"\d")


def _pg_money(value: Any) -> Any:
    """``money`` as psycopg reads it, locale-formatted text (``$1,234.50``, ``-$3.00``): a
    Decimal with two decimals, as Prisma reads it."""
    if not isinstance(value, str):
        return value
    digits = "".join(_MONEY_DIGITS.findall(value))
    if not digits:
        return value
    negative = "-" in value or "(" in value
    last = max(value.rfind("."), value.rfind(","))
    decimals = len("".join(_MONEY_DIGITS.findall(value[last + 1 :]))) if last >= 0 else 0
    if decimals not in (1, 2):  # a thousands separator, or no fraction at all
        decimals = 0
    amount = Decimal(digits).scaleb(-decimals)
    return (-amount if negative else amount).quantize(Decimal("0.01"))


def _pg_timetz(value: Any) -> Any:
    """A ``timetz``: its time of day without the offset (Prisma reads it as UTC, keeping the clock)."""
    return value.replace(tzinfo=None) if isinstance(value, dt.time) else value


def _each(decode: Decoder) -> Decoder:
    def decode_list(value: Any) -> Any:
        if not isinstance(value, list):
            return value
        items: list[Any] = value  # pyright: ignore[reportUnknownVariableType]
        return [None if v is None else decode_list(v) if isinstance(v, list) else decode(v) for v in items]

    return decode_list


#: Type OID -> (Prisma's type, decoder beyond psycopg's own).
_PG_TYPES: Final[Mapping[int, tuple[str, Decoder | None]]] = {
    16: ("bool", None),
    17: ("bytes", None),
    18: ("char", None),
    19: ("string", None),  # name
    20: ("bigint", None),
    21: ("int", None),
    23: ("int", None),
    25: ("string", None),
    26: ("bigint", None),  # oid
    114: ("json", None),
    142: ("xml", None),
    650: ("string", None),  # cidr
    700: ("float", None),
    701: ("double", None),
    705: ("string", None),  # unknown: an untyped literal
    790: ("decimal", _pg_money),
    869: ("string", None),  # inet
    1042: ("string", None),  # bpchar
    1043: ("string", None),
    1082: ("date", None),
    1083: ("time", None),
    1114: ("datetime", None),
    1184: ("datetime", None),
    1266: ("time", _pg_timetz),
    1560: ("string", None),  # bit
    1562: ("string", None),  # varbit
    1700: ("decimal", None),
    2950: ("uuid", None),
    3802: ("json", None),
    # arrays
    143: ("xml-array", None),
    199: ("json-array", None),
    651: ("string-array", None),
    791: ("decimal-array", _each(_pg_money)),
    1000: ("bool-array", None),
    1001: ("bytes-array", None),
    1002: ("char-array", None),
    1003: ("string-array", None),
    1005: ("int-array", None),
    1007: ("int-array", None),
    1009: ("string-array", None),
    1014: ("string-array", None),
    1015: ("string-array", None),
    1016: ("bigint-array", None),
    1021: ("float-array", None),
    1022: ("double-array", None),
    1028: ("bigint-array", None),
    1041: ("string-array", None),
    1115: ("datetime-array", None),
    1182: ("date-array", None),
    1183: ("time-array", None),
    1185: ("datetime-array", None),
    1231: ("decimal-array", None),
    1270: ("time-array", _each(_pg_timetz)),
    1561: ("string-array", None),
    1563: ("string-array", None),
    2951: ("uuid-array", None),
    3807: ("json-array", None),
}

#: Extensions' text-like types that Prisma reads as text whatever their OID.
_PG_TEXT_NAMES: Final = frozenset({"citext", "ltree", "lquery", "ltxtquery"})


def _parse_pg_array_items(text: str, i: int) -> tuple[list[Any], int]:
    """The items of the array literal whose ``{`` is at ``text[i]``, and the index after its ``}``."""
    items: list[Any] = []
    i += 1
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "}":
            return items, i + 1
        if ch in ", ":
            i += 1
        elif ch == "{":
            sub, i = _parse_pg_array_items(text, i)
            items.append(sub)
        elif ch == '"':
            buf: list[str] = []
            i += 1
            while i < n and text[i] != '"':
                if text[i] == "\\" and i + 1 < n:
                    i += 1
                buf.append(text[i])
                i += 1
            items.append("".join(buf))
            i += 1
        else:
            start = i
            while i < n and text[i] not in ",}":
                i += 1
            word = text[start:i].strip()
            items.append(None if word.upper() == "NULL" else word)
    raise ValueError(f"unterminated array literal: {text!r}")


def parse_pg_array(text: str) -> list[Any]:
    """A PostgreSQL array literal (``{a,"b c",NULL}``, nested ones as nested lists) as a list of
    ``str`` and ``None``; psycopg returns this text for arrays of types created in the database."""
    start = text.find("{")  # past an optional ``[1:2]=`` bounds prefix
    if start < 0:
        raise ValueError(f"not an array literal: {text!r}")
    items, _ = _parse_pg_array_items(text, start)
    return items


def _pg_text_array(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return parse_pg_array(value)
    except ValueError:
        return value


#: What the catalog says of a type missing from the table: ``(name, is_array, is_enum)``, where
#: ``is_enum`` is true for an enum and for an array of one.
PgTypeInfo = tuple[str, bool, bool]


def postgres_column(oid: int, catalog: Mapping[int, PgTypeInfo]) -> tuple[str, Decoder | None]:
    """Prisma's type and the decoder of a column of type ``oid``; P2010 for a type Prisma cannot
    read. ``catalog`` describes the OIDs missing from the table (see :func:`postgres_unknown_oids`
    and :data:`POSTGRES_TYPES_QUERY`)."""
    known = _PG_TYPES.get(oid)
    if known is not None:
        return known
    name, is_array, is_enum = catalog.get(oid, (str(oid), False, False))
    if name in _PG_TEXT_NAMES:
        return "string", None
    if oid < PG_FIRST_USER_OID:
        raise unsupported_column_type(name)
    # A type created in the database: an enum, a domain, an extension's type. Prisma reads it as
    # text (an enum's variant is its name); an array of one as a list of texts.
    kind = "enum" if is_enum else "string"
    if is_array:
        return f"{kind}-array", _pg_text_array
    return kind, None


def postgres_unknown_oids(oids: Sequence[int]) -> list[int]:
    """The OIDs among ``oids`` that :func:`postgres_column` needs the catalog for."""
    return sorted({oid for oid in oids if oid not in _PG_TYPES})


#: Reads the oid and :data:`PgTypeInfo` of the type OIDs in ``$1`` (names schema-qualified
#: outside ``public`` and ``pg_catalog``, as Prisma prints them).
POSTGRES_TYPES_QUERY: Final = (
    "SELECT t.oid::int8, CASE WHEN n.nspname IN ('public', 'pg_catalog') THEN t.typname "
    "ELSE n.nspname || '.' || t.typname END, t.typcategory = 'A', "
    "t.typtype = 'e' OR coalesce(e.typtype = 'e', false) "
    "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
    "LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem AND t.typcategory = 'A' "
    "WHERE t.oid::int8 = ANY($1::int8[])"
)


# --- MySQL / MariaDB -----------------------------------------------------------------------------------
# By the column definition the server sends: type code, flags, character set, length. The values
# are PyMySQL's / asyncmy's (they share their conversions).

_MY_DECIMAL, _MY_TINY, _MY_SHORT, _MY_LONG, _MY_FLOAT, _MY_DOUBLE, _MY_NULL = 0, 1, 2, 3, 4, 5, 6
_MY_TIMESTAMP, _MY_LONGLONG, _MY_INT24, _MY_DATE, _MY_TIME, _MY_DATETIME, _MY_YEAR = 7, 8, 9, 10, 11, 12, 13
_MY_NEWDATE, _MY_VARCHAR, _MY_BIT, _MY_JSON, _MY_NEWDECIMAL, _MY_ENUM, _MY_SET = 14, 15, 16, 245, 246, 247, 248
_MY_BLOBS: Final = frozenset({249, 250, 251, 252})  # tiny, medium, long, blob
_MY_STRINGS: Final = frozenset({_MY_VARCHAR, 253, 254})  # varchar, var_string, string
_MY_GEOMETRY: Final = 255
_MY_ENUM_FLAG: Final = 256
_MY_BINARY_CHARSET: Final = 63


def _mysql_bool(value: Any) -> Any:
    return value != b"\x00" if isinstance(value, bytes) else value


def _mysql_time(value: Any) -> Any:
    """A ``TIME`` (the drivers give a ``timedelta``) as a time of day, as Prisma reads it; one
    outside 00:00-24:00 (MySQL's TIME is a duration) stays a ``timedelta``."""
    if isinstance(value, dt.timedelta) and dt.timedelta(0) <= value < dt.timedelta(days=1):
        return (dt.datetime.min + value).time()
    return value


_MYSQL_BY_CODE: Final[Mapping[int, tuple[str, Decoder | None]]] = {
    _MY_DECIMAL: ("decimal", None),
    _MY_NEWDECIMAL: ("decimal", None),
    _MY_TINY: ("int", None),
    _MY_SHORT: ("int", None),
    _MY_INT24: ("int", None),
    _MY_LONG: ("int", None),
    _MY_YEAR: ("int", None),
    _MY_NULL: ("int", None),
    _MY_LONGLONG: ("bigint", None),
    _MY_FLOAT: ("float", None),
    _MY_DOUBLE: ("double", None),
    _MY_TIMESTAMP: ("datetime", None),
    _MY_DATETIME: ("datetime", None),
    _MY_DATE: ("date", None),
    _MY_NEWDATE: ("date", None),
    _MY_TIME: ("time", _mysql_time),
    _MY_JSON: ("json", _json),
    _MY_ENUM: ("enum", None),
    _MY_SET: ("string", None),
    _MY_GEOMETRY: ("bytes", None),
}


def mysql_column(type_code: int, flags: int, charset: int, length: int) -> tuple[str, Decoder | None]:
    """Prisma's type and the decoder of a column the server describes so. MariaDB's ``JSON`` is
    a ``LONGTEXT`` on the wire, so it stays text there (as in Prisma)."""
    if flags & _MY_ENUM_FLAG:
        return "enum", None
    if type_code == _MY_BIT:
        return ("bool", _mysql_bool) if length == 1 else ("bytes", None)
    if type_code in _MY_BLOBS or type_code in _MY_STRINGS:
        return ("bytes", None) if charset == _MY_BINARY_CHARSET else ("string", None)
    return _MYSQL_BY_CODE.get(type_code, ("string", None))
