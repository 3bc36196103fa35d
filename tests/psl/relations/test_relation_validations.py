"""The relation rules of the validation pipeline (validate/_relation*.py, _relations_*.py)."""

from __future__ import annotations

from relations_testlib import errors, header, valid, warnings


def test_ambiguous_relation_stops_validation() -> None:
    text = """
model Todo {
  id        Int       @id
  comments  Comment[]
  comments2 Comment[]
}

model Comment {
  id   Int    @id
  text String
}
"""
    assert errors(text) == [
        (
            'Error validating model "Todo": Ambiguous relation detected. The fields `comments` and `comments2` in '
            "model `Todo` both refer to `Comment`. Please provide different relation names for them by adding "
            "`@relation(<name>).",
            4,
        )
    ]


def test_explicit_name_equal_to_generated_name_is_ambiguous() -> None:
    text = """
model Club {
  id      Int    @id
  adminId Int
  admin   User   @relation(fields: [adminId], references: [id])
  members User[] @relation("ClubToUser")
}

model User {
  id         Int    @id
  clubs      Club[] @relation("ClubToUser")
  ownedClubs Club[]
}
"""
    assert errors(text) == [
        (
            'Error validating model "Club": Ambiguous relation detected. The fields `admin` and `members` in model '
            "`Club` both refer to `User`. Please provide different relation names for them by adding "
            "`@relation(<name>).",
            5,
        )
    ]


def test_unnamed_self_relation_with_three_fields() -> None:
    text = """
model User {
  id       Int    @id
  parentId Int?
  parent   User?  @relation(fields: [parentId], references: [id])
  children User[]
  other    User[]
}
"""
    assert errors(text)[0] == (
        'Error validating model "User": Unnamed self relation detected. The fields `parent`, `children` and `other` '
        "in model `User` have no relation name. Please provide a relation name for one of them by adding "
        "`@relation(<name>).",
        5,
    )


def test_missing_opposite_field() -> None:
    text = """
model User {
  id Int @id
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
}
"""
    assert errors(text) == [
        (
            "Error validating field `author` in model `Post`: The relation field `author` on model `Post` is missing "
            "an opposite relation field on the model `User`. Either run `prisma format` or add it manually.",
            9,
        )
    ]


def test_one_to_many_without_fields_and_references() -> None:
    text = """
model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id     Int  @id
  author User
}
"""
    assert errors(text) == [
        (
            'Error parsing attribute "@relation": The relation field `author` on Model `Post` must specify the '
            "`fields` argument in the @relation attribute. You can run `prisma format` to fix this automatically.",
            9,
        ),
        (
            'Error parsing attribute "@relation": The relation field `author` on Model `Post` must specify the '
            "`references` argument in the @relation attribute.",
            9,
        ),
    ]


def test_references_must_be_unique_and_types_must_match() -> None:
    text = """
model User {
  id    Int    @id
  email String
  posts Post[]
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [email])
}
"""
    assert errors(text) == [
        (
            'Error parsing attribute "@relation": The argument `references` must refer to a unique criterion in the '
            "related model. Consider adding an `@unique` attribute to the field `email` in the model `User`.",
            11,
        ),
        (
            'Error parsing attribute "@relation": The type of the field `authorId` in the model `Post` is not '
            "matching the type of the referenced field `email` in model `User`.",
            11,
        ),
    ]


def test_required_relation_field_with_optional_scalar_fields() -> None:
    text = """
model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id       Int  @id
  authorId Int?
  author   User @relation(fields: [authorId], references: [id])
}
"""
    assert errors(text) == [
        (
            "Error validating: The relation field `author` uses the scalar fields authorId. At least one of those "
            "fields is optional. Hence the relation field must be optional as well.",
            10,
        )
    ]


