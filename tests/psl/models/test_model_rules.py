"""Model, view, enum, composite type and ``@@schema`` rules, through ``refrakt.schema.parse``.

Each test checks Prisma's exact message and the line it is reported on.
"""

from __future__ import annotations

from refrakt.schema import parse


def diags(schema: str) -> list[tuple[str, str, int]]:
    return sorted((d.severity, d.message, d.line) for d in parse(schema).diagnostics)


def errors(schema: str) -> list[tuple[str, int]]:
    return sorted((d.message, d.line) for d in parse(schema).diagnostics if d.severity == "error")


def ds(provider: str, extra: str = "") -> str:
    return f'datasource db {{\n  provider = "{provider}"\n  url = "x"{extra}\n}}\n'


VIEWS = 'generator js {\n  provider = "prisma-client"\n  previewFeatures = ["views"]\n}\n'


# --- database names --------------------------------------------------------------------------------


def test_two_models_mapped_to_the_same_table_report_at_the_later_map() -> None:
    schema = ds("sqlite") + (
        'model Dog {\n  id Int @id\n  @@map("pets")\n}\n'  # lines 5-8
        'model Cat {\n  id Int @id\n  @@map("pets")\n}\n'  # lines 9-12
    )
    assert errors(schema) == [
        (
            'The model with database name "pets" could not be defined because another model or view with this '
            'name exists: "Dog"',
            11,
        )
    ]


def test_a_model_named_like_another_models_table_reports_at_the_existing_map() -> None:
    schema = 'model Customer {\n  id Int @id\n  @@map("User")\n}\nmodel User {\n  id Int @id\n}\n'
    assert errors(schema) == [
        (
            'The model with database name "User" could not be defined because another model or view with this '
            'name exists: "User"',
            3,
        )
    ]


def test_the_same_table_name_in_two_schemas_is_fine() -> None:
    schema = ds("postgresql", '\n  schemas = ["a", "b"]') + (
        'model Dog {\n  id Int @id\n  @@map("pets")\n  @@schema("a")\n}\n'
        'model Cat {\n  id Int @id\n  @@map("pets")\n  @@schema("b")\n}\n'
    )
    assert errors(schema) == []


def test_enums_with_the_same_database_name() -> None:
    schema = ds("postgresql") + 'enum A {\n  X\n  @@map("e")\n}\nenum B {\n  Y\n  @@map("e")\n}\n'
    assert errors(schema) == [("An enum with the same database name is already defined.", 9)]


def test_enums_on_a_connector_without_enums() -> None:
    schema = ds("sqlserver") + "enum Status {\n  ON\n}\n"
    assert errors(schema) == [
        ("Error validating: You defined the enum `Status`. But the current connector does not support enums.", 5)
    ]


# --- composite types ---------------------------------------------------------------------------------


def test_composite_types_need_connector_support() -> None:
    schema = ds("postgres") + "type Address {\n  street String\n}\n"
    assert errors(schema) == [("Error validating: Composite types are not supported on Postgres.", 5)]


def test_a_required_composite_field_of_its_own_type_is_a_cycle() -> None:
    schema = ds("mongodb") + "type Address {\n  name String?\n  next Address\n}\n"
    assert errors(schema) == [
        (
            "Error validating field `next` in composite type `Address`: The type is the same as the parent and "
            "causes an endless cycle. Please change the field to be either optional or a list.",
            7,
        )
    ]


def test_required_composite_cycles_are_reported_on_both_sides_with_their_path() -> None:
    schema = ds("mongodb") + "type A {\n  b B\n}\ntype B {\n  a A\n}\n"
    assert errors(schema) == [
        (
            "Error validating field `a` in composite type `B`: The types cause an endless cycle in the path `B` → "
            "`A` → `B`. Please change one of the fields to be either optional or a list to break the cycle.",
            9,
        ),
        (
            "Error validating field `b` in composite type `A`: The types cause an endless cycle in the path `A` → "
            "`B` → `A`. Please change one of the fields to be either optional or a list to break the cycle.",
            6,
        ),
    ]


