"""Focused checks of the formatter's rules: table layout, comments, line endings, magic gating, names."""

from __future__ import annotations

import pytest

from refrakt.psl.format import format_files, format_schema, reformat_layout
from refrakt.psl.format._inflect import to_camel_case, to_plural
from refrakt.psl.format._magic import missing_bits
from refrakt.psl.format._table import Renderer, Table


def test_empty_schema_is_a_single_newline() -> None:
    assert format_schema("") == "\n"
    assert format_schema("\n\n  \n") == "\n"


def test_final_newline_is_added_once() -> None:
    assert format_schema("// a") == "// a\n"
    assert format_schema("// a\n\n\n") == "// a\n"


def test_crlf_input_comes_out_with_lf() -> None:
    assert format_schema("model A {\r\n  id Int @id\r\n}\r\n") == "model A {\n  id Int @id\n}\n"


def test_verbatim_lines_keep_their_carriage_return() -> None:
    # A line the grammar cannot read is written back as it was, "\r" included.
    assert format_schema("model A {\r\n  id Int @id\r\n  ???\r\n}\r\n") == "model A {\n  id Int @id\n  ???\r\n}\n"


def test_comment_on_the_block_opening_line_is_dropped() -> None:
    # Prisma's grammar swallows the rest of the `{` line into BLOCK_OPEN.
    assert format_schema("model A { // gone\n  id Int @id\n}\n") == "model A {\n  id Int @id\n}\n"


def test_trailing_whitespace_in_comments_is_kept() -> None:
    assert format_schema("model A {\n  id Int @id //  spaced  \n}\n") == "model A {\n  id Int @id //  spaced  \n}\n"


def test_enum_value_attributes_share_one_column_without_separator() -> None:
    # Prisma's quirk: every attribute of an enum value goes into the same column, glued together.
    assert format_schema('enum E {\n  A @map("a") @x\n}\n') == 'enum E {\n  A @map("a")@x\n}\n'


def test_field_attributes_are_sorted_stably() -> None:
    source = 'model A {\n  id Int @map("x") @db.Int @default(1) @id @other\n}\n'
    assert format_schema(source) == 'model A {\n  id Int @id @default(1) @map("x") @db.Int @other\n}\n'


def test_indent_width_is_honoured() -> None:
    assert format_schema("model A {\nid Int @id\n}\n", indent_width=4) == "model A {\n    id Int @id\n}\n"


def test_key_without_value_keeps_only_the_key() -> None:
    assert reformat_layout('generator g {\n  provider = "x"\n  output =\n}\n') == (
        'generator g {\n  provider = "x"\n  output\n}\n'
    )


def test_table_measures_utf8_bytes_and_ignores_suffixes() -> None:
    table = Table()
    for name, kind in (("é", "Int"), ("ab", "String")):
        table.start_new_line()
        table.write_column(0, name)
        table.write_column(1, kind)
        table.append_suffix("// c")
    renderer = Renderer(2)
    table.render(renderer)
    # "é" is two bytes in UTF-8, as wide as "ab".
    assert renderer.text() == "é Int // c\nab String // c\n"


def test_table_drops_trailing_empty_columns_and_keeps_empty_rows() -> None:
    table = Table()
    table.start_new_line()
    table.write_column(0, "a")
    table.write_column(2, "")
    table.start_new_line()
    table.interleave("verbatim")
    renderer = Renderer(2)
    renderer.indent_up()
    table.render(renderer)
    assert renderer.text() == "  a\n\n  verbatim\n"


@pytest.mark.parametrize(
    ("name", "camel"),
    [
        ("User", "user"),
        ("PostableEntity", "postableEntity"),
        ("user_profile", "userProfile"),
        ("Post2", "post2"),
        ("HTTPRequest", "httprequest"),
        ("OhWhatAUser", "ohWhatAUser"),
        ("already-kebab", "alreadyKebab"),
    ],
)
def test_camel_case_is_cruets(name: str, camel: str) -> None:
    assert to_camel_case(name) == camel


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("user", "users"),
        ("category", "categories"),
        ("person", "people"),
        ("address", "addresses"),
        ("box", "boxes"),
        ("sheep", "sheep"),
        ("knife", "knives"),
        ("ox", "oxen"),
        ("status", "statuses"),
        ("child", "children"),
        ("datum", "data"),
        ("post2", "post2s"),
        ("bus", "buses"),
        ("news", "news"),
        ("money", "money"),
    ],
)
def test_plurals_are_cruets(word: str, plural: str) -> None:
    assert to_plural(word) == plural


RELATED = "model User {\n  id Int @id\n  posts Post[]\n}\n\nmodel Post {\n  id Int @id\n}\n"


def test_magic_adds_the_forward_side() -> None:
    assert missing_bits([RELATED]) == {
        0: [
            (len(RELATED) - 2, "user User? @relation(fields: [userId], references: [id])\n"),
            (len(RELATED) - 2, "userId Int? \n"),
        ]
    }


@pytest.mark.parametrize(
    "broken",
    [
        RELATED.replace("id Int @id\n}", "id Int @id\n  kind Kind\n}"),  # unknown type
        RELATED + "model Bad {\n",  # a syntax error elsewhere
        RELATED.replace("posts Post[]", "posts Post[] @relation(fields: [nope])"),  # unknown field
    ],
)
def test_magic_needs_a_schema_without_errors(broken: str) -> None:
    assert missing_bits([broken]) == {}
    assert "@relation(fields: [userId]" not in (format_schema(broken) or "")


def test_relations_across_files() -> None:
    files = {
        "a.prisma": "model User {\n  id Int @id\n  posts Post[]\n}\n",
        "b.prisma": "model Post {\n  id Int @id\n}\n",
    }
    assert format_files(files) == {
        "a.prisma": "model User {\n  id    Int    @id\n  posts Post[]\n}\n",
        "b.prisma": (
            "model Post {\n  id     Int   @id\n  user   User? @relation(fields: [userId], references: [id])\n"
            "  userId Int?\n}\n"
        ),
    }


def test_missing_relation_arguments_are_completed_in_place() -> None:
    source = (
        "model User {\n  id Int @id\n  posts Post[]\n}\n\n"
        "model Post {\n  id Int @id\n  userId Int\n  user User @relation(onDelete: Cascade)\n}\n"
    )
    out = format_schema(source)
    assert out is not None
    assert "user   User @relation(onDelete: Cascade, fields: [userId], references: [id])\n" in out


def test_formatting_never_raises_on_garbage() -> None:
    for text in ("}}}", "model {", "@@", "model A {\n  @\n}", "/* unterminated", "\x00\x01", "type = ="):
        out = format_schema(text)
        assert out is not None and out.endswith("\n")


def test_magic_is_skipped_when_the_database_fails(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import refrakt.psl.db

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database bug")

    monkeypatch.setattr(refrakt.psl.db, "build_database", broken)
    assert missing_bits([RELATED]) == {}
    assert "relation completion skipped" in caplog.text
