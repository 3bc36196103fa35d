"""What the parser database learns about a schema: resolved types and attribute data.

Identifiers: a top is addressed by ``TopId = (file_id, index in ast.tops)``; a field by
``(TopId, index in the block's fields)``; an attribute by ``AttributeId = (container, index)``
where the container names the attribute list (see :data:`AttributeContainer`).
These records are filled in by the passes of :mod:`refrakt.psl.db` and only read afterwards.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from refrakt.diagnostics import Span
from refrakt.psl._fast_init import speed_up_init

TopId: TypeAlias = tuple[int, int]
ModelId: TypeAlias = TopId
EnumId: TypeAlias = TopId
CompositeTypeId: TypeAlias = TopId
FieldId: TypeAlias = int
# ("model", model_id) | ("field", model_id, field_idx) | ("enum", enum_id) | ("enum_value", enum_id, idx)
# | ("composite_field", ct_id, field_idx)
AttributeContainer: TypeAlias = tuple[object, ...]
AttributeId: TypeAlias = tuple[AttributeContainer, int]


class ScalarType(enum.Enum):
    """Prisma's built-in scalar types."""

    Int = "Int"
    BigInt = "BigInt"
    Float = "Float"
    Boolean = "Boolean"
    String = "String"
    DateTime = "DateTime"
    Json = "Json"
    Bytes = "Bytes"
    Decimal = "Decimal"

    @staticmethod
    def from_name(name: str) -> ScalarType | None:
        return _SCALAR_BY_NAME.get(name)


_SCALAR_BY_NAME = {s.value: s for s in ScalarType}


@dataclass(frozen=True, slots=True)
class ScalarFieldType:
    """The resolved type of a non-relation field."""

    kind: Literal["builtin", "enum", "composite", "unsupported"]
    scalar: ScalarType | None = None
    ref: TopId | None = None
    unsupported: str | None = None

    @staticmethod
    def builtin(scalar: ScalarType) -> ScalarFieldType:
        return ScalarFieldType("builtin", scalar=scalar)

    @staticmethod
    def enum_(enum_id: EnumId) -> ScalarFieldType:
        return ScalarFieldType("enum", ref=enum_id)

    @staticmethod
    def composite(ct_id: CompositeTypeId) -> ScalarFieldType:
        return ScalarFieldType("composite", ref=ct_id)

    @staticmethod
    def unsupported_(name: str) -> ScalarFieldType:
        return ScalarFieldType("unsupported", unsupported=name)

    def is_(self, scalar: ScalarType) -> bool:
        return self.scalar is scalar

    @property
    def is_unsupported(self) -> bool:
        return self.kind == "unsupported"

    @property
    def is_enum(self) -> bool:
        return self.kind == "enum"

    @property
    def is_composite(self) -> bool:
        return self.kind == "composite"


@dataclass(frozen=True, slots=True)
class NativeTypeAttr:
    """``@db.VarChar(255)``: the scope (datasource name), type name, raw arguments and span."""

    scope: str
    name: str
    args: tuple[str, ...]
    span: Span


@dataclass(slots=True)
class DefaultAttribute:
    """An ``@default(...)`` on a field: the attribute, the index of its value argument, ``map:``."""

    attribute: AttributeId
    argument_idx: int
    mapped_name: str | None = None


@dataclass(slots=True)
class ScalarField:
    model_id: ModelId
    field_id: FieldId
    type: ScalarFieldType
    is_ignored: bool = False
    is_updated_at: bool = False
    default: DefaultAttribute | None = None
    mapped_name: str | None = None
    native_type: NativeTypeAttr | None = None


class ReferentialAction(enum.Enum):
    Cascade = "Cascade"
    Restrict = "Restrict"
    NoAction = "NoAction"
    SetNull = "SetNull"
    SetDefault = "SetDefault"


@dataclass(slots=True)
class RelationField:
    model_id: ModelId
    field_id: FieldId
    referenced_model: ModelId
    on_delete: tuple[ReferentialAction, Span] | None = None
    on_update: tuple[ReferentialAction, Span] | None = None
    fields: list[int] | None = None  # scalar field ids explicitly in `fields:`
    references: list[int] | None = None  # scalar field ids explicitly in `references:`
    name: str | None = None
    is_ignored: bool = False
    mapped_name: str | None = None  # `map:` (foreign key name)
    relation_attribute: AttributeId | None = None


@dataclass(slots=True)
class CompositeTypeField:
    type: ScalarFieldType
    mapped_name: str | None = None
    default: DefaultAttribute | None = None
    native_type: NativeTypeAttr | None = None


class SortOrder(enum.Enum):
    Asc = "Asc"
    Desc = "Desc"


class IndexAlgorithm(enum.Enum):
    BTree = "BTree"
    Hash = "Hash"
    Gist = "Gist"
    Gin = "Gin"
    SpGist = "SpGist"
    Brin = "Brin"


class IndexType(enum.Enum):
    Normal = "normal"
    Unique = "unique"
    Fulltext = "fulltext"


@dataclass(slots=True)
class IndexFieldPath:
    """A field in an index: the model's scalar field (``root``) and, for composite types, the path
    of ``(composite_type_id, field index)`` steps to the indexed field."""

    root: int
    path: list[tuple[CompositeTypeId, FieldId]] = field(default_factory=list[tuple[CompositeTypeId, FieldId]])


@dataclass(slots=True)
class OperatorClassStore:
    """An operator class: a known one (by name) or a raw one (``raw("...")``)."""

    name: str
    is_raw: bool = False


@dataclass(slots=True)
class FieldWithArgs:
    path: IndexFieldPath
    sort_order: SortOrder | None = None
    length: int | None = None
    operator_class: OperatorClassStore | None = None


@dataclass(slots=True)
class IndexAttribute:
    type: IndexType = IndexType.Normal
    fields: list[FieldWithArgs] = field(default_factory=list[FieldWithArgs])
    source_field: int | None = None  # the scalar field id, for field-level @unique
    name: str | None = None
    mapped_name: str | None = None
    algorithm: IndexAlgorithm | None = None
    clustered: bool | None = None


@dataclass(slots=True)
class IdAttribute:
    fields: list[FieldWithArgs]
    source_attribute: AttributeId
    source_field: FieldId | None = None  # the field index, for field-level @id
    name: str | None = None
    mapped_name: str | None = None
    clustered: bool | None = None


@dataclass(slots=True)
class ModelAttributes:
    primary_key: IdAttribute | None = None
    is_ignored: bool = False
    ast_indexes: list[tuple[AttributeId, IndexAttribute]] = field(
        default_factory=list[tuple[AttributeId, IndexAttribute]]
    )
    mapped_name: str | None = None
    schema: tuple[str, Span] | None = None
    shard_key: list[int] | None = None


@dataclass(slots=True)
class EnumAttributes:
    mapped_name: str | None = None
    mapped_values: dict[int, str] = field(default_factory=dict[int, str])
    schema: tuple[str, Span] | None = None


# built by the thousand per schema: see refrakt.psl._fast_init
speed_up_init(
    ScalarFieldType,
    NativeTypeAttr,
)
