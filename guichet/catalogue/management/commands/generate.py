"""``guichet generate``: a synthetic catalogue for load tests, deterministic for a seed."""

from __future__ import annotations

import argparse
import datetime
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from guichet.catalogue.synthetic.generator import (
    DEFAULT_BATCH_SIZE,
    Counts,
    MissingOwnersError,
    synthetic_generate,
)
from guichet.catalogue.synthetic.world import NoCommuneError


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"« {value} » n'est pas un nombre entier positif ou nul.")
    return int(value)


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"« {value} » n'est pas une date de la forme AAAA-MM-JJ."
        ) from None


class TqdmProgress:
    """The generator's progress, as a tqdm bar on standard error."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: tqdm[Any] | None = None

    def start(self, total: int) -> None:
        self.bar = tqdm(
            total=total, unit=" fiches", file=sys.stderr, disable=not self.enabled, leave=True
        )

    def advance(self, count: int, label: str) -> None:
        if self.bar is not None:
            self.bar.set_description(label, refresh=False)
            self.bar.update(count)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class Command(BaseCommand):
    help = (
        "Remplit la base avec un catalogue fictif réaliste (organisations, solutions, formations, "
        "dispositifs, événements, lieux), marqué « donnée de synthèse », identique pour une "
        "même graine. Relancée avec la même graine, la commande n'ajoute que ce qui manque."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        for name, what in [
            ("providers", "offreurs de solutions d'IA"),
            ("solutions", "solutions d'IA"),
            ("trainings", "formations (avec leurs sessions)"),
            ("schemes", "dispositifs d'aide"),
            ("events", "événements"),
            ("places", "lieux d'acculturation à l'IA"),
        ]:
            parser.add_argument(
                f"--{name}", type=_count, default=0, metavar="N", help=f"Nombre de {what}."
            )
        parser.add_argument(
            "--seed",
            type=_count,
            required=True,
            help="Graine (entier positif) : mêmes données pour une même graine.",
        )
        parser.add_argument(
            "--reference-date",
            type=_day,
            default=None,
            metavar="AAAA-MM-JJ",
            help="Jour autour duquel les dates sont tirées (par défaut : aujourd'hui).",
        )
        parser.add_argument(
            "--region",
            default=None,
            metavar="CODE",
            help="Ne placer les organisations que dans les communes de cette région (ex. 93).",
        )
        parser.add_argument(
            "--batch-size",
            type=_count,
            default=DEFAULT_BATCH_SIZE,
            help=f"Fiches écrites par transaction ({DEFAULT_BATCH_SIZE} par défaut).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Sans barre de progression.")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = Counts(
            providers=options["providers"],
            solutions=options["solutions"],
            trainings=options["trainings"],
            schemes=options["schemes"],
            events=options["events"],
            places=options["places"],
        )
        progress = TqdmProgress(enabled=not options["no_progress"])
        try:
            report = synthetic_generate(
                counts=counts,
                seed=options["seed"],
                reference_day=options["reference_date"] or timezone.localdate(),
                region=options["region"],
                batch_size=max(1, options["batch_size"]),
                progress=progress,
            )
        except (NoCommuneError, MissingOwnersError) as error:
            raise CommandError(str(error)) from None
        finally:
            progress.close()
        for label, created in report.created.items():
            present = report.present[label]
            if created or present:
                self.stdout.write(f"{label} : +{created} (déjà en base : {present})")
        self.stdout.write(
            f"{report.total_created} fiches fictives ajoutées en {report.seconds:.1f} s "
            f"(graine {report.seed})."
        )
