"""MySQL and MariaDB (``provider = "mysql"``)."""

from __future__ import annotations

from refrakt.psl.connectors._capabilities import Capability as C
from refrakt.psl.connectors._capabilities import ConstraintScope
from refrakt.psl.connectors._connector import Connector
from refrakt.psl.connectors._messages import (
    LENGTH_GUIDE,
    argument_m_out_of_range,
    scale_larger_than_precision,
)
from refrakt.psl.connectors._types import Flavour, NativeTypeInstance, constructors, nt
from refrakt.psl.connectors._types import NativeTypeArgs as A
from refrakt.psl.connectors._types import ReferentialAction as RA
from refrakt.psl.connectors._types import ScalarType as S

NAME = "MySQL"

CAPABILITIES = (
    C.ENUMS
    | C.ENUM_ARRAY_PUSH
    | C.JSON
    | C.AUTO_INCREMENT_ALLOWED_ON_NON_ID
    | C.RELATION_FIELDS_IN_ARBITRARY_ORDER
    | C.CREATE_MANY
    | C.WRITABLE_AUTOINC_FIELD
    | C.CREATE_SKIP_DUPLICATES
    | C.UPDATEABLE_ID
    | C.JSON_FILTERING
    | C.JSON_FILTERING_JSON_PATH
    | C.JSON_FILTERING_ALPHANUMERIC
    | C.JSON_ARRAY_CONTAINS
    | C.CREATE_MANY_WRITEABLE_AUTO_INC_ID
    | C.AUTO_INCREMENT
    | C.COMPOUND_IDS
    | C.ANY_ID
    | C.NAMED_FOREIGN_KEYS
    | C.ADVANCED_JSON_NULLABILITY
    | C.INDEX_COLUMN_LENGTH_PREFIXING
    | C.FULL_TEXT_INDEX
    | C.NATIVE_FULL_TEXT_SEARCH
    | C.NATIVE_FULL_TEXT_SEARCH_WITH_INDEX
    | C.MULTIPLE_FULL_TEXT_ATTRIBUTES_PER_MODEL
    | C.IMPLICIT_MANY_TO_MANY_RELATION
    | C.DECIMAL_TYPE
    | C.ORDER_BY_NULLS_FIRST_LAST
    | C.FILTERED_INLINE_CHILD_NESTED_TO_ONE_DISCONNECT
    | C.SUPPORTS_TX_ISOLATION_READ_UNCOMMITTED
    | C.SUPPORTS_TX_ISOLATION_READ_COMMITTED
    | C.SUPPORTS_TX_ISOLATION_REPEATABLE_READ
    | C.SUPPORTS_TX_ISOLATION_SERIALIZABLE
    | C.ROW_IN
    | C.SUPPORTS_FILTERS_ON_RELATIONS_WITHOUT_JOINS
    | C.CORRELATED_SUBQUERIES
    | C.SUPPORTS_DEFAULT_IN_INSERT
)

# name, arguments, field types it may annotate, scalar type introspection gives it
NATIVE_TYPES = constructors(
    ("Int", A.NONE, (S.INT,), S.INT),
    ("UnsignedInt", A.NONE, (S.INT,), S.INT),
    ("SmallInt", A.NONE, (S.INT,), S.INT),
    ("UnsignedSmallInt", A.NONE, (S.INT,), S.INT),
    ("TinyInt", A.NONE, (S.BOOLEAN, S.INT), S.INT),
    ("UnsignedTinyInt", A.NONE, (S.BOOLEAN, S.INT), S.INT),
    ("MediumInt", A.NONE, (S.INT,), S.INT),
    ("UnsignedMediumInt", A.NONE, (S.INT,), S.INT),
    ("BigInt", A.NONE, (S.BIG_INT,), S.BIG_INT),
    ("Decimal", A.OPTIONAL_PRECISION_SCALE, (S.DECIMAL,), S.DECIMAL),
    ("UnsignedBigInt", A.NONE, (S.BIG_INT,), S.BIG_INT),
    ("Float", A.NONE, (S.FLOAT,), S.FLOAT),
    ("Double", A.NONE, (S.FLOAT,), S.FLOAT),
    ("Bit", A.LENGTH, (S.BOOLEAN, S.BYTES), S.BYTES),
    ("Char", A.LENGTH, (S.STRING,), S.STRING),
    ("VarChar", A.LENGTH, (S.STRING,), S.STRING),
    ("Binary", A.LENGTH, (S.BYTES,), S.BYTES),
    ("VarBinary", A.LENGTH, (S.BYTES,), S.BYTES),
    ("TinyBlob", A.NONE, (S.BYTES,), S.BYTES),
    ("Blob", A.NONE, (S.BYTES,), S.BYTES),
    ("MediumBlob", A.NONE, (S.BYTES,), S.BYTES),
    ("LongBlob", A.NONE, (S.BYTES,), S.BYTES),
    ("TinyText", A.NONE, (S.STRING,), S.STRING),
    ("Text", A.NONE, (S.STRING,), S.STRING),
    ("MediumText", A.NONE, (S.STRING,), S.STRING),
    ("LongText", A.NONE, (S.STRING,), S.STRING),
    ("Date", A.NONE, (S.DATE_TIME,), S.DATE_TIME),
    ("Time", A.OPTIONAL_LENGTH, (S.DATE_TIME,), S.DATE_TIME),
    ("DateTime", A.OPTIONAL_LENGTH, (S.DATE_TIME,), S.DATE_TIME),
    ("Timestamp", A.OPTIONAL_LENGTH, (S.DATE_TIME,), S.DATE_TIME),
    ("Year", A.NONE, (S.INT,), S.INT),
    ("Json", A.NONE, (S.JSON,), S.JSON),
)

