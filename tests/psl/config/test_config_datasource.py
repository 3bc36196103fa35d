"""Datasource blocks: Prisma's datasource_loader rules, one test per rule."""

from __future__ import annotations

import pytest
from config_testlib import highlighted, load_text, messages

from refrakt.psl.config import PostgresExtension, RelationMode, SchemaName, StringFromEnvVar


def ds_block(*lines: str, name: str = "db") -> str:
    body = "".join(f"  {line}\n" for line in lines)
    return f"datasource {name} {{\n{body}}}\n"


def test_reads_provider_url_and_active_provider() -> None:
    config, diags = load_text(ds_block('provider = "postgres"', 'url = env("DATABASE_URL")'))
    assert messages(diags) == []
    ds = config.datasource
    assert ds is not None
    assert (ds.name, ds.provider, ds.active_provider) == ("db", "postgres", "postgresql")
    assert ds.url == StringFromEnvVar(from_env_var="DATABASE_URL")
    assert config.provider == "postgresql"


def test_documentation_and_spans_are_kept() -> None:
    # Prisma keeps the doc comment written inside the block.
    text = ds_block("/// Main database", 'provider = "sqlite"', 'url = "file:./dev.db"')
    config, _ = load_text(text)
    ds = config.datasource
    assert ds is not None
    assert ds.documentation == "Main database"
    assert text[ds.url_span.start : ds.url_span.end] == '"file:./dev.db"'
    assert text[ds.name_span.start : ds.name_span.end] == "db"
    url_prop = ds.property_span("url")
    assert url_prop is not None and text[url_prop.start : url_prop.end] == 'url = "file:./dev.db"'
    assert ds.url.literal == "file:./dev.db"


def test_unknown_property() -> None:
    text = ds_block('provider = "mysql"', 'url = "mysql://localhost"', 'foo = "bar"')
    config, diags = load_text(text)
    assert messages(diags) == [("error", 'Property not known: "foo".')]
    assert highlighted(text, diags) == ['foo = "bar"']
    assert config.datasource is not None  # an unknown property does not invalidate the block


def test_property_without_value() -> None:
    text = ds_block('provider = "mysql"', "url =")
    config, diags = load_text(text)
    assert messages(diags) == [("error", "Property url in datasource db needs to be assigned a value")]
    assert config.datasources == ()


def test_missing_provider() -> None:
    text = ds_block('url = "x"')
    config, diags = load_text(text)
    assert messages(diags) == [("error", 'Argument "provider" is missing in data source block "db".')]
    assert highlighted(text, diags)[0].startswith("datasource db {")
    assert config.datasource is None


@pytest.mark.parametrize(
    ("provider", "message"),
    [
        ('"mongo"', 'Datasource provider not known: "mongo".'),
        ('""', "Error validating datasource `db`: The provider argument in a datasource must not be empty"),
        ("mysql", "Error validating datasource `db`: The provider argument in a datasource must be a string literal"),
        ('env("P")', "A datasource must not use the env() function in the provider argument."),
    ],
)
def test_bad_provider(provider: str, message: str) -> None:
    config, diags = load_text(ds_block(f"provider = {provider}", 'url = "x"'))
    assert messages(diags) == [("error", message)]
    assert config.datasource is None


def test_url_is_required() -> None:
    config, diags = load_text(ds_block('provider = "postgresql"'))
    assert messages(diags) == [("error", 'Argument "url" is missing in data source block "db".')]
    assert config.datasource is None


def test_url_is_optional_on_sqlite_with_schema_engine_driver_adapters() -> None:
    gen = 'generator c {\n  provider = "prisma-client"\n  previewFeatures = ["schemaEngineDriverAdapters"]\n}\n'
    config, diags = load_text(gen + ds_block('provider = "sqlite"'))
    assert messages(diags) == []
    assert config.datasource is not None and config.datasource.url.value == "<invalid>"
    _, diags = load_text(gen + ds_block('provider = "postgresql"'))
    assert messages(diags) == [("error", 'Argument "url" is missing in data source block "db".')]


@pytest.mark.parametrize(
    ("url", "message", "severity"),
    [
        ("env(named: )", "The env function expects a singular, unnamed, string argument.", "error"),
        ('env(named: "X")', "The env function doesn't expect named arguments", "warning"),
        ("env()", "Exactly one string parameter must be passed to the env function.", "error"),
        ('env("A", "B")', "Exactly one string parameter must be passed to the env function.", "error"),
        ("env(true)", "Expected a string value, but received literal value `true`.", "error"),
        ("env(4)", "Expected a string value, but received numeric value `4`.", "error"),
        ("4", "Expected a String value, but received numeric value `4`.", "error"),
        ('foo("x")', 'Expected a String value, but received functional value `foo("x")`.', "error"),
    ],
)
def test_url_value_errors(url: str, message: str, severity: str) -> None:
    _, diags = load_text(ds_block('provider = "mysql"', f"url = {url}"))
    assert (severity, message) in messages(diags)


