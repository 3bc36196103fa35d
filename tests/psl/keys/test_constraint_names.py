"""Prisma's default constraint names and their truncation."""

from __future__ import annotations

from refrakt.psl import constraint_names as cn
from refrakt.psl.connectors import MSSQL, MYSQL, POSTGRES


def test_default_names_follow_postgres_conventions() -> None:
    assert cn.primary_key_name("User", POSTGRES) == "User_pkey"
    assert cn.unique_index_name("User", ["email"], POSTGRES) == "User_email_key"
    assert cn.non_unique_index_name("Post", ["title", "authorId"], POSTGRES) == "Post_title_authorId_idx"
    assert cn.foreign_key_constraint_name("Post", ["authorId"], POSTGRES) == "Post_authorId_fkey"
    assert cn.default_constraint_name("User", "role", MSSQL) == "User_role_df"


def test_limit_can_be_a_plain_int() -> None:
    assert cn.primary_key_name("abcdefghij", 10) == "abcde_pkey"
    assert cn.unique_index_name("t", ["abcdefgh"], 10) == "t_abcd_key"


def test_names_are_truncated_to_the_identifier_limit() -> None:
    table = "LinkingTableForUserAndPostWithObnoxiouslyLongNameButNotTooLongBUTLONGER"
    fk = cn.foreign_key_constraint_name(table, ["userId"], POSTGRES)
    assert fk == "LinkingTableForUserAndPostWithObnoxiouslyLongNameButNotToo_fkey"
    assert len(fk) == POSTGRES.max_identifier_length
    idx = cn.non_unique_index_name("A" * 100, ["b"], MYSQL)
    assert idx == "A" * 60 + "_idx" and len(idx) == MYSQL.max_identifier_length


def test_truncation_counts_bytes_and_keeps_characters_whole() -> None:
    # "é" is two bytes: 62 bytes of room hold 31 of them; 61 bytes would split the 31st.
    name = cn.primary_key_name("é" * 40, 67)
    assert name == "é" * 31 + "_pkey"
    assert len(name.encode()) <= 67
    name = cn.primary_key_name("é" * 40, 66)
    assert name == "é" * 30 + "_pkey"


def test_too_long_names() -> None:
    assert not cn.is_db_name_too_long("a" * 63, POSTGRES)
    assert cn.is_db_name_too_long("a" * 64, POSTGRES)
    assert not cn.is_db_name_too_long(None, 1)
    assert cn.too_long_message("x", "unique", 63, double_at=True) == (
        "The constraint name 'x' specified in the `map` argument for the `@@unique` constraint is too long for "
        "your chosen provider. The maximum allowed length is 63 bytes."
    )
