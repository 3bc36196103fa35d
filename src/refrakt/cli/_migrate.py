"""``refrakt migrate deploy|status|resolve|reset|down``: Prisma Migrate's history commands.

The texts and exit codes follow Prisma's ``MigrateDeploy.ts``, ``MigrateStatus.ts``,
``MigrateResolve.ts`` and ``MigrateReset.ts``; the work is :mod:`refrakt.migrate`'s
(``deploy``, ``status``, ``resolve``, ``reset``, ``down``). ``migrate down`` is refrakt's own: it
runs the ``down.sql`` files that ``refrakt migrate dev`` writes beside each ``migration.sql``.
"""

from __future__ import annotations

import argparse
import os

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

# --- deploy ----------------------------------------------------------------------------------------------

DEPLOY_SUMMARY = "Apply the pending migrations (in production, CI...)"
DEPLOY_EXAMPLES = (("Apply the pending migrations", "refrakt migrate deploy"),)


def configure_deploy(parser: argparse.ArgumentParser) -> None:
    add_schema_option(parser)


def _found(ctx: Context, names: tuple[str, ...] | list[str], folder: str) -> None:
    from refrakt.migrate._status import found_line

    ctx.out.print()
    ctx.out.print(found_line(names, folder))


def run_deploy(args: argparse.Namespace, ctx: Context) -> int:
    from refrakt.errors import RefraktError
    from refrakt.migrate import deploy
    from refrakt.migrate._migrations import list_migrations

    try:
        project = load_project(ctx, args.schema)
    except SchemaInvalid:
        return 1
    folder = ctx.display(project.folder)
    _found(ctx, [m.name for m in list_migrations(project.folder)], folder)
    ctx.out.print()
    try:
        with steps(ctx.out, "migrate deploy") as progress:
            result = deploy(project, on_step=progress.step)
    except RefraktError as exc:
        applied = exc.meta.get("applied")
        if applied:
            ctx.out.print("The following migration(s) have been applied:\n\n" + migration_tree(applied) + "\n")
        raise CliError(coded(exc)) from exc
    for warning in result.warnings:
        ctx.out.warn(warning)
    if not result.applied:
        ctx.out.print("No pending migrations to apply.")
    else:
        s = ctx.out.style
        ctx.out.print("The following migration(s) have been applied:\n")
        ctx.out.print(migration_tree(result.applied))
        ctx.out.print("      ")
        ctx.out.print(s.green("All migrations have been successfully applied."))
    progress.summary([("Migrations applied", len(result.applied)), ("Migrations in the folder", len(result.local))])
    return 0


# --- status ----------------------------------------------------------------------------------------------

STATUS_SUMMARY = "Check the status of the database's migrations"
STATUS_EXAMPLES = (("Check the status of your database migrations", "refrakt migrate status"),)


def configure_status(parser: argparse.ArgumentParser) -> None:
    add_schema_option(parser)


def run_status(args: argparse.Namespace, ctx: Context) -> int:
    from refrakt.errors import RefraktError
    from refrakt.migrate import status
    from refrakt.migrate._status import status_lines

    try:
        project = load_project(ctx, args.schema)
    except SchemaInvalid:
        return 1
    folder = ctx.display(project.folder)
    try:
        report = status(project)
    except RefraktError as exc:
        raise CliError(coded(exc)) from exc
    _found(ctx, report.local, folder)
    for warning in report.warnings():
        ctx.out.warn(warning)
    lines = status_lines(report, folder=folder)
    if report.up_to_date:
        ctx.out.print()
        ctx.out.print(ctx.out.style.green(lines[0]))
        return 0
    text = "\n".join(lines)
    if report.diagnostic == "database_is_behind":
        ctx.out.print(text)
    else:
        ctx.out.raw_err(text + "\n")
    return 1


# --- resolve ---------------------------------------------------------------------------------------------

RESOLVE_SUMMARY = "Record a migration as applied or rolled back (recover from a failed migration)"
RESOLVE_EXAMPLES = (
    ("Record a migration as applied", "refrakt migrate resolve --applied 20201231000000_add_users_table"),
    (
        "Record a failed migration as rolled back",
        "refrakt migrate resolve --rolled-back 20201231000000_add_users_table",
    ),
)


def configure_resolve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--applied", metavar="NAME", help="record the migration NAME as applied")
    parser.add_argument("--rolled-back", metavar="NAME", help="record the failed migration NAME as rolled back")
    add_schema_option(parser)


