"""``refrakt db seed [-- ARGS]``: run the project's seed command, as ``prisma db seed`` does.

The command is ``seed`` under ``[tool.refrakt]`` in ``pyproject.toml`` (``seed = "python -m
app.seed"``); the arguments after ``--`` are appended to it. It runs through the shell, in the
working directory, with the output streams of refrakt. ``migrate reset`` and ``migrate dev`` run
it too after a reset (unless ``--skip-seed``).
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys

from refrakt.cli._context import CliError, Context

SUMMARY = "Run the seed command of the project ([tool.refrakt] seed)"
EXAMPLES = (
    ("Run the seed command", "refrakt db seed"),
    ("Pass arguments to it", "refrakt db seed -- --count 10"),
)

NO_SEED = (
    'No seed command is configured. Add one to pyproject.toml, e.g.\n\n[tool.refrakt]\nseed = "python -m app.seed"'
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("extra", nargs=argparse.REMAINDER, help="arguments for the seed command, after --")


def run(args: argparse.Namespace, ctx: Context) -> int:
    extra: list[str] = list(args.extra)
    if extra and extra[0] == "--":
        extra = extra[1:]
    elif extra:
        raise CliError(
            f"Unknown argument `{extra[0]}`.\nDid you mean to pass these as arguments to your seed script? If so, add "
            "a -- separator before them:\n$ refrakt db seed -- --arg1 value1 --arg2 value2"
        )
    ctx.load_env(ctx.find_schema(None, required=False))
    command = ctx.project.seed
    if not command:
        raise CliError(NO_SEED)
    return 0 if run_seed(ctx, command, extra) else 1


def run_seed(ctx: Context, command: str, extra: list[str]) -> bool:
    """Run ``command`` (and ``extra``) in a shell; whether it succeeded. Prisma's texts."""
    full = command + ("" if not extra else " " + " ".join(shlex.quote(a) for a in extra))
    ctx.out.print(f"Running seed command `{full}` ...")
    completed = subprocess.run(full, shell=True, cwd=ctx.cwd, check=False)
    if completed.returncode != 0:
        ctx.out.error(
            f"\nAn error occurred while running the seed command:\nCommand failed with exit code "
            f"{completed.returncode}: {full}"
        )
        return False
    sprout = "" if sys.platform == "win32" else "🌱  "
    ctx.out.print(f"\n{sprout}The seed command has been executed.")
    return True
