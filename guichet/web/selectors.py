"""What the home page shows: one entry per part of the platform."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from guichet.organisations.models import Organisation


@dataclass(frozen=True)
class Section:
    title: str
    text: str
    url_name: str
    count: int | None = None

    @property
    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


def home_sections() -> list[Section]:
    """The parts of the platform, each linked when it is open."""
    return [
        Section(
            str(_("Organisations")),
            str(
                _(
                    "Offreurs de solutions, organismes de formation, financeurs "
                    "et lieux de la région."
                )
            ),
            "organisations:list",
            Organisation.objects.real().count(),
        ),
        Section(
            str(_("Territoires")),
            str(
                _("Retrouver une commune, son département et sa région à partir d'un code postal.")
            ),
            "territories:lookup",
        ),
        Section(
            str(_("Espace personnel")),
            str(_("Se connecter pour mettre à jour la fiche de son organisation.")),
            "accounts:dashboard",
        ),
    ]
