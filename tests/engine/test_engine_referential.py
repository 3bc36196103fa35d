"""Referential actions on ``delete`` / ``delete_many``, through the public client, on real SQLite,
PostgreSQL and MariaDB databases: emulated by refrakt with ``relationMode = "prisma"`` (no foreign
keys in the database), and enforced by the database with foreign keys."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from referential_support import PROVIDERS, client, pushed

import refrakt
from refrakt.errors import ForeignKeyConstraintError, RelationViolationError

# Model order matters for the atomicity test: Profile's SetNull runs before Post's Cascade.
SCHEMA = """
model User {
  id       Int       @id
  email    String    @unique
  profile  Profile?
  posts    Post[]
  accounts Account[]
  groups   Group[]
}

model Profile {
  id     Int   @id
  userId Int?  @unique
  user   User? @relation(fields: [userId], references: [id])
}

model Post {
  id       Int       @id
  authorId Int
  author   User      @relation(fields: [authorId], references: [id], onDelete: Cascade)
  comments Comment[]
}

model Comment {
  id        Int        @id
  postId    Int
  post      Post       @relation(fields: [postId], references: [id], onDelete: Cascade)
  reactions Reaction[]
}

model Reaction {
  id        Int     @id
  commentId Int
  comment   Comment @relation(fields: [commentId], references: [id], onDelete: Restrict, onUpdate: Restrict)
}

model Account {
  id        Int    @id
  userEmail String
  user      User   @relation(fields: [userEmail], references: [email])
}

model Group {
  id    Int    @id
  users User[]
}

model Team {
  org     String
  num     Int
  members Member[]

  @@id([org, num])
}

