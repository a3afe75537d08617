"""An organisation's public page: its published entries, and only the contact it publishes."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guichet.catalogue.models import Event, Place, Solution, Training
from guichet.catalogue.selectors import published_entries_of
from guichet.catalogue.services import entry_transition
from guichet.catalogue.tests.public_entries import (
    commune,
    draft,
    moderator_user,
    organisation,
    published,
)
from guichet.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def page_text(client: Client, owner: Organisation) -> str:
    response = client.get(reverse("organisations:detail", args=[owner.slug]))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


@pytest.fixture
def owner() -> Organisation:
    return organisation("Atelier Numérique Provence", role="provider")


def test_page_lists_published_solutions_trainings_events_and_places(
    client: Client, owner: Organisation
) -> None:
    """Each kind of published entry is listed under its heading, with a link to its page."""
    solution = published(Solution, owner, title="Tri de courrier par IA")
    training = published(Training, owner, title="Initiation à l'IA générative")
    event = published(
        Event,
        owner,
        title="Matinale IA des artisans",
        starts_at=timezone.now() + datetime.timedelta(days=20),
        commune=commune("marseille"),
    )
    place = published(Place, owner, title="Fablab IA du Panier", commune=commune("marseille"))

    text = page_text(client, owner)

    for heading in ("Solutions d'IA (1)", "Formations (1)", "Événements (1)", "Lieux (1)"):
        assert heading in text
    for name, entry in [
        ("solution_detail", solution),
        ("training_detail", training),
        ("event_detail", event),
        ("place_detail", place),
    ]:
        link = f'href="{reverse(f"catalogue:{name}", args=[entry.slug])}">{entry.title}</a>'
        assert link in text


def test_drafts_and_entries_waiting_for_review_are_not_listed(
    client: Client, owner: Organisation
) -> None:
    """Only published entries appear: a draft and a submitted entry stay off the page."""
    published(Solution, owner, title="Solution publiée")
    draft(Solution, owner, title="Brouillon secret")
    waiting = draft(Training, owner, title="Formation en relecture")
    entry_transition(actor=moderator_user(), entry=waiting, name="submit")

    text = page_text(client, owner)

    assert "Solution publiée" in text
    assert "Brouillon secret" not in text
    assert "Formation en relecture" not in text
    assert "Formations (" not in text


def test_another_organisations_entries_are_not_listed(client: Client, owner: Organisation) -> None:
    """The page lists the organisation's own entries, not those of others."""
    published(Solution, organisation("Concurrent IA"), title="Offre du voisin")

    assert "Offre du voisin" not in page_text(client, owner)


def test_example_entries_keep_their_badge(client: Client) -> None:
    """A demo example listed on its organisation's page carries the « Exemple » badge."""
    owner = organisation("Exemple Conseil", is_example=True)
    solution = published(Solution, owner, title="Devis automatique (exemple)")
    Solution.objects.filter(pk=solution.pk).update(is_example=True)

    text = page_text(client, owner)

    listed = text[text.index("Solutions d'IA (1)") :]
    assert "Devis automatique (exemple)" in listed
    assert "badge--example" in listed and "Exemple</span>" in listed


def test_contact_and_website_are_hidden_unless_published(
    client: Client, owner: Organisation
) -> None:
    """The Region's private contact never shows; no website or contact row when none is given."""
    owner.email = "prive@atelier.example"
    owner.phone = "04 91 00 00 00"
    owner.website = ""
    owner.save()

    text = page_text(client, owner)

    assert "prive@atelier.example" not in text
    assert "04 91 00 00 00" not in text
    assert "Site web" not in text
    assert "<dt>Contact</dt>" not in text


def test_published_contact_and_website_are_shown(client: Client, owner: Organisation) -> None:
    """The e-mail, phone and website the organisation chose to publish are shown as links."""
    owner.public_email = "bonjour@atelier.example"
    owner.public_phone = "04 91 12 34 56"
    owner.website = "https://atelier.example"
    owner.save()

    text = page_text(client, owner)

    assert 'href="mailto:bonjour@atelier.example"' in text
    assert 'href="tel:0491123456"' in text
    assert 'href="https://atelier.example"' in text


def test_a_long_list_is_cut_and_says_how_many_there_are(owner: Organisation) -> None:
    """Beyond the limit, the page shows the first entries and the full count."""
    for title in ("Alpha IA", "Bêta IA", "Gamma IA"):
        published(Solution, owner, title=title)

    (group,) = published_entries_of(owner, limit=2)

    assert [entry.title for entry in group.entries] == ["Alpha IA", "Bêta IA"]
    assert group.count == 3
