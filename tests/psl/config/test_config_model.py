"""Configuration values, URL loading, the pipeline checks, and loading hand-built ASTs."""

from __future__ import annotations

import pytest
from config_testlib import highlighted, load_text, messages

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl import ast
from refrakt.psl.config import (
    Configuration,
    RelationMode,
    StringFromEnvVar,
    check_one_datasource,
    load_configuration,
    load_direct_url,
    load_shadow_database_url,
    load_url,
    validate_datasource,
)
from refrakt.psl.connectors import RelationMode as ConnectorsRelationMode
from refrakt.psl.connectors import get_connector
from refrakt.psl.parser import parse_schema


def sp(start: int, end: int, file_id: int = 0) -> Span:
    return Span(start, end, file_id)


def prop(name: str, value: ast.Expression | None, at: int) -> ast.ConfigBlockProperty:
    return ast.ConfigBlockProperty(ast.Identifier(name, sp(at, at + len(name))), value, sp(at, at + 20))


def string(value: str, at: int) -> ast.StringValue:
    return ast.StringValue(value, sp(at, at + len(value) + 2))


class TestHandBuiltAst:
    def test_loads_without_the_parser(self) -> None:
        source = ast.SourceConfig(
            ast.Identifier("db", sp(11, 13)),
            (prop("provider", string("sqlite", 20), 20), prop("url", string("file:dev.db", 40), 40)),
            None,
            sp(0, 60),
            sp(15, 59),
        )
        generator = ast.GeneratorConfig(
            ast.Identifier("client", sp(70, 76)), (prop("provider", string("refrakt", 80), 80),), None, sp(60, 100)
        )
        diags = Diagnostics()
        config = load_configuration([ast.SchemaAst((source, generator))], diags)
        assert diags.all() == []
        assert config.provider == "sqlite"
        assert config.generators[0].provider.value == "refrakt"

    def test_env_with_trailing_comma(self) -> None:
        call = ast.Function(
            "env",
            ast.ArgumentsList((ast.Argument(None, string("URL", 34), sp(34, 39)),), (), sp(39, 40)),
            sp(30, 41),
        )
        source = ast.SourceConfig(
            ast.Identifier("db", sp(11, 13)),
            (prop("provider", string("mysql", 15), 15), prop("url", call, 28)),
            None,
            sp(0, 50),
            sp(14, 49),
        )
        diags = Diagnostics()
        config = load_configuration([ast.SchemaAst((source,))], diags)
        assert messages(diags) == [("error", "Exactly one string parameter must be passed to the env function.")]
        assert diags.errors[0].span == sp(30, 41)
        assert config.datasources == ()

    def test_each_file_is_loaded_with_its_own_spans(self) -> None:
        diags = Diagnostics()
        first = parse_schema('datasource db {\n  provider = "postgresql"\n  url = "x"\n}\n', diags, 0)
        second = parse_schema('generator c {\n  provider = "p"\n  previewFeatures = ["nope"]\n}\n', diags, 1)
        config = load_configuration([first, second], diags)
        assert config.provider == "postgresql"
        # Prisma checks a file's preview features against that file's datasource only.
        (error,) = diags.errors
        assert error.span.file_id == 1
        assert "fullTextSearchPostgres" not in error.message


class TestStringFromEnvVar:
    def test_literal(self) -> None:
        value = StringFromEnvVar(value="file:a")
        assert value.resolve({}) == "file:a" and value.literal == "file:a" and not value.is_env_var
        assert str(value) == "file:a"

    def test_env_var(self) -> None:
        value = StringFromEnvVar(from_env_var="URL")
        assert value.resolve({"URL": "x"}) == "x" and value.resolve({}) is None
        assert value.literal is None and value.is_env_var
        assert str(value) == 'env("URL")'
        resolved = value.resolved({"URL": "x"})
        assert resolved.value == "x" and resolved.from_env_var == "URL"
        assert value.resolved({}) is value

    def test_equality_ignores_the_span(self) -> None:
        assert StringFromEnvVar("a", None, sp(1, 2)) == StringFromEnvVar("a", None, sp(5, 9))
        assert StringFromEnvVar("a") != StringFromEnvVar(None, "a")