def run_resolve(args: argparse.Namespace, ctx: Context) -> int:
    from refrakt.errors import RefraktError
    from refrakt.migrate import resolve

    if not args.applied and not args.rolled_back:
        raise UsageError(
            "--applied or --rolled-back must be part of the command like:\n"
            "refrakt migrate resolve --applied 20201231000000_example\n"
            "refrakt migrate resolve --rolled-back 20201231000000_example"
        )
    if args.applied and args.rolled_back:
        raise UsageError("Pass either --applied or --rolled-back, not both.")
    try:
        project = load_project(ctx, args.schema)
    except SchemaInvalid:
        return 1
    try:
        if args.applied:
            resolve(project, applied=args.applied)
        else:
            resolve(project, rolled_back=args.rolled_back)
    except RefraktError as exc:
        raise CliError(coded(exc)) from exc
    ctx.out.print()
    if args.applied:
        ctx.out.print(f"Migration {args.applied} marked as applied.")
    else:
        ctx.out.print(f"Migration {args.rolled_back} marked as rolled back.")
    return 0


# --- reset -----------------------------------------------------------------------------------------------

RESET_SUMMARY = "Reset the database and apply all migrations (all data will be lost)"
RESET_EXAMPLES = (
    ("Reset the database and apply all migrations", "refrakt migrate reset"),
    ("Without the confirmation prompt", "refrakt migrate reset --force"),
)


def configure_reset(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-f", "--force", action="store_true", help="skip the confirmation prompt")
    parser.add_argument("--skip-seed", action="store_true", help="do not run the seed command afterwards")
    parser.add_argument("--skip-generate", action="store_true", help="do not run the generators afterwards")
    add_schema_option(parser)


NON_INTERACTIVE_RESET = (
    "Prisma Migrate has detected that the environment is non-interactive. It is recommended to run this command in "
    "an interactive environment.\n\nUse --force to run this command without user interaction.\n"
    "See https://www.prisma.io/docs/reference/api-reference/command-reference#migrate-reset"
)


def run_reset(args: argparse.Namespace, ctx: Context) -> int:
    from refrakt.cli._db_seed import run_seed
    from refrakt.errors import RefraktError
    from refrakt.migrate import reset

    try:
        project = load_project(ctx, args.schema)
    except SchemaInvalid:
        return 1
    ctx.out.print()
    if not args.force:
        if not is_interactive():
            raise CliError(NON_INTERACTIVE_RESET)
        if not confirm(ctx, "Are you sure you want to reset your database? All data will be lost."):
            ctx.out.print("\nReset cancelled.")
            return 130
        ctx.out.print()
    try:
        with steps(ctx.out, "migrate reset") as progress:
            result = reset(project, on_step=progress.step)
    except RefraktError as exc:
        raise CliError(coded(exc)) from exc
    s = ctx.out.style
    if not result.applied:
        ctx.out.print(s.green("Database reset successful\n"))
    else:
        ctx.out.print()
        ctx.out.print(s.green("Database reset successful") + "\n")
        ctx.out.print("The following migration(s) have been applied:\n")
        ctx.out.print(migration_tree(result.applied))
    progress.summary([("Database", "reset"), ("Migrations applied", len(result.applied))])
    if args.skip_seed or os.environ.get("PRISMA_MIGRATE_SKIP_SEED"):
        return 0
    if ctx.project.seed:
        ctx.out.print()
        return 0 if run_seed(ctx, ctx.project.seed, []) else 1
    return 0


# --- down (refrakt's own) ------------------------------------------------------------------------------

DOWN_SUMMARY = "Undo applied migrations with their down.sql (the last one, or back to --to NAME)"
DOWN_EXAMPLES = (
    ("Undo the last applied migration", "refrakt migrate down"),
    ("Undo every migration applied after 20250101000000_init", "refrakt migrate down --to 20250101000000_init"),
)


def configure_down(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", metavar="NAME", help="undo the migrations applied after NAME (--to '' undoes all)")
    add_schema_option(parser)


def run_down(args: argparse.Namespace, ctx: Context) -> int:
    from refrakt.errors import RefraktError
    from refrakt.migrate import down

    try:
        project = load_project(ctx, args.schema)
    except SchemaInvalid:
        return 1
    try:
        with steps(ctx.out, "migrate down") as progress:
            result = down(project, to=args.to, on_step=progress.step)
    except RefraktError as exc:
        raise CliError(coded(exc)) from exc
    ctx.out.print()
    if not result.reverted:
        ctx.out.print("No applied migration to undo.")
    else:
        ctx.out.print("The following migration(s) have been undone:\n")
        ctx.out.print("\n".join(f"  ↩ {name}" for name in result.reverted))
    progress.summary([("Migrations undone", len(result.reverted))])
    return 0


COMMANDS = (
    ("migrate deploy", DEPLOY_SUMMARY, configure_deploy, run_deploy, DEPLOY_EXAMPLES),
    ("migrate status", STATUS_SUMMARY, configure_status, run_status, STATUS_EXAMPLES),
    ("migrate resolve", RESOLVE_SUMMARY, configure_resolve, run_resolve, RESOLVE_EXAMPLES),
    ("migrate reset", RESET_SUMMARY, configure_reset, run_reset, RESET_EXAMPLES),
    ("migrate down", DOWN_SUMMARY, configure_down, run_down, DOWN_EXAMPLES),
)
"""The commands of this module, as :class:`refrakt.cli._app.Command` arguments."""
