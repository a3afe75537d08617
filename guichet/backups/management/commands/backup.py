"""``guichet backup [--output FILE]``: one archive of the database and the uploaded files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.backups.archive import VENDOR_LABELS, BackupError
from guichet.backups.services import backup_create


def default_output() -> Path:
    return Path(f"guichet-sauvegarde-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")


def size_label(size: int) -> str:
    return f"{size / 1_000_000:.1f} Mo" if size >= 100_000 else f"{size / 1000:.1f} ko"


class Command(BaseCommand):
    help = (
        "Sauvegarde la base (SQLite : copie à chaud ; PostgreSQL : pg_dump) et les fichiers "
        "déposés dans une archive .tar.gz, sans arrêter le site. Voir docs/backups.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="Fichier à écrire (par défaut guichet-sauvegarde-AAAAMMJJ-HHMMSS.tar.gz ici).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = backup_create(output=options["output"] or default_output())
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = report.manifest
        entries = sum(
            count for label, count in manifest.counts.items() if label.startswith("catalogue.")
        )
        self.stdout.write(
            _(
                "Sauvegarde écrite : %(path)s (%(size)s). Base %(vendor)s ; lignes du "
                "catalogue : %(entries)s ; fichiers déposés : %(files)s."
            )
            % {
                "path": report.path,
                "size": size_label(report.size),
                "vendor": VENDOR_LABELS[manifest.vendor],
                "entries": entries,
                "files": manifest.media_files,
            }
        )
