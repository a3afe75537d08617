from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from guichet.demo.services import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration (organisations citées dans les plans régionaux d'IA)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help="Crée aussi trois comptes de démonstration (jamais en production).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = demo_load(with_accounts=options["with_accounts"])
        self.stdout.write(
            f"Organisations : {len(report.created)} créées, {len(report.present)} déjà présentes."
        )
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))
        if report.accounts:
            self.stdout.write(
                f"Comptes de démonstration créés (mot de passe « {DEMO_PASSWORD} ») : "
                + ", ".join(report.accounts)
            )
