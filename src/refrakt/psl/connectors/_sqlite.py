"""SQLite (``provider = "sqlite"``): no native type attributes at all."""

from __future__ import annotations

from refrakt.psl.connectors._capabilities import Capability as C
from refrakt.psl.connectors._capabilities import ConstraintScope
from refrakt.psl.connectors._connector import Connector
from refrakt.psl.connectors._types import Flavour
from refrakt.psl.connectors._types import ReferentialAction as RA

CAPABILITIES = (
    C.ANY_ID
    | C.AUTO_INCREMENT
    | C.COMPOUND_IDS
    | C.RELATION_FIELDS_IN_ARBITRARY_ORDER
    | C.UPDATEABLE_ID
    | C.IMPLICIT_MANY_TO_MANY_RELATION
    | C.DECIMAL_TYPE
    | C.BACKWARD_COMPATIBLE_QUERY_RAW
    | C.ORDER_BY_NULLS_FIRST_LAST
    | C.SUPPORTS_TX_ISOLATION_SERIALIZABLE
    | C.NATIVE_UPSERT
    | C.FILTERED_INLINE_CHILD_NESTED_TO_ONE_DISCONNECT
    | C.ROW_IN
    | C.INSERT_RETURNING
    | C.DELETE_RETURNING
    | C.UPDATE_RETURNING
    | C.SUPPORTS_FILTERS_ON_RELATIONS_WITHOUT_JOINS
    | C.CREATE_MANY
    | C.CREATE_MANY_WRITEABLE_AUTO_INC_ID
    | C.JSON
    | C.JSON_FILTERING
    | C.JSON_FILTERING_JSON_PATH
    | C.ADVANCED_JSON_NULLABILITY
    | C.ENUMS
)

SQLITE = Connector(
    provider_name="sqlite",
    name="sqlite",
    flavour=Flavour.SQLITE,
    capabilities=CAPABILITIES,
    max_identifier_length=10000,
    foreign_key_actions=frozenset({RA.SET_NULL, RA.SET_DEFAULT, RA.CASCADE, RA.RESTRICT, RA.NO_ACTION}),
    emulated_actions=frozenset({RA.RESTRICT, RA.SET_NULL, RA.CASCADE}),
    constraint_scopes=(ConstraintScope.GLOBAL_KEY_INDEX,),
    native_types_supported=False,
    url_prefixes=("file",),
    url_error="must start with the protocol `file:`.",
)
"""Prisma gives SQLite no native types (so no ``scalar_type_defaults``); the SQL layer's column
types (TEXT, INTEGER, REAL, DECIMAL, DATETIME, BLOB, JSONB...) belong to the SQLite dialect."""
