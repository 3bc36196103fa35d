"""Reads on real databases (SQLite, PostgreSQL, MariaDB): find_*, filters, relations, selection.

Each test runs on the three databases with the same data (``engine_support``); expectations
are Prisma's results for that data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from engine_support import Db, utc

from refrakt import to_jsonable
from refrakt._markers import field
from refrakt.errors import RecordNotFoundError, RelationNotLoadedError

# --- records and values -----------------------------------------------------------------------------------


def test_find_many_returns_every_scalar_with_api_types(db: Db) -> None:
    users = db.q("User", "find_many", order_by={"id": "asc"})
    assert [u.id for u in users] == [1, 2, 3, 4]
    ann = users[0]
    assert list(ann) == [
        "id", "email", "name", "first", "last", "role", "age", "score", "balance", "big",
        "active", "createdAt", "meta", "avatar", "mentorId",
    ]  # fmt: skip
    assert ann.role == "ADMIN"  # stored as its @map value "admin"
    assert ann.balance == Decimal("10.25") and str(ann.balance) == "10.25"
    assert ann.big == 9007199254740993
    assert ann.active is True and users[1].active is False
    assert ann.createdAt == utc(2024, 1, 1, 10) and ann.createdAt.tzinfo is not None
    assert ann.meta == {"tags": ["a", "b"], "n": 1}
    assert ann.avatar == b"\x00\x01"
    assert ann.score == 1.5 and isinstance(users[2].score, float)
    assert users[1].name is None and users[1].mentorId == 1
    assert to_jsonable(ann)["createdAt"] == "2024-01-01T10:00:00.000Z"


def test_unloaded_relation_says_how_to_include_it(db: Db) -> None:
    ann = db.q("User", "find_unique", where={"id": 1})
    with pytest.raises(RelationNotLoadedError, match="include"):
        _ = ann.posts


def test_find_unique_by_id_unique_and_compound(db: Db) -> None:
    assert db.q("User", "find_unique", where={"id": 3}).email == "cid@y.io"
    assert db.q("User", "find_unique", where={"email": "bob@x.io"}).id == 2
    assert db.q("User", "find_unique", where={"first_last": {"first": "dee", "last": "park"}}).id == 4
    assert db.q("Membership", "find_unique", where={"userId_groupId": {"userId": 1, "groupId": 2}}).rank == 2
    assert db.q("User", "find_unique", where={"id": 99}) is None


def test_find_unique_with_extra_conditions(db: Db) -> None:
    assert db.q("User", "find_unique", where={"id": 1, "active": True}).id == 1
    assert db.q("User", "find_unique", where={"id": 2, "active": True}) is None
    assert db.q("User", "find_unique", where={"email": "ann@x.io", "posts": {"some": {"views": {"gt": 5}}}}).id == 1


def test_or_raise_variants_raise_p2025(db: Db) -> None:
    with pytest.raises(RecordNotFoundError) as info:
        db.q("User", "find_unique_or_raise", where={"id": 99})
    assert info.value.code == "P2025"
    assert "No record was found for a query." in info.value.message
    assert info.value.meta["modelName"] == "User"
    with pytest.raises(RecordNotFoundError):
        db.q("User", "find_first_or_raise", where={"age": {"gt": 100}})
    assert db.q("User", "find_first_or_raise", where={"age": {"gt": 40}}).id == 4


def test_find_first_orders_and_pages_backwards(db: Db) -> None:
    assert db.q("User", "find_first", order_by={"age": "desc"}, where={"age": {"not": None}}).id == 4
    assert db.q("User", "find_first", take=-1, order_by={"id": "asc"}).id == 4
    assert db.q("User", "find_first", where={"email": {"contains": "zzz"}}) is None


# --- scalar filters --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"age": 30}, [1]),
        ({"age": {"equals": 25}}, [2]),
        ({"age": {"not": 30}}, [2, 4]),  # NULL is neither equal nor unequal
        ({"age": None}, [3]),
        ({"age": {"not": None}}, [1, 2, 4]),
        ({"age": {"in": [25, 41, 99]}}, [2, 4]),
        ({"age": {"not_in": [25]}}, [1, 4]),
        ({"age": {"in": []}}, []),
        ({"age": {"not_in": []}}, [1, 2, 3, 4]),  # no values: true, even for NULL
        ({"age": {"lt": 30}}, [2]),
        ({"age": {"lte": 30}}, [1, 2]),
        ({"age": {"gt": 30}}, [4]),
        ({"age": {"gte": 30, "lt": 41}}, [1]),
        ({"age": {"not": {"gt": 30}}}, [1, 2]),  # Prisma inverts each operator: lte 30
        ({"age": {"not": {"in": [25, 30]}}}, [4]),
        ({"email": {"contains": "@y"}}, [3, 4]),
        ({"email": {"starts_with": "b"}}, [2]),
        ({"email": {"ends_with": ".io", "not": {"contains": "x"}}}, [3, 4]),
        ({"email": {"not": {"starts_with": "a"}}}, [2, 3, 4]),
        ({"name": {"not": {"equals": "Ann"}}}, [3, 4]),
        ({"active": False}, [2]),
        ({"active": {"not": True}}, [2]),
        ({"role": "ADMIN"}, [1]),
        ({"role": {"in": ["USER"]}}, [2, 3, 4]),
        ({"role": {"not": "USER"}}, [1]),
        ({"balance": {"gt": Decimal("5")}}, [1, 4]),
        ({"balance": {"lte": "0.5"}}, [2]),
        ({"score": {"gte": 2.5}}, [2, 4]),
        ({"big": {"gt": 1 << 40}}, [1]),
        ({"createdAt": {"gte": utc(2024, 2, 1, 12, 30)}}, [2, 3, 4]),
        ({"createdAt": {"lt": "2024-02-01T12:30:00Z"}}, [1]),
        ({"createdAt": {"lt": dt.datetime(2024, 2, 1, 12, 30)}}, [1]),  # naive means UTC
        ({"createdAt": {"in": ["2024-03-01T08:15:00.000Z"]}}, [3]),
        ({"avatar": b"\x00\x01"}, [1]),
        ({"mentorId": {"equals": field("id")}}, []),
        ({"id": {"gt": field("mentorId")}}, [2, 3, 4]),
    ],
)
def test_scalar_filters(db: Db, where: dict[str, object], expected: list[int]) -> None:
    assert sorted(db.ids("User", where=where)) == expected


def test_insensitive_mode(db: Db) -> None:
    assert sorted(db.ids("User", where={"name": {"contains": "AN", "mode": "insensitive"}})) == [1]
    assert db.ids("User", where={"name": {"equals": "cID", "mode": "insensitive"}}) == [3]
    assert sorted(db.ids("User", where={"name": {"in": ["ANN", "DEE"], "mode": "insensitive"}})) == [1, 4]
    assert sorted(db.ids("User", where={"name": {"gt": "C", "mode": "insensitive"}})) == [3, 4]
    assert sorted(db.ids("User", where={"name": {"not": {"starts_with": "a"}, "mode": "insensitive"}})) == [3, 4]


def test_like_patterns_are_not_escaped_as_in_prisma(db: Db) -> None:
    assert sorted(db.ids("User", where={"email": {"contains": "_"}})) == [1, 2, 3, 4]  # `_` is a wildcard


def test_field_reference_with_like(db: Db) -> None:
    assert db.ids("User", where={"email": {"starts_with": field("first")}}, order_by={"id": "asc"}) == [1, 2, 3, 4]
    assert db.ids("User", where={"email": {"contains": field("last")}}) == []


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"AND": [{"age": {"gt": 20}}, {"age": {"lt": 35}}]}, [1, 2]),
        ({"AND": {"active": True}}, [1, 3, 4]),
        ({"OR": [{"age": 25}, {"name": "Cid"}]}, [2, 3]),
        ({"OR": {"age": 25}}, [2]),
        ({"NOT": [{"age": 25}, {"age": None}]}, [1, 4]),
        ({"NOT": {"active": True}}, [2]),
        ({"OR": []}, []),
        ({"AND": []}, [1, 2, 3, 4]),
        ({"NOT": []}, [1, 2, 3, 4]),
        ({"AND": [{"OR": []}]}, [1, 2, 3, 4]),  # below the top an empty group is dropped (Prisma)
        ({"OR": [{"AND": [{"active": True}, {"age": {"gt": 35}}]}, {"NOT": {"email": {"contains": "y"}}}]}, [1, 2, 4]),
        ({}, [1, 2, 3, 4]),
        ({"age": {}}, [1, 2, 3, 4]),
    ],
)
def test_boolean_combinations(db: Db, where: dict[str, object], expected: list[int]) -> None:
    assert sorted(db.ids("User", where=where)) == expected


# --- relation filters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"posts": {"some": {}}}, [1, 2]),
        ({"posts": {"some": {"published": False}}}, [1]),
        ({"posts": {"none": {}}}, [3, 4]),
        ({"posts": {"none": {"published": False}}}, [2, 3, 4]),
        ({"posts": {"every": {"published": True}}}, [2, 3, 4]),  # vacuously true without posts
        ({"posts": {"every": {}}}, [1, 2, 3, 4]),
        ({"posts": {"some": {"tags": {"some": {"name": "py"}}}}}, [1]),
        ({"posts": {"some": {"comments": {"some": {"text": "ok"}}}}}, [2]),
        ({"posts": {"every": {"comments": {"none": {}}}}}, [3, 4]),
        ({"groups": {"some": {"name": "admins"}}}, [1]),
        ({"groups": {"none": {}}}, [4]),
        ({"groups": {"every": {"name": "readers"}}}, [2, 3, 4]),
        ({"profile": {"is": {"bio": {"contains": "cid"}}}}, [3]),
        ({"profile": {"bio": {"contains": "bio"}}}, [1, 3]),  # an implicit `is`
        ({"profile": {"is_not": {"bio": {"contains": "cid"}}}}, [1, 2, 4]),  # includes users without one
        ({"profile": None}, [2, 4]),
        ({"profile": {"is": None}}, [2, 4]),
        ({"profile": {"is_not": None}}, [1, 3]),
        ({"mentor": {"is": {"name": "Ann"}}}, [2, 3]),
        ({"mentor": None}, [1]),
        ({"mentor": {"is_not": {"id": 1}}}, [1, 4]),
        ({"mentees": {"some": {"mentees": {"some": {}}}}}, [1]),
        ({"mentor": {"mentor": {"is": {"id": 1}}}}, [4]),
    ],
)
def test_relation_filters(db: Db, where: dict[str, object], expected: list[int]) -> None:
    assert sorted(db.ids("User", where=where)) == expected


def test_relation_filters_from_the_many_side(db: Db) -> None:
    assert sorted(db.ids("Post", where={"author": {"is": {"active": False}}})) == [4]
    assert sorted(db.ids("Post", where={"author": None})) == [5]
    assert sorted(db.ids("Post", where={"author": {"is_not": {"id": 1}}})) == [4, 5]
    assert sorted(db.ids("Tag", "find_many", key="name", where={"posts": {"some": {"author": {"role": "ADMIN"}}}})) == [
        "db",
        "py",
    ]


# --- ordering and paging ---------------------------------------------------------------------------------


def test_order_by_several_fields_and_directions(db: Db) -> None:
    assert db.ids("User", order_by=[{"last": "asc"}, {"first": "desc"}]) == [3, 2, 1, 4]
    assert db.ids("User", order_by={"createdAt": "desc"}) == [4, 3, 2, 1]


def test_order_by_nulls_first_and_last(db: Db) -> None:
    assert db.ids("User", order_by=[{"age": {"sort": "asc", "nulls": "first"}}]) == [3, 2, 1, 4]
    assert db.ids("User", order_by=[{"age": {"sort": "asc", "nulls": "last"}}]) == [2, 1, 4, 3]
    assert db.ids("User", order_by=[{"age": {"sort": "desc", "nulls": "first"}}]) == [3, 4, 1, 2]
    assert db.ids("User", order_by=[{"age": {"sort": "desc", "nulls": "last"}}]) == [4, 1, 2, 3]


def test_order_by_relation_field_and_count(db: Db) -> None:
    posts = db.ids("Post", where={"author": {"isnot": None}} if False else {"authorId": {"not": None}},
                   order_by=[{"author": {"email": "desc"}}, {"id": "asc"}])  # fmt: skip
    assert posts == [4, 1, 2, 3]
    assert db.ids("User", order_by=[{"posts": {"_count": "desc"}}, {"id": "asc"}]) == [1, 2, 3, 4]
    assert db.ids("User", order_by=[{"mentees": {"_count": "asc"}}, {"id": "desc"}]) == [4, 3, 2, 1]
    assert db.ids("User", order_by=[{"groups": {"_count": "desc"}}, {"id": "asc"}]) == [1, 2, 3, 4]
    assert db.ids("Comment", order_by=[{"post": {"author": {"email": "asc"}}}, {"id": "desc"}]) == [2, 1, 3]


def test_take_skip_and_negative_take(db: Db) -> None:
    assert db.ids("User", take=2) == [1, 2]  # take alone orders by the primary key
    assert db.ids("User", skip=1, take=2) == [2, 3]
    assert db.ids("User", skip=3) == [4]
    assert db.ids("User", take=-2) == [3, 4]
    assert db.ids("User", take=-2, skip=1) == [2, 3]
    assert db.ids("User", take=0) == []
    assert db.ids("User", order_by={"age": "desc"}, where={"age": {"not": None}}, take=-2) == [1, 2]


def test_cursor_pagination(db: Db) -> None:
    assert db.ids("User", cursor={"id": 2}) == [2, 3, 4]
    assert db.ids("User", cursor={"id": 2}, take=2, skip=1) == [3, 4]
    assert db.ids("User", cursor={"id": 3}, take=-2) == [2, 3]
    assert db.ids("User", cursor={"id": 3}, take=-2, skip=1) == [1, 2]
    assert db.ids("User", cursor={"id": 99}, take=2) == []
    assert db.ids("User", cursor={"email": "bob@x.io"}, order_by={"email": "desc"}) == [2, 1]
    assert db.ids("User", cursor={"first_last": {"first": "cid", "last": "kim"}}, order_by={"id": "asc"}) == [3, 4]


def test_cursor_with_unstable_or_nullable_ordering_runs_in_memory(db: Db) -> None:
    # ordered by last (not unique) then id: stable only thanks to id, so SQL could do it; by last alone
    # the order is unstable and the cursor is found among the ordered rows (Prisma's in-memory path)
    assert db.ids("User", cursor={"id": 1}, order_by=[{"last": "asc"}, {"id": "asc"}]) == [1, 2, 4]
    assert db.ids("User", cursor={"id": 4}, order_by=[{"age": {"sort": "asc", "nulls": "first"}}]) == [4]
    assert db.ids("User", cursor={"id": 2}, take=-2, order_by=[{"age": {"sort": "asc", "nulls": "first"}}]) == [3, 2]


def test_distinct(db: Db) -> None:
    users = db.q("User", "find_many", distinct=["last"], order_by={"id": "asc"}, select={"last": True})
    assert [u.last for u in users] == ["lee", "kim", "park"]
    assert db.ids("User", distinct="active", order_by={"id": "desc"}) == [4, 2]
    assert db.ids("User", distinct=["last", "active"], order_by={"id": "asc"}, take=2, skip=1) == [2, 3]


# --- selection ------------------------------------------------------------------------------------------


def test_select_include_omit(db: Db) -> None:
    ann = db.q("User", "find_unique", where={"id": 1}, select={"email": True, "id": True, "name": False})
    assert dict(ann) == {"email": "ann@x.io", "id": 1}
    bob = db.q("User", "find_unique", where={"id": 2}, omit={"meta": True, "avatar": True, "big": False})
    assert "meta" not in bob and "avatar" not in bob and bob.big == 2
    cid = db.q("User", "find_unique", where={"id": 3}, include={"profile": True, "posts": True})
    assert cid.profile == {"id": 2, "bio": "cid's bio", "userId": 3}
    assert cid.posts == []


def test_nested_selection_with_relation_arguments(db: Db) -> None:
    ann = db.q(
        "User",
        "find_unique",
        where={"id": 1},
        select={
            "id": True,
            "posts": {
                "where": {"published": True},
                "order_by": {"views": "desc"},
                "select": {
                    "title": True,
                    "tags": {"select": {"name": True}, "order_by": {"name": "desc"}},
                    "comments": {"take": 1, "order_by": {"id": "desc"}, "select": {"text": True}},
                },
            },
            "mentees": {"select": {"id": True, "mentor": {"select": {"email": True}}}, "order_by": {"id": "asc"}},
        },
    )
    assert to_jsonable(ann) == {
        "id": 1,
        "posts": [
            {"title": "Hello", "tags": [{"name": "py"}, {"name": "db"}], "comments": [{"text": "meh"}]},
            {"title": "Again", "tags": [{"name": "py"}], "comments": []},
        ],
        "mentees": [{"id": 2, "mentor": {"email": "ann@x.io"}}, {"id": 3, "mentor": {"email": "ann@x.io"}}],
    }


def test_nested_paging_per_parent(db: Db) -> None:
    users = db.q(
        "User",
        "find_many",
        order_by={"id": "asc"},
        select={"id": True, "posts": {"select": {"id": True}, "take": -2, "order_by": {"id": "asc"}}},
    )
    assert [[p.id for p in u.posts] for u in users] == [[2, 3], [4], [], []]
    users = db.q(
        "User",
        "find_many",
        where={"id": {"in": [1, 2]}},
        order_by={"id": "asc"},
        select={"posts": {"select": {"id": True}, "skip": 1, "cursor": {"id": 1}}},
    )
    assert [[p.id for p in u.posts] for u in users] == [[2, 3], []]
    groups = db.q(
        "Group",
        "find_many",
        order_by={"id": "asc"},
        include={"users": {"distinct": ["last"], "order_by": {"id": "asc"}}},
    )
    assert [[u.id for u in g.users] for g in groups] == [[1], [1, 3]]


def test_relation_counts(db: Db) -> None:
    users = db.q(
        "User",
        "find_many",
        order_by={"id": "asc"},
        select={"id": True, "_count": {"select": {"posts": {"where": {"published": True}}, "groups": True}}},
    )
    assert [u._count for u in users] == [
        {"posts": 2, "groups": 2},
        {"posts": 1, "groups": 1},
        {"posts": 0, "groups": 1},
        {"posts": 0, "groups": 0},
    ]
    ann = db.q("User", "find_unique", where={"id": 1}, include={"_count": True})
    assert ann._count == {"mentees": 2, "posts": 3, "groups": 2}


def test_to_one_include_from_both_sides(db: Db) -> None:
    posts = db.q("Post", "find_many", order_by={"id": "asc"}, include={"author": {"select": {"email": True}}})
    assert [p.author for p in posts] == [
        {"email": "ann@x.io"},
        {"email": "ann@x.io"},
        {"email": "ann@x.io"},
        {"email": "bob@x.io"},
        None,
    ]
    profiles = db.q("Profile", "find_many", order_by={"id": "desc"}, include={"user": {"include": {"profile": True}}})
    assert [p.user.profile.id for p in profiles] == [2, 1]


# --- decoding: the record builders' inline forms ----------------------------------------------------------


def test_one_row_and_many_rows_decode_alike(db: Db) -> None:
    """``find_unique`` takes the builder's one-row path, ``find_many`` the comprehension."""
    many = {u.id: u for u in db.q("User", "find_many")}
    for key in (1, 2, 3, 4):
        one = db.q("User", "find_unique", where={"id": key})
        assert one == many[key]
        assert [type(v) for v in one.values()] == [type(v) for v in many[key].values()]
    assert [str(u.balance) for u in many.values()] == ["10.25", "0.5", "3", "7.75"]
    assert all(u.createdAt.utcoffset() == dt.timedelta(0) for u in many.values())


