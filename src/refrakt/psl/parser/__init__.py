"""The schema parser: text → parse tree (:mod:`._grammar`) → AST (:mod:`._build`)."""

from __future__ import annotations

from refrakt.diagnostics import Diagnostics
from refrakt.psl.ast import SchemaAst
from refrakt.psl.parser._build import AstBuilder
from refrakt.psl.parser._grammar import Grammar
from refrakt.psl.parser._pairs import Pair

__all__ = ["Pair", "parse_schema", "parse_tree"]


def parse_tree(text: str) -> Pair:
    """The concrete parse tree of a schema text (never fails; bad lines become catch-all pairs)."""
    return Grammar(text).schema()


def parse_schema(text: str, diagnostics: Diagnostics, file_id: int = 0) -> SchemaAst:
    """Parse one schema file into its AST, recording syntax errors in ``diagnostics``."""
    return AstBuilder(diagnostics, file_id).schema(parse_tree(text))
