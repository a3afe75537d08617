"""``import-schemes`` and spreadsheet formulas: no organisation and no aid type is ever created
from a name beginning like a formula; free text is kept as written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from guichet.catalogue.models import AidType, Scheme
from guichet.organisations.models import Organisation
from guichet.organisations.tests.factories import OrganisationFactory

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schemes"
PRO = FIXTURES / "dispositifs-professionnels.csv"
MINIMAL_ID = "b7e2c4d1-0f3a-4c59-8e21-6d9a7f1b3c05"
MINIMAL_LINE = 11
FORMULA_NAMES = [
    '=HYPERLINK("https://exemple.invalid";"Région")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(A1)",
    "\t=A1",
    "\r=A1",
]


def copy_with(tmp_path: Path, **cells: str) -> Path:
    with PRO.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == MINIMAL_ID:
            row.update(cells)
    path = tmp_path / "formules.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _json(carrier: dict[str, object]) -> str:
    return json.dumps([carrier], ensure_ascii=False)


def run(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import-schemes", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
@pytest.mark.parametrize("name", FORMULA_NAMES)
def test_carrier_named_like_a_formula_creates_no_organisation(
    tmp_path: Path, name: str, dry_run: bool
) -> None:
    """A first carrier named « =… », « +… », « -… », « @… » (after a tab or not) refuses its
    row with line and column porteurs, and no organisation of that name is created."""
    path = copy_with(tmp_path, porteurs=_json({"nom": name, "roles": ["financeur"]}))
    report = run(path, *(["--dry-run"] if dry_run else []))
    assert "Créés : 2 ; mis à jour : 0 ; inchangés : 0 ; refusés : 1." in report
    assert f"ligne {MINIMAL_LINE} (id {MINIMAL_ID}), colonne porteurs : " in report
    assert "comme une formule de tableur : aucune organisation n'est créée" in report
    stripped = name.strip()
    assert not Organisation.objects.filter(name=stripped).exists()
    assert not Scheme.objects.filter(external_id=MINIMAL_ID).exists()


@pytest.mark.django_db
def test_formula_carrier_with_an_owner_is_imported_and_kept(tmp_path: Path) -> None:
    """With --owner no organisation is needed: the row is imported, the carrier kept as data."""
    OrganisationFactory.create(name="Région Sud", slug="region-sud")
    name = FORMULA_NAMES[0]
    report = run(
        copy_with(tmp_path, porteurs=_json({"nom": name, "roles": ["financeur"]})),
        "--owner",
        "region-sud",
    )
    assert "Créés : 3" in report
    scheme = Scheme.objects.get(external_id=MINIMAL_ID)
    assert scheme.owner.slug == "region-sud"
    assert scheme.carriers[0]["nom"] == name
    assert not Organisation.objects.filter(name=name).exists()


@pytest.mark.django_db
def test_formula_carrier_with_the_siren_of_an_organisation_joins_it(tmp_path: Path) -> None:
    """A formula-like name with the SIREN of a known organisation goes to that organisation."""
    region = OrganisationFactory.create(name="Région Sud", siren="130007669")
    report = run(
        copy_with(
            tmp_path,
            porteurs=_json({"nom": "@Région", "siren": "130007669", "roles": ["financeur"]}),
        )
    )
    assert "Créés : 3" in report
    assert Scheme.objects.get(external_id=MINIMAL_ID).owner == region
    assert not Organisation.objects.filter(name="@Région").exists()


@pytest.mark.django_db
def test_new_aid_type_named_like_a_formula_is_refused(tmp_path: Path) -> None:
    """An unknown aid type « =cmd » refuses its row, naming types_aides; none is added."""
    report = run(copy_with(tmp_path, types_aides="accompagnement|=cmd"))
    assert f"ligne {MINIMAL_LINE} (id {MINIMAL_ID}), colonne types_aides : " in report
    assert "refusés : 1." in report
    assert not AidType.objects.filter(code="=cmd").exists()


@pytest.mark.django_db
def test_free_text_beginning_like_a_formula_is_kept_as_written(tmp_path: Path) -> None:
    """Titles and descriptions keep their text: they are escaped on export and in HTML."""
    run(copy_with(tmp_path, titre="=1+1 : titre", description="@description"))
    scheme = Scheme.objects.get(external_id=MINIMAL_ID)
    assert (scheme.title, scheme.description) == ("=1+1 : titre", "@description")
