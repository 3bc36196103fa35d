"""PostgreSQL catalogue rows (``pg_catalog``) into a ``SqlSchema``, for one or several namespaces.

Types come back as Prisma's native types with the arguments the type modifier holds
(``varchar(255)`` is ``VarChar(255)``, a bare ``varchar`` has none), under the Prisma type
introspection would pick; other types are ``Unsupported`` with their SQL spelling. Array
columns have arity ``list``. Defaults are read from ``pg_get_expr``: ``nextval(...)`` makes
the column autoincrement (its owned sequence is then not listed among ``sequences``),
``CURRENT_TIMESTAMP``/``now()`` is ``now``, literals become values of the column's type, and
anything else is ``dbgenerated`` with the database's text. Index columns carry ``Desc`` and
non-default operator classes (their SQL names); B-tree is the default index algorithm.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from refrakt.migrate._schema import (
    Column,
    ColumnType,
    DefaultValue,
    Enum,
    Extension,
    ForeignKey,
    ForeignKeyAction,
    Index,
    IndexColumn,
    NativeType,
    NativeTypeArg,
    PrimaryKey,
    SqlSchema,
    Table,
    View,
)
from refrakt.migrate._schema import Sequence as DbSequence
from refrakt.migrate.describers._common import (
    Catalogue,
    Query,
    hex_to_base64,
    split_top_level,
    typed_value,
    unquote,
)

# typname -> (Prisma type, native type name, how the type modifier gives its arguments)
TYPES: Mapping[str, tuple[str, str, str]] = {
    "int2": ("Int", "SmallInt", ""),
    "int4": ("Int", "Integer", ""),
    "int8": ("BigInt", "BigInt", ""),
    "oid": ("Int", "Oid", ""),
    "numeric": ("Decimal", "Decimal", "numeric"),
    "money": ("Decimal", "Money", ""),
    "float4": ("Float", "Real", ""),
    "float8": ("Float", "DoublePrecision", ""),
    "varchar": ("String", "VarChar", "length"),
    "bpchar": ("String", "Char", "length"),
    "text": ("String", "Text", ""),
    "citext": ("String", "Citext", ""),
    "inet": ("String", "Inet", ""),
    "uuid": ("String", "Uuid", ""),
    "xml": ("String", "Xml", ""),
    "bit": ("String", "Bit", "bits"),
    "varbit": ("String", "VarBit", "bits"),
    "bytea": ("Bytes", "ByteA", ""),
    "timestamp": ("DateTime", "Timestamp", "precision"),
    "timestamptz": ("DateTime", "Timestamptz", "precision"),
    "date": ("DateTime", "Date", ""),
    "time": ("DateTime", "Time", "precision"),
    "timetz": ("DateTime", "Timetz", "precision"),
    "bool": ("Boolean", "Boolean", ""),
    "json": ("Json", "Json", ""),
    "jsonb": ("Json", "JsonB", ""),
}

SPELLINGS: Mapping[str, str] = {
    "smallint": "int2",
    "int2": "int2",
    "integer": "int4",
    "int": "int4",
    "int4": "int4",
    "bigint": "int8",
    "int8": "int8",
    "oid": "oid",
    "numeric": "numeric",
    "decimal": "numeric",
    "money": "money",
    "real": "float4",
    "float4": "float4",
    "double precision": "float8",
    "float8": "float8",
    "character varying": "varchar",
    "varchar": "varchar",
    "text": "text",
    "citext": "citext",
    "inet": "inet",
    "uuid": "uuid",
    "xml": "xml",
    "bit varying": "varbit",
    "varbit": "varbit",
    "bytea": "bytea",
    "timestamp without time zone": "timestamp",
    "timestamp": "timestamp",
    "timestamp with time zone": "timestamptz",
    "timestamptz": "timestamptz",
    "date": "date",
    "time without time zone": "time",
    "time": "time",
    "time with time zone": "timetz",
    "timetz": "timetz",
    "boolean": "bool",
    "bool": "bool",
    "json": "json",
    "jsonb": "jsonb",
}
"""SQL spellings of the built-in types without a modifier (``Unsupported("money")`` is a Money column)."""

ALGORITHMS: Mapping[str, str | None] = {
    "btree": None,
    "hash": "Hash",
    "gist": "Gist",
    "gin": "Gin",
    "spgist": "SpGist",
    "brin": "Brin",
}
ACTIONS: Mapping[str, ForeignKeyAction] = {
    "a": "NoAction",
    "r": "Restrict",
    "c": "Cascade",
    "n": "SetNull",
    "d": "SetDefault",
}

_IN = "n.nspname = ANY($1::text[])"

QUERIES: Mapping[str, str] = {
    "namespaces": f"SELECT n.nspname FROM pg_namespace n WHERE {_IN} ORDER BY n.nspname",
    "tables": (
        "SELECT n.nspname, c.relname, c.relkind,"
        " CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        f" WHERE c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition AND {_IN}"
        " ORDER BY n.nspname, c.oid"
    ),
    "columns": (
        "SELECT n.nspname, c.relname, a.attname, a.attnotnull, a.atttypmod, t.typcategory = 'A',"
        " COALESCE(e.typname, t.typname), COALESCE(e.typtype, t.typtype), tn.nspname,"
        " format_type(COALESCE(e.oid, t.oid), a.atttypmod), pg_get_expr(d.adbin, d.adrelid), a.attidentity"
        " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " JOIN pg_type t ON t.oid = a.atttypid"
        " LEFT JOIN pg_type e ON t.typcategory = 'A' AND e.oid = t.typelem"
        " JOIN pg_namespace tn ON tn.oid = COALESCE(e.typnamespace, t.typnamespace)"
        " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        f" WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped AND {_IN}"
        " ORDER BY n.nspname, c.oid, a.attnum"
    ),
    "indexes": (
        "SELECT n.nspname, t.relname, i.relname, ix.indisunique, ix.indisprimary, am.amname, k.ord,"
        " a.attname, (ix.indoption[k.ord - 1] & 1) = 1, opc.opcname, opc.opcdefault"
        " FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid"
        " JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
        " JOIN pg_am am ON am.oid = i.relam"
        " CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)"
        " LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
        " LEFT JOIN pg_opclass opc ON opc.oid = ix.indclass[k.ord - 1]"
        f" WHERE {_IN} AND ix.indpred IS NULL AND k.ord <= ix.indnkeyatts"
        " ORDER BY n.nspname, t.relname, i.oid, k.ord"
    ),
    "foreign_keys": (
        "SELECT n.nspname, t.relname, con.conname, con.confdeltype, con.confupdtype, rn.nspname, rt.relname,"
        " k.ord, a.attname, ra.attname"
        " FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid"
        " JOIN pg_namespace n ON n.oid = t.relnamespace"
        " JOIN pg_class rt ON rt.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rt.relnamespace"
        " CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, refnum, ord)"
        " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
        " JOIN pg_attribute ra ON ra.attrelid = rt.oid AND ra.attnum = k.refnum"
        f" WHERE con.contype = 'f' AND {_IN}"
        " ORDER BY n.nspname, t.relname, con.oid, k.ord"
    ),
    "enums": (
        "SELECT n.nspname, t.typname, e.enumlabel FROM pg_type t"
        " JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace"
        f" WHERE {_IN} ORDER BY n.nspname, t.oid, e.enumsortorder"
    ),
    "sequences": (
        "SELECT n.nspname, c.relname, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,"
        " EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
        " AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i'))"
        " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
        f" WHERE {_IN} ORDER BY n.nspname, c.relname"
    ),
    "extensions": (
        "SELECT x.extname, n.nspname, x.extversion FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace"
        " WHERE x.extname <> 'plpgsql' ORDER BY x.extname"
    ),
}

CURRENT_SCHEMA: Query = ("SELECT current_schema()", ())

_NEXTVAL = re.compile(r"^nextval\('(.*)'::regclass\)$", re.IGNORECASE)
_NOW = frozenset({"current_timestamp", "now()", "localtimestamp", "transaction_timestamp()"})


def queries(namespaces: Sequence[str]) -> dict[str, Query]:
    """The catalogue queries for ``namespaces``, by key (``$1`` is the list of namespaces)."""
    return {key: (sql, () if key == "extensions" else (list(namespaces),)) for key, sql in QUERIES.items()}


def native_type(typname: str, typmod: int) -> tuple[str, NativeType] | None:
    """``(Prisma type, native type)`` of a built-in type with its modifier, or ``None``."""
    entry = TYPES.get(typname)
    if entry is None:
        return None
    family, name, modifier = entry
    args: tuple[NativeTypeArg, ...] = ()
    if typmod >= 0 and modifier:
        if modifier == "numeric":
            args = ((typmod - 4) >> 16, (typmod - 4) & 0xFFFF)
        elif modifier == "length":
            args = (typmod - 4,)
        else:
            args = (typmod,)
    return family, NativeType(name, args)


def _last_cast(text: str) -> int:
    """The position of the last ``::`` outside quotes, parentheses and brackets, or -1."""
    found = -1
    depth = 0
    quote: str | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if quote is not None:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == ":" and depth == 0 and text.startswith("::", i):
            found = i
            i += 1
        i += 1
    return found


def _strip_cast(text: str) -> str:
    """``'a'::text`` -> ``'a'``; ``(1.1)::double precision`` -> ``1.1`` (casts, outer parentheses)."""
    text = text.strip()
    while True:
        cast = _last_cast(text)
        if cast > 0:
            text = text[:cast].strip()
            continue
        if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
            text = text[1:-1].strip()
            continue
        return text


def _balanced(text: str) -> bool:
    depth = 0
    quote: str | None = None
    for ch in text:
        if quote is not None:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 and quote is None


def scalar_value(text: str, family: str) -> object | None:
    text = _strip_cast(text)
    literal = unquote(text)
    if family == "Bytes":
        if literal is not None and literal.startswith("\\x"):
            return hex_to_base64(literal[2:])
        return None
    if literal is None:
        if family in ("String", "Enum", "Json", "DateTime"):
            return None
        if text.upper() == "NULL":
            return None
        return typed_value(family, text)
    return typed_value(family, literal)


def parse_default(text: str | None, family: str, is_list: bool) -> DefaultValue | None:
    """A ``pg_get_expr`` default as the default of Prisma's schema (``sequence`` for ``nextval``)."""
    if text is None:
        return None
    stripped = text.strip()
    sequence = _NEXTVAL.match(stripped)
    if sequence is not None:
        return DefaultValue("sequence", sequence.group(1))
    if stripped.lower() in _NOW and family == "DateTime" and not is_list:
        return DefaultValue("now")
    if family == "Unsupported":
        return DefaultValue("dbgenerated", stripped)
    if is_list:
        items = _array_items(stripped)
        if items is not None:
            values = tuple(scalar_value(item, family) for item in items)
            if all(v is not None for v in values):
                return DefaultValue("value", values, family)
        return DefaultValue("dbgenerated", stripped)
    value = scalar_value(stripped, family)
    if value is None:
        return None if _strip_cast(stripped).upper() == "NULL" else DefaultValue("dbgenerated", stripped)
    return DefaultValue("value", value, family)


