"""Connector-dependent checks and texts for relations: referential actions and relation modes."""

from __future__ import annotations

from refrakt.psl.connectors import _messages as msg
from refrakt.psl.connectors._connector import Connector
from refrakt.psl.connectors._types import ReferentialAction, RelationMode


def _allowed_list(actions: tuple[ReferentialAction, ...]) -> str:
    return ", ".join(f"`{a}`" for a in actions)


def referential_action_error(
    connector: Connector, relation_mode: RelationMode, action: ReferentialAction
) -> str | None:
    """The error for an explicit ``onDelete``/``onUpdate`` the connector cannot do, or ``None``.

    The full message (``Error validating: Invalid referential action: ...``); Prisma reports it at
    the ``onDelete:``/``onUpdate:`` argument (else at the field).
    """
    if connector.supports_referential_action(relation_mode, action):
        return None
    allowed = connector.referential_actions(relation_mode)
    text = f"Invalid referential action: `{action}`. Allowed values: ({_allowed_list(allowed)})"
    if (
        relation_mode is RelationMode.PRISMA
        and action is ReferentialAction.NO_ACTION
        and ReferentialAction.RESTRICT in allowed
    ):
        text += (
            f'. `NoAction` is not implemented for {connector.name} when using `relationMode = "prisma"`, '
            "you could try using `Restrict` instead. Learn more at https://pris.ly/d/relation-mode"
        )
    return msg.validation_error(text)


def set_default_warning(connector: Connector, relation_mode: RelationMode) -> str | None:
    """The warning for an explicit ``SetDefault`` action, where the database ignores it (MySQL).

    Prisma emits it once per explicit ``onDelete: SetDefault`` / ``onUpdate: SetDefault``, at the
    argument, with ``relationMode = "foreignKeys"`` only.
    """
    if not connector.warns_on_set_default or relation_mode is not RelationMode.FOREIGN_KEYS:
        return None
    return (
        f"{connector.name} does not actually support the `SetDefault` referential action, so using it may "
        "result in unexpected errors. Read more at https://pris.ly/d/mysql-set-default "
    )


def relation_mode_setting_error(connector: Connector, relation_mode: RelationMode) -> str | None:
    """The datasource error when ``relationMode`` is a valid value this connector does not allow.

    The full message (``Error validating datasource `relationMode`: ...``), reported at the value.
    """
    if relation_mode in connector.allowed_relation_modes:
        return None
    supported = ", ".join(f'"{m}"' for m in connector.allowed_relation_modes)
    return msg.source_validation_error(
        f'Invalid relation mode setting: "{relation_mode}". Supported values: {supported}', "relationMode"
    )
