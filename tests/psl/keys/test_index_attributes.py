"""``@unique``, ``@@unique``, ``@@index``, ``@@fulltext``: resolution and the index rules."""

from __future__ import annotations

from keys_testlib import errors, header, lines_of, messages


def test_unknown_and_relation_fields() -> None:
    schema = "model User {\n  id Int @id\n\n  @@unique([foo, bar])\n  @@index([baz])\n}\n"
    # @@index attributes are resolved before @@unique ones, as in Prisma.
    assert errors(schema) == [
        (5, 'Error validating model "User": The index definition refers to the unknown fields: baz.'),
        (4, 'Error validating model "User": The unique index definition refers to the unknown fields: foo, bar.'),
    ]
    schema = (
        "model User {\n  id Int @id\n  postId Int\n  post Post @relation(fields: [postId], references: [id])\n\n"
        "  @@index([post])\n}\n\nmodel Post {\n  id Int @id\n  users User[]\n}\n"
    )
    assert errors(schema) == [
        (
            6,
            'Error validating model "User": The index definition refers to the relation fields post. Index '
            "definitions must reference only scalar fields. Did you mean `@@index([postId])`?",
        )
    ]


def test_field_listed_twice() -> None:
    schema = "model User {\n  id Int @id\n  a Int\n\n  @@index([a, a])\n}\n"
    assert errors(schema) == [
        (5, 'Error validating model "User": The unique index definition refers to the field a multiple times.')
    ]


def test_field_arguments() -> None:
    schema = "model User {\n  id Int @id\n  a Int\n\n  @@index([a(sort: Up)])\n}\n"
    assert messages(schema) == ["Unexpected token. Expected one of: Asc, Desc"]
    schema = header("postgresql") + "model User {\n  id Int @id\n  a Int\n\n  @@index([a(ops: Nope)])\n}\n"
    assert messages(schema) == ["Unexpected token. Expected one of: Invalid operator class: Nope"]
    schema = 'model User {\n  id Int @id\n  a Int @unique(sort: "Desc")\n}\n'
    assert messages(schema) == ['Expected a constant value, but received string value `"Desc"`.']
    schema = "model User {\n  id Int @id\n  a Int @unique(sort: Down)\n}\n"
    assert messages(schema) == [
        'Error parsing attribute "@unique": The `sort` argument can only be `Asc` or `Desc` you provided: Down.'
    ]


def test_index_name_and_map() -> None:
    schema = 'model User {\n  id Int @id\n  a Int\n\n  @@index([a], name: "x", map: "y")\n}\n'
    assert messages(schema) == [
        'Error parsing attribute "@index": The `@@index` attribute accepts the `name` argument as an alias for the '
        "`map` argument for legacy reasons. It does not accept both though. Please use the `map` argument to "
        "specify the database name of the index."
    ]
    schema = 'model User {\n  id Int @id\n  a Int @unique(map: "")\n}\n'
    assert messages(schema) == ['Error parsing attribute "@unique": The `map` argument cannot be an empty string.']
    schema = "model User {\n  id Int @id\n  a Int\n\n  @@index([a], type: Fast)\n}\n"
    assert messages(schema) == ['Error parsing attribute "@index": Unknown index type: Fast.']


def test_empty_field_lists() -> None:
    schema = header("mysql") + (
        'model A {\n  id Int @id\n  a String\n\n  @@index([], map: "i")\n  @@fulltext([], map: "f")\n}\n'
    )
    assert errors(schema) == [
        (
            lines_of(schema, "@@index")[0],
            'Error parsing attribute "@@index": The list of fields in an index cannot be empty. Please specify at '
            "least one field.",
        ),
        (
            lines_of(schema, "@@fulltext")[0],
            'Error parsing attribute "@@fulltext": The list of fields in an index cannot be empty. Please specify '
            "at least one field.",
        ),
    ]


