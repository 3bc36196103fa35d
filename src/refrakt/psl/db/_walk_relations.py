"""Walkers over relations and relation fields: what the validation passes and the IR ask about them.

Port of Prisma's ``parser-database/src/walkers/relation.rs``, ``walkers/relation/*.rs`` and
``walkers/relation_field.rs`` (plus the referential action defaults of psl-core's
``walker_ext_traits.rs``, made connector-agnostic: the caller says whether ``Restrict`` is
available). A walker is a small frozen view ``(db, id)``; nothing here reports diagnostics.

- :class:`RelationFieldWalker` — one relation field: its ``@relation`` arguments, relation name
  (explicit or generated ``AToB``), referential arity, opposite field.
- :class:`RelationWalker` — one relation: its kind, models A and B, for 1:1 and 1:n relations the
  forward/back fields, referencing/referenced scalar fields (``references`` defaulting to the
  referenced model's first strict unique criterion), ``onDelete``/``onUpdate`` with defaults and
  the foreign key name; for implicit m:n relations the join table ``_AToB`` and its columns.
- :func:`unique_criteria` — a model's primary key and unique indexes, as field lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from refrakt.diagnostics import Span
from refrakt.psl import ast, constraint_names
from refrakt.psl._fast_init import speed_up_init
from refrakt.psl.db._database import ParserDatabase
from refrakt.psl.db._relations import Relation, RelationKind, relations_of
from refrakt.psl.db._types import (
    FieldWithArgs,
    IndexType,
    ModelId,
    ReferentialAction,
    RelationField,
    ScalarField,
)

__all__ = [
    "RelationFieldWalker",
    "RelationWalker",
    "UniqueCriterion",
    "complete_inline_relations_from",
    "default_on_delete",
    "fields_missing_opposite",
    "foreign_key_name",
    "generated_relation_name",
    "inline_foreign_key_names",
    "relations_from",
    "relations_to",
    "unique_criteria",
    "walk_relation_fields",
    "walk_relations",
]


def generated_relation_name(model_a: str, model_b: str) -> str:
    """The name of an unnamed relation: both model names in order, joined by ``To``."""
    return f"{model_a}To{model_b}" if model_a < model_b else f"{model_b}To{model_a}"


def default_on_delete(required: bool, *, restrict_supported: bool) -> ReferentialAction:
    """``onDelete`` when not given: Restrict (NoAction where Restrict is unavailable) if the
    referencing side is required (see :meth:`RelationFieldWalker.referential_arity`), else SetNull."""
    if not required:
        return ReferentialAction.SetNull
    return ReferentialAction.Restrict if restrict_supported else ReferentialAction.NoAction


# --- unique criteria ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UniqueCriterion:
    """A primary key or a unique index: its fields (``path``-less entries are model scalar fields)."""

    db: ParserDatabase
    fields: tuple[FieldWithArgs, ...]
    is_primary_key: bool

    def scalar_field_ids(self) -> list[int | None]:
        """The model scalar field id of each entry (None for a field inside a composite type)."""
        return [None if f.path.path else f.path.root for f in self.fields]

    def field_names(self) -> list[str]:
        names: list[str] = []
        for f in self.fields:
            if f.path.path:
                ct_id, idx = f.path.path[-1]
                names.append(self.db.composite_type(ct_id).fields[idx].name.name)
            else:
                names.append(self.db.scalar_field_ast(f.path.root).name.name)
        return names

    def _ast_fields(self) -> list[ast.Field]:
        out: list[ast.Field] = []
        for f in self.fields:
            if f.path.path:
                ct_id, idx = f.path.path[-1]
                out.append(self.db.composite_type(ct_id).fields[idx])
            else:
                out.append(self.db.scalar_field_ast(f.path.root))
        return out

    @property
    def has_optional_fields(self) -> bool:
        return any(f.arity.is_optional for f in self._ast_fields())

    @property
    def has_unsupported_fields(self) -> bool:
        return any(isinstance(f.field_type, ast.UnsupportedType) for f in self._ast_fields())

    @property
    def is_strict(self) -> bool:
        return not self.has_optional_fields and not self.has_unsupported_fields

    def contains_exactly(self, sfids: list[int]) -> bool:
        """Exactly these scalar fields, in this order."""
        return self.scalar_field_ids() == list(sfids)


def unique_criteria(db: ParserDatabase, model_id: ModelId) -> Iterator[UniqueCriterion]:
    """The primary key, then the unique indexes in the order they were defined."""
    attrs = db.model_attributes.get(model_id)
    if attrs is None:
        return
    if attrs.primary_key is not None:
        yield UniqueCriterion(db, tuple(attrs.primary_key.fields), True)
    for _, index in attrs.ast_indexes:
        if index.type is IndexType.Unique:
            yield UniqueCriterion(db, tuple(index.fields), False)


# --- relation fields ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RelationFieldWalker:
    db: ParserDatabase
    id: int

    @property
    def data(self) -> RelationField:
        return self.db.relation_fields[self.id]

    @property
    def ast_field(self) -> ast.Field:
        rf = self.data
        return self.db.ast_field(rf.model_id, rf.field_id)

    @property
    def name(self) -> str:
        return self.ast_field.name.name

    @property
    def span(self) -> Span:
        return self.ast_field.span

    @property
    def arity(self) -> ast.FieldArity:
        return self.ast_field.arity

    @property
    def is_required(self) -> bool:
        return self.ast_field.arity.is_required

    @property
    def model_id(self) -> ModelId:
        return self.data.model_id

    @property
    def model(self) -> ast.Model:
        return self.db.model(self.data.model_id)

    @property
    def related_model_id(self) -> ModelId:
        return self.data.referenced_model

    @property
    def related_model(self) -> ast.Model:
        return self.db.model(self.data.referenced_model)

    @property
    def is_ignored(self) -> bool:
        return self.data.is_ignored

    @property
    def one_side_is_view(self) -> bool:
        return self.model.is_view or self.related_model.is_view

    @property
    def mapped_name(self) -> str | None:
        """The foreign key name (``@relation(map: ...)``)."""
        return self.data.mapped_name

    @property
    def explicit_on_delete(self) -> ReferentialAction | None:
        on_delete = self.data.on_delete
        return None if on_delete is None else on_delete[0]

    @property
    def explicit_on_delete_span(self) -> Span | None:
        on_delete = self.data.on_delete
        return None if on_delete is None else on_delete[1]

    @property
    def explicit_on_update(self) -> ReferentialAction | None:
        on_update = self.data.on_update
        return None if on_update is None else on_update[0]

    @property
    def explicit_on_update_span(self) -> Span | None:
        on_update = self.data.on_update
        return None if on_update is None else on_update[1]

    @property
    def explicit_relation_name(self) -> str | None:
        return self.data.name

    @property
    def relation_name(self) -> str:
        """The explicit name, or the generated ``AToB`` one."""
        name = self.data.name
        if name is not None:
            return name
        return generated_relation_name(self.model.name.name, self.related_model.name.name)

    @property
    def relation_attribute(self) -> ast.Attribute | None:
        attr_id = self.data.relation_attribute
        if attr_id is None:
            return None
        return self.ast_field.attributes[attr_id[1]]

    def span_for_argument(self, argument: str) -> Span | None:
        """The span of ``argument:`` in the field's ``@relation`` attribute."""
        for attr in self.ast_field.attributes:
            if attr.name.name != "relation":
                continue
            for arg in attr.arguments.arguments:
                if arg.name is not None and arg.name.name == argument:
                    return arg.span
        return None

    def span_for_attribute(self) -> Span | None:
        """The span of the field's (first) ``@relation`` attribute."""
        return next((a.span for a in self.ast_field.attributes if a.name.name == "relation"), None)

    @property
    def fields(self) -> list[int] | None:
        """The scalar field ids in ``fields: [...]`` (None when the argument is absent)."""
        return self.data.fields

    @property
    def references(self) -> list[int] | None:
        """The scalar field ids in ``references: [...]`` (None when the argument is absent)."""
        return self.data.references

    def scalar_field(self, sfid: int) -> ScalarField:
        return self.db.scalar_fields[sfid]

    @property
    def referential_arity(self) -> ast.FieldArity:
        """Required if any referencing scalar field is required, else the field's own arity."""
        fields = self.data.fields
        if fields is not None and any(self.db.scalar_field_ast(sfid).arity.is_required for sfid in fields):
            return ast.FieldArity.REQUIRED
        return self.ast_field.arity

    def default_on_delete(self, *, restrict_supported: bool) -> ReferentialAction:
        return default_on_delete(self.referential_arity.is_required, restrict_supported=restrict_supported)

    @property
    def references_singular_id_field(self) -> bool:
        """``references`` names exactly the related model's single-field primary key (or is absent)."""
        references = self.data.references
        if references is None:
            return True
        if len(references) != 1:
            return False
        attrs = self.db.model_attributes.get(self.related_model_id)
        pk = None if attrs is None else attrs.primary_key
        if pk is None or len(pk.fields) != 1:
            return False
        only = pk.fields[0]
        return not only.path.path and only.path.root == references[0]

    @property
    def relation_id(self) -> int | None:
        return relations_of(self.db).relation_of_field(self.id)

    @property
    def relation(self) -> RelationWalker | None:
        rid = self.relation_id
        return None if rid is None else RelationWalker(self.db, rid)

    @property
    def opposite(self) -> RelationFieldWalker | None:
        """The other relation field of this field's relation, if defined."""
        relation = self.relation
        if relation is None:
            return None
        return next((f for f in relation.relation_fields() if f.id != self.id), None)


