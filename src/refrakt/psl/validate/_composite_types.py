"""Composite type rules: connector support, required cycles, empty types, ``@default(map:)``.

Port of Prisma's ``validations/composite_types.rs``. A composite type is embedded in its parent
document, so a chain of *required* composite fields that leads back to where it started could
never be written; an optional or list field breaks the chain.
"""

from __future__ import annotations

from refrakt.diagnostics import Span
from refrakt.psl.connectors import Capability
from refrakt.psl.db._types import CompositeTypeId, FieldId
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._models import connector_of

__all__ = ["validate"]


def _field_error(ctx: ValidationContext, ct_id: CompositeTypeId, field_id: FieldId, message: str) -> tuple[str, Span]:
    ct = ctx.db.composite_type(ct_id)
    f = ct.fields[field_id]
    return (f"Error validating field `{f.name.name}` in composite type `{ct.name.name}`: {message}", f.span)


def _required_fields(ctx: ValidationContext, ct_id: CompositeTypeId) -> list[FieldId]:
    ct = ctx.db.composite_type(ct_id)
    return [
        idx for idx, f in enumerate(ct.fields) if (ct_id, idx) in ctx.db.composite_type_fields and f.arity.is_required
    ]


def detect_composite_cycles(ctx: ValidationContext) -> None:
    """Required composite fields that lead back to a type already on the way.

    Follows Prisma's walk: each required field starts a depth-first search; the search reports a
    field whose type is its own parent, or whose type is the first type the search entered.
    Errors are sorted by the type that closes the cycle.
    """
    db = ctx.db
    # (composite type, field, path of composite type ids from the root container)
    stack: list[tuple[CompositeTypeId, FieldId, tuple[CompositeTypeId, ...] | None]] = [
        (ct_id, field_id, None) for ct_id, _ in db.iter_composite_types() for field_id in _required_fields(ctx, ct_id)
    ]
    visited: list[CompositeTypeId] = []
    errors: list[tuple[CompositeTypeId, tuple[str, Span]]] = []
    while stack:
        parent, field_id, path = stack.pop()
        if path is None:
            visited.clear()
            path = (parent,)
        t = db.composite_type_fields[(parent, field_id)].type
        if t.kind != "composite" or t.ref is None:
            continue
        target = t.ref
        if target == parent:
            message = (
                "The type is the same as the parent and causes an endless cycle. Please change the field to be "
                "either optional or a list."
            )
            errors.append((target, _field_error(ctx, parent, field_id, message)))
        elif visited and visited[0] == target:
            names = " → ".join(f"`{db.composite_type(ct).name.name}`" for ct in reversed(path))
            message = (
                f"The types cause an endless cycle in the path {names}. Please change one of the fields to be "
                "either optional or a list to break the cycle."
            )
            errors.append((target, _field_error(ctx, parent, field_id, message)))
        elif target in path[1:]:
            # A cycle that does not go through the first type: Prisma would walk it forever and
            # report it from the walk that starts inside it.
            continue
        else:
            visited.append(target)
            for next_field in _required_fields(ctx, target):
                stack.append((target, next_field, (*path, target)))
    errors.sort(key=lambda item: item[0])
    for _, (message, span) in errors:
        ctx.error(message, span)


def validate(ctx: ValidationContext) -> None:
    """Cycles first, then each composite type in turn: connector support and, while the schema
    has no error yet, its fields (Prisma stops looking at later types after the first error)."""
    detect_composite_cycles(ctx)
    db = ctx.db
    connector = connector_of(ctx)
    for ct_id, ct in db.iter_composite_types():
        if not connector.has_capability(Capability.COMPOSITE_TYPES):
            ctx.error(f"Error validating: Composite types are not supported on {connector.name}.", ct.span)
        if ctx.diagnostics.has_errors:
            continue
        fields = [idx for idx in range(len(ct.fields)) if (ct_id, idx) in db.composite_type_fields]
        if not fields:
            ctx.error("Error validating: A type must have at least one field defined.", ct.span)
        for field_id in fields:
            _default_mapped_name(ctx, ct_id, field_id)


def _default_mapped_name(ctx: ValidationContext, ct_id: CompositeTypeId, field_id: FieldId) -> None:
    """A ``map:`` on the ``@default`` of a composite type field (there is no constraint to name)."""
    default = ctx.db.composite_type_fields[(ct_id, field_id)].default
    if default is None or default.mapped_name is None:
        return
    _container, attribute_idx = default.attribute
    attribute = ctx.db.composite_type(ct_id).fields[field_id].attributes[attribute_idx]
    ctx.error(
        'Error parsing attribute "@default": A `map` argument for the default value of a field on a '
        "composite type is not allowed. Consider removing it.",
        attribute.span,
    )
