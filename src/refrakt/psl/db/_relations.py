"""Fourth pass: relation inference, pairing relation fields into relations.

Port of Prisma's ``parser-database/src/relations.rs``. Every relation field is looked at once,
with its *evidence*: its arity, and the first relation field on the related model that points
back with the same relation name (its opposite). From that, a :class:`Relation` is recorded once
per pair of fields:

- both sides lists: an implicit many-to-many relation (a two-way embedded one when either side
  has ``fields:``), model A being the first model by name (field name for self-relations);
- a list and a singular side, or one singular side alone: one-to-many, unless the lone singular
  side's ``fields`` are exactly a unique index (then one-to-one);
- two singular sides: one-to-one, model A being the side that carries ``fields`` (or is
  required, or the first by model and field name).

In 1:1 and 1:n relations model A is the *referencing* model (the one holding the foreign key)
and field A its forward relation field; field B is the back relation field, if any.

:func:`infer_relations` is the pass (it stores the relations in ``db.relations``, in inference
order); :func:`relations_of` gives the typed store with its indexes; :func:`pair_relation_fields`
is the same inference as a pure function, for tools (the formatter) that need the relations and
the fields without an opposite side.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from refrakt.psl.db._types import IndexType, ModelId

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase

__all__ = [
    "Relation",
    "RelationKind",
    "Relations",
    "infer_relations",
    "pair_relation_fields",
    "relations_of",
]


class RelationKind(enum.Enum):
    IMPLICIT_MANY_TO_MANY = "implicit many-to-many"
    TWO_WAY_EMBEDDED_MANY_TO_MANY = "two-way embedded many-to-many"
    ONE_TO_ONE = "one-to-one"
    ONE_TO_MANY = "one-to-many"

    @property
    def is_many_to_many(self) -> bool:
        return self in (RelationKind.IMPLICIT_MANY_TO_MANY, RelationKind.TWO_WAY_EMBEDDED_MANY_TO_MANY)

    @property
    def is_inline(self) -> bool:
        """1:1 and 1:n: the relation lives in a foreign key on model A."""
        return not self.is_many_to_many


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation between ``model_a`` and ``model_b`` (possibly the same model).

    ``field_a``/``field_b`` are relation field ids (indexes in ``db.relation_fields``). For 1:1 and
    1:n relations, ``field_a`` is the forward field on the referencing model A (``None`` when only
    the back relation field exists) and ``field_b`` the back relation field on model B (``None``
    when it is missing). For m:n relations both are set. ``name`` is the explicit relation name.
    """

    kind: RelationKind
    model_a: ModelId
    model_b: ModelId
    field_a: int | None
    field_b: int | None
    name: str | None = None

    @property
    def fields(self) -> tuple[int | None, int | None]:
        return self.field_a, self.field_b

    @property
    def is_complete(self) -> bool:
        """Both relation fields are defined."""
        return self.field_a is not None and self.field_b is not None

    def has_field(self, rfid: int) -> bool:
        return rfid in (self.field_a, self.field_b)


@dataclass
class Relations:
    """The relations of a schema, addressed by their index (the relation id), with indexes.

    ``forward`` holds ``(model, related model, relation id)`` for the model of the relation field
    the relation was inferred from, ``back`` the same triple from the related model's side, both
    sorted as Prisma's ``BTreeSet``s are (the order of ``from_model``/``to_model``).
    """

    storage: list[Relation] = field(default_factory=list[Relation])
    by_field: dict[int, int] = field(default_factory=dict[int, int])
    forward: list[tuple[ModelId, ModelId, int]] = field(default_factory=list[tuple[ModelId, ModelId, int]])
    back: list[tuple[ModelId, ModelId, int]] = field(default_factory=list[tuple[ModelId, ModelId, int]])

    def __len__(self) -> int:
        return len(self.storage)

    def __getitem__(self, relation_id: int) -> Relation:
        return self.storage[relation_id]

    def __iter__(self) -> Iterator[Relation]:
        return iter(self.storage)

    def ids(self) -> range:
        return range(len(self.storage))

    def relation_of_field(self, rfid: int) -> int | None:
        """The id of the relation a relation field belongs to."""
        return self.by_field.get(rfid)

    def from_model(self, model_id: ModelId) -> Iterator[int]:
        """Relations whose forward side (the side they were inferred from) is on ``model_id``."""
        return _range(self.forward, model_id)

    def to_model(self, model_id: ModelId) -> Iterator[int]:
        """Relations pointing to ``model_id``."""
        return _range(self.back, model_id)

    def add(self, relation: Relation, model_id: ModelId, referenced_model: ModelId) -> int:
        relation_id = len(self.storage)
        self.storage.append(relation)
        for rfid in relation.fields:
            if rfid is not None:
                self.by_field[rfid] = relation_id
        bisect.insort(self.forward, (model_id, referenced_model, relation_id))
        bisect.insort(self.back, (referenced_model, model_id, relation_id))
        return relation_id


