"""Sign-in attempts are limited per account and per client address (django-axes)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"


def sign_in(client: Client, email: str, password: str, ip: str = ATTACKER):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def test_six_wrong_passwords_lock_the_account_even_for_the_right_one(
    client: Client, alice: User
) -> None:
    """After repeated failures the right password is refused too, with a French delay, 429."""
    for _ in range(6):
        sign_in(client, alice.email, "mauvais-mot-de-passe")

    response = sign_in(client, alice.email, PASSWORD)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Trop de tentatives de connexion" in html
    assert "15 minutes" in html
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_the_lock_follows_the_account_from_another_address(client: Client, alice: User) -> None:
    """Changing address does not reopen a locked account; case changes do not either."""
    for _ in range(5):
        sign_in(client, alice.email, "mauvais-mot-de-passe")

    response = sign_in(Client(), alice.email.upper(), PASSWORD, ip="198.51.100.20")

    assert response.status_code == 429


def test_another_account_from_another_address_is_not_locked(
    client: Client, alice: User, bob: User
) -> None:
    """Bob, elsewhere, signs in while Alice's account is locked."""
    for _ in range(6):
        sign_in(client, alice.email, "mauvais-mot-de-passe")

    other = Client()
    response = sign_in(other, bob.email, PASSWORD, ip="198.51.100.20")

    assert response.status_code == 302
    assert other.session["_auth_user_id"] == str(bob.pk)


def test_one_address_trying_many_accounts_is_locked(client: Client, alice: User, bob: User) -> None:
    """Five failures on made-up accounts from one address stop that address, even for Bob."""
    for number in range(5):
        sign_in(client, f"inconnu{number}@exemple.fr", "mauvais-mot-de-passe")

    response = sign_in(client, bob.email, PASSWORD)

    assert response.status_code == 429


def test_failures_below_the_limit_then_success_reset_the_count(client: Client, alice: User) -> None:
    """Four failures, a success, four more failures: the account still signs in."""
    for _ in range(4):
        sign_in(client, alice.email, "mauvais-mot-de-passe")
    assert sign_in(client, alice.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, alice.email, "mauvais-mot-de-passe")

    assert sign_in(client, alice.email, PASSWORD).status_code == 302
