"""The configuration blocks of a schema: ``datasource`` and ``generator``.

``load_configuration(asts, diagnostics)`` reads them into a frozen :class:`Configuration`
(datasources, generators, the union of preview features, the relation mode in effect, the
``schemas`` list), recording Prisma's diagnostics. :func:`validate_datasource` holds the
datasource checks of Prisma's validation pipeline (register it as a pipeline rule);
:func:`check_one_datasource` is for commands that need a database; :func:`load_url` and
friends resolve URLs against an environment; ``*_to_json`` give Prisma's ``getConfig`` shape.
"""

from refrakt.psl.config._json import datasources_to_json, generators_to_json
from refrakt.psl.config._load import load_configuration, uses_schema_engine_driver_adapters
from refrakt.psl.config._model import (
    Configuration,
    Datasource,
    EnvVar,
    Generator,
    GeneratorConfigValue,
    PostgresExtension,
    PostgresExtensions,
    SchemaName,
    StringFromEnvVar,
)
from refrakt.psl.config._preview_features import (
    ALL_PREVIEW_FEATURES,
    FeatureMap,
    PreviewFeature,
    RenamedFeature,
    feature_map,
    sorted_features,
)
from refrakt.psl.config._urls import load_direct_url, load_shadow_database_url, load_url
from refrakt.psl.config._validate import check_one_datasource, validate_datasource
from refrakt.psl.connectors import RelationMode

__all__ = [
    "ALL_PREVIEW_FEATURES",
    "Configuration",
    "Datasource",
    "EnvVar",
    "FeatureMap",
    "Generator",
    "GeneratorConfigValue",
    "PostgresExtension",
    "PostgresExtensions",
    "PreviewFeature",
    "RelationMode",
    "RenamedFeature",
    "SchemaName",
    "StringFromEnvVar",
    "check_one_datasource",
    "datasources_to_json",
    "feature_map",
    "generators_to_json",
    "load_configuration",
    "load_direct_url",
    "load_shadow_database_url",
    "load_url",
    "sorted_features",
    "uses_schema_engine_driver_adapters",
    "validate_datasource",
]
