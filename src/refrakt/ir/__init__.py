"""The data model IR (frozen): what the SQL layer, migrations and the client read.

``build_datamodel(db, configuration)`` turns a validated schema into a :class:`DataModel`;
``refrakt.schema.parse(...).datamodel`` gives it for a schema without errors. The same objects
serve as the DMMF-like ``client.datamodel`` view (API.md §3).
"""

from refrakt.ir._build import build_datamodel
from refrakt.ir._model import (
    CompositeType,
    DataModel,
    DefaultValue,
    Enum,
    EnumValue,
    Field,
    FrozenMap,
    Index,
    IndexField,
    Model,
    NativeType,
    PrimaryKey,
    Relation,
    RelationSide,
)

__all__ = [
    "CompositeType",
    "DataModel",
    "DefaultValue",
    "Enum",
    "EnumValue",
    "Field",
    "FrozenMap",
    "Index",
    "IndexField",
    "Model",
    "NativeType",
    "PrimaryKey",
    "Relation",
    "RelationSide",
    "build_datamodel",
]
