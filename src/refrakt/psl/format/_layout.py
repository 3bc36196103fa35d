"""Layout: re-render a schema from its concrete parse tree (Prisma's ``schema_ast::reformat``).

The walk follows the parse tree that :func:`refrakt.psl.parser.parse_tree` produces (the rule
names of Prisma's pest grammar) and writes each block through a :class:`~._table.Table`:

- blocks are re-indented; empty lines at the start and end of a block body go away, a run of
  empty lines inside a body becomes one and starts a new alignment group;
- field name / type / attributes, ``key = value`` and enum value / attributes are aligned in
  columns; end-of-line comments follow the last column and do not influence the widths;
- field attributes and block attributes are sorted into Prisma's canonical order (``id``,
  ``unique``, ``default``, ``updatedAt``, ``index``, ``fulltext``, ``map``, ``relation``,
  ``ignore``, then the rest, stably), block attributes go to the end of the body after an
  empty line, together with the comment block right above each of them;
- comments are re-rendered from their content (``/* */`` blocks in the canonical `` * `` shape),
  lines the grammar could not read are kept as they are, and the text ends with one newline.

Line endings come out as ``\\n`` except inside lines kept verbatim.
"""

from __future__ import annotations

from refrakt.psl.format._table import Renderer, Table
from refrakt.psl.parser import Pair, parse_tree

__all__ = ["reformat_layout"]

_FIELD_NAME_COLUMN = 0
_FIELD_TYPE_COLUMN = 1
_FIELD_ATTRIBUTES_COLUMN = 2

_ATTRIBUTE_ORDER = {
    name: i
    for i, name in enumerate(("id", "unique", "default", "updatedAt", "index", "fulltext", "map", "relation", "ignore"))
}
_UNORDERED = len(_ATTRIBUTE_ORDER)

# Rust's `char::is_whitespace` (Unicode White_Space), for `str::trim`.
_RUST_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def reformat_layout(text: str, indent_width: int = 2) -> str:
    """The schema text re-rendered by Prisma's layout rules (no relation inference)."""
    renderer = Renderer(indent_width)
    _reformat_top(renderer, parse_tree(text))
    out = renderer.text()
    return out if out.endswith("\n") else out + "\n"


class _Pairs:
    """A peekable cursor over sibling pairs."""

    __slots__ = ("_i", "_items")

    def __init__(self, items: list[Pair]) -> None:
        self._items = items
        self._i = 0

    def peek_rule(self) -> str | None:
        return self._items[self._i].rule if self._i < len(self._items) else None

    def next(self) -> Pair | None:
        if self._i >= len(self._items):
            return None
        item = self._items[self._i]
        self._i += 1
        return item

    def eat_empty_lines(self) -> bool:
        if self.peek_rule() == "empty_lines":
            self._i += 1
            return True
        return False


def _reformat_top(target: Renderer, schema: Pair) -> None:
    pairs = _Pairs(schema.children)
    pairs.eat_empty_lines()
    while (current := pairs.next()) is not None:
        rule = current.rule
        if rule in ("model_declaration", "enum_declaration", "config_block"):
            _reformat_block(current, target)
        elif rule == "comment_block":
            table = Table()
            _reformat_comment_block(current, table)
            table.render(target)
        elif rule == "empty_lines":
            if pairs.peek_rule() is not None:  # the last empty lines are dropped
                target.end_line()
        else:  # CATCH_ALL, arbitrary_block, type_alias: kept verbatim
            target.write(current.text)


def _reformat_block(block: Pair, target: Renderer) -> None:
    children = block.children
    keyword = children[0].text
    for current in children[1:]:
        rule = current.rule
        if rule == "identifier":
            target.write(keyword)
            target.write(" ")
            target.write(current.text)
            target.write(" {")
            target.end_line()
            target.indent_up()
        elif rule in ("model_contents", "enum_contents", "config_contents"):
            _reformat_block_contents(_Pairs(current.children), target)


def _reformat_block_contents(pairs: _Pairs, target: Renderer) -> None:
    attributes: list[tuple[Pair | None, Pair]] = []  # (comment block above it, block attribute)
    table = Table()
    pending_comment: Pair | None = None

    pairs.eat_empty_lines()  # empty lines at the start of a block go away
    while True:
        ate_empty_lines = pairs.eat_empty_lines()
        if ate_empty_lines and pairs.peek_rule() not in (None, "block_attribute", "comment_block"):
            # An empty line resets the alignment; it is kept as one empty row.
            table.render(target)
            table.start_new_line()

        current = pairs.next()
        if current is None:
            table.render(target)
            if attributes:
                table.start_new_line()
            attributes.sort(key=lambda item: _sort_index(item[1]))
            for comment, attribute in attributes:
                if comment is not None:
                    _reformat_comment_block(comment, table)
                _reformat_block_attribute(attribute, table)
            table.render(target)
            target.indent_down()
            target.write("}")
            target.end_line()
            return

        rule = current.rule
        if rule == "comment_block":
            if pairs.peek_rule() == "block_attribute":
                pending_comment = current  # it moves with the attribute
            else:
                if ate_empty_lines:
                    table.render(target)
                    table.start_new_line()
                _reformat_comment_block(current, table)
        elif rule == "field_declaration":
            _reformat_field(current, table)
        elif rule == "key_value":
            _reformat_key_value(current, table)
        elif rule == "enum_value_declaration":
            _reformat_enum_value(current, table)
        elif rule == "block_attribute":
            attributes.append((pending_comment, current))
            pending_comment = None
        else:  # BLOCK_LEVEL_CATCH_ALL / CATCH_ALL
            table.interleave(current.text.rstrip("\n"))


