from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models.base import Publishable
from guichet.territories.models import Commune


class Event(Publishable):
    # Empty when the source names the event without dating it: shown as "non renseigné".
    starts_at = models.DateTimeField(_("début"), null=True, blank=True)
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    # Aware datetimes are stored in UTC; the zone the organiser gave is kept for display.
    time_zone = models.CharField(_("fuseau horaire"), max_length=50, default="Europe/Paris")
    is_online = models.BooleanField(_("en ligne"), default=False)
    venue = models.CharField(_("lieu"), max_length=250, blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("commune")
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    theme = models.CharField(_("thème"), max_length=150, blank=True)
    registration_url = models.URLField(_("inscription"), blank=True)
    website = models.URLField(_("site de l'événement"), blank=True)

    class Meta(Publishable.Meta):
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["starts_at"]


class Place(Publishable):
    """A place where the public and firms discover AI (lieu d'acculturation, tiers-lieu)."""

    address = models.CharField(_("adresse"), max_length=250, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("commune")
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # {"lundi": "9h-18h", ...} or free text under "texte".
    opening_hours = models.JSONField(_("horaires"), default=dict, blank=True)
    services = models.TextField(_("services proposés"), blank=True)
    audience = models.TextField(_("public accueilli"), blank=True)
    website = models.URLField(_("site web"), blank=True)

    class Meta(Publishable.Meta):
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