def test_decimal_values_keep_their_digits() -> None:
    from refrakt.engine._codecs import normalize_decimal

    assert str(normalize_decimal(Decimal("100.000000000000000000000000000000"))) == "100"
    assert str(normalize_decimal(Decimal("2.500000000000000000000000000000"))) == "2.5"
    assert str(normalize_decimal(Decimal("-0.000"))) == "-0"
    wide = Decimal("12345678901234567890123456789012345.123456789012345678901234567890")
    assert normalize_decimal(wide) == wide  # more digits than Python's default context keeps


def test_postgres_array_text() -> None:
    """Arrays of types psycopg does not know (enums) arrive as text."""
    from refrakt.engine._codecs import parse_array_literal

    assert parse_array_literal("{}") == []
    assert parse_array_literal("{A,B}") == ["A", "B"]
    assert parse_array_literal('{"a b",NULL,"x\\\\\\"y",c}') == ["a b", None, 'x\\"y', "c"]
    assert parse_array_literal('{"NULL",""}') == ["NULL", ""]
    assert parse_array_literal("[1:2]={A,B}") == ["A", "B"]


def test_postgres_enum_lists() -> None:
    from engine_support import create_tables, database, datamodel

    from refrakt.engine import Engine

    schema = 'enum Role {\n  A\n  B @map("bee")\n}\n\nmodel L {\n  id    Int    @id\n  roles Role[]\n}\n'
    dm = datamodel("postgresql", schema)
    with database("postgres") as conn:
        create_tables(conn, dm, "postgres")
        engine = Engine(dm, "postgres")
        engine.prepare("L", "create", {"data": {"id": 1, "roles": ["A", "B", "B"]}}).run(conn)
        engine.prepare("L", "create", {"data": {"id": 2, "roles": []}}).run(conn)
        found = engine.prepare("L", "find_many", {"order_by": {"id": "asc"}}).run(conn)
        assert [r.roles for r in found] == [["A", "B", "B"], []]


def test_an_enum_value_the_enum_does_not_have_is_an_error() -> None:
    """SQLite keeps enums as TEXT: a value written by raw SQL may be none of the enum's."""
    from engine_support import create_tables, database, datamodel

    from refrakt.engine import Engine
    from refrakt.errors import KnownRequestError

    dm = datamodel("sqlite", 'enum E {\n  A\n  B @map("bee")\n}\n\nmodel M {\n  id Int @id\n  e  E?\n}\n')
    with database("sqlite") as conn:
        create_tables(conn, dm, "sqlite")
        conn.execute("INSERT INTO \"M\" (id, e) VALUES (1, 'bee'), (2, NULL), (3, 'D')")
        engine = Engine(dm, "sqlite")
        assert [m.e for m in engine.prepare("M", "find_many", {"where": {"id": {"lt": 3}}}).run(conn)] == ["B", None]
        with pytest.raises(KnownRequestError, match="Value 'D' not found in enum 'E'") as info:
            engine.prepare("M", "find_unique", {"where": {"id": 3}}).run(conn)
        assert info.value.code == "P2023"
