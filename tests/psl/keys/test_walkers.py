"""The key walkers: what the IR and the migration engine read about primary keys and indexes."""

from __future__ import annotations

from keys_testlib import header

from refrakt.psl.connectors import MYSQL, POSTGRES, SQLITE
from refrakt.psl.db import IndexAlgorithm, ParserDatabase, SortOrder
from refrakt.psl.db._walk_keys import (
    field_is_part_of_a_compound_pk,
    field_is_single_pk,
    field_is_unique,
    model_indexes,
    model_primary_key,
    unique_criterias,
)
from refrakt.schema import parse

SCHEMA = (
    header("postgresql")
    + """model Post {
  id       Int    @id @default(autoincrement())
  title    String @map("post_title")
  authorId Int
  slug     String @unique(sort: Desc)

  @@index([title, authorId(sort: Desc)], type: BTree)
  @@unique([authorId, title], name: "byAuthor")
  @@map("posts")
}

model Tag {
  a Int
  b Int

  @@id([a, b], map: "tag_pk")
}
"""
)


def _db(schema: str) -> ParserDatabase:
    result = parse(schema)
    assert result.errors == []
    return result.database


def _model(db: ParserDatabase, name: str) -> tuple[int, int]:
    model_id = db.find_model(name)
    assert model_id is not None
    return model_id


def _sfid(db: ParserDatabase, model: str, field: str) -> int:
    model_id = _model(db, model)
    field_id = db.find_model_field(model_id, field)
    assert field_id is not None
    sfid = db.scalar_field_id(model_id, field_id)
    assert sfid is not None
    return sfid


def test_index_walkers() -> None:
    db = _db(SCHEMA)
    indexes = model_indexes(db, _model(db, "Post"))
    assert [i.attribute_name for i in indexes] == ["@unique", "@@index", "@@unique"]
    slug, by_title, by_author = indexes
    assert slug.is_defined_on_field and slug.source_field == _sfid(db, "Post", "slug")
    assert [f.sort_order for f in slug.scalar_field_attributes()] == [SortOrder.Desc]
    assert by_title.algorithm is IndexAlgorithm.BTree
    assert [f.name for f in by_title.fields()] == ["title", "authorId"]
    assert [f.sort_order for f in by_title.scalar_field_attributes()] == [None, SortOrder.Desc]
    assert by_author.name == "byAuthor" and by_author.mapped_name is None
    # default names use database names (@@map, @map)
    assert [i.constraint_name(POSTGRES) for i in indexes] == [
        "posts_slug_key",
        "posts_post_title_authorId_idx",
        "posts_authorId_post_title_key",
    ]
    assert by_title.ast_attribute.name.name == "index"


def test_primary_key_walkers() -> None:
    db = _db(SCHEMA)
    post = model_primary_key(db, _model(db, "Post"))
    tag = model_primary_key(db, _model(db, "Tag"))
    assert post is not None and tag is not None
    assert post.attribute_name == "@id" and tag.attribute_name == "@@id"
    assert post.constraint_name(POSTGRES) == "posts_pkey"
    assert tag.constraint_name(POSTGRES) == "tag_pk"
    assert tag.constraint_name(SQLITE) is None  # SQLite does not name primary keys
    assert post.constraint_name(MYSQL) is None
    assert tag.fields() == [_sfid(db, "Tag", "a"), _sfid(db, "Tag", "b")]


def test_field_facts() -> None:
    db = _db(SCHEMA)
    assert field_is_single_pk(db, _sfid(db, "Post", "id"))
    assert field_is_unique(db, _sfid(db, "Post", "slug"))
    assert not field_is_unique(db, _sfid(db, "Post", "title"))
    assert field_is_part_of_a_compound_pk(db, _sfid(db, "Tag", "a"))
    assert not field_is_single_pk(db, _sfid(db, "Tag", "a"))


def test_unique_criterias() -> None:
    db = _db(SCHEMA)
    criterias = list(unique_criterias(db, _model(db, "Post")))
    assert [[f.name for f in c.fields()] for c in criterias] == [["id"], ["slug"], ["authorId", "title"]]
    assert all(c.is_strict for c in criterias)


def test_composite_index_paths() -> None:
    schema = (
        header("mongodb")
        + """type Address {
  street String @map("st")
  city   String
}

model User {
  id      String  @id @map("_id") @db.ObjectId
  address Address

  @@index([address.street])
}
"""
    )
    db = _db(schema)
    [index] = model_indexes(db, _model(db, "User"))
    [attr] = index.scalar_field_attributes()
    assert attr.path_to_indexed_field() == [("address", None), ("street", "Address")]
    assert attr.mapped_path_to_indexed_field() == [("address", None), ("st", "Address")]
    assert index.all_field_names() == ["address", "street"]
    assert index.constraint_name(POSTGRES) == "User_address_st_idx"
    assert [f.name for f in index.fields()] == ["street"]
