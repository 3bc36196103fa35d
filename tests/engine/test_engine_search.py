"""Full-text search on real databases: ``search`` filters and ordering by ``_relevance``.

PostgreSQL searches ``to_tsvector(concat_ws(' ', fields)) @@ to_tsquery(query)``; MySQL/MariaDB
``MATCH (fields) AGAINST (query IN BOOLEAN MODE)``, which needs a ``@@fulltext`` index on exactly
those fields. Searches for the same query in one group are merged into one search of all their
fields, as Prisma does. SQLite has no full-text search: the arguments are unknown there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from engine_support import create_tables, database, datamodel

from refrakt.drivers import Connection
from refrakt.engine import Engine
from refrakt.errors import ValidationError

SCHEMA = """
model Post {{
  id    Int     @id
  title String
  body  String?
  {indexes}
}}
"""
MYSQL_INDEXES = "@@fulltext([title])\n  @@fulltext([body])\n  @@fulltext([title, body])"
_PROVIDER = {"sqlite": "sqlite", "postgres": "postgresql", "mysql": "mysql"}
ROWS = [
    {"id": 1, "title": "cat and dog", "body": "pets"},
    {"id": 2, "title": "cat", "body": "dog food"},
    {"id": 3, "title": "bird", "body": "cat toys"},
    {"id": 4, "title": "fish", "body": None},
]
#: The same searches in each database's query syntax.
BOTH = {"postgres": "cat & dog", "mysql": "+cat +dog"}


def make(dialect: str) -> tuple[Engine, Any]:
    indexes = MYSQL_INDEXES if dialect == "mysql" else ""
    dm = datamodel(_PROVIDER[dialect], SCHEMA.format(indexes=indexes))
    return Engine(dm, dialect), dm


@pytest.fixture(scope="module", params=("postgres", "mysql"))
def posts(request: pytest.FixtureRequest) -> Iterator[tuple[Engine, Connection, str]]:
    dialect = str(request.param)
    engine, dm = make(dialect)
    with database(dialect) as conn:
        create_tables(conn, dm, dialect)
        for row in ROWS:
            engine.prepare("Post", "create", {"data": row}).run(conn)
        yield engine, conn, dialect


def ids(posts: tuple[Engine, Connection, str], args: dict[str, Any]) -> list[int]:
    engine, conn, _ = posts
    return [r.id for r in engine.prepare("Post", "find_many", {**args, "select": {"id": True}}).run(conn)]


def test_search_one_field(posts: tuple[Engine, Connection, str]) -> None:
    dialect = posts[2]
    assert ids(posts, {"where": {"title": {"search": BOTH[dialect]}}, "order_by": {"id": "asc"}}) == [1]
    assert ids(posts, {"where": {"title": {"search": "cat"}}, "order_by": {"id": "asc"}}) == [1, 2]
    assert ids(posts, {"where": {"body": {"search": "cat"}}, "order_by": {"id": "asc"}}) == [3]


def test_search_under_not(posts: tuple[Engine, Connection, str]) -> None:
    assert ids(posts, {"where": {"title": {"not": {"search": "cat"}}}, "order_by": {"id": "asc"}}) == [3, 4]
    assert ids(posts, {"where": {"NOT": {"title": {"search": "cat"}}}, "order_by": {"id": "asc"}}) == [3, 4]


def test_searches_for_one_query_are_merged(posts: tuple[Engine, Connection, str]) -> None:
    """``title`` and ``body`` searched as one text: row 2 has "cat" in one and "dog" in the other."""
    query = BOTH[posts[2]]
    where = {"title": {"search": query}, "body": {"search": query}}
    assert ids(posts, {"where": where, "order_by": {"id": "asc"}}) == [1, 2]
    # Different queries stay two searches (and the merged plan above is not reused for them).
    other = {"title": {"search": "cat"}, "body": {"search": "dog"}}
    assert ids(posts, {"where": other, "order_by": {"id": "asc"}}) == [2]
    assert ids(posts, {"where": where, "order_by": {"id": "asc"}}) == [1, 2]


def test_search_with_other_filters(posts: tuple[Engine, Connection, str]) -> None:
    where = {"AND": [{"title": {"search": "cat", "starts_with": "cat"}}, {"OR": [{"id": 2}, {"id": 3}]}]}
    assert ids(posts, {"where": where}) == [2]


def test_order_by_relevance(posts: tuple[Engine, Connection, str]) -> None:
    relevance = {"fields": ["title"], "search": "cat", "sort": "desc"}
    found = ids(posts, {"order_by": [{"_relevance": relevance}, {"id": "asc"}]})
    assert found == [1, 2, 3, 4]
    found = ids(posts, {"order_by": [{"_relevance": {**relevance, "sort": "asc"}}, {"id": "asc"}]})
    assert found == [3, 4, 1, 2]


def test_order_by_relevance_sql(posts: tuple[Engine, Connection, str]) -> None:
    engine, _, dialect = posts
    args = {
        "where": {"title": {"search": "cat"}},
        "order_by": {"_relevance": {"fields": "title", "search": "cat", "sort": "asc"}},
    }
    sql = engine.prepare("Post", "find_many", args).sql
    if dialect == "postgres":
        assert 'to_tsvector(concat_ws(\' \', "t0"."title")) @@ to_tsquery($1)' in sql
        assert 'ORDER BY ts_rank(to_tsvector(concat_ws(\' \', "t0"."title")), to_tsquery($2)) ASC' in sql
    else:
        assert "MATCH (`t0`.`title`) AGAINST (%s IN BOOLEAN MODE)" in sql
        assert "ORDER BY MATCH (`t0`.`title`) AGAINST (%s IN BOOLEAN MODE) ASC" in sql


@pytest.mark.parametrize(
    ("relevance", "message", "code"),
    [
        ({"fields": "unknown", "search": "cat", "sort": "desc"}, "PostOrderByRelevanceFieldEnum", "P2009"),
        ({"fields": "id", "search": "cat", "sort": "desc"}, "PostOrderByRelevanceFieldEnum", "P2009"),
        ({"fields": "title", "search": "cat", "sort": "up"}, "SortOrder", "P2009"),
        ({"fields": "title", "sort": "desc"}, "search", "P2012"),
    ],
)
def test_relevance_arguments_are_checked(relevance: dict[str, Any], message: str, code: str) -> None:
    engine, _ = make("postgres")
    with pytest.raises(ValidationError) as caught:
        engine.prepare("Post", "find_many", {"order_by": {"_relevance": relevance}})
    assert message in str(caught.value)
    assert caught.value.code == code


def test_sqlite_has_no_full_text_search() -> None:
    engine, _ = make("sqlite")
    with pytest.raises(ValidationError, match="Unknown filter `search`"):
        engine.prepare("Post", "find_many", {"where": {"title": {"search": "cat"}}})
    with pytest.raises(ValidationError, match="Unknown argument `_relevance`"):
        engine.prepare(
            "Post", "find_many", {"order_by": {"_relevance": {"fields": "title", "search": "x", "sort": "asc"}}}
        )
