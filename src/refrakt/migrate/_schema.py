"""``SqlSchema``: a database's catalogue as frozen data (tables, columns, keys, indexes, enums).

It is what the migration engine reasons about: the schema a data model asks for
(:func:`refrakt.migrate.sql_schema_from_datamodel`) and, later, the schema a live database
has (describe). Names are database names (after ``@map``/``@@map``). Column types keep
Prisma's split between the *family* (the Prisma scalar type, ``Enum`` or ``Unsupported``) and
the *native type* (``VarChar(191)``), so that each flavour renders its own spelling.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Arity = Literal["required", "nullable", "list"]
IndexKind = Literal["unique", "normal", "fulltext"]
SortOrder = Literal["Asc", "Desc"]
DefaultKind = Literal["value", "now", "dbgenerated", "sequence"]
ForeignKeyAction = Literal["Cascade", "Restrict", "NoAction", "SetNull", "SetDefault"]

NativeTypeArg = int | str


@dataclass(frozen=True, slots=True)
class NativeType:
    """A database type as Prisma names it: ``NativeType("VarChar", (191,))``."""

    name: str
    args: tuple[NativeTypeArg, ...] = ()

    def __str__(self) -> str:
        return self.name if not self.args else f"{self.name}({','.join(str(a) for a in self.args)})"


@dataclass(frozen=True, slots=True)
class ColumnType:
    """``family`` is a Prisma scalar type name (``Int``, ``String``...), ``Enum`` or ``Unsupported``."""

    family: str
    arity: Arity = "required"
    native: NativeType | None = None
    enum: str | None = None
    """The enum's name (family ``Enum``); on MySQL a per-column enum ``Table_column``."""
    description: str | None = None
    """The database type text of an ``Unsupported("...")`` field."""

    @property
    def is_list(self) -> bool:
        return self.arity == "list"

    @property
    def is_required(self) -> bool:
        return self.arity == "required"


@dataclass(frozen=True, slots=True)
class DefaultValue:
    """A column default.

    ``value``: a constant ``value`` of Prisma type ``value_type`` (``String``, ``Enum``, ``Int``,
    ``BigInt``, ``Float``, ``Decimal``, ``Boolean``, ``DateTime``, ``Json``, ``Bytes``; a tuple
    for a list default). ``now``: the current timestamp. ``dbgenerated``: the SQL text in
    ``value`` (``None`` for ``dbgenerated()``, which leaves the database default alone).
    ``sequence``: a database sequence named ``value``.
    """

    kind: DefaultKind
    value: object = None
    value_type: str | None = None
    constraint_name: str | None = None

    @staticmethod
    def now() -> DefaultValue:
        return DefaultValue("now")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType
    default: DefaultValue | None = None
    autoincrement: bool = False


@dataclass(frozen=True, slots=True)
class IndexColumn:
    name: str
    sort: SortOrder | None = None
    length: int | None = None
    operator_class: str | None = None
    """The SQL operator class (``jsonb_path_ops``), PostgreSQL only."""


@dataclass(frozen=True, slots=True)
class PrimaryKey:
    columns: tuple[IndexColumn, ...]
    name: str | None = None
    """The constraint name where the database names primary keys (PostgreSQL)."""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True, slots=True)
class Index:
    name: str
    kind: IndexKind
    columns: tuple[IndexColumn, ...]
    algorithm: str | None = None
    """Prisma's name of the index method (``Hash``, ``Gin``...); ``None`` is the default (B-tree)."""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def is_unique(self) -> bool:
        return self.kind == "unique"


@dataclass(frozen=True, slots=True)
class ForeignKey:
    name: str | None
    columns: tuple[str, ...]
    referenced_table: str
    referenced_columns: tuple[str, ...]
    on_delete: ForeignKeyAction
    on_update: ForeignKeyAction
    referenced_schema: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: PrimaryKey | None = None
    indexes: tuple[Index, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    schema: str | None = None
    """The namespace, when the schema spans several (PostgreSQL ``@@schema``); else ``None``."""

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    def is_single_primary_key(self, column: str) -> bool:
        return self.primary_key is not None and self.primary_key.column_names == (column,)


@dataclass(frozen=True, slots=True)
class Enum:
    name: str
    values: tuple[str, ...]
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class Sequence:
    name: str
    start: int = 1
    increment: int = 1
    min_value: int | None = None
    max_value: int | None = None
    cache: int = 1
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class Extension:
    """A PostgreSQL extension (``extensions = [...]`` of the datasource, ``postgresqlExtensions``)."""

    name: str
    schema: str | None = None
    version: str | None = None


@dataclass(frozen=True, slots=True)
class View:
    """A view found in a live database (described so that migrations can leave it alone)."""

    name: str
    definition: str | None = None
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class SqlSchema:
    """A whole database schema, in Prisma's creation order.

    ``namespaces`` are the database schemas to create (PostgreSQL). ``enums`` are named types
    (PostgreSQL) or the per-column enums of MySQL.
    """

    flavour: str
    tables: tuple[Table, ...] = ()
    enums: tuple[Enum, ...] = ()
    namespaces: tuple[str, ...] = ()
    sequences: tuple[Sequence, ...] = ()
    extensions: tuple[Extension, ...] = ()
    views: tuple[View, ...] = ()
    """The views of a described database (a calculated schema has none: views are not created)."""

    def table(self, name: str, schema: str | None = None) -> Table:
        for t in self.tables:
            if t.name == name and (schema is None or t.schema == schema):
                return t
        raise KeyError(name)

    def enum(self, name: str, schema: str | None = None) -> Enum:
        for e in self.enums:
            if e.name == name and (schema is None or e.schema == schema):
                return e
        raise KeyError(name)
