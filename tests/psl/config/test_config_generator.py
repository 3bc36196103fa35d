"""Generator blocks and preview features: Prisma's generator_loader rules."""

from __future__ import annotations

import pytest
from config_testlib import highlighted, load_text, messages

from refrakt.psl.config import (
    ALL_PREVIEW_FEATURES,
    EnvVar,
    PreviewFeature,
    StringFromEnvVar,
    feature_map,
    sorted_features,
)

PG = 'datasource db {\n  provider = "postgresql"\n  url = "x"\n}\n'
MYSQL = 'datasource db {\n  provider = "mysql"\n  url = "x"\n}\n'


def gen_block(*lines: str, name: str = "client") -> str:
    body = "".join(f"  {line}\n" for line in lines)
    return f"generator {name} {{\n{body}}}\n"


def test_reads_known_properties_and_keeps_the_rest() -> None:
    text = gen_block(
        "/// The client",
        'provider = "prisma-client"',
        'output = env("OUT")',
        'binaryTargets = ["native", env("TARGET")]',
        'engineType = "library"',
        'runtime = "edge-light"',
        "count = 3",
        "flag = true",
        'list = ["a", env("B"), [c]]',
        "fn = now(3)",
    )
    config, diags = load_text(text)
    assert messages(diags) == []
    (gen,) = config.generators
    assert gen.name == "client"
    assert gen.provider == StringFromEnvVar(value="prisma-client")
    assert gen.output == StringFromEnvVar(from_env_var="OUT")
    assert gen.binary_targets == (StringFromEnvVar(value="native"), StringFromEnvVar(from_env_var="TARGET"))
    assert gen.preview_features is None
    assert gen.engine_type == "library"
    assert gen.config_dict == {
        "engineType": "library",
        "runtime": "edge-light",
        "count": "3",
        "flag": "true",
        "list": ("a", EnvVar("B"), ("c",)),
        "fn": "now(3)",
    }
    assert [k for k, _ in gen.config] == ["engineType", "runtime", "count", "flag", "list", "fn"]
    assert gen.documentation == "The client"
    assert config.generator("client") is gen and config.generator("other") is None


def test_missing_provider() -> None:
    text = gen_block('output = "x"')
    config, diags = load_text(text)
    assert messages(diags) == [("error", 'Argument "provider" is missing in generator block "client".')]
    assert highlighted(text, diags)[0].startswith("generator client {")
    assert config.generators == ()


def test_property_without_value_reports_only_the_first() -> None:
    text = gen_block('provider = "fancy-generator"', "configValue =", "other =")
    config, diags = load_text(text)
    assert messages(diags) == [("error", "Property configValue in generator client needs to be assigned a value")]
    assert config.generators == ()


def test_engine_type_must_be_a_string() -> None:
    _, diags = load_text(gen_block('provider = "p"', "engineType = library"))
    assert messages(diags) == [("error", "Expected a String value, but received literal value `library`.")]


def test_provider_of_wrong_type_invalidates_the_generator() -> None:
    config, diags = load_text(gen_block("provider = 1"))
    assert messages(diags) == [("error", "Expected a String value, but received numeric value `1`.")]
    assert config.generators == ()


def test_bad_env_in_config_invalidates_the_generator() -> None:
    config, diags = load_text(gen_block('provider = "p"', "x = env(1)"))
    assert messages(diags) == [("error", "Expected a string value, but received numeric value `1`.")]
    assert config.generators == ()


