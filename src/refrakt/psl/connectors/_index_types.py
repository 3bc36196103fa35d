"""Index algorithms and operator classes: which field types and native types each accepts.

Prisma's Postgres ``generalized_index_validations`` / ``spgist_indexed_column_count`` and
CockroachDB's ``inverted_index_validations``, as pure functions over the fields of one index.
Messages come back complete (``Error parsing attribute "@@index": ...``); Prisma reports all of
them at the index attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from refrakt.psl._fast_init import speed_up_init
from refrakt.psl.connectors import _messages as msg
from refrakt.psl.connectors._types import IndexAlgorithm, NativeTypeInstance
from refrakt.psl.connectors._types import IndexAlgorithm as Algo
from refrakt.psl.connectors._types import ScalarType as S


def _brin(*names: str) -> dict[str, frozenset[IndexAlgorithm]]:
    return {n: frozenset({Algo.BRIN}) for n in names}


OPERATOR_CLASSES: dict[str, frozenset[IndexAlgorithm]] = {
    "InetOps": frozenset({Algo.GIST, Algo.SP_GIST}),
    "JsonbOps": frozenset({Algo.GIN}),
    "JsonbPathOps": frozenset({Algo.GIN}),
    "ArrayOps": frozenset({Algo.GIN}),
    "TextOps": frozenset({Algo.SP_GIST}),
    **_brin("BitMinMaxOps", "VarBitMinMaxOps", "BpcharBloomOps", "BpcharMinMaxOps", "ByteaBloomOps"),
    **_brin("ByteaMinMaxOps", "DateBloomOps", "DateMinMaxOps", "DateMinMaxMultiOps"),
    **_brin("Float4BloomOps", "Float4MinMaxOps", "Float4MinMaxMultiOps"),
    **_brin("Float8BloomOps", "Float8MinMaxOps", "Float8MinMaxMultiOps"),
    **_brin("InetInclusionOps", "InetBloomOps", "InetMinMaxOps", "InetMinMaxMultiOps"),
    **_brin("Int2BloomOps", "Int2MinMaxOps", "Int2MinMaxMultiOps"),
    **_brin("Int4BloomOps", "Int4MinMaxOps", "Int4MinMaxMultiOps"),
    **_brin("Int8BloomOps", "Int8MinMaxOps", "Int8MinMaxMultiOps"),
    **_brin("NumericBloomOps", "NumericMinMaxOps", "NumericMinMaxMultiOps"),
    **_brin("OidBloomOps", "OidMinMaxOps", "OidMinMaxMultiOps"),
    **_brin("TextBloomOps", "TextMinMaxOps"),
    **_brin("TimestampBloomOps", "TimestampMinMaxOps", "TimestampMinMaxMultiOps"),
    **_brin("TimestampTzBloomOps", "TimestampTzMinMaxOps", "TimestampTzMinMaxMultiOps"),
    **_brin("TimeBloomOps", "TimeMinMaxOps", "TimeMinMaxMultiOps"),
    **_brin("TimeTzBloomOps", "TimeTzMinMaxOps", "TimeTzMinMaxMultiOps"),
    **_brin("UuidBloomOps", "UuidMinMaxOps", "UuidMinMaxMultiOps"),
}
"""Every operator class Prisma knows (``ops: X``), with the index algorithms it works with."""

_DISPLAY_NAMES = {"UuidMinMaxMultiOps": "BitMinMaxOps"}


def operator_class_display(name: str) -> str:
    """How Prisma prints an operator class in messages (``UuidMinMaxMultiOps`` prints as ``BitMinMaxOps``)."""
    return _DISPLAY_NAMES.get(name, name)


@dataclass(frozen=True, slots=True)
class IndexField:
    """One field of an index, as the algorithm rules need to see it."""

    name: str
    scalar_type: str | None
    """The built-in scalar type, ``None`` for enum and composite fields."""
    native_type: NativeTypeInstance | None = None
    is_list: bool = False
    operator_class: str | None = None
    """``ops: X``: the operator class name, ``None`` when not given."""
    raw_operator_class: bool = False
    """``ops: raw("...")``: never checked."""
    is_unsupported: bool = False
    """The field's type is ``Unsupported("...")``."""
    is_composite_path: bool = False
    """The index field points into a composite type (MongoDB)."""


def algorithm_supports_field(algorithm: IndexAlgorithm, field: IndexField) -> bool:
    """Prisma's ``IndexAlgorithm::supports_field_type``."""
    if field.is_unsupported:
        return True
    st = field.scalar_type
    match algorithm:
        case Algo.BTREE | Algo.HASH:
            return True
        case Algo.GIST | Algo.SP_GIST:
            return st == S.STRING
        case Algo.GIN:
            return st == S.JSON or field.is_list
        case Algo.BRIN:
            return st in (S.STRING, S.BYTES, S.DATE_TIME, S.FLOAT, S.INT, S.BIG_INT, S.DECIMAL)