SCALAR_TYPE_DEFAULTS = {
    S.INT: nt("Int"),
    S.BIG_INT: nt("BigInt"),
    S.FLOAT: nt("Double"),
    S.DECIMAL: nt("Decimal", 65, 30),
    S.BOOLEAN: nt("TinyInt"),
    S.STRING: nt("VarChar", 191),
    S.DATE_TIME: nt("DateTime", 3),
    S.BYTES: nt("LongBlob"),
    S.JSON: nt("Json"),
}

TEXT_AND_BLOB_TYPES = frozenset(
    {"Text", "LongText", "MediumText", "TinyText", "Blob", "TinyBlob", "MediumBlob", "LongBlob"}
)
"""Types MySQL cannot use in a key without a ``length`` prefix."""


def _argument_rules(native_type: NativeTypeInstance, scalar_type: str | None) -> str | None:
    """Prisma's MySQL range rules; the first that matches wins."""
    name, args = native_type.name, native_type.args
    if name == "Decimal" and len(args) == 2:
        precision, scale = args
        assert isinstance(precision, int) and isinstance(scale, int)
        if scale > precision:
            return scale_larger_than_precision(native_type, NAME)
        if precision > 65:
            return argument_m_out_of_range(native_type, NAME, "Precision can range from 1 to 65.")
        if scale > 30:
            return argument_m_out_of_range(native_type, NAME, "Scale can range from 0 to 30.")
        return None
    if len(args) != 1 or not isinstance(args[0], int):
        return None
    length = args[0]
    if name == "Bit" and (length == 0 or length > 64):
        return argument_m_out_of_range(native_type, NAME, "M can range from 1 to 64.")
    if name == "Char" and length > 255:
        return argument_m_out_of_range(native_type, NAME, "M can range from 0 to 255.")
    if name == "VarChar" and length > 65535:
        return argument_m_out_of_range(native_type, NAME, "M can range from 0 to 65,535.")
    if name == "Bit" and length > 1 and scalar_type == S.BOOLEAN:
        return argument_m_out_of_range(native_type, NAME, "only Bit(1) can be used as Boolean.")
    return None


MYSQL = Connector(
    provider_name="mysql",
    name=NAME,
    flavour=Flavour.MYSQL,
    capabilities=CAPABILITIES,
    max_identifier_length=64,
    foreign_key_actions=frozenset({RA.RESTRICT, RA.CASCADE, RA.SET_NULL, RA.NO_ACTION, RA.SET_DEFAULT}),
    constraint_scopes=(ConstraintScope.GLOBAL_FOREIGN_KEY, ConstraintScope.MODEL_KEY_INDEX),
    native_types=NATIVE_TYPES,
    scalar_type_defaults=SCALAR_TYPE_DEFAULTS,
    argument_rules=_argument_rules,
    url_prefixes=("mysql",),
    url_error="must start with the protocol `mysql://`.",
    supports_shard_keys=True,
    index_restricted_native_types=TEXT_AND_BLOB_TYPES,
    id_restricted_native_types=TEXT_AND_BLOB_TYPES,
    key_restriction_hint=LENGTH_GUIDE,
    length_lifts_key_restrictions=True,
    fulltext_lifts_key_restrictions=True,
    warns_on_set_default=True,
)
