"""The migration engine (first part): the SQL schema a data model asks for, and its DDL.

>>> from refrakt.schema import parse
>>> dm = parse('datasource db {\\n  provider = "sqlite"\\n  url = "file:dev.db"\\n}\\n'
...            'model User {\\n  id Int @id @default(autoincrement())\\n}\\n').datamodel
>>> print(render_create_script(sql_schema_from_datamodel(dm)))
-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT
);
<BLANKLINE>

:func:`push` (and :func:`push_async`) does what ``prisma db push`` does: create the schema in an
empty database, or in one that ``force_reset=True`` empties first.

``sql_schema_from_datamodel(datamodel, flavour)`` follows Prisma's schema engine (the
``sql_schema_calculator``); ``render_create_script`` gives the same text as
``prisma migrate diff --from-empty --to-schema-datamodel ... --script``. Flavour specifics live
in ``refrakt.migrate.flavours.{sqlite,postgres,mysql}``.

``diff(before, after)`` is the :class:`Migration` between two schemas (Prisma's schema differ);
``render_migration_script(migration)`` gives the text of ``prisma migrate diff --script``, and
``check_queries`` / ``evaluate`` turn its destructive-change checks into Prisma's warnings.

``describe(conn, flavour)`` (``describe_async``, ``describe_url(url)``) reads a live database
back into a :class:`SqlSchema` (Prisma's ``sql-schema-describer``); ``describers.comparable`` is
the form in which a described schema and the calculated one compare equal.
"""

from refrakt.migrate._calculate import sql_schema_from_datamodel, sql_schema_from_schema
from refrakt.migrate._describe import describe, describe_url
from refrakt.migrate._describe_async import describe as describe_async
from refrakt.migrate._describe_async import describe_url as describe_url_async
from refrakt.migrate._destructive import Check, Diagnostics, check_queries, evaluate
from refrakt.migrate._dev import dev
from refrakt.migrate._dev_async import dev as dev_async
from refrakt.migrate._diff import diff
from refrakt.migrate._diff_model import Migration
from refrakt.migrate._history import MigrationRecord
from refrakt.migrate._history_api import deploy, down, reset, resolve, status
from refrakt.migrate._history_api_async import deploy as deploy_async
from refrakt.migrate._history_api_async import down as down_async
from refrakt.migrate._history_api_async import reset as reset_async
from refrakt.migrate._history_api_async import resolve as resolve_async
from refrakt.migrate._history_api_async import status as status_async
from refrakt.migrate._history_target import MigrateProject, migrate_project
from refrakt.migrate._migrations import MigrationsFolderError, checksum, lock_text, migration_folder_name
from refrakt.migrate._push import plan_push, push, push_async
from refrakt.migrate._push_model import (
    DatabaseNotEmptyError,
    PushError,
    PushPlan,
    PushResult,
    PushTarget,
    StatementFailedError,
    SystemDatabaseError,
)
from refrakt.migrate._render import render_migration_script
from refrakt.migrate._schema import (
    Column,
    ColumnType,
    DefaultValue,
    Enum,
    Extension,
    ForeignKey,
    Index,
    IndexColumn,
    NativeType,
    PrimaryKey,
    Sequence,
    SqlSchema,
    Table,
    View,
)
from refrakt.migrate._script import (
    EMPTY_MIGRATION,
    MigrationStep,
    create_statements,
    create_steps,
    render_create_script,
    render_script,
)
from refrakt.migrate._status import (
    DataLossWarnings,
    DeployResult,
    DevResult,
    DownResult,
    DriftDetected,
    MigrateError,
    MigrationStatus,
    PushDataLossError,
    ResetResult,
)
from refrakt.migrate.flavours import SqlFlavour, get_flavour

__all__ = [
    "EMPTY_MIGRATION",
    "Check",
    "Column",
    "ColumnType",
    "DataLossWarnings",
    "DatabaseNotEmptyError",
    "DefaultValue",
    "DeployResult",
    "DevResult",
    "Diagnostics",
    "DownResult",
    "DriftDetected",
    "Enum",
    "Extension",
    "ForeignKey",
    "Index",
    "IndexColumn",
    "MigrateError",
    "MigrateProject",
    "Migration",
    "MigrationRecord",
    "MigrationStatus",
    "MigrationStep",
    "MigrationsFolderError",
    "NativeType",
    "PrimaryKey",
    "PushDataLossError",
    "PushError",
    "PushPlan",
    "PushResult",
    "PushTarget",
    "ResetResult",
    "Sequence",
    "SqlFlavour",
    "SqlSchema",
    "StatementFailedError",
    "SystemDatabaseError",
    "Table",
    "View",
    "check_queries",
    "checksum",
    "create_statements",
    "create_steps",
    "deploy",
    "deploy_async",
    "describe",
    "describe_async",
    "describe_url",
    "describe_url_async",
    "dev",
    "dev_async",
    "diff",
    "down",
    "down_async",
    "evaluate",
    "get_flavour",
    "lock_text",
    "migrate_project",
    "migration_folder_name",
    "plan_push",
    "push",
    "push_async",
    "render_create_script",
    "render_migration_script",
    "render_script",
    "reset",
    "reset_async",
    "resolve",
    "resolve_async",
    "sql_schema_from_datamodel",
    "sql_schema_from_schema",
    "status",
    "status_async",
]
