"""``push``: what ``prisma db push`` does, from Python (API.md §3).

::

    from refrakt.migrate import push

    result = push("prisma/schema.prisma")                       # the datasource's URL (env resolved)
    result = push(models_text, provider="postgresql", url="postgresql://u@h/app?schema=shop",
                  force_reset=True)
    print(result)  # PostgreSQL database "app", schema "shop" at "h:5432": reset it (...), then created ...

The steps, as Prisma's ``db push``: validate the schema (:class:`~refrakt.errors.SchemaError`
with its diagnostics), create the database when it does not exist (SQLite file, PostgreSQL or
MySQL database), reset it with ``force_reset``, then create the schema with the DDL of
:func:`refrakt.migrate.create_statements`. A database that already holds tables is changed with
the diff from its described schema to the data model (``refrakt.migrate._dev.push_changes``):
when that would lose data, :class:`~refrakt.migrate.PushDataLossError` lists Prisma's warnings
and nothing changes unless ``accept_data_loss``; steps that cannot run on the data there is
(a new required column in a table with rows...) are refused whatever the flag.

A schema without a ``datasource`` block (the models only) is completed from ``provider`` and
``url``, as Prisma's test kit does: a datasource named after the prefix of its native types
(``@db.VarChar``: ``db``) and, when it has no generator either, one that enables the preview
features its blocks need (``views`` for ``view`` blocks).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping
from pathlib import Path

from refrakt.diagnostics import Diagnostic, Diagnostics, SourceFile, render
from refrakt.drivers import ConnectionConfig, parse_url, redact_url
from refrakt.errors import InitializationError, SchemaError
from refrakt.migrate._calculate import sql_schema_from_schema
from refrakt.migrate._push_io import run_push
from refrakt.migrate._push_io_async import run_push as run_push_async
from refrakt.migrate._push_model import DatabaseNotEmptyError, PushPlan, PushResult, PushTarget, SystemDatabaseError
from refrakt.migrate._reset import reset_flavour
from refrakt.migrate._script import create_statements
from refrakt.psl import ast
from refrakt.psl.config import Datasource, load_url
from refrakt.schema import Schema, parse

SchemaSource = str | os.PathLike[str] | Mapping[str, str]

_PROVIDERS = {"sqlite": "sqlite", "postgresql": "postgresql", "postgres": "postgresql", "mysql": "mysql"}
_SYNTHESIZED = "<refrakt: datasource>.prisma"


def push(
    schema: SchemaSource,
    *,
    url: str | None = None,
    provider: str | None = None,
    force_reset: bool = False,
    accept_data_loss: bool = False,
) -> PushResult:
    """Bring the database (emptied first with ``force_reset``) in line with ``schema``.

    ``schema`` is schema text, the path of a ``.prisma`` file or of a folder of them, or a mapping
    ``{file name: text}``. ``url`` overrides the datasource's URL; SQLite ``file:`` paths are
    relative to the schema file's folder (the working directory for text). Raises
    :class:`~refrakt.errors.SchemaError` for an invalid schema, :class:`~refrakt.errors.InitializationError`
    (P1000/P1001/P1003/P1013) when the database cannot be reached, :class:`PushDataLossError` when
    changing a database that holds tables would lose data and ``accept_data_loss`` is false.
    """
    plan = plan_push(schema, url=url, provider=provider, force_reset=force_reset)
    try:
        return run_push(plan)
    except DatabaseNotEmptyError:
        from refrakt.migrate._dev import push_changes

        return push_changes(plan, accept_data_loss=accept_data_loss)


async def push_async(
    schema: SchemaSource,
    *,
    url: str | None = None,
    provider: str | None = None,
    force_reset: bool = False,
    accept_data_loss: bool = False,
) -> PushResult:
    """:func:`push` through the async drivers."""
    plan = plan_push(schema, url=url, provider=provider, force_reset=force_reset)
    try:
        return await run_push_async(plan)
    except DatabaseNotEmptyError:
        from refrakt.migrate._dev_async import push_changes

        return await push_changes(plan, accept_data_loss=accept_data_loss)


# --- planning (no I/O but reading the schema's files) ------------------------------------------------


def plan_push(
    schema: SchemaSource, *, url: str | None = None, provider: str | None = None, force_reset: bool = False
) -> PushPlan:
    """Everything :func:`push` decides before it connects: the validated schema, the URL, the DDL."""
    parsed, base_dir = load_schema(schema, provider=provider, url=url)
    return plan_for(parsed, base_dir=base_dir, url=url, provider=provider, force_reset=force_reset)


def load_schema(
    source: SchemaSource, *, provider: str | None = None, url: str | None = None
) -> tuple[Schema, Path | None]:
    """The parsed schema (completed with a datasource when it has none and ``provider`` is given)
    and the folder its relative SQLite paths start from: as in Prisma, the folder of the file that
    holds the datasource (``None``, the working directory, for text)."""
    files = _read(source)
    parsed = _parse(files)
    asts = [f.ast for f in parsed.database.files]
    if not any(a.sources for a in asts) and provider is not None:
        extra = _configuration_text(asts, _canonical(provider), url)
        parsed = _parse({**files, _SYNTHESIZED: extra})
    return parsed, _datasource_folder(parsed)


def _datasource_folder(schema: Schema) -> Path | None:
    names = list(schema.files)
    datasource = schema.configuration.datasource if schema.configuration is not None else None
    file_id = datasource.span.file_id if datasource is not None else 0
    name = names[file_id] if file_id < len(names) else None
    if name is None or not os.path.isfile(name):  # text, or a synthesized datasource
        return None
    return Path(name).resolve().parent


def plan_for(
    schema: Schema,
    *,
    base_dir: str | os.PathLike[str] | None = None,
    url: str | None = None,
    provider: str | None = None,
    force_reset: bool = False,
) -> PushPlan:
    """:func:`plan_push` for a schema already parsed (the CLI's way in)."""
    if schema.errors:
        raise SchemaError(schema.errors)
    configuration = schema.configuration
    datasource = configuration.datasource if configuration is not None else None
    if datasource is None:
        raise SchemaError([], "The schema has no datasource block: add one, or pass `provider` and `url` to push().")
    active = datasource.active_provider
    if provider is not None and _canonical(provider) != active:
        raise ValueError(f"provider={provider!r} does not match the schema's datasource provider {active!r}")
    flavour = reset_flavour(active)  # refuses providers refrakt cannot push to
    config = _connection_config(schema, datasource, url, base_dir)
    if config.database.lower() in flavour.SYSTEM_DATABASES:
        raise SystemDatabaseError.named(config.database)
    sql_schema = sql_schema_from_schema(schema, default_schema=config.schema or "public")
    display_schemas: tuple[str, ...] = ()
    if sql_schema.namespaces:  # PostgreSQL: as Prisma, the datasource's schemas, else the URL's
        display_schemas = datasource.schema_names or (config.schema or "public",)
    target = PushTarget(
        provider=active,
        database=os.path.basename(config.file_path) if config.file_path else config.database,
        location=_location(config),
        schemas=display_schemas,
        datasource=datasource.name,
    )
    return PushPlan(
        target=target,
        config=config,
        sql_schema=sql_schema,
        statements=tuple(create_statements(sql_schema)),
        force_reset=force_reset,
        reset_schemas=display_schemas,
        namespaces=sql_schema.namespaces,
    )


def _canonical(provider: str) -> str:
    canonical = _PROVIDERS.get(provider.lower())
    if canonical is None:
        raise ValueError(f"refrakt cannot push to `{provider}` databases (supported: sqlite, postgresql, mysql)")
    return canonical


def _read(source: SchemaSource) -> dict[str, str]:
    """``{name: text}``; files read from disk are named by their path."""
    if isinstance(source, Mapping):
        return dict(source)
    path = _as_path(source)
    if path is None:
        return {"schema.prisma": str(source)}
    if path.is_dir():
        paths = sorted(path.rglob("*.prisma"))
        if not paths:
            raise FileNotFoundError(f"No *.prisma files in the folder {path}")
        return {str(p): p.read_text(encoding="utf-8") for p in paths}
    return {str(path): path.read_text(encoding="utf-8")}


def _as_path(source: str | os.PathLike[str]) -> Path | None:
    """A path (``Path``, or a one-line string naming a ``.prisma`` file or a folder), or ``None`` for text."""
    if not isinstance(source, str):
        return Path(source)
    if "\n" in source or len(source) > 4096:
        return None
    if source.endswith(".prisma"):
        if not os.path.isfile(source):
            raise FileNotFoundError(f"The schema file {source} does not exist")
        return Path(source)
    return Path(source) if os.path.isdir(source) else None


def _parse(files: Mapping[str, str]) -> Schema:
    if len(files) == 1:
        ((name, text),) = files.items()
        return parse(text, path=name)
    return parse(dict(files))


def _configuration_text(asts: list[ast.SchemaAst], provider: str, url: str | None) -> str:
    """A datasource for a schema that has none (and a generator for the preview features it needs)."""
    prefixes = [
        attribute.name.name.split(".", 1)[0]
        for a in asts
        for model in a.models
        for field in model.fields
        for attribute in field.attributes
        if "." in attribute.name.name
    ]
    name = max(set(prefixes), key=prefixes.count) if prefixes else "db"
    placeholder = {
        "sqlite": "file:./dev.db",
        "postgresql": "postgresql://localhost/db",
        "mysql": "mysql://localhost/db",
    }
    text = (
        f"datasource {name} {{\n  provider = {json.dumps(provider)}\n"
        f"  url      = {json.dumps(url if url is not None else placeholder[provider])}\n}}\n"
    )
    if not any(a.generators for a in asts) and any(m.is_view for a in asts for m in a.models):
        text += 'generator refrakt {\n  provider        = "refrakt"\n  previewFeatures = ["views"]\n}\n'
    return text


def _connection_config(
    schema: Schema, datasource: Datasource, url: str | None, base_dir: str | os.PathLike[str] | None
) -> ConnectionConfig:
    if url is None:  # the datasource's: an unset variable or a wrong scheme is a schema error (P1012)
        diagnostics = Diagnostics()
        url = load_url(datasource, os.environ, diagnostics)
        if url is None or diagnostics.has_errors:
            raise SchemaError([_locate(d, schema) for d in diagnostics.errors])
    connector = datasource.connector
    problem = connector.validate_url(url) if connector is not None else None
    if problem is not None:
        raise InitializationError.invalid_url(
            f"The URL {problem.rstrip('.')} (the datasource's provider is `{datasource.active_provider}`)",
            redact_url(url),
        )
    return parse_url(url, base_dir=base_dir)


def _location(config: ConnectionConfig) -> str:
    if config.file_path:
        return config.url
    if config.socket and not config.host:
        return f"unix:{config.socket}"
    return f"{config.display_host}:{config.port}"


def _locate(diagnostic: Diagnostic, schema: Schema) -> Diagnostic:
    """A diagnostic of :func:`load_url` with its file, line and column, rendered against its file."""
    names = list(schema.files)
    name = names[diagnostic.span.file_id] if diagnostic.span.file_id < len(names) else names[0]
    source = SourceFile(name, schema.files[name])
    text = source.text
    line, column = source.line_col(min(diagnostic.span.start, len(text)))
    end_line, end_column = source.line_col(min(diagnostic.span.end, len(text)))
    located = dataclasses.replace(
        diagnostic, file=name, line=line, column=column, end_line=end_line, end_column=end_column
    )
    return dataclasses.replace(located, rendered=render(located, source))
