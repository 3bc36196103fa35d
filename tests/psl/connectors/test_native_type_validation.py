"""``validate_native_type_attribute`` and friends: Prisma's exact messages for ``@db.X(args)``."""

from __future__ import annotations

import pytest
from connectors_testlib import native_type_messages, parse

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl import ast
from refrakt.psl.connectors import (
    EMPTY_CONNECTOR,
    MONGODB,
    MSSQL,
    MYSQL,
    POSTGRES,
    SQLITE,
    Connector,
    NativeTypeArgs,
    NativeTypeInstance,
    get_connector,
    native_type_argument_error,
    parse_native_type,
    split_native_type_attribute,
    unsupported_type_suggestion,
    validate_native_type,
    validate_native_type_attribute,
)


def schema(provider: str, body: str, *, ds: str = "db") -> str:
    header = f'datasource {ds} {{\n  provider = "{provider}"\n  url = env("URL")\n}}\n\n'
    return f"{header}model A {{\n  id Int @id\n{body}\n}}\n"


def messages(provider: str, body: str, *, ds: str = "db") -> list[str]:
    return [m for m, _ in native_type_messages(schema(provider, body, ds=ds))]


def one_attribute(text: str) -> tuple[ast.Field, ast.Attribute]:
    model = parse(text).models[0]
    f = model.fields[-1]
    attribute = next(a for a in f.attributes if "." in a.name.name)
    return f, attribute


# --- the happy path ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "field", "expected"),
    [
        ("postgresql", "a String @db.VarChar(255)", NativeTypeInstance("VarChar", (255,))),
        ("postgres", "a String @db.VarChar", NativeTypeInstance("VarChar")),
        ("postgresql", "a Decimal @db.Decimal(10, 2)", NativeTypeInstance("Decimal", (10, 2))),
        ("postgresql", "a DateTime @db.Timestamptz(6)", NativeTypeInstance("Timestamptz", (6,))),
        ("mysql", "a Boolean @db.TinyInt", NativeTypeInstance("TinyInt")),
        ("mysql", "a Boolean @db.Bit(1)", NativeTypeInstance("Bit", (1,))),
        ("sqlserver", "a String @db.NVarChar(Max)", NativeTypeInstance("NVarChar", ("Max",))),
        ("sqlserver", "a String @db.NVarChar(max)", NativeTypeInstance("NVarChar", ("Max",))),
        ("sqlserver", "a Bytes @db.VarBinary(MAX)", NativeTypeInstance("VarBinary", ("Max",))),
        ("cockroachdb", "a String @db.String(40)", NativeTypeInstance("String", (40,))),
        ("mongodb", "a String @db.ObjectId", NativeTypeInstance("ObjectId")),
        ("mongodb", "a BigInt @db.Long", NativeTypeInstance("Long")),
    ],
)
def test_valid_attributes_give_their_instance(provider: str, field: str, expected: NativeTypeInstance) -> None:
    f, attribute = one_attribute(schema(provider, f"  {field}"))
    connector = get_connector(provider)
    assert connector is not None
    diagnostics = Diagnostics()
    got = validate_native_type_attribute(connector, attribute, f.type_name, diagnostics, datasource_name="db")
    assert diagnostics.errors == []
    assert got == expected


def test_the_error_points_at_the_whole_attribute() -> None:
    text = schema("postgresql", "  a String @db.VarChar(1, 2)")
    f, attribute = one_attribute(text)
    diagnostics = Diagnostics()
    assert validate_native_type_attribute(POSTGRES, attribute, "String", diagnostics, datasource_name="db") is None
    [error] = diagnostics.errors
    assert error.span == attribute.span
    assert text[error.span.start : error.span.end] == "@db.VarChar(1, 2)"
    assert f.name.name == "a"


def test_unscoped_attribute_is_not_a_native_type() -> None:
    _, attribute = one_attribute(schema("postgresql", "  a String @db.Text @unique"))
    unique = ast.Attribute(ast.Identifier("unique", attribute.span), ast.ArgumentsList(), attribute.span)
    diagnostics = Diagnostics()
    assert validate_native_type_attribute(POSTGRES, unique, "String", diagnostics, datasource_name="db") is None
    assert split_native_type_attribute(unique) is None
    assert diagnostics.errors == []


