"""Rules on each relation: references, arities, types, foreign key names, cycles, and by kind.

Port of Prisma's ``validations/relations.rs`` (with ``relations/visited_relation.rs``) and of the
relation loop at the end of ``validations.rs``: every relation in inference order, refined into
1:1/1:n (inline), implicit m:n or two-way embedded m:n, each with its own rules (see
``_relations_one_to_one``, ``_relations_one_to_many``, ``_relations_many_to_many``).

This rule runs last in Prisma's pipeline, and not at all once a relation field was ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass

from refrakt.psl.connectors import Capability, ConstraintType
from refrakt.psl.db import ReferentialAction
from refrakt.psl.db._walk_relations import (
    RelationWalker,
    complete_inline_relations_from,
    unique_criteria,
    walk_relations,
)
from refrakt.psl.validate import _relations_many_to_many, _relations_one_to_many, _relations_one_to_one
from refrakt.psl.validate._constraint_namespace import ConstraintNamespace, constraint_names_of, infer_namespaces
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._relation_fields import (
    ambiguity_of,
    connector_of,
    has_capability,
    relation_mode_of,
    restrict_supported,
)
from refrakt.psl.validate._relations_one_to_many import attribute_error

_CYCLES_DOCS = " Read more at https://pris.ly/d/cyclic-referential-actions"


def validate(ctx: ValidationContext) -> None:
    if ambiguity_of(ctx) is not None:
        return
    namespace = infer_namespaces(ctx)
    for relation in walk_relations(ctx.db):
        if relation.is_implicit_many_to_many:
            _relations_many_to_many.validate_implicit(ctx, relation)
            continue
        if relation.is_two_way_embedded_many_to_many:
            _relations_many_to_many.validate_embedded(ctx, relation)
            continue
        if relation.is_complete:
            cycles(ctx, relation)
            multiple_cascading_paths(ctx, relation)
        references_unique_fields(ctx, relation)
        same_length_in_referencing_and_referenced(ctx, relation)
        field_arity(ctx, relation)
        referencing_scalar_field_types(ctx, relation)
        has_a_unique_constraint_name(ctx, namespace, relation)
        required_relation_cannot_use_set_null(ctx, relation)
        if relation.is_one_to_one:
            _relations_one_to_one.validate(ctx, relation)
        else:
            _relations_one_to_many.validate(ctx, relation)


# --- references, arity, types ------------------------------------------------------------------


def references_unique_fields(ctx: ValidationContext, relation: RelationWalker) -> None:
    """``references`` must name a unique criterion of the referenced model (in any order)."""
    forward = relation.forward_field
    if forward is None or not forward.references:
        return
    db = ctx.db
    referenced = sorted(db.scalar_field_ast(sfid).name.name for sfid in relation.referenced_fields)
    if any(sorted(c.field_names()) == referenced for c in unique_criteria(db, relation.referenced_model)):
        _referencing_fields_in_correct_order(ctx, relation)
        return
    names = [db.scalar_field_ast(sfid).name.name for sfid in relation.referenced_fields]
    model = db.model(relation.referenced_model).name.name
    if len(names) == 1:
        text = (
            "The argument `references` must refer to a unique criterion in the related model. Consider adding an "
            f"`@unique` attribute to the field `{names[0]}` in the model `{model}`."
        )
    else:
        text = (
            "The argument `references` must refer to a unique criterion in the related model. Consider adding an "
            f"`@@unique([{', '.join(names)}])` attribute to the model `{model}`."
        )
    ctx.error(attribute_error(text), forward.span)


def _referencing_fields_in_correct_order(ctx: ValidationContext, relation: RelationWalker) -> None:
    forward = relation.forward_field
    if forward is None or forward.references is None or len(forward.references) <= 1:
        return
    if has_capability(ctx, Capability.RELATION_FIELDS_IN_ARBITRARY_ORDER):
        return
    db = ctx.db
    names = [db.scalar_field_ast(sfid).name.name for sfid in relation.referenced_fields]
    if any(c.field_names() == names for c in unique_criteria(db, relation.referenced_model)):
        return
    ctx.error(
        "Error validating: The argument `references` must refer to a unique criterion in the related model "
        f"`{db.model(relation.referenced_model).name.name}` using the same order of fields. Please check the "
        f"ordering in the following fields: `{', '.join(names)}`.",
        forward.span,
    )


def same_length_in_referencing_and_referenced(ctx: ValidationContext, relation: RelationWalker) -> None:
    forward = relation.forward_field
    if forward is None or forward.fields is None or forward.references is None:
        return
    if len(forward.fields) == len(forward.references):
        return
    attr = forward.relation_attribute
    ctx.error(
        "Error validating: You must specify the same number of fields in `fields` and `references`.",
        forward.span if attr is None else attr.span,
    )


def field_arity(ctx: ValidationContext, relation: RelationWalker) -> None:
    """A required relation field cannot use optional scalar fields."""
    forward = relation.forward_field
    if forward is None or not forward.is_required or forward.fields is None:
        return
    db = ctx.db
    if all(not db.scalar_field_ast(sfid).arity.is_optional for sfid in forward.fields):
        return
    names = ", ".join(db.scalar_field_ast(sfid).name.name for sfid in forward.fields)
    ctx.error(
        f"Error validating: The relation field `{forward.name}` uses the scalar fields {names}. At least one of "
        "those fields is optional. Hence the relation field must be optional as well.",
        forward.span,
    )


def referencing_scalar_field_types(ctx: ValidationContext, relation: RelationWalker) -> None:
    forward = relation.forward_field
    fields = relation.referencing_fields
    if forward is None or fields is None:
        return
    db = ctx.db
    for referencing, referenced in zip(fields, relation.referenced_fields, strict=False):
        if db.scalar_fields[referencing].type == db.scalar_fields[referenced].type:
            continue
        ctx.error(
            attribute_error(
                f"The type of the field `{db.scalar_field_ast(referencing).name.name}` in the model "
                f"`{db.model(db.scalar_fields[referencing].model_id).name.name}` is not matching the type of the "
                f"referenced field `{db.scalar_field_ast(referenced).name.name}` in model "
                f"`{db.model(db.scalar_fields[referenced].model_id).name.name}`."
            ),
            forward.span,
        )


def required_relation_cannot_use_set_null(ctx: ValidationContext, relation: RelationWalker) -> None:
    """``SetNull`` cannot null a required referencing field (a warning where the database accepts it)."""
    forward = relation.forward_field
    if forward is None:
        return
    fields = forward.fields
    if fields is not None and all(not ctx.db.scalar_field_ast(sfid).arity.is_required for sfid in fields):
        return
    set_null = [
        argument
        for argument, action in (("onDelete", forward.explicit_on_delete), ("onUpdate", forward.explicit_on_update))
        if action is ReferentialAction.SetNull
    ]
    warn = connector_of(ctx).allows_set_null_on_non_nullable_fields(relation_mode_of(ctx))
    for argument in set_null:
        if warn:
            ctx.warning(
                f"The `{argument}` referential action of a relation should not be set to `SetNull` when a referenced "
                "field is required. We recommend either to choose another referential action, or to make the "
                "referenced fields optional. Read more at https://pris.ly/d/postgres-set-null ",
                forward.span,
            )
        else:
            ctx.error(
                attribute_error(
                    f"The `{argument}` referential action of a relation must not be set to `SetNull` when a referenced "
                    "field is required.\nEither choose another referential action, or make the referenced fields "
                    "optional.\n"
                ),
                forward.span,
            )


# --- cycles and multiple cascading paths ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Path:
    """A linked list of visited relations, newest first (Prisma's ``VisitedRelation``)."""

    relation: RelationWalker
    previous: _Path | None = None

    def link(self, relation: RelationWalker) -> _Path:
        return _Path(relation, self)

    def relations(self) -> list[RelationWalker]:
        """Oldest first."""
        out: list[RelationWalker] = []
        node: _Path | None = self
        while node is not None:
            out.append(node.relation)
            node = node.previous
        out.reverse()
        return out

    def __str__(self) -> str:
        parts: list[str] = []
        for relation in self.relations():
            forward = relation.forward_field
            assert forward is not None
            parts.append(f"{forward.model.name.name}.{forward.name}")
        return " → ".join(parts)


def _triggers_modification(action: ReferentialAction) -> bool:
    return action not in (ReferentialAction.NoAction, ReferentialAction.Restrict)


def _cascades(ctx: ValidationContext, relation: RelationWalker) -> bool:
    on_delete = relation.on_delete(restrict_supported=restrict_supported(ctx))
    return _triggers_modification(on_delete) or _triggers_modification(relation.on_update)


def _forward_id(relation: RelationWalker) -> int:
    forward = relation.forward_field
    assert forward is not None
    return forward.id


def cycles(ctx: ValidationContext, relation: RelationWalker) -> None:
    """Cascading referential actions that come back to the model they start from."""
    if not has_capability(ctx, Capability.REFERENCE_CYCLE_DETECTION) and _datasource_uses_foreign_keys(ctx):
        return
    db = ctx.db
    visited: set[int] = set()
    stack: list[tuple[RelationWalker, _Path]] = [(relation, _Path(relation))]
    parent_model = relation.referencing_model
    while stack:
        current, path = stack.pop()
        visited.add(_forward_id(current))
        related_model = current.referenced_model
        if not _cascades(ctx, current):
            continue
        if current.referencing_model == related_model:
            _cascade_error(
                ctx,
                relation,
                "A self-relation must have `onDelete` and `onUpdate` referential actions set to `NoAction` in one "
                "of the @relation attributes.",
            )
            return
        if related_model == parent_model:
            _cascade_error(
                ctx,
                relation,
                "Reference causes a cycle. One of the @relation attributes in this cycle must have `onDelete` and "
                f"`onUpdate` referential actions set to `NoAction`. Cycle path: {path}.",
            )
            return
        for following in complete_inline_relations_from(db, related_model):
            if _forward_id(following) not in visited:
                stack.append((following, path.link(following)))


def _datasource_uses_foreign_keys(ctx: ValidationContext) -> bool:
    if ctx.datasource is None:
        return True
    return relation_mode_of(ctx).value == "foreignKeys"


def multiple_cascading_paths(ctx: ValidationContext, relation: RelationWalker) -> None:
    """Cascading actions reaching one model along two paths from the same model (SQL Server)."""
    if not has_capability(ctx, Capability.REFERENCE_CYCLE_DETECTION) or relation_mode_of(ctx).value == "prisma":
        return
    if not _cascades(ctx, relation):
        return
    db = ctx.db
    parent_model = relation.referencing_model
    paths: list[_Path] = []
    stack: list[tuple[RelationWalker, _Path, frozenset[int]]] = [
        (r, _Path(r), frozenset()) for r in complete_inline_relations_from(db, parent_model) if _cascades(ctx, r)
    ]
    while stack:
        current, path, current_path = stack.pop()
        current_path = current_path | {_forward_id(current)}
        related_model = current.referenced_model
        if current.referencing_model == related_model or related_model == parent_model:
            continue
        following = [
            (r, path.link(r), current_path)
            for r in complete_inline_relations_from(db, related_model)
            if _cascades(ctx, r) and _forward_id(r) not in current_path
        ]
        if not following:
            paths.append(path.link(current))
            continue
        stack.extend(following)

    seen: dict[str, set[str]] = {}
    for path in paths:
        relations = path.relations()
        first = relations[0].forward_field
        assert first is not None
        models = seen.setdefault(first.name, set())
        for r in relations:
            models.add(db.model(r.referenced_model).name.name)

    forward = relation.forward_field
    assert forward is not None
    reachable: set[str] = set()
    from_parent = seen.pop(forward.name, None)
    if from_parent is not None:
        for from_other in seen.values():
            reachable |= from_parent & from_other
    if not reachable:
        return
    models = ", ".join(f"`{name}`" for name in sorted(reachable))
    model_name = db.model(parent_model).name.name
    if len(reachable) == 1:
        head = f"When any of the records in model {models} is updated or deleted"
    else:
        head = f"When any of the records in models {models} are updated or deleted"
    _cascade_error(
        ctx,
        relation,
        f"{head}, the referential actions on the relations cascade to model `{model_name}` through multiple "
        "paths. Please break one of these paths by setting the `onUpdate` and `onDelete` to `NoAction`.",
    )


def _cascade_error(ctx: ValidationContext, relation: RelationWalker, message: str) -> None:
    forward = relation.forward_field
    assert forward is not None
    on_delete = relation.on_delete(restrict_supported=restrict_supported(ctx))
    on_update = relation.on_update
    implicit_delete = on_delete if forward.explicit_on_delete is None and _triggers_modification(on_delete) else None
    implicit_update = on_update if forward.explicit_on_update is None and _triggers_modification(on_update) else None
    if implicit_delete is not None and implicit_update is not None:
        message += (
            f" (Implicit default `onDelete`: `{implicit_delete.value}`, and `onUpdate`: `{implicit_update.value}`)"
        )
    elif implicit_delete is not None:
        message += f" (Implicit default `onDelete`: `{implicit_delete.value}`)"
    elif implicit_update is not None:
        message += f" (Implicit default `onUpdate`: `{implicit_update.value}`)"
    ctx.error(f"Error validating: {message}{_CYCLES_DOCS}", forward.span)


# --- foreign key names ---------------------------------------------------------------------------


def has_a_unique_constraint_name(
    ctx: ValidationContext, namespace: ConstraintNamespace, relation: RelationWalker
) -> None:
    """The foreign key name must be unique in the namespaces the connector checks."""
    db = ctx.db
    name = constraint_names_of(ctx).foreign_keys[relation.id]
    model_id = relation.referencing_model
    violations = namespace.constraint_name_scope_violations(db, model_id, ConstraintType.FOREIGN_KEY, name)
    if not violations:
        return
    forward = relation.forward_field
    # without a forward field (only the back-relation list exists), Prisma points at the referenced model
    span = (
        (forward.span_for_argument("map") or forward.span)
        if forward is not None
        else db.model(relation.referenced_model).span
    )
    model_name = db.model(model_id).name.name
    for scope in violations:
        ctx.error(
            attribute_error(
                f"The given constraint name `{name}` has to be unique in the following namespace: "
                f"{scope.description(model_name)}. Please provide a different name using the `map` argument."
            ),
            span,
        )
