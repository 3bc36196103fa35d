"""Project configuration: ``[tool.refrakt]`` in ``pyproject.toml``, ``.env`` files, the schema's location.

Everything here is what Prisma's CLI does before a command runs, adapted to a Python project:

* :func:`load_project` finds the nearest ``pyproject.toml`` (searching upward from the working
  directory) and reads its ``[tool.refrakt]`` table (``schema``, ``migrations``, ``seed``).
* :func:`resolve_schema` picks the schema the way Prisma does: ``--schema``, then
  ``[tool.refrakt] schema``, then ``prisma/schema.prisma``, then a ``prisma/schema/`` folder of
  ``*.prisma`` files, then ``schema.prisma``.
* :func:`parse_dotenv` / :func:`load_dotenv` read ``.env`` files (``KEY=VALUE``, quotes, comments,
  ``${VAR}`` expansion) without overriding what the environment already has.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

__all__ = [
    "DEFAULT_SCHEMA_PATHS",
    "ConfigError",
    "ProjectConfig",
    "SchemaLocation",
    "display_path",
    "dotenv_candidates",
    "load_dotenv",
    "load_project",
    "parse_dotenv",
    "resolve_schema",
]


class ConfigError(Exception):
    """A problem with the project's configuration that the user has to fix (a one-paragraph message)."""


# --- pyproject.toml ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    """The project's root and its ``[tool.refrakt]`` settings (paths are resolved against ``root``)."""

    root: Path
    pyproject: Path | None = None
    schema: Path | None = None
    migrations: Path | None = None
    seed: str | None = None


def _find_upward(start: Path, name: str) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def _as_table(value: object) -> dict[str, object] | None:
    return cast("dict[str, object]", value) if isinstance(value, dict) else None


def load_project(cwd: Path | None = None) -> ProjectConfig:
    """Read ``[tool.refrakt]`` from the nearest ``pyproject.toml`` at or above ``cwd``.

    Without a ``pyproject.toml`` the project root is ``cwd`` and every setting is unset.
    """
    here = (cwd or Path.cwd()).resolve()
    pyproject = _find_upward(here, "pyproject.toml")
    if pyproject is None:
        return ProjectConfig(root=here)
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Could not read {pyproject}: {exc}") from exc
    root = pyproject.parent
    tool = _as_table(data.get("tool"))
    raw = tool.get("refrakt") if tool is not None else None
    if raw is None:
        return ProjectConfig(root=root, pyproject=pyproject)
    table = _as_table(raw)
    if table is None:
        raise ConfigError(f"`[tool.refrakt]` in {pyproject} must be a table.")
    settings: dict[str, str] = {}
    for key in ("schema", "migrations", "seed"):
        value = table.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value:
            raise ConfigError(f"`[tool.refrakt] {key}` in {pyproject} must be a non-empty string.")
        settings[key] = value
    return ProjectConfig(
        root=root,
        pyproject=pyproject,
        schema=root / settings["schema"] if "schema" in settings else None,
        migrations=root / settings["migrations"] if "migrations" in settings else None,
        seed=settings.get("seed"),
    )