def walk_relation_fields(db: ParserDatabase, model_id: ModelId | None = None) -> Iterator[RelationFieldWalker]:
    ids = range(len(db.relation_fields)) if model_id is None else db.model_relation_field_ids(model_id)
    for rfid in ids:
        yield RelationFieldWalker(db, rfid)


# --- relations ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RelationWalker:
    db: ParserDatabase
    id: int

    @property
    def data(self) -> Relation:
        return relations_of(self.db)[self.id]

    @property
    def kind(self) -> RelationKind:
        return self.data.kind

    @property
    def model_a(self) -> ModelId:
        return self.data.model_a

    @property
    def model_b(self) -> ModelId:
        return self.data.model_b

    @property
    def is_self_relation(self) -> bool:
        return self.data.model_a == self.data.model_b

    @property
    def is_one_to_one(self) -> bool:
        return self.data.kind is RelationKind.ONE_TO_ONE

    @property
    def is_implicit_many_to_many(self) -> bool:
        return self.data.kind is RelationKind.IMPLICIT_MANY_TO_MANY

    @property
    def is_two_way_embedded_many_to_many(self) -> bool:
        return self.data.kind is RelationKind.TWO_WAY_EMBEDDED_MANY_TO_MANY

    @property
    def is_inline(self) -> bool:
        return self.data.kind.is_inline

    def relation_fields(self) -> Iterator[RelationFieldWalker]:
        """The fields defining the relation, A then B."""
        for rfid in self.data.fields:
            if rfid is not None:
                yield RelationFieldWalker(self.db, rfid)

    @property
    def is_ignored(self) -> bool:
        """Is any relation field, or any of its referencing scalar fields, ignored or unsupported?"""
        for rf in self.relation_fields():
            if rf.is_ignored:
                return True
            for sfid in rf.fields or ():
                sf = self.db.scalar_fields[sfid]
                if sf.is_ignored or sf.type.is_unsupported:
                    return True
        return False

    @property
    def explicit_relation_name(self) -> str | None:
        return self.data.name

    @property
    def relation_name(self) -> str:
        name = self.data.name
        if name is not None:
            return name
        return generated_relation_name(self.db.model(self.model_a).name.name, self.db.model(self.model_b).name.name)

    # --- 1:1 and 1:n -------------------------------------------------------------------------

    @property
    def forward_field(self) -> RelationFieldWalker | None:
        """The relation field on the referencing model A (inline relations)."""
        rfid = self.data.field_a
        return None if rfid is None else RelationFieldWalker(self.db, rfid)

    @property
    def back_field(self) -> RelationFieldWalker | None:
        """The back relation field on the referenced model B (inline relations)."""
        rfid = self.data.field_b
        return None if rfid is None else RelationFieldWalker(self.db, rfid)

    @property
    def is_complete(self) -> bool:
        return self.data.is_complete

    @property
    def referencing_model(self) -> ModelId:
        return self.data.model_a

    @property
    def referenced_model(self) -> ModelId:
        return self.data.model_b

    @property
    def referencing_fields(self) -> list[int] | None:
        """The forward field's ``fields``, or None."""
        forward = self.forward_field
        return None if forward is None else forward.fields

    @property
    def referenced_fields(self) -> list[int]:
        """The forward field's ``references``, else the referenced model's first strict unique
        criterion (its model scalar fields)."""
        forward = self.forward_field
        if forward is not None and forward.references is not None:
            return list(forward.references)
        for criterion in unique_criteria(self.db, self.referenced_model):
            if criterion.is_strict:
                return [sfid for sfid in criterion.scalar_field_ids() if sfid is not None]
        return []

    @property
    def mapped_name(self) -> str | None:
        forward = self.forward_field
        return None if forward is None else forward.mapped_name

    def on_delete(self, *, restrict_supported: bool) -> ReferentialAction:
        """The forward field's ``onDelete``, or the default for its referential arity."""
        forward = self.forward_field
        assert forward is not None, "on_delete of a relation without forward field"
        explicit = forward.explicit_on_delete
        if explicit is not None:
            return explicit
        return forward.default_on_delete(restrict_supported=restrict_supported)

    @property
    def on_update(self) -> ReferentialAction:
        """The forward field's ``onUpdate``, or Cascade."""
        forward = self.forward_field
        explicit = None if forward is None else forward.explicit_on_update
        return ReferentialAction.Cascade if explicit is None else explicit

    def foreign_key_columns(self) -> list[str]:
        """Database names of the referencing scalar fields (empty when there are none)."""
        return [self.db.scalar_field_database_name(sfid) for sfid in self.referencing_fields or ()]

    # --- m:n --------------------------------------------------------------------------------------

    @property
    def field_a(self) -> RelationFieldWalker:
        rfid = self.data.field_a
        assert rfid is not None
        return RelationFieldWalker(self.db, rfid)

    @property
    def field_b(self) -> RelationFieldWalker:
        rfid = self.data.field_b
        assert rfid is not None
        return RelationFieldWalker(self.db, rfid)

    @property
    def one_side_is_view(self) -> bool:
        return self.db.model(self.model_a).is_view or self.db.model(self.model_b).is_view

    @property
    def table_name(self) -> str:
        """The implicit m:n join table: ``_`` and the relation name of field A."""
        return f"_{self.field_a.relation_name}"

    column_a_name = "A"
    column_b_name = "B"


