"""Per-field rules of the validation pipeline (Prisma's ``validations/fields.rs``).

- ``validate_scalar_field_connector_specific``: Json, Json lists, Decimal and scalar lists must be
  supported by the connector;
- ``validate_client_name``: a field may not take the custom ``name:`` of the model's
  ``@@index``, ``@@unique`` or ``@@id``;
- ``has_a_unique_default_constraint_name``: default constraint names (SQL Server) must be unique
  in their namespace;
- ``validate_default_value``: named defaults, their length, and the literal itself
  (:mod:`._default_value`);
- the connector hook ``validate_scalar_field_unknown_default_functions``: functions the database
  layer did not know are errors, unless the connector defines them (CockroachDB's ``sequence()``).

Native types and ``Unsupported`` types are in :mod:`._native_types`; the key and clustering
parts of ``fields.rs`` are with the index rules; MongoDB's and CockroachDB's per-model rules are
in :mod:`._models`.
"""

from __future__ import annotations

from collections.abc import Callable

from refrakt.psl import ast
from refrakt.psl.connectors import Capability, Connector, ConstraintType, Flavour, checked_scopes
from refrakt.psl.db import ScalarType
from refrakt.psl.db._attr_default import unknown_function_message
from refrakt.psl.db._coerce import boolean, integer
from refrakt.psl.db._types import ModelId
from refrakt.psl.validate._constraint_namespace import default_constraint_names
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._database_name import validate_db_name
from refrakt.psl.validate._default_value import default_expression, validate_auto_param, validate_default_value
from refrakt.psl.validate._names import Names, build_names
from refrakt.psl.validate._native_types import connector_of, has_capability

__all__ = [
    "has_a_unique_default_constraint_name",
    "validate",
    "validate_client_name",
    "validate_field_default",
    "validate_scalar_field_connector_specific",
    "validate_scalar_field_unknown_default_functions",
]


def validate(ctx: ValidationContext) -> None:
    db = ctx.db
    connector = connector_of(ctx)
    names = build_names(ctx)
    # default constraint names only clash in a scope the connector checks (SQL Server's)
    checks_defaults = any(s in connector.constraint_scopes for s in checked_scopes(ConstraintType.DEFAULT))
    default_names = dict(default_constraint_names(db, connector)) if checks_defaults else {}
    validate_scalar_field_unknown_default_functions(ctx, connector)
    for model_id, _ in db.iter_models():
        if not ctx.reaches_model(model_id):
            continue
        for sfid in db.model_scalar_field_ids(model_id):
            validate_scalar_field_connector_specific(ctx, connector, sfid)
            validate_client_name(ctx, names, model_id, db.scalar_field_ast(sfid).name.name)
            has_a_unique_default_constraint_name(ctx, names, sfid, default_names.get(sfid))
            validate_field_default(ctx, connector, sfid)
        for rfid in db.model_relation_field_ids(model_id):
            if ctx.reaches_relation_field(model_id, db.relation_fields[rfid].field_id):
                validate_client_name(ctx, names, model_id, db.relation_field_ast(rfid).name.name)


def _container(ctx: ValidationContext, model_id: ModelId) -> str:
    return "view" if ctx.db.model(model_id).is_view else "model"


def _default_attribute(field: ast.Field) -> ast.Attribute | None:
    return next((a for a in field.attributes if a.name.name == "default"), None)


# --- connector support of the field's type --------------------------------------------------------


def validate_scalar_field_connector_specific(ctx: ValidationContext, connector: Connector, sfid: int) -> None:
    db = ctx.db
    sf = db.scalar_fields[sfid]
    field = db.scalar_field_ast(sfid)
    scalar = sf.type.scalar
    if scalar is not ScalarType.Json and scalar is not ScalarType.Decimal and not field.arity.is_list:
        return  # nothing connector-specific about this field
    container = _container(ctx, sf.model_id)
    model_name = db.model(sf.model_id).name.name
    field_name = field.name.name

    def field_error(message: str) -> None:
        ctx.error(
            f"Error validating field `{field_name}` in {container} `{model_name}`: {message}",
            field.span,
        )

    if sf.type.is_(ScalarType.Json):
        if not has_capability(connector, Capability.JSON):
            field_error(
                f"Field `{field_name}` in {container} `{model_name}` can't be of type Json. The current connector "
                "does not support the Json type."
            )
        if field.arity.is_list and not has_capability(connector, Capability.JSON_LISTS):
            field_error(
                f"Field `{field_name}` in {container} `{model_name}` can't be of type Json[]. The current connector "
                "does not support the Json List type."
            )
    elif sf.type.is_(ScalarType.Decimal) and not has_capability(connector, Capability.DECIMAL_TYPE):
        field_error(
            f"Field `{field_name}` in {container} `{model_name}` can't be of type Decimal. The current connector "
            "does not support the Decimal type."
        )

    if field.arity.is_list and not has_capability(connector, Capability.SCALAR_LISTS):
        ctx.error(
            f'Field "{field_name}" in {container} "{model_name}" can\'t be a list. The current connector does not '
            "support lists of primitive types.",
            field.span,
        )


