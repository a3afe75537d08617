"""``schemes_import``, dates: outside 1800-2100 the row is refused with line and column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from guichet.catalogue.models import Scheme

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schemes"
PRO = FIXTURES / "dispositifs-professionnels.csv"
MINIMAL_ID = "b7e2c4d1-0f3a-4c59-8e21-6d9a7f1b3c05"
MINIMAL_LINE = 11


def copy_with(tmp_path: Path, **cells: str) -> Path:
    """The professional fixture with some cells of its minimal row changed."""
    with PRO.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == MINIMAL_ID:
            row.update(cells)
    path = tmp_path / "dates.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(path: Path) -> str:
    out = io.StringIO()
    call_command("import-schemes", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("column", ["date_ouverture", "date_cloture", "date_mise_a_jour"])
@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01",
        "0001-01-01T00:00:00+01:00",
        "1799-12-31T23:59:59Z",
        "2101-01-01",
        "9999-12-31T23:59:59-05:00",
    ],
)
def test_date_outside_1800_2100_refuses_the_row(tmp_path: Path, column: str, value: str) -> None:
    """A date before 1800 or after 2100 refuses its row, naming line and column, no traceback."""
    report = run(copy_with(tmp_path, **{column: value}))
    assert "Créés : 2 ; mis à jour : 0 ; inchangés : 0 ; refusés : 1." in report
    assert (
        f"ligne {MINIMAL_LINE} (id {MINIMAL_ID}), colonne {column} : "
        f"date hors de la plage 1800-2100 (« {value} »)" in report
    )
    assert not Scheme.objects.filter(external_id=MINIMAL_ID).exists()


@pytest.mark.django_db
def test_dates_at_the_edges_of_the_range_are_imported(tmp_path: Path) -> None:
    """1800-01-01 and 2100-12-31 are inside the range and imported."""
    report = run(
        copy_with(
            tmp_path,
            date_ouverture="1800-01-01T00:00:00Z",
            date_cloture="2100-12-31",
        )
    )
    assert "Créés : 3" in report
    scheme = Scheme.objects.get(external_id=MINIMAL_ID)
    assert scheme.opens_at is not None and scheme.opens_at.year == 1800
    assert scheme.closes_at is not None and scheme.closes_at.date().isoformat() == "2100-12-31"
