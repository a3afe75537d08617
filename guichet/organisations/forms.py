from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guichet.organisations.models import ActivitySection, Organisation, Role
from guichet.organisations.validators import normalise_number, validate_siren, validate_siret
from guichet.web.forms_limits import LimitedFormMixin


class OrganisationForm(LimitedFormMixin, forms.ModelForm):
    """The record an organisation keeps up to date. Validation of numbers lives on the model."""

    commune_name = forms.CharField(
        label=_("Commune"),
        required=False,
        help_text=_("Utile quand le code postal dessert plusieurs communes."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    # People type these numbers grouped ("732 829 320"): accept the spaces, store digits.
    siren = forms.CharField(
        label=_("SIREN"),
        required=False,
        max_length=20,
        validators=[validate_siren],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=25,
        validators=[validate_siret],
        help_text=_("Numéro de l'établissement principal, 14 chiffres."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    website = forms.URLField(
        label=_("Site web"), required=False, assume_scheme="https", max_length=200
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Secteurs visés"),
        queryset=ActivitySection.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    roles = forms.ModelMultipleChoiceField(
        label=_("Rôles"),
        queryset=Role.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "description",
            "website",
            "email",
            "phone",
            "public_email",
            "public_phone",
            "siren",
            "siret",
            "legal_form",
            "naf_code",
            "created_on",
            "headcount_bracket",
            "sectors",
            "roles",
            "address",
            "postcode",
        ]
        widgets = {
            "created_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "postcode": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
            ),
        }

    def __init__(self, *args: Any, can_change_roles: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.commune:
            self.initial.setdefault("commune_name", self.instance.commune.name)
        if not can_change_roles and self.instance.pk:
            self.fields["roles"].disabled = True
            self.fields["roles"].help_text = _("Les rôles sont attribués par la Région.")

    def clean_siren(self) -> str:
        return normalise_number(self.cleaned_data.get("siren") or "")

    def clean_siret(self) -> str:
        return normalise_number(self.cleaned_data.get("siret") or "")

    def _post_clean(self) -> None:
        # Model validation (numbers, codes) runs in the service, which reports per field.
        pass
