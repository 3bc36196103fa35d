"""Build the :class:`DataModel` IR from a validated parser database and its configuration."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from refrakt.ir._model import (
    CompositeType,
    DataModel,
    DefaultValue,
    Enum,
    EnumValue,
    Field,
    FieldKind,
    FrozenMap,
    Index,
    IndexField,
    IndexKind,
    Model,
    NativeType,
    PrimaryKey,
    Relation,
)
from refrakt.ir._relations import RelationInfo, build_relations
from refrakt.psl import ast
from refrakt.psl.config import Configuration
from refrakt.psl.connectors import RelationMode
from refrakt.psl.db import (
    FieldWithArgs,
    IndexType,
    ParserDatabase,
    ScalarField,
    ScalarFieldType,
    ScalarType,
)
from refrakt.psl.db._types import CompositeTypeField, ModelId, TopId
from refrakt.psl.db._walk_keys import PrimaryKeyWalker, model_indexes


def build_datamodel(db: ParserDatabase, configuration: Configuration | None = None) -> DataModel:
    """The IR of a schema that validated without errors."""
    datasource = configuration.datasource if configuration is not None else None
    connector = datasource.connector if datasource is not None else None
    provider = datasource.active_provider if datasource is not None else None
    mode = datasource.relation_mode if datasource is not None else RelationMode.FOREIGN_KEYS

    relations, relation_info = build_relations(db, connector, mode)
    models: dict[str, Model] = {}
    for model_id, model in db.iter_models():
        models[model.name.name] = _model(db, connector, model_id, model, relation_info)
    enums = {e.name.name: _enum(db, enum_id, e) for enum_id, e in db.iter_enums()}
    composites = {ct.name.name: _composite(db, ct_id, ct) for ct_id, ct in db.iter_composite_types()}
    return DataModel(
        provider=provider,
        models=FrozenMap(models),
        enums=FrozenMap(enums),
        composite_types=FrozenMap(composites),
        relations=tuple(relations),
        relation_mode=mode.value,
    )


# --- models ---------------------------------------------------------------------------------------


def _doc(node: Any) -> str | None:
    doc = getattr(node, "documentation", None)
    return None if doc is None else str(doc.text)


def _model(
    db: ParserDatabase, connector: Any, model_id: ModelId, model: ast.Model, relation_info: RelationInfo
) -> Model:
    attrs = db.model_attributes.get(model_id)
    table = db.model_database_name(model_id)
    pk = _primary_key(db, connector, model_id)
    indexes = _indexes(db, connector, model_id)
    single_uniques = {i.fields[0].name for i in indexes if i.kind == "unique" and len(i.fields) == 1}
    pk_single = pk.field_names[0] if pk is not None and len(pk.fields) == 1 else None
    fk_fields: set[str] = relation_info.fk_fields.get(model_id, set())

    fields: dict[str, Field] = {}
    for idx, f in enumerate(model.fields):
        sfid = db.scalar_field_id(model_id, idx)
        if sfid is not None:
            sf = db.scalar_fields[sfid]
            fields[f.name.name] = _scalar_field(
                db,
                sf,
                f,
                is_id=f.name.name == pk_single,
                is_unique=f.name.name in single_uniques,
                is_read_only=f.name.name in fk_fields,
            )
            continue
        rfid = db.relation_field_id(model_id, idx)
        if rfid is None:
            continue
        info = relation_info.fields.get(rfid)
        rf = db.relation_fields[rfid]
        fields[f.name.name] = Field(
            name=f.name.name,
            db_name=f.name.name,
            kind="object",
            type=db.model(rf.referenced_model).name.name,
            is_list=f.arity.is_list,
            is_required=f.arity.is_required,
            is_ignored=rf.is_ignored,
            relation_name=info.name if info else rf.name,
            relation_from_fields=info.fields if info else (),
            relation_to_fields=info.references if info else (),
            relation_on_delete=info.on_delete if info else None,
            relation_on_update=info.on_update if info else None,
            documentation=_doc(f),
        )
    return Model(
        name=model.name.name,
        db_name=table,
        fields=FrozenMap(fields),
        primary_key=pk,
        indexes=indexes,
        is_view=model.is_view,
        is_ignored=bool(attrs and attrs.is_ignored),
        schema=attrs.schema[0] if attrs is not None and attrs.schema is not None else None,
        documentation=_doc(model),
    )


def _field_kind(t: ScalarFieldType) -> tuple[FieldKind, str | None]:
    if t.kind == "builtin":
        return "scalar", None
    if t.kind == "enum":
        return "enum", None
    if t.kind == "composite":
        return "object", None
    return "unsupported", t.unsupported


def _type_name(db: ParserDatabase, t: ScalarFieldType) -> str:
    if t.scalar is not None:
        return t.scalar.value
    if t.ref is not None:
        return db.top(t.ref).name.name
    return t.unsupported or ""


def _scalar_field(
    db: ParserDatabase,
    sf: ScalarField | CompositeTypeField,
    f: ast.Field,
    *,
    is_id: bool = False,
    is_unique: bool = False,
    is_read_only: bool = False,
) -> Field:
    kind, _ = _field_kind(sf.type)
    mapped = sf.mapped_name
    native = sf.native_type
    return Field(
        name=f.name.name,
        db_name=mapped if mapped is not None else f.name.name,
        kind=kind,
        type=_type_name(db, sf.type),
        is_list=f.arity.is_list,
        is_required=f.arity.is_required,
        is_id=is_id,
        is_unique=is_unique,
        is_updated_at=bool(getattr(sf, "is_updated_at", False)),
        is_ignored=bool(getattr(sf, "is_ignored", False)),
        is_read_only=is_read_only,
        default=_default(db, sf, f),
        native_type=NativeType(native.name, native.args) if native is not None else None,
        documentation=_doc(f),
    )


def _default(db: ParserDatabase, sf: ScalarField | CompositeTypeField, f: ast.Field) -> DefaultValue | None:
    d = sf.default
    if d is None:
        return None
    attr = next((a for a in f.attributes if a.name.name == "default"), None)
    if attr is None or d.argument_idx >= len(attr.arguments.arguments):
        return None
    expr = attr.arguments.arguments[d.argument_idx].value
    if isinstance(expr, ast.Function):
        args = tuple(_literal(a.value, None) for a in expr.arguments.arguments)
        return DefaultValue(function=expr.name, args=args, db_name=d.mapped_name)
    return DefaultValue(value=_literal(expr, sf.type.scalar), db_name=d.mapped_name)


def _literal(expr: ast.Expression, scalar: ScalarType | None) -> object:
    match expr:
        case ast.NumericValue(value=v):
            if scalar is ScalarType.Decimal:
                try:
                    return Decimal(v)
                except InvalidOperation:
                    return v
            if scalar is ScalarType.Float or "." in v:
                return float(v)
            return int(v)
        case ast.StringValue(value=v):
            return v
        case ast.ConstantValue(value=v):
            if scalar is ScalarType.Boolean or v in ("true", "false"):
                return v == "true"
            return v
        case ast.Array(items=items):
            return [_literal(i, scalar) for i in items]
        case ast.Function():
            return ast.expression_to_string(expr)


# --- keys and indexes ------------------------------------------------------------------------------


def _index_fields(db: ParserDatabase, fields: list[FieldWithArgs]) -> tuple[IndexField, ...]:
    out: list[IndexField] = []
    for fw in fields:
        root = db.scalar_field_ast(fw.path.root).name.name
        path = tuple(db.composite_type(ct).fields[fid].name.name for ct, fid in fw.path.path)
        out.append(
            IndexField(
                name=root,
                sort=fw.sort_order.value if fw.sort_order is not None else None,  # type: ignore[arg-type]
                length=fw.length,
                operator_class=fw.operator_class.name if fw.operator_class is not None else None,
                path=path,
            )
        )
    return tuple(out)


# Without a datasource there is no connector, hence no identifier length limit to cut names to.
_NO_LIMIT = 1 << 30


def _primary_key(db: ParserDatabase, connector: Any, model_id: ModelId) -> PrimaryKey | None:
    attrs = db.model_attributes.get(model_id)
    if attrs is None or attrs.primary_key is None:
        return None
    pk = attrs.primary_key
    db_name = pk.mapped_name or PrimaryKeyWalker(db, model_id, pk).constraint_name(connector)
    return PrimaryKey(_index_fields(db, pk.fields), db_name, pk.name, pk.clustered)


_INDEX_KINDS: dict[IndexType, IndexKind] = {
    IndexType.Unique: "unique",
    IndexType.Normal: "normal",
    IndexType.Fulltext: "fulltext",
}


def _indexes(db: ParserDatabase, connector: Any, model_id: ModelId) -> tuple[Index, ...]:
    """The model's indexes, named as the validation rules and the migration engine name them."""
    limit = connector if connector is not None else _NO_LIMIT
    return tuple(
        Index(
            kind=_INDEX_KINDS[index.attribute.type],
            fields=_index_fields(db, index.attribute.fields),
            db_name=index.constraint_name(limit),
            name=index.name,
            algorithm=index.algorithm.value if index.algorithm is not None else None,
            clustered=index.clustered,
        )
        for index in model_indexes(db, model_id)
        if index.attribute.fields
    )


# --- enums and composite types ------------------------------------------------------------------------


def _enum(db: ParserDatabase, enum_id: TopId, e: ast.Enum) -> Enum:
    attrs = db.enum_attributes.get(enum_id)
    values = tuple(
        EnumValue(
            name=v.name.name,
            db_name=(attrs.mapped_values.get(i) if attrs else None) or v.name.name,
            documentation=_doc(v),
        )
        for i, v in enumerate(e.values)
    )
    return Enum(
        name=e.name.name,
        db_name=db.enum_database_name(enum_id),
        values=values,
        schema=attrs.schema[0] if attrs is not None and attrs.schema is not None else None,
        documentation=_doc(e),
    )


def _composite(db: ParserDatabase, ct_id: TopId, ct: ast.CompositeType) -> CompositeType:
    fields: dict[str, Field] = {}
    for idx, f in enumerate(ct.fields):
        ctf = db.composite_type_fields.get((ct_id, idx))
        if ctf is not None:
            fields[f.name.name] = _scalar_field(db, ctf, f)
    return CompositeType(ct.name.name, FrozenMap(fields), _doc(ct))


__all__ = ["Relation", "build_datamodel"]
