"""Field rules of the validation pipeline: connector support, names, named defaults, functions."""

from __future__ import annotations

import pytest
from fields_testlib import default_error, diagnostics, errors, with_datasource


def test_auto_needs_the_capability() -> None:
    for provider in ("postgresql", "mysql", "sqlserver", "sqlite"):
        schema = with_datasource(provider, "\nmodel User {\n  id String @id @default(auto())\n}\n")
        assert errors(schema) == [(7, default_error("The current connector does not support the `auto()` function."))]


def test_named_defaults() -> None:
    schema = with_datasource(
        "postgresql",
        '\nmodel A {\n  id Int @id @default(autoincrement())\n  data String @default("beeb buub", map: "meow")\n}\n',
    )
    assert errors(schema) == [
        (
            8,
            default_error(
                "You defined a database name for the default value of a field on the model. This is not supported by "
                "the provider."
            ),
        )
    ]


def test_named_default_too_long() -> None:
    name = "x" * 129
    schema = with_datasource(
        "sqlserver", f'\nmodel A {{\n  id Int @id\n  data String @default("b", map: "{name}")\n}}\n'
    )
    assert errors(schema) == [
        (
            8,
            f"Error validating model \"A\": The constraint name '{name}' specified in the `map` argument for the "
            "`@default` constraint is too long for your chosen provider. The maximum allowed length is 128 bytes.",
        )
    ]


def test_default_constraint_names_must_be_unique_on_sql_server() -> None:
    schema = with_datasource(
        "sqlserver",
        """
model A {
  id Int @id @default(autoincrement())
  a  String @default("asdf", map: "reserved")
}

model B {
  id Int @id @default(autoincrement())
  b  String @default("asdf", map: "reserved")
}
""",
    )
    message = default_error(
        "The given constraint name `reserved` has to be unique in the following namespace: global for primary keys, "
        "foreign keys and default constraints. Please provide a different name using the `map` argument."
    )
    assert errors(schema) == [(8, message), (13, message)]


def test_generated_default_constraint_names_can_clash() -> None:
    schema = with_datasource(
        "sqlserver",
        """
model A {
  id Int @id
  b  String @default("x")
  c  String @default("y", map: "A_b_df")
}
""",
    )
    message = default_error(
        "The given constraint name `A_b_df` has to be unique in the following namespace: global for primary keys, "
        "foreign keys and default constraints. Please provide a different name using the `map` argument."
    )
    assert errors(schema) == [(8, message), (9, message)]


def test_unknown_default_function() -> None:
    schema = "model Model {\n  id Int @id\n  rel DateTime @default(unknown_function())\n}\n"
    assert errors(schema) == [
        (
            3,
            "Unknown function in @default(): `unknown_function` is not known. You can read about the available "
            "functions here: https://pris.ly/d/attribute-functions",
        )
    ]


def test_sequence_is_known_on_cockroachdb_only() -> None:
    body = '\nmodel Test {\n  id Int @id @default(sequence(virtual: true, cache: 10, toppings: "cheese"))\n}\n'
    assert errors(with_datasource("cockroachdb", body, url="postgresql://")) == [
        (7, "Unexpected argument in `sequence()` function call")
    ]
    assert errors(with_datasource("postgresql", body)) == [
        (
            7,
            "Unknown function in @default(): `sequence` is not known. You can read about the available functions "
            "here: https://pris.ly/d/attribute-functions",
        )
    ]
    bad_types = '\nmodel Test {\n  id Int @id @default(sequence(virtual: 1, start: "x"))\n}\n'
    assert errors(with_datasource("cockroachdb", bad_types, url="postgresql://")) == [
        (7, "Expected a boolean value, but received numeric value `1`."),
        (7, 'Expected a numeric value, but received string value `"x"`.'),
    ]


@pytest.mark.parametrize("provider", ["mysql", "sqlite", "sqlserver"])
def test_scalar_lists(provider: str) -> None:
    schema = with_datasource(provider, "\nmodel Todo {\n  id Int @id\n  val String[]\n}\n")
    assert errors(schema) == [
        (
            8,
            'Field "val" in model "Todo" can\'t be a list. The current connector does not support lists of primitive '
            "types.",
        )
    ]


def test_json_and_decimal_support() -> None:
    schema = with_datasource("sqlserver", "\nmodel User {\n  id Int @id\n  json Json\n}\n")
    assert errors(schema) == [
        (
            8,
            "Error validating field `json` in model `User`: Field `json` in model `User` can't be of type Json. The "
            "current connector does not support the Json type.",
        )
    ]
    schema = with_datasource("mysql", "\nmodel User {\n  id Int @id\n  json_list Json[]\n}\n")
    assert errors(schema) == [
        (
            8,
            "Error validating field `json_list` in model `User`: Field `json_list` in model `User` can't be of type "
            "Json[]. The current connector does not support the Json List type.",
        ),
        (
            8,
            'Field "json_list" in model "User" can\'t be a list. The current connector does not support lists of '
            "primitive types.",
        ),
    ]
    schema = with_datasource("mongodb", '\nmodel User {\n  id String @id @map("_id")\n  d Decimal\n}\n')
    assert errors(schema) == [
        (
            8,
            "Error validating field `d` in model `User`: Field `d` in model `User` can't be of type Decimal. The "
            "current connector does not support the Decimal type.",
        )
    ]


def test_field_names_cannot_take_key_names() -> None:
    schema = """model User {
  used Int
  moo  Int
  a    Int
  b    Int

  @@id([a, b], name: "used")
  @@unique([a, moo], name: "moo")
}
"""
    assert errors(schema) == [
        (
            1,
            'Error validating model "User": The custom name `used` specified for the `@@id` attribute is already used '
            "as a name for a field. Please choose a different name.",
        ),
        (
            1,
            'Error validating model "User": The custom name `moo` specified for the `@@unique` attribute is already '
            "used as a name for a field. Please choose a different name.",
        ),
    ]


def test_valid_schema_has_no_diagnostics() -> None:
    schema = with_datasource(
        "postgresql",
        """
model Post {
  id    Int      @id @default(autoincrement())
  tags  String[] @default(["a"])
  data  Json     @default("{}")
  price Decimal  @default(1.5) @db.Decimal(10, 2)
  title String   @db.VarChar(200)
}
""",
    )
    assert diagnostics(schema) == []
