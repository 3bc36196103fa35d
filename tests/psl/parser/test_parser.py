"""Parser unit tests: the parse tree follows Prisma's grammar, the AST carries spans and docs."""

from __future__ import annotations

from refrakt.diagnostics import Diagnostics
from refrakt.psl import ast
from refrakt.psl.parser import parse_schema, parse_tree

SCHEMA = """/// A user of the app.
model User {
  /// The primary key
  id    Int     @id @default(autoincrement()) // trailing note
  email String? @unique @db.VarChar(255)
  posts Post[]

  @@index([email(sort: Desc)], map: "user_email")
  @@map("users")
}

enum Role {
  USER  @map("user")
  ADMIN
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}
"""


def parse(text: str) -> tuple[ast.SchemaAst, Diagnostics]:
    diags = Diagnostics()
    return parse_schema(text, diags), diags


def test_tops_and_fields() -> None:
    schema, diags = parse(SCHEMA)
    assert not diags.errors
    model, enum, source = schema.tops
    assert isinstance(model, ast.Model) and model.name.name == "User"
    assert [f.name.name for f in model.fields] == ["id", "email", "posts"]
    assert [f.arity for f in model.fields] == [ast.FieldArity.REQUIRED, ast.FieldArity.OPTIONAL, ast.FieldArity.LIST]
    assert isinstance(enum, ast.Enum) and [v.name.name for v in enum.values] == ["USER", "ADMIN"]
    assert isinstance(source, ast.SourceConfig) and source.properties[1].name.name == "url"


def test_documentation_is_kept_on_nodes() -> None:
    schema, _ = parse(SCHEMA)
    model = schema.models[0]
    assert model.documentation == ast.Comment("A user of the app.")
    assert model.fields[0].documentation == ast.Comment("The primary key")


def test_attribute_arguments() -> None:
    schema, _ = parse(SCHEMA)
    model = schema.models[0]
    index = model.attributes[0]
    assert index.name.name == "index"
    first, named = index.arguments.arguments
    assert first.name is None and isinstance(first.value, ast.Array)
    call = first.value.items[0]
    assert isinstance(call, ast.Function) and call.name == "email"
    assert named.name is not None and named.name.name == "map"
    assert isinstance(named.value, ast.StringValue) and named.value.value == "user_email"
    native = model.fields[1].attributes[1]
    assert native.name.name == "db.VarChar"
    assert isinstance(native.arguments.arguments[0].value, ast.NumericValue)


def test_spans_point_into_the_source() -> None:
    schema, _ = parse(SCHEMA)
    field = schema.models[0].fields[1]
    assert SCHEMA[field.name.span.start : field.name.span.end] == "email"
    attr = field.attributes[0]
    # like pest: an attribute without arguments keeps the blanks skipped before the absent `(...)`
    assert SCHEMA[attr.span.start : attr.span.end] == "@unique "
    native = field.attributes[1]
    assert SCHEMA[native.span.start : native.span.end] == "@db.VarChar(255)"


def test_parse_tree_uses_prisma_rule_names() -> None:
    tree = parse_tree(SCHEMA)
    rules = [p.rule for p in tree.children]
    assert rules[:3] == ["comment_block", "model_declaration", "empty_lines"]
    model = tree.children[1]
    assert [c.rule for c in model.children] == [
        "MODEL_KEYWORD",
        "identifier",
        "BLOCK_OPEN",
        "model_contents",
        "BLOCK_CLOSE",
    ]


def test_one_bad_line_gives_one_diagnostic_and_the_rest_parses() -> None:
    text = "model A {\n  id Int @id\n  ??? nonsense\n  name String\n}\n"
    schema, diags = parse(text)
    assert len(diags.errors) == 1
    assert diags.errors[0].message == "Error validating: This line is not a valid field or attribute definition."
    assert [f.name.name for f in schema.models[0].fields] == ["id", "name"]


def test_string_escapes() -> None:
    schema, diags = parse('model A {\n  id String @id @default("a\\"b\\n\\u00e9\\ud83d\\ude00")\n}\n')
    assert not diags.errors
    value = schema.models[0].fields[0].attributes[1].arguments.arguments[0].value
    assert isinstance(value, ast.StringValue) and value.value == 'a"b\né😀'


def test_crlf_and_views_and_composite_types() -> None:
    text = "view V {\r\n  id Int @unique\r\n}\r\n\r\ntype Address {\r\n  street String\r\n}\r\n"
    schema, diags = parse(text)
    assert not diags.errors
    view = schema.tops[0]
    assert isinstance(view, ast.Model) and view.is_view
    assert isinstance(schema.tops[1], ast.CompositeType) and schema.tops[1].fields[0].name.name == "street"


def test_multi_line_comments_are_documentation() -> None:
    text = "model A {\n  /**\n   * Doc for b.\n   */\n  b Int @id\n}\n"
    schema, diags = parse(text)
    assert not diags.errors
    doc = schema.models[0].fields[0].documentation
    assert doc is not None and "Doc for b." in doc.text


def test_unsupported_type() -> None:
    schema, diags = parse('model A {\n  id Int @id\n  g Unsupported("circle")?\n}\n')
    assert not diags.errors
    ft = schema.models[0].fields[1].field_type
    assert isinstance(ft, ast.UnsupportedType) and ft.type_name == "circle"
