"""Preview features: every name Prisma knows, and which are active, hidden, stabilized,
deprecated or renamed — per provider, as of the corpus' Prisma version (6.19, 2025-10-29).

Mirrors ``psl-core/src/common/preview_features.rs``: the member order is the declaration
order there (alphabetical by variant), which is also the order of the "Expected one of"
list in error messages.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class PreviewFeature(enum.StrEnum):
    """A preview feature, by its name in ``previewFeatures`` (``PreviewFeature.VIEWS == "views"``)."""

    AGGREGATE_API = "aggregateApi"
    ATOMIC_NUMBER_OPERATIONS = "atomicNumberOperations"
    CLIENT_EXTENSIONS = "clientExtensions"
    COCKROACHDB = "cockroachdb"
    CONNECT_OR_CREATE = "connectOrCreate"
    CREATE_MANY = "createMany"
    DATA_PROXY = "dataProxy"
    DENO = "deno"
    DISTINCT = "distinct"
    DRIVER_ADAPTERS = "driverAdapters"
    EXTENDED_INDEXES = "extendedIndexes"
    EXTENDED_WHERE_UNIQUE = "extendedWhereUnique"
    FIELD_REFERENCE = "fieldReference"
    FILTER_JSON = "filterJson"
    FILTERED_RELATION_COUNT = "filteredRelationCount"
    FULL_TEXT_INDEX = "fullTextIndex"
    FULL_TEXT_SEARCH = "fullTextSearch"
    FULL_TEXT_SEARCH_POSTGRES = "fullTextSearchPostgres"
    GROUP_BY = "groupBy"
    IMPROVED_QUERY_RAW = "improvedQueryRaw"
    INTERACTIVE_TRANSACTIONS = "interactiveTransactions"
    JSON_PROTOCOL = "jsonProtocol"
    METRICS = "metrics"
    MICROSOFT_SQL_SERVER = "microsoftSqlServer"
    MIDDLEWARES = "middlewares"
    MONGO_DB = "mongoDb"
    MULTI_SCHEMA = "multiSchema"
    N_API = "nApi"
    NAMED_CONSTRAINTS = "namedConstraints"
    NATIVE_DISTINCT = "nativeDistinct"
    NATIVE_TYPES = "nativeTypes"
    OMIT_API = "omitApi"
    ORDER_BY_AGGREGATE_GROUP = "orderByAggregateGroup"
    ORDER_BY_NULLS = "orderByNulls"
    ORDER_BY_RELATION = "orderByRelation"
    POSTGRESQL_EXTENSIONS = "postgresqlExtensions"
    PRISMA_SCHEMA_FOLDER = "prismaSchemaFolder"
    QUERY_COMPILER = "queryCompiler"
    REACT_NATIVE = "reactNative"
    REFERENTIAL_ACTIONS = "referentialActions"
    REFERENTIAL_INTEGRITY = "referentialIntegrity"
    RELATION_JOINS = "relationJoins"
    SCHEMA_ENGINE_DRIVER_ADAPTERS = "schemaEngineDriverAdapters"
    SELECT_RELATION_COUNT = "selectRelationCount"
    SHARD_KEYS = "shardKeys"
    STRICT_UNDEFINED_CHECKS = "strictUndefinedChecks"
    TRACING = "tracing"
    TRANSACTION_API = "transactionApi"
    TYPED_SQL = "typedSql"
    UNCHECKED_SCALAR_INPUTS = "uncheckedScalarInputs"
    VIEWS = "views"

    @classmethod
    def parse(cls, name: str) -> PreviewFeature | None:
        """The feature named ``name``, compared case-insensitively (ASCII), as Prisma does."""
        return _BY_LOWER_NAME.get(name.lower()) if name.isascii() else None


_BY_LOWER_NAME = {f.value.lower(): f for f in PreviewFeature}
_ORDER = {f: i for i, f in enumerate(PreviewFeature)}

PF = PreviewFeature


def sorted_features(features: frozenset[PreviewFeature] | set[PreviewFeature]) -> list[PreviewFeature]:
    """Features in Prisma's order (declaration order)."""
    return sorted(features, key=_ORDER.__getitem__)


@dataclass(frozen=True, slots=True)
class RenamedFeature:
    """A stabilized feature now known under another name (for one provider, or all)."""

    to: PreviewFeature
    prisly_link_endpoint: str
    provider: str | None = None


_ACTIVE = frozenset(
    {
        PF.METRICS,
        PF.NATIVE_DISTINCT,
        PF.POSTGRESQL_EXTENSIONS,
        PF.RELATION_JOINS,
        PF.SCHEMA_ENGINE_DRIVER_ADAPTERS,
        PF.SHARD_KEYS,
        PF.STRICT_UNDEFINED_CHECKS,
        PF.VIEWS,
    }
)
_NATIVE: dict[str, frozenset[PreviewFeature]] = {"postgresql": frozenset({PF.FULL_TEXT_SEARCH_POSTGRES})}
_RENAMED: dict[tuple[PreviewFeature, str | None], RenamedFeature] = {
    (PF.FULL_TEXT_SEARCH, "postgresql"): RenamedFeature(PF.FULL_TEXT_SEARCH_POSTGRES, "fts-postgres", "postgresql"),
}
_DEPRECATED = frozenset({PF.METRICS})
_STABILIZED = frozenset(
    {
        PF.ATOMIC_NUMBER_OPERATIONS,
        PF.AGGREGATE_API,
        PF.CLIENT_EXTENSIONS,
        PF.COCKROACHDB,
        PF.CONNECT_OR_CREATE,
        PF.CREATE_MANY,
        PF.DATA_PROXY,
        PF.DENO,
        PF.DISTINCT,
        PF.DRIVER_ADAPTERS,
        PF.EXTENDED_INDEXES,
        PF.EXTENDED_WHERE_UNIQUE,
        PF.FIELD_REFERENCE,
        PF.FILTERED_RELATION_COUNT,
        PF.FILTER_JSON,
        PF.FULL_TEXT_INDEX,
        PF.FULL_TEXT_SEARCH,
        PF.GROUP_BY,
        PF.IMPROVED_QUERY_RAW,
        PF.INTERACTIVE_TRANSACTIONS,
        PF.JSON_PROTOCOL,
        PF.MICROSOFT_SQL_SERVER,
        PF.MIDDLEWARES,
        PF.MONGO_DB,
        PF.MULTI_SCHEMA,
        PF.NAMED_CONSTRAINTS,
        PF.N_API,
        PF.NATIVE_TYPES,
        PF.OMIT_API,
        PF.ORDER_BY_AGGREGATE_GROUP,
        PF.ORDER_BY_NULLS,
        PF.ORDER_BY_RELATION,
        PF.PRISMA_SCHEMA_FOLDER,
        PF.QUERY_COMPILER,
        PF.REFERENTIAL_ACTIONS,
        PF.REFERENTIAL_INTEGRITY,
        PF.SELECT_RELATION_COUNT,
        PF.TRACING,
        PF.TRANSACTION_API,
        PF.UNCHECKED_SCALAR_INPUTS,
    }
)
_HIDDEN = frozenset({PF.REACT_NATIVE, PF.TYPED_SQL})


@dataclass(frozen=True, slots=True)
class FeatureMap:
    """The preview features as seen from one provider (``None``: no datasource known).

    Prisma's ``FeatureMapWithProvider``.
    """

    provider: str | None = None
    active: frozenset[PreviewFeature] = _ACTIVE
    native: dict[str, frozenset[PreviewFeature]] = field(default_factory=lambda: dict(_NATIVE))
    renamed: dict[tuple[PreviewFeature, str | None], RenamedFeature] = field(default_factory=lambda: dict(_RENAMED))
    deprecated: frozenset[PreviewFeature] = _DEPRECATED
    stabilized: frozenset[PreviewFeature] = _STABILIZED
    hidden: frozenset[PreviewFeature] = _HIDDEN

    def native_features(self) -> frozenset[PreviewFeature]:
        if self.provider is None:
            return frozenset()
        return self.native.get(self.provider, frozenset())

    def active_features(self) -> frozenset[PreviewFeature]:
        """The valid, visible features (what completion offers and errors list)."""
        return self.active | self.native_features()

    def is_valid(self, feature: PreviewFeature) -> bool:
        return feature in self.active_features() or feature in self.hidden

    def is_stabilized(self, feature: PreviewFeature) -> bool:
        return feature in self.stabilized

    def is_deprecated(self, feature: PreviewFeature) -> bool:
        return feature in self.deprecated

    def is_renamed(self, feature: PreviewFeature) -> RenamedFeature | None:
        """The new name of a stabilized feature: for this provider first, else for all."""
        if self.provider is not None:
            specific = self.renamed.get((feature, self.provider))
            if specific is not None:
                return specific
        return self.renamed.get((feature, None))

    def expected_list(self) -> str:
        """``"metrics, nativeDistinct, ..."``: the active features, for error messages."""
        return ", ".join(f.value for f in sorted_features(self.active_features()))


def feature_map(provider: str | None) -> FeatureMap:
    """The preview feature map for the canonical provider of the datasource (or ``None``)."""
    return FeatureMap(provider)


ALL_PREVIEW_FEATURES = FeatureMap(None)
"""The feature map with no provider (Prisma's ``ALL_PREVIEW_FEATURES``)."""
