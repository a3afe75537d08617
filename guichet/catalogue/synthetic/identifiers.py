"""SIREN and SIRET numbers that pass INSEE's checks, for synthetic organisations only.

Numbers are drawn from the seed and the organisation's index through a bijection onto the
eight-digit bodies of a SIREN, so that the organisations of one seed never share one. They look
valid (Luhn key) on purpose: forms and exports must accept them. What marks them as
fake is ``Organisation.is_synthetic``, never the number itself.
"""

from __future__ import annotations

from guichet.organisations.validators import LA_POSTE_SIREN

# The first eight digits of a SIREN (the ninth is the Luhn key) run from 10000000 to 99999999,
# La Poste's 35600000 left out (its numbers follow their own rule): _SPACE values in all.
_LOWEST = 10_000_000
_SPACE = 90_000_000 - 1
_LA_POSTE_BODY = int(LA_POSTE_SIREN[:8])
# Coprime with _SPACE, so that index -> body is a bijection (checked in the tests).
_MULTIPLIER = 48_271_297


def luhn_key(digits: str) -> str:
    """The digit that, appended to ``digits``, makes the whole pass the Luhn check."""
    total = 0
    # Walking from the right of the future number: the appended key sits at position 0.
    for position, char in enumerate(reversed(digits), start=1):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def synthetic_siren(*, seed: int, index: int) -> str:
    """A Luhn-valid SIREN, distinct for each index of a seed (up to 89,999,999 of them)."""
    body = _LOWEST + (index * _MULTIPLIER + seed * 7_919) % _SPACE
    if body >= _LA_POSTE_BODY:
        body += 1
    digits = f"{body}"
    return digits + luhn_key(digits)


def synthetic_siret(siren: str, *, establishment: int = 1) -> str:
    """The SIRET of the ``establishment``-th establishment (NIC 0001x) of ``siren``."""
    digits = f"{siren}{establishment:04d}"
    return digits + luhn_key(digits)
