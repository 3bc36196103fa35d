"""``@id`` / ``@@id``: resolution in the parser database and the primary key rules."""

from __future__ import annotations

from keys_testlib import errors, header, lines_of, messages


def test_single_and_compound_id_are_both_an_error() -> None:
    schema = "model Model {\n  id Int @id\n  a  Int\n\n  @@id([id, a])\n}\n"
    assert errors(schema) == [
        (
            1,
            'Error validating model "Model": Each model must have at most one id criteria. You can\'t have `@id` '
            "and `@@id` at the same time.",
        )
    ]


def test_two_field_ids() -> None:
    schema = 'model Model {\n  a Int @id\n  b Int @id(map: "x")\n}\n'
    assert errors(schema) == [
        (
            1,
            'Error validating model "Model": At most one field must be marked as the id field with the `@id` '
            "attribute.",
        ),
        (3, "No such argument."),
    ]


def test_optional_id_field() -> None:
    assert errors("model Model {\n  id Int? @id\n}\n") == [
        (2, 'Error parsing attribute "@id": Fields that are marked as id must be required.')
    ]
    # ... unless the model is ignored
    assert errors("model Model {\n  id Int? @id\n\n  @@ignore\n}\n") == []


def test_compound_id_problems() -> None:
    schema = (
        "model User {\n  a String?\n  b Int\n  rel Post @relation(fields: [b], references: [id])\n\n"
        "  @@id([a, b])\n}\n\nmodel Post {\n  id Int @id\n  users User[]\n}\n"
    )
    assert (
        6,
        'Error validating model "User": The id definition refers to the optional field `a`. ID definitions must '
        "reference only required fields.",
    ) in errors(schema)
    unknown = "model User {\n  a Int\n\n  @@id([a, foo, bar])\n}\n"
    assert errors(unknown) == [
        (4, 'Error validating model "User": The multi field id declaration refers to the unknown fields `foo`, `bar`.')
    ]
    strings = 'model User {\n  a Int\n  b Int\n\n  @@id(["a", "b"])\n}\n'
    assert messages(strings) == [
        'Expected a constant literal value, but received string value `"a"`.',
        'Expected a constant literal value, but received string value `"b"`.',
    ]


def test_id_client_name_characters() -> None:
    schema = 'model User {\n  a Int\n  b Int\n\n  @@id([a, b], name: "a-b")\n}\n'
    assert errors(schema) == [
        (
            5,
            'Error validating model "User": The `name` property within the `@@id` attribute only allows for the '
            "following characters: `_a-zA-Z0-9`.",
        )
    ]


def test_empty_id() -> None:
    schema = header("postgresql") + "model A {\n  a Int @unique\n\n  @@id([])\n}\n"
    assert errors(schema) == [
        (
            lines_of(schema, "@@id")[0],
            'Error parsing attribute "@@id": The list of fields in an `@@id()` attribute cannot be empty. Please '
            "specify at least one field.",
        )
    ]


def test_connector_support_for_id_arguments() -> None:
    schema = header("mysql") + 'model A {\n  id Int @id(sort: Desc, map: "pk")\n}\n'
    line = lines_of(schema, "@id(")[0]
    assert errors(schema) == [
        (
            line - 1,
            'Error validating model "A": You defined a database name for the primary key on the model. This is not '
            "supported by the provider.",
        ),
        (
            line,
            'Error parsing attribute "@id": The sort argument is not supported in the primary key with the current '
            "connector",
        ),
    ]
    schema = header("postgresql") + "model A {\n  id String @id(length: 10)\n}\n"
    assert messages(schema) == [
        'Error parsing attribute "@id": The length argument is not supported in the primary key with the current '
        "connector"
    ]
    schema = header("mysql") + "model A {\n  id Int @id(length: 10)\n}\n"
    assert messages(schema) == [
        'Error parsing attribute "@id": The length argument is only allowed with field types `String` or `Bytes`.'
    ]


def test_compound_id_name_clashes_with_field() -> None:
    schema = "model A {\n  a Int\n  b Int\n  a_b Int\n\n  @@id([a, b])\n}\n"
    assert errors(schema) == [
        (
            6,
            'Error validating model "A": The field `a_b` clashes with the `@@id` attribute\'s name. Please resolve the '
            'conflict by providing a custom id name: `@@id([...], name: "custom_name")`',
        )
    ]


def test_primary_key_name_too_long() -> None:
    long = "x" * 64
    schema = header("postgresql") + f'model User {{\n  id Int @id(map: "{long}")\n}}\n'
    assert errors(schema) == [
        (
            lines_of(schema, "@id")[0],
            f"Error validating model \"User\": The constraint name '{long}' specified in the `map` argument for the "
            "`@id` constraint is too long for your chosen provider. The maximum allowed length is 63 bytes.",
        )
    ]


def test_clustering() -> None:
    schema = header("sqlserver") + "model A {\n  id Int @id\n  a  Int\n\n  @@index([a], clustered: true)\n}\n"
    assert errors(schema) == [
        (lines_of(schema, "@id")[0], 'Error parsing attribute "@id": A model can only hold one clustered index or id.'),
        (
            lines_of(schema, "@@index")[0],
            'Error parsing attribute "@@index": A model can only hold one clustered index or key.',
        ),
    ]
    schema = header("sqlserver") + (
        "model A {\n  id Int @id(clustered: false)\n  a  Int\n\n  @@index([a], clustered: true)\n}\n"
    )
    assert errors(schema) == []
    schema = header("sqlite") + "model A {\n  id Int @id(clustered: true)\n}\n"
    assert messages(schema) == [
        'Error parsing attribute "@id": Defining clustering is not supported in the current connector.'
    ]
