"""The vocabulary shared by every connector: scalar types, referential actions, relation modes,
index algorithms, and native types (their constructors and parsed instances).

The string enums compare equal to Prisma's spelling (``ScalarType.STRING == "String"``), so the
parser database and the IR can hold either the enum or the plain name.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass

from refrakt.psl._fast_init import speed_up_init


class ScalarType(enum.StrEnum):
    """Prisma's built-in scalar types, in Prisma's order."""

    INT = "Int"
    BIG_INT = "BigInt"
    FLOAT = "Float"
    BOOLEAN = "Boolean"
    STRING = "String"
    DATE_TIME = "DateTime"
    JSON = "Json"
    BYTES = "Bytes"
    DECIMAL = "Decimal"

    @classmethod
    def parse(cls, name: str) -> ScalarType | None:
        """The scalar type spelt ``name`` exactly, or ``None``."""
        return _SCALAR_BY_NAME.get(name)


_SCALAR_BY_NAME: dict[str, ScalarType] = {t.value: t for t in ScalarType}


class ReferentialAction(enum.StrEnum):
    """``onDelete`` / ``onUpdate`` actions; the member order is Prisma's (it orders "Allowed values")."""

    CASCADE = "Cascade"
    RESTRICT = "Restrict"
    NO_ACTION = "NoAction"
    SET_NULL = "SetNull"
    SET_DEFAULT = "SetDefault"

    @property
    def triggers_modification(self) -> bool:
        """True if the action changes the related records (Cascade, SetNull, SetDefault)."""
        return self not in (ReferentialAction.NO_ACTION, ReferentialAction.RESTRICT)

    @classmethod
    def parse(cls, name: str) -> ReferentialAction | None:
        return _ACTION_BY_NAME.get(name)


_ACTION_BY_NAME: dict[str, ReferentialAction] = {a.value: a for a in ReferentialAction}


def ordered_actions(actions: frozenset[ReferentialAction]) -> tuple[ReferentialAction, ...]:
    """``actions`` in Prisma's canonical order."""
    return tuple(a for a in ReferentialAction if a in actions)


class RelationMode(enum.StrEnum):
    """Where referential integrity is enforced: by database foreign keys or emulated by Prisma."""

    FOREIGN_KEYS = "foreignKeys"
    PRISMA = "prisma"

    @classmethod
    def parse(cls, name: str) -> RelationMode | None:
        return _MODE_BY_NAME.get(name)


_MODE_BY_NAME: dict[str, RelationMode] = {m.value: m for m in RelationMode}


class IndexAlgorithm(enum.StrEnum):
    """The ``type:`` argument of ``@@index`` (``BTree`` by default)."""

    BTREE = "BTree"
    HASH = "Hash"
    GIST = "Gist"
    GIN = "Gin"
    SP_GIST = "SpGist"
    BRIN = "Brin"

    @classmethod
    def parse(cls, name: str) -> IndexAlgorithm | None:
        return _ALGO_BY_NAME.get(name)


_ALGO_BY_NAME: dict[str, IndexAlgorithm] = {a.value: a for a in IndexAlgorithm}


class Flavour(enum.StrEnum):
    """The database family a connector speaks to."""

    COCKROACH = "cockroach"
    MONGO = "mongo"
    SQLSERVER = "sqlserver"
    MYSQL = "mysql"
    POSTGRES = "postgres"
    SQLITE = "sqlite"

    @property
    def is_sql(self) -> bool:
        return self is not Flavour.MONGO


# --- native types ----------------------------------------------------------------------------

_U32_MAX = 2**32 - 1
_U16_MAX = 2**16 - 1
_UNSIGNED = re.compile(r"\+?[0-9]+")

NativeTypeArg = int | str
"""One parsed argument: a number, or ``"Max"`` (SQL Server's ``VarChar(Max)``)."""


def _parse_unsigned(text: str, limit: int) -> int | None:
    """Rust's ``str::parse::<u32>()`` / ``<u16>``: an optional ``+``, ASCII digits, in range."""
    if not _UNSIGNED.fullmatch(text):
        return None
    value = int(text)
    return value if value <= limit else None


