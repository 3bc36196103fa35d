"""Turn the parse tree into the AST, reporting the syntax errors the grammar recovered from."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl import ast
from refrakt.psl.parser._pairs import Pair

_COMPOSITE_BLOCK_ATTRIBUTE_ERRORS = {
    "map": "The name of a composite type is not persisted in the database, therefore it does not need a mapped "
    "database name.",
    "unique": "A unique constraint should be defined in the model containing the embed.",
    "index": "An index should be defined in the model containing the embed.",
    "fulltext": "A fulltext index should be defined in the model containing the embed.",
    "id": "A composite type cannot define an id.",
}

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

# Building a named tuple through `tuple.__new__` skips the Python-level `Span.__new__` (half the cost);
# the builder makes one span per AST node.
_tuple_new = cast("Callable[[type[Span], tuple[int, int, int]], Span]", tuple.__new__)  # pyright: ignore[reportUnknownMemberType]
_NO_ARGUMENTS = ast.ArgumentsList()
_ARITY_RULES = {
    "base_type": (ast.FieldArity.REQUIRED, False),
    "optional_type": (ast.FieldArity.OPTIONAL, True),
    "list_type": (ast.FieldArity.LIST, True),
}


class AstBuilder:
    """Builds :class:`ast.SchemaAst` from a ``schema`` pair of one file."""

    def __init__(self, diagnostics: Diagnostics, file_id: int) -> None:
        self.diagnostics = diagnostics
        self.file_id = file_id

    def span(self, pair: Pair) -> Span:
        return _tuple_new(Span, (pair.start, pair.end, self.file_id))

    def validation_error(self, message: str, pair: Pair) -> None:
        self.diagnostics.error(f"Error validating: {message}", self.span(pair))

    def ident(self, pair: Pair) -> ast.Identifier:
        start, end = pair.start, pair.end
        return ast.Identifier(pair.src[start:end], _tuple_new(Span, (start, end, self.file_id)))

    # --- top level ------------------------------------------------------------------------

    def schema(self, root: Pair) -> ast.SchemaAst:
        tops: list[ast.Top] = []
        pending_comment: Pair | None = None
        items = root.children
        for i, current in enumerate(items):
            rule = current.rule
            if rule == "model_declaration":
                keyword = current.children[0].rule
                doc, pending_comment = pending_comment, None
                if keyword == "TYPE_KEYWORD":
                    tops.append(self.composite_type(current, doc))
                else:
                    tops.append(self.model(current, doc, is_view=keyword == "VIEW_KEYWORD"))
            elif rule == "enum_declaration":
                doc, pending_comment = pending_comment, None
                tops.append(self.enum(current, doc))
            elif rule == "config_block":
                pending_comment = None
                tops.append(self.config_block(current))
            elif rule == "type_alias":
                self.validation_error(
                    "Invalid type definition. Please check the documentation in https://pris.ly/d/composite-types",
                    current,
                )
            elif rule == "comment_block":
                nxt = items[i + 1].rule if i + 1 < len(items) else None
                if nxt in ("model_declaration", "enum_declaration", "config_block"):
                    pending_comment = current
            elif rule == "CATCH_ALL":
                self.validation_error(
                    "This line is invalid. It does not start with any known Prisma schema keyword.", current
                )
            elif rule == "arbitrary_block":
                self.validation_error(
                    "This block is invalid. It does not start with any known Prisma schema keyword. Valid keywords "
                    "include 'model', 'enum', 'type', 'datasource' and 'generator'.",
                    current,
                )
        return ast.SchemaAst(tuple(tops))

    # --- comments -------------------------------------------------------------------------

    @staticmethod
    def _comment_lines(pair: Pair) -> list[str]:
        lines: list[str] = []
        for c in pair.children:
            if c.rule == "doc_comment":
                lines.append(c.children[0].text.lstrip())
            elif c.rule == "multi_line_comment":
                # Sliced by position as Prisma does: a comment that is not the first of its block
                # starts with its indentation, so part of its `/*` stays in the text.
                lines.append(c.text[2:-2].strip())
        return lines

    def comment_block(self, pair: Pair | None) -> ast.Comment | None:
        if pair is None:
            return None
        lines = self._comment_lines(pair)
        return ast.Comment("\n".join(lines)) if lines else None

    def trailing_comment(self, existing: ast.Comment | None, pair: Pair) -> ast.Comment | None:
        new = self.comment_block(pair)
        if existing is None:
            return new
        if new is None:
            return existing
        return ast.Comment(f"{existing.text}\n{new.text}")

    # --- blocks ---------------------------------------------------------------------------

    def _block_parts(self, pair: Pair) -> tuple[ast.Identifier, Pair]:
        name = self.ident(pair.children[1])
        contents = pair.children[3]
        return name, contents

    def model(self, pair: Pair, doc: Pair | None, *, is_view: bool) -> ast.Model:
        name, contents = self._block_parts(pair)
        container = "view" if is_view else "model"
        fields: list[ast.Field] = []
        attributes: list[ast.Attribute] = []
        pending: Pair | None = None
        for item in contents.children:
            rule = item.rule
            if rule == "field_declaration":
                f = self.field(name.name, container, item, pending)
                pending = None
                if f is not None:
                    fields.append(f)
            elif rule == "block_attribute":
                attributes.append(self.attribute(item))
            elif rule == "comment_block":
                pending = item
            elif rule == "BLOCK_LEVEL_CATCH_ALL":
                self.validation_error("This line is not a valid field or attribute definition.", item)
        return ast.Model(name, tuple(fields), tuple(attributes), self.comment_block(doc), is_view, self.span(pair))

    def composite_type(self, pair: Pair, doc: Pair | None) -> ast.CompositeType:
        name, contents = self._block_parts(pair)
        fields: list[ast.Field] = []
        pending: Pair | None = None
        for item in contents.children:
            if item.rule == "block_attribute":
                attr = self.attribute(item)
                message = _COMPOSITE_BLOCK_ATTRIBUTE_ERRORS.get(
                    attr.name.name, "A composite type cannot have block-level attributes."
                )
                self.validation_error(message, item)
            elif item.rule == "field_declaration":
                f = self.field(name.name, "type", item, pending)
                pending = None
                if f is not None:
                    for attr in f.attributes:
                        if attr.name.name in ("relation", "unique", "id"):
                            self.validation_error(
                                f"Defining `@{attr.name.name}` attribute for a field in a composite type is not "
                                "allowed.",
                                item,
                            )
                    fields.append(f)
            elif item.rule == "comment_block":
                pending = item
            elif item.rule == "BLOCK_LEVEL_CATCH_ALL":
                self.validation_error("This line is not a valid field or attribute definition.", item)
        return ast.CompositeType(name, tuple(fields), (), self.comment_block(doc), self.span(pair), self.span(contents))

    def enum(self, pair: Pair, doc: Pair | None) -> ast.Enum:
        name, contents = self._block_parts(pair)
        values: list[ast.EnumValue] = []
        attributes: list[ast.Attribute] = []
        pending: Pair | None = None
        for item in contents.children:
            if item.rule == "block_attribute":
                attributes.append(self.attribute(item))
            elif item.rule == "enum_value_declaration":
                values.append(self.enum_value(item, pending))
                pending = None
            elif item.rule == "comment_block":
                pending = item
            elif item.rule == "BLOCK_LEVEL_CATCH_ALL":
                self.validation_error("This line is not an enum value definition.", item)
        return ast.Enum(
            name, tuple(values), tuple(attributes), self.comment_block(doc), self.span(pair), self.span(contents)
        )

    def enum_value(self, pair: Pair, doc: Pair | None) -> ast.EnumValue:
        name: ast.Identifier | None = None
        attributes: list[ast.Attribute] = []
        comment = self.comment_block(doc)
        for c in pair.children:
            if c.rule == "identifier":
                name = self.ident(c)
            elif c.rule == "field_attribute":
                attributes.append(self.attribute(c))
            elif c.rule == "trailing_comment":
                comment = self.trailing_comment(comment, c)
        assert name is not None
        return ast.EnumValue(name, tuple(attributes), comment, self.span(pair))

    def config_block(self, pair: Pair) -> ast.Top:
        keyword = pair.children[0].rule
        name, contents = self._block_parts(pair)
        kind = "datasource" if keyword == "DATASOURCE_KEYWORD" else "generator"
        properties: list[ast.ConfigBlockProperty] = []
        comment: ast.Comment | None = None
        for item in contents.children:
            if item.rule == "key_value":
                properties.append(self.key_value(item))
            elif item.rule == "comment_block":
                comment = self.comment_block(item)
            elif item.rule == "BLOCK_LEVEL_CATCH_ALL":
                self.validation_error(f"This line is not a valid definition within a {kind}.", item)
        if kind == "datasource":
            return ast.SourceConfig(name, tuple(properties), comment, self.span(pair), self.span(contents))
        return ast.GeneratorConfig(name, tuple(properties), comment, self.span(pair))

    def key_value(self, pair: Pair) -> ast.ConfigBlockProperty:
        name = self.ident(pair.children[0])
        value: ast.Expression | None = None
        for c in pair.children[1:]:
            if c.rule == "expression":
                value = self.expression(c)
        return ast.ConfigBlockProperty(name, value, self.span(pair))

    # --- fields -----------------------------------------------------------------------------

    def field(self, container_name: str, container: str, pair: Pair, doc: Pair | None) -> ast.Field | None:
        name: ast.Identifier | None = None
        attributes: list[ast.Attribute] = []
        typ: tuple[ast.FieldArity, ast.FieldType] | None = None
        comment = None if doc is None else self.comment_block(doc)
        for c in pair.children:
            rule = c.rule
            if rule == "field_attribute":
                attributes.append(self.attribute(c))
            elif rule == "identifier":
                name = self.ident(c)
            elif rule == "field_type":
                typ = self.field_type(c)
                if typ is None:
                    return None
            elif rule == "LEGACY_COLON":
                self.diagnostics.error("Field declarations don't require a `:`.", self.span(c))
                return None
            elif rule == "trailing_comment":
                comment = self.trailing_comment(comment, c)
        if name is None or typ is None:
            self.diagnostics.error(
                f'Error validating {container} "{container_name}": This field declaration is invalid. It is either '
                "missing a name or a type.",
                self.span(pair),
            )
            return None
        arity, field_type = typ
        return ast.Field(field_type, name, arity, tuple(attributes), comment, self.span(pair))

    def field_type(self, pair: Pair) -> tuple[ast.FieldArity, ast.FieldType] | None:
        inner = pair.children[0]
        rule = inner.rule
        arity = _ARITY_RULES.get(rule)
        if arity is not None:
            return arity[0], self.base_type(inner.children[0] if arity[1] else inner)
        messages = {
            "legacy_required_type": "Fields are required by default, `!` is no longer required.",
            "legacy_list_type": "To specify a list, please use `Type[]` instead of `[Type]`.",
            "unsupported_optional_list_type": "Optional lists are not supported. Use either `Type[]` or `Type?`.",
        }
        self.diagnostics.error(messages[rule], self.span(inner))
        return None

    def base_type(self, pair: Pair) -> ast.FieldType:
        inner = pair.children[0]
        if inner.rule == "identifier":
            return ast.SupportedType(self.ident(inner))
        lit = inner.children[0]
        return ast.UnsupportedType(self.string_value(lit), self.span(inner))

    # --- attributes and expressions ---------------------------------------------------------

    def attribute(self, pair: Pair) -> ast.Attribute:
        name: ast.Identifier | None = None
        arguments = _NO_ARGUMENTS
        for c in pair.children:
            rule = c.rule
            if rule == "path":
                name = self.ident(c)
            elif rule == "arguments_list":
                arguments = self.arguments_list(c)
        assert name is not None
        return ast.Attribute(name, arguments, _tuple_new(Span, (pair.start, pair.end, self.file_id)))

    def arguments_list(self, pair: Pair) -> ast.ArgumentsList:
        arguments: list[ast.Argument] = []
        empty: list[ast.EmptyArgument] = []
        trailing: Span | None = None
        file_id = self.file_id
        for c in pair.children:
            rule = c.rule
            if rule == "named_argument":
                span = _tuple_new(Span, (c.start, c.end, file_id))
                arguments.append(ast.Argument(self.ident(c.children[0]), self.expression(c.children[1]), span))
            elif rule == "expression":
                arguments.append(ast.Argument(None, self.expression(c), _tuple_new(Span, (c.start, c.end, file_id))))
            elif rule == "empty_argument":
                empty.append(ast.EmptyArgument(self.ident(c.children[0])))
            elif rule == "trailing_comma":
                trailing = self.span(c)
        return ast.ArgumentsList(tuple(arguments), tuple(empty), trailing)

    def expression(self, pair: Pair) -> ast.Expression:
        inner = pair.children[0]
        rule = inner.rule
        start, end = inner.start, inner.end
        span = _tuple_new(Span, (start, end, self.file_id))
        if rule == "path":
            return ast.ConstantValue(inner.src[start:end], span)
        if rule == "function_call":
            return ast.Function(inner.children[0].text, self.arguments_list(inner.children[1]), span)
        if rule == "numeric_literal":
            return ast.NumericValue(inner.src[start:end], span)
        if rule == "string_literal":
            return ast.StringValue(self.string_value(inner), span)
        return ast.Array(tuple(self.expression(c) for c in inner.children), span)

    def string_value(self, literal: Pair) -> str:
        """Unescape a string literal as JSON does, reporting bad escapes."""
        content = literal.children[0]
        raw = content.text
        if "\\" not in raw:
            return raw
        out: list[str] = []
        i = 0
        n = len(raw)
        base = content.start
        while i < n:
            c = raw[i]
            if c != "\\":
                out.append(c)
                i += 1
                continue
            e = raw[i + 1]
            if e in _ESCAPES:
                out.append(_ESCAPES[e])
                i += 2
            elif e == "u":
                consumed, char = self._unicode_escape(raw, i, base)
                if char is not None:
                    out.append(char)
                i += max(consumed, 2)
            else:
                self.diagnostics.error(
                    "Unknown escape sequence. If the value is a windows-style path, `\\` must be escaped as `\\\\`.",
                    Span(base + i, base + i + 2, self.file_id),
                )
                i += 2
        return "".join(out)

    def _unicode_escape(self, raw: str, i: int, base: int) -> tuple[int, str | None]:
        def codepoint(at: int) -> tuple[int, int | None]:
            if at + 4 > len(raw) or not raw.startswith("\\u", at):
                return 0, None
            value = 0
            for k in range(4):
                ch = raw[at + 2 + k] if at + 2 + k < len(raw) else ""
                if not ch or ch not in "0123456789abcdefABCDEF":
                    return 2 + k, None
                value = value * 16 + int(ch, 16)
            return 6, value

        def error(consumed: int) -> None:
            end = min(base + len(raw), base + i + consumed)
            self.diagnostics.error("Invalid unicode escape sequence.", Span(base + i, end, self.file_id))

        consumed, first = codepoint(i)
        if first is None:
            error(max(consumed, 2))
            return consumed, None
        if not 0xD800 <= first <= 0xDFFF:
            return 6, chr(first)
        consumed2, second = codepoint(i + 6)
        if second is None:
            error(consumed)
            return consumed, None
        if 0xD800 <= first <= 0xDBFF and 0xDC00 <= second <= 0xDFFF:
            return 12, chr(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        error(consumed + consumed2)
        return 12, None