model Member {
  id   Int    @id
  org  String
  num  Int
  team Team   @relation(fields: [org, num], references: [org, num], onDelete: Cascade)
}
"""


def _seed(db: refrakt.Client) -> None:
    for i in (1, 2, 3):
        db.user.create(data={"id": i, "email": f"u{i}@x.io"})
    db.profile.create_many(data=[{"id": 1, "userId": 1}, {"id": 2, "userId": 2}])
    db.post.create_many(data=[{"id": 1, "authorId": 1}, {"id": 2, "authorId": 1}, {"id": 3, "authorId": 2}])
    db.comment.create_many(data=[{"id": 1, "postId": 1}, {"id": 2, "postId": 2}, {"id": 3, "postId": 3}])
    db.group.create(data={"id": 1, "users": {"connect": [{"id": 1}, {"id": 2}]}})


@pytest.fixture(params=PROVIDERS)
def emulated(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[refrakt.Client]:
    with client(str(request.param), tmp_path, SCHEMA, relation_mode="prisma") as c:
        _seed(c)
        yield c


def _ids(db: refrakt.Client, model: str) -> list[int]:
    return [r.id for r in db.model(model).find_many(order_by={"id": "asc"})]


def test_emulated_cascade_and_set_null(emulated: refrakt.Client) -> None:
    db = emulated
    deleted = db.user.delete(where={"id": 1})
    assert deleted.email == "u1@x.io"
    assert _ids(db, "Post") == [3]  # cascade
    assert _ids(db, "Comment") == [3]  # cascade, recursively
    profiles = {p.id: p.userId for p in db.profile.find_many()}
    assert profiles == {1: None, 2: 2}  # optional relation: SetNull by default
    group = db.group.find_unique(where={"id": 1}, include={"users": True})
    assert group is not None and [u.id for u in group.users] == [2]  # the join table row went too


def test_emulated_restrict_is_p2014_and_changes_nothing(emulated: refrakt.Client) -> None:
    db = emulated
    db.account.create(data={"id": 1, "userEmail": "u3@x.io"})  # required: Restrict by default
    with pytest.raises(RelationViolationError) as info:
        db.user.delete(where={"id": 3})
    assert info.value.code == "P2014"
    assert str(info.value) == (
        "The change you are trying to make would violate the required relation 'AccountToUser' between the "
        "`Account` and `User` models."
    )
    assert _ids(db, "User") == [1, 2, 3]


def test_a_restrict_deep_in_a_cascade_rolls_everything_back(emulated: refrakt.Client) -> None:
    db = emulated
    db.reaction.create(data={"id": 1, "commentId": 2})  # under post 2, under user 1
    with pytest.raises(RelationViolationError) as info:
        db.user.delete_many(where={"id": {"in": [1, 2]}})
    assert "'CommentToReaction'" in str(info.value)
    assert _ids(db, "User") == [1, 2, 3]
    assert _ids(db, "Post") == [1, 2, 3]
    assert _ids(db, "Comment") == [1, 2, 3]
    assert {p.id: p.userId for p in db.profile.find_many()} == {1: 1, 2: 2}  # the SetNull was undone
    group = db.group.find_unique(where={"id": 1}, include={"users": True})
    assert group is not None and [u.id for u in group.users] == [1, 2]
    db.reaction.delete(where={"id": 1})
    assert db.user.delete_many(where={"id": {"in": [1, 2]}}) == 2
    assert _ids(db, "Post") == [] and _ids(db, "Comment") == []


def test_emulated_cascade_on_a_compound_key(emulated: refrakt.Client) -> None:
    db = emulated
    db.team.create(data={"org": "a", "num": 1, "members": {"create": [{"id": 1}, {"id": 2}]}})
    db.team.create(data={"org": "a", "num": 2, "members": {"create": [{"id": 3}]}})
    assert db.team.delete_many(where={"num": 1}) == 1
    assert _ids(db, "Member") == [3]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_foreign_keys_enforce_the_actions(provider: str, tmp_path: Path) -> None:
    with client(provider, tmp_path, SCHEMA) as db:
        _seed(db)
        db.account.create(data={"id": 1, "userEmail": "u3@x.io"})
        with pytest.raises(ForeignKeyConstraintError) as info:
            db.user.delete(where={"id": 3})
        assert info.value.code == "P2003"
        # meta["field_name"] as Prisma's engine reports it on each database
        expected = {"sqlite": "foreign key", "postgresql": "Account_userEmail_fkey (index)", "mysql": "userEmail"}
        assert info.value.meta["field_name"] == expected[provider]
        assert _ids(db, "User") == [1, 2, 3]
        db.user.delete(where={"id": 1})
        assert _ids(db, "Post") == [3] and _ids(db, "Comment") == [3]
        assert {p.id: p.userId for p in db.profile.find_many()} == {1: None, 2: 2}
        group = db.group.find_unique(where={"id": 1}, include={"users": True})
        assert group is not None and [u.id for u in group.users] == [2]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_async_client_emulates_the_same(provider: str, tmp_path: Path) -> None:
    with pushed(provider, tmp_path, SCHEMA, relation_mode="prisma") as (source, url):
        with refrakt.Client.from_schema(source, url=url) as db:
            _seed(db)
            db.reaction.create(data={"id": 1, "commentId": 3})  # under post 3, under user 2

        async def main() -> tuple[int, str | None, list[int], list[int]]:
            async with refrakt.AsyncClient.from_schema(source, url=url) as adb:
                count = await adb.user.delete_many(where={"id": 1})
                try:
                    await adb.user.delete(where={"id": 2})
                    code = "none"
                except RelationViolationError as exc:
                    code = exc.code
                users = [u.id for u in await adb.user.find_many(order_by={"id": "asc"})]
                posts = [p.id for p in await adb.post.find_many(order_by={"id": "asc"})]
                return count, code, users, posts

        assert asyncio.run(main()) == (1, "P2014", [2, 3], [3])


def test_emulated_on_update_cascade_and_restrict(emulated: refrakt.Client) -> None:
    db = emulated
    db.account.create(data={"id": 1, "userEmail": "u1@x.io"})
    # Account -> User.email: onDelete Restrict (required), onUpdate Cascade (the default)
    db.user.update(where={"id": 1}, data={"email": "one@x.io"})
    account = db.account.find_unique(where={"id": 1})
    assert account is not None and account.userEmail == "one@x.io"
    # Post -> User.id: onUpdate Cascade too; Comment follows its post's id
    db.post.update(where={"id": 1}, data={"id": 10})
    assert [c.postId for c in db.comment.find_many(order_by={"id": "asc"})] == [10, 2, 3]
    db.reaction.create(data={"id": 1, "commentId": 1})
    with pytest.raises(RelationViolationError):  # Reaction -> Comment: onUpdate Restrict
        db.comment.update(where={"id": 1}, data={"id": 11})
    assert _ids(db, "Comment") == [1, 2, 3]
