"""count, aggregate and group_by on real databases (SQLite, PostgreSQL, MariaDB)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from engine_support import Db, utc


def test_count(db: Db) -> None:
    assert db.q("User", "count") == 4
    assert db.q("User", "count", where={"active": True}) == 3
    assert db.q("User", "count", where={"posts": {"some": {}}}) == 2
    assert db.q("User", "count", take=2) == 2
    assert db.q("User", "count", skip=3) == 1
    assert db.q("User", "count", cursor={"id": 2}, order_by={"id": "asc"}) == 3
    assert db.q("User", "count", select={"_all": True, "name": True, "age": True}) == {"_all": 4, "name": 3, "age": 3}
    assert db.q("User", "count", distinct=["last"]) == 3
    assert db.q("Post", "count", where={"author": None}) == 1


def test_aggregate_functions(db: Db) -> None:
    result = db.q(
        "User",
        "aggregate",
        _count={"_all": True, "age": True},
        _avg={"age": True, "balance": True},
        _sum={"age": True, "score": True, "big": True, "balance": True},
        _min={"createdAt": True, "email": True, "age": True},
        _max={"createdAt": True, "active": True},
    )
    assert result["_count"] == {"_all": 4, "age": 3}
    assert result["_avg"]["age"] == pytest.approx(32.0) and isinstance(result["_avg"]["age"], float)
    assert result["_avg"]["balance"] == Decimal("5.375")
    assert result["_sum"] == {"age": 96, "score": 8.0, "big": 9007199254740993 + 9, "balance": Decimal("21.5")}
    assert isinstance(result["_sum"]["age"], int)
    assert result["_min"] == {"createdAt": utc(2024, 1, 1, 10), "email": "ann@x.io", "age": 25}
    assert result["_max"] == {"createdAt": utc(2024, 4, 1), "active": True}


def test_aggregate_over_a_page_and_an_empty_set(db: Db) -> None:
    page = db.q("User", "aggregate", order_by={"id": "asc"}, take=2, _sum={"age": True}, _count=True)
    assert page == {"_sum": {"age": 55}, "_count": 2}
    empty = db.q("User", "aggregate", where={"id": {"gt": 100}}, _avg={"age": True}, _max={"email": True}, _count=True)
    assert empty == {"_avg": {"age": None}, "_max": {"email": None}, "_count": 0}


def test_group_by(db: Db) -> None:
    rows = db.q("User", "group_by", by=["last"], _count={"_all": True}, _sum={"age": True}, order_by={"last": "asc"})
    assert rows == [
        {"last": "kim", "_count": {"_all": 1}, "_sum": {"age": None}},
        {"last": "lee", "_count": {"_all": 2}, "_sum": {"age": 55}},
        {"last": "park", "_count": {"_all": 1}, "_sum": {"age": 41}},
    ]


def test_group_by_having_and_ordering_by_aggregates(db: Db) -> None:
    rows = db.q(
        "User",
        "group_by",
        by="last",
        having={"age": {"_avg": {"gt": 26}}},
        _count=True,
        order_by={"_count": {"age": "desc"}},
    )
    assert rows == [{"last": "lee", "_count": 2}, {"last": "park", "_count": 1}]
    rows = db.q(
        "User", "group_by", by=["last"], having={"last": {"not": "lee"}}, order_by={"last": "desc"}, _max={"id": True}
    )
    assert rows == [{"last": "park", "_max": {"id": 4}}, {"last": "kim", "_max": {"id": 3}}]
    rows = db.q(
        "User",
        "group_by",
        by=["active", "last"],
        where={"id": {"lt": 4}},
        having={"OR": [{"id": {"_count": {"gt": 1}}}, {"last": "kim"}]},
        order_by=[{"last": "asc"}, {"active": "asc"}],
        _count={"id": True},
    )
    assert rows == [{"active": True, "last": "kim", "_count": {"id": 1}}]


def test_group_by_pages(db: Db) -> None:
    rows = db.q("Post", "group_by", by=["published"], order_by={"published": "asc"}, take=1, _sum={"views": True})
    assert rows == [{"published": False, "_sum": {"views": 1}}]
    rows = db.q("Post", "group_by", by=["published"], order_by={"published": "asc"}, skip=1, _avg={"views": True})
    # MariaDB computes AVG of integers with 4 decimals (div_precision_increment), as Prisma sees it there
    assert rows == [{"published": True, "_avg": {"views": pytest.approx(22 / 3, rel=1e-4)}}]