# --- Postgres ---------------------------------------------------------------------------------------

# Operator classes a BRIN index accepts per native type (None: the default operator class).
_BRIN_BY_NATIVE: dict[str, frozenset[str | None]] = {
    "Bit": frozenset({None, "BitMinMaxOps"}),
    "VarBit": frozenset({None, "VarBitMinMaxOps"}),
    "Char": frozenset({None, "BpcharBloomOps", "BpcharMinMaxOps"}),
    "Date": frozenset({None, "DateBloomOps", "DateMinMaxOps", "DateMinMaxMultiOps"}),
    "Real": frozenset({None, "Float4BloomOps", "Float4MinMaxOps", "Float4MinMaxMultiOps"}),
    "DoublePrecision": frozenset({None, "Float8BloomOps", "Float8MinMaxOps", "Float8MinMaxMultiOps"}),
    "Inet": frozenset({None, "InetInclusionOps", "InetBloomOps", "InetMinMaxOps", "InetMinMaxMultiOps"}),
    "SmallInt": frozenset({None, "Int2BloomOps", "Int2MinMaxOps", "Int2MinMaxMultiOps"}),
    "Integer": frozenset({None, "Int4BloomOps", "Int4MinMaxOps", "Int4MinMaxMultiOps"}),
    "BigInt": frozenset({None, "Int8BloomOps", "Int8MinMaxOps", "Int8MinMaxMultiOps"}),
    "Decimal": frozenset({None, "NumericBloomOps", "NumericMinMaxOps", "NumericMinMaxMultiOps"}),
    "Oid": frozenset({None, "OidBloomOps", "OidMinMaxOps", "OidMinMaxMultiOps"}),
    "ByteA": frozenset({None, "ByteaBloomOps", "ByteaMinMaxOps"}),
    "Text": frozenset({None, "TextBloomOps", "TextMinMaxOps"}),
    "VarChar": frozenset({None, "TextBloomOps", "TextMinMaxOps"}),
    "Timestamp": frozenset({None, "TimestampBloomOps", "TimestampMinMaxOps", "TimestampMinMaxMultiOps"}),
    "Timestamptz": frozenset({None, "TimestampTzBloomOps", "TimestampTzMinMaxOps", "TimestampTzMinMaxMultiOps"}),
    "Time": frozenset({None, "TimeBloomOps", "TimeMinMaxOps", "TimeMinMaxMultiOps"}),
    "Timetz": frozenset({None, "TimeTzBloomOps", "TimeTzMinMaxOps", "TimeTzMinMaxMultiOps"}),
    "Uuid": frozenset({None, "UuidBloomOps", "UuidMinMaxOps", "UuidMinMaxMultiOps"}),
}

# Without a native type, BRIN accepts these scalar types with their default operator class, and
# these operator classes when the field has that scalar type.
_BRIN_BY_SCALAR: dict[str, tuple[S, str]] = {
    **{ops: (S.FLOAT, "Float") for ops in ("Float8BloomOps", "Float8MinMaxOps", "Float8MinMaxMultiOps")},
    **{ops: (S.INT, "Int") for ops in ("Int4BloomOps", "Int4MinMaxOps", "Int4MinMaxMultiOps")},
    **{ops: (S.BIG_INT, "BigInt") for ops in ("Int8BloomOps", "Int8MinMaxOps", "Int8MinMaxMultiOps")},
    **{ops: (S.DECIMAL, "Decimal") for ops in ("NumericBloomOps", "NumericMinMaxOps", "NumericMinMaxMultiOps")},
    **{ops: (S.BYTES, "Bytes") for ops in ("ByteaBloomOps", "ByteaMinMaxOps")},
    **{ops: (S.STRING, "String") for ops in ("TextBloomOps", "TextMinMaxOps")},
    **{
        ops: (S.DATE_TIME, "DateTime") for ops in ("TimestampBloomOps", "TimestampMinMaxOps", "TimestampMinMaxMultiOps")
    },
}
_BRIN_DEFAULT_SCALARS = frozenset({S.FLOAT, S.INT, S.BIG_INT, S.DECIMAL, S.BYTES, S.STRING, S.DATE_TIME})


def _wrong_scalar(opclass: str, field: str, type_name: str) -> str:
    shown = operator_class_display(opclass)
    return f"The given operator class `{shown}` points to the field `{field}` that is not of {type_name} type."


