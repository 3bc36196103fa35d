"""MySQL and MariaDB catalogue rows (``information_schema`` of the connection's database) into a
``SqlSchema``.

Column types are read from ``COLUMN_TYPE`` (display widths dropped): ``tinyint(1)`` is a
``Boolean``, other integers ``Int``, ``bigint`` a ``BigInt``, ``unsigned`` gives the
``Unsigned*`` native types. An ``ENUM(...)`` column gets its own enum named ``Table_column``,
as the calculated schema names it. MariaDB's ``JSON`` is a ``LONGTEXT`` with a
``json_valid(...)`` check, which makes it a ``Json`` column again. Defaults follow each
server's ``COLUMN_DEFAULT`` spelling: MariaDB quotes literals and writes ``NULL`` for no
default, MySQL marks expressions ``DEFAULT_GENERATED``. Primary keys are unnamed (MySQL names
them all ``PRIMARY``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from refrakt.migrate._schema import (
    Column,
    ColumnType,
    DefaultValue,
    Enum,
    ForeignKey,
    Index,
    IndexColumn,
    IndexKind,
    NativeType,
    NativeTypeArg,
    PrimaryKey,
    SqlSchema,
    Table,
    View,
)
from refrakt.migrate.describers._common import ACTIONS, Catalogue, Query, split_top_level, typed_value, unquote

_HERE = "TABLE_SCHEMA = DATABASE()"

QUERIES: Mapping[str, str] = {
    "tables": (
        f"SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE {_HERE} ORDER BY CREATE_TIME, TABLE_NAME"
    ),
    "views": f"SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE {_HERE} ORDER BY TABLE_NAME",
    "columns": (
        "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA"
        f" FROM information_schema.COLUMNS WHERE {_HERE} ORDER BY TABLE_NAME, ORDINAL_POSITION"
    ),
    "indexes": (
        "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, COLLATION"
        f" FROM information_schema.STATISTICS WHERE {_HERE} ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"
    ),
    "foreign_keys": (
        "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,"
        " r.DELETE_RULE, r.UPDATE_RULE FROM information_schema.KEY_COLUMN_USAGE k"
        " JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA"
        " AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME"
        " WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL"
        " ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION"
    ),
}
MARIADB_CHECKS = (
    "SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()"
)
VERSION: Query = ("SELECT VERSION()", ())

_TYPE = re.compile(r"^(\w+)(?:\((.*)\))?((?:\s+\w+)*)$", re.DOTALL)
_JSON_CHECK = re.compile(r"^json_valid\(`((?:[^`]|``)+)`\)$", re.IGNORECASE)
_INTEGERS: Mapping[str, tuple[str, str]] = {
    "int": ("Int", "Int"),
    "smallint": ("Int", "SmallInt"),
    "tinyint": ("Int", "TinyInt"),
    "mediumint": ("Int", "MediumInt"),
    "bigint": ("BigInt", "BigInt"),
}
_PLAIN: Mapping[str, tuple[str, str]] = {
    "float": ("Float", "Float"),
    "double": ("Float", "Double"),
    "tinyblob": ("Bytes", "TinyBlob"),
    "blob": ("Bytes", "Blob"),
    "mediumblob": ("Bytes", "MediumBlob"),
    "longblob": ("Bytes", "LongBlob"),
    "tinytext": ("String", "TinyText"),
    "text": ("String", "Text"),
    "mediumtext": ("String", "MediumText"),
    "longtext": ("String", "LongText"),
    "date": ("DateTime", "Date"),
    "year": ("Int", "Year"),
    "json": ("Json", "Json"),
}
_SIZED: Mapping[str, tuple[str, str]] = {
    "char": ("String", "Char"),
    "varchar": ("String", "VarChar"),
    "binary": ("Bytes", "Binary"),
    "varbinary": ("Bytes", "VarBinary"),
    "time": ("DateTime", "Time"),
    "datetime": ("DateTime", "DateTime"),
    "timestamp": ("DateTime", "Timestamp"),
    "decimal": ("Decimal", "Decimal"),
}
_ESCAPES: Mapping[str, str] = {"0": "\0", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a", "b": "\b"}


def queries(*, mariadb: bool) -> dict[str, Query]:
    """The catalogue queries, by key (MariaDB adds its check constraints, for ``JSON`` columns)."""
    found = {key: (sql, ()) for key, sql in QUERIES.items()}
    if mariadb:
        found["checks"] = (MARIADB_CHECKS, ())
    return found


def enum_values(column_type: str) -> tuple[str, ...]:
    """``enum('a','b')`` -> ``("a", "b")``."""
    inner = column_type[column_type.index("(") + 1 : column_type.rindex(")")]
    return tuple(_unescape(unquote(v) or v) for v in split_top_level(inner))


def column_type(table: str, name: str, column_type_text: str, nullable: bool, is_json: bool) -> ColumnType:
    """The column's type; an ``ENUM`` column's enum is ``Table_column``."""
    arity = "nullable" if nullable else "required"
    text = column_type_text.strip()
    match = _TYPE.match(text)
    if match is None:
        return ColumnType("Unsupported", arity, description=text)
    base, args_text, flags = match.group(1).lower(), match.group(2), (match.group(3) or "").lower().split()
    unsigned = "unsigned" in flags
    if base == "enum":
        return ColumnType("Enum", arity, enum=f"{table}_{name}")
    if is_json and base == "longtext":
        return ColumnType("Json", arity, NativeType("Json"))
    args: tuple[NativeTypeArg, ...] = tuple(int(a) for a in args_text.split(",")) if args_text else ()
    if base in _INTEGERS:
        family, native = _INTEGERS[base]
        if base == "tinyint" and args == (1,) and not unsigned:
            return ColumnType("Boolean", arity, NativeType("TinyInt"))
        if unsigned:
            native = "Unsigned" + native
        return ColumnType(family, arity, NativeType(native))
    if base == "bit":
        if args == (1,):
            return ColumnType("Boolean", arity, NativeType("Bit", args))
        return ColumnType("Bytes", arity, NativeType("Bit", args))
    if base in _PLAIN and not flags:
        family, native = _PLAIN[base]
        return ColumnType(family, arity, NativeType(native))
    if base in _SIZED and not flags:
        family, native = _SIZED[base]
        return ColumnType(family, arity, NativeType(native, args))
    return ColumnType("Unsupported", arity, description=text)


def _unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(_ESCAPES.get(text[i + 1], text[i + 1]))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def parse_default(text: str | None, family: str, extra: str, *, mariadb: bool) -> DefaultValue | None:
    """A ``COLUMN_DEFAULT`` as the default of Prisma's schema; unknown text is ``dbgenerated``."""
    if text is None:
        return None
    stripped = text.strip()
    generated = "default_generated" in extra.lower()
    if mariadb and stripped.upper() == "NULL":
        return None
    if stripped.lower().startswith("current_timestamp") and family == "DateTime" and (mariadb or generated):
        return DefaultValue("now")
    if family in ("Unsupported", "Json", "Bytes") or generated:
        return DefaultValue("dbgenerated", stripped)
    if mariadb:
        literal = unquote(stripped)
        if literal is None:
            if family in ("String", "Enum", "DateTime"):
                return DefaultValue("dbgenerated", stripped)
            value = typed_value(family, stripped)
        else:
            value = typed_value(family, _unescape(literal))
    else:
        value = typed_value(family, stripped)
    if value is None:
        return DefaultValue("dbgenerated", stripped)
    return DefaultValue("value", value, family)


