"""Prisma's connection URLs, parsed into a frozen :class:`ConnectionConfig` (sans-IO).

- SQLite: ``file:./dev.db`` (also ``sqlite:``), relative to the schema file's folder as in Prisma
  (``base_dir``; the working directory when none is given); ``file::memory:`` is an in-memory
  database. Parameters: ``connection_limit``, ``socket_timeout`` (the busy timeout).
- PostgreSQL: ``postgresql://user:password@host:5432/db?schema=s&connection_limit=5&pool_timeout=10``
  ``&connect_timeout=5&socket_timeout=..&sslmode=..&sslcert=..&pgbouncer=true&application_name=..``;
  ``host=`` (a folder) connects through a unix socket. ``postgres://`` is accepted too.
- MySQL/MariaDB: ``mysql://user:password@host:3306/db?connection_limit=..&pool_timeout=..``
  ``&connect_timeout=..&socket_timeout=..&sslaccept=..&sslcert=..&socket=..``.

Defaults as Prisma's: ``connection_limit`` = ``cpu_count * 2 + 1``, ``pool_timeout`` 10 s,
``connect_timeout`` 5 s, no ``socket_timeout``; a timeout of 0 means none. Timeouts may be given
as decimals (``pool_timeout=0.5``). Unknown parameters are kept in ``params`` and otherwise ignored,
as Prisma does. A malformed URL raises :class:`~refrakt.errors.InitializationError` P1013 naming
the problem, with the password masked.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, unquote, urlsplit

from refrakt.errors import InitializationError

Provider = Literal["sqlite", "postgresql", "mysql"]

_SCHEMES: Mapping[str, Provider] = {"postgresql": "postgresql", "postgres": "postgresql", "mysql": "mysql"}
_DEFAULT_PORTS: Mapping[Provider, int] = {"postgresql": 5432, "mysql": 3306, "sqlite": 0}
_DEFAULT_DATABASES: Mapping[Provider, str] = {"postgresql": "postgres", "mysql": "mysql", "sqlite": "main"}
_PG_SSLMODES = frozenset({"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
_SSLACCEPT = frozenset({"strict", "accept_invalid_certs"})
MEMORY = ":memory:"


def default_connection_limit() -> int:
    """Prisma's default pool size: ``num_cpus * 2 + 1``."""
    return (os.cpu_count() or 1) * 2 + 1


@dataclass(frozen=True, slots=True)
class ConnectionConfig:
    """Everything needed to open connections to one database; build it with :func:`parse_url`."""

    provider: Provider
    url: str = field(repr=False)
    host: str = ""
    port: int = 0
    user: str = ""
    password: str | None = field(default=None, repr=False)
    database: str = ""
    #: PostgreSQL ``schema=`` (``None``: the server's ``search_path``).
    schema: str | None = None
    #: SQLite: the absolute path of the file, or ``":memory:"``.
    file_path: str = ""
    connection_limit: int = 1
    #: Seconds to wait for a free connection before P2024; ``None`` waits forever.
    pool_timeout: float | None = 10.0
    connect_timeout: float | None = 5.0
    socket_timeout: float | None = None
    sslmode: str | None = None
    sslcert: str | None = None
    sslidentity: str | None = None
    sslpassword: str | None = field(default=None, repr=False)
    sslaccept: str | None = None
    pgbouncer: bool = False
    application_name: str | None = None
    #: MySQL ``socket=`` / PostgreSQL ``host=``: a unix socket path or folder.
    socket: str | None = None
    params: Mapping[str, str] = field(default_factory=dict[str, str])

    @property
    def redacted_url(self) -> str:
        """The URL with its password replaced by ``****`` (for messages and logs)."""
        return redact_url(self.url)

    @property
    def display_host(self) -> str:
        """The host as Prisma names it in messages (the socket when there is no host)."""
        return self.host or self.socket or "localhost"


def redact_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.password is None:
        return url
    user, _, host = parts.netloc.rpartition("@")
    name = user.partition(":")[0]
    return parts._replace(netloc=f"{name}:****@{host}").geturl()


def parse_url(url: str, *, base_dir: str | os.PathLike[str] | None = None) -> ConnectionConfig:
    """Parse a Prisma connection URL. ``base_dir`` is the folder that a relative SQLite ``file:``
    path starts from (Prisma: the schema file's folder)."""
    if not isinstance(url, str) or not url.strip():  # pyright: ignore[reportUnnecessaryIsInstance]
        raise InitializationError.invalid_url("The URL is empty", "")
    url = url.strip()
    scheme, sep, _ = url.partition(":")
    scheme = scheme.lower()
    if not sep:
        raise InitializationError.invalid_url("The URL has no scheme (`file:`, `postgresql://` or `mysql://`)", url)
    if scheme in ("file", "sqlite"):
        return _parse_sqlite(url, base_dir)
    if scheme in _SCHEMES:
        return _parse_server(url, _SCHEMES[scheme])
    if scheme.startswith("prisma"):
        raise InitializationError.invalid_url(
            f"The scheme `{scheme}` needs Prisma Accelerate, which refrakt does not support", redact_url(url)
        )
    raise InitializationError.invalid_url(
        f"Unknown scheme `{scheme}`: expected `file:`, `postgresql://`, `postgres://` or `mysql://`", redact_url(url)
    )


