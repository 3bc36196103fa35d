"""Rules for one-to-many relations (Prisma's ``validations/relations/one_to_many.rs``)."""

from __future__ import annotations

from refrakt.psl.db._walk_relations import RelationFieldWalker, RelationWalker
from refrakt.psl.validate._context import ValidationContext

RELATION_ATTRIBUTE = "@relation"
PRISMA_FORMAT_HINT = "You can run `prisma format` to fix this automatically."


def attribute_error(message: str) -> str:
    return f'Error parsing attribute "{RELATION_ATTRIBUTE}": {message}'


def is_empty(fields: list[int] | None) -> bool:
    return not fields


def missing_opposite_error(ctx: ValidationContext, field: RelationFieldWalker) -> None:
    container = "view" if field.model.is_view else "model"
    model = field.model.name.name
    ctx.error(
        f"Error validating field `{field.name}` in {container} `{model}`: The relation field `{field.name}` on "
        f"{container} `{model}` is missing an opposite relation field on the model "
        f"`{field.related_model.name.name}`. Either run `prisma format` or add it manually.",
        field.span,
    )


def validate(ctx: ValidationContext, relation: RelationWalker) -> None:
    both_sides_are_defined(ctx, relation)
    fields_and_references_are_defined(ctx, relation)
    referential_actions(ctx, relation)


def both_sides_are_defined(ctx: ValidationContext, relation: RelationWalker) -> None:
    forward, back = relation.forward_field, relation.back_field
    if forward is not None and back is None:
        missing_opposite_error(ctx, forward)
    elif forward is None and back is not None:
        missing_opposite_error(ctx, back)


def fields_and_references_are_defined(ctx: ValidationContext, relation: RelationWalker) -> None:
    """The singular side must define ``fields`` and ``references``; the list side neither."""
    forward, back = relation.forward_field, relation.back_field
    if forward is None or back is None:
        return
    forward_model = forward.model.name.name
    if is_empty(forward.fields):
        ctx.error(
            attribute_error(
                f"The relation field `{forward.name}` on Model `{forward_model}` must specify the `fields` argument "
                f"in the {RELATION_ATTRIBUTE} attribute. {PRISMA_FORMAT_HINT}"
            ),
            forward.span,
        )
    if is_empty(forward.references):
        ctx.error(
            attribute_error(
                f"The relation field `{forward.name}` on Model `{forward_model}` must specify the `references` "
                f"argument in the {RELATION_ATTRIBUTE} attribute."
            ),
            forward.span,
        )
    if not is_empty(back.fields) or not is_empty(back.references):
        ctx.error(
            attribute_error(
                f"The relation field `{back.name}` on Model `{back.model.name.name}` must not specify the `fields` "
                f"or `references` argument in the {RELATION_ATTRIBUTE} attribute. You must only specify it on the "
                f"opposite field `{forward.name}` on model `{forward_model}`."
            ),
            back.span,
        )


def referential_actions(ctx: ValidationContext, relation: RelationWalker) -> None:
    """Referential actions belong on the singular side only."""
    forward, back = relation.forward_field, relation.back_field
    if forward is None or back is None:
        return
    if back.explicit_on_delete is not None or back.explicit_on_update is not None:
        ctx.error(
            attribute_error(
                f"The relation field `{back.name}` on Model `{back.model.name.name}` must not specify the `onDelete` "
                f"or `onUpdate` argument in the {RELATION_ATTRIBUTE} attribute. You must only specify it on the "
                f"opposite field `{forward.name}` on model `{forward.model.name.name}`, or in case of a many to "
                "many relation, in an explicit join table."
            ),
            back.span,
        )