def _range(index: list[tuple[ModelId, ModelId, int]], model_id: ModelId) -> Iterator[int]:
    start = bisect.bisect_left(index, (model_id,))
    for entry in index[start:]:
        if entry[0] != model_id:
            break
        yield entry[2]


def relations_of(db: ParserDatabase) -> Relations:
    """The typed relation store of ``db`` (empty before relation inference ran)."""
    store = db.relation_store
    return store if store is not None else Relations()


def infer_relations(db: ParserDatabase) -> None:
    """The pass: pair the relation fields of ``db`` and store the relations."""
    store = pair_relation_fields(db)
    db.relations.clear()
    db.relations.extend(store.storage)
    db.relation_store = store


def pair_relation_fields(db: ParserDatabase) -> Relations:
    """Relation inference as a pure function over a database whose attributes are resolved.

    Fields without an opposite side show up as relations with ``field_b`` (or, for a lone list
    field, ``field_a``) set to ``None``; see :func:`refrakt.psl.db._walk_relations.fields_missing_opposite`.
    """
    store = Relations()
    for rfid in range(len(db.relation_fields)):
        _ingest(db, store, rfid)
    return store


def _opposite_field(db: ParserDatabase, rfid: int) -> int | None:
    rf = db.relation_fields[rfid]
    is_self_relation = rf.model_id == rf.referenced_model
    for opp_id in db.model_relation_field_ids(rf.referenced_model):
        opp = db.relation_fields[opp_id]
        if opp.referenced_model != rf.model_id:
            continue
        if is_self_relation and opp.field_id == rf.field_id:
            continue
        if opp.name == rf.name:
            return opp_id
    return None


def _fields_are_unique(db: ParserDatabase, model_id: ModelId, fields: list[int]) -> bool:
    attrs = db.model_attributes.get(model_id)
    if attrs is None:
        return False
    for _, index in attrs.ast_indexes:
        if index.type is not IndexType.Unique or len(index.fields) != len(fields):
            continue
        if all(not f.path.path and f.path.root == sfid for f, sfid in zip(index.fields, fields, strict=True)):
            return True
    return False


def _ingest(db: ParserDatabase, store: Relations, rfid: int) -> None:
    rf = db.relation_fields[rfid]
    ast_field = db.ast_field(rf.model_id, rf.field_id)
    model_name = db.model(rf.model_id).name.name
    opposite_model_name = db.model(rf.referenced_model).name.name
    is_self_relation = rf.model_id == rf.referenced_model
    arity = ast_field.arity
    opp_id = _opposite_field(db, rfid)

    kind: RelationKind
    field_a: int | None = rfid
    field_b: int | None = None
    if opp_id is None:
        if arity.is_list:
            # A 1:m relation defined on the back relation side only.
            kind, field_a, field_b = RelationKind.ONE_TO_MANY, None, rfid
        elif rf.fields is not None and _fields_are_unique(db, rf.model_id, rf.fields):
            kind = RelationKind.ONE_TO_ONE
        else:
            kind = RelationKind.ONE_TO_MANY
    else:
        opp = db.relation_fields[opp_id]
        opp_field = db.ast_field(opp.model_id, opp.field_id)
        field_b = opp_id
        own_key = (model_name, ast_field.name.name)
        opp_key = (opposite_model_name, opp_field.name.name)
        if arity.is_list and opp_field.arity.is_list:
            # m:n, met twice: keep the side of model A (first by model name, then field name).
            if model_name > opposite_model_name:
                return
            if is_self_relation and ast_field.name.name > opp_field.name.name:
                return
            two_way = rf.fields is not None or opp.fields is not None
            kind = RelationKind.TWO_WAY_EMBEDDED_MANY_TO_MANY if two_way else RelationKind.IMPLICIT_MANY_TO_MANY
        elif arity.is_required and opp_field.arity.is_optional:
            kind = RelationKind.ONE_TO_ONE
        elif arity.is_required and opp_field.arity.is_required:
            # Required on both sides: rejected later, model A does not matter.
            if own_key > opp_key:
                return
            kind = RelationKind.ONE_TO_ONE
        elif arity.is_optional and opp_field.arity.is_required:
            return  # the virtual side of a required 1:1
        elif arity.is_optional and opp_field.arity.is_optional:
            if rf.fields is None:
                if opp.fields is not None:
                    return  # the opposite side is the forward side
                if own_key > opp_key:
                    return
            kind = RelationKind.ONE_TO_ONE
        elif arity.is_list:
            return  # the back relation side of a 1:m defined on both sides
        else:
            kind = RelationKind.ONE_TO_MANY

    if field_a is None:
        relation = Relation(kind, rf.referenced_model, rf.model_id, None, field_b, rf.name)
    else:
        relation = Relation(kind, rf.model_id, rf.referenced_model, field_a, field_b, rf.name)
    store.add(relation, rf.model_id, rf.referenced_model)
