"""MySQL and MariaDB: backtick names, ``ENUM(...)`` per column, ``AUTO_INCREMENT``, indexes
inside ``CREATE TABLE``, utf8mb4 tables, no defaults on Json and Bytes columns.

There is no WASM schema engine for MySQL: this follows Prisma's ``flavour/mysql/renderer.rs``
and ``libs/sql-ddl/src/mysql.rs``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from refrakt.migrate._schema import Column, ForeignKey, Index, IndexColumn, NativeType, SqlSchema, Table
from refrakt.migrate.flavours._base import ACTION_SQL, INDENT, SqlFlavour, fraction
from refrakt.psl.connectors import MYSQL

_SPELLING: Mapping[str, str] = {
    "Int": "INTEGER",
    "UnsignedInt": "INTEGER UNSIGNED",
    "UnsignedSmallInt": "SMALLINT UNSIGNED",
    "UnsignedTinyInt": "TINYINT UNSIGNED",
    "UnsignedMediumInt": "MEDIUMINT UNSIGNED",
    "UnsignedBigInt": "BIGINT UNSIGNED",
}
_INDEX_KEYWORD: Mapping[str, str] = {"unique": "UNIQUE INDEX", "normal": "INDEX", "fulltext": "FULLTEXT INDEX"}
_TIME_TYPES = frozenset({"DateTime", "Timestamp", "Time"})

TABLE_OPTIONS = "DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"


def native_type_sql(native: NativeType, family: str) -> str:
    """``VARCHAR(191)``, ``DECIMAL(65, 30)``, ``DATETIME(3)``, ``BOOLEAN`` for a Boolean TinyInt..."""
    if native.name == "TinyInt" and family == "Boolean":
        return "BOOLEAN"
    name = _SPELLING.get(native.name, native.name.upper())
    if not native.args:
        return name
    return f"{name}({', '.join(str(a) for a in native.args)})"


class MySQLFlavour(SqlFlavour):
    NAME = "mysql"
    CONNECTOR = MYSQL
    QUOTE = "`"

    ENUMS = "per_column"
    INLINE_INDEXES = True
    NO_DEFAULT_FAMILIES = frozenset({"Json", "Bytes"})

    def string(self, text: str) -> str:
        # Prisma only doubles quotes; MySQL also reads backslash escapes, so double those too.
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"

    def column_type_sql(self, column: Column, table: Table, schema: SqlSchema) -> str:
        t = column.type
        if t.family == "Enum" and t.enum is not None:
            enum = schema.enum(t.enum)
            return f"ENUM({', '.join(self.string(v) for v in enum.values)})"
        if t.family == "Unsupported":
            return t.description or ""
        if t.native is None:
            raise ValueError(f"column {table.name}.{column.name} has no native type")
        return native_type_sql(t.native, t.family)

    def now_sql(self, column: Column) -> str:
        native = column.type.native
        precision = 3
        if native is not None and native.name in _TIME_TYPES:
            arg = native.args[0] if native.args else 0
            precision = int(arg) if isinstance(arg, int) or str(arg).isdigit() else 3
        return f"CURRENT_TIMESTAMP({precision})"

    def datetime_text(self, dt: datetime) -> str:
        # Prisma writes RFC 3339 with an offset, which MariaDB rejects as a DATETIME default;
        # the same instant in UTC without an offset works on MySQL and MariaDB alike.
        if dt.utcoffset() is not None:
            dt = dt.astimezone(UTC).replace(tzinfo=None)
        return dt.strftime("%Y-%m-%d %H:%M:%S") + fraction(dt)

    def enum_column_type(self, enum_name: str, table: str, column: str) -> tuple[str, str | None]:
        return "Enum", f"{table}_{column}"

    def render_column(self, column: Column, table: Table, schema: SqlSchema) -> str:
        text = f"{self.quote(column.name)} {self.column_type_sql(column, table, schema)}"
        text += " NOT NULL" if column.type.is_required else " NULL"
        if column.autoincrement:
            text += " AUTO_INCREMENT"
        default = self.default_sql(column, table, schema)
        if default is not None:
            text += f" DEFAULT {default}"
        return text

    def index_columns(self, columns: tuple[IndexColumn, ...]) -> str:
        return ", ".join(self.index_column_sql(c.name, length=c.length, sort=c.sort) for c in columns)

    def render_create_table(self, table: Table, schema: SqlSchema) -> str:
        lines = [INDENT + self.render_column(c, table, schema) for c in table.columns]
        keys = [
            f"{INDENT}{_INDEX_KEYWORD[i.kind]} {self.quote(i.name)}({self.index_columns(i.columns)})"
            for i in table.indexes
        ]
        if table.primary_key is not None:
            keys.append(f"{INDENT}PRIMARY KEY ({self.index_columns(table.primary_key.columns)})")
        body = ",\n".join(lines)
        if keys:
            body += ",\n\n" + ",\n".join(keys)
        return f"CREATE TABLE {self.quote(table.name)} (\n{body}\n) {TABLE_OPTIONS}"

    def index_clause(self, index: Index) -> str:
        return f"{_INDEX_KEYWORD[index.kind]} {self.quote(index.name)}({self.index_columns(index.columns)})"

    def render_create_index(self, table: Table, index: Index) -> str:
        keyword = _INDEX_KEYWORD[index.kind]
        columns = self.index_columns(index.columns)
        return f"CREATE {keyword} {self.quote(index.name)} ON {self.quote(table.name)}({columns})"

    def render_add_foreign_key(self, table: Table, fk: ForeignKey) -> str:
        name = f"CONSTRAINT {self.quote(fk.name)} " if fk.name is not None else ""
        return (
            f"ALTER TABLE {self.quote(table.name)} ADD {name}"
            f"FOREIGN KEY ({', '.join(self.quote(c) for c in fk.columns)}) "
            f"REFERENCES {self.quote(fk.referenced_table)}({', '.join(self.quote(c) for c in fk.referenced_columns)})"
            f" ON DELETE {ACTION_SQL[fk.on_delete]} ON UPDATE {ACTION_SQL[fk.on_update]}"
        )
