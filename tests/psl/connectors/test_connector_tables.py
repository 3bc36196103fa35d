"""The connector tables: lookup, names, capabilities, type mappings, relations, constraint names."""

from __future__ import annotations

import pytest

from refrakt.psl.connectors import (
    BUILTIN_CONNECTORS,
    COCKROACH,
    EMPTY_CONNECTOR,
    MONGODB,
    MSSQL,
    MYSQL,
    POSTGRES,
    PROVIDER_NAMES,
    SQLITE,
    Capability,
    Connector,
    ConstraintScope,
    ConstraintType,
    Flavour,
    IndexAlgorithm,
    NativeTypeArgs,
    NativeTypeInstance,
    ReferentialAction,
    RelationMode,
    ScalarType,
    checked_scopes,
    db_name_too_long_error,
    default_constraint_name,
    foreign_key_constraint_name,
    get_connector,
    non_unique_index_name,
    parse_native_type,
    primary_key_name,
    scope_members,
    unique_index_name,
)

RA = ReferentialAction


# --- lookup and names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "connector"),
    [
        ("postgresql", POSTGRES),
        ("postgres", POSTGRES),
        ("mysql", MYSQL),
        ("sqlite", SQLITE),
        ("sqlserver", MSSQL),
        ("cockroachdb", COCKROACH),
        ("mongodb", MONGODB),
    ],
)
def test_get_connector_by_provider(provider: str, connector: Connector) -> None:
    assert get_connector(provider) is connector


@pytest.mark.parametrize("provider", ["Postgres", "postgresql ", "mariadb", "mssql", "cockroach", "", "empty"])
def test_unknown_providers_have_no_connector(provider: str) -> None:
    assert get_connector(provider) is None


def test_provider_names_and_registry_order() -> None:
    assert [c.provider_name for c in BUILTIN_CONNECTORS] == [
        "postgresql",
        "mysql",
        "sqlite",
        "sqlserver",
        "cockroachdb",
        "mongodb",
    ]
    assert set(PROVIDER_NAMES) == {"postgresql", "postgres", "mysql", "sqlite", "sqlserver", "cockroachdb", "mongodb"}
    assert POSTGRES.is_provider("postgres") and POSTGRES.is_provider("postgresql")
    assert not MYSQL.is_provider("postgres")


@pytest.mark.parametrize(
    ("connector", "name", "limit", "flavour"),
    [
        (POSTGRES, "Postgres", 63, Flavour.POSTGRES),
        (MYSQL, "MySQL", 64, Flavour.MYSQL),
        (SQLITE, "sqlite", 10000, Flavour.SQLITE),
        (MSSQL, "SQL Server", 128, Flavour.SQLSERVER),
        (COCKROACH, "CockroachDB", 63, Flavour.COCKROACH),
        (MONGODB, "MongoDB", 127, Flavour.MONGO),
    ],
)
def test_names_limits_and_flavours(connector: Connector, name: str, limit: int, flavour: Flavour) -> None:
    assert connector.name == name
    assert connector.max_identifier_length == limit
    assert connector.flavour is flavour
    assert connector.is_sql == (flavour is not Flavour.MONGO)
    assert connector.is_mongo == (flavour is Flavour.MONGO)


def test_empty_connector_is_neither_sql_nor_mongo() -> None:
    assert not EMPTY_CONNECTOR.is_sql and not EMPTY_CONNECTOR.is_mongo
    assert EMPTY_CONNECTOR.capabilities == (
        Capability.AUTO_INCREMENT
        | Capability.COMPOUND_IDS
        | Capability.ENUMS
        | Capability.JSON
        | Capability.IMPLICIT_MANY_TO_MANY_RELATION
    )
    assert EMPTY_CONNECTOR.referential_actions(RelationMode.FOREIGN_KEYS) == tuple(ReferentialAction)
    assert EMPTY_CONNECTOR.native_types == {}


# --- capabilities --------------------------------------------------------------------------------------


def test_capability_names_round_trip_in_prisma_spelling() -> None:
    assert Capability.SCALAR_LISTS.prisma_name == "ScalarLists"
    assert Capability.JSON_FILTERING_JSON_PATH.prisma_name == "JsonFilteringJsonPath"
    assert Capability.SUPPORTS_TX_ISOLATION_READ_UNCOMMITTED.prisma_name == "SupportsTxIsolationReadUncommitted"
    for cap in Capability:
        assert Capability.from_prisma_name(cap.prisma_name) is cap
    with pytest.raises(ValueError, match=r"Foo is not a known connector capability\."):
        Capability.from_prisma_name("Foo")
    assert len(list(Capability)) == 63


