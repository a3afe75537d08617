"""Fixtures of the registration tests."""

from __future__ import annotations

import pytest

from guichet.territories.models import Commune, Postcode


@pytest.fixture
def digne(db: None) -> Commune:
    """Digne-les-Bains, the one commune of postcode 04000."""
    commune = Commune.objects.create(
        code="04070", name="Digne-les-Bains", department_id="04", region_id="93"
    )
    Postcode.objects.create(code="04000", commune=commune)
    return commune
