"""``guichet search-index``: check the search index, or rebuild it with a progress bar."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from guichet.search.backends import get_backend
from guichet.search.indexing import entries_total, index_problems, rebuild_index


class Command(BaseCommand):
    help = (
        "Vérifie l'index de recherche (par défaut) ou le reconstruit (--rebuild). "
        "Les déclencheurs de la base tiennent l'index à jour ; la reconstruction sert "
        "après une restauration, un chargement hors de Django ou un changement de l'analyse."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Réindexer tout le catalogue public (en une transaction).",
        )
        parser.add_argument(
            "--pause",
            action="store_true",
            help=(
                "Retirer les déclencheurs avant un gros chargement (guichet generate…) : "
                "l'index ne suit plus le catalogue jusqu'au prochain --rebuild."
            ),
        )
        parser.add_argument("--no-progress", action="store_true", help="Sans barre de progression.")

    def handle(self, *args: Any, **options: Any) -> None:
        backend = get_backend()
        if options["pause"]:
            backend.uninstall()
            self.stdout.write(
                "Index en pause : il ne suit plus le catalogue. "
                "Lancez « guichet search-index --rebuild » après le chargement."
            )
            return
        if options["rebuild"]:
            started = time.perf_counter()
            with tqdm(
                total=entries_total(),
                unit=" fiches",
                desc="Indexation",
                disable=options["no_progress"] or options["verbosity"] == 0,
                file=self.stderr,
            ) as bar:
                documents = rebuild_index(progress=bar.update)
            self.stdout.write(
                f"Index « {backend.name} » reconstruit : {documents} fiches publiques "
                f"en {time.perf_counter() - started:.1f} s."
            )
            return
        problems = index_problems()
        if problems:
            raise CommandError("\n".join(problems))
        size = backend.size()
        self.stdout.write(
            f"Index « {backend.name} » en ordre : "
            + ", ".join(f"{kind} {count}" for kind, count in size.items())
        )
