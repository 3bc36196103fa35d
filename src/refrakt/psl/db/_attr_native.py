"""Native type attributes (``@db.VarChar(255)``), Prisma's ``attributes/native_types.rs``.

The database layer only records them — the datasource scope, the type name, each argument as
Prisma prints it (``arg.value.to_string()``: strings quoted, names dropped) and the attribute's
span — on model scalar fields and composite type fields of a built-in type. Whether the scope
names the datasource, the type exists, the arguments fit and the field type is compatible is
checked against the connector in :mod:`refrakt.psl.validate._native_types`.
"""

from __future__ import annotations

from refrakt.psl import ast
from refrakt.psl.db._types import NativeTypeAttr


def native_type_attr(scope: str, type_name: str, attribute: ast.Attribute) -> NativeTypeAttr:
    """The record of ``@<scope>.<type_name>(args)``."""
    args = tuple(ast.expression_to_string(a.value) for a in attribute.arguments.arguments)
    return NativeTypeAttr(scope, type_name, args, attribute.span)
