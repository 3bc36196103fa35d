"""Microsoft SQL Server (``provider = "sqlserver"``)."""

from __future__ import annotations

from refrakt.psl.connectors._capabilities import Capability as C
from refrakt.psl.connectors._capabilities import ConstraintScope
from refrakt.psl.connectors._connector import Connector
from refrakt.psl.connectors._messages import (
    argument_m_out_of_range,
    scale_larger_than_precision,
)
from refrakt.psl.connectors._types import Flavour, NativeTypeInstance, constructors, nt
from refrakt.psl.connectors._types import NativeTypeArgs as A
from refrakt.psl.connectors._types import ReferentialAction as RA
from refrakt.psl.connectors._types import ScalarType as S

NAME = "SQL Server"

CAPABILITIES = (
    C.ANY_ID
    | C.AUTO_INCREMENT
    | C.AUTO_INCREMENT_ALLOWED_ON_NON_ID
    | C.AUTO_INCREMENT_MULTIPLE_ALLOWED
    | C.AUTO_INCREMENT_NON_INDEXED_ALLOWED
    | C.COMPOUND_IDS
    | C.CREATE_MANY
    | C.MULTI_SCHEMA
    | C.NAMED_DEFAULT_VALUES
    | C.NAMED_FOREIGN_KEYS
    | C.NAMED_PRIMARY_KEYS
    | C.REFERENCE_CYCLE_DETECTION
    | C.UPDATEABLE_ID
    | C.PRIMARY_KEY_SORT_ORDER_DEFINITION
    | C.IMPLICIT_MANY_TO_MANY_RELATION
    | C.DECIMAL_TYPE
    | C.CLUSTERING_SETTING
    | C.ORDER_BY_NULLS_FIRST_LAST
    | C.FILTERED_INLINE_CHILD_NESTED_TO_ONE_DISCONNECT
    | C.SUPPORTS_TX_ISOLATION_READ_UNCOMMITTED
    | C.SUPPORTS_TX_ISOLATION_READ_COMMITTED
    | C.SUPPORTS_TX_ISOLATION_REPEATABLE_READ
    | C.SUPPORTS_TX_ISOLATION_SERIALIZABLE
    | C.SUPPORTS_TX_ISOLATION_SNAPSHOT
    | C.SUPPORTS_FILTERS_ON_RELATIONS_WITHOUT_JOINS
    | C.SUPPORTS_DEFAULT_IN_INSERT
)

# name, arguments, field types it may annotate, scalar type introspection gives it.
# (Introspection's picks are Prisma's, quirks included: BigInt -> Int, Bit -> Bytes, Money -> Float.)
NATIVE_TYPES = constructors(
    ("TinyInt", A.NONE, (S.INT,), S.INT),
    ("SmallInt", A.NONE, (S.INT,), S.INT),
    ("Int", A.NONE, (S.INT,), S.INT),
    ("BigInt", A.NONE, (S.BIG_INT,), S.INT),
    ("Decimal", A.OPTIONAL_PRECISION_SCALE, (S.DECIMAL,), S.DECIMAL),
    ("Money", A.NONE, (S.FLOAT,), S.FLOAT),
    ("SmallMoney", A.NONE, (S.FLOAT,), S.FLOAT),
    ("Bit", A.NONE, (S.BOOLEAN, S.INT), S.BYTES),
    ("Float", A.OPTIONAL_LENGTH, (S.FLOAT,), S.FLOAT),
    ("Real", A.NONE, (S.FLOAT,), S.FLOAT),
    ("Date", A.NONE, (S.DATE_TIME,), S.DATE_TIME),
    ("Time", A.NONE, (S.DATE_TIME,), S.DATE_TIME),
    ("DateTime", A.NONE, (S.DATE_TIME,), S.DATE_TIME),
    ("DateTime2", A.NONE, (S.DATE_TIME,), S.DATE_TIME),
    ("DateTimeOffset", A.NONE, (S.DATE_TIME,), S.DATE_TIME),
    ("SmallDateTime", A.NONE, (S.DATE_TIME,), S.DATE_TIME),
    ("Char", A.OPTIONAL_LENGTH, (S.STRING,), S.STRING),
    ("NChar", A.OPTIONAL_LENGTH, (S.STRING,), S.STRING),
    ("VarChar", A.OPTIONAL_LENGTH_OR_MAX, (S.STRING,), S.STRING),
    ("Text", A.NONE, (S.STRING,), S.STRING),
    ("NVarChar", A.OPTIONAL_LENGTH_OR_MAX, (S.STRING,), S.STRING),
    ("NText", A.NONE, (S.STRING,), S.STRING),
    ("Binary", A.OPTIONAL_LENGTH, (S.BYTES,), S.BYTES),
    ("VarBinary", A.OPTIONAL_LENGTH_OR_MAX, (S.BYTES,), S.BYTES),
    ("Image", A.NONE, (S.BYTES,), S.BYTES),
    ("Xml", A.NONE, (S.STRING,), S.STRING),
    ("UniqueIdentifier", A.NONE, (S.STRING,), S.STRING),
)

