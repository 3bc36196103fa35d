"""Configuration rules that Prisma checks outside the loaders.

(Duplicate keys in a block and duplicate generator/datasource names belong to the names pass,
``refrakt.psl.db``, as in Prisma's ``parser-database``.)

:func:`validate_datasource` belongs to the validation pipeline, once the datamodel is known
to be well-formed: PostgreSQL's ``extensions`` (the ``postgresqlExtensions`` preview feature,
the names).
"""

from __future__ import annotations

from collections.abc import Collection

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl.config._model import Configuration, Datasource
from refrakt.psl.config._preview_features import PreviewFeature


def validate_datasource(
    datasource: Datasource | None, preview_features: Collection[str], diagnostics: Diagnostics
) -> None:
    """The validation pipeline's checks of the datasource (the first one, as in Prisma).

    A pipeline rule: ``validate_datasource(ctx.datasource, ctx.preview_features, ctx.diagnostics)``.
    """
    ds = datasource
    if ds is None:
        return
    # (`schemas` on a connector without multi-schema support is a loader error: see `_datasource`.)
    extensions = ds.extensions
    if extensions is None:
        return
    if PreviewFeature.POSTGRESQL_EXTENSIONS.value not in preview_features:
        diagnostics.error(
            "The `extensions` property is only available with the `postgresqlExtensions` preview feature.",
            extensions.span,
        )
        return
    for ext in extensions.extensions:
        if not ext.name:
            problem = "The name of an extension must not be empty."
        elif ext.name[0].isnumeric():
            problem = "The name of an extension must not start with a number."
        elif "-" in ext.name:
            problem = "The character `-` is not allowed in extension names."
        else:
            continue
        diagnostics.error(f"Error validating: {problem}", ext.span)


def check_one_datasource(configuration: Configuration, diagnostics: Diagnostics) -> bool:
    """For commands that need a database: an error (at the file start) when there is no datasource."""
    if configuration.datasources:
        return True
    diagnostics.error(
        "Error validating: You defined no datasource. You must define exactly one datasource.", Span(0, 0, 0)
    )
    return False
