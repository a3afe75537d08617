"""Detail pages: who sees an entry in which state, the owner's link, unknown values."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.catalogue.models import Solution
from guichet.catalogue.services import entry_edit, entry_transition
from guichet.catalogue.tests.public_entries import draft, published
from guichet.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def url(entry: Solution) -> str:
    return reverse("catalogue:solution_detail", args=[entry.slug])


def test_published_entry_is_public_with_its_owner_linked(
    client: Client, provider_a: Organisation
) -> None:
    """Anyone sees a published entry; the owner organisation's page is linked."""
    entry = published(Solution, provider_a, title="Caméra qualité")

    response = client.get(url(entry))

    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "<h1>Caméra qualité</h1>" in text
    assert f'<a href="/organisations/{provider_a.slug}/">Vision Alpes</a>' in text
    assert "n'est pas publiée" not in text


def test_unknown_values_say_so(client: Client, provider_a: Organisation) -> None:
    """Fields left empty show « non renseigné », marked with the unknown class."""
    entry = published(Solution, provider_a, title="Offre sobre")

    text = html.unescape(client.get(url(entry)).content.decode())

    assert '<span class="unknown">non renseigné</span>' in text
    assert text.count("non renseigné") >= 8


def test_unknown_slug_is_404(client: Client) -> None:
    """A slug that matches nothing gives a 404."""
    assert client.get(reverse("catalogue:solution_detail", args=["rien"])).status_code == 404


def test_draft_is_404_to_the_public_and_to_other_organisations(
    client: Client, provider_a: Organisation, bob: User
) -> None:
    """A draft does not exist for anonymous visitors nor for another organisation's members."""
    entry = draft(Solution, provider_a, title="En préparation")

    assert client.get(url(entry)).status_code == 404
    client.force_login(bob)
    assert client.get(url(entry)).status_code == 404


@pytest.mark.parametrize("person", ["alice", "moderator"])
def test_owner_members_and_moderators_see_a_draft_with_its_state(
    client: Client, provider_a: Organisation, person: str, request: pytest.FixtureRequest
) -> None:
    """Owner members and moderators see an unpublished entry under a banner naming its state."""
    entry = draft(Solution, provider_a, title="En préparation")
    client.force_login(request.getfixturevalue(person))

    response = client.get(url(entry))

    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Cette fiche n'est pas publiée. État : <strong>brouillon</strong>." in text


def test_rejected_entry_shows_its_reason_to_its_owner(
    client: Client, provider_a: Organisation, alice: User, moderator: User
) -> None:
    """A rejected entry shows its state and the moderator's reason to the owner's members."""
    entry = draft(Solution, provider_a, title="À revoir")
    entry_transition(actor=alice, entry=entry, name="submit")
    entry_transition(actor=moderator, entry=entry, name="reject", reason="Décrivez l'offre.")
    client.force_login(alice)

    text = html.unescape(client.get(url(entry)).content.decode())

    assert "<strong>refusée</strong>" in text
    assert "Décrivez l'offre." in text


def test_archived_entry_is_404_to_the_public(
    client: Client, provider_a: Organisation, moderator: User
) -> None:
    """An archived entry leaves the public site."""
    entry = published(Solution, provider_a, title="Ancienne offre")
    entry_transition(actor=moderator, entry=entry, name="archive")

    assert client.get(url(entry)).status_code == 404


def test_pending_edit_keeps_the_published_version_public(
    client: Client, provider_a: Organisation, alice: User
) -> None:
    """The public sees the published version; the owner is told an edit awaits review."""
    entry = published(Solution, provider_a, title="Offre", summary="Version publiée")
    entry_edit(actor=alice, entry=entry, data={"summary": "Version modifiée"})

    public = html.unescape(client.get(url(entry)).content.decode())
    client.force_login(alice)
    owner = html.unescape(client.get(url(entry)).content.decode())

    assert "Version publiée" in public and "Version modifiée" not in public
    assert "en attente" not in public
    assert "Une modification de cette fiche est en attente" in owner


def test_synthetic_entry_carries_the_banner(client: Client, provider_a: Organisation) -> None:
    """A synthetic entry's page says it is synthetic data."""
    entry = published(Solution, provider_a, title="Offre fictive", synthetic=True)

    assert "Données de synthèse" in client.get(url(entry)).content.decode()
