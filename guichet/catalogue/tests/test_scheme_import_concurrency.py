"""A large ``guichet import-schemes`` on SQLite leaves the site free to write meanwhile.

The import runs in a subprocess on a file-backed SQLite database, as on a server; this test
process plays the site: every 0.2 s it writes what a sign-in writes (a session row, the
user's last login) with a busy timeout of a few seconds, the way a request would wait.
Before the import worked in short transactions, these writes failed with « database is
locked » for as long as the import ran, even with ``--dry-run``.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schemes"
PRO = FIXTURES / "dispositifs-professionnels.csv"
ROWS = 3000
# What a request waits for the lock before answering « database is locked », in seconds.
SITE_BUSY_TIMEOUT = 5
EMAIL = "alice@example.fr"
# Tables the site-like writer itself writes to.
SITE_TABLES = {"django_session", "accounts_user"}


def guichet(var_dir: Path, *args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "guichet.config.test_settings",
        "GUICHET_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'guichet.sqlite3'}",
    }
    return subprocess.Popen(  # noqa: S603 - the project's own command
        [sys.executable, "-m", "guichet", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return out


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database with one user, built once for the module."""
    var_dir = tmp_path_factory.mktemp("migrated")
    finished(guichet(var_dir, "migrate", "--no-input", "-v0"))
    code = (
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_user(email={EMAIL!r}, password='x')"
    )
    finished(guichet(var_dir, "shell", "-c", code))
    return var_dir / "guichet.sqlite3"


@pytest.fixture
def var_dir(migrated: Path, tmp_path: Path) -> Path:
    """A fresh copy of the migrated database (SQLite's backup, WAL included)."""
    source = sqlite3.connect(migrated)
    target = sqlite3.connect(tmp_path / "guichet.sqlite3")
    source.backup(target)
    source.close()
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    return tmp_path


@pytest.fixture
def large_file(tmp_path: Path) -> Path:
    """3,000 valid rows: copies of a fixture row under new ids and titles."""
    with PRO.open(newline="", encoding="utf-8") as handle:
        template = list(csv.DictReader(handle))[-1]
    path = tmp_path / "grand-fichier.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(template))
        writer.writeheader()
        for number in range(ROWS):
            writer.writerow(
                {
                    **template,
                    "id": str(uuid.UUID(int=number + 1)),
                    "titre": f"Dispositif {number} : {template['titre']}",
                }
            )
    return path


@dataclass
class Site:
    """Sign-in-like writes on the database, as a request would make them."""

    path: Path
    failures: list[str] = field(default_factory=list)
    succeeded: int = 0

    def connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=SITE_BUSY_TIMEOUT, isolation_level=None)

    def sign_in(self) -> None:
        database = self.connect()
        try:
            database.execute("BEGIN IMMEDIATE")
            database.execute(
                "INSERT INTO django_session (session_key, session_data, expire_date) "
                "VALUES (?, 'e30', datetime('now', '+1 day'))",
                (uuid.uuid4().hex,),
            )
            database.execute(
                "UPDATE accounts_user SET last_login = datetime('now') WHERE email = ?", (EMAIL,)
            )
            database.execute("COMMIT")
            self.succeeded += 1
        except sqlite3.OperationalError as error:
            self.failures.append(str(error))
        finally:
            database.close()

    def count(self, table: str) -> int:
        database = self.connect()
        try:
            return int(database.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # noqa: S608
        finally:
            database.close()

    def counts(self) -> dict[str, int]:
        database = self.connect()
        try:
            tables = [
                name
                for (name,) in database.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
                if name not in SITE_TABLES
            ]
        finally:
            database.close()
        return {table: self.count(table) for table in tables}


def while_running(process: subprocess.Popen[str]) -> Iterator[None]:
    while process.poll() is None:
        yield
        time.sleep(0.2)


def test_sign_in_succeeds_while_a_large_import_writes(var_dir: Path, large_file: Path) -> None:
    """While 3,000 rows are imported, sign-ins keep succeeding within the busy timeout."""
    site = Site(var_dir / "guichet.sqlite3")
    process = guichet(var_dir, "import-schemes", str(large_file))
    during_writes = 0
    for _tick in while_running(process):
        imported = site.count("catalogue_scheme")
        site.sign_in()
        if 0 < imported < ROWS and process.poll() is None:
            during_writes += 1
    report = finished(process)
    assert f"Créés : {ROWS} ; mis à jour : 0 ; inchangés : 0 ; refusés : 0." in report
    assert site.failures == []
    assert during_writes >= 5, "the sign-ins must happen while the import is writing"
    assert site.count("catalogue_scheme") == ROWS
    assert site.count("django_session") == site.succeeded


def test_dry_run_of_a_large_file_writes_nothing_and_blocks_no_one(
    var_dir: Path, large_file: Path
) -> None:
    """A dry run of 3,000 rows lets every sign-in through and leaves every table as it was."""
    site = Site(var_dir / "guichet.sqlite3")
    before = site.counts()
    process = guichet(var_dir, "import-schemes", str(large_file), "--dry-run")
    during = 0
    for _tick in while_running(process):
        site.sign_in()
        during += 1 if process.poll() is None else 0
    report = finished(process)
    assert "Simulation (--dry-run) : rien n'a été enregistré." in report
    assert f"Créés : {ROWS} ; mis à jour : 0 ; inchangés : 0 ; refusés : 0." in report
    assert site.failures == []
    assert during >= 5, "the sign-ins must happen while the dry run reads"
    assert site.counts() == before
