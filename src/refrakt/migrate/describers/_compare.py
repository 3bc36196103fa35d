"""``comparable`` and ``differences``: the canonical form in which described and calculated
schemas are compared (the rules are listed in ``refrakt.migrate.describers``)."""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import fields, is_dataclass, replace
from datetime import UTC, datetime, time
from decimal import Decimal, InvalidOperation

from refrakt.migrate._schema import (
    Column,
    ColumnType,
    DefaultValue,
    Enum,
    Extension,
    ForeignKeyAction,
    Index,
    IndexColumn,
    NativeType,
    PrimaryKey,
    SortOrder,
    SqlSchema,
    Table,
)
from refrakt.migrate.describers import postgres, sqlite
from refrakt.migrate.flavours import get_flavour
from refrakt.migrate.flavours._base import operator_class_sql

MIGRATIONS_TABLE = "_prisma_migrations"
"""Prisma Migrate's history table: described like any table, never part of a data model."""

GENERATED = "<expression>"
"""The value of every ``dbgenerated`` default in a :func:`comparable` schema."""

_MYSQL_TIME = frozenset({"DateTime", "Timestamp", "Time"})
_OFFSET_SPACE = re.compile(r"\s+([+-]\d{2}(?::?\d{2})?|Z)$")


def comparable(schema: SqlSchema) -> SqlSchema:
    """``schema`` in the canonical form described and calculated schemas are compared in."""
    tables = tuple(
        _table(t, schema.flavour)
        for t in sorted(schema.tables, key=lambda t: (t.schema or "", t.name))
        if t.name != MIGRATIONS_TABLE
    )
    namespaces = tuple(sorted(schema.namespaces))
    used = {t.schema for t in schema.tables} | {e.schema for e in schema.enums}
    if None not in used:  # a multi-schema database: the namespaces that hold something
        namespaces = tuple(n for n in namespaces if n in used)
    enums = schema.enums
    if get_flavour(schema.flavour).ENUMS == "per_column":
        tables, enums = _column_enums(tables, schema)
    return SqlSchema(
        schema.flavour,
        tables,
        tuple(sorted(enums, key=lambda e: (e.schema or "", e.name))),
        namespaces,
        tuple(sorted(schema.sequences, key=lambda s: (s.schema or "", s.name))),
        tuple(Extension(name) for name in sorted({e.name for e in schema.extensions})),
    )


def _column_enums(tables: tuple[Table, ...], schema: SqlSchema) -> tuple[tuple[Table, ...], tuple[Enum, ...]]:
    """MySQL: each enum column's own enum, named ``Table_column`` (as the database reads back)."""
    values = {e.name: e.values for e in schema.enums}
    enums: list[Enum] = []
    renamed: list[Table] = []
    for table in tables:
        columns: list[Column] = []
        for column in table.columns:
            if column.type.family == "Enum" and column.type.enum is not None:
                name = f"{table.name}_{column.name}"
                enums.append(Enum(name, values.get(column.type.enum, ())))
                column = replace(column, type=replace(column.type, enum=name))
            columns.append(column)
        renamed.append(replace(table, columns=tuple(columns)))
    return tuple(renamed), tuple(enums)


def differences(expected: SqlSchema, actual: SqlSchema) -> list[str]:
    """What differs between two schemas once :func:`comparable`, as ``path: expected != actual`` lines."""
    out: list[str] = []
    _diff(comparable(expected), comparable(actual), "schema", out)
    return out


# --- canonical forms -------------------------------------------------------------------------------