class TestLoadUrl:
    def ds(self, *lines: str) -> tuple[str, Configuration]:
        text = "datasource db {\n" + "".join(f"  {line}\n" for line in lines) + "}\n"
        config, diags = load_text(text)
        assert diags.errors == []
        return text, config

    def test_env_var_resolved(self) -> None:
        _, config = self.ds('provider = "postgresql"', 'url = env("DB")')
        assert config.datasource is not None
        diags = Diagnostics()
        assert load_url(config.datasource, {"DB": "postgres://h/db"}, diags) == "postgres://h/db"
        assert diags.all() == []

    @pytest.mark.parametrize(
        ("url", "env", "message"),
        [
            ('env("DB")', {}, "Environment variable not found: DB."),
            (
                'env("DB")',
                {"DB": "  "},
                "Error validating datasource `db`: You must provide a nonempty URL. The environment variable `DB` "
                "resolved to an empty string.",
            ),
            ('" "', {}, "Error validating datasource `db`: You must provide a nonempty URL"),
            (
                '"mysql://h"',
                {},
                "Error validating datasource `db`: the URL must start with the protocol `postgresql://` or "
                "`postgres://`.",
            ),
        ],
    )
    def test_errors(self, url: str, env: dict[str, str], message: str) -> None:
        text, config = self.ds('provider = "postgresql"', f"url = {url}")
        assert config.datasource is not None
        diags = Diagnostics()
        assert load_url(config.datasource, env, diags) is None
        assert messages(diags) == [("error", message)]
        assert highlighted(text, diags) == [url]

    def test_direct_and_shadow_urls(self) -> None:
        _, config = self.ds(
            'provider = "sqlite"', 'url = "file:a"', 'directUrl = env("D")', 'shadowDatabaseUrl = env("S")'
        )
        ds = config.datasource
        assert ds is not None
        diags = Diagnostics()
        assert load_direct_url(ds, {"D": "file:d"}, diags) == "file:d"
        assert load_shadow_database_url(ds, {}, diags) is None  # unset: no shadow database
        assert load_shadow_database_url(ds, {"S": "file:s"}, diags) == "file:s"
        assert diags.all() == []
        assert load_shadow_database_url(ds, {"S": "mysql://x"}, diags) is None
        assert messages(diags) == [
            ("error", "Error validating datasource `db`: the shadow database URL must start with the protocol `file:`.")
        ]

    def test_prisma_scheme(self) -> None:
        _, config = self.ds('provider = "mysql"', 'url = env("U")', 'directUrl = "prisma://h"')
        ds = config.datasource
        assert ds is not None
        diags = Diagnostics()
        assert load_url(ds, {"U": "prisma://x"}, diags) is None
        assert messages(diags)[0][1] == (
            "Error validating datasource `db`: the URL must start with the protocol `mysql://`.\n\n"
            "To use a URL with protocol `prisma://`, you need to either enable Accelerate or the Data Proxy.\n"
            "Enable Accelerate via `prisma generate --accelerate` or the Data Proxy via `prisma generate "
            "--data-proxy.`\n\nMore information about Data Proxy: https://pris.ly/d/data-proxy\n"
        )
        assert load_url(ds, {"U": "prisma://x"}, Diagnostics(), validate=False) == "prisma://x"
        diags = Diagnostics()
        assert load_direct_url(ds, {}, diags) is None
        assert messages(diags) == [
            (
                "error",
                "Error validating datasource `db`: You must provide a direct URL that points directly to the "
                "database. Using `prisma` in URL scheme is not allowed.",
            )
        ]

    def test_empty_direct_url(self) -> None:
        _, config = self.ds('provider = "sqlite"', 'directUrl = ""', 'url = "file:a"')
        assert config.datasource is not None
        diags = Diagnostics()
        assert load_direct_url(config.datasource, {}, diags) is None
        assert messages(diags) == [
            ("error", "Error validating datasource `db`: You must provide a nonempty direct URL")
        ]

    def test_direct_url_defaults_to_url(self) -> None:
        _, config = self.ds('provider = "sqlite"', 'url = "file:a"')
        assert config.datasource is not None
        assert load_direct_url(config.datasource, {}, Diagnostics()) == "file:a"


class TestValidateDatasource:
    def run(self, text: str) -> tuple[str, Diagnostics]:
        config, diags = load_text(text)
        assert diags.errors == []
        validate_datasource(config.datasource, config.preview_features, diags)
        return text, diags

    def test_schemas_on_a_connector_without_multi_schema(self) -> None:
        # a loader error in Prisma (`datasource_loader`), before any other `schemas` check
        text = 'datasource d {\n  provider = "mysql"\n  url = "x"\n  schemas = ["a", "a"]\n}\n'
        config, diags = load_text(text)
        assert messages(diags) == [("error", "The `schemas` property is not supported on the current connector.")]
        assert highlighted(text, diags) == ['["a", "a"]']
        assert config.datasource is not None and config.datasource.schemas_span is None
        _, diags = self.run('datasource d {\n  provider = "sqlserver"\n  url = "x"\n  schemas = ["a"]\n}\n')
        assert diags.all() == []

    def test_extensions_need_the_preview_feature(self) -> None:
        text, diags = self.run(
            'datasource d {\n  provider = "postgresql"\n  url = "x"\n  extensions = [ postgis ]\n}\n'
        )
        assert messages(diags) == [
            ("error", "The `extensions` property is only available with the `postgresqlExtensions` preview feature.")
        ]
        assert highlighted(text, diags) == ["extensions = [ postgis ]"]

    def test_extension_names(self) -> None:
        gen = 'generator g {\n  provider = "p"\n  previewFeatures = ["postgresqlExtensions"]\n}\n'
        text, diags = self.run(
            gen + 'datasource d {\n  provider = "postgresql"\n  url = "x"\n  extensions = [uuid-ossp, citext]\n}\n'
        )
        assert messages(diags) == [("error", "Error validating: The character `-` is not allowed in extension names.")]
        assert highlighted(text, diags) == ["uuid-ossp"]

    def test_no_datasource(self) -> None:
        diags = Diagnostics()
        validate_datasource(None, frozenset(), diags)
        assert diags.all() == []


def test_check_one_datasource() -> None:
    diags = Diagnostics()
    assert not check_one_datasource(Configuration(), diags)
    assert messages(diags) == [
        ("error", "Error validating: You defined no datasource. You must define exactly one datasource.")
    ]
    config, _ = load_text('datasource d {\n  provider = "sqlite"\n  url = "file:a"\n}\n')
    assert check_one_datasource(config, diags) and len(diags.errors) == 1


def test_datasource_carries_its_connector() -> None:
    config, _ = load_text('datasource d {\n  provider = "postgres"\n  url = "x"\n}\n')
    assert config.connector is get_connector("postgresql")
    assert config.datasource is not None and config.datasource.supports_multi_schema
    # One RelationMode enum for the schema layer: the connectors' own.
    assert config.relation_mode is ConnectorsRelationMode.FOREIGN_KEYS
    assert RelationMode is ConnectorsRelationMode
