"""The ``@relation`` attribute's own arguments (db/_attr_relation.py)."""

from __future__ import annotations

from relations_testlib import errors

from refrakt.psl.db import ReferentialAction
from refrakt.schema import parse

USER = """
model User {
  id        Int    @id
  firstName String
  posts     Post[]
}
"""


def test_unknown_fields() -> None:
    text = (
        USER
        + """
model Post {
  id   Int  @id
  user User @relation(fields: [userId, other], references: [id])
}
"""
    )
    assert errors(text) == [
        (
            "Error validating: The argument fields must refer only to existing fields. The following fields do not "
            "exist in this model: userId, other",
            10,
        )
    ]


def test_fields_naming_a_relation_field() -> None:
    text = (
        USER
        + """
model Post {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId, user], references: [id, firstName])
}
"""
    )
    assert (
        "Error validating: The argument fields must refer only to scalar fields. But it is referencing the following "
        "relation fields: user",
        11,
    ) in errors(text)


def test_unknown_and_relation_references() -> None:
    text = (
        USER
        + """
model Post {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [nope, posts])
}
"""
    )
    assert errors(text) == [
        (
            "Error validating: The argument `references` must refer only to existing fields in the related model "
            "`User`. The following fields do not exist in the related model: nope",
            11,
        ),
        (
            "Error validating: The argument `references` must refer only to scalar fields in the related model "
            "`User`. But it is referencing the following relation fields: posts",
            11,
        ),
    ]


def test_invalid_referential_action_and_empty_name() -> None:
    text = (
        USER
        + """
model Post {
  id     Int  @id
  userId Int
  user   User @relation("", fields: [userId], references: [id], onDelete: Explode)
}
"""
    )
    assert errors(text) == [
        ('Error parsing attribute "@relation": A relation cannot have an empty name.', 11),
        ('Error parsing attribute "@relation": Invalid referential action: `Explode`', 11),
    ]


def test_field_listed_twice() -> None:
    text = (
        USER
        + """
model Post {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId, userId], references: [id, id])
}
"""
    )
    assert (
        'Error validating model "Post": The unique index definition refers to the field userId multiple times.',
        11,
    ) in errors(text)


def test_arguments_are_recorded() -> None:
    text = (
        USER
        + """
model Post {
  id     Int  @id
  userId Int
  user   User @relation(name: "authored", fields: userId, references: id, onDelete: Cascade, onUpdate: NoAction)
}
"""
    )
    db = parse(text).database
    rf = next(rf for rf in db.relation_fields if db.ast_field(rf.model_id, rf.field_id).name.name == "user")
    assert rf.name == "authored"
    assert [db.scalar_field_ast(s).name.name for s in rf.fields or []] == ["userId"]
    assert [db.scalar_field_ast(s).name.name for s in rf.references or []] == ["id"]
    assert rf.on_delete is not None and rf.on_delete[0] is ReferentialAction.Cascade
    assert rf.on_update is not None and rf.on_update[0] is ReferentialAction.NoAction
    assert rf.relation_attribute is not None


def test_relation_on_a_scalar_field_and_unknown_argument() -> None:
    text = (
        USER
        + """
model Post {
  id     Int  @id @relation("x")
  userId Int
  user   User @relation(fields: [userId], references: [id], foo: "bar")
}
"""
    )
    assert sorted(errors(text)) == [
        ('Error parsing attribute "@relation": Invalid field type, not a relation.', 9),
        ("No such argument.", 9),
        ("No such argument.", 11),
    ]
