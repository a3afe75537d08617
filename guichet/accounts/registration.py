"""The registration pages: the form, the "check your mailbox" page, and the confirmation link.

The account and its organisation are created only when the link sent to the address is
followed (see ``services``). Each sending is rate-limited per client and per address, and a
honeypot field turns robots away without telling them.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from guichet.accounts import services
from guichet.accounts.honeypot import honeypot_filled
from guichet.accounts.models import EMAIL_MAX_LENGTH, User
from guichet.accounts.throttle import throttle_hit, too_many_sendings_message
from guichet.organisations.models import Role
from guichet.organisations.registration import REGISTRABLE_ROLES
from guichet.organisations.validators import normalise_number, validate_siren
from guichet.web.forms_limits import LimitedFormMixin

# Where a new account lands: the provider space of the catalogue. A URL name, not an
# import, so that accounts keeps depending on nothing above organisations.
LANDING_URL_NAME = "catalogue_manage:dashboard"
# The service names the password "password"; the form asks for it twice.
SERVICE_TO_FORM_FIELD = {"password": "password1"}


class RegistrationForm(LimitedFormMixin, forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Adresse électronique"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=gettext_lazy(
            "Elle sert à vous connecter et à recevoir les décisions. Un lien de confirmation "
            "y sera envoyé."
        ),
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


def site_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(LANDING_URL_NAME)
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST" and honeypot_filled(request):
        return redirect("accounts:register_sent")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = {key: data[key] for key in ("name", "siren", "postcode", "commune_name")}
        try:
            services.registration_validate(
                full_name=data["full_name"],
                password=data["password1"],
                role=data["role"],
                organisation=organisation,
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            verdict = throttle_hit("register", request=request, address=data["email"])
            if verdict.allowed:
                services.registration_request(
                    email=data["email"],
                    full_name=data["full_name"],
                    password=data["password1"],
                    role=data["role"],
                    organisation=organisation,
                    site_url=site_url(request),
                )
                return redirect("accounts:register_sent")
            form.add_error(None, too_many_sendings_message(verdict.retry_after_minutes))
            status = 429
    return render(request, "accounts/register.html", {"form": form}, status=status)


def register_sent(request: HttpRequest) -> HttpResponse:
    """The same page whether the address is new or already has an account."""
    return render(
        request,
        "accounts/register_sent.html",
        {"registration_days": settings.REGISTRATION_CONFIRM_DAYS},
    )


@require_http_methods(["GET", "POST"])
def register_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what will be created; POST creates it (mail scanners only follow links)."""
    try:
        pending = services.pending_registration_for(token)
    except services.RegistrationLinkInvalid:
        return render(request, "accounts/register_link_invalid.html", status=400)
    if request.method == "GET":
        return render(request, "accounts/register_confirm.html", {"pending": pending})
    try:
        user, organisation = services.registration_confirm(token=token)
    except services.RegistrationLinkInvalid:
        return render(request, "accounts/register_link_invalid.html", status=400)
    except services.AccountAlreadyExists:
        messages.info(request, _("Ce compte existe déjà : connectez-vous."))
        return redirect("accounts:login")
    except ValidationError as error:
        return render(
            request,
            "accounts/register_confirm.html",
            {"pending": pending, "errors": error.messages},
            status=400,
        )
    login(request, user, backend="guichet.accounts.backends.EmailBackend")
    messages.success(
        request,
        _(
            "Bienvenue ! Votre adresse est confirmée ; votre compte et la fiche de %(name)s "
            "sont créés."
        )
        % {"name": organisation.name},
    )
    return redirect(LANDING_URL_NAME)
