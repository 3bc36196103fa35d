"""The data model IR: frozen dataclasses describing a valid schema.

This is what every later stage reads (the SQL layer, the migration engine, the client and its
``client.datamodel`` view). It is built once from a validated schema by :func:`build_datamodel`.
Field kinds follow Prisma's DMMF: ``"scalar"``, ``"enum"``, ``"object"`` (relations and
composite types) and ``"unsupported"``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from refrakt.psl._fast_init import speed_up_init

FieldKind = Literal["scalar", "enum", "object", "unsupported"]
RelationKind = Literal["one_to_one", "one_to_many", "many_to_many"]
IndexKind = Literal["unique", "normal", "fulltext"]


K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """An ordered, read-only mapping (keeps schema order)."""

    __slots__ = ("_data",)

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(items or {})

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenMap({list(self._data)!r})"

    def __hash__(self) -> int:
        return hash(tuple(self._data))


@dataclass(frozen=True, slots=True)
class DefaultValue:
    """A field default: a literal ``value`` or a ``function`` call with its ``args``.

    Functions keep Prisma's names: ``autoincrement``, ``now``, ``uuid``, ``cuid``, ``nanoid``,
    ``ulid``, ``dbgenerated``, ``sequence``, ``auto``. Enum defaults are the value's name.
    """

    value: object = None
    function: str | None = None
    args: tuple[object, ...] = ()
    db_name: str | None = None  # the default constraint name (SQL Server), when mapped

    @property
    def is_function(self) -> bool:
        return self.function is not None


@dataclass(frozen=True, slots=True)
class NativeType:
    """``@db.VarChar(255)`` → ``NativeType("VarChar", ("255",))``."""

    name: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Field:
    """A model or composite type field (the DMMF field of API.md §3)."""

    name: str
    db_name: str
    kind: FieldKind
    type: str  # scalar type name, enum name, model name or composite type name
    is_list: bool
    is_required: bool
    is_id: bool = False
    is_unique: bool = False
    is_updated_at: bool = False
    is_ignored: bool = False
    is_read_only: bool = False  # scalar fields that back a relation (foreign keys)
    default: DefaultValue | None = None
    native_type: NativeType | None = None
    relation_name: str | None = None
    relation_from_fields: tuple[str, ...] = ()
    relation_to_fields: tuple[str, ...] = ()
    relation_on_delete: str | None = None
    relation_on_update: str | None = None
    documentation: str | None = None

    @property
    def is_relation(self) -> bool:
        return self.kind == "object" and self.relation_name is not None

    @property
    def is_scalar(self) -> bool:
        return self.kind in ("scalar", "enum")


@dataclass(frozen=True, slots=True)
class IndexField:
    name: str
    sort: Literal["Asc", "Desc"] | None = None
    length: int | None = None
    operator_class: str | None = None
    path: tuple[str, ...] = ()  # composite type path after the field, for MongoDB indexes


@dataclass(frozen=True, slots=True)
class Index:
    """A unique constraint, a normal index or a full-text index, with Prisma's constraint name."""

    kind: IndexKind
    fields: tuple[IndexField, ...]
    db_name: str
    name: str | None = None  # client name (`name:`), unique constraints only
    algorithm: str | None = None
    clustered: bool | None = None

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


@dataclass(frozen=True, slots=True)
class PrimaryKey:
    fields: tuple[IndexField, ...]
    db_name: str | None  # None where the database has no name for it (MySQL, SQLite)
    name: str | None = None  # client name of a compound id (`name:`)
    clustered: bool | None = None

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    db_name: str
    fields: FrozenMap[str, Field]
    primary_key: PrimaryKey | None
    indexes: tuple[Index, ...] = ()
    is_view: bool = False
    is_ignored: bool = False
    schema: str | None = None
    documentation: str | None = None

    @property
    def scalar_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields.values() if f.is_scalar)

    @property
    def relation_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields.values() if f.is_relation)

    @property
    def unique_indexes(self) -> tuple[Index, ...]:
        return tuple(i for i in self.indexes if i.kind == "unique")


@dataclass(frozen=True, slots=True)
class EnumValue:
    name: str
    db_name: str
    documentation: str | None = None


@dataclass(frozen=True, slots=True)
class Enum:
    name: str
    db_name: str
    values: tuple[EnumValue, ...]
    schema: str | None = None
    documentation: str | None = None

    @property
    def value_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.values)


@dataclass(frozen=True, slots=True)
class CompositeType:
    name: str
    fields: FrozenMap[str, Field]
    documentation: str | None = None


@dataclass(frozen=True, slots=True)
class RelationSide:
    model: str
    field: str | None  # None when the back-relation field is not in the schema


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between two models.

    For 1:1 and 1:n, ``referencing`` holds the foreign key (``fields``) and ``referenced`` the
    model it points to (``references``). For implicit m:n, ``table`` is the join table
    (``_AToB``, columns ``A`` and ``B``).
    """

    name: str
    kind: RelationKind
    referencing: RelationSide
    referenced: RelationSide
    fields: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    on_delete: str | None = None
    on_update: str | None = None
    fk_name: str | None = None
    table: str | None = None
    is_self_relation: bool = False


@dataclass(frozen=True, slots=True)
class DataModel:
    """A whole schema: its provider, models, enums, composite types and relations."""

    provider: str | None
    models: FrozenMap[str, Model]
    enums: FrozenMap[str, Enum]
    composite_types: FrozenMap[str, CompositeType] = field(default_factory=FrozenMap[str, CompositeType])
    relations: tuple[Relation, ...] = ()
    relation_mode: str = "foreignKeys"

    def model(self, name: str) -> Model:
        return self.models[name]

    def relation(self, name: str, model: str | None = None) -> Relation | None:
        for r in self.relations:
            if r.name == name and (model is None or model in (r.referencing.model, r.referenced.model)):
                return r
        return None


# built by the thousand per schema: see refrakt.psl._fast_init
speed_up_init(
    DefaultValue,
    NativeType,
    Field,
    IndexField,
    Index,
    PrimaryKey,
    Model,
    EnumValue,
    Enum,
    CompositeType,
    RelationSide,
    Relation,
    DataModel,
)
