"""``refrakt init``: write ``prisma/schema.prisma``, ``.env`` and ``.gitignore`` as ``prisma init`` does.

The schema has Prisma's header, a ``generator client { provider = "refrakt" }`` block and a
datasource reading ``env("DATABASE_URL")``; ``.env`` gets Prisma's example URL for the provider
(``file:./dev.db`` for SQLite) unless it already defines ``DATABASE_URL``; ``.gitignore`` gets a
``.env`` line unless it already ignores it. A project that already has a schema is left alone.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from refrakt._config import DEFAULT_SCHEMA_PATHS, parse_dotenv
from refrakt.cli._context import CliError, Context, UsageError

SUMMARY = "Set up a new project: prisma/schema.prisma, .env and .gitignore"
EXAMPLES = (
    ("Set up a new project with PostgreSQL (the default)", "refrakt init"),
    ("Set up a new project with SQLite", "refrakt init --datasource-provider sqlite"),
    ("Set up a new project with the URL of an existing database", "refrakt init --url mysql://u:p@localhost:3306/db"),
)

PROVIDERS = ("postgresql", "mysql", "sqlite", "sqlserver", "mongodb", "cockroachdb")

# Prisma's example connection strings (`prisma init`), one per provider.
DEFAULT_URLS = {
    "postgresql": "postgresql://johndoe:randompassword@localhost:5432/mydb?schema=public",
    "cockroachdb": "postgresql://johndoe:randompassword@localhost:26257/mydb?schema=public",
    "mysql": "mysql://johndoe:randompassword@localhost:3306/mydb",
    "sqlserver": "sqlserver://localhost:1433;database=mydb;user=SA;password=randompassword;",
    "mongodb": "mongodb+srv://root:randompassword@cluster0.ab1cd.mongodb.net/mydb?retryWrites=true&w=majority",
    "sqlite": "file:./dev.db",
}

# URL scheme -> the providers that accept it.
_SCHEMES = {
    "postgresql": ("postgresql", "cockroachdb"),
    "postgres": ("postgresql", "cockroachdb"),
    "mysql": ("mysql",),
    "file": ("sqlite",),
    "sqlserver": ("sqlserver",),
    "mongodb": ("mongodb",),
    "mongodb+srv": ("mongodb",),
}

_ENV_HEADER = """\
# Environment variables declared in this file are loaded by refrakt at start-up
# (variables already set in the environment win).
# See https://pris.ly/d/prisma-schema#accessing-environment-variables-from-the-schema

# Connection strings use Prisma's format: https://pris.ly/d/connection-strings

"""

_GITIGNORE_LINES = "# Keep environment variables out of version control\n.env\n"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--datasource-provider",
        metavar="PROVIDER",
        help=f"the datasource provider: {', '.join(PROVIDERS)} (default: postgresql)",
    )
    parser.add_argument("--url", help="the database URL to write to .env (its scheme sets the provider)")
    parser.add_argument(
        "--schema",
        metavar="PATH",
        help="where to write the schema (default: [tool.refrakt] schema, else prisma/schema.prisma)",
    )


def schema_text(provider: str) -> str:
    return f"""// This is your Prisma schema file,
// learn more about it in the docs: https://pris.ly/d/prisma-schema

generator client {{
  provider = "refrakt"
}}

