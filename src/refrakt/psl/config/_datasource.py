"""Loading ``datasource`` blocks: Prisma's ``datasource_loader.rs``, rule for rule.

Properties are read in Prisma's order (provider, relation mode, connector properties, url,
shadowDatabaseUrl, directUrl, previewFeatures, schemas); whatever is left is unknown.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl.ast import ConfigBlockProperty, Expression, Function, SchemaAst, SourceConfig, StringValue
from refrakt.psl.config._coerce import (
    coerce_array,
    coerce_function_or_constant,
    coerce_string,
    coerce_string_with_span,
    is_env_expression,
    string_from_env_var,
)
from refrakt.psl.config._model import (
    Datasource,
    PostgresExtension,
    PostgresExtensions,
    SchemaName,
    StringFromEnvVar,
)
from refrakt.psl.connectors import Capability, Connector, Flavour, RelationMode, get_connector

MORE_THAN_ONE_DATASOURCE = (
    "You defined more than one datasource. This is not allowed yet because support for multiple "
    "databases has not been implemented yet."
)


@dataclass(slots=True)
class _Arg:
    span: Span
    value: Expression


def source_validation_error(message: str, source: str) -> str:
    return f"Error validating datasource `{source}`: {message}"


def load_datasources(ast: SchemaAst, diagnostics: Diagnostics, *, driver_adapters: bool = False) -> list[Datasource]:
    """The valid datasources of one file; more than one is an error on every block."""
    sources = [ds for src in ast.sources if (ds := lift_datasource(src, diagnostics, driver_adapters)) is not None]
    if len(sources) > 1:
        for src in ast.sources:
            diagnostics.error(source_validation_error(MORE_THAN_ONE_DATASOURCE, src.name.name), src.span)
    return sources


def collect_properties(
    properties: tuple[ConfigBlockProperty, ...], kind: str, block_name: str, block_span: Span, diagnostics: Diagnostics
) -> dict[str, _Arg] | None:
    """``key -> value`` (the last one wins); ``None`` after the first property without a value."""
    args: dict[str, _Arg] = {}
    for prop in properties:
        if prop.value is None:
            diagnostics.error(
                f"Property {prop.name.name} in {kind} {block_name} needs to be assigned a value", block_span
            )
            return None
        args[prop.name.name] = _Arg(prop.span, prop.value)
    return args


def lift_datasource(src: SourceConfig, diagnostics: Diagnostics, driver_adapters: bool = False) -> Datasource | None:
    name = src.name.name
    args = collect_properties(src.properties, "datasource", name, src.span, diagnostics)
    if args is None:
        return None

    provider_arg = args.pop("provider", None)
    if provider_arg is None:
        diagnostics.error(f'Argument "provider" is missing in data source block "{name}".', src.span)
        return None
    provider_expr = provider_arg.value
    if is_env_expression(provider_expr):
        diagnostics.error("A datasource must not use the env() function in the provider argument.", src.span)
        return None
    if not isinstance(provider_expr, StringValue):
        diagnostics.error(
            source_validation_error("The provider argument in a datasource must be a string literal", name),
            provider_expr.span,
        )
        return None
    provider = provider_expr.value
    if provider == "":
        diagnostics.error(
            source_validation_error("The provider argument in a datasource must not be empty", name),
            provider_expr.span,
        )
        return None

    connector = get_connector(provider)
    if connector is None:
        diagnostics.error(f'Datasource provider not known: "{provider}".', provider_expr.span)
        return None

    # Prisma 6.x lets a SQLite datasource omit `url` when the schema engine uses driver adapters.
    url_optional = driver_adapters and connector.flavour is Flavour.SQLITE

    relation_mode = _relation_mode(args, src, connector, diagnostics)
    # Connector-specific properties: PostgreSQL reads `extensions`.
    extensions = _extensions(args, diagnostics) if connector.flavour is Flavour.POSTGRES else None

    url_arg = args.pop("url", None)
    if url_arg is not None:
        url = string_from_env_var(url_arg.value, diagnostics)
        if url is None:
            return None
        url_span = url_arg.value.span
    elif url_optional:
        url, url_span = StringFromEnvVar(value="<invalid>", span=src.span), src.span
    else:
        diagnostics.error(f'Argument "url" is missing in data source block "{name}".', src.span)
        return None

    shadow_url: StringFromEnvVar | None = None
    shadow_span: Span | None = None
    shadow_arg = args.pop("shadowDatabaseUrl", None)
    if shadow_arg is not None:
        shadow = string_from_env_var(shadow_arg.value, diagnostics)
        if shadow is not None and shadow.literal != "":
            shadow_url, shadow_span = shadow, shadow_arg.value.span

    direct_url: StringFromEnvVar | None = None
    direct_span: Span | None = None
    direct_arg = args.pop("directUrl", None)
    if direct_arg is not None:
        direct_url = string_from_env_var(direct_arg.value, diagnostics)
        direct_span = direct_arg.value.span

    if shadow_url is not None:
        if direct_url is not None and direct_span is not None and shadow_url == direct_url:
            diagnostics.error(
                f'shadowDatabaseUrl is the same as directUrl for datasource "{name}". '
                "Please specify a different database as shadow database to avoid data loss.",
                direct_span,
            )
        if shadow_url == url:
            diagnostics.error(
                f'shadowDatabaseUrl is the same as url for datasource "{name}". '
                "Please specify a different database as shadow database to avoid data loss.",
                url_span,
            )

    preview_arg = args.pop("previewFeatures", None)
    if preview_arg is not None:
        diagnostics.error(
            "Preview features are only supported in the generator block. Please move this field to the generator "
            "block.",
            preview_arg.span,
        )

    schemas, schemas_span = _schemas(args.pop("schemas", None), connector, diagnostics)

    for key, arg in args.items():
        diagnostics.error(f'Property not known: "{key}".', arg.span)

    return Datasource(
        name=name,
        provider=provider,
        active_provider=connector.provider_name,
        url=url,
        url_span=url_span,
        span=src.span,
        name_span=src.name.span,
        provider_span=provider_expr.span,
        direct_url=direct_url,
        direct_url_span=direct_span,
        shadow_database_url=shadow_url,
        shadow_database_url_span=shadow_span,
        relation_mode_setting=relation_mode,
        schemas=schemas,
        schemas_span=schemas_span,
        extensions=extensions,
        documentation=src.documentation.text if src.documentation is not None else None,
        property_spans=tuple((p.name.name, p.span) for p in src.properties),
        connector=connector,
    )


def _relation_mode(
    args: dict[str, _Arg], src: SourceConfig, connector: Connector, diagnostics: Diagnostics
) -> RelationMode | None:
    """``relationMode``, or the deprecated ``referentialIntegrity`` (a warning); not both."""
    integrity = args.get("referentialIntegrity")
    if integrity is not None:
        diagnostics.warning(
            "The `referentialIntegrity` attribute is deprecated. Please use `relationMode` instead. "
            "Learn more at https://pris.ly/d/relation-mode",
            integrity.span,
        )
    mode_arg = args.pop("relationMode", None)
    integrity = args.pop("referentialIntegrity", None)
    if mode_arg is not None and integrity is not None:
        diagnostics.error(
            "The `referentialIntegrity` and `relationMode` attributes cannot be used together. "
            "Please use only `relationMode` instead.",
            integrity.span,
        )
        return None
    arg = mode_arg or integrity
    if arg is None:
        return None
    text = coerce_string(arg.value, diagnostics)
    if text is None:
        return None
    mode = RelationMode.parse(text)
    if mode is None:
        diagnostics.error(
            source_validation_error(
                f'Invalid relation mode setting: "{text}". Supported values: "prisma", "foreignKeys"', "relationMode"
            ),
            src.span,
        )
        return None
    if mode not in connector.allowed_relation_modes:
        supported = ", ".join(f'"{m.value}"' for m in connector.allowed_relation_modes)
        diagnostics.error(
            source_validation_error(
                f'Invalid relation mode setting: "{mode.value}". Supported values: {supported}', "relationMode"
            ),
            arg.value.span,
        )
    return mode


def _schemas(
    arg: _Arg | None, connector: Connector, diagnostics: Diagnostics
) -> tuple[tuple[SchemaName, ...], Span | None]:
    """The ``schemas`` array: non-empty, sorted, without duplicates (each one an error).

    On a connector without multi-schema support the property itself is the (loader) error, as
    in Prisma's ``datasource_loader``: the schema then fails before the validation pipeline runs.
    """
    if arg is None:
        return (), None
    items = coerce_array(arg.value, coerce_string_with_span, diagnostics)
    if items is None:
        return (), None
    if not connector.has_capability(Capability.MULTI_SCHEMA):
        diagnostics.error("The `schemas` property is not supported on the current connector.", arg.value.span)
        return (), None
    if not items:
        diagnostics.error("If provided, the schemas array can not be empty.", arg.value.span)
        return (), None
    items.sort(key=lambda item: item[0])
    for (first, first_span), (second, _) in itertools.pairwise(items):
        if first == second:
            diagnostics.error("Duplicated schema names are not allowed", first_span)
    return tuple(SchemaName(n, s) for n, s in items), arg.value.span


def _extensions(args: dict[str, _Arg], diagnostics: Diagnostics) -> PostgresExtensions | None:
    """PostgreSQL's ``extensions = [postgis, pg_trgm(schema: "x", version: "1.5", map: "y")]``."""
    arg = args.pop("extensions", None)
    if arg is None:
        return None
    items = coerce_array(arg.value, coerce_function_or_constant, diagnostics)
    if items is None:
        return None
    extensions: list[PostgresExtension] = []
    for item in items:
        named = _extension_arguments(item, diagnostics) if isinstance(item, Function) else {}
        values = {key: _string_argument(named, key, diagnostics) for key in ("map", "schema", "version")}
        for key, (span, _) in named.items():
            diagnostics.error(f'Argument not known: "{key}".', span)
        item_name = item.name if isinstance(item, Function) else item.value
        extensions.append(PostgresExtension(item_name, item.span, values["schema"], values["version"], values["map"]))
    extensions.sort(key=lambda ext: ext.name)
    return PostgresExtensions(tuple(extensions), arg.span)


def _extension_arguments(item: Function, diagnostics: Diagnostics) -> dict[str, tuple[Span, str | None]]:
    named: dict[str, tuple[Span, str | None]] = {}
    for argument in item.arguments.arguments:
        if argument.name is None:
            diagnostics.error("Error validating: The argument must have a name", argument.span)
        elif argument.name.name in named:
            diagnostics.error(
                f"Error validating: The argument `{argument.name.name}` can only be defined once", argument.span
            )
        else:
            named[argument.name.name] = (argument.span, coerce_string(argument.value, diagnostics))
    return named


def _string_argument(named: dict[str, tuple[Span, str | None]], key: str, diagnostics: Diagnostics) -> str | None:
    found = named.pop(key, None)
    if found is None:
        return None
    span, value = found
    if value is None:
        diagnostics.error(f"Error validating: The `{key}` argument must be a string literal", span)
    return value
