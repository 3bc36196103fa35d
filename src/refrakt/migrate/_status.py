"""Comparing the migrations folder with ``_prisma_migrations`` (sans-IO), the results of the
``migrate`` commands, and their errors with Prisma's codes and texts.

:func:`diagnose` follows Prisma's ``diagnoseMigrationHistory``: the names of the folders and of the
rows not rolled back are walked side by side. The database is *behind* when the folder has more
(pending migrations), the folder is *behind* when the database has more (migrations missing
locally), and the histories *diverge* when a name differs. Failed rows (started, neither finished
nor rolled back) and migrations edited after they were applied (another checksum) are listed apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from refrakt.errors import RefraktError
from refrakt.migrate._history import MigrationRecord, display_time
from refrakt.migrate._push_model import PushError, PushTarget

Diagnostic = Literal["up_to_date", "database_is_behind", "migrations_directory_is_behind", "histories_diverge"]

RESOLVE_URL = "https://pris.ly/d/migrate-resolve"
BASELINE_URL = "https://pris.ly/d/migrate-baseline"


@dataclass(frozen=True, slots=True)
class MigrationStatus:
    """What ``migrate status`` finds (:func:`refrakt.migrate.status`)."""

    target: PushTarget
    local: tuple[str, ...]
    """The migration folders, in order."""
    has_table: bool
    """The database has a ``_prisma_migrations`` table (it is managed by Migrate)."""
    records: tuple[MigrationRecord, ...] = ()
    diagnostic: Diagnostic = "up_to_date"
    pending: tuple[str, ...] = ()
    """In the folder, not applied (Prisma's ``unappliedMigrationNames``)."""
    missing_locally: tuple[str, ...] = ()
    """Applied, not in the folder (``unpersistedMigrationNames``)."""
    last_common: str | None = None
    failed: tuple[MigrationRecord, ...] = ()
    edited: tuple[str, ...] = ()
    """Applied, but ``migration.sql`` changed since (another checksum)."""

    @property
    def up_to_date(self) -> bool:
        return self.has_table and self.diagnostic == "up_to_date" and not self.failed

    @property
    def exit_code(self) -> int:
        return 0 if self.up_to_date else 1

    def warnings(self) -> list[str]:
        return [f"The migration `{name}` was modified after it was applied." for name in self.edited]

    def __str__(self) -> str:
        return "\n".join(status_lines(self, command="refrakt"))


def diagnose(
    target: PushTarget,
    local: Sequence[tuple[str, str]],
    records: Sequence[MigrationRecord] | None,
) -> MigrationStatus:
    """``local``: ``(name, checksum)`` of each folder in order; ``records``: the table's rows, or
    ``None`` when there is no table."""
    names = tuple(name for name, _ in local)
    if records is None:
        return MigrationStatus(target=target, local=names, has_table=False)
    persisted = [r for r in records if r.rolled_back_at is None]
    db_names = list(dict.fromkeys(r.migration_name for r in persisted))
    last_common: str | None = None
    diagnostic: Diagnostic = "up_to_date"
    pending: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    for index, name in enumerate(names):
        if index >= len(db_names):
            diagnostic, pending = "database_is_behind", names[index:]
            break
        if db_names[index] != name:
            diagnostic = "histories_diverge"
            pending = tuple(n for n in names[index:] if n not in db_names)
            missing = tuple(n for n in db_names[index:] if n not in names)
            if not missing:  # only the order differs: the database lacks some, nothing is missing here
                diagnostic = "database_is_behind" if pending else "up_to_date"
            break
        last_common = name
    else:
        if len(db_names) > len(names):
            diagnostic, missing = "migrations_directory_is_behind", tuple(db_names[len(names) :])
    checksums = dict(local)
    edited = tuple(
        dict.fromkeys(
            r.migration_name
            for r in persisted
            if r.finished_at is not None and r.migration_name in checksums and checksums[r.migration_name] != r.checksum
        )
    )
    return MigrationStatus(
        target=target,
        local=names,
        has_table=True,
        records=tuple(records),
        diagnostic=diagnostic,
        pending=pending,
        missing_locally=missing,
        last_common=last_common,
        failed=tuple(r for r in records if r.failed),
        edited=edited,
    )


def _plural(names: Sequence[object]) -> str:
    return "s" if len(names) > 1 else ""


def found_line(local: Sequence[str], folder: str = "prisma/migrations") -> str:
    """``3 migrations found in prisma/migrations``."""
    if not local:
        return f"No migration found in {folder}"
    return f"{len(local)} migration{_plural(local)} found in {folder}"


def status_lines(report: MigrationStatus, *, command: str = "refrakt", folder: str = "prisma/migrations") -> list[str]:
    """The text of ``migrate status`` after the ``found`` line, as Prisma's ``MigrateStatus.ts``."""
    if report.diagnostic == "database_is_behind":
        p = report.pending
        return [
            f"Following migration{_plural(p)} have not yet been applied:",
            *p,
            "",
            f"To apply migrations in development run {command} migrate dev.",
            f"To apply migrations in production run {command} migrate deploy.",
            *(["", *_failed_lines(report, command)] if report.failed else []),
        ]
    if report.diagnostic == "histories_diverge":
        return [
            "Your local migration history and the migrations table from your database are different:",
            "",
            f"The last common migration is: {report.last_common}",
            "",
            f"The migration{_plural(report.pending)} have not yet been applied:",
            *report.pending,
            "",
            f"The migration{_plural(report.missing_locally)} from the database are not found locally in {folder}:",
            *report.missing_locally,
        ]
    if report.diagnostic == "migrations_directory_is_behind":
        m = report.missing_locally
        return [f"The migration{_plural(m)} from the database are not found locally in {folder}:", *m]
    if not report.has_table:
        if not report.local:
            return [
                "The current database is not managed by Prisma Migrate.",
                "",
                "Read more about how to baseline an existing production database:",
                BASELINE_URL,
            ]
        first = report.local[0]
        return [
            "The current database is not managed by Prisma Migrate.",
            "",
            "If you want to keep the current database structure and data and create new migrations, baseline this "
            f'database with the migration "{first}":',
            f'{command} migrate resolve --applied "{first}"',
            "",
            "Read more about how to baseline an existing production database:",
            BASELINE_URL,
        ]
    if report.failed:
        return _failed_lines(report, command)
    return ["Database schema is up to date!"]


def _failed_lines(report: MigrationStatus, command: str) -> list[str]:
    names = [r.migration_name for r in report.failed]
    return [
        f"Following migration{_plural(names)} have failed:",
        *names,
        "",
        "During development if the failed migration(s) have not been deployed to a production database you can "
        f"then fix the migration(s) and run {command} migrate dev.",
        "",
        "The failed migration(s) can be marked as rolled back or applied:",
        "",
        "- If you rolled back the migration(s) manually:",
        f'{command} migrate resolve --rolled-back "{names[0]}"',
        "",
        "- If you fixed the database manually (hotfix):",
        f'{command} migrate resolve --applied "{names[0]}"',
        "",
        "Read more about how to resolve migration issues in a production database:",
        RESOLVE_URL,
    ]


@dataclass(frozen=True, slots=True)
class DeployResult:
    """What :func:`refrakt.migrate.deploy` did: ``applied`` are the migrations it ran, in order."""

    target: PushTarget
    local: tuple[str, ...]
    applied: tuple[str, ...] = ()
    database_created: bool = False
    warnings: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        if not self.applied:
            return f"{self.target.describe()}: no pending migrations to apply."
        return f"{self.target.describe()}: applied " + ", ".join(self.applied) + "."


@dataclass(frozen=True, slots=True)
class DownResult:
    """What :func:`refrakt.migrate.down` reverted (newest first)."""

    target: PushTarget
    reverted: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ResetResult:
    """What :func:`refrakt.migrate.reset` did: emptied the database, then applied ``applied``."""

    target: PushTarget
    applied: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()


# --- errors ----------------------------------------------------------------------------------------------


class MigrateError(RefraktError):
    """A ``migrate`` command could not do what it was asked (the message says what changed)."""


def database_not_empty() -> MigrateError:
    return MigrateError(
        "The database schema is not empty. Read more about how to baseline an existing production database: "
        + BASELINE_URL,
        code="P3005",
    )


def found_failed(failed: Sequence[MigrationRecord]) -> MigrateError:
    details = "".join(
        f"The `{r.migration_name}` migration started at {display_time(r.started_at)} failed\n" for r in failed
    )
    return MigrateError(
        "migrate found failed migrations in the target database, new migrations will not be applied. Read more "
        f"about how to resolve migration issues in a production database: {RESOLVE_URL}\n{details}",
        code="P3009",
        meta={"details": details},
    )


def migration_failed(name: str, error: RefraktError) -> MigrateError:
    code = error.original_code or error.code or "none"
    return MigrateError(
        "A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read "
        f"more about how to resolve migration issues in a production database: {RESOLVE_URL}\n\n"
        f"Migration name: {name}\n\nDatabase error code: {code}\n\nDatabase error:\n{error.message}\n",
        code="P3018",
        meta={"migration_name": name, "database_error_code": code, "database_error": error.message},
        original_code=error.original_code,
        original_message=error.original_message,
    )


def migration_not_found(name: str) -> MigrateError:
    return MigrateError(
        f"The migration {name} could not be found. Please make sure that the migration exists, and that you included "
        'the whole name of the directory. (example: "20201207184859_initial_migration")',
        code="P3017",
        meta={"migration_name": name},
    )


def already_applied(name: str) -> MigrateError:
    return MigrateError(
        f"The migration `{name}` is already recorded as applied in the database.",
        code="P3008",
        meta={"migration_name": name},
    )


def never_applied(name: str) -> MigrateError:
    return MigrateError(
        f"Migration `{name}` cannot be rolled back because it was never applied to the database. Hint: did you pass "
        'in the whole migration name? (example: "20201207184859_initial_migration")',
        code="P3011",
        meta={"migration_name": name},
    )


def not_failed(name: str) -> MigrateError:
    return MigrateError(
        f"Migration `{name}` cannot be rolled back because it is not in a failed state.",
        code="P3012",
        meta={"migration_name": name},
    )


@dataclass(frozen=True, slots=True)
class DevResult:
    """What :func:`dev` did: the migrations it applied from the folder, the one it created."""

    applied: tuple[str, ...] = ()
    created: str | None = None
    """The new migration's folder name (``None``: the schema needed no new migration)."""
    created_applied: bool = False
    reset: bool = False
    warnings: tuple[str, ...] = ()
    script: str = ""


class DriftDetected(MigrateError):
    """The database is not what its migration history builds: ``migrate dev`` needs a reset."""


class DataLossWarnings(MigrateError):
    """The new migration may lose data; ``accept_data_loss=True`` goes on."""


class PushDataLossError(PushError):
    """``db push`` on a non-empty database would lose data (``accept_data_loss`` goes on), or
    cannot run at all (``meta["unexecutable"]``): nothing was changed."""

    @classmethod
    def warnings(cls, warnings: Sequence[str]) -> PushDataLossError:
        listed = "\n".join(f"  • {w}" for w in warnings)
        return cls(
            f"There might be data loss when applying the changes:\n\n{listed}\n\nUse the --accept-data-loss flag to "
            "ignore the data loss warnings like refrakt db push --accept-data-loss (`accept_data_loss=True`).",
            meta={"warnings": list(warnings)},
        )

    @classmethod
    def unexecutable(cls, steps: Sequence[str]) -> PushDataLossError:
        listed = "\n".join(f"  • {s}" for s in steps)
        return cls(
            f"We found changes that cannot be executed:\n\n{listed}\n\nYou may use the --force-reset flag to drop the "
            "database before push like refrakt db push --force-reset\nAll data will be lost.",
            meta={"unexecutable": list(steps)},
        )
