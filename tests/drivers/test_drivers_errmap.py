"""The mapping of each database's error codes and texts to refrakt's errors (no server: the
texts are the ones PostgreSQL 15, MariaDB 10.11 and SQLite 3 really print)."""

from __future__ import annotations

import pytest

from refrakt.drivers import parse_url
from refrakt.drivers._errmap import mysql_error, postgres_connect_error, postgres_error, sqlite_error
from refrakt.errors import (
    ColumnNotFoundError,
    ForeignKeyConstraintError,
    InitializationError,
    KnownRequestError,
    NullConstraintError,
    OperationTimeoutError,
    TableNotFoundError,
    UniqueConstraintError,
    UnknownRequestError,
    ValueTooLongError,
    WriteConflictError,
)

PG = parse_url("postgresql://ann@db.local:5433/shop?schema=sales&socket_timeout=2")
MY = parse_url("mysql://ann@db.local:3307/shop?socket_timeout=2")
LITE = parse_url("file:/data/dev.db")


def test_postgres_unique_violation_lists_the_columns() -> None:
    e = postgres_error(
        PG,
        "23505",
        'duplicate key value violates unique constraint "User_a_b_key"',
        detail='Key (a, "B")=(1, 2) already exists.',
        constraint="User_a_b_key",
    )
    assert isinstance(e, UniqueConstraintError)
    assert e.meta["target"] == ["a", "B"]
    assert (e.original_code, e.code) == ("23505", "P2002")
    assert "Key (a" in (e.original_message or "")


def test_postgres_unique_violation_without_detail_falls_back_to_the_constraint() -> None:
    e = postgres_error(PG, "23505", "duplicate key", constraint="User_email_key")
    assert e.meta["target"] == "User_email_key"


def test_postgres_other_constraints() -> None:
    nn = postgres_error(PG, "23502", 'null value in column "name" of relation "e" violates not-null constraint')
    assert isinstance(nn, NullConstraintError) and nn.meta["constraint"] == ["name"]
    fk = postgres_error(
        PG,
        "23503",
        'insert or update on table "post" violates foreign key constraint "post_author_fkey"',
        constraint="post_author_fkey",
    )
    assert isinstance(fk, ForeignKeyConstraintError) and fk.meta["field_name"] == "post_author_fkey (index)"
    fk2 = postgres_error(PG, "23503", 'update on table "c" violates foreign key constraint "c_p_fkey" on table "x"')
    assert fk2.meta["field_name"] == "x (index)"  # the last quoted name when the constraint field is missing
    tl = postgres_error(PG, "22001", "value too long for type character varying(3)")
    assert isinstance(tl, ValueTooLongError) and tl.meta["column_name"] == "(not available)"


@pytest.mark.parametrize("sqlstate", ["40001", "40P01"])
def test_postgres_serialization_failure_and_deadlock_are_write_conflicts(sqlstate: str) -> None:
    e = postgres_error(PG, sqlstate, "could not serialize access due to concurrent update")
    assert isinstance(e, WriteConflictError) and e.code == "P2034"


def test_postgres_missing_table_and_column() -> None:
    t = postgres_error(PG, "42P01", 'relation "nope" does not exist')
    assert isinstance(t, TableNotFoundError) and t.meta["table"] == "nope"
    c = postgres_error(PG, "42703", 'column "nope" does not exist')
    assert isinstance(c, ColumnNotFoundError) and c.meta["column"] == "nope"
    c2 = postgres_error(PG, "42703", "column u.nope does not exist")
    assert c2.meta["column"] == "u.nope"


def test_postgres_statement_timeout_is_an_operation_timeout() -> None:
    e = postgres_error(PG, "57014", "canceling statement due to statement timeout")
    assert isinstance(e, OperationTimeoutError) and e.message.startswith("Operations timed out after `2s`")


def test_postgres_server_hanging_up_is_p1017() -> None:
    e = postgres_error(PG, "57P01", "terminating connection due to administrator command")
    assert e.code == "P1017" and e.message == "Server has closed the connection."


def test_postgres_unknown_error_keeps_the_database_code() -> None:
    e = postgres_error(PG, "42601", 'syntax error at or near "selec"')
    assert isinstance(e, UnknownRequestError)
    assert e.code is None and e.original_code == "42601"
    assert 'syntax error at or near "selec"' in e.message


def test_postgres_connect_errors_name_host_port_database_user() -> None:
    refused = postgres_connect_error(
        PG,
        'connection failed: connection to server at "10.0.0.1", port 5433 failed: Connection refused\n\t'
        "Is the server running on that host and accepting TCP/IP connections?",
    )
    assert refused.code == "P1001" and "`db.local:5433`" in refused.message
    missing = postgres_connect_error(
        PG, 'connection failed: connection to server at "x", port 5433 failed: FATAL:  database "shop" does not exist'
    )
    assert missing.code == "P1003"
    assert missing.message == "Database `shop` does not exist on the database server at `db.local:5433`."
    auth = postgres_connect_error(PG, 'connection failed: ...: FATAL:  password authentication failed for user "ann"')
    assert auth.code == "P1000" and "credentials for `ann`" in auth.message and "`db.local`" in auth.message
    role = postgres_connect_error(PG, 'connection failed: ...: FATAL:  role "ann" does not exist')
    assert role.code == "P1010" and role.message == "User `ann` was denied access on the database `shop.sales`"
    dns = postgres_connect_error(PG, "failed to resolve host 'db.local': [Errno -2] Name or service not known")
    assert dns.code == "P1001"


