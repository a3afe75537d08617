from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guichet.territories.selectors import CodeKind, is_valid_code, normalise_code
from guichet.web.forms_limits import LimitedFormMixin


class LookupForm(LimitedFormMixin, forms.Form):
    """A postcode or an INSEE commune code, and how to read it when it could be both."""

    code = forms.CharField(
        label=_("Code postal ou code commune (INSEE)"),
        help_text=_("5 caractères, par exemple 13001, ou 2A004 pour Ajaccio."),
        max_length=12,
        widget=forms.TextInput(attrs={"spellcheck": "false", "size": "8"}),
    )
    kind = forms.ChoiceField(
        label=_("Type de code"),
        choices=[
            (CodeKind.AUTO.value, _("Détecter (le code postal l'emporte)")),
            (CodeKind.POSTCODE.value, _("Code postal")),
            (CodeKind.INSEE.value, _("Code commune (INSEE)")),
        ],
        widget=forms.RadioSelect,
        required=False,
        initial=CodeKind.AUTO.value,
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not is_valid_code(code):
            raise forms.ValidationError(
                _("Saisissez 5 chiffres, ou 2A ou 2B suivis de 3 chiffres pour la Corse."),
                code="invalid",
            )
        return code

    def clean_kind(self) -> CodeKind:
        return CodeKind(self.cleaned_data["kind"] or CodeKind.AUTO)