def _generic_problem(algo: IndexAlgorithm, field: IndexField, native_name: str | None) -> str | None:
    """Prisma's ``err_f``: the message when no rule accepted the (native type, operator class) pair."""
    opclass = None if field.operator_class is None else operator_class_display(field.operator_class)
    if native_name is not None and opclass is not None:
        return (
            f"The given operator class `{opclass}` does not support native type `{native_name}` "
            f"of field `{field.name}`."
        )
    if native_name is not None:
        return f"The {algo} index field type `{native_name}` has no default operator class."
    if opclass is not None:
        return f"The given operator class `{opclass}` expects the field `{field.name}` to define a valid native type."
    if not algorithm_supports_field(algo, field):
        return f"The {algo} index type does not support the type of the field `{field.name}`."
    return None


def _gin_problem(field: IndexField, native_name: str | None) -> str | None:
    opclass, st = field.operator_class, field.scalar_type
    if native_name is None and opclass is None and st == S.JSON:
        return None
    if opclass is None and field.is_list:
        return None
    if native_name == "JsonB" and opclass in (None, "JsonbOps", "JsonbPathOps"):
        return None
    if native_name is None and opclass in ("JsonbOps", "JsonbPathOps"):
        return None if st == S.JSON else _wrong_scalar(opclass, field.name, "Json")
    if opclass == "ArrayOps":
        if field.is_composite_path or field.is_list:
            return None
        return f"The given operator class `ArrayOps` expects the type of field `{field.name}` to be an array."
    return _generic_problem(Algo.GIN, field, native_name)


def _spgist_problem(field: IndexField, native_name: str | None) -> str | None:
    opclass = field.operator_class
    if native_name == "Inet" and opclass in (None, "InetOps"):
        return None
    if native_name is None and opclass is None and field.scalar_type == S.STRING:
        return None
    if native_name is None and opclass == "TextOps":
        return None if field.scalar_type == S.STRING else _wrong_scalar(opclass, field.name, "String")
    if native_name in ("Text", "VarChar", "Char") and opclass in (None, "TextOps"):
        return None
    return _generic_problem(Algo.SP_GIST, field, native_name)


def _brin_problem(field: IndexField, native_name: str | None) -> str | None:
    opclass = field.operator_class
    if native_name is not None:
        if opclass in _BRIN_BY_NATIVE.get(native_name, frozenset()):
            return None
        return _generic_problem(Algo.BRIN, field, native_name)
    if opclass is None and field.scalar_type in _BRIN_DEFAULT_SCALARS:
        return None
    if opclass is not None and opclass in _BRIN_BY_SCALAR:
        expected, type_name = _BRIN_BY_SCALAR[opclass]
        return None if field.scalar_type == expected else _wrong_scalar(opclass, field.name, type_name)
    return _generic_problem(Algo.BRIN, field, native_name)


def postgres_index_errors(
    algorithm: IndexAlgorithm | None, fields: Sequence[IndexField], attribute_name: str
) -> list[str]:
    """Operator class and field type problems of one Postgres index (``attribute_name``: ``"@@index"``...)."""
    algo = algorithm or Algo.BTREE
    out: list[str] = []
    for field in fields:
        if field.raw_operator_class:
            continue
        opclass = field.operator_class
        if opclass is not None and algo not in OPERATOR_CLASSES.get(opclass, frozenset()):
            shown = operator_class_display(opclass)
            out.append(f"The given operator class `{shown}` is not supported with the `{algo}` index type.")
            continue
        native_name = None if field.native_type is None else field.native_type.name
        problem: str | None = None
        match algo:
            case Algo.GIST:
                if not (native_name == "Inet" and opclass == "InetOps"):
                    problem = _generic_problem(algo, field, native_name)
            case Algo.GIN:
                problem = _gin_problem(field, native_name)
            case Algo.SP_GIST:
                problem = _spgist_problem(field, native_name)
            case Algo.BRIN:
                problem = _brin_problem(field, native_name)
            case Algo.BTREE | Algo.HASH:
                pass
        if problem is not None:
            out.append(problem)
    if algo is Algo.SP_GIST and len(fields) != 1:
        out.append("SpGist does not support multi-column indices.")
    return [msg.attribute_validation_error(m, attribute_name) for m in out]


def cockroach_index_errors(
    algorithm: IndexAlgorithm | None, fields: Sequence[IndexField], attribute_name: str
) -> list[str]:
    """CockroachDB's inverted (``Gin``) index rules: no operator classes, Json only as the last column."""
    algo = algorithm or Algo.BTREE
    if algo is not Algo.GIN:
        return []
    out: list[str] = []
    for i, field in enumerate(fields):
        if field.operator_class is not None or field.raw_operator_class:
            out.append("Custom operator classes are not supported with the current connector.")
            break
        if not algorithm_supports_field(algo, field):
            out.append(f"The {algo} index type does not support the type of the field `{field.name}`.")
        if field.scalar_type == S.JSON and i < len(fields) - 1:
            out.append("A `Json` column is only allowed as the last column of an inverted index.")
    return [msg.attribute_validation_error(m, attribute_name) for m in out]


speed_up_init(IndexField)  # built per key field: see refrakt.psl._fast_init
