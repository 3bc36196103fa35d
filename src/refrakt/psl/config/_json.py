"""The JSON shape of the configuration that Prisma's ``getConfig`` returns (``psl-core::mcf``).

``datasources_to_json`` / ``generators_to_json`` give plain dicts and lists, key for key and in
Prisma's order, so that ``json.dumps(..., indent=2)`` matches what generators and tools expect.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from refrakt.diagnostics import Span
from refrakt.psl.config._model import Datasource, EnvVar, Generator, GeneratorConfigValue, StringFromEnvVar
from refrakt.psl.config._preview_features import sorted_features


def string_from_env_var_json(value: StringFromEnvVar) -> dict[str, str | None]:
    return {"fromEnvVar": value.from_env_var, "value": value.value}


def _file_name(span: Span, file_names: Sequence[str]) -> str:
    return file_names[span.file_id] if span.file_id < len(file_names) else "schema.prisma"


def datasources_to_json(
    datasources: Sequence[Datasource], file_names: Sequence[str] = ("schema.prisma",)
) -> list[dict[str, Any]]:
    """``[{name, provider, activeProvider, url, directUrl?, schemas, documentation?, sourceFilePath}]``."""
    out: list[dict[str, Any]] = []
    for ds in datasources:
        item: dict[str, Any] = {
            "name": ds.name,
            "provider": ds.provider,
            "activeProvider": ds.active_provider,
            "url": string_from_env_var_json(ds.url),
        }
        if ds.direct_url is not None:
            item["directUrl"] = string_from_env_var_json(ds.direct_url)
        item["schemas"] = list(ds.schema_names)
        if ds.documentation is not None:
            item["documentation"] = ds.documentation
        item["sourceFilePath"] = _file_name(ds.span, file_names)
        out.append(item)
    return out


def config_value_json(value: GeneratorConfigValue) -> Any:
    """A generator config value: a string, an env var's name, or a list of such values."""
    if isinstance(value, EnvVar):
        return value.name
    if isinstance(value, tuple):
        return [config_value_json(v) for v in value]
    return value


def generators_to_json(
    generators: Sequence[Generator], file_names: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """``[{name, provider, output, config, binaryTargets, previewFeatures, documentation?, sourceFilePath?}]``.

    ``sourceFilePath`` is present when ``file_names`` (indexed by file id) is given.
    """
    out: list[dict[str, Any]] = []
    for gen in generators:
        item: dict[str, Any] = {
            "name": gen.name,
            "provider": string_from_env_var_json(gen.provider),
            "output": string_from_env_var_json(gen.output) if gen.output is not None else None,
            "config": {key: config_value_json(value) for key, value in gen.config},
            "binaryTargets": [string_from_env_var_json(t) for t in gen.binary_targets],
            "previewFeatures": [f.value for f in sorted_features(gen.preview_features or frozenset())],
        }
        if gen.documentation is not None:
            item["documentation"] = gen.documentation
        if file_names is not None:
            item["sourceFilePath"] = _file_name(gen.span, file_names)
        out.append(item)
    return out
