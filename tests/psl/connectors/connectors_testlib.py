"""Helpers for the connector tests: parse a schema and pull out what the connector rules need."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from refrakt.diagnostics import Diagnostics, SourceFile
from refrakt.psl import ast
from refrakt.psl.connectors import (
    EMPTY_CONNECTOR,
    Connector,
    ScalarType,
    get_connector,
    validate_native_type_attribute,
)
from refrakt.psl.parser import parse_schema

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "conformance" / "psl-tests"


@dataclass(frozen=True)
class Datasource:
    name: str
    provider: str
    connector: Connector


def parse(text: str) -> ast.SchemaAst:
    diagnostics = Diagnostics()
    schema = parse_schema(text, diagnostics)
    assert not diagnostics.errors, diagnostics.errors
    return schema


def datasource(schema: ast.SchemaAst) -> Datasource | None:
    for source in schema.sources:
        for prop in source.properties:
            if prop.name.name == "provider" and isinstance(prop.value, ast.StringValue):
                connector = get_connector(prop.value.value)
                if connector is not None:
                    return Datasource(source.name.name, prop.value.value, connector)
    return None


def native_attribute(f: ast.Field) -> ast.Attribute | None:
    """The field's datasource-scoped attribute (the last one, as Prisma keeps it)."""
    found = [a for a in f.attributes if "." in a.name.name]
    return found[-1] if found else None


def builtin_fields(schema: ast.SchemaAst) -> list[ast.Field]:
    """Fields of models, views and composite types whose type is a built-in scalar."""
    out: list[ast.Field] = []
    for top in schema.tops:
        if isinstance(top, ast.Model | ast.CompositeType):
            out.extend(f for f in top.fields if ScalarType.parse(f.type_name) is not None)
    return out


def native_type_messages(text: str) -> list[tuple[str, int]]:
    """(message, line) of every native type attribute problem in a schema, as our validation reports them."""
    schema = parse(text)
    ds = datasource(schema)
    connector = EMPTY_CONNECTOR if ds is None else ds.connector
    diagnostics = Diagnostics()
    for f in builtin_fields(schema):
        attribute = native_attribute(f)
        if attribute is not None:
            validate_native_type_attribute(
                connector, attribute, f.type_name, diagnostics, datasource_name=None if ds is None else ds.name
            )
    source = SourceFile("schema.prisma", text)
    return [(d.message, source.line_col(d.span.start)[0]) for d in diagnostics.errors]


def corpus_cases(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (CORPUS / folder).rglob("*.json"))


def load(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text())
    return data


# --- indexes and primary keys, read straight from the AST ---------------------------------------------


@dataclass(frozen=True)
class IndexedField:
    field: ast.Field
    length: bool
    ops: str | None
    raw_ops: bool


@dataclass(frozen=True)
class Key:
    kind: str
    """``id``, ``unique``, ``index`` or ``fulltext``."""
    attribute: ast.Attribute
    attribute_name: str
    fields: list[IndexedField]
    algorithm: str | None


def _field_list_items(attribute: ast.Attribute) -> list[ast.Expression]:
    for arg in attribute.arguments.arguments:
        if arg.name is None or arg.name.name == "fields":
            return list(arg.value.items) if isinstance(arg.value, ast.Array) else [arg.value]
    return []


def _named(arguments: ast.ArgumentsList, name: str) -> ast.Expression | None:
    for arg in arguments.arguments:
        if arg.name is not None and arg.name.name == name:
            return arg.value
    return None


def _indexed(item: ast.Expression, fields: dict[str, ast.Field]) -> IndexedField | None:
    if isinstance(item, ast.ConstantValue):
        f = fields.get(item.value)
        return None if f is None else IndexedField(f, False, None, False)
    if isinstance(item, ast.Function):
        f = fields.get(item.name)
        if f is None:
            return None
        ops = _named(item.arguments, "ops")
        return IndexedField(
            f,
            _named(item.arguments, "length") is not None,
            ops.value if isinstance(ops, ast.ConstantValue) else None,
            isinstance(ops, ast.Function),
        )
    return None


def model_keys(model: ast.Model) -> list[Key]:
    fields = {f.name.name: f for f in model.fields}
    keys: list[Key] = []
    for f in model.fields:
        for a in f.attributes:
            if a.name.name in ("id", "unique"):
                length = _named(a.arguments, "length") is not None
                keys.append(Key(a.name.name, a, f"@{a.name.name}", [IndexedField(f, length, None, False)], None))
    for a in model.attributes:
        kind = a.name.name
        if kind not in ("id", "unique", "index", "fulltext"):
            continue
        items = [_indexed(i, fields) for i in _field_list_items(a)]
        algo = _named(a.arguments, "type")
        keys.append(
            Key(
                kind,
                a,
                f"@@{kind}",
                [i for i in items if i is not None],
                algo.value if isinstance(algo, ast.ConstantValue) else None,
            )
        )
    return keys
