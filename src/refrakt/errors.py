"""The public errors of refrakt: one tree, Prisma's codes, structured data.

Every error has ``.code`` (Prisma's error code where one exists, else ``None``), ``.message``
(Prisma's message text; also ``str(error)``) and ``.meta`` (a dict with Prisma's meta keys,
e.g. ``meta["target"]`` of a unique constraint violation). Errors raised from a database error
also carry ``.original_code`` and ``.original_message``: the database's own code (SQLSTATE on
PostgreSQL, the error number on MySQL, the extended result code on SQLite) and text.

::

    RefraktError(Exception)                       .code .message .meta
    ├── InitializationError                       P1000 auth failed, P1001 can't reach server,
    │                                             P1003 database does not exist, P1013 bad URL,
    │                                             P1010 access denied, P1011 TLS
    ├── OperationTimeoutError (+ TimeoutError)    P1008 a query outran socket_timeout
    ├── SchemaError                               P1012 .diagnostics of an invalid schema
    ├── ValidationError (+ TypeError)             P2009 invalid query, P2012 missing value,
    │                                             P2019 input error; .path of the argument
    ├── KnownRequestError                         a request the database or engine refused
    │   ├── ValueTooLongError                     P2000 .meta["column_name"]
    │   ├── UniqueConstraintError                 P2002 .meta["target"]
    │   ├── ForeignKeyConstraintError             P2003 .meta["field_name"]
    │   ├── RawQueryError                         P2010 .meta["code"], .meta["message"]
    │   ├── NullConstraintError                   P2011 .meta["constraint"]
    │   ├── RelationViolationError                P2014 .meta["relation_name"]
    │   ├── TableNotFoundError                    P2021 .meta["table"]
    │   ├── ColumnNotFoundError                   P2022 .meta["column"]
    │   ├── PoolTimeoutError                      P2024 .meta["connection_limit"], ["timeout"]
    │   ├── RecordNotFoundError                   P2025 .meta["cause"]
    │   ├── TransactionError                      P2028 .meta["error"]
    │   └── WriteConflictError                    P2034 write conflict or deadlock: retry
    ├── UnknownRequestError                       a database error with no Prisma code
    └── RelationNotLoadedError (+ AttributeError) a relation that was not included

Errors pickle (``code``, ``message``, ``meta`` and the original database code survive).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from refrakt.diagnostics import Diagnostic

__all__ = [
    "ColumnNotFoundError",
    "ForeignKeyConstraintError",
    "InitializationError",
    "KnownRequestError",
    "NullConstraintError",
    "OperationTimeoutError",
    "PoolTimeoutError",
    "RawQueryError",
    "RecordNotFoundError",
    "RefraktError",
    "RelationNotLoadedError",
    "RelationViolationError",
    "SchemaError",
    "TableNotFoundError",
    "TransactionError",
    "UniqueConstraintError",
    "UnknownRequestError",
    "ValidationError",
    "ValueTooLongError",
    "WriteConflictError",
    "render_constraint",
]

#: A database constraint as Prisma reports it: the columns (a list), an index or constraint
#: name (a string), or ``None`` when the database did not say.
Constraint = list[str] | str | None


def render_constraint(constraint: Constraint, *, foreign_key: bool = False) -> str:
    """Prisma's rendering of a constraint in a message: ``fields: (`a`,`b`)``, ``constraint:
    `name```, ``foreign key`` (a foreign key with no name) or ``(not available)``."""
    if isinstance(constraint, list):
        return "fields: (" + ",".join(f"`{c}`" for c in constraint) + ")"
    if isinstance(constraint, str):
        return f"constraint: `{constraint}`"
    return "foreign key" if foreign_key else "(not available)"


def _restore(cls: type[RefraktError], args: tuple[Any, ...], state: dict[str, Any]) -> RefraktError:
    err = cls.__new__(cls)
    err.args = args
    err.__dict__.update(state)
    return err


class RefraktError(Exception):
    """The base of every error refrakt raises on purpose."""

    #: Prisma's error code of the class (an instance may narrow it, e.g. P1000 vs P1001).
    default_code: ClassVar[str | None] = None

    code: str | None
    message: str
    meta: dict[str, Any]
    original_code: str | None
    original_message: str | None

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        meta: dict[str, Any] | None = None,
        original_code: str | None = None,
        original_message: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code if code is not None else self.default_code
        self.meta = meta if meta is not None else {}
        self.original_code = original_code
        self.original_message = original_message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, meta={self.meta!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), self.args, dict(self.__dict__)))

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "message", "meta"}``: the error as Prisma's engines report it in JSON."""
        return {"code": self.code, "message": self.message, "meta": dict(self.meta)}


