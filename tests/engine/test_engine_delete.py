"""``delete``, ``delete_many`` and ``create_many_and_return`` through the public client, on real
SQLite, PostgreSQL and MariaDB databases with foreign keys (``relationMode = "foreignKeys"``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from referential_support import PROVIDERS, client

import refrakt
from refrakt import to_jsonable
from refrakt.errors import ForeignKeyConstraintError, RecordNotFoundError, UniqueConstraintError, ValidationError

SCHEMA = """
model User {
  id     Int     @id
  email  String  @unique
  name   String?
  posts  Post[]
  groups Group[]
}

model Post {
  id       Int    @id
  title    String
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
}

model Group {
  id    Int    @id
  users User[]
}

model Tagging {
  postId Int
  tag    String
  weight Int    @default(1)

  @@id([postId, tag])
}
"""


@pytest.fixture(params=PROVIDERS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[refrakt.Client]:
    with client(str(request.param), tmp_path, SCHEMA) as c:
        c.user.create_many(
            data=[{"id": i, "email": f"u{i}@x.io", "name": None if i == 3 else f"u{i}"} for i in range(1, 6)]
        )
        c.post.create_many(data=[{"id": 1, "title": "a", "authorId": 1}, {"id": 2, "title": "b", "authorId": 1}])
        yield c


def _ids(db: refrakt.Client, model: str) -> list[int]:
    return [r.id for r in db.model(model).find_many(order_by={"id": "asc"})]


def test_delete_returns_the_record_with_its_selection(db: refrakt.Client) -> None:
    db.group.create(data={"id": 1, "users": {"connect": [{"id": 2}, {"id": 4}]}})
    deleted = db.user.delete(where={"email": "u2@x.io"}, include={"groups": True})
    assert to_jsonable(deleted) == {"id": 2, "email": "u2@x.io", "name": "u2", "groups": [{"id": 1}]}
    assert _ids(db, "User") == [1, 3, 4, 5]
    # the implicit m:n row went away with the user
    group = db.group.find_unique(where={"id": 1}, include={"users": True})
    assert group is not None and [u.id for u in group.users] == [4]
    selected = db.user.delete(where={"id": 5}, select={"email": True})
    assert to_jsonable(selected) == {"email": "u5@x.io"}


def test_delete_of_a_missing_record_is_p2025(db: refrakt.Client) -> None:
    with pytest.raises(RecordNotFoundError) as info:
        db.user.delete(where={"id": 99})
    assert info.value.code == "P2025"
    assert info.value.meta["cause"] == "Record to delete does not exist."
    assert "Record to delete does not exist." in str(info.value)
    # extra filters beside the unique criteria: no match is not found either, nothing deleted
    with pytest.raises(RecordNotFoundError):
        db.user.delete(where={"id": 4, "name": "nope"})
    assert _ids(db, "User") == [1, 2, 3, 4, 5]


def test_delete_refused_by_the_foreign_key_changes_nothing(db: refrakt.Client) -> None:
    with pytest.raises(ForeignKeyConstraintError) as info:
        db.user.delete(where={"id": 1})
    assert info.value.code == "P2003"
    assert _ids(db, "User") == [1, 2, 3, 4, 5]
    assert _ids(db, "Post") == [1, 2]


def test_delete_many_with_filters_and_limit(db: refrakt.Client) -> None:
    assert db.user.delete_many(where={"name": None}) == 1
    assert db.user.delete_many(where={"id": {"gt": 1}}, limit=2) == 2
    assert len(_ids(db, "User")) == 2
    assert db.user.delete_many(where={"id": {"gt": 100}}) == 0
    assert db.post.delete_many() == 2
    assert db.user.delete_many(where={"posts": {"none": {}}}) == 2
    assert _ids(db, "User") == []


def test_delete_many_rejects_a_negative_limit(db: refrakt.Client) -> None:
    with pytest.raises(ValidationError) as info:
        db.user.delete_many(limit=-3)
    assert info.value.code == "P2019"
    assert "Provided limit (-3) must be a positive integer." in str(info.value)
    with pytest.raises(ValidationError) as wrong:
        db.user.delete_many(limit="2")
    assert wrong.value.code == "P2009"
    assert _ids(db, "User") == [1, 2, 3, 4, 5]


def test_create_many_and_return(db: refrakt.Client) -> None:
    if db.provider == "mysql":
        with pytest.raises(ValidationError) as info:
            db.post.create_many_and_return(data=[{"id": 3, "title": "c", "authorId": 2}])
        assert info.value.code == "P2009"
        assert _ids(db, "Post") == [1, 2]
        return
    created = db.post.create_many_and_return(
        data=[{"id": 4, "title": "d", "authorId": 2}, {"id": 3, "title": "c", "authorId": 3}],
        include={"author": {"select": {"email": True}}},
    )
    assert to_jsonable(created) == [
        {"id": 4, "title": "d", "authorId": 2, "author": {"email": "u2@x.io"}},
        {"id": 3, "title": "c", "authorId": 3, "author": {"email": "u3@x.io"}},
    ]
    again = db.post.create_many_and_return(
        data=[{"id": 3, "title": "c", "authorId": 3}, {"id": 5, "title": "e", "authorId": 1}],
        skip_duplicates=True,
        select={"id": True},
    )
    assert to_jsonable(again) == [{"id": 5}]
    with pytest.raises(ValidationError) as info:
        db.user.create_many_and_return(data=[{"id": 9, "email": "u9@x.io"}], include={"posts": True})
    assert info.value.code == "P2009"
    with pytest.raises(UniqueConstraintError):
        db.post.create_many_and_return(
            data=[{"id": 6, "title": "f", "authorId": 1}, {"id": 6, "title": "g", "authorId": 1}]
        )
    assert _ids(db, "Post") == [1, 2, 3, 4, 5]
    assert db.user.find_unique(where={"id": 9}) is None


def test_models_without_dependents_delete_in_one_statement(db: refrakt.Client) -> None:
    # nothing points at Post or Tagging: PostgreSQL and SQLite delete (and return) in one statement
    deleted = db.post.delete(where={"id": 2, "title": "b"}, omit={"authorId": True})
    assert to_jsonable(deleted) == {"id": 2, "title": "b"}
    with pytest.raises(RecordNotFoundError):
        db.post.delete(where={"id": 2})
    db.tagging.create_many(data=[{"postId": p, "tag": t, "weight": p} for p in (1, 2, 3) for t in ("x", "y")])
    gone = db.tagging.delete(where={"postId_tag": {"postId": 2, "tag": "y"}}, select={"weight": True})
    assert to_jsonable(gone) == {"weight": 2}
    assert db.tagging.delete_many(where={"tag": "x", "weight": {"gte": 2}}, limit=1) == 1
    assert db.tagging.count() == 4
    assert db.tagging.delete_many(where={"OR": [{"postId": 1}, {"tag": "y"}]}) == 3
    assert [(t.postId, t.tag) for t in db.tagging.find_many()] in ([(2, "x")], [(3, "x")])
    assert db.tagging.delete_many() == 1
    assert db.post.delete_many(where={}) == 1
    assert _ids(db, "Post") == []
