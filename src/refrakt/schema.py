"""Schema tooling from Python (API.md §7): parse, validate and format Prisma schemas.

>>> s = parse('model User {\\n  id Int @id\\n}\\n')
>>> s.diagnostics
[]

``parse`` never raises on bad input: every problem is a :class:`Diagnostic` with its file, line
and column, rendered Prisma's way by ``str(diagnostic)``.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from refrakt.diagnostics import Diagnostic, Diagnostics, SourceFile, render
from refrakt.ir import DataModel, build_datamodel
from refrakt.psl.config import Configuration, load_configuration
from refrakt.psl.db import ParserDatabase, SchemaFile, build_database
from refrakt.psl.parser import parse_schema
from refrakt.psl.validate import ValidationContext, run_validations

__all__ = ["Diagnostic", "Schema", "format", "load_sources", "parse", "validate"]

Source = str | Path | Mapping[str, str]


@dataclass
class Schema:
    """A parsed and validated schema.

    ``diagnostics`` lists warnings then errors (Prisma's order); ``datamodel`` is the IR, or None
    while the schema has errors.
    """

    files: dict[str, str]
    diagnostics: list[Diagnostic]
    database: ParserDatabase = field(repr=False)
    configuration: Configuration | None = field(default=None, repr=False)
    datamodel: DataModel | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def is_valid(self) -> bool:
        return not self.errors


def load_sources(source: Source, *, path: str = "schema.prisma") -> dict[str, str]:
    """Normalise ``source`` (text, a file or folder path, or ``{name: text}``) to ``{name: text}``."""
    if isinstance(source, Mapping):
        return dict(source)
    if isinstance(source, Path):
        if source.is_dir():
            return {p.name: p.read_text(encoding="utf-8") for p in sorted(source.glob("*.prisma"))}
        return {source.name: source.read_text(encoding="utf-8")}
    return {path: source}


def _located(d: Diagnostic, files: list[SchemaFile]) -> Diagnostic:
    f = files[d.span.file_id] if d.span.file_id < len(files) else files[0]
    line, column = f.source.line_col(min(d.span.start, len(f.source.text)))
    end_line, end_column = f.source.line_col(min(d.span.end, len(f.source.text)))
    located = replace(d, file=f.name, line=line, column=column, end_line=end_line, end_column=end_column)
    return replace(located, rendered=render(located, f.source))


def parse(source: Source, *, path: str = "schema.prisma") -> Schema:
    """Parse and validate a schema. Never raises on bad input."""
    # The cyclic garbage collector is paused for the parse. A 200-model schema makes some 150,000
    # small container objects (parse tree, AST, database tables, IR; half of them are the result),
    # none of them garbage the collector could free: reference counting frees the temporaries.
    # Yet the allocations keep triggering collections, and the full ones walk the whole growing
    # heap again and again, a cost that grows faster than the schema (`bench/psl_parse.py`: 14%
    # of the time with 200 models, 45% with 800, 0.75 s instead of 1.36 s). A cycle made meanwhile
    # is collected after the parse, as usual. The previous state is restored, so a caller that
    # disabled the collector keeps it disabled (the switch is process-wide: other threads run
    # with the collector paused meanwhile too).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(source, path)
    finally:
        if was_enabled:
            gc.enable()


def _parse(source: Source, path: str) -> Schema:
    texts = load_sources(source, path=path)
    diagnostics = Diagnostics()
    files: list[SchemaFile] = []
    for file_id, (name, text) in enumerate(texts.items()):
        ast_ = parse_schema(text, diagnostics, file_id)
        files.append(SchemaFile(name, SourceFile(name, text), ast_))
    db = build_database(files, diagnostics)
    configuration = load_configuration([f.ast for f in files], diagnostics)
    run_validations(ValidationContext.create(db, diagnostics, configuration))
    located = [_located(d, files) for d in diagnostics.all()]
    datamodel = None if diagnostics.has_errors else build_datamodel(db, configuration)
    return Schema(texts, located, db, configuration, datamodel)


def validate(source: Source, *, path: str = "schema.prisma") -> list[Diagnostic]:
    """The diagnostics of a schema (warnings first, then errors)."""
    return parse(source, path=path).diagnostics


def format(source: Source, *, path: str = "schema.prisma") -> Any:
    """Format like ``prisma format``: text in, text out; a mapping of files gives a mapping.

    Formatting never raises: a schema that cannot be formatted comes back unchanged.
    """
    try:
        from refrakt.psl.format import format_files, format_schema
    except ImportError:
        return dict(source) if isinstance(source, Mapping) else load_sources(source, path=path)[path]
    if isinstance(source, Mapping):
        files = dict(source)
        try:
            return format_files(files)
        except Exception:
            return files
    text = load_sources(source, path=path)
    only = next(iter(text.values()))
    try:
        out = format_schema(only)
    except Exception:
        return only
    return only if out is None else out
