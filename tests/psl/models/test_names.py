"""The name-resolution, type-resolution and ``@map`` passes of the parser database."""

from __future__ import annotations

from refrakt.schema import parse


def errors(schema: str) -> list[tuple[str, int]]:
    return sorted((d.message, d.line) for d in parse(schema).diagnostics if d.severity == "error")


def test_reserved_model_name() -> None:
    assert errors("model PrismaClient {\n  id Int @id\n}\n") == [
        (
            'Error validating model "PrismaClient": The model name `PrismaClient` is invalid. It is a reserved '
            "name. Please change it. Read more at https://pris.ly/d/naming-models",
            1,
        )
    ]


def test_reserved_enum_name() -> None:
    assert errors("enum class {\n  A\n}\n") == [
        (
            "Error validating enum `class`: The enum name `class` is invalid. It is a reserved name. Please change "
            "it. Read more at https://www.prisma.io/docs/reference/tools-and-interfaces/prisma-schema/data-model"
            "#naming-enums",
            1,
        )
    ]


def test_scalar_type_names_are_reserved() -> None:
    assert errors("model String {\n  id Int @id\n}\n") == [
        ('"String" is a reserved scalar type name and cannot be used.', 1)
    ]


def test_duplicate_tops_name_both_kinds() -> None:
    assert errors("enum User {\n  A\n}\nmodel User {\n  id Int @id\n}\n") == [
        ('The model "User" cannot be defined because a enum with that name already exists.', 4)
    ]


def test_duplicate_fields_and_enum_values() -> None:
    schema = "model M {\n  id Int @id\n  id String\n}\nenum E {\n  A\n  A\n}\n"
    assert errors(schema) == [
        ('Field "id" is already defined on model "M".', 3),
        ('Value "A" is already defined on enum "E".', 7),
    ]


def test_names_starting_with_a_number_follow_rusts_is_numeric() -> None:
    # A fullwidth digit (Nd) is a number; a CJK ideograph that Python calls numeric (Lo) is not.
    assert errors("model M {\n  id Int @id\n  \uff11a Int\n}\n") == [
        ("Error validating: The name of a Field must not start with a number.", 3)
    ]
    assert errors("model M {\n  id Int @id\n  \u4e00a Int\n}\n") == []


def test_unknown_type_suggests_the_spelling_of_another_case() -> None:
    schema = "model User {\n  id Int @id\n}\nmodel B {\n  id Int @id\n  a datetime\n  c user\n  d Nope\n}\n"
    assert errors(schema) == [
        ('Type "Nope" is neither a built-in type, nor refers to another model, composite type, or enum.', 8),
        (
            'Type "datetime" is neither a built-in type, nor refers to another model, composite type, or enum. '
            'Did you mean "DateTime"?',
            6,
        ),
        (
            'Type "user" is neither a built-in type, nor refers to another model, composite type, or enum. '
            'Did you mean "User"?',
            7,
        ),
    ]


def test_map_onto_another_fields_name_is_a_duplicate() -> None:
    schema = 'model M {\n  id Int @id\n  a Int\n  b Int @map("a")\n}\n'
    assert errors(schema) == [('Field "b" is already defined on model "M".', 4)]


def test_map_onto_a_mapped_fields_name_is_fine() -> None:
    schema = 'model M {\n  id Int @id\n  a Int @map("x")\n  b Int @map("a")\n}\n'
    assert errors(schema) == []


def test_two_fields_mapped_to_the_same_name() -> None:
    schema = 'model M {\n  id Int @id\n  a Int @map("x")\n  b Int @map("x")\n}\n'
    assert errors(schema) == [('Field "b" is already defined on model "M".', 4)]
