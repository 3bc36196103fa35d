"""Coerce argument expressions to the value a rule expects, reporting Prisma's type mismatch."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl import ast

T = TypeVar("T")


def type_mismatch(expected: str, expr: ast.Expression, diagnostics: Diagnostics) -> None:
    diagnostics.error(
        f"Expected a {expected} value, but received {ast.describe_expression(expr)} value "
        f"`{ast.expression_to_string(expr)}`.",
        expr.span,
    )


def string(expr: ast.Expression, diagnostics: Diagnostics) -> str | None:
    if isinstance(expr, ast.StringValue):
        return expr.value
    type_mismatch("string", expr, diagnostics)
    return None


def string_with_span(expr: ast.Expression, diagnostics: Diagnostics) -> tuple[str, Span] | None:
    if isinstance(expr, ast.StringValue):
        return expr.value, expr.span
    type_mismatch("string", expr, diagnostics)
    return None


def constant(expr: ast.Expression, diagnostics: Diagnostics) -> str | None:
    if isinstance(expr, ast.ConstantValue):
        return expr.value
    type_mismatch("constant", expr, diagnostics)
    return None


def constant_with_span(expr: ast.Expression, diagnostics: Diagnostics) -> tuple[str, Span] | None:
    if isinstance(expr, ast.ConstantValue):
        return expr.value, expr.span
    type_mismatch("constant", expr, diagnostics)
    return None


def boolean(expr: ast.Expression, diagnostics: Diagnostics) -> bool | None:
    if isinstance(expr, ast.ConstantValue) and expr.value in ("true", "false"):
        return expr.value == "true"
    type_mismatch("boolean", expr, diagnostics)
    return None


def _parse_int(text: str) -> int | None:
    body = text[1:] if text.startswith("-") else text
    if not body.isdigit():
        return None
    value = int(text)
    return value if -(2**63) <= value < 2**63 else None


def integer(expr: ast.Expression, diagnostics: Diagnostics) -> int | None:
    if isinstance(expr, ast.NumericValue):
        value = _parse_int(expr.value)
        if value is not None:
            return value
    type_mismatch("numeric", expr, diagnostics)
    return None


def float_(expr: ast.Expression, diagnostics: Diagnostics) -> float | None:
    if isinstance(expr, ast.NumericValue):
        return float(expr.value)
    type_mismatch("float", expr, diagnostics)
    return None


def function(expr: ast.Expression, diagnostics: Diagnostics) -> tuple[str, tuple[ast.Argument, ...]] | None:
    if isinstance(expr, ast.Function):
        return expr.name, expr.arguments.arguments
    type_mismatch("function", expr, diagnostics)
    return None


def array(
    expr: ast.Expression, coercion: Callable[[ast.Expression, Diagnostics], T | None], diagnostics: Diagnostics
) -> list[T] | None:
    """Coerce each element of an array (or a single value, as a one-element list)."""
    if not isinstance(expr, ast.Array):
        value = coercion(expr, diagnostics)
        return None if value is None else [value]
    out: list[T] = []
    valid = True
    for item in expr.items:
        value = coercion(item, diagnostics)
        if value is None:
            valid = False
        else:
            out.append(value)
    return out if valid else None