# --- names ----------------------------------------------------------------------------------------


def validate_client_name(ctx: ValidationContext, names: Names, model_id: ModelId, field_name: str) -> None:
    """A field named like the custom ``name:`` of a key of its model."""
    taken_by = names.name_taken(model_id, field_name)
    if not taken_by:
        return
    model = ctx.db.model(model_id)
    container = _container(ctx, model_id)
    for taken in taken_by:
        ctx.error(
            f'Error validating {container} "{model.name.name}": The custom name `{field_name}` specified for the '
            f"`{taken.value}` attribute is already used as a name for a field. Please choose a different name.",
            model.span,
        )


def has_a_unique_default_constraint_name(ctx: ValidationContext, names: Names, sfid: int, name: str | None) -> None:
    """Default constraint names share a namespace with keys and foreign keys on SQL Server.

    ``name`` is the field's default constraint name (``map:`` or generated), None without a default.
    """
    db = ctx.db
    if name is None:
        return
    sf = db.scalar_fields[sfid]
    violations = names.constraint_namespace.constraint_name_scope_violations(
        db, sf.model_id, ConstraintType.DEFAULT, name
    )
    if not violations:
        return
    model_name = db.model(sf.model_id).name.name
    field = db.scalar_field_ast(sfid)
    for scope in violations:
        attribute = _default_attribute(field)
        span = field.span
        if attribute is not None:
            span = next(
                (a.span for a in attribute.arguments.arguments if a.name is not None and a.name.name == "map"), span
            )
        ctx.error(
            f'Error parsing attribute "@default": The given constraint name `{name}` has to be unique in the '
            f"following namespace: {scope.description(model_name)}. Please provide a different name using the "
            "`map` argument.",
            span,
        )


# --- defaults -------------------------------------------------------------------------------------


def validate_field_default(ctx: ValidationContext, connector: Connector, sfid: int) -> None:
    """Prisma's ``fields::validate_default_value`` for a model field."""
    db = ctx.db
    sf = db.scalar_fields[sfid]
    if sf.default is None:
        return
    field = db.scalar_field_ast(sfid)
    attribute = _default_attribute(field)
    mapped_name = sf.default.mapped_name
    if mapped_name is not None and attribute is not None:
        if not has_capability(connector, Capability.NAMED_DEFAULT_VALUES):
            ctx.error(
                'Error parsing attribute "@default": You defined a database name for the default value of a field '
                "on the model. This is not supported by the provider.",
                attribute.span,
            )
        validate_db_name(ctx, db.model(sf.model_id).name.name, attribute, mapped_name, double_at=False)
    value = default_expression(field, sf.default.argument_idx)
    validate_default_value(value, sf.type.scalar, ctx)
    validate_auto_param(value, ctx)


# --- default functions the database layer did not know ---------------------------------------------

FunctionRule = Callable[[ValidationContext, ast.Function], None]


def _validate_sequence(ctx: ValidationContext, function: ast.Function) -> None:
    """CockroachDB's ``sequence(virtual:, cache:, increment:, minValue:, maxValue:, start:)``."""
    for arg in function.arguments.arguments:
        name = arg.name.name if arg.name is not None else None
        if name == "virtual":
            boolean(arg.value, ctx.diagnostics)
        elif name in ("cache", "increment", "minValue", "maxValue", "start"):
            integer(arg.value, ctx.diagnostics)
        else:
            ctx.error("Unexpected argument in `sequence()` function call", arg.span)


CONNECTOR_DEFAULT_FUNCTIONS: dict[Flavour, dict[str, FunctionRule]] = {
    Flavour.COCKROACH: {"sequence": _validate_sequence},
}
"""Default functions a connector defines beyond the built-in ones, with their argument rules."""


def validate_scalar_field_unknown_default_functions(ctx: ValidationContext, connector: Connector) -> None:
    db = ctx.db
    known = CONNECTOR_DEFAULT_FUNCTIONS.get(connector.flavour, {}) if connector.flavour is not None else {}
    for sfid in db.unknown_function_defaults:
        sf = db.scalar_fields[sfid]
        if sf.default is None or not ctx.reaches_model(sf.model_id):
            continue
        value = default_expression(db.scalar_field_ast(sfid), sf.default.argument_idx)
        if not isinstance(value, ast.Function):
            continue
        rule = known.get(value.name)
        if rule is not None:
            rule(ctx, value)
        else:
            ctx.error(unknown_function_message(value.name), value.span)
