"""``$1 … $n`` in raw SQL, translated to each driver's placeholders."""

from __future__ import annotations

import pytest

from refrakt._sql import MySQL, Postgres, SQLite, bind_raw, translate_raw_placeholders

SQLITE, PG, PG_PSYCOPG, MYSQL = SQLite(), Postgres(), Postgres(param_style="format"), MySQL()


@pytest.mark.parametrize(
    ("dialect", "sql", "expected"),
    [
        # the basic cases, and the parameter order for styles that cannot number
        (SQLITE, "SELECT * FROM t WHERE a = $1 AND b = $2", ("SELECT * FROM t WHERE a = ? AND b = ?", (0, 1))),
        (SQLITE, "SELECT $2, $1, $2", ("SELECT ?, ?, ?", (1, 0, 1))),
        (MYSQL, "SELECT $2, $1", ("SELECT %s, %s", (1, 0))),
        (PG, "SELECT $2, $1, $2", ("SELECT $2, $1, $2", (0, 1))),
        (PG_PSYCOPG, "SELECT $1::int, $10", ("SELECT %s::int, %s", (0, 9))),
        # literals, quoted names and comments are left alone
        (SQLITE, "SELECT '$1', \"$2\", [$3], `$4`, $5", ("SELECT '$1', \"$2\", [$3], `$4`, ?", (4,))),
        (SQLITE, "SELECT 'it''s $1', $1", ("SELECT 'it''s $1', ?", (0,))),
        (SQLITE, "SELECT $1 -- $2\n, $3 /* $4 */", ("SELECT ? -- $2\n, ? /* $4 */", (0, 2))),
        (MYSQL, "SELECT 'a\\'$1', \"$2\", `$3` # $4\n, $5", ("SELECT 'a\\'$1', \"$2\", `$3` # $4\n, %s", (4,))),
        (PG_PSYCOPG, "SELECT $$ $1 $$, $tag$ it's $2 $tag$, $3", ("SELECT $$ $1 $$, $tag$ it's $2 $tag$, %s", (2,))),
        (PG_PSYCOPG, "SELECT E'it\\'s $1', $1", ("SELECT E'it\\'s $1', %s", (0,))),
        (PG_PSYCOPG, "SELECT e'\\\\', $1, 'x\\', $2", ("SELECT e'\\\\', %s, 'x\\', %s", (0, 1))),
        # `$` inside names and unterminated text
        (PG_PSYCOPG, "SELECT a$1 FROM t$2 WHERE x = $3", ("SELECT a$1 FROM t$2 WHERE x = %s", (2,))),
        (SQLITE, "SELECT 'unterminated $1", ("SELECT 'unterminated $1", ())),
        (SQLITE, "SELECT $ FROM t", ("SELECT $ FROM t", ())),
        # `%` is doubled everywhere for the format style (psycopg, PyMySQL), and only there
        (MYSQL, "SELECT 10 % 3, '%', $1 -- 50%", ("SELECT 10 %% 3, '%%', %s -- 50%%", (0,))),
        (PG_PSYCOPG, "SELECT '%' || $1", ("SELECT '%%' || %s", (0,))),
        (SQLITE, "SELECT 10 % 3, $1", ("SELECT 10 % 3, ?", (0,))),
        (PG, "SELECT 10 % 3, $1", ("SELECT 10 % 3, $1", (0,))),
        (SQLITE, "SELECT 1", ("SELECT 1", ())),
    ],
)
def test_translate(dialect: SQLite, sql: str, expected: tuple[str, tuple[int, ...]]) -> None:
    assert translate_raw_placeholders(sql, dialect) == expected


def test_dollar_zero_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"start at \$1"):
        translate_raw_placeholders("SELECT $0", SQLITE)


def test_bind_raw_reorders_parameters() -> None:
    assert bind_raw("SELECT $2, $1, $2", ["a", "b"], SQLITE) == ("SELECT ?, ?, ?", ("b", "a", "b"))
    assert bind_raw("SELECT $2, $1", ["a", "b"], PG) == ("SELECT $2, $1", ("a", "b"))
    assert bind_raw("SELECT %s", [], MYSQL) == ("SELECT %%s", ())


def test_bind_raw_checks_the_parameter_count() -> None:
    with pytest.raises(ValueError, match=r"uses \$3 but 2 parameter"):
        bind_raw("SELECT $3", [1, 2], SQLITE)
    with pytest.raises(ValueError, match=r"uses \$2 but 1 parameter"):
        bind_raw("SELECT $2", [1], PG)


def test_translated_sql_runs_on_sqlite() -> None:
    import sqlite3

    sql, params = bind_raw("SELECT $2 || '$1' || $1, '%'", ["a", "b"], SQLITE)
    assert sqlite3.connect(":memory:").execute(sql, params).fetchone() == ("b$1a", "%")
