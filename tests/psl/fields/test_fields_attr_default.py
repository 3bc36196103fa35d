"""``@default`` in the parser database: value kinds, functions, enums, lists, ``map:``, composites."""

from __future__ import annotations

import pytest
from fields_testlib import default_error, errors, with_datasource

from refrakt.schema import parse


def test_valid_defaults_for_every_scalar_type() -> None:
    schema = with_datasource(
        "postgresql",
        """
model Model {
  id Int @id @default(autoincrement())
  big BigInt @default(autoincrement())
  s1 String @default(cuid())
  s2 String @default(cuid(2))
  s3 String @default(uuid(7))
  s4 String @default(nanoid(21))
  s5 String @default(ulid())
  s6 String @default("x")
  f Float @default(1.5)
  d Decimal @default("1.5")
  d2 Decimal @default(2)
  b Boolean @default(false)
  t DateTime @default(now())
  t2 DateTime @default("2020-01-01T00:00:00Z")
  j Json @default("{\\"a\\": [1, 2.5e3, null, true]}")
  by Bytes @default("aGVsbG8=")
  l String[] @default(["a", "b"])
  e Color @default(red)
  el Color[] @default([red, blue])
  g Int @default(dbgenerated("1 + 1"))
  u Unsupported("circle") @default(dbgenerated())
}

enum Color {
  red
  blue
}
""",
    )
    assert errors(schema) == []
    db = parse(schema).database
    assert all(sf.default is not None for sf in db.scalar_fields)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("rel String @default(3)", "Expected a String value, but found `3`."),
        ('rel Int @default("3")', 'Expected a Int value, but found `"3"`.'),
        ("foo String @default(now())", "The function `now()` cannot be used on fields of type `String`."),
        (
            "foo String @default(autoincrement())",
            "The function `autoincrement()` cannot be used on fields of type `String`.",
        ),
        ("foo Int @default(cuid())", "The function `cuid()` cannot be used on fields of type `Int`."),
        ("foo Int @default(ulid())", "The function `ulid()` cannot be used on fields of type `Int`."),
        (
            'foo Int @default(autoincrement(name: "meow"))',
            "The `autoincrement` function does not take any argument. Consider changing this default to "
            "`autoincrement()`.",
        ),
        (
            "foo String @default(ulid(1))",
            "The `ulid` function does not take any argument. Consider changing this default to `ulid()`.",
        ),
        ("foo Int @default(dbgenerated(5))", "`dbgenerated()` takes a single String argument"),
        (
            'foo Int @default(dbgenerated(""))',
            "dbgenerated() takes either no argument, or a single nonempty string argument.",
        ),
        (
            "foo String @default(uuid(5))",
            "`uuid()` takes either no argument, or a single integer argument which is either 4 or 7.",
        ),
        (
            "foo String @default(cuid(3))",
            "`cuid()` takes either no argument, or a single integer argument which is either 1 or 2.",
        ),
        ('foo String @default(cuid("2"))', "`cuid()` takes a single Int argument."),
        (
            "foo String @default(nanoid(1))",
            "`nanoid()` takes either no argument, or a single integer argument between 2 and 255.",
        ),
        (
            "foo String @default(nanoid(256))",
            "`nanoid()` takes either no argument, or a single integer argument between 2 and 255.",
        ),
        ('foo String @default(nanoid("x"))', "`nanoid()` takes a single Int argument."),
        ('foo String @default(["a"])', "The default value of a non-list field cannot be a list."),
        (
            'u Unsupported("x") @default(1)',
            'Only @default(dbgenerated("...")) can be used for Unsupported types.',
        ),
    ],
)
def test_invalid_defaults(field: str, message: str) -> None:
    schema = f"model Model {{\n  id Int @id\n  {field}\n}}\n"
    assert errors(schema) == [(3, default_error(message))]


def test_boolean_literal_error_points_at_the_value() -> None:
    schema = "model Test {\n  id Int @id\n  isEdible Boolean @default(True)\n}\n"
    [diagnostic] = parse(schema).diagnostics
    assert diagnostic.message == default_error("A boolean literal must be `true` or `false`.")
    assert (diagnostic.line, diagnostic.column) == (3, 29)


