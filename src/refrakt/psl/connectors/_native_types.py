"""Reading and checking ``@db.X(args)`` attributes against a connector's native type table.

``validate_native_type_attribute`` is Prisma's ``validate_native_type_arguments`` (``psl-core``'s
``validations/fields.rs``) followed by the connector's ``parse_native_type`` and its argument range
rules: it records Prisma's exact diagnostics and returns the parsed ``NativeTypeInstance`` when the
attribute is usable. ``parse_native_type`` alone is the silent parse other passes use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl.ast import ArgumentsList, Attribute, expression_to_string
from refrakt.psl.connectors import _messages as msg
from refrakt.psl.connectors._connector import Connector
from refrakt.psl.connectors._types import NativeTypeInstance

NO_DATASOURCE_CONNECTOR_NAME = "Default"
"""What Prisma calls the connector in messages when the schema has no datasource."""


def native_type_arguments(arguments: ArgumentsList) -> tuple[str, ...]:
    """The positional text of each argument; names (``x: 1``) are ignored, as Prisma does."""
    return tuple(expression_to_string(a.value) for a in arguments.arguments)


def split_native_type_attribute(attribute: Attribute) -> tuple[str, str, tuple[str, ...]] | None:
    """``@db.VarChar(255)`` → ``("db", "VarChar", ("255",))``; ``None`` for an unscoped attribute."""
    scope, dot, name = attribute.name.name.partition(".")
    if not dot:
        return None
    return scope, name, native_type_arguments(attribute.arguments)


# --- parsing ----------------------------------------------------------------------------------


def parse_native_type(
    connector: Connector,
    name: str,
    args: Sequence[str],
    *,
    span: Span | None = None,
    diagnostics: Diagnostics | None = None,
) -> NativeTypeInstance | None:
    """The connector's ``parse_native_type``: name and raw argument texts to an instance.

    Problems are recorded only when both ``span`` and ``diagnostics`` are given (Prisma parses
    silently everywhere but in the attribute validation).
    """

    def fail(message: str) -> None:
        if diagnostics is not None and span is not None:
            diagnostics.error(message, span)

    if not connector.native_types_supported:
        fail(msg.native_types_not_supported(connector.name))
        return None
    constructor = connector.find_native_type(name)
    if constructor is None:
        fail(msg.native_type_parser_error(name))
        return None
    parsed = constructor.args.parse(args)
    if parsed is None:
        fail(msg.value_parser_error(constructor.args.description, f"({', '.join(args)})"))
        return None
    return NativeTypeInstance(name, parsed)


def native_type_argument_error(
    connector: Connector, native_type: NativeTypeInstance, scalar_type: str | None
) -> str | None:
    """Prisma's range rules for the arguments of an already parsed native type (precision, length...)."""
    return connector.argument_rules(native_type, scalar_type)


# --- validation of an attribute -------------------------------------------------------------------


def validate_native_type(
    connector: Connector,
    *,
    scope: str,
    name: str,
    args: Sequence[str],
    scalar_type: str,
    span: Span,
    diagnostics: Diagnostics,
    datasource_name: str | None,
) -> NativeTypeInstance | None:
    """Check ``@<scope>.<name>(<args>)`` on a field of built-in ``scalar_type``.

    ``datasource_name`` is the name of the schema's datasource block, ``None`` when there is none
    (then pass the empty connector). Every problem is recorded on ``span`` (the attribute's span);
    the instance is returned only when the attribute is valid.
    """
    connector_name = NO_DATASOURCE_CONNECTOR_NAME if datasource_name is None else connector.provider_name

    if datasource_name is not None and datasource_name != scope:
        suggestion = f"{datasource_name}.{name}"
        diagnostics.error(msg.invalid_prefix_for_native_types(scope, datasource_name, suggestion), span)

    constructor = connector.find_native_type(name)
    if constructor is None:
        diagnostics.error(msg.native_type_name_unknown(connector_name, name), span)
        return None

    given = len(args)
    required, optional = constructor.number_of_args, constructor.number_of_optional_args
    if given < required or (given > required and optional == 0):
        diagnostics.error(msg.argument_count_mismatch(name, required, given), span)
        return None
    if given > required + optional:
        diagnostics.error(msg.optional_argument_count_mismatch(name, optional, given), span)
        return None

    if not constructor.allows(scalar_type):
        expected = " or ".join(str(t) for t in constructor.allowed_types)
        diagnostics.error(msg.incompatible_native_type(name, scalar_type, expected), span)
        return None

    instance = parse_native_type(connector, name, args, span=span, diagnostics=diagnostics)
    if instance is None:
        return None
    problem = native_type_argument_error(connector, instance, scalar_type)
    if problem is not None:
        diagnostics.error(problem, span)
        return None
    return instance


def validate_native_type_attribute(
    connector: Connector,
    attribute: Attribute,
    scalar_type: str,
    diagnostics: Diagnostics,
    *,
    datasource_name: str | None,
) -> NativeTypeInstance | None:
    """``validate_native_type`` for an AST attribute such as ``@db.VarChar(255)``.

    Returns ``None`` (recording nothing) when the attribute is not datasource-scoped.
    """
    parts = split_native_type_attribute(attribute)
    if parts is None:
        return None
    scope, name, args = parts
    return validate_native_type(
        connector,
        scope=scope,
        name=name,
        args=args,
        scalar_type=scalar_type,
        span=attribute.span,
        diagnostics=diagnostics,
        datasource_name=datasource_name,
    )


# --- Unsupported("...") that Prisma knows as a native type ---------------------------------------------

_UNSUPPORTED_TYPE = re.compile(r"^(?P<prefix>[^(]+)(?:\((?P<params>.*?)\))?(?P<suffix>.+)?$")


def unsupported_type_suggestion(
    connector: Connector, datasource_name: str, unsupported: str, field_name: str
) -> str | None:
    """The error for ``Unsupported("<unsupported>")`` when it names a supported native type.

    Prisma's ``validate_unsupported_field_type``: ``Unsupported("Text")`` on Postgres should be
    ``String @db.Text``. Returns the full message (``Error validating: ...``) or ``None``.
    """
    match = _UNSUPPORTED_TYPE.match(unsupported)
    if match is None:
        return None
    prefix = match.group("prefix").strip()
    params = match.group("params")
    args = [] if params is None else [p.strip() for p in params.split(",")]
    instance = parse_native_type(connector, prefix, args)
    if instance is None:
        return None
    prisma_type = connector.scalar_type_for_native_type(instance)
    if prisma_type is None:
        return None
    return msg.validation_error(
        f'The type `Unsupported("{unsupported}")` you specified in the type definition for the field '
        f"`{field_name}` is supported as a native type by Prisma. Please use the native type notation "
        f"`{prisma_type} @{datasource_name}.{instance}` for full support."
    )
