"""Diagnostic spans that the upstream sweep found off by a few columns (the highlighted text).

Prisma's renderer colours the diagnostic's span, so the span itself is part of the expected output:
these tests pin the highlighted text of our own small schemas.
"""

from __future__ import annotations

from refrakt.diagnostics import Diagnostic
from refrakt.schema import parse


def highlighted(schema: str, d: Diagnostic) -> str:
    lines = schema.split("\n")
    assert d.line == d.end_line
    return lines[d.line - 1][d.column - 1 : d.end_column - 1]


# --- attribute spans (pest keeps the blanks skipped before an absent optional element) -------------


def test_field_attribute_without_arguments_spans_its_trailing_blanks() -> None:
    schema = "model Pet {\n  id  Int @id\n  tag String @unique   @unique\n}\n"
    found = [d for d in parse(schema).errors if "can only be defined once" in d.message]
    assert [highlighted(schema, d) for d in found] == ["@unique   ", "@unique"]


def test_field_attribute_with_arguments_ends_at_the_parenthesis() -> None:
    schema = 'model Pet {\n  id  Int @id\n  tag String @default("a")  @default("b")\n}\n'
    found = [d for d in parse(schema).errors if "can only be defined once" in d.message]
    assert [highlighted(schema, d) for d in found] == ['@default("a")', '@default("b")']


def test_block_attribute_spans_trailing_blanks_and_comment() -> None:
    schema = "model Pet {\n  id  Int @id\n  @@index([nope])  // no such field\n  @@index([missing])   \n}\n"
    found = [d for d in parse(schema).errors if "unknown fields" in d.message]
    assert [highlighted(schema, d) for d in found] == ["@@index([nope])  // no such field", "@@index([missing])   "]


# --- MySQL SetDefault warning: at the whole `onDelete: SetDefault` argument ------------------------


def test_mysql_set_default_warning_highlights_the_named_argument() -> None:
    schema = (
        'datasource db {\n  provider = "mysql"\n  url = "mysql://x"\n}\n'
        "model Owner {\n  id   Int   @id\n  pets Pet[]\n}\n"
        "model Pet {\n  id      Int    @id\n  ownerId Int?   @default(1)\n"
        "  owner   Owner? @relation(fields: [ownerId], references: [id], onUpdate: SetDefault, onDelete: SetDefault)\n"
        "}\n"
    )
    warnings = [d for d in parse(schema).warnings if "SetDefault" in d.message]
    assert [highlighted(schema, d) for d in warnings] == ["onDelete: SetDefault", "onUpdate: SetDefault"]
