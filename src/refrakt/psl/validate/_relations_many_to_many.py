"""Rules for many-to-many relations: implicit (join table) and two-way embedded (MongoDB).

Port of Prisma's ``validations/relations/many_to_many/{implicit,embedded}.rs``.
"""

from __future__ import annotations

from refrakt.psl.connectors import Capability
from refrakt.psl.db._walk_relations import RelationFieldWalker, RelationWalker
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._relation_fields import connector_of, has_capability
from refrakt.psl.validate._relations_one_to_many import attribute_error

_MANY_TO_MANY_DOCS = "https://pris.ly/d/many-to-many-relations"


def _sides(relation: RelationWalker) -> tuple[RelationFieldWalker, RelationFieldWalker]:
    return relation.field_a, relation.field_b


# --- implicit ------------------------------------------------------------------------------------


def validate_implicit(ctx: ValidationContext, relation: RelationWalker) -> None:
    supports_implicit_relations(ctx, relation)
    validate_singular_id(ctx, relation)
    validate_no_referential_actions(ctx, relation, "implicit")
    cannot_define_references_argument(ctx, relation)


def supports_implicit_relations(ctx: ValidationContext, relation: RelationWalker) -> None:
    """Not on views, and not on connectors without join tables (MongoDB)."""
    if relation.one_side_is_view:
        message = "Implicit many-to-many relations are not supported for views."
    elif not has_capability(ctx, Capability.IMPLICIT_MANY_TO_MANY_RELATION):
        message = (
            f"Implicit many-to-many relations are not supported on {connector_of(ctx).name}. Please use the syntax "
            "defined in https://pris.ly/d/document-database-many-to-many"
        )
    else:
        return
    for field in _sides(relation):
        ctx.error(f"Error validating: {message}", field.span)


def validate_singular_id(ctx: ValidationContext, relation: RelationWalker) -> None:
    """Both related models need a single-field ``@id``, and ``references`` may only name it."""
    for field in _sides(relation):
        attrs = ctx.db.model_attributes.get(field.related_model_id)
        pk = None if attrs is None else attrs.primary_key
        if pk is None or len(pk.fields) != 1:
            container = "view" if field.related_model.is_view else "model"
            model = field.model.name.name
            ctx.error(
                f"Error validating field `{field.name}` in {container} `{model}`: The relation field `{field.name}` "
                f"on {container} `{model}` references `{field.related_model.name.name}` which does not have an "
                "`@id` field. Models without `@id` cannot be part of a many to many relation. Use an explicit "
                "intermediate Model to represent this relationship.",
                field.span,
            )
            continue
        if not field.references_singular_id_field:
            names = ", ".join(ctx.db.scalar_field_ast(sfid).name.name for sfid in field.references or ())
            ctx.error(
                "Error validating: Implicit many-to-many relations must always reference the id field of the related "
                "model. Change the argument `references` to use the id field of the related model "
                f"`{field.related_model.name.name}`. But it is referencing the following fields that are not the "
                f"id: {names}",
                field.span,
            )


def validate_no_referential_actions(ctx: ValidationContext, relation: RelationWalker, flavour: str) -> None:
    kind = "implicit" if flavour == "implicit" else "two-way embedded"
    for field in _sides(relation):
        for span in (field.explicit_on_delete_span, field.explicit_on_update_span):
            if span is not None:
                ctx.error(
                    f"Error validating: Referential actions on {kind} many-to-many relations are not supported", span
                )


def cannot_define_references_argument(ctx: ValidationContext, relation: RelationWalker) -> None:
    for field in _sides(relation):
        if field.references is not None:
            ctx.error(
                attribute_error(
                    "Implicit many-to-many relation should not have references argument defined. Either remove it, "
                    "or change the relation to one-to-many."
                ),
                field.span,
            )


# --- two-way embedded --------------------------------------------------------------------------


def validate_embedded(ctx: ValidationContext, relation: RelationWalker) -> None:
    if not has_capability(ctx, Capability.TWO_WAY_EMBEDDED_MANY_TO_MANY_RELATION):
        message = (
            f"Embedded many-to-many relations are not supported on {connector_of(ctx).name}. Please use the syntax "
            "defined in https://pris.ly/d/relational-database-many-to-many"
        )
        for field in _sides(relation):
            ctx.error(f"Error validating: {message}", field.span)
        return
    defines_references_on_both_sides(ctx, relation)
    defines_fields_on_both_sides(ctx, relation)
    references_id_from_both_sides(ctx, relation)
    referencing_with_an_array_field_of_correct_type(ctx, relation)
    validate_no_referential_actions(ctx, relation, "embedded")


def defines_references_on_both_sides(ctx: ValidationContext, relation: RelationWalker) -> None:
    for field in _sides(relation):
        if field.references is not None and len(field.references) == 1:
            continue
        span = field.span_for_argument("references") or field.span_for_attribute() or field.span
        ctx.error(
            attribute_error(
                "The `references` argument must be defined and must point to exactly one scalar field. "
                + _MANY_TO_MANY_DOCS
            ),
            span,
        )


def defines_fields_on_both_sides(ctx: ValidationContext, relation: RelationWalker) -> None:
    for field in _sides(relation):
        if field.fields is not None and len(field.fields) == 1:
            continue
        span = field.span_for_argument("fields") or field.span_for_attribute() or field.span
        ctx.error(
            attribute_error(
                "The `fields` argument must be defined and must point to exactly one scalar field. "
                + _MANY_TO_MANY_DOCS
            ),
            span,
        )


def references_id_from_both_sides(ctx: ValidationContext, relation: RelationWalker) -> None:
    """Only the related model's single ``@id`` may be referenced."""
    for field in _sides(relation):
        references = field.references
        if not references:
            continue
        referenced = ctx.db.scalar_fields[references[0]]
        attrs = ctx.db.model_attributes.get(referenced.model_id)
        pk = None if attrs is None else attrs.primary_key
        pk_field_ids = (
            []
            if pk is None
            else [f.path.path[-1][1] if f.path.path else ctx.db.scalar_fields[f.path.root].field_id for f in pk.fields]
        )
        if pk_field_ids == [referenced.field_id]:
            continue
        ctx.error(
            attribute_error("The `references` argument must point to a singular `id` field"),
            field.span_for_argument("references") or field.span,
        )


def referencing_with_an_array_field_of_correct_type(ctx: ValidationContext, relation: RelationWalker) -> None:
    """``fields`` holds one scalar list of the type (and native type) of the single ``references``."""
    db = ctx.db
    for field in _sides(relation):
        if not field.fields or not field.references:
            continue
        referencing, referenced = db.scalar_fields[field.fields[0]], db.scalar_fields[field.references[0]]
        referencing_ast, referenced_ast = db.scalar_field_ast(field.fields[0]), db.scalar_field_ast(field.references[0])
        types_match = referencing.type == referenced.type
        a_nt, b_nt = referencing.native_type, referenced.native_type
        native_types_match = (None if a_nt is None else a_nt.name) == (None if b_nt is None else b_nt.name)
        if referencing_ast.arity.is_list and types_match and native_types_match and not referenced_ast.arity.is_list:
            continue
        ctx.error(
            attribute_error(
                "The scalar field defined in `fields` argument must be an array of the same type defined in "
                "`references`"
            ),
            field.span_for_attribute() or field.span,
        )
