from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from guichet.demo.services import (
    DEMO_PASSWORD,
    FEMININE_LABELS,
    KIND_LABELS,
    demo_examples_remove,
    demo_load,
)


def _agreed(word: str, count: int, *, feminine: bool) -> str:
    """``créées`` for 3 organisations, ``créé`` for 1 lieu: French agreement."""
    return f"{word}{'e' if feminine else ''}{'s' if count > 1 else ''}"


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration : organisations, dispositifs, formations, "
        "événements et lieux cités dans les plans régionaux d'IA, publiés tels quels."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help="Crée aussi trois comptes de démonstration (jamais en production).",
        )
        parser.add_argument(
            "--without-examples",
            action="store_true",
            help="Charge seulement les faits, sans les exemples fictifs.",
        )
        parser.add_argument(
            "--remove-examples",
            action="store_true",
            help="Supprime les exemples fictifs (marqués « Exemple ») et garde les faits.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["remove_examples"]:
            for label, count in demo_examples_remove().items():
                self.stdout.write(f"{label} (exemples) : {count} supprimé(s).")
            return
        report = demo_load(
            with_accounts=options["with_accounts"],
            with_examples=not options["without_examples"],
        )
        for label in KIND_LABELS:
            feminine = label in FEMININE_LABELS
            created, present = len(report.created[label]), len(report.present[label])
            self.stdout.write(
                f"{label} : {created} {_agreed('créé', created, feminine=feminine)}, "
                f"{present} déjà {_agreed('présent', present, feminine=feminine)}."
            )
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))
        if report.accounts:
            self.stdout.write(
                f"Comptes de démonstration créés (mot de passe « {DEMO_PASSWORD} ») : "
                + ", ".join(report.accounts)
            )
