"""Self-registration: an account and its organisation, created together or not at all."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.audit.models import AuditEntry
from guichet.organisations.models import Membership, Organisation
from guichet.organisations.registration import organisation_register
from guichet.territories.models import Commune, Postcode

pytestmark = pytest.mark.django_db

PASSWORD = "une-phrase-de-passe-solide"


@pytest.fixture
def digne() -> Commune:
    commune = Commune.objects.create(
        code="04070", name="Digne-les-Bains", department_id="04", region_id="93"
    )
    Postcode.objects.create(code="04000", commune=commune)
    return commune


def form_data(**overrides: str) -> dict[str, str]:
    data = {
        "email": "claire@lumiere-ia.example",
        "full_name": "Claire Fontaine",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "name": "Lumière IA",
        "role": "provider",
        "siren": "",
        "postcode": "04000",
        "commune_name": "",
    }
    data.update(overrides)
    return data


def test_registration_creates_account_organisation_and_membership(
    client: Client, digne: Commune
) -> None:
    """A provider registers: account, organisation in its commune, membership, journal entry."""
    response = client.post(reverse("accounts:register"), form_data(siren="732 829 320"))

    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue_manage:dashboard")
    user = User.objects.get(email="claire@lumiere-ia.example")
    organisation = Organisation.objects.get(name="Lumière IA")
    assert organisation.siren == "732829320"
    assert organisation.commune == digne
    assert list(organisation.roles.values_list("code", flat=True)) == ["provider"]
    assert Membership.objects.filter(user=user, organisation=organisation).exists()
    assert AuditEntry.objects.filter(object_id=str(organisation.pk), action="create").exists()


def test_registration_signs_in_and_lands_in_the_provider_space(
    client: Client, digne: Commune
) -> None:
    """After registering, the person is signed in and sees the organisation in /espace/."""
    response = client.post(reverse("accounts:register"), form_data(), follow=True)

    assert response.wsgi_request.user.is_authenticated
    assert response.request["PATH_INFO"] == "/espace/"
    assert "Lumière IA" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"password2": "autre-chose-encore"}, "password2", "pas identiques"),
        ({"password1": "court", "password2": "court"}, "password1", "trop court"),
        (
            {"password1": "123456789012345", "password2": "123456789012345"},
            "password1",
            "entièrement numérique",
        ),
        ({"siren": "732829321"}, "siren", "clé de contrôle"),
        ({"postcode": "99999"}, "postcode", "ne correspond à aucune commune"),
        ({"postcode": ""}, "postcode", "obligatoire"),
        ({"email": "pas-une-adresse"}, "email", "adresse e-mail valide"),
        ({"role": "sme"}, "role", "Sélectionnez un choix valide"),
        ({"name": ""}, "name", "obligatoire"),
    ],
)
def test_registration_refusals_are_explained_next_to_the_field(
    client: Client, digne: Commune, overrides: dict[str, str], field: str, message: str
) -> None:
    """Each bad value is refused with a French message on its own field; nothing is created."""
    response = client.post(reverse("accounts:register"), form_data(**overrides))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert not User.objects.filter(email="claire@lumiere-ia.example").exists()
    assert not Organisation.objects.filter(name="Lumière IA").exists()


def test_an_address_already_registered_is_refused(
    client: Client, digne: Commune, alice: User
) -> None:
    """Registering again with an existing address (any case) is refused on the e-mail field."""
    response = client.post(reverse("accounts:register"), form_data(email=alice.email.upper()))

    assert response.status_code == 200
    assert "existe déjà" in " ".join(response.context["form"].errors["email"])
    assert not Organisation.objects.filter(name="Lumière IA").exists()


def test_shared_postcode_needs_the_commune_name(client: Client, digne: Commune) -> None:
    """A postcode serving two communes asks which one, then takes the named one."""
    other = Commune.objects.create(
        code="04999", name="Autre-Commune", department_id="04", region_id="93"
    )
    Postcode.objects.create(code="04000", commune=other)

    response = client.post(reverse("accounts:register"), form_data())
    assert "plusieurs communes" in " ".join(response.context["form"].errors["commune_name"])

    client.post(reverse("accounts:register"), form_data(commune_name="Autre-Commune"))
    assert Organisation.objects.get(name="Lumière IA").commune == other


def test_a_failed_organisation_leaves_no_account(client: Client, digne: Commune) -> None:
    """The account and the organisation are one transaction: a refused organisation, no account."""
    with pytest.raises(ValidationError, match="postcode"):
        organisation_register(
            email="x@example.org",
            full_name="X",
            password=PASSWORD,
            role="provider",
            organisation={"name": "X", "postcode": "00000"},
        )
    assert not User.objects.filter(email="x@example.org").exists()


def test_signed_in_people_skip_the_registration_page(client: Client, alice: User) -> None:
    """Someone already signed in goes straight to the provider space."""
    client.force_login(alice)

    response = client.get(reverse("accounts:register"))

    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue_manage:dashboard")


def test_registration_page_renders_every_field_with_its_label(client: Client) -> None:
    """The empty form shows each field labelled in French."""
    response = client.get(reverse("accounts:register"))

    page = response.content.decode()
    for label in ("Adresse électronique", "Mot de passe", "Nom de l&#x27;organisation", "SIREN"):
        assert label in page
