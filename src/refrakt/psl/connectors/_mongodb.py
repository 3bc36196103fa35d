"""MongoDB (``provider = "mongodb"``): relations are always emulated by Prisma."""

from __future__ import annotations

from refrakt.psl.connectors._capabilities import Capability as C
from refrakt.psl.connectors._capabilities import ConstraintScope
from refrakt.psl.connectors._connector import Connector
from refrakt.psl.connectors._types import Flavour, RelationMode, constructors, nt
from refrakt.psl.connectors._types import NativeTypeArgs as A
from refrakt.psl.connectors._types import ScalarType as S

CAPABILITIES = (
    C.JSON
    | C.ENUMS
    | C.ENUM_ARRAY_PUSH
    | C.RELATION_FIELDS_IN_ARBITRARY_ORDER
    | C.CREATE_MANY
    | C.SCALAR_LISTS
    | C.JSON_LISTS
    | C.INSENSITIVE_FILTERS
    | C.COMPOSITE_TYPES
    | C.FULL_TEXT_INDEX
    | C.SORT_ORDER_IN_FULL_TEXT_INDEX
    | C.DEFAULT_VALUE_AUTO
    | C.TWO_WAY_EMBEDDED_MANY_TO_MANY_RELATION
    | C.UNDEFINED_TYPE
    | C.DELETE_RETURNING
    | C.SUPPORTS_DEFAULT_IN_INSERT
)

# name, arguments, field types it may annotate; Prisma defines no introspection mapping for MongoDB.
NATIVE_TYPES = constructors(
    ("String", A.NONE, (S.STRING,), None),
    ("Double", A.NONE, (S.FLOAT,), None),
    ("BinData", A.NONE, (S.BYTES,), None),
    ("ObjectId", A.NONE, (S.STRING, S.BYTES), None),
    ("Bool", A.NONE, (S.BOOLEAN,), None),
    ("Date", A.NONE, (S.DATE_TIME,), None),
    ("Int", A.NONE, (S.INT,), None),
    ("Timestamp", A.NONE, (S.DATE_TIME,), None),
    ("Long", A.NONE, (S.INT, S.BIG_INT), None),
    ("Json", A.NONE, (S.JSON,), None),
)

SCALAR_TYPE_DEFAULTS = {
    S.INT: nt("Long"),
    S.BIG_INT: nt("Long"),
    S.FLOAT: nt("Double"),
    S.BOOLEAN: nt("Bool"),
    S.STRING: nt("String"),
    S.DATE_TIME: nt("Date"),
    S.BYTES: nt("BinData"),
    S.JSON: nt("Json"),
}

MONGODB = Connector(
    provider_name="mongodb",
    name="MongoDB",
    flavour=Flavour.MONGO,
    capabilities=CAPABILITIES,
    max_identifier_length=127,
    foreign_key_actions=frozenset(),
    allowed_relation_modes=(RelationMode.PRISMA,),
    default_relation_mode=RelationMode.PRISMA,
    constraint_scopes=(ConstraintScope.MODEL_KEY_INDEX,),
    native_types=NATIVE_TYPES,
    scalar_type_defaults=SCALAR_TYPE_DEFAULTS,
    url_prefixes=("mongo",),
    url_error="must start with the protocol `mongo`.",
    suggests_missing_relation_indexes=False,
)
