"""Whole-model rules: database name clashes and the connector's own model rules.

Port of ``models::database_name_clashes`` and ``models::connector_specific`` from Prisma's
``psl-core/src/validate/validation_pipeline/validations/models.rs``; the latter dispatches to
each connector's ``validate_model`` (``builtin_connectors/*/validations.rs``): MongoDB ids,
``auto()``/``dbgenerated()`` defaults and field names; MySQL/SQL Server/Postgres native types
that cannot be indexed or be part of a primary key; Postgres/CockroachDB index algorithms and
operator classes; CockroachDB ``autoincrement()`` on ``Int``; MySQL's ``SetDefault`` warning.
The connector says which rules apply through its flags and tables, never through its name.

The primary key and fulltext rules of ``models.rs`` live with the key validations.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from refrakt.diagnostics import Span
from refrakt.psl import ast
from refrakt.psl._fast_init import speed_up_init
from refrakt.psl.connectors import (
    EMPTY_CONNECTOR,
    Connector,
    IndexAlgorithm,
    IndexField,
    KeyField,
    NativeTypeInstance,
    RelationMode,
    autoincrement_on_int_error,
    index_native_type_violation,
    mongo_auto_requires_id,
    mongo_auto_requires_object_id,
    mongo_dbgenerated_not_allowed,
    mongo_duplicate_index,
    mongo_field_name_errors,
    mongo_id_mapped_name,
    mongo_id_required,
    mongo_unique_on_id,
    parse_native_type,
    primary_key_native_type_violation,
    set_default_warning,
)
from refrakt.psl.db import (
    FieldWithArgs,
    IdAttribute,
    IndexAttribute,
    IndexType,
    ModelAttributes,
    ParserDatabase,
    ScalarFieldType,
)
from refrakt.psl.db._types import AttributeId, ModelId
from refrakt.psl.validate._context import ValidationContext

__all__ = [
    "IndexView",
    "attribute_ast",
    "connector_of",
    "database_name_clashes",
    "indexes_of",
    "validate",
]


def connector_of(ctx: ValidationContext) -> Connector:
    """The datasource's connector, or Prisma's empty connector when there is none."""
    connector = ctx.connector
    return connector if isinstance(connector, Connector) else EMPTY_CONNECTOR


def attribute_ast(db: ParserDatabase, attribute_id: AttributeId) -> ast.Attribute:
    """The AST attribute an attribute id points to (on a model or on one of its fields)."""
    container, idx = attribute_id
    model = db.model(cast("ModelId", container[1]))
    if container[0] == "field":
        return model.fields[cast("int", container[2])].attributes[idx]
    return model.attributes[idx]


def _container(model: ast.Model) -> str:
    return "view" if model.is_view else "model"


# --- indexes and primary keys, as the connector rules see them -----------------------------------


@dataclass(frozen=True, slots=True)
class IndexView:
    """One ``@unique``/``@@unique``/``@@index``/``@@fulltext`` of a model (Prisma's ``IndexWalker``)."""

    attribute_id: AttributeId
    data: IndexAttribute
    attribute: ast.Attribute

    @property
    def attribute_name(self) -> str:
        """The attribute as Prisma names it in messages (``@unique``, ``@@unique``, ``@@index``...)."""
        if self.data.source_field is not None:
            return "@unique"
        if self.data.type is IndexType.Unique:
            return "@@unique"
        if self.data.type is IndexType.Fulltext:
            return "@@fulltext"
        return "@@index"

    @property
    def is_unique(self) -> bool:
        return self.data.type is IndexType.Unique

    @property
    def is_fulltext(self) -> bool:
        return self.data.type is IndexType.Fulltext


def indexes_of(db: ParserDatabase, model_id: ModelId) -> Iterator[IndexView]:
    attrs = db.model_attributes.get(model_id)
    if attrs is None:
        return
    for attribute_id, data in attrs.ast_indexes:
        yield IndexView(attribute_id, data, attribute_ast(db, attribute_id))


@dataclass(frozen=True, slots=True)
class _IndexedField:
    """The field an index entry points at: a model scalar field, or a field of a composite type."""

    name: str
    type: ScalarFieldType
    arity: ast.FieldArity
    native_type: tuple[str, tuple[str, ...]] | None
    span: Span
    in_composite: bool


def _indexed_field(db: ParserDatabase, entry: FieldWithArgs) -> _IndexedField:
    path = entry.path
    if path.path:
        ct_id, field_id = path.path[-1]
        ctf = db.composite_type_fields[(ct_id, field_id)]
        f = db.composite_type(ct_id).fields[field_id]
        nt = ctf.native_type
        return _IndexedField(
            f.name.name, ctf.type, f.arity, None if nt is None else (nt.name, nt.args), f.span, in_composite=True
        )
    sf = db.scalar_fields[path.root]
    f = db.scalar_field_ast(path.root)
    nt = sf.native_type
    return _IndexedField(
        f.name.name, sf.type, f.arity, None if nt is None else (nt.name, nt.args), f.span, in_composite=False
    )


def _native_type(connector: Connector, raw: tuple[str, tuple[str, ...]] | None) -> NativeTypeInstance | None:
    """Prisma's ``native_type_instance``: the raw ``@db.X(args)`` parsed silently by the connector."""
    if raw is None:
        return None
    return parse_native_type(connector, raw[0], raw[1])


def _scalar_name(t: ScalarFieldType) -> str | None:
    return t.scalar.value if t.kind == "builtin" and t.scalar is not None else None


def _key_field(connector: Connector, field: _IndexedField, entry: FieldWithArgs) -> KeyField:
    return KeyField(_native_type(connector, field.native_type), _scalar_name(field.type), entry.length is not None)


def _index_field(connector: Connector, field: _IndexedField, entry: FieldWithArgs) -> IndexField:
    opclass = entry.operator_class
    return IndexField(
        name=field.name,
        scalar_type=_scalar_name(field.type),
        native_type=_native_type(connector, field.native_type),
        is_list=field.arity.is_list,
        operator_class=None if opclass is None or opclass.is_raw else opclass.name,
        raw_operator_class=opclass is not None and opclass.is_raw,
        is_unsupported=field.type.is_unsupported,
        is_composite_path=field.in_composite,
    )


# --- database names -----------------------------------------------------------------------------


def _map_attribute(model: ast.Model) -> ast.Attribute | None:
    return next((a for a in model.attributes if a.name.name == "map"), None)


def database_name_clashes(ctx: ValidationContext) -> None:
    """Two models with the same database name (``@@map``) in the same schema.

    The error goes on the ``@@map`` attribute that causes the clash: the later model's when it
    has one, else the earlier model's.
    """
    db = ctx.db
    seen: dict[tuple[str | None, str], ModelId] = {}
    models = list(db.iter_models())
    # Prisma's `walk_models().chain(walk_views())`: a view clashes with a model too
    for model_id, model in [m for m in models if not m[1].is_view] + [m for m in models if m[1].is_view]:
        attrs = db.model_attributes.get(model_id, ModelAttributes())
        key = (None if attrs.schema is None else attrs.schema[0], db.model_database_name(model_id))
        existing = seen.get(key)
        seen[key] = model_id
        if existing is None:
            continue
        db_name = key[1]
        if attrs.mapped_name is not None:
            attribute = _map_attribute(model)
            other_name = db.model(existing).name.name
        else:
            attribute = _map_attribute(db.model(existing))
            other_name = model.name.name
        if attribute is None:  # pragma: no cover - a clash needs a @@map on one side
            continue
        ctx.error(
            f'The model with database name "{db_name}" could not be defined because another model or view '
            f'with this name exists: "{other_name}"',
            attribute.span,
        )


# --- connector-specific model rules ----------------------------------------------------------------


def _default_function(db: ParserDatabase, sfid: int) -> tuple[str, ast.Attribute] | None:
    """The function name of a scalar field's ``@default(fn())`` and the attribute, if any."""
    default = db.scalar_fields[sfid].default
    if default is None:
        return None
    attribute = attribute_ast(db, default.attribute)
    args = attribute.arguments.arguments
    if default.argument_idx >= len(args):
        return None
    value = args[default.argument_idx].value
    return (value.name, attribute) if isinstance(value, ast.Function) else None


def _pk_field_ids(attrs: ModelAttributes) -> list[int]:
    pk = attrs.primary_key
    return [] if pk is None else [f.path.root for f in pk.fields]


def _mongo_rules(ctx: ValidationContext, model_id: ModelId, model: ast.Model, attrs: ModelAttributes) -> None:
    db = ctx.db
    container = _container(model)
    message = mongo_id_required(has_primary_key=attrs.primary_key is not None)
    if message is not None:
        ctx.error(message, model.span)
    pk_fields = _pk_field_ids(attrs)
    if len(pk_fields) == 1:
        sfid = pk_fields[0]
        f = db.scalar_field_ast(sfid)
        message = mongo_id_mapped_name(
            id_field_count=1,
            field_name=f.name.name,
            mapped_name=db.scalar_fields[sfid].mapped_name,
            container=container,
            model=model.name.name,
        )
        if message is not None:
            ctx.error(message, f.span)

    for sfid in db.model_scalar_field_ids(model_id):
        sf = db.scalar_fields[sfid]
        f = db.scalar_field_ast(sfid)
        function = _default_function(db, sfid)
        fn_name = None if function is None else function[0]
        names = {"container": container, "model": model.name.name, "field": f.name.name}
        for message in (
            mongo_auto_requires_object_id(
                has_auto_default=fn_name == "auto",
                native_type_name=None if sf.native_type is None else sf.native_type.name,
                **names,
            ),
            mongo_auto_requires_id(has_auto_default=fn_name == "auto", is_id=sfid in pk_fields, **names),
            mongo_dbgenerated_not_allowed(has_dbgenerated_default=fn_name == "dbgenerated", **names),
        ):
            if message is not None:
                ctx.error(message, f.span)
        _mongo_field_name(ctx, model, sfid)

    indexes = list(indexes_of(db, model_id))
    for index in indexes:
        paths = _index_signature(index.data)
        same = sum(
            1 for other in indexes if other.attribute_id != index.attribute_id and _index_signature(other.data) == paths
        )
        message = mongo_duplicate_index(same_fields_elsewhere=same, attribute_name=index.attribute.name.name)
        if message is not None:
            ctx.error(message, index.attribute.span)
        fields = index.data.fields
        single_pk = (
            len(fields) == 1 and not fields[0].path.path and len(pk_fields) == 1 and fields[0].path.root == pk_fields[0]
        )
        message = mongo_unique_on_id(
            is_unique=index.is_unique,
            field_count=len(fields),
            field_is_single_id=single_pk,
            attribute_name=index.attribute_name,
        )
        if message is not None:
            ctx.error(message, index.attribute.span)


def _mongo_field_name(ctx: ValidationContext, model: ast.Model, sfid: int) -> None:
    """``@map`` names may not start with ``$`` nor contain ``.`` (MongoDB, models and views)."""
    messages = mongo_field_name_errors(ctx.db.scalar_fields[sfid].mapped_name)
    if not messages:
        return
    f = ctx.db.scalar_field_ast(sfid)
    attribute = next((a for a in f.attributes if a.name.name == "map"), None)
    span = f.span if attribute is None else attribute.span
    for message in messages:
        ctx.error(message, span)


def _index_signature(data: IndexAttribute) -> list[tuple[object, ...]]:
    """What makes two indexes "the same" (Prisma's ``contains_exactly_the_fields``)."""
    return [(f.path.root, tuple(f.path.path), f.sort_order, f.length) for f in data.fields]


def _key_rules(ctx: ValidationContext, connector: Connector, model_id: ModelId, attrs: ModelAttributes) -> None:
    """Native types that cannot be indexed, unique or part of the primary key (MySQL, SQL Server, Postgres)."""
    db = ctx.db
    for index in indexes_of(db, model_id):
        fields = [_indexed_field(db, entry) for entry in index.data.fields]
        key_fields = [
            _key_field(connector, field, entry) for field, entry in zip(fields, index.data.fields, strict=True)
        ]
        violation = index_native_type_violation(
            connector, key_fields, unique=index.is_unique, fulltext=index.is_fulltext
        )
        if violation is not None:
            span = fields[violation.field_index].span if violation.at_field else index.attribute.span
            ctx.error(violation.message, span)
    pk = attrs.primary_key
    if pk is not None:
        fields = [_indexed_field(db, entry) for entry in pk.fields]
        key_fields = [_key_field(connector, field, entry) for field, entry in zip(fields, pk.fields, strict=True)]
        violation = primary_key_native_type_violation(connector, key_fields)
        if violation is not None:
            ctx.error(violation.message, _pk_span(ctx.db, pk))


def _pk_span(db: ParserDatabase, pk: IdAttribute) -> Span:
    return attribute_ast(db, pk.source_attribute).span


def _index_algorithm_rules(ctx: ValidationContext, connector: Connector, model_id: ModelId) -> None:
    """Index algorithms and operator classes (Postgres, CockroachDB), reported at the index."""
    db = ctx.db
    for index in indexes_of(db, model_id):
        algorithm = None if index.data.algorithm is None else IndexAlgorithm.parse(index.data.algorithm.value)
        fields = [_index_field(connector, _indexed_field(db, entry), entry) for entry in index.data.fields]
        for message in connector.index_errors(algorithm, fields, index.attribute_name):
            ctx.error(message, index.attribute.span)


def _autoincrement_rules(ctx: ValidationContext, connector: Connector, model_id: ModelId) -> None:
    if not connector.autoincrement_requires_bigint:
        return
    db = ctx.db
    for sfid in db.model_scalar_field_ids(model_id):
        function = _default_function(db, sfid)
        if function is None:
            continue
        message = autoincrement_on_int_error(
            scalar_type=_scalar_name(db.scalar_fields[sfid].type),
            has_autoincrement_default=function[0] == "autoincrement",
        )
        if message is not None:
            ctx.error(message, function[1].span)


def _set_default_warnings(ctx: ValidationContext, connector: Connector, model_id: ModelId) -> None:
    """MySQL only pretends to support ``SetDefault``: a warning per explicit use, with foreign keys."""
    relation_mode = RelationMode.parse(str(ctx.relation_mode)) or RelationMode.FOREIGN_KEYS
    message = set_default_warning(connector, relation_mode)
    if message is None:
        return
    db = ctx.db
    for rfid in db.model_relation_field_ids(model_id):
        rf = db.relation_fields[rfid]
        for argument, action in (("onDelete", rf.on_delete), ("onUpdate", rf.on_update)):
            if action is not None and action[0].value == "SetDefault":
                ctx.warning(message, _relation_argument_span(db.relation_field_ast(rfid), argument))


def _relation_argument_span(field: ast.Field, argument: str) -> Span:
    """Prisma's ``span_for_argument("relation", ...)``: the whole ``name: value`` argument, else the field."""
    for attribute in field.attributes:
        if attribute.name.name != "relation":
            continue
        for arg in attribute.arguments.arguments:
            if arg.name is not None and arg.name.name == argument:
                return arg.span
    return field.span


def connector_specific(ctx: ValidationContext, model_id: ModelId, model: ast.Model) -> None:
    """The connector's ``validate_model``, for one model (views get ``validate_view``)."""
    connector = connector_of(ctx)
    attrs = ctx.db.model_attributes.get(model_id, ModelAttributes())
    if connector.is_mongo:
        _mongo_rules(ctx, model_id, model, attrs)
        return
    _autoincrement_rules(ctx, connector, model_id)
    _key_rules(ctx, connector, model_id, attrs)
    _index_algorithm_rules(ctx, connector, model_id)
    _set_default_warnings(ctx, connector, model_id)


def validate_view_connector_specific(ctx: ValidationContext, model_id: ModelId, model: ast.Model) -> None:
    """The connector's ``validate_view``: on MongoDB, the ``@map`` field names."""
    if not connector_of(ctx).is_mongo:
        return
    for sfid in ctx.db.model_scalar_field_ids(model_id):
        _mongo_field_name(ctx, model, sfid)


def validate(ctx: ValidationContext) -> None:
    database_name_clashes(ctx)
    for model_id, model in ctx.db.iter_models():
        if not ctx.reaches_model(model_id):
            continue
        if model.is_view:
            validate_view_connector_specific(ctx, model_id, model)
        else:
            connector_specific(ctx, model_id, model)


speed_up_init(IndexView, _IndexedField)  # built per index field: see refrakt.psl._fast_init
