"""``refrakt version``: the versions of refrakt and Python, the platform, the schema in use."""

from __future__ import annotations

import argparse
import json
import platform
import sys

from refrakt import __version__
from refrakt.cli._context import CliError, Context

SUMMARY = "Show the refrakt version, Python version and platform"
EXAMPLES = (
    ("Show the versions as a table", "refrakt version"),
    ("Show them as JSON", "refrakt version --json"),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--schema", metavar="PATH", help="the schema file, or a folder of *.prisma files")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # A missing or misconfigured schema is fine here, unless one was asked for with --schema.
    try:
        location = ctx.find_schema(args.schema, required=args.schema is not None)
    except CliError:
        if args.schema is not None:
            raise
        location = None
    ctx.load_env(location)
    info = {
        "refrakt": __version__,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform": platform.platform(),
    }
    if location is not None:
        info["schema"] = ctx.display(location.path)
    if args.json:
        ctx.out.print(json.dumps(info, indent=2))
        return 0
    rows = {
        "refrakt": info["refrakt"],
        "Python": f"{info['python']} ({info['implementation']}, {info['executable']})",
        "Platform": info["platform"],
    }
    if "schema" in info:
        rows["Schema"] = info["schema"]
    width = max(len(key) for key in rows)
    ctx.out.print("\n".join(f"{key:<{width}} : {value}" for key, value in rows.items()))
    return 0