def test_env_url_is_resolved_from_the_given_environment() -> None:
    text = ds_block('provider = "postgresql"', 'url = env("DATABASE_URL")', 'directUrl = env("DIRECT")')
    config, _ = load_text(text, env={"DATABASE_URL": "postgresql://u@h/db"})
    ds = config.datasource
    assert ds is not None
    assert ds.url.value == "postgresql://u@h/db" and ds.url.from_env_var == "DATABASE_URL"
    assert ds.direct_url == StringFromEnvVar(from_env_var="DIRECT")


def test_shadow_database_url_same_as_url_and_direct_url() -> None:
    text = ds_block(
        'provider = "mysql"', 'url = "mysql://t"', 'directUrl = "mysql://t"', 'shadowDatabaseUrl = "mysql://t"'
    )
    _, diags = load_text(text)
    assert sorted(messages(diags)) == [
        (
            "error",
            'shadowDatabaseUrl is the same as directUrl for datasource "db". Please specify a different '
            "database as shadow database to avoid data loss.",
        ),
        (
            "error",
            'shadowDatabaseUrl is the same as url for datasource "db". Please specify a different database '
            "as shadow database to avoid data loss.",
        ),
    ]
    assert highlighted(text, diags) == ['"mysql://t"', '"mysql://t"']


def test_same_env_var_for_shadow_and_url_is_an_error_but_empty_shadow_is_ignored() -> None:
    _, diags = load_text(ds_block('provider = "mysql"', 'url = env("U")', 'shadowDatabaseUrl = env("U")'))
    assert len(diags.errors) == 1
    config, diags = load_text(ds_block('provider = "mysql"', 'url = "mysql://a"', 'shadowDatabaseUrl = ""'))
    assert messages(diags) == []
    assert config.datasource is not None and config.datasource.shadow_database_url is None


def test_preview_features_belong_in_the_generator() -> None:
    _, diags = load_text(ds_block('provider = "mysql"', 'url = "mysql://a"', 'previewFeatures = ["views"]'))
    assert messages(diags) == [
        (
            "error",
            "Preview features are only supported in the generator block. Please move this field to the "
            "generator block.",
        )
    ]


def test_more_than_one_datasource_is_an_error_on_each() -> None:
    text = ds_block('provider = "mysql"', 'url = "mysql://a"') + ds_block(
        'provider = "sqlite"', 'url = "file:a"', name="other"
    )
    config, diags = load_text(text)
    msg = (
        "You defined more than one datasource. This is not allowed yet because support for multiple "
        "databases has not been implemented yet."
    )
    assert messages(diags) == [
        ("error", f"Error validating datasource `db`: {msg}"),
        ("error", f"Error validating datasource `other`: {msg}"),
    ]
    assert len(config.datasources) == 2


class TestRelationMode:
    def test_defaults_per_connector(self) -> None:
        config, _ = load_text(ds_block('provider = "mysql"', 'url = "mysql://a"'))
        assert config.relation_mode is RelationMode.FOREIGN_KEYS
        assert config.datasource is not None and not config.datasource.relation_mode_is_explicit
        config, _ = load_text(ds_block('provider = "mongodb"', 'url = "mongodb://a"'))
        assert config.relation_mode is RelationMode.PRISMA

    def test_explicit_setting(self) -> None:
        config, diags = load_text(ds_block('provider = "mysql"', 'url = "mysql://a"', 'relationMode = "prisma"'))
        assert messages(diags) == []
        assert config.datasource is not None and config.datasource.relation_mode_is_explicit
        assert config.relation_mode is RelationMode.PRISMA

    def test_referential_integrity_is_deprecated_but_honoured(self) -> None:
        text = ds_block('provider = "mysql"', 'url = "mysql://a"', 'referentialIntegrity = "prisma"')
        config, diags = load_text(text)
        assert messages(diags) == [
            (
                "warning",
                "The `referentialIntegrity` attribute is deprecated. Please use `relationMode` instead. "
                "Learn more at https://pris.ly/d/relation-mode",
            )
        ]
        assert config.relation_mode is RelationMode.PRISMA

    def test_both_attributes(self) -> None:
        text = ds_block(
            'provider = "sqlite"', 'url = "file:a"', 'relationMode = "prisma"', 'referentialIntegrity = "foreignKeys"'
        )
        config, diags = load_text(text)
        assert (
            "error",
            "The `referentialIntegrity` and `relationMode` attributes cannot be used together. "
            "Please use only `relationMode` instead.",
        ) in messages(diags)
        assert highlighted(text, diags)[-1] == 'referentialIntegrity = "foreignKeys"'
        assert config.relation_mode is RelationMode.FOREIGN_KEYS  # neither applies: the default

    def test_unknown_value(self) -> None:
        text = ds_block('provider = "mysql"', 'url = "mysql://a"', 'relationMode = "emulated"')
        _, diags = load_text(text)
        assert messages(diags) == [
            (
                "error",
                'Error validating datasource `relationMode`: Invalid relation mode setting: "emulated". '
                'Supported values: "prisma", "foreignKeys"',
            )
        ]
        assert highlighted(text, diags)[0].startswith("datasource db {")

    def test_not_allowed_on_connector(self) -> None:
        text = ds_block('provider = "mongodb"', 'relationMode = "foreignKeys"', 'url = "mongodb://"')
        _, diags = load_text(text)
        assert messages(diags) == [
            (
                "error",
                'Error validating datasource `relationMode`: Invalid relation mode setting: "foreignKeys". '
                'Supported values: "prisma"',
            )
        ]
        assert highlighted(text, diags) == ['"foreignKeys"']

    def test_not_a_string(self) -> None:
        _, diags = load_text(ds_block('provider = "mysql"', 'url = "mysql://a"', "relationMode = prisma"))
        assert messages(diags) == [("error", "Expected a string value, but received literal value `prisma`.")]


