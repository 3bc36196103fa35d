"""Name and type resolution details found by comparing with Prisma on mutated schemas.

- All parser-database passes run even after name errors (Prisma's ``ParserDatabase::new``).
- A datasource is a ``source`` in the name-resolution messages (``Top::get_type``).
- The case-fix suggestion of an unknown type: model fields only, top names by their lowercase form.
- Rule order: relation rules run after the model loop (its key rules), views are not tables.
"""

from __future__ import annotations

from refrakt.schema import format, parse


def diags(schema: str) -> list[tuple[str, int]]:
    return sorted((d.message, d.line) for d in parse(schema).diagnostics)


NOT_FOUND = 'Type "{}" is neither a built-in type, nor refers to another model, composite type, or enum.'


# --- passes after name errors --------------------------------------------------------------------------


def test_types_and_attributes_are_resolved_after_a_duplicate_name() -> None:
    schema = (
        "model Lamp {\n  id Int @id\n}\n"  # lines 1-3
        "model Lamp {\n  id  Int  @id\n  bulb Bulb\n  key Int @id\n}\n"  # lines 4-8
    )
    two_ids = (
        'Error validating model "Lamp": At most one field must be marked as the id field with the `@id` attribute.'
    )
    assert diags(schema) == [
        (two_ids, 4),
        ('The model "Lamp" cannot be defined because a model with that name already exists.', 4),
        (NOT_FOUND.format("Bulb"), 6),
    ]


def test_datasource_is_a_source_in_name_errors() -> None:
    schema = (
        'datasource db {\n  provider = "sqlite"\n  url = "file:a"\n  url = "file:b"\n}\n'  # lines 1-5
        'datasource db {\n  provider = "sqlite"\n  url = "file:c"\n}\n'  # lines 6-9
    )
    messages = diags(schema)
    assert ('Key "url" is already defined in source "db".', 4) in messages
    assert ('The source "db" cannot be defined because a source with that name already exists.', 6) in messages


# --- unknown types ---------------------------------------------------------------------------------------


def test_case_suggestions_for_unknown_field_types() -> None:
    schema = (
        "model Lamp {\n"
        "  id    Int     @id\n"
        "  a     lamp\n"  # line 3: the lowercase form of a top name
        "  b     LAMP\n"  # line 4: other casings of a top name get no suggestion
        "  c     BOOLEAN\n"  # line 5: built-in scalars match in any case
        "}\n"
    )
    assert sorted(diags(schema), key=lambda d: d[1]) == [
        (NOT_FOUND.format("lamp") + ' Did you mean "Lamp"?', 3),
        (NOT_FOUND.format("LAMP"), 4),
        (NOT_FOUND.format("BOOLEAN") + ' Did you mean "Boolean"?', 5),
    ]


def test_composite_type_fields_get_no_suggestion() -> None:
    schema = 'datasource db {\n  provider = "mongodb"\n  url = "x"\n}\ntype Shade {\n  tone  string\n}\n'
    assert diags(schema) == [(NOT_FOUND.format("string"), 6)]


# --- rule order and views ---------------------------------------------------------------------------------


def test_relation_rules_see_the_model_loop_errors() -> None:
    # The 1:1 "wrong side" rule runs only on an otherwise clean schema; the missing unique criteria
    # of `Socket` (a model-loop rule) comes first in Prisma, so the relation rule stays silent.
    schema = 'datasource db {\n  provider = "postgresql"\n  url = "x"\n}\n' + (
        "model Lamp {\n  id     Int    @id\n  socket Socket\n}\n"  # lines 5-8
        "model Socket {\n  lampId Int?\n  lamp   Lamp? @relation(fields: [lampId], references: [id])\n}\n"  # 9-12
    )
    assert [line for _, line in diags(schema)] == [9]


def test_a_view_and_a_model_cannot_share_a_database_name() -> None:
    schema = (
        'generator js {\n  provider = "prisma-client"\n  previewFeatures = ["views"]\n}\n'
        'datasource db {\n  provider = "postgresql"\n  url = "x"\n}\n'
        'model Lamp {\n  id Int @id\n  @@map("things")\n}\n'  # lines 9-12
        'view Shade {\n  id Int @unique\n  @@map("things")\n}\n'  # lines 13-16
    )
    assert diags(schema) == [
        (
            'The model with database name "things" could not be defined because another model or view with this '
            'name exists: "Lamp"',
            15,
        )
    ]


def test_autoincrement_rules_skip_views() -> None:
    schema = (
        'generator js {\n  provider = "prisma-client"\n  previewFeatures = ["views"]\n}\n'
        'datasource db {\n  provider = "sqlite"\n  url = "file:x"\n}\n'
        "view Shade {\n  id  Int @unique\n  seq Int @default(autoincrement())\n}\n"
    )
    assert diags(schema) == []


# --- formatter ---------------------------------------------------------------------------------------------


def test_type_alias_keeps_its_trailing_blanks() -> None:
    # kept verbatim, and pest's span of the alias includes the blanks before its (absent) attributes
    assert format("type Name = String  \n\nmodel A {\n  id Int @id\n}\n") == (
        "type Name = String  \nmodel A {\n  id Int @id\n}\n"
    )
