"""Describing a live database: catalogue rows in, a :class:`~refrakt.migrate.SqlSchema` out.

One pure module per database (``sqlite``, ``postgres``, ``mysql``): ``queries(...)`` gives the
catalogue queries by key, ``build(rows, ...)`` turns their rows into a ``SqlSchema`` written
the way :func:`~refrakt.migrate.sql_schema_from_datamodel` writes the schema a data model asks
for. :func:`refrakt.migrate.describe` runs the queries on a connection.

A described schema and a calculated one say the same things in slightly different words: the
database rewrites some of what the DDL said, and some of what the data model says never
reaches the database. :func:`comparable` puts either in one canonical form, so that a schema
pushed from a data model describes back ``==`` to the data model's schema:

- order: tables, indexes, foreign keys, enums and extensions sorted by name (columns keep
  their order); views and Prisma's ``_prisma_migrations`` table are left out;
- index and key columns: ``Asc`` is the default order (``None``); primary keys keep sort
  orders and prefix lengths only on MySQL, indexes keep lengths only on MySQL and operator
  classes (in their SQL spelling, ``jsonb_path_ops``) only on PostgreSQL; MySQL's implicit
  index on a foreign key's columns (named like the constraint) is dropped;
- columns: SQLite enums are ``String`` columns; ``autoincrement`` is what the DDL says
  (on SQLite: the single ``Int`` primary key); defaults lose their constraint names, MySQL
  ``Json``/``Bytes`` literal defaults (never written) and ``dbgenerated()`` without an
  expression are dropped, ``dbgenerated("...")`` expressions are compared by kind only (the
  database rewrites their text: ``now() + '1 day'::interval`` comes back
  ``(now() + '1 day'::interval)``); literal values are canonical per type (DateTime in UTC,
  Json re-serialised with sorted keys, Bytes as bytes, Decimal without trailing zeros);
- namespaces: those of a multi-schema database that hold a table or an enum (as created);
- an ``Unsupported("...")`` type that the database reads back as a Prisma type is that type
  (PostgreSQL ``money`` is ``Decimal``/``Money``, SQLite ``VARCHAR(3)`` a ``String``);
- native types get the arguments the server gives them: MySQL ``DateTime(0)``, ``Timestamp(0)``,
  ``Time(0)`` are the bare types, a bare MySQL ``Decimal`` is ``Decimal(10,0)``, a bare PostgreSQL
  ``Char`` or ``Bit`` has length 1;
- MySQL enums: one per enum column, named ``Table_column`` (an implicit m:n table's column
  reuses its model's enum in the calculated schema, as in Prisma's calculator);
- MySQL: ``SetDefault`` is ``Restrict`` (InnoDB has no ``SET DEFAULT``: MariaDB stores ``RESTRICT``);
- extensions are compared by name (the database adds its schema and version).
"""

from refrakt.migrate.describers import mysql, postgres, sqlite
from refrakt.migrate.describers._compare import GENERATED, MIGRATIONS_TABLE, comparable, differences

__all__ = ["GENERATED", "MIGRATIONS_TABLE", "comparable", "differences", "mysql", "postgres", "sqlite"]
