"""``refrakt db execute --file F | --stdin [--url URL | --schema PATH]``: run a SQL script against
the database, as ``prisma db execute`` does (the statements run as the database runs a script;
nothing is recorded in the migration history)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from refrakt.cli._context import CliError, Context, UsageError
from refrakt.cli._migrate_common import SchemaInvalid, coded, load_project
from refrakt.cli._progress import steps

SUMMARY = "Execute a SQL script against the database"
EXAMPLES = (
    ("Run a script file against the schema's database", "refrakt db execute --file ./script.sql"),
    (
        "Read the script from stdin, against a URL",
        "echo 'TRUNCATE TABLE dev;' | refrakt db execute --stdin --url \"$URL\"",
    ),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", metavar="PATH", help="the SQL script to run")
    parser.add_argument("--stdin", action="store_true", help="read the script from standard input")
    parser.add_argument("--url", metavar="URL", help="the database to run it against")
    parser.add_argument("--schema", metavar="PATH", help="use the datasource of this schema")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from refrakt.drivers import connect, parse_url
    from refrakt.errors import RefraktError

    if bool(args.file) == bool(args.stdin):
        raise UsageError(
            "Either --stdin or --file must be provided.\nSee `refrakt db execute --help`"
            if not args.file
            else "--stdin and --file cannot be used at the same time. Only 1 must be provided.\n"
            "See `refrakt db execute --help`"
        )
    if args.url and args.schema:
        raise UsageError("--url and --schema cannot be used at the same time. Only 1 must be provided.")
    if args.file:
        path = ctx.cwd / args.file
        try:
            script = Path(path).read_text(encoding="utf-8")
        except OSError:
            raise CliError(f"Provided --file at {args.file} doesn't exist.") from None
    else:
        script = sys.stdin.read()
    try:
        if args.url:
            ctx.load_env(ctx.find_schema(None, required=False))
            config = parse_url(args.url, base_dir=ctx.cwd)
        else:
            try:
                config = load_project(ctx, args.schema).plan.config
            except SchemaInvalid:
                return 1
        with steps(ctx.out, "db execute") as progress:
            progress.step(f"Connect to the {config.provider} database")
            conn = connect(config)
            try:
                progress.step(f"Run the script ({_lines(script)})")
                conn.execute_script(script)
            finally:
                conn.close()
    except (RefraktError, ValueError) as exc:
        raise CliError(coded(exc)) from exc
    ctx.out.print("Script executed successfully.")
    progress.summary([("Script", args.file or "stdin"), ("Lines", len(script.splitlines()))])
    return 0


def _lines(script: str) -> str:
    count = len(script.splitlines())
    return f"{count} line" + ("" if count == 1 else "s")
