"""Constraint namespaces, custom names, unique criteria and shard keys."""

from __future__ import annotations

from keys_testlib import errors, header, lines_of, messages


def _clash(name: str, scope: str) -> str:
    return (
        f"The given constraint name `{name}` has to be unique in the following namespace: {scope}. Please provide "
        "a different name using the `map` argument."
    )


def test_index_names_are_global_on_postgres() -> None:
    schema = header("postgresql") + (
        'model A {\n  id Int @id\n  a Int\n\n  @@index([a], map: "dup")\n}\n\n'
        'model B {\n  id Int @id\n  b Int\n\n  @@unique([b], map: "dup")\n}\n'
    )
    scope = "global for primary key, indexes and unique constraints"
    assert errors(schema) == [
        (lines_of(schema, "@@index")[0], f'Error parsing attribute "@@index": {_clash("dup", scope)}'),
        (lines_of(schema, "@@unique")[0], f'Error parsing attribute "@@unique": {_clash("dup", scope)}'),
    ]


def test_generated_names_clash_too() -> None:
    # `A.a @unique` and `@@unique([a])` are both named `A_a_key`.
    schema = header("postgresql") + "model A {\n  id Int @id\n  a Int @unique\n\n  @@unique([a])\n}\n"
    scope = "global for primary key, indexes and unique constraints"
    assert messages(schema) == [
        f'Error parsing attribute "@unique": {_clash("A_a_key", scope)}',
        f'Error parsing attribute "@@unique": {_clash("A_a_key", scope)}',
    ]


def test_primary_key_and_index_share_a_model_namespace_on_sqlserver() -> None:
    schema = header("sqlserver") + 'model User {\n  id Int @id(map: "N")\n  a Int\n\n  @@index([a], map: "N")\n}\n'
    scope = "on model `User` for primary key, indexes and unique constraints"
    assert errors(schema) == [
        (lines_of(schema, "@id")[0], f'Error parsing attribute "@id": {_clash("N", scope)}'),
        (lines_of(schema, "@@index")[0], f'Error parsing attribute "@@index": {_clash("N", scope)}'),
    ]


def test_mapped_names_in_different_schemas_do_not_clash() -> None:
    schema = (
        'datasource db {\n  provider = "postgresql"\n  url = "postgresql://x"\n  schemas = ["one", "two"]\n}\n\n'
        'model A {\n  id Int @id\n  a Int\n\n  @@index([a], map: "dup")\n  @@schema("one")\n}\n\n'
        'model B {\n  id Int @id\n  b Int\n\n  @@index([b], map: "dup")\n  @@schema("two")\n}\n'
    )
    assert messages(schema) == []


def test_custom_names_are_unique_per_model() -> None:
    schema = 'model A {\n  a Int\n  b Int\n  c Int\n\n  @@id([a, b], name: "foo")\n  @@unique([b, c], name: "foo")\n}\n'
    text = (
        "The given custom name `foo` has to be unique on the model. Please provide a different name for the `name` "
        "argument."
    )
    assert errors(schema) == [
        (6, f'Error parsing attribute "@@id": {text}'),
        (7, f'Error parsing attribute "@@unique": {text}'),
    ]


def test_index_name_too_long() -> None:
    long = "y" * 65
    schema = header("mysql") + f'model User {{\n  id Int @id\n  a Int\n\n  @@unique([a], map: "{long}")\n}}\n'
    assert errors(schema) == [
        (
            lines_of(schema, "@@unique")[0],
            f"Error validating model \"User\": The constraint name '{long}' specified in the `map` argument for the "
            "`@@unique` constraint is too long for your chosen provider. The maximum allowed length is 64 bytes.",
        )
    ]


def test_unique_criteria() -> None:
    base = (
        'Error validating model "Model": Each model must have at least one unique criteria that has only required '
        "fields. Either mark a single field with `@id`, `@unique` or add a multi field criterion with `@@id([])` or "
        "`@@unique([])` to the model."
    )
    assert errors("model Model {\n  a Int\n}\n") == [(1, base)]
    schema = "model Model {\n  name String? @unique\n  a Int?\n  b Int\n\n  @@unique([a, b])\n}\n"
    assert errors(schema) == [
        (
            1,
            f"{base} The following unique criterias were not considered as they contain fields that are not "
            "required:\n- name\n- a, b",
        )
    ]
    assert errors("model Model {\n  a Int @unique\n}\n") == []
    assert errors("model Model {\n  a Int\n\n  @@ignore\n}\n") == []


def test_shard_keys() -> None:
    mysql = header("mysql", preview=("shardKeys",))
    schema = mysql + "model A {\n  a String @id\n  b String? @shardKey\n}\n"
    assert errors(schema) == [
        (
            lines_of(schema, "@shardKey")[0],
            'Error parsing attribute "@shardKey": Fields that are marked as shard keys must be required.',
        )
    ]
    schema = mysql + "model A {\n  a String @id\n  b String?\n\n  @@shardKey([a, b])\n}\n"
    assert messages(schema) == [
        'Error validating model "A": The shard key definition refers to the optional field `b`. Shard key '
        "definitions must reference only required fields."
    ]
    schema = mysql + "model A {\n  a String @id\n  b String @shardKey\n  c String @shardKey\n}\n"
    assert errors(schema) == [
        (
            lines_of(schema, "model A")[0],
            'Error validating model "A": At most one field must be marked as the shard key with the `@shardKey` '
            "attribute.",
        )
    ]
    schema = mysql + "model A {\n  a String @id\n\n  @@shardKey([x, y])\n}\n"
    assert messages(schema) == [
        'Error validating model "A": The multi field shard key declaration refers to the unknown fields `x`, `y`.'
    ]
    schema = header("postgresql", preview=("shardKeys",)) + "model A {\n  a String @id @shardKey\n}\n"
    assert messages(schema) == [
        'Error parsing attribute "@shardKey": Shard keys are not currently supported for provider postgresql'
    ]
    assert messages(mysql + "model A {\n  a String @id\n  b String @shardKey\n}\n") == []


def test_shard_key_preview_feature_and_empty_list() -> None:
    schema = header("mysql") + "model A {\n  a String @id\n  b String @shardKey\n}\n"
    assert errors(schema) == [
        (
            lines_of(schema, "@shardKey")[0],
            'Error parsing attribute "@shardKey": Defining shard keys requires enabling the `shardKeys` preview '
            "feature",
        )
    ]
    schema = header("mysql", preview=("shardKeys",)) + "model A {\n  a Int @id\n\n  @@shardKey([])\n}\n"
    assert errors(schema) == [
        (
            lines_of(schema, "@@shardKey")[0],
            'Error parsing attribute "@@shardKey": The list of fields in a `@@shardKey()` attribute cannot be empty. '
            "Please specify at least one field.",
        )
    ]