def _sort_index(attribute: Pair) -> int:
    return _ATTRIBUTE_ORDER.get(attribute.children[0].text, _UNORDERED)


def _reformat_field(field: Pair, table: Table) -> None:
    attributes: list[Pair] = []
    for current in field.children:
        rule = current.rule
        if rule == "identifier":
            table.start_new_line()
            table.write_column(_FIELD_NAME_COLUMN, current.text)
        elif rule == "field_type":
            table.write_column(_FIELD_TYPE_COLUMN, _field_type(current))
        elif rule == "trailing_comment":
            table.append_suffix(current.text)
        elif rule == "field_attribute":
            attributes.append(current)
        # LEGACY_COLON (`name: Type`, Prisma 1) is dropped.
    attributes.sort(key=_sort_index)
    table.write_column(_FIELD_ATTRIBUTES_COLUMN, " ".join("@" + _function_call(a) for a in attributes))


def _field_type(field_type: Pair) -> str:
    inner = field_type.children[0]
    rule = inner.rule
    if rule == "base_type":
        return inner.text
    base = inner.children[0].text
    if rule == "optional_type":
        return base + "?"
    if rule in ("list_type", "legacy_list_type"):
        return base + "[]"
    if rule == "unsupported_optional_list_type":
        return base + "[]?"
    return base  # legacy_required_type: `Type!` is just `Type`


def _reformat_key_value(key_value: Pair, table: Table) -> None:
    table.start_new_line()
    for current in key_value.children:
        rule = current.rule
        if rule == "identifier":
            table.write_column(0, current.text)
        elif rule == "expression":
            table.write_column(1, "= " + _expression(current))
        elif rule == "trailing_comment":
            table.append_suffix(current.text)


def _reformat_enum_value(value: Pair, table: Table) -> None:
    for current in value.children:
        rule = current.rule
        if rule == "identifier":
            table.start_new_line()
            table.write_column(0, current.text)
        elif rule == "field_attribute":
            # Prisma writes every attribute of an enum value into one column, without separator.
            table.write_column(1, "@" + _function_call(current))
        elif rule == "trailing_comment":
            table.append_suffix(current.text)
        elif rule == "comment_block":
            _reformat_comment_block(current, table)


def _reformat_block_attribute(attribute: Pair, table: Table) -> None:
    table.start_new_line()
    for current in attribute.children:
        rule = current.rule
        if rule == "path":
            table.write_column(0, "@@" + current.text)
        elif rule == "arguments_list":
            table.write_column(0, _arguments_list(current))
        elif rule == "trailing_comment":
            table.append_suffix(current.text)


# --- expressions ----------------------------------------------------------------------------------


def _function_call(call: Pair) -> str:
    """``path(args)`` of a function call or a field attribute (without its ``@``)."""
    out: list[str] = []
    for current in call.children:
        if current.rule == "path":
            out.append(current.text)
        elif current.rule == "arguments_list":
            out.append(_arguments_list(current))
    return "".join(out)


def _arguments_list(arguments: Pair) -> str:
    parts: list[str] = []
    for current in arguments.children:
        rule = current.rule
        if rule in ("named_argument", "empty_argument"):
            parts.append(_named_argument(current))
        elif rule == "expression":
            parts.append(_expression(current))
        # trailing_comma is dropped
    return "(" + ", ".join(parts) + ")"


def _named_argument(argument: Pair) -> str:
    out: list[str] = []
    for current in argument.children:
        if current.rule == "identifier":
            out.append(current.text + ": ")
        elif current.rule == "expression":
            out.append(_expression(current))
    return "".join(out)


def _expression(expression: Pair) -> str:
    inner = expression.children[0]
    rule = inner.rule
    if rule == "function_call":
        return _function_call(inner)
    if rule == "array_expression":
        return "[" + ", ".join(_expression(e) for e in inner.children if e.rule == "expression") + "]"
    return inner.text  # numeric_literal, string_literal, path


# --- comments -------------------------------------------------------------------------------------


def _reformat_comment_block(block: Pair, table: Table) -> None:
    for current in block.children:
        rule = current.rule
        if rule in ("comment", "doc_comment"):
            table.start_new_line()
            table.append_suffix("///" if rule == "doc_comment" else "//")
            content = current.first("doc_content")
            if content is not None:
                table.append_suffix(content.text)
        elif rule == "multi_line_comment":
            _reformat_multi_line_comment(current, table)


def _reformat_multi_line_comment(comment: Pair, table: Table) -> None:
    """``/* ... */`` in the canonical shape: ``/**``, one `` * line`` per non-empty line, `` */``.

    As in Prisma, the delimiters are cut off by position: a comment that is not the first of its
    comment block starts with its indentation (the grammar's ``WHITESPACE* ~ "/*"``), so its ``/*``
    survives into the content.
    """
    text = comment.text
    inner = text[2:-2]
    table.start_new_line()
    table.append_suffix("/**")
    for raw in _rust_lines(inner):
        line = raw.strip(_RUST_WHITESPACE)
        if line.startswith("*"):
            line = line[1:].lstrip(_RUST_WHITESPACE)
        if line:
            table.start_new_line()
            table.append_suffix(" * ")
            table.append_suffix(line)
    table.start_new_line()
    table.append_suffix(" */")


def _rust_lines(text: str) -> list[str]:
    """Rust's ``str::lines``: split on ``\\n``, drop one ``\\r`` before it, no final empty line."""
    if not text:
        return []
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]