def _table(table: Table, flavour_name: str) -> Table:
    flavour = get_flavour(flavour_name)
    is_mysql = flavour.NAME == "mysql"
    is_postgres = flavour.NAME == "postgres"
    columns = tuple(_column(c, table, flavour_name) for c in table.columns)
    pk = table.primary_key
    if pk is not None:
        pk = PrimaryKey(
            tuple(
                IndexColumn(c.name, _sort(c.sort) if is_mysql else None, c.length if is_mysql else None)
                for c in pk.columns
            ),
            pk.name,
        )
    fk_names = {(fk.name, fk.columns) for fk in table.foreign_keys}
    indexes = tuple(
        Index(
            i.name,
            i.kind,
            tuple(
                IndexColumn(
                    c.name,
                    _sort(c.sort),
                    c.length if is_mysql else None,
                    operator_class_sql(c.operator_class) if is_postgres and c.operator_class else None,
                )
                for c in i.columns
            ),
            i.algorithm if is_postgres else None,
        )
        for i in sorted(table.indexes, key=lambda i: i.name)
        if not (is_mysql and i.kind == "normal" and (i.name, i.column_names) in fk_names)
    )
    fks = tuple(
        replace(fk, on_delete=_action(fk.on_delete, is_mysql), on_update=_action(fk.on_update, is_mysql))
        for fk in sorted(table.foreign_keys, key=lambda fk: (fk.name or "", fk.columns))
    )
    return Table(table.name, columns, pk, indexes, fks, table.schema)


def _action(action: ForeignKeyAction, is_mysql: bool) -> ForeignKeyAction:
    return "Restrict" if is_mysql and action == "SetDefault" else action


def _sort(sort: SortOrder | None) -> SortOrder | None:
    return "Desc" if sort == "Desc" else None


def _column(column: Column, table: Table, flavour_name: str) -> Column:
    flavour = get_flavour(flavour_name)
    ctype = column.type
    if flavour.ENUMS == "text" and ctype.family == "Enum":
        ctype = ColumnType("String", ctype.arity, ctype.native)
    if ctype.family == "Unsupported" and ctype.description is not None:
        ctype = _unsupported(ctype, ctype.description, flavour.NAME)
    if ctype.native is not None:
        ctype = replace(ctype, native=_native(ctype.native, flavour.NAME))
    autoincrement = column.autoincrement
    if flavour.IMPLICIT_AUTOINCREMENT_ID:
        autoincrement = table.is_single_primary_key(column.name) and ctype.family == "Int"
    return Column(column.name, ctype, _default(column.default, ctype, flavour.NAME), autoincrement)


def _native(native: NativeType, flavour_name: str) -> NativeType:
    """The arguments the server gives a type written without them (or with its default ones)."""
    args = tuple(int(a) if isinstance(a, str) and a.isdigit() else a for a in native.args)
    if flavour_name == "mysql" and native.name in _MYSQL_TIME and args == (0,):
        args = ()
    elif flavour_name == "mysql" and native.name == "Decimal" and not args:
        args = (10, 0)
    elif flavour_name == "postgres" and native.name in ("Char", "Bit") and not args:
        args = (1,)
    return NativeType(native.name, args)


def _unsupported(ctype: ColumnType, description: str, flavour_name: str) -> ColumnType:
    """An ``Unsupported("...")`` type the database knows as a Prisma type is that type."""
    spelled = " ".join(description.split()).lower()
    if flavour_name == "sqlite":
        family = sqlite.family_of(spelled)
        if family is not None:
            return ColumnType(family, ctype.arity)
    if flavour_name == "postgres":
        known = postgres.SPELLINGS.get(spelled)
        found = postgres.native_type(known, -1) if known is not None else None
        if found is not None:
            return ColumnType(found[0], ctype.arity, found[1])
    return replace(ctype, description=spelled)


def _default(default: DefaultValue | None, ctype: ColumnType, flavour_name: str) -> DefaultValue | None:
    no_defaults = get_flavour(flavour_name).NO_DEFAULT_FAMILIES
    if default is None or default.kind == "sequence":
        return None
    if default.kind == "now":
        return DefaultValue("now")
    if default.kind == "dbgenerated":
        return None if default.value is None else DefaultValue("dbgenerated", GENERATED)
    if ctype.family in no_defaults:
        return None
    value_type = "String" if default.value_type == "Enum" and ctype.family == "String" else default.value_type
    kind = _time_kind(ctype, flavour_name)
    return DefaultValue("value", _value(default.value, value_type or ctype.family, kind), value_type)


