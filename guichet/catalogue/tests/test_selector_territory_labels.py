"""selectors.territory_labels and scheme_geography: eligibility codes read as place names."""

from __future__ import annotations

import pytest

from guichet.catalogue.models import Scheme
from guichet.catalogue.selectors import entry_detail, scheme_geography, territory_labels
from guichet.catalogue.tests.public_entries import commune, organisation, published

pytestmark = pytest.mark.django_db


def test_codes_become_names() -> None:
    """REG- gives the region, DEP- the department with its code (Corsica too), COM- the commune."""
    commune("marseille")

    labels = territory_labels(["REG-93", "DEP-2A", "DEP-2B", "COM-13055", "PAYS-99100"])

    assert {code: t.label for code, t in labels.items()} == {
        "REG-93": "Provence-Alpes-Côte d'Azur",
        "DEP-2A": "Corse-du-Sud (2A)",
        "DEP-2B": "Haute-Corse (2B)",
        "COM-13055": "Marseille (13)",
        "PAYS-99100": "France entière",
    }


def test_unknown_codes_are_kept_and_flagged() -> None:
    """A code matching nothing is shown as written, marked unknown."""
    labels = territory_labels(["REG-99", "COM-99999", "PAYS-99134"])

    assert [(t.label, t.known) for t in labels.values()] == [
        ("REG-99", False),
        ("COM-99999", False),
        ("PAYS-99134", False),
    ]


def test_decoding_costs_three_queries_at_most(django_assert_max_num_queries) -> None:
    """Regions, departments and communes are each read once, whatever the number of codes."""
    codes = [f"DEP-{n:02d}" for n in range(1, 20)] + ["REG-93", "REG-84", "COM-13055"]

    with django_assert_max_num_queries(3):
        territory_labels(codes)


def test_scheme_geography_splits_covered_and_excluded_broadest_first() -> None:
    """Covered territories come France, regions, departments, communes; exclusions apart."""
    commune("nice")
    owner = organisation("Région Sud", role="financer")
    scheme = published(
        Scheme,
        owner,
        title="Aide régionale",
        geo_included=["COM-06088", "DEP-13", "REG-93", "PAYS-99100"],
        geo_excluded=["DEP-2A"],
    )

    geography = scheme_geography(entry_detail("schemes", scheme.slug))

    assert [t.label for t in geography.included] == [
        "France entière",
        "Provence-Alpes-Côte d'Azur",
        "Bouches-du-Rhône (13)",
        "Nice (06)",
    ]
    assert [t.label for t in geography.excluded] == ["Corse-du-Sud (2A)"]
