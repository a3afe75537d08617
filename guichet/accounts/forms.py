from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from guichet.accounts.models import EMAIL_MAX_LENGTH
from guichet.web.forms_limits import LimitedFormMixin


class EmailAuthenticationForm(LimitedFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect. Vérifiez les deux champs ; "
            "le mot de passe distingue majuscules et minuscules."
        ),
        "inactive": _("Ce compte est désactivé. Écrivez à la Région pour le rouvrir."),
    }


class PasswordResetRequestForm(LimitedFormMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("Adresse électronique du compte"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
