"""Default values that must parse: Prisma's ``validations/default_value.rs``.

The database layer already checked that a default has the right *kind* of literal for its field;
here the literal itself is parsed the way the engines will parse it — JSON with ``serde_json``,
bytes as base64, date-times as RFC 3339 (``chrono``), integers as ``i64``, decimals with
``bigdecimal`` — and the libraries' own error texts are reproduced. ``auto()`` is refused on
connectors without the capability.

``validate(ctx)`` covers composite type fields (Prisma's ``composite_types::validate_default_value``,
with their native types); model fields go through ``validate_field_default`` in :mod:`._fields`.
"""

from __future__ import annotations

import binascii
import math
from dataclasses import replace

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl import ast
from refrakt.psl.connectors import Capability
from refrakt.psl.db import ScalarType
from refrakt.psl.validate._composite_types import detect_composite_cycles
from refrakt.psl.validate._context import ValidationContext
from refrakt.psl.validate._native_types import connector_of, has_capability, validate_native_type_arguments

__all__ = ["validate", "validate_auto_param", "validate_default_value"]


def validate(ctx: ValidationContext) -> None:
    """Composite type fields: their defaults and native types.

    Prisma checks them one composite type at a time, right after the composite cycle check, and
    stops at the first composite type once any error exists (a cycle, an empty type, or a problem
    in an earlier type's fields). Rules that Prisma runs later may already have reported here, so
    the guard counts only those errors.
    """
    if not has_capability(connector_of(ctx), Capability.COMPOSITE_TYPES):
        return
    db = ctx.db
    scratch = replace(ctx, diagnostics=Diagnostics())
    detect_composite_cycles(scratch)
    blocked = scratch.diagnostics.has_errors
    for ct_id, ct in db.iter_composite_types():
        if blocked:
            return
        if not ct.fields:  # "A type must have at least one field defined."
            blocked = True
            continue
        errors_before = len(ctx.diagnostics.errors)
        for field_id, field in enumerate(ct.fields):
            ctf = db.composite_type_fields.get((ct_id, field_id))
            if ctf is None:
                continue
            if ctf.default is not None:
                validate_default_value(default_expression(field, ctf.default.argument_idx), ctf.type.scalar, ctx)
            validate_native_type_arguments(ctx, ctf.type, ctf.native_type)
        blocked = len(ctx.diagnostics.errors) > errors_before


def default_expression(field: ast.Field, argument_idx: int) -> ast.Expression | None:
    """The value of a field's ``@default`` attribute (``argument_idx`` as the database recorded it)."""
    attr = next((a for a in field.attributes if a.name.name == "default"), None)
    if attr is None or argument_idx >= len(attr.arguments.arguments):
        return None
    return attr.arguments.arguments[argument_idx].value


# --- Prisma's default_value.rs ----------------------------------------------------------------------


def validate_auto_param(value: ast.Expression | None, ctx: ValidationContext) -> None:
    """``auto()`` only works where the connector has ``DefaultValueAuto`` (MongoDB)."""
    if has_capability(connector_of(ctx), Capability.DEFAULT_VALUE_AUTO):
        return
    if isinstance(value, ast.Function) and value.name == "auto":
        _error(ctx, "The current connector does not support the `auto()` function.", value.span)


