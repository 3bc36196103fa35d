"""Namespaces in which constraint names must be unique (Prisma's ``constraint_namespace.rs``).

Databases differ in where a constraint name must be unique: PostgreSQL wants index and primary
key names unique per schema, SQL Server wants primary keys, foreign keys and default constraints
unique in the database, MySQL foreign keys too, and so on. A connector lists its
:class:`ConstraintScope` values; this module counts every constraint name (given with ``map:``
or generated) in each of them, so that a rule can ask which scopes a name violates.

Besides the database scopes there is one client-side namespace: the custom ``name:`` of the
primary key and of ``@@unique`` must be unique within their model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from refrakt.psl import constraint_names
from refrakt.psl.connectors import EMPTY_CONNECTOR, Connector, ConstraintScope, ConstraintType, checked_scopes
from refrakt.psl.db import ParserDatabase
from refrakt.psl.db._types import AttributeId, ModelId
from refrakt.psl.db._walk_keys import model_indexes, model_primary_key
from refrakt.psl.db._walk_relations import inline_foreign_key_names, relations_from, walk_relations
from refrakt.psl.validate._context import ValidationContext

__all__ = [
    "ConstraintNames",
    "ConstraintNamespace",
    "ConstraintType",
    "connector_of",
    "constraint_names_of",
    "default_constraint_names",
    "foreign_key_constraint_names",
    "infer_namespaces",
    "schema_name",
]


def connector_of(ctx: ValidationContext) -> Connector:
    """The datasource's connector, or Prisma's empty connector when there is no datasource."""
    return ctx.connector if ctx.connector is not None else EMPTY_CONNECTOR


def schema_name(db: ParserDatabase, model_id: ModelId) -> str | None:
    """The ``@@schema`` of a model, if any."""
    attrs = db.model_attributes.get(model_id)
    return None if attrs is None or attrs.schema is None else attrs.schema[0]


def foreign_key_constraint_names(db: ParserDatabase, connector: Connector) -> Iterator[tuple[ModelId, str]]:
    """``(referencing model, name)`` of the foreign key of every 1:1 and 1:n relation.

    The name is the ``map:`` of ``@relation`` or ``{table}_{columns}_fkey`` of the referencing side.
    """
    for relation, name in inline_foreign_key_names(db, connector):
        yield relation.referencing_model, name


def default_constraint_names(db: ParserDatabase, connector: Connector) -> Iterator[tuple[int, str]]:
    """``(scalar field id, name)`` of every ``@default``: ``map:`` or ``{table}_{column}_df``."""
    for sfid, sf in enumerate(db.scalar_fields):
        if sf.default is None:
            continue
        if sf.default.mapped_name is not None:
            yield sfid, sf.default.mapped_name
            continue
        table = db.model_database_name(sf.model_id)
        yield sfid, constraint_names.default_constraint_name(table, db.scalar_field_database_name(sfid), connector)


@dataclass(frozen=True)
class ConstraintNames:
    """Every constraint name of the schema for the run's connector, computed once per validation run
    (the namespaces count them, then the rules look their own up): index names by attribute, primary
    key names by model (models with a key the connector names), foreign key names by relation id
    (inline relations only)."""

    indexes: dict[AttributeId, str]
    primary_keys: dict[ModelId, str]
    foreign_keys: dict[int, str]
    # (model, index name) of every index, in schema order
    index_names: list[tuple[ModelId, str]]


def constraint_names_of(ctx: ValidationContext) -> ConstraintNames:
    return ctx.memo("constraint_names", lambda: _constraint_names(ctx))


def _constraint_names(ctx: ValidationContext) -> ConstraintNames:
    db = ctx.db
    connector = connector_of(ctx)
    indexes: dict[AttributeId, str] = {}
    index_names: list[tuple[ModelId, str]] = []
    primary_keys: dict[ModelId, str] = {}
    for model_id, _ in db.iter_models():
        for index in model_indexes(db, model_id):
            name = index.constraint_name(connector)
            indexes[index.attribute_id] = name
            index_names.append((model_id, name))
        pk = model_primary_key(db, model_id)
        pk_name = None if pk is None else pk.constraint_name(connector)
        if pk_name is not None:
            primary_keys[model_id] = pk_name
    foreign_keys = {relation.id: name for relation, name in inline_foreign_key_names(db, connector)}
    return ConstraintNames(indexes, primary_keys, foreign_keys, index_names)


@dataclass
class ConstraintNamespace:
    """Occurrences of each constraint name per scope (global ones keyed by ``@@schema``)."""

    global_: Counter[tuple[ConstraintScope, str | None, str]] = field(
        default_factory=Counter[tuple[ConstraintScope, str | None, str]]
    )
    local: Counter[tuple[ModelId, ConstraintScope, str]] = field(
        default_factory=Counter[tuple[ModelId, ConstraintScope, str]]
    )
    local_custom_name: Counter[tuple[ModelId, str]] = field(default_factory=Counter[tuple[ModelId, str]])
    # the scopes that were filled (a name can only be counted twice in one of them)
    filled: tuple[ConstraintScope, ...] = ()

    def constraint_name_scope_violations(
        self, db: ParserDatabase, model_id: ModelId, constraint_type: ConstraintType, name: str
    ) -> list[ConstraintScope]:
        """The scopes in which ``name`` occurs more than once: global ones first, then the model's."""
        schema = schema_name(db, model_id)
        filled = self.filled
        scopes = [s for s in checked_scopes(constraint_type) if s in filled]
        if not scopes:
            return scopes
        global_, local = self.global_.get, self.local.get
        out = [s for s in scopes if global_((s, schema, name), 0) > 1]
        out.extend(s for s in scopes if local((model_id, s, name), 0) > 1)
        return out

    def local_custom_name_scope_violations(self, model_id: ModelId, name: str) -> bool:
        """The custom ``name:`` is used by more than one key of the model."""
        return self.local_custom_name.get((model_id, name), 0) > 1

    # --- filling the namespaces ------------------------------------------------------------------

    def add_global_indexes(self, scope: ConstraintScope, db: ParserDatabase, names: ConstraintNames) -> None:
        for model_id, name in names.index_names:
            self.global_[(scope, schema_name(db, model_id), name)] += 1

    def add_global_relations(self, scope: ConstraintScope, db: ParserDatabase, names: ConstraintNames) -> None:
        for relation in walk_relations(db):
            if relation.is_inline:
                name = names.foreign_keys[relation.id]
                self.global_[(scope, schema_name(db, relation.referencing_model), name)] += 1

    def add_global_primary_keys(self, scope: ConstraintScope, db: ParserDatabase, names: ConstraintNames) -> None:
        for model_id, _ in db.iter_models():
            name = names.primary_keys.get(model_id)
            if name is not None:
                self.global_[(scope, schema_name(db, model_id), name)] += 1

    def add_global_default_constraints(self, scope: ConstraintScope, db: ParserDatabase, connector: Connector) -> None:
        for sfid, name in default_constraint_names(db, connector):
            self.global_[(scope, schema_name(db, db.scalar_fields[sfid].model_id), name)] += 1

    def add_local_indexes(self, scope: ConstraintScope, db: ParserDatabase, names: ConstraintNames) -> None:
        for model_id, name in names.index_names:
            self.local[(model_id, scope, name)] += 1

    def add_local_primary_keys(self, scope: ConstraintScope, db: ParserDatabase, names: ConstraintNames) -> None:
        for model_id, _ in db.iter_models():
            name = names.primary_keys.get(model_id)
            if name is not None:
                self.local[(model_id, scope, name)] += 1

    def add_local_relations(self, scope: ConstraintScope, db: ParserDatabase, names: ConstraintNames) -> None:
        """Foreign keys per model, as Prisma counts them: under the model whose relation field the
        relation was inferred from (Prisma's ``relations_from``; for a 1:n relation that only has its
        back-relation list, the list's model), and for models only, not views."""
        for model_id, model in db.iter_models():
            if model.is_view:
                continue
            for relation in relations_from(db, model_id):
                if relation.is_inline:
                    self.local[(model_id, scope, names.foreign_keys[relation.id])] += 1

    def add_local_custom_names_for_primary_keys_and_uniques(self, db: ParserDatabase) -> None:
        for model_id, _ in db.iter_models():
            pk = model_primary_key(db, model_id)
            if pk is not None and pk.name is not None:
                self.local_custom_name[(model_id, pk.name)] += 1
            for index in model_indexes(db, model_id):
                if index.name is not None:
                    self.local_custom_name[(model_id, index.name)] += 1