# --- connection and set-up -------------------------------------------------------------------------


class InitializationError(RefraktError):
    """The database could not be reached, authenticated against or found, or its URL is invalid
    (Prisma's ``PrismaClientInitializationError``)."""

    @classmethod
    def authentication_failed(cls, *, user: str, host: str, **kw: Any) -> InitializationError:
        return cls(
            f"Authentication failed against database server at `{host}`, the provided database credentials for "
            f"`{user}` are not valid.\n\nPlease make sure to provide valid database credentials for the database "
            f"server at `{host}`.",
            code="P1000",
            meta={"database_user": user, "database_host": host},
            **kw,
        )

    @classmethod
    def unreachable(cls, *, host: str, port: int, **kw: Any) -> InitializationError:
        return cls(
            f"Can't reach database server at `{host}:{port}`\n\n"
            f"Please make sure your database server is running at `{host}:{port}`.",
            code="P1001",
            meta={"database_host": host, "database_port": port},
            **kw,
        )

    @classmethod
    def connect_timeout(cls, *, host: str, port: int, context: str = "", **kw: Any) -> InitializationError:
        return cls(
            f"The database server at `{host}:{port}` was reached but timed out.\n\nPlease try again.\n\n"
            f"Please make sure your database server is running at `{host}:{port}`.\n\nContext: {context}\n",
            code="P1002",
            meta={"database_host": host, "database_port": port, "context": context},
            **kw,
        )

    @classmethod
    def database_does_not_exist(cls, *, name: str, host: str, port: int, **kw: Any) -> InitializationError:
        return cls(
            f"Database `{name}` does not exist on the database server at `{host}:{port}`.",
            code="P1003",
            meta={"database_name": name, "database_host": host, "database_port": port},
            **kw,
        )

    @classmethod
    def sqlite_file_does_not_exist(cls, *, file_name: str, file_path: str, **kw: Any) -> InitializationError:
        return cls(
            f"Database {file_name} does not exist at {file_path}",
            code="P1003",
            meta={"database_file_name": file_name, "database_file_path": file_path},
            **kw,
        )

    @classmethod
    def access_denied(cls, *, user: str, database: str, **kw: Any) -> InitializationError:
        return cls(
            f"User `{user}` was denied access on the database `{database}`",
            code="P1010",
            meta={"database_user": user, "database_name": database},
            **kw,
        )

    @classmethod
    def tls(cls, message: str, **kw: Any) -> InitializationError:
        return cls(f"Error opening a TLS connection: {message}", code="P1011", meta={"message": message}, **kw)

    @classmethod
    def invalid_url(cls, details: str, url: str) -> InitializationError:
        """P1013 with Prisma's wording; ``url`` should already have its password masked."""
        described = (
            f"{details} in `{url}`. Please refer to the documentation in "
            "https://www.prisma.io/docs/reference/database-reference/connection-urls for constructing a correct "
            "connection string. In some cases, certain characters must be escaped. Please check the string for "
            "any illegal characters."
        )
        return cls(f"The provided database string is invalid. {described}", code="P1013", meta={"details": described})


class OperationTimeoutError(RefraktError, TimeoutError):
    """A query ran longer than the URL's ``socket_timeout`` (P1008)."""

    default_code = "P1008"

    @classmethod
    def after(cls, seconds: float | None, context: str = "", **kw: Any) -> OperationTimeoutError:
        time = "N/A" if seconds is None else f"{seconds:g}s"
        return cls(
            f"Operations timed out after `{time}`. Context: {context}", meta={"time": time, "context": context}, **kw
        )


