"""``refrakt migrate dev`` and ``refrakt migrate diff``, as Prisma's ``MigrateDev.ts`` and
``MigrateDiff.ts``. The work is :func:`refrakt.migrate.dev` and the diff; this module prompts
(reset on drift, data-loss warnings, the migration's name) on a terminal only."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from refrakt.cli._context import CliError, Context, UsageError
from refrakt.cli._migrate_common import (
    SchemaInvalid,
    add_schema_option,
    coded,
    confirm,
    is_interactive,
    load_project,
    migration_tree,
)
from refrakt.cli._progress import steps

DEV_SUMMARY = "Create a migration from the schema changes, apply it (development only)"
DEV_EXAMPLES = (
    ("Create and apply a migration", "refrakt migrate dev --name add_likes"),
    ("Create it without applying it", "refrakt migrate dev --create-only"),
)

NON_INTERACTIVE_DEV = (
    "Prisma Migrate has detected that the environment is non-interactive, which is not supported.\n\n"
    "`refrakt migrate dev` is an interactive command designed to create new migrations and evolve the database in "
    "development.\nTo apply existing migrations in deployments, use refrakt migrate deploy."
)


def configure_dev(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-n", "--name", help="the name of the migration")
    parser.add_argument("--create-only", action="store_true", help="create the migration without applying it")
    parser.add_argument("--skip-seed", action="store_true", help="do not run the seed command after a reset")
    parser.add_argument("--skip-generate", action="store_true", help="do not run the generators afterwards")
    parser.add_argument("--shadow-database-url", metavar="URL", help="the shadow database (PostgreSQL, MySQL)")
    add_schema_option(parser)


def run_dev(args: argparse.Namespace, ctx: Context) -> int:
    from refrakt.cli._db_seed import run_seed
    from refrakt.errors import RefraktError
    from refrakt.migrate._dev import dev
    from refrakt.migrate._status import DataLossWarnings, DriftDetected

    try:
        project = load_project(ctx, args.schema)
    except SchemaInvalid:
        return 1
    ctx.out.print()
    interactive = is_interactive()
    name: str | None = args.name
    if name is None and interactive:
        name = ask_name(ctx)
    allow_reset = accept = False
    while True:
        try:
            with steps(ctx.out, "migrate dev") as progress:  # closed before any prompt
                result = dev(
                    project,
                    name=name or "",
                    create_only=args.create_only,
                    allow_reset=allow_reset,
                    accept_data_loss=accept,
                    shadow_database_url=args.shadow_database_url,
                    on_step=progress.step,
                )
            break
        except DriftDetected as exc:
            ctx.out.print(exc.message)
            question = (
                f"We need to reset the {project.target.describe()}\n\nDo you want to continue? All data will be lost."
            )
            if not interactive:
                ctx.out.print(
                    "\nYou may use refrakt migrate reset to drop the development database.\nAll data will be lost."
                )
                return 130
            if not confirm(ctx, question):
                ctx.out.print("\nReset cancelled.")
                return 130
            allow_reset = True
        except DataLossWarnings as exc:
            ctx.out.print(ctx.out.style.bold("\n⚠️  Warnings for the current datasource:\n"))
            ctx.out.print(exc.message + "\n")
            if not interactive:
                raise CliError(NON_INTERACTIVE_DEV) from exc
            question = (
                "Are you sure you want to create this migration?"
                if args.create_only
                else "Are you sure you want to create and apply this migration?"
            )
            if not confirm(ctx, question):
                ctx.out.print("Migration cancelled.")
                return 130
            accept = True
        except RefraktError as exc:
            raise CliError(coded(exc)) from exc
    if result.reset:
        ctx.out.print(f"\nThe {project.target.describe()} was reset.")
    if result.applied:
        ctx.out.print("\nThe following migration(s) have been applied:\n\n" + migration_tree(result.applied))
    if result.created is None:
        if result.applied:
            ctx.out.print("\n" + ctx.out.style.green("Your database is now in sync with your schema."))
        else:
            ctx.out.print("Already in sync, no schema change or pending migration was found.")
    elif args.create_only:
        ctx.out.print(
            f"Prisma Migrate created the following migration without applying it {result.created}\n\n"
            "You can now edit it and apply it by running refrakt migrate dev."
        )
    else:
        folder = os.path.relpath(project.folder, ctx.cwd)
        ctx.out.print(
            "\nThe following migration(s) have been created and applied from new schema changes:\n\n"
            + migration_tree([result.created], folder)
            + "\n\n"
            + ctx.out.style.green("Your database is now in sync with your schema.")
        )
    progress.summary(
        [
            ("Database reset", "yes" if result.reset else "no"),
            ("Pending migrations applied", len(result.applied)),
            ("Migration created", result.created or "none"),
            ("Created migration applied", "yes" if result.created_applied else "no"),
        ]
    )
    if result.reset and not (args.skip_seed or os.environ.get("PRISMA_MIGRATE_SKIP_SEED")) and ctx.project.seed:
        ctx.out.print()
        return 0 if run_seed(ctx, ctx.project.seed, []) else 1
    return 0


def ask_name(ctx: Context) -> str:
    ctx.out.stdout.write("? Enter a name for the new migration: › ")
    ctx.out.stdout.flush()
    return sys.stdin.readline().strip()


# --- diff ------------------------------------------------------------------------------------------------

DIFF_SUMMARY = "Compare two schemas (empty, a data model, a migrations folder, a database)"
DIFF_EXAMPLES = (
    (
        "The SQL that creates the schema",
        "refrakt migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script",
    ),
    (
        "What the database lacks compared with the schema",
        'refrakt migrate diff --from-url "$DATABASE_URL" --to-schema-datamodel prisma/schema.prisma --script',
    ),
)
_SIDES = ("empty", "schema-datamodel", "migrations", "url")


def configure_diff(parser: argparse.ArgumentParser) -> None:
    for side in ("from", "to"):
        parser.add_argument(f"--{side}-empty", action="store_true", help=f"{side}: an empty schema")
        parser.add_argument(f"--{side}-schema-datamodel", metavar="PATH", help=f"{side}: a schema file or folder")
        parser.add_argument(f"--{side}-migrations", metavar="DIR", help=f"{side}: what a migrations folder builds")
        parser.add_argument(f"--{side}-url", metavar="URL", help=f"{side}: a live database")
    parser.add_argument("--shadow-database-url", metavar="URL", help="where --*-migrations are replayed")
    parser.add_argument("--script", action="store_true", help="print a SQL script instead of a summary")
    parser.add_argument("--exit-code", action="store_true", help="exit 2 when the schemas differ, 0 when they do not")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the result to FILE")


def _side(args: argparse.Namespace, side: str) -> tuple[str, str | None]:
    chosen = [(kind, getattr(args, f"{side}_{kind.replace('-', '_')}")) for kind in _SIDES]
    given = [(k, v) for k, v in chosen if v]
    if len(given) != 1:
        flags = ", ".join(f"--{side}-{k}" for k in _SIDES)
        raise UsageError(f"Exactly one --{side}-... option must be given ({flags}).")
    kind, value = given[0]
    return kind, None if kind == "empty" else str(value)


def run_diff(args: argparse.Namespace, ctx: Context) -> int:
    from refrakt.errors import RefraktError
    from refrakt.migrate import migrate_project
    from refrakt.migrate._dev import empty_schema, schema_of_url, shadow_schema
    from refrakt.migrate._diff import diff
    from refrakt.migrate._migrations import read_lock
    from refrakt.migrate._render import render_migration_script
    from refrakt.migrate._schema import SqlSchema

    sides = {side: _side(args, side) for side in ("from", "to")}
    ctx.load_env(ctx.find_schema(None, required=False))
    provider: str | None = None
    for kind, value in sides.values():
        if kind == "schema-datamodel" and value:
            provider = migrate_project(str(ctx.cwd / value)).provider
        elif kind == "url" and value:
            provider = {"file": "sqlite", "postgres": "postgresql"}.get(value.split(":", 1)[0], value.split(":", 1)[0])
        elif kind == "migrations" and value:
            provider = provider or read_lock(ctx.cwd / value)
    if provider is None:
        raise UsageError("The database could not be told from the options: add a --from/--to schema or URL.")

    def load(kind: str, value: str | None) -> SqlSchema:
        if kind == "empty":
            return empty_schema(provider)
        assert value is not None
        if kind == "schema-datamodel":
            return migrate_project(str(ctx.cwd / value)).plan.sql_schema
        if kind == "url":
            return schema_of_url(value, provider, base_dir=ctx.cwd)
        datamodel = sides["to"][1] if sides["to"][0] == "schema-datamodel" else sides["from"][1]
        if datamodel is None:
            raise UsageError("--from-migrations/--to-migrations need the schema too (--to-schema-datamodel).")
        project = migrate_project(str(ctx.cwd / datamodel), migrations=ctx.cwd / value)
        if provider != "sqlite" and not args.shadow_database_url:
            return shadow_schema(project)
        return shadow_schema(project, shadow_database_url=args.shadow_database_url)

    try:
        before = load(*sides["from"])
        after = load(*sides["to"])
        migration = diff(before, after, provider)
    except (RefraktError, FileNotFoundError, ValueError) as exc:
        raise CliError(coded(exc)) from exc
    text = render_migration_script(migration) if args.script else _summary(migration)
    if args.output:
        Path(ctx.cwd / args.output).write_text(text, encoding="utf-8")
    else:
        ctx.out.stdout.write(text if text.endswith("\n") else text + "\n")
    if args.exit_code:
        return 0 if migration.is_empty else 2
    return 0


def _summary(migration: object) -> str:
    from refrakt.migrate._diff_model import Migration

    assert isinstance(migration, Migration)
    if migration.is_empty:
        return "No difference detected.\n"
    lines: list[str] = []
    for step in migration.steps:
        lines.append(f"[*] {step.kind}")
        lines.extend(f"  {s.splitlines()[0]}" for s in step.statements)
    return "\n".join(lines) + "\n"


COMMANDS = (
    ("migrate dev", DEV_SUMMARY, configure_dev, run_dev, DEV_EXAMPLES),
    ("migrate diff", DIFF_SUMMARY, configure_diff, run_diff, DIFF_EXAMPLES),
)
"""The commands of this module, as :class:`refrakt.cli._app.Command` arguments."""
