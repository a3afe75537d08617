"""Geographic eligibility: communes in departments in regions in France, with exclusions."""

from __future__ import annotations

import datetime

from guichet.search.eligibility import SchemeRules, check
from guichet.search.eligibility_geography import TerritoryNames
from guichet.search.eligibility_verdicts import Criterion, CriterionVerdict, Verdict
from guichet.search.profile import FirmPlace, FirmProfile
from guichet.territories.models import Commune
from guichet.territories.selectors import FRANCE, territory_codes_for_commune

ON = datetime.date(2026, 3, 1)


def firm_in(code: str, department: str, region: str) -> FirmProfile:
    """A firm in a commune, with the codes the territories app gives it."""
    commune = Commune(code=code, name=f"commune {code}", department_id=department, region_id=region)
    place = FirmPlace(
        code=code,
        label=commune.name,
        territory_codes=frozenset(territory_codes_for_commune(commune)),
        commune_code=code,
        department_code=department,
        region_code=region,
    )
    return FirmProfile(place=place)


AJACCIO = firm_in("2A004", "2A", "94")
BASTIA = firm_in("2B033", "2B", "94")
MARSEILLE = firm_in("13055", "13", "93")
GAP = firm_in("05061", "05", "93")
BASSE_TERRE = firm_in("97105", "971", "01")
SAINT_DENIS_REUNION = firm_in("97411", "974", "04")
SAINT_PIERRE_SPM = firm_in("97502", "975", "975")
PAPEETE = firm_in("98735", "987", "987")
NOWHERE = FirmProfile()
SHARED_POSTCODE_IN_2A = FirmProfile(
    place=FirmPlace(
        code="20167",
        label="code postal 20167 (Afa, Ajaccio, Alata)",
        territory_codes=frozenset({FRANCE, "DEP-2A", "REG-94"}),
        department_code="2A",
        region_code="94",
    )
)


def geography(
    profile: FirmProfile, included: set[str], excluded: frozenset[str] = frozenset()
) -> CriterionVerdict:
    rules = SchemeRules(territories=frozenset(included), excluded_territories=excluded)
    verdict = check(profile, rules, on=ON, names=TerritoryNames({"13055": "Marseille"})).of(
        Criterion.GEOGRAPHY
    )
    assert verdict is not None
    return verdict


def test_regional_scheme_is_eligible_in_its_region() -> None:
    """A Marseille firm is eligible to a REG-93 scheme, named by its region."""
    verdict = geography(MARSEILLE, {"REG-93"})
    assert verdict.verdict == Verdict.ELIGIBLE
    assert verdict.reason == "ouvert aux entreprises de Provence-Alpes-Côte d'Azur"


def test_regional_scheme_refuses_another_region_with_its_name() -> None:
    """An Ajaccio firm is not eligible to a REG-93 scheme: reserved to PACA."""
    verdict = geography(AJACCIO, {"REG-93"})
    assert verdict.verdict == Verdict.NOT_ELIGIBLE
    assert verdict.reason == "réservé aux entreprises de Provence-Alpes-Côte d'Azur"


def test_corsica_commune_in_2a_is_eligible_to_a_dep_2a_scheme() -> None:
    """Ajaccio (2A004) lies in DEP-2A."""
    assert geography(AJACCIO, {"DEP-2A"}).verdict == Verdict.ELIGIBLE


def test_corsica_region_covers_both_departments() -> None:
    """REG-94 covers Ajaccio (2A) and Bastia (2B)."""
    assert geography(AJACCIO, {"REG-94"}).verdict == Verdict.ELIGIBLE
    assert geography(BASTIA, {"REG-94"}).verdict == Verdict.ELIGIBLE


def test_haute_corse_is_not_corse_du_sud() -> None:
    """Bastia (2B) is not eligible to a DEP-2A scheme, named Corse-du-Sud (2A)."""
    verdict = geography(BASTIA, {"DEP-2A"})
    assert verdict.verdict == Verdict.NOT_ELIGIBLE
    assert "Corse-du-Sud (2A)" in verdict.reason


def test_corsica_is_excluded_from_a_national_scheme() -> None:
    """PAYS-99100 minus REG-94: Ajaccio is out, Marseille in."""
    excluded = frozenset({"REG-94"})
    verdict = geography(AJACCIO, {FRANCE}, excluded)
    assert verdict.verdict == Verdict.NOT_ELIGIBLE
    assert verdict.reason == "le dispositif exclut les entreprises de Corse"
    assert geography(MARSEILLE, {FRANCE}, excluded).verdict == Verdict.ELIGIBLE


def test_guadeloupe_commune_is_in_its_department_region_and_france() -> None:
    """Basse-Terre (97105) is covered by DEP-971, REG-01 and PAYS-99100."""
    for code in ("DEP-971", "REG-01", FRANCE, "COM-97105"):
        assert geography(BASSE_TERRE, {code}).verdict == Verdict.ELIGIBLE, code
    assert geography(BASSE_TERRE, {"DEP-972"}).verdict == Verdict.NOT_ELIGIBLE


def test_reunion_commune_is_in_region_04_not_in_guadeloupe() -> None:
    """Saint-Denis (97411) is eligible to REG-04 (La Réunion), not to REG-01 (Guadeloupe)."""
    assert geography(SAINT_DENIS_REUNION, {"REG-04"}).verdict == Verdict.ELIGIBLE
    verdict = geography(SAINT_DENIS_REUNION, {"REG-01"})
    assert verdict.verdict == Verdict.NOT_ELIGIBLE
    assert verdict.reason == "réservé aux entreprises de Guadeloupe"


