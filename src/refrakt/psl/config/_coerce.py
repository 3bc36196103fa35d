"""Reading configuration values out of AST expressions, with Prisma's type-mismatch messages.

Each ``coerce_*`` function returns the value, or ``None`` after recording an error — the
``coerce`` module of Prisma's ``parser-database``. :func:`read_env_function` is Prisma's
``EnvFunction::from_ast`` and :func:`string_from_env_var` its ``StringFromEnvVar::coerce``.
"""

from __future__ import annotations

from typing import TypeVar

from refrakt.diagnostics import Diagnostics
from refrakt.psl import ast
from refrakt.psl.ast import ConstantValue, Expression, Function, StringValue
from refrakt.psl.config._model import StringFromEnvVar
from refrakt.psl.db import _coerce as _db_coerce

T = TypeVar("T")

string_literal = ast.string_literal
render_expression = ast.expression_to_string
type_mismatch = _db_coerce.type_mismatch
coerce_string = _db_coerce.string
coerce_string_with_span = _db_coerce.string_with_span
coerce_array = _db_coerce.array


def coerce_function_or_constant(expr: Expression, diagnostics: Diagnostics) -> Function | ConstantValue | None:
    if isinstance(expr, Function | ConstantValue):
        return expr
    type_mismatch("constant or function", expr, diagnostics)
    return None


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
