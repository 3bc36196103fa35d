"""Argument parsing and dispatch: one ``argparse`` parser per command, user errors as messages.

The first argument names the command; each command has its own parser (so ``refrakt format
--help`` shows only what ``format`` takes). argparse's own error path (usage text and exit code 2)
is replaced by :class:`UsageError`, printed as one clear message with exit code 1.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NoReturn

from refrakt import __version__
from refrakt._config import ConfigError
from refrakt.cli import _db_execute, _db_push, _db_seed, _format, _init, _migrate, _migrate_dev, _validate, _version
from refrakt.cli._context import CliError, Context, UsageError
from refrakt.cli._output import Output


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    summary: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Context], int]
    examples: tuple[tuple[str, str], ...] = ()


COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command("init", _init.SUMMARY, _init.configure, _init.run, _init.EXAMPLES),
        Command("format", _format.SUMMARY, _format.configure, _format.run, _format.EXAMPLES),
        Command("validate", _validate.SUMMARY, _validate.configure, _validate.run, _validate.EXAMPLES),
        Command("version", _version.SUMMARY, _version.configure, _version.run, _version.EXAMPLES),
        Command("db push", _db_push.SUMMARY, _db_push.configure, _db_push.run, _db_push.EXAMPLES),
        Command("db execute", _db_execute.SUMMARY, _db_execute.configure, _db_execute.run, _db_execute.EXAMPLES),
        Command("db seed", _db_seed.SUMMARY, _db_seed.configure, _db_seed.run, _db_seed.EXAMPLES),
        *(Command(*spec) for spec in _migrate.COMMANDS),
        *(Command(*spec) for spec in _migrate_dev.COMMANDS),
    )
}


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are :class:`UsageError` instead of usage text and exit code 2."""

    def error(self, message: str) -> NoReturn:
        prefix = "unrecognized arguments: "
        if message.startswith(prefix):
            unknown = message[len(prefix) :].split()
            options = [u for u in unknown if u.startswith("-")]
            if options:
                message = f"Unknown option `{options[0]}` for `{self.prog}`."
            else:
                message = f"`{self.prog}` does not take the argument `{unknown[0]}`."
        else:
            message = message[:1].upper() + message[1:] + "."
        raise UsageError(f"{message}\nRun `{self.prog} --help` to see what it takes.")


def _build_parser(command: Command) -> _Parser:
    epilog = ""
    if command.examples:
        lines = ["examples:"]
        for text, example in command.examples:
            lines += [f"  {text}", f"    $ {example}", ""]
        epilog = "\n".join(lines)
    parser = _Parser(
        prog=f"refrakt {command.name}",
        description=command.summary,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    command.configure(parser)
    return parser


def help_text() -> str:
    width = max(len(name) for name in COMMANDS)
    commands = "\n".join(f"  {c.name:>{width}}   {c.summary}" for c in COMMANDS.values())
    return f"""refrakt {__version__}: the Prisma ORM, native in Python.

Usage

  $ refrakt <command> [options]

Commands

{commands}

Flags

  -h, --help      Show this help message
  -v, --version   Show the versions (same as `refrakt version`)

Every command takes `--help`; those that read the schema take `--schema PATH` (a file, or a
folder of *.prisma files).

Examples

  Set up a new project with SQLite
  $ refrakt init --datasource-provider sqlite

  Format and validate the schema
  $ refrakt format
  $ refrakt validate
"""


def _unknown_command(name: str) -> UsageError:
    message = f"Unknown command `{name}`."
    close = difflib.get_close_matches(name, COMMANDS, n=1)
    if close:
        message += f" Did you mean `refrakt {close[0]}`?"
    return UsageError(f"{message}\nRun `refrakt --help` to see the available commands.")


def _dispatch(argv: list[str], ctx: Context) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        ctx.out.print(help_text().rstrip("\n"))
        return 0
    if argv[0] in ("-v", "--version"):
        argv = ["version", *argv[1:]]
    name = argv[0]
    if len(argv) > 1 and f"{name} {argv[1]}" in COMMANDS:  # two-word commands: `db push`, `migrate dev`
        name, argv = f"{name} {argv[1]}", argv[1:]
    elif any(c.startswith(f"{name} ") for c in COMMANDS):
        verbs = ", ".join(f"`refrakt {c}`" for c in COMMANDS if c.startswith(f"{name} "))
        raise UsageError(f"`refrakt {name}` needs a subcommand: {verbs}.\nRun `refrakt --help` to see the commands.")
    if name.startswith("-"):
        raise UsageError(f"Unknown option `{name}`.\nRun `refrakt --help` to see the available commands and flags.")
    command = COMMANDS.get(name)
    if command is None:
        raise _unknown_command(name)
    args = _build_parser(command).parse_args(argv[1:])
    return command.run(args, ctx)


def _tolerant_streams() -> None:
    """Never fail on a character the terminal's encoding lacks (``✔``, ``🚀`` on a legacy code page)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    _tolerant_streams()
    out = Output(sys.stdout, sys.stderr)
    ctx = Context(out)
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv), ctx)
    except CliError as exc:
        out.error(str(exc))
        return exc.exit_code
    except ConfigError as exc:
        out.error(str(exc))
        return 1
    except SystemExit as exc:  # argparse's --help
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except KeyboardInterrupt:
        out.raw_err("\n")
        return 130
    except BrokenPipeError:  # `refrakt --help | head -1`: the reader went away, say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
