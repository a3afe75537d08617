"""The provider space lists the organisation's entries, their state, reasons and buttons."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.catalogue.manage.selectors import available_actions
from guichet.catalogue.models import Event, Solution
from guichet.catalogue.services import entry_create, entry_edit, entry_transition
from guichet.catalogue.workflow import Actor, RevisionStatus, Status
from guichet.organisations.models import Organisation, Role


def test_entries_are_listed_with_their_state(
    client: Client, alice: User, moderator: User, provider_a: Organisation
) -> None:
    """Each entry shows its state, and a published one its pending revision."""
    draft = entry_create(
        actor=alice, model=Solution, owner=provider_a, data={"title": "Brouillon A"}
    )
    online = entry_create(
        actor=alice, model=Solution, owner=provider_a, data={"title": "En ligne B"}
    )
    entry_transition(actor=alice, entry=online, name="submit")
    entry_transition(actor=moderator, entry=online, name="publish")
    entry_edit(actor=alice, entry=online, data={"title": "En ligne B, version 2"})
    client.force_login(alice)

    response = client.get(reverse("catalogue_manage:dashboard"))

    page = response.content.decode()
    assert "Vision Alpes" in page
    assert draft.title in page
    assert "Publiée" in page
    assert "Modification en attente de modération" in page
    assert "Ajouter une solution d&#x27;IA" in page
    assert "Ajouter un événement" in page
    assert "Ajouter une formation" not in page


def test_the_rejection_reason_is_shown_prominently(
    client: Client, alice: User, moderator: User, provider_a: Organisation
) -> None:
    """A refused entry appears under "À corriger" with the moderator's reason."""
    solution = entry_create(
        actor=alice, model=Solution, owner=provider_a, data={"title": "Chatbot"}
    )
    entry_transition(actor=alice, entry=solution, name="submit")
    entry_transition(
        actor=moderator, entry=solution, name="reject", reason="Indiquez l'hébergement."
    )
    client.force_login(alice)

    page = client.get(reverse("catalogue_manage:dashboard")).content.decode()

    assert "À corriger" in page
    assert "Indiquez l&#x27;hébergement." in page


def test_only_allowed_buttons_are_shown(
    client: Client, alice: User, provider_a: Organisation
) -> None:
    """A draft offers "submit" to its owner, never "publish"."""
    entry_create(actor=alice, model=Solution, owner=provider_a, data={"title": "Prévision"})
    client.force_login(alice)

    response = client.get(reverse("catalogue_manage:dashboard"))

    row = response.context["spaces"][0].sections[0].rows[0]
    assert [t.name for t in row.buttons] == ["submit"]
    page = response.content.decode()
    assert 'value="submit"' in page
    assert 'value="publish"' not in page


@pytest.mark.parametrize(
    ("state", "revision_state", "revision", "owner_actions", "moderator_actions"),
    [
        (Status.DRAFT, "", None, ["submit"], ["submit"]),
        (Status.SUBMITTED, "", None, [], ["publish", "reject"]),
        (Status.REJECTED, "", None, ["redraft"], ["redraft"]),
        (Status.PUBLISHED, "", None, ["archive"], ["archive"]),
        (Status.ARCHIVED, "", None, ["republish"], ["republish"]),
        (
            Status.PUBLISHED,
            RevisionStatus.SUBMITTED,
            {"title": "v2"},
            ["archive"],
            ["archive", "publish_revision", "reject_revision"],
        ),
        (
            Status.PUBLISHED,
            RevisionStatus.REJECTED,
            {"title": "v2"},
            ["archive", "submit_revision"],
            ["archive", "submit_revision"],
        ),
    ],
)
def test_actions_come_from_the_workflow_table(
    state: str,
    revision_state: str,
    revision: dict[str, str] | None,
    owner_actions: list[str],
    moderator_actions: list[str],
) -> None:
    """The actions offered are exactly those the table allows, revisions included."""
    entry = Solution(status=state, revision_status=revision_state, revision=revision)

    assert [t.name for t in available_actions(entry, {Actor.OWNER})] == owner_actions
    assert [t.name for t in available_actions(entry, {Actor.MODERATOR})] == moderator_actions
    assert available_actions(entry, set()) == []


def test_organisations_without_a_catalogue_role_are_told_so(
    client: Client, alice: User, provider_a: Organisation
) -> None:
    """An SME member sees no add button and an explanation."""
    provider_a.roles.set([Role.objects.get(code="sme")])
    client.force_login(alice)

    page = client.get(reverse("catalogue_manage:dashboard")).content.decode()

    assert "ne prévoit pas de fiche" in page
    assert "Ajouter" not in page


def test_entries_of_kinds_the_role_does_not_publish_still_show(
    client: Client, alice: User, provider_a: Organisation
) -> None:
    """Entries held before a role change stay listed, without an add button."""
    provider_a.roles.set([Role.objects.get(code="sme")])
    entry_create(
        actor=alice,
        model=Event,
        owner=provider_a,
        data={
            "title": "Atelier ancien",
            "starts_at": "2026-01-10T10:00:00+01:00",
            "is_online": True,
        },
    )
    client.force_login(alice)

    page = client.get(reverse("catalogue_manage:dashboard")).content.decode()

    assert "Atelier ancien" in page
    assert "Ajouter un événement" not in page


def test_moderators_see_the_queue_count(
    client: Client, alice: User, moderator: User, provider_a: Organisation
) -> None:
    """A moderator's space links to the review queue with the number waiting."""
    solution = entry_create(actor=alice, model=Solution, owner=provider_a, data={"title": "X"})
    entry_transition(actor=alice, entry=solution, name="submit")
    client.force_login(moderator)

    page = client.get(reverse("catalogue_manage:dashboard")).content.decode()

    assert "File de modération" in page
    assert "1 fiche attend une décision." in page
