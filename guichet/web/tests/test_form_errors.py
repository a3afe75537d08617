"""A form posted invalid lists its errors at the top and ties each one to its field."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def input_tag(html: str, field_id: str) -> str:
    match = re.search(rf"<input[^>]*\bid=\"{field_id}\"[^>]*>", html)
    assert match, field_id
    return match.group(0)


def test_invalid_registration_ties_errors_to_fields(client: Client) -> None:
    """Each field in error is aria-invalid and described by its error and its help text."""
    response = client.post(reverse("accounts:register"), {"email": "pas-une-adresse"})

    html = response.content.decode()
    assert response.status_code == 200
    email = input_tag(html, "id_email")
    assert 'aria-invalid="true"' in email
    assert re.search(r'aria-describedby="id_email_error[" ]', email)
    assert '<p class="error-text" id="id_email_error">' in html
    password = input_tag(html, "id_password1")
    assert 'aria-invalid="true"' in password
    described_by = re.search(r'aria-describedby="([^"]*)"', password)
    assert described_by
    for described_id in described_by.group(1).split():
        assert f'id="{described_id}"' in html


def test_invalid_registration_summary_links_to_each_field(client: Client) -> None:
    """The summary at the top of the form links to every field in error."""
    response = client.post(reverse("accounts:register"), {"email": "pas-une-adresse"})

    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert summary
    assert "Le formulaire contient des erreurs" in summary.group(0)
    assert 'href="#id_email"' in summary.group(0)
    assert 'href="#id_password1"' in summary.group(0)
    assert summary.start() < html.index('id="id_email"')


def test_valid_field_is_not_marked_invalid(client: Client) -> None:
    """A field without error is neither aria-invalid nor described by an error."""
    response = client.post(reverse("accounts:register"), {"email": "claire@exemple.fr"})

    email = input_tag(response.content.decode(), "id_email")
    assert "aria-invalid" not in email
    assert "id_email_error" not in email