def validate_default_value(value: ast.Expression | None, scalar: ScalarType | None, ctx: ValidationContext) -> None:
    """Parse a literal default of a built-in scalar type, as the engines will."""
    if scalar is None or value is None:
        return
    if isinstance(value, ast.Array):
        for item in value.items:
            validate_default_value(item, scalar, ctx)
        return
    if isinstance(value, ast.StringValue):
        text = value.value
        if scalar is ScalarType.Json:
            problem = json_error(text)
            if problem is not None:
                _error(ctx, f'Parse error: "{text}" is not a valid JSON string. ({problem})', value.span)
        elif scalar is ScalarType.Bytes:
            if not is_base64(text):
                _error(
                    ctx,
                    f'Parse error: "{text}" is not a valid base64 string. (Could not convert from `base64 encoded '
                    "bytes` to `PrismaValue::Bytes`)",
                    value.span,
                )
        elif scalar is ScalarType.DateTime:
            problem = rfc3339_error(text)
            if problem is not None:
                _error(ctx, f'Parse error: "{text}" is not a valid rfc3339 datetime string. ({problem})', value.span)
        elif scalar is ScalarType.Decimal:
            problem = bigdecimal_error(text)
            if problem is not None:
                # Prisma names the attribute without its `@` here.
                ctx.error(
                    f'Error parsing attribute "default": Parse error: "{text}" is not a valid decimal. ({problem})',
                    value.span,
                )
    elif isinstance(value, ast.NumericValue) and scalar in (ScalarType.Int, ScalarType.BigInt):
        problem = rust_int_error(value.value, 64)
        if problem is not None:
            _error(ctx, f'Parse error: "{value.value}" is not a valid integer. ({problem})', value.span)


def _error(ctx: ValidationContext, message: str, span: Span) -> None:
    ctx.error(f'Error parsing attribute "@default": {message}', span)


# --- integers (Rust's str::parse) -------------------------------------------------------------------


def rust_int_error(text: str, bits: int, *, signed: bool = True) -> str | None:
    """The ``ParseIntError`` text of ``text.parse::<i{bits}>()``, or None if it parses."""
    if not text:
        return "cannot parse integer from empty string"
    negative = False
    body = text
    if text[0] in "+-":
        if len(text) == 1:
            return "invalid digit found in string"
        negative = text[0] == "-"
        if negative and not signed:
            return "invalid digit found in string"
        body = text[1:]
    limit = 2 ** (bits - 1) if signed else 2**bits - 1
    value = 0
    for c in body:
        if not "0" <= c <= "9":
            return "invalid digit found in string"
        value = value * 10 + (ord(c) - 48)
        if negative and value > limit:
            return "number too small to fit in target type"
        if not negative and value > (limit - 1 if signed else limit):
            return "number too large to fit in target type"
    return None


# --- decimals (bigdecimal's FromStr) ----------------------------------------------------------------


def _bigint_error(digits: str) -> str | None:
    """``BigInt::from_str_radix(digits, 10)`` (num-bigint): a sign, then digits and ``_``."""
    s = digits
    if s.startswith("-") and not s[1:].startswith("+"):
        s = s[1:]
    if s.startswith("+") and not s[1:].startswith("+"):
        s = s[1:]
    if not s:
        return "cannot parse integer from empty string"
    if s.startswith("_"):
        return "invalid digit found in string"
    if any(not ("0" <= c <= "9" or c == "_") for c in s):
        return "invalid digit found in string"
    return None


def bigdecimal_error(text: str) -> str | None:
    """The ``ParseBigDecimalError`` text of ``text.parse::<BigDecimal>()``, or None if it parses."""
    base = text
    cut = min((i for i in (text.find("e"), text.find("E")) if i >= 0), default=-1)
    if cut >= 0:
        base = text[:cut]
        problem = rust_int_error(text[cut + 1 :], 128)
        if problem is not None:
            return problem
    if not base:
        return "Failed to parse empty string"
    dot = base.find(".")
    if dot < 0:
        digits = base
    elif dot == len(base) - 1:
        digits = base[:-1]
    else:
        digits = base[:dot] + base[dot + 1 :]
    return _bigint_error(digits)


# --- base64 (the `base64` crate's STANDARD engine) ----------------------------------------------------

_B64_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def is_base64(text: str) -> bool:
    """Canonical, padded standard base64 (what ``prisma_value::decode_bytes`` accepts)."""
    if len(text) % 4 != 0:
        return False
    body = text.rstrip("=")
    if len(text) - len(body) > 2 or any(c not in _B64_ALPHABET for c in body):
        return False
    try:
        decoded = binascii.a2b_base64(text.encode("ascii"), strict_mode=True)
    except (binascii.Error, ValueError):
        return False
    # The crate rejects non-zero bits after the last full byte.
    return binascii.b2a_base64(decoded, newline=False).decode("ascii") == text


# --- RFC 3339 date-times (chrono's DateTime::parse_from_rfc3339) -------------------------------------

_OUT_OF_RANGE = "input is out of range"
_INVALID = "input contains invalid characters"
_TOO_SHORT = "premature end of input"
_TOO_LONG = "trailing input"


class _ChronoError(Exception):
    pass


class _Scan:
    """chrono's ``format::scan`` helpers over the UTF-8 bytes of the input."""

    def __init__(self, text: str) -> None:
        self.s = text.encode("utf-8")
        self.i = 0

    def rest(self) -> bytes:
        return self.s[self.i :]

    def number(self, min_digits: int, max_digits: int) -> int:
        rest = self.rest()
        if len(rest) < min_digits:
            raise _ChronoError(_TOO_SHORT)
        n = 0
        for k, c in enumerate(rest[:max_digits]):
            if not 0x30 <= c <= 0x39:
                if k < min_digits:
                    raise _ChronoError(_INVALID)
                self.i += k
                return n
            n = n * 10 + (c - 0x30)
        self.i += min(max_digits, len(rest))
        return n

    def char(self, expected: int) -> None:
        rest = self.rest()
        if not rest:
            raise _ChronoError(_TOO_SHORT)
        if rest[0] != expected:
            raise _ChronoError(_INVALID)
        self.i += 1

    def nanosecond(self) -> int:
        start = self.i
        value = self.number(1, 9)
        consumed = self.i - start
        value *= 10 ** (9 - consumed)
        while self.i < len(self.s) and 0x30 <= self.s[self.i] <= 0x39:
            self.i += 1
        return value

    def timezone_offset(self) -> int:
        rest = self.rest()
        if rest[:1] in (b"Z", b"z"):
            self.i += 1
            return 0
        if not rest:
            raise _ChronoError(_TOO_SHORT)
        if rest[:1] in (b"+", b"-"):
            negative = rest[:1] == b"-"
            self.i += 1
        elif rest.startswith("\u2212".encode()):
            negative = True
            self.i += 3
        else:
            raise _ChronoError(_INVALID)
        hours = self._two_digits(required=True)
        if hours is None or hours < 0:
            raise _ChronoError(_INVALID)
        self.i += 2
        self.char(ord(":"))
        minutes = self._two_digits(required=False)
        if minutes is None:
            raise _ChronoError(_TOO_SHORT)
        if minutes == -2:
            raise _ChronoError(_OUT_OF_RANGE)
        if minutes < 0:
            raise _ChronoError(_INVALID)
        self.i += 2
        seconds = hours * 3600 + minutes * 60
        return -seconds if negative else seconds

    def _two_digits(self, *, required: bool) -> int | None:
        """The next two digits as a number; None if fewer than two bytes remain, -1 if not digits
        (-2 for a minutes value of 60 or more)."""
        rest = self.rest()
        if len(rest) < 2:
            if required:
                raise _ChronoError(_TOO_SHORT)
            return None
        a, b = rest[0], rest[1]
        if not (0x30 <= a <= 0x39 and 0x30 <= b <= 0x39):
            return -1
        if not required and a >= 0x36:
            return -2
        return (a - 0x30) * 10 + (b - 0x30)


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def rfc3339_error(text: str) -> str | None:
    """chrono's ``ParseError`` text for ``DateTime::parse_from_rfc3339(text)``, or None if it parses."""
    scan = _Scan(text)
    try:
        if len(scan.s) < 4:
            raise _ChronoError(_TOO_SHORT)
        year = scan.number(4, 4)
        scan.char(ord("-"))
        month = scan.number(2, 2)
        if not 1 <= month <= 12:
            raise _ChronoError(_OUT_OF_RANGE)
        scan.char(ord("-"))
        day = scan.number(2, 2)
        if not 1 <= day <= 31:
            raise _ChronoError(_OUT_OF_RANGE)
        rest = scan.rest()
        if not rest:
            raise _ChronoError(_TOO_SHORT)
        if rest[:1] not in (b"T", b"t", b" "):
            raise _ChronoError(_INVALID)
        scan.i += 1
        hour = scan.number(2, 2)
        if hour > 23:
            raise _ChronoError(_OUT_OF_RANGE)
        scan.char(ord(":"))
        minute = scan.number(2, 2)
        if minute > 59:
            raise _ChronoError(_OUT_OF_RANGE)
        scan.char(ord(":"))
        second = scan.number(2, 2)
        if second > 60:
            raise _ChronoError(_OUT_OF_RANGE)
        if scan.rest()[:1] == b".":
            scan.i += 1
            scan.nanosecond()
        offset = scan.timezone_offset()
        if abs(offset) > (23 * 60 + 59) * 60:
            raise _ChronoError(_OUT_OF_RANGE)
        if scan.rest():
            raise _ChronoError(_TOO_LONG)
        if day > _days_in_month(year, month):
            raise _ChronoError(_OUT_OF_RANGE)
    except _ChronoError as err:
        return str(err)
    return None


# --- JSON (serde_json::from_str::<Value>) -------------------------------------------------------------


class _JsonError(Exception):
    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


class _Json:
    """A JSON reader that fails where and as ``serde_json`` does (``SliceRead`` positions)."""

    def __init__(self, text: str) -> None:
        self.s = text.encode("utf-8")
        self.i = 0
        self.depth = 128

    # positions: `error` points after what was read, `peek_error` at the next byte
    def error(self, message: str) -> _JsonError:
        return _JsonError(message, self.i)

    def peek_error(self, message: str) -> _JsonError:
        return _JsonError(message, min(len(self.s), self.i + 1))

    def peek(self) -> int | None:
        return self.s[self.i] if self.i < len(self.s) else None

    def whitespace(self) -> int | None:
        while self.i < len(self.s) and self.s[self.i] in b" \n\t\r":
            self.i += 1
        return self.peek()

    def document(self) -> None:
        self.value()
        if self.whitespace() is not None:
            raise self.peek_error("trailing characters")

    def value(self) -> None:
        c = self.whitespace()
        if c is None:
            raise self.peek_error("EOF while parsing a value")
        if c in b"ntf":
            self.i += 1
            self.ident({ord("n"): b"ull", ord("t"): b"rue", ord("f"): b"alse"}[c])
        elif c == ord("-"):
            self.i += 1
            self.number()
        elif 0x30 <= c <= 0x39:
            self.number()
        elif c == ord('"'):
            self.i += 1
            self.string()
        elif c in b"[{":
            self.depth -= 1
            if self.depth == 0:
                raise self.peek_error("recursion limit exceeded")
            self.i += 1
            if c == ord("["):
                self.array()
            else:
                self.object()
            self.depth += 1
        else:
            raise self.peek_error("expected value")

    def ident(self, rest: bytes) -> None:
        for expected in rest:
            c = self.peek()
            if c is None:
                raise self.error("EOF while parsing a value")
            self.i += 1
            if c != expected:
                raise self.error("expected ident")

    def _digits(self) -> int:
        start = self.i
        while (c := self.peek()) is not None and 0x30 <= c <= 0x39:
            self.i += 1
        return self.i - start

    def number(self) -> None:
        start = self.i
        c = self.peek()
        if c is None:
            raise self.error("EOF while parsing a value")
        self.i += 1
        if c == ord("0"):
            nxt = self.peek()
            if nxt is not None and 0x30 <= nxt <= 0x39:
                raise self.peek_error("invalid number")
        elif 0x31 <= c <= 0x39:
            self._digits()
        else:
            raise self.error("invalid number")
        if self.peek() == ord("."):
            self.i += 1
            if self._digits() == 0:
                if self.peek() is not None:
                    raise self.peek_error("invalid number")
                raise self.peek_error("EOF while parsing a value")
        if self.peek() in (ord("e"), ord("E")):
            self.i += 1
            if self.peek() in (ord("+"), ord("-")):
                self.i += 1
            c = self.peek()
            if c is None:
                raise self.error("EOF while parsing a value")
            self.i += 1
            if not 0x30 <= c <= 0x39:
                raise self.error("invalid number")
            self._digits()
        literal = self.s[start : self.i].decode("ascii")
        if math.isinf(float(literal)):
            raise self.error("number out of range")

    def string(self) -> None:
        while True:
            c = self.peek()
            if c is None:
                raise self.error("EOF while parsing a string")
            self.i += 1
            if c == ord('"'):
                return
            if c == ord("\\"):
                self.escape()
            elif c < 0x20:
                raise self.error("control character (\\u0000-\\u001F) found while parsing a string")

    def escape(self) -> None:
        c = self.peek()
        if c is None:
            raise self.error("EOF while parsing a string")
        self.i += 1
        if c in b'"\\/bfnrt':
            return
        if c != ord("u"):
            raise self.error("invalid escape")
        n = self.hex_escape()
        if 0xDC00 <= n <= 0xDFFF:
            raise self.error("lone leading surrogate in hex escape")
        if not 0xD800 <= n <= 0xDBFF:
            return
        for expected in b"\\u":
            c = self.peek()
            if c is None:
                raise self.error("EOF while parsing a string")
            self.i += 1
            if c != expected:
                raise self.error("unexpected end of hex escape")
        n2 = self.hex_escape()
        if not 0xDC00 <= n2 <= 0xDFFF:
            raise self.error("lone leading surrogate in hex escape")

    def hex_escape(self) -> int:
        if len(self.s) - self.i < 4:
            self.i = len(self.s)
            raise self.error("EOF while parsing a string")
        digits = self.s[self.i : self.i + 4]
        self.i += 4
        if not all(d in b"0123456789abcdefABCDEF" for d in digits):
            raise self.error("invalid escape")
        return int(digits, 16)

    def array(self) -> None:
        first = True
        while True:
            c = self.whitespace()
            if c == ord("]"):
                self.i += 1
                return
            if c == ord(",") and not first:
                self.i += 1
                c = self.whitespace()
            elif c is not None and not first:
                raise self.peek_error("expected `,` or `]`")
            elif c is None:
                raise self.peek_error("EOF while parsing a list")
            first = False
            if c == ord("]"):
                raise self.peek_error("trailing comma")
            if c is None:
                raise self.peek_error("EOF while parsing a value")
            self.value()

    def object(self) -> None:
        first = True
        while True:
            c = self.whitespace()
            if c == ord("}"):
                self.i += 1
                return
            if c == ord(",") and not first:
                self.i += 1
                c = self.whitespace()
            elif c is not None and not first:
                raise self.peek_error("expected `,` or `}`")
            elif c is None:
                raise self.peek_error("EOF while parsing an object")
            first = False
            if c == ord("}"):
                raise self.peek_error("trailing comma")
            if c is None:
                raise self.peek_error("EOF while parsing a value")
            if c != ord('"'):
                raise self.peek_error("key must be a string")
            self.i += 1
            self.string()
            c = self.whitespace()
            if c is None:
                raise self.peek_error("EOF while parsing an object")
            if c != ord(":"):
                raise self.peek_error("expected `:`")
            self.i += 1
            self.value()


def json_error(text: str) -> str | None:
    """serde_json's error text (``... at line L column C``) for ``text``, or None if it is JSON."""
    reader = _Json(text)
    try:
        reader.document()
    except _JsonError as err:
        before = reader.s[: err.index]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1)
        return f"{err.message} at line {line} column {column}"
    return None
