"""How a column changes between two schemas: arity, default, type (and how castable), autoincrement.

Follows Prisma's schema differ (``sql_schema_differ/column.rs`` and the flavours'
``column_type_change``): a type change is a safe cast, a risky cast, or not castable (the
column is then dropped and recreated on PostgreSQL).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from refrakt.migrate._diff_casts import postgres_cast
from refrakt.migrate._schema import Column, DefaultValue, NativeType, SqlSchema

TypeChange = Literal["safe", "risky", "not_castable"]


@dataclass(frozen=True, slots=True)
class ColumnChanges:
    """What differs between two columns of the same name (Prisma's ``ColumnChanges``)."""

    arity: bool = False
    default: bool = False
    type: bool = False
    autoincrement: bool = False
    type_change: TypeChange | None = None

    @property
    def any(self) -> bool:
        return self.arity or self.default or self.type or self.autoincrement

    @property
    def only_default(self) -> bool:
        return self.default and not (self.arity or self.type or self.autoincrement)


def column_changes(
    previous: Column, next_: Column, schemas: tuple[SqlSchema, SqlSchema], flavour: str
) -> ColumnChanges:
    type_change = _type_change(previous, next_, schemas, flavour)
    autoincrement = flavour != "sqlite" and previous.autoincrement != next_.autoincrement
    return ColumnChanges(
        arity=previous.type.arity != next_.type.arity,
        default=not _defaults_match(previous, next_, flavour),
        type=type_change is not None,
        autoincrement=autoincrement,
        type_change=type_change,
    )


# --- types ------------------------------------------------------------------------------------------


def _enum_values(column: Column, schema: SqlSchema) -> tuple[str, ...] | None:
    name = column.type.enum
    if name is None:
        return None
    return next((e.values for e in schema.enums if e.name == name), ())


def _type_change(
    previous: Column, next_: Column, schemas: tuple[SqlSchema, SqlSchema], flavour: str
) -> TypeChange | None:
    p, n = previous.type, next_.type
    if flavour == "sqlite":
        # SQLite keeps enums as text: an enum column is a String column there.
        before, after = _sqlite_family(p.family), _sqlite_family(n.family)
        if (before, p.description) == (after, n.description):
            return None
        return "safe" if after == "String" else "risky"
    if flavour == "mysql":
        return _mysql_type_change(previous, next_, schemas)
    p_enum = (p.enum, _enum_schema(p.enum, schemas[0])) if p.family == "Enum" else None
    n_enum = (n.enum, _enum_schema(n.enum, schemas[1])) if n.family == "Enum" else None
    if p_enum is not None or n_enum is not None:
        return None if p_enum == n_enum else "not_castable"
    from_list, to_list = p.is_list and not n.is_list, not p.is_list and n.is_list
    if from_list and n.native is not None:
        if n.native.name == "Text" or (n.native.name == "VarChar" and not n.native.args):
            return "safe"
        if n.native.name in ("VarChar", "Char"):
            return "risky"
    if from_list or to_list:
        return "not_castable"
    if p.family == "Unsupported" or n.family == "Unsupported":
        return None if (p.family, p.description) == (n.family, n.description) else "risky"
    if p.native is None or n.native is None:
        return None if p.family == n.family else "risky"
    return postgres_cast(p.native, n.native)


def _sqlite_family(family: str) -> str:
    return "String" if family == "Enum" else family


def _enum_schema(name: str | None, schema: SqlSchema) -> str | None:
    return next((e.schema for e in schema.enums if e.name == name), None)


def _mysql_type_change(previous: Column, next_: Column, schemas: tuple[SqlSchema, SqlSchema]) -> TypeChange | None:
    p, n = previous.type, next_.type
    if p.family == "Enum" and n.family == "Enum":
        before, after = _enum_values(previous, schemas[0]) or (), _enum_values(next_, schemas[1]) or ()
        if before == after:
            return None
        return "safe" if set(before) <= set(after) else "risky"
    if (p.family, _mysql_native(p.native), p.description) == (n.family, _mysql_native(n.native), n.description):
        return None
    if p.family == "Enum" or n.family == "Enum":
        return "risky"
    before, after = _mysql_kind(p.native), _mysql_kind(n.native)
    if (before, after) in _MYSQL_NOT_CASTABLE and not _mysql_date_to_number(p.native, n.native):
        return "not_castable"
    return "risky"


def _mysql_date_to_number(previous: NativeType | None, nxt: NativeType | None) -> bool:
    """Dates and times fit in a BIGINT; a DATE fits in INT, DECIMAL and floats as well."""
    if previous is None or nxt is None:
        return False
    wide = {"BigInt", "UnsignedBigInt"}
    if previous.name == "Date":
        wide |= {"Int", "UnsignedInt", "Decimal", "Float", "Double"}
    return nxt.name in wide


_MYSQL_KINDS: dict[str, str] = {
    **dict.fromkeys(("Date", "DateTime", "Timestamp", "Time"), "time"),
    **dict.fromkeys(("TinyBlob", "Blob", "MediumBlob", "LongBlob"), "blob"),
    **dict.fromkeys(("Binary", "VarBinary"), "binary"),
    **dict.fromkeys(("Char", "VarChar", "TinyText", "Text", "MediumText", "LongText"), "string"),
    "Json": "json",
}
_MYSQL_NOT_CASTABLE = frozenset(
    {
        ("numeric", "time"),
        ("numeric", "json"),
        ("time", "numeric"),
        ("time", "json"),
        ("blob", "numeric"),
        ("blob", "time"),
        ("blob", "json"),
        ("binary", "time"),
        ("binary", "json"),
    }
)
"""Kinds of MySQL types between which Prisma drops and recreates the column (``mysql/schema_differ.rs``,
condensed: numbers and dates, blobs and anything but text, JSON and anything but text)."""


def _mysql_kind(native: NativeType | None) -> str:
    return "other" if native is None else _MYSQL_KINDS.get(native.name, "numeric")


_MYSQL_TIMES = frozenset({"DateTime", "Timestamp", "Time"})


def _mysql_native(native: NativeType | None) -> NativeType | None:
    """``Timestamp`` is ``Timestamp(0)`` on MySQL (the default precision)."""
    if native is not None and native.name in _MYSQL_TIMES and not native.args:
        return NativeType(native.name, (0,))
    return native


# --- defaults ---------------------------------------------------------------------------------------


def _json_equal(a: object, b: object) -> bool:
    try:
        return json.loads(str(a)) == json.loads(str(b))
    except ValueError:
        return True


def _value_key(default: DefaultValue) -> tuple[str | None, str]:
    kind = default.value_type
    if kind in ("Enum", "String"):
        kind = "String"
    elif kind in ("Int", "BigInt"):
        kind = "Int"
    value = default.value
    if kind in ("Decimal", "Float", "Int"):
        try:
            return "Number", str(Decimal(str(value)).normalize())
        except ArithmeticError:
            pass
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    return kind, text


def _expression(value: object) -> str:
    """A ``dbgenerated`` expression compared case-insensitively, outer parentheses aside (SQLite
    reports ``DEFAULT (1 + 1)`` as ``1 + 1``)."""
    text = str(value).strip().lower()
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _defaults_match(previous: Column, next_: Column, flavour: str) -> bool:
    if flavour == "mysql" and {"Json", "Bytes"} & {previous.type.family, next_.type.family}:
        # MySQL has no literal defaults on these columns: refrakt (like Prisma for Json) leaves them out.
        return True
    prev, nxt = previous.default, next_.default
    if nxt is not None and nxt.kind == "dbgenerated" and nxt.value is None:
        return True
    if prev is None or nxt is None:
        if prev is not None and prev.kind == "sequence":
            return True
        return prev is None and nxt is None
    if nxt.kind == "sequence":
        return True
    names_match = prev.constraint_name == nxt.constraint_name
    if prev.kind == "value" and nxt.kind == "value":
        if "DateTime" in (prev.value_type, nxt.value_type):
            return True
        a: object = prev.value
        b: object = nxt.value
        if isinstance(a, tuple) or isinstance(b, tuple):
            return a == b
        if "Json" in (prev.value_type, nxt.value_type):
            return _json_equal(prev.value, nxt.value) and names_match
        return _value_key(prev) == _value_key(nxt) and names_match
    if "DateTime" in (prev.value_type, nxt.value_type):
        return True
    if prev.kind == "now" and nxt.kind == "now":
        return True
    if prev.kind == "dbgenerated" and nxt.kind == "dbgenerated":
        return _expression(prev.value) == _expression(nxt.value) and names_match
    return False
