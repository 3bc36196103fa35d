"""The output side of the formatter: an indenting line writer and the column-aligning table.

This is Prisma's ``schema-ast`` renderer (``renderer.rs``, ``renderer/table.rs``). A block body is
collected as a :class:`Table` of rows: a *regular* row has columns that are aligned across the
table plus a free *suffix* (an end-of-line comment) that does not influence the layout; an
*interleaved* row is a line of text kept as it is. Column widths are measured in UTF-8 bytes, as
Prisma (Rust ``str::len``) measures them, so non-ASCII text aligns exactly as ``prisma format``
aligns it.
"""

from __future__ import annotations

__all__ = ["Renderer", "Table"]

_COLUMN_SPACING = 1


def _width(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


class Renderer:
    """Accumulates the output text; indents the first write of every line."""

    __slots__ = ("_at_line_start", "_indent", "_indent_width", "_parts")

    def __init__(self, indent_width: int) -> None:
        self._parts: list[str] = []
        self._indent = 0
        self._indent_width = indent_width
        self._at_line_start = True

    def indent_up(self) -> None:
        self._indent += 1

    def indent_down(self) -> None:
        if self._indent > 0:
            self._indent -= 1

    def write(self, text: str) -> None:
        # Prisma indents whenever the stream is empty or ends with a newline.
        if self._at_line_start and self._indent and self._indent_width:
            self._parts.append(" " * (self._indent * self._indent_width))
            self._at_line_start = False
        if text:
            self._parts.append(text)
            self._at_line_start = text.endswith("\n")

    def end_line(self) -> None:
        self._parts.append("\n")
        self._at_line_start = True

    def text(self) -> str:
        return "".join(self._parts)


class _Row:
    """A regular row (``columns`` is a list) or an interleaved line of text (``columns`` is None)."""

    __slots__ = ("columns", "suffix", "text")

    def __init__(self, columns: list[str] | None, text: str = "") -> None:
        self.columns = columns
        self.suffix = ""
        self.text = text


class Table:
    """Rows of a block body, rendered with every column padded to its widest cell."""

    __slots__ = ("_rows",)

    def __init__(self) -> None:
        self._rows: list[_Row] = []

    def start_new_line(self) -> None:
        self._rows.append(_Row([]))

    def interleave(self, text: str) -> None:
        self._rows.append(_Row(None, text))

    def write_column(self, index: int, text: str) -> None:
        """Append ``text`` to column ``index`` of the current row (Prisma's column-locked writer).

        Locking a column truncates or pads the row to ``index + 1`` columns first. On an
        interleaved row, the text is appended to the line.
        """
        row = self._rows[-1]
        columns = row.columns
        if columns is None:
            row.text += text
            return
        if len(columns) > index + 1:
            del columns[index + 1 :]
        while len(columns) < index + 1:
            columns.append("")
        columns[index] += text

    def append_suffix(self, text: str) -> None:
        row = self._rows[-1]
        if row.columns is None:  # Prisma panics here; no grammar path leads to it.
            row.text += text
        else:
            row.suffix += text

    def render(self, target: Renderer) -> None:
        rows = self._rows
        widths: list[int] = []
        for row in rows:
            columns = row.columns
            if columns is None:
                continue
            while columns and columns[-1] == "":
                columns.pop()
            for i, col in enumerate(columns):
                w = _width(col)
                if i == len(widths):
                    widths.append(w)
                elif w > widths[i]:
                    widths[i] = w
        for row in rows:
            columns = row.columns
            if columns is None:
                target.write(row.text)
            else:
                last = len(columns) - 1
                for i, col in enumerate(columns):
                    target.write(col)
                    if i != last:
                        target.write(" " * (widths[i] - _width(col) + _COLUMN_SPACING))
                if row.suffix:
                    if columns:
                        target.write(" ")
                    target.write(row.suffix)
            target.end_line()
        self._rows = []