def test_optional_and_list_fields_break_composite_cycles() -> None:
    schema = ds("mongodb") + "type A {\n  b B?\n}\ntype B {\n  a A[]\n}\n"
    assert errors(schema) == []


def test_a_cycle_away_from_the_first_type_terminates() -> None:
    schema = ds("mongodb") + "type A {\n  b B\n}\ntype B {\n  c C\n}\ntype C {\n  b B\n}\n"
    # Prisma's walk reports the cycle from every required field that leads into it.
    found = errors(schema)
    assert [line for _, line in found] == [12, 12, 9]
    assert all("endless cycle in the path" in m for m, _ in found)


# --- views ---------------------------------------------------------------------------------------------


def test_views_need_the_preview_feature() -> None:
    schema = ds("postgresql") + "view V {\n  id Int @unique\n}\n"
    assert errors(schema) == [
        ("Error validating: View definitions are only available with the `views` preview feature.", 5)
    ]


def test_views_cannot_have_primary_keys() -> None:
    schema = ds("postgresql") + VIEWS + "view V {\n  id Int @id\n}\n"
    assert errors(schema) == [("Error validating: Views cannot have primary keys.", 10)]


def test_view_uniques_take_no_database_name_clustering_or_field_arguments() -> None:
    schema = (
        ds("sqlserver")
        + VIEWS
        + (
            "view V {\n"  # 9
            '  a Int @unique(map: "x")\n'  # 10
            "  b Int\n"
            "  c Int\n"
            "  @@unique([b, c], clustered: true)\n"  # 13
            "  @@unique([b(sort: Desc)])\n"  # 14
            "  @@index([c])\n"  # 15
            "}\n"
        )
    )
    found = errors(schema)
    assert (
        "Error validating: @@unique annotations on views are not backed by unique indexes in the database and "
        "cannot specify a mapped database name.",
        10,
    ) in found
    assert (
        "Error validating: @@unique annotations on views are not backed by unique indexes in the database and "
        "cannot be clustered.",
        13,
    ) in found
    assert (
        'Error parsing attribute "@@unique": Scalar fields in @@unique attributes in views cannot have arguments.',
        14,
    ) in found
    assert ("Error validating: Views cannot have indexes.", 15) in found


# --- @@schema -------------------------------------------------------------------------------------------


def test_a_schema_missing_from_the_datasource() -> None:
    schema = ds("postgresql", '\n  schemas = ["public"]') + 'model M {\n  id Int @id\n  @@schema("other")\n}\n'
    assert errors(schema) == [
        (
            "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema",
            8,
        )
    ]


def test_every_block_needs_a_schema_once_the_datasource_lists_them() -> None:
    schema = ds("postgresql", '\n  schemas = ["a"]') + (
        'model M {\n  id Int @id\n  @@schema("a")\n}\n'  # 6-9
        "model N {\n  id Int @id\n}\n"  # 10-12
        "enum E {\n  X\n}\n"  # 13-15
    )
    assert errors(schema) == [
        ('Error validating model "N": This model is missing an `@@schema` attribute.', 10),
        ("This enum is missing an `@@schema` attribute.", 13),
    ]


def test_schema_attribute_on_a_connector_without_multi_schema() -> None:
    schema = ds("sqlite") + 'model M {\n  id Int @id\n  @@schema("a")\n}\n'
    assert errors(schema) == [("@@schema is not supported on the current datasource provider", 7)]


def test_schemas_property_on_a_connector_without_multi_schema_is_the_only_error() -> None:
    schema = ds("mysql", '\n  schemas = ["a"]') + 'model M {\n  id Int @id\n  @@schema("a")\n}\n'
    assert errors(schema) == [("The `schemas` property is not supported on the current connector.", 4)]


