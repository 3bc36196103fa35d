"""parse → format → parse gives the same data model, and format is idempotent, on the corpus."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from refrakt import schema

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "conformance" / "psl-tests"


def corpus_schemas() -> list[tuple[str, str]]:
    if not CORPUS.is_dir():
        return []
    out: list[tuple[str, str]] = []
    for path in sorted(CORPUS.rglob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(case, dict):
            continue
        for key in ("schema", "input", "expected"):
            text = case.get(key)
            if isinstance(text, str):
                out.append((f"{path.relative_to(CORPUS)}:{key}", text))
    return out


SCHEMAS = corpus_schemas()


def test_corpus_is_there() -> None:
    assert len(SCHEMAS) > 900 or not CORPUS.is_dir()


def plain(obj: object) -> object:
    """The IR as plain data; documentation compared by its words.

    Prisma's formatter rewrites ``/* */`` comments into its ``/** * line */`` shape, and Prisma
    keeps such documentation as raw text (stars included), so only the words must survive.
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, object] = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "documentation" and isinstance(value, str):
                value = " ".join(w for line in value.splitlines() for w in line.strip(" */").split())
            out[f.name] = plain(value)
        return out
    if isinstance(obj, Mapping):
        return {k: plain(v) for k, v in obj.items()}  # type: ignore[misc]
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]  # type: ignore[misc]
    return obj


@pytest.mark.parametrize(("name", "text"), SCHEMAS, ids=[n for n, _ in SCHEMAS])
def test_format_is_idempotent(name: str, text: str) -> None:
    """Idempotent on every schema that validates. On some invalid input Prisma's own formatter is
    not (it drops the `=` of a property without a value, and adds a back-relation field without
    the relation's name), and refrakt writes exactly what Prisma writes."""
    once = schema.format(text)
    assert isinstance(once, str)
    if schema.parse(text).errors:
        return
    assert schema.format(once) == once


def test_parse_format_parse_keeps_the_datamodel() -> None:
    checked = 0
    for name, text in SCHEMAS:
        first = schema.parse(text)
        if first.datamodel is None:
            continue
        second = schema.parse(schema.format(text))
        assert plain(second.datamodel) == plain(first.datamodel), name
        checked += 1
    assert checked > 300 or not CORPUS.is_dir()
