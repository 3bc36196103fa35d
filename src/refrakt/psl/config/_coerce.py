"""Reading configuration values out of AST expressions, with Prisma's type-mismatch messages.

Each ``coerce_*`` function returns the value, or ``None`` after recording an error — the
``coerce`` module of Prisma's ``parser-database``. :func:`read_env_function` is Prisma's
``EnvFunction::from_ast`` and :func:`string_from_env_var` its ``StringFromEnvVar::coerce``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl.ast import (
    Array,
    ConstantValue,
    Expression,
    Function,
    NumericValue,
    StringValue,
    describe_expression,
)
from refrakt.psl.config._model import StringFromEnvVar

T = TypeVar("T")

_ESCAPES = {"\t": "\\t", "\n": "\\n", '"': '\\"', "\r": "\\r", "\\": "\\\\"}


def string_literal(value: str) -> str:
    """A PSL (= JSON) string literal for ``value``, quoted and escaped."""
    out = ['"']
    for ch in value:
        escaped = _ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def render_expression(expr: Expression) -> str:
    """The text Prisma shows for an expression in messages (its ``Display``)."""
    match expr:
        case StringValue(value=value):
            return string_literal(value)
        case NumericValue(value=value) | ConstantValue(value=value):
            return value
        case Function(name=name, arguments=arguments):
            args = ",".join(
                f"{arg.name.name}: {render_expression(arg.value)}" if arg.name else render_expression(arg.value)
                for arg in arguments.arguments
            )
            return f"{name}({args})"
        case Array(items=items):
            return "[" + ",".join(render_expression(item) for item in items) + "]"


def type_mismatch(expected: str, expr: Expression, diagnostics: Diagnostics) -> None:
    """Record ``Expected a {expected} value, but received {kind} value `{expr}`.``"""
    diagnostics.error(
        f"Expected a {expected} value, but received {describe_expression(expr)} value `{render_expression(expr)}`.",
        expr.span,
    )


def coerce_string(expr: Expression, diagnostics: Diagnostics) -> str | None:
    if isinstance(expr, StringValue):
        return expr.value
    type_mismatch("string", expr, diagnostics)
    return None


def coerce_string_with_span(expr: Expression, diagnostics: Diagnostics) -> tuple[str, Span] | None:
    if isinstance(expr, StringValue):
        return expr.value, expr.span
    type_mismatch("string", expr, diagnostics)
    return None


def coerce_function_or_constant(expr: Expression, diagnostics: Diagnostics) -> Function | ConstantValue | None:
    if isinstance(expr, Function | ConstantValue):
        return expr
    type_mismatch("constant or function", expr, diagnostics)
    return None


def coerce_array(
    expr: Expression,
    coerce: Callable[[Expression, Diagnostics], T | None],
    diagnostics: Diagnostics,
) -> list[T] | None:
    """Coerce every item of an array; a single value counts as an array of one.

    Every item is checked (all errors are recorded); the result is ``None`` if any failed.
    """
    if not isinstance(expr, Array):
        single = coerce(expr, diagnostics)
        return None if single is None else [single]
    out: list[T] = []
    valid = True
    for item in expr.items:
        value = coerce(item, diagnostics)
        if value is None:
            valid = False
        else:
            out.append(value)
    return out if valid else None


def is_env_expression(expr: Expression) -> bool:
    return isinstance(expr, Function) and expr.name == "env"


def read_env_function(expr: Expression, diagnostics: Diagnostics) -> str | None:
    """The variable name of an ``env("NAME")`` call, checking its arguments as Prisma does."""
    if not isinstance(expr, Function):
        diagnostics.error("This is not a function expression but expected it to be one.", expr.span)
        return None
    if expr.name != "env":
        diagnostics.error("Expected this to be an env function.", expr.span)
        return None
    args = expr.arguments
    for arg in args.arguments:
        if arg.name is not None:
            diagnostics.warning("The env function doesn't expect named arguments", arg.span)
    if not args.arguments and args.empty_arguments:
        diagnostics.error("The env function expects a singular, unnamed, string argument.", expr.span)
        return None
    if len(args.arguments) + len(args.empty_arguments) != 1 or args.trailing_comma is not None:
        diagnostics.error("Exactly one string parameter must be passed to the env function.", expr.span)
        return None
    return coerce_string(args.arguments[0].value, diagnostics)


def string_from_env_var(expr: Expression, diagnostics: Diagnostics) -> StringFromEnvVar | None:
    """A string literal or an ``env("NAME")`` call; anything else is a type mismatch."""
    if is_env_expression(expr):
        name = read_env_function(expr, diagnostics)
        return None if name is None else StringFromEnvVar(from_env_var=name, span=expr.span)
    if isinstance(expr, StringValue):
        return StringFromEnvVar(value=expr.value, span=expr.span)
    type_mismatch("String", expr, diagnostics)
    return None
