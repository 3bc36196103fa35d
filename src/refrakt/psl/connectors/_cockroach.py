"""CockroachDB (``provider = "cockroachdb"``)."""

from __future__ import annotations

from refrakt.psl.connectors._capabilities import Capability as C
from refrakt.psl.connectors._capabilities import ConstraintScope
from refrakt.psl.connectors._connector import Connector
from refrakt.psl.connectors._index_types import cockroach_index_errors
from refrakt.psl.connectors._postgres import postgres_style_argument_rules
from refrakt.psl.connectors._types import Flavour, IndexAlgorithm, NativeTypeInstance, constructors, nt
from refrakt.psl.connectors._types import NativeTypeArgs as A
from refrakt.psl.connectors._types import ReferentialAction as RA
from refrakt.psl.connectors._types import ScalarType as S

NAME = "CockroachDB"

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
    | C.INSENSITIVE_FILTERS
    | C.JSON
    | C.JSON_FILTERING
    | C.JSON_FILTERING_ARRAY_PATH
    | C.JSON_ARRAY_CONTAINS
    | C.NAMED_PRIMARY_KEYS
    | C.NAMED_FOREIGN_KEYS
    | C.RELATION_FIELDS_IN_ARBITRARY_ORDER
    | C.SCALAR_LISTS
    | C.UPDATEABLE_ID
    | C.WRITABLE_AUTOINC_FIELD
    | C.IMPLICIT_MANY_TO_MANY_RELATION
    | C.DECIMAL_TYPE
    | C.ORDER_BY_NULLS_FIRST_LAST
    | C.SUPPORTS_TX_ISOLATION_SERIALIZABLE
    | C.NATIVE_UPSERT
    | C.MULTI_SCHEMA
    | C.FILTERED_INLINE_CHILD_NESTED_TO_ONE_DISCONNECT
    | C.INSERT_RETURNING
    | C.UPDATE_RETURNING
    | C.ROW_IN
    | C.DELETE_RETURNING
    | C.SUPPORTS_FILTERS_ON_RELATIONS_WITHOUT_JOINS
    | C.LATERAL_JOIN
    | C.SUPPORTS_DEFAULT_IN_INSERT
    | C.SUPPORTS_TX_ISOLATION_READ_COMMITTED
)

# name, arguments, field types it may annotate, scalar type introspection gives it
NATIVE_TYPES = constructors(
    ("Bit", A.OPTIONAL_LENGTH, (S.STRING,), S.STRING),
    ("Bool", A.NONE, (S.BOOLEAN,), S.BOOLEAN),
    ("Bytes", A.NONE, (S.BYTES,), S.BYTES),
    ("Char", A.OPTIONAL_LENGTH, (S.STRING,), S.STRING),
    ("Date", A.NONE, (S.DATE_TIME,), S.DATE_TIME),
    ("Decimal", A.OPTIONAL_PRECISION_SCALE, (S.DECIMAL,), S.DECIMAL),
    ("Float4", A.NONE, (S.FLOAT,), S.FLOAT),
    ("Float8", A.NONE, (S.FLOAT,), S.FLOAT),
    ("Inet", A.NONE, (S.STRING,), S.STRING),
    ("Int2", A.NONE, (S.INT,), S.INT),
    ("Int4", A.NONE, (S.INT,), S.INT),
    ("Int8", A.NONE, (S.BIG_INT,), S.BIG_INT),
    ("JsonB", A.NONE, (S.JSON,), S.JSON),
    ("Oid", A.NONE, (S.INT,), S.INT),
    ("CatalogSingleChar", A.NONE, (S.STRING,), S.STRING),
    ("String", A.OPTIONAL_LENGTH, (S.STRING,), S.STRING),
    ("Time", A.OPTIONAL_LENGTH, (S.DATE_TIME,), S.DATE_TIME),
    ("Timestamp", A.OPTIONAL_LENGTH, (S.DATE_TIME,), S.DATE_TIME),
    ("Timestamptz", A.OPTIONAL_LENGTH, (S.DATE_TIME,), S.DATE_TIME),
    ("Timetz", A.OPTIONAL_LENGTH, (S.DATE_TIME,), S.DATE_TIME),
    ("Uuid", A.NONE, (S.STRING,), S.STRING),
    ("VarBit", A.OPTIONAL_LENGTH, (S.STRING,), S.STRING),
)

SCALAR_TYPE_DEFAULTS = {
    S.INT: nt("Int4"),
    S.BIG_INT: nt("Int8"),
    S.FLOAT: nt("Float8"),
    S.DECIMAL: nt("Decimal", 65, 30),
    S.BOOLEAN: nt("Bool"),
    S.STRING: nt("String"),
    S.DATE_TIME: nt("Timestamp", 3),
    S.BYTES: nt("Bytes"),
    S.JSON: nt("JsonB"),
}


def _argument_rules(native_type: NativeTypeInstance, _scalar_type: str | None) -> str | None:
    return postgres_style_argument_rules(native_type, NAME)


COCKROACH = Connector(
    provider_name="cockroachdb",
    name=NAME,
    flavour=Flavour.COCKROACH,
    capabilities=CAPABILITIES,
    max_identifier_length=63,
    foreign_key_actions=frozenset({RA.NO_ACTION, RA.RESTRICT, RA.CASCADE, RA.SET_NULL, RA.SET_DEFAULT}),
    constraint_scopes=(ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY,),
    native_types=NATIVE_TYPES,
    scalar_type_defaults=SCALAR_TYPE_DEFAULTS,
    argument_rules=_argument_rules,
    index_algorithms=frozenset({IndexAlgorithm.BTREE, IndexAlgorithm.GIN}),
    index_rules=cockroach_index_errors,
    autoincrement_requires_bigint=True,
    url_prefixes=("postgres://", "postgresql://"),
    url_error="must start with the protocol `postgresql://` or `postgres://`.",
    uuid_has_own_filter=True,
)
