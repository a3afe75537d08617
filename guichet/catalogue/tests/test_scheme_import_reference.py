"""The official example files of etalab/schema-dispositif-aide import as published schemes."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from guichet.catalogue.models import Scheme
from guichet.catalogue.workflow import Status

# Copies of the official files (Licence Ouverte 2.0), see fixtures/etalab/README.md.
REFERENCE = Path(__file__).resolve().parent / "fixtures" / "etalab"
EXAMPLE_ID = "65d5b6c7-102c-4440-ac3b-768f708edc0a"
MOMENT = datetime.datetime(2025, 10, 15, 15, 0, tzinfo=datetime.UTC)


def run(schema: str) -> str:
    out = io.StringIO()
    call_command("import-schemes", str(REFERENCE / schema / "exemple.csv"), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_base_example_imports_without_refusal_or_warning() -> None:
    """dispositif-aide/exemple.csv: one scheme created and published, nothing refused."""
    report = run("dispositif-aide")
    assert report.splitlines()[:3] == [
        "Fichier exemple.csv : schéma dispositif-aide (v0.2.0), 1 ligne de données.",
        "Créés : 1 ; mis à jour : 0 ; inchangés : 0 ; refusés : 0.",
        "Organisations propriétaires créées (rôle financeur) : ADEME.",
    ]
    assert "Avertissements" not in report
    scheme = Scheme.objects.get(external_id=EXAMPLE_ID)
    assert scheme.status == Status.PUBLISHED
    assert scheme.title == "Accélérateur décarbonation"
    assert scheme.carriers == [
        {"nom": "ADEME", "siren": "385290309", "roles": ["instructeur"]},
        {"nom": "BPIFRANCE (BPIFRANCE)", "siren": "320252489", "roles": ["financeur"]},
    ]
    assert scheme.parent_programmes == ["Fonds Chaleur", "Fonds vert 2024"]
    assert sorted(scheme.aid_types.values_list("code", flat=True)) == [
        "financement",
        "information",
    ]
    assert sorted(scheme.territories.values_list("code", "excluded")) == [
        ("COM-83141", True),
        ("DEP-01", True),
        ("PAYS-99100", False),
        ("REG-84", True),
    ]
    assert (scheme.opens_at, scheme.closes_at, scheme.source_updated_at) == (MOMENT,) * 3
    assert scheme.eligibility_text.count("\n") == 5
    assert scheme.owner.name == "ADEME"
    assert scheme.owner.siren == "385290309"


@pytest.mark.django_db
def test_professional_example_imports_its_extra_columns() -> None:
    """dispositif-aide-professionnels/exemple.csv: headcounts, sizes, legal forms, NAF, basis."""
    report = run("dispositif-aide-professionnels")
    assert "Créés : 1 ; mis à jour : 0 ; inchangés : 0 ; refusés : 0." in report
    assert "Avertissements" not in report
    scheme = Scheme.objects.get(external_id=EXAMPLE_ID)
    assert scheme.legal_basis == [
        {"libelle": "Arrêté n° 123456", "lien": "https://www.legifrance.fr/arrete-123456"},
        {"libelle": "Règlement de minimis", "lien": "https://europa.eu/reglement-de-minimis"},
    ]
    assert (scheme.headcount_min, scheme.headcount_max, scheme.min_years_existence) == (10, 249, 2)
    assert scheme.size_categories == ["MIC", "PME", "ETI", "GE"]
    assert scheme.legal_forms_excluded == ["Microentrepreneur", "EI"]
    assert scheme.activity_sectors == ["agriculture", "IAA", "services"]
    assert scheme.naf_excluded == ["A", "B", "C", "55", "56.1", "74.10", "10.11Z"]
    assert scheme.payment_chaining == "DSP000123"


@pytest.mark.django_db
def test_both_examples_describe_one_scheme() -> None:
    """The two examples share their id: the second import updates the first scheme."""
    run("dispositif-aide")
    report = run("dispositif-aide-professionnels")
    assert "Créés : 0 ; mis à jour : 1 ; inchangés : 0 ; refusés : 0." in report
    assert run("dispositif-aide-professionnels").count("inchangés : 1") == 1
    assert Scheme.objects.count() == 1
