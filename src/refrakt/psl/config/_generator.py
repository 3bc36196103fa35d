"""Loading ``generator`` blocks: Prisma's ``generator_loader.rs``.

Known properties are ``provider`` (required; a string or ``env()``), ``output``,
``binaryTargets``, ``previewFeatures`` and ``engineType`` (must be a string); every other
property is kept, as Prisma does, in :attr:`Generator.config`.
"""

from __future__ import annotations

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl.ast import (
    Array,
    ConstantValue,
    Expression,
    Function,
    GeneratorConfig,
    NumericValue,
    SchemaAst,
    StringValue,
)
from refrakt.psl.config._coerce import (
    coerce_array,
    coerce_string,
    read_env_function,
    render_expression,
    string_from_env_var,
    type_mismatch,
)
from refrakt.psl.config._datasource import collect_properties
from refrakt.psl.config._model import EnvVar, Generator, GeneratorConfigValue, StringFromEnvVar
from refrakt.psl.config._preview_features import FeatureMap, PreviewFeature


def load_generators(ast: SchemaAst, diagnostics: Diagnostics, features: FeatureMap) -> list[Generator]:
    """The valid generators of one file, with preview features checked against ``features``."""
    return [gen for block in ast.generators if (gen := lift_generator(block, diagnostics, features)) is not None]


def lift_generator(block: GeneratorConfig, diagnostics: Diagnostics, features: FeatureMap) -> Generator | None:
    name = block.name.name
    args = collect_properties(block.properties, "generator", name, block.span, diagnostics)
    if args is None:
        return None

    engine_type = args.get("engineType")
    if engine_type is not None and not isinstance(engine_type.value, StringValue):
        type_mismatch("String", engine_type.value, diagnostics)

    provider_arg = args.pop("provider", None)
    if provider_arg is None:
        diagnostics.error(f'Argument "provider" is missing in generator block "{name}".', block.span)
        return None
    provider = string_from_env_var(provider_arg.value, diagnostics)
    if provider is None:
        return None

    output_arg = args.pop("output", None)
    output = string_from_env_var(output_arg.value, diagnostics) if output_arg is not None else None

    targets_arg = args.pop("binaryTargets", None)
    targets: list[StringFromEnvVar] | None = None
    if targets_arg is not None:
        targets = coerce_array(targets_arg.value, string_from_env_var, diagnostics)

    preview_features: frozenset[PreviewFeature] | None = None
    preview_span: Span | None = None
    preview_arg = args.pop("previewFeatures", None)
    if preview_arg is not None:
        names = coerce_array(preview_arg.value, coerce_string, diagnostics)
        if names is not None:
            preview_span = preview_arg.value.span
            preview_features = validate_preview_features(names, features, preview_span, diagnostics)

    config: list[tuple[str, GeneratorConfigValue]] = []
    for key, arg in args.items():
        value = config_value(arg.value, diagnostics)
        if value is None:
            return None
        config.append((key, value))

    return Generator(
        name=name,
        provider=provider,
        span=block.span,
        output=output,
        binary_targets=tuple(targets or ()),
        preview_features=preview_features,
        preview_features_span=preview_span,
        config=tuple(config),
        documentation=block.documentation.text if block.documentation is not None else None,
        name_span=block.name.span,
        property_spans=tuple((p.name.name, p.span) for p in block.properties),
    )


def config_value(expr: Expression, diagnostics: Diagnostics) -> GeneratorConfigValue | None:
    """Prisma's ``GeneratorConfigValue::try_from_expression``."""
    match expr:
        case StringValue(value=value) | NumericValue(value=value) | ConstantValue(value=value):
            return value
        case Function(name="env"):
            var = read_env_function(expr, diagnostics)
            return None if var is None else EnvVar(var)
        case Function():
            return render_expression(expr)
        case Array(items=items):
            out: list[GeneratorConfigValue] = []
            for item in items:
                value = config_value(item, diagnostics)
                if value is None:
                    return None
                out.append(value)
            return tuple(out)


def validate_preview_features(
    names: list[str], features: FeatureMap, span: Span, diagnostics: Diagnostics
) -> frozenset[PreviewFeature]:
    """The valid features among ``names``, with Prisma's warnings and errors.

    Deprecated features are kept with a warning; stabilized ones are kept (under their new
    name if renamed) with a warning; unknown ones, and ones not available for the provider,
    are errors listing the features that are.
    """
    out: set[PreviewFeature] = set()
    for written in names:
        feature = PreviewFeature.parse(written)
        if feature is not None and features.is_deprecated(feature):
            out.add(feature)
            diagnostics.warning(
                f'Preview feature "{written}" is deprecated. It will be removed in a future version of Prisma.', span
            )
        elif feature is not None and features.is_stabilized(feature):
            renamed = features.is_renamed(feature)
            if renamed is None:
                out.add(feature)
                diagnostics.warning(
                    f'Preview feature "{written}" is deprecated. The functionality can be used without specifying '
                    "it as a preview feature.",
                    span,
                )
            else:
                out.add(renamed.to)
                prefix = f'On `provider = "{renamed.provider}"`, preview' if renamed.provider else "Preview"
                diagnostics.warning(
                    f'{prefix} feature "{written}" has been renamed to "{renamed.to.value}". '
                    f"Learn more at https://pris.ly/d/{renamed.prisly_link_endpoint}.",
                    span,
                )
        elif feature is not None and features.is_valid(feature):
            out.add(feature)
        else:
            diagnostics.error(
                f'The preview feature "{written}" is not known. Expected one of: {features.expected_list()}', span
            )
    return frozenset(out)
