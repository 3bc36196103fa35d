"""The schema AST: what the parser reads out of a ``.prisma`` file.

It mirrors the structure of Prisma's ``schema-ast`` crate: a :class:`SchemaAst` holds top-level
blocks (:class:`Model` — also used for views —, :class:`CompositeType`, :class:`Enum`,
:class:`SourceConfig`, :class:`GeneratorConfig`). Every node carries the :class:`Span` it was
read from. Nodes are frozen; the AST is produced once per file and only read afterwards.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TypeAlias

from refrakt.diagnostics import Span
from refrakt.psl._fast_init import speed_up_init


@dataclass(frozen=True, slots=True)
class Identifier:
    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Comment:
    """Documentation (``///`` lines and ``/** */`` blocks), joined with newlines."""

    text: str


# --- expressions ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StringValue:
    """A string literal, already unescaped."""

    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class NumericValue:
    """A numeric literal, kept as written (``-1``, ``3.14``)."""

    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class ConstantValue:
    """A bare identifier or dotted path used as a value (``Cascade``, ``true``, ``db.VarChar``)."""

    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class Function:
    """A call such as ``autoincrement()`` or ``env("URL")``."""

    name: str
    arguments: ArgumentsList
    span: Span


@dataclass(frozen=True, slots=True)
class Array:
    items: tuple[Expression, ...]
    span: Span


Expression: TypeAlias = StringValue | NumericValue | ConstantValue | Function | Array


_ESCAPES = {"\t": "\\t", "\n": "\\n", '"': '\\"', "\r": "\\r", "\\": "\\\\"}


def string_literal(value: str) -> str:
    """A string rendered back as a schema (= JSON) literal, quoted and escaped."""
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


def expression_to_string(expr: Expression) -> str:
    """Prisma's textual rendering of an expression (used inside error messages)."""
    match expr:
        case NumericValue(value=v) | ConstantValue(value=v):
            return v
        case StringValue(value=v):
            return string_literal(v)
        case Function(name=name, arguments=args):
            return f"{name}({','.join(argument_to_string(a) for a in args.arguments)})"
        case Array(items=items):
            return f"[{','.join(expression_to_string(i) for i in items)}]"


def argument_to_string(arg: Argument) -> str:
    if arg.name is None:
        return expression_to_string(arg.value)
    return f"{arg.name.name}: {expression_to_string(arg.value)}"


def describe_expression(expr: Expression) -> str:
    """The name Prisma uses for an expression's kind in error messages."""
    match expr:
        case NumericValue():
            return "numeric"
        case StringValue():
            return "string"
        case ConstantValue():
            return "literal"
        case Function():
            return "functional"
        case Array():
            return "array"


# --- attributes and arguments ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Argument:
    """A positional (``name is None``) or named argument."""

    name: Identifier | None
    value: Expression
    span: Span


@dataclass(frozen=True, slots=True)
class EmptyArgument:
    """``name:`` with no value: invalid, kept for error messages and completion."""

    name: Identifier


@dataclass(frozen=True, slots=True)
class ArgumentsList:
    arguments: tuple[Argument, ...] = ()
    empty_arguments: tuple[EmptyArgument, ...] = ()
    trailing_comma: Span | None = None


@dataclass(frozen=True, slots=True)
class Attribute:
    """``@name(args)`` or ``@@name(args)``; ``name`` has no ``@`` (``"db.VarChar"``, ``"id"``)."""

    name: Identifier
    arguments: ArgumentsList
    span: Span


# --- fields and blocks -------------------------------------------------------------------------


class FieldArity(enum.Enum):
    REQUIRED = "required"
    OPTIONAL = "optional"
    LIST = "list"

    @property
    def is_list(self) -> bool:
        return self is FieldArity.LIST

    @property
    def is_optional(self) -> bool:
        return self is FieldArity.OPTIONAL

    @property
    def is_required(self) -> bool:
        return self is FieldArity.REQUIRED


@dataclass(frozen=True, slots=True)
class SupportedType:
    """A named type: a scalar (``String``), a model, an enum or a composite type."""

    name: Identifier

    @property
    def span(self) -> Span:
        return self.name.span


@dataclass(frozen=True, slots=True)
class UnsupportedType:
    """``Unsupported("circle")``: a database type Prisma has no scalar for."""

    type_name: str
    span: Span


FieldType: TypeAlias = SupportedType | UnsupportedType


@dataclass(frozen=True, slots=True)
class Field:
    field_type: FieldType
    name: Identifier
    arity: FieldArity
    attributes: tuple[Attribute, ...]
    documentation: Comment | None
    span: Span

    @property
    def type_name(self) -> str:
        ft = self.field_type
        return ft.name.name if isinstance(ft, SupportedType) else ft.type_name


@dataclass(frozen=True, slots=True)
class Model:
    """A ``model`` block, or a ``view`` block when ``is_view`` is true."""

    name: Identifier
    fields: tuple[Field, ...]
    attributes: tuple[Attribute, ...]
    documentation: Comment | None
    is_view: bool
    span: Span


@dataclass(frozen=True, slots=True)
class CompositeType:
    """A ``type`` block (composite type, MongoDB)."""

    name: Identifier
    fields: tuple[Field, ...]
    attributes: tuple[Attribute, ...]
    documentation: Comment | None
    span: Span
    inner_span: Span


@dataclass(frozen=True, slots=True)
class EnumValue:
    name: Identifier
    attributes: tuple[Attribute, ...]
    documentation: Comment | None
    span: Span


@dataclass(frozen=True, slots=True)
class Enum:
    name: Identifier
    values: tuple[EnumValue, ...]
    attributes: tuple[Attribute, ...]
    documentation: Comment | None
    span: Span
    inner_span: Span


@dataclass(frozen=True, slots=True)
class ConfigBlockProperty:
    """``key = value`` inside a datasource or generator; ``value`` is None when missing."""

    name: Identifier
    value: Expression | None
    span: Span


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """A ``datasource`` block."""

    name: Identifier
    properties: tuple[ConfigBlockProperty, ...]
    documentation: Comment | None
    span: Span
    inner_span: Span


@dataclass(frozen=True, slots=True)
class GeneratorConfig:
    """A ``generator`` block."""

    name: Identifier
    properties: tuple[ConfigBlockProperty, ...]
    documentation: Comment | None
    span: Span


Top: TypeAlias = Model | CompositeType | Enum | SourceConfig | GeneratorConfig


def top_kind(top: Top) -> str:
    """The name Prisma uses for a top in messages (``Top::get_type``: ``model``, ``view``, ``enum``...).

    A datasource is a ``source`` there (``Key "url" is already defined in source "db".``).
    """
    match top:
        case Model(is_view=True):
            return "view"
        case Model():
            return "model"
        case CompositeType():
            return "composite type"
        case Enum():
            return "enum"
        case SourceConfig():
            return "source"
        case GeneratorConfig():
            return "generator"


@dataclass(frozen=True, slots=True)
class SchemaAst:
    """One parsed file."""

    tops: tuple[Top, ...]

    @property
    def models(self) -> tuple[Model, ...]:
        return tuple(t for t in self.tops if isinstance(t, Model))

    @property
    def enums(self) -> tuple[Enum, ...]:
        return tuple(t for t in self.tops if isinstance(t, Enum))

    @property
    def composite_types(self) -> tuple[CompositeType, ...]:
        return tuple(t for t in self.tops if isinstance(t, CompositeType))

    @property
    def sources(self) -> tuple[SourceConfig, ...]:
        return tuple(t for t in self.tops if isinstance(t, SourceConfig))

    @property
    def generators(self) -> tuple[GeneratorConfig, ...]:
        return tuple(t for t in self.tops if isinstance(t, GeneratorConfig))


# built by the thousand per schema: see refrakt.psl._fast_init
speed_up_init(
    Identifier,
    Comment,
    StringValue,
    NumericValue,
    ConstantValue,
    Function,
    Array,
    Argument,
    EmptyArgument,
    ArgumentsList,
    Attribute,
    SupportedType,
    UnsupportedType,
    Field,
    Model,
    CompositeType,
    EnumValue,
    Enum,
    ConfigBlockProperty,
    SourceConfig,
    GeneratorConfig,
    SchemaAst,
)
