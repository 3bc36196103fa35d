"""``refrakt db push``: create the schema's tables in the database, as ``prisma db push`` does.

The output follows Prisma's ``DbPush.ts``: which datasource (``printDatasource``), the database
created when it did not exist (``ensureDatabaseExists``), the reset with ``--force-reset``, then
``Your database is now in sync with your Prisma schema. Done in 12ms``. The work itself is
:func:`refrakt.migrate.push`; a database that already holds tables gets the diff from its schema
to the data model, refused (exit 1, Prisma's data-loss warnings) when it would lose data and
``--accept-data-loss`` is not given.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import TYPE_CHECKING

from refrakt.cli._context import CliError, Context
from refrakt.cli._progress import format_ms, steps
from refrakt.cli._schema_io import parse, read_files, report_errors, report_warnings

if TYPE_CHECKING:
    from refrakt.errors import RefraktError
    from refrakt.migrate import PushTarget

SUMMARY = "Push the state of the schema to the database"
EXAMPLES = (
    ("Push the schema to the database", "refrakt db push"),
    ("Drop everything in the database first (all data is lost), then push", "refrakt db push --force-reset"),
    ("Push a schema from another place", "refrakt db push --schema ./db/schema.prisma"),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--schema", metavar="PATH", help="the schema file, or a folder of *.prisma files")
    parser.add_argument("--force-reset", action="store_true", help="reset the database before the push")
    parser.add_argument("--accept-data-loss", action="store_true", help="ignore data loss warnings")
    parser.add_argument("--skip-generate", action="store_true", help="do not run the generators afterwards")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from refrakt.errors import RefraktError, SchemaError
    from refrakt.migrate._dev import push_changes
    from refrakt.migrate._push import plan_for
    from refrakt.migrate._push_io import run_push
    from refrakt.migrate._push_model import DatabaseNotEmptyError
    from refrakt.migrate._status import PushDataLossError

    location = ctx.load_schema(args.schema)
    files = read_files(location, ctx)
    schema = parse(files, location)
    if schema.errors:
        report_errors(list(schema.errors), files, ctx)
        return 1
    report_warnings(list(schema.warnings), files, ctx)

    datasource = schema.configuration.datasource if schema.configuration is not None else None
    if datasource is None:
        raise CliError(f"There is no datasource in {ctx.display(location.path)}: `db push` needs one.")
    names = list(files)
    file_id = datasource.span.file_id
    base_dir = (ctx.cwd / names[file_id if file_id < len(names) else 0]).parent
    try:
        plan = plan_for(schema, base_dir=base_dir, force_reset=args.force_reset)
    except SchemaError as exc:
        report_errors(exc.diagnostics, files, ctx)
        return 1
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    except RefraktError as exc:
        raise CliError(_coded(exc)) from exc

    target = plan.target
    ctx.out.info(f'Datasource "{target.datasource}": {target.describe()}')
    started = time.perf_counter()
    try:
        with steps(ctx.out, "db push") as progress:
            try:
                result = run_push(plan, on_step=progress.step)
            except DatabaseNotEmptyError:  # the database holds tables: push the diff
                result = push_changes(plan, accept_data_loss=args.accept_data_loss, on_step=progress.step)
    except PushDataLossError as exc:
        ctx.out.print()
        raise CliError(_data_loss_text(exc)) from exc
    except RefraktError as exc:
        ctx.out.print()
        raise CliError(_coded(exc)) from exc
    if result.warnings:
        ctx.out.print(ctx.out.style.bold("\n⚠️  There might be data loss when applying the changes:\n"))
        ctx.out.print("\n".join(f"  • {w}" for w in result.warnings))
    elapsed = round((time.perf_counter() - started) * 1000)

    s = ctx.out.style
    if result.database_created:
        ctx.out.print(f"\n{target.pretty_provider} database {target.database} created at {s.bold(target.location)}")
    if result.reset:
        ctx.out.print(f"\n{_reset_message(plan.target)}")
    if result.changed or result.statements:
        rocket = "" if sys.platform == "win32" else "🚀  "
        ctx.out.print(f"\n{rocket}Your database is now in sync with your Prisma schema. Done in {format_ms(elapsed)}")
    else:
        ctx.out.print("\nThe database is already in sync with the Prisma schema.")
    progress.summary(
        [
            ("Statements applied", len(result.statements)),
            ("Tables created", len(result.tables)),
            ("Database created", "yes" if result.database_created else "no"),
            ("Reset first", "yes" if result.reset else "no"),
        ]
    )

    if not (args.skip_generate or os.environ.get("PRISMA_MIGRATE_SKIP_GENERATE")):
        return _generate(args, ctx, has_generators=bool(schema.configuration and schema.configuration.generators))
    return 0


def _coded(exc: Exception) -> str:
    code = getattr(exc, "code", None)
    return f"{code}: {exc}" if code else str(exc)


def _data_loss_text(exc: RefraktError) -> str:
    """Prisma's ``db push`` texts: the warnings, then how to go on."""
    if exc.meta.get("unexecutable"):
        return exc.message
    listed = "\n".join(f"  • {w}" for w in exc.meta.get("warnings", []))
    return (
        f"⚠️  There might be data loss when applying the changes:\n\n{listed}\n\nUse the --accept-data-loss flag to "
        "ignore the data loss warnings like refrakt db push --accept-data-loss"
    )


def _reset_message(target: PushTarget) -> str:
    text = f'The {target.pretty_provider} database "{target.database}"'
    if target.schemas:
        plural = "s" if len(target.schemas) > 1 else ""
        text += f' schema{plural} "{", ".join(target.schemas)}"'
    text += f' at "{target.location}"'
    return text + (" were" if len(target.schemas) > 1 else " was") + " successfully reset."


def _generate(args: argparse.Namespace, ctx: Context, *, has_generators: bool) -> int:
    """Run the generators afterwards, as Prisma does, when refrakt has ``generate``."""
    if not has_generators:
        return 0
    from refrakt.cli import _app

    if "generate" not in _app.COMMANDS:
        ctx.out.info("The generators were not run: `refrakt generate` is not available yet.")
        return 0
    argv = ["generate"] + (["--schema", args.schema] if args.schema else [])
    return _app.main(argv)
