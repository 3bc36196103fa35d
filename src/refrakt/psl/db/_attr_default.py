"""``@default(...)`` on model fields and composite type fields (Prisma's ``attributes/default.rs``).

The database layer checks that the value *fits the field's type*: literals of the right kind,
enum values that exist, list defaults only on lists, the built-in functions (``autoincrement()``,
``now()``, ``uuid(4|7)``, ``cuid(1|2)``, ``ulid()``, ``nanoid(n)``, ``auto()``, ``dbgenerated("…")``)
on the types they produce, and ``map:``. Functions it does not know (``sequence(...)``...) are
accepted and recorded in ``db.unknown_function_defaults`` for the connector to judge later.
Whether a literal *parses* (valid JSON, base64, RFC 3339...) is a later validation
(:mod:`refrakt.psl.validate._default_value`).

Each validator returns True when the value is acceptable; only then is the default recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from refrakt.psl import ast
from refrakt.psl.db import _coerce
from refrakt.psl.db._context import ArgumentError, AttributeVisitor
from refrakt.psl.db._types import DefaultAttribute, FieldId, ScalarFieldType, ScalarType, TopId

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase

FN_AUTOINCREMENT = "autoincrement"
FN_CUID = "cuid"
FN_ULID = "ulid"
FN_DBGENERATED = "dbgenerated"
FN_NANOID = "nanoid"
FN_NOW = "now"
FN_UUID = "uuid"
FN_AUTO = "auto"

KNOWN_FUNCTIONS = frozenset({FN_AUTOINCREMENT, FN_ULID, FN_CUID, FN_DBGENERATED, FN_NANOID, FN_NOW, FN_UUID, FN_AUTO})
"""The default functions the database layer understands; any other is left to the connector."""

CUID_SUPPORTED_VERSIONS = (1, 2)
UUID_SUPPORTED_VERSIONS = (4, 7)


def unknown_function_message(name: str) -> str:
    """Prisma's ``new_default_unknown_function`` text."""
    return (
        f"Unknown function in @default(): `{name}` is not known. You can read about the available functions "
        "here: https://pris.ly/d/attribute-functions"
    )


# --- entry points ---------------------------------------------------------------------------------


def visit_model_field_default(db: ParserDatabase, v: AttributeVisitor, sfid: int) -> None:
    """``@default`` on a model's scalar field."""
    try:
        idx, value = v.visit_default_arg_with_idx("value")
    except ArgumentError as err:
        v.push_argument_error(err)
        return

    sf = db.scalar_fields[sfid]
    field = db.scalar_field_ast(sfid)
    mapped_name = _mapped_name(db, v)
    default = DefaultAttribute(v.current_attribute_id, idx, mapped_name)

    # @default(dbgenerated(...)) is always valid on model fields.
    if isinstance(value, ast.Function) and value.name == FN_DBGENERATED:
        if _dbgenerated_args(value.arguments.arguments, v):
            sf.default = default
        return

    ok = False
    match sf.type.kind:
        case "composite":
            _default_on_composite_type(db, v, sf.type, field)
        case "enum":
            ok = _enum_default(db, v, sf.type, value, is_list=field.arity.is_list)
        case "builtin":
            assert sf.type.scalar is not None
            ok = _model_builtin_default(db, v, sfid, sf.type.scalar, value, mapped_name, field.arity)
        case _:
            v.push_attribute_validation_error('Only @default(dbgenerated("...")) can be used for Unsupported types.')
    if ok:
        sf.default = default


def visit_composite_field_default(db: ParserDatabase, v: AttributeVisitor, ct_id: TopId, field_id: FieldId) -> None:
    """``@default`` on a composite type's field."""
    try:
        idx, value = v.visit_default_arg_with_idx("value")
    except ArgumentError as err:
        v.push_argument_error(err)
        return

    field = db.composite_type(ct_id).fields[field_id]
    ctf = db.composite_type_fields[(ct_id, field_id)]

    if v.visit_optional_arg("map") is not None:
        v.push_attribute_validation_error("The `map` argument is not allowed on a composite type field.")

    default = DefaultAttribute(v.current_attribute_id, idx)

    # @default(dbgenerated(...)) is never valid on a composite type's fields.
    if isinstance(value, ast.Function) and value.name == FN_DBGENERATED:
        v.push_attribute_validation_error("Fields of composite types cannot have `dbgenerated()` as default.")
        return

    ok = False
    match ctf.type.kind:
        case "composite":
            _default_on_composite_type(db, v, ctf.type, field)
        case "enum":
            ok = _enum_default(db, v, ctf.type, value, is_list=field.arity.is_list)
        case "builtin":
            assert ctf.type.scalar is not None
            ok = _composite_builtin_default(db, v, ctf.type.scalar, value, field.arity)
        case _:
            v.push_attribute_validation_error("Composite field of type `Unsupported` cannot have default values.")
    if ok:
        ctf.default = default


# --- type dispatch --------------------------------------------------------------------------------


