"""Connector capabilities and constraint-name scopes, as Prisma names them.

``Capability`` mirrors Prisma's ``ConnectorCapability`` (``psl-core/src/datamodel_connector/capabilities.rs``)
member for member and in the same order; a connector's capabilities are one ``Capability`` value
(a union of flags), so ``Capability.ENUMS in connector.capabilities`` is the whole test.
"""

from __future__ import annotations

import enum


class Capability(enum.Flag):
    """What a connector can do. Some flags matter to the schema validator, some to the query engine."""

    # General capabilities, not specific to any part of Prisma.
    SCALAR_LISTS = enum.auto()
    ENUMS = enum.auto()
    JSON = enum.auto()
    JSON_LISTS = enum.auto()
    AUTO_INCREMENT = enum.auto()
    RELATION_FIELDS_IN_ARBITRARY_ORDER = enum.auto()
    COMPOSITE_TYPES = enum.auto()
    DEFAULT_VALUE_AUTO = enum.auto()
    TWO_WAY_EMBEDDED_MANY_TO_MANY_RELATION = enum.auto()
    IMPLICIT_MANY_TO_MANY_RELATION = enum.auto()
    MULTI_SCHEMA = enum.auto()
    # Schema engine / introspection capabilities.
    AUTO_INCREMENT_ALLOWED_ON_NON_ID = enum.auto()
    AUTO_INCREMENT_MULTIPLE_ALLOWED = enum.auto()
    AUTO_INCREMENT_NON_INDEXED_ALLOWED = enum.auto()
    NAMED_PRIMARY_KEYS = enum.auto()
    NAMED_FOREIGN_KEYS = enum.auto()
    REFERENCE_CYCLE_DETECTION = enum.auto()
    NAMED_DEFAULT_VALUES = enum.auto()
    INDEX_COLUMN_LENGTH_PREFIXING = enum.auto()
    PRIMARY_KEY_SORT_ORDER_DEFINITION = enum.auto()
    FULL_TEXT_INDEX = enum.auto()
    SORT_ORDER_IN_FULL_TEXT_INDEX = enum.auto()
    MULTIPLE_FULL_TEXT_ATTRIBUTES_PER_MODEL = enum.auto()
    CLUSTERING_SETTING = enum.auto()
    # Query engine capabilities.
    ENUM_ARRAY_PUSH = enum.auto()
    INSENSITIVE_FILTERS = enum.auto()
    CREATE_MANY = enum.auto()
    CREATE_MANY_WRITEABLE_AUTO_INC_ID = enum.auto()
    SUPPORTS_DEFAULT_IN_INSERT = enum.auto()
    WRITABLE_AUTOINC_FIELD = enum.auto()
    CREATE_SKIP_DUPLICATES = enum.auto()
    UPDATEABLE_ID = enum.auto()
    JSON_FILTERING = enum.auto()
    JSON_FILTERING_JSON_PATH = enum.auto()
    JSON_FILTERING_ARRAY_PATH = enum.auto()
    JSON_FILTERING_ALPHANUMERIC = enum.auto()
    JSON_FILTERING_ALPHANUMERIC_FIELD_REF = enum.auto()
    JSON_ARRAY_CONTAINS = enum.auto()
    COMPOUND_IDS = enum.auto()
    ANY_ID = enum.auto()
    NATIVE_FULL_TEXT_SEARCH = enum.auto()
    NATIVE_FULL_TEXT_SEARCH_WITHOUT_INDEX = enum.auto()
    NATIVE_FULL_TEXT_SEARCH_WITH_INDEX = enum.auto()
    ADVANCED_JSON_NULLABILITY = enum.auto()
    UNDEFINED_TYPE = enum.auto()
    DECIMAL_TYPE = enum.auto()
    BACKWARD_COMPATIBLE_QUERY_RAW = enum.auto()
    ORDER_BY_NULLS_FIRST_LAST = enum.auto()
    FILTERED_INLINE_CHILD_NESTED_TO_ONE_DISCONNECT = enum.auto()
    SUPPORTS_TX_ISOLATION_READ_UNCOMMITTED = enum.auto()
    SUPPORTS_TX_ISOLATION_READ_COMMITTED = enum.auto()
    SUPPORTS_TX_ISOLATION_REPEATABLE_READ = enum.auto()
    SUPPORTS_TX_ISOLATION_SERIALIZABLE = enum.auto()
    SUPPORTS_TX_ISOLATION_SNAPSHOT = enum.auto()
    NATIVE_UPSERT = enum.auto()
    INSERT_RETURNING = enum.auto()
    UPDATE_RETURNING = enum.auto()
    ROW_IN = enum.auto()
    DISTINCT_ON = enum.auto()
    DELETE_RETURNING = enum.auto()
    SUPPORTS_FILTERS_ON_RELATIONS_WITHOUT_JOINS = enum.auto()
    LATERAL_JOIN = enum.auto()
    CORRELATED_SUBQUERIES = enum.auto()

    @property
    def prisma_name(self) -> str:
        """Prisma's spelling of a single capability (``ScalarLists``, ``JsonFilteringJsonPath``)."""
        name = self.name
        if name is None:
            raise ValueError("prisma_name is only defined for a single capability")
        return "".join(part.capitalize() for part in name.split("_"))

    @classmethod
    def from_prisma_name(cls, name: str) -> Capability:
        """The capability Prisma calls ``name``; raises ``ValueError`` as Prisma's ``FromStr`` does."""
        try:
            return _BY_PRISMA_NAME[name]
        except KeyError:
            raise ValueError(f"{name} is not a known connector capability.") from None

    def members(self) -> tuple[Capability, ...]:
        """The single flags in this set, in declaration order."""
        return tuple(cap for cap in Capability if cap in self)