# --- connector-specific model rules ------------------------------------------------------------------------


def test_mongodb_models_need_an_id() -> None:
    schema = ds("mongodb") + "model M {\n  name String @unique\n}\n"
    assert ("Invalid model: MongoDB models require exactly one identity field annotated with @id", 5) in errors(schema)


def test_mongodb_auto_default_needs_object_id_and_id() -> None:
    schema = ds("mongodb") + (
        'model User {\n  id String @id @default(auto()) @map("_id") @db.ObjectId\n'
        "  nickname String @default(auto())\n}\n"
    )
    assert errors(schema) == [
        (
            "Error validating field `nickname` in model `User`: MongoDB `@default(auto())` fields must have "
            "`ObjectId` native type.",
            7,
        ),
        (
            "Error validating field `nickname` in model `User`: MongoDB `@default(auto())` fields must have the "
            "`@id` attribute.",
            7,
        ),
    ]


def test_mongodb_field_names_cannot_start_with_a_dollar() -> None:
    schema = ds("mongodb") + 'model M {\n  id Int @id @map("_id")\n  a Int @map("$a")\n}\n'
    assert errors(schema) == [('Error parsing attribute "@map": The field name cannot start with a `$` character', 7)]


def test_mysql_text_cannot_be_unique_without_length() -> None:
    schema = ds("mysql") + "model M {\n  id Int @id\n  a String @unique @db.Text\n}\n"
    assert errors(schema) == [
        (
            "Native type `Text` cannot be unique in MySQL. Please use the `length` argument to the field in the index "
            "definition to allow this.",
            7,
        )
    ]


def test_postgres_xml_index_error_points_at_the_field() -> None:
    schema = ds("postgresql") + "model M {\n  id Int @id\n  a String @db.Xml\n\n  @@index([a])\n}\n"
    assert errors(schema) == [("You cannot define an index on fields with native type `Xml` of Postgres.", 7)]


def test_sqlserver_bytes_cannot_be_an_id() -> None:
    schema = ds("sqlserver") + "model M {\n  id Bytes @id\n}\n"
    assert errors(schema) == [("Invalid model: Using Bytes type is not allowed in the model's id.", 6)]


def test_cockroachdb_autoincrement_only_on_bigint() -> None:
    schema = ds("cockroachdb") + "model M {\n  id Int @id @default(autoincrement())\n}\n"
    assert errors(schema) == [
        (
            'Error parsing attribute "default": The `autoincrement()` default function is defined only on BigInt '
            "fields on CockroachDB. Use sequence() if you want an autoincrementing Int field.",
            6,
        )
    ]


def test_postgres_operator_class_checks() -> None:
    schema = ds("postgresql") + "model M {\n  id Int @id\n  a Int\n  @@index([a(ops: TextOps)], type: SpGist)\n}\n"
    assert errors(schema) == [
        (
            'Error parsing attribute "@@index": The given operator class `TextOps` points to the field `a` that is '
            "not of String type.",
            8,
        )
    ]


def test_mysql_set_default_is_a_warning() -> None:
    schema = ds("mysql") + (
        "model A {\n  id Int @id\n  bs B[]\n}\n"
        "model B {\n  id Int @id\n  aId Int? @default(1)\n"
        "  a A? @relation(fields: [aId], references: [id], onDelete: SetDefault)\n}\n"
    )
    warnings = [d for d in diags(schema) if d[0] == "warning"]
    assert warnings == [
        (
            "warning",
            "MySQL does not actually support the `SetDefault` referential action, so using it may result "
            "in unexpected errors. Read more at https://pris.ly/d/mysql-set-default ",
            12,
        )
    ]


def test_only_the_first_empty_composite_type_is_reported() -> None:
    # Prisma stops checking composite types' fields once the schema has an error.
    schema = ds("mongodb") + "type A {\n}\ntype B {\n}\n"
    assert errors(schema) == [("Error validating: A type must have at least one field defined.", 5)]