class TestSchemas:
    def test_sorted_with_spans(self) -> None:
        text = ds_block('provider = "postgresql"', 'url = "x"', 'schemas = ["b", "a"]')
        config, diags = load_text(text)
        assert messages(diags) == []
        names = config.schemas
        assert [s.name for s in names] == ["a", "b"]
        assert text[names[0].span.start : names[0].span.end] == '"a"'
        assert config.datasource is not None and config.datasource.has_schema("b")
        assert not config.datasource.has_schema("c")

    def test_duplicates(self) -> None:
        text = ds_block('provider = "postgresql"', 'url = "x"', 'schemas = ["one", "two", "two", "three", "three"]')
        config, diags = load_text(text)
        assert messages(diags) == [("error", "Duplicated schema names are not allowed")] * 2
        assert highlighted(text, diags) == ['"three"', '"two"']
        first_two = text.index('"two"')
        assert diags.errors[1].span.start == first_two
        assert len(config.schemas) == 5

    def test_empty(self) -> None:
        config, diags = load_text(ds_block('provider = "postgresql"', 'url = "x"', "schemas = []"))
        assert messages(diags) == [("error", "If provided, the schemas array can not be empty.")]
        assert config.datasource is not None and config.datasource.schemas_span is None

    def test_not_strings(self) -> None:
        _, diags = load_text(ds_block('provider = "postgresql"', 'url = "x"', "schemas = [one, 2]"))
        assert messages(diags) == [
            ("error", "Expected a string value, but received literal value `one`."),
            ("error", "Expected a string value, but received numeric value `2`."),
        ]

    def test_single_string_counts_as_a_list(self) -> None:
        config, _ = load_text(ds_block('provider = "postgresql"', 'url = "x"', 'schemas = "public"'))
        assert [s.name for s in config.schemas] == ["public"]
        assert isinstance(config.schemas[0], SchemaName)


class TestExtensions:
    def test_parsed_and_sorted(self) -> None:
        text = ds_block(
            'provider = "postgresql"',
            'url = "x"',
            'extensions = [postgis(schema: "gis", version: "3.1", map: "pg_gis"), citext]',
        )
        config, diags = load_text(text)
        assert messages(diags) == []
        ds = config.datasource
        assert ds is not None and ds.extensions is not None
        assert [e.name for e in ds.extensions.extensions] == ["citext", "postgis"]
        postgis = ds.extensions.extensions[1]
        assert (postgis.schema, postgis.version, postgis.db_name) == ("gis", "3.1", "pg_gis")
        assert ds.extensions.find_by_name("pg_gis") == postgis
        assert ds.extensions.find_by_name("postgis") is None
        assert isinstance(ds.extensions.find_by_name("citext"), PostgresExtension)
        assert text[ds.extensions.span.start : ds.extensions.span.end].startswith("extensions = [")

    @pytest.mark.parametrize(
        ("value", "message", "highlight"),
        [
            (
                '["postgis"]',
                'Expected a constant or function value, but received string value `"postgis"`.',
                '"postgis"',
            ),
            (
                '[postgis(version: "2.1", version: "1.0")]',
                "Error validating: The argument `version` can only be defined once",
                'version: "1.0"',
            ),
            ('[postgis(version: "2.1", foobar: "1.0")]', 'Argument not known: "foobar".', 'foobar: "1.0"'),
            ('[postgis("2.1")]', "Error validating: The argument must have a name", '"2.1"'),
        ],
    )
    def test_errors(self, value: str, message: str, highlight: str) -> None:
        text = ds_block('provider = "postgresql"', 'url = "x"', f"extensions = {value}")
        _, diags = load_text(text)
        assert messages(diags) == [("error", message)]
        assert highlighted(text, diags) == [highlight]

    def test_non_string_argument(self) -> None:
        _, diags = load_text(ds_block('provider = "postgresql"', 'url = "x"', "extensions = [postgis(schema: 1)]"))
        assert messages(diags) == [
            ("error", "Expected a string value, but received numeric value `1`."),
            ("error", "Error validating: The `schema` argument must be a string literal"),
        ]

    @pytest.mark.parametrize("provider", ["mysql", "sqlite", "mongodb", "cockroachdb"])
    def test_only_postgres_reads_them(self, provider: str) -> None:
        text = ds_block(f'provider = "{provider}"', 'url = "x"', "extensions = [postgis]")
        _, diags = load_text(text)
        assert messages(diags) == [("error", 'Property not known: "extensions".')]