def infer_namespaces(ctx: ValidationContext) -> ConstraintNamespace:
    """Count every constraint name in the scopes the connector checks (Prisma's ``infer_namespaces``);
    built once per validation run."""
    return ctx.memo("constraint_namespaces", lambda: _infer_namespaces(ctx))


def _infer_namespaces(ctx: ValidationContext) -> ConstraintNamespace:
    db = ctx.db
    connector = connector_of(ctx)
    names = constraint_names_of(ctx)
    ns = ConstraintNamespace(filled=tuple(connector.constraint_scopes))
    for scope in connector.constraint_scopes:
        match scope:
            case ConstraintScope.GLOBAL_KEY_INDEX:
                ns.add_global_indexes(scope, db, names)
            case ConstraintScope.GLOBAL_FOREIGN_KEY:
                ns.add_global_relations(scope, db, names)
            case ConstraintScope.GLOBAL_PRIMARY_KEY_KEY_INDEX:
                ns.add_global_primary_keys(scope, db, names)
                ns.add_global_indexes(scope, db, names)
            case ConstraintScope.GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT:
                ns.add_global_primary_keys(scope, db, names)
                ns.add_global_relations(scope, db, names)
                ns.add_global_default_constraints(scope, db, connector)
            case ConstraintScope.MODEL_KEY_INDEX:
                ns.add_local_indexes(scope, db, names)
            case ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX:
                ns.add_local_primary_keys(scope, db, names)
                ns.add_local_indexes(scope, db, names)
            case ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY:
                ns.add_local_primary_keys(scope, db, names)
                ns.add_local_indexes(scope, db, names)
                ns.add_local_relations(scope, db, names)
    ns.add_local_custom_names_for_primary_keys_and_uniques(db)
    return ns
