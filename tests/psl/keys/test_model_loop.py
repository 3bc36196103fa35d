"""Where the key and index rules sit in Prisma's model loop (``validations.rs`` at 2ba551f3).

- Per model, the primary-key rules run and then the index rules, model by model, then views.
- The loop returns at the first ambiguous relation field: that model keeps its key rules, loses
  its index rules, and the models after it get none.
- ``shard_key_is_supported`` reports the missing preview feature and the unsupporting provider
  independently.
- Per-model foreign key namespaces count a relation under the model whose relation field created
  it (``relations_from``) and cover models only, not views.
"""

from __future__ import annotations

from keys_testlib import errors, header

PK_LENGTH = (
    'Error parsing attribute "@id": The length argument is not supported in the primary key with the current connector'
)
INDEX_LENGTH = (
    'Error parsing attribute "@@index": The length argument is not supported in an index definition with the '
    "current connector"
)


def test_key_rules_then_index_rules_model_by_model_then_views() -> None:
    schema = header("postgresql", preview=("views",)) + (  # 10 lines
        "view V {\n"  # line 11: a view comes after every model, wherever it is written
        "  a   Int\n"
        "  b   Int\n"
        "  a_b Int\n"
        "  @@unique([a, b])\n"  # line 15
        "}\n"
        "\n"
        "model A {\n"
        "  id String @id(length: 10)\n"  # line 19
        "  x  String\n"
        "  @@index([x(length: 10)])\n"  # line 21
        "}\n"
        "\n"
        "model B {\n"
        "  id String @id(length: 10)\n"  # line 25
        "  x  String\n"
        "  @@index([x(length: 10)])\n"  # line 27
        "}\n"
    )
    assert errors(schema) == [
        (19, PK_LENGTH),
        (21, INDEX_LENGTH),
        (25, PK_LENGTH),
        (27, INDEX_LENGTH),
        (
            15,
            'Error validating view "V": The field `a_b` clashes with the `@@unique` name. Please resolve the conflict '
            'by providing a custom id name: `@@unique([...], name: "custom_name")`',
        ),
    ]


def test_no_index_rules_from_the_ambiguous_model_and_no_key_rules_after_it() -> None:
    schema = header("postgresql") + (
        "model A {\n"
        "  id String @id(length: 10)\n"  # line 12: an earlier model, fully checked
        "  x  String\n"
        "  @@index([x(length: 10)])\n"  # line 14
        "}\n"
        "\n"
        "model B {\n"
        "  id String @id(length: 10)\n"  # line 18: the ambiguous model's key rules still run
        "  x  String\n"
        "  c1 C[]\n"  # line 20: the ambiguity
        "  c2 C[]\n"
        "  @@index([x(length: 10)])\n"  # line 22: its index rules do not
        "}\n"
        "\n"
        "model C {\n"
        "  id  String @id(length: 10)\n"  # line 26: a later model, not checked
        "  bId String\n"
        "  @@index([bId(length: 10)])\n"  # line 28
        "}\n"
    )
    ambiguous = (
        'Error validating model "B": Ambiguous relation detected. The fields `c1` and `c2` in model `B` both refer to '
        "`C`. Please provide different relation names for them by adding `@relation(<name>)."
    )
    # (the relation-field family reports the ambiguity before the key family runs: compare as a set)
    assert sorted(errors(schema)) == [(12, PK_LENGTH), (14, INDEX_LENGTH), (18, PK_LENGTH), (20, ambiguous)]


def test_shard_key_preview_feature_and_provider_are_reported_independently() -> None:
    schema = header("postgresql") + "model A {\n  id Int    @id\n  k  String @shardKey\n}\n"  # @shardKey: line 13
    assert errors(schema) == [
        (
            13,
            'Error parsing attribute "@shardKey": Defining shard keys requires enabling the `shardKeys` preview '
            "feature",
        ),
        (13, 'Error parsing attribute "@shardKey": Shard keys are not currently supported for provider postgresql'),
    ]
    schema = header("mysql") + "model A {\n  id Int    @id\n  k  String\n  @@shardKey([k])\n}\n"  # line 14
    assert errors(schema) == [
        (
            14,
            'Error parsing attribute "@@shardKey": Defining shard keys requires enabling the `shardKeys` preview '
            "feature",
        )
    ]
    schema = (
        header("sqlite", preview=("shardKeys",)) + "model A {\n  id Int    @id\n  k  String\n  @@shardKey([k])\n}\n"
    )
    assert errors(schema) == [
        (14, 'Error parsing attribute "@@shardKey": Shard keys are not currently supported for provider sqlite')
    ]


