"""PostgreSQL: named types for enums, ``SERIAL`` for autoincrement, scalar lists, schemas
(``@@schema``), named primary keys, indexes with methods and operator classes, and foreign keys
added after every table exists."""

from __future__ import annotations

from collections.abc import Mapping

from refrakt.migrate._schema import (
    Column,
    DefaultValue,
    Enum,
    Extension,
    ForeignKey,
    Index,
    NativeType,
    SqlSchema,
    Table,
)
from refrakt.migrate.flavours._base import ACTION_SQL, INDENT, SqlFlavour, hex_bytes, operator_class_sql
from refrakt.psl.connectors import POSTGRES

_SERIAL: Mapping[str, str] = {"SmallInt": "SMALLSERIAL", "Integer": "SERIAL", "BigInt": "BIGSERIAL"}
_SPELLING: Mapping[str, str] = {"DoublePrecision": "DOUBLE PRECISION"}
_USING: Mapping[str, str] = {"Hash": "HASH", "Gist": "GIST", "Gin": "GIN", "SpGist": "SPGIST", "Brin": "BRIN"}


def native_type_sql(native: NativeType, *, autoincrement: bool = False) -> str:
    """``VARCHAR(255)``, ``DECIMAL(65,30)``, ``TIMESTAMP(3)``, ``SERIAL``..."""
    if autoincrement and native.name in _SERIAL:
        return _SERIAL[native.name]
    name = _SPELLING.get(native.name, native.name.upper())
    if not native.args:
        return name
    return f"{name}({','.join(str(a) for a in native.args)})"


class PostgresFlavour(SqlFlavour):
    NAME = "postgres"
    CONNECTOR = POSTGRES

    ENUMS = "types"
    JOIN_TABLE_KEY = "primary_key"
    NAMESPACES = True
    NAMED_PRIMARY_KEYS = True
    LIST_DEFAULTS = True

    def column_type_sql(self, column: Column, table: Table, schema: SqlSchema) -> str:
        t = column.type
        if t.family == "Enum" and t.enum is not None:
            enum_schema = next((e.schema for e in schema.enums if e.name == t.enum), None)
            text = self.table_name(t.enum, enum_schema)
        elif t.family == "Unsupported":
            text = t.description or ""
        else:
            if t.native is None:
                raise ValueError(f"column {table.name}.{column.name} has no native type")
            text = native_type_sql(t.native, autoincrement=column.autoincrement)
        return f"{text}[]" if t.is_list else text

    def bytes_sql(self, value: object) -> str:
        return f"'\\x{hex_bytes(value)}'"

    def list_sql(
        self, items: tuple[object, ...], default: DefaultValue, column: Column, table: Table, schema: SqlSchema
    ) -> str:
        inner = ", ".join(self.value_sql(item, default, column, table, schema) for item in items)
        return f"ARRAY[{inner}]::{self.column_type_sql(column, table, schema)}"

    def render_create_schema(self, name: str) -> str:
        return f"CREATE SCHEMA IF NOT EXISTS {self.quote(name)}"

    def render_create_extension(self, extension: Extension) -> str:
        text = f"CREATE EXTENSION IF NOT EXISTS {self.quote(extension.name)}"
        if extension.schema or extension.version:
            text += " WITH"
        if extension.schema:
            text += f" SCHEMA {self.quote(extension.schema)}"
        if extension.version:
            text += f" VERSION {self.quote(extension.version)}"
        return text

    def render_create_enum(self, enum: Enum) -> str:
        values = ", ".join(self.string(v) for v in enum.values)
        return f"CREATE TYPE {self.table_name(enum.name, enum.schema)} AS ENUM ({values})"

    def render_column(self, column: Column, table: Table, schema: SqlSchema) -> str:
        text = f"{INDENT}{self.quote(column.name)} {self.column_type_sql(column, table, schema)}"
        if column.type.is_required:
            text += " NOT NULL"
        default = self.default_sql(column, table, schema)
        if default:
            text += f" DEFAULT {default}"
        return text

    def render_create_table(self, table: Table, schema: SqlSchema) -> str:
        columns = ",\n".join(self.render_column(c, table, schema) for c in table.columns)
        pk = ""
        if table.primary_key is not None:
            names = ",".join(self.quote(c) for c in table.primary_key.column_names)
            pk = f",\n\n{INDENT}CONSTRAINT {self.quote(table.primary_key.name or '')} PRIMARY KEY ({names})"
        return f"CREATE TABLE {self.table_name(table.name, table.schema)} (\n{columns}{pk}\n)"

    def render_create_index(self, table: Table, index: Index) -> str:
        unique = "UNIQUE " if index.is_unique else ""
        method = _USING.get(index.algorithm or "")
        using = f" USING {method} " if method is not None else ""
        columns: list[str] = []
        for c in index.columns:
            text = self.quote(c.name)
            if c.operator_class is not None:
                text += f" {operator_class_sql(c.operator_class)}"
            if c.sort is not None:
                text += f" {c.sort.upper()}"
            columns.append(text)
        target = self.table_name(table.name, table.schema)
        return f"CREATE {unique}INDEX {self.quote(index.name)} ON {target}{using}({', '.join(columns)})"

    def render_add_foreign_key(self, table: Table, fk: ForeignKey) -> str:
        name = f"CONSTRAINT {self.quote(fk.name)} " if fk.name is not None else ""
        return (
            f"ALTER TABLE {self.table_name(table.name, table.schema)} ADD {name}"
            f"FOREIGN KEY ({', '.join(self.quote(c) for c in fk.columns)}) "
            f"REFERENCES {self.table_name(fk.referenced_table, fk.referenced_schema)}"
            f"({', '.join(self.quote(c) for c in fk.referenced_columns)})"
            f" ON DELETE {ACTION_SQL[fk.on_delete]} ON UPDATE {ACTION_SQL[fk.on_update]}"
        )
