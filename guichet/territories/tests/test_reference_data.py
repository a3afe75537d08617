"""Regions and departments are always present, from the committed files and migration 0002."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from guichet.territories.cog import read_source
from guichet.territories.models import Department, Region
from guichet.territories.reference import reference_differs

from .conftest import PACKAGE_DATA

pytestmark = pytest.mark.django_db


def test_every_region_and_department_exists_after_migrating() -> None:
    """A fresh database knows the 18 regions, 101 departments and the overseas collectivities."""
    assert Region.objects.count() == 26
    assert Department.objects.count() == 109
    assert Region.objects.filter(code__regex=r"^\d\d$").count() == 18
    assert Department.objects.filter(region__code__regex=r"^\d\d$").count() == 101


def test_corsica_has_two_departments() -> None:
    """Corsica (region 94) is made of Corse-du-Sud 2A and Haute-Corse 2B."""
    corse = Region.objects.get(code="94")
    assert set(corse.departments.values_list("code", flat=True)) == {"2A", "2B"}
    assert corse.chef_lieu == "2A004"


def test_overseas_departments_and_regions() -> None:
    """The five overseas departments 971 to 976 each form their own region."""
    overseas = Department.objects.filter(code__in=["971", "972", "973", "974", "976"])
    assert {(d.code, d.region_id) for d in overseas} == {
        ("971", "01"), ("972", "02"), ("973", "03"), ("974", "04"), ("976", "06"),
    }  # fmt: skip


def test_overseas_collectivities_are_their_own_department_and_region() -> None:
    """As in the package, each collectivité d'outre-mer is a department and a region of one code."""
    codes = ["975", "977", "978", "984", "986", "987", "988", "989"]
    for code in codes:
        assert Department.objects.get(code=code).region_id == code
    assert Region.objects.get(code="987").name == "Polynésie française"


def test_migration_can_run_again_without_duplicating() -> None:
    """Running the data migration on a loaded database changes and duplicates nothing."""
    migration = importlib.import_module(
        "guichet.territories.migrations.0002_load_regions_and_departments"
    )
    Region.objects.filter(code="93").update(name="Ancien nom")
    migration.load(apps, None)
    assert Region.objects.count() == 26
    assert Department.objects.count() == 109
    assert Region.objects.get(code="93").name == "Provence-Alpes-Côte d'Azur"


@pytest.mark.skipif(
    not PACKAGE_DATA.is_dir(), reason=f"{PACKAGE_DATA} is absent (run npm ci to install it)"
)
def test_committed_files_match_the_installed_package() -> None:
    """The files under data/ are those the installed @etalab/decoupage-administratif gives."""
    assert reference_differs(read_source(PACKAGE_DATA)) == []
