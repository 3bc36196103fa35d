"""The magic reformat's view of a schema (:class:`SchemaInfo`), filled from the parser database
by :mod:`._db_view`.

This is the part of Prisma's parser database that ``psl_core::reformat`` walks: fields resolved
to scalar or relation fields, ``@relation(name, fields, references)`` arguments, the unique
criterias of each model (primary key first, then unique indexes in Prisma's visiting order), and
the relations built by pairing relation fields (``parser-database/src/relations.rs``):
implicit many-to-many, one-to-one and one-to-many relations, with model A the side holding the
foreign key ("referencing") and model B the referenced side.
"""

from __future__ import annotations

from dataclasses import dataclass

from refrakt.diagnostics import Span
from refrakt.psl import ast

__all__ = ["ModelInfo", "Relation", "RelationFieldInfo", "ScalarFieldInfo", "SchemaInfo"]

BUILTIN_SCALARS = frozenset(("Int", "BigInt", "Float", "Boolean", "String", "DateTime", "Json", "Bytes", "Decimal"))


@dataclass(frozen=True, slots=True)
class ScalarFieldInfo:
    name: str
    arity: ast.FieldArity
    builtin: str | None  # the built-in scalar type name, None for enums, composites, Unsupported
    is_unsupported: bool
    native_type: Span | None  # the first datasource-scoped attribute (`@db.X`) of a built-in


@dataclass(frozen=True, slots=True)
class RelationFieldInfo:
    model: int  # index into SchemaInfo.models
    field_index: int
    ast_field: ast.Field
    referenced_model: int
    relation_name: str | None
    fields: tuple[int, ...] | None  # scalar field indexes of `fields:`, None without the argument
    references: tuple[int, ...] | None  # scalar field indexes (in the referenced model) of `references:`
    relation_attribute: ast.Attribute | None

    @property
    def arity(self) -> ast.FieldArity:
        return self.ast_field.arity

    @property
    def name(self) -> str:
        return self.ast_field.name.name


@dataclass(frozen=True, slots=True)
class ModelInfo:
    file_id: int
    ast_model: ast.Model
    scalar_fields: tuple[ScalarFieldInfo, ...]  # in field order
    primary_key: tuple[int, ...] | None  # scalar field indexes
    unique_indexes: tuple[tuple[int, ...], ...]  # `@unique` in field order, then `@@unique` in order
    is_ignored: bool

    @property
    def unique_criterias(self) -> tuple[tuple[int, ...], ...]:
        """Prisma's ``unique_criterias()``: the primary key, then the unique indexes."""
        pk = (self.primary_key,) if self.primary_key is not None else ()
        return pk + self.unique_indexes

    @property
    def name(self) -> str:
        return self.ast_model.name.name

    def scalar_named(self, name: str) -> ScalarFieldInfo | None:
        for field in self.scalar_fields:
            if field.name == name:
                return field
        return None


@dataclass(frozen=True, slots=True)
class Relation:
    """``kind`` is ``one_to_one``, ``one_to_many``, ``implicit_many_to_many`` or ``embedded_many_to_many``.

    For inline relations (1:1, 1:n) ``model_a`` is the referencing model, ``field_a`` its forward
    relation field and ``field_b`` the back relation field on ``model_b``; either may be missing.
    """

    kind: str
    model_a: int
    model_b: int
    field_a: RelationFieldInfo | None
    field_b: RelationFieldInfo | None

    @property
    def is_inline(self) -> bool:
        return self.kind in ("one_to_one", "one_to_many")


@dataclass(frozen=True, slots=True)
class SchemaInfo:
    models: tuple[ModelInfo, ...]
    relations: tuple[Relation, ...]