_BY_PRISMA_NAME: dict[str, Capability] = {cap.prisma_name: cap for cap in Capability}


class ConstraintScope(enum.Enum):
    """A namespace in which constraint names must be unique (Prisma's ``ConstraintScope``)."""

    GLOBAL_KEY_INDEX = "GlobalKeyIndex"
    """Indexes and unique constraints, across the whole database."""
    GLOBAL_FOREIGN_KEY = "GlobalForeignKey"
    """Foreign keys, across the whole database."""
    GLOBAL_PRIMARY_KEY_KEY_INDEX = "GlobalPrimaryKeyKeyIndex"
    """Primary keys, indexes and unique constraints, across the whole database."""
    GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT = "GlobalPrimaryKeyForeignKeyDefault"
    """Primary keys, foreign keys and default constraints, across the whole database."""
    MODEL_KEY_INDEX = "ModelKeyIndex"
    """Indexes and unique constraints, per model."""
    MODEL_PRIMARY_KEY_KEY_INDEX = "ModelPrimaryKeyKeyIndex"
    """Primary key, indexes and unique constraints, per model."""
    MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY = "ModelPrimaryKeyKeyIndexForeignKey"
    """Primary key, indexes, unique constraints and foreign keys, per model."""

    @property
    def is_global(self) -> bool:
        return self.value.startswith("Global")

    def description(self, model_name: str) -> str:
        """The namespace as Prisma's name-clash errors describe it."""
        return _SCOPE_DESCRIPTIONS[self].format(model=model_name)


_SCOPE_DESCRIPTIONS: dict[ConstraintScope, str] = {
    ConstraintScope.GLOBAL_KEY_INDEX: "global for indexes and unique constraints",
    ConstraintScope.GLOBAL_FOREIGN_KEY: "global for foreign keys",
    ConstraintScope.GLOBAL_PRIMARY_KEY_KEY_INDEX: "global for primary key, indexes and unique constraints",
    ConstraintScope.GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT: (
        "global for primary keys, foreign keys and default constraints"
    ),
    ConstraintScope.MODEL_KEY_INDEX: "on model `{model}` for indexes and unique constraints",
    ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX: "on model `{model}` for primary key, indexes and unique constraints",
    ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY: (
        "on model `{model}` for primary key, indexes, unique constraints and foreign keys"
    ),
}


class ConstraintType(enum.Enum):
    """The kinds of named constraints that take part in the scopes above."""

    PRIMARY_KEY = "PrimaryKey"
    FOREIGN_KEY = "ForeignKey"
    KEY_OR_INDEX = "KeyOrIdx"
    DEFAULT = "Default"


_SCOPE_MEMBERS: dict[ConstraintScope, frozenset[ConstraintType]] = {
    ConstraintScope.GLOBAL_KEY_INDEX: frozenset({ConstraintType.KEY_OR_INDEX}),
    ConstraintScope.GLOBAL_FOREIGN_KEY: frozenset({ConstraintType.FOREIGN_KEY}),
    ConstraintScope.GLOBAL_PRIMARY_KEY_KEY_INDEX: frozenset({ConstraintType.PRIMARY_KEY, ConstraintType.KEY_OR_INDEX}),
    ConstraintScope.GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT: frozenset(
        {ConstraintType.PRIMARY_KEY, ConstraintType.FOREIGN_KEY, ConstraintType.DEFAULT}
    ),
    ConstraintScope.MODEL_KEY_INDEX: frozenset({ConstraintType.KEY_OR_INDEX}),
    ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX: frozenset({ConstraintType.PRIMARY_KEY, ConstraintType.KEY_OR_INDEX}),
    ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY: frozenset(
        {ConstraintType.PRIMARY_KEY, ConstraintType.KEY_OR_INDEX, ConstraintType.FOREIGN_KEY}
    ),
}


def scope_members(scope: ConstraintScope) -> frozenset[ConstraintType]:
    """The kinds of constraints whose names are collected into ``scope`` (Prisma's ``names.rs``)."""
    return _SCOPE_MEMBERS[scope]


_CHECKED_SCOPES: dict[ConstraintType, tuple[ConstraintScope, ...]] = {
    ConstraintType.KEY_OR_INDEX: (
        ConstraintScope.GLOBAL_KEY_INDEX,
        ConstraintScope.GLOBAL_PRIMARY_KEY_KEY_INDEX,
        ConstraintScope.MODEL_KEY_INDEX,
        ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX,
    ),
    ConstraintType.FOREIGN_KEY: (
        ConstraintScope.GLOBAL_FOREIGN_KEY,
        ConstraintScope.GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT,
        ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY,
    ),
    ConstraintType.DEFAULT: (ConstraintScope.GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT,),
    ConstraintType.PRIMARY_KEY: (
        ConstraintScope.GLOBAL_PRIMARY_KEY_FOREIGN_KEY_DEFAULT,
        ConstraintScope.GLOBAL_PRIMARY_KEY_KEY_INDEX,
        ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX,
        ConstraintScope.MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY,
    ),
}


def checked_scopes(constraint_type: ConstraintType) -> tuple[ConstraintScope, ...]:
    """The scopes a name of ``constraint_type`` is checked against for clashes, in Prisma's order.

    Prisma reports global violations first, then per-model ones, each in this order; a name is
    only checked in scopes the connector lists in ``Connector.constraint_scopes``. (Index names
    are, as in Prisma, not checked against ``MODEL_PRIMARY_KEY_KEY_INDEX_FOREIGN_KEY``.)
    """
    return _CHECKED_SCOPES[constraint_type]
