"""Vocabularies and the publishable base shared by every catalogue entry."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.workflow import RevisionStatus, Status
from guichet.organisations.models import Organisation


class BusinessFunction(models.Model):
    code = models.CharField(_("code"), max_length=30, primary_key=True)
    name = models.CharField(_("intitulé"), max_length=100)

    class Meta:
        verbose_name = _("fonction de l'entreprise")
        verbose_name_plural = _("fonctions de l'entreprise")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Technique(models.Model):
    code = models.CharField(_("code"), max_length=30, primary_key=True)
    name = models.CharField(_("intitulé"), max_length=100)

    class Meta:
        verbose_name = _("technique d'IA")
        verbose_name_plural = _("techniques d'IA")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UseCase(models.Model):
    """A use of AI a small firm recognises ("contrôle qualité visuel").

    Shared with the self-diagnostic, which recommends use cases.
    """

    code = models.CharField(_("code"), max_length=40, primary_key=True)
    name = models.CharField(_("intitulé"), max_length=150)
    keywords = models.JSONField(_("mots-clés"), default=list, blank=True)
    functions = models.ManyToManyField(BusinessFunction, related_name="use_cases", blank=True)
    techniques = models.ManyToManyField(Technique, related_name="use_cases", blank=True)

    class Meta:
        verbose_name = _("cas d'usage")
        verbose_name_plural = _("cas d'usage")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PublishableQuerySet(models.QuerySet):
    def published(self) -> PublishableQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def real(self) -> PublishableQuerySet:
        return self.filter(is_synthetic=False)

    def awaiting_review(self) -> PublishableQuerySet:
        return self.filter(
            models.Q(status=Status.SUBMITTED) | models.Q(revision_status=RevisionStatus.SUBMITTED)
        )

    def owned_by(self, organisation: Organisation) -> PublishableQuerySet:
        return self.filter(owner=organisation)


class Publishable(models.Model):
    """What every entry has: an owner, a title, a publication state, a pending revision."""

    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation propriétaire"),
    )
    slug = models.SlugField(_("identifiant d'adresse"), max_length=220, unique=True)
    title = models.CharField(_("titre"), max_length=250)
    summary = models.CharField(_("résumé"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    rejection_reason = models.TextField(_("motif du refus"), blank=True)
    # Edits of a published entry, waiting for review: {field: value}, as the form gave them.
    revision = models.JSONField(_("modification en attente"), null=True, blank=True)
    revision_status = models.CharField(
        _("état de la modification"),
        max_length=20,
        choices=RevisionStatus.choices,
        default=RevisionStatus.NONE,
        blank=True,
    )
    submitted_at = models.DateTimeField(_("soumise le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    is_synthetic = models.BooleanField(
        _("donnée de synthèse"),
        default=False,
        db_index=True,
        help_text=_("Fiche fictive générée pour des essais de charge."),
    )
    is_example = models.BooleanField(
        _("exemple de démonstration"),
        default=False,
        db_index=True,
        help_text=_(
            "Fiche fictive écrite pour la démonstration, affichée avec un badge « Exemple »."
        ),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED
