"""Progress of the long commands and their summary, drawn with Rich on a terminal only.

A command runs its work inside :func:`steps`; the work reports each step it starts through the
``on_step`` callback of :mod:`refrakt.migrate` (``deploy``, ``dev``, ``reset``, ``down``, ``db
push``...), and the command ends with :meth:`Steps.summary`. On a terminal (stderr is a TTY and
``TERM`` is not ``dumb``) the current step shows with a spinner and its elapsed time, each finished
step stays as a ``✔ step  12ms`` line, and the summary is a small Rich table; all of it goes to
stderr, so results on stdout stay as they are. Anywhere else (pipes, CI logs, tests) this module
prints nothing at all: the command's plain text is exactly the same with or without it. Colours
follow :func:`refrakt.cli._output.wants_color` (``NO_COLOR``, ``FORCE_COLOR``, ``TERM=dumb``).

Rich is imported only when a terminal is there to draw on.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from refrakt.cli._output import Output, wants_color

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


def format_ms(ms: int) -> str:
    """Prisma's ``formatms``: ``12ms``, ``1.23s``."""
    return f"{ms}ms" if ms < 1000 else f"{ms / 1000:.2f}s"


def format_seconds(seconds: float) -> str:
    return format_ms(round(seconds * 1000))


class Steps:
    """The steps of one command, timed; drawn on a terminal, silent elsewhere.

    :meth:`step` starts a step (and ends the one before); :meth:`close` ends the last one.
    ``done`` holds the finished steps and their durations in seconds.
    """

    def __init__(self, out: Output, title: str, *, live: bool) -> None:
        self.title = title
        self.done: list[tuple[str, float]] = []
        self.started = time.perf_counter()
        self._current: tuple[str, float] | None = None
        self._console: Console | None = None
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if live:
            self._start_live(out)

    @property
    def live(self) -> bool:
        return self._console is not None

    def _start_live(self, out: Output) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        color = wants_color(out.stderr, out.color_env)
        self._console = Console(
            file=out.stderr,
            force_terminal=True,
            no_color=not color,
            color_system="auto" if color else None,
            highlight=False,
            emoji=False,
        )
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=self._console,
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(self.title, total=None)

    def step(self, label: str) -> None:
        """Start the step ``label`` (the ``on_step`` callback of :mod:`refrakt.migrate`)."""
        self._end_current()
        self._current = (label, time.perf_counter())
        if self._progress is not None and self._task is not None:
            from rich.markup import escape

            self._progress.update(self._task, description=escape(label))

    def _end_current(self, *, ok: bool = True) -> None:
        if self._current is None:
            return
        label, since = self._current
        elapsed = time.perf_counter() - since
        self.done.append((label, elapsed))
        self._current = None
        if self._console is not None:
            from rich.text import Text

            mark = ("✔ ", "green") if ok else ("✘ ", "bold red")
            line = Text.assemble(mark, label, ("  " + format_seconds(elapsed), "dim"))
            self._console.print(line)

    def close(self, *, ok: bool = True) -> None:
        """End the last step (``ok=False``: it failed) and take the live display away (before any
        prompt or result)."""
        self._end_current(ok=ok)
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def summary(self, rows: Sequence[tuple[str, Any]], *, ok: bool = True) -> None:
        """The command's summary on a terminal: its title, the ``rows`` (label, value) and the time."""
        if self._console is None:
            return
        from rich import box
        from rich.table import Table

        table = Table(box=box.ROUNDED, show_header=False, title_justify="left")
        table.title = f"{'✔' if ok else '✘'} {self.title}"
        table.title_style = "bold green" if ok else "bold red"
        table.add_column(style="bold")
        table.add_column()
        for label, value in rows:
            table.add_row(label, str(value))
        table.add_row("Time", format_seconds(self.elapsed))
        self._console.print(table)


@contextmanager
def steps(out: Output, title: str) -> Generator[Steps]:
    """The :class:`Steps` of a command, closed however the work ends."""
    progress = Steps(out, title, live=out.live)
    try:
        yield progress
    except BaseException:
        progress.close(ok=False)
        raise
    progress.close()
