"""SIREN and SIRET checks as INSEE publishes them.

Both numbers carry a Luhn check digit, except the establishments of La Poste
(SIREN 356000000): their SIRET numbers are valid when the sum of their digits
is a multiple of 5, the head office 356 000 000 00048 keeping the plain Luhn rule.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_number(value: str) -> str:
    """Drop the spaces, dots and dashes people type in these numbers."""
    return "".join(ch for ch in value if ch not in " .-\u00a0\u202f")


def siren_error(value: str) -> str | None:
    """Why ``value`` is not a valid SIREN, or None when it is."""
    number = normalise_number(value)
    if not number.isdigit() or len(number) != 9:
        return _("Un numéro SIREN compte exactement 9 chiffres.")
    if not luhn_ok(number):
        return _("Ce numéro SIREN n'existe pas : sa clé de contrôle est fausse.")
    return None


def siret_error(value: str) -> str | None:
    """Why ``value`` is not a valid SIRET, or None when it is."""
    number = normalise_number(value)
    if not number.isdigit() or len(number) != 14:
        return _("Un numéro SIRET compte exactement 14 chiffres.")
    if number.startswith(LA_POSTE_SIREN) and number != LA_POSTE_HEAD_OFFICE:
        if sum(int(c) for c in number) % 5 != 0:
            return _("Ce numéro SIRET de La Poste n'existe pas : sa clé de contrôle est fausse.")
        return None
    if not luhn_ok(number):
        return _("Ce numéro SIRET n'existe pas : sa clé de contrôle est fausse.")
    return None


def validate_siren(value: str) -> None:
    error = siren_error(value)
    if error:
        raise ValidationError(error, code="invalid_siren")


def validate_siret(value: str) -> None:
    error = siret_error(value)
    if error:
        raise ValidationError(error, code="invalid_siret")
