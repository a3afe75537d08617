"""``guichet export-schemes``: a file the frictionless validator accepts, and what it reports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from frictionless import Resource, Schema

from guichet.catalogue.models import Scheme
from guichet.catalogue.schemes_io.spec import SCHEMAS_DIR
from guichet.catalogue.services import entry_create
from guichet.catalogue.workflow import Status
from guichet.organisations.tests.factories import OrganisationFactory

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schemes"
PRO = FIXTURES / "dispositifs-professionnels.csv"
CORSICA_ID = "3f1c9a52-7d2e-4b8a-9c61-0a4e2d5b8f17"
MINIMAL_ID = "b7e2c4d1-0f3a-4c59-8e21-6d9a7f1b3c05"
SCHEMAS = ["dispositif-aide", "dispositif-aide-professionnels"]


def validation_errors(path: Path, schema: str) -> list[tuple[int, str, str]]:
    """(row number, column, error type) for every error frictionless finds, header = row 1."""
    descriptor = json.loads((SCHEMAS_DIR / schema / "schema.json").read_text(encoding="utf-8"))
    resource = Resource(
        path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(descriptor)
    )
    return [
        tuple(error) for error in resource.validate().flatten(["rowNumber", "fieldName", "type"])
    ]


def export(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("export-schemes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def import_fixture(path: Path = PRO) -> None:
    call_command("import-schemes", str(path), stdout=io.StringIO())


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.django_db
@pytest.mark.parametrize("schema", SCHEMAS)
def test_export_validates_against_the_official_schema(tmp_path: Path, schema: str) -> None:
    """Without Corsican codes, the export passes the frictionless validator with no error."""
    import_fixture()
    Scheme.objects.filter(external_id=CORSICA_ID).delete()
    path = tmp_path / "export.csv"
    out, err = export("--schema", schema, "--output", str(path))
    assert validation_errors(path, schema) == []
    assert f"Export {schema} (v0.2.0) : 2 dispositifs écrits dans {path}." in out
    assert err == ""


@pytest.mark.django_db
@pytest.mark.parametrize("schema", SCHEMAS)
def test_only_corsican_codes_break_the_official_pattern(tmp_path: Path, schema: str) -> None:
    """With --include-nonconforming, the validator's only errors are the Corsican row's codes."""
    import_fixture()
    path = tmp_path / "export.csv"
    _out, err = export("--schema", schema, "--output", str(path), "--include-nonconforming")
    rows = read_rows(path)
    corsica_row = next(i for i, row in enumerate(rows) if row["id"] == CORSICA_ID) + 2
    assert rows[corsica_row - 2]["eligibilite_geographique_exclusions"] == "DEP-2B|COM-2A004"
    assert validation_errors(path, schema) == [
        (corsica_row, "eligibilite_geographique_exclusions", "constraint-error")
    ]
    assert (
        "Attention : 1 ligne contient des codes corses (2A/2B) que le motif du schéma officiel "
        "refuse ; les codes exacts sont écrits" in err
    )
    assert CORSICA_ID in err


@pytest.mark.django_db
def test_nonconforming_rows_are_left_out_by_default(tmp_path: Path) -> None:
    """By default the file validates with no exception and the rows left out are listed."""
    import_fixture()
    path = tmp_path / "export.csv"
    out, err = export("--schema", "dispositif-aide-professionnels", "--output", str(path))
    assert validation_errors(path, "dispositif-aide-professionnels") == []
    assert CORSICA_ID not in {row["id"] for row in read_rows(path)}
    assert "2 dispositifs écrits" in out
    assert "1 dispositif non conforme laissé hors du fichier" in out
    assert f"laissées hors du fichier : {CORSICA_ID}" in err


@pytest.mark.django_db
@pytest.mark.parametrize("schema", SCHEMAS)
def test_columns_are_exactly_the_schema_fields(tmp_path: Path, schema: str) -> None:
    """The header is the schema's field names, in the schema's order, and nothing else."""
    path = tmp_path / "vide.csv"
    export("--schema", schema, "--output", str(path))
    descriptor = json.loads((SCHEMAS_DIR / schema / "schema.json").read_text(encoding="utf-8"))
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == [field["name"] for field in descriptor["fields"]]


@pytest.mark.django_db
def test_without_output_the_csv_goes_to_standard_output() -> None:
    """Without --output the CSV is on standard output and the summary on standard error."""
    import_fixture()
    out, err = export("--schema", "dispositif-aide", "--include-nonconforming")
    assert out.startswith("id,titre,promesse,description,")
    assert len(list(csv.DictReader(io.StringIO(out, newline="")))) == 3
    assert "3 dispositifs écrits dans la sortie standard" in err


@pytest.mark.django_db
def test_only_published_real_schemes_unless_all_statuses() -> None:
    """Drafts and archived schemes are left out unless --all-statuses; synthetic ones always."""
    import_fixture()
    Scheme.objects.filter(external_id=CORSICA_ID).update(status=Status.ARCHIVED)
    Scheme.objects.filter(external_id=MINIMAL_ID).update(is_synthetic=True)
    out, _err = export("--schema", "dispositif-aide", "--include-nonconforming")
    assert len(list(csv.DictReader(io.StringIO(out, newline="")))) == 1
    out, _err = export("--schema", "dispositif-aide", "--all-statuses", "--include-nonconforming")
    assert len(list(csv.DictReader(io.StringIO(out, newline="")))) == 2


@pytest.mark.django_db
def test_scheme_created_on_the_platform_gets_computed_values(tmp_path: Path) -> None:
    """A scheme made on the platform gets a UUID, its owner as carrier and its last change
    date; what no default can supply (audiences, territories) is reported as non-conforming."""
    owner = OrganisationFactory.create(name="Région Sud", siren="130007669")
    scheme = entry_create(
        actor=None,
        model=Scheme,
        owner=owner,
        data={"title": "Chèque IA", "description": "Un chèque.", "eligibility_text": "TPE."},
    )
    Scheme.objects.filter(pk=scheme.pk).update(status=Status.PUBLISHED)
    path = tmp_path / "export.csv"
    _out, err = export(
        "--schema", "dispositif-aide", "--output", str(path), "--include-nonconforming"
    )
    (row,) = read_rows(path)
    assert row["id"] == scheme.external_id
    assert json.loads(row["porteurs"]) == [{"nom": "Région Sud", "siren": "130007669", "roles": []}]
    assert row["date_mise_a_jour"].endswith("Z")
    assert "porteurs = organisation propriétaire de la fiche" in err
    assert "colonne cibles (valeur obligatoire dans le schéma officiel)" in err
    assert {error[1] for error in validation_errors(path, "dispositif-aide")} == {
        "types_aides",
        "cibles",
        "eligibilite_geographique",
    }


@pytest.mark.django_db
def test_scheme_lacking_required_values_is_left_out_with_the_reason(tmp_path: Path) -> None:
    """By default a scheme without audiences or territories is not written, and stderr says
    which column is missing; the file still validates."""
    owner = OrganisationFactory.create(name="Région Sud")
    scheme = entry_create(
        actor=None,
        model=Scheme,
        owner=owner,
        data={"title": "Chèque IA", "description": "Un chèque.", "eligibility_text": "TPE."},
    )
    Scheme.objects.filter(pk=scheme.pk).update(status=Status.PUBLISHED)
    path = tmp_path / "export.csv"
    out, err = export("--schema", "dispositif-aide", "--output", str(path))
    assert read_rows(path) == []
    assert validation_errors(path, "dispositif-aide") == []
    assert "0 dispositif écrit" in out
    assert "1 dispositif non conforme laissé hors du fichier" in out
    assert (
        "colonne cibles (valeur obligatoire dans le schéma officiel) ; laissées hors du fichier : "
        f"{scheme.external_id}" in err
    )


@pytest.mark.django_db
def test_long_description_is_left_out_unless_included(tmp_path: Path) -> None:
    """A description over 5,000 characters (kept whole at import) makes its row
    non-conforming: left out by default, written whole with --include-nonconforming."""
    import_fixture()
    Scheme.objects.filter(external_id=CORSICA_ID).delete()
    Scheme.objects.filter(external_id=MINIMAL_ID).update(description="x" * 5001)
    path = tmp_path / "export.csv"
    _out, err = export("--schema", "dispositif-aide", "--output", str(path))
    assert MINIMAL_ID not in {row["id"] for row in read_rows(path)}
    assert validation_errors(path, "dispositif-aide") == []
    assert "colonne description (plus de 5000 caractères)" in err
    export("--schema", "dispositif-aide", "--output", str(path), "--include-nonconforming")
    rows = {row["id"]: row for row in read_rows(path)}
    assert rows[MINIMAL_ID]["description"] == "x" * 5001


@pytest.mark.django_db
def test_unwritable_output_fails_in_french(tmp_path: Path) -> None:
    """An output path that cannot be written stops the command with a French message."""
    with pytest.raises(CommandError, match=r"Impossible d'écrire"):
        export("--schema", "dispositif-aide", "--output", str(tmp_path / "absent" / "x.csv"))
