"""``refrakt validate``: report the schema's errors (exit 1) or say it is valid, as ``prisma validate``."""

from __future__ import annotations

import argparse
import os

from refrakt.cli._context import Context
from refrakt.cli._env_check import datasource_url_errors
from refrakt.cli._schema_io import parse, read_files, report_errors, report_warnings

SUMMARY = "Validate the schema"
EXAMPLES = (
    ("Validate the project's schema", "refrakt validate"),
    ("Validate a multi-file schema", "refrakt validate --schema ./prisma/schema"),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--schema", metavar="PATH", help="the schema file, or a folder of *.prisma files")


def run(args: argparse.Namespace, ctx: Context) -> int:
    location = ctx.load_schema(args.schema)
    files = read_files(location, ctx)
    result = parse(files, location)
    report_warnings(list(result.warnings), files, ctx)
    errors = list(result.errors) or datasource_url_errors(result, os.environ)
    if errors:
        report_errors(errors, files, ctx)
        return 1
    shown = ctx.out.style.underline(ctx.display(location.path))
    if location.is_folder:
        ctx.out.print(f"The schemas at {shown} are valid 🚀")
    else:
        ctx.out.print(f"The schema at {shown} is valid 🚀")
    return 0
