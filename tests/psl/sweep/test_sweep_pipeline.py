"""Where Prisma's pipeline stops, found by comparing with Prisma on provider-swapped schemas.

- ``schemas`` on a connector without multi-schema support is a datasource *loader* error, so the
  validation pipeline never runs (and the array is not checked further).
- The model loop returns from the whole pipeline at the first ambiguous relation field: later
  models, the enum rules and the relation rules say nothing.
- A foreign key name clash of a back-relation-only relation is reported at the referenced model.
"""

from __future__ import annotations

from refrakt.schema import parse


def diags(schema: str) -> list[tuple[str, str, int]]:
    return sorted((d.severity, d.message, d.line) for d in parse(schema).diagnostics)


def ds(provider: str, extra: str = "") -> str:
    return f'datasource db {{\n  provider = "{provider}"\n  url = "x"{extra}\n}}\n'  # 4 lines


# --- `schemas` without multi-schema support ---------------------------------------------------------


def test_schemas_on_sqlite_is_a_loader_error_that_stops_validation() -> None:
    schema = ds("sqlite", '\n  schemas = ["b", "b"]') + (
        'model Shelf {\n  id Int @id\n  @@schema("b")\n}\n'  # lines 6-9: @@schema on SQLite, unchecked
        "enum Size {\n  S\n  M\n}\n"  # SQLite has no enums: unchecked too
    )
    assert diags(schema) == [("error", "The `schemas` property is not supported on the current connector.", 4)]


def test_schemas_on_mysql_is_checked_before_emptiness() -> None:
    schema = ds("mysql", "\n  schemas = []") + "model Shelf {\n  id Int @id\n}\n"
    assert diags(schema) == [("error", "The `schemas` property is not supported on the current connector.", 4)]


def test_schemas_on_postgres_keeps_its_own_checks() -> None:
    schema = ds("postgresql", "\n  schemas = []") + "model Shelf {\n  id Int @id\n}\n"
    assert diags(schema) == [("error", "If provided, the schemas array can not be empty.", 4)]


# --- the first ambiguous relation field ends the pipeline ---------------------------------------------


def _ambiguous_then_more(provider: str, later: str) -> str:
    return ds(provider) + (
        "model Shelf {\n"  # line 5
        '  id    Int    @id @map("_id")\n'
        "  books Book[]\n"
        "  more  Book[]\n"  # line 8: the ambiguity is reported here (at the first field, `books`: line 7)
        "}\n"
        "model Book {\n"  # line 10
        '  id      Int  @id @map("_id")\n'
        "  shelfId Int\n"
        "}\n" + later
    )


AMBIGUOUS = (
    'Error validating model "Shelf": Ambiguous relation detected. The fields `books` and `more` in model `Shelf` '
    "both refer to `Book`. Please provide different relation names for them by adding `@relation(<name>)."
)


def test_models_after_the_ambiguous_one_are_not_validated() -> None:
    # MongoDB would reject the id of `Tag` (no @map("_id")), but Prisma never gets there.
    schema = _ambiguous_then_more("mongodb", "model Tag {\n  id Int @id\n}\n")
    assert diags(schema) == [("error", AMBIGUOUS, 7)]


def test_enum_rules_do_not_run_after_an_ambiguity() -> None:
    # SQLite has no enums; the connector rule comes after the model loop.
    schema = _ambiguous_then_more("sqlite", "enum Size {\n  S\n}\n").replace(' @map("_id")', "")
    assert diags(schema) == [("error", AMBIGUOUS, 7)]


def test_the_ambiguous_model_and_earlier_models_are_still_validated() -> None:
    schema = ds("cockroachdb") + (
        "model Tag {\n  id Int @id @default(autoincrement())\n}\n"  # lines 5-7: an earlier model
        "model Shelf {\n"  # line 8
        "  id    Int    @id @default(autoincrement())\n"  # line 9: the ambiguous model's own rules run
        "  books Book[]\n"  # line 10
        "  more  Book[]\n"
        "}\n"
        "model Book {\n"
        "  id      Int @id @default(autoincrement())\n"  # line 14: a later model, not checked
        "  shelfId Int\n"
        "}\n"
    )
    bigint = (
        'Error parsing attribute "default": The `autoincrement()` default function is defined only on BigInt fields '
        "on CockroachDB. Use sequence() if you want an autoincrementing Int field."
    )
    assert diags(schema) == [("error", bigint, 6), ("error", bigint, 9), ("error", AMBIGUOUS, 10)]


# --- foreign key names --------------------------------------------------------------------------------


def test_back_relation_only_fk_clash_is_reported_at_the_referenced_model() -> None:
    schema = ds("postgresql") + (
        "model Car {\n"  # line 5
        "  id     Int     @id\n"
        '  driver Person  @relation("Driver")\n'  # line 7
        '  owner  Person? @relation("Owner")\n'  # line 8
        "}\n"
        "model Person {\n"  # line 10
        "  id   Int   @id\n"
        "  cars Car[]\n"
        "}\n"
    )
    clash = [line for _, m, line in diags(schema) if "The given constraint name `Car__fkey`" in m]
    assert clash == [7, 8, 10]
