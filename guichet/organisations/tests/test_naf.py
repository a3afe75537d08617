"""NAF rév. 2 parsing: sub-class to division to section, bad codes refused with a reason."""

from __future__ import annotations

import pytest

from guichet.organisations.naf import DIVISIONS, SECTIONS, NafError, parse_naf, section_of_division


@pytest.mark.parametrize(
    ("code", "normalised", "division", "section"),
    [
        ("62.01Z", "62.01Z", "62", "J"),
        ("6201z", "62.01Z", "62", "J"),
        (" 10.71C ", "10.71C", "10", "C"),
        ("01.11Z", "01.11Z", "01", "A"),
        ("86.10Z", "86.10Z", "86", "Q"),
        ("99.00Z", "99.00Z", "99", "U"),
        ("62", "62", "62", "J"),
        ("62.0", "62.0", "62", "J"),
    ],
)
def test_codes_resolve_to_division_and_section(
    code: str, normalised: str, division: str, section: str
) -> None:
    """A sub-class code names its division and section."""
    parsed = parse_naf(code)
    assert (parsed.code, parsed.division, parsed.section) == (normalised, division, section)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "vide"),
        ("6", "n'est pas un code NAF"),
        ("62.01ZZ", "n'est pas un code NAF"),
        ("AB.CDE", "n'est pas un code NAF"),
        ("04.01Z", "division 04 n'existe pas"),
        ("00.00Z", "division 00 n'existe pas"),
    ],
)
def test_bad_codes_are_refused_with_a_reason(code: str, reason: str) -> None:
    """A malformed code or an unknown division is refused, and the message says which."""
    with pytest.raises(NafError, match=reason):
        parse_naf(code)


def test_the_nomenclature_is_complete() -> None:
    """NAF rév. 2 has 21 sections and 88 divisions, each division in exactly one section."""
    assert len(SECTIONS) == 21
    assert len(DIVISIONS) == 88
    sections = {section_of_division(d) for d in DIVISIONS}
    assert sections == set(SECTIONS)