# --- name, prefix and arity -------------------------------------------------------------------------


def test_unknown_type_names_the_canonical_provider() -> None:
    assert messages("postgres", "  a Int @db.Numerical(3, 4)") == [
        "Native type Numerical is not supported for postgresql connector."
    ]
    assert messages("mysql", "  a String @db.Citext") == ["Native type Citext is not supported for mysql connector."]


def test_sqlite_accepts_no_native_type() -> None:
    assert messages("sqlite", "  a String @db.Text") == ["Native type Text is not supported for sqlite connector."]


def test_without_a_datasource_the_connector_is_default() -> None:
    text = "model A {\n  id Int @id\n  a String @db.Text\n}\n"
    assert native_type_messages(text) == [("Native type Text is not supported for Default connector.", 3)]


def test_wrong_prefix_suggests_the_datasource_and_still_checks_the_type() -> None:
    assert messages("postgresql", "  a Int @pg.Integer\n  b Int @pg.BigInt") == [
        "The prefix pg is invalid. It must be equal to the name of an existing datasource e.g. db. "
        "Did you mean to use db.Integer?",
        "The prefix pg is invalid. It must be equal to the name of an existing datasource e.g. db. "
        "Did you mean to use db.BigInt?",
        "Native type BigInt is not compatible with declared field type Int, expected field type BigInt.",
    ]


def test_missing_required_argument_uses_prisma_function_wording() -> None:
    assert messages("mysql", "  a String @db.VarChar") == ['Function "VarChar" takes 1 arguments, but received 0.']
    assert messages("mysql", "  a String @db.VarChar(1, 2)") == [
        'Function "VarChar" takes 1 arguments, but received 2.'
    ]
    assert messages("postgresql", "  a String @db.Text(10)") == ['Function "Text" takes 0 arguments, but received 1.']


def test_too_many_optional_arguments() -> None:
    assert messages("postgresql", "  a String @db.VarChar(2, 3, 4)") == [
        "Native type VarChar takes 1 optional arguments, but received 3."
    ]
    assert messages("postgresql", "  a Decimal @db.Decimal(1, 2, 3)") == [
        "Native type Decimal takes 2 optional arguments, but received 3."
    ]


def test_incompatible_scalar_type_lists_every_allowed_type() -> None:
    assert messages("mysql", "  a DateTime @db.TinyInt") == [
        "Native type TinyInt is not compatible with declared field type DateTime, expected field type Boolean or Int."
    ]
    assert messages("mongodb", "  a Float @db.ObjectId", ds="db") == [
        "Native type ObjectId is not compatible with declared field type Float, expected field type String or Bytes."
    ]


# --- argument values --------------------------------------------------------------------------------


def test_argument_values_must_parse() -> None:
    assert messages("postgresql", "  a String @db.VarChar(a)") == ["Expected a nonnegative integer, but found (a)."]
    assert messages("postgresql", "  a DateTime @db.Timestamp(-1)") == [
        "Expected a nonnegative integer, but found (-1)."
    ]
    assert messages("postgresql", '  a String @db.VarChar("x")') == ['Expected a nonnegative integer, but found ("x").']
    assert messages("postgresql", "  a Decimal @db.Decimal(a, 2)") == [
        "Expected two nonnegative integers, but found (a, 2)."
    ]
    assert messages("postgresql", "  a Decimal @db.Decimal(3)") == ["Expected two nonnegative integers, but found (3)."]
    assert messages("sqlserver", "  a String @db.NVarChar(Ma)") == ["Expected an integer or `Max`, but found (Ma)."]
    assert messages("sqlserver", "  a String @db.NVarChar(70000)") == [
        "Expected an integer or `Max`, but found (70000)."
    ]