class SchemaError(RefraktError):
    """An invalid schema: ``.diagnostics`` has the errors with file, line and column (P1012)."""

    default_code = "P1012"
    diagnostics: list[Diagnostic]

    def __init__(self, diagnostics: Sequence[Diagnostic], message: str | None = None) -> None:
        diags = list(diagnostics)
        if message is None:
            errors = [d for d in diags if d.severity == "error"]
            rendered = "\n".join(str(d) for d in errors)
            message = f"{rendered}\nValidation Error Count: {len(errors)}" if errors else "The schema is invalid."
        super().__init__(message, meta={"full_error": message})
        self.diagnostics = diags


class ValidationError(RefraktError, TypeError):
    """A wrong query argument. ``.path`` says where (``("where", "email", "contains")``); the
    message says what, with "did you mean" for a misspelt name. ``.code`` is the one Prisma's
    engine reports for the case: P2009 (invalid query), P2012 (missing required value), P2019
    (input error), ..."""

    default_code = "P2009"
    path: tuple[str | int, ...]

    def __init__(
        self,
        message: str,
        *,
        path: Sequence[str | int] = (),
        code: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, code=code, meta=meta)
        self.path = tuple(path)
        self.meta.setdefault("path", ".".join(str(p) for p in self.path))


# --- requests ----------------------------------------------------------------------------------------


class KnownRequestError(RefraktError):
    """A request that the database or the engine refused, with a Prisma code (P2xxx); Prisma's
    ``PrismaClientKnownRequestError``."""


class ValueTooLongError(KnownRequestError):
    default_code = "P2000"

    @classmethod
    def for_column(cls, column: str | None, **kw: Any) -> ValueTooLongError:
        name = column if column else "(not available)"
        return cls(
            f"The provided value for the column is too long for the column's type. Column: {name}",
            meta={"column_name": name},
            **kw,
        )


class UniqueConstraintError(KnownRequestError):
    """P2002; ``meta["target"]`` is the list of columns (PostgreSQL, SQLite) or the name of the
    unique index (MySQL), as in Prisma."""

    default_code = "P2002"

    @classmethod
    def on(cls, target: Constraint, **kw: Any) -> UniqueConstraintError:
        return cls(f"Unique constraint failed on the {render_constraint(target)}", meta={"target": target}, **kw)


class ForeignKeyConstraintError(KnownRequestError):
    """P2003; ``meta["field_name"]`` names what failed as Prisma's engine does: ``"<constraint> (index)"``
    (PostgreSQL), the columns joined by ``,`` (MySQL) or ``"foreign key"`` (SQLite); ``meta["constraint"]``
    is the constraint's name, the list of columns, or ``None``."""

    default_code = "P2003"

    @classmethod
    def on(cls, constraint: Constraint, **kw: Any) -> ForeignKeyConstraintError:
        rendered = render_constraint(constraint, foreign_key=True)
        if isinstance(constraint, str):
            field_name = f"{constraint} (index)"
        elif isinstance(constraint, list):
            field_name = ",".join(constraint)
        else:
            field_name = "foreign key"
        return cls(
            f"Foreign key constraint violated on the {rendered}",
            meta={"field_name": field_name, "constraint": constraint},
            **kw,
        )


class RawQueryError(KnownRequestError):
    """P2010: a raw query failed; ``meta["code"]`` and ``meta["message"]`` are the database's."""

    default_code = "P2010"

    @classmethod
    def from_database(cls, code: str | None, message: str | None) -> RawQueryError:
        c, m = code or "N/A", message or "N/A"
        return cls(
            f"Raw query failed. Code: `{c}`. Message: `{m}`",
            meta={"code": c, "message": m},
            original_code=code,
            original_message=message,
        )

    @classmethod
    def wrap(cls, error: RefraktError) -> RawQueryError:
        """The P2010 that Prisma reports for a database error raised by a raw query."""
        if isinstance(error, RawQueryError):
            return error
        return cls.from_database(error.original_code, error.original_message or error.message)