def build(rows: Catalogue, *, mariadb: bool) -> SqlSchema:
    """The :class:`SqlSchema` of the connection's database from the rows of :func:`queries`."""
    json_columns: set[tuple[str, str]] = set()
    for table, clause in rows.get("checks", ()):
        match = _JSON_CHECK.match(str(clause).strip())
        if match is not None:
            json_columns.add((table, match.group(1).replace("``", "`")))

    view_names = {name for name, kind in rows["tables"] if kind == "VIEW"}
    table_names = [name for name, kind in rows["tables"] if kind == "BASE TABLE"]
    columns: dict[str, list[Column]] = {name: [] for name in table_names}
    enums: list[Enum] = []
    for table, name, _data_type, type_text, nullable, default, extra in rows["columns"]:
        if table not in columns:
            continue
        ctype = column_type(table, name, str(type_text), nullable == "YES", (table, name) in json_columns)
        if ctype.enum is not None:
            enums.append(Enum(ctype.enum, enum_values(str(type_text))))
        parsed = parse_default(default, ctype.family, str(extra or ""), mariadb=mariadb)
        autoincrement = "auto_increment" in str(extra or "").lower()
        columns[table].append(Column(name, ctype, parsed, autoincrement))

    pks: dict[str, PrimaryKey] = {}
    index_parts: dict[str, dict[str, tuple[IndexKind, list[IndexColumn]]]] = {}
    for table, index, non_unique, index_type, _seq, column, sub_part, collation in rows["indexes"]:
        if table not in columns or column is None:
            continue
        kind: IndexKind = (
            "fulltext" if str(index_type).upper() == "FULLTEXT" else ("normal" if int(non_unique) else "unique")
        )
        length = int(sub_part) if sub_part is not None else None
        entry = index_parts.setdefault(table, {}).setdefault(index, (kind, []))
        entry[1].append(IndexColumn(column, "Desc" if collation == "D" else None, length))
    table_indexes: dict[str, list[Index]] = {}
    for table, by_name in index_parts.items():
        for index, (kind, cols) in by_name.items():
            if index == "PRIMARY":
                pks[table] = PrimaryKey(tuple(cols))
            else:
                table_indexes.setdefault(table, []).append(Index(index, kind, tuple(cols)))

    fk_parts: dict[str, dict[str, tuple[str, str, str, list[str], list[str]]]] = {}
    for table, name, column, ref_table, ref_column, on_delete, on_update in rows["foreign_keys"]:
        entry = fk_parts.setdefault(table, {}).setdefault(name, (ref_table, on_delete, on_update, [], []))
        entry[3].append(column)
        entry[4].append(ref_column)

    tables = tuple(
        Table(
            name,
            tuple(columns[name]),
            pks.get(name),
            tuple(table_indexes.get(name, ())),
            tuple(
                ForeignKey(
                    fk,
                    tuple(cols),
                    ref_table,
                    tuple(ref_cols),
                    ACTIONS.get(str(on_delete).upper(), "NoAction"),
                    ACTIONS.get(str(on_update).upper(), "NoAction"),
                )
                for fk, (ref_table, on_delete, on_update, cols, ref_cols) in fk_parts.get(name, {}).items()
            ),
        )
        for name in table_names
    )
    views = tuple(View(name, definition) for name, definition in rows["views"] if name in view_names)
    return SqlSchema("mysql", tables, tuple(enums), views=views)


__all__ = ["MARIADB_CHECKS", "QUERIES", "VERSION", "build", "column_type", "enum_values", "parse_default", "queries"]
