"""selectors.territory_codes_for_commune and region_of_commune, for scheme eligibility."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from guichet.territories.models import Commune
from guichet.territories.selectors import region_of_commune, territory_codes_for_commune

pytestmark = pytest.mark.usefixtures("loaded")


def test_codes_cover_commune_department_region_and_country() -> None:
    """Ajaccio is covered by COM-2A004, DEP-2A, REG-94 and PAYS-99100."""
    ajaccio = Commune.objects.get(code="2A004")
    assert territory_codes_for_commune(ajaccio) == {"COM-2A004", "DEP-2A", "REG-94", "PAYS-99100"}


def test_codes_cost_no_query(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    """The codes come from the foreign keys' values: no query once the commune is loaded."""
    saint_denis = Commune.objects.get(code="97411")
    with django_assert_num_queries(0):
        codes = territory_codes_for_commune(saint_denis)
    assert codes == {"COM-97411", "DEP-974", "REG-04", "PAYS-99100"}


def test_region_comes_from_the_department_when_the_commune_has_none() -> None:
    """A commune row without a region gets its department's (codes and region alike)."""
    Commune.objects.filter(code="13055").update(region=None)
    marseille = Commune.objects.select_related("department__region").get(code="13055")
    assert "REG-93" in territory_codes_for_commune(marseille)
    region = region_of_commune(marseille)
    assert region is not None and region.code == "93"


def test_overseas_collectivity_codes() -> None:
    """Papeete is covered by its collectivity's code, as department and as region."""
    papeete = Commune.objects.get(code="98735")
    assert territory_codes_for_commune(papeete) == {
        "COM-98735", "DEP-987", "REG-987", "PAYS-99100",
    }  # fmt: skip
