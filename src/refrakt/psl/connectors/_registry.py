"""The built-in connectors and the lookup by ``provider`` name."""

from __future__ import annotations

from refrakt.psl.connectors._capabilities import Capability as C
from refrakt.psl.connectors._cockroach import COCKROACH
from refrakt.psl.connectors._connector import UNLIMITED_IDENTIFIER_LENGTH, Connector
from refrakt.psl.connectors._mongodb import MONGODB
from refrakt.psl.connectors._mssql import MSSQL
from refrakt.psl.connectors._mysql import MYSQL
from refrakt.psl.connectors._postgres import POSTGRES
from refrakt.psl.connectors._sqlite import SQLITE
from refrakt.psl.connectors._types import ReferentialAction

BUILTIN_CONNECTORS: tuple[Connector, ...] = (POSTGRES, MYSQL, SQLITE, MSSQL, COCKROACH, MONGODB)
"""In Prisma's registry order (the order ``provider`` values are tried)."""

EMPTY_CONNECTOR = Connector(
    provider_name="empty",
    name="psl_core::datamodel_connector::empty_connector::EmptyDatamodelConnector",
    flavour=None,
    capabilities=C.AUTO_INCREMENT | C.COMPOUND_IDS | C.ENUMS | C.JSON | C.IMPLICIT_MANY_TO_MANY_RELATION,
    max_identifier_length=UNLIMITED_IDENTIFIER_LENGTH,
    foreign_key_actions=frozenset(ReferentialAction),
)
"""What Prisma validates against when a schema has no datasource block."""

_BY_PROVIDER: dict[str, Connector] = {
    provider: connector
    for connector in BUILTIN_CONNECTORS
    for provider in (connector.provider_name, *connector.provider_aliases)
}

PROVIDER_NAMES: tuple[str, ...] = tuple(_BY_PROVIDER)
"""Every accepted ``provider`` value, aliases included."""


def get_connector(provider: str) -> Connector | None:
    """The connector for a datasource ``provider`` value (``"postgres"`` and ``"postgresql"`` alike)."""
    return _BY_PROVIDER.get(provider)
