"""The pure part of ``describe``: catalogue rows into a ``SqlSchema``, and ``comparable``.

No server: rows are written as each database returns them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from refrakt.migrate import (
    Column,
    ColumnType,
    DefaultValue,
    Enum,
    ForeignKey,
    Index,
    IndexColumn,
    NativeType,
    PrimaryKey,
    SqlSchema,
    Table,
)
from refrakt.migrate.describers import GENERATED, comparable, differences, mysql, postgres, sqlite

# --- SQLite -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "family", "expected"),
    [
        (None, "String", None),
        ("NULL", "String", None),
        ("'it''s'", "String", DefaultValue("value", "it's", "String")),
        ("-12", "Int", DefaultValue("value", -12, "Int")),
        ("1.5", "Float", DefaultValue("value", 1.5, "Float")),
        ("true", "Boolean", DefaultValue("value", True, "Boolean")),
        ("CURRENT_TIMESTAMP", "DateTime", DefaultValue("now")),
        ("'74657374'", "Bytes", DefaultValue("value", "dGVzdA==", "Bytes")),
        ("(1 + 1)", "Int", DefaultValue("dbgenerated", "(1 + 1)")),
        ("lower('A')", "String", DefaultValue("dbgenerated", "lower('A')")),
        ("'a' || 'b'", "String", DefaultValue("dbgenerated", "'a' || 'b'")),
    ],
)
def test_sqlite_defaults(text: str | None, family: str, expected: DefaultValue | None) -> None:
    assert sqlite.parse_default(text, family) == expected


def test_sqlite_types() -> None:
    assert sqlite.column_type("INTEGER", False) == ColumnType("Int")
    assert sqlite.column_type("JSONB", True) == ColumnType("Json", "nullable")
    assert sqlite.column_type("VARCHAR(3)", False) == ColumnType("String")
    assert sqlite.column_type("POINT", False) == ColumnType("Unsupported", description="POINT")


SQLITE_ROWS = {
    "tables": [
        ("table", "A", 'CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "n" TEXT)'),
        (
            "table",
            "B",
            'CREATE TABLE "B" ("x" BIGINT NOT NULL, "y" TEXT NOT NULL, "a" INTEGER,\n PRIMARY KEY ("x", "y"),\n'
            ' CONSTRAINT "B_a_fkey" FOREIGN KEY ("a") REFERENCES "A" ("id") ON DELETE SET NULL ON UPDATE CASCADE)',
        ),
        ("view", "V", 'CREATE VIEW "V" AS SELECT 1'),
    ],
    "columns": [
        ("A", 0, "id", "INTEGER", 1, None, 1),
        ("A", 1, "n", "TEXT", 0, "'x'", 0),
        ("B", 0, "x", "BIGINT", 1, None, 1),
        ("B", 1, "y", "TEXT", 1, None, 2),
        ("B", 2, "a", "INTEGER", 0, None, 0),
    ],
    "indexes": [
        ("A", "A_n_key", 1, "c", 0, "n", 0),
        ("B", "sqlite_autoindex_B_1", 1, "pk", 0, "x", 0),
        ("B", "B_a_y_idx", 0, "c", 0, "a", 1),
        ("B", "B_a_y_idx", 0, "c", 1, "y", 0),
    ],
    "foreign_keys": [("B", 0, 0, "A", "a", "id", "CASCADE", "SET NULL")],
}


def test_sqlite_build() -> None:
    schema = sqlite.build(SQLITE_ROWS)
    a, b = schema.tables
    assert a.columns == (
        Column("id", ColumnType("Int"), None, True),
        Column("n", ColumnType("String", "nullable"), DefaultValue("value", "x", "String")),
    )
    assert a.primary_key == PrimaryKey((IndexColumn("id"),))
    assert a.indexes == (Index("A_n_key", "unique", (IndexColumn("n"),)),)
    assert b.primary_key == PrimaryKey((IndexColumn("x"), IndexColumn("y")))
    assert not any(c.autoincrement for c in b.columns)
    assert b.indexes == (Index("B_a_y_idx", "normal", (IndexColumn("a", "Desc"), IndexColumn("y"))),)
    assert b.foreign_keys == (ForeignKey("B_a_fkey", ("a",), "A", ("id",), "SetNull", "Cascade"),)
    assert [v.name for v in schema.views] == ["V"]


# --- PostgreSQL -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typname", "typmod", "expected"),
    [
        ("int4", -1, ("Int", NativeType("Integer"))),
        ("varchar", 259, ("String", NativeType("VarChar", (255,)))),
        ("varchar", -1, ("String", NativeType("VarChar"))),
        ("numeric", (65 << 16 | 30) + 4, ("Decimal", NativeType("Decimal", (65, 30)))),
        ("timestamp", 3, ("DateTime", NativeType("Timestamp", (3,)))),
        ("bit", 3, ("String", NativeType("Bit", (3,)))),
        ("circle", -1, None),
    ],
)
def test_postgres_native_types(typname: str, typmod: int, expected: tuple[str, NativeType] | None) -> None:
    assert postgres.native_type(typname, typmod) == expected


@pytest.mark.parametrize(
    ("text", "family", "is_list", "expected"),
    [
        ("nextval('\"User_id_seq\"'::regclass)", "Int", False, DefaultValue("sequence", '"User_id_seq"')),
        ("CURRENT_TIMESTAMP", "DateTime", False, DefaultValue("now")),
        ("'it''s'::text", "String", False, DefaultValue("value", "it's", "String")),
        ("'-1'::integer", "Int", False, DefaultValue("value", -1, "Int")),
        ("(-1.5)::double precision", "Float", False, DefaultValue("value", -1.5, "Float")),
        ("1.50", "Decimal", False, DefaultValue("value", Decimal("1.50"), "Decimal")),
        ("'USER'::\"Role\"", "Enum", False, DefaultValue("value", "USER", "Enum")),
        ("'USER'::auth.\"Role\"", "Enum", False, DefaultValue("value", "USER", "Enum")),
        ("'\\x74657374'::bytea", "Bytes", False, DefaultValue("value", "dGVzdA==", "Bytes")),
        ("'{\"a\": 1}'::jsonb", "Json", False, DefaultValue("value", '{"a": 1}', "Json")),
        ("NULL::text", "String", False, None),
        ("gen_random_uuid()", "String", False, DefaultValue("dbgenerated", "gen_random_uuid()")),
        ("(now() + '1 day'::interval)", "DateTime", False, DefaultValue("dbgenerated", "(now() + '1 day'::interval)")),
        ("ARRAY['a'::text, 'it''s'::text]", "String", True, DefaultValue("value", ("a", "it's"), "String")),
        ("ARRAY[(1.1)::double precision]", "Float", True, DefaultValue("value", (1.1,), "Float")),
        (
            "(ARRAY[]::timestamp without time zone[])::timestamp(3) without time zone[]",
            "DateTime",
            True,
            DefaultValue("value", (), "DateTime"),
        ),
        ("'{}'::text[]", "String", True, DefaultValue("value", (), "String")),
        ("'[1,2)'::int4range", "Unsupported", False, DefaultValue("dbgenerated", "'[1,2)'::int4range")),
    ],
)
def test_postgres_defaults(text: str, family: str, is_list: bool, expected: DefaultValue | None) -> None:
    assert postgres.parse_default(text, family, is_list) == expected


def _pg_rows(schema: str = "public") -> dict[str, list[tuple[object, ...]]]:
    return {
        "namespaces": [(schema,)],
        "tables": [(schema, "User", "r", None), (schema, "Post", "r", None), (schema, "v", "v", " SELECT 1;")],
        "columns": [
            (schema, "User", "id", True, -1, False, "int4", "b", "pg_catalog", "integer", "nextval('x'::regclass)", ""),
            (schema, "User", "role", True, -1, False, "Role", "e", schema, '"Role"', "'A'::\"Role\"", ""),
            (schema, "User", "tags", True, -1, True, "text", "b", "pg_catalog", "text", None, ""),
            (schema, "Post", "id", True, -1, False, "int8", "b", "pg_catalog", "bigint", None, "d"),
            (schema, "Post", "userId", False, -1, False, "int4", "b", "pg_catalog", "integer", None, ""),
            (schema, "Post", "shape", False, -1, False, "circle", "b", "pg_catalog", "circle", None, ""),
        ],
        "indexes": [
            (schema, "User", "User_pkey", True, True, "btree", 1, "id", False, "int4_ops", True),
            (schema, "Post", "Post_pkey", True, True, "btree", 1, "id", False, "int8_ops", True),
            (schema, "Post", "Post_userId_idx", False, False, "hash", 1, "userId", True, "int4_ops", True),
            (schema, "User", "User_tags_idx", False, False, "gin", 1, "tags", False, "array_ops", False),
        ],
        "foreign_keys": [
            (schema, "Post", "Post_userId_fkey", "n", "c", schema, "User", 1, "userId", "id"),
        ],
        "enums": [(schema, "Role", "A"), (schema, "Role", "B")],
        "sequences": [(schema, "x", 1, 1, 1, 2**31 - 1, 1, True), (schema, "free", 5, 2, 1, 100, 1, False)],
        "extensions": [("citext", "public", "1.6")],
    }


def test_postgres_build() -> None:
    schema = postgres.build(_pg_rows())
    user, post = schema.tables
    assert user.schema is None and schema.namespaces == ("public",)
    assert user.columns == (
        Column("id", ColumnType("Int", native=NativeType("Integer")), None, True),
        Column("role", ColumnType("Enum", enum="Role"), DefaultValue("value", "A", "Enum")),
        Column("tags", ColumnType("String", "list", NativeType("Text"))),
    )
    assert user.primary_key == PrimaryKey((IndexColumn("id"),), "User_pkey")
    assert user.indexes == (Index("User_tags_idx", "normal", (IndexColumn("tags", None, None, "array_ops"),), "Gin"),)
    assert post.columns[0].autoincrement  # an identity column
    assert post.columns[2].type == ColumnType("Unsupported", "nullable", description="circle")
    assert post.indexes == (Index("Post_userId_idx", "normal", (IndexColumn("userId", "Desc"),), "Hash"),)
    assert post.foreign_keys == (ForeignKey("Post_userId_fkey", ("userId",), "User", ("id",), "SetNull", "Cascade"),)
    assert schema.enums == (Enum("Role", ("A", "B")),)
    assert [s.name for s in schema.sequences] == ["free"]  # the serial's own sequence is the column's
    assert [v.name for v in schema.views] == ["v"]


def test_postgres_build_qualified() -> None:
    schema = postgres.build(_pg_rows("auth"), qualified=True)
    assert {t.schema for t in schema.tables} == {"auth"}
    assert schema.enums == (Enum("Role", ("A", "B"), "auth"),)
    assert schema.tables[1].foreign_keys[0].referenced_schema == "auth"


def test_postgres_queries_bind_the_namespaces() -> None:
    queries = postgres.queries(["a", "b"])
    assert queries["tables"][1] == (["a", "b"],)
    assert "$1" in queries["columns"][0] and "'a'" not in queries["columns"][0]


# --- MySQL / MariaDB ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column_type", "is_json", "expected"),
    [
        ("int(11)", False, ColumnType("Int", native=NativeType("Int"))),
        ("int(10) unsigned", False, ColumnType("Int", native=NativeType("UnsignedInt"))),
        ("tinyint(1)", False, ColumnType("Boolean", native=NativeType("TinyInt"))),
        ("tinyint(4)", False, ColumnType("Int", native=NativeType("TinyInt"))),
        ("bigint(20)", False, ColumnType("BigInt", native=NativeType("BigInt"))),
        ("decimal(65,30)", False, ColumnType("Decimal", native=NativeType("Decimal", (65, 30)))),
        ("varchar(191)", False, ColumnType("String", native=NativeType("VarChar", (191,)))),
        ("datetime(3)", False, ColumnType("DateTime", native=NativeType("DateTime", (3,)))),
        ("bit(1)", False, ColumnType("Boolean", native=NativeType("Bit", (1,)))),
        ("bit(8)", False, ColumnType("Bytes", native=NativeType("Bit", (8,)))),
        ("longtext", True, ColumnType("Json", native=NativeType("Json"))),
        ("longtext", False, ColumnType("String", native=NativeType("LongText"))),
        ("enum('A','B')", False, ColumnType("Enum", enum="T_c")),
        ("point", False, ColumnType("Unsupported", description="point")),
    ],
)
def test_mysql_types(column_type: str, is_json: bool, expected: ColumnType) -> None:
    assert mysql.column_type("T", "c", column_type, False, is_json) == expected


def test_mysql_enum_values() -> None:
    assert mysql.enum_values("enum('A','it''s','a,b')") == ("A", "it's", "a,b")


@pytest.mark.parametrize(
    ("text", "family", "extra", "mariadb", "expected"),
    [
        ("NULL", "String", "", True, None),
        (None, "String", "", True, None),
        ("'it''s\\\\x'", "String", "", True, DefaultValue("value", "it's\\x", "String")),
        ("1", "Boolean", "", True, DefaultValue("value", True, "Boolean")),
        ("1.50", "Decimal", "", True, DefaultValue("value", Decimal("1.50"), "Decimal")),
        ("'A'", "Enum", "", True, DefaultValue("value", "A", "Enum")),
        ("current_timestamp(3)", "DateTime", "", True, DefaultValue("now")),
        ("uuid()", "String", "", True, DefaultValue("dbgenerated", "uuid()")),
        ("(1 + 1)", "Int", "", True, DefaultValue("dbgenerated", "(1 + 1)")),
        ("abc", "String", "", False, DefaultValue("value", "abc", "String")),
        ("CURRENT_TIMESTAMP(3)", "DateTime", "DEFAULT_GENERATED", False, DefaultValue("now")),
        ("(uuid())", "String", "DEFAULT_GENERATED", False, DefaultValue("dbgenerated", "(uuid())")),
    ],
)
def test_mysql_defaults(
    text: str | None, family: str, extra: str, mariadb: bool, expected: DefaultValue | None
) -> None:
    assert mysql.parse_default(text, family, extra, mariadb=mariadb) == expected


def test_mysql_build() -> None:
    rows = {
        "tables": [("T", "BASE TABLE"), ("V", "VIEW")],
        "views": [("V", "select 1")],
        "columns": [
            ("T", "id", "int", "int(11)", "NO", None, "auto_increment"),
            ("T", "kind", "enum", "enum('A','B')", "YES", "'A'", ""),
            ("T", "doc", "longtext", "longtext", "NO", None, ""),
            ("T", "u", "int", "int(11)", "NO", None, ""),
        ],
        "indexes": [
            ("T", "PRIMARY", 0, "BTREE", 1, "id", None, "A"),
            ("T", "T_doc_idx", 1, "BTREE", 1, "doc", 20, "D"),
            ("T", "T_doc_ft", 1, "FULLTEXT", 1, "doc", None, None),
            ("T", "T_u_fkey", 1, "BTREE", 1, "u", None, "A"),
        ],
        "foreign_keys": [("T", "T_u_fkey", "u", "T", "id", "CASCADE", "RESTRICT")],
        "checks": [("T", "json_valid(`doc`)")],
    }
    schema = mysql.build(rows, mariadb=True)
    (table,) = schema.tables
    assert table.columns[0].autoincrement
    assert table.columns[1] == Column(
        "kind", ColumnType("Enum", "nullable", enum="T_kind"), DefaultValue("value", "A", "Enum")
    )
    assert table.columns[2].type == ColumnType("Json", native=NativeType("Json"))
    assert schema.enums == (Enum("T_kind", ("A", "B")),)
    assert table.primary_key == PrimaryKey((IndexColumn("id"),))
    assert Index("T_doc_idx", "normal", (IndexColumn("doc", "Desc", 20),)) in table.indexes
    assert Index("T_doc_ft", "fulltext", (IndexColumn("doc"),)) in table.indexes
    assert table.foreign_keys == (ForeignKey("T_u_fkey", ("u",), "T", ("id",), "Cascade", "Restrict"),)
    assert [v.name for v in schema.views] == ["V"]
    # InnoDB's own index for the foreign key is not part of the comparable form
    assert [i.name for i in comparable(schema).tables[0].indexes] == ["T_doc_ft", "T_doc_idx"]


# --- comparable / differences -------------------------------------------------------------------------


def _table(*columns: Column, **kwargs: object) -> Table:
    return Table("T", columns, PrimaryKey((IndexColumn(columns[0].name),)), **kwargs)  # type: ignore[arg-type]


def test_comparable_canonical_values() -> None:
    calculated = SqlSchema(
        "postgres",
        (
            _table(
                Column("id", ColumnType("Int", native=NativeType("Integer")), None, True),
                Column("at", ColumnType("DateTime"), DefaultValue("value", "2020-03-04T05:06:07.123Z", "DateTime")),
                Column("doc", ColumnType("Json"), DefaultValue("value", '{ "b": [1], "a": 2 }', "Json")),
                Column("raw", ColumnType("Bytes"), DefaultValue("value", "dGVzdA==", "Bytes")),
                Column("dec", ColumnType("Decimal"), DefaultValue("value", ("1.50", 2), "Decimal")),
                Column("gen", ColumnType("String"), DefaultValue("dbgenerated", "now() + '1 day'::interval")),
                Column("keep", ColumnType("String"), DefaultValue("dbgenerated", None)),
            ),
        ),
    )
    described = SqlSchema(
        "postgres",
        (
            _table(
                Column("id", ColumnType("Int", native=NativeType("Integer")), None, True),
                Column("at", ColumnType("DateTime"), DefaultValue("value", "2020-03-04 05:06:07.123", "DateTime")),
                Column("doc", ColumnType("Json"), DefaultValue("value", '{"a": 2, "b": [1]}', "Json")),
                Column("raw", ColumnType("Bytes"), DefaultValue("value", b"test", "Bytes")),
                Column("dec", ColumnType("Decimal"), DefaultValue("value", (Decimal("1.5"), Decimal(2)), "Decimal")),
                Column("gen", ColumnType("String"), DefaultValue("dbgenerated", "(now() + '1 day'::interval)")),
                Column("keep", ColumnType("String")),
            ),
        ),
    )
    assert differences(calculated, described) == []
    assert comparable(described).tables[0].columns[5].default == DefaultValue("dbgenerated", GENERATED)


def test_comparable_flavour_rules() -> None:
    enum_col = Column("role", ColumnType("Enum", enum="Role"), DefaultValue("value", "A", "Enum"))
    big_id = Column("id", ColumnType("BigInt"), None, True)
    calculated = SqlSchema("sqlite", (_table(big_id, enum_col),))
    described = SqlSchema(
        "sqlite",
        (
            _table(
                Column("id", ColumnType("BigInt")),
                Column("role", ColumnType("String"), DefaultValue("value", "A", "String")),
            ),
        ),
    )
    assert differences(calculated, described) == []

    fk = ForeignKey("T_u_fkey", ("u",), "T", ("id",), "SetDefault", "Cascade")
    mysql_calc = SqlSchema("mysql", (_table(Column("id", ColumnType("Int")), foreign_keys=(fk,)),))
    mysql_db = SqlSchema(
        "mysql",
        (
            _table(
                Column("id", ColumnType("Int")),
                foreign_keys=(ForeignKey("T_u_fkey", ("u",), "T", ("id",), "Restrict", "Cascade"),),
            ),
        ),
    )
    assert differences(mysql_calc, mysql_db) == []


def test_differences_name_what_differs() -> None:
    a = SqlSchema("postgres", (_table(Column("id", ColumnType("Int")), Column("n", ColumnType("String"))),))
    b = SqlSchema(
        "postgres",
        (
            _table(Column("id", ColumnType("Int")), Column("n", ColumnType("String", "nullable"))),
            Table("Extra", ()),
        ),
    )
    assert differences(a, b) == [
        "schema.tables[T].columns[n].type.arity: 'required' != 'nullable'",
        "schema.tables[Extra]: only described",
    ]
    assert comparable(a) != comparable(b)


def test_comparable_ignores_order_views_and_history() -> None:
    t1, t2 = Table("A", (Column("id", ColumnType("Int")),)), Table("B", (Column("id", ColumnType("Int")),))
    history = Table("_prisma_migrations", (Column("id", ColumnType("String")),))
    assert comparable(SqlSchema("sqlite", (t2, history, t1))) == comparable(SqlSchema("sqlite", (t1, t2)))


@pytest.mark.parametrize(
    ("flavour", "native", "written", "read_back"),
    [
        ("postgres", NativeType("Timestamp", (3,)), "2020-01-02T03:04:05+02:00", "2020-01-02 03:04:05"),
        ("postgres", NativeType("Timestamptz", (3,)), "2020-01-02T03:04:05+02:00", "2020-01-02 01:04:05+00"),
        ("postgres", NativeType("Date"), "2020-01-02T23:04:05-02:00", "2020-01-02"),
        ("postgres", NativeType("Timetz"), "2020-01-02T03:04:05+02:00", "03:04:05+02"),
        ("mysql", NativeType("DateTime", (3,)), "2020-01-02T03:04:05+02:00", "2020-01-02 01:04:05.000"),
        ("mysql", NativeType("Date"), "2020-01-02T23:04:05-02:00", "2020-01-03"),
        ("sqlite", None, "2020-01-02T03:04:05.123Z", "2020-01-02 03:04:05.123 +00:00"),
    ],
)
def test_comparable_datetime_defaults(flavour: str, native: NativeType | None, written: str, read_back: str) -> None:
    def schema(value: str) -> SqlSchema:
        column = Column("at", ColumnType("DateTime", native=native), DefaultValue("value", value, "DateTime"))
        return SqlSchema(flavour, (_table(Column("id", ColumnType("Int")), column),))

    assert differences(schema(written), schema(read_back)) == []
    assert differences(schema(written), schema("1999-01-01 00:00:00")) != []
