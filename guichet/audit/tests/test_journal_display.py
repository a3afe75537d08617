"""Journals read in French: field names, state codes, lists and ids are written out."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.accounts.tests.factories import UserFactory
from guichet.audit.display import change_rows
from guichet.audit.models import AuditEntry
from guichet.audit.services import audit_record
from guichet.catalogue.models import Solution, UseCase
from guichet.catalogue.services import entry_edit, entry_transition
from guichet.catalogue.tests.public_entries import draft, organisation, published
from guichet.organisations.models import ActivitySection, Organisation
from guichet.organisations.services import organisation_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator() -> User:
    return UserFactory.create(email="moderation@region.example", region_role="moderator")


def text_of(client: Client, user: User, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def test_organisation_journal_shows_labels_not_codes_or_python_lists(
    client: Client, moderator: User
) -> None:
    """A headcount code and a list of sectors read as words on the organisation's journal."""
    atelier = organisation("Atelier Lumière")
    sections = ActivitySection.objects.filter(code__in=["C", "J"])
    organisation_update(
        actor=moderator,
        organisation=atelier,
        data={"headcount_bracket": "12", "sectors": list(sections)},
    )

    text = text_of(client, moderator, reverse("organisations:history", args=[atelier.slug]))

    assert "Tranche d'effectif</strong> : — → 20 à 49 salariés" in text
    names = ", ".join(str(section) for section in sections.order_by("code"))
    assert f"Secteurs visés</strong> : — → {names}" in text
    assert "['" not in text and "[]" not in text
    assert "→ 12" not in text


def test_region_journal_shows_the_state_by_its_label(client: Client, moderator: User) -> None:
    """The moderators' journal of organisations names states in French, never their codes."""
    pending = organisation("Lumière en attente", status=Organisation.Status.PENDING)
    audit_record(
        actor=moderator,
        instance=pending,
        action="transition",
        changes={"status": {"label": "status", "old": "pending", "new": "validated"}},
    )

    text = text_of(client, moderator, reverse("organisations:audit_log"))

    assert "État</strong> : en attente de validation → validée" in text
    assert "pending" not in text and "validated" not in text


def test_entry_states_are_shown_by_their_french_label(moderator: User) -> None:
    """Submitting an entry journals « brouillon → en attente de modération », not codes."""
    entry = draft(Solution, organisation("Offreur IA"), title="Tri du courrier")
    entry_transition(actor=moderator, entry=entry, name="submit")

    entry_journal = AuditEntry.objects.filter(action="transition").get()
    rows = {row.label: row for row in change_rows(entry_journal)}

    assert rows["État"].old == "brouillon"
    assert rows["État"].new == "en attente de modération"


def test_an_edit_waiting_for_review_names_fields_and_related_rows(moderator: User) -> None:
    """A published entry's pending edit stores keys and ids: the journal shows names."""
    entry = published(Solution, organisation("Offreur IA"), title="Tri du courrier")
    use_case = UseCase.objects.order_by("pk").first()
    assert use_case is not None
    entry_edit(actor=moderator, entry=entry, data={"use_cases": [use_case], "title": "Tri"})

    pending_edit = AuditEntry.objects.filter(action="update").latest("pk")
    rows = {row.label: row for row in change_rows(pending_edit)}

    assert rows["Cas d'usage"].new == str(use_case)
    assert rows["Titre"].new == "Tri"
    assert "use_cases" not in rows and "title" not in rows


def test_booleans_dates_and_mappings_are_written_out(moderator: User) -> None:
    """Yes/no, ISO dates and opening hours read as a person would write them."""
    entry = draft(Solution, organisation("Offreur IA"), title="Tri du courrier")
    audit_record(
        actor=moderator,
        instance=entry,
        action="update",
        changes={
            "is_example": {"label": "is_example", "old": False, "new": True},
            "published_at": {
                "label": "publiée le",
                "old": None,
                "new": "2026-03-04T09:30:00+00:00",
            },
            "notes": {"label": "horaires", "old": {}, "new": {"lundi": "9h-18h", "texte": ""}},
        },
    )

    rows = change_rows(AuditEntry.objects.latest("pk"))

    # In the model's field order (published_at comes before is_example), on both databases.
    assert [(row.old, row.new) for row in rows] == [
        ("", "4 mars 2026 10:30"),
        ("non", "oui"),
        ("", "Lundi : 9h-18h"),
    ]


def test_admin_shows_changes_in_words(client: Client) -> None:
    """The admin page of a journal entry shows labels and names, not the stored JSON."""
    superuser = UserFactory.create(email="root@region.example", is_staff=True, is_superuser=True)
    atelier = organisation("Atelier Lumière")
    organisation_update(actor=superuser, organisation=atelier, data={"headcount_bracket": "12"})
    entry = AuditEntry.objects.filter(action="update").latest("pk")

    text = text_of(client, superuser, reverse("admin:audit_auditentry_change", args=[entry.pk]))

    assert "Tranche d'effectif</strong> : — → 20 à 49 salariés" in text
    assert '"old"' not in text
