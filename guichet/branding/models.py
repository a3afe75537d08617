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
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("identité de la Région")
        verbose_name_plural = _("identité de la Région")

    def __str__(self) -> str:
        return self.name

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
