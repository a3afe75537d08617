"""Sign-in by e-mail and password; password reset by e-mail."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_with_email_any_case(client: Client, alice: User) -> None:
    """The e-mail address is the identifier, whatever its case."""
    response = client.post(
        reverse("accounts:login"),
        {"username": "Alice@Vision-Alpes.example", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Vision Alpes" in dashboard


def test_wrong_password_says_what_to_check(client: Client, alice: User) -> None:
    """A failed sign-in explains itself in French and does not sign in."""
    response = client.post(
        reverse("accounts:login"), {"username": alice.email, "password": "mauvais"}
    )
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_inactive_account_cannot_sign_in(client: Client, alice: User) -> None:
    """A deactivated account is refused."""
    alice.is_active = False
    alice.save()
    assert not client.login(username=alice.email, password=PASSWORD)


def test_password_reset_by_email_end_to_end(client: Client, alice: User) -> None:
    """The reset link arrives by e-mail, sets a new password, and the old one stops working."""
    response = client.post(reverse("accounts:password_reset"), {"email": alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [alice.email]
    assert "Sud IA" in message.subject
    link = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1)
    new_password = "un-nouveau-mot-de-passe-solide"
    done = client.post(set_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    assert Client().login(username=alice.email, password=new_password)
    assert not Client().login(username=alice.email, password=PASSWORD)


def test_reset_for_unknown_address_reveals_nothing(client: Client) -> None:
    """An unknown address gets the same answer and no e-mail is sent."""
    response = client.post(reverse("accounts:password_reset"), {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_dashboard_offers_region_tools_by_role(
    client: Client, admin: User, moderator: User
) -> None:
    """Admins see the identity page link; moderators see the journal but not the identity page."""
    client.login(username=admin.email, password=PASSWORD)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("branding:edit") in html
    assert reverse("organisations:audit_log") in html
    other = Client()
    other.login(username=moderator.email, password=PASSWORD)
    html = other.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("branding:edit") not in html
    assert reverse("organisations:audit_log") in html