def _model_builtin_default(
    db: ParserDatabase,
    v: AttributeVisitor,
    sfid: int,
    scalar: ScalarType,
    value: ast.Expression,
    mapped_name: str | None,
    arity: ast.FieldArity,
) -> bool:
    if isinstance(value, ast.Function):
        name, args = value.name, value.arguments.arguments
        if name == FN_AUTOINCREMENT and mapped_name is not None:
            v.push_attribute_validation_error("Naming an autoincrement default value is not allowed.")
            return False
        if name == FN_AUTOINCREMENT and scalar in (ScalarType.Int, ScalarType.BigInt):
            return _empty_function_args(name, args, v)
        if scalar is ScalarType.String and name == FN_ULID:
            return _empty_function_args(name, args, v)
        if scalar is ScalarType.String and name == FN_CUID:
            return _uid_int_args(name, args, CUID_SUPPORTED_VERSIONS, v)
        if scalar is ScalarType.String and name == FN_UUID:
            return _uid_int_args(name, args, UUID_SUPPORTED_VERSIONS, v)
        if scalar is ScalarType.String and name == FN_NANOID:
            return _nanoid_args(args, v)
        if scalar is ScalarType.DateTime and name == FN_NOW:
            return _empty_function_args(FN_NOW, args, v)
        if name == FN_AUTO:
            return _auto_args(args, v)
        if name not in KNOWN_FUNCTIONS:
            db.unknown_function_defaults.append(sfid)
            return True
        _invalid_function_default(name, scalar, v)
        return False
    if arity.is_list:
        return _builtin_scalar_list_default(v, scalar, value)
    return _singular_scalar_default_literal(v, scalar, value)


def _composite_builtin_default(
    db: ParserDatabase, v: AttributeVisitor, scalar: ScalarType, value: ast.Expression, arity: ast.FieldArity
) -> bool:
    if isinstance(value, ast.Function):
        name, args = value.name, value.arguments.arguments
        if scalar is ScalarType.String and name == FN_ULID:
            return _empty_function_args(name, args, v)
        if scalar is ScalarType.String and name == FN_CUID:
            return _uid_int_args(name, args, CUID_SUPPORTED_VERSIONS, v)
        if scalar is ScalarType.String and name == FN_UUID:
            return _uid_int_args(name, args, UUID_SUPPORTED_VERSIONS, v)
        if scalar is ScalarType.DateTime and name == FN_NOW:
            return _empty_function_args(FN_NOW, args, v)
        if name in (FN_AUTOINCREMENT, FN_AUTO):
            v.push_attribute_validation_error(f"The function `{name}()` is not supported on composite fields.")
            return False
        if name not in KNOWN_FUNCTIONS:
            db.diagnostics.error(unknown_function_message(name), value.span)
            return False
        _invalid_function_default(name, scalar, v)
        return False
    if arity.is_list:
        return _builtin_scalar_list_default(v, scalar, value)
    return _singular_scalar_default_literal(v, scalar, value)


def _default_on_composite_type(
    db: ParserDatabase, v: AttributeVisitor, field_type: ScalarFieldType, field: ast.Field
) -> None:
    assert field_type.ref is not None
    ct_name = db.composite_type(field_type.ref).name.name
    db.diagnostics.error(
        f"Error validating field `{field.name.name}` in composite type `{ct_name}`: Defaults on fields of type "
        "composite are not supported. Please remove the `@default` attribute.",
        v.current_attribute.span,
    )


def _mapped_name(db: ParserDatabase, v: AttributeVisitor) -> str | None:
    expr = v.visit_optional_arg("map")
    if expr is None:
        return None
    name = _coerce.string(expr, db.diagnostics)
    if name == "":
        v.push_attribute_validation_error("The `map` argument cannot be an empty string.")
        return None
    return name


# --- literals -------------------------------------------------------------------------------------

_LITERAL_KINDS: dict[ScalarType, tuple[type, ...]] = {
    ScalarType.String: (ast.StringValue,),
    ScalarType.Json: (ast.StringValue,),
    ScalarType.Bytes: (ast.StringValue,),
    ScalarType.DateTime: (ast.StringValue,),
    ScalarType.Int: (ast.NumericValue,),
    ScalarType.BigInt: (ast.NumericValue,),
    ScalarType.Float: (ast.NumericValue,),
    ScalarType.Decimal: (ast.NumericValue, ast.StringValue),
}


def _singular_scalar_default_literal(v: AttributeVisitor, scalar: ScalarType, value: ast.Expression) -> bool:
    if isinstance(value, ast.Array):
        v.push_attribute_validation_error("The default value of a non-list field cannot be a list.")
        return False
    return _scalar_default_literal(v, scalar, value)


