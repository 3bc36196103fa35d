"""SQLite catalogue rows (``sqlite_master`` and the ``pragma_*`` table functions) into a ``SqlSchema``.

Column types are the declared type names of the ``CREATE TABLE``, read back to the Prisma type
that writes them (``INTEGER`` Int, ``JSONB`` Json...; anything else is ``Unsupported``). Enums
are plain ``TEXT`` there, so an enum column describes as a ``String``. A single ``INTEGER``
primary key is the rowid and autoincrements, as in Prisma's describer. Foreign key names are
only in the table's SQL text, where ``CONSTRAINT "name" FOREIGN KEY (...)`` gives them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from refrakt.migrate._schema import (
    Column,
    ColumnType,
    DefaultValue,
    ForeignKey,
    Index,
    IndexColumn,
    PrimaryKey,
    SqlSchema,
    Table,
    View,
)
from refrakt.migrate.describers._common import ACTIONS, Catalogue, Query, hex_to_base64, typed_value, unquote

FAMILIES: Mapping[str, str] = {
    "integer": "Int",
    "int": "Int",
    "bigint": "BigInt",
    "unsigned big int": "BigInt",
    "boolean": "Boolean",
    "text": "String",
    "real": "Float",
    "float": "Float",
    "double": "Float",
    "decimal": "Decimal",
    "numeric": "Decimal",
    "datetime": "DateTime",
    "date": "DateTime",
    "timestamp": "DateTime",
    "blob": "Bytes",
    "binary": "Bytes",
    "serial": "Int",
    "jsonb": "Json",
    "json": "Json",
}

_SYSTEM = "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.type = 'table'"

QUERIES: Mapping[str, str] = {
    "tables": (
        "SELECT m.type, m.name, m.sql FROM sqlite_master m"
        " WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.rowid"
    ),
    "columns": (
        'SELECT m.name, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk'
        f" FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE {_SYSTEM} ORDER BY m.rowid, p.cid"
    ),
    "indexes": (
        'SELECT m.name, il.name, il."unique", il.origin, ii.seqno, ii.name, ii."desc"'
        " FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii"
        " LEFT JOIN sqlite_master mi ON mi.type = 'index' AND mi.name = il.name"
        f" WHERE {_SYSTEM} AND ii.key = 1 ORDER BY m.rowid, mi.rowid, il.name, ii.seqno"
    ),
    "foreign_keys": (
        'SELECT m.name, f.id, f.seq, f."table", f."from", f."to", f.on_update, f.on_delete'
        f" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE {_SYSTEM}"
        " ORDER BY m.rowid, f.id DESC, f.seq"
    ),
}

_FK_NAME = re.compile(r'CONSTRAINT\s+"((?:[^"]|"")+)"\s+FOREIGN\s+KEY\s*\(([^)]*)\)', re.IGNORECASE)


def queries() -> dict[str, Query]:
    """The catalogue queries, by key (no parameters: SQLite has one schema per file)."""
    return {key: (sql, ()) for key, sql in QUERIES.items()}


def family_of(declared: str) -> str | None:
    """The Prisma type of a declared column type (Prisma's rules: ``VARCHAR(3)`` is a String), or ``None``."""
    lowered = " ".join(declared.lower().split())
    family = FAMILIES.get(lowered)
    if family is not None:
        return family
    for part, found in (("char", "String"), ("text", "String"), ("numeric", "Decimal"), ("decimal", "Decimal")):
        if part in lowered:
            return found
    return None


def column_type(declared: str, nullable: bool) -> ColumnType:
    arity = "nullable" if nullable else "required"
    family = family_of(declared)
    if family is None:
        return ColumnType("Unsupported", arity, description=declared)
    return ColumnType(family, arity)


def parse_default(text: str | None, family: str) -> DefaultValue | None:
    """A ``dflt_value`` as the default Prisma's schema would give it; unknown text is ``dbgenerated``."""
    if text is None:
        return None
    stripped = text.strip()
    if stripped.upper() == "NULL":
        return None
    if stripped.upper() == "CURRENT_TIMESTAMP" and family == "DateTime":
        return DefaultValue("now")
    literal = unquote(stripped)
    value: object | None = None
    if family == "Bytes" and literal is not None:
        value = hex_to_base64(literal)
    elif family != "Unsupported":
        value = typed_value(family, literal if literal is not None else stripped)
        if literal is None and family in ("String", "Json", "DateTime"):
            value = None  # an unquoted word is an expression there
    if value is None:
        return DefaultValue("dbgenerated", stripped)
    return DefaultValue("value", value, family)


def _fk_names(sql: str) -> dict[tuple[str, ...], str]:
    names: dict[tuple[str, ...], str] = {}
    for name, columns in _FK_NAME.findall(sql or ""):
        key = tuple(c.strip().strip('"').replace('""', '"') for c in columns.split(","))
        names.setdefault(key, name.replace('""', '"'))
    return names


def build(rows: Catalogue) -> SqlSchema:
    """The :class:`SqlSchema` of an SQLite database from the rows of :func:`queries`."""
    sql_of: dict[str, str] = {}
    views: list[View] = []
    for kind, name, sql in rows["tables"]:
        if kind == "view":
            views.append(View(name, sql))
        else:
            sql_of[name] = sql or ""

    columns: dict[str, list[Column]] = {name: [] for name in sql_of}
    pk_columns: dict[str, list[tuple[int, str, str]]] = {}
    for table, _cid, name, declared, notnull, default, pk in rows["columns"]:
        ctype = column_type(declared or "", not notnull)
        columns[table].append(Column(name, ctype, parse_default(default, ctype.family)))
        if pk:
            pk_columns.setdefault(table, []).append((int(pk), name, (declared or "").strip().upper()))

    primary_keys: dict[str, PrimaryKey] = {}
    for table, cols in pk_columns.items():
        cols.sort()
        primary_keys[table] = PrimaryKey(tuple(IndexColumn(name) for _, name, _ in cols))
        if len(cols) == 1 and cols[0][2] == "INTEGER":  # the rowid: autoincrements
            columns[table] = [
                Column(c.name, c.type, c.default, True) if c.name == cols[0][1] else c for c in columns[table]
            ]

    indexes: dict[str, dict[str, tuple[bool, list[IndexColumn]]]] = {}
    for table, index, unique, origin, _seqno, column, desc in rows["indexes"]:
        if origin == "pk" or column is None:
            continue
        entry = indexes.setdefault(table, {}).setdefault(index, (bool(unique), []))
        entry[1].append(IndexColumn(column, "Desc" if desc else None))

    fks: dict[str, dict[int, tuple[str, list[str], list[str | None], str, str]]] = {}
    for table, fk_id, _seq, ref_table, column, ref_column, on_update, on_delete in rows["foreign_keys"]:
        entry = fks.setdefault(table, {}).setdefault(fk_id, (ref_table, [], [], on_update, on_delete))
        entry[1].append(column)
        entry[2].append(ref_column)

    tables: list[Table] = []
    for name, sql in sql_of.items():
        names = _fk_names(sql)
        foreign_keys: list[ForeignKey] = []
        for ref_table, cols, ref_cols, on_update, on_delete in fks.get(name, {}).values():
            if any(c is None for c in ref_cols):  # REFERENCES t without columns: t's primary key
                pk = primary_keys.get(ref_table)
                ref_cols = list(pk.column_names) if pk is not None else []
            foreign_keys.append(
                ForeignKey(
                    names.get(tuple(cols)),
                    tuple(cols),
                    ref_table,
                    tuple(c or "" for c in ref_cols),
                    ACTIONS.get(str(on_delete).upper(), "NoAction"),
                    ACTIONS.get(str(on_update).upper(), "NoAction"),
                )
            )
        table_indexes = tuple(
            Index(index, "unique" if unique else "normal", tuple(cols))
            for index, (unique, cols) in indexes.get(name, {}).items()
        )
        tables.append(Table(name, tuple(columns[name]), primary_keys.get(name), table_indexes, tuple(foreign_keys)))
    return SqlSchema("sqlite", tuple(tables), views=tuple(views))


__all__ = ["FAMILIES", "QUERIES", "build", "column_type", "family_of", "parse_default", "queries"]