def _missing_opposite(kind: str, model: str, field: str, other: str) -> str:
    return (
        f"Error validating field `{field}` in {kind} `{model}`: The relation field `{field}` on {kind} `{model}` is "
        f"missing an opposite relation field on the model `{other}`. Either run `prisma format` or add it manually."
    )


def test_back_relation_list_counts_its_foreign_key_under_the_list_model() -> None:
    # `User.posts` alone is a 1:n relation referencing Post (its foreign key would be `Post__fkey`), but Prisma
    # counts it under User, whose field created it; `Post.author` ("Authored") is another relation, also
    # `Post__fkey`, counted under Post. One name per model namespace: no clash.
    schema = header("postgresql") + (
        "model User {\n"
        "  id    Int    @id\n"
        "  posts Post[]\n"  # line 13
        "}\n"
        "\n"
        "model Post {\n"
        "  id     Int  @id\n"
        '  author User @relation("Authored")\n'  # line 18
        "}\n"
    )
    assert errors(schema) == [
        (13, _missing_opposite("model", "User", "posts", "Post")),
        (18, _missing_opposite("model", "Post", "author", "User")),
    ]


def test_a_relation_from_a_view_is_not_in_the_view_namespace() -> None:
    # The view's primary key name `foo` is counted for the view; its foreign key `foo` is not (views have
    # no per-model foreign key namespace), so the only errors are the view's own.
    schema = header("postgresql", preview=("views",)) + (
        "model User {\n"
        "  id Int @id\n"
        "}\n"
        "\n"
        "view Profile {\n"
        '  id     Int  @id(map: "foo")\n'  # line 16
        "  userId Int\n"
        '  user   User @relation(fields: [userId], references: [id], map: "foo")\n'  # line 18
        "}\n"
    )
    assert errors(schema) == [
        (16, "Error validating: Views cannot have primary keys."),
        (18, _missing_opposite("view", "Profile", "user", "User")),
    ]


def test_foreign_keys_counted_under_their_model_are_checked_at_the_referencing_model() -> None:
    # Four relations named `Post__fkey`: the two lists count under User, `a` and `b` under Post. The rule
    # looks every one up at its referencing model, Post, where the name occurs twice: all four clash (the
    # back-relation-only ones at the referenced model, User).
    schema = header("postgresql") + (
        "model User {\n"  # line 11
        "  id     Int    @id\n"
        "  posts  Post[]\n"  # line 13
        '  drafts Post[] @relation("Drafts")\n'  # line 14
        "}\n"
        "\n"
        "model Post {\n"
        "  id Int  @id\n"
        '  a  User @relation("A")\n'  # line 19
        '  b  User @relation("B")\n'  # line 20
        "}\n"
    )
    clash = (
        'Error parsing attribute "@relation": The given constraint name `Post__fkey` has to be unique in the following '
        "namespace: on model `Post` for primary key, indexes, unique constraints and foreign keys. Please provide a "
        "different name using the `map` argument."
    )
    assert errors(schema) == [
        (11, clash),
        (13, _missing_opposite("model", "User", "posts", "Post")),
        (11, clash),
        (14, _missing_opposite("model", "User", "drafts", "Post")),
        (19, clash),
        (19, _missing_opposite("model", "Post", "a", "User")),
        (20, clash),
        (20, _missing_opposite("model", "Post", "b", "User")),
    ]
    # Without `a` and `b`, Post's namespace holds no `Post__fkey`: the two lists do not clash.
    only_lists = schema.replace('  a  User @relation("A")\n  b  User @relation("B")\n', "")
    assert errors(only_lists) == [
        (13, _missing_opposite("model", "User", "posts", "Post")),
        (14, _missing_opposite("model", "User", "drafts", "Post")),
    ]
