"""Spans: half-open ranges of character offsets into one source file."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import NamedTuple


class Span(NamedTuple):
    """A half-open range ``[start, end)`` of character offsets in file ``file_id``.

    A named tuple rather than a frozen dataclass: the parser creates one per node, and tuples
    are several times cheaper to build.
    """

    start: int
    end: int
    file_id: int = 0

    def contains(self, offset: int) -> bool:
        return self.start <= offset <= self.end

    @staticmethod
    def empty() -> Span:
        return Span(0, 0, 0)


@dataclass(frozen=True)
class SourceFile:
    """A named schema file and its text, with a line index for offset → (line, column)."""

    name: str
    text: str
    _line_starts: list[int] = field(default_factory=list[int], compare=False, repr=False)

    def __post_init__(self) -> None:
        # Lines are split on "\n" only, as Prisma does ("\r" stays part of the line).
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts.extend(starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a character offset."""
        idx = bisect.bisect_right(self._line_starts, offset) - 1
        return idx + 1, offset - self._line_starts[idx] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        starts = self._line_starts
        if line < 1 or line > len(starts):
            return ""
        begin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[begin:end].removesuffix("\n")

    @property
    def line_count(self) -> int:
        return len(self._line_starts)
