"""The query-shape cache: a second call of a shape binds its values and renders no SQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from engine_support import Db, create_tables, database, datamodel, seed

from refrakt.engine import Engine
from refrakt.engine._shape import index_paths, walk
from refrakt.errors import ValidationError

DM = datamodel("sqlite")


@pytest.fixture(scope="module")
def sqlite_db() -> Iterator[Db]:
    with database("sqlite") as conn:
        create_tables(conn, DM, "sqlite")
        engine = Engine(DM, "sqlite")
        seed(conn, engine)
        yield Db("sqlite", conn, engine)


def test_second_call_of_a_shape_renders_nothing(sqlite_db: Db) -> None:
    engine = Engine(DM, "sqlite")
    conn = sqlite_db.conn
    first = engine.prepare("User", "find_many", {"where": {"email": {"ends_with": "@x.io"}}, "take": 10})
    assert [u.id for u in first.run(conn)] == [1, 2]
    renders = engine.stats.renders
    assert engine.stats.misses == 1 and engine.stats.hits == 0
    second = engine.prepare("User", "find_many", {"where": {"email": {"ends_with": "@y.io"}}, "take": 1})
    assert engine.stats.renders == renders
    assert engine.stats.hits == 1
    assert second.sql == first.sql
    assert second.params == ["%@y.io", 1]
    assert [u.id for u in second.run(conn)] == [3]
    assert first.params == ["%@x.io", 10]  # the first call's values are its own


def test_nested_loads_render_once_per_key_bucket(sqlite_db: Db) -> None:
    engine = Engine(DM, "sqlite")
    args: dict[str, Any] = {"include": {"posts": True}, "where": {"id": {"in": [1, 2]}}}
    engine.prepare("User", "find_many", args).run(sqlite_db.conn)
    renders = engine.stats.renders
    engine.prepare("User", "find_many", {"include": {"posts": True}, "where": {"id": {"in": [2, 1]}}}).run(
        sqlite_db.conn
    )
    assert engine.stats.renders == renders  # the same shape, and two parent keys again
    users = engine.prepare("User", "find_many", {"include": {"posts": True}, "where": {"id": {"in": [3, 1, 2]}}})
    result = users.run(sqlite_db.conn)
    assert [len(u.posts) for u in result] == [3, 1, 0]


@pytest.mark.parametrize(
    ("first", "second", "same_plan"),
    [
        ({"where": {"id": 1}}, {"where": {"id": 2}}, True),
        ({"order_by": {"id": "asc"}}, {"order_by": {"id": "desc"}}, False),
        ({"take": 2}, {"take": 3}, True),
        ({"take": 2}, {"take": -2}, False),  # a negative take reverses the ordering
        ({"skip": 0}, {"skip": 2}, False),  # skip > 0 orders by the primary key
        ({"skip": 1}, {"skip": 2}, True),
        ({"select": {"id": True, "name": True}}, {"select": {"id": True, "name": False}}, False),
        ({"where": {"name": {"contains": "a", "mode": "insensitive"}}}, {"where": {"name": {"contains": "a"}}}, False),
        ({"where": {"name": "a"}}, {"where": {"name": None}}, False),
        ({"where": {"id": {"in": [1, 2]}}}, {"where": {"id": {"in": [3, 4]}}}, True),
        ({"where": {"id": {"in": [1, 2]}}}, {"where": {"id": {"in": [3]}}}, False),
        ({"where": {"role": "USER"}}, {"where": {"role": "ADMIN"}}, True),
    ],
)
def test_what_changes_a_shape(first: dict[str, Any], second: dict[str, Any], same_plan: bool) -> None:
    engine = Engine(DM, "sqlite")
    a = engine.prepare("User", "find_many", first)
    b = engine.prepare("User", "find_many", second)
    assert (a.plan is b.plan) == same_plan
    assert engine.stats.hits == (1 if same_plan else 0)


def test_a_wrong_value_on_a_cache_hit_is_reported_at_its_path() -> None:
    engine = Engine(DM, "sqlite")
    engine.prepare("User", "find_many", {"where": {"posts": {"some": {"author": {"role": "USER"}}}}})
    with pytest.raises(ValidationError) as info:
        engine.prepare("User", "find_many", {"where": {"posts": {"some": {"author": {"role": "OWNER"}}}}})
    assert engine.stats.misses == 1  # found in the cache: converting the value found the error
    assert info.value.path == ("where", "posts", "some", "author", "role")
    engine.prepare("User", "find_many", {"where": {"createdAt": {"gt": "2024-01-01"}}})
    with pytest.raises(ValidationError) as info:
        engine.prepare("User", "find_many", {"where": {"createdAt": {"gt": "soon"}}})
    assert info.value.path == ("where", "createdAt", "gt")
    engine.prepare("User", "find_first", {"take": 1})
    with pytest.raises(ValidationError) as info:
        engine.prepare("User", "find_first", {"take": 5})
    assert info.value.code == "P2019"


def test_cache_is_bounded() -> None:
    engine = Engine(DM, "sqlite", cache_size=2)
    for name in ("id", "email", "name"):
        engine.prepare("User", "find_many", {"order_by": {name: "asc"}})
    assert len(engine._shapes) == 2  # pyright: ignore[reportPrivateUsage]


def test_walk_and_index_paths_agree() -> None:
    args = {"where": {"a": [1, {"b": 2}], "c": None}, "take": 3}
    leaves: list[Any] = []
    skeleton = walk(args, leaves)
    positions = index_paths(args)
    for path, (index, size) in positions.items():
        node: Any = args
        for part in path:
            node = node[part]
        assert leaves[index] is node
        assert size >= 1
    assert positions[("where", "a")] == (2, 4)
    assert skeleton == walk({"where": {"a": [7, {"b": 8}], "c": None}, "take": 9}, [])
    assert skeleton != walk({"where": {"a": [7, {"b": "8"}], "c": None}, "take": 9}, [])
