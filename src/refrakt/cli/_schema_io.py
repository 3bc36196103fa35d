"""Reading and writing the schema's files, calling the schema API, printing its diagnostics.

Files are named by their path relative to the working directory (``prisma/schema.prisma``), so
that diagnostics point where the user looks. Files are read and written as bytes decoded as UTF-8,
with no newline translation: ``format --check`` sees exactly what is on disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from refrakt._config import SchemaLocation
from refrakt.cli._context import CliError, Context
from refrakt.diagnostics import Diagnostic, SourceFile, render

if TYPE_CHECKING:
    from refrakt.schema import Schema


def read_files(location: SchemaLocation, ctx: Context) -> dict[str, str]:
    """``{display name: text}`` for every file of the schema, in path order."""
    files: dict[str, str] = {}
    for path in location.files:
        try:
            files[ctx.display(path)] = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CliError(f"Could not read {ctx.display(path)}: it is not valid UTF-8 ({exc.reason}).") from exc
        except OSError as exc:
            raise CliError(f"Could not read {ctx.display(path)}: {exc.strerror or exc}.") from exc
    return files


def write_file(path: Path, text: str, ctx: Context) -> None:
    try:
        path.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise CliError(f"Could not write {ctx.display(path)}: {exc.strerror or exc}.") from exc


def parse(files: Mapping[str, str], location: SchemaLocation) -> Schema:
    """Parse the files with :func:`refrakt.schema.parse` (one text for a file, a mapping for a folder)."""
    from refrakt import schema

    if not location.is_folder:
        ((name, text),) = files.items()
        return schema.parse(text, path=name)
    return schema.parse(dict(files))


def format_files(files: Mapping[str, str], location: SchemaLocation) -> dict[str, str]:
    """The formatted text of every file, with :func:`refrakt.schema.format`."""
    from refrakt import schema

    if not location.is_folder:
        ((name, text),) = files.items()
        formatted = schema.format(text)
        if not isinstance(formatted, str):  # pragma: no cover - the API returns text for text
            raise TypeError("refrakt.schema.format(str) must return a str")
        return {name: formatted}
    result = schema.format(dict(files))
    if isinstance(result, str):  # pragma: no cover - the API returns a mapping for a mapping
        raise TypeError("refrakt.schema.format(mapping) must return a mapping")
    return {name: result.get(name, text) for name, text in files.items()}


def render_diagnostics(diagnostics: Iterable[Diagnostic], files: Mapping[str, str], *, color: bool) -> str:
    """Prisma's rendering of each diagnostic against its file, separated by blank lines."""
    parts: list[str] = []
    for d in diagnostics:
        text = files.get(d.file)
        if text is not None:
            parts.append(render(d, SourceFile(d.file, text), color=color))
        else:
            parts.append(str(d).rstrip("\n") + "\n")
    return "\n".join(parts)


def report_errors(errors: list[Diagnostic], files: Mapping[str, str], ctx: Context) -> None:
    """Print schema errors on stderr the way Prisma does (``P1012``, rendered errors, the count)."""
    style = ctx.out.err_style
    body = render_diagnostics(errors, files, color=style.enabled)
    ctx.out.raw_err(
        f"{style.red('Error:')} Prisma schema validation\nError code: P1012\n{body}\n"
        f"Validation Error Count: {len(errors)}\n"
    )


def report_warnings(warnings: list[Diagnostic], files: Mapping[str, str], ctx: Context) -> None:
    if warnings:
        ctx.out.raw_err(render_diagnostics(warnings, files, color=ctx.out.err_style.enabled) + "\n")
