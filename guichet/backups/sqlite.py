"""SQLite: copy the live database with the online backup API, put a copy back in place."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _

from guichet.backups.archive import BackupError
from guichet.backups.selectors import applied_migrations, row_counts, sqlite_tables

# Pages copied per step (4 MB at the default page size): between steps the copy holds no
# lock, so the server's writers never wait for long.
STEP_PAGES = 1024
# A write by another connection between two steps restarts the copy from the start. After
# this many restarts, the rest is copied in one step: in WAL mode (the project's setting) a
# reader never blocks a writer, so the site keeps writing while that step reads a snapshot.
MAX_RESTARTS = 3


class _Restarted(Exception):
    pass


class _RestartWatch:
    def __init__(self) -> None:
        self.previous: int | None = None
        self.restarts = 0

    def __call__(self, status: int, remaining: int, total: int) -> None:
        if self.previous is not None and remaining > self.previous:
            self.restarts += 1
            if self.restarts > MAX_RESTARTS:
                raise _Restarted
        self.previous = remaining


def copy_live(*, connection: BaseDatabaseWrapper, destination: Path) -> None:
    """Copy the configured database into the new file ``destination``, the site running."""
    name = str(connection.settings_dict["NAME"])
    in_memory = connection.creation.is_in_memory_db(name)  # type: ignore[attr-defined]
    if not in_memory and not Path(name).is_file():
        raise BackupError(
            _("La base SQLite configurée est introuvable : %(name)s (lancez « guichet migrate »).")
            % {"name": name}
        )
    # A connection of our own, configured like Django's (busy timeout, WAL), so that the
    # copy neither waits on nor disturbs what the process does with its own.
    source = connection.get_new_connection(connection.get_connection_params())
    try:
        with closing(sqlite3.connect(destination)) as target:
            try:
                source.backup(target, pages=STEP_PAGES, progress=_RestartWatch())
            except _Restarted:
                source.backup(target, pages=-1)
    except sqlite3.Error as error:
        destination.unlink(missing_ok=True)
        raise BackupError(
            _("Copie de la base SQLite impossible : %(error)s") % {"error": error}
        ) from error
    finally:
        source.close()


def inspect(path: Path, *, source: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Rows per main table and applied migrations of the SQLite file ``path``, checked sound."""
    try:
        with closing(sqlite3.connect(path)) as database:
            cursor = database.cursor()
            verdict = cursor.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(
                    _("La base contenue dans %(path)s est abîmée : %(verdict)s")
                    % {"path": source, "verdict": verdict}
                )
            existing = sqlite_tables(cursor)
            counts = row_counts(cursor, existing=existing)
            migrations = applied_migrations(cursor, existing=existing)
    except sqlite3.Error as error:
        raise BackupError(
            _("La base contenue dans %(path)s n'est pas lisible : %(error)s")
            % {"path": source, "error": error}
        ) from error
    return counts, migrations


def install(*, copy: Path, connection: BaseDatabaseWrapper) -> None:
    """Put the SQLite file ``copy`` in place of the configured database.

    A file database is replaced by a rename (``copy`` must be in the same folder): at every
    moment the path holds either the old database or the restored one. The old database's
    write-ahead log is folded into it first and removed after, since SQLite would otherwise
    replay it onto the restored file. A database in memory (the test suite's) cannot be
    renamed: the copy is written into it with the backup API.
    """
    name = str(connection.settings_dict["NAME"])
    if connection.creation.is_in_memory_db(name):  # type: ignore[attr-defined]
        connection.ensure_connection()
        raw: Any = connection.connection
        with closing(sqlite3.connect(copy)) as source:
            source.backup(raw)
        return
    target = Path(name)
    connection.close()
    if target.exists():
        with closing(sqlite3.connect(target)) as old:
            old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copymode(target, copy)
    os.replace(copy, target)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