@pytest.mark.parametrize(
    ("capability", "holders"),
    [
        (Capability.SCALAR_LISTS, {"postgresql", "cockroachdb", "mongodb"}),
        (Capability.ENUMS, {"postgresql", "mysql", "sqlite", "cockroachdb", "mongodb"}),
        (Capability.JSON, {"postgresql", "mysql", "sqlite", "cockroachdb", "mongodb"}),
        (Capability.JSON_LISTS, {"postgresql", "mongodb"}),
        (Capability.COMPOSITE_TYPES, {"mongodb"}),
        (Capability.DECIMAL_TYPE, {"postgresql", "mysql", "sqlite", "sqlserver", "cockroachdb"}),
        (Capability.MULTI_SCHEMA, {"postgresql", "sqlserver", "cockroachdb"}),
        (Capability.NAMED_PRIMARY_KEYS, {"postgresql", "sqlserver", "cockroachdb"}),
        (Capability.NAMED_DEFAULT_VALUES, {"sqlserver"}),
        (Capability.INDEX_COLUMN_LENGTH_PREFIXING, {"mysql"}),
        (Capability.FULL_TEXT_INDEX, {"mysql", "mongodb"}),
        (Capability.CLUSTERING_SETTING, {"sqlserver"}),
        (Capability.AUTO_INCREMENT, {"postgresql", "mysql", "sqlite", "sqlserver", "cockroachdb"}),
        (Capability.DISTINCT_ON, {"postgresql"}),
        (Capability.CORRELATED_SUBQUERIES, {"mysql"}),
        (Capability.LATERAL_JOIN, {"postgresql", "cockroachdb"}),
        (Capability.DEFAULT_VALUE_AUTO, {"mongodb"}),
        (Capability.BACKWARD_COMPATIBLE_QUERY_RAW, {"sqlite"}),
    ],
)
def test_capability_holders(capability: Capability, holders: set[str]) -> None:
    assert {c.provider_name for c in BUILTIN_CONNECTORS if c.has_capability(capability)} == holders


def test_capability_members_are_single_flags_in_order() -> None:
    members = SQLITE.capabilities.members()
    assert members[0] is Capability.ENUMS
    assert all(m in SQLITE.capabilities for m in members)
    assert len(members) == 24


# --- native type tables ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("connector", "scalar", "expected"),
    [
        (POSTGRES, "String", "Text"),
        (POSTGRES, "DateTime", "Timestamp(3)"),
        (POSTGRES, "Decimal", "Decimal(65,30)"),
        (POSTGRES, "Json", "JsonB"),
        (POSTGRES, "Float", "DoublePrecision"),
        (POSTGRES, "Bytes", "ByteA"),
        (MYSQL, "String", "VarChar(191)"),
        (MYSQL, "DateTime", "DateTime(3)"),
        (MYSQL, "Boolean", "TinyInt"),
        (MYSQL, "Bytes", "LongBlob"),
        (MYSQL, "Decimal", "Decimal(65,30)"),
        (MSSQL, "String", "NVarChar(1000)"),
        (MSSQL, "Bytes", "VarBinary(Max)"),
        (MSSQL, "Float", "Float(53)"),
        (MSSQL, "Decimal", "Decimal(32,16)"),
        (MSSQL, "DateTime", "DateTime2"),
        (COCKROACH, "String", "String"),
        (COCKROACH, "Int", "Int4"),
        (COCKROACH, "BigInt", "Int8"),
        (MONGODB, "Int", "Long"),
        (MONGODB, "DateTime", "Date"),
    ],
)
def test_default_native_types(connector: Connector, scalar: str, expected: str) -> None:
    nt = connector.default_native_type(scalar)
    assert nt is not None and str(nt) == expected
    assert connector.native_type_is_default(nt, scalar)


def test_sqlite_has_no_native_types() -> None:
    assert SQLITE.default_native_type("String") is None
    assert SQLITE.native_types == {}
    assert not SQLITE.native_types_supported
    assert MONGODB.default_native_type("Decimal") is None
    assert POSTGRES.default_native_type("Unsupported") is None


def test_every_default_is_a_known_native_type_that_round_trips() -> None:
    for connector in BUILTIN_CONNECTORS:
        for scalar, nt in connector.scalar_type_defaults.items():
            assert isinstance(scalar, ScalarType)
            constructor = connector.find_native_type(nt.name)
            assert constructor is not None, (connector, nt)
            assert parse_native_type(connector, nt.name, nt.parts) == nt


