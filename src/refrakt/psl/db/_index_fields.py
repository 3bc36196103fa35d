"""The field list of ``@@id``, ``@@unique``, ``@@index`` and ``@@fulltext``: names and per-field arguments.

Port of Prisma's ``types/index_fields.rs``. Each item of the list is a field name (a constant,
possibly a dotted path into composite types) or a call carrying the field's own arguments:
``name(sort: Desc, length: 10, ops: JsonbPathOps)``. Arguments other than these three are
ignored, as Prisma ignores them; bad values are reported and leave that argument unset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl import ast
from refrakt.psl.db import _coerce
from refrakt.psl.db._types import (
    CompositeTypeId,
    FieldId,
    FieldWithArgs,
    IndexFieldPath,
    ModelId,
    OperatorClassStore,
    SortOrder,
)

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase

OPERATOR_CLASS_NAMES: frozenset[str] = frozenset(
    [
        # gist
        "InetOps",
        # gin
        "JsonbOps",
        "JsonbPathOps",
        "ArrayOps",
        # sp-gist
        "TextOps",
        # brin
        "BitMinMaxOps",
        "VarBitMinMaxOps",
        "BpcharBloomOps",
        "BpcharMinMaxOps",
        "ByteaBloomOps",
        "ByteaMinMaxOps",
        "DateBloomOps",
        "DateMinMaxOps",
        "DateMinMaxMultiOps",
        "Float4BloomOps",
        "Float4MinMaxOps",
        "Float4MinMaxMultiOps",
        "Float8BloomOps",
        "Float8MinMaxOps",
        "Float8MinMaxMultiOps",
        "InetInclusionOps",
        "InetBloomOps",
        "InetMinMaxOps",
        "InetMinMaxMultiOps",
        "Int2BloomOps",
        "Int2MinMaxOps",
        "Int2MinMaxMultiOps",
        "Int4BloomOps",
        "Int4MinMaxOps",
        "Int4MinMaxMultiOps",
        "Int8BloomOps",
        "Int8MinMaxOps",
        "Int8MinMaxMultiOps",
        "NumericBloomOps",
        "NumericMinMaxOps",
        "NumericMinMaxMultiOps",
        "OidBloomOps",
        "OidMinMaxOps",
        "OidMinMaxMultiOps",
        "TextBloomOps",
        "TextMinMaxOps",
        "TimestampBloomOps",
        "TimestampMinMaxOps",
        "TimestampMinMaxMultiOps",
        "TimestampTzBloomOps",
        "TimestampTzMinMaxOps",
        "TimestampTzMinMaxMultiOps",
        "TimeBloomOps",
        "TimeMinMaxOps",
        "TimeMinMaxMultiOps",
        "TimeTzBloomOps",
        "TimeTzMinMaxOps",
        "TimeTzMinMaxMultiOps",
        "UuidBloomOps",
        "UuidMinMaxOps",
        "UuidMinMaxMultiOps",
    ]
)
"""Every operator class name ``ops:`` accepts without ``raw(...)`` (Prisma's ``OperatorClass``)."""


@dataclass(frozen=True, slots=True)
class IndexFieldAttributes:
    """One item of an index field list, before the name is resolved against the model."""

    field_name: str
    sort_order: SortOrder | None = None
    length: int | None = None
    operator_class: OperatorClassStore | None = None


def _parser_error(expected: str, span: Span, diagnostics: Diagnostics) -> None:
    diagnostics.error(f"Unexpected token. Expected one of: {expected}", span)


def _find(args: tuple[ast.Argument, ...], name: str) -> ast.Argument | None:
    return next((a for a in args if a.name is not None and a.name.name == name), None)


def _sort_order(args: tuple[ast.Argument, ...], diagnostics: Diagnostics) -> SortOrder | None:
    arg = _find(args, "sort")
    if arg is None:
        return None
    value = _coerce.constant(arg.value, diagnostics)
    if value is None:
        return None
    if value in ("Asc", "Desc"):
        return SortOrder(value)
    _parser_error("Asc, Desc", arg.span, diagnostics)
    return None


def _length(args: tuple[ast.Argument, ...], diagnostics: Diagnostics) -> int | None:
    arg = _find(args, "length")
    if arg is None:
        return None
    value = _coerce.integer(arg.value, diagnostics)
    return value if value is not None and value >= 0 else None


def _operator_class(args: tuple[ast.Argument, ...], diagnostics: Diagnostics) -> OperatorClassStore | None:
    arg = _find(args, "ops")
    if arg is None:
        return None
    value = arg.value
    if isinstance(value, ast.ConstantValue):
        if value.value in OPERATOR_CLASS_NAMES:
            return OperatorClassStore(value.value)
        _parser_error(f"Invalid operator class: {value.value}", value.span, diagnostics)
        return None
    if isinstance(value, ast.Function) and value.name == "raw":
        raw_args = value.arguments.arguments
        if len(raw_args) != 1:
            _parser_error(f"Wrong number of arguments. Expected: 1, got: {len(raw_args)}", value.span, diagnostics)
            return None
        inner = raw_args[0].value
        if isinstance(inner, ast.StringValue):
            return OperatorClassStore(inner.value, is_raw=True)
        _parser_error("Invalid parameter type: expected string", value.span, diagnostics)
        return None
    _parser_error("operator class", arg.span, diagnostics)
    return None


def _coerce_item(expr: ast.Expression, diagnostics: Diagnostics) -> IndexFieldAttributes | None:
    if isinstance(expr, ast.ConstantValue):
        return IndexFieldAttributes(expr.value)
    if isinstance(expr, ast.Function):
        args = expr.arguments.arguments
        return IndexFieldAttributes(
            expr.name,
            sort_order=_sort_order(args, diagnostics),
            length=_length(args, diagnostics),
            operator_class=_operator_class(args, diagnostics),
        )
    diagnostics.error(
        f"Expected a constant literal value, but received {ast.describe_expression(expr)} value "
        f"`{ast.expression_to_string(expr)}`.",
        expr.span,
    )
    return None


def coerce_field_array_with_args(expr: ast.Expression, diagnostics: Diagnostics) -> list[IndexFieldAttributes] | None:
    """The items of a field list (or of a single field); ``None`` if any item is not a field."""
    return _coerce.array(expr, _coerce_item, diagnostics)


# --- resolving field names against a model ---------------------------------------------------


@dataclass(slots=True)
class ProblematicFields:
    """Field names that do not resolve: unknown ones (with the composite type searched, if any)
    and relation fields (which cannot be indexed)."""

    unknown: list[tuple[CompositeTypeId | None, str]] = field(default_factory=list[tuple[CompositeTypeId | None, str]])
    relation: list[FieldId] = field(default_factory=list[FieldId])

    def unknown_names(self, db: ParserDatabase) -> list[str]:
        """``name`` or ``name in type T`` for each unknown field, as Prisma prints them."""
        return [
            name if ct is None else f"{name} in type {db.composite_type(ct).name.name}" for ct, name in self.unknown
        ]


def format_fields_with_leading_word(names: Sequence[str]) -> str:
    """``field `a``` or ``fields `a`, `b```: Prisma's ``format_fields_in_error_with_leading_word``."""
    word = "fields" if len(names) > 1 else "field"
    return f"{word} {', '.join(f'`{n}`' for n in names)}"


def _duplicate_field(db: ParserDatabase, model_id: ModelId, path_str: str, span: Span) -> None:
    model = db.model(model_id)
    db.diagnostics.error(
        f'Error validating model "{model.name.name}": The unique index definition refers to the field '
        f"{path_str} multiple times.",
        span,
    )


def resolve_field_array_without_args(
    db: ParserDatabase, values: ast.Expression, attribute_span: Span, model_id: ModelId
) -> list[int] | ProblematicFields | None:
    """Scalar field ids for a list of plain field names (``@relation(fields: [...])``, ``@@shardKey``).

    ``None`` when the problem was already reported (not constants, a field listed twice);
    :class:`ProblematicFields` for the caller to report.
    """
    names = _coerce.array(values, _coerce.constant, db.diagnostics)
    if names is None:
        return None
    out: list[int] = []
    problems = ProblematicFields()
    for name in names:
        field_id = None if "." in name else db.find_model_field(model_id, name)
        if field_id is None:
            problems.unknown.append((None, name))
            continue
        sfid = db.scalar_field_id(model_id, field_id)
        if sfid is None:
            problems.relation.append(field_id)
            continue
        if sfid in out:
            _duplicate_field(db, model_id, db.ast_field(model_id, field_id).name.name, attribute_span)
            return None
        out.append(sfid)
    if problems.unknown or problems.relation:
        return problems
    return out


def _resolve_path(
    db: ParserDatabase, model_id: ModelId, field_name: str, problems: ProblematicFields
) -> IndexFieldPath | None:
    """A dotted path through composite types (``a.b.c``), or None after recording the problem."""
    segments = field_name.split(".")
    first = db.find_model_field(model_id, segments[0])
    if first is None:
        problems.unknown.append((None, segments[0]))
        return None
    sfid = db.scalar_field_id(model_id, first)
    if sfid is None:
        problems.relation.append(first)
        return None
    sf_type = db.scalar_fields[sfid].type
    if not sf_type.is_composite or sf_type.ref is None:
        problems.unknown.append((None, field_name))
        return None
    path = IndexFieldPath(sfid)
    next_type: CompositeTypeId = sf_type.ref
    for i, segment in enumerate(segments[1:], start=1):
        ct_field = db.names.composite_type_fields.get(next_type, {}).get(segment)
        if ct_field is None:
            problems.unknown.append((next_type, segment))
            return None
        path.path.append((next_type, ct_field))
        ctf = db.composite_type_fields.get((next_type, ct_field))
        if ctf is not None and ctf.type.is_composite and ctf.type.ref is not None:
            next_type = ctf.type.ref
        elif i < len(segments) - 1:
            problems.unknown.append((None, field_name))
            return None
    return path


def resolve_field_array_with_args(
    db: ParserDatabase,
    values: ast.Expression,
    attribute_span: Span,
    model_id: ModelId,
    *,
    follow_composites: bool,
) -> list[FieldWithArgs] | ProblematicFields | None:
    """The fields of an id or index with their arguments; ``None`` / problems as above."""
    items = coerce_field_array_with_args(values, db.diagnostics)
    if items is None:
        return None
    paths: list[IndexFieldPath] = []
    problems = ProblematicFields()
    for item in items:
        if "." in item.field_name:
            if not follow_composites:
                problems.unknown.append((None, item.field_name))
                continue
            path = _resolve_path(db, model_id, item.field_name, problems)
            if path is None:
                continue
        else:
            field_id = db.find_model_field(model_id, item.field_name)
            if field_id is None:
                problems.unknown.append((None, item.field_name))
                continue
            sfid = db.scalar_field_id(model_id, field_id)
            if sfid is None:
                problems.relation.append(field_id)
                continue
            path = IndexFieldPath(sfid)
        if path in paths:
            if path.path:
                ct_id, ct_field = path.path[-1]
                ct = db.composite_type(ct_id)
                path_str = f"{ct.fields[ct_field].name.name} in type {ct.name.name}"
            else:
                path_str = item.field_name
            _duplicate_field(db, model_id, path_str, attribute_span)
            return None
        paths.append(path)
    if problems.unknown or problems.relation:
        return problems
    return [
        FieldWithArgs(path, sort_order=item.sort_order, length=item.length, operator_class=item.operator_class)
        for item, path in zip(items, paths, strict=True)
    ]
