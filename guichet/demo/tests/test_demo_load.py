"""The demo data loads once, from facts only, and a second load duplicates nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from guichet.accounts.models import User
from guichet.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_load_demo_twice_is_idempotent() -> None:
    """Running load-demo again reports everything present and creates nothing."""
    out = StringIO()
    call_command("load-demo", "--with-accounts", stdout=out)
    count = Organisation.objects.count()
    users = User.objects.count()
    assert count >= 10
    assert "10 créées" in out.getvalue()
    out = StringIO()
    call_command("load-demo", "--with-accounts", stdout=out)
    assert Organisation.objects.count() == count
    assert User.objects.count() == users
    assert "0 créées" in out.getvalue()


def test_demo_invents_no_identifiers() -> None:
    """No SIREN, SIRET or address is made up for the demo organisations."""
    call_command("load-demo", stdout=StringIO())
    for organisation in Organisation.objects.all():
        assert organisation.siren == ""
        assert organisation.siret == ""
        assert organisation.address == ""


def test_demo_member_acts_for_bluecime() -> None:
    """The demo member account belongs to Bluecime, and only to it."""
    call_command("load-demo", "--with-accounts", stdout=StringIO())
    member = User.objects.get(email="contact@bluecime.example")
    assert list(member.organisations.values_list("slug", flat=True)) == ["bluecime"]