def test_native_type_instance_rendering() -> None:
    assert str(NativeTypeInstance("VarChar", (255,))) == "VarChar(255)"
    assert str(NativeTypeInstance("Decimal", (10, 2))) == "Decimal(10,2)"
    assert str(NativeTypeInstance("NVarChar", ("Max",))) == "NVarChar(Max)"
    assert str(NativeTypeInstance("Text")) == "Text"
    assert NativeTypeInstance("Decimal", (10, 2)).parts == ("10", "2")


@pytest.mark.parametrize(
    ("connector", "name", "args", "allowed"),
    [
        (POSTGRES, "VarChar", NativeTypeArgs.OPTIONAL_LENGTH, ("String",)),
        (POSTGRES, "Decimal", NativeTypeArgs.OPTIONAL_PRECISION_SCALE, ("Decimal",)),
        (POSTGRES, "Timestamptz", NativeTypeArgs.OPTIONAL_LENGTH, ("DateTime",)),
        (MYSQL, "VarChar", NativeTypeArgs.LENGTH, ("String",)),
        (MYSQL, "TinyInt", NativeTypeArgs.NONE, ("Boolean", "Int")),
        (MYSQL, "Bit", NativeTypeArgs.LENGTH, ("Boolean", "Bytes")),
        (MSSQL, "NVarChar", NativeTypeArgs.OPTIONAL_LENGTH_OR_MAX, ("String",)),
        (MSSQL, "Bit", NativeTypeArgs.NONE, ("Boolean", "Int")),
        (COCKROACH, "String", NativeTypeArgs.OPTIONAL_LENGTH, ("String",)),
        (MONGODB, "ObjectId", NativeTypeArgs.NONE, ("String", "Bytes")),
        (MONGODB, "Long", NativeTypeArgs.NONE, ("Int", "BigInt")),
    ],
)
def test_native_type_constructors(
    connector: Connector, name: str, args: NativeTypeArgs, allowed: tuple[str, ...]
) -> None:
    constructor = connector.find_native_type(name)
    assert constructor is not None
    assert constructor.args is args
    assert constructor.allowed_types == allowed


def test_native_type_counts() -> None:
    counts = {c.provider_name: len(c.native_types) for c in BUILTIN_CONNECTORS}
    assert counts == {"postgresql": 26, "mysql": 32, "sqlite": 0, "sqlserver": 27, "cockroachdb": 22, "mongodb": 10}


def test_argument_arity() -> None:
    assert (NativeTypeArgs.LENGTH.required_count, NativeTypeArgs.LENGTH.optional_count) == (1, 0)
    assert (
        NativeTypeArgs.OPTIONAL_PRECISION_SCALE.required_count,
        NativeTypeArgs.OPTIONAL_PRECISION_SCALE.optional_count,
    ) == (0, 2)
    assert NativeTypeArgs.OPTIONAL_PRECISION_SCALE.names == ("precision", "scale")
    assert NativeTypeArgs.NONE.optional_count == 0


@pytest.mark.parametrize(
    ("connector", "native", "scalar"),
    [
        (POSTGRES, NativeTypeInstance("Citext"), "String"),
        (POSTGRES, NativeTypeInstance("Money"), "Decimal"),
        (POSTGRES, NativeTypeInstance("Oid"), "Int"),
        (MYSQL, NativeTypeInstance("Bit", (1,)), "Bytes"),
        (MYSQL, NativeTypeInstance("TinyInt"), "Int"),
        (MYSQL, NativeTypeInstance("Year"), "Int"),
        (MYSQL, NativeTypeInstance("UnsignedBigInt"), "BigInt"),
        (MSSQL, NativeTypeInstance("BigInt"), "Int"),
        (MSSQL, NativeTypeInstance("Money"), "Float"),
        (MSSQL, NativeTypeInstance("Bit"), "Bytes"),
        (COCKROACH, NativeTypeInstance("CatalogSingleChar"), "String"),
    ],
)
def test_scalar_type_for_native_type(connector: Connector, native: NativeTypeInstance, scalar: str) -> None:
    assert connector.scalar_type_for_native_type(native) == scalar


def test_scalar_type_for_native_type_has_no_answer_for_mongo_or_unknown() -> None:
    assert MONGODB.scalar_type_for_native_type(NativeTypeInstance("String")) is None
    assert POSTGRES.scalar_type_for_native_type(NativeTypeInstance("Numerical")) is None


