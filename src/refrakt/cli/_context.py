"""What every command shares: the output streams, the working directory, the project's configuration.

:meth:`Context.load_schema` is the start-up sequence of a command that reads the schema, as in
Prisma: find the schema, load the ``.env`` files (the project root's, then the schema folder's;
variables already in the environment win), say where both came from.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from refrakt._config import (
    ConfigError,
    ProjectConfig,
    SchemaLocation,
    display_path,
    dotenv_candidates,
    load_dotenv,
    load_project,
    resolve_schema,
)
from refrakt.cli._output import Output


class CliError(Exception):
    """A user error: printed as ``Error: <message>`` on stderr, then the command exits with ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class UsageError(CliError):
    """An unknown command or option, a missing or malformed argument."""


class Context:
    def __init__(self, out: Output, cwd: Path | None = None) -> None:
        self.out = out
        self.cwd = (cwd or Path.cwd()).resolve()
        self._env_loaded = False

    @cached_property
    def project(self) -> ProjectConfig:
        return load_project(self.cwd)

    def display(self, path: Path) -> str:
        return display_path(path, self.cwd)

    def find_schema(self, flag: str | None, *, required: bool = True) -> SchemaLocation | None:
        """The schema's location, without loading anything (``None`` if absent and not ``required``)."""
        try:
            return resolve_schema(flag, self.project, self.cwd, required=required)
        except ConfigError as exc:
            raise CliError(str(exc)) from exc

    def load_env(self, schema: SchemaLocation | None) -> None:
        """Load the ``.env`` files of the project (once per process)."""
        if self._env_loaded:
            return
        self._env_loaded = True
        try:
            loaded = load_dotenv(dotenv_candidates(self.project, schema, self.cwd))
        except ConfigError as exc:
            raise CliError(str(exc)) from exc
        if loaded:
            names = ", ".join(self.display(p) for p in loaded)
            self.out.info(f"Environment variables loaded from {names}")

    def load_schema(self, flag: str | None) -> SchemaLocation:
        """Find the schema (or fail with Prisma's message), load ``.env``, say which schema is used."""
        location = self.find_schema(flag, required=True)
        assert location is not None
        self.load_env(location)
        self.out.info(f"Prisma schema loaded from {self.display(location.path)}")
        return location
