"""Every actor of the platform is an Organisation with one or more roles."""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.organisations import legal_forms
from guichet.organisations.naf import NafError, parse_naf
from guichet.organisations.sizes import HeadcountBracket
from guichet.organisations.validators import normalise_number, validate_siren, validate_siret
from guichet.territories.models import Commune


class ActivitySection(models.Model):
    """A section (A to U) of the NAF rév. 2, used as a sector."""

    code = models.CharField(_("code"), max_length=1, primary_key=True)
    name = models.CharField(_("intitulé"), max_length=200)

    class Meta:
        verbose_name = _("secteur d'activité (section NAF)")
        verbose_name_plural = _("secteurs d'activité (sections NAF)")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Role(models.Model):
    class Code(models.TextChoices):
        PROVIDER = "provider", _("offreur de solutions d'IA")
        TRAINING_BODY = "training_body", _("organisme de formation")
        FINANCER = "financer", _("financeur ou opérateur de dispositifs")
        RESEARCH_LAB = "research_lab", _("laboratoire de recherche")
        SME = "sme", _("TPE ou PME utilisatrice")
        PLACE = "place", _("lieu d'acculturation à l'IA")

    code = models.CharField(_("code"), max_length=20, primary_key=True, choices=Code.choices)
    name = models.CharField(_("intitulé"), max_length=100)

    class Meta:
        verbose_name = _("rôle")
        verbose_name_plural = _("rôles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def _validate_naf(value: str) -> None:
    try:
        parse_naf(value)
    except NafError as error:
        raise ValidationError(str(error), code="invalid_naf") from None


def _validate_legal_form(value: str) -> None:
    error = legal_forms.legal_form_error(value)
    if error:
        raise ValidationError(error, code="invalid_legal_form")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def public(self) -> OrganisationQuerySet:
        """Validated by the Region: the only ones the public may see."""
        return self.filter(status=Organisation.Status.VALIDATED)

    def pending(self) -> OrganisationQuerySet:
        return self.filter(status=Organisation.Status.PENDING)

    def real(self) -> OrganisationQuerySet:
        """Real (not synthetic) and public organisations."""
        return self.public().filter(is_synthetic=False)

    def with_role(self, code: str) -> OrganisationQuerySet:
        return self.filter(roles__code=code)


class Organisation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("en attente de validation")
        VALIDATED = "validated", _("validée")
        REFUSED = "refused", _("refusée")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=220, unique=True)
    roles = models.ManyToManyField(Role, verbose_name=_("rôles"), related_name="organisations")
    siren = models.CharField(
        _("SIREN"), max_length=9, blank=True, db_index=True, validators=[validate_siren]
    )
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("Numéro de l'établissement principal, 14 chiffres."),
    )
    legal_form = models.CharField(
        _("catégorie juridique"),
        max_length=4,
        blank=True,
        validators=[_validate_legal_form],
        help_text=_("Code INSEE à quatre chiffres, par exemple 5710 pour une SAS."),
    )
    naf_code = models.CharField(
        _("code NAF (APE)"),
        max_length=6,
        blank=True,
        validators=[_validate_naf],
        help_text=_("Activité principale, par exemple 62.01Z."),
    )
    created_on = models.DateField(_("date de création"), null=True, blank=True)
    headcount_bracket = models.CharField(
        _("tranche d'effectif"), max_length=2, blank=True, choices=HeadcountBracket.choices
    )
    sectors = models.ManyToManyField(
        ActivitySection,
        verbose_name=_("secteurs visés"),
        related_name="organisations",
        blank=True,
    )
    description = models.TextField(_("présentation"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    email = models.EmailField(_("adresse électronique de contact"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    # Shown on the public page only when the organisation fills them in: ``email`` and
    # ``phone`` above are the Region's contact and are never published.
    public_email = models.EmailField(
        _("adresse électronique publiée"),
        blank=True,
        help_text=_("Affichée sur la fiche publique. Laissez vide pour ne pas en publier."),
    )
    public_phone = models.CharField(
        _("téléphone publié"),
        max_length=30,
        blank=True,
        help_text=_("Affiché sur la fiche publique. Laissez vide pour ne pas en publier."),
    )
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=Status.choices,
        default=Status.VALIDATED,
        db_index=True,
        help_text=_("Une organisation inscrite par elle-même attend la validation de la Région."),
    )
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("commune"),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    is_synthetic = models.BooleanField(
        _("donnée de synthèse"),
        default=False,
        help_text=_("Organisation fictive générée pour des essais de charge."),
    )
    is_example = models.BooleanField(
        _("exemple de démonstration"),
        default=False,
        db_index=True,
        help_text=_("Organisation fictive écrite pour la démonstration."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organisations",
        verbose_name=_("membres"),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.siren = normalise_number(self.siren)
        self.siret = normalise_number(self.siret)
        if self.siret and self.siren and not self.siret.startswith(self.siren):
            errors["siret"] = str(
                _("Le SIRET doit commencer par le SIREN de l'organisation (%(siren)s).")
                % {"siren": self.siren}
            )
        if self.naf_code:
            # A bad code is reported by the field validator; a good one is normalised.
            with contextlib.suppress(NafError):
                self.naf_code = parse_naf(self.naf_code).code
        if errors:
            raise ValidationError(errors)

    @property
    def legal_form_label(self) -> str:
        return legal_forms.legal_form_label(self.legal_form) if self.legal_form else ""

    @property
    def coordinates(self) -> tuple[float, float] | None:
        """The organisation's own position, else its commune's centre."""
        if self.latitude is not None and self.longitude is not None:
            return (self.latitude, self.longitude)
        if (
            self.commune
            and self.commune.latitude is not None
            and self.commune.longitude is not None
        ):
            return (self.commune.latitude, self.commune.longitude)
        return None


class Membership(models.Model):
    """A person acts for an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    class Meta:
        verbose_name = _("appartenance")
        verbose_name_plural = _("appartenances")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"