def test_index_algorithms() -> None:
    assert POSTGRES.index_algorithms == frozenset(IndexAlgorithm)
    assert COCKROACH.index_algorithms == {IndexAlgorithm.BTREE, IndexAlgorithm.GIN}
    assert MYSQL.supports_index_algorithm(IndexAlgorithm.BTREE)
    assert not MYSQL.supports_index_algorithm(IndexAlgorithm.HASH)
    assert IndexAlgorithm.parse("SpGist") is IndexAlgorithm.SP_GIST
    assert IndexAlgorithm.parse("spgist") is None


# --- relations ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("connector", "mode", "actions"),
    [
        (POSTGRES, RelationMode.FOREIGN_KEYS, (RA.CASCADE, RA.RESTRICT, RA.NO_ACTION, RA.SET_NULL, RA.SET_DEFAULT)),
        (POSTGRES, RelationMode.PRISMA, (RA.CASCADE, RA.RESTRICT, RA.SET_NULL)),
        (SQLITE, RelationMode.PRISMA, (RA.CASCADE, RA.RESTRICT, RA.SET_NULL)),
        (MYSQL, RelationMode.PRISMA, (RA.CASCADE, RA.RESTRICT, RA.NO_ACTION, RA.SET_NULL)),
        (MSSQL, RelationMode.FOREIGN_KEYS, (RA.CASCADE, RA.NO_ACTION, RA.SET_NULL, RA.SET_DEFAULT)),
        (MSSQL, RelationMode.PRISMA, (RA.CASCADE, RA.RESTRICT, RA.NO_ACTION, RA.SET_NULL)),
        (MONGODB, RelationMode.FOREIGN_KEYS, ()),
        (MONGODB, RelationMode.PRISMA, (RA.CASCADE, RA.RESTRICT, RA.NO_ACTION, RA.SET_NULL)),
    ],
)
def test_referential_actions(connector: Connector, mode: RelationMode, actions: tuple[ReferentialAction, ...]) -> None:
    assert connector.referential_actions(mode) == actions
    for action in ReferentialAction:
        assert connector.supports_referential_action(mode, action) == (action in actions)


def test_relation_modes() -> None:
    assert MONGODB.allowed_relation_modes == (RelationMode.PRISMA,)
    assert MONGODB.default_relation_mode is RelationMode.PRISMA
    for connector in (POSTGRES, MYSQL, SQLITE, MSSQL, COCKROACH):
        assert connector.allowed_relation_modes == (RelationMode.FOREIGN_KEYS, RelationMode.PRISMA)
        assert connector.default_relation_mode is RelationMode.FOREIGN_KEYS
    assert RelationMode.parse("foreignKeys") is RelationMode.FOREIGN_KEYS
    assert RelationMode.parse("ForeignKeys") is None


def test_default_referential_actions() -> None:
    # Required relations default to Restrict where the mode supports it, else NoAction.
    assert POSTGRES.default_on_delete(required=True, relation_mode=RelationMode.FOREIGN_KEYS) is RA.RESTRICT
    assert MSSQL.default_on_delete(required=True, relation_mode=RelationMode.FOREIGN_KEYS) is RA.NO_ACTION
    assert MSSQL.default_on_delete(required=True, relation_mode=RelationMode.PRISMA) is RA.RESTRICT
    assert MONGODB.default_on_delete(required=True, relation_mode=RelationMode.PRISMA) is RA.RESTRICT
    assert POSTGRES.default_on_delete(required=False, relation_mode=RelationMode.FOREIGN_KEYS) is RA.SET_NULL
    assert MYSQL.default_on_update() is RA.CASCADE


def test_set_null_on_non_nullable_fields_only_on_postgres_with_foreign_keys() -> None:
    assert POSTGRES.allows_set_null_on_non_nullable_fields(RelationMode.FOREIGN_KEYS)
    assert not POSTGRES.allows_set_null_on_non_nullable_fields(RelationMode.PRISMA)
    assert not MYSQL.allows_set_null_on_non_nullable_fields(RelationMode.FOREIGN_KEYS)


def test_triggers_modification() -> None:
    assert {a for a in ReferentialAction if a.triggers_modification} == {RA.CASCADE, RA.SET_NULL, RA.SET_DEFAULT}


# --- constraint names ---------------------------------------------------------------------------------


