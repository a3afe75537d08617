"""Support and funding schemes, on the etalab ``dispositif-aide-professionnels`` backbone.

Column names of the schema are given beside each field. List-valued columns
(pipe-separated in the CSV) are JSON lists here, except those the catalogue
filters on, which are tables (aid types, audiences, territories).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models.base import Publishable


class AidType(models.Model):
    """A value of ``types_aides`` (information, financement, accompagnement...)."""

    code = models.CharField(_("code"), max_length=60, primary_key=True)
    name = models.CharField(_("intitulé"), max_length=100)

    class Meta:
        verbose_name = _("type d'aide")
        verbose_name_plural = _("types d'aide")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Audience(models.Model):
    """A value of ``cibles``: professionnels, particuliers, associations, secteur public."""

    code = models.CharField(_("code"), max_length=30, primary_key=True)
    name = models.CharField(_("intitulé"), max_length=60)

    class Meta:
        verbose_name = _("public cible")
        verbose_name_plural = _("publics cibles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def new_external_id() -> str:
    """The etalab ``id`` of a scheme created on the platform: a UUID, as the schema asks."""
    return str(uuid.uuid4())


class Scheme(Publishable):
    class Recurrence(models.TextChoices):
        PERMANENT = "permanent", _("permanent")
        ONE_OFF = "one_off", _("ponctuel (appel à projets)")
        RECURRING = "recurring", _("récurrent")

    external_id = models.CharField(
        _("identifiant du dispositif (id)"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        default=new_external_id,
        help_text=_(
            "Identifiant donné par le porteur d'origine, repris à l'import ; UUID attribué "
            "par la plateforme pour un dispositif créé ici. L'export et les imports suivants "
            "reconnaissent le dispositif par cet identifiant."
        ),
    )
    promise = models.CharField(_("promesse"), max_length=180, blank=True)  # promesse
    # title = titre, description = description (5,000 characters at most in the schema)
    eligibility_text = models.TextField(_("critères d'éligibilité"), blank=True)  # eligibilite
    aid_types = models.ManyToManyField(
        AidType, related_name="schemes", blank=True, verbose_name=_("types d'aide")
    )
    # porteurs: [{"nom": ..., "siren": ..., "roles": [...]}]
    carriers = models.JSONField(_("porteurs"), default=list, blank=True)
    parent_programmes = models.JSONField(_("programmes parents"), default=list, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)  # url_source
    audiences = models.ManyToManyField(
        Audience, related_name="schemes", blank=True, verbose_name=_("publics cibles")
    )
    opens_at = models.DateTimeField(_("ouverture"), null=True, blank=True)  # date_ouverture
    closes_at = models.DateTimeField(_("clôture"), null=True, blank=True)  # date_cloture
    source_updated_at = models.DateTimeField(
        _("dernière mise à jour"), null=True, blank=True
    )  # date_mise_a_jour
    legal_basis = models.JSONField(_("base juridique"), default=list, blank=True)
    headcount_min = models.PositiveIntegerField(_("effectif minimal"), null=True, blank=True)
    headcount_max = models.PositiveIntegerField(_("effectif maximal"), null=True, blank=True)
    size_categories = models.JSONField(
        _("catégories d'entreprise (MIC, PME, ETI, GE)"), default=list, blank=True
    )
    min_years_existence = models.PositiveIntegerField(
        _("années d'existence minimales"), null=True, blank=True
    )
    legal_forms = models.JSONField(_("formes juridiques éligibles"), default=list, blank=True)
    legal_forms_excluded = models.JSONField(
        _("formes juridiques exclues"), default=list, blank=True
    )
    activity_sectors = models.JSONField(_("secteurs ciblés"), default=list, blank=True)
    naf_included = models.JSONField(_("codes NAF ciblés"), default=list, blank=True)
    naf_excluded = models.JSONField(_("codes NAF exclus"), default=list, blank=True)
    payment_chaining = models.CharField(_("chaînage paiement"), max_length=100, blank=True)
    # Beyond the schema: what a firm needs to act.
    recurrence = models.CharField(
        _("récurrence"), max_length=20, choices=Recurrence.choices, blank=True
    )
    amount_text = models.CharField(_("montant ou taux"), max_length=300, blank=True)
    amount_min_eur = models.DecimalField(
        _("montant minimal (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_max_eur = models.DecimalField(
        _("montant maximal (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    rate_percent = models.DecimalField(
        _("taux d'aide (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    application_url = models.URLField(_("déposer une demande"), max_length=500, blank=True)

    class Meta(Publishable.Meta):
        verbose_name = _("dispositif")
        verbose_name_plural = _("dispositifs")


class SchemeTerritory(models.Model):
    """One geographic code of ``eligibilite_geographique`` (or of its exclusions)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="territories")
    code = models.CharField(_("code géographique"), max_length=20)  # REG-93, DEP-2A, COM-13055
    excluded = models.BooleanField(_("exclu"), default=False)

    class Meta:
        verbose_name = _("territoire d'un dispositif")
        verbose_name_plural = _("territoires des dispositifs")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "code", "excluded"], name="unique_scheme_territory"
            )
        ]
        indexes = [models.Index(fields=["code", "excluded"])]

    def __str__(self) -> str:
        return f"{'-' if self.excluded else '+'}{self.code}"
