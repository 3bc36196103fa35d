"""PostgreSQL (``provider = "postgresql"`` or ``"postgres"``)."""

from __future__ import annotations

from refrakt.psl.connectors._capabilities import Capability as C
from refrakt.psl.connectors._capabilities import ConstraintScope
from refrakt.psl.connectors._connector import Connector
from refrakt.psl.connectors._index_types import postgres_index_errors
from refrakt.psl.connectors._messages import (
    argument_m_out_of_range,
    scale_larger_than_precision,
)
from refrakt.psl.connectors._types import Flavour, IndexAlgorithm, NativeTypeInstance, RelationMode, constructors, nt
from refrakt.psl.connectors._types import NativeTypeArgs as A
from refrakt.psl.connectors._types import ReferentialAction as RA
from refrakt.psl.connectors._types import ScalarType as S

NAME = "Postgres"

CAPABILITIES = (
    C.ADVANCED_JSON_NULLABILITY
    | C.ANY_ID
    | C.AUTO_INCREMENT
    | C.AUTO_INCREMENT_ALLOWED_ON_NON_ID
    | C.AUTO_INCREMENT_MULTIPLE_ALLOWED
    | C.AUTO_INCREMENT_NON_INDEXED_ALLOWED
    | C.COMPOUND_IDS
    | C.CREATE_MANY
    | C.CREATE_MANY_WRITEABLE_AUTO_INC_ID
    | C.CREATE_SKIP_DUPLICATES
    | C.ENUMS
    | C.ENUM_ARRAY_PUSH
    | C.NATIVE_FULL_TEXT_SEARCH
    | C.NATIVE_FULL_TEXT_SEARCH_WITHOUT_INDEX
    | C.INSENSITIVE_FILTERS
    | C.JSON
    | C.JSON_FILTERING
    | C.JSON_FILTERING_ARRAY_PATH
    | C.JSON_FILTERING_ALPHANUMERIC
    | C.JSON_FILTERING_ALPHANUMERIC_FIELD_REF
    | C.JSON_ARRAY_CONTAINS
    | C.MULTI_SCHEMA
    | C.NAMED_FOREIGN_KEYS
    | C.NAMED_PRIMARY_KEYS
    | C.RELATION_FIELDS_IN_ARBITRARY_ORDER
    | C.SCALAR_LISTS
    | C.JSON_LISTS
    | C.UPDATEABLE_ID
    | C.WRITABLE_AUTOINC_FIELD
    | C.IMPLICIT_MANY_TO_MANY_RELATION
    | C.DECIMAL_TYPE
    | C.ORDER_BY_NULLS_FIRST_LAST
    | C.FILTERED_INLINE_CHILD_NESTED_TO_ONE_DISCONNECT
    | C.SUPPORTS_TX_ISOLATION_READ_UNCOMMITTED
    | C.SUPPORTS_TX_ISOLATION_READ_COMMITTED
    | C.SUPPORTS_TX_ISOLATION_REPEATABLE_READ
    | C.SUPPORTS_TX_ISOLATION_SERIALIZABLE
    | C.NATIVE_UPSERT
    | C.INSERT_RETURNING
    | C.UPDATE_RETURNING
    | C.ROW_IN
    | C.DISTINCT_ON
    | C.DELETE_RETURNING
    | C.SUPPORTS_FILTERS_ON_RELATIONS_WITHOUT_JOINS
    | C.LATERAL_JOIN
    | C.SUPPORTS_DEFAULT_IN_INSERT
)

