"""The parser database: names, types, attributes and relations resolved over the schema ASTs.

``build_database`` runs the passes in Prisma's order — names, then types, then attributes, then
relation inference — and stops after a pass that found errors, as Prisma does.
"""

from __future__ import annotations

from collections.abc import Sequence

from refrakt.diagnostics import Diagnostics
from refrakt.psl.db._attributes import resolve_attributes
from refrakt.psl.db._database import Names, ParserDatabase, SchemaFile
from refrakt.psl.db._names import RESERVED_NAMES, resolve_names
from refrakt.psl.db._relations import infer_relations
from refrakt.psl.db._resolve_types import resolve_types
from refrakt.psl.db._types import (
    CompositeTypeField,
    DefaultAttribute,
    EnumAttributes,
    FieldWithArgs,
    IdAttribute,
    IndexAlgorithm,
    IndexAttribute,
    IndexFieldPath,
    IndexType,
    ModelAttributes,
    NativeTypeAttr,
    ReferentialAction,
    RelationField,
    ScalarField,
    ScalarFieldType,
    ScalarType,
    SortOrder,
)

__all__ = [
    "RESERVED_NAMES",
    "CompositeTypeField",
    "DefaultAttribute",
    "EnumAttributes",
    "FieldWithArgs",
    "IdAttribute",
    "IndexAlgorithm",
    "IndexAttribute",
    "IndexFieldPath",
    "IndexType",
    "ModelAttributes",
    "Names",
    "NativeTypeAttr",
    "ParserDatabase",
    "ReferentialAction",
    "RelationField",
    "ScalarField",
    "ScalarFieldType",
    "ScalarType",
    "SchemaFile",
    "SortOrder",
    "build_database",
]


def build_database(files: Sequence[SchemaFile], diagnostics: Diagnostics) -> ParserDatabase:
    """Resolve names, types, attributes and relations of the parsed files.

    No error stops the passes, as in Prisma's ``ParserDatabase::new``: syntax errors (the recovered
    AST is still checked), duplicate or invalid names (the first definition wins) and unknown
    field types (such a field is simply left out) are all reported together with the attribute
    and relation errors of the rest of the schema.
    """
    db = ParserDatabase(list(files), diagnostics)
    resolve_names(db)
    resolve_types(db)
    resolve_attributes(db)
    infer_relations(db)
    return db
