"""Connector rules as pure functions: keys, index algorithms, relations, MongoDB and CockroachDB rules."""

from __future__ import annotations

import pytest

from refrakt.psl.connectors import (
    COCKROACH,
    MONGODB,
    MSSQL,
    MYSQL,
    OPERATOR_CLASSES,
    POSTGRES,
    SQLITE,
    Connector,
    IndexAlgorithm,
    IndexField,
    KeyField,
    NativeTypeInstance,
    ReferentialAction,
    RelationMode,
    algorithm_supports_field,
    autoincrement_on_int_error,
    cockroach_index_errors,
    index_native_type_violation,
    mongo_auto_requires_id,
    mongo_auto_requires_object_id,
    mongo_dbgenerated_not_allowed,
    mongo_duplicate_index,
    mongo_field_name_errors,
    mongo_id_mapped_name,
    mongo_id_required,
    mongo_relation_native_type_warning,
    mongo_unique_on_id,
    operator_class_display,
    postgres_index_errors,
    primary_key_native_type_violation,
    referential_action_error,
    relation_mode_setting_error,
    set_default_warning,
)

NT = NativeTypeInstance
GUIDE = " Please use the `length` argument to the field in the index definition to allow this."


# --- native types in keys ---------------------------------------------------------------------------


def test_mysql_text_cannot_be_indexed_without_length() -> None:
    fields = [KeyField(NT("VarChar", (10,))), KeyField(NT("Text"))]
    v = index_native_type_violation(MYSQL, fields, unique=False)
    assert v is not None
    assert v.message == f"You cannot define an index on fields with native type `Text` of MySQL.{GUIDE}"
    assert (v.field_index, v.at_field) == (1, False)
    v = index_native_type_violation(MYSQL, fields, unique=True)
    assert v is not None and v.message == f"Native type `Text` cannot be unique in MySQL.{GUIDE}"


def test_mysql_length_and_fulltext_lift_the_restriction() -> None:
    assert index_native_type_violation(MYSQL, [KeyField(NT("LongBlob"), has_length=True)], unique=True) is None
    assert index_native_type_violation(MYSQL, [KeyField(NT("Text"))], unique=False, fulltext=True) is None
    assert primary_key_native_type_violation(MYSQL, [KeyField(NT("TinyText"), has_length=True)]) is None


def test_mysql_primary_key() -> None:
    v = primary_key_native_type_violation(MYSQL, [KeyField(NT("Int")), KeyField(NT("MediumBlob"))])
    assert v is not None and v.field_index == 1
    assert v.message == f"Native type `MediumBlob` of MySQL cannot be used on a field that is `@id` or `@@id`.{GUIDE}"
    assert primary_key_native_type_violation(MYSQL, [KeyField(None, "Bytes")]) is None


def test_sql_server_heap_types_match_with_their_arguments() -> None:
    assert index_native_type_violation(MSSQL, [KeyField(NT("NVarChar", (100,)))], unique=True) is None
    v = index_native_type_violation(MSSQL, [KeyField(NT("NVarChar", ("Max",)))], unique=True)
    assert v is not None and v.message == "Native type `NVarChar(Max)` cannot be unique in SQL Server."
    # Length prefixes do not help on SQL Server.
    v = index_native_type_violation(MSSQL, [KeyField(NT("Xml"), has_length=True)], unique=False)
    assert v is not None and v.message == "You cannot define an index on fields with native type `Xml` of SQL Server."


def test_sql_server_primary_keys_reject_heap_types_and_bytes() -> None:
    v = primary_key_native_type_violation(MSSQL, [KeyField(NT("Image"), "Bytes")])
    assert v is not None
    assert v.message == "Native type `Image` of SQL Server cannot be used on a field that is `@id` or `@@id`."
    v = primary_key_native_type_violation(MSSQL, [KeyField(None, "Int"), KeyField(NT("VarBinary", (10,)), "Bytes")])
    assert v is not None and v.field_index == 1
    assert v.message == "Invalid model: Using Bytes type is not allowed in the model's id."


def test_postgres_xml_points_at_the_field_and_has_no_pk_rule() -> None:
    v = index_native_type_violation(POSTGRES, [KeyField(None), KeyField(NT("Xml"))], unique=True)
    assert v is not None and v.at_field and v.field_index == 1
    assert v.message == "Native type `Xml` cannot be unique in Postgres."
    assert primary_key_native_type_violation(POSTGRES, [KeyField(NT("Xml"))]) is None


def test_connectors_without_key_rules() -> None:
    for connector in (SQLITE, COCKROACH, MONGODB):
        assert index_native_type_violation(connector, [KeyField(NT("Text"))], unique=True) is None
        assert primary_key_native_type_violation(connector, [KeyField(NT("Text"), "Bytes")]) is None