SCALAR_TYPE_DEFAULTS = {
    S.INT: nt("Int"),
    S.BIG_INT: nt("BigInt"),
    S.FLOAT: nt("Float", 53),
    S.DECIMAL: nt("Decimal", 32, 16),
    S.BOOLEAN: nt("Bit"),
    S.STRING: nt("NVarChar", 1000),
    S.DATE_TIME: nt("DateTime2"),
    S.BYTES: nt("VarBinary", "Max"),
    S.JSON: nt("NVarChar", 1000),
}

HEAP_ALLOCATED_TYPES = frozenset({"Text", "NText", "Image", "Xml", "VarBinary(Max)", "VarChar(Max)", "NVarChar(Max)"})
"""Types stored off-row: they cannot be in keys or ordinary indexes."""

_MAX_HINT = " For larger sizes, use the `Max` variant."


def _argument_rules(native_type: NativeTypeInstance, _scalar_type: str | None) -> str | None:
    """Prisma's SQL Server range rules; the first that matches wins."""
    name, args = native_type.name, native_type.args
    if name == "Decimal" and len(args) == 2:
        precision, scale = args
        assert isinstance(precision, int) and isinstance(scale, int)
        if scale > precision:
            return scale_larger_than_precision(native_type, NAME)
        if precision == 0 or precision > 38:
            return argument_m_out_of_range(native_type, NAME, "Precision can range from 1 to 38.")
        if scale > 38:
            return argument_m_out_of_range(native_type, NAME, "Scale can range from 0 to 38.")
        return None
    if len(args) != 1 or not isinstance(args[0], int):
        return None
    n = args[0]
    if name == "Float" and (n == 0 or n > 53):
        return argument_m_out_of_range(native_type, NAME, "Bits can range from 1 to 53.")
    if name == "NVarChar" and n > 4000:
        return argument_m_out_of_range(native_type, NAME, "Length can range from 1 to 4000." + _MAX_HINT)
    if name in ("VarChar", "VarBinary") and n > 8000:
        return argument_m_out_of_range(native_type, NAME, "Length can range from 1 to 8000." + _MAX_HINT)
    if name == "NChar" and n > 4000:
        return argument_m_out_of_range(native_type, NAME, "Length can range from 1 to 4000.")
    if name in ("Char", "Binary") and n > 8000:
        return argument_m_out_of_range(native_type, NAME, "Length can range from 1 to 8000.")
    return None


MSSQL = Connector(
    provider_name="sqlserver",
    name=NAME,
    flavour=Flavour.SQLSERVER,
    capabilities=CAPABILITIES,
    max_identifier_length=128,
    foreign_key_actions=frozenset({RA.NO_ACTION, RA.CASCADE, RA.SET_NULL, RA.SET_DEFAULT}),
    constraint_scopes=(
        ConstraintScope.GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT,
        ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX,
    ),
    native_types=NATIVE_TYPES,
    scalar_type_defaults=SCALAR_TYPE_DEFAULTS,
    argument_rules=_argument_rules,
    url_prefixes=("sqlserver",),
    url_error="must start with the protocol `sqlserver://`.",
    manages_udts=True,
    index_restricted_native_types=HEAP_ALLOCATED_TYPES,
    id_restricted_native_types=HEAP_ALLOCATED_TYPES,
    bytes_allowed_in_id=False,
)
