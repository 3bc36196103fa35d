"""``refrakt format [--check]``: format the schema's files in place, as ``prisma format`` does.

The formatted schema is validated before anything is written (a formatter may repair a schema, for
instance by adding a missing back-relation field, so the formatted text is what counts). On errors
nothing is written and the errors are reported against the files as they are on disk. ``--check``
writes nothing and exits 1 when some file would change.
"""

from __future__ import annotations

import argparse
import time

from refrakt.cli._context import Context
from refrakt.cli._schema_io import format_files, parse, read_files, report_errors, report_warnings, write_file

SUMMARY = "Format the schema (or check that it is formatted)"
EXAMPLES = (
    ("Format the schema in place", "refrakt format"),
    ("Fail (exit code 1) when a file is not formatted, without writing", "refrakt format --check"),
    ("Format a schema in another place", "refrakt format --schema ./db/schema.prisma"),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--schema", metavar="PATH", help="the schema file, or a folder of *.prisma files")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if some file is not formatted")


def run(args: argparse.Namespace, ctx: Context) -> int:
    started = time.perf_counter()
    location = ctx.load_schema(args.schema)
    files = read_files(location, ctx)
    formatted = format_files(files, location)

    result = parse(formatted, location)
    if result.errors:
        # Report against the text on disk when it has errors of its own, so line numbers match.
        original = parse(files, location)
        if original.errors:
            report_errors(list(original.errors), files, ctx)
        else:
            report_errors(list(result.errors), formatted, ctx)
        return 1
    report_warnings(list(result.warnings), formatted, ctx)

    changed = [name for name, text in files.items() if formatted[name] != text]
    s = ctx.out.style
    if args.check:
        if changed:
            ctx.out.raw_err(
                f"{ctx.out.err_style.red('!')} There are unformatted files. "
                "Run `refrakt format` to format them.\n" + "".join(f"  {name}\n" for name in changed)
            )
            return 1
        ctx.out.print("All files are formatted correctly!")
        return 0

    by_name = {ctx.display(path): path for path in location.files}
    for name in changed:
        write_file(by_name[name], formatted[name], ctx)
    elapsed = round((time.perf_counter() - started) * 1000)
    ctx.out.print(f"Formatted {s.underline(ctx.display(location.path))} in {elapsed}ms 🚀")
    return 0
