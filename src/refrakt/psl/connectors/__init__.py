"""Database connectors for the schema language: capabilities, native types and connector rules.

One frozen :class:`Connector` per provider (``sqlite``, ``postgresql``/``postgres``,
``cockroachdb``, ``mysql``, ``sqlserver``, ``mongodb``), built from Prisma's
``psl-core/src/builtin_connectors`` tables. Look one up with :func:`get_connector`::

    pg = get_connector("postgres")
    Capability.SCALAR_LISTS in pg.capabilities          # True
    pg.default_native_type("DateTime")                   # NativeTypeInstance("Timestamp", (3,))
    pg.referential_actions(RelationMode.PRISMA)          # (Cascade, Restrict, SetNull)

Native type attributes are checked with :func:`validate_native_type_attribute`, which records
Prisma's exact diagnostics; the connector-specific model rules (keys, index algorithms, MongoDB)
are pure functions that return Prisma's messages for the validation passes to place.
"""

from refrakt.psl.connectors._capabilities import (
    Capability,
    ConstraintScope,
    ConstraintType,
    checked_scopes,
    scope_members,
)
from refrakt.psl.connectors._cockroach import COCKROACH
from refrakt.psl.connectors._connector import Connector
from refrakt.psl.connectors._constraint_names import (
    db_name_too_long_error,
    default_constraint_name,
    foreign_key_constraint_name,
    non_unique_index_name,
    primary_key_name,
    unique_index_name,
)
from refrakt.psl.connectors._index_types import (
    OPERATOR_CLASSES,
    IndexField,
    algorithm_supports_field,
    cockroach_index_errors,
    operator_class_display,
    postgres_index_errors,
)
from refrakt.psl.connectors._keys import (
    KeyField,
    KeyViolation,
    index_native_type_violation,
    primary_key_native_type_violation,
)
from refrakt.psl.connectors._model_rules import (
    autoincrement_on_int_error,
    mongo_auto_requires_id,
    mongo_auto_requires_object_id,
    mongo_dbgenerated_not_allowed,
    mongo_duplicate_index,
    mongo_field_name_errors,
    mongo_id_mapped_name,
    mongo_id_required,
    mongo_relation_native_type_warning,
    mongo_unique_on_id,
)
from refrakt.psl.connectors._mongodb import MONGODB
from refrakt.psl.connectors._mssql import MSSQL
from refrakt.psl.connectors._mysql import MYSQL
from refrakt.psl.connectors._native_types import (
    NO_DATASOURCE_CONNECTOR_NAME,
    native_type_argument_error,
    parse_native_type,
    split_native_type_attribute,
    unsupported_type_suggestion,
    validate_native_type,
    validate_native_type_attribute,
)
from refrakt.psl.connectors._postgres import POSTGRES
from refrakt.psl.connectors._registry import (
    BUILTIN_CONNECTORS,
    EMPTY_CONNECTOR,
    PROVIDER_NAMES,
    get_connector,
)
from refrakt.psl.connectors._relations import (
    referential_action_error,
    relation_mode_setting_error,
    set_default_warning,
)
from refrakt.psl.connectors._sqlite import SQLITE
from refrakt.psl.connectors._types import (
    Flavour,
    IndexAlgorithm,
    NativeTypeArgs,
    NativeTypeConstructor,
    NativeTypeInstance,
    ReferentialAction,
    RelationMode,
    ScalarType,
)

__all__ = [
    "BUILTIN_CONNECTORS",
    "COCKROACH",
    "EMPTY_CONNECTOR",
    "MONGODB",
    "MSSQL",
    "MYSQL",
    "NO_DATASOURCE_CONNECTOR_NAME",
    "OPERATOR_CLASSES",
    "POSTGRES",
    "PROVIDER_NAMES",
    "SQLITE",
    "Capability",
    "Connector",
    "ConstraintScope",
    "ConstraintType",
    "Flavour",
    "IndexAlgorithm",
    "IndexField",
    "KeyField",
    "KeyViolation",
    "NativeTypeArgs",
    "NativeTypeConstructor",
    "NativeTypeInstance",
    "ReferentialAction",
    "RelationMode",
    "ScalarType",
    "algorithm_supports_field",
    "autoincrement_on_int_error",
    "checked_scopes",
    "cockroach_index_errors",
    "db_name_too_long_error",
    "default_constraint_name",
    "foreign_key_constraint_name",
    "get_connector",
    "index_native_type_violation",
    "mongo_auto_requires_id",
    "mongo_auto_requires_object_id",
    "mongo_dbgenerated_not_allowed",
    "mongo_duplicate_index",
    "mongo_field_name_errors",
    "mongo_id_mapped_name",
    "mongo_id_required",
    "mongo_relation_native_type_warning",
    "mongo_unique_on_id",
    "native_type_argument_error",
    "non_unique_index_name",
    "operator_class_display",
    "parse_native_type",
    "postgres_index_errors",
    "primary_key_name",
    "primary_key_native_type_violation",
    "referential_action_error",
    "relation_mode_setting_error",
    "scope_members",
    "set_default_warning",
    "split_native_type_attribute",
    "unique_index_name",
    "unsupported_type_suggestion",
    "validate_native_type",
    "validate_native_type_attribute",
]