def _time_kind(ctype: ColumnType, flavour_name: str) -> str:
    """What a DateTime default keeps: an ``instant`` (compared in UTC) or, on PostgreSQL's types
    without a time zone, the ``local`` wall time (the offset is dropped); on ``Date`` and ``Time``
    columns only that part (MySQL's DDL writes the instant in UTC first)."""
    name = ctype.native.name if ctype.native is not None else ""
    local = flavour_name == "postgres" and name in ("Timestamp", "Date", "Time", "Timetz")
    part = "date" if name == "Date" else ("time" if name in ("Time", "Timetz") else "")
    return f"{'local' if local else 'instant'}{'-' + part if part else ''}"


def _value(value: object, value_type: str, time_kind: str = "instant") -> object:
    if isinstance(value, tuple | list):
        items: tuple[object, ...] = tuple(value)  # pyright: ignore[reportUnknownArgumentType, reportUnknownVariableType]
        return tuple(_value(v, value_type, time_kind) for v in items)
    if value_type == "Decimal" or (value_type == "Float" and not isinstance(value, bool)):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return value
        return str(number.normalize()) if value_type == "Decimal" else float(number)
    if value_type in ("Int", "BigInt") and isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return value
    if value_type == "Boolean" and isinstance(value, str):
        return value.lower() in ("true", "t", "1")
    if value_type == "Json":
        try:
            return json.dumps(json.loads(str(value)), sort_keys=True, separators=(",", ":"))
        except ValueError:
            return value
    if value_type == "Bytes":
        if isinstance(value, bytes):
            return value
        try:
            return base64.b64decode(str(value), validate=True)
        except (binascii.Error, ValueError):
            return str(value).encode()
    if value_type == "DateTime":
        return _datetime(value, time_kind)
    return value


def _datetime(value: object, time_kind: str) -> object:
    if isinstance(value, datetime):
        dt = value
    else:
        text = _OFFSET_SPACE.sub(r"\1", str(value).strip())
        text = re.sub(r"([+-]\d{2})$", r"\1:00", text)
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            try:
                return time.fromisoformat(text).replace(tzinfo=None).isoformat()
            except ValueError:
                return value
    if dt.utcoffset() is not None:
        dt = dt.replace(tzinfo=None) if time_kind.startswith("local") else dt.astimezone(UTC).replace(tzinfo=None)
    if time_kind.endswith("-date"):
        return dt.date().isoformat()
    if time_kind.endswith("-time"):
        return dt.time().isoformat()
    return dt.isoformat()


# --- differences -----------------------------------------------------------------------------------


def _diff(a: object, b: object, path: str, out: list[str]) -> None:
    if a == b:
        return
    if is_dataclass(a) and is_dataclass(b) and type(a) is type(b):
        for f in fields(a):
            _diff(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}", out)
        return
    if isinstance(a, tuple) and isinstance(b, tuple):
        left: tuple[object, ...] = a  # pyright: ignore[reportUnknownVariableType]
        right: tuple[object, ...] = b  # pyright: ignore[reportUnknownVariableType]
        keyed_a = {_key(x, i): x for i, x in enumerate(left)}
        keyed_b = {_key(x, i): x for i, x in enumerate(right)}
        if len(keyed_a) == len(left) and len(keyed_b) == len(right):
            for k in dict.fromkeys((*keyed_a, *keyed_b)):
                if k not in keyed_b:
                    out.append(f"{path}[{k}]: only expected")
                elif k not in keyed_a:
                    out.append(f"{path}[{k}]: only described")
                else:
                    _diff(keyed_a[k], keyed_b[k], f"{path}[{k}]", out)
            if list(keyed_a) != list(keyed_b) and set(keyed_a) == set(keyed_b):
                out.append(f"{path}: order {list(keyed_a)} != {list(keyed_b)}")
            return
    out.append(f"{path}: {a!r} != {b!r}")


def _key(item: object, index: int) -> str:
    name = getattr(item, "name", None)
    return str(name) if isinstance(name, str) else str(index)
