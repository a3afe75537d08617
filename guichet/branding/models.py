"""The identity of the Region that runs the platform, shown on every page."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.branding.colours import WHITE, contrast_ratio

COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
colour_validator = RegexValidator(
    COLOUR_PATTERN, _("Indiquez une couleur au format #RRGGBB, par exemple #0b5394.")
)

LOGO_CONTENT_TYPES = {"image/png", "image/svg+xml", "image/jpeg", "image/webp"}
MAX_LOGO_BYTES = 512 * 1024

company_number_validator = RegexValidator(
    r"^(\d{9}|\d{14})$",
    _("Indiquez le SIREN (9 chiffres) ou le SIRET (14 chiffres), sans espaces."),
)

DEFAULT_TECHNOLOGIES = "HTML5, CSS, SVG, JavaScript (HTMX, en amélioration progressive)"


class AccessibilityStatus(models.TextChoices):
    """The three conformity levels of the RGAA statement."""

    NON_COMPLIANT = "non_compliant", _("non conforme")
    PARTIALLY_COMPLIANT = "partially_compliant", _("partiellement conforme")
    FULLY_COMPLIANT = "fully_compliant", _("totalement conforme")


class RegionIdentity(models.Model):
    """A single row (pk=1): the Region's name, label, colours and contact."""

    name = models.CharField(_("nom de la Région"), max_length=150)
    label_name = models.CharField(
        _("nom court du label"), max_length=60, help_text=_("Par exemple « Sud IA ».")
    )
    insee_code = models.CharField(
        _("code INSEE de la Région"),
        max_length=3,
        blank=True,
        help_text=_("Sert à proposer d'abord ce qui concerne le territoire régional."),
    )
    primary_colour = models.CharField(
        _("couleur principale"),
        max_length=7,
        validators=[colour_validator],
        help_text=_(
            "Couleur des liens et des boutons : elle doit contraster "
            "à 4,5:1 au moins avec le blanc."
        ),
    )
    secondary_colour = models.CharField(
        _("couleur secondaire"),
        max_length=7,
        validators=[colour_validator],
        help_text=_("Couleur d'accent (bandeaux, filets)."),
    )
    contact_email = models.EmailField(_("adresse de contact"))
    logo = models.BinaryField(_("logo"), blank=True, null=True, editable=True)
    logo_content_type = models.CharField(max_length=40, blank=True)
    logo_alt = models.CharField(
        _("texte alternatif du logo"),
        max_length=150,
        blank=True,
        help_text=_("Ce que dit le logo, pour les personnes qui ne le voient pas."),
    )

    # Legal notice (mentions légales). Blank until the Region fills them in:
    # the pages then say so rather than show invented values.
    postal_address = models.TextField(_("adresse postale de la Région"), blank=True)
    company_number = models.CharField(
        _("SIRET ou SIREN"), max_length=14, blank=True, validators=[company_number_validator]
    )
    publication_director = models.CharField(
        _("directeur ou directrice de la publication"),
        max_length=150,
        blank=True,
        help_text=_("En général le président ou la présidente du conseil régional."),
    )
    host_name = models.CharField(_("hébergeur"), max_length=150, blank=True)
    host_address = models.TextField(_("adresse de l'hébergeur"), blank=True)
    host_phone = models.CharField(_("téléphone de l'hébergeur"), max_length=30, blank=True)

    # Accessibility statement (RGAA).
    accessibility_status = models.CharField(
        _("état de conformité au RGAA"),
        max_length=20,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.NON_COMPLIANT,
        help_text=_("Sans audit, le service est « non conforme »."),
    )
    accessibility_audit_date = models.DateField(_("date de l'audit"), null=True, blank=True)
    accessibility_audit_scope = models.TextField(
        _("auteur et périmètre de l'audit"),
        blank=True,
        help_text=_("Qui a réalisé l'audit et sur quel périmètre."),
    )
    accessibility_audit_result = models.TextField(
        _("résultat de l'audit"),
        blank=True,
        help_text=_("Par exemple « 78 % des critères du RGAA 4.1 sont respectés »."),
    )
    accessibility_non_compliant_content = models.TextField(
        _("contenus non accessibles"), blank=True
    )
    accessibility_derogations = models.TextField(
        _("dérogations pour charge disproportionnée"), blank=True
    )
    accessibility_technologies = models.TextField(
        _("technologies utilisées"), blank=True, default=DEFAULT_TECHNOLOGIES
    )
    accessibility_test_environment = models.TextField(
        _("environnement de test"),
        blank=True,
        help_text=_("Navigateurs et technologies d'assistance utilisés pour l'audit."),
    )
    accessibility_audited_pages = models.TextField(
        _("pages auditées"), blank=True, help_text=_("Une page par ligne.")
    )
    accessibility_contact = models.CharField(
        _("contact pour l'accessibilité"),
        max_length=200,
        blank=True,
        help_text=_(
            "Adresse électronique ou adresse d'un formulaire ; "
            "à défaut, l'adresse de contact de la Région."
        ),
    )

    # Personal data.
    dpo_contact = models.CharField(
        _("contact du délégué à la protection des données"),
        max_length=200,
        blank=True,
        help_text=_("Adresse électronique ou postale du DPO de la Région."),
    )
    retention_accounts = models.CharField(_("conservation des comptes"), max_length=200, blank=True)
    retention_contact_requests = models.CharField(
        _("conservation des demandes de contact"), max_length=200, blank=True
    )
    retention_audit_log = models.CharField(
        _("conservation du journal des modifications"), max_length=200, blank=True
    )
    retention_statistics = models.CharField(
        _("conservation des statistiques"), max_length=200, blank=True
    )

    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("identité de la Région")
        verbose_name_plural = _("identité de la Région")

    def __str__(self) -> str:
        return self.name

    @property
    def accessibility_contact_is_url(self) -> bool:
        return self.feedback_contact.startswith(("http://", "https://"))

    @property
    def feedback_contact(self) -> str:
        return self.accessibility_contact or self.contact_email

    def clean(self) -> None:
        if self.primary_colour and COLOUR_PATTERN.fullmatch(self.primary_colour):
            ratio = contrast_ratio(self.primary_colour, WHITE)
            if ratio < 4.5:
                raise ValidationError(
                    {
                        "primary_colour": _(
                            "Cette couleur ne contraste qu'à %(ratio).2f:1 avec le blanc ; "
                            "il faut 4,5:1 au moins pour que le texte reste lisible. "
                            "Choisissez une teinte plus foncée."
                        )
                        % {"ratio": ratio}
                    }
                )


LEGAL_FIELDS = [
    "postal_address",
    "company_number",
    "publication_director",
    "host_name",
    "host_address",
    "host_phone",
    "accessibility_status",
    "accessibility_audit_date",
    "accessibility_audit_scope",
    "accessibility_audit_result",
    "accessibility_non_compliant_content",
    "accessibility_derogations",
    "accessibility_technologies",
    "accessibility_test_environment",
    "accessibility_audited_pages",
    "accessibility_contact",
    "dpo_contact",
    "retention_accounts",
    "retention_contact_requests",
    "retention_audit_log",
    "retention_statistics",
]
