"""``refrakt format``: Prisma's schema formatter, byte for byte (``psl::reformat``).

Two layers, as in Prisma:

1. :mod:`._magic` ("magic reformat", ``psl_core::reformat``) computes what a valid schema's
   relations are missing — back-relation fields, ``@relation(fields, references)`` arguments,
   underlying scalar fields — as text insertions into the source. It does nothing when the
   schema has parse or resolution errors.
2. :mod:`._layout` re-renders the (enriched) parse tree — alignment, comments, blank lines,
   attribute order — as ``schema_ast::reformat`` does.

Formatting is a pure function of the text; ``format(format(x)) == format(x)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from refrakt.psl.format._layout import reformat_layout
from refrakt.psl.format._magic import MissingBit, missing_bits

__all__ = ["format_files", "format_schema", "reformat_layout"]


def format_schema(text: str, indent_width: int = 2) -> str | None:
    """The formatted schema, or None when it cannot be formatted (Prisma's ``reformat``)."""
    return _format_sources([text], indent_width)[0]


def format_files(files: Mapping[str, str], indent_width: int = 2) -> dict[str, str]:
    """Format the files of a (multi-file) schema together: relations may span files.

    A file that cannot be formatted comes back unchanged.
    """
    names = list(files)
    sources = [files[name] for name in names]
    formatted = _format_sources(sources, indent_width)
    return {
        name: out if out is not None else source for name, source, out in zip(names, sources, formatted, strict=True)
    }


def _format_sources(sources: Sequence[str], indent_width: int) -> list[str | None]:
    try:
        bits = missing_bits(sources)
    except Exception:  # a bug in relation inference must not stop the layout
        bits = {}
    out: list[str | None] = []
    for file_id, source in enumerate(sources):
        try:
            out.append(reformat_layout(_enrich(source, bits.get(file_id, [])), indent_width))
        except Exception:
            out.append(None)
    return out


def _enrich(source: str, bits: list[MissingBit]) -> str:
    """``source`` with each ``(offset, text)`` inserted; equal offsets keep their order."""
    if not bits:
        return source
    parts: list[str] = []
    last = 0
    for position, content in sorted(bits, key=lambda bit: bit[0]):
        parts.append(source[last:position])
        parts.append(content)
        last = position
    parts.append(source[last:])
    return "".join(parts)
