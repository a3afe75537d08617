"""Reads for backups: the state of a database as an archive records it and a restore checks it.

The functions taking a ``cursor`` work on any DB-API cursor (Django's, or ``sqlite3`` on a
file that is not the configured database yet), so that the figures of an archive come from
the very snapshot it holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

# The main tables, counted in the manifest and compared after a restore.
COUNTED_MODELS = (
    "territories.Region",
    "territories.Department",
    "territories.Commune",
    "territories.Postcode",
    "accounts.User",
    "organisations.Organisation",
    "organisations.Membership",
    "catalogue.Solution",
    "catalogue.Training",
    "catalogue.TrainingSession",
    "catalogue.Scheme",
    "catalogue.SchemeTerritory",
    "catalogue.Event",
    "catalogue.Place",
    "audit.AuditEntry",
)
# Rows only people (or the demo) put there: a database holding one is not empty. What the
# migrations load (regions, vocabularies) does not count, so `migrate` then `restore` works.
CONTENT_MODELS = (
    "accounts.User",
    "organisations.Organisation",
    "catalogue.Solution",
    "catalogue.Training",
    "catalogue.Scheme",
    "catalogue.Event",
    "catalogue.Place",
)


def counted_tables(labels: Iterable[str] = COUNTED_MODELS) -> dict[str, str]:
    """``app_label.Model`` → table name, for the models of ``labels`` this project installs."""
    tables = {}
    for label in labels:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        tables[label] = model._meta.db_table
    return tables


def row_counts(
    cursor: Any, *, existing: Iterable[str], labels: Iterable[str] = COUNTED_MODELS
) -> dict[str, int]:
    """Rows per model of ``labels`` whose table is among ``existing``."""
    present = set(existing)
    counts = {}
    for label, table in counted_tables(labels).items():
        if table in present:
            # Table names come from the models, never from input.
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
            counts[label] = int(cursor.fetchone()[0])
    return counts


def sqlite_tables(cursor: Any) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row[0] for row in cursor.fetchall()}


def applied_migrations(cursor: Any, *, existing: Iterable[str]) -> dict[str, list[str]]:
    """Applied migrations per app, sorted (empty when ``django_migrations`` is absent)."""
    if "django_migrations" not in set(existing):
        return {}
    cursor.execute("SELECT app, name FROM django_migrations")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def unknown_migrations(applied: dict[str, list[str]]) -> dict[str, list[str]]:
    """Migrations of ``applied`` this code does not have: the archive is newer than the code."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = {}
    for app, names in applied.items():
        missing = [name for name in names if (app, name) not in known]
        if missing:
            unknown[app] = missing
    return unknown


def live_tables(*, using: str = "default") -> set[str]:
    connection = connections[using]
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def live_counts(
    *, using: str = "default", labels: Iterable[str] = COUNTED_MODELS
) -> dict[str, int]:
    """Rows per main table of the configured database now."""
    existing = live_tables(using=using)
    with connections[using].cursor() as cursor:
        return row_counts(cursor, existing=existing, labels=labels)


def live_content(*, using: str = "default") -> dict[str, int]:
    """The models of ``CONTENT_MODELS`` holding rows (nothing: the database may be replaced)."""
    counts = live_counts(using=using, labels=CONTENT_MODELS)
    return {label: count for label, count in counts.items() if count}


def pending_migrations(*, using: str = "default") -> list[str]:
    """Migrations of this code not applied to the database (``guichet migrate`` applies them)."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def count_differences(expected: dict[str, int], found: dict[str, int]) -> list[str]:
    """``label : expected → found`` for every main table whose rows differ."""
    return [
        f"{label} : {count} → {found.get(label, 0)}"
        for label, count in sorted(expected.items())
        if found.get(label, 0) != count
    ]
