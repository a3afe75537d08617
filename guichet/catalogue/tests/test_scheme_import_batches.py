"""``schemes_import`` in short transactions: the same report whatever the batches, and a
dry run that sends no write to the database."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from guichet.audit.models import AuditEntry
from guichet.catalogue.models import Scheme
from guichet.catalogue.schemes_io import services
from guichet.organisations.models import Organisation

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schemes"
PRO = FIXTURES / "dispositifs-professionnels.csv"
EXAMPLE_ID = "65d5b6c7-102c-4440-ac3b-768f708edc0a"
CORSICA_ID = "3f1c9a52-7d2e-4b8a-9c61-0a4e2d5b8f17"
# Statements that write, or open the transactions and savepoints writes happen in.
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "SAVEPOINT", "BEGIN", "CREATE", "DROP")


def copy_with(tmp_path: Path, row_id: str, **cells: str) -> Path:
    with PRO.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == row_id:
            row.update(cells)
    path = tmp_path / "copie.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import-schemes", *args, stdout=out)
    return out.getvalue()


def stored() -> list[tuple[str | None, str, str]]:
    return sorted(Scheme.objects.values_list("external_id", "title", "status"))


@pytest.mark.django_db
def test_one_row_per_transaction_gives_the_same_report_and_schemes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of one row give the same report and the same schemes as one batch."""
    path = copy_with(tmp_path, CORSICA_ID, date_ouverture="05/01/2026")
    with transaction.atomic():
        whole = run(str(path)), stored(), AuditEntry.objects.count()
        transaction.set_rollback(True)
    monkeypatch.setattr(services, "BATCH_SIZE", 1)
    monkeypatch.setattr(services, "BATCH_SECONDS", 0.0)
    monkeypatch.setattr(services, "SQLITE_PAUSE_SECONDS", 0.0)
    assert (run(str(path)), stored(), AuditEntry.objects.count()) == whole
    assert "Créés : 2 ; mis à jour : 0 ; inchangés : 0 ; refusés : 1." in whole[0]
    assert "Créés : 0 ; mis à jour : 0 ; inchangés : 2 ; refusés : 1." in run(str(path))


@pytest.mark.django_db
def test_dry_run_sends_no_write_statement() -> None:
    """--dry-run sends no INSERT, UPDATE, DELETE, and opens no transaction or savepoint."""
    with CaptureQueriesContext(connection) as queries:
        report = run(str(PRO), "--dry-run")
    assert "Créés : 3" in report
    assert [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)] == []


@pytest.mark.django_db
def test_dry_run_of_updates_reports_them_and_changes_nothing(tmp_path: Path) -> None:
    """A dry run over stored schemes counts the updates, and no scheme or audit entry moves."""
    run(str(PRO))
    before = stored(), AuditEntry.objects.count(), Organisation.objects.count()
    with CaptureQueriesContext(connection) as queries:
        report = run(str(copy_with(tmp_path, EXAMPLE_ID, titre="Nouveau titre")), "--dry-run")
    assert "Créés : 0 ; mis à jour : 1 ; inchangés : 2 ; refusés : 0." in report
    assert (stored(), AuditEntry.objects.count(), Organisation.objects.count()) == before
    assert [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)] == []


@pytest.mark.django_db
def test_dry_run_reports_exactly_what_the_import_then_does(tmp_path: Path) -> None:
    """A dry run gives the real import's report: counts, refusals, warnings, organisations."""
    path = copy_with(tmp_path, CORSICA_ID, date_cloture="0001-01-01")
    dry = run(str(path), "--dry-run")
    real = run(str(path))
    assert "refusés : 1." in real
    assert "Organisations propriétaires créées" in real
    assert dry.replace("Simulation (--dry-run) : rien n'a été enregistré.\n", "") == real
