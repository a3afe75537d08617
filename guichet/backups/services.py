"""Writes: make a backup archive of the site, restore one (see docs/backups.md)."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.backups import postgresql, sqlite
from guichet.backups.archive import (
    DATABASE_MEMBERS,
    VENDOR_LABELS,
    BackupError,
    Manifest,
    extract_members,
    media_files,
    open_archive,
    write_archive,
)
from guichet.backups.selectors import (
    count_differences,
    live_content,
    live_counts,
    live_tables,
    pending_migrations,
    unknown_migrations,
)

SEARCH_COMMAND = "search-index"


@dataclass(frozen=True)
class BackupReport:
    path: Path
    manifest: Manifest
    size: int


@dataclass(frozen=True)
class RestoreReport:
    manifest: Manifest
    counts: dict[str, int]
    # Files put in MEDIA_ROOT; None when the archive had none and the folder was left alone.
    media_files: int | None
    # Migrations of this code the restored database lacks (``guichet migrate`` applies them).
    pending: list[str]
    # What the search index check said (empty when it did not run).
    search: str


def project_version() -> str:
    try:
        return version("guichet-ia")
    except PackageNotFoundError:
        return "inconnue"


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(
            _("Les sauvegardes savent traiter SQLite et PostgreSQL, pas %(vendor)s.")
            % {"vendor": vendor}
        )
    return vendor


def backup_create(*, output: Path, using: str = "default") -> BackupReport:
    """Write one archive holding the database and the uploaded files, the site running."""
    connection = connections[using]
    vendor = _vendor(using)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    output = output.resolve()
    if output.is_relative_to(media_root):
        raise BackupError(
            _(
                "Écrivez la sauvegarde hors du dossier des fichiers déposés (%(root)s) : "
                "elle s'y contiendrait elle-même."
            )
            % {"root": media_root}
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    # Work beside the output: the copy of the database may be large, and /tmp small.
    with tempfile.TemporaryDirectory(prefix=".guichet-backup-", dir=output.parent) as work:
        database = Path(work) / Path(DATABASE_MEMBERS[vendor]).name
        if vendor == "sqlite":
            sqlite.copy_live(connection=connection, destination=database)
            counts, migrations = sqlite.inspect(database, source=database)
        else:
            counts, migrations = postgresql.dump(
                connection=connection, destination=database, existing=live_tables(using=using)
            )
        files = media_files(media_root)
        manifest = Manifest(
            created_at=timezone.now().isoformat(timespec="seconds"),
            project_version=project_version(),
            vendor=vendor,
            migrations=migrations,
            counts=counts,
            media_files=len(files),
            media_bytes=sum(path.stat().st_size for path in files),
        )
        write_archive(
            output=output, manifest=manifest, database=database, media_root=media_root, media=files
        )
    return BackupReport(path=output, manifest=manifest, size=output.stat().st_size)


def _check_compatible(manifest: Manifest, *, vendor: str, archive: Path) -> None:
    if manifest.vendor != vendor:
        raise BackupError(
            _(
                "%(path)s est une sauvegarde %(found)s, mais la base configurée est "
                "%(configured)s. "
                "Restaurez-la sur une base %(found)s (DATABASE_URL) : une sauvegarde ne passe pas "
                "d'un moteur de base à l'autre."
            )
            % {
                "path": archive,
                "found": VENDOR_LABELS[manifest.vendor],
                "configured": VENDOR_LABELS[vendor],
            }
        )
    unknown = unknown_migrations(manifest.migrations)
    if unknown:
        listed = "; ".join(f"{app} : {', '.join(names)}" for app, names in unknown.items())
        raise BackupError(
            _(
                "La sauvegarde vient d'une version plus récente de Guichet IA (%(project)s) : "
                "elle contient des migrations que ce code ne connaît pas (%(listed)s). "
                "Installez la version %(project)s ou plus récente, puis restaurez."
            )
            % {"project": manifest.project_version, "listed": listed}
        )


def _check_replaceable(*, using: str, media_root: Path, manifest: Manifest, force: bool) -> None:
    if force:
        return
    content = live_content(using=using)
    if content:
        listed = ", ".join(f"{label} : {count}" for label, count in content.items())
        raise BackupError(
            _(
                "La base configurée contient déjà des données (%(listed)s). La restauration "
                "les remplacerait : ajoutez --force si c'est bien ce que vous voulez."
            )
            % {"listed": listed}
        )
    if manifest.media_files and media_files(media_root):
        raise BackupError(
            _(
                "Le dossier des fichiers déposés %(root)s n'est pas vide. La restauration le "
                "remplacerait : ajoutez --force si c'est bien ce que vous voulez."
            )
            % {"root": media_root}
        )


def _swap_media(new: Path, root: Path) -> None:
    """Put the extracted folder ``new`` in place of ``root`` (both in the same folder)."""
    os.chmod(new, root.stat().st_mode if root.exists() else 0o755)
    old = None
    if root.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{root.name}.old-", dir=root.parent))
        os.replace(root, old / root.name)
    os.replace(new, root)
    if old is not None:
        shutil.rmtree(old)


def _search_check() -> str:
    """Check the search index the restored database carries; rebuild it if out of step."""
    if SEARCH_COMMAND not in get_commands():
        return ""
    out = StringIO()
    try:
        call_command(SEARCH_COMMAND, stdout=out)
    except CommandError as problems:
        out = StringIO()
        call_command(SEARCH_COMMAND, "--rebuild", "--no-progress", stdout=out)
        return _("Index de recherche en décalage (%(problems)s) : %(done)s") % {
            "problems": problems,
            "done": out.getvalue().strip(),
        }
    return out.getvalue().strip()


def backup_restore(*, archive: Path, force: bool = False, using: str = "default") -> RestoreReport:
    """Put back the database and the uploaded files an archive holds.

    Everything is checked before anything is touched: an archive of ours, a format and
    migrations this code knows, the same database engine, a target that is empty (or
    ``force``). The database is then replaced whole (SQLite: a rename; PostgreSQL: one
    transaction), then the media folder.
    """
    connection = connections[using]
    vendor = _vendor(using)
    media_root = Path(settings.MEDIA_ROOT)
    with open_archive(archive) as (manifest, tar):
        _check_compatible(manifest, vendor=vendor, archive=archive)
        _check_replaceable(using=using, media_root=media_root, manifest=manifest, force=force)
        if vendor == "postgresql":
            postgresql.ensure_extensions(connection)
        name = str(connection.settings_dict["NAME"])
        on_disk = vendor == "sqlite" and not connection.creation.is_in_memory_db(name)  # type: ignore[attr-defined]
        # The copy must be in the database's folder to be renamed into place.
        work_parent = Path(name).resolve().parent if on_disk else None
        media_new = None
        if manifest.media_files:
            media_root.parent.mkdir(parents=True, exist_ok=True)
            media_new = Path(
                tempfile.mkdtemp(prefix=f".{media_root.name}.new-", dir=media_root.parent)
            )
        try:
            with tempfile.TemporaryDirectory(prefix=".guichet-restore-", dir=work_parent) as work:
                database = Path(work) / Path(manifest.database_member).name
                restored_files = extract_members(
                    tar, manifest=manifest, database=database, media=media_new, source=archive
                )
                if vendor == "sqlite":
                    counts, _migrations = sqlite.inspect(database, source=archive)
                    _check_counts(manifest.counts, counts, archive=archive, installed=False)
                    sqlite.install(copy=database, connection=connection)
                else:
                    postgresql.restore(connection=connection, dump=database, work=Path(work))
                    counts = live_counts(using=using)
                    _check_counts(manifest.counts, counts, archive=archive, installed=True)
            if media_new is not None:
                _swap_media(media_new, media_root)
                media_new = None
        finally:
            if media_new is not None:
                shutil.rmtree(media_new, ignore_errors=True)
    # Cached pages and searches describe the database before the restore.
    caches["default"].clear()
    pending = pending_migrations(using=using)
    search = "" if pending else _search_check()
    return RestoreReport(
        manifest=manifest,
        counts=counts,
        media_files=restored_files if manifest.media_files else None,
        pending=pending,
        search=search,
    )


def _check_counts(
    expected: dict[str, int], found: dict[str, int], *, archive: Path, installed: bool
) -> None:
    differences = count_differences(expected, found)
    if not differences:
        return
    if installed:
        message = _(
            "La base a été restaurée depuis %(path)s mais ses lignes ne correspondent pas au "
            "manifeste (%(differences)s) : vérifiez-la avant de rouvrir le site."
        )
    else:
        message = _(
            "La base contenue dans %(path)s ne correspond pas à son manifeste "
            "(%(differences)s) : rien n'a été remplacé."
        )
    raise BackupError(message % {"path": archive, "differences": "; ".join(differences)})