# --- index algorithms and operator classes --------------------------------------------------------------


def field(
    name: str = "a",
    scalar: str | None = "String",
    *,
    native_type: NativeTypeInstance | None = None,
    is_list: bool = False,
    operator_class: str | None = None,
    raw_operator_class: bool = False,
    is_unsupported: bool = False,
) -> IndexField:
    return IndexField(name, scalar, native_type, is_list, operator_class, raw_operator_class, is_unsupported)


def test_operator_class_table() -> None:
    assert len(OPERATOR_CLASSES) == 56
    assert OPERATOR_CLASSES["InetOps"] == {IndexAlgorithm.GIST, IndexAlgorithm.SP_GIST}
    assert operator_class_display("UuidMinMaxMultiOps") == "BitMinMaxOps"  # Prisma's own typo, kept
    assert operator_class_display("UuidMinMaxOps") == "UuidMinMaxOps"


def test_algorithm_field_types() -> None:
    assert algorithm_supports_field(IndexAlgorithm.GIN, field(scalar="Json"))
    assert algorithm_supports_field(IndexAlgorithm.GIN, field(scalar="Int", is_list=True))
    assert not algorithm_supports_field(IndexAlgorithm.GIN, field(scalar="Int"))
    assert algorithm_supports_field(IndexAlgorithm.BRIN, field(scalar="Decimal"))
    assert not algorithm_supports_field(IndexAlgorithm.BRIN, field(scalar="Boolean"))
    assert algorithm_supports_field(IndexAlgorithm.GIST, field(scalar=None, is_unsupported=True))
    assert not algorithm_supports_field(IndexAlgorithm.SP_GIST, field(scalar=None))


def at(message: str) -> str:
    return f'Error parsing attribute "@@index": {message}'


def test_postgres_operator_class_with_the_wrong_algorithm() -> None:
    errors = postgres_index_errors(
        IndexAlgorithm.BTREE, [field(scalar="Int", operator_class="Int4MinMaxOps")], "@@index"
    )
    assert errors == [at("The given operator class `Int4MinMaxOps` is not supported with the `BTree` index type.")]
    errors = postgres_index_errors(None, [field(scalar="Int", operator_class="Int4MinMaxOps")], "@@index")
    assert errors == [at("The given operator class `Int4MinMaxOps` is not supported with the `BTree` index type.")]


def test_postgres_brin_rules() -> None:
    ok = [
        field(scalar="Int"),
        field(scalar="Int", native_type=NT("SmallInt"), operator_class="Int2BloomOps"),
        field(scalar="DateTime", operator_class="TimestampMinMaxOps"),
        field(scalar="String", native_type=NT("Uuid")),
    ]
    assert postgres_index_errors(IndexAlgorithm.BRIN, ok, "@@index") == []
    bad = [
        field(scalar="Int", native_type=NT("Integer"), operator_class="Int2BloomOps"),
        field(scalar="Float", native_type=NT("Money")),
        field(scalar="String", operator_class="InetMinMaxOps"),
        field(scalar="String", operator_class="Int8BloomOps"),
        field("b", scalar="Boolean"),
    ]
    assert postgres_index_errors(IndexAlgorithm.BRIN, bad, "@@index") == [
        at("The given operator class `Int2BloomOps` does not support native type `Integer` of field `a`."),
        at("The Brin index field type `Money` has no default operator class."),
        at("The given operator class `InetMinMaxOps` expects the field `a` to define a valid native type."),
        at("The given operator class `Int8BloomOps` points to the field `a` that is not of BigInt type."),
        at("The Brin index type does not support the type of the field `b`."),
    ]


def test_postgres_gin_gist_and_spgist_rules() -> None:
    assert postgres_index_errors(IndexAlgorithm.GIN, [field(scalar="Json")], "@@index") == []
    assert postgres_index_errors(IndexAlgorithm.GIN, [field(scalar="Int", is_list=True)], "@@index") == []
    assert postgres_index_errors(IndexAlgorithm.GIN, [field(scalar="Int", operator_class="ArrayOps")], "@@index") == [
        at("The given operator class `ArrayOps` expects the type of field `a` to be an array.")
    ]
    assert postgres_index_errors(
        IndexAlgorithm.GIN, [field(scalar="String", operator_class="JsonbOps")], "@@index"
    ) == [at("The given operator class `JsonbOps` points to the field `a` that is not of Json type.")]
    assert postgres_index_errors(IndexAlgorithm.GIST, [field(scalar="Int")], "@@index") == [
        at("The Gist index type does not support the type of the field `a`.")
    ]
    inet = field(native_type=NT("Inet"), operator_class="InetOps")
    assert postgres_index_errors(IndexAlgorithm.GIST, [inet], "@@index") == []
    assert postgres_index_errors(IndexAlgorithm.SP_GIST, [field(native_type=NT("Char", (3,)))], "@@index") == []
    assert postgres_index_errors(IndexAlgorithm.SP_GIST, [field(), field("b")], "@@index") == [
        at("SpGist does not support multi-column indices.")
    ]