class TestPreviewFeatures:
    def test_valid_features_with_span(self) -> None:
        text = PG + gen_block('provider = "p"', 'previewFeatures = ["views", "RELATIONJOINS"]')
        config, diags = load_text(text)
        assert messages(diags) == []
        assert config.preview_features == {PreviewFeature.VIEWS, PreviewFeature.RELATION_JOINS}
        assert "views" in config.preview_features
        gen = config.generators[0]
        assert gen.preview_features_span is not None
        assert text[gen.preview_features_span.start : gen.preview_features_span.end] == '["views", "RELATIONJOINS"]'

    def test_union_over_generators(self) -> None:
        text = gen_block('provider = "a"', 'previewFeatures = ["views"]') + gen_block(
            'provider = "b"', 'previewFeatures = ["shardKeys"]', name="other"
        )
        config, _ = load_text(text)
        assert config.preview_features == {PreviewFeature.VIEWS, PreviewFeature.SHARD_KEYS}
        assert config.has_preview_feature("shardKeys")

    def test_empty_list(self) -> None:
        config, diags = load_text(gen_block('provider = "p"', "previewFeatures = []"))
        assert messages(diags) == []
        assert config.generators[0].preview_features == frozenset()

    def test_unknown_feature_lists_the_active_ones(self) -> None:
        text = MYSQL + gen_block('provider = "p"', 'previewFeatures = ["fullTextSearchPostgres", "nope"]')
        config, diags = load_text(text)
        expected = (
            "metrics, nativeDistinct, postgresqlExtensions, relationJoins, schemaEngineDriverAdapters, shardKeys, "
            "strictUndefinedChecks, views"
        )
        assert messages(diags) == [
            ("error", f'The preview feature "fullTextSearchPostgres" is not known. Expected one of: {expected}'),
            ("error", f'The preview feature "nope" is not known. Expected one of: {expected}'),
        ]
        assert highlighted(text, diags)[0] == '["fullTextSearchPostgres", "nope"]'
        assert config.preview_features == frozenset()

    def test_provider_specific_feature_is_valid_on_postgres(self) -> None:
        config, diags = load_text(PG + gen_block('provider = "p"', 'previewFeatures = ["fullTextSearchPostgres"]'))
        assert messages(diags) == []
        assert config.preview_features == {PreviewFeature.FULL_TEXT_SEARCH_POSTGRES}

    def test_stabilized_feature(self) -> None:
        config, diags = load_text(MYSQL + gen_block('provider = "p"', 'previewFeatures = ["fullTextIndex"]'))
        assert messages(diags) == [
            (
                "warning",
                'Preview feature "fullTextIndex" is deprecated. The functionality can be used without specifying '
                "it as a preview feature.",
            )
        ]
        assert config.preview_features == {PreviewFeature.FULL_TEXT_INDEX}

    def test_deprecated_feature(self) -> None:
        config, diags = load_text(PG + gen_block('provider = "p"', 'previewFeatures = ["metrics"]'))
        assert messages(diags) == [
            ("warning", 'Preview feature "metrics" is deprecated. It will be removed in a future version of Prisma.')
        ]
        assert config.preview_features == {PreviewFeature.METRICS}

    @pytest.mark.parametrize("provider", ["postgres", "postgresql"])
    def test_renamed_for_provider(self, provider: str) -> None:
        ds = f'datasource db {{\n  provider = "{provider}"\n  url = "x"\n}}\n'
        config, diags = load_text(gen_block('provider = "p"', 'previewFeatures = ["fullTextSearch"]') + ds)
        assert messages(diags) == [
            (
                "warning",
                'On `provider = "postgresql"`, preview feature "fullTextSearch" has been renamed to '
                '"fullTextSearchPostgres". Learn more at https://pris.ly/d/fts-postgres.',
            )
        ]
        assert config.preview_features == {PreviewFeature.FULL_TEXT_SEARCH_POSTGRES}

    def test_renamed_only_on_its_provider(self) -> None:
        config, diags = load_text(MYSQL + gen_block('provider = "p"', 'previewFeatures = ["fullTextSearch"]'))
        assert [sev for sev, _ in messages(diags)] == ["warning"]
        assert "The functionality can be used without" in messages(diags)[0][1]
        assert config.preview_features == {PreviewFeature.FULL_TEXT_SEARCH}

    def test_hidden_features_are_valid_but_not_listed(self) -> None:
        config, diags = load_text(gen_block('provider = "p"', 'previewFeatures = ["typedSql"]'))
        assert messages(diags) == []
        assert config.preview_features == {PreviewFeature.TYPED_SQL}
        assert "typedSql" not in ALL_PREVIEW_FEATURES.expected_list()

    def test_not_strings(self) -> None:
        config, diags = load_text(gen_block('provider = "p"', "previewFeatures = [views, 1]"))
        assert messages(diags) == [
            ("error", "Expected a string value, but received literal value `views`."),
            ("error", "Expected a string value, but received numeric value `1`."),
        ]
        assert config.generators[0].preview_features is None

    def test_feature_map_per_provider(self) -> None:
        assert PreviewFeature.FULL_TEXT_SEARCH_POSTGRES in feature_map("postgresql").active_features()
        assert PreviewFeature.FULL_TEXT_SEARCH_POSTGRES not in feature_map("cockroachdb").active_features()
        assert feature_map("postgresql").expected_list().startswith("fullTextSearchPostgres, metrics")
        assert PreviewFeature.parse("COCKROACHDB") is PreviewFeature.COCKROACHDB
        assert PreviewFeature.parse("nope") is None
        assert sorted_features({PreviewFeature.VIEWS, PreviewFeature.AGGREGATE_API}) == [
            PreviewFeature.AGGREGATE_API,
            PreviewFeature.VIEWS,
        ]
