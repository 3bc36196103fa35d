"""Native type attributes (``@db.VarChar(255)``): recorded here, checked against the connector later."""

from __future__ import annotations

from refrakt.psl import ast
from refrakt.psl.db._types import NativeTypeAttr


def native_type_attr(scope: str, type_name: str, attribute: ast.Attribute) -> NativeTypeAttr:
    args = tuple(ast.expression_to_string(a.value) for a in attribute.arguments.arguments)
    return NativeTypeAttr(scope, type_name, args, attribute.span)