class NativeTypeArgs(enum.Enum):
    """The argument shapes Prisma's native types take (``native_type_definition!`` parameter types)."""

    NONE = "none"
    """No arguments (``@db.Text``); any given arguments are ignored by the parser."""
    LENGTH = "u32"
    """Exactly one nonnegative integer (MySQL ``VarChar(191)``)."""
    OPTIONAL_LENGTH = "Option<u32>"
    """Zero or one nonnegative integer (``Timestamp(3)``, ``Char``)."""
    OPTIONAL_PRECISION_SCALE = "Option<(u32, u32)>"
    """Zero or two nonnegative integers (``Decimal(10, 2)``)."""
    OPTIONAL_LENGTH_OR_MAX = "Option<MsSqlTypeParameter>"
    """Zero or one argument: an integer up to 65535 or ``Max`` (SQL Server ``NVarChar(Max)``)."""

    @property
    def required_count(self) -> int:
        return 1 if self is NativeTypeArgs.LENGTH else 0

    @property
    def optional_count(self) -> int:
        match self:
            case NativeTypeArgs.NONE | NativeTypeArgs.LENGTH:
                return 0
            case NativeTypeArgs.OPTIONAL_PRECISION_SCALE:
                return 2
            case NativeTypeArgs.OPTIONAL_LENGTH | NativeTypeArgs.OPTIONAL_LENGTH_OR_MAX:
                return 1

    @property
    def names(self) -> tuple[str, ...]:
        """What each argument means, for documentation and completions."""
        match self:
            case NativeTypeArgs.NONE:
                return ()
            case NativeTypeArgs.LENGTH | NativeTypeArgs.OPTIONAL_LENGTH:
                return ("length",)
            case NativeTypeArgs.OPTIONAL_PRECISION_SCALE:
                return ("precision", "scale")
            case NativeTypeArgs.OPTIONAL_LENGTH_OR_MAX:
                return ("length_or_max",)

    @property
    def description(self) -> str:
        """Prisma's phrase for the expected arguments (``Expected <description>, but found (x).``)."""
        match self:
            case NativeTypeArgs.OPTIONAL_PRECISION_SCALE:
                return "two nonnegative integers"
            case NativeTypeArgs.OPTIONAL_LENGTH_OR_MAX:
                return "an integer or `Max`"
            case _:
                return "a nonnegative integer"

    def parse(self, parts: Sequence[str]) -> tuple[NativeTypeArg, ...] | None:
        """The parsed arguments, or ``None`` when ``parts`` do not fit (Prisma's ``from_parts``)."""
        if self is NativeTypeArgs.NONE:
            return ()
        if not parts and self is not NativeTypeArgs.LENGTH:
            return ()
        match self, len(parts):
            case NativeTypeArgs.LENGTH | NativeTypeArgs.OPTIONAL_LENGTH, 1:
                n = _parse_unsigned(parts[0], _U32_MAX)
                return None if n is None else (n,)
            case NativeTypeArgs.OPTIONAL_PRECISION_SCALE, 2:
                p, s = _parse_unsigned(parts[0], _U32_MAX), _parse_unsigned(parts[1], _U32_MAX)
                return None if p is None or s is None else (p, s)
            case NativeTypeArgs.OPTIONAL_LENGTH_OR_MAX, 1:
                if parts[0].lower() == "max":
                    return ("Max",)
                n = _parse_unsigned(parts[0], _U16_MAX)
                return None if n is None else (n,)
            case _:
                return None


@dataclass(frozen=True, slots=True)
class NativeTypeConstructor:
    """A native type a connector accepts: ``@db.<name>(<args>)`` on fields of ``allowed_types``."""

    name: str
    args: NativeTypeArgs
    allowed_types: tuple[ScalarType, ...]
    prisma_type: ScalarType | None = None
    """The scalar type introspection gives a column of this type (``None``: no mapping)."""

    @property
    def number_of_args(self) -> int:
        """Required arguments."""
        return self.args.required_count

    @property
    def number_of_optional_args(self) -> int:
        return self.args.optional_count

    def allows(self, scalar_type: str) -> bool:
        return scalar_type in self.allowed_types


@dataclass(frozen=True, slots=True)
class NativeTypeInstance:
    """A parsed native type: ``NativeTypeInstance("VarChar", (255,))``; ``str()`` gives ``VarChar(255)``."""

    name: str
    args: tuple[NativeTypeArg, ...] = ()

    @property
    def parts(self) -> tuple[str, ...]:
        """The arguments as Prisma prints them (``("10", "2")``, ``("Max",)``)."""
        return tuple(str(a) for a in self.args)

    def __str__(self) -> str:
        if not self.args:
            return self.name
        return f"{self.name}({','.join(self.parts)})"


def nt(name: str, *args: NativeTypeArg) -> NativeTypeInstance:
    """Shorthand for the connector tables: ``nt("Decimal", 65, 30)``."""
    return NativeTypeInstance(name, tuple(args))


def constructors(
    *rows: tuple[str, NativeTypeArgs, tuple[ScalarType, ...], ScalarType | None],
) -> dict[str, NativeTypeConstructor]:
    """Build a connector's native type table (in declaration order, keyed by name)."""
    return {name: NativeTypeConstructor(name, args, allowed, prisma) for name, args, allowed, prisma in rows}


speed_up_init(NativeTypeInstance)  # built per native type use: see refrakt.psl._fast_init