@pytest.mark.parametrize(
    ("args", "parts", "expected"),
    [
        (NativeTypeArgs.LENGTH, ["+5"], (5,)),
        (NativeTypeArgs.LENGTH, ["4294967295"], (4294967295,)),
        (NativeTypeArgs.LENGTH, ["4294967296"], None),
        (NativeTypeArgs.LENGTH, [], None),
        (NativeTypeArgs.LENGTH, ["1.5"], None),
        (NativeTypeArgs.OPTIONAL_LENGTH, [], ()),
        (NativeTypeArgs.OPTIONAL_LENGTH, [" 3"], None),
        (NativeTypeArgs.OPTIONAL_PRECISION_SCALE, ["10", "2"], (10, 2)),
        (NativeTypeArgs.OPTIONAL_PRECISION_SCALE, ["10"], None),
        (NativeTypeArgs.OPTIONAL_LENGTH_OR_MAX, ["65535"], (65535,)),
        (NativeTypeArgs.OPTIONAL_LENGTH_OR_MAX, ["65536"], None),
        (NativeTypeArgs.OPTIONAL_LENGTH_OR_MAX, ["mAx"], ("Max",)),
        (NativeTypeArgs.NONE, ["anything"], ()),
    ],
)
def test_argument_shapes_parse_like_rust(
    args: NativeTypeArgs, parts: list[str], expected: tuple[int | str, ...] | None
) -> None:
    assert args.parse(parts) == expected


@pytest.mark.parametrize(
    ("provider", "field", "message"),
    [
        (
            "postgresql",
            "a Decimal @db.Decimal(2, 4)",
            "The scale must not be larger than the precision for the Decimal(2,4) native type in Postgres.",
        ),
        (
            "postgresql",
            "a Decimal @db.Decimal(1001, 3)",
            "Argument M is out of range for native type `Decimal(1001,3)` of Postgres: "
            "Precision must be positive with a maximum value of 1000.",
        ),
        (
            "postgresql",
            "a Decimal @db.Decimal(0, 0)",
            "Argument M is out of range for native type `Decimal(0,0)` of Postgres: "
            "Precision must be positive with a maximum value of 1000.",
        ),
        (
            "postgresql",
            "a String @db.VarBit(0)",
            "Argument M is out of range for native type `VarBit(0)` of Postgres: M must be a positive integer.",
        ),
        (
            "postgresql",
            "a DateTime @db.Timetz(7)",
            "Argument M is out of range for native type `Timetz(7)` of Postgres: M can range from 0 to 6.",
        ),
        (
            "cockroachdb",
            "a DateTime @db.Timestamptz(9)",
            "Argument M is out of range for native type `Timestamptz(9)` of CockroachDB: M can range from 0 to 6.",
        ),
        (
            "cockroachdb",
            "a Decimal @db.Decimal(2, 4)",
            "The scale must not be larger than the precision for the Decimal(2,4) native type in CockroachDB.",
        ),
        (
            "mysql",
            "a String @db.VarChar(65536)",
            "Argument M is out of range for native type `VarChar(65536)` of MySQL: M can range from 0 to 65,535.",
        ),
        (
            "mysql",
            "a Decimal @db.Decimal(66, 20)",
            "Argument M is out of range for native type `Decimal(66,20)` of MySQL: Precision can range from 1 to 65.",
        ),
        (
            "mysql",
            "a Decimal @db.Decimal(44, 33)",
            "Argument M is out of range for native type `Decimal(44,33)` of MySQL: Scale can range from 0 to 30.",
        ),
        (
            "mysql",
            "a Bytes @db.Bit(65)",
            "Argument M is out of range for native type `Bit(65)` of MySQL: M can range from 1 to 64.",
        ),
        (
            "mysql",
            "a Boolean @db.Bit(2)",
            "Argument M is out of range for native type `Bit(2)` of MySQL: only Bit(1) can be used as Boolean.",
        ),
        (
            "sqlserver",
            "a Float @db.Float(54)",
            "Argument M is out of range for native type `Float(54)` of SQL Server: Bits can range from 1 to 53.",
        ),
        (
            "sqlserver",
            "a Decimal @db.Decimal(39, 2)",
            "Argument M is out of range for native type `Decimal(39,2)` of SQL Server: "
            "Precision can range from 1 to 38.",
        ),
        (
            "sqlserver",
            "a String @db.NChar(4001)",
            "Argument M is out of range for native type `NChar(4001)` of SQL Server: Length can range from 1 to 4000.",
        ),
        (
            "sqlserver",
            "a String @db.VarChar(8001)",
            "Argument M is out of range for native type `VarChar(8001)` of SQL Server: "
            "Length can range from 1 to 8000. For larger sizes, use the `Max` variant.",
        ),
    ],
)
def test_argument_ranges(provider: str, field: str, message: str) -> None:
    assert messages(provider, f"  {field}") == [message]


