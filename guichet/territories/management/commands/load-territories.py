"""``guichet load-territories --source DIR [--centres FILE.csv]``: load the COG into the database.

The work is done by ``services.territories_load``; this command reads the files and reports.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guichet.territories.centres import read_centres
from guichet.territories.cog import Problem, SourceError, read_source
from guichet.territories.reference import reference_differs, write_reference
from guichet.territories.services import LoadReport, territories_load

MISSING_SHOWN = 20


class Command(BaseCommand):
    help = (
        "Charge régions, départements, communes et codes postaux depuis le dossier data/ du "
        "paquet @etalab/decoupage-administratif, et les centres des communes depuis un CSV."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source",
            required=True,
            type=Path,
            help="Dossier contenant regions.json, departements.json et communes.json.",
        )
        parser.add_argument(
            "--centres",
            type=Path,
            help="CSV des centres des communes (colonnes code_insee, latitude, longitude).",
        )
        parser.add_argument(
            "--write-reference",
            action="store_true",
            help="Réécrire aussi les fichiers de référence de guichet/territories/data/ "
            "(à faire à chaque nouveau millésime du COG).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            source = read_source(options["source"])
            known = {commune.code for commune in source.communes}
            centres = read_centres(options["centres"], known) if options["centres"] else None
        except SourceError as error:
            raise CommandError(str(error)) from error
        report = territories_load(source=source, centres=centres)
        self._print_report(report)
        if options["write_reference"]:
            for path in write_reference(source):
                self.stdout.write(_("Fichier de référence écrit : %(path)s") % {"path": path})
        elif outdated := reference_differs(source):
            self.stderr.write(
                _(
                    "Les fichiers de référence %(files)s ne correspondent plus à la source : "
                    "relancez avec --write-reference et ajoutez une migration."
                )
                % {"files": ", ".join(outdated)}
            )
        self.stdout.write(
            _("Terminé en %(seconds).1f s.") % {"seconds": time.monotonic() - started}
        )

    def _print_report(self, report: LoadReport) -> None:
        self.stdout.write(
            _("Régions : %(created)s créées, %(updated)s mises à jour, %(unchanged)s inchangées.")
            % vars(report.regions)
        )
        self.stdout.write(
            _("Départements : %(created)s créés, %(updated)s mis à jour, %(unchanged)s inchangés.")
            % vars(report.departments)
        )
        self.stdout.write(
            _("Communes : %(created)s créées, %(updated)s mises à jour, %(unchanged)s inchangées.")
            % vars(report.communes)
        )
        self.stdout.write(
            _("Codes postaux : %(created)s créés, %(deleted)s supprimés, %(unchanged)s inchangés.")
            % vars(report.postcodes)
        )
        if report.centres_rows is not None:
            self.stdout.write(
                _("Centres : %(rows)s lignes lues, %(applied)s retenues, %(rejected)s rejetées.")
                % {
                    "rows": report.centres_rows,
                    "applied": report.centres_applied,
                    "rejected": report.centres_rows - report.centres_applied,
                }
            )
        for problem in report.problems:
            self.stderr.write(_problem(problem))
        self.stdout.write(
            _("Communes sans coordonnées : %(count)s.") % {"count": report.without_coordinates}
        )
        if report.missing_communes:
            shown = ", ".join(report.missing_communes[:MISSING_SHOWN])
            more = len(report.missing_communes) - MISSING_SHOWN
            self.stderr.write(
                _(
                    "%(count)s communes en base ne figurent plus dans la source ; elles sont "
                    "conservées car des fiches peuvent les citer : %(codes)s"
                )
                % {"count": len(report.missing_communes), "codes": shown}
                + (_(" et %(more)s autres.") % {"more": more} if more > 0 else ".")
            )
        if not report.changed:
            self.stdout.write(self.style.SUCCESS(_("Aucun changement : la base était à jour.")))


def _problem(problem: Problem) -> str:
    where = _("ligne") if problem.file.endswith(".csv") else _("entrée")
    return _("%(file)s, %(where)s %(position)s, champ « %(field)s » : %(reason)s ; ignorée.") % {
        "file": problem.file,
        "where": where,
        "position": problem.position,
        "field": problem.field,
        "reason": problem.reason,
    }
