"""E-mail addresses are held to 254 characters by the forms and by both databases."""

from __future__ import annotations

import pytest
from django.db import DataError, IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.accounts.tests.test_register import form_data

pytestmark = pytest.mark.django_db


def address(length: int) -> str:
    """A well-formed address of exactly ``length`` characters."""
    domain = ".".join(["d" * 62] * 3) + ".fr"
    local = "a" * (length - len(domain) - 1)
    assert len(local) <= 64
    return f"{local}@{domain}"


def test_the_database_refuses_an_address_of_255_characters() -> None:
    """SQLite as well as PostgreSQL refuse a longer address, whatever code writes it."""
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        User.objects.create(email=address(255))
    assert not User.objects.exists()


def test_the_database_keeps_an_address_of_254_characters() -> None:
    """The longest address SMTP allows is stored."""
    User.objects.create(email=address(254))
    assert User.objects.get().email == address(254)


def test_registration_refuses_a_long_address_naming_the_field(client: Client) -> None:
    """A 300-character address is refused on the form, next to « Adresse électronique »."""
    response = client.post(reverse("accounts:register"), form_data(email=address(240) + "x" * 60))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["email"])
    assert "« Adresse électronique »" in errors
    assert "au plus 254" in errors


def test_sign_in_with_a_long_address_is_a_form_error(client: Client) -> None:
    """Sign-in answers a 320-character address with the form, not a server error."""
    response = client.post(
        reverse("accounts:login"), {"username": "a" * 64 + "@" + "b" * 255, "password": "x"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors
