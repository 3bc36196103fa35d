"""Default values that Prisma computes in the engine, not in the database.

``uuid()`` (v4, or ``uuid(7)``), ``cuid()`` (v1, 25 characters starting with ``c``),
``cuid(2)`` (24 lowercase characters starting with a letter), ``nanoid()`` / ``nanoid(n)``
(URL-safe alphabet, 21 by default), ``ulid()`` (26 Crockford base-32 characters), ``now()``
and ``@updatedAt`` (the current time, to the millisecond). ``autoincrement()``,
``dbgenerated()``, ``sequence()`` and literal defaults are the database's, except a literal
default of an id field and Json and Bytes literals, which the engine sends as Prisma does.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import itertools
import json
import os
import secrets
import string
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from refrakt.ir import DefaultValue, Field

Generator = Callable[[], Any]

_BASE36 = string.digits + string.ascii_lowercase
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_NANOID = string.ascii_letters + string.digits + "_-"
_counter = itertools.count(secrets.randbelow(36**4))
_lock = threading.Lock()


def _base36(number: int, width: int) -> str:
    digits: list[str] = []
    while number:
        number, rest = divmod(number, 36)
        digits.append(_BASE36[rest])
    return "".join(reversed(digits)).rjust(width, "0")[-width:]


def _fingerprint() -> str:
    pid = os.getpid()
    host = sum(ord(c) for c in os.uname().nodename) if hasattr(os, "uname") else 0
    return _base36(pid, 2) + _base36(host + 36, 2)


_FINGERPRINT = _fingerprint()


def cuid() -> str:
    """A cuid (v1): ``c`` + time + counter + fingerprint + random, 25 characters."""
    with _lock:
        count = next(_counter) % (36**4)
    return (
        "c" + _base36(int(time.time() * 1000), 8) + _base36(count, 4) + _FINGERPRINT + _base36(secrets.randbits(42), 8)
    )


def cuid2(length: int = 24) -> str:
    """A cuid2: a random letter, then a hash of time, entropy and a counter in base 36."""
    with _lock:
        count = next(_counter)
    seed = f"{time.time_ns()}{secrets.token_hex(16)}{count}{_FINGERPRINT}".encode()
    digest = int.from_bytes(hashlib.sha3_512(seed).digest(), "big")
    return secrets.choice(string.ascii_lowercase) + _base36(digest, length - 1)


def nanoid(size: int = 21) -> str:
    return "".join(secrets.choice(_NANOID) for _ in range(size))


def ulid() -> str:
    value = (int(time.time() * 1000) << 80) | secrets.randbits(80)
    out: list[str] = []
    for _ in range(26):
        value, rest = divmod(value, 32)
        out.append(_CROCKFORD[rest])
    return "".join(reversed(out))


def uuid7() -> str:
    millis = int(time.time() * 1000)
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= secrets.randbits(12) << 64
    value |= 0b10 << 62
    value |= secrets.randbits(62)
    return str(uuid.UUID(int=value))


def now() -> dt.datetime:
    current = dt.datetime.now(dt.UTC)
    return current.replace(microsecond=current.microsecond // 1000 * 1000)


def _int_arg(default: DefaultValue, position: int, fallback: int) -> int:
    try:
        return int(str(default.args[position]))
    except (IndexError, ValueError):
        return fallback


def _json_default(text: str) -> Generator:
    """A Json literal default, sent by the engine: MySQL has no defaults on JSON columns (Prisma
    fills them in the same way), and it is harmless elsewhere."""
    try:
        value = json.loads(text)
    except ValueError:
        value = text
    return lambda: value


def _bytes_default(text: str) -> Generator:
    """A Bytes literal default (base64), sent by the engine: a database's BLOB default may hold the
    literal's text rather than its bytes (Prisma fills them in the same way)."""
    try:
        value = base64.b64decode(text, validate=True)
    except ValueError:
        value = text.encode()
    return lambda: value


_LITERAL_ID_TYPES = frozenset({"Int", "BigInt", "String", "Boolean", "Float", "Decimal"})
"""Id types whose literal default the engine sends itself (SQLite ignores the DEFAULT of an
``INTEGER PRIMARY KEY``, the rowid, and numbers the row instead)."""


def generator(field: Field) -> Generator | None:
    """The engine-side default of ``field``, if it has one (``@updatedAt`` counts)."""
    if field.is_updated_at:
        return now
    default = field.default
    if default is not None and default.function is None and field.type == "Json" and isinstance(default.value, str):
        return _json_default(default.value)
    if default is not None and default.function is None and field.type == "Bytes" and isinstance(default.value, str):
        return _bytes_default(default.value)
    if default is not None and default.function is None and field.is_id and field.type in _LITERAL_ID_TYPES:
        value = default.value
        return lambda: value
    if default is None or default.function is None:
        return None
    name = default.function
    if name == "uuid":
        return uuid7 if _int_arg(default, 0, 4) == 7 else (lambda: str(uuid.uuid4()))
    if name == "cuid":
        return cuid2 if _int_arg(default, 0, 1) == 2 else cuid
    if name == "nanoid":
        size = _int_arg(default, 0, 21)
        return lambda: nanoid(size)
    if name == "ulid":
        return ulid
    if name == "now":
        return now
    return None


def has_database_default(field: Field) -> bool:
    """The database fills the field when it is left out (a literal, ``autoincrement()``...)."""
    default = field.default
    return default is not None and (default.function is None or generator(field) is None)
