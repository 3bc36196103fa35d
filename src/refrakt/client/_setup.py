"""What a client is built from: the schema (text, a path or ``{file: text}``), the provider, the URL.

``Client.from_schema(schema, url=..., provider=..., relation_mode=...)``: the schema may leave out
its ``datasource`` block when ``provider`` (or a URL that names it) is given; refrakt then adds
one (as a file of its own, so that diagnostics keep pointing at the user's lines). An invalid
schema raises :class:`~refrakt.errors.SchemaError` with Prisma's diagnostics. The URL is the
``url=`` argument, else the datasource's: ``env("DATABASE_URL")`` is read when the client connects,
from the environment or else from a ``.env`` file of the working directory or the schema's folder,
as Prisma does. A relative SQLite ``file:`` path is relative to the schema file's folder.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from refrakt.drivers import ConnectionConfig, parse_url
from refrakt.errors import InitializationError, SchemaError
from refrakt.ir import DataModel

__all__ = ["ClientSetup", "SchemaSource", "load_setup"]

SchemaSource = str | os.PathLike[str] | Mapping[str, str]

_PROVIDERS: Final = {"sqlite": "sqlite", "postgresql": "postgresql", "postgres": "postgresql", "mysql": "mysql"}
_RELATION_MODES: Final = ("foreignKeys", "prisma")
_DATASOURCE = re.compile(r"^\s*datasource\s+\w+\s*\{", re.MULTILINE)
_GENERATOR = re.compile(r"^\s*generator\s+\w+\s*\{", re.MULTILINE)
_VIEW = re.compile(r"^\s*view\s+\w+\s*\{", re.MULTILINE)
_NATIVE_TYPE = re.compile(r"(?<![@\w])@([A-Za-z_]\w*)\.[A-Z]\w*")
#: The name of the datasource file that refrakt adds to a schema that has none.
ADDED_DATASOURCE_FILE: Final = "<refrakt datasource>"


@dataclass(frozen=True, slots=True)
class ClientSetup:
    """A validated schema and where its database is."""

    datamodel: DataModel
    provider: str
    """``"sqlite"``, ``"postgresql"`` or ``"mysql"``."""
    url: str | None
    """The ``url=`` argument, else ``None``: the datasource's URL is read on connect."""
    url_env: str | None
    """The environment variable of the datasource URL (``DATABASE_URL``), if it names one."""
    url_literal: str | None
    """The datasource URL written in the schema, if it is written literally."""
    base_dir: str | None
    """The folder that a relative SQLite path is relative to (the schema file's)."""

    def connection_config(self) -> ConnectionConfig:
        """The parsed URL (P1012 if none can be found, P1013 if it is malformed)."""
        url = self.url if self.url is not None else self.url_literal
        if url is None and self.url_env is not None:
            url = _env(self.url_env, self.base_dir)
            if not url:
                raise InitializationError(
                    f"error: Environment variable not found: {self.url_env}.\n"
                    "  -->  the datasource block of the schema\n\n"
                    f"Set {self.url_env}, or pass url= to the client.",
                    code="P1012",
                )
        if url is None:
            raise InitializationError("No database URL: pass url= to the client.", code="P1012")
        config = parse_url(url, base_dir=self.base_dir)
        if config.provider != self.provider:
            raise InitializationError(
                f"error: Error validating datasource `db`: the URL must start with the protocol of the provider "
                f"`{self.provider}` (got a {config.provider} URL: {config.redacted_url}).",
                code="P1012",
            )
        return config


def _env(name: str, base_dir: str | None) -> str | None:
    """The variable from the environment, else from a ``.env`` file of the working directory or the
    schema's folder (read, not loaded: the environment is left as it is), as Prisma's client does."""
    value = os.environ.get(name)
    if value:
        return value
    from refrakt._config import parse_dotenv

    folders = [Path.cwd(), *([Path(base_dir)] if base_dir is not None else [])]
    for folder in folders:
        dotenv = folder / ".env"
        if dotenv.is_file():
            found = parse_dotenv(dotenv.read_text(encoding="utf-8")).get(name)
            if found:
                return found
    return None


