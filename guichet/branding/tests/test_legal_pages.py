"""The legal pages show what the Region filled in, and say plainly what it has not."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.branding.selectors import region_identity
from guichet.branding.services import region_identity_update

pytestmark = pytest.mark.django_db

PAGES = ["web:accessibility", "web:legal", "web:privacy"]


@pytest.mark.parametrize("name", PAGES)
def test_page_answers_in_french_and_marks_missing_values(client: Client, name: str) -> None:
    """Before the Region fills its fields, each page answers 200 in French, flagging gaps."""
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    assert "à renseigner par la Région" in response.content.decode()


def test_accessibility_page_without_audit(client: Client) -> None:
    """Without an audit the page says « non conforme », no audit yet, and gives the recourse."""
    page = client.get(reverse("web:accessibility")).content.decode()
    assert "non conforme" in page
    assert "Aucun audit de conformité" in page
    assert "Défenseur des droits" in page
    assert "09 69 39 00 00" in page
    assert "Libre réponse 71120, 75342 Paris CEDEX 07" in page


def test_pages_show_the_values_set_through_the_service(admin: User, client: Client) -> None:
    """Values saved through the branding service appear on the three pages."""
    region_identity_update(
        actor=admin,
        identity=region_identity(),
        data={
            "postal_address": "1 place Fictive, 00000 Exempleville",
            "company_number": "00000000000000",
            "publication_director": "Camille Exemple",
            "host_name": "Hébergeur Fictif SAS",
            "host_phone": "01 00 00 00 00",
            "accessibility_status": "partially_compliant",
            "accessibility_audit_date": datetime.date(2026, 11, 3),
            "accessibility_audit_result": "72 % des critères respectés",
            "accessibility_contact": "https://region.example/accessibilite",
            "dpo_contact": "dpo@region.example",
            "retention_accounts": "3 ans après la dernière connexion",
        },
    )
    accessibility = client.get(reverse("web:accessibility")).content.decode()
    assert "partiellement conforme" in accessibility
    assert "72 % des critères respectés" in accessibility
    assert 'href="https://region.example/accessibilite"' in accessibility
    assert "Aucun audit" not in accessibility
    legal = client.get(reverse("web:legal")).content.decode()
    for value in ["1 place Fictive", "00000000000000", "Camille Exemple", "Hébergeur Fictif SAS"]:
        assert value in legal
    privacy = client.get(reverse("web:privacy")).content.decode()
    assert "dpo@region.example" in privacy
    assert "3 ans après la dernière connexion" in privacy
    assert "CNIL" in privacy


def test_footer_links_to_personal_data(client: Client) -> None:
    """Every page's footer links to the personal data page."""
    assert reverse("web:privacy") in client.get("/").content.decode()


def test_malformed_company_number_is_refused(admin: User) -> None:
    """A SIRET must be 9 (SIREN) or 14 (SIRET) digits; anything else is refused by the service."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        region_identity_update(
            actor=admin, identity=region_identity(), data={"company_number": "123 456"}
        )
    assert "company_number" in error.value.message_dict


def test_admin_edits_the_legal_fields_from_the_identity_page(admin: User) -> None:
    """The Region's identity page offers the legal fields, with the audit date as a date input."""
    from guichet.accounts.tests.factories import PASSWORD

    client = Client()
    assert client.login(username=admin.email, password=PASSWORD)
    page = client.get(reverse("branding:edit")).content.decode()
    assert 'name="publication_director"' in page
    assert 'name="accessibility_status"' in page
    assert 'type="date"' in page
