"""Random and mutated schemas never raise: every problem becomes a diagnostic."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refrakt import schema

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "conformance" / "psl-tests"

SEED = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    Int     @id @default(autoincrement())
  email String  @unique
  posts Post[]
  role  Role    @default(USER)
}

model Post {
  id       Int  @id
  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)
  authorId Int
  @@index([authorId])
}

enum Role {
  USER
  ADMIN
}
"""

TOKENS = [
    "model",
    "enum",
    "type",
    "view",
    "datasource",
    "generator",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "@",
    "@@",
    "@id",
    "@default(",
    "@relation(",
    "fields:",
    "references:",
    ",",
    ":",
    "=",
    '"',
    "\\",
    "//",
    "///",
    "/*",
    "*/",
    "\n",
    "\r\n",
    " ",
    "\t",
    "?",
    "!",
    "[]",
    "Int",
    "String",
    "User",
    "env(",
    "-1",
    "3.14",
    "é",
    "\u0000",
]


def _check(text: str) -> None:
    parsed = schema.parse(text)
    for d in parsed.diagnostics:
        assert d.severity in ("error", "warning")
        assert d.line >= 1 and d.column >= 1
        assert str(d)
    formatted = schema.format(text)
    assert isinstance(formatted, str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=80))
def test_token_soup(tokens: list[str]) -> None:
    _check(" ".join(tokens))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_schema(data: st.DataObject) -> None:
    text = SEED
    for _ in range(data.draw(st.integers(1, 5))):
        pos = data.draw(st.integers(0, len(text)))
        op = data.draw(st.sampled_from(["delete", "insert", "swap"]))
        if op == "delete":
            end = data.draw(st.integers(pos, min(len(text), pos + 10)))
            text = text[:pos] + text[end:]
        elif op == "insert":
            text = text[:pos] + data.draw(st.sampled_from(TOKENS)) + text[pos:]
        else:
            other = data.draw(st.integers(0, len(text)))
            a, b = sorted((pos, other))
            text = text[:a] + text[b:] + text[a:b]
    _check(text)


def test_every_corpus_schema_parses_without_exception() -> None:
    if not CORPUS.is_dir():
        return
    count = 0
    for path in sorted(CORPUS.rglob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(case, dict):
            continue
        texts: list[str] = []
        if "schema" in case:
            texts.append(case["schema"])
        for key in ("input", "expected"):
            value = case.get(key)
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, list):
                texts.extend(f["text"] for f in value if isinstance(f, dict) and "text" in f)
        for text in texts:
            _check(text)
            count += 1
    assert count > 800
