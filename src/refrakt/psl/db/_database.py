"""The parser database: the ASTs of a schema plus everything the passes resolved about them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from refrakt.diagnostics import Diagnostics, SourceFile
from refrakt.psl import ast
from refrakt.psl.db._types import (
    CompositeTypeField,
    EnumAttributes,
    FieldId,
    ModelAttributes,
    ModelId,
    RelationField,
    ScalarField,
    TopId,
)

if TYPE_CHECKING:
    from refrakt.psl.db._relations import Relation, Relations


@dataclass
class Names:
    tops: dict[str, TopId] = field(default_factory=dict[str, TopId])
    generators: dict[str, TopId] = field(default_factory=dict[str, TopId])
    datasources: dict[str, TopId] = field(default_factory=dict[str, TopId])
    model_fields: dict[TopId, dict[str, FieldId]] = field(default_factory=dict[TopId, dict[str, FieldId]])
    composite_type_fields: dict[TopId, dict[str, FieldId]] = field(default_factory=dict[TopId, dict[str, FieldId]])


@dataclass(frozen=True)
class SchemaFile:
    name: str
    source: SourceFile
    ast: ast.SchemaAst


@dataclass
class ParserDatabase:
    """Everything known about a schema after name, type, attribute and relation resolution.

    Built by :func:`refrakt.psl.db.build_database`; connector-agnostic (connector rules come in
    :mod:`refrakt.psl.validate`).
    """

    files: list[SchemaFile]
    diagnostics: Diagnostics
    names: Names = field(default_factory=Names)
    scalar_fields: list[ScalarField] = field(default_factory=list[ScalarField])
    relation_fields: list[RelationField] = field(default_factory=list[RelationField])
    composite_type_fields: dict[tuple[TopId, FieldId], CompositeTypeField] = field(
        default_factory=dict[tuple[TopId, FieldId], CompositeTypeField]
    )
    model_attributes: dict[ModelId, ModelAttributes] = field(default_factory=dict[ModelId, ModelAttributes])
    enum_attributes: dict[TopId, EnumAttributes] = field(default_factory=dict[TopId, EnumAttributes])
    # scalar field ids whose @default uses a function unknown to the database layer
    unknown_function_defaults: list[int] = field(default_factory=list[int])
    # @map'ed names seen so far (for collision errors during attribute resolution)
    mapped_field_names: dict[tuple[ModelId, str], FieldId] = field(default_factory=dict[tuple[ModelId, str], FieldId])
    mapped_composite_field_names: dict[tuple[TopId, str], FieldId] = field(
        default_factory=dict[tuple[TopId, str], FieldId]
    )
    # relations, filled by relation inference (see _relations.py): in inference order, and indexed
    relations: list[Relation] = field(default_factory=lambda: [])
    relation_store: Relations | None = None
    _scalar_by_field: dict[tuple[ModelId, FieldId], int] = field(default_factory=dict[tuple[ModelId, FieldId], int])
    _relation_by_field: dict[tuple[ModelId, FieldId], int] = field(default_factory=dict[tuple[ModelId, FieldId], int])
    _scalar_by_model: dict[ModelId, list[int]] = field(default_factory=dict[ModelId, list[int]])
    _relation_by_model: dict[ModelId, list[int]] = field(default_factory=dict[ModelId, list[int]])
    # the models and views by id (the rules look models up by id all the time); `files` is not
    # changed after construction
    _models: dict[ModelId, ast.Model] = field(default_factory=dict[ModelId, ast.Model], repr=False)
    _scalar_asts: list[ast.Field] = field(default_factory=list[ast.Field], repr=False)

    def __post_init__(self) -> None:
        self._models = {top_id: top for top_id, top in self.iter_tops() if isinstance(top, ast.Model)}

    # --- tops ---------------------------------------------------------------------------------

    def iter_tops(self) -> Iterator[tuple[TopId, ast.Top]]:
        for file_id, f in enumerate(self.files):
            for idx, top in enumerate(f.ast.tops):
                yield (file_id, idx), top

    def top(self, top_id: TopId) -> ast.Top:
        return self.files[top_id[0]].ast.tops[top_id[1]]

    def model(self, model_id: ModelId) -> ast.Model:
        model = self._models.get(model_id)
        if model is None:
            top = self.top(model_id)
            assert isinstance(top, ast.Model)
            return top
        return model

    def enum(self, enum_id: TopId) -> ast.Enum:
        top = self.top(enum_id)
        assert isinstance(top, ast.Enum)
        return top

    def composite_type(self, ct_id: TopId) -> ast.CompositeType:
        top = self.top(ct_id)
        assert isinstance(top, ast.CompositeType)
        return top

    def iter_models(self) -> Iterator[tuple[ModelId, ast.Model]]:
        """Models and views, in schema order."""
        return iter(self._models.items())

    def iter_enums(self) -> Iterator[tuple[TopId, ast.Enum]]:
        for top_id, top in self.iter_tops():
            if isinstance(top, ast.Enum):
                yield top_id, top

    def iter_composite_types(self) -> Iterator[tuple[TopId, ast.CompositeType]]:
        for top_id, top in self.iter_tops():
            if isinstance(top, ast.CompositeType):
                yield top_id, top

    def find_model(self, name: str) -> ModelId | None:
        top_id = self.names.tops.get(name)
        if top_id is not None and isinstance(self.top(top_id), ast.Model):
            return top_id
        return None

    # --- fields -------------------------------------------------------------------------------

    def reindex_fields(self) -> None:
        """Rebuild the lookup tables after ``scalar_fields``/``relation_fields`` changed."""
        self._scalar_by_field = {(sf.model_id, sf.field_id): i for i, sf in enumerate(self.scalar_fields)}
        self._relation_by_field = {(rf.model_id, rf.field_id): i for i, rf in enumerate(self.relation_fields)}
        self._scalar_by_model = {}
        for i, sf in enumerate(self.scalar_fields):
            self._scalar_by_model.setdefault(sf.model_id, []).append(i)
        self._relation_by_model = {}
        for i, rf in enumerate(self.relation_fields):
            self._relation_by_model.setdefault(rf.model_id, []).append(i)
        models = self._models
        self._scalar_asts = [models[sf.model_id].fields[sf.field_id] for sf in self.scalar_fields]

    def ast_field(self, model_id: ModelId, field_id: FieldId) -> ast.Field:
        model = self._models.get(model_id)
        return (model if model is not None else self.model(model_id)).fields[field_id]

    def find_model_field(self, model_id: ModelId, name: str) -> FieldId | None:
        return self.names.model_fields.get(model_id, {}).get(name)

    def scalar_field_id(self, model_id: ModelId, field_id: FieldId) -> int | None:
        return self._scalar_by_field.get((model_id, field_id))

    def relation_field_id(self, model_id: ModelId, field_id: FieldId) -> int | None:
        return self._relation_by_field.get((model_id, field_id))

    def model_scalar_field_ids(self, model_id: ModelId) -> Iterator[int]:
        """Scalar field ids of a model, in field order."""
        return iter(self._scalar_by_model.get(model_id, ()))

    def model_relation_field_ids(self, model_id: ModelId) -> Iterator[int]:
        """Relation field ids of a model, in field order."""
        return iter(self._relation_by_model.get(model_id, ()))

    def scalar_field_ast(self, sfid: int) -> ast.Field:
        if sfid < len(self._scalar_asts):
            return self._scalar_asts[sfid]
        sf = self.scalar_fields[sfid]
        return self.ast_field(sf.model_id, sf.field_id)

    def relation_field_ast(self, rfid: int) -> ast.Field:
        rf = self.relation_fields[rfid]
        return self.ast_field(rf.model_id, rf.field_id)

    # --- database names -------------------------------------------------------------------------

    def model_database_name(self, model_id: ModelId) -> str:
        attrs = self.model_attributes.get(model_id)
        if attrs is not None and attrs.mapped_name is not None:
            return attrs.mapped_name
        return self.model(model_id).name.name

    def scalar_field_database_name(self, sfid: int) -> str:
        sf = self.scalar_fields[sfid]
        return sf.mapped_name if sf.mapped_name is not None else self.scalar_field_ast(sfid).name.name

    def enum_database_name(self, enum_id: TopId) -> str:
        attrs = self.enum_attributes.get(enum_id)
        if attrs is not None and attrs.mapped_name is not None:
            return attrs.mapped_name
        return self.enum(enum_id).name.name
