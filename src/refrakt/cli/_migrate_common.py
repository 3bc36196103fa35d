"""What the ``migrate`` and ``db`` commands share: loading the schema into a
:class:`~refrakt.migrate.MigrateProject`, the migrations folder (``[tool.refrakt] migrations``,
else ``migrations`` beside the schema), Prisma's tree of applied migrations, coded errors."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from refrakt.cli._context import CliError, Context
from refrakt.cli._schema_io import parse, read_files, report_errors, report_warnings

if TYPE_CHECKING:
    from refrakt.migrate import MigrateProject


class SchemaInvalid(Exception):
    """The schema had errors, already reported: the command exits 1."""


def add_schema_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--schema", metavar="PATH", help="the schema file, or a folder of *.prisma files")


def coded(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    return f"{code}: {exc}" if code else str(exc)


def load_project(ctx: Context, schema_flag: str | None, *, url: str | None = None) -> MigrateProject:
    """Find, load and validate the schema, and say which datasource the command works on."""
    from refrakt.errors import RefraktError, SchemaError
    from refrakt.migrate import MigrateProject
    from refrakt.migrate._push import plan_for

    location = ctx.load_schema(schema_flag)
    files = read_files(location, ctx)
    schema = parse(files, location)
    if schema.errors:
        report_errors(list(schema.errors), files, ctx)
        raise SchemaInvalid
    report_warnings(list(schema.warnings), files, ctx)
    datasource = schema.configuration.datasource if schema.configuration is not None else None
    if datasource is None:
        raise CliError(f"There is no datasource in {ctx.display(location.path)}: this command needs one.")
    names = list(files)
    file_id = datasource.span.file_id
    base_dir = (ctx.cwd / names[file_id if file_id < len(names) else 0]).parent
    try:
        plan = plan_for(schema, base_dir=base_dir, url=url)
    except SchemaError as exc:
        report_errors(exc.diagnostics, files, ctx)
        raise SchemaInvalid from exc
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    except RefraktError as exc:
        raise CliError(coded(exc)) from exc
    folder = ctx.project.migrations or base_dir / "migrations"
    ctx.out.info(f'Datasource "{plan.target.datasource}": {plan.target.describe()}')
    return MigrateProject(plan=plan, folder=folder)


def folder_label(ctx: Context, folder: Path) -> str:
    return ctx.display(folder)


def migration_tree(names: Sequence[str], root: str = "migrations") -> str:
    """Prisma's ``printFilesFromMigrationIds``::

    migrations/
      └─ 20250101000000_init/
        └─ migration.sql
    """
    lines = [f"{root}/"]
    for name in names:
        lines += [f"  └─ {name}/", "    └─ migration.sql"]
    return "\n".join(lines)


def is_interactive() -> bool:
    """Prompts only on a terminal (and never under CI), as Prisma's ``isInteractive``."""
    if os.environ.get("CI") and os.environ.get("CI") != "false":
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm(ctx: Context, question: str) -> bool:
    ctx.out.stdout.write(f"? {question} (y/N) ")
    ctx.out.stdout.flush()
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes")


def rocket(text: str) -> str:
    return text if sys.platform == "win32" else f"🚀  {text}"