@pytest.mark.parametrize(
    ("provider", "field"),
    [
        ("postgresql", "a Decimal @db.Decimal(1000, 1000)"),
        ("postgresql", "a DateTime @db.Timestamp(6)"),
        ("postgresql", "a String @db.Bit(1)"),
        ("mysql", "a Bytes @db.Bit(64)"),
        ("mysql", "a Boolean @db.Bit(1)"),
        ("mysql", "a String @db.Char(255)"),
        ("mysql", "a Decimal @db.Decimal(65, 30)"),
        ("sqlserver", "a String @db.NVarChar(4000)"),
        ("sqlserver", "a Decimal @db.Decimal(38, 38)"),
    ],
)
def test_arguments_at_the_limits_are_fine(provider: str, field: str) -> None:
    assert messages(provider, f"  {field}") == []


def test_argument_rules_alone() -> None:
    assert native_type_argument_error(MYSQL, NativeTypeInstance("Bit", (2,)), "Bytes") is None
    assert native_type_argument_error(MYSQL, NativeTypeInstance("Bit", (2,)), "Boolean") is not None
    assert native_type_argument_error(MONGODB, NativeTypeInstance("Long"), "Int") is None


# --- the silent parse ---------------------------------------------------------------------------------


def test_parse_native_type_is_silent_without_a_span() -> None:
    assert parse_native_type(MYSQL, "VarChar", ["x"]) is None
    assert parse_native_type(MYSQL, "Nope", []) is None
    assert parse_native_type(MSSQL, "VarChar", ["max"]) == NativeTypeInstance("VarChar", ("Max",))


def test_parse_native_type_reports_when_asked() -> None:
    span = Span(3, 9)
    d = Diagnostics()
    assert parse_native_type(SQLITE, "Text", [], span=span, diagnostics=d) is None
    assert parse_native_type(EMPTY_CONNECTOR, "Text", [], span=span, diagnostics=d) is None
    assert parse_native_type(MYSQL, "Char", ["a"], span=span, diagnostics=d) is None
    assert [e.message for e in d.errors] == [
        "Native types are not supported with sqlite connector",
        "Invalid Native type Text.",
        "Expected a nonnegative integer, but found (a).",
    ]
    assert all(e.span == span for e in d.errors)


def test_validate_native_type_from_parts() -> None:
    d = Diagnostics()
    got = validate_native_type(
        POSTGRES,
        scope="db",
        name="Char",
        args=["10"],
        scalar_type="String",
        span=Span(0, 1),
        diagnostics=d,
        datasource_name="db",
    )
    assert got == NativeTypeInstance("Char", (10,))
    assert d.errors == []


# --- Unsupported("...") ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("connector", "unsupported", "notation"),
    [
        (POSTGRES, "Text", "String @pg.Text"),
        (POSTGRES, "Decimal(10,2)", "Decimal @pg.Decimal(10,2)"),
        (POSTGRES, "Real", "Float @pg.Real"),
        (POSTGRES, "VarChar( 20 )", "String @pg.VarChar(20)"),
        (MYSQL, "Float", "Float @pg.Float"),
        (MYSQL, "Text", "String @pg.Text"),
    ],
)
def test_unsupported_types_prisma_supports(connector: Connector, unsupported: str, notation: str) -> None:
    assert unsupported_type_suggestion(connector, "pg", unsupported, "f") == (
        f'Error validating: The type `Unsupported("{unsupported}")` you specified in the type definition for the '
        f"field `f` is supported as a native type by Prisma. Please use the native type notation `{notation}` "
        "for full support."
    )


@pytest.mark.parametrize(
    ("connector", "unsupported"),
    [
        (POSTGRES, "circle"),
        (POSTGRES, "VarChar(x)"),
        (MYSQL, "VarChar"),
        (SQLITE, "Text"),
        (MONGODB, "String"),
        (POSTGRES, "(x)"),
    ],
)
def test_unsupported_types_prisma_does_not_support(connector: Connector, unsupported: str) -> None:
    assert unsupported_type_suggestion(connector, "db", unsupported, "f") is None
