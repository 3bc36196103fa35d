"""``autoincrement()`` against the connector's capabilities."""

from __future__ import annotations

from fields_testlib import default_error, errors, with_datasource


def test_not_supported_at_all() -> None:
    schema = with_datasource(
        "mongodb", '\nmodel A {\n  id Int @id @map("_id") @default(autoincrement())\n}\n', url="mongodb://"
    )
    assert errors(schema) == [
        (7, default_error("The `autoincrement()` default value is used with a datasource that does not support it."))
    ]


def test_sqlite_only_on_the_id() -> None:
    schema = with_datasource(
        "sqlite", "\nmodel Model {\n  id     Int @id\n  non_id Int @default(autoincrement()) @unique\n}\n"
    )
    assert errors(schema) == [
        (
            8,
            default_error(
                "The `autoincrement()` default value is used on a non-id field even though the datasource does not "
                "support this."
            ),
        )
    ]


def test_mysql_once_per_table_and_indexed() -> None:
    schema = with_datasource(
        "mysql",
        """
model Model {
  id      Int @id
  non_id  Int @default(autoincrement()) @unique
  non_id2 Int @default(autoincrement())
}
""",
    )
    assert errors(schema) == [
        (
            6,
            default_error(
                "The `autoincrement()` default value is used multiple times on this model even though the underlying "
                "datasource only supports one instance per table."
            ),
        ),
        (
            9,
            default_error(
                "The `autoincrement()` default value is used on a non-indexed field even though the datasource does "
                "not support this."
            ),
        ),
    ]


def test_mysql_first_field_of_an_index_counts_as_indexed() -> None:
    schema = with_datasource(
        "mysql",
        """
model Model {
  id Int @id
  a  Int @default(autoincrement())
  b  Int

  @@index([a, b])
}
""",
    )
    assert errors(schema) == []
