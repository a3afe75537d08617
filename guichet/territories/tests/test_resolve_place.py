"""selectors.resolve_place: from a postcode or an INSEE code to commune, department, region."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from guichet.territories.selectors import CodeKind, PlaceStatus, resolve_place

pytestmark = pytest.mark.usefixtures("loaded")


def test_postcode_of_one_commune_is_found() -> None:
    """A postcode serving one commune gives that commune, its department, region and centre."""
    place = resolve_place("97400")
    assert place.status == PlaceStatus.FOUND
    assert place.commune is not None and place.commune.name == "Saint-Denis"
    assert place.department is not None and place.department.code == "974"
    assert place.region is not None and place.region.name == "La Réunion"
    assert place.coordinates == (-20.9329708192, 55.446867167)
    assert place.message == ""


def test_corsican_insee_code_is_found_whatever_its_case() -> None:
    """2A004 (typed 2a 004) is Ajaccio, in Corse-du-Sud and Corse."""
    place = resolve_place(" 2a 004 ")
    assert place.code == "2A004"
    assert place.commune is not None and place.commune.name == "Ajaccio"
    assert place.matched_as == CodeKind.INSEE
    assert place.department is not None and place.department.code == "2A"
    assert place.region is not None and place.region.code == "94"


def test_shared_postcode_is_ambiguous_with_every_candidate() -> None:
    """20167 serves Afa, Ajaccio and Alata: all three are returned, with a message."""
    place = resolve_place("20167")
    assert place.status == PlaceStatus.AMBIGUOUS
    assert [c.code for c in place.communes] == ["2A001", "2A004", "2A006"]
    assert place.commune is None
    assert place.coordinates is None
    assert place.department is not None and place.department.code == "2A"
    assert "20167 dessert 3 communes" in place.message


def test_arrondissement_postcode_resolves_to_the_commune() -> None:
    """13016, a postcode of Marseille's 16th arrondissement, is Marseille 13055."""
    place = resolve_place("13016")
    assert place.commune is not None and place.commune.code == "13055"


def test_postcode_wins_over_another_communes_insee_code() -> None:
    """13001 is Marseille's postcode and Aix-en-Provence's INSEE code: the postcode wins."""
    place = resolve_place("13001")
    assert place.status == PlaceStatus.FOUND
    assert place.commune is not None and place.commune.name == "Marseille"
    assert place.also_insee_code_of is not None
    assert place.also_insee_code_of.name == "Aix-en-Provence"
    assert "aussi le code commune (INSEE) d'une autre commune : Aix-en-Provence" in place.message


def test_insee_kind_reads_the_code_as_insee() -> None:
    """Asked as an INSEE code, 13001 is Aix-en-Provence."""
    place = resolve_place("13001", CodeKind.INSEE)
    assert place.commune is not None and place.commune.name == "Aix-en-Provence"


def test_postcode_kind_does_not_read_insee_codes() -> None:
    """Asked as a postcode, Ajaccio's INSEE code matches nothing."""
    place = resolve_place("2A004", CodeKind.POSTCODE)
    assert place.status == PlaceStatus.UNKNOWN
    assert place.message == "Le code postal 2A004 ne correspond à aucune commune connue."


def test_arrondissement_insee_code_resolves_to_its_commune() -> None:
    """13201 (SIRENE's code for Marseille 1er) is Marseille, with an explanation."""
    place = resolve_place("13201")
    assert place.commune is not None and place.commune.code == "13055"
    assert "Marseille 1er Arrondissement, qui fait partie de Marseille" in place.message


def test_overseas_collectivity_commune_has_no_coordinates() -> None:
    """Papeete (98714) is found in 987 though the centres file has no coordinates for it."""
    place = resolve_place("98714")
    assert place.commune is not None and place.commune.code == "98735"
    assert place.region is not None and place.region.code == "987"
    assert place.coordinates is None


def test_unknown_code_says_so() -> None:
    """A well-formed code matching nothing is unknown, with the message to show."""
    place = resolve_place("99999")
    assert place.status == PlaceStatus.UNKNOWN
    assert place.communes == ()
    assert place.message == (
        "Le code 99999 ne correspond à aucune commune ni à aucun code postal connu."
    )


@pytest.mark.parametrize("code", ["", "1300", "130010", "2C004", "abcde", "2A0O4"])
def test_malformed_code_is_unknown_with_the_expected_format(code: str) -> None:
    """Anything but 5 digits or 2A/2B and 3 digits is unknown, and the message says why."""
    place = resolve_place(code)
    assert place.status == PlaceStatus.UNKNOWN
    assert "5 chiffres" in place.message


def test_lookup_costs_a_bounded_number_of_queries(
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    """Resolving a shared postcode takes a handful of queries, not one per candidate."""
    with django_assert_max_num_queries(4):
        place = resolve_place("20167")
        [list(c.postcodes.all()) for c in place.communes]
