"""The configuration read from ``datasource`` and ``generator`` blocks: frozen dataclasses.

These mirror Prisma's ``psl-core::configuration`` (``Configuration``, ``Datasource``,
``Generator``, ``StringFromEnvVar``). Everything later passes need (the IR, the validation
pipeline, the CLI, the client) reads them from here; nothing in this module emits diagnostics.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from refrakt.diagnostics import Span
from refrakt.psl.config._preview_features import PreviewFeature
from refrakt.psl.connectors import Capability, Connector, RelationMode


@dataclass(frozen=True, slots=True)
class StringFromEnvVar:
    """A string given either literally or as ``env("NAME")``.

    ``value`` is the literal (or, once resolved against an environment, the variable's value);
    ``from_env_var`` the variable's name. Equality ignores the span, as Prisma's does.
    """

    value: str | None = None
    from_env_var: str | None = None
    span: Span = field(default_factory=Span.empty, compare=False)

    @property
    def is_env_var(self) -> bool:
        return self.from_env_var is not None

    @property
    def literal(self) -> str | None:
        """The literal text, when the value was written in the schema."""
        return self.value if self.from_env_var is None else None

    def resolve(self, env: Mapping[str, str]) -> str | None:
        """The value (literal or already resolved), else the variable's value in ``env``."""
        if self.value is not None or self.from_env_var is None:
            return self.value
        return env.get(self.from_env_var)

    def resolved(self, env: Mapping[str, str]) -> StringFromEnvVar:
        """A copy whose ``value`` holds the variable's value, when ``env`` has it."""
        if self.from_env_var is None or self.from_env_var not in env:
            return self
        return StringFromEnvVar(env[self.from_env_var], self.from_env_var, self.span)

    def __str__(self) -> str:
        if self.from_env_var is not None and self.value is None:
            return f'env("{self.from_env_var}")'
        return self.value or ""


@dataclass(frozen=True, slots=True)
class EnvVar:
    """A generator config value written as ``env("NAME")``."""

    name: str


GeneratorConfigValue: TypeAlias = "str | EnvVar | tuple[GeneratorConfigValue, ...]"
"""A generator property other than the known ones: a string (numbers, constants and
function calls are kept as their text), an env var, or an array of such values."""


@dataclass(frozen=True, slots=True)
class SchemaName:
    """One entry of the datasource's ``schemas`` array."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class PostgresExtension:
    """``extensions = [postgis(schema: "x", version: "3.1", map: "db_name")]`` (one item)."""

    name: str
    span: Span
    schema: str | None = None
    version: str | None = None
    db_name: str | None = None


@dataclass(frozen=True, slots=True)
class PostgresExtensions:
    """The ``extensions`` property: its items sorted by name, and the property's span."""

    extensions: tuple[PostgresExtension, ...]
    span: Span

    def find_by_name(self, name: str) -> PostgresExtension | None:
        """The extension whose database name (``map``, else its name) is ``name``."""
        for ext in self.extensions:
            if (ext.db_name if ext.db_name is not None else ext.name) == name:
                return ext
        return None


@dataclass(frozen=True, slots=True)
class Datasource:
    """A valid ``datasource`` block."""

    name: str
    provider: str
    """The provider as written (``"postgres"``)."""
    active_provider: str
    """The connector's canonical provider (``"postgresql"``)."""
    url: StringFromEnvVar
    url_span: Span
    span: Span
    name_span: Span = field(default_factory=Span.empty)
    provider_span: Span = field(default_factory=Span.empty)
    direct_url: StringFromEnvVar | None = None
    direct_url_span: Span | None = None
    shadow_database_url: StringFromEnvVar | None = None
    shadow_database_url_span: Span | None = None
    relation_mode_setting: RelationMode | None = None
    """The ``relationMode`` (or deprecated ``referentialIntegrity``) written in the block."""
    schemas: tuple[SchemaName, ...] = ()
    """The ``schemas`` array, sorted by name (as Prisma keeps it)."""
    schemas_span: Span | None = None
    extensions: PostgresExtensions | None = None
    documentation: str | None = None
    property_spans: tuple[tuple[str, Span], ...] = ()
    """The span of each ``key = value`` line, in source order."""
    connector: Connector | None = field(default=None, repr=False, compare=False)
    """The connector of ``active_provider`` (``None`` only in hand-built datasources)."""

    @property
    def relation_mode(self) -> RelationMode:
        """The relation mode in effect: the one written, else the connector's default."""
        if self.relation_mode_setting is not None:
            return self.relation_mode_setting
        if self.connector is not None:
            return self.connector.default_relation_mode
        return RelationMode.FOREIGN_KEYS

    @property
    def relation_mode_is_explicit(self) -> bool:
        return self.relation_mode_setting is not None

    @property
    def schema_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.schemas)

    def has_schema(self, name: str) -> bool:
        """Whether ``name`` is listed in ``schemas`` (used by ``@@schema`` validation)."""
        return any(s.name == name for s in self.schemas)

    def property_span(self, key: str) -> Span | None:
        for name, span in self.property_spans:
            if name == key:
                return span
        return None

    @property
    def supports_multi_schema(self) -> bool:
        return self.connector is not None and self.connector.has_capability(Capability.MULTI_SCHEMA)