# --- schema location -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SchemaLocation:
    """Where the schema is: one ``.prisma`` file, or a folder of them (a multi-file schema)."""

    path: Path
    is_folder: bool
    files: tuple[Path, ...]
    """The schema's files: ``(path,)`` for a file, the folder's ``*.prisma`` files (recursively, sorted)."""


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path as the user would type it: relative to ``cwd`` when inside it, with ``/``."""
    base = (cwd or Path.cwd()).resolve()
    resolved = path.resolve()
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:
        return str(resolved)


def _prisma_files(folder: Path) -> tuple[Path, ...]:
    return tuple(sorted(p for p in folder.rglob("*.prisma") if p.is_file()))


def _location(path: Path) -> SchemaLocation | None:
    """A location for ``path`` if it is a file, or a folder holding at least one ``*.prisma`` file."""
    if path.is_file():
        return SchemaLocation(path, False, (path,))
    if path.is_dir():
        files = _prisma_files(path)
        if files:
            return SchemaLocation(path, True, files)
    return None


def _missing(path: Path, cwd: Path) -> str:
    shown = display_path(path, cwd)
    if path.is_dir():
        return f"`{shown}` is a folder with no *.prisma file in it"
    return f"`{shown}`: file or directory not found"


DEFAULT_SCHEMA_PATHS: tuple[tuple[str, bool], ...] = (
    ("prisma/schema.prisma", False),
    ("prisma/schema", True),
    ("schema.prisma", False),
)


def resolve_schema(
    flag: str | None, project: ProjectConfig, cwd: Path | None = None, *, required: bool = True
) -> SchemaLocation | None:
    """Find the schema: ``--schema``, ``[tool.refrakt] schema``, then Prisma's default locations.

    Raises :class:`ConfigError` when an explicit path does not exist, or when nothing is found and
    ``required`` is true; returns ``None`` when nothing is found and ``required`` is false.
    """
    here = (cwd or Path.cwd()).resolve()
    if flag is not None:
        path = here / flag
        found = _location(path)
        if found is None:
            raise ConfigError(f"Could not load `--schema` from provided path {_missing(path, here)}.")
        return found
    if project.schema is not None:
        found = _location(project.schema)
        if found is None:
            raise ConfigError(
                f"Could not load the schema from {_missing(project.schema, here)}, as set by "
                f"`[tool.refrakt] schema` in {display_path(project.pyproject or project.root, here)}."
            )
        return found
    checked: list[str] = []
    for relative, is_folder in DEFAULT_SCHEMA_PATHS:
        found = _location(here / relative)
        if found is not None and found.is_folder == is_folder:
            return found
        checked.append(f"{relative}: {'directory' if is_folder else 'file'} not found")
    if not required:
        return None
    raise ConfigError(
        "Could not find a Prisma schema, which this command needs.\n"
        "Pass it with `--schema`, set `schema` under `[tool.refrakt]` in pyproject.toml, "
        "or put it in a default location.\n"
        "Checked the following paths:\n\n" + "\n".join(checked)
    )


# --- .env files ----------------------------------------------------------------------------------

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
# ``\$`` (a literal dollar), ``${NAME}``, ``${NAME:-default}`` or ``$NAME``.
_EXPANSION = re.compile(r"\\\$|\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")
_DOUBLE_QUOTE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "$": "\\$"}


def _unescape_double(raw: str) -> str:
    # ``\$`` stays escaped here so that expansion can tell it from a real ``$``.
    return re.sub(r"\\(.)", lambda m: _DOUBLE_QUOTE_ESCAPES.get(m.group(1), m.group(0)), raw)


def _expand(value: str, lookup: Callable[[str], str | None]) -> str:
    def replace(m: re.Match[str]) -> str:
        if m.group(0) == "\\$":
            return "$"
        found = lookup(m.group(1) or m.group(3)) or ""
        default = m.group(2)
        return default if not found and default is not None else found

    return _EXPANSION.sub(replace, value)


def parse_dotenv(text: str, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Parse the text of a ``.env`` file into a dict, in file order.

    Supported: ``KEY=VALUE`` and ``export KEY=VALUE``; blank lines and ``#`` comments, also after an
    unquoted value (``KEY=v # note``); single quotes (literal), double quotes (``\\n``-style escapes,
    may span lines) and backticks; ``${VAR}``, ``${VAR:-default}`` and ``$VAR`` expansion in unquoted
    and double-quoted values, looked up first in ``environ`` and then in earlier keys of the file.
    Lines that are not assignments are ignored, as dotenv does.
    """
    env = os.environ if environ is None else environ
    result: dict[str, str] = {}

    def lookup(name: str) -> str | None:
        return env.get(name, result.get(name))

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line or line.startswith("#"):
            continue
        if line.startswith("export ") or line.startswith("export\t"):
            line = line[len("export") :].lstrip()
        key_match = _KEY.match(line)
        if key_match is None:
            continue
        key = key_match.group(0)
        rest = line[key_match.end() :].lstrip()
        if not rest.startswith("="):
            continue
        rest = rest[1:].lstrip()
        quote = rest[:1]
        if quote in ("'", '"', "`"):
            body = rest[1:]
            # A quoted value may continue on the following lines until its closing quote.
            j = i
            while _closing_quote(body, quote) < 0 and j < len(lines):
                body += "\n" + lines[j]
                j += 1
            end = _closing_quote(body, quote)
            if end < 0:  # never closed: take the line as it is, like dotenv
                value = rest
            else:
                i = j
                raw = body[:end]
                value = _expand(_unescape_double(raw), lookup) if quote == '"' else raw
        else:
            value = re.split(r"\s+#", rest, maxsplit=1)[0].strip()
            value = _expand(value, lookup)
        result[key] = value
    return result


def _closing_quote(body: str, quote: str) -> int:
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and quote == '"':
            i += 2
            continue
        if c == quote:
            return i
        i += 1
    return -1


def dotenv_candidates(project: ProjectConfig, schema: SchemaLocation | None, cwd: Path | None = None) -> list[Path]:
    """The ``.env`` files to load, in order: the project root's, the working directory's, the schema folder's."""
    here = (cwd or Path.cwd()).resolve()
    folders = [project.root, here]
    if schema is not None:
        folders.append(schema.path.resolve().parent)
    seen: list[Path] = []
    for folder in folders:
        candidate = folder / ".env"
        if candidate not in seen and candidate.is_file():
            seen.append(candidate)
    return seen


def load_dotenv(files: Iterable[Path], environ: MutableMapping[str, str] | None = None) -> list[Path]:
    """Load ``.env`` files into ``environ`` (``os.environ`` by default) and return those that were read.

    A variable already set (in the environment, or by an earlier file) is never overridden.
    """
    env = os.environ if environ is None else environ
    loaded: list[Path] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"Could not read {path}: {exc}") from exc
        for key, value in parse_dotenv(text, env).items():
            env.setdefault(key, value)
        loaded.append(path)
    return loaded
