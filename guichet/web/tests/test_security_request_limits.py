"""Oversized forms are refused before any view runs, in French, naming the field."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def edit(client: Client, organisation: Organisation, description: str):
    return client.post(
        reverse("organisations:edit", kwargs={"slug": organisation.slug}),
        {"name": organisation.name, "description": description, "postcode": "13001"},
    )


def test_a_description_of_2_mb_is_refused_and_not_stored(
    client: Client, alice: User, provider_a: Organisation
) -> None:
    """A 2 MB organisation description is answered 413 in French; the record is unchanged."""
    client.force_login(alice)
    before = Organisation.objects.get(pk=provider_a.pk).description

    response = edit(client, provider_a, "x" * (2 * 1024 * 1024))

    assert response.status_code == 413
    html = response.content.decode()
    assert "Formulaire trop volumineux" in html
    assert "1 Mo" in html
    assert Organisation.objects.get(pk=provider_a.pk).description == before


def test_one_field_beyond_the_site_wide_limit_is_refused_by_name(
    client: Client, alice: User, provider_a: Organisation
) -> None:
    """A 150,000-character field in a body under 1 MB is refused, 400, naming the field."""
    client.force_login(alice)

    response = edit(client, provider_a, "y" * 150_000)

    assert response.status_code == 400
    html = response.content.decode()
    assert "« description »" in html
    assert "100 000" in html.replace("\u202f", " ").replace("\xa0", " ")
    assert "y" * 1000 not in Organisation.objects.get(pk=provider_a.pk).description


def test_too_many_fields_are_refused(client: Client) -> None:
    """A form with thousands of fields is refused with a French page, not a server error."""
    response = client.post(
        reverse("accounts:login"), {f"champ{number}": "x" for number in range(1500)}
    )

    assert response.status_code == 400
    assert "trop de champs" in response.content.decode()


def test_ordinary_forms_pass_the_guard(client: Client, alice: User) -> None:
    """A usual sign-in goes through untouched."""
    response = client.post(
        reverse("accounts:login"), {"username": alice.email, "password": "mot-de-passe-de-test-42"}
    )

    assert response.status_code == 302


def test_api_bodies_are_left_to_the_api(client: Client) -> None:
    """Under /api/ the guard does not answer: the API speaks JSON (its own tests say how)."""
    response = client.post(
        "/api/v1/match", {"need": "z" * 150_000}, headers={"accept": "application/json"}
    )

    assert "Texte trop long" not in response.content.decode()