def test_length_prefix() -> None:
    schema = header("postgresql") + "model A {\n  id Int @id\n  a String @unique(length: 10)\n}\n"
    assert messages(schema) == [
        'Error parsing attribute "@unique": The length argument is not supported in an index definition with the '
        "current connector"
    ]
    schema = header("mysql") + "model A {\n  id Int @id\n  a Int\n\n  @@index([a(length: 10)])\n}\n"
    assert messages(schema) == [
        'Error parsing attribute "@@index": The length argument is only allowed with field types `String` or `Bytes`.'
    ]
    schema = header("mysql") + "model A {\n  id Int @id\n  a String\n\n  @@index([a(length: 10)])\n}\n"
    assert messages(schema) == []


def test_index_algorithms() -> None:
    schema = header("mysql") + "model A {\n  id Int @id\n  a Int\n\n  @@index([a], type: Hash)\n}\n"
    assert errors(schema) == [
        (
            lines_of(schema, "@@index")[0],
            'Error parsing attribute "@@index": The given index type is not supported with the current connector',
        )
    ]
    schema = header("postgresql") + "model A {\n  id Int @id\n  a Int\n\n  @@index([a(sort: Desc)], type: Hash)\n}\n"
    assert messages(schema) == ['Error parsing attribute "@@index": Hash type does not support sort option.']


def test_fulltext() -> None:
    schema = header("postgresql") + "model A {\n  id Int @id\n  a String\n\n  @@fulltext([a])\n}\n"
    assert messages(schema) == [
        'Error parsing attribute "@@fulltext": Defining fulltext indexes is not supported with the current connector.'
    ]
    schema = header("mysql") + "model A {\n  id Int @id\n  a String\n\n  @@fulltext([a(sort: Desc)])\n}\n"
    assert messages(schema) == [
        'Error parsing attribute "@@fulltext": The sort argument is not supported in a @@fulltext attribute in the '
        "current connector."
    ]
    schema = header("mongodb") + (
        'model A {\n  id String @id @map("_id") @db.ObjectId\n  a String\n  b String\n  c Int\n  d Int\n\n'
        "  @@fulltext([c(sort: Asc), a, d(sort: Desc), b])\n}\n"
    )
    assert messages(schema) == [
        'Error parsing attribute "@@fulltext": All index fields must be listed adjacently in the fields argument.'
    ]
    schema = header("mongodb") + (
        'model A {\n  id String @id @map("_id") @db.ObjectId\n  a String\n  b String\n\n'
        "  @@fulltext([a])\n  @@fulltext([b])\n}\n"
    )
    assert (
        messages(schema)
        == ['Error parsing attribute "@@fulltext": The current connector only allows one fulltext attribute per model']
        * 2
    )


def test_operator_classes_only_on_normal_indexes() -> None:
    schema = header("mysql") + "model A {\n  id Int @id\n  a Int\n\n  @@unique([a(ops: Int4BloomOps)])\n}\n"
    assert messages(schema) == [
        'Error parsing attribute "@@unique": Operator classes can only be defined to fields in an @@index attribute.'
    ]


def test_compound_unique_client_name_clash() -> None:
    schema = "model A {\n  id Int @id\n  a Int\n  b Int\n  a_b Int\n\n  @@unique([a, b])\n}\n"
    assert errors(schema) == [
        (
            7,
            'Error validating model "A": The field `a_b` clashes with the `@@unique` name. Please resolve the conflict '
            'by providing a custom id name: `@@unique([...], name: "custom_name")`',
        )
    ]


def test_clustering_support() -> None:
    schema = header("postgresql") + "model A {\n  id Int @id\n  a Int\n\n  @@index([a], clustered: true)\n}\n"
    assert messages(schema) == [
        'Error parsing attribute "@@index": Defining clustering is not supported in the current connector.'
    ]
    schema = header("sqlserver") + (
        "model A {\n  id Int @id(clustered: false)\n  a Int\n  b Int\n\n"
        "  @@index([a], clustered: true)\n  @@index([b], clustered: true)\n}\n"
    )
    assert messages(schema) == ['Error parsing attribute "@@index": A model can only hold one clustered index.'] * 2
    schema = "model A {\n  id Int @id\n  a Int @unique(clustered: meow)\n}\n"
    assert messages(schema) == ["Expected a boolean value, but received literal value `meow`."]
