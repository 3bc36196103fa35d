"""``SqlFlavour``: what differs between databases in schema calculation and DDL rendering.

A flavour is a small subclass of tables and flags (like a SQL dialect) plus the few render
methods whose shape really differs (``CREATE TABLE`` on MySQL carries its indexes, SQLite its
foreign keys). The DDL follows Prisma's schema engine renderers (``sql-schema-connector``'s
``flavour/*/renderer.rs`` and ``libs/sql-ddl``) down to spacing, so that a script can be
compared with ``prisma migrate diff --script`` byte for byte.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import ClassVar, Literal

from refrakt.migrate._schema import (
    Column,
    ColumnType,
    DefaultValue,
    Enum,
    Extension,
    ForeignKey,
    Index,
    SqlSchema,
    Table,
)
from refrakt.psl.connectors import Connector

INDENT = "    "

ACTION_SQL: Mapping[str, str] = {
    "Cascade": "CASCADE",
    "Restrict": "RESTRICT",
    "NoAction": "NO ACTION",
    "SetNull": "SET NULL",
    "SetDefault": "SET DEFAULT",
}

EnumStyle = Literal["types", "per_column", "text"]
JoinTableKey = Literal["primary_key", "unique_index"]

_WORD = re.compile(r"[A-Z][a-z0-9]*")


def hex_bytes(value: object) -> str:
    """Lower-case hex of a ``Bytes`` default (given as bytes or as Prisma's base64 text)."""
    if isinstance(value, bytes):
        return value.hex()
    try:
        return base64.b64decode(str(value), validate=True).hex()
    except (binascii.Error, ValueError):
        return str(value).encode("utf-8").hex()


def parse_datetime(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def fraction(dt: datetime) -> str:
    """Chrono's fraction: none, or 3, 6 or 9 digits (microseconds are all Python keeps)."""
    if dt.microsecond == 0:
        return ""
    if dt.microsecond % 1000 == 0:
        return f".{dt.microsecond // 1000:03d}"
    return f".{dt.microsecond:06d}"


def _offset(dt: datetime, sep: str) -> str:
    delta = dt.utcoffset()
    if delta is None:
        return f"{sep}+00:00"
    minutes = int(delta.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sep}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def chrono_display(dt: datetime) -> str:
    """``2020-03-04 05:06:07.123 +00:00``: how Prisma (chrono ``Display``) writes a DateTime default."""
    return dt.strftime("%Y-%m-%d %H:%M:%S") + fraction(dt) + _offset(dt, " ")


def number_text(value: object) -> str:
    """A numeric default as Prisma prints it (integral floats without a fraction)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def operator_class_sql(name: str) -> str:
    """Prisma's operator class names (``JsonbPathOps``) in SQL (``jsonb_path_ops``); raw ones as given."""
    if not name or not name[0].isupper() or not name.endswith("Ops"):
        return name
    words = [w.lower() for w in _WORD.findall(name)]
    text = "_".join(words)
    for joined in ("min_max", "var_bit", "timestamp_tz", "time_tz"):
        text = text.replace(joined, joined.replace("_", ""))
    return text


class SqlFlavour:
    """The base flavour; ``sqlite.py``, ``postgres.py`` and ``mysql.py`` set the tables and flags."""

    NAME: ClassVar[str] = "sql"
    CONNECTOR: ClassVar[Connector]
    QUOTE: ClassVar[str] = '"'

    ENUMS: ClassVar[EnumStyle] = "text"
    """Named types (PostgreSQL), one ``ENUM(...)`` per column (MySQL), or plain text (SQLite)."""
    JOIN_TABLE_KEY: ClassVar[JoinTableKey] = "unique_index"
    """How an implicit m:n table is kept unique on (A, B) (a primary key on PostgreSQL since Prisma 6)."""
    NAMESPACES: ClassVar[bool] = False
    """``CREATE SCHEMA`` steps and ``@@schema`` (PostgreSQL)."""
    NAMED_PRIMARY_KEYS: ClassVar[bool] = False
    """Primary keys are named constraints (``"User_pkey"``, PostgreSQL)."""
    INLINE_FOREIGN_KEYS: ClassVar[bool] = False
    """Foreign keys are written in ``CREATE TABLE`` (SQLite) instead of ``ALTER TABLE`` steps."""
    INLINE_INDEXES: ClassVar[bool] = False
    """Indexes are written in ``CREATE TABLE`` (MySQL) instead of ``CREATE INDEX`` steps."""
    IMPLICIT_AUTOINCREMENT_ID: ClassVar[bool] = False
    """A single ``Int`` primary key is an autoincrementing rowid (SQLite)."""
    FAMILY_TYPES: ClassVar[Mapping[str, str]] = {}
    """Column type per Prisma type where the database has no native types (SQLite)."""
    LIST_DEFAULTS: ClassVar[bool] = False
    NO_DEFAULT_FAMILIES: ClassVar[frozenset[str]] = frozenset()
    """Families whose literal defaults are not written (MySQL: Json and Bytes)."""

    # --- names ---------------------------------------------------------------------------------------

    def quote(self, name: str) -> str:
        return f"{self.QUOTE}{name}{self.QUOTE}"

    def table_name(self, name: str, schema: str | None) -> str:
        return self.quote(name) if schema is None else f"{self.quote(schema)}.{self.quote(name)}"

    def string(self, text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    # --- types and defaults ----------------------------------------------------------------------------

    def column_type_sql(self, column: Column, table: Table, schema: SqlSchema) -> str:
        raise NotImplementedError

    def autoincrement(self, column: Column, table: Table) -> bool:
        """Whether the column's DDL says it autoincrements."""
        return column.autoincrement

    def default_sql(self, column: Column, table: Table, schema: SqlSchema) -> str | None:
        """The text after ``DEFAULT``, or ``None`` for no default clause."""
        default = column.default
        if default is None or default.kind == "sequence":
            return None
        if default.kind == "dbgenerated":
            return None if default.value is None else str(default.value)
        if default.kind == "now":
            return self.now_sql(column)
        if column.type.family in self.NO_DEFAULT_FAMILIES:
            return None
        return self.value_sql(default.value, default, column, table, schema)

    def now_sql(self, column: Column) -> str:
        return "CURRENT_TIMESTAMP"

    def value_sql(self, value: object, default: DefaultValue, column: Column, table: Table, schema: SqlSchema) -> str:
        kind = default.value_type
        if isinstance(value, tuple):
            items: tuple[object, ...] = value  # pyright: ignore[reportUnknownVariableType]
            return self.list_sql(items, default, column, table, schema)
        if kind in ("String", "Enum"):
            return self.string(str(value))
        if kind == "DateTime":
            dt = parse_datetime(value)
            return self.string(str(value) if dt is None else self.datetime_text(dt))
        if kind == "Bytes":
            return self.bytes_sql(value)
        if kind == "Json":
            return self.json_sql(str(value))
        return number_text(value)

    def datetime_text(self, dt: datetime) -> str:
        return chrono_display(dt)

    def bytes_sql(self, value: object) -> str:
        return self.string(hex_bytes(value))

    def json_sql(self, text: str) -> str:
        return self.string(text)

    def list_sql(
        self, items: tuple[object, ...], default: DefaultValue, column: Column, table: Table, schema: SqlSchema
    ) -> str:
        raise NotImplementedError(f"list defaults on {self.NAME}")

    # --- statements ------------------------------------------------------------------------------------

    def render_create_schema(self, name: str) -> str:
        raise NotImplementedError(f"CREATE SCHEMA on {self.NAME}")

    def render_create_extension(self, extension: Extension) -> str:
        raise NotImplementedError(f"CREATE EXTENSION on {self.NAME}")

    def render_create_enum(self, enum: Enum) -> str:
        raise NotImplementedError(f"CREATE TYPE on {self.NAME}")

    def render_create_table(self, table: Table, schema: SqlSchema) -> str:
        raise NotImplementedError

    def render_create_index(self, table: Table, index: Index) -> str:
        raise NotImplementedError

    def render_add_foreign_key(self, table: Table, fk: ForeignKey) -> str:
        raise NotImplementedError

    def index_column_sql(self, column: str, *, length: int | None = None, sort: str | None = None) -> str:
        text = self.quote(column)
        if length is not None:
            text += f"({length})"
        if sort is not None:
            text += f" {sort.upper()}"
        return text

    # --- calculation hooks -----------------------------------------------------------------------------

    def enum_column_type(self, enum_name: str, table: str, column: str) -> tuple[str, str | None]:
        """``(family, enum name)`` of an enum column."""
        return "Enum", enum_name

    def m2m_column_type(self, pk_type: ColumnType) -> ColumnType:
        return ColumnType(pk_type.family, "required", pk_type.native, pk_type.enum, pk_type.description)
