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
"""

from refrakt.migrate._calculate import sql_schema_from_datamodel, sql_schema_from_schema
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
)
from refrakt.migrate._script import (
    EMPTY_MIGRATION,
    MigrationStep,
    create_statements,
    create_steps,
    render_create_script,
    render_script,
)
from refrakt.migrate.flavours import SqlFlavour, get_flavour

__all__ = [
    "EMPTY_MIGRATION",
    "Column",
    "ColumnType",
    "DatabaseNotEmptyError",
    "DefaultValue",
    "Enum",
    "Extension",
    "ForeignKey",
    "Index",
    "IndexColumn",
    "MigrationStep",
    "NativeType",
    "PrimaryKey",
    "PushError",
    "PushPlan",
    "PushResult",
    "PushTarget",
    "Sequence",
    "SqlFlavour",
    "SqlSchema",
    "StatementFailedError",
    "SystemDatabaseError",
    "Table",
    "create_statements",
    "create_steps",
    "get_flavour",
    "plan_push",
    "push",
    "push_async",
    "render_create_script",
    "render_script",
    "sql_schema_from_datamodel",
    "sql_schema_from_schema",
]
