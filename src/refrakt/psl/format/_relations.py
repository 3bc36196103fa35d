"""The magic reformat's view of a schema (:class:`SchemaInfo`), and a fallback that reads it
straight from the ASTs when the parser database is not usable.

This is the part of Prisma's parser database that ``psl_core::reformat`` walks: fields resolved
to scalar or relation fields, ``@relation(name, fields, references)`` arguments, the unique
criterias of each model (primary key first, then unique indexes in Prisma's visiting order), and
the relations built by pairing relation fields (``parser-database/src/relations.rs``):
implicit many-to-many, one-to-one and one-to-many relations, with model A the side holding the
foreign key ("referencing") and model B the referenced side.

:func:`infer_schema` returns None when it meets something Prisma's parser database would reject
(an unknown type, ``fields`` naming unknown or relation fields, ...): the formatter then does layout
only, as Prisma does when the database has errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from refrakt.diagnostics import Span
from refrakt.psl import ast

__all__ = ["ModelInfo", "Relation", "RelationFieldInfo", "ScalarFieldInfo", "SchemaInfo", "infer_schema"]

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


class _Reject(Exception):
    """Prisma's parser database would report an error: no magic reformat."""


def infer_schema(files: Sequence[ast.SchemaAst]) -> SchemaInfo | None:
    """Models, unique criterias and relations of the schema; None where Prisma would report errors."""
    try:
        return _Builder(files).build()
    except _Reject:
        return None


class _Builder:
    def __init__(self, files: Sequence[ast.SchemaAst]) -> None:
        """Index the top-level type names (raises :class:`_Reject` on duplicates)."""
        self.asts: list[tuple[int, ast.Model]] = []
        self.model_ids: dict[str, int] = {}
        self.other_types: set[str] = set()
        for file_id, schema in enumerate(files):
            for top in schema.tops:
                if not isinstance(top, ast.Model | ast.Enum | ast.CompositeType):
                    continue
                name = top.name.name
                if name in self.model_ids or name in self.other_types:
                    raise _Reject  # a name defined twice
                if isinstance(top, ast.Model):
                    self.model_ids[name] = len(self.asts)
                    self.asts.append((file_id, top))
                else:
                    self.other_types.add(name)

    def build(self) -> SchemaInfo:
        models: list[ModelInfo] = []
        scalar_index: list[dict[str, int]] = []
        relation_asts: list[list[tuple[int, ast.Field, int]]] = []
        for file_id, model in self.asts:
            scalars: list[ScalarFieldInfo] = []
            by_name: dict[str, int] = {}
            rels: list[tuple[int, ast.Field, int]] = []
            if len({f.name.name for f in model.fields}) != len(model.fields):
                raise _Reject  # a field defined twice
            for i, field in enumerate(model.fields):
                ft = field.field_type
                if isinstance(ft, ast.SupportedType):
                    name = ft.name.name
                    builtin = name if name in BUILTIN_SCALARS else None
                    referenced = self.model_ids.get(name)
                    if builtin is None and referenced is not None:
                        rels.append((i, field, referenced))
                        continue
                    if builtin is None and name not in self.other_types:
                        raise _Reject  # unknown type
                    native = _native_type(field) if builtin is not None else None
                    by_name[field.name.name] = len(scalars)
                    scalars.append(ScalarFieldInfo(field.name.name, field.arity, builtin, False, native))
                else:
                    by_name[field.name.name] = len(scalars)
                    scalars.append(ScalarFieldInfo(field.name.name, field.arity, None, True, None))
            scalar_index.append(by_name)
            relation_asts.append(rels)
            primary_key, unique_indexes = _unique_criterias(model, by_name)
            is_ignored = any(a.name.name == "ignore" for a in model.attributes)
            models.append(ModelInfo(file_id, model, tuple(scalars), primary_key, unique_indexes, is_ignored))
        relation_fields: list[RelationFieldInfo] = []
        for model_idx, rels in enumerate(relation_asts):
            relation_fields.extend(
                self._relation_field(model_idx, i, field, referenced, scalar_index) for i, field, referenced in rels
            )
        return SchemaInfo(tuple(models), tuple(_infer_relations(models, relation_fields)))

    def _relation_field(
        self,
        model_idx: int,
        field_index: int,
        field: ast.Field,
        referenced: int,
        scalar_index: list[dict[str, int]],
    ) -> RelationFieldInfo:
        attribute = next((a for a in field.attributes if a.name.name == "relation"), None)
        name: str | None = None
        fields: tuple[int, ...] | None = None
        references: tuple[int, ...] | None = None
        if attribute is not None:
            for arg in attribute.arguments.arguments:
                arg_name = arg.name.name if arg.name is not None else "name"
                if arg_name == "name":
                    if not isinstance(arg.value, ast.StringValue) or not arg.value.value:
                        raise _Reject
                    name = arg.value.value
                elif arg_name == "fields":
                    fields = _resolve_fields(arg.value, scalar_index[model_idx])
                elif arg_name == "references":
                    references = _resolve_fields(arg.value, scalar_index[referenced])
        return RelationFieldInfo(model_idx, field_index, field, referenced, name, fields, references, attribute)


def _native_type(field: ast.Field) -> Span | None:
    for attribute in field.attributes:
        if "." in attribute.name.name:
            return attribute.span
    return None


def _constant_names(value: ast.Expression) -> list[str]:
    """Prisma's ``coerce_array(expr, constant)``: a constant or an array of constants."""
    items = value.items if isinstance(value, ast.Array) else (value,)
    names: list[str] = []
    for item in items:
        if not isinstance(item, ast.ConstantValue):
            raise _Reject
        names.append(item.value)
    return names


