"""Loading a datasource's URLs against an environment, with Prisma's errors.

Prisma's ``Datasource::load_url`` / ``load_direct_url`` / ``load_shadow_database_url``: the
URL must be non-empty, an ``env()`` variable must be set (and non-empty), and the URL must
suit the connector. These run when a URL is needed (CLI, client), not during validation.
"""

from __future__ import annotations

from collections.abc import Mapping

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl.config._datasource import source_validation_error
from refrakt.psl.config._model import Datasource, StringFromEnvVar

_DATA_PROXY_HINT = (
    "\n\nTo use a URL with protocol `prisma://`, you need to either enable Accelerate or the Data Proxy."
    "\nEnable Accelerate via `prisma generate --accelerate` or the Data Proxy via `prisma generate --data-proxy.`"
    "\n\nMore information about Data Proxy: https://pris.ly/d/data-proxy\n"
)
_DIRECT_URL_PRISMA_SCHEME = (
    "You must provide a direct URL that points directly to the database. Using `prisma` in URL scheme is not allowed."
)


def _from_url(
    ds: Datasource, url: StringFromEnvVar, span: Span, what: str, env: Mapping[str, str], diagnostics: Diagnostics
) -> str | None:
    value = url.resolve(env)
    if url.from_env_var is not None and url.value is None:
        if value is None:
            diagnostics.error(f"Environment variable not found: {url.from_env_var}.", span)
            return None
        if not value.strip():
            diagnostics.error(
                source_validation_error(
                    f"You must provide a nonempty {what}. The environment variable `{url.from_env_var}` resolved "
                    "to an empty string.",
                    ds.name,
                ),
                span,
            )
            return None
        return value
    if value is None or not value.strip():
        diagnostics.error(source_validation_error(f"You must provide a nonempty {what}", ds.name), span)
        return None
    return value


def load_url(ds: Datasource, env: Mapping[str, str], diagnostics: Diagnostics, *, validate: bool = True) -> str | None:
    """The datasource URL, checked for its connector unless ``validate`` is false (Prisma's
    ``load_url_no_validation``); ``None`` after recording an error."""
    url = _from_url(ds, ds.url, ds.url_span, "URL", env, diagnostics)
    if url is None or ds.connector is None or not validate:
        return url
    problem = ds.connector.validate_url(url)
    if problem is None:
        return url
    if url.startswith("prisma"):
        problem += _DATA_PROXY_HINT
    diagnostics.error(source_validation_error(f"the URL {problem}", ds.name), ds.url_span)
    return None


def load_direct_url(ds: Datasource, env: Mapping[str, str], diagnostics: Diagnostics) -> str | None:
    """``directUrl`` when it is set (it must not be a ``prisma://`` URL), else :func:`load_url`."""
    if ds.direct_url is None or ds.direct_url_span is None:
        return load_url(ds, env, diagnostics)
    url = _from_url(ds, ds.direct_url, ds.direct_url_span, "direct URL", env, diagnostics)
    if url is not None and url.startswith("prisma"):
        diagnostics.error(source_validation_error(_DIRECT_URL_PRISMA_SCHEME, ds.name), ds.direct_url_span)
        return None
    return url


def load_shadow_database_url(ds: Datasource, env: Mapping[str, str], diagnostics: Diagnostics) -> str | None:
    """``shadowDatabaseUrl``; an unset or blank variable means none (the same schema serves every stage)."""
    shadow, span = ds.shadow_database_url, ds.shadow_database_url_span
    if shadow is None or span is None:
        return None
    url = shadow.resolve(env)
    if url is None or (shadow.literal is None and not url.strip()):
        return None
    if url.strip() and ds.connector is not None:
        problem = ds.connector.validate_url(url)
        if problem is not None:
            diagnostics.error(source_validation_error(f"the shadow database URL {problem}", ds.name), span)
            return None
    return url