def test_raw_operator_classes_are_never_checked() -> None:
    raw = field(scalar="Int", raw_operator_class=True)
    assert postgres_index_errors(IndexAlgorithm.GIST, [raw], "@@index") == []


def test_postgres_index_rules_use_the_given_attribute_name() -> None:
    errors = POSTGRES.index_errors(IndexAlgorithm.HASH, [field(operator_class="TextOps")], "@@unique")
    assert errors == [
        'Error parsing attribute "@@unique": The given operator class `TextOps` is not supported with the '
        "`Hash` index type."
    ]


def test_cockroach_inverted_indexes() -> None:
    assert cockroach_index_errors(IndexAlgorithm.BTREE, [field(operator_class="X")], "@@index") == []
    assert cockroach_index_errors(IndexAlgorithm.GIN, [field(scalar="Json"), field("b", scalar="Json")], "@@index") == [
        at("A `Json` column is only allowed as the last column of an inverted index.")
    ]
    assert COCKROACH.index_errors(IndexAlgorithm.GIN, [field(scalar="Int")], "@@index") == [
        at("The Gin index type does not support the type of the field `a`.")
    ]
    errors = cockroach_index_errors(IndexAlgorithm.GIN, [field(scalar="Json", operator_class="JsonbOps")], "@@index")
    assert errors == [at("Custom operator classes are not supported with the current connector.")]


def test_connectors_without_index_rules() -> None:
    assert MYSQL.index_errors(IndexAlgorithm.HASH, [field(operator_class="TextOps")], "@@index") == []


# --- relations ----------------------------------------------------------------------------------------


def test_referential_action_errors() -> None:
    assert referential_action_error(POSTGRES, RelationMode.FOREIGN_KEYS, ReferentialAction.SET_DEFAULT) is None
    assert referential_action_error(MYSQL, RelationMode.PRISMA, ReferentialAction.SET_DEFAULT) == (
        "Error validating: Invalid referential action: `SetDefault`. Allowed values: "
        "(`Cascade`, `Restrict`, `NoAction`, `SetNull`)"
    )
    assert referential_action_error(SQLITE, RelationMode.PRISMA, ReferentialAction.NO_ACTION) == (
        "Error validating: Invalid referential action: `NoAction`. Allowed values: (`Cascade`, `Restrict`, "
        '`SetNull`). `NoAction` is not implemented for sqlite when using `relationMode = "prisma"`, you could '
        "try using `Restrict` instead. Learn more at https://pris.ly/d/relation-mode"
    )
    assert referential_action_error(MSSQL, RelationMode.FOREIGN_KEYS, ReferentialAction.RESTRICT) == (
        "Error validating: Invalid referential action: `Restrict`. Allowed values: "
        "(`Cascade`, `NoAction`, `SetNull`, `SetDefault`)"
    )


def test_set_default_warning_only_on_mysql_with_foreign_keys() -> None:
    assert set_default_warning(MYSQL, RelationMode.FOREIGN_KEYS) == (
        "MySQL does not actually support the `SetDefault` referential action, so using it may result in "
        "unexpected errors. Read more at https://pris.ly/d/mysql-set-default "
    )
    assert set_default_warning(MYSQL, RelationMode.PRISMA) is None
    assert set_default_warning(POSTGRES, RelationMode.FOREIGN_KEYS) is None


def test_relation_mode_setting_error() -> None:
    assert relation_mode_setting_error(MONGODB, RelationMode.FOREIGN_KEYS) == (
        'Error validating datasource `relationMode`: Invalid relation mode setting: "foreignKeys". '
        'Supported values: "prisma"'
    )
    assert relation_mode_setting_error(MONGODB, RelationMode.PRISMA) is None
    assert relation_mode_setting_error(MYSQL, RelationMode.PRISMA) is None


# --- MongoDB and CockroachDB model rules ---------------------------------------------------------------


