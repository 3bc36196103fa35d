"""Render diagnostics the way Prisma's ``pretty_print`` does, with or without ANSI colours."""

from __future__ import annotations

from collections.abc import Iterable

from refrakt.diagnostics._diagnostic import Diagnostic
from refrakt.diagnostics._span import SourceFile

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_BLUE = "\x1b[1;94m"
_UNDERLINE = "\x1b[4m"
_SEVERITY_COLOR = {"error": "\x1b[1;91m", "warning": "\x1b[1;93m"}


def _gutter(n: int, color: bool) -> str:
    text = f"{n:2} | " if n > 0 else "   | "
    return f"{_BLUE}{text}{_RESET}" if color else text


def render(diagnostic: Diagnostic, source: SourceFile, *, color: bool = False) -> str:
    """Prisma's rendering of one diagnostic against the text of its file."""
    text = source.text
    span = diagnostic.span
    start = min(span.start, len(text))
    end = min(max(span.end, start), len(text))
    start_line = text.count("\n", 0, start)
    end_line = text.count("\n", 0, end)
    lines = text.split("\n")
    line = lines[start_line]
    line_begin = source.line_col(start)[1] - 1
    start_in_line = line_begin
    end_in_line = min(start_in_line + (end - start), len(line))
    prefix, offending, suffix = line[:start_in_line], line[start_in_line:end_in_line], line[end_in_line:]

    def paint(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    sev = _SEVERITY_COLOR[diagnostic.severity]
    out: list[str] = []
    out.append(f"{paint(sev, diagnostic.severity)}: {paint(_BOLD, diagnostic.message)}")
    out.append(f"  {paint(_BLUE, '-->')}  {paint(_UNDERLINE, f'{diagnostic.file}:{start_line + 1}')}")
    out.append(_gutter(0, color))

    def numbered(n: int) -> str:
        if 0 < n <= len(lines):
            return _gutter(n, color) + lines[n - 1]
        return _gutter(n, color)

    out.append(numbered(start_line))
    out.append(f"{_gutter(start_line + 1, color)}{prefix}{paint(sev, offending)}{suffix}")
    if not offending:
        out.append(f"{_gutter(0, color)}{' ' * start_in_line}{paint(sev, '^ Unexpected token.')}")
    for n in range(start_line + 2, end_line + 2):
        out.append(numbered(n))
    out.append(_gutter(0, color))
    return "\n".join(out) + "\n"


def render_all(diagnostics: Iterable[Diagnostic], sources: dict[str, SourceFile], *, color: bool = False) -> str:
    """Render several diagnostics, each against its own file, one after the other."""
    parts: list[str] = []
    for d in diagnostics:
        src = sources.get(d.file)
        parts.append(render(d, src, color=color) if src is not None else f"{d.severity}: {d.message}\n")
    return "".join(parts)
