"""Self-registration: a person opens an account and declares the organisation they act for.

Providers, training bodies, financers and places register themselves; the Region
moderates what they publish, not who registers. Other roles (research labs, SMEs)
are granted by the Region.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guichet.organisations.models import Organisation, Role
from guichet.organisations.services import organisation_create

REGISTRABLE_ROLES = (
    Role.Code.PROVIDER,
    Role.Code.TRAINING_BODY,
    Role.Code.FINANCER,
    Role.Code.PLACE,
)
# Only these keys of the organisation's record are taken at registration.
ORGANISATION_KEYS = ("name", "siren", "postcode", "commune_name")


@transaction.atomic
def organisation_register(
    *,
    email: str,
    full_name: str,
    password: str,
    role: str,
    organisation: dict[str, Any],
) -> tuple[Any, Organisation]:
    """Create the account and its organisation together, or neither.

    The organisation is created by ``organisation_create`` with the new account as
    actor, so that the creation is journaled and the account becomes its member.
    Raises ValidationError keyed by field (``email``, ``password``, ``role``, ``name``,
    ``siren``, ``postcode``, ``commune_name``).
    """
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email.strip()).lower()
    if user_model.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": _(
                    "Un compte existe déjà avec cette adresse. Connectez-vous, ou demandez "
                    "un nouveau mot de passe si vous l'avez oublié."
                )
            }
        )
    if role not in REGISTRABLE_ROLES:
        raise ValidationError(
            {"role": _("Choisissez offreur, organisme de formation, financeur ou lieu.")}
        )
    candidate = user_model(email=email, full_name=full_name.strip())
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user = user_model.objects.create_user(email=email, password=password, full_name=full_name)
    data = {key: organisation.get(key, "") for key in ORGANISATION_KEYS}
    data["roles"] = [Role.objects.get(code=role)]
    # Not public until the Region has checked it is who it says (see organisation_moderate).
    created = organisation_create(actor=user, data=data, status=Organisation.Status.PENDING)
    return user, created
