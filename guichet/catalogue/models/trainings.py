"""Trainings, with the fields LHÉO 2.3 needs so that an export loses nothing."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models.base import Publishable, Technique, UseCase
from guichet.territories.models import Commune


class Training(Publishable):
    class Level(models.TextChoices):
        DISCOVERY = "discovery", _("découverte")
        BEGINNER = "beginner", _("initiation")
        INTERMEDIATE = "intermediate", _("intermédiaire")
        ADVANCED = "advanced", _("avancé")

    class Modality(models.TextChoices):
        ON_SITE = "on_site", _("en présentiel")
        REMOTE = "remote", _("à distance")
        BLENDED = "blended", _("mixte")

    # LHÉO: intitule-formation = title, objectif-formation, resultats-attendus, contenu-formation.
    objectives = models.TextField(_("objectifs"), blank=True)
    expected_results = models.TextField(_("résultats attendus"), blank=True)
    content = models.TextField(_("contenu"), blank=True)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, blank=True)
    # Certification: RNCP or Répertoire spécifique code, CPF eligibility.
    is_certifying = models.BooleanField(_("certifiante"), default=False)
    rncp_code = models.CharField(_("code RNCP"), max_length=20, blank=True)
    rs_code = models.CharField(_("code RS"), max_length=20, blank=True)
    cpf_eligible = models.BooleanField(_("éligible au CPF"), null=True, blank=True)
    audience = models.TextField(_("public visé"), blank=True)
    prerequisites = models.TextField(_("prérequis"), blank=True)
    modality = models.CharField(_("modalité"), max_length=20, choices=Modality.choices, blank=True)
    duration_hours = models.DecimalField(
        _("durée (heures)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    price_eur = models.DecimalField(
        _("prix (€ TTC)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    url = models.URLField(_("page de la formation"), blank=True)
    contact_email = models.EmailField(_("contact"), blank=True)
    # LHÉO identifiers kept for lossless round trips with training bodies' systems.
    lheo_offer_id = models.CharField(_("identifiant LHÉO de l'offre"), max_length=100, blank=True)
    formacode = models.JSONField(_("codes Formacode"), default=list, blank=True)
    use_cases = models.ManyToManyField(
        UseCase, related_name="trainings", blank=True, verbose_name=_("cas d'usage")
    )
    techniques = models.ManyToManyField(
        Technique, related_name="trainings", blank=True, verbose_name=_("techniques")
    )

    class Meta(Publishable.Meta):
        verbose_name = _("formation")
        verbose_name_plural = _("formations")


class TrainingSession(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("commune")
    )
    seats = models.PositiveIntegerField(_("places"), null=True, blank=True)
    registration_url = models.URLField(_("inscription"), blank=True)
    lheo_session_id = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("session de formation")
        verbose_name_plural = _("sessions de formation")
        ordering = ["starts_on"]

    def __str__(self) -> str:
        return f"{self.training} – {self.starts_on:%d/%m/%Y}"
