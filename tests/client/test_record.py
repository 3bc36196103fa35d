"""Records and to_jsonable: attribute/item access, unloaded relations, Prisma's JSON shapes."""

from __future__ import annotations

import datetime as dt
import enum
import pickle
from decimal import Decimal

import pytest

from refrakt import Record, to_jsonable
from refrakt._record import record_class
from refrakt.errors import RelationNotLoadedError

User = record_class("User", {"posts"})


def test_attribute_and_item_access() -> None:
    u = User({"id": 1, "email": "a@x.io"})
    assert u.id == 1 and u["email"] == "a@x.io"
    assert dict(u) == {"id": 1, "email": "a@x.io"}
    assert u == {"id": 1, "email": "a@x.io"}
    assert repr(u) == "User(id=1, email='a@x.io')"


def test_unloaded_relation_says_how_to_include_it() -> None:
    u = User({"id": 1})
    with pytest.raises(RelationNotLoadedError) as info:
        _ = u.posts
    assert 'include={"posts": True}' in str(info.value)
    assert isinstance(info.value, AttributeError)
    with pytest.raises(RelationNotLoadedError):
        _ = u["posts"]


def test_unknown_field_is_a_plain_attribute_error() -> None:
    u = User({"id": 1})
    with pytest.raises(AttributeError, match="no field 'nope'"):
        _ = u.nope
    assert not hasattr(u, "nope")


def test_records_are_read_only_and_picklable() -> None:
    u = User({"id": 1})
    with pytest.raises(AttributeError):
        u.id = 2  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(u))
    assert again == u and type(again).__model__ == "User"


class Role(enum.Enum):
    USER = "USER"


def test_to_jsonable_matches_prisma_shapes() -> None:
    value = Record(
        {
            "at": dt.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=dt.UTC),
            "local": dt.datetime(2024, 1, 2, 4, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            "amount": Decimal("1.50"),
            "blob": b"hi",
            "role": Role.USER,
            "big": 2**63 - 1,
            "posts": [Record({"id": 1})],
            "_count": {"posts": 1},
        }
    )
    assert to_jsonable(value) == {
        "at": "2024-01-02T03:04:05.123Z",
        "local": "2024-01-02T03:04:05.000Z",
        "amount": "1.50",
        "blob": "aGk=",
        "role": "USER",
        "big": 9223372036854775807,
        "posts": [{"id": 1}],
        "_count": {"posts": 1},
    }
    assert value.to_dict() == to_jsonable(value)


def test_to_jsonable_rejects_unknown_types() -> None:
    with pytest.raises(TypeError):
        to_jsonable(object())