datasource db {{
  provider = "{provider}"
  url      = env("DATABASE_URL")
}}
"""


def env_text(url: str) -> str:
    return f'{_ENV_HEADER}DATABASE_URL="{url}"\n'


def _provider_and_url(provider_arg: str | None, url: str | None) -> tuple[str, str]:
    provider = None
    if provider_arg is not None:
        provider = provider_arg.lower()
        if provider not in PROVIDERS:
            raise UsageError(
                f'Provider "{provider_arg}" is invalid or not supported. Try again with '
                + ", ".join(f'"{p}"' for p in PROVIDERS[:-1])
                + f' or "{PROVIDERS[-1]}".'
            )
    if url is None:
        chosen = provider or "postgresql"
        return chosen, DEFAULT_URLS[chosen]
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    accepted = _SCHEMES.get(scheme)
    if accepted is None:
        raise UsageError(
            f"Unknown database URL scheme `{scheme or url}`. The URL must start with one of: "
            + ", ".join(f"`{s}:`" for s in _SCHEMES)
            + "."
        )
    if provider is None:
        return accepted[0], url
    if provider not in accepted:
        raise UsageError(f"The URL scheme `{scheme}:` does not match the datasource provider `{provider}`.")
    return provider, url


def _target(args: argparse.Namespace, ctx: Context) -> Path:
    """Where to write the schema; refuses (exit 1) when the project already has one."""
    explicit: Path | None = None
    if args.schema is not None:
        explicit = ctx.cwd / args.schema
    elif ctx.project.schema is not None:
        explicit = ctx.project.schema
    candidates = [explicit] if explicit is not None else [ctx.cwd / p for p, _ in DEFAULT_SCHEMA_PATHS]
    for existing in candidates:
        if existing.exists():
            kind = "Folder" if existing.is_dir() else "File"
            raise CliError(
                f"{kind} {ctx.display(existing)} already exists in your project.\n"
                "Please try again in a project that does not have a schema yet, or remove it first."
            )
    if explicit is None:
        return ctx.cwd / DEFAULT_SCHEMA_PATHS[0][0]
    return explicit if explicit.suffix == ".prisma" else explicit / "schema.prisma"


def _write_new(path: Path, text: str, ctx: Context) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except OSError as exc:
        raise CliError(f"Could not write {ctx.display(path)}: {exc.strerror or exc}.") from exc


def _append(path: Path, text: str, ctx: Context) -> None:
    try:
        current = path.read_bytes().decode("utf-8", errors="replace")
        separator = "" if not current or current.endswith("\n") else "\n"
        with path.open("a", encoding="utf-8", newline="\n") as f:
            f.write(separator + text)
    except OSError as exc:
        raise CliError(f"Could not update {ctx.display(path)}: {exc.strerror or exc}.") from exc


def _ignores_env(gitignore: str) -> bool:
    patterns = {line.strip() for line in gitignore.splitlines()}
    return bool(patterns & {".env", "/.env", "**/.env", ".env*", "/.env*", "*.env"})


def run(args: argparse.Namespace, ctx: Context) -> int:
    provider, url = _provider_and_url(args.datasource_provider, args.url)
    schema_path = _target(args, ctx)
    _write_new(schema_path, schema_text(provider), ctx)

    notes: list[str] = []
    env_path = ctx.cwd / ".env"
    if not env_path.exists():
        _write_new(env_path, env_text(url), ctx)
    else:
        existing = parse_dotenv(env_path.read_bytes().decode("utf-8", errors="replace"), {})
        if "DATABASE_URL" in existing:
            ctx.out.warn(f"refrakt would have added DATABASE_URL but it already exists in {ctx.display(env_path)}")
        else:
            _append(env_path, "\n# This was inserted by `refrakt init`:\n" + env_text(url), ctx)
            notes.append(f"Added DATABASE_URL to {ctx.display(env_path)}")

    gitignore = ctx.cwd / ".gitignore"
    if not gitignore.exists():
        _write_new(gitignore, _GITIGNORE_LINES, ctx)
    elif not _ignores_env(gitignore.read_bytes().decode("utf-8", errors="replace")):
        _append(gitignore, _GITIGNORE_LINES, ctx)
        notes.append(f"Added .env to {ctx.display(gitignore)}")

    s = ctx.out.style
    shown = ctx.display(schema_path)
    steps: list[str] = []
    if args.url is None:
        steps.append(
            f"Set the {s.green('DATABASE_URL')} in the {s.green('.env')} file to point to your existing database."
        )
    if args.datasource_provider is None and args.url is None:
        steps.append(
            f"Set the {s.green('provider')} of the {s.green('datasource')} block in {s.green(shown)} "
            f"to match your database: {s.green('postgresql')}, {s.green('mysql')} or {s.green('sqlite')}."
        )
    steps.append(
        f"Define your models in {s.green(shown)}, then run {s.green('refrakt format')} "
        f"and {s.green('refrakt validate')}."
    )
    lines = [
        "",
        f"✔ Your Prisma schema was created at {s.green(shown)}",
        "  You can now open it in your favorite editor.",
        *(["", *notes] if notes else []),
        "",
        "Next steps:",
        *(f"{i}. {step}" for i, step in enumerate(steps, 1)),
        "",
        "More information in the Prisma documentation: https://pris.ly/d/getting-started",
    ]
    ctx.out.print("\n".join(lines))
    return 0
