"""SIREN/SIRET checks against the reference vectors computed with INSEE's rules."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.organisations.validators import luhn_ok, siren_error, siret_error

VECTORS = Path(__file__).resolve().parent / "fixtures" / "siret-vectors.csv"
OWN_VECTORS = [
    # Taken from the reference rules: La Poste head office keeps plain Luhn.
    ("siret", "35600000000048", True),
    ("siren", "732829320", True),
    ("siren", "732829321", False),
    ("siret", "7328293200007", False),
    ("siret", "7328293200007A", False),
]


def _reference_rows() -> list[tuple[str, str, bool, str]]:
    with VECTORS.open(encoding="utf-8") as handle:
        return [
            (r["kind"], r["number"], r["valid"] == "true", r["why"]) for r in csv.DictReader(handle)
        ]


def test_reference_vectors_all_agree() -> None:
    """Every number of fixtures/siret-vectors.csv gets the expected verdict."""
    rows = _reference_rows()
    assert len(rows) >= 10
    for kind, number, valid, why in rows:
        check = siren_error if kind == "siren" else siret_error
        assert (check(number) is None) is valid, f"{kind} {number}: {why}"


@pytest.mark.parametrize(("kind", "number", "valid"), OWN_VECTORS)
def test_own_vectors(kind: str, number: str, valid: bool) -> None:
    """Length, digits and check key decide validity."""
    check = siren_error if kind == "siren" else siret_error
    assert (check(number) is None) is valid


def test_spaces_are_tolerated() -> None:
    """People type numbers grouped by three: spaces are not an error."""
    assert siren_error("732 829 320") is None
    assert siret_error("732 829 320 00074") is None


def test_messages_say_what_is_wrong() -> None:
    """A wrong length and a wrong key get different, French messages."""
    assert "9 chiffres" in (siren_error("1234") or "")
    assert "clé de contrôle" in (siren_error("732829321") or "")


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_exactly_one_check_digit_completes_a_siren(prefix: str) -> None:
    """For any 8 digits, exactly one of the ten possible last digits makes a valid SIREN."""
    valid = [d for d in "0123456789" if luhn_ok(prefix + d)]
    assert len(valid) == 1
