"""French administrative geography from the Code officiel géographique (INSEE)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    chef_lieu = models.CharField(_("chef-lieu (code commune)"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def eligibility_code(self) -> str:
        """Code used by the dispositif-aide schema (``REG-93``)."""
        return f"REG-{self.code}"


class Department(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departments", verbose_name=_("région")
    )
    chef_lieu = models.CharField(_("chef-lieu (code commune)"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def eligibility_code(self) -> str:
        return f"DEP-{self.code}"


class Commune(models.Model):
    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=150, db_index=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="communes",
        verbose_name=_("département"),
        null=True,
        blank=True,
        help_text=_("Vide pour les collectivités d'outre-mer sans département."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="communes",
        verbose_name=_("région"),
        null=True,
        blank=True,
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude du centre"), null=True, blank=True)
    longitude = models.FloatField(_("longitude du centre"), null=True, blank=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def eligibility_code(self) -> str:
        return f"COM-{self.code}"


class Postcode(models.Model):
    """A postcode serves one or more communes; a commune may have several."""

    code = models.CharField(_("code postal"), max_length=5, db_index=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="postcodes", verbose_name=_("commune")
    )

    class Meta:
        verbose_name = _("code postal")
        verbose_name_plural = _("codes postaux")
        constraints = [
            models.UniqueConstraint(fields=["code", "commune"], name="unique_postcode_commune"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.commune.name}"


class GeocodedAddress(models.Model):
    """Cache of answers from the address geocoding service, one per normalised query."""

    query = models.CharField(_("adresse demandée"), max_length=300, unique=True)
    label = models.CharField(_("adresse trouvée"), max_length=300, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("commune")
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    score = models.FloatField(_("score du géocodeur"), null=True, blank=True)
    found = models.BooleanField(_("trouvée"), default=False)
    fetched_at = models.DateTimeField(_("interrogé le"), auto_now=True)

    class Meta:
        verbose_name = _("adresse géocodée")
        verbose_name_plural = _("adresses géocodées")

    def __str__(self) -> str:
        return self.query
