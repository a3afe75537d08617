"""services.territories_load: bringing the database in line with the COG."""

from __future__ import annotations

import dataclasses

from guichet.territories.centres import Centres
from guichet.territories.cog import Source
from guichet.territories.models import Commune, Postcode
from guichet.territories.services import LoadReport, territories_load


def test_first_load_creates_current_communes_only(loaded: LoadReport) -> None:
    """Current communes are created; delegated communes and arrondissements are not."""
    assert loaded.communes.created == 9
    assert set(Commune.objects.values_list("code", flat=True)) == {
        "01015", "13001", "13055", "2A001", "2A004", "2A006", "2B033", "97411", "98735",
    }  # fmt: skip
    assert Commune.objects.get(code="01015").name == "Arboys en Bugey"
    assert not Commune.objects.filter(code__in=["13201", "01338"]).exists()


def test_second_load_changes_nothing(loaded: LoadReport, source: Source) -> None:
    """Loading the same source again creates, updates and deletes nothing."""
    again = territories_load(source=source)
    assert not again.changed
    assert again.communes.unchanged == 9
    assert again.regions.unchanged == 5
    assert again.departments.unchanged == 6
    assert again.postcodes.unchanged == loaded.postcodes.created


def test_second_load_without_centres_keeps_coordinates(loaded: LoadReport, source: Source) -> None:
    """A load without a centres file leaves the known coordinates alone."""
    territories_load(source=source)
    assert Commune.objects.get(code="2A004").latitude == 41.9347926638


def test_arrondissement_postcodes_belong_to_their_commune(loaded: LoadReport) -> None:
    """13016, listed only on Marseille's 16th arrondissement, serves Marseille 13055."""
    marseille = Commune.objects.get(code="13055")
    assert set(marseille.postcodes.values_list("code", flat=True)) == {"13001", "13002", "13016"}


def test_corsica_and_overseas_communes_have_their_department_and_region(
    loaded: LoadReport,
) -> None:
    """Ajaccio is in 2A and Corse; Saint-Denis in 974 and La Réunion; Papeete in 987."""
    ajaccio = Commune.objects.get(code="2A004")
    assert (ajaccio.department_id, ajaccio.region_id) == ("2A", "94")
    saint_denis = Commune.objects.get(code="97411")
    assert (saint_denis.department_id, saint_denis.region_id) == ("974", "04")
    assert saint_denis.population == 155634
    assert Commune.objects.get(code="98735").department_id == "987"


def test_centres_give_coordinates(loaded: LoadReport) -> None:
    """Communes listed in the centres file get their latitude and longitude."""
    marseille = Commune.objects.get(code="13055")
    assert (marseille.latitude, marseille.longitude) == (43.2999009436, 5.38227869795)
    assert loaded.centres_applied == 8
    assert loaded.without_coordinates == 1  # Papeete: the file has no centre for it


def test_changed_name_is_updated(loaded: LoadReport, source: Source) -> None:
    """A commune renamed in the COG is updated, the others counted unchanged."""
    source.communes = [
        dataclasses.replace(c, name="Bastia (nouveau nom)") if c.code == "2B033" else c
        for c in source.communes
    ]
    report = territories_load(source=source)
    assert (report.communes.updated, report.communes.unchanged) == (1, 8)
    assert Commune.objects.get(code="2B033").name == "Bastia (nouveau nom)"


def test_every_field_of_a_changed_commune_is_updated(loaded: LoadReport, source: Source) -> None:
    """Department, region, population and centre of a changed commune are all rewritten."""
    source.communes = [
        dataclasses.replace(c, department="2A", region="94", population=None)
        if c.code == "2B033"
        else c
        for c in source.communes
    ]
    centres = Centres(coordinates={"2B033": (42.7, 9.45)}, rows=1)
    report = territories_load(source=source, centres=centres)
    assert report.communes.updated == 1
    bastia = Commune.objects.get(code="2B033")
    assert (bastia.department_id, bastia.region_id, bastia.population) == ("2A", "94", None)
    assert (bastia.latitude, bastia.longitude) == (42.7, 9.45)
    assert Commune.objects.get(code="2A004").latitude == 41.9347926638


def test_vanished_commune_is_kept_and_reported(loaded: LoadReport, source: Source) -> None:
    """A commune gone from the COG stays (records may cite it), is reported, loses postcodes."""
    source.communes = [c for c in source.communes if c.code != "2A006"]
    report = territories_load(source=source)
    assert report.missing_communes == ["2A006"]
    assert Commune.objects.filter(code="2A006").exists()
    assert not Postcode.objects.filter(commune_id="2A006").exists()
    assert report.postcodes.deleted == 1


def test_postcode_removed_from_a_commune_is_deleted(loaded: LoadReport, source: Source) -> None:
    """A postcode the COG no longer gives a commune stops pointing to it."""
    source.communes = [
        dataclasses.replace(c, postcodes=("20000", "20090")) if c.code == "2A004" else c
        for c in source.communes
    ]
    report = territories_load(source=source)
    assert report.postcodes.deleted == 1
    assert not Postcode.objects.filter(code="20167", commune_id="2A004").exists()
