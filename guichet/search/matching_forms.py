"""The "Trouver de l'aide" form: a need in the firm's own words and an optional profile."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guichet.search.profile import FIELDS, FirmProfile, ProfileError, parse_profile
from guichet.search.profile_legal_forms import LABELS
from guichet.web.forms_limits import LimitedFormMixin

NEED_MAX_LENGTH = 1000

LEGAL_FORM_CHOICES = [("", _("Non renseignée"))] + [
    (label, name[:1].upper() + name[1:]) for label, name in LABELS.items()
]


class MatchForm(LimitedFormMixin, forms.Form):
    """Validated by ``parse_profile``, the same reader as the API: one set of messages."""

    need = forms.CharField(
        label=_("Votre besoin"),
        help_text=_(
            "En quelques mots, par exemple : « répondre plus vite aux questions de nos clients » "
            "ou « repérer les défauts de nos pièces »."
        ),
        max_length=NEED_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    commune = forms.CharField(
        label=_("Commune"),
        help_text=_("Code postal ou code commune (INSEE), par exemple 13001 ou 2A004."),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": "8"}),
    )
    naf = forms.CharField(
        label=_("Code NAF (APE)"),
        help_text=_("Par exemple 62.01Z ; il figure sur votre avis de situation Sirene."),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"size": "8", "spellcheck": "false"}),
    )
    headcount = forms.CharField(
        label=_("Effectif salarié"),
        help_text=_("Nombre de salariés, 0 si vous n'en avez pas."),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": "6"}),
    )
    created = forms.CharField(
        label=_("Date de création"),
        help_text=_("Au format JJ/MM/AAAA ou AAAA-MM-JJ."),
        max_length=10,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    legal_form = forms.ChoiceField(
        label=_("Forme juridique"), choices=LEGAL_FORM_CHOICES, required=False
    )
    siret = forms.CharField(
        label=_("SIRET"),
        help_text=_(
            "14 chiffres, facultatif. Le guichet en vérifie la clé et en déduit le SIREN ; "
            "il ne consulte pas le répertoire Sirene : renseignez aussi les autres champs."
        ),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )

    profile: FirmProfile

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            self.profile = parse_profile({name: cleaned.get(name) for name in FIELDS})
        except ProfileError as error:
            for key, message in error.errors.items():
                self.add_error(key.partition(".")[2], message)
        return cleaned