def _scalar_default_literal(v: AttributeVisitor, scalar: ScalarType, value: ast.Expression) -> bool:
    if isinstance(value, _LITERAL_KINDS.get(scalar, ())):
        return True
    if scalar is ScalarType.Boolean and isinstance(value, ast.ConstantValue):
        if value.value in ("true", "false"):
            return True
        v.diagnostics.error(
            'Error parsing attribute "@default": A boolean literal must be `true` or `false`.', value.span
        )
        return False
    v.push_attribute_validation_error(
        f"Expected a {scalar.value} value, but found `{ast.expression_to_string(value)}`."
    )
    return False


def _builtin_scalar_list_default(v: AttributeVisitor, scalar: ScalarType, value: ast.Expression) -> bool:
    if not isinstance(value, ast.Array):
        v.push_attribute_validation_error("The default value of a list field must be a list.")
        return False
    # Stop at the first invalid item, as Prisma does.
    return all(_scalar_default_literal(v, scalar, item) for item in value.items)


def _invalid_function_default(name: str, scalar: ScalarType, v: AttributeVisitor) -> None:
    v.push_attribute_validation_error(f"The function `{name}()` cannot be used on fields of type `{scalar.value}`.")


# --- enums ----------------------------------------------------------------------------------------


def _enum_default(
    db: ParserDatabase, v: AttributeVisitor, field_type: ScalarFieldType, value: ast.Expression, *, is_list: bool
) -> bool:
    assert field_type.ref is not None
    values = {ev.name.name for ev in db.enum(field_type.ref).values}
    if not is_list:
        return _enum_value(v, values, value)
    if not isinstance(value, ast.Array):
        v.push_attribute_validation_error(f"Expected an enum value, but found `{ast.expression_to_string(value)}`.")
        return False
    return all(_enum_value(v, values, item) for item in value.items)


def _enum_value(v: AttributeVisitor, values: set[str], value: ast.Expression) -> bool:
    if not isinstance(value, ast.ConstantValue):
        v.push_attribute_validation_error(f"Expected an enum value, but found `{ast.expression_to_string(value)}`.")
        return False
    if value.value in values:
        return True
    v.push_attribute_validation_error(
        f"The defined default value `{value.value}` is not a valid value of the enum specified for the field."
    )
    return False


# --- function arguments ---------------------------------------------------------------------------


def _empty_function_args(name: str, args: Sequence[ast.Argument], v: AttributeVisitor) -> bool:
    if not args:
        return True
    v.push_attribute_validation_error(
        f"The `{name}` function does not take any argument. Consider changing this default to `{name}()`."
    )
    return False


def _auto_args(args: Sequence[ast.Argument], v: AttributeVisitor) -> bool:
    if args:
        v.push_attribute_validation_error("`auto()` takes no arguments")
        return False
    return True


def _dbgenerated_args(args: Sequence[ast.Argument], v: AttributeVisitor) -> bool:
    bail = "`dbgenerated()` takes a single String argument"
    if len(args) > 1:
        v.push_attribute_validation_error(bail)
    first = args[0].value if args else None
    if isinstance(first, ast.StringValue) and first.value == "":
        v.push_attribute_validation_error(
            "dbgenerated() takes either no argument, or a single nonempty string argument."
        )
        return False
    if first is None or isinstance(first, ast.StringValue):
        return True
    v.push_attribute_validation_error(bail)
    return False


def _parse_u8(text: str) -> int | None:
    """Rust's ``str::parse::<u8>()``: an optional ``+`` then ASCII digits, 0..=255."""
    body = text[1:] if text.startswith("+") else text
    if not body or not all("0" <= c <= "9" for c in body):
        return None
    value = int(body)
    return value if value <= 255 else None


def _format_valid_values(values: Sequence[int]) -> str:
    if len(values) <= 2:
        return " or ".join(str(x) for x in values)
    return f"{', '.join(str(x) for x in values[:-1])}, or {values[-1]}"


def _uid_int_args(name: str, args: Sequence[ast.Argument], valid: Sequence[int], v: AttributeVisitor) -> bool:
    bail = f"`{name}()` takes a single Int argument."
    if len(args) > 1:
        v.push_attribute_validation_error(bail)
    if not args:
        return True
    first = args[0].value
    if not isinstance(first, ast.NumericValue):
        v.push_attribute_validation_error(bail)
        return False
    version = _parse_u8(first.value)
    if version is not None and version in valid:
        return True
    v.push_attribute_validation_error(
        f"`{name}()` takes either no argument, or a single integer argument which is either "
        f"{_format_valid_values(valid)}."
    )
    return False


def _nanoid_args(args: Sequence[ast.Argument], v: AttributeVisitor) -> bool:
    bail = "`nanoid()` takes a single Int argument."
    if len(args) > 1:
        v.push_attribute_validation_error(bail)
    if not args:
        return True
    first = args[0].value
    if not isinstance(first, ast.NumericValue):
        v.push_attribute_validation_error(bail)
        return False
    length = _parse_u8(first.value)
    if length is not None and length >= 2:
        return True
    v.push_attribute_validation_error(
        "`nanoid()` takes either no argument, or a single integer argument between 2 and 255."
    )
    return False
