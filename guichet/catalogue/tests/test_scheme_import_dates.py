"""``schemes_import``, dates: outside 1800-2100 the row is refused with line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.catalogue.models import Scheme
from guichet.catalogue.tests.test_scheme_import_rows import MINIMAL_ID, broken_copy, run

MINIMAL_LINE = 11


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
    report = run(broken_copy(tmp_path, MINIMAL_ID, **{column: value}))
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
        broken_copy(
            tmp_path,
            MINIMAL_ID,
            date_ouverture="1800-01-01T00:00:00Z",
            date_cloture="2100-12-31",
        )
    )
    assert "Créés : 3" in report
    scheme = Scheme.objects.get(external_id=MINIMAL_ID)
    assert scheme.opens_at is not None and scheme.opens_at.year == 1800
    assert scheme.closes_at is not None and scheme.closes_at.date().isoformat() == "2100-12-31"
