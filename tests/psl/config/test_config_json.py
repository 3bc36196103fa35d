"""The getConfig JSON shape, checked against the expectations of Prisma's config tests."""

from __future__ import annotations

import json

from config_testlib import load_text, messages

from refrakt.psl.config import datasources_to_json, generators_to_json


def test_generators_json_matches_prisma() -> None:
    config, diags = load_text(
        'generator js1 {\n  provider = "javascript"\n  output = "../../js"\n  engineType = "binary"\n}\n\n'
        'generator go {\n  provider = "go"\n  binaryTargets = ["a", "b"]\n}\n'
    )
    assert messages(diags) == []
    assert generators_to_json(config.generators) == [
        {
            "name": "js1",
            "provider": {"fromEnvVar": None, "value": "javascript"},
            "output": {"fromEnvVar": None, "value": "../../js"},
            "config": {"engineType": "binary"},
            "binaryTargets": [],
            "previewFeatures": [],
        },
        {
            "name": "go",
            "provider": {"fromEnvVar": None, "value": "go"},
            "output": None,
            "config": {},
            "binaryTargets": [{"fromEnvVar": None, "value": "a"}, {"fromEnvVar": None, "value": "b"}],
            "previewFeatures": [],
        },
    ]


def test_stabilized_preview_features_are_kept_in_prisma_order() -> None:
    config, _ = load_text(
        'generator go {\n  provider = "go"\n  previewFeatures = ["transactionApi", "connectOrCreate"]\n}\n'
    )
    (gen,) = generators_to_json(config.generators, ["main.prisma"])
    assert gen["previewFeatures"] == ["connectOrCreate", "transactionApi"]
    assert gen["sourceFilePath"] == "main.prisma"


def test_env_values_and_config_values() -> None:
    config, _ = load_text(
        'generator js1 {\n  provider = env("PROVIDER")\n  binaryTargets = env("TARGETS")\n'
        '  extra = [env("A"), "b"]\n}\n'
    )
    (gen,) = generators_to_json(config.generators)
    assert gen["provider"] == {"fromEnvVar": "PROVIDER", "value": None}
    assert gen["binaryTargets"] == [{"fromEnvVar": "TARGETS", "value": None}]
    assert gen["config"] == {"extra": ["A", "b"]}


def test_datasources_json_matches_prisma() -> None:
    config, _ = load_text(
        'datasource ds {\n  provider = "postgresql"\n  url = "postgresql://localhost"\n'
        '  schemas = ["transactional", "public"]\n}\n'
    )
    rendered = json.dumps(datasources_to_json(config.datasources), indent=2)
    assert json.loads(rendered) == [
        {
            "name": "ds",
            "provider": "postgresql",
            "activeProvider": "postgresql",
            "url": {"fromEnvVar": None, "value": "postgresql://localhost"},
            "schemas": ["public", "transactional"],
            "sourceFilePath": "schema.prisma",
        }
    ]


def test_datasource_json_optional_keys() -> None:
    config, _ = load_text(
        'datasource db {\n  /// docs\n  provider = "postgres"\n  url = env("U")\n  directUrl = env("D")\n}\n'
    )
    (ds,) = datasources_to_json(config.datasources)
    assert list(ds) == [
        "name",
        "provider",
        "activeProvider",
        "url",
        "directUrl",
        "schemas",
        "documentation",
        "sourceFilePath",
    ]
    assert ds["directUrl"] == {"fromEnvVar": "D", "value": None}
    assert ds["documentation"] == "docs"


def test_env_in_preview_features_is_rejected() -> None:
    for value in ('[env("F")]', 'env("F")'):
        _, diags = load_text(f'generator client {{\n  provider = "p"\n  previewFeatures = {value}\n}}\n')
        assert messages(diags) == [("error", 'Expected a string value, but received functional value `env("F")`.')]


def test_engine_type_array() -> None:
    _, diags = load_text('generator client {\n  provider = "p"\n  engineType = ["binary"]\n}\n')
    assert messages(diags) == [("error", 'Expected a String value, but received array value `["binary"]`.')]