def test_one_to_one_needs_unique_fields_and_optional_back_side() -> None:
    not_unique = """
model User {
  id      Int      @id
  profile Profile?
}

model Profile {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [id])
}
"""
    assert errors(not_unique) == [
        (
            'Error parsing attribute "@relation": A one-to-one relation must use unique fields on the defining side. '
            "Either add an `@unique` attribute to the field `userId`, or change the relation to one-to-many.",
            10,
        )
    ]
    required_back = not_unique.replace("Profile?", "Profile").replace("userId Int\n", "userId Int @unique\n")
    assert errors(required_back) == [
        (
            'Error parsing attribute "@relation": The relation field `profile` on Model `User` is required. This is '
            "not valid because it's not possible to enforce this constraint on the database level. Please change the "
            "field type from `Profile` to `Profile?` to fix this.",
            4,
        )
    ]


def test_implicit_many_to_many_rules() -> None:
    text = """
model Post {
  id         Int        @id
  categories Category[] @relation(onDelete: Cascade)
}

model Category {
  id    Int    @id
  posts Post[]
}
"""
    assert errors(text) == [
        ("Error validating: Referential actions on implicit many-to-many relations are not supported", 4)
    ]
    no_id = """
model Post {
  id         Int
  slug       Int        @unique
  categories Category[]

  @@id([id, slug])
}

model Category {
  id    Int    @id
  posts Post[]
}
"""
    assert errors(no_id) == [
        (
            "Error validating field `posts` in model `Category`: The relation field `posts` on model `Category` "
            "references `Post` which does not have an `@id` field. Models without `@id` cannot be part of a many to "
            "many relation. Use an explicit intermediate Model to represent this relationship.",
            12,
        )
    ]


def test_embedded_many_to_many_is_not_supported_on_sql() -> None:
    text = (
        header("postgresql")
        + """
model A {
  id    Int   @id
  b_ids Int[]
  bs    B[]   @relation(fields: [b_ids], references: [id])
}

model B {
  id Int @id
  as A[]
}
"""
    )
    message = (
        "Error validating: Embedded many-to-many relations are not supported on Postgres. Please use the syntax "
        "defined in https://pris.ly/d/relational-database-many-to-many"
    )
    assert errors(text) == [(message, 10), (message, 15)]


def test_referential_action_not_supported_by_the_connector() -> None:
    text = (
        header("sqlserver")
        + """
model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id], onDelete: Restrict)
}
"""
    )
    assert errors(text) == [
        (
            "Error validating: Invalid referential action: `Restrict`. Allowed values: (`Cascade`, `NoAction`, "
            "`SetNull`, `SetDefault`)",
            15,
        )
    ]


def test_set_null_on_required_fields() -> None:
    base = """
model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id       Int   @id
  authorId Int
  author   User? @relation(fields: [authorId], references: [id], onDelete: SetNull)
}
"""
    assert errors(header("mysql") + base) == [
        (
            'Error parsing attribute "@relation": The `onDelete` referential action of a relation must not be set to '
            "`SetNull` when a referenced field is required.\nEither choose another referential action, or make the "
            "referenced fields optional.\n",
            15,
        )
    ]
    assert warnings(header("postgresql") + base) == [
        (
            "The `onDelete` referential action of a relation should not be set to `SetNull` when a referenced field "
            "is required. We recommend either to choose another referential action, or to make the referenced fields "
            "optional. Read more at https://pris.ly/d/postgres-set-null ",
            15,
        )
    ]


def test_self_relation_cycle_on_sql_server() -> None:
    text = (
        header("sqlserver")
        + """
model Person {
  id         Int      @id
  motherId   Int?
  mother     Person?  @relation("MotherChildren", fields: [motherId], references: [id], onDelete: Cascade)
  children   Person[] @relation("MotherChildren")
}
"""
    )
    assert errors(text) == [
        (
            "Error validating: A self-relation must have `onDelete` and `onUpdate` referential actions set to "
            "`NoAction` in one of the @relation attributes. (Implicit default `onUpdate`: `Cascade`) Read more at "
            "https://pris.ly/d/cyclic-referential-actions",
            10,
        )
    ]


