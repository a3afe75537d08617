"""Synthetic SIREN and SIRET numbers pass INSEE's checks and never repeat within a seed."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from guichet.catalogue.synthetic import identifiers
from guichet.organisations.validators import LA_POSTE_SIREN, siren_error, siret_error


@given(seed=st.integers(min_value=0, max_value=10**9), index=st.integers(0, 10**7))
def test_synthetic_numbers_are_valid(seed: int, index: int) -> None:
    """Every generated SIREN and SIRET passes the Luhn check, and is not La Poste's."""
    siren = identifiers.synthetic_siren(seed=seed, index=index)
    siret = identifiers.synthetic_siret(siren)
    assert siren_error(siren) is None
    assert siret_error(siret) is None
    assert siret.startswith(siren)
    assert siren != LA_POSTE_SIREN


def test_index_to_siren_is_a_bijection() -> None:
    """The multiplier is coprime with the space of SIREN bodies, so numbers never repeat."""
    assert math.gcd(identifiers._MULTIPLIER, identifiers._SPACE) == 1
    sirens = {identifiers.synthetic_siren(seed=42, index=i) for i in range(50_000)}
    assert len(sirens) == 50_000


def test_luhn_key_completes_known_numbers() -> None:
    """The key of a real, published SIREN body is its last digit."""
    assert identifiers.luhn_key("73282932") == "0"  # 732 829 320, a published SIREN
    assert identifiers.luhn_key("35600000") == "0"  # La Poste
