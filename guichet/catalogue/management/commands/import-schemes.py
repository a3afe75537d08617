"""``guichet import-schemes FILE.csv [--owner SLUG] [--dry-run]``: etalab schemes in.

Reads a CSV in the ``dispositif-aide`` or ``dispositif-aide-professionnels`` schema (detected
from its header), creates or updates schemes by their ``id`` and prints what it did. Exits 0
once the file is read, whatever rows it refused; non-zero with a French message when the file
cannot be read. The work is ``schemes_io.services.schemes_import``, which writes in short
transactions so that the site keeps answering during a long import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guichet.catalogue.schemes_io.reading import SchemeFileError, read_scheme_file
from guichet.catalogue.schemes_io.services import schemes_import
from guichet.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Importe des dispositifs d'aide depuis un CSV aux schémas etalab dispositif-aide ou "
        "dispositif-aide-professionnels : création ou mise à jour selon la colonne id, "
        "publication directe, rapport des lignes refusées ou corrigées."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, metavar="FICHIER.csv", help="Fichier CSV UTF-8.")
        parser.add_argument(
            "--owner",
            metavar="SLUG",
            help="Organisation propriétaire des dispositifs créés (identifiant d'adresse). "
            "Sans elle : l'organisation du premier porteur de chaque ligne, retrouvée par "
            "SIREN ou par nom, ou créée avec le rôle financeur.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Tout vérifier et compter sans rien enregistrer (aucune écriture, le site "
            "n'attend pas).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        owner = None
        if options["owner"]:
            owner = Organisation.objects.filter(slug=options["owner"]).first()
            if owner is None:
                raise CommandError(
                    _("Aucune organisation n'a l'identifiant d'adresse « %(slug)s ».")
                    % {"slug": options["owner"]}
                )
        try:
            source = read_scheme_file(options["file"])
        except SchemeFileError as error:
            raise CommandError(str(error)) from error
        report = schemes_import(source=source, owner=owner, dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
