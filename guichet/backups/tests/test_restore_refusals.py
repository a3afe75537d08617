"""A restore that cannot be done says why in French, touches nothing, and shows no traceback."""

from __future__ import annotations

import io
import tarfile
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from guichet.backups.archive import FORMAT_VERSION, BackupError
from guichet.backups.postgresql import client
from guichet.catalogue.models import Solution

from .builders import current_manifest, hand_made_archive, small_catalogue

pytestmark = pytest.mark.django_db


def restore(path: Path, *options: str) -> str:
    out = StringIO()
    call_command("restore", str(path), *options, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    """An archive path that does not exist gives « Fichier introuvable » and the path."""
    with pytest.raises(CommandError, match=r"Fichier introuvable : .*absente\.tar\.gz"):
        restore(tmp_path / "absente.tar.gz")


def test_a_file_that_is_not_an_archive_is_refused(tmp_path: Path) -> None:
    """Any other file (here, text) is not taken for a backup."""
    other = tmp_path / "notes.tar.gz"
    other.write_text("rien à voir")
    with pytest.raises(CommandError, match="n'est pas une sauvegarde de Guichet IA"):
        restore(other)


def test_a_tar_without_our_manifest_is_refused(tmp_path: Path) -> None:
    """A genuine tar.gz of something else is refused before anything is extracted."""
    other = tmp_path / "photos.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        info = tarfile.TarInfo("photo.jpg")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"jpg"))
    with pytest.raises(CommandError, match="n'est pas une sauvegarde de Guichet IA"):
        restore(other)


def test_a_newer_format_asks_for_a_newer_version(tmp_path: Path) -> None:
    """An archive written in a later format says which version of Guichet IA can read it."""
    manifest = current_manifest(format_version=FORMAT_VERSION + 1, project_version="9.0.0")
    archive = hand_made_archive(tmp_path / "future.tar.gz", manifest)
    with pytest.raises(CommandError, match=r"plus récent.*Installez Guichet IA 9\.0\.0"):
        restore(archive)


def test_another_database_engine_is_refused(tmp_path: Path) -> None:
    """A PostgreSQL backup is not poured into SQLite, nor the reverse."""
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = hand_made_archive(tmp_path / "other.tar.gz", current_manifest(vendor=other))
    labels = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    expected = (
        f"est une sauvegarde {labels[other]}, mais la base configurée est "
        f"{labels[connection.vendor]}"
    )
    with pytest.raises(CommandError, match=expected):
        restore(archive, "--force")


def test_migrations_newer_than_the_code_are_refused(tmp_path: Path) -> None:
    """An archive from a later version (a migration this code lacks) names the migration."""
    manifest = current_manifest(project_version="2.0.0")
    migrations = dict(manifest.migrations)
    migrations["catalogue"] = [*migrations["catalogue"], "9999_from_the_future"]
    archive = hand_made_archive(tmp_path / "later.tar.gz", replace(manifest, migrations=migrations))
    with pytest.raises(
        CommandError, match=r"version plus récente de Guichet IA \(2\.0\.0\).*9999_from_the_future"
    ):
        restore(archive, "--force")


def test_a_refused_restore_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    """After any refusal the entries are still there."""
    small_catalogue()
    manifest = current_manifest(format_version=FORMAT_VERSION + 1)
    archive = hand_made_archive(tmp_path / "future.tar.gz", manifest)
    with pytest.raises(CommandError):
        restore(archive, "--force")
    assert Solution.objects.count() == 2


def test_an_archive_without_its_database_is_incomplete(tmp_path: Path) -> None:
    """A manifest alone (database member lost) is reported, nothing is replaced."""
    archive = tmp_path / "cut.tar.gz"
    body = current_manifest().to_json()
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    with pytest.raises(CommandError, match="ne contient pas de base de données"):
        restore(archive, "--force")


def test_missing_postgresql_clients_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Without pg_dump on the PATH the message says which package to install."""
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match=r"pg_dump est introuvable.*postgresql-client"):
        client("pg_dump")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite: the file is opened first")
def test_a_database_member_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    """Garbage where the SQLite file should be is reported; the database stays as it was."""
    small_catalogue()
    archive = hand_made_archive(tmp_path / "bad.tar.gz", current_manifest(), database=b"x" * 4096)
    with pytest.raises(CommandError, match="n'est pas lisible"):
        restore(archive, "--force")
    assert Solution.objects.count() == 2