def test_cycle_between_models_with_prisma_relation_mode() -> None:
    text = (
        header("postgresql", relation_mode="prisma")
        + """
model A {
  id  Int @id
  bId Int @unique
  b   B   @relation(fields: [bId], references: [id], onDelete: Cascade, onUpdate: Cascade)
  bs  B[] @relation("b_to_a")
}

model B {
  id  Int  @id
  aId Int  @unique
  a   A    @relation("b_to_a", fields: [aId], references: [id], onDelete: Cascade, onUpdate: Cascade)
  as  A?
}
"""
    )
    cycle = [message for message, _ in errors(text) if "Reference causes a cycle" in message]
    assert cycle == [
        "Error validating: Reference causes a cycle. One of the @relation attributes in this cycle must have "
        "`onDelete` and `onUpdate` referential actions set to `NoAction`. Cycle path: A.b → B.a. Read more at "
        "https://pris.ly/d/cyclic-referential-actions",
        "Error validating: Reference causes a cycle. One of the @relation attributes in this cycle must have "
        "`onDelete` and `onUpdate` referential actions set to `NoAction`. Cycle path: B.a → A.b. Read more at "
        "https://pris.ly/d/cyclic-referential-actions",
    ]


def test_multiple_cascading_paths_on_sql_server() -> None:
    text = (
        header("sqlserver")
        + """
model A {
  id Int @id
  bs B[]
  cs C[]
}

model B {
  id  Int @id
  aId Int
  a   A   @relation(fields: [aId], references: [id], onDelete: Cascade)
  ds  D[]
}

model C {
  id  Int @id
  aId Int
  a   A   @relation(fields: [aId], references: [id], onDelete: Cascade)
  ds  D[]
}

model D {
  id  Int @id
  bId Int
  cId Int
  b   B   @relation(fields: [bId], references: [id], onDelete: Cascade)
  c   C   @relation(fields: [cId], references: [id], onDelete: Cascade)
}
"""
    )
    found = [(message, line) for message, line in errors(text) if "multiple paths" in message]
    expected = (
        "Error validating: When any of the records in model `A` is updated or deleted, the referential actions on "
        "the relations cascade to model `D` through multiple paths. Please break one of these paths by setting the "
        "`onUpdate` and `onDelete` to `NoAction`. (Implicit default `onUpdate`: `Cascade`) Read more at "
        "https://pris.ly/d/cyclic-referential-actions"
    )
    assert found == [(expected, 31), (expected, 32)]


def test_missing_index_warning_with_prisma_relation_mode() -> None:
    base = """
model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
  INDEX
}
"""
    warning = (
        'With `relationMode = "prisma"`, no foreign keys are used, so relation fields will not benefit from the index '
        "usually created by the relational database under the hood. This can lead to poor performance when querying "
        "these fields. We recommend adding an index manually. Learn more at "
        'https://pris.ly/d/relation-mode-prisma-indexes" '
    )
    text = header("mysql", relation_mode="prisma") + base
    assert warnings(text.replace("INDEX", "")) == [(warning, 16)]
    assert warnings(text.replace("INDEX", "@@index([authorId])")) == []
    assert warnings(header("mysql") + base.replace("INDEX", "")) == []


def test_named_foreign_keys_need_a_capable_provider() -> None:
    text = """
model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id], map: "fk")
}
"""
    assert errors(text) == [
        ('Error parsing attribute "@relation": Your provider does not support named foreign keys.', 10)
    ]
    valid(header("postgresql") + text)


def test_ignored_related_model() -> None:
    text = """
model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])

  @@ignore
}
"""
    assert errors(text) == [
        (
            'Error parsing attribute "@ignore": The relation field `posts` on Model `User` must specify the `@ignore` '
            "attribute, because the model Post it is pointing to is marked ignored.",
            4,
        )
    ]
