from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from guichet.territories.models import Commune

# The communes the demo data names: Grenoble, Biot, Cannes, Marseille.
DEMO_COMMUNES = [
    ("38185", "Grenoble", "38", "84"),
    ("06018", "Biot", "06", "93"),
    ("06029", "Cannes", "06", "93"),
    ("13055", "Marseille", "13", "93"),
]


@pytest.fixture
def demo_communes(db: None) -> None:
    for code, name, department, region in DEMO_COMMUNES:
        Commune.objects.create(code=code, name=name, department_id=department, region_id=region)


@pytest.fixture
def demo_loaded(demo_communes: None) -> str:
    """The demo's facts loaded once, with its accounts; the command's output."""
    out = StringIO()
    call_command("load-demo", "--with-accounts", "--without-examples", stdout=out)
    return out.getvalue()
