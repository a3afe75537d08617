"""Registration and password reset hold robots and floods off: honeypot, limits per client."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from guichet.accounts.models import PendingRegistration, User
from guichet.accounts.tests.test_register import form_data
from guichet.territories.models import Commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_limits(settings: Settings) -> None:
    """Two sendings per client address, one per e-mail address, per hour."""
    settings.FORM_RATE_LIMITS = {"per_ip": 2, "per_address": 1, "window_minutes": 60}


def register(client: Client, ip: str = "203.0.113.7", **overrides: str):
    return client.post(reverse("accounts:register"), form_data(**overrides), REMOTE_ADDR=ip)


def test_the_registration_form_carries_a_honeypot_hidden_from_people(client: Client) -> None:
    """The empty-me field is off screen in an aria-hidden box, out of the tab order."""
    html = client.get(reverse("accounts:register")).content.decode()

    assert '<div class="honeypot" aria-hidden="true">' in html
    assert "laissez-le vide" in html
    assert 'name="site_web"' in html
    assert 'tabindex="-1"' in html
    assert "accounts/honeypot.css" in html


def test_a_filled_honeypot_is_answered_as_usual_and_does_nothing(
    client: Client, digne: Commune
) -> None:
    """A robot that fills every field sees the usual page; no e-mail, nothing stored."""
    response = client.post(reverse("accounts:register"), form_data(site_web="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register_sent")
    assert mail.outbox == []
    assert not PendingRegistration.objects.exists()


def test_one_client_address_may_send_only_so_many_registrations(
    client: Client, digne: Commune, tight_limits: None
) -> None:
    """The third registration from one address is refused, 429, in French; no e-mail goes."""
    register(client, email="un@exemple.fr")
    register(client, email="deux@exemple.fr")

    response = register(client, email="trois@exemple.fr")

    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert "60 minutes" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["un@exemple.fr"], ["deux@exemple.fr"]]
    assert register(Client(), ip="198.51.100.20", email="trois@exemple.fr").status_code == 302


def test_one_e_mail_address_gets_only_so_many_messages(
    client: Client, digne: Commune, tight_limits: None
) -> None:
    """Registering one address again from elsewhere is refused: its mailbox is not flooded."""
    register(client, email="claire@exemple.fr")

    response = register(Client(), ip="198.51.100.20", email="CLAIRE@exemple.fr")

    assert response.status_code == 429
    assert len(mail.outbox) == 1


def test_the_limit_also_covers_addresses_that_have_an_account(
    client: Client, digne: Commune, tight_limits: None, alice: User
) -> None:
    """An existing account's owner is not flooded with notices either, and the answer matches."""
    register(client, email=alice.email)

    response = register(Client(), ip="198.51.100.20", email=alice.email)

    assert response.status_code == 429
    assert len(mail.outbox) == 1


def test_invalid_forms_do_not_use_up_the_limit(
    client: Client, digne: Commune, tight_limits: None
) -> None:
    """Fixing mistakes costs nothing: only sendings are counted."""
    for _ in range(3):
        register(client, postcode="")

    assert register(client).status_code == 302


def test_password_reset_carries_a_honeypot_that_sends_nothing(client: Client, alice: User) -> None:
    """A robot filling the reset form's hidden field gets the usual page and no e-mail."""
    page = client.get(reverse("accounts:password_reset")).content.decode()
    response = client.post(
        reverse("accounts:password_reset"), {"email": alice.email, "site_web": "x"}
    )

    assert 'name="site_web"' in page
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_is_limited_per_address(
    client: Client, alice: User, tight_limits: None
) -> None:
    """A second reset for one address within the window is refused, 429, in French."""
    client.post(reverse("accounts:password_reset"), {"email": alice.email})

    response = Client().post(
        reverse("accounts:password_reset"), {"email": alice.email}, REMOTE_ADDR="198.51.100.20"
    )

    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert len(mail.outbox) == 1


def test_password_reset_is_limited_per_client_address(client: Client, tight_limits: None) -> None:
    """One client asking for many addresses is stopped too, even for unknown addresses."""
    for number in range(2):
        client.post(reverse("accounts:password_reset"), {"email": f"x{number}@exemple.fr"})

    response = client.post(reverse("accounts:password_reset"), {"email": "x9@exemple.fr"})

    assert response.status_code == 429


def test_thirty_registrations_in_a_row_from_one_client_are_cut_off(
    client: Client, digne: Commune
) -> None:
    """The finding: 30 quick registrations from one address; with the default limits most fail."""
    statuses = [
        register(client, email=f"robot{number}@exemple.fr", name=f"Robot {number}").status_code
        for number in range(30)
    ]

    assert statuses.count(302) == 20
    assert statuses[20:] == [429] * 10
    assert len(mail.outbox) == 20
    assert not User.objects.exists()
