"""The demo data loads once, owners before entries, and a second load duplicates nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from guichet.accounts.models import User
from guichet.audit.models import AuditEntry
from guichet.catalogue.models import Event, Place, Scheme, Solution, Training
from guichet.demo import data
from guichet.demo.services import demo_load
from guichet.organisations.models import Organisation

pytestmark = pytest.mark.django_db

CATALOGUE = [Solution, Training, Scheme, Event, Place]


def _counts() -> list[int]:
    return [Organisation.objects.count(), User.objects.count(), AuditEntry.objects.count()] + [
        model.objects.count() for model in CATALOGUE
    ]


def test_load_demo_twice_is_idempotent(demo_loaded: str) -> None:
    """Running load-demo again reports everything present and creates nothing."""
    assert "Organisations : 25 créées, 0 déjà présente." in demo_loaded
    assert "Dispositifs : 25 créés, 0 déjà présent." in demo_loaded
    before = _counts()
    out = StringIO()
    call_command("load-demo", "--with-accounts", "--without-examples", stdout=out)
    assert _counts() == before
    assert "Organisations : 0 créée, 25 déjà présentes." in out.getvalue()
    assert "Dispositifs : 0 créé, 25 déjà présents." in out.getvalue()


def test_second_load_reports_nothing_created(demo_loaded: str) -> None:
    """The service's own report of a second run names no created record."""
    report = demo_load(with_accounts=True, with_examples=False)
    assert report.created_count == 0
    assert report.accounts == []


def test_every_record_of_the_data_files_is_loaded(demo_loaded: str) -> None:
    """Each organisation and entry of the data files exists under its slug."""
    assert set(Organisation.objects.values_list("slug", flat=True)) == {
        record["slug"] for record in data.read("organisations")
    }
    for name, model in [
        ("solutions", Solution),
        ("trainings", Training),
        ("schemes", Scheme),
        ("places", Place),
    ]:
        assert set(model.objects.values_list("slug", flat=True)) == {
            record["slug"] for record in data.read(name)
        }, name


def test_existing_records_are_never_overwritten(demo_loaded: str) -> None:
    """What a Region changed in a demo record survives the next load."""
    Scheme.objects.filter(slug="easytech").update(summary="Résumé revu par la Région.")
    Organisation.objects.filter(slug="bluecime").update(description="Texte revu.")
    call_command("load-demo", "--without-examples", stdout=StringIO())
    assert Scheme.objects.get(slug="easytech").summary == "Résumé revu par la Région."
    assert Organisation.objects.get(slug="bluecime").description == "Texte revu."


def test_missing_communes_are_reported(db: None) -> None:
    """Without the territories, the load still works and says which communes are missing."""
    out = StringIO()
    call_command("load-demo", "--without-examples", stdout=out)
    assert "commune 06018 absente (lancez load-territories)" in out.getvalue()
    assert Place.objects.get(slug="maison-de-l-intelligence-artificielle").commune is None


def test_demo_member_acts_for_bluecime(demo_loaded: str) -> None:
    """The demo member account belongs to Bluecime, and only to it."""
    member = User.objects.get(email="contact@bluecime.example")
    assert list(member.organisations.values_list("slug", flat=True)) == ["bluecime"]
