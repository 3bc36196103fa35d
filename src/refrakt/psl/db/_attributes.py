"""Third pass: every attribute of every model, field, enum and composite type field.

The order of visits is Prisma's (it decides the order of diagnostics). Each attribute's own
rules live in an ``_attr_*`` module; this module only dispatches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrakt.psl import ast
from refrakt.psl.db import _attr_default, _attr_id, _attr_index, _attr_map, _attr_native, _attr_relation
from refrakt.psl.db._context import ArgumentError, AttributeVisitor
from refrakt.psl.db._types import EnumAttributes, ModelAttributes, ModelId, TopId

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase


def resolve_attributes(db: ParserDatabase) -> None:
    v = AttributeVisitor(db.diagnostics)
    for rfid in range(len(db.relation_fields)):
        _relation_field_attributes(db, v, rfid)
    for top_id, top in db.iter_tops():
        if isinstance(top, ast.Model):
            _model_attributes(db, v, top_id)
        elif isinstance(top, ast.Enum):
            _enum_attributes(db, v, top_id, top)
        elif isinstance(top, ast.CompositeType):
            _composite_type_attributes(db, v, top_id, top)


def create_default_attributes(db: ParserDatabase) -> None:
    """After early errors, still give every model and enum an (empty) attribute record."""
    for top_id, top in db.iter_tops():
        if isinstance(top, ast.Model):
            db.model_attributes.setdefault(top_id, ModelAttributes())
        elif isinstance(top, ast.Enum):
            db.enum_attributes.setdefault(top_id, EnumAttributes())


def _composite_type_attributes(db: ParserDatabase, v: AttributeVisitor, ct_id: TopId, ct: ast.CompositeType) -> None:
    for idx, f in enumerate(ct.fields):
        ctf = db.composite_type_fields.get((ct_id, idx))
        if ctf is None:
            continue
        v.visit_attributes(("composite_field", ct_id, idx), f.attributes)
        if ctf.type.kind == "builtin":
            scoped = v.visit_datasource_scoped()
            if scoped is not None:
                ctf.native_type = _attr_native.native_type_attr(*scoped)
        if v.visit_optional_single_attr("map"):
            _attr_map.composite_type_field(db, v, ct_id, idx)
            v.validate_visited_arguments()
        if v.visit_optional_single_attr("default"):
            _attr_default.visit_composite_field_default(db, v, ct_id, idx)
            v.validate_visited_arguments()
        v.validate_visited_attributes()


def _enum_attributes(db: ParserDatabase, v: AttributeVisitor, enum_id: TopId, enm: ast.Enum) -> None:
    attrs = EnumAttributes()
    for idx, value in enumerate(enm.values):
        v.visit_attributes(("enum_value", enum_id, idx), value.attributes)
        if v.visit_optional_single_attr("map"):
            mapped = _attr_map.visit_map_attribute(v)
            if mapped is not None:
                attrs.mapped_values[idx] = mapped
            v.validate_visited_arguments()
        v.validate_visited_attributes()

    v.visit_attributes(("enum", enum_id), enm.attributes)
    if v.visit_optional_single_attr("map"):
        mapped = _attr_map.visit_map_attribute(v)
        if mapped is not None:
            attrs.mapped_name = mapped
        v.validate_visited_arguments()
    if v.visit_optional_single_attr("schema"):
        attrs.schema = _attr_map.visit_schema_attribute(v)
        v.validate_visited_arguments()
    db.enum_attributes[enum_id] = attrs
    v.validate_visited_attributes()


def _model_attributes(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId) -> None:
    attrs = ModelAttributes()
    model = db.model(model_id)
    for sfid in list(db.model_scalar_field_ids(model_id)):
        _scalar_field_attributes(db, v, sfid, attrs)

    v.visit_attributes(("model", model_id), model.attributes)
    if v.visit_optional_single_attr("ignore"):
        _visit_model_ignore(db, model_id, attrs)
        v.validate_visited_arguments()
    if v.visit_optional_single_attr("id"):
        _attr_id.visit_model_id(db, v, model_id, attrs)
        v.validate_visited_arguments()
    if v.visit_optional_single_attr("map"):
        _attr_map.model(db, v, model_id, attrs)
        v.validate_visited_arguments()
    if v.visit_optional_single_attr("schema"):
        attrs.schema = _attr_map.visit_schema_attribute(v)
        v.validate_visited_arguments()
    while v.visit_repeated_attr("index"):
        _attr_index.visit_model_index(db, v, model_id, attrs)
        v.validate_visited_arguments()
    while v.visit_repeated_attr("unique"):
        _attr_index.visit_model_unique(db, v, model_id, attrs)
        v.validate_visited_arguments()
    while v.visit_repeated_attr("fulltext"):
        _attr_index.visit_model_fulltext(db, v, model_id, attrs)
        v.validate_visited_arguments()
    if v.visit_optional_single_attr("shardKey"):
        _attr_index.visit_model_shard_key(db, v, model_id, attrs)
        v.validate_visited_arguments()

    _attr_id.validate_id_field_arities(db, model_id, attrs)
    db.model_attributes[model_id] = attrs
    v.validate_visited_attributes()


def _scalar_field_attributes(db: ParserDatabase, v: AttributeVisitor, sfid: int, attrs: ModelAttributes) -> None:
    sf = db.scalar_fields[sfid]
    f = db.ast_field(sf.model_id, sf.field_id)
    if not f.attributes:  # nothing to visit (the common case)
        return
    v.visit_attributes(("field", sf.model_id, sf.field_id), f.attributes)
    present = v.attribute_names  # most fields have one or two attributes: skip the absent ones

    if "map" in present and v.visit_optional_single_attr("map"):
        _attr_map.scalar_field(db, v, sfid)
        v.validate_visited_arguments()
    if "ignore" in present and v.visit_optional_single_attr("ignore"):
        if sf.type.is_unsupported:
            v.push_attribute_validation_error(
                "Fields of type `Unsupported` cannot take an `@ignore` attribute. They are already treated as "
                "ignored by the client due to their type."
            )
        else:
            sf.is_ignored = True
        v.validate_visited_arguments()
    if "relation" in present and v.visit_optional_single_attr("relation"):
        v.push_attribute_validation_error("Invalid field type, not a relation.")
        v.validate_visited_arguments()
    if "id" in present and v.visit_optional_single_attr("id"):
        _attr_id.visit_field_id(db, v, sfid, attrs)
        v.validate_visited_arguments()
    if "updatedAt" in present and v.visit_optional_single_attr("updatedAt"):
        if sf.type.kind != "builtin" or sf.type.scalar is None or sf.type.scalar.value != "DateTime":
            v.push_attribute_validation_error("Fields that are marked with @updatedAt must be of type DateTime.")
        if f.arity.is_list:
            v.push_attribute_validation_error("Fields that are marked with @updatedAt cannot be lists.")
        sf.is_updated_at = True
        v.validate_visited_arguments()
    if "default" in present and v.visit_optional_single_attr("default"):
        _attr_default.visit_model_field_default(db, v, sfid)
        v.validate_visited_arguments()
    if sf.type.kind == "builtin":
        scoped = v.visit_datasource_scoped()
        if scoped is not None:
            sf.native_type = _attr_native.native_type_attr(*scoped)
    if "unique" in present and v.visit_optional_single_attr("unique"):
        _attr_index.visit_field_unique(db, v, sfid, attrs)
        v.validate_visited_arguments()
    if "shardKey" in present and v.visit_optional_single_attr("shardKey"):
        _attr_index.visit_field_shard_key(db, v, sfid, attrs)
        v.validate_visited_arguments()
    v.validate_visited_attributes()


def _relation_field_attributes(db: ParserDatabase, v: AttributeVisitor, rfid: int) -> None:
    rf = db.relation_fields[rfid]
    f = db.ast_field(rf.model_id, rf.field_id)
    v.visit_attributes(("field", rf.model_id, rf.field_id), f.attributes)

    if v.visit_optional_single_attr("relation"):
        _attr_relation.visit_relation(db, v, rfid)
        v.validate_visited_arguments()
    if v.visit_optional_single_attr("id"):
        v.push_attribute_validation_error(
            f"The field `{f.name.name}` is a relation field and cannot be marked with `@id`. Only scalar fields can "
            "be declared as id."
        )
        v.discard_arguments()
    if v.visit_optional_single_attr("ignore"):
        rf.is_ignored = True
        v.validate_visited_arguments()
    if v.visit_optional_single_attr("default"):
        v.push_attribute_validation_error("Cannot set a default value on a relation field.")
        v.discard_arguments()
    if v.visit_optional_single_attr("map"):
        v.push_attribute_validation_error("The attribute `@map` cannot be used on relation fields.")
        try:
            v.visit_default_arg("name")
        except ArgumentError as err:
            v.push_argument_error(err)
        v.discard_arguments()
    if v.visit_optional_single_attr("unique"):
        suggested = [db.scalar_field_ast(sfid).name.name for sfid in (rf.fields or [])]
        if len(suggested) == 1:
            suggestion = f" Did you mean to put it on `{suggested[0]}`?"
        elif suggested:
            suggestion = f" Did you mean to provide `@@unique([{', '.join(suggested)}])`?"
        else:
            suggestion = ""
        v.push_attribute_validation_error(
            f"The field `{f.name.name}` is a relation field and cannot be marked with `unique`. Only scalar fields "
            f"can be made unique.{suggestion}"
        )
        v.discard_arguments()
    v.validate_visited_attributes()


def _visit_model_ignore(db: ParserDatabase, model_id: ModelId, attrs: ModelAttributes) -> None:
    for sfid in db.model_scalar_field_ids(model_id):
        if db.scalar_fields[sfid].is_ignored:
            db.diagnostics.error(
                'Error parsing attribute "@ignore": Fields on an already ignored Model do not need an `@ignore` '
                "annotation.",
                db.scalar_field_ast(sfid).span,
            )
    attrs.is_ignored = True
