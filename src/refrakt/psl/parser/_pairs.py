"""The concrete syntax tree: rule-tagged spans, as a PEG parser produces them.

The grammar is Prisma's (``schema-ast``'s pest grammar), so a :class:`Pair` tree has the
same rule names and spans as Prisma's parse tree. The AST builder and the formatter both
read it: the formatter needs what the AST drops (comments, blank lines, raw text).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(slots=True)
class Pair:
    """A matched grammar rule: its name, the span ``[start, end)`` of ``src`` and its children."""

    rule: str
    start: int
    end: int
    src: str = field(repr=False)
    children: list[Pair] = field(default_factory=list["Pair"])

    @property
    def text(self) -> str:
        return self.src[self.start : self.end]

    def __iter__(self) -> Iterator[Pair]:
        return iter(self.children)

    def first(self, rule: str) -> Pair | None:
        for child in self.children:
            if child.rule == rule:
                return child
        return None

    def walk(self) -> Iterator[Pair]:
        """This pair and all its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()
