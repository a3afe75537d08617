"""Self-registration: confirmed by e-mail, then an account and its organisation together."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from guichet.accounts.models import PendingRegistration, User
from guichet.accounts.tests.factories import PASSWORD as ALICE_PASSWORD
from guichet.audit.models import AuditEntry
from guichet.organisations.models import Membership, Organisation
from guichet.organisations.registration import organisation_register
from guichet.territories.models import Commune, Postcode

pytestmark = pytest.mark.django_db

PASSWORD = "une-phrase-de-passe-solide"


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


def confirm_link(message: mail.EmailMessage) -> str:
    """The path of the confirmation link an e-mail carries."""
    found = re.search(r"https?://[^/\s]+(/compte/inscription/confirmer/\S+)", str(message.body))
    assert found, message.body
    return found.group(1)


def without_nonce(content: bytes) -> str:
    """The page without its per-request Content-Security-Policy nonce."""
    return re.sub(r'nonce="[^"]*"', "", content.decode())


def register_and_confirm(client: Client, **overrides: str):
    """Post the form, then follow the link the e-mail carries and confirm."""
    client.post(reverse("accounts:register"), form_data(**overrides))
    return client.post(confirm_link(mail.outbox[-1]))


def test_registration_sends_a_link_and_creates_nothing_yet(client: Client, digne: Commune) -> None:
    """Posting the form creates no account and no organisation; the address gets a link."""
    response = client.post(reverse("accounts:register"), form_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register_sent")
    assert not User.objects.exists()
    assert not Organisation.objects.filter(name="Lumière IA").exists()
    assert not AuditEntry.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["claire@lumiere-ia.example"]
    assert "confirmez la création" in mail.outbox[0].subject
    assert "Lumière IA" in str(mail.outbox[0].body)
    assert "_auth_user_id" not in client.session


def test_the_link_creates_account_organisation_and_membership(
    client: Client, digne: Commune
) -> None:
    """Confirming creates the account with its password, the organisation and the journal entry."""
    response = register_and_confirm(client, siren="732 829 320")

    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue_manage:dashboard")
    user = User.objects.get(email="claire@lumiere-ia.example")
    organisation = Organisation.objects.get(name="Lumière IA")
    assert organisation.siren == "732829320"
    assert organisation.commune == digne
    assert list(organisation.roles.values_list("code", flat=True)) == ["provider"]
    assert Membership.objects.filter(user=user, organisation=organisation).exists()
    assert AuditEntry.objects.filter(object_id=str(organisation.pk), action="create").exists()
    assert Client().login(username="claire@lumiere-ia.example", password=PASSWORD)
    assert not PendingRegistration.objects.exists()


def test_the_link_shows_what_it_creates_before_anything_is_created(
    client: Client, digne: Commune
) -> None:
    """Opening the link (as a mail scanner would) only shows the account and organisation."""
    client.post(reverse("accounts:register"), form_data())

    response = client.get(confirm_link(mail.outbox[0]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "claire@lumiere-ia.example" in html
    assert "Lumière IA" in html
    assert not User.objects.exists()


def test_confirming_signs_in_and_lands_in_the_provider_space(
    client: Client, digne: Commune
) -> None:
    """After confirming, the person is signed in and sees the organisation in /espace/."""
    client.post(reverse("accounts:register"), form_data())
    response = client.post(confirm_link(mail.outbox[0]), follow=True)

    assert response.wsgi_request.user.is_authenticated
    assert response.request["PATH_INFO"] == "/espace/"
    assert "Lumière IA" in response.content.decode()


def test_a_link_serves_once(client: Client, digne: Commune) -> None:
    """A second use of the link, or a second link for the same address, creates nothing more."""
    client.post(reverse("accounts:register"), form_data())
    client.post(reverse("accounts:register"), form_data(name="Lumière IA bis"))
    first, second = confirm_link(mail.outbox[0]), confirm_link(mail.outbox[1])
    client.post(first)

    assert Client().post(first).status_code == 400
    assert Client().post(second).status_code == 400
    assert User.objects.count() == 1
    assert not Organisation.objects.filter(name="Lumière IA bis").exists()


def test_an_altered_or_expired_link_is_refused(
    client: Client, digne: Commune, settings: Settings
) -> None:
    """A changed token, or one older than REGISTRATION_CONFIRM_DAYS, creates nothing."""
    client.post(reverse("accounts:register"), form_data())
    link = confirm_link(mail.outbox[0])

    altered = client.post(link.replace("/confirmer/", "/confirmer/x"))
    settings.REGISTRATION_CONFIRM_DAYS = 0
    expired = client.post(link)

    assert altered.status_code == 400
    assert expired.status_code == 400
    assert "Lien de confirmation non valable" in expired.content.decode()
    assert not User.objects.exists()


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
    assert mail.outbox == []


def test_an_existing_address_gets_the_same_answer_and_its_owner_an_email(
    client: Client, digne: Commune, alice: User
) -> None:
    """The form does not reveal accounts: same page as a new address; Alice is told by e-mail."""
    new = client.post(reverse("accounts:register"), form_data(), follow=True)
    known = Client().post(
        reverse("accounts:register"), form_data(email=alice.email.upper()), follow=True
    )

    assert known.status_code == new.status_code == 200
    assert known.redirect_chain == new.redirect_chain
    assert without_nonce(known.content) == without_nonce(new.content)
    assert "existe déjà" not in known.content.decode()
    notice = mail.outbox[-1]
    assert notice.to == [alice.email]
    assert "déjà un compte" in notice.subject
    assert "/compte/mot-de-passe/oubli/" in str(notice.body)
    assert "/compte/inscription/confirmer/" not in str(notice.body)
    assert not Organisation.objects.filter(name="Lumière IA").exists()
    assert Client().login(username=alice.email, password=ALICE_PASSWORD)


def test_checking_the_organisation_writes_nothing(client: Client, digne: Commune) -> None:
    """The registration is checked in full before the e-mail goes, and the check is undone."""
    organisations = Organisation.objects.count()

    client.post(reverse("accounts:register"), form_data())

    assert Organisation.objects.count() == organisations
    assert not User.objects.exists()
    assert not AuditEntry.objects.exists()
    assert not Membership.objects.exists()


def test_shared_postcode_needs_the_commune_name(client: Client, digne: Commune) -> None:
    """A postcode serving two communes asks which one, then takes the named one."""
    other = Commune.objects.create(
        code="04999", name="Autre-Commune", department_id="04", region_id="93"
    )
    Postcode.objects.create(code="04000", commune=other)

    response = client.post(reverse("accounts:register"), form_data())
    assert "plusieurs communes" in " ".join(response.context["form"].errors["commune_name"])
    assert mail.outbox == []

    register_and_confirm(client, commune_name="Autre-Commune")
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
