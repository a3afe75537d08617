"""Loading the real COG package, when it is installed, gives plausible counts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from guichet.territories.models import Commune, Postcode
from guichet.territories.reference import DATA_DIR
from guichet.territories.selectors import PlaceStatus, resolve_place

from .conftest import PACKAGE_DATA

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not PACKAGE_DATA.is_dir(), reason=f"{PACKAGE_DATA} is absent (run npm ci to install it)"
    ),
]
# The centres file the project ships (the same as the shared reference copy).
CENTRES = DATA_DIR / "communes-centres.csv"


def test_whole_package_loads_every_current_commune() -> None:
    """More than 34,000 communes and their postcodes; Marseille's postcodes resolve to it."""
    out = StringIO()
    call_command("load-territories", "--source", str(PACKAGE_DATA), stdout=out, stderr=out)
    assert Commune.objects.count() > 34_000
    assert Postcode.objects.values("code").distinct().count() > 6_000
    place = resolve_place("13001")
    assert place.status == PlaceStatus.FOUND
    assert place.commune is not None and place.commune.code == "13055"
    assert resolve_place("75108").commune == Commune.objects.get(code="75056")


def test_whole_package_with_reference_centres() -> None:
    """With the reference centres, nearly every commune gets coordinates, no row is rejected."""
    out, err = StringIO(), StringIO()
    call_command(
        "load-territories",
        "--source",
        str(PACKAGE_DATA),
        "--centres",
        str(CENTRES),
        stdout=out,
        stderr=err,
    )
    assert err.getvalue() == ""
    assert Commune.objects.filter(latitude__isnull=True).count() < 1_000