def test_mongo_auto_default_rules() -> None:
    kw = {"container": "model", "model": "User", "field": "id"}
    assert mongo_auto_requires_object_id(has_auto_default=True, native_type_name="ObjectId", **kw) is None
    assert mongo_auto_requires_object_id(has_auto_default=False, native_type_name=None, **kw) is None
    assert mongo_auto_requires_object_id(has_auto_default=True, native_type_name=None, **kw) == (
        "Error validating field `id` in model `User`: MongoDB `@default(auto())` fields must have `ObjectId` "
        "native type."
    )
    assert mongo_auto_requires_id(has_auto_default=True, is_id=False, **kw) == (
        "Error validating field `id` in model `User`: MongoDB `@default(auto())` fields must have the `@id` attribute."
    )
    assert mongo_auto_requires_id(has_auto_default=True, is_id=True, **kw) is None
    assert mongo_dbgenerated_not_allowed(has_dbgenerated_default=True, **kw) == (
        "Error validating field `id` in model `User`: The `dbgenerated()` function is not allowed with MongoDB. "
        "Please use `auto()` instead."
    )


def test_mongo_id_rules() -> None:
    kw = {"container": "model", "model": "A"}
    assert mongo_id_mapped_name(id_field_count=1, field_name="id", mapped_name="_id", **kw) is None
    assert mongo_id_mapped_name(id_field_count=1, field_name="_id", mapped_name=None, **kw) is None
    assert mongo_id_mapped_name(id_field_count=2, field_name="id", mapped_name=None, **kw) is None
    assert mongo_id_mapped_name(id_field_count=1, field_name="id", mapped_name=None, **kw) == (
        'Error validating field `id` in model `A`: MongoDB model IDs must have an @map("_id") annotation.'
    )
    assert mongo_id_mapped_name(id_field_count=1, field_name="id", mapped_name="x", **kw) == (
        'Error validating field `id` in model `A`: MongoDB model IDs must have an @map("_id") annotation, '
        'found @map("x").'
    )
    assert mongo_id_required(has_primary_key=False) == (
        "Invalid model: MongoDB models require exactly one identity field annotated with @id"
    )
    assert mongo_id_required(has_primary_key=True) is None


def test_mongo_index_rules() -> None:
    assert mongo_duplicate_index(same_fields_elsewhere=1, attribute_name="index") == (
        'Error parsing attribute "@@index": Index already exists in the model.'
    )
    assert mongo_duplicate_index(same_fields_elsewhere=0, attribute_name="index") is None
    assert mongo_unique_on_id(is_unique=True, field_count=1, field_is_single_id=True, attribute_name="@unique") == (
        'Error parsing attribute "@unique": The same field cannot be an id and unique on MongoDB.'
    )
    assert mongo_unique_on_id(is_unique=True, field_count=2, field_is_single_id=True, attribute_name="@@unique") is None


def test_mongo_field_names() -> None:
    assert mongo_field_name_errors(None) == []
    assert mongo_field_name_errors("ok") == []
    assert mongo_field_name_errors("$a.b") == [
        'Error parsing attribute "@map": The field name cannot start with a `$` character',
        'Error parsing attribute "@map": The field name cannot contain a `.` character',
    ]


def relation_warning(a_nt: tuple[str, str] | None, b_nt: tuple[str, str] | None) -> str | None:
    return mongo_relation_native_type_warning(
        relation_model="Parent",
        relation_field="child",
        a=("Parent", "childId"),
        a_native_type=a_nt,
        b=("Child", "id"),
        b_native_type=b_nt,
    )


def test_mongo_relation_native_types() -> None:
    assert relation_warning(("db", "ObjectId"), ("db", "ObjectId")) is None
    assert relation_warning(None, None) is None
    assert relation_warning(None, ("db", "ObjectId")) == (
        "Warning validating field `child` in model `Parent`: Field Parent.childId and Child.id must have the same "
        "native type for MongoDB to join those collections correctly. Consider either removing Child.id's native "
        "type attribute or adding '@db.ObjectId' to Parent.childId. Beware that this will become an error in the "
        "future."
    )
    differ = relation_warning(("db", "String"), ("db", "ObjectId"))
    assert differ is not None and "either use '@db.String' or '@db.ObjectId'." in differ
    reverse = relation_warning(("db", "ObjectId"), None)
    assert reverse is not None and "removing Parent.childId's native type attribute or adding" in reverse


def test_cockroach_autoincrement_on_int() -> None:
    assert COCKROACH.autoincrement_requires_bigint and not POSTGRES.autoincrement_requires_bigint
    assert autoincrement_on_int_error(scalar_type="Int", has_autoincrement_default=True) == (
        'Error parsing attribute "default": The `autoincrement()` default function is defined only on BigInt fields '
        "on CockroachDB. Use sequence() if you want an autoincrementing Int field."
    )
    assert autoincrement_on_int_error(scalar_type="BigInt", has_autoincrement_default=True) is None
    assert autoincrement_on_int_error(scalar_type="Int", has_autoincrement_default=False) is None


@pytest.mark.parametrize("connector", [MYSQL, MSSQL, POSTGRES])
def test_sql_connectors_are_not_mongo(connector: Connector) -> None:
    assert connector.is_sql and not connector.is_mongo