class NullConstraintError(KnownRequestError):
    default_code = "P2011"

    @classmethod
    def on(cls, constraint: Constraint, **kw: Any) -> NullConstraintError:
        return cls(
            f"Null constraint violation on the {render_constraint(constraint)}", meta={"constraint": constraint}, **kw
        )


class RelationViolationError(KnownRequestError):
    default_code = "P2014"

    @classmethod
    def between(cls, relation_name: str, model_a_name: str, model_b_name: str) -> RelationViolationError:
        return cls(
            f"The change you are trying to make would violate the required relation '{relation_name}' between the "
            f"`{model_a_name}` and `{model_b_name}` models.",
            meta={"relation_name": relation_name, "model_a_name": model_a_name, "model_b_name": model_b_name},
        )


class TableNotFoundError(KnownRequestError):
    default_code = "P2021"

    @classmethod
    def named(cls, table: str | None, **kw: Any) -> TableNotFoundError:
        name = table or "(not available)"
        return cls(f"The table `{name}` does not exist in the current database.", meta={"table": name}, **kw)


class ColumnNotFoundError(KnownRequestError):
    default_code = "P2022"

    @classmethod
    def named(cls, column: str | None, **kw: Any) -> ColumnNotFoundError:
        name = column or "(not available)"
        return cls(f"The column `{name}` does not exist in the current database.", meta={"column": name}, **kw)


class PoolTimeoutError(KnownRequestError):
    """P2024: no connection became free within ``pool_timeout`` seconds."""

    default_code = "P2024"

    @classmethod
    def after(cls, timeout: float, connection_limit: int) -> PoolTimeoutError:
        shown = int(timeout) if float(timeout).is_integer() else timeout
        return cls(
            "Timed out fetching a new connection from the connection pool. More info: "
            f"http://pris.ly/d/connection-pool (Current connection pool timeout: {shown}, connection limit: "
            f"{connection_limit})",
            meta={"connection_limit": connection_limit, "timeout": shown},
        )


class RecordNotFoundError(KnownRequestError):
    default_code = "P2025"

    @classmethod
    def because(cls, cause: str, *, model_name: str | None = None) -> RecordNotFoundError:
        meta: dict[str, Any] = {"cause": cause}
        if model_name is not None:
            meta["modelName"] = model_name
        return cls(
            f"An operation failed because it depends on one or more records that were required but not found. {cause}",
            meta=meta,
        )


class TransactionError(KnownRequestError):
    """P2028: the transaction API was misused or a transaction outran its timeout."""

    default_code = "P2028"

    @classmethod
    def because(cls, error: str) -> TransactionError:
        return cls(f"Transaction API error: {error}", meta={"error": error})


class WriteConflictError(KnownRequestError):
    """P2034: a serialization failure or a deadlock; the transaction may be retried."""

    default_code = "P2034"

    @classmethod
    def create(cls, **kw: Any) -> WriteConflictError:
        return cls("Transaction failed due to a write conflict or a deadlock. Please retry your transaction", **kw)


class UnknownRequestError(RefraktError):
    """A database error that has no Prisma code (Prisma's ``PrismaClientUnknownRequestError``);
    ``.original_code`` and ``.original_message`` say what the database reported."""

    @classmethod
    def from_database(cls, code: str | None, message: str) -> UnknownRequestError:
        shown = f"Error code: {code}. {message}" if code else message
        return cls(
            f"Error occurred during query execution: {shown}",
            meta={"code": code, "message": message},
            original_code=code,
            original_message=message,
        )


class RelationNotLoadedError(RefraktError, AttributeError):
    """A relation field of a result that was not loaded: refrakt never loads lazily (no N+1)."""

    def __init__(self, model: str, field: str) -> None:
        super().__init__(
            f"`{model}.{field}` was not loaded: there is no lazy loading. Load it with "
            f'`include={{"{field}": True}}` (or `select={{"{field}": True}}`) in the query that returned this '
            f"{model}.",
            meta={"modelName": model, "field": field},
        )
        self.name = field
        self.obj = None
