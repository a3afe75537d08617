"""Registration with a confirmed e-mail address.

1. ``registration_validate`` checks everything the registration would check (the account's
   password, the organisation's postcode, commune, SIREN...) by running the real
   registration in a transaction that is rolled back.
2. ``registration_request`` then stores a ``PendingRegistration`` and sends the address a
   confirmation link, or, when the address already has an account, tells its owner so
   instead. The visitor sees the same page either way: the form never reveals who has an
   account.
3. ``registration_confirm``, from the link, creates the account and its organisation with
   ``organisation_register``. Until then neither exists, so an unconfirmed address can act
   on nothing.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from guichet.accounts.models import PendingRegistration, User
from guichet.branding.selectors import region_identity
from guichet.organisations.models import Organisation
from guichet.organisations.registration import organisation_register

logger = logging.getLogger(__name__)

TOKEN_SALT = "guichet.accounts.registration"  # noqa: S105 (a signing namespace)


class RegistrationLinkInvalid(Exception):
    """The confirmation link is unknown, altered, expired or already used."""


class AccountAlreadyExists(Exception):
    """The address got an account in the meantime (another link, the Region)."""


class _RollBack(Exception):
    pass


def _normalise(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


def registration_validate(
    *, full_name: str, password: str, role: str, organisation: dict[str, Any]
) -> None:
    """Raise the ValidationError the registration would raise, keyed by field; write nothing.

    The address is checked by the form alone: whether it has an account must not show.
    """
    placeholder = f"verification-{secrets.token_hex(8)}@example.invalid"
    try:
        with transaction.atomic():
            organisation_register(
                email=placeholder,
                full_name=full_name,
                password=password,
                role=role,
                organisation=organisation,
            )
            raise _RollBack
    except _RollBack:
        pass


def _expiry() -> timedelta:
    return timedelta(days=settings.REGISTRATION_CONFIRM_DAYS)


def _send(*, template: str, to: str, context: dict[str, Any]) -> None:
    context = {**context, "region": region_identity()}
    subject = render_to_string(f"accounts/emails/{template}_subject.txt", context)
    body = render_to_string(f"accounts/emails/{template}.txt", context)
    try:
        send_mail(
            subject=" ".join(subject.split()),
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[to],
        )
    except OSError:
        # The visitor's page must not differ (nor crash) when the mail server is down.
        logger.exception("Registration e-mail to one address could not be sent")


def registration_request(
    *,
    email: str,
    full_name: str,
    password: str,
    role: str,
    organisation: dict[str, Any],
    site_url: str,
) -> None:
    """Send a confirmation link to a new address, or a notice to an existing account's owner."""
    email = _normalise(email)
    # Hashed on both paths, so that the answer takes as long whether the address is known.
    password_hash = make_password(password)
    PendingRegistration.objects.filter(created_at__lt=timezone.now() - _expiry()).delete()
    context = {"site_url": site_url, "email": email, "days": settings.REGISTRATION_CONFIRM_DAYS}
    if User.objects.filter(email__iexact=email).exists():
        context["login_url"] = site_url + reverse("accounts:login")
        context["reset_url"] = site_url + reverse("accounts:password_reset")
        _send(template="registration_existing", to=email, context=context)
        return
    pending = PendingRegistration.objects.create(
        email=email,
        full_name=full_name.strip(),
        password=password_hash,
        role=role,
        organisation=organisation,
    )
    token = signing.dumps({"id": pending.pk, "email": email}, salt=TOKEN_SALT)
    context["confirm_url"] = site_url + reverse(
        "accounts:register_confirm", kwargs={"token": token}
    )
    context["organisation_name"] = organisation.get("name", "")
    _send(template="registration_confirm", to=email, context=context)


def pending_registration_for(token: str) -> PendingRegistration:
    """The registration a link confirms; RegistrationLinkInvalid if there is none any more."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=_expiry())
        return PendingRegistration.objects.get(pk=payload["id"], email=payload["email"])
    except (signing.BadSignature, PendingRegistration.DoesNotExist, KeyError, TypeError):
        raise RegistrationLinkInvalid from None


@transaction.atomic
def registration_confirm(*, token: str) -> tuple[User, Organisation]:
    """Create the account and its organisation the link stands for, with the chosen password.

    Raises RegistrationLinkInvalid, AccountAlreadyExists, or the ValidationError of
    ``organisation_register`` when the organisation can no longer be created as declared.
    """
    pending = pending_registration_for(token)
    if User.objects.filter(email__iexact=pending.email).exists():
        PendingRegistration.objects.filter(email__iexact=pending.email).delete()
        raise AccountAlreadyExists
    user, organisation = organisation_register(
        email=pending.email,
        full_name=pending.full_name,
        # The password was validated and hashed at registration; the service requires a
        # raw one, so it gets a throwaway that the stored hash then replaces.
        password=secrets.token_urlsafe(32),
        role=pending.role,
        organisation=pending.organisation,
    )
    user.password = pending.password
    user.save(update_fields=["password"])
    PendingRegistration.objects.filter(email__iexact=pending.email).delete()
    return user, organisation
