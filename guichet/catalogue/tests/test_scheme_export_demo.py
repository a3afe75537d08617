"""The demo's own schemes (``guichet load-demo``) all conform, export whole and import back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from frictionless import Resource, Schema

from guichet.catalogue.models import Scheme
from guichet.catalogue.tests.test_scheme_export_command import export, read_rows
from guichet.catalogue.workflow import Status
from guichet.demo import data

SCHEMAS = ["dispositif-aide", "dispositif-aide-professionnels"]
# The official schemas as published (test fixtures), not the copies the export reads.
ETALAB = Path(__file__).resolve().parent / "fixtures" / "etalab"

pytestmark = pytest.mark.django_db


def official_errors(path: Path, schema: str) -> list[tuple[int, str, str]]:
    """(row, column, error type) for every error frictionless finds against etalab's schema."""
    descriptor = json.loads((ETALAB / schema / "schema.json").read_text(encoding="utf-8"))
    resource = Resource(
        path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(descriptor)
    )
    return [
        tuple(error) for error in resource.validate().flatten(["rowNumber", "fieldName", "type"])
    ]


def import_file(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import-schemes", str(path), *args, stdout=out)
    return out.getvalue()


def demo_export(tmp_path: Path, schema: str, *args: str) -> tuple[Path, str, str]:
    path = tmp_path / f"{schema}.csv"
    out, err = export("--schema", schema, "--output", str(path), *args)
    return path, out, err


@pytest.fixture
def demo() -> None:
    """The demo's facts and its fictional examples, as ``make demo`` loads them."""
    call_command("load-demo", stdout=io.StringIO())


@pytest.mark.parametrize("schema", SCHEMAS)
def test_every_demo_scheme_is_exported_and_valid(demo: None, tmp_path: Path, schema: str) -> None:
    """Each demo scheme is in the export, none is left out, and frictionless finds no error."""
    path, out, err = demo_export(tmp_path, schema)
    assert official_errors(path, schema) == []
    exported = {row["titre"] for row in read_rows(path)}
    assert exported == {record["title"] for record in data.read("schemes")}
    assert "laissé" not in out, out
    assert "Attention" not in err, err


@pytest.mark.parametrize("schema", SCHEMAS)
def test_demo_export_imports_into_a_fresh_catalogue(
    demo: None, tmp_path: Path, schema: str
) -> None:
    """The demo's export, imported where its schemes are gone, creates them all, refusing none."""
    path, _out, _err = demo_export(tmp_path, schema)
    count = len(read_rows(path))
    Scheme.objects.all().delete()
    report = import_file(path)
    assert f"Créés : {count} ; mis à jour : 0 ; inchangés : 0 ; refusés : 0." in report
    assert Scheme.objects.filter(status=Status.PUBLISHED).count() == count
    horizon = Scheme.objects.get(title__contains="cluster 4")
    assert horizon.eligibility_text.startswith("Projets de recherche et d'innovation")
    if schema == "dispositif-aide-professionnels":
        assert horizon.activity_sectors == ["numérique", "industrie", "espace"]


def test_demo_export_dry_run_refuses_nothing(demo: None, tmp_path: Path) -> None:
    """Importing the demo's export back over the demo (dry run) refuses no row."""
    path, _out, _err = demo_export(tmp_path, "dispositif-aide-professionnels")
    report = import_file(path, "--dry-run")
    assert "refusés : 0." in report
    assert "Créés : 0 ;" in report


def _example_scheme() -> Scheme:
    """A demo scheme turned into an example (the demo's examples hold no scheme yet)."""
    scheme = Scheme.objects.get(slug="mon-assistant-ia")
    scheme.is_example = True
    scheme.save(update_fields=["is_example"])
    return scheme


@pytest.mark.parametrize("schema", SCHEMAS)
def test_example_schemes_are_left_out_with_the_reason(
    demo: None, tmp_path: Path, schema: str
) -> None:
    """An example scheme is not in the official file and standard error says why."""
    example = _example_scheme()
    path, out, err = demo_export(tmp_path, schema)
    assert example.external_id not in {row["id"] for row in read_rows(path)}
    assert "1 exemple de démonstration laissé hors du fichier (--include-examples" in out
    assert (
        "Exemple de démonstration : 1 dispositif fictif laissé hors du fichier : "
        f"{example.external_id}." in err
    )
    assert official_errors(path, schema) == []


def test_included_example_is_marked_in_its_title(demo: None, tmp_path: Path) -> None:
    """With --include-examples, the example's title ends in « (exemple) »; the file stays valid."""
    example = _example_scheme()
    path, out, err = demo_export(tmp_path, "dispositif-aide", "--include-examples")
    row = next(row for row in read_rows(path) if row["id"] == example.external_id)
    assert row["titre"] == "Mon assistant IA (exemple)"
    assert "1 dispositif fictif écrit, « (exemple) » à la fin du titre" in err
    assert "laissé" not in out
    assert official_errors(path, "dispositif-aide") == []


def test_example_title_already_marked_is_not_marked_twice(demo: None, tmp_path: Path) -> None:
    """A title already ending in « (exemple) », as the demo's examples do, is written as is."""
    example = _example_scheme()
    example.title = "Chèque IA des commerçants (exemple)"
    example.save(update_fields=["title"])
    path, _out, _err = demo_export(tmp_path, "dispositif-aide", "--include-examples")
    titles = {row["titre"] for row in read_rows(path)}
    assert "Chèque IA des commerçants (exemple)" in titles
