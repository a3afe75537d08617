"""``guichet restore FILE [--force]``: put back what ``guichet backup`` saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guichet.backups.archive import VENDOR_LABELS, BackupError
from guichet.backups.services import backup_restore


class Command(BaseCommand):
    help = (
        "Restaure une archive de « guichet backup » : la base configurée puis les fichiers "
        "déposés. Refuse de remplacer une base qui contient des données, sauf --force. "
        "Arrêtez le site pendant la restauration. Voir docs/backups.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="Archive .tar.gz écrite par guichet backup.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplacer la base et les fichiers déposés même s'ils contiennent des données.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = backup_restore(archive=options["archive"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = report.manifest
        self.stdout.write(
            _(
                "Base %(vendor)s restaurée depuis la sauvegarde du %(created)s "
                "(version %(project)s)."
            )
            % {
                "vendor": VENDOR_LABELS[manifest.vendor],
                "created": manifest.created_at,
                "project": manifest.project_version,
            }
        )
        for label, count in sorted(report.counts.items()):
            self.stdout.write(f"  {label} : {count}")
        if report.media_files is None:
            self.stdout.write(
                _(
                    "Pas de fichiers déposés dans la sauvegarde : "
                    "le dossier actuel est laissé tel quel."
                )
            )
        else:
            self.stdout.write(
                _("Fichiers déposés restaurés : %(count)s.") % {"count": report.media_files}
            )
        if report.pending:
            self.stdout.write(
                ngettext(
                    "Ce code a %(count)s migration de plus que la sauvegarde : lancez "
                    "« guichet migrate », puis « guichet search-index ».",
                    "Ce code a %(count)s migrations de plus que la sauvegarde : lancez "
                    "« guichet migrate », puis « guichet search-index ».",
                    len(report.pending),
                )
                % {"count": len(report.pending)}
            )
        elif report.search:
            self.stdout.write(report.search)
        self.stdout.write(_("Redémarrez le site pour qu'il relise la base restaurée."))