def test_overseas_collectivity_is_its_own_department_and_region() -> None:
    """Saint-Pierre (97502) is covered by DEP-975 and REG-975."""
    assert geography(SAINT_PIERRE_SPM, {"DEP-975"}).verdict == Verdict.ELIGIBLE
    assert geography(SAINT_PIERRE_SPM, {"REG-975"}).verdict == Verdict.ELIGIBLE
    assert geography(PAPEETE, {"REG-987"}).verdict == Verdict.ELIGIBLE


def test_national_scheme_is_to_check_in_an_overseas_collectivity() -> None:
    """A PAYS-99100 scheme may not apply in Saint-Pierre-et-Miquelon: to check, named."""
    verdict = geography(SAINT_PIERRE_SPM, {FRANCE})
    assert verdict.verdict == Verdict.TO_CHECK
    assert "Saint-Pierre-et-Miquelon" in verdict.reason


def test_national_scheme_applies_in_overseas_departments() -> None:
    """A PAYS-99100 scheme is eligible in Guadeloupe and La Réunion (departments)."""
    assert geography(BASSE_TERRE, {FRANCE}).verdict == Verdict.ELIGIBLE
    assert geography(SAINT_DENIS_REUNION, {FRANCE}).verdict == Verdict.ELIGIBLE


def test_excluded_department_inside_an_included_region() -> None:
    """REG-93 minus DEP-05: Gap is excluded, Marseille eligible."""
    excluded = frozenset({"DEP-05"})
    verdict = geography(GAP, {"REG-93"}, excluded)
    assert verdict.verdict == Verdict.NOT_ELIGIBLE
    assert verdict.reason == "le dispositif exclut les entreprises de Hautes-Alpes (05)"
    assert geography(MARSEILLE, {"REG-93"}, excluded).verdict == Verdict.ELIGIBLE


def test_exclusion_wins_over_a_more_precise_inclusion() -> None:
    """Exclusions take precedence: COM-13055 included but REG-93 excluded is not eligible."""
    verdict = geography(MARSEILLE, {"COM-13055"}, frozenset({"REG-93"}))
    assert verdict.verdict == Verdict.NOT_ELIGIBLE


def test_commune_scheme_names_the_commune() -> None:
    """A COM-13055 scheme is eligible in Marseille and named by its commune's name."""
    verdict = geography(MARSEILLE, {"COM-13055"})
    assert verdict.verdict == Verdict.ELIGIBLE
    assert verdict.reason == "ouvert aux entreprises de Marseille (13)"
    assert geography(GAP, {"COM-13055"}).verdict == Verdict.NOT_ELIGIBLE


def test_without_a_commune_a_regional_scheme_is_to_check() -> None:
    """No commune in the profile: a REG-93 scheme is to check, and the firm is told why."""
    verdict = geography(NOWHERE, {"REG-93"})
    assert verdict.verdict == Verdict.TO_CHECK
    assert "indiquez votre commune" in verdict.reason


def test_without_a_commune_a_national_scheme_is_eligible() -> None:
    """No commune: a national scheme without exclusion is eligible, one with exclusions not sure."""
    assert geography(NOWHERE, {FRANCE}).verdict == Verdict.ELIGIBLE
    assert geography(NOWHERE, {FRANCE}, frozenset({"DEP-05"})).verdict == Verdict.TO_CHECK


def test_shared_postcode_settles_what_the_department_settles() -> None:
    """Postcode 20167 (three communes of 2A): DEP-2A eligible, REG-93 not, COM-2A004 to check."""
    assert geography(SHARED_POSTCODE_IN_2A, {"DEP-2A"}).verdict == Verdict.ELIGIBLE
    assert geography(SHARED_POSTCODE_IN_2A, {"REG-93"}).verdict == Verdict.NOT_ELIGIBLE
    assert geography(SHARED_POSTCODE_IN_2A, {"COM-13055"}).verdict == Verdict.NOT_ELIGIBLE
    verdict = geography(SHARED_POSTCODE_IN_2A, {"COM-2A004"})
    assert verdict.verdict == Verdict.TO_CHECK
    assert "précisez votre commune" in verdict.reason


def test_scheme_without_geography_is_to_check() -> None:
    """A scheme with no geographic code at all is to check, not assumed national."""
    verdict = geography(MARSEILLE, set())
    assert verdict.verdict == Verdict.TO_CHECK
    assert not verdict.informative


def test_unreadable_code_is_to_check() -> None:
    """A code of a kind the guichet cannot read (EPCI-) is to check, quoted."""
    verdict = geography(MARSEILLE, {"EPCI-200054807"})
    assert verdict.verdict == Verdict.TO_CHECK
    assert "EPCI-200054807" in verdict.reason


def test_municipal_arrondissement_of_the_firms_commune_is_to_check() -> None:
    """COM-13201 (Marseille 1er) may hold a Marseille firm; it cannot hold a Gap firm."""
    assert geography(MARSEILLE, {"COM-13201"}).verdict == Verdict.TO_CHECK
    assert geography(GAP, {"COM-13201"}).verdict == Verdict.NOT_ELIGIBLE


def test_reason_elides_before_a_vowel() -> None:
    """« réservé aux entreprises d'Île-de-France », not « de Île-de-France »."""
    assert geography(MARSEILLE, {"REG-11"}).reason == "réservé aux entreprises d'Île-de-France"
