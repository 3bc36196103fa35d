"""Relation inference (db/_relations.py) and the relation walkers (db/_walk_relations.py)."""

from __future__ import annotations

from relations_testlib import header, valid

from refrakt.psl.db import ReferentialAction
from refrakt.psl.db._relations import RelationKind, pair_relation_fields, relations_of
from refrakt.psl.db._walk_relations import (
    RelationFieldWalker,
    RelationWalker,
    complete_inline_relations_from,
    fields_missing_opposite,
    walk_relation_fields,
    walk_relations,
)
from refrakt.schema import parse

ONE_TO_MANY = """
model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
}
"""


def _names(relation: RelationWalker) -> tuple[str | None, str | None]:
    forward, back = relation.forward_field, relation.back_field
    return (forward.name if forward else None, back.name if back else None)


def test_one_to_many_defined_on_both_sides() -> None:
    db = valid(ONE_TO_MANY).database
    (relation,) = walk_relations(db)
    assert relation.kind is RelationKind.ONE_TO_MANY
    assert db.model(relation.referencing_model).name.name == "Post"
    assert db.model(relation.referenced_model).name.name == "User"
    assert _names(relation) == ("author", "posts")
    assert relation.relation_name == "PostToUser"
    assert [db.scalar_field_ast(s).name.name for s in relation.referenced_fields] == ["id"]
    assert relation.is_complete


def test_one_to_one_when_fields_are_unique() -> None:
    db = valid(
        """
model User {
  id      Int      @id
  profile Profile?
}

model Profile {
  id     Int  @id
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id])
}
"""
    ).database
    (relation,) = walk_relations(db)
    assert relation.is_one_to_one
    assert _names(relation) == ("user", "profile")


def test_lone_forward_field_with_unique_fields_is_one_to_one() -> None:
    db = parse(
        """
model User {
  id Int @id
}

model Profile {
  id     Int  @id
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id])
}
"""
    ).database
    (relation,) = walk_relations(db)
    assert relation.kind is RelationKind.ONE_TO_ONE
    assert relation.back_field is None
    assert [f.name for f in fields_missing_opposite(db)] == ["user"]


def test_lone_list_field_is_the_back_side_of_a_one_to_many() -> None:
    db = parse(
        """
model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id Int @id
}
"""
    ).database
    (relation,) = walk_relations(db)
    assert relation.kind is RelationKind.ONE_TO_MANY
    assert relation.forward_field is None
    assert _names(relation) == (None, "posts")
    assert db.model(relation.model_a).name.name == "Post"
    # referenced fields fall back to the referenced model's id
    assert [db.scalar_field_ast(s).name.name for s in relation.referenced_fields] == ["id"]


def test_implicit_many_to_many_orders_models_by_name() -> None:
    db = valid(
        """
model Post {
  id         Int        @id
  categories Category[]
}

model Category {
  id    Int    @id
  posts Post[]
}
"""
    ).database
    (relation,) = walk_relations(db)
    assert relation.is_implicit_many_to_many
    assert db.model(relation.model_a).name.name == "Category"
    assert relation.field_a.name == "posts"
    assert relation.table_name == "_CategoryToPost"
    assert (relation.column_a_name, relation.column_b_name) == ("A", "B")


def test_self_many_to_many_orders_fields_by_name() -> None:
    db = valid(
        """
model User {
  id        Int    @id
  following User[] @relation("follows")
  followers User[] @relation("follows")
}
"""
    ).database
    (relation,) = walk_relations(db)
    assert relation.is_implicit_many_to_many
    assert (relation.field_a.name, relation.field_b.name) == ("followers", "following")
    assert relation.table_name == "_follows"


def test_two_way_embedded_many_to_many_when_a_side_has_fields() -> None:
    schema = parse(
        """
datasource db {
  provider = "mongodb"
  url      = "mongodb://..."
}

model A {
  id    String   @id @map("_id") @db.ObjectId
  b_ids String[] @db.ObjectId
  bs    B[]      @relation(fields: [b_ids], references: [id])
}

model B {
  id    String   @id @map("_id") @db.ObjectId
  a_ids String[] @db.ObjectId
  as    A[]      @relation(fields: [a_ids], references: [id])
}
"""
    )
    assert schema.errors == []
    (relation,) = walk_relations(schema.database)
    assert relation.is_two_way_embedded_many_to_many


def test_optional_one_to_one_without_fields_picks_the_first_model_by_name() -> None:
    db = parse(
        """
model B {
  id Int @id
  a  A?
}

model A {
  id Int @id
  b  B?
}
"""
    ).database
    (relation,) = walk_relations(db)
    assert relation.is_one_to_one
    assert db.model(relation.referencing_model).name.name == "A"


def test_store_indexes_and_field_lookup() -> None:
    db = valid(ONE_TO_MANY).database
    store = relations_of(db)
    assert len(store) == 1 == len(db.relations)
    user_id = db.find_model("User")
    post_id = db.find_model("Post")
    assert user_id is not None and post_id is not None
    assert list(store.from_model(post_id)) == [0]
    assert list(store.to_model(user_id)) == [0]
    assert [r.id for r in complete_inline_relations_from(db, post_id)] == [0]
    author = next(f for f in walk_relation_fields(db) if f.name == "author")
    opposite = author.opposite
    assert opposite is not None and opposite.name == "posts"
    # the pure function gives the same relations as the pass
    assert pair_relation_fields(db).storage == store.storage


def test_relation_field_walker_facts() -> None:
    db = valid(
        header("postgresql")
        + """
model User {
  id    Int    @id
  posts Post[] @relation("authored")
}

model Post {
  id       Int   @id
  authorId Int?
  author   User? @relation("authored", fields: [authorId], references: [id], onUpdate: Restrict, map: "fk_author")
}
"""
    ).database
    author = next(f for f in walk_relation_fields(db) if f.name == "author")
    assert isinstance(author, RelationFieldWalker)
    assert author.relation_name == "authored"
    assert author.mapped_name == "fk_author"
    assert author.explicit_on_update is ReferentialAction.Restrict
    assert author.explicit_on_delete is None
    assert not author.referential_arity.is_required
    relation = author.relation
    assert relation is not None
    assert relation.on_delete(restrict_supported=True) is ReferentialAction.SetNull
    assert relation.on_update is ReferentialAction.Restrict


def test_default_on_delete_follows_the_referencing_scalar_fields() -> None:
    db = valid(
        """
model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id       Int   @id
  authorId Int
  author   User? @relation(fields: [authorId], references: [id])
}
"""
    ).database
    (relation,) = walk_relations(db)
    # the relation field is optional but its scalar field is required: referential arity required
    assert relation.on_delete(restrict_supported=True) is ReferentialAction.Restrict
    assert relation.on_delete(restrict_supported=False) is ReferentialAction.NoAction
    assert relation.on_update is ReferentialAction.Cascade
