"""``@db.X`` attributes and ``Unsupported(...)`` types checked against the connector."""

from __future__ import annotations

from fields_testlib import errors, with_datasource

from refrakt.schema import parse


def test_native_type_is_recorded() -> None:
    schema = with_datasource(
        "postgresql", '\nmodel A {\n  id Int @id\n  s String @db.VarChar(255)\n  c String @db.Char("x")\n}\n'
    )
    db = parse(schema).database
    recorded = [(nt.scope, nt.name, nt.args) for sf in db.scalar_fields if (nt := sf.native_type) is not None]
    assert recorded == [("db", "VarChar", ("255",)), ("db", "Char", ('"x"',))]


def test_native_type_errors() -> None:
    schema = with_datasource(
        "postgresql",
        """
model A {
  id Int @id
  a String @pg.Text
  b String @db.Numerical
  c Boolean @db.VarChar(10)
  d String @db.VarChar(1, 2, 3)
  e Decimal @db.Decimal(2, 4)
}
""",
    )
    assert errors(schema) == [
        (
            8,
            "The prefix pg is invalid. It must be equal to the name of an existing datasource e.g. db. Did you mean "
            "to use db.Text?",
        ),
        (9, "Native type Numerical is not supported for postgresql connector."),
        (10, "Native type VarChar is not compatible with declared field type Boolean, expected field type String."),
        (11, "Native type VarChar takes 1 optional arguments, but received 3."),
        (12, "The scale must not be larger than the precision for the Decimal(2,4) native type in Postgres."),
    ]


def test_native_types_on_composite_type_fields() -> None:
    schema = with_datasource(
        "mongodb",
        """
model A {
  id String @id @map("_id") @db.ObjectId
  c  C
}

type C {
  a Int @db.Bool
  b Int @db.Date
}

type D {
  a Int @db.Bool
}
""",
        url="mongodb://",
    )
    # Prisma checks every field of a composite type, and stops after the first type with errors.
    assert errors(schema) == [
        (12, "Native type Bool is not compatible with declared field type Int, expected field type Boolean."),
        (13, "Native type Date is not compatible with declared field type Int, expected field type DateTime."),
    ]


def test_unsupported_types_known_as_native_types() -> None:
    schema = with_datasource(
        "postgresql",
        """
model A {
  id      Int @id
  decimal Unsupported("Decimal(10,2)")
  text    Unsupported("Text")
  circle  Unsupported("circle")
}
""",
    )
    assert errors(schema) == [
        (
            8,
            'Error validating: The type `Unsupported("Decimal(10,2)")` you specified in the type definition for the '
            "field `decimal` is supported as a native type by Prisma. Please use the native type notation "
            "`Decimal @db.Decimal(10,2)` for full support.",
        ),
        (
            9,
            'Error validating: The type `Unsupported("Text")` you specified in the type definition for the field '
            "`text` is supported as a native type by Prisma. Please use the native type notation `String @db.Text` "
            "for full support.",
        ),
    ]


def test_native_types_without_a_datasource() -> None:
    schema = "model A {\n  id Int @id\n  s String @db.VarChar(3)\n}\n"
    assert errors(schema) == [(3, "Native type VarChar is not supported for Default connector.")]