@dataclass(frozen=True, slots=True)
class Generator:
    """A valid ``generator`` block."""

    name: str
    provider: StringFromEnvVar
    span: Span
    output: StringFromEnvVar | None = None
    binary_targets: tuple[StringFromEnvVar, ...] = ()
    preview_features: frozenset[PreviewFeature] | None = None
    """The valid preview features, renamed ones under their new name; ``None`` when not set."""
    preview_features_span: Span | None = None
    config: tuple[tuple[str, GeneratorConfigValue], ...] = ()
    """Every other property (``engineType`` included), in source order."""
    documentation: str | None = None
    name_span: Span = field(default_factory=Span.empty)
    property_spans: tuple[tuple[str, Span], ...] = ()

    @property
    def engine_type(self) -> str | None:
        value = self.config_value("engineType")
        return value if isinstance(value, str) else None

    def config_value(self, key: str) -> GeneratorConfigValue | None:
        for name, value in self.config:
            if name == key:
                return value
        return None

    @property
    def config_dict(self) -> dict[str, GeneratorConfigValue]:
        return dict(self.config)

    def property_span(self, key: str) -> Span | None:
        for name, span in self.property_spans:
            if name == key:
                return span
        return None


@dataclass(frozen=True, slots=True)
class Configuration:
    """All valid datasources and generators of a schema."""

    datasources: tuple[Datasource, ...] = ()
    generators: tuple[Generator, ...] = ()

    @property
    def datasource(self) -> Datasource | None:
        """The datasource (the first one: Prisma allows only one)."""
        return self.datasources[0] if self.datasources else None

    @property
    def preview_features(self) -> frozenset[PreviewFeature]:
        """The union of the preview features of all generators."""
        out: frozenset[PreviewFeature] = frozenset()
        for generator in self.generators:
            if generator.preview_features:
                out |= generator.preview_features
        return out

    def has_preview_feature(self, feature: PreviewFeature | str) -> bool:
        return feature in self.preview_features

    @property
    def provider(self) -> str | None:
        """The canonical provider of the datasource (``"postgresql"``, ``"sqlite"``...)."""
        ds = self.datasource
        return ds.active_provider if ds is not None else None

    @property
    def relation_mode(self) -> RelationMode | None:
        ds = self.datasource
        return ds.relation_mode if ds is not None else None

    @property
    def schemas(self) -> tuple[SchemaName, ...]:
        ds = self.datasource
        return ds.schemas if ds is not None else ()

    @property
    def connector(self) -> Connector | None:
        ds = self.datasource
        return ds.connector if ds is not None else None

    def generator(self, name: str) -> Generator | None:
        for gen in self.generators:
            if gen.name == name:
                return gen
        return None