# name, arguments, field types it may annotate, scalar type introspection gives it
NATIVE_TYPES = constructors(
    ("SmallInt", A.NONE, (S.INT,), S.INT),
    ("Integer", A.NONE, (S.INT,), S.INT),
    ("BigInt", A.NONE, (S.BIG_INT,), S.BIG_INT),
    ("Decimal", A.OPTIONAL_PRECISION_SCALE, (S.DECIMAL,), S.DECIMAL),
    ("Money", A.NONE, (S.DECIMAL,), S.DECIMAL),
    ("Inet", A.NONE, (S.STRING,), S.STRING),
    ("Oid", A.NONE, (S.INT,), S.INT),
    ("Citext", A.NONE, (S.STRING,), S.STRING),
    ("Real", A.NONE, (S.FLOAT,), S.FLOAT),
    ("DoublePrecision", A.NONE, (S.FLOAT,), S.FLOAT),
    ("VarChar", A.OPTIONAL_LENGTH, (S.STRING,), S.STRING),
    ("Char", A.OPTIONAL_LENGTH, (S.STRING,), S.STRING),
    ("Text", A.NONE, (S.STRING,), S.STRING),
    ("ByteA", A.NONE, (S.BYTES,), S.BYTES),
    ("Timestamp", A.OPTIONAL_LENGTH, (S.DATE_TIME,), S.DATE_TIME),
    ("Timestamptz", A.OPTIONAL_LENGTH, (S.DATE_TIME,), S.DATE_TIME),
    ("Date", A.NONE, (S.DATE_TIME,), S.DATE_TIME),
    ("Time", A.OPTIONAL_LENGTH, (S.DATE_TIME,), S.DATE_TIME),
    ("Timetz", A.OPTIONAL_LENGTH, (S.DATE_TIME,), S.DATE_TIME),
    ("Boolean", A.NONE, (S.BOOLEAN,), S.BOOLEAN),
    ("Bit", A.OPTIONAL_LENGTH, (S.STRING,), S.STRING),
    ("VarBit", A.OPTIONAL_LENGTH, (S.STRING,), S.STRING),
    ("Uuid", A.NONE, (S.STRING,), S.STRING),
    ("Xml", A.NONE, (S.STRING,), S.STRING),
    ("Json", A.NONE, (S.JSON,), S.JSON),
    ("JsonB", A.NONE, (S.JSON,), S.JSON),
)

SCALAR_TYPE_DEFAULTS = {
    S.INT: nt("Integer"),
    S.BIG_INT: nt("BigInt"),
    S.FLOAT: nt("DoublePrecision"),
    S.DECIMAL: nt("Decimal", 65, 30),
    S.BOOLEAN: nt("Boolean"),
    S.STRING: nt("Text"),
    S.DATE_TIME: nt("Timestamp", 3),
    S.BYTES: nt("ByteA"),
    S.JSON: nt("JsonB"),
}

_TIME_TYPES = frozenset({"Timestamp", "Timestamptz", "Time", "Timetz"})


def postgres_style_argument_rules(native_type: NativeTypeInstance, connector_name: str) -> str | None:
    """Range rules shared by Postgres and CockroachDB (first matching rule wins, as in Prisma)."""
    name, args = native_type.name, native_type.args
    if name == "Decimal" and len(args) == 2:
        precision, scale = args
        assert isinstance(precision, int) and isinstance(scale, int)
        if scale > precision:
            return scale_larger_than_precision(native_type, connector_name)
        if precision > 1000 or precision == 0:
            return argument_m_out_of_range(
                native_type, connector_name, "Precision must be positive with a maximum value of 1000."
            )
    elif name in ("Bit", "VarBit") and args == (0,):
        return argument_m_out_of_range(native_type, connector_name, "M must be a positive integer.")
    elif name in _TIME_TYPES and args and isinstance(args[0], int) and args[0] > 6:
        return argument_m_out_of_range(native_type, connector_name, "M can range from 0 to 6.")
    return None


def _argument_rules(native_type: NativeTypeInstance, _scalar_type: str | None) -> str | None:
    return postgres_style_argument_rules(native_type, NAME)


POSTGRES = Connector(
    provider_name="postgresql",
    provider_aliases=("postgres",),
    name=NAME,
    flavour=Flavour.POSTGRES,
    capabilities=CAPABILITIES,
    max_identifier_length=63,
    foreign_key_actions=frozenset({RA.NO_ACTION, RA.RESTRICT, RA.CASCADE, RA.SET_NULL, RA.SET_DEFAULT}),
    emulated_actions=frozenset({RA.RESTRICT, RA.SET_NULL, RA.CASCADE}),
    set_null_on_non_nullable_allowed_in=frozenset({RelationMode.FOREIGN_KEYS}),
    constraint_scopes=(
        ConstraintScope.GLOBAL_PRIMARY_KEY_KEY_INDEX,
        ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY,
    ),
    native_types=NATIVE_TYPES,
    scalar_type_defaults=SCALAR_TYPE_DEFAULTS,
    argument_rules=_argument_rules,
    index_algorithms=frozenset(IndexAlgorithm),
    index_rules=postgres_index_errors,
    url_prefixes=("postgres://", "postgresql://", "prisma+postgres://"),
    url_error="must start with the protocol `postgresql://` or `postgres://`.",
    full_text_search_preview_feature="fullTextSearchPostgres",
    uuid_has_own_filter=True,
    index_restricted_native_types=frozenset({"Xml"}),
    key_errors_point_at_field=True,
)
