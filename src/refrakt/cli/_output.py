"""Terminal output: results on stdout, messages and diagnostics on stderr, ANSI colours only on a TTY.

Colours follow the usual conventions: ``NO_COLOR`` (any value) turns them off, ``FORCE_COLOR``
(anything but ``0``) turns them on, ``TERM=dumb`` turns them off; otherwise a stream is coloured
when it is a terminal. Long commands also draw their progress and a summary on stderr when it
is a terminal (:mod:`refrakt.cli._progress`, with Rich); elsewhere they print nothing more.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

_RESET = "\x1b[0m"


def wants_color(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    force = env.get("FORCE_COLOR")
    if force is not None and force != "0":
        return True
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def wants_progress(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """A live progress display only on a terminal that can draw one (not ``TERM=dumb``)."""
    env = os.environ if environ is None else environ
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass(frozen=True, slots=True)
class Style:
    """Wraps text in ANSI codes when ``enabled``, returns it unchanged otherwise."""

    enabled: bool

    def _paint(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._paint("\x1b[1m", text)

    def dim(self, text: str) -> str:
        return self._paint("\x1b[2m", text)

    def underline(self, text: str) -> str:
        return self._paint("\x1b[4m", text)

    def green(self, text: str) -> str:
        return self._paint("\x1b[32m", text)

    def yellow(self, text: str) -> str:
        return self._paint("\x1b[33m", text)

    def red(self, text: str) -> str:
        return self._paint("\x1b[1;31m", text)


class Output:
    """The two streams of a command and their styles (``out.style`` for stdout, ``out.err_style``)."""

    def __init__(self, stdout: TextIO, stderr: TextIO, environ: Mapping[str, str] | None = None) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.style = Style(wants_color(stdout, environ))
        self.err_style = Style(wants_color(stderr, environ))
        self.color_env = environ
        #: progress and summaries (:mod:`refrakt.cli._progress`) are drawn on stderr when it is a terminal
        self.live = wants_progress(stderr, environ)

    def print(self, text: str = "") -> None:
        """A result line on stdout."""
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def info(self, text: str) -> None:
        """A progress or context line on stderr (dimmed), e.g. which files were loaded."""
        self.stderr.write(self.err_style.dim(text) + "\n")
        self.stderr.flush()

    def raw_err(self, text: str) -> None:
        """Text on stderr as it is (already rendered diagnostics)."""
        self.stderr.write(text)
        self.stderr.flush()

    def warn(self, text: str) -> None:
        self.stderr.write(f"{self.err_style.yellow('warn')} {text}\n")
        self.stderr.flush()

    def error(self, text: str) -> None:
        """A user error: ``Error: <message>`` on stderr."""
        self.stderr.write(f"{self.err_style.red('Error:')} {text}\n")
        self.stderr.flush()
