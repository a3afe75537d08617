"""The demo's own schemes (``guichet load-demo``) export without refusal and import back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from guichet.catalogue.models import Scheme
from guichet.catalogue.tests.test_scheme_export_command import (
    export,
    read_rows,
    validation_errors,
)
from guichet.catalogue.workflow import Status

SCHEMAS = ["dispositif-aide", "dispositif-aide-professionnels"]


@pytest.mark.django_db
@pytest.mark.parametrize("schema", SCHEMAS)
def test_demo_schemes_export_valid_and_import_back(tmp_path: Path, schema: str) -> None:
    """The demo's export validates, and importing it back refuses nothing and creates nothing
    (the computed date_mise_a_jour is then stored: an update, not a change of content)."""
    call_command("load-demo", stdout=io.StringIO())
    path = tmp_path / "demo.csv"
    _out, err = export("--schema", schema, "--output", str(path))
    assert validation_errors(path, schema) == []
    # The demo lacks ciblage_secteur_activite, required by the professionals' schema.
    assert read_rows(path) or schema == "dispositif-aide-professionnels", err
    report = io.StringIO()
    call_command("import-schemes", str(path), stdout=report)
    assert "Créés : 0 ;" in report.getvalue()
    assert "refusés : 0." in report.getvalue()


@pytest.mark.django_db
def test_every_demo_scheme_has_aid_types_and_audiences() -> None:
    """No published demo scheme is left out of the export for lack of types_aides or cibles."""
    call_command("load-demo", stdout=io.StringIO())
    _out, err = export("--schema", "dispositif-aide", "--output", "/dev/null")
    assert Scheme.objects.filter(status=Status.PUBLISHED, is_synthetic=False).exists()
    assert "colonne types_aides" not in err
    assert "colonne cibles" not in err
