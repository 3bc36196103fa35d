"""``Connector``: everything the schema layer and the SQL layer need to know about one provider.

A connector is data — a frozen record of tables and flags built once per provider in its own
module (``_postgres.py``, ``_mysql.py``...) — plus a few methods that only look things up in
those tables. Nothing here compares provider names.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from refrakt.psl.connectors._capabilities import Capability, ConstraintScope
from refrakt.psl.connectors._index_types import IndexField
from refrakt.psl.connectors._types import (
    Flavour,
    IndexAlgorithm,
    NativeTypeConstructor,
    NativeTypeInstance,
    ReferentialAction,
    RelationMode,
    ScalarType,
    ordered_actions,
)

IndexRules = Callable[[IndexAlgorithm | None, Sequence[IndexField], str], list[str]]
"""``(algorithm, fields, attribute name) -> messages``: a connector's index algorithm / operator class rules."""

ArgumentValidator = Callable[[NativeTypeInstance, str | None], str | None]
"""``(native type, declared scalar type) -> error message or None``: a connector's range rules."""


def _no_index_rules(
    _algorithm: IndexAlgorithm | None, _fields: Sequence[IndexField], _attribute_name: str
) -> list[str]:
    return []


def _no_argument_rules(_native_type: NativeTypeInstance, _scalar_type: str | None) -> str | None:
    return None


DEFAULT_EMULATED_ACTIONS: frozenset[ReferentialAction] = frozenset(
    {ReferentialAction.RESTRICT, ReferentialAction.SET_NULL, ReferentialAction.NO_ACTION, ReferentialAction.CASCADE}
)
"""What ``relationMode = "prisma"`` emulates unless a connector says otherwise."""

UNLIMITED_IDENTIFIER_LENGTH = sys.maxsize


