"""Rules for one-to-one relations (Prisma's ``validations/relations/one_to_one.rs``).

Three of them only run while no error has been reported yet, as in Prisma (they would mostly
repeat what an earlier error already says).
"""

from __future__ import annotations

from refrakt.psl.db._walk_relations import RelationWalker, unique_criteria
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._relations_one_to_many import (
    RELATION_ATTRIBUTE,
    attribute_error,
    is_empty,
    missing_opposite_error,
)


def validate(ctx: ValidationContext, relation: RelationWalker) -> None:
    both_sides_are_defined(ctx, relation)
    fields_and_references_are_defined(ctx, relation)
    fields_and_references_defined_on_one_side_only(ctx, relation)
    referential_actions(ctx, relation)
    fields_must_be_a_unique_constraint(ctx, relation)
    fields_references_mixups(ctx, relation)
    back_relation_arity_is_optional(ctx, relation)
    fields_and_references_on_wrong_side(ctx, relation)


def both_sides_are_defined(ctx: ValidationContext, relation: RelationWalker) -> None:
    forward = relation.forward_field
    if relation.back_field is not None or forward is None:
        return
    missing_opposite_error(ctx, forward)


def fields_and_references_are_defined(ctx: ValidationContext, relation: RelationWalker) -> None:
    """One of the two sides must provide ``fields`` and ``references``."""
    forward, back = relation.forward_field, relation.back_field
    if forward is None or back is None:
        return
    for argument, forward_empty, back_empty in (
        ("fields", is_empty(forward.fields), is_empty(back.fields)),
        ("references", is_empty(forward.references), is_empty(back.references)),
    ):
        if not (forward_empty and back_empty):
            continue
        for this, other in ((forward, back), (back, forward)):
            ctx.error(
                attribute_error(
                    f"The relation fields `{this.name}` on Model `{this.model.name.name}` and `{other.name}` on "
                    f"Model `{other.model.name.name}` do not provide the `{argument}` argument in the "
                    f"{RELATION_ATTRIBUTE} attribute. You have to provide it on one of the two fields."
                ),
                this.span,
            )


def fields_and_references_defined_on_one_side_only(ctx: ValidationContext, relation: RelationWalker) -> None:
    forward, back = relation.forward_field, relation.back_field
    if forward is None or back is None:
        return
    for argument, forward_empty, back_empty in (
        ("references", is_empty(forward.references), is_empty(back.references)),
        ("fields", is_empty(forward.fields), is_empty(back.fields)),
    ):
        if forward_empty or back_empty:
            continue
        message = attribute_error(
            f"The relation fields `{forward.name}` on Model `{forward.model.name.name}` and `{back.name}` on Model "
            f"`{back.model.name.name}` both provide the `{argument}` argument in the {RELATION_ATTRIBUTE} "
            "attribute. You have to provide it only on one of the two fields."
        )
        ctx.error(message, forward.span)
        ctx.error(message, back.span)


def referential_actions(ctx: ValidationContext, relation: RelationWalker) -> None:
    """Referential actions belong on the forward side only."""
    forward, back = relation.forward_field, relation.back_field
    if forward is None or back is None:
        return
    forward_has = forward.explicit_on_delete is not None or forward.explicit_on_update is not None
    back_has = back.explicit_on_delete is not None or back.explicit_on_update is not None
    if forward_has and back_has:
        for this, other in ((back, forward), (forward, back)):
            ctx.error(
                attribute_error(
                    f"The relation fields `{this.name}` on Model `{this.model.name.name}` and `{other.name}` on "
                    f"Model `{other.model.name.name}` both provide the `onDelete` or `onUpdate` argument in the "
                    f"{RELATION_ATTRIBUTE} attribute. You have to provide it only on one of the two fields."
                ),
                this.span,
            )
    elif back_has:
        ctx.error(
            attribute_error(
                f"The relation field `{back.name}` on Model `{back.model.name.name}` must not specify the `onDelete` "
                f"or `onUpdate` argument in the {RELATION_ATTRIBUTE} attribute. You must only specify it on the "
                f"opposite field `{forward.name}` on model `{forward.model.name.name}`."
            ),
            back.span,
        )


def fields_references_mixups(ctx: ValidationContext, relation: RelationWalker) -> None:
    """``fields`` on one side and ``references`` on the other."""
    forward, back = relation.forward_field, relation.back_field
    if forward is None or back is None or ctx.diagnostics.has_errors:
        return
    if not is_empty(forward.fields) and not is_empty(back.references):
        message = attribute_error(
            f"The relation field `{forward.name}` on Model `{forward.model.name.name}` provides the `fields` "
            f"argument in the {RELATION_ATTRIBUTE} attribute. And the related field `{back.name}` on Model "
            f"`{back.model.name.name}` provides the `references` argument. You must provide both arguments on the "
            "same side."
        )
        ctx.error(message, forward.span)
        ctx.error(message, back.span)
    if not is_empty(forward.references) and not is_empty(back.fields):
        ctx.error(
            attribute_error(
                f"The relation field `{forward.name}` on Model `{forward.model.name.name}` provides the `references` "
                f"argument in the {RELATION_ATTRIBUTE} attribute. And the related field `{back.name}` on Model "
                f"`{back.model.name.name}` provides the `fields` argument. You must provide both arguments on the "
                "same side."
            ),
            forward.span,
        )


def back_relation_arity_is_optional(ctx: ValidationContext, relation: RelationWalker) -> None:
    forward, back = relation.forward_field, relation.back_field
    if forward is None or back is None or ctx.diagnostics.has_errors:
        return
    if back.is_required:
        forward_model = forward.model.name.name
        ctx.error(
            attribute_error(
                f"The relation field `{back.name}` on Model `{back.model.name.name}` is required. This is not valid "
                "because it's not possible to enforce this constraint on the database level. Please change the "
                f"field type from `{forward_model}` to `{forward_model}?` to fix this."
            ),
            back.span,
        )


def fields_and_references_on_wrong_side(ctx: ValidationContext, relation: RelationWalker) -> None:
    forward, back = relation.forward_field, relation.back_field
    if forward is None or back is None or ctx.diagnostics.has_errors:
        return
    if forward.is_required and (back.fields is not None or back.references is not None):
        ctx.error(
            attribute_error(
                f"The relation field `{back.model.name.name}.{back.name}` defines the `fields` and/or `references` "
                "argument. You must set them on the required side of the relation "
                f"(`{forward.model.name.name}.{forward.name}`) in order for the constraints to be enforced. "
                "Alternatively, you can change this field to be required and the opposite optional, or make both "
                "sides of the relation optional."
            ),
            back.span,
        )


def fields_must_be_a_unique_constraint(ctx: ValidationContext, relation: RelationWalker) -> None:
    """The referencing side of a 1:1 relation must be unique."""
    forward = relation.forward_field
    if forward is None:
        return
    fields = relation.referencing_fields
    if fields is None:
        return
    if any(c.contains_exactly(fields) for c in unique_criteria(ctx.db, relation.referencing_model)):
        return
    names = [ctx.db.scalar_field_ast(sfid).name.name for sfid in fields]
    if len(names) == 1:
        text = (
            "A one-to-one relation must use unique fields on the defining side. Either add an `@unique` attribute "
            f"to the field `{names[0]}`, or change the relation to one-to-many."
        )
    else:
        text = (
            "A one-to-one relation must use unique fields on the defining side. Either add an "
            f"`@@unique([{', '.join(names)}])` attribute to the model, or change the relation to one-to-many."
        )
    ctx.error(attribute_error(text), forward.span)