def test_lists() -> None:
    schema = with_datasource(
        "postgresql",
        """
model Model {
  id Int @id
  a String[] @default("hello")
  b String[] @default(["hello", 101, 102])
  c String[] @default(["x", ["y"]])
  d String[] @default(["x", dbgenerated("y")])
}
""",
    )
    assert errors(schema) == [
        (8, default_error("The default value of a list field must be a list.")),
        (9, default_error("Expected a String value, but found `101`.")),
        (10, default_error('Expected a String value, but found `["y"]`.')),
        (11, default_error('Expected a String value, but found `dbgenerated("y")`.')),
    ]


def test_enums() -> None:
    schema = """model Model {
  id Int @id
  a Color @default(green)
  b Color[] @default([red, yellow, blue])
  c Color @default("red")
  d Color[] @default(red)
}

enum Color {
  red
  blue @map("bleu")
}
"""
    assert errors(schema) == [
        (
            3,
            default_error(
                "The defined default value `green` is not a valid value of the enum specified for the field."
            ),
        ),
        (
            4,
            default_error(
                "The defined default value `yellow` is not a valid value of the enum specified for the field."
            ),
        ),
        (5, default_error('Expected an enum value, but found `"red"`.')),
        (6, default_error("Expected an enum value, but found `red`.")),
    ]


def test_map_argument() -> None:
    schema = with_datasource(
        "sqlserver",
        """
model A {
  id Int @id @default(autoincrement(), map: "nope")
  b String @default("x", map: "")
  c String @default("x", map: 1)
}
""",
    )
    assert errors(schema) == [
        (7, default_error("Naming an autoincrement default value is not allowed.")),
        (8, default_error("The `map` argument cannot be an empty string.")),
        (9, "Expected a string value, but received numeric value `1`."),
    ]


def test_unknown_arguments_are_reported() -> None:
    schema = 'model A {\n  id Int @id\n  b String @default("x", foo: 1)\n}\n'
    assert errors(schema) == [(3, "No such argument.")]


def test_missing_value() -> None:
    schema = "model A {\n  id Int @id\n  b String @default()\n}\n"
    assert errors(schema) == [(3, 'Argument "value" is missing.')]


def test_default_on_composite_typed_field() -> None:
    schema = """type Address {
    street String
}

model User {
    id Int @id
    address Address? @default("{}")
}
"""
    assert errors(schema) == [
        (
            7,
            "Error validating field `address` in composite type `Address`: Defaults on fields of type composite are "
            "not supported. Please remove the `@default` attribute.",
        )
    ]


def test_composite_type_field_defaults() -> None:
    schema = with_datasource(
        "mongodb",
        """
model M {
  id String @id @default(auto()) @map("_id") @db.ObjectId
  c  C
}

type C {
  a Int @default(autoincrement())
  b String @default(dbgenerated("x"))
  c String @default("x", map: "y")
  d Int @default(unknown())
  e String @default(nanoid())
  f Unsupported("x") @default(1)
  g String @default(uuid())
}
""",
    )
    assert errors(schema) == [
        (12, default_error("The function `autoincrement()` is not supported on composite fields.")),
        (13, default_error("Fields of composite types cannot have `dbgenerated()` as default.")),
        (14, default_error("The `map` argument is not allowed on a composite type field.")),
        (
            15,
            "Unknown function in @default(): `unknown` is not known. You can read about the available functions "
            "here: https://pris.ly/d/attribute-functions",
        ),
        (16, default_error("The function `nanoid()` cannot be used on fields of type `String`.")),
        (17, default_error("Composite field of type `Unsupported` cannot have default values.")),
    ]


def test_unknown_functions_are_recorded_for_the_connector() -> None:
    schema = with_datasource("cockroachdb", "\nmodel A {\n  id Int @id @default(sequence())\n}\n")
    result = parse(schema)
    assert result.errors == []
    assert result.database.unknown_function_defaults == [0]
