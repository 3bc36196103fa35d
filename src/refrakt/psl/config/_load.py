"""``load_configuration``: every ``datasource`` and ``generator`` block of a schema.

Prisma's ``validate_configuration``, run once per file: the datasources first (their provider
decides which preview features exist), then the generators.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from refrakt.diagnostics import Diagnostics
from refrakt.psl.ast import SchemaAst
from refrakt.psl.config._coerce import coerce_array, coerce_string
from refrakt.psl.config._datasource import load_datasources
from refrakt.psl.config._generator import load_generators
from refrakt.psl.config._model import Configuration, Datasource, Generator
from refrakt.psl.config._preview_features import ALL_PREVIEW_FEATURES, PreviewFeature, feature_map


def load_configuration(
    asts: Sequence[SchemaAst], diagnostics: Diagnostics, *, env: Mapping[str, str] | None = None
) -> Configuration:
    """Read and validate the configuration blocks of every file, recording Prisma's diagnostics.

    Invalid blocks are left out of the result. With ``env``, ``env("NAME")`` values of the
    datasource URLs get the variable's value in ``StringFromEnvVar.value`` (their
    ``from_env_var`` is kept); unset variables are not an error here (see ``load_url``).
    """
    datasources: list[Datasource] = []
    generators: list[Generator] = []
    for ast in asts:
        sources = load_datasources(ast, diagnostics, driver_adapters=uses_schema_engine_driver_adapters(ast))
        features = feature_map(sources[0].active_provider) if sources else ALL_PREVIEW_FEATURES
        generators.extend(load_generators(ast, diagnostics, features))
        datasources.extend(sources)
    if env is not None:
        datasources = [_resolve_urls(ds, env) for ds in datasources]
    return Configuration(tuple(datasources), tuple(generators))


def uses_schema_engine_driver_adapters(ast: SchemaAst) -> bool:
    """Whether a generator lists ``schemaEngineDriverAdapters`` (read before the datasources are).

    Errors in ``previewFeatures`` are ignored here: the generator loader reports them.
    """
    ignored = Diagnostics()
    for generator in ast.generators:
        for prop in generator.properties:
            if prop.name.name != "previewFeatures" or prop.value is None:
                continue
            names = coerce_array(prop.value, coerce_string, ignored)
            if names is not None and PreviewFeature.SCHEMA_ENGINE_DRIVER_ADAPTERS.value in names:
                return True
            break
    return False


def _resolve_urls(ds: Datasource, env: Mapping[str, str]) -> Datasource:
    return replace(
        ds,
        url=ds.url.resolved(env),
        direct_url=ds.direct_url.resolved(env) if ds.direct_url is not None else None,
        shadow_database_url=ds.shadow_database_url.resolved(env) if ds.shadow_database_url is not None else None,
    )
