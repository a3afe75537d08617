"""``guichet export-schemes --schema dispositif-aide|dispositif-aide-professionnels
[--output FILE] [--all-statuses] [--include-nonconforming] [--include-examples]``:
etalab schemes out.

Writes the published real schemes (all states with ``--all-statuses``) with exactly the
columns of the official schema, to ``--output`` or to standard output. Rows an official
validator would refuse (Corsica's 2A/2B codes, required values missing on schemes created on
the platform, descriptions over 5,000 characters) are left out of the file and listed on
standard error with the reason; ``--include-nonconforming`` writes them too. Example
schemes (fictional, written for the demo) are left out with the reason « exemple de
démonstration »; ``--include-examples`` writes them, their title ending in « (exemple) ».
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guichet.catalogue.schemes_io.export import schemes_export
from guichet.catalogue.schemes_io.spec import SCHEMA_NAMES


class Command(BaseCommand):
    help = (
        "Exporte les dispositifs d'aide en CSV au schéma etalab choisi, valide pour le "
        "validateur frictionless : les fiches non conformes sont laissées hors du fichier et "
        "listées avec la raison."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schema", required=True, choices=SCHEMA_NAMES)
        parser.add_argument(
            "--output", type=Path, metavar="FICHIER", help="Sans lui : sortie standard."
        )
        parser.add_argument(
            "--all-statuses",
            action="store_true",
            help="Tous les états (brouillons, archivés…), pas seulement les fiches publiées.",
        )
        parser.add_argument(
            "--include-nonconforming",
            action="store_true",
            help="Écrire aussi les lignes que le schéma officiel refuse (codes corses "
            "notamment), signalées ; sans lui, elles sont laissées hors du fichier.",
        )

        parser.add_argument(
            "--include-examples",
            action="store_true",
            help="Écrire aussi les exemples de démonstration (fictifs), leur titre finissant "
            "par « (exemple) » ; sans lui, ils sont laissés hors du fichier.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path | None = options["output"]
        buffer = io.StringIO(newline="")
        report = schemes_export(
            schema=options["schema"],
            stream=buffer,
            destination=str(output) if output else _("la sortie standard"),
            all_statuses=options["all_statuses"],
            include_nonconforming=options["include_nonconforming"],
            include_examples=options["include_examples"],
        )
        if output is None:
            self.stdout.write(buffer.getvalue(), ending="")
            self.stderr.write(report.summary())
        else:
            try:
                output.write_text(buffer.getvalue(), encoding="utf-8", newline="")
            except OSError as error:
                raise CommandError(
                    _("Impossible d'écrire %(path)s : %(error)s.")
                    % {"path": output, "error": error.strerror}
                ) from error
            self.stdout.write(report.summary())
        for line in report.warnings():
            self.stderr.write(line)