def _sources(schema: SchemaSource) -> tuple[dict[str, str], str | None]:
    """``({file: text}, base_dir)`` of a schema given as text, a path or a mapping."""
    from refrakt.schema import load_sources

    if isinstance(schema, Mapping):
        return dict(schema), None
    if isinstance(schema, str) and ("\n" in schema or "{" in schema or not schema.strip()):
        return {"schema.prisma": schema}, None
    path = Path(schema)
    if not path.exists():
        raise FileNotFoundError(f"schema file not found: {path}")
    base = path if path.is_dir() else path.parent
    return load_sources(path), str(base.resolve())


def _configuration_block(files: Mapping[str, str], provider: str, relation_mode: str | None) -> str:
    """A datasource for a schema that has none, as Prisma's test kit writes one: named after the
    prefix of the schema's native types (``@db.VarChar``: ``db``); and, when the schema has no
    generator either, a generator with the preview features its blocks need (``views``)."""
    prefixes = Counter(m.group(1) for text in files.values() for m in _NATIVE_TYPE.finditer(text))
    name = prefixes.most_common(1)[0][0] if prefixes else "db"
    lines = [f"datasource {name} {{", f'  provider = "{provider}"', '  url      = env("DATABASE_URL")']
    if relation_mode is not None:
        lines.append(f'  relationMode = "{relation_mode}"')
    lines.append("}")
    texts = files.values()
    if not any(_GENERATOR.search(t) for t in texts) and any(_VIEW.search(t) for t in texts):
        lines += ["generator client {", '  provider        = "refrakt"', '  previewFeatures = ["views"]', "}"]
    return "\n".join(lines) + "\n"


def _normalise_provider(provider: str | None) -> str | None:
    if provider is None:
        return None
    try:
        return _PROVIDERS[provider]
    except KeyError:
        raise ValueError(f"unsupported provider {provider!r}: expected sqlite, postgresql or mysql") from None


def load_setup(
    schema: SchemaSource,
    *,
    url: str | None = None,
    provider: str | None = None,
    relation_mode: str | None = None,
    base_dir: str | os.PathLike[str] | None = None,
) -> ClientSetup:
    """Parse and validate ``schema`` for a client (see the module docstring)."""
    from refrakt.schema import parse

    provider = _normalise_provider(provider)
    if relation_mode is not None and relation_mode not in _RELATION_MODES:
        raise ValueError(f"unknown relation_mode {relation_mode!r}: expected 'foreignKeys' or 'prisma'")
    files, schema_dir = _sources(schema)
    if base_dir is not None:
        schema_dir = os.fspath(base_dir)
    if url is not None:
        url_provider = parse_url(url, base_dir=schema_dir).provider
        if provider is not None and provider != url_provider:
            raise ValueError(f"provider={provider!r} does not fit the URL, which is for {url_provider}")
    else:
        url_provider = None

    has_datasource = any(_DATASOURCE.search(text) for text in files.values())
    if not has_datasource:
        provider = provider or url_provider
        if provider is None:
            raise ValueError("the schema has no datasource block: pass provider= (or url=) to the client")
        files[ADDED_DATASOURCE_FILE] = _configuration_block(files, provider, relation_mode)

    parsed = parse(files)
    if parsed.errors or parsed.datamodel is None:
        raise SchemaError(parsed.errors)
    datasource = parsed.configuration.datasource if parsed.configuration is not None else None
    if datasource is None:  # pragma: no cover - a datasource block was found or added above
        raise SchemaError([], "The schema has no valid datasource block.")
    active = datasource.active_provider
    if active not in _PROVIDERS.values():
        raise ValueError(f"refrakt does not support the {active} provider yet (sqlite, postgresql, mysql)")
    if provider is not None and provider != active:
        raise ValueError(f"provider={provider!r} conflicts with the schema's datasource provider {active!r}")
    if url_provider is not None and url_provider != active:
        raise ValueError(f"the URL is for {url_provider} but the schema's datasource provider is {active!r}")
    if relation_mode is not None and relation_mode != datasource.relation_mode.value:
        raise ValueError(
            f"relation_mode={relation_mode!r} conflicts with the schema's datasource "
            f"(relationMode {datasource.relation_mode.value!r})"
        )

    return ClientSetup(parsed.datamodel, active, url, datasource.url.from_env_var, datasource.url.literal, schema_dir)
