"""Property checks on generated schemas: formatting never raises and is idempotent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refrakt.psl.format import format_schema

_space = st.sampled_from(["", " ", "  ", "\t", "    "])
_newline = st.sampled_from(["\n", "\r\n", "\n\n", "\n  \n"])
_comment = st.sampled_from(["", " // note", " /// doc", " /* c */"])
_scalar = st.sampled_from(["Int", "String", "String?", "Int[]", "DateTime", "Boolean?", "Json", "Decimal"])
_attribute = st.sampled_from(
    ["", "@id", "@unique", "@default(1)", '@map("x")', "@updatedAt", "@db.VarChar(20)", "@default( now( ) )"]
)
_ident = st.from_regex(r"[a-z][a-zA-Z0-9_]{0,8}", fullmatch=True)


@st.composite
def _field(draw: st.DrawFn, models: list[str]) -> str:
    kind = draw(st.one_of(_scalar, st.sampled_from([m + s for m in models for s in ("", "?", "[]")])))
    attrs = " ".join(draw(st.lists(_attribute, max_size=3)))
    return f"{draw(_space)}{draw(_ident)}{draw(_space)} {kind} {attrs}{draw(_comment)}"


@st.composite
def _schema(draw: st.DrawFn) -> str:
    models = draw(st.lists(st.from_regex(r"[A-Z][a-z]{1,6}", fullmatch=True), min_size=1, max_size=4, unique=True))
    parts: list[str] = []
    if draw(st.booleans()):
        parts.append('datasource db {\n  provider = "postgresql"\n url = env("X") // u\n}')
    for name in models:
        lines = [f"model {name} {{", f"  id Int @id{draw(_comment)}"]
        lines += draw(st.lists(_field(models), max_size=5))
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(['  @@map("t")', "  // c\n  @@index([id])", "@@unique([id]) // u"])))
        lines.append("}")
        parts.append(draw(_newline).join(lines))
    if draw(st.booleans()):
        parts.append('enum Kind {\n  A @map("a")\n  BB // b\n\n  @@map("k")\n}')
    return draw(_newline).join(parts)


@settings(max_examples=150, deadline=None)
@given(_schema())
def test_formatting_is_idempotent(schema: str) -> None:
    once = format_schema(schema)
    assert once is not None
    assert format_schema(once) == once
