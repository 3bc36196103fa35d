"""Walkers over primary keys, indexes and unique criteria (Prisma's ``walkers/index.rs``,
``walkers/model/primary_key.rs`` and ``walkers/model/unique_criteria.rs``).

A walker is a small read-only view pairing the :class:`ParserDatabase` with one record; the
validation rules, the IR and the migration engine read keys through them:

>>> for index in model_indexes(db, model_id):                  # doctest: +SKIP
...     index.attribute_name, index.constraint_name(connector)
('@@index', 'Post_title_idx')

``constraint_name`` needs a connector only for its identifier length limit and, for primary
keys, whether it names them at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from refrakt.diagnostics import Span
from refrakt.psl import ast, constraint_names
from refrakt.psl._fast_init import speed_up_init
from refrakt.psl.db._types import (
    AttributeId,
    CompositeTypeId,
    FieldId,
    FieldWithArgs,
    IdAttribute,
    IndexAlgorithm,
    IndexAttribute,
    IndexType,
    ModelId,
    NativeTypeAttr,
    OperatorClassStore,
    ScalarFieldType,
    SortOrder,
)

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase


def ast_attribute(db: ParserDatabase, attribute_id: AttributeId) -> ast.Attribute:
    """The AST node of a model or field attribute."""
    container, idx = attribute_id
    if container[0] == "model":
        model_id: Any = container[1]
        return db.model(model_id).attributes[idx]
    field_model: Any = container[1]
    field_idx: Any = container[2]
    return db.ast_field(field_model, field_idx).attributes[idx]


def span_for_argument(attribute: ast.Attribute, name: str) -> Span | None:
    """The span of the named argument of an attribute, if given."""
    for arg in attribute.arguments.arguments:
        if arg.name is not None and arg.name.name == name:
            return arg.span
    return None


# --- fields in keys --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexFieldWalker:
    """A field in a key: a scalar field of the model, or a field of a composite type (MongoDB)."""

    db: ParserDatabase
    sfid: int | None
    composite: tuple[CompositeTypeId, FieldId] | None = None

    @property
    def ast_field(self) -> ast.Field:
        if self.composite is not None:
            ct_id, idx = self.composite
            return self.db.composite_type(ct_id).fields[idx]
        assert self.sfid is not None
        return self.db.scalar_field_ast(self.sfid)

    @property
    def name(self) -> str:
        return self.ast_field.name.name

    @property
    def field_id(self) -> FieldId:
        if self.composite is not None:
            return self.composite[1]
        assert self.sfid is not None
        return self.db.scalar_fields[self.sfid].field_id

    @property
    def is_scalar_field(self) -> bool:
        return self.composite is None

    @property
    def is_optional(self) -> bool:
        return self.ast_field.arity.is_optional

    @property
    def is_list(self) -> bool:
        return self.ast_field.arity.is_list

    @property
    def scalar_field_type(self) -> ScalarFieldType:
        if self.composite is not None:
            ctf = self.db.composite_type_fields.get(self.composite)
            return ctf.type if ctf is not None else ScalarFieldType.unsupported_("")
        assert self.sfid is not None
        return self.db.scalar_fields[self.sfid].type

    @property
    def is_unsupported(self) -> bool:
        return self.scalar_field_type.is_unsupported

    @property
    def database_name(self) -> str:
        if self.composite is not None:
            ctf = self.db.composite_type_fields.get(self.composite)
            return ctf.mapped_name if ctf is not None and ctf.mapped_name is not None else self.name
        assert self.sfid is not None
        return self.db.scalar_field_database_name(self.sfid)

    @property
    def native_type(self) -> NativeTypeAttr | None:
        if self.composite is not None:
            ctf = self.db.composite_type_fields.get(self.composite)
            return None if ctf is None else ctf.native_type
        assert self.sfid is not None
        return self.db.scalar_fields[self.sfid].native_type


@dataclass(frozen=True, slots=True)
class FieldAttributeWalker:
    """A field as listed in a key, with its arguments (Prisma's ``ScalarFieldAttributeWalker``)."""

    db: ParserDatabase
    args: FieldWithArgs

    @property
    def length(self) -> int | None:
        return self.args.length

    @property
    def sort_order(self) -> SortOrder | None:
        return self.args.sort_order

    @property
    def operator_class(self) -> OperatorClassStore | None:
        return self.args.operator_class

    @property
    def as_index_field(self) -> IndexFieldWalker:
        path = self.args.path
        if path.path:
            return IndexFieldWalker(self.db, None, path.path[-1])
        return IndexFieldWalker(self.db, path.root)

    def path_to_indexed_field(self) -> list[tuple[str, str | None]]:
        """``[(field, composite type or None), ...]`` from the model to the indexed field."""
        root = self.db.scalar_field_ast(self.args.path.root).name.name
        out: list[tuple[str, str | None]] = [(root, None)]
        for ct_id, idx in self.args.path.path:
            ct = self.db.composite_type(ct_id)
            out.append((ct.fields[idx].name.name, ct.name.name))
        return out

    def mapped_path_to_indexed_field(self) -> list[tuple[str, str | None]]:
        """Like :meth:`path_to_indexed_field`, with database names (for the database)."""
        out: list[tuple[str, str | None]] = [(self.db.scalar_field_database_name(self.args.path.root), None)]
        for ct_id, idx in self.args.path.path:
            ct = self.db.composite_type(ct_id)
            ctf = self.db.composite_type_fields.get((ct_id, idx))
            mapped = None if ctf is None else ctf.mapped_name
            out.append((mapped if mapped is not None else ct.fields[idx].name.name, ct.name.name))
        return out


# --- indexes ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexWalker:
    """An ``@unique``, ``@@unique``, ``@@index`` or ``@@fulltext``."""

    db: ParserDatabase
    model_id: ModelId
    attribute_id: AttributeId
    attribute: IndexAttribute

    @property
    def ast_attribute(self) -> ast.Attribute:
        return ast_attribute(self.db, self.attribute_id)

    @property
    def is_unique(self) -> bool:
        return self.attribute.type is IndexType.Unique

    @property
    def is_fulltext(self) -> bool:
        return self.attribute.type is IndexType.Fulltext

    @property
    def is_normal(self) -> bool:
        return self.attribute.type is IndexType.Normal

    @property
    def is_defined_on_field(self) -> bool:
        return self.attribute.source_field is not None

    @property
    def attribute_name(self) -> str:
        """``@unique``, ``@@unique``, ``@@fulltext`` or ``@@index``, as messages print it."""
        if self.is_unique:
            return "@unique" if self.is_defined_on_field else "@@unique"
        return "@@fulltext" if self.is_fulltext else "@@index"

    @property
    def name(self) -> str | None:
        """The client name (``name:``)."""
        return self.attribute.name

    @property
    def mapped_name(self) -> str | None:
        return self.attribute.mapped_name

    @property
    def algorithm(self) -> IndexAlgorithm | None:
        return self.attribute.algorithm

    @property
    def clustered(self) -> bool | None:
        return self.attribute.clustered

    @property
    def source_field(self) -> int | None:
        return self.attribute.source_field

    def fields(self) -> list[IndexFieldWalker]:
        return [f.as_index_field for f in self.scalar_field_attributes()]

    def scalar_field_attributes(self) -> list[FieldAttributeWalker]:
        return [FieldAttributeWalker(self.db, args) for args in self.attribute.fields]

    def all_field_names(self) -> list[str]:
        """Every name of every path in the field list (``[a, b.c]`` gives ``a``, ``b``, ``c``)."""
        return [name for f in self.scalar_field_attributes() for name, _ in f.path_to_indexed_field()]

    def contains_field(self, sfid: int) -> bool:
        return any(f.sfid == sfid for f in self.fields() if f.is_scalar_field)

    def constraint_name(self, connector: constraint_names.Limit) -> str:
        """``map:``, else Prisma's default name (``{table}_{columns}_key`` / ``_idx``)."""
        if self.mapped_name is not None:
            return self.mapped_name
        db = self.db
        table = db.model_database_name(self.model_id)
        columns: list[str] = []
        for args in self.attribute.fields:
            if args.path.path:  # a field of a composite type: every name on the way
                columns.extend(name for name, _ in FieldAttributeWalker(db, args).mapped_path_to_indexed_field())
            else:
                columns.append(db.scalar_field_database_name(args.path.root))
        if self.is_unique:
            return constraint_names.unique_index_name(table, columns, connector)
        return constraint_names.non_unique_index_name(table, columns, connector)


def model_indexes(db: ParserDatabase, model_id: ModelId) -> list[IndexWalker]:
    """The model's indexes, field-level ``@unique`` first, in the order they were resolved."""
    attrs = db.model_attributes.get(model_id)
    if attrs is None:
        return []
    return [IndexWalker(db, model_id, attr_id, index) for attr_id, index in attrs.ast_indexes]


# --- primary keys ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PrimaryKeyWalker:
    """An ``@id`` or ``@@id``."""

    db: ParserDatabase
    model_id: ModelId
    attribute: IdAttribute

    @property
    def ast_attribute(self) -> ast.Attribute:
        return ast_attribute(self.db, self.attribute.source_attribute)

    @property
    def is_defined_on_field(self) -> bool:
        return self.attribute.source_field is not None

    @property
    def attribute_name(self) -> str:
        return "@id" if self.is_defined_on_field else "@@id"

    @property
    def name(self) -> str | None:
        return self.attribute.name

    @property
    def mapped_name(self) -> str | None:
        return self.attribute.mapped_name

    @property
    def clustered(self) -> bool | None:
        return self.attribute.clustered

    def fields(self) -> list[int]:
        """The scalar field ids of the key."""
        return [f.path.root for f in self.attribute.fields]

    def scalar_field_attributes(self) -> list[FieldAttributeWalker]:
        return [FieldAttributeWalker(self.db, args) for args in self.attribute.fields]

    def contains_exactly_fields(self, sfids: list[int]) -> bool:
        return self.fields() == sfids

    def constraint_name(self, connector: Any) -> str | None:
        """``map:``, else ``{table}_pkey``; None if the connector does not name primary keys."""
        if not supports_named_primary_keys(connector):
            return None
        if self.mapped_name is not None:
            return self.mapped_name
        return constraint_names.primary_key_name(self.db.model_database_name(self.model_id), connector)


def supports_named_primary_keys(connector: Any) -> bool:
    """Prisma's ``Connector::supports_named_primary_keys`` (the ``NamedPrimaryKeys`` capability)."""
    if connector is None:
        return False
    from refrakt.psl.connectors import Capability

    return bool(connector.has_capability(Capability.NAMED_PRIMARY_KEYS))


def model_primary_key(db: ParserDatabase, model_id: ModelId) -> PrimaryKeyWalker | None:
    attrs = db.model_attributes.get(model_id)
    if attrs is None or attrs.primary_key is None:
        return None
    return PrimaryKeyWalker(db, model_id, attrs.primary_key)


# --- unique criteria -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UniqueCriteria:
    """A set of fields that identifies a record: the primary key or a unique index."""

    db: ParserDatabase
    model_id: ModelId
    field_args: tuple[FieldWithArgs, ...]

    def fields(self) -> list[IndexFieldWalker]:
        return [FieldAttributeWalker(self.db, a).as_index_field for a in self.field_args]

    @property
    def has_optional_fields(self) -> bool:
        return any(f.is_optional for f in self.fields())

    @property
    def has_unsupported_fields(self) -> bool:
        return any(f.is_unsupported for f in self.fields())

    @property
    def is_strict(self) -> bool:
        """No optional and no ``Unsupported`` fields: a criteria the client can use."""
        return not self.has_optional_fields and not self.has_unsupported_fields

    def contains_exactly_fields(self, sfids: list[int]) -> bool:
        fields = self.fields()
        return len(fields) == len(sfids) and all(f.sfid == s for f, s in zip(fields, sfids, strict=True))


def unique_criterias(db: ParserDatabase, model_id: ModelId) -> Iterator[UniqueCriteria]:
    """The primary key, then every unique index, of the model."""
    pk = model_primary_key(db, model_id)
    if pk is not None:
        yield UniqueCriteria(db, model_id, tuple(pk.attribute.fields))
    for index in model_indexes(db, model_id):
        if index.is_unique:
            yield UniqueCriteria(db, model_id, tuple(index.attribute.fields))


# --- scalar field facts ----------------------------------------------------------------------


def field_is_single_pk(db: ParserDatabase, sfid: int) -> bool:
    """The field is the whole primary key (``@id`` or ``@@id([field])``)."""
    pk = model_primary_key(db, db.scalar_fields[sfid].model_id)
    return pk is not None and pk.fields() == [sfid]


def field_is_part_of_a_compound_pk(db: ParserDatabase, sfid: int) -> bool:
    pk = model_primary_key(db, db.scalar_fields[sfid].model_id)
    return pk is not None and len(pk.fields()) > 1 and sfid in pk.fields()


def field_is_unique(db: ParserDatabase, sfid: int) -> bool:
    """``@id`` / ``@unique`` on the field, or an ``@@id`` / ``@@unique`` of exactly this field."""
    if field_is_single_pk(db, sfid):
        return True
    model_id = db.scalar_fields[sfid].model_id
    for index in model_indexes(db, model_id):
        fields = index.fields()
        if index.is_unique and len(fields) == 1 and fields[0].is_scalar_field and fields[0].sfid == sfid:
            return True
    return False


# built by the thousand per schema: see refrakt.psl._fast_init
speed_up_init(
    IndexFieldWalker,
    FieldAttributeWalker,
    IndexWalker,
    PrimaryKeyWalker,
    UniqueCriteria,
)
