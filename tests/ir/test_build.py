"""The data model IR built from real schemas: names, kinds, keys, defaults, native types."""

from __future__ import annotations

from decimal import Decimal

import pytest

from refrakt import schema
from refrakt.ir import DataModel

SCHEMA = """
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

/// People who write.
model User {
  id      Int      @id @default(autoincrement())
  email   String   @unique
  name    String?  @map("full_name") @db.VarChar(100)
  role    Role     @default(USER)
  balance Decimal  @default(1.50)
  active  Boolean  @default(true)
  tags    String[]
  posts   Post[]

  @@map("users")
}

model Post {
  id       String   @id @default(uuid())
  title    String
  created  DateTime @default(now())
  author   User     @relation(fields: [authorId], references: [id], onDelete: Cascade)
  authorId Int
}

enum Role {
  USER  @map("user")
  ADMIN
}
"""


@pytest.fixture(scope="module")
def dm() -> DataModel:
    parsed = schema.parse(SCHEMA)
    assert parsed.errors == []
    assert parsed.datamodel is not None
    return parsed.datamodel


def test_models_keep_schema_order_and_db_names(dm: DataModel) -> None:
    assert list(dm.models) == ["User", "Post"]
    assert dm.models["User"].db_name == "users"
    assert dm.models["User"].documentation == "People who write."
    assert dm.provider == "postgresql"


def test_field_kinds_and_flags(dm: DataModel) -> None:
    user = dm.models["User"]
    assert user.fields["id"].kind == "scalar" and user.fields["id"].is_id
    assert user.fields["email"].is_unique and not user.fields["email"].is_id
    assert user.fields["name"].db_name == "full_name" and not user.fields["name"].is_required
    assert user.fields["role"].kind == "enum" and user.fields["role"].type == "Role"
    assert user.fields["tags"].is_list
    posts = user.fields["posts"]
    assert posts.kind == "object" and posts.type == "Post" and posts.is_list
    assert posts.relation_name == "PostToUser"


def test_defaults_are_python_values(dm: DataModel) -> None:
    user = dm.models["User"]
    id_default = user.fields["id"].default
    assert id_default is not None and id_default.function == "autoincrement"
    balance = user.fields["balance"].default
    assert balance is not None and balance.value == Decimal("1.50")
    active = user.fields["active"].default
    assert active is not None and active.value is True
    role = user.fields["role"].default
    assert role is not None and role.value == "USER"
    uuid = dm.models["Post"].fields["id"].default
    assert uuid is not None and uuid.function == "uuid"


def test_native_types(dm: DataModel) -> None:
    native = dm.models["User"].fields["name"].native_type
    assert native is not None and native.name == "VarChar" and native.args == ("100",)


def test_keys_have_prisma_constraint_names(dm: DataModel) -> None:
    user = dm.models["User"]
    assert user.primary_key is not None and user.primary_key.field_names == ("id",)
    assert user.primary_key.db_name == "users_pkey"
    (unique,) = user.unique_indexes
    assert unique.db_name == "users_email_key" and unique.field_names == ("email",)


def test_relation_fields(dm: DataModel) -> None:
    author = dm.models["Post"].fields["author"]
    assert author.relation_from_fields == ("authorId",)
    assert author.relation_to_fields == ("id",)
    assert author.relation_on_delete == "Cascade"
    assert dm.models["Post"].fields["authorId"].is_read_only


def test_enums(dm: DataModel) -> None:
    role = dm.enums["Role"]
    assert role.value_names == ("USER", "ADMIN")
    assert [v.db_name for v in role.values] == ["user", "ADMIN"]


def test_invalid_schema_has_no_datamodel() -> None:
    parsed = schema.parse("model A {\n  id Int @id\n  b Nope\n}\n")
    assert parsed.errors and parsed.datamodel is None


def test_datamodel_is_frozen(dm: DataModel) -> None:
    with pytest.raises(AttributeError):
        dm.models["User"].name = "X"  # type: ignore[misc]
    with pytest.raises(TypeError):
        dm.models["X"] = dm.models["User"]  # type: ignore[index]


RELATIONS = """
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id      Int     @id
  posts   Post[]
  profile Profile?
}

model Profile {
  id     Int  @id
  user   User @relation(fields: [userId], references: [id], onDelete: Cascade, map: "profile_owner")
  userId Int  @unique
}

model Post {
  id       Int   @id
  author   User? @relation(fields: [authorId], references: [id])
  authorId Int?
  tags     Tag[]
}

model Tag {
  id    Int    @id
  posts Post[]
}
"""


def test_relations_resolved_on_both_sides() -> None:
    parsed = schema.parse(RELATIONS)
    assert parsed.errors == [] and parsed.datamodel is not None
    by_name = {r.name: r for r in parsed.datamodel.relations}
    assert set(by_name) == {"PostToUser", "ProfileToUser", "PostToTag"}

    one_to_many = by_name["PostToUser"]
    assert one_to_many.kind == "one_to_many"
    assert (one_to_many.referencing.model, one_to_many.referencing.field) == ("Post", "author")
    assert (one_to_many.referenced.model, one_to_many.referenced.field) == ("User", "posts")
    assert one_to_many.fields == ("authorId",) and one_to_many.references == ("id",)
    assert one_to_many.fk_name == "Post_authorId_fkey"
    # Prisma's defaults: optional relation → onDelete SetNull; onUpdate Cascade.
    assert (one_to_many.on_delete, one_to_many.on_update) == ("SetNull", "Cascade")

    one_to_one = by_name["ProfileToUser"]
    assert one_to_one.kind == "one_to_one"
    assert one_to_one.on_delete == "Cascade" and one_to_one.fk_name == "profile_owner"

    many = by_name["PostToTag"]
    assert many.kind == "many_to_many" and many.table == "_PostToTag"
    assert (many.referencing.model, many.referenced.model) == ("Post", "Tag")


def test_implicit_many_to_many_sides_are_sorted_by_model_name() -> None:
    text = "model Tag {\n  id Int @id\n  posts Post[]\n}\n\nmodel Post {\n  id Int @id\n  tags Tag[]\n}\n"
    parsed = schema.parse(text)
    assert parsed.datamodel is not None
    (relation,) = parsed.datamodel.relations
    assert relation.table == "_PostToTag" and relation.referencing.model == "Post"


def test_relation_field_names_in_dmmf_view() -> None:
    parsed = schema.parse(RELATIONS)
    assert parsed.datamodel is not None
    user = parsed.datamodel.models["User"]
    assert user.fields["posts"].relation_name == "PostToUser"
    assert user.fields["profile"].relation_name == "ProfileToUser"
    assert parsed.datamodel.models["Profile"].fields["user"].relation_on_delete == "Cascade"
