from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models.base import BusinessFunction, Publishable, Technique, UseCase
from guichet.catalogue.taxonomy import AI_ACT_RISKS, DEPLOYMENTS, PRICE_RANGES
from guichet.organisations.models import ActivitySection


class Solution(Publishable):
    """An AI offer of a provider."""

    use_cases = models.ManyToManyField(
        UseCase, related_name="solutions", blank=True, verbose_name=_("cas d'usage")
    )
    business_functions = models.ManyToManyField(
        BusinessFunction, related_name="solutions", blank=True, verbose_name=_("fonctions")
    )
    sectors = models.ManyToManyField(
        ActivitySection, related_name="solutions", blank=True, verbose_name=_("secteurs visés")
    )
    techniques = models.ManyToManyField(
        Technique, related_name="solutions", blank=True, verbose_name=_("techniques")
    )
    # A few fixed codes from taxonomy.DEPLOYMENTS; stored as a list, never filtered on in SQL.
    deployments = models.JSONField(_("modes de déploiement"), default=list, blank=True)
    price_range = models.CharField(
        _("fourchette de prix"),
        max_length=20,
        blank=True,
        choices=list(PRICE_RANGES.items()),
    )
    client_references = models.TextField(_("références clients"), blank=True)
    ai_act_risk = models.CharField(
        _("classe de risque (règlement européen sur l'IA)"),
        max_length=20,
        choices=list(AI_ACT_RISKS.items()),
        default="unknown",
    )
    website = models.URLField(_("page de l'offre"), blank=True)

    class Meta(Publishable.Meta):
        verbose_name = _("solution d'IA")
        verbose_name_plural = _("solutions d'IA")

    def deployment_labels(self) -> list[str]:
        return [DEPLOYMENTS.get(code, code) for code in self.deployments]