def _parse_sqlite(url: str, base_dir: str | os.PathLike[str] | None) -> ConnectionConfig:
    rest = url.split(":", 1)[1]
    path_part, _, query = rest.partition("?")
    params = _query_params(query, url)
    if path_part.startswith("//"):  # file:///abs/path or file://./rel: an authority-less URL
        path_part = path_part[2:]
    path_part = unquote(path_part)
    if not path_part:
        raise InitializationError.invalid_url("The SQLite URL names no file", url)
    if path_part == MEMORY:
        file_path = MEMORY
        limit = 1  # every connection to ":memory:" would be a database of its own
    else:
        p = Path(path_part).expanduser()
        if not p.is_absolute():
            p = Path(base_dir if base_dir is not None else os.getcwd()) / p
        file_path = os.path.normpath(p)
        if os.path.isdir(file_path):
            raise InitializationError.invalid_url(f"The SQLite database path `{file_path}` is a folder", url)
        limit = _int(params, "connection_limit", url, default_connection_limit(), minimum=1)
    return ConnectionConfig(
        provider="sqlite",
        url=url,
        database="main",
        file_path=file_path,
        connection_limit=limit,
        pool_timeout=_seconds(params, "pool_timeout", url, 10.0),
        connect_timeout=None,
        socket_timeout=_seconds(params, "socket_timeout", url, None),
        params=params,
    )


def _parse_server(url: str, provider: Provider) -> ConnectionConfig:
    shown = redact_url(url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InitializationError.invalid_url(f"Invalid port or host ({exc})", shown) from None
    params = _query_params(parts.query, shown)
    path = unquote(parts.path.lstrip("/"))
    if "/" in path:
        raise InitializationError.invalid_url(f"The database name `{path}` contains a `/`", shown)
    host = parts.hostname or ""
    socket = (params.get("socket", "").strip("()") or None) if provider == "mysql" else None
    if provider == "postgresql" and "host" in params:  # libpq: a folder means a unix socket
        host, socket = params["host"], params["host"] if params["host"].startswith("/") else None
        if socket:
            host = ""
    if not host and not socket:
        host = "localhost"
    sslmode = params.get("sslmode")
    if sslmode is not None and provider == "postgresql" and sslmode not in _PG_SSLMODES:
        raise InitializationError.invalid_url(
            f"Invalid `sslmode` value `{sslmode}` (expected one of {', '.join(sorted(_PG_SSLMODES))})", shown
        )
    sslaccept = params.get("sslaccept")
    if sslaccept is not None and sslaccept not in _SSLACCEPT:
        raise InitializationError.invalid_url(
            f"Invalid `sslaccept` value `{sslaccept}` (expected `strict` or `accept_invalid_certs`)", shown
        )
    schema = params.get("schema") if provider == "postgresql" else None
    return ConnectionConfig(
        provider=provider,
        url=url,
        host=host,
        port=port or _DEFAULT_PORTS[provider],
        user=unquote(parts.username or ""),
        password=unquote(parts.password) if parts.password is not None else None,
        database=path or _DEFAULT_DATABASES[provider],
        schema=schema if schema else None,
        connection_limit=_int(params, "connection_limit", shown, default_connection_limit(), minimum=1),
        pool_timeout=_seconds(params, "pool_timeout", shown, 10.0),
        connect_timeout=_seconds(params, "connect_timeout", shown, 5.0),
        socket_timeout=_seconds(params, "socket_timeout", shown, None),
        sslmode=sslmode,
        sslcert=params.get("sslcert"),
        sslidentity=params.get("sslidentity"),
        sslpassword=params.get("sslpassword"),
        sslaccept=sslaccept,
        pgbouncer=_bool(params, "pgbouncer", shown),
        application_name=params.get("application_name"),
        socket=socket,
        params=params,
    )


def _query_params(query: str, shown: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        raise InitializationError.invalid_url(f"Malformed query string `{query}`", shown) from None
    return dict(pairs)


def _int(params: Mapping[str, str], key: str, shown: str, default: int, *, minimum: int) -> int:
    raw = params.get(key)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise InitializationError.invalid_url(
            f"Invalid value `{raw}` for `{key}`: expected a whole number of at least {minimum}", shown
        )
    return value


def _seconds(params: Mapping[str, str], key: str, shown: str, default: float | None) -> float | None:
    raw = params.get(key)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0 or not math.isfinite(value):
        raise InitializationError.invalid_url(
            f"Invalid value `{raw}` for `{key}`: expected a number of seconds (0 for no timeout)", shown
        )
    return value or None


def _bool(params: Mapping[str, str], key: str, shown: str) -> bool:
    raw = params.get(key)
    if raw is None:
        return False
    if raw in ("true", "false"):
        return raw == "true"
    raise InitializationError.invalid_url(f"Invalid value `{raw}` for `{key}`: expected `true` or `false`", shown)
