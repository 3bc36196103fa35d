"""Connector-specific model rules (MongoDB's ``validations.rs``, CockroachDB's autoincrement rule).

Each is a pure function over the few facts it needs and returns Prisma's complete message (or
``None``); the validation pass that walks models decides where to report it. Which connector a
rule applies to is a connector flag: ``Connector.is_mongo`` for the MongoDB rules,
``Connector.autoincrement_requires_bigint`` for CockroachDB's.
"""

from __future__ import annotations

from refrakt.psl.connectors import _messages as msg
from refrakt.psl.connectors._types import ScalarType

# --- MongoDB ---------------------------------------------------------------------------------


def mongo_auto_requires_object_id(
    *, has_auto_default: bool, native_type_name: str | None, container: str, model: str, field: str
) -> str | None:
    """``@default(auto())`` needs ``@db.ObjectId``; reported at the field."""
    if not has_auto_default or native_type_name == "ObjectId":
        return None
    text = "MongoDB `@default(auto())` fields must have `ObjectId` native type."
    return msg.field_validation_error(text, container, model, field)


def mongo_auto_requires_id(
    *, has_auto_default: bool, is_id: bool, container: str, model: str, field: str
) -> str | None:
    """``@default(auto())`` only on the id (single or part of a compound id); reported at the field."""
    if is_id or not has_auto_default:
        return None
    text = "MongoDB `@default(auto())` fields must have the `@id` attribute."
    return msg.field_validation_error(text, container, model, field)


def mongo_dbgenerated_not_allowed(
    *, has_dbgenerated_default: bool, container: str, model: str, field: str
) -> str | None:
    """``@default(dbgenerated())`` is SQL-only; reported at the field."""
    if not has_dbgenerated_default:
        return None
    text = "The `dbgenerated()` function is not allowed with MongoDB. Please use `auto()` instead."
    return msg.field_validation_error(text, container, model, field)


def mongo_id_mapped_name(
    *, id_field_count: int, field_name: str, mapped_name: str | None, container: str, model: str
) -> str | None:
    """A single-field id must be (or be mapped to) ``_id``; reported at the id field."""
    if id_field_count != 1 or field_name == "_id" or mapped_name == "_id":
        return None
    if mapped_name is not None:
        text = f'MongoDB model IDs must have an @map("_id") annotation, found @map("{mapped_name}").'
    else:
        text = 'MongoDB model IDs must have an @map("_id") annotation.'
    return msg.field_validation_error(text, container, model, field_name)


def mongo_id_required(*, has_primary_key: bool) -> str | None:
    """Every MongoDB model needs an ``@id``; reported at the model."""
    if has_primary_key:
        return None
    return msg.invalid_model_error("MongoDB models require exactly one identity field annotated with @id")


def mongo_duplicate_index(*, same_fields_elsewhere: int, attribute_name: str) -> str | None:
    """An index over exactly the fields of another index of the model; ``attribute_name`` without ``@@``."""
    if same_fields_elsewhere == 0:
        return None
    return msg.attribute_validation_error("Index already exists in the model.", f"@@{attribute_name}")


def mongo_unique_on_id(
    *, is_unique: bool, field_count: int, field_is_single_id: bool, attribute_name: str
) -> str | None:
    """``@unique`` / single-field ``@@unique`` on the ``@id`` field; ``attribute_name`` as Prisma prints it."""
    if not is_unique or field_count != 1 or not field_is_single_id:
        return None
    return msg.attribute_validation_error("The same field cannot be an id and unique on MongoDB.", attribute_name)


def mongo_field_name_errors(mapped_name: str | None) -> list[str]:
    """``@map`` names may not start with ``$`` nor contain ``.``; reported at the ``@map`` attribute."""
    if mapped_name is None:
        return []
    out: list[str] = []
    if mapped_name.startswith("$"):
        out.append(msg.attribute_validation_error("The field name cannot start with a `$` character", "@map"))
    if "." in mapped_name:
        out.append(msg.attribute_validation_error("The field name cannot contain a `.` character", "@map"))
    return out


def mongo_relation_native_type_warning(
    *,
    relation_model: str,
    relation_field: str,
    a: tuple[str, str],
    a_native_type: tuple[str, str] | None,
    b: tuple[str, str],
    b_native_type: tuple[str, str] | None,
) -> str | None:
    """A warning when a referencing field and its referenced field differ in native type.

    ``a`` / ``b`` are ``(model, field)`` of the referencing and referenced scalar fields,
    ``*_native_type`` their raw ``(datasource, name)`` attributes. The warning names the relation
    field and is reported at the referencing scalar field ``a``. One check per (a, b) pair.
    """
    (am, af), (bm, bf) = a, b
    head = (
        f"Field {am}.{af} and {bm}.{bf} must have the same native type for MongoDB to join those collections correctly."
    )
    match a_native_type, b_native_type:
        case (ads, aname), (bds, bname) if (ads, aname) != (bds, bname):
            text = f"{head} Consider updating those fields to either use '@{ads}.{aname}' or '@{bds}.{bname}'."
        case None, (bds, bname):
            text = (
                f"{head} Consider either removing {bm}.{bf}'s native type attribute or adding "
                f"'@{bds}.{bname}' to {am}.{af}."
            )
        case (ads, aname), None:
            text = (
                f"{head} Consider either removing {am}.{af}'s native type attribute or adding "
                f"'@{ads}.{aname}' to {bm}.{bf}."
            )
        case _:
            return None
    text += " Beware that this will become an error in the future."
    return msg.field_validation_warning(text, relation_model, relation_field)


# --- CockroachDB -------------------------------------------------------------------------------


def autoincrement_on_int_error(*, scalar_type: str | None, has_autoincrement_default: bool) -> str | None:
    """CockroachDB: ``autoincrement()`` only on BigInt; reported at the ``@default`` attribute."""
    if not has_autoincrement_default or scalar_type != ScalarType.INT:
        return None
    return msg.attribute_validation_error(
        "The `autoincrement()` default function is defined only on BigInt fields on CockroachDB. "
        "Use sequence() if you want an autoincrementing Int field.",
        "default",
    )
