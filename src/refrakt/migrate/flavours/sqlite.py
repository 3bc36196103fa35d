"""SQLite: no native types (a column type per Prisma type), enums as TEXT, foreign keys inside
``CREATE TABLE``, a single ``Int`` primary key is ``INTEGER PRIMARY KEY AUTOINCREMENT``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from refrakt.migrate._schema import Column, ForeignKey, Index, SqlSchema, Table
from refrakt.migrate.flavours._base import ACTION_SQL, INDENT, SqlFlavour
from refrakt.psl.connectors import SQLITE


class SQLiteFlavour(SqlFlavour):
    NAME = "sqlite"
    CONNECTOR = SQLITE

    INLINE_FOREIGN_KEYS = True
    IMPLICIT_AUTOINCREMENT_ID = True
    FAMILY_TYPES: ClassVar[Mapping[str, str]] = {
        "Boolean": "BOOLEAN",
        "DateTime": "DATETIME",
        "Float": "REAL",
        "Decimal": "DECIMAL",
        "Int": "INTEGER",
        "BigInt": "BIGINT",
        "String": "TEXT",
        "Bytes": "BLOB",
        "Json": "JSONB",
        "Enum": "TEXT",
    }

    def column_type_sql(self, column: Column, table: Table, schema: SqlSchema) -> str:
        if column.type.family == "Unsupported":
            return column.type.description or ""
        return self.FAMILY_TYPES[column.type.family]

    def autoincrement(self, column: Column, table: Table) -> bool:
        return table.is_single_primary_key(column.name) and column.type.family == "Int"

    def json_sql(self, text: str) -> str:
        # Prisma writes the JSON text unquoted here, which SQLite rejects; quote it.
        return self.string(text)

    def enum_column_type(self, enum_name: str, table: str, column: str) -> tuple[str, str | None]:
        return "Enum", None

    def render_column(self, column: Column, table: Table, schema: SqlSchema) -> str:
        text = f"{self.quote(column.name)} {self.column_type_sql(column, table, schema)}"
        if column.type.arity != "nullable":
            text += " NOT NULL"
        if table.is_single_primary_key(column.name):
            text += " PRIMARY KEY"
        if self.autoincrement(column, table):
            text += " AUTOINCREMENT"
        default = self.default_sql(column, table, schema)
        if default is not None:
            text += f" DEFAULT {default}"
        return text

    def render_create_table(self, table: Table, schema: SqlSchema) -> str:
        text = f"CREATE TABLE {self.quote(table.name)} (\n"
        text += ",\n".join(INDENT + self.render_column(c, table, schema) for c in table.columns)
        pk = table.primary_key
        if pk is not None and len(pk.columns) > 1:
            text += f",\n\n{INDENT}PRIMARY KEY ({', '.join(self.quote(c) for c in pk.column_names)})"
        for fk in table.foreign_keys:
            text += f",\n{INDENT}{self.foreign_key_clause(fk)}"
        return text + "\n)"

    def foreign_key_clause(self, fk: ForeignKey) -> str:
        name = f"CONSTRAINT {self.quote(fk.name)} " if fk.name is not None else ""
        return (
            f"{name}FOREIGN KEY ({', '.join(self.quote(c) for c in fk.columns)}) "
            f"REFERENCES {self.quote(fk.referenced_table)} ({', '.join(self.quote(c) for c in fk.referenced_columns)})"
            f" ON DELETE {ACTION_SQL[fk.on_delete]} ON UPDATE {ACTION_SQL[fk.on_update]}"
        )

    def render_create_index(self, table: Table, index: Index) -> str:
        unique = "UNIQUE " if index.is_unique else ""
        columns = ", ".join(self.index_column_sql(c.name, sort=c.sort) for c in index.columns)
        return f"CREATE {unique}INDEX {self.quote(index.name)} ON {self.quote(table.name)}({columns})"
