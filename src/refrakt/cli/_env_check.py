"""The datasource's URL must load from the environment, as ``prisma validate`` requires.

Prisma's ``validate`` reads the configuration with ``ignoreEnvVarErrors: false``: the URL of the
datasource is loaded like a command that connects would load it, so an unset variable
(``Environment variable not found: DATABASE_URL.``), an empty one, or a URL that does not suit
the provider is an error pointing at ``url = ...``. This runs only once the schema itself is valid.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING

from refrakt.diagnostics import Diagnostic, Diagnostics

if TYPE_CHECKING:
    from refrakt.schema import Schema


def datasource_url_errors(schema: Schema, environ: Mapping[str, str]) -> list[Diagnostic]:
    """Errors from loading the datasource's ``url`` (and ``directUrl``) against ``environ``."""
    from refrakt.psl.config import Configuration, load_direct_url, load_url

    configuration = schema.configuration
    if not isinstance(configuration, Configuration) or configuration.datasource is None:
        return []
    datasource = configuration.datasource
    diagnostics = Diagnostics()
    load_url(datasource, environ, diagnostics)
    if datasource.direct_url is not None:
        load_direct_url(datasource, environ, diagnostics)
    names = list(schema.files)
    return [
        dataclasses.replace(d, file=names[d.span.file_id] if d.span.file_id < len(names) else names[0])
        for d in diagnostics.errors
    ]
