"""The registration page: an account and the organisation it acts for, in one step."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guichet.accounts.models import User
from guichet.organisations.models import Role
from guichet.organisations.registration import REGISTRABLE_ROLES, organisation_register
from guichet.organisations.validators import normalise_number, validate_siren

# Where a new account lands: the provider space of the catalogue. A URL name, not an
# import, so that accounts keeps depending on nothing above organisations.
LANDING_URL_NAME = "catalogue_manage:dashboard"
# The service names the password "password"; the form asks for it twice.
SERVICE_TO_FORM_FIELD = {"password": "password1"}


class RegistrationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Adresse électronique"),
        help_text=gettext_lazy("Elle sert à vous connecter et à recevoir les décisions."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    full_name = forms.CharField(
        label=gettext_lazy("Prénom et nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=gettext_lazy("Mot de passe"),
        strip=False,
        help_text=gettext_lazy(
            "Au moins 12 caractères, pas uniquement des chiffres, ni un mot de passe courant, "
            "ni proche de votre nom ou de votre adresse."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=gettext_lazy("Confirmation du mot de passe"),
        strip=False,
        help_text=gettext_lazy("Saisissez le même mot de passe une seconde fois."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    name = forms.CharField(
        label=gettext_lazy("Nom de l'organisation"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Votre organisation est"),
        widget=forms.RadioSelect,
        choices=[],
    )
    siren = forms.CharField(
        label=gettext_lazy("SIREN (facultatif)"),
        required=False,
        max_length=20,
        validators=[validate_siren],
        help_text=gettext_lazy("9 chiffres, par exemple 732 829 320."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    postcode = forms.CharField(
        label=gettext_lazy("Code postal"),
        max_length=5,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    commune_name = forms.CharField(
        label=gettext_lazy("Commune (facultatif)"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("Utile quand le code postal dessert plusieurs communes."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Role.Code.choices)
        role = cast(forms.ChoiceField, self.fields["role"])
        role.choices = [(code, labels[code]) for code in REGISTRABLE_ROLES]

    def clean_siren(self) -> str:
        return normalise_number(self.cleaned_data.get("siren") or "")

    def clean_password2(self) -> str:
        first = self.cleaned_data.get("password1")
        second = self.cleaned_data.get("password2") or ""
        if first and first != second:
            raise ValidationError(_("Les deux mots de passe ne sont pas identiques."))
        return second

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password1")
        if password:
            candidate = User(
                email=cleaned.get("email") or "", full_name=cleaned.get("full_name") or ""
            )
            try:
                validate_password(password, user=candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


def _add_service_errors(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        field = SERVICE_TO_FORM_FIELD.get(key, key)
        form.add_error(field if field in form.fields else None, errors)


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(LANDING_URL_NAME)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, organisation = organisation_register(
                email=data["email"],
                full_name=data["full_name"],
                password=data["password1"],
                role=data["role"],
                organisation={
                    key: data[key] for key in ("name", "siren", "postcode", "commune_name")
                },
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            login(request, user, backend="guichet.accounts.backends.EmailBackend")
            messages.success(
                request,
                _("Bienvenue ! Votre compte et la fiche de %(name)s sont créés.")
                % {"name": organisation.name},
            )
            return redirect(LANDING_URL_NAME)
    return render(request, "accounts/register.html", {"form": form})