def test_constraint_scopes_per_connector() -> None:
    s = ConstraintScope
    assert POSTGRES.constraint_scopes == (s.GLOBAL_PRIMARY_KEY_KEY_INDEX, s.MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY)
    assert MYSQL.constraint_scopes == (s.GLOBAL_FOREIGN_KEY, s.MODEL_KEY_INDEX)
    assert SQLITE.constraint_scopes == (s.GLOBAL_KEY_INDEX,)
    assert MSSQL.constraint_scopes == (s.GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT, s.MODEL_PRIMARY_KEY_KEY_INDEX)
    assert COCKROACH.constraint_scopes == (s.MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY,)
    assert MONGODB.constraint_scopes == (s.MODEL_KEY_INDEX,)
    assert EMPTY_CONNECTOR.constraint_scopes == ()


def test_constraint_scope_descriptions_and_members() -> None:
    s = ConstraintScope
    assert s.GLOBAL_KEY_INDEX.description("User") == "global for indexes and unique constraints"
    assert s.MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY.description("User") == (
        "on model `User` for primary key, indexes, unique constraints and foreign keys"
    )
    assert s.GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT.is_global and not s.MODEL_KEY_INDEX.is_global
    assert scope_members(s.GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT) == {
        ConstraintType.PRIMARY_KEY,
        ConstraintType.FOREIGN_KEY,
        ConstraintType.DEFAULT,
    }
    assert checked_scopes(ConstraintType.DEFAULT) == (s.GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT,)
    assert s.MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY not in checked_scopes(ConstraintType.KEY_OR_INDEX)


def test_default_constraint_names() -> None:
    assert primary_key_name("User", POSTGRES) == "User_pkey"
    assert unique_index_name("User", ["email", "name"], POSTGRES) == "User_email_name_key"
    assert non_unique_index_name("Post", ["authorId"], MYSQL) == "Post_authorId_idx"
    assert foreign_key_constraint_name("Post", ["authorId"], POSTGRES) == "Post_authorId_fkey"
    assert default_constraint_name("User", "role", MSSQL) == "User_role_df"


def test_constraint_names_are_truncated_to_the_identifier_limit() -> None:
    long_table = "t" * 70
    name = primary_key_name(long_table, POSTGRES)
    assert name == "t" * 58 + "_pkey" and len(name) == 63
    name = unique_index_name("a" * 40, ["b" * 40], MYSQL)
    assert len(name) == 64 and name.endswith("_key")
    # Truncation counts UTF-8 bytes and never splits a character.
    name = foreign_key_constraint_name("é" * 40, ["x"], POSTGRES)
    assert name.endswith("_fkey") and len(name.encode()) <= 63
    assert name == "é" * 29 + "_fkey"


def test_db_name_too_long_error() -> None:
    assert (
        db_name_too_long_error("a" * 63, model_name="User", attribute="id", connector=POSTGRES, double_at=False) is None
    )
    message = db_name_too_long_error(
        "a" * 64, model_name="User", attribute="unique", connector=POSTGRES, double_at=True
    )
    assert message == (
        f"Error validating model \"User\": The constraint name '{'a' * 64}' specified in the `map` argument for the "
        "`@@unique` constraint is too long for your chosen provider. The maximum allowed length is 63 bytes."
    )
    assert db_name_too_long_error(None, model_name="User", attribute="id", connector=POSTGRES, double_at=False) is None


# --- misc ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("connector", "url", "ok"),
    [
        (POSTGRES, "postgresql://u@h/db", True),
        (POSTGRES, "prisma+postgres://x", True),
        (POSTGRES, "mysql://x", False),
        (COCKROACH, "prisma+postgres://x", False),
        (MYSQL, "mysql://u@h/db", True),
        (SQLITE, "file:./dev.db", True),
        (SQLITE, "./dev.db", False),
        (MSSQL, "sqlserver://h", True),
        (MONGODB, "mongodb+srv://h", True),
    ],
)
def test_validate_url(connector: Connector, url: str, ok: bool) -> None:
    assert (connector.validate_url(url) is None) == ok


def test_url_error_texts() -> None:
    assert SQLITE.validate_url("x") == "must start with the protocol `file:`."
    assert POSTGRES.validate_url("x") == "must start with the protocol `postgresql://` or `postgres://`."


def test_uuid_filter_name() -> None:
    assert POSTGRES.scalar_filter_name("String", "Uuid") == "Uuid"
    assert COCKROACH.scalar_filter_name("String", "UUID") == "Uuid"
    assert MYSQL.scalar_filter_name("String", "Uuid") == "String"
    assert POSTGRES.scalar_filter_name("String", None) == "String"
