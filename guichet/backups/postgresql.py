"""PostgreSQL: ``pg_dump --format=custom`` out, ``pg_restore`` back in.

The client programs get the connection from the settings through the ``PG*`` environment
variables: the password travels in ``PGPASSWORD``, never on a command line that ``ps``
would show.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.db import DatabaseError, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _

from guichet.backups.archive import BackupError
from guichet.backups.selectors import applied_migrations, row_counts

# The search needs them (see guichet/search/migrations/0001_initial.py).
REQUIRED_EXTENSIONS = ("unaccent", "pg_trgm")
# Connection options passed on to libpq's environment variables.
OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}
# Table-of-contents entries of the extensions: the restore leaves them out, since dropping
# or creating an extension takes a superuser and ``ensure_extensions`` has checked them.
EXTENSION_ENTRY = re.compile(r"^\d+; \d+ \d+ (EXTENSION|COMMENT - EXTENSION) ")


def client(program: str) -> str:
    """The path of ``pg_dump`` or ``pg_restore``, or a French error saying what to install."""
    found = shutil.which(program)
    if found is None:
        raise BackupError(
            _(
                "Le programme %(program)s est introuvable. Installez le client PostgreSQL "
                "(paquet « postgresql-client » sous Debian ou Ubuntu), de la même version "
                "majeure que le serveur ou plus récent, puis relancez la commande."
            )
            % {"program": program}
        )
    return found


def client_env(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The environment that points libpq at the configured database."""
    settings_dict = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in OPTION_VARIABLES.items():
        value = settings_dict.get("OPTIONS", {}).get(option)
        if value:
            env[variable] = str(value)
    return env


def _run(arguments: list[str], *, env: dict[str, str]) -> str:
    program = Path(arguments[0]).name
    result = subprocess.run(  # noqa: S603 - fixed program, arguments built here
        arguments, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = "\n".join(result.stderr.strip().splitlines()[-10:])
        raise BackupError(
            _("%(program)s a échoué (code %(code)s) :\n%(detail)s")
            % {"program": program, "code": result.returncode, "detail": detail}
        )
    return result.stdout


def dump(
    *, connection: BaseDatabaseWrapper, destination: Path, existing: set[str]
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Dump the configured database to ``destination``; return its rows and migrations.

    The figures and the dump come from one snapshot: a repeatable-read transaction exports
    it and ``pg_dump --snapshot`` reads it, so writes made meanwhile are in neither.
    """
    if connection.in_atomic_block:
        raise RuntimeError("backup_create needs a connection outside any transaction.")
    pg_dump = client("pg_dump")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = row_counts(cursor, existing=existing)
        migrations = applied_migrations(cursor, existing=existing)
        _run(
            [
                pg_dump,
                "--format=custom",
                "--no-password",
                f"--snapshot={snapshot}",
                f"--file={destination}",
                str(connection.settings_dict["NAME"]),
            ],
            env=client_env(connection),
        )
    return counts, migrations


def ensure_extensions(connection: BaseDatabaseWrapper) -> None:
    """Make sure the search's extensions exist in the target database, or say what to run.

    Both are "trusted" extensions since PostgreSQL 13: the database's owner may create
    them. Otherwise a superuser must, and the message gives the statements.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, installed_version FROM pg_available_extensions WHERE name = ANY(%s)",
            [list(REQUIRED_EXTENSIONS)],
        )
        available = dict(cursor.fetchall())
    name = connection.settings_dict["NAME"]
    unavailable = [extension for extension in REQUIRED_EXTENSIONS if extension not in available]
    if unavailable:
        raise BackupError(
            _(
                "Le serveur PostgreSQL n'a pas les extensions %(missing)s, dont la recherche "
                "a besoin. Installez les modules « contrib » de PostgreSQL (paquet "
                "« postgresql-contrib » ou « postgresql-NN-contrib »), puis, "
                "en superutilisateur :\n"
                "%(statements)s"
            )
            % {"missing": ", ".join(unavailable), "statements": _statements(name)}
        )
    refused = []
    for extension in REQUIRED_EXTENSIONS:
        if available[extension] is not None:
            continue
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute(f'CREATE EXTENSION IF NOT EXISTS "{extension}"')
        except DatabaseError:
            refused.append(extension)
    if refused:
        raise BackupError(
            _(
                "Les extensions %(missing)s manquent dans la base « %(name)s » et ce compte ne "
                "peut pas les créer. Connectez-vous en superutilisateur et lancez :\n"
                "%(statements)s\npuis relancez la restauration."
            )
            % {"missing": ", ".join(refused), "name": name, "statements": _statements(name)}
        )


def _statements(name: str) -> str:
    return "\n".join(
        f'  psql --dbname="{name}" --command="CREATE EXTENSION IF NOT EXISTS {extension};"'
        for extension in REQUIRED_EXTENSIONS
    )


def restore(*, connection: BaseDatabaseWrapper, dump: Path, work: Path) -> None:
    """Restore ``dump`` into the configured database, in one transaction (all or nothing).

    ``--clean --if-exists`` replaces the objects the dump holds; ``--no-owner --no-acl``
    lets another account on another machine restore it.
    """
    pg_restore = client("pg_restore")
    env = client_env(connection)
    listing = _run([pg_restore, "--list", str(dump)], env=env)
    kept = work / "restore.list"
    kept.write_text(
        "".join(
            line for line in listing.splitlines(keepends=True) if not EXTENSION_ENTRY.match(line)
        )
    )
    connection.close()
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            "--no-password",
            f"--use-list={kept}",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        env=env,
    )
