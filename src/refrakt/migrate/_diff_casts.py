"""PostgreSQL native type changes: a safe cast, a risky cast, or none (drop and recreate).

A condensed table of Prisma's ``postgres_native_type_change_riskyness``
(``flavour/postgres/schema_differ.rs``).
"""

from __future__ import annotations

from typing import Literal

from refrakt.migrate._schema import NativeType

Cast = Literal["safe", "risky", "not_castable"]

_INTS = {"SmallInt": 0, "Integer": 1, "BigInt": 2}
_INT_DIGITS = {"SmallInt": (3, 4), "Integer": (10, 11), "BigInt": (19, 20)}
"""Digits of an integer type, and the characters it needs as text (with a sign)."""
_TEXTS = frozenset({"Text", "VarChar", "Char"})
_TIMES = frozenset({"Timestamp", "Timestamptz", "Time", "Timetz"})
_TEXT_WIDTH = {
    "Timestamp": 22,
    "Timestamptz": 27,
    "Date": 27,
    "Time": 13,
    "Timetz": 18,
    "Uuid": 31,
}


def _arg(native: NativeType) -> int | None:
    first = native.args[0] if native.args else None
    return first if isinstance(first, int) else (int(first) if isinstance(first, str) and first.isdigit() else None)


def _decimal(native: NativeType) -> tuple[int, int] | None:
    if len(native.args) != 2:
        return None
    p, s = native.args
    return int(p), int(s)


def _to_text(prev: NativeType, nxt: NativeType, width: int) -> Cast:
    """A value of at most ``width`` characters into ``nxt`` (Text, VarChar or Char)."""
    length = _arg(nxt)
    if nxt.name == "Text" or (nxt.name == "VarChar" and length is None):
        return "safe"
    if length is None:  # Char without length is one character
        return "risky"
    return "risky" if length < width else "safe"


def _from_int(prev: NativeType, nxt: NativeType) -> Cast:
    digits, width = _INT_DIGITS[prev.name]
    if nxt.name in _INTS:
        return "safe" if _INTS[nxt.name] >= _INTS[prev.name] else "risky"
    if nxt.name == "Decimal":
        params = _decimal(nxt)
        return "risky" if params is not None and params[0] - params[1] < digits else "safe"
    if nxt.name in ("Real", "DoublePrecision"):
        return "safe"
    if nxt.name in _TEXTS:
        return _to_text(prev, nxt, width)
    return "not_castable"


def _from_decimal(prev: NativeType, nxt: NativeType) -> Cast:
    old = _decimal(prev)
    if nxt.name in _INTS:
        limit = {"SmallInt": 2, "Integer": 9, "BigInt": 18}[nxt.name]
        if old is None or old[1] > 0 or old[0] > limit:
            return "risky"
        return "safe"
    if nxt.name == "Decimal":
        new = _decimal(nxt)
        if old is not None and new is None:
            return "safe"
        if old is None or new is None:
            return "risky"
        return "risky" if old[0] - old[1] > new[0] - new[1] or old[1] > new[1] else "safe"
    if nxt.name in ("Real", "DoublePrecision"):
        return "risky"
    if nxt.name in _TEXTS:
        if old is None:
            return _to_text(prev, nxt, 131073)
        return _to_text(prev, nxt, old[0] + (1 if old[1] == 0 else 2))
    return "not_castable"


def _from_float(prev: NativeType, nxt: NativeType) -> Cast:
    if nxt.name in _INTS or nxt.name == "Decimal":
        return "risky"
    if nxt.name == "Real":
        return "risky" if prev.name == "DoublePrecision" else "safe"
    if nxt.name == "DoublePrecision":
        return "safe"
    if nxt.name in _TEXTS:
        return _to_text(prev, nxt, 47 if prev.name == "Real" else 317)
    return "not_castable"


def _from_string(prev: NativeType, nxt: NativeType) -> Cast:
    if nxt.name in ("Text", "Citext"):
        return "safe"
    if nxt.name not in ("VarChar", "Char"):
        return "not_castable"
    old, new = _arg(prev), _arg(nxt)
    if prev.name == "Text":
        return "safe" if nxt.name == "VarChar" and new is None else "risky"
    if new is None:
        return "risky" if nxt.name == "Char" and old != 1 else "safe"
    if old is None:
        return "safe" if prev.name == "Char" else "risky"
    return "risky" if old > new else "safe"


def _from_time(prev: NativeType, nxt: NativeType) -> Cast | None:
    if nxt.name == prev.name:
        a, b = _arg(prev), _arg(nxt)
        if b is None or a is None or a == b:
            return None
        return "safe"
    if nxt.name in _TEXTS:
        return _to_text(prev, nxt, _TEXT_WIDTH[prev.name] + 1) if nxt.name != "Text" else "safe"
    if prev.name in ("Timestamp", "Timestamptz") and nxt.name in _TIMES | {"Date"}:
        return "safe"
    if prev.name == "Time" and nxt.name == "Timetz":
        return "safe"
    if prev.name == "Timetz" and nxt.name == "Time":
        return "safe"
    return "not_castable"


def _from_other(prev: NativeType, nxt: NativeType) -> Cast:
    name = prev.name
    if name == "Date":
        if nxt.name in ("Timestamp", "Timestamptz"):
            return "safe"
        if nxt.name in _TEXTS:
            return _to_text(prev, nxt, 28) if nxt.name != "Text" else "safe"
        return "not_castable"
    if name == "Boolean":
        length = _arg(nxt)
        if nxt.name in ("Text", "VarChar"):
            return "safe"
        if nxt.name == "Char" and length is not None and length > 3:
            return "safe" if length > 4 else "risky"
        return "not_castable"
    if name in ("Json", "JsonB", "Xml"):
        if nxt.name in ("Json", "JsonB") and name != "Xml":
            return "safe"
        if nxt.name == "Text" or (nxt.name == "VarChar" and _arg(nxt) is None):
            return "safe"
        return "risky" if nxt.name in ("VarChar", "Char") else "not_castable"
    if name in ("Uuid", "ByteA", "Inet", "Citext", "Oid", "Money"):
        if nxt.name == "Text" or (nxt.name == "VarChar" and _arg(nxt) is None):
            return "safe"
        if name == "Citext" and nxt.name == "VarChar":
            return "safe"
        if name == "Uuid" and nxt.name in ("VarChar", "Char") and (_arg(nxt) or 0) > 31:
            return "safe"
        if name == "Oid" and nxt.name in ("Integer", "BigInt"):
            return "safe"
        if name in ("Money", "Citext"):
            return "risky"
        return "not_castable"
    if name in ("Bit", "VarBit"):
        if nxt.name in ("Text", "VarChar", "Char", "Bit", "VarBit"):
            return "risky" if nxt.name == "Bit" else "safe"
        return "not_castable"
    return "not_castable"


def postgres_cast(prev: NativeType, nxt: NativeType) -> Cast | None:
    """``None`` when the types are the same."""
    if prev == nxt:
        return None
    if prev.name in _INTS:
        return _from_int(prev, nxt)
    if prev.name == "Decimal":
        return _from_decimal(prev, nxt)
    if prev.name in ("Real", "DoublePrecision"):
        return _from_float(prev, nxt)
    if prev.name in _TEXTS:
        return _from_string(prev, nxt)
    if prev.name in _TIMES:
        return _from_time(prev, nxt)
    return _from_other(prev, nxt)
