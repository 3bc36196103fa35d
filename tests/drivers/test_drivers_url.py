"""Prisma's connection URLs: parsing, defaults, relative SQLite paths and clear errors (no server)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refrakt.drivers import ConnectionConfig, default_connection_limit, parse_url, redact_url
from refrakt.drivers._core import (
    mysql_begin,
    mysql_connect_kwargs,
    postgres_begin,
    postgres_connect_kwargs,
    postgres_setup_statements,
    split_statements,
    sqlite_begin,
)
from refrakt.errors import InitializationError, TransactionError


def test_postgres_url_with_every_parameter() -> None:
    c = parse_url(
        "postgresql://ann:s%40cret@db.example.com:6543/shop?schema=sales&connection_limit=7&pool_timeout=20"
        "&connect_timeout=3&socket_timeout=30&sslmode=require&pgbouncer=true&application_name=web"
    )
    assert (c.provider, c.host, c.port, c.user, c.password, c.database) == (
        "postgresql",
        "db.example.com",
        6543,
        "ann",
        "s@cret",
        "shop",
    )
    assert (c.schema, c.connection_limit, c.pool_timeout, c.connect_timeout, c.socket_timeout) == (
        "sales",
        7,
        20.0,
        3.0,
        30.0,
    )
    assert (c.sslmode, c.pgbouncer, c.application_name) == ("require", True, "web")


def test_postgres_defaults_are_prismas() -> None:
    c = parse_url("postgres://u@localhost/db")
    assert c.provider == "postgresql"
    assert c.port == 5432
    assert c.password is None
    assert c.schema is None
    assert c.connection_limit == (os.cpu_count() or 1) * 2 + 1 == default_connection_limit()
    assert c.pool_timeout == 10.0
    assert c.connect_timeout == 5.0
    assert c.socket_timeout is None
    assert c.pgbouncer is False


def test_postgres_without_host_or_database() -> None:
    c = parse_url("postgresql://u@/")
    assert (c.host, c.database) == ("localhost", "postgres")


def test_postgres_host_parameter_is_a_unix_socket_folder() -> None:
    c = parse_url("postgresql://u@localhost/db?host=/var/run/postgresql")
    assert c.socket == "/var/run/postgresql"
    assert postgres_connect_kwargs(c)["host"] == "/var/run/postgresql"


def test_mysql_url_and_defaults() -> None:
    c = parse_url("mysql://root:pw@127.0.0.1/app?connection_limit=3&socket_timeout=2")
    assert (c.provider, c.port, c.user, c.password, c.database, c.connection_limit) == (
        "mysql",
        3306,
        "root",
        "pw",
        "app",
        3,
    )
    assert c.socket_timeout == 2.0
    assert parse_url("mysql://root@h").database == "mysql"
    assert parse_url("mysql://root@localhost/db?socket=(/tmp/my.sock)").socket == "/tmp/my.sock"


def test_zero_timeouts_mean_none_and_decimals_are_allowed() -> None:
    c = parse_url("postgresql://u@h/db?pool_timeout=0&connect_timeout=0&socket_timeout=0.5")
    assert (c.pool_timeout, c.connect_timeout, c.socket_timeout) == (None, None, 0.5)


def test_unknown_parameters_are_kept_and_ignored() -> None:
    c = parse_url("postgresql://u@h/db?foo=bar&statement_cache_size=0")
    assert c.params["foo"] == "bar"
    assert postgres_connect_kwargs(c)["prepare_threshold"] is None


def test_sqlite_relative_path_is_relative_to_the_schema_folder(tmp_path: Path) -> None:
    c = parse_url("file:./dev.db", base_dir=tmp_path / "prisma")
    assert c.provider == "sqlite"
    assert c.file_path == str(tmp_path / "prisma" / "dev.db")
    assert parse_url("file:../data/x.db", base_dir=tmp_path / "prisma").file_path == str(tmp_path / "data" / "x.db")
    assert parse_url("sqlite:dev.db", base_dir=tmp_path).file_path == str(tmp_path / "dev.db")


def test_sqlite_relative_path_without_base_dir_uses_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert parse_url("file:dev.db").file_path == str(tmp_path / "dev.db")


def test_sqlite_absolute_path_parameters_and_memory(tmp_path: Path) -> None:
    c = parse_url(f"file:{tmp_path}/a.db?connection_limit=2&socket_timeout=3")
    assert (c.file_path, c.connection_limit, c.socket_timeout) == (str(tmp_path / "a.db"), 2, 3.0)
    m = parse_url("file::memory:")
    assert (m.file_path, m.connection_limit) == (":memory:", 1)


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("", "The URL is empty"),
        ("localhost:5432", "Unknown scheme `localhost`"),
        ("no-scheme-at-all", "has no scheme"),
        ("http://example.com/db", "Unknown scheme `http`"),
        ("prisma://accelerate.prisma-data.net/?api_key=x", "Accelerate"),
        ("postgresql://u@h:notaport/db", "Invalid port"),
        ("postgresql://u@h:99999/db", "Invalid port"),
        ("postgresql://u@h/db?connection_limit=abc", "Invalid value `abc` for `connection_limit`"),
        ("postgresql://u@h/db?connection_limit=0", "Invalid value `0` for `connection_limit`"),
        ("mysql://u@h/db?pool_timeout=-1", "Invalid value `-1` for `pool_timeout`"),
        ("postgresql://u@h/db?connect_timeout=soon", "Invalid value `soon` for `connect_timeout`"),
        ("postgresql://u@h/db?pgbouncer=yes", "Invalid value `yes` for `pgbouncer`"),
        ("postgresql://u@h/db?sslmode=sometimes", "Invalid `sslmode` value `sometimes`"),
        ("mysql://u@h/db?sslaccept=maybe", "Invalid `sslaccept` value `maybe`"),
        ("postgresql://u@h/a/b", "contains a `/`"),
        ("file:", "names no file"),
    ],
)
def test_bad_urls_raise_p1013_with_a_clear_message(url: str, fragment: str) -> None:
    with pytest.raises(InitializationError) as info:
        parse_url(url)
    err = info.value
    assert err.code == "P1013"
    assert err.message.startswith("The provided database string is invalid. ")
    assert fragment in err.message
    assert "connection-urls" in err.message


def test_sqlite_path_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InitializationError, match="is a folder") as info:
        parse_url(f"file:{tmp_path}")
    assert info.value.code == "P1013"


def test_bad_url_messages_never_show_the_password() -> None:
    with pytest.raises(InitializationError) as info:
        parse_url("postgresql://ann:hunter2@h/db?connection_limit=x")
    assert "hunter2" not in info.value.message
    assert "ann:****@h" in info.value.message


def test_redacted_url_and_repr_hide_the_password() -> None:
    c = parse_url("mysql://root:topsecret@127.0.0.1:3306/db")
    assert c.redacted_url == "mysql://root:****@127.0.0.1:3306/db"
    assert "topsecret" not in repr(c)
    assert redact_url("file:./dev.db") == "file:./dev.db"


def test_config_is_frozen() -> None:
    c = parse_url("file:x.db")
    assert isinstance(c, ConnectionConfig)
    with pytest.raises(AttributeError):
        c.port = 1  # type: ignore[misc]


# --- connection arguments ----------------------------------------------------------------------------


def test_postgres_kwargs_schema_becomes_search_path_and_timeouts() -> None:
    kw = postgres_connect_kwargs(parse_url("postgresql://u:p@h:5433/db?schema=my schema&socket_timeout=1.5"))
    assert kw["host"] == "h" and kw["port"] == 5433 and kw["dbname"] == "db"
    assert kw["user"] == "u" and kw["password"] == "p"
    assert kw["autocommit"] is True
    assert kw["connect_timeout"] == 5
    assert kw["options"] == '-c search_path="my\\ schema" -c statement_timeout=1500'
    assert "prepare_threshold" not in kw  # psycopg's default: prepare after a few runs


def test_postgres_kwargs_pgbouncer_disables_prepared_statements_and_startup_options() -> None:
    c = parse_url("postgresql://u@h/db?schema=s&pgbouncer=true")
    kw = postgres_connect_kwargs(c)
    assert kw["prepare_threshold"] is None
    assert "options" not in kw
    assert postgres_setup_statements(c) == ('SET search_path TO "s"',)
    assert postgres_setup_statements(parse_url("postgresql://u@h/db?schema=s")) == ()


def test_postgres_kwargs_ssl() -> None:
    kw = postgres_connect_kwargs(parse_url("postgresql://u@h/db?sslmode=require&sslcert=/ca.pem&sslaccept=strict"))
    assert kw["sslrootcert"] == "/ca.pem"
    assert kw["sslmode"] == "verify-full"


def test_mysql_kwargs_per_driver() -> None:
    c = parse_url("mysql://u:p@h:3307/db?socket_timeout=4&connect_timeout=0")
    a = mysql_connect_kwargs(c, driver="asyncmy")
    assert (a["host"], a["port"], a["user"], a["password"], a["database"]) == ("h", 3307, "u", "p", "db")
    assert a["autocommit"] is True and a["charset"] == "utf8mb4" and a["read_timeout"] == 4.0
    assert a["connect_timeout"] == 31536000  # 0: no timeout
    assert "ssl_disabled" not in a and "write_timeout" not in a
    p = mysql_connect_kwargs(c, driver="pymysql")
    assert p["ssl_disabled"] is True and p["write_timeout"] == 4.0


# --- transactions and scripts (sans-IO) --------------------------------------------------------------


def test_begin_statements_per_database() -> None:
    assert postgres_begin(None) == ("BEGIN",)
    assert postgres_begin("Serializable") == ("BEGIN ISOLATION LEVEL SERIALIZABLE",)
    assert postgres_begin("read committed") == ("BEGIN ISOLATION LEVEL READ COMMITTED",)
    assert mysql_begin("RepeatableRead") == ("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "BEGIN")
    assert mysql_begin(None) == ("BEGIN",)
    assert sqlite_begin(None) == sqlite_begin("Serializable") == ("BEGIN IMMEDIATE",)


@pytest.mark.parametrize(
    ("begin", "level", "fragment"),
    [
        (postgres_begin, "Chaotic", "Invalid isolation level `Chaotic`"),
        (postgres_begin, "Snapshot", "not supported by PostgreSQL"),
        (mysql_begin, "Snapshot", "not supported by MySQL"),
        (sqlite_begin, "ReadCommitted", "not supported by SQLite"),
    ],
)
def test_bad_isolation_levels_raise_p2028(begin: object, level: str, fragment: str) -> None:
    with pytest.raises(TransactionError) as info:
        begin(level)  # type: ignore[operator]
    assert info.value.code == "P2028"
    assert info.value.message.startswith("Transaction API error: ")
    assert fragment in info.value.message


def test_split_statements_respects_quotes_and_comments() -> None:
    script = """
        -- a comment; with a semicolon
        CREATE TABLE a (x TEXT DEFAULT 'a;b');  /* block; comment */
        INSERT INTO a VALUES ("q;\\"q"), (`t;t`);
        # hash comment;
        /*!40101 SET NAMES utf8mb4 */;
        SELECT 1
    """
    assert split_statements(script) == [
        "CREATE TABLE a (x TEXT DEFAULT 'a;b')",
        'INSERT INTO a VALUES ("q;\\"q"), (`t;t`)',
        "/*!40101 SET NAMES utf8mb4 */",
        "SELECT 1",
    ]
