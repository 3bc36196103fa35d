"""First pass: name resolution and the rules on names (duplicates, reserved words, characters)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from refrakt.psl import ast
from refrakt.psl.db._types import ScalarType, TopId

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase

RESERVED_NAMES = frozenset(
    (
        "PrismaClient",
        # JavaScript keywords
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "implements",
        "import",
        "in",
        "instanceof",
        "interface",
        "let",
        "new",
        "null",
        "package",
        "private",
        "protected",
        "public",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "yield",
    )
)
"""Names a model, view or enum cannot take: the client generates identifiers from them."""


def _starts_with_number(name: str) -> bool:
    """Rust's ``char::is_numeric`` on the first character: Unicode categories Nd, Nl and No."""
    first = name[0]
    if first < "\x80":  # ASCII: only the digits are numeric
        return "0" <= first <= "9"
    return unicodedata.category(first) in ("Nd", "Nl", "No")


def _top_type_name(top: ast.Top) -> str:
    return ast.top_kind(top)


def resolve_names(db: ParserDatabase) -> None:
    diags = db.diagnostics

    def validate_identifier(ident: ast.Identifier, item: str) -> None:
        name = ident.name
        if not name:
            diags.error(f"Error validating: The name of a {item} must not be empty.", ident.span)
        elif _starts_with_number(name):
            diags.error(f"Error validating: The name of a {item} must not start with a number.", ident.span)
        elif "-" in name:
            diags.error(f"Error validating: The character `-` is not allowed in {item} names.", ident.span)

    def validate_attribute_identifiers(attributes: tuple[ast.Attribute, ...]) -> None:
        for attr in attributes:
            validate_identifier(attr.name, "Attribute")

    for top_id, top in db.iter_tops():
        if ScalarType.from_name(top.name.name) is not None:
            diags.error(f'"{top.name.name}" is a reserved scalar type name and cannot be used.', top.name.span)

        namespace: dict[str, TopId]
        match top:
            case ast.Enum():
                validate_identifier(top.name, "Enum")
                if top.name.name in RESERVED_NAMES:
                    diags.error(
                        f"Error validating enum `{top.name.name}`: The enum name `{top.name.name}` is invalid. It is "
                        "a reserved name. Please change it. Read more at "
                        "https://www.prisma.io/docs/reference/tools-and-interfaces/prisma-schema/data-model#naming-enums",
                        top.span,
                    )
                validate_attribute_identifiers(top.attributes)
                seen: set[str] = set()
                for value in top.values:
                    validate_identifier(value.name, "Enum Value")
                    validate_attribute_identifiers(value.attributes)
                    if value.name.name in seen:
                        diags.error(
                            f'Value "{value.name.name}" is already defined on enum "{top.name.name}".', value.span
                        )
                    seen.add(value.name.name)
                namespace = db.names.tops
            case ast.Model():
                kind = "view" if top.is_view else "model"
                validate_identifier(top.name, "view" if top.is_view else "Model")
                if top.name.name in RESERVED_NAMES:
                    diags.error(
                        f'Error validating model "{top.name.name}": The {kind} name `{top.name.name}` is invalid. It '
                        "is a reserved name. Please change it. Read more at https://pris.ly/d/naming-models",
                        top.span,
                    )
                validate_attribute_identifiers(top.attributes)
                fields = db.names.model_fields.setdefault(top_id, {})
                for idx, f in enumerate(top.fields):
                    validate_identifier(f.name, "field" if top.is_view else "Field")
                    validate_attribute_identifiers(f.attributes)
                    if f.name.name in fields:
                        diags.error(
                            f'Field "{f.name.name}" is already defined on {kind} "{top.name.name}".', f.name.span
                        )
                    fields[f.name.name] = idx
                namespace = db.names.tops
            case ast.CompositeType():
                validate_identifier(top.name, "Composite type")
                fields = db.names.composite_type_fields.setdefault(top_id, {})
                for idx, f in enumerate(top.fields):
                    if f.name.name in fields:
                        diags.error(
                            f'Field "{f.name.name}" is already defined on composite type "{top.name.name}".',
                            f.name.span,
                        )
                    fields[f.name.name] = idx
                namespace = db.names.tops
            case ast.SourceConfig() | ast.GeneratorConfig():
                seen_keys: set[str] = set()
                kind = ast.top_kind(top)
                for prop in top.properties:
                    if prop.name.name in seen_keys:
                        diags.error(
                            f'Key "{prop.name.name}" is already defined in {kind} "{top.name.name}".', prop.name.span
                        )
                    seen_keys.add(prop.name.name)
                namespace = db.names.datasources if isinstance(top, ast.SourceConfig) else db.names.generators

        existing = namespace.get(top.name.name)
        if existing is not None:
            existing_top = db.top(existing)
            diags.error(
                f'The {_top_type_name(top)} "{top.name.name}" cannot be defined because a '
                f"{_top_type_name(existing_top)} with that name already exists.",
                top.name.span,
            )
        namespace[top.name.name] = top_id
