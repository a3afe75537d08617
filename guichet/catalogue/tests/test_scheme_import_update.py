"""``schemes_import`` on schemes already there: update by id, idempotence, audit journal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from guichet.audit.models import AuditEntry
from guichet.catalogue.models import Scheme
from guichet.catalogue.workflow import Status
from guichet.organisations.tests.factories import OrganisationFactory

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schemes"
PRO = FIXTURES / "dispositifs-professionnels.csv"
EXAMPLE_ID = "65d5b6c7-102c-4440-ac3b-768f708edc0a"
CORSICA_ID = "3f1c9a52-7d2e-4b8a-9c61-0a4e2d5b8f17"
MINIMAL_ID = "b7e2c4d1-0f3a-4c59-8e21-6d9a7f1b3c05"


def edited_copy(tmp_path: Path, row_id: str, **cells: str) -> Path:
    with PRO.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == row_id:
            row.update(cells)
    path = tmp_path / "modifie.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(path: Path) -> str:
    out = io.StringIO()
    call_command("import-schemes", str(path), stdout=out)
    return out.getvalue()


def imports_of(scheme: Scheme) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_id=str(scheme.pk), action="import").order_by("id"))


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing() -> None:
    """A second import of the same file reports every row unchanged and writes nothing."""
    run(PRO)
    before = list(Scheme.objects.order_by("pk").values())
    journal = AuditEntry.objects.count()
    report = run(PRO)
    assert "Créés : 0 ; mis à jour : 0 ; inchangés : 3 ; refusés : 0." in report
    assert "Aucun changement : tous les dispositifs du fichier sont inchangés." in report
    assert list(Scheme.objects.order_by("pk").values()) == before
    assert AuditEntry.objects.count() == journal


@pytest.mark.django_db
def test_import_is_audited_as_the_system() -> None:
    """Each created scheme has one audit entry "import" by the system, naming file and line."""
    run(PRO)
    corsica = Scheme.objects.get(external_id=CORSICA_ID)
    (entry,) = imports_of(corsica)
    assert entry.actor is None
    assert entry.actor_repr == "système"
    assert entry.comment == (
        "Import du fichier dispositifs-professionnels.csv (schéma dispositif-aide-professionnels),"
        " ligne 8."
    )
    assert entry.changes["geo_included"]["new"] == ["REG-94"]
    assert corsica.status == Status.PUBLISHED
    assert corsica.published_at is not None


@pytest.mark.django_db
def test_update_by_id_changes_the_right_scheme_and_is_audited(tmp_path: Path) -> None:
    """A changed row updates the scheme with its id only, audited field by field."""
    run(PRO)
    other = Scheme.objects.get(external_id=EXAMPLE_ID)
    other_before = Scheme.objects.filter(pk=other.pk).values().get()
    report = run(
        edited_copy(
            tmp_path,
            CORSICA_ID,
            titre="Diagnostic IA des entreprises corses",
            eligibilite_geographique_exclusions="DEP-2B",
        )
    )
    assert "Créés : 0 ; mis à jour : 1 ; inchangés : 2 ; refusés : 0." in report
    corsica = Scheme.objects.get(external_id=CORSICA_ID)
    assert corsica.title == "Diagnostic IA des entreprises corses"
    assert list(corsica.territories.filter(excluded=True).values_list("code", flat=True)) == [
        "DEP-2B"
    ]
    assert Scheme.objects.filter(pk=other.pk).values().get() == other_before
    update = imports_of(corsica)[-1]
    assert set(update.changes) == {"title", "geo_excluded"}
    assert update.changes["title"] == {
        "label": "titre",
        "old": "Diagnostic IA pour les entreprises de Corse",
        "new": "Diagnostic IA des entreprises corses",
    }
    assert update.changes["geo_excluded"]["old"] == ["DEP-2B", "COM-2A004"]
    assert update.actor is None


@pytest.mark.django_db
def test_update_keeps_state_owner_and_slug(tmp_path: Path) -> None:
    """An update does not republish an archived scheme nor change its owner or address."""
    run(PRO)
    region = OrganisationFactory.create(name="Région Sud")
    Scheme.objects.filter(external_id=MINIMAL_ID).update(
        status=Status.ARCHIVED, owner=region, slug="accompagnement-ia"
    )
    run(edited_copy(tmp_path, MINIMAL_ID, titre="Nouveau titre"))
    scheme = Scheme.objects.get(external_id=MINIMAL_ID)
    assert (scheme.title, scheme.status, scheme.owner, scheme.slug) == (
        "Nouveau titre",
        Status.ARCHIVED,
        region,
        "accompagnement-ia",
    )


@pytest.mark.django_db
def test_base_schema_file_leaves_professional_fields_alone() -> None:
    """Importing the dispositif-aide file after the professional one keeps headcounts and NAF."""
    run(PRO)
    run(FIXTURES / "dispositifs.csv")
    example = Scheme.objects.get(external_id=EXAMPLE_ID)
    assert (example.headcount_min, example.headcount_max) == (10, 249)
    assert example.naf_included == ["A", "B", "C", "55", "56.1", "74.10", "10.11Z"]


@pytest.mark.django_db
def test_emptied_optional_cell_clears_the_field(tmp_path: Path) -> None:
    """The file is authoritative for its columns: an emptied optional cell clears the field."""
    run(PRO)
    report = run(edited_copy(tmp_path, EXAMPLE_ID, eligibilite_effectif_minimal="", promesse=""))
    assert "mis à jour : 1" in report
    example = Scheme.objects.get(external_id=EXAMPLE_ID)
    assert (example.headcount_min, example.promise) == (None, "")
