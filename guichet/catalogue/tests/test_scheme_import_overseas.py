"""``schemes_import`` and the overseas collectivities written by their COG code (``COM-975``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.catalogue.models import Scheme
from guichet.catalogue.tests.test_scheme_import_rows import MINIMAL_ID, broken_copy, run

COLLECTIVITIES = {
    "975": "Saint-Pierre-et-Miquelon",
    "977": "Saint-Barthélemy",
    "978": "Saint-Martin",
    "986": "Wallis-et-Futuna",
    "987": "Polynésie française",
    "988": "Nouvelle-Calédonie",
}


def copy_with(tmp_path: Path, **cells: str) -> Path:
    return broken_copy(tmp_path, MINIMAL_ID, **cells)


@pytest.mark.django_db
@pytest.mark.parametrize("number", sorted(COLLECTIVITIES))
def test_overseas_collectivity_code_is_accepted(tmp_path: Path, number: str) -> None:
    """``COM-975`` and the other collectivities' COG codes are imported, with a warning."""
    report = run(copy_with(tmp_path, eligibilite_geographique=f"COM-{number}"))
    assert "refusés : 0." in report
    assert (
        f"colonne eligibilite_geographique : « COM-{number} » (collectivité d'outre-mer "
        f"entière) enregistré comme « DEP-{number} »" in report
    )
    scheme = Scheme.objects.get(external_id=MINIMAL_ID)
    assert list(scheme.territories.values_list("code", "excluded")) == [(f"DEP-{number}", False)]


@pytest.mark.django_db
def test_all_collectivities_in_one_cell_and_in_exclusions(tmp_path: Path) -> None:
    """Several collectivities in a cell, and in the exclusions, are all kept."""
    codes = "|".join(f"COM-{number}" for number in COLLECTIVITIES)
    report = run(
        copy_with(
            tmp_path,
            eligibilite_geographique="PAYS-99100",
            eligibilite_geographique_exclusions=codes,
        )
    )
    assert "refusés : 0." in report
    scheme = Scheme.objects.get(external_id=MINIMAL_ID)
    assert sorted(scheme.territories.filter(excluded=True).values_list("code", flat=True)) == [
        f"DEP-{number}" for number in sorted(COLLECTIVITIES)
    ]


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(tmp_path: Path) -> None:
    """The stored ``DEP-975`` equals the file's ``COM-975``: a second import is unchanged."""
    path = copy_with(tmp_path, eligibilite_geographique="COM-975|COM-988")
    run(path)
    assert "Créés : 0 ; mis à jour : 0 ; inchangés : 3 ; refusés : 0." in run(path)


@pytest.mark.django_db
def test_other_three_digit_commune_codes_are_still_refused(tmp_path: Path) -> None:
    """``COM-976`` (Mayotte is a department, not a collectivity) stays a malformed commune."""
    report = run(copy_with(tmp_path, eligibilite_geographique="COM-976"))
    assert "refusés : 1." in report
    assert "976 n'est pas un code de commune" in report
