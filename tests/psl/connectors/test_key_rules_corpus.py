"""Key and index rules (native types in keys, index algorithms, operator classes) against the corpus.

Indexes and primary keys are read straight from the AST; their fields' native types are parsed
with the connector; the rules' messages must equal the expected ones of these families.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from connectors_testlib import (
    CORPUS,
    Key,
    corpus_cases,
    datasource,
    load,
    model_keys,
    native_attribute,
    parse,
)

from refrakt.diagnostics import SourceFile, Span
from refrakt.psl import ast
from refrakt.psl.connectors import (
    Connector,
    IndexAlgorithm,
    IndexField,
    KeyField,
    NativeTypeInstance,
    ScalarType,
    index_native_type_violation,
    parse_native_type,
    primary_key_native_type_violation,
    split_native_type_attribute,
)

_FAMILIES = (
    "You cannot define an index on fields with native type",
    "Native type `",
    "Invalid model: Using Bytes type",
    'Error parsing attribute "@@index": The given operator class',
    'Error parsing attribute "@@index": The Gin index type',
    'Error parsing attribute "@@index": The SpGist index type',
    'Error parsing attribute "@@index": The Brin index type',
    'Error parsing attribute "@@index": The Gist index type',
    'Error parsing attribute "@@index": SpGist does not support',
    'Error parsing attribute "@@index": Custom operator classes',
    'Error parsing attribute "@@index": A `Json` column',
)
_PROVIDERS = ("postgresql", "postgres", "mysql", "sqlserver", "cockroachdb")


def _ours(message: str) -> bool:
    return message.startswith(_FAMILIES)


def _cases() -> list[Path]:
    out: list[Path] = []
    for path in corpus_cases("validation", "validation_inline"):
        case = load(path)
        schema = case["schema"]
        assert isinstance(schema, str)
        if not any(f'"{p}"' in schema for p in _PROVIDERS):
            continue
        if not any(word in schema for word in ("@id", "@unique", "@@index", "@@id", "@@unique", "@@fulltext")):
            continue
        diags: list[dict[str, Any]] = case["diagnostics"]  # type: ignore[assignment]
        if case["expect"] == "valid" or any(_ours(d["message"]) for d in diags):
            out.append(path)
    return out


CASES = _cases()


def _native(connector: Connector, f: ast.Field) -> NativeTypeInstance | None:
    attribute = native_attribute(f)
    if attribute is None or ScalarType.parse(f.type_name) is None:
        return None
    parts = split_native_type_attribute(attribute)
    assert parts is not None
    return parse_native_type(connector, parts[1], parts[2])


def _scalar(f: ast.Field) -> str | None:
    return f.type_name if ScalarType.parse(f.type_name) else None


def _messages(schema_text: str) -> list[tuple[str, int]]:
    schema = parse(schema_text)
    ds = datasource(schema)
    assert ds is not None
    connector = ds.connector
    out: list[tuple[str, Span]] = []
    for model in schema.models:
        for key in model_keys(model):
            out.extend(_key_messages(connector, key))
    source = SourceFile("schema.prisma", schema_text)
    return [(m, source.line_col(span.start)[0]) for m, span in out]


def _key_messages(connector: Connector, key: Key) -> list[tuple[str, Span]]:
    out: list[tuple[str, Span]] = []
    key_fields = [
        KeyField(
            _native(connector, i.field), i.field.type_name if ScalarType.parse(i.field.type_name) else None, i.length
        )
        for i in key.fields
    ]
    if key.kind == "id":
        violation = primary_key_native_type_violation(connector, key_fields)
    else:
        violation = index_native_type_violation(
            connector, key_fields, unique=key.kind == "unique", fulltext=key.kind == "fulltext"
        )
    if violation is not None:
        span = key.fields[violation.field_index].field.span if violation.at_field else key.attribute.span
        out.append((violation.message, span))
    if key.kind == "index":
        index_fields = [
            IndexField(
                name=i.field.name.name,
                scalar_type=_scalar(i.field),
                native_type=_native(connector, i.field),
                is_list=i.field.arity.is_list,
                operator_class=i.ops,
                raw_operator_class=i.raw_ops,
                is_unsupported=isinstance(i.field.field_type, ast.UnsupportedType),
            )
            for i in key.fields
        ]
        algorithm = None if key.algorithm is None else IndexAlgorithm.parse(key.algorithm)
        for message in connector.index_errors(algorithm, index_fields, key.attribute_name):
            out.append((message, key.attribute.span))
    return out


def test_the_corpus_has_key_rule_cases() -> None:
    with_errors = [p for p in CASES if load(p)["expect"] == "errors"]
    assert len(with_errors) >= 40


@pytest.mark.parametrize("path", CASES, ids=[str(p.relative_to(CORPUS)) for p in CASES])
def test_key_rule_messages_match_prisma(path: Path) -> None:
    case = load(path)
    schema = case["schema"]
    assert isinstance(schema, str)
    diags: list[dict[str, Any]] = case["diagnostics"]  # type: ignore[assignment]
    expected = Counter((d["message"], d["line"]) for d in diags if d["severity"] == "error" and _ours(d["message"]))
    assert Counter(_messages(schema)) == expected
