"""A backup restores what it saved, in this process, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from guichet.backups.archive import BackupError, open_archive
from guichet.backups.services import backup_create, backup_restore
from guichet.catalogue.models import Solution, Training
from guichet.organisations.models import Organisation
from guichet.search.backends import get_backend
from guichet.search.indexing import index_problems

from .builders import hand_made_archive, small_catalogue, snapshot

# The copy and the dump read committed data only, so these tests commit theirs.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    """An uploaded-files folder with one file in a subfolder."""
    root = tmp_path / "var" / "media"
    (root / "logos").mkdir(parents=True)
    (root / "logos" / "fournil.png").write_bytes(b"\x89PNG fake logo")
    settings.MEDIA_ROOT = root
    return root


def test_restore_puts_back_rows_files_and_search_answers(media: Path, tmp_path: Path) -> None:
    """Rows and files removed after a backup come back, and the search finds them again."""
    small_catalogue()
    before = snapshot()
    assert before["search"], "the catalogue should answer « chatbot »"
    archive = backup_create(output=tmp_path / "backups" / "site.tar.gz").path

    Solution.objects.all().delete()
    Training.objects.all().delete()
    Organisation.objects.filter(name="Studio Bleu").delete()
    (media / "logos" / "fournil.png").unlink()
    (media / "written-after.txt").write_text("not in the backup")
    assert snapshot() != before

    report = backup_restore(archive=archive, force=True)

    assert snapshot() == before
    assert report.counts == before["counts"]
    assert report.media_files == 1
    assert (media / "logos" / "fournil.png").read_bytes() == b"\x89PNG fake logo"
    assert not (media / "written-after.txt").exists()


def test_the_manifest_describes_the_saved_database(media: Path, tmp_path: Path) -> None:
    """The manifest names the engine, the migrations, the rows and the files it holds."""
    small_catalogue()
    report = backup_create(output=tmp_path / "site.tar.gz")
    with open_archive(report.path) as (manifest, tar):
        names = [member.name for member in tar]
    assert manifest.counts["catalogue.Solution"] == 2
    assert manifest.counts["catalogue.Training"] == 1
    assert "0001_initial" in manifest.migrations["catalogue"]
    assert manifest.media_files == 1
    assert names == ["manifest.json", manifest.database_member, "media/logos/fournil.png"]
    assert report.path.stat().st_mode & 0o077 == 0, "an archive holds personal data"


def test_restore_refuses_a_database_with_content_unless_forced(media: Path, tmp_path: Path) -> None:
    """Without --force, a database holding entries is left untouched and the message says so."""
    small_catalogue()
    archive = backup_create(output=tmp_path / "site.tar.gz").path
    Solution.objects.filter(title__startswith="Tri").delete()

    with pytest.raises(CommandError, match=r"contient déjà des données.*--force"):
        call_command("restore", str(archive), stdout=StringIO())
    assert Solution.objects.count() == 1

    out = StringIO()
    call_command("restore", str(archive), "--force", stdout=out)
    assert Solution.objects.count() == 2
    assert "catalogue.Solution : 2" in out.getvalue()


def test_restore_into_an_emptied_database_needs_no_force(media: Path, tmp_path: Path) -> None:
    """Once people's rows are gone (reference data may stay), the restore goes ahead."""
    small_catalogue()
    archive = backup_create(output=tmp_path / "site.tar.gz").path
    before = snapshot()
    Solution.objects.all().delete()
    Training.objects.all().delete()
    Organisation.objects.all().delete()
    get_user_model().objects.all().delete()
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()

    backup_restore(archive=archive)

    assert snapshot() == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite: the copy is checked first")
def test_a_copy_unlike_its_manifest_replaces_nothing(media: Path, tmp_path: Path) -> None:
    """A database whose rows differ from its manifest is refused before it takes the place."""
    small_catalogue()
    archive = backup_create(output=tmp_path / "site.tar.gz").path
    with open_archive(archive) as (manifest, tar):
        member = tar.getmember(manifest.database_member)
        handle = tar.extractfile(member)
        assert handle is not None
        database = handle.read()
    lying = replace(manifest, counts={**manifest.counts, "catalogue.Solution": 5})
    forged = hand_made_archive(tmp_path / "forged.tar.gz", lying, database=database)
    Solution.objects.filter(title__startswith="Tri").delete()

    with pytest.raises(BackupError, match=r"Solution : 5 → 2\) : rien n'a été remplacé"):
        backup_restore(archive=forged, force=True)
    assert Solution.objects.count() == 1


def test_a_backup_is_not_written_among_the_files_it_saves(media: Path) -> None:
    """An output inside MEDIA_ROOT is refused: the archive would hold its own copy."""
    with pytest.raises(BackupError, match="hors du dossier des fichiers déposés"):
        backup_create(output=media / "site.tar.gz")
    assert not (media / "site.tar.gz").exists()


def test_restore_reinstalls_a_search_index_that_was_paused(media: Path, tmp_path: Path) -> None:
    """Saved while the index was paused (no triggers), the restored site searches again."""
    small_catalogue()
    expected = snapshot()
    call_command("search-index", "--pause", stdout=StringIO())
    try:
        archive = backup_create(output=tmp_path / "site.tar.gz").path
        report = backup_restore(archive=archive, force=True)
    finally:
        get_backend().install()
    assert "en décalage" in report.search
    assert index_problems() == []
    assert snapshot() == expected
