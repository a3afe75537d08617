"""Self-registered organisations stay private until the Region validates them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.accounts.tests.factories import PASSWORD
from guichet.audit.models import AuditEntry
from guichet.organisations import selectors
from guichet.organisations.models import Organisation
from guichet.organisations.registration import organisation_register
from guichet.organisations.services import organisation_moderate
from guichet.organisations.tests.factories import OrganisationFactory
from guichet.territories.models import Commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def gap(db: None) -> Commune:
    return Commune.objects.create(code="05061", name="Gap", department_id="05", region_id="93")


@pytest.fixture
def pending(db: None) -> Organisation:
    return OrganisationFactory.create(
        name="Lumière IA", slug="lumiere-ia", status=Organisation.Status.PENDING
    )


def test_a_self_registered_organisation_is_pending() -> None:
    """Registration creates the organisation in the pending state."""
    _, organisation = organisation_register(
        email="lea@lumiere.example",
        full_name="Léa Lumière",
        password=PASSWORD,
        role="provider",
        organisation={"name": "Lumière IA"},
    )
    assert organisation.status == Organisation.Status.PENDING


def test_existing_organisations_default_to_validated() -> None:
    """Organisations created otherwise (Region, demo, imports) are validated."""
    assert OrganisationFactory.create().status == Organisation.Status.VALIDATED


def test_pending_is_not_in_the_public_list(client: Client, pending: Organisation) -> None:
    """The public list and its count leave out pending organisations."""
    response = client.get(reverse("organisations:list"))
    assert "Lumière IA" not in response.content.decode()
    assert pending not in Organisation.objects.real()
    assert pending not in Organisation.objects.public()


def test_pending_page_is_404_to_the_public(client: Client, pending: Organisation) -> None:
    """A visitor gets 404 on a pending organisation's page."""
    assert client.get(reverse("organisations:detail", args=[pending.slug])).status_code == 404


def test_pending_page_is_seen_by_its_member(pending: Organisation) -> None:
    """Its own member sees the page, with a notice that it is not public."""
    _, organisation = organisation_register(
        email="lea@lumiere.example",
        full_name="Léa Lumière",
        password=PASSWORD,
        role="provider",
        organisation={"name": "Clair IA"},
    )
    client = Client()
    assert client.login(username="lea@lumiere.example", password=PASSWORD)
    response = client.get(reverse("organisations:detail", args=[organisation.slug]))
    assert response.status_code == 200
    assert "Fiche non publique" in response.content.decode()


def test_moderator_validates_and_it_becomes_public(
    client: Client, moderator: User, pending: Organisation
) -> None:
    """The moderator validates from the queue; the page turns public and the journal says so."""
    client.force_login(moderator)
    queue = client.get(reverse("organisations:moderation"))
    assert "Lumière IA" in queue.content.decode()

    client.post(
        reverse("organisations:moderation"),
        {"organisation": pending.pk, "decision": "validate"},
    )

    pending.refresh_from_db()
    assert pending.status == Organisation.Status.VALIDATED
    entry = AuditEntry.objects.get(object_id=str(pending.pk), action="transition")
    assert entry.actor == moderator
    assert entry.changes["status"]["new"] == "validée"
    client.logout()
    assert client.get(reverse("organisations:detail", args=[pending.slug])).status_code == 200
    assert "Lumière IA" in client.get(reverse("organisations:list")).content.decode()


def test_moderator_refuses(moderator: User, pending: Organisation) -> None:
    """A refused organisation stays private, and cannot be refused twice."""
    organisation_moderate(actor=moderator, organisation=pending, decision="refuse")
    assert pending.status == Organisation.Status.REFUSED
    assert pending not in Organisation.objects.public()
    with pytest.raises(ValidationError):
        organisation_moderate(actor=moderator, organisation=pending, decision="refuse")


def test_only_the_region_moderates(alice: User, client: Client, pending: Organisation) -> None:
    """A member of another organisation can neither validate nor see the queue."""
    with pytest.raises(PermissionDenied):
        organisation_moderate(actor=alice, organisation=pending, decision="validate")
    client.force_login(alice)
    assert client.get(reverse("organisations:moderation")).status_code == 403


def test_same_siren_is_a_probable_duplicate(client: Client, moderator: User) -> None:
    """Same SIREN: the existing organisation is shown next to the pending one."""
    existing = OrganisationFactory.create(name="Vision Alpes", siren="732829320")
    pending = OrganisationFactory.create(
        name="VA Conseil", siren="732829320", status=Organisation.Status.PENDING
    )
    assert [d.organisation for d in selectors.probable_duplicates(pending)] == [existing]
    client.force_login(moderator)
    page = client.get(reverse("organisations:moderation")).content.decode()
    assert "Doublon probable" in page
    assert "même SIREN" in page


def test_near_identical_name_in_same_department_is_a_duplicate(gap: Commune) -> None:
    """A near-identical name in the same department is flagged; elsewhere it is not."""
    existing = OrganisationFactory.create(name="Clinique de l'IA", commune=gap)
    OrganisationFactory.create(name="Clinique de l'IA")  # no commune: other place
    OrganisationFactory.create(name="Atelier Numérique", commune=gap)
    pending = OrganisationFactory.create(
        name="CLINIQUE DE L’IA ", commune=gap, status=Organisation.Status.PENDING
    )
    assert [d.organisation for d in selectors.probable_duplicates(pending)] == [existing]


def test_only_the_published_contact_is_shown(client: Client) -> None:
    """The page shows the contact the organisation chose to publish, never its private e-mail."""
    organisation = OrganisationFactory.create(
        email="prive@example.org", public_email="contact@example.org", public_phone="04 92 00 00 00"
    )
    page = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert "contact@example.org" in page
    assert "04 92 00 00 00" in page
    assert "prive@example.org" not in page


def test_pending_is_not_in_the_api(client: Client, pending: Organisation) -> None:
    """The API neither lists nor serves a pending organisation."""
    listed = client.get("/api/v1/organisations/").json()["results"]
    assert "Lumière IA" not in [row["name"] for row in listed]
    assert client.get(f"/api/v1/organisations/{pending.pk}/").status_code == 404


def test_pending_is_not_found_by_search_until_validated(
    client: Client, moderator: User, pending: Organisation
) -> None:
    """Search finds a self-registered organisation only once a moderator validates it."""

    def found() -> bool:
        page = client.get("/api/v1/search", {"q": "Lumière"})
        return "Lumière IA" in page.content.decode()

    assert not found()
    organisation_moderate(actor=moderator, organisation=pending, decision="validate")
    assert found()