def foreign_key_name(relation: RelationWalker, limit: constraint_names.Limit) -> str:
    """The foreign key of an inline relation: ``map:``, or ``{table}_{columns}_fkey`` of the
    referencing side (``limit``: the connector, or its identifier length)."""
    mapped = relation.mapped_name
    if mapped is not None:
        return mapped
    table = relation.db.model_database_name(relation.referencing_model)
    return constraint_names.foreign_key_constraint_name(table, relation.foreign_key_columns(), limit)


def inline_foreign_key_names(db: ParserDatabase, limit: constraint_names.Limit) -> Iterator[tuple[RelationWalker, str]]:
    """Every 1:1 and 1:n relation with its foreign key name (what constraint namespaces count)."""
    for relation in walk_relations(db):
        if relation.is_inline:
            yield relation, foreign_key_name(relation, limit)


def walk_relations(db: ParserDatabase) -> Iterator[RelationWalker]:
    """Every relation, in inference order."""
    for rid in relations_of(db).ids():
        yield RelationWalker(db, rid)


def relations_from(db: ParserDatabase, model_id: ModelId) -> Iterator[RelationWalker]:
    """Relations inferred from a relation field of ``model_id`` (Prisma's ``relations_from``)."""
    for rid in relations_of(db).from_model(model_id):
        yield RelationWalker(db, rid)


def relations_to(db: ParserDatabase, model_id: ModelId) -> Iterator[RelationWalker]:
    for rid in relations_of(db).to_model(model_id):
        yield RelationWalker(db, rid)


def complete_inline_relations_from(db: ParserDatabase, model_id: ModelId) -> Iterator[RelationWalker]:
    """1:1 and 1:n relations from ``model_id`` defined on both sides."""
    for relation in relations_from(db, model_id):
        if relation.is_inline and relation.is_complete:
            yield relation


def fields_missing_opposite(db: ParserDatabase) -> list[RelationFieldWalker]:
    """Relation fields whose relation has no opposite field (what ``prisma format`` completes)."""
    out: list[RelationFieldWalker] = []
    for relation in walk_relations(db):
        if relation.is_complete:
            continue
        out.extend(relation.relation_fields())
    return out


# built by the thousand per schema: see refrakt.psl._fast_init
speed_up_init(
    UniqueCriterion,
    RelationFieldWalker,
    RelationWalker,
)
