"""What validation shares: the schema, the codec, the bound values, and the error builders.

:class:`Binder` collects the values of a call while validation walks its arguments: each value
gets a :class:`~refrakt.engine._ir.Slot` and a conversion (check the type, normalise, encode
for the database, and for ``contains`` wrap in ``%``). The conversions are kept with the
argument path of the value, so that a later call of the same shape converts its own values the
same way, and reports a wrong one at the right place.

Errors carry Prisma's codes: P2009 for a query that does not fit the schema (unknown argument,
wrong type, missing unique criteria), P2012 for a missing required value, P2019 for arguments
that are well-typed but cannot go together.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from refrakt.engine._codecs import Codec
from refrakt.engine._ir import Slot
from refrakt.engine._meta import SchemaIndex
from refrakt.engine._values import Coerce, InvalidValue, coercer, type_name
from refrakt.errors import ValidationError
from refrakt.ir import Field

Path = tuple[str | int, ...]
Convert = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class Binding:
    """How to compute one bound value from the call's arguments."""

    path: Path
    convert: Convert


class Binder:
    """The bound values of the call being validated, and how each was computed."""

    __slots__ = ("bindings", "discriminators", "values")

    def __init__(self) -> None:
        self.bindings: list[Binding] = []
        self.values: list[Any] = []
        #: Slots whose value also changes the plan (``take < 0`` pages backwards), and how.
        self.discriminators: dict[int, Callable[[Any], Any]] = {}

    def discriminate(self, index: int, shape: Callable[[Any], Any]) -> None:
        """Make ``shape(value)`` of slot ``index`` part of the query's cached shape."""
        self.discriminators[index] = shape

    def bind(self, path: Path, value: Any, convert: Convert) -> Slot:
        try:
            converted = convert(value)
        except InvalidValue as exc:
            raise invalid_value(path, exc) from None
        self.bindings.append(Binding(path, convert))
        self.values.append(converted)
        return Slot(len(self.values) - 1)


class Context:
    """One validation: the schema, the database's codec and capabilities, and the binder."""

    __slots__ = ("_converters", "binder", "codec", "insensitive_native", "operation", "schema")

    def __init__(self, schema: SchemaIndex, codec: Codec, operation: str, *, insensitive_native: bool) -> None:
        self.schema = schema
        self.codec = codec
        self.operation = operation
        self.binder = Binder()
        self.insensitive_native = insensitive_native
        self._converters: dict[tuple[int, str], Convert] = {}

    def coercer(self, field: Field) -> Coerce:
        enum_def = self.schema.enums.get(field.type) if field.kind == "enum" else None
        return coercer(field.type, enum_def)

    def converter(self, field: Field, wrap: str = "") -> Convert:
        """Check, normalise and encode one value of ``field``'s type; ``wrap`` is a LIKE pattern
        around it (``"%%"`` contains, ``"_%"`` starts with, ``"%_"`` ends with)."""
        key = (id(field), wrap)
        convert = self._converters.get(key)
        if convert is None:
            convert = _compose(self.coercer(field), self.codec.encoder(field), wrap)
            self._converters[key] = convert
        return convert

    def bind(self, path: Path, value: Any, convert: Convert) -> Slot:
        return self.binder.bind(path, value, convert)


def _compose(coerce: Coerce, encode: Callable[[Any], Any] | None, wrap: str) -> Convert:
    if wrap:
        prefix = "%" if wrap[0] == "%" else ""
        suffix = "%" if wrap[-1] == "%" else ""

        def like(value: Any) -> Any:
            return f"{prefix}{coerce(value)}{suffix}"

        return like
    if encode is None:
        return coerce

    def convert(value: Any) -> Any:
        return encode(coerce(value))

    return convert


# --- messages -----------------------------------------------------------------------------------------


def path_text(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(arguments)"


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" Did you mean `{close[0]}`?" if close else ""


def _where(path: Path) -> str:
    return f" at `{path_text(path)}`" if path else ""


def unknown_argument(name: str, path: Path, candidates: Sequence[str], *, what: str = "argument") -> ValidationError:
    """An argument (or field, or operator) the schema does not have; ``path`` ends with it."""
    shown = ", ".join(f"`{c}`" for c in candidates)
    available = f" Available options: {shown}." if candidates and len(candidates) <= 40 else ""
    return ValidationError(
        f"Unknown {what} `{name}`{_where(path)}.{did_you_mean(name, candidates)}{available}",
        path=path,
        code="P2009",
        meta={"kind": "UnknownArgument", "argument": name},
    )


def invalid_value(path: Path, exc: InvalidValue) -> ValidationError:
    detail = f" ({exc.detail})" if exc.detail else ""
    return ValidationError(
        f"Argument `{_last(path)}`{_where(path)}: Invalid value provided. Expected {exc.expected}, provided "
        f"{exc.given}.{detail}",
        path=path,
        code="P2009",
        meta={"kind": "InvalidArgumentValue", "expected": exc.expected, "provided": exc.given},
    )


def wrong_type(path: Path, expected: str, value: object) -> ValidationError:
    return invalid_value(path, InvalidValue(expected, value))


def must_not_be_null(path: Path) -> ValidationError:
    return ValidationError(
        f"Argument `{_last(path)}`{_where(path)} must not be null.",
        path=path,
        code="P2009",
        meta={"kind": "InvalidArgumentValue", "provided": "Null"},
    )


def missing_argument(path: Path, detail: str = "") -> ValidationError:
    return ValidationError(
        f"Argument `{_last(path)}` is missing{_where(path[:-1])}.{detail}",
        path=path,
        code="P2012",
        meta={"kind": "MissingArgument"},
    )


def value_required(path: Path) -> ValidationError:
    """P2012: ``None`` where the input takes one type only, which is not nullable (Prisma reads the
    null as a missing value; where null is one of several possible types, it is P2009)."""
    return ValidationError(
        f"Argument `{_last(path)}`{_where(path)}: A value is required but not set.",
        path=path,
        code="P2012",
        meta={"kind": "RequiredArgumentMissing"},
    )


def input_error(path: Path, message: str) -> ValidationError:
    """P2019: arguments that are well-typed but do not make sense together."""
    return ValidationError(f"{message}{_where(path)}" if path else message, path=path, code="P2019")


def query_error(path: Path, message: str) -> ValidationError:
    """P2009: a query that does not fit the schema, with a free-form message."""
    return ValidationError(f"{message}{_where(path)}" if path else message, path=path, code="P2009")


def _last(path: Path) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "arguments"


__all__ = [
    "Binder",
    "Binding",
    "Context",
    "Convert",
    "Path",
    "did_you_mean",
    "input_error",
    "invalid_value",
    "missing_argument",
    "must_not_be_null",
    "path_text",
    "query_error",
    "type_name",
    "unknown_argument",
    "wrong_type",
]