def test_mysql_constraints() -> None:
    u = mysql_error(MY, 1062, "Duplicate entry 'a' for key 'User_email_key'")
    assert isinstance(u, UniqueConstraintError) and u.meta["target"] == "User_email_key"
    u8 = mysql_error(MY, 1062, "Duplicate entry 'a' for key 'User.User_email_key'")  # MySQL 8
    assert u8.meta["target"] == "User_email_key"
    fk = mysql_error(
        MY,
        1452,
        "Cannot add or update a child row: a foreign key constraint fails (`db`.`post`, CONSTRAINT "
        "`post_author_fkey` FOREIGN KEY (`author_id`) REFERENCES `user` (`id`))",
    )
    assert isinstance(fk, ForeignKeyConstraintError) and fk.meta["constraint"] == ["author_id"]
    assert fk.message == "Foreign key constraint violated on the fields: (`author_id`)"
    for code, text in [(1048, "Column 'name' cannot be null"), (1364, "Field 'name' doesn't have a default value")]:
        n = mysql_error(MY, code, text)
        assert isinstance(n, NullConstraintError) and n.meta["constraint"] == ["name"]
    t = mysql_error(MY, 1406, "Data too long for column 'name' at row 1")
    assert isinstance(t, ValueTooLongError) and t.meta["column_name"] == "name"
    assert isinstance(mysql_error(MY, 1213, "Deadlock found when trying to get lock"), WriteConflictError)
    r = mysql_error(MY, 1264, "Out of range value for column 'n' at row 1")
    assert isinstance(r, KnownRequestError) and r.code == "P2020"


def test_mysql_missing_table_and_column_and_unknown() -> None:
    t = mysql_error(MY, 1146, "Table 'shop.nope' doesn't exist")
    assert isinstance(t, TableNotFoundError) and t.meta["table"] == "nope"
    c = mysql_error(MY, 1054, "Unknown column 'nope' in 'SELECT'")
    assert isinstance(c, ColumnNotFoundError) and c.meta["column"] == "nope"
    s = mysql_error(MY, 1064, "You have an error in your SQL syntax")
    assert isinstance(s, UnknownRequestError) and s.original_code == "1064"


def test_mysql_connection_errors() -> None:
    refused = mysql_error(MY, 2003, "Can't connect to MySQL server on 'db.local' ([Errno 111] Connection refused)")
    assert refused.code == "P1001" and "`db.local:3307`" in refused.message
    assert mysql_error(MY, 1049, "Unknown database 'shop'").code == "P1003"
    auth = mysql_error(MY, 1045, "Access denied for user 'ann'@'10.0.0.2' (using password: YES)")
    assert auth.code == "P1000" and "`ann`" in auth.message
    assert mysql_error(MY, 1044, "Access denied for user 'ann'@'%' to database 'shop'").code == "P1010"
    lost = mysql_error(MY, 2013, "Lost connection to MySQL server during query")
    assert lost.code == "P1017"
    assert mysql_error(MY, 2013, "Lost connection", connecting=True).code == "P1001"
    timed = mysql_error(MY, 2013, "Lost connection to MySQL server during query (timed out)")
    assert isinstance(timed, OperationTimeoutError)


def test_sqlite_errors() -> None:
    u = sqlite_error(LITE, 2067, "UNIQUE constraint failed: User.a, User.b")
    assert isinstance(u, UniqueConstraintError) and u.meta["target"] == ["a", "b"]
    assert sqlite_error(LITE, 1555, "UNIQUE constraint failed: User.id").meta["target"] == ["id"]
    n = sqlite_error(LITE, 1299, "NOT NULL constraint failed: User.name")
    assert isinstance(n, NullConstraintError) and n.meta["constraint"] == ["name"]
    fk = sqlite_error(LITE, 787, "FOREIGN KEY constraint failed")
    assert isinstance(fk, ForeignKeyConstraintError) and fk.meta["field_name"] == "foreign key"
    busy = sqlite_error(LITE, 5, "database is locked")
    assert isinstance(busy, OperationTimeoutError) and busy.code == "P1008"
    cant = sqlite_error(LITE, 14, "unable to open database file")
    assert cant.code == "P1003" and cant.message == "Database dev.db does not exist at /data/dev.db"
    assert sqlite_error(LITE, 1, "no such table: main.nope").meta["table"] == "nope"
    assert sqlite_error(LITE, 1, "no such column: nope").meta["column"] == "nope"
    assert sqlite_error(LITE, 1, "table e has no column named nope").meta["column"] == "nope"
    other = sqlite_error(LITE, 1, 'near "selec": syntax error')
    assert isinstance(other, UnknownRequestError) and other.original_code == "1"
    assert isinstance(sqlite_error(LITE, None, "x"), UnknownRequestError)
    assert not isinstance(other, InitializationError)
