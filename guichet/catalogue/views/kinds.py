"""What the public pages call each kind of entry, and where its templates are."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    name: str  # the FilterSet's name: solutions, trainings...
    singular: str  # "solution" in URL names and template file names
    title: Promise
    intro: Promise

    @property
    def list_url_name(self) -> str:
        return f"catalogue:{self.singular}_list"

    @property
    def detail_url_name(self) -> str:
        return f"catalogue:{self.singular}_detail"

    @property
    def row_template(self) -> str:
        return f"catalogue/rows/{self.singular}.html"

    @property
    def detail_template(self) -> str:
        return f"catalogue/detail/{self.singular}.html"


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "solutions",
            "solution",
            _("Solutions d'IA"),
            _("Les offres des entreprises qui conçoivent et déploient de l'IA."),
        ),
        Kind(
            "trainings",
            "training",
            _("Formations"),
            _("Se former ou former ses équipes à l'intelligence artificielle."),
        ),
        Kind(
            "schemes",
            "scheme",
            _("Dispositifs d'aide"),
            _("Financements, diagnostics et accompagnements pour un projet d'IA."),
        ),
        Kind(
            "events",
            "event",
            _("Événements"),
            _("Salons, conférences, ateliers et rencontres autour de l'IA."),
        ),
        Kind(
            "places",
            "place",
            _("Lieux"),
            _("Tiers-lieux et lieux d'acculturation où découvrir l'IA près de chez soi."),
        ),
    )
}
