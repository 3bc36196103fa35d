"""``@relation(name, fields, references, onDelete, onUpdate, map)`` on relation fields.

Port of ``visit_relation`` in Prisma's ``parser-database/src/attributes.rs``: the arguments are
resolved in isolation (no pairing with the opposite field yet, that is relation inference) and
recorded on the :class:`RelationField`. ``fields`` resolve against the field's own model,
``references`` against the related model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl import ast
from refrakt.psl.db import _coerce
from refrakt.psl.db._context import ArgumentError, AttributeVisitor
from refrakt.psl.db._types import ModelId, ReferentialAction

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase

_ACTIONS = {a.value: a for a in ReferentialAction}


def visit_relation(db: ParserDatabase, v: AttributeVisitor, rfid: int) -> None:
    rf = db.relation_fields[rfid]
    attr = v.current_attribute
    rf.relation_attribute = v.current_attribute_id
    model_id = rf.model_id

    fields_expr = v.visit_optional_arg("fields")
    if fields_expr is not None:
        resolved = _resolve_field_array(db, fields_expr, attr.span, model_id)
        if isinstance(resolved, _Problems):
            if resolved.unknown:
                db.diagnostics.error(
                    "Error validating: The argument fields must refer only to existing fields. The following fields "
                    f"do not exist in this model: {', '.join(resolved.unknown)}",
                    fields_expr.span,
                )
            if resolved.relation_fields:
                db.diagnostics.error(
                    "Error validating: The argument fields must refer only to scalar fields. But it is referencing "
                    f"the following relation fields: {', '.join(resolved.relation_fields)}",
                    fields_expr.span,
                )
            resolved = []
        rf.fields = resolved if resolved is not None else []

    references_expr = v.visit_optional_arg("references")
    if references_expr is not None:
        related = rf.referenced_model
        resolved = _resolve_field_array(db, references_expr, attr.span, related)
        if isinstance(resolved, _Problems):
            related_name = db.model(related).name.name
            if resolved.unknown:
                db.diagnostics.error(
                    f"Error validating: The argument `references` must refer only to existing fields in the related "
                    f"model `{related_name}`. The following fields do not exist in the related model: "
                    f"{', '.join(resolved.unknown)}",
                    attr.span,
                )
            if resolved.relation_fields:
                db.diagnostics.error(
                    f"Error validating: The argument `references` must refer only to scalar fields in the related "
                    f"model `{related_name}`. But it is referencing the following relation fields: "
                    f"{', '.join(resolved.relation_fields)}",
                    attr.span,
                )
            resolved = []
        rf.references = resolved if resolved is not None else []

    # The `name` argument (or the unnamed first argument). A missing name is not an error.
    try:
        name_expr: ast.Expression | None = v.visit_default_arg("name")
    except ArgumentError:
        name_expr = None
    if name_expr is not None:
        name = _coerce.string(name_expr, db.diagnostics)
        if name == "":
            v.push_attribute_validation_error("A relation cannot have an empty name.")
        elif name is not None:
            rf.name = name

    on_delete = v.visit_optional_arg("onDelete")
    if on_delete is not None:
        action = referential_action_from_expression(on_delete, db.diagnostics)
        if action is not None:
            rf.on_delete = (action, on_delete.span)

    on_update = v.visit_optional_arg("onUpdate")
    if on_update is not None:
        action = referential_action_from_expression(on_update, db.diagnostics)
        if action is not None:
            rf.on_update = (action, on_update.span)

    map_expr = v.visit_optional_arg("map")
    mapped = None if map_expr is None else _coerce.string(map_expr, db.diagnostics)
    if mapped == "":
        v.push_attribute_validation_error("The `map` argument cannot be an empty string.")
        mapped = None
    rf.mapped_name = mapped


def referential_action_from_expression(expr: ast.Expression, diagnostics: Diagnostics) -> ReferentialAction | None:
    """``Cascade``, ``Restrict``... from a constant; Prisma's errors for anything else."""
    value = _coerce.constant(expr, diagnostics)
    if value is None:
        return None
    action = _ACTIONS.get(value)
    if action is None:
        diagnostics.error(f'Error parsing attribute "@relation": Invalid referential action: `{value}`', expr.span)
    return action


@dataclass
class _Problems:
    unknown: list[str] = field(default_factory=list[str])
    relation_fields: list[str] = field(default_factory=list[str])


def _resolve_field_array(
    db: ParserDatabase, values: ast.Expression, attribute_span: Span, model_id: ModelId
) -> list[int] | _Problems | None:
    """Scalar field ids named by an array of constants, or the problems; None when already reported."""
    names = _coerce.array(values, _coerce.constant, db.diagnostics)
    if names is None:
        return None
    model = db.model(model_id)
    sfids: list[int] = []
    problems = _Problems()
    for name in names:
        field_id = None if "." in name else db.find_model_field(model_id, name)
        if field_id is None:
            problems.unknown.append(name)
            continue
        sfid = db.scalar_field_id(model_id, field_id)
        if sfid is None:
            problems.relation_fields.append(model.fields[field_id].name.name)
            continue
        if sfid in sfids:
            db.diagnostics.error(
                f'Error validating model "{model.name.name}": The unique index definition refers to the field '
                f"{model.fields[field_id].name.name} multiple times.",
                attribute_span,
            )
            return None
        sfids.append(sfid)
    if problems.unknown or problems.relation_fields:
        return problems
    return sfids