def _resolve_fields(value: ast.Expression, scalars: dict[str, int]) -> tuple[int, ...]:
    resolved: list[int] = []
    for name in _constant_names(value):
        index = scalars.get(name)
        if index is None or index in resolved:
            raise _Reject  # unknown field, relation field, or a field named twice
        resolved.append(index)
    return tuple(resolved)


def _index_field_names(value: ast.Expression) -> list[str] | None:
    """Field names of an index's ``fields`` argument (``[a, b(sort: Desc)]``); None if unreadable."""
    items = value.items if isinstance(value, ast.Array) else (value,)
    names: list[str] = []
    for item in items:
        if isinstance(item, ast.ConstantValue):
            names.append(item.value)
        elif isinstance(item, ast.Function):
            names.append(item.name)
        else:
            return None
    return names


def _unique_criterias(
    model: ast.Model, scalars: dict[str, int]
) -> tuple[tuple[int, ...] | None, tuple[tuple[int, ...], ...]]:
    """The primary key, and the unique indexes: ``@unique`` in field order, then ``@@unique``."""
    primary: list[tuple[int, ...]] = []
    uniques: list[tuple[int, ...]] = []
    for field in model.fields:
        index = scalars.get(field.name.name)
        for attribute in field.attributes:
            if attribute.name.name not in ("id", "unique"):
                continue
            if index is None:
                raise _Reject  # `@id` / `@unique` on a relation field
            (primary if attribute.name.name == "id" else uniques).append((index,))
    for attribute in model.attributes:
        if attribute.name.name not in ("id", "unique"):
            continue
        fields_arg = _fields_argument(attribute)
        if fields_arg is None:
            raise _Reject
        names = _index_field_names(fields_arg)
        if names is None:
            raise _Reject
        if any("." in name for name in names):
            continue  # a key through composite type fields: no scalar criteria
        resolved: list[int] = []
        for name in names:
            index = scalars.get(name)
            if index is None:
                raise _Reject  # unknown or relation field in the index
            resolved.append(index)
        (primary if attribute.name.name == "id" else uniques).append(tuple(resolved))
    if len(primary) > 1:
        raise _Reject  # more than one primary key
    return (primary[0] if primary else None), tuple(uniques)


def _fields_argument(attribute: ast.Attribute) -> ast.Expression | None:
    for arg in attribute.arguments.arguments:
        if arg.name is None or arg.name.name == "fields":
            return arg.value
    return None


# --- relations.rs ----------------------------------------------------------------------------------


def _infer_relations(models: list[ModelInfo], relation_fields: list[RelationFieldInfo]) -> list[Relation]:
    by_model: dict[int, list[RelationFieldInfo]] = {}
    for rf in relation_fields:
        by_model.setdefault(rf.model, []).append(rf)
    relations: list[Relation] = []
    for rf in relation_fields:
        relation = _ingest(rf, _opposite(rf, by_model), models)
        if relation is not None:
            relations.append(relation)
    return relations


def _opposite(rf: RelationFieldInfo, by_model: dict[int, list[RelationFieldInfo]]) -> RelationFieldInfo | None:
    is_self = rf.model == rf.referenced_model
    for candidate in by_model.get(rf.referenced_model, ()):
        if candidate.referenced_model != rf.model:
            continue
        if is_self and candidate.field_index == rf.field_index:
            continue
        if candidate.relation_name == rf.relation_name:
            return candidate
    return None


def _ingest(rf: RelationFieldInfo, opp: RelationFieldInfo | None, models: list[ModelInfo]) -> Relation | None:
    """One relation per pair of fields, created when visiting the field that owns it (or None)."""
    model_name = models[rf.model].name
    opp_model_name = models[rf.referenced_model].name
    arity = rf.arity
    a, b = rf.model, rf.referenced_model

    def both(kind: str) -> Relation:
        return Relation(kind, a, b, rf, opp)

    if opp is not None:
        if arity.is_list and opp.arity.is_list:
            if model_name > opp_model_name:
                return None
            if a == b and rf.name > opp.name:
                return None
            embedded = rf.fields is not None or opp.fields is not None
            return both("embedded_many_to_many" if embedded else "implicit_many_to_many")
        if arity.is_required and opp.arity.is_optional:
            return both("one_to_one")
        if arity.is_required and opp.arity.is_required:
            if (model_name, rf.name) > (opp_model_name, opp.name):
                return None
            return both("one_to_one")
        if arity.is_optional and opp.arity.is_required:
            return None
        if arity.is_optional and opp.arity.is_optional:
            if rf.fields is not None:
                return both("one_to_one")
            if opp.fields is None:
                if (model_name, rf.name) > (opp_model_name, opp.name):
                    return None
                return both("one_to_one")
            return None
        if arity.is_list:
            return None  # 1:m seen from the back side; created from the forward side
        return both("one_to_many")
    if arity.is_list:
        return Relation("one_to_many", b, a, None, rf)  # back side only
    if rf.fields is not None and _fields_are_unique(models[rf.model], rf.fields):
        return Relation("one_to_one", a, b, rf, None)
    return Relation("one_to_many", a, b, rf, None)


def _fields_are_unique(model: ModelInfo, fields: tuple[int, ...]) -> bool:
    """Whether a unique index (not the primary key) covers exactly ``fields``, in order."""
    return any(index == fields for index in model.unique_indexes)