def _array_items(text: str) -> list[str] | None:
    body = _strip_cast(text)
    if body.upper().startswith("ARRAY[") and body.endswith("]"):
        inner = body[6:-1].strip()
        return split_top_level(inner) if inner else []
    literal = unquote(body)
    if literal == "{}":
        return []
    return None


def build(rows: Catalogue, *, qualified: bool = False) -> SqlSchema:
    """The :class:`SqlSchema` of the namespaces :func:`queries` read.

    ``qualified``: tables, enums and foreign keys carry their namespace (as the schema of a
    multi-schema data model does); otherwise ``None``.
    """

    def ns(name: str) -> str | None:
        return name if qualified else None

    enums: dict[tuple[str, str], list[str]] = {}
    for schema, name, label in rows["enums"]:
        enums.setdefault((schema, name), []).append(label)

    tables: dict[tuple[str, str], dict[str, object]] = {}
    views: list[View] = []
    for schema, name, kind, definition in rows["tables"]:
        if kind in ("v", "m"):
            views.append(View(name, definition, ns(schema)))
        else:
            tables[(schema, name)] = {"columns": [], "indexes": [], "fks": [], "pk": None}

    columns: dict[tuple[str, str], list[Column]] = {key: [] for key in tables}
    for schema, table, name, notnull, typmod, is_array, typname, typtype, typschema, spelled, default, ident in rows[
        "columns"
    ]:
        arity = "list" if is_array else ("required" if notnull else "nullable")
        if typtype == "e":
            ctype = ColumnType("Enum", arity, enum=typname)
        else:
            known = native_type(typname, typmod) if typschema == "pg_catalog" or typname == "citext" else None
            if known is None:
                ctype = ColumnType("Unsupported", arity, description=spelled)
            else:
                ctype = ColumnType(known[0], arity, known[1])
        parsed = parse_default(default, ctype.family, bool(is_array))
        autoincrement = bool(ident) or (parsed is not None and parsed.kind == "sequence")
        if parsed is not None and parsed.kind == "sequence":
            parsed = None
        columns[(schema, table)].append(Column(name, ctype, parsed, autoincrement))

    pks: dict[tuple[str, str], PrimaryKey] = {}
    index_cols: dict[tuple[str, str], dict[str, tuple[bool, bool, str, list[IndexColumn]]]] = {}
    for schema, table, index, unique, primary, method, _ord, column, desc, opclass, opdefault in rows["indexes"]:
        if (schema, table) not in tables or column is None:
            continue
        entry = index_cols.setdefault((schema, table), {}).setdefault(index, (unique, primary, method, []))
        entry[3].append(IndexColumn(column, "Desc" if desc else None, None, None if opdefault else opclass))
    table_indexes: dict[tuple[str, str], list[Index]] = {}
    for key, by_name in index_cols.items():
        for index, (unique, primary, method, cols) in by_name.items():
            if primary:
                pks[key] = PrimaryKey(tuple(IndexColumn(c.name) for c in cols), index)
            else:
                kind = "unique" if unique else "normal"
                table_indexes.setdefault(key, []).append(
                    Index(index, kind, tuple(cols), ALGORITHMS.get(method, method))
                )

    fk_parts: dict[tuple[str, str], dict[str, tuple[str, str, str, str, list[str], list[str]]]] = {}
    for schema, table, name, on_delete, on_update, ref_schema, ref_table, _ord, column, ref_column in rows[
        "foreign_keys"
    ]:
        entry = fk_parts.setdefault((schema, table), {}).setdefault(
            name, (on_delete, on_update, ref_schema, ref_table, [], [])
        )
        entry[4].append(column)
        entry[5].append(ref_column)

    result: list[Table] = []
    for key in tables:
        fks = tuple(
            ForeignKey(
                name,
                tuple(cols),
                ref_table,
                tuple(ref_cols),
                ACTIONS.get(on_delete, "NoAction"),
                ACTIONS.get(on_update, "NoAction"),
                ns(ref_schema),
            )
            for name, (on_delete, on_update, ref_schema, ref_table, cols, ref_cols) in fk_parts.get(key, {}).items()
        )
        result.append(
            Table(
                key[1],
                tuple(columns[key]),
                pks.get(key),
                tuple(table_indexes.get(key, ())),
                fks,
                ns(key[0]),
            )
        )

    sequences = tuple(
        DbSequence(name, int(start), int(increment), int(minimum), int(maximum), int(cache), ns(schema))
        for schema, name, start, increment, minimum, maximum, cache, owned in rows["sequences"]
        if not owned
    )
    return SqlSchema(
        "postgres",
        tuple(result),
        tuple(Enum(name, tuple(values), ns(schema)) for (schema, name), values in enums.items()),
        tuple(name for (name,) in rows["namespaces"]),
        sequences,
        tuple(Extension(name, schema, version) for name, schema, version in rows["extensions"]),
        tuple(views),
    )


__all__ = ["CURRENT_SCHEMA", "QUERIES", "SPELLINGS", "TYPES", "build", "native_type", "parse_default", "queries"]