@dataclass(frozen=True, slots=True)
class Connector:
    """One database provider, as Prisma's ``Connector`` trait describes it."""

    provider_name: str
    """The canonical ``provider`` value (``"postgresql"``)."""
    name: str
    """The name messages print (``"Postgres"``, ``"MySQL"``, ``"SQL Server"``, ``"sqlite"``)."""
    flavour: Flavour | None
    """``None`` only for the empty connector used when a schema has no datasource."""
    capabilities: Capability
    max_identifier_length: int
    """Longest constraint/identifier name, in bytes."""
    foreign_key_actions: frozenset[ReferentialAction]
    """Referential actions the database enforces with real foreign keys."""
    provider_aliases: tuple[str, ...] = ()
    """Other ``provider`` values that select this connector (``"postgres"``)."""
    emulated_actions: frozenset[ReferentialAction] = DEFAULT_EMULATED_ACTIONS
    """Referential actions available with ``relationMode = "prisma"``."""
    allowed_relation_modes: tuple[RelationMode, ...] = (RelationMode.FOREIGN_KEYS, RelationMode.PRISMA)
    default_relation_mode: RelationMode = RelationMode.FOREIGN_KEYS
    set_null_on_non_nullable_allowed_in: frozenset[RelationMode] = frozenset()
    """Relation modes in which ``SetNull`` may reference a required field (Postgres DDL accepts it)."""
    constraint_scopes: tuple[ConstraintScope, ...] = ()
    """Namespaces in which constraint names must be unique; empty: names are not checked."""
    native_types: Mapping[str, NativeTypeConstructor] = field(default_factory=dict[str, NativeTypeConstructor])
    """Every ``@db.X`` the connector accepts, by name, in Prisma's declaration order."""
    native_types_supported: bool = True
    """False where any native type attribute is an error (SQLite)."""
    scalar_type_defaults: Mapping[ScalarType, NativeTypeInstance] = field(
        default_factory=dict[ScalarType, NativeTypeInstance]
    )
    """The column type each scalar type gets when no native type is given."""
    argument_rules: ArgumentValidator = _no_argument_rules
    """Range checks of native type arguments (precision, length...), Prisma's ``validate_native_type_arguments``."""
    index_algorithms: frozenset[IndexAlgorithm] = frozenset({IndexAlgorithm.BTREE})
    index_rules: IndexRules = _no_index_rules
    """Operator class and field type rules per index algorithm (Postgres, CockroachDB)."""
    url_prefixes: tuple[str, ...] = ()
    url_error: str = ""
    full_text_search_preview_feature: str | None = None
    """The preview feature that enables native full-text search, if any."""
    uuid_has_own_filter: bool = False
    """Uuid native type fields get their own filter type without string operations (Postgres, CockroachDB)."""
    supports_shard_keys: bool = False
    manages_udts: bool = False
    suggests_missing_relation_indexes: bool = True
    # --- native types that cannot be part of keys (Prisma's per-connector validations.rs) ---
    index_restricted_native_types: frozenset[str] = frozenset()
    """Native types (as ``str(instance)``) that cannot be indexed or unique."""
    id_restricted_native_types: frozenset[str] = frozenset()
    """Native types (as ``str(instance)``) that cannot be part of a primary key."""
    key_restriction_hint: str = ""
    """Appended to the key/index errors above (MySQL's ``length`` advice)."""
    length_lifts_key_restrictions: bool = False
    """A ``length:`` prefix on the index field makes a restricted type acceptable (MySQL)."""
    fulltext_lifts_key_restrictions: bool = False
    """Fulltext indexes accept restricted types (MySQL)."""
    key_errors_point_at_field: bool = False
    """Index errors point at the offending field rather than the index attribute (Postgres)."""
    bytes_allowed_in_id: bool = True
    autoincrement_requires_bigint: bool = False
    """``@default(autoincrement())`` is only allowed on BigInt fields (CockroachDB)."""
    warns_on_set_default: bool = False
    """``SetDefault`` with foreign keys gets a warning: the database does not really support it (MySQL)."""

    # --- lookups -------------------------------------------------------------------------------

    def is_provider(self, provider: str) -> bool:
        return provider == self.provider_name or provider in self.provider_aliases

    def has_capability(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def referential_actions(self, relation_mode: RelationMode) -> tuple[ReferentialAction, ...]:
        """Allowed ``onDelete``/``onUpdate`` values in ``relation_mode``, in Prisma's order."""
        allowed = self.foreign_key_actions if relation_mode is RelationMode.FOREIGN_KEYS else self.emulated_actions
        return ordered_actions(allowed)

    def supports_referential_action(self, relation_mode: RelationMode, action: ReferentialAction) -> bool:
        allowed = self.foreign_key_actions if relation_mode is RelationMode.FOREIGN_KEYS else self.emulated_actions
        return action in allowed

    def allows_set_null_on_non_nullable_fields(self, relation_mode: RelationMode) -> bool:
        return relation_mode in self.set_null_on_non_nullable_allowed_in

    def supports_index_algorithm(self, algorithm: IndexAlgorithm) -> bool:
        return algorithm in self.index_algorithms

    def index_errors(
        self, algorithm: IndexAlgorithm | None, fields: Sequence[IndexField], attribute_name: str
    ) -> list[str]:
        """Complete messages for the algorithm / operator class problems of one index (at its attribute)."""
        return self.index_rules(algorithm, fields, attribute_name)

    def find_native_type(self, name: str) -> NativeTypeConstructor | None:
        return self.native_types.get(name)

    def default_native_type(self, scalar_type: str) -> NativeTypeInstance | None:
        """The column type of a field of ``scalar_type`` without ``@db.*`` (``None``: no native types)."""
        st = ScalarType.parse(scalar_type)
        return None if st is None else self.scalar_type_defaults.get(st)

    def native_type_is_default(self, native_type: NativeTypeInstance, scalar_type: str) -> bool:
        return self.default_native_type(scalar_type) == native_type

    def scalar_type_for_native_type(self, native_type: NativeTypeInstance) -> ScalarType | None:
        """The scalar type introspection picks for a column of ``native_type``."""
        constructor = self.native_types.get(native_type.name)
        return None if constructor is None else constructor.prisma_type

    def validate_url(self, url: str) -> str | None:
        """Prisma's complaint about a datasource URL with the wrong scheme, or ``None``."""
        if not self.url_prefixes or url.startswith(self.url_prefixes):
            return None
        return self.url_error

    def scalar_filter_name(self, scalar_type: str, native_type_name: str | None) -> str:
        """The name of the query engine's filter input type for a field (``Uuid`` on Postgres)."""
        if self.uuid_has_own_filter and native_type_name is not None and native_type_name.lower() == "uuid":
            return "Uuid"
        return scalar_type

    # --- relation defaults -----------------------------------------------------------------------

    def default_on_delete(self, *, required: bool, relation_mode: RelationMode) -> ReferentialAction:
        """``onDelete`` when not given: Restrict (or NoAction) for required relations, else SetNull.

        ``required`` is Prisma's *referential arity*: true if any referencing scalar field is required.
        """
        if not required:
            return ReferentialAction.SET_NULL
        if self.supports_referential_action(relation_mode, ReferentialAction.RESTRICT):
            return ReferentialAction.RESTRICT
        return ReferentialAction.NO_ACTION

    @staticmethod
    def default_on_update() -> ReferentialAction:
        """``onUpdate`` when not given: always Cascade."""
        return ReferentialAction.CASCADE

    @property
    def is_sql(self) -> bool:
        return self.flavour is not None and self.flavour.is_sql

    @property
    def is_mongo(self) -> bool:
        return self.flavour is Flavour.MONGO

    def __repr__(self) -> str:
        return f"Connector({self.provider_name!r})"
