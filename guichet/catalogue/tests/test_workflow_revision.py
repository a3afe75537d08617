"""A published entry edited by its owner stays online, unchanged, until its edit is published."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.catalogue.models import Solution
from guichet.catalogue.services import entry_create, entry_edit, entry_transition
from guichet.catalogue.workflow import RevisionStatus, Status
from guichet.organisations.models import Organisation


@pytest.fixture
def published(alice: User, moderator: User, provider_a: Organisation) -> Solution:
    solution = entry_create(
        actor=alice,
        model=Solution,
        owner=provider_a,
        data={"title": "Tri de factures", "summary": "Lit vos factures.", "techniques": ["vision"]},
    )
    entry_transition(actor=alice, entry=solution, name="submit")
    entry_transition(actor=moderator, entry=solution, name="publish")
    return solution


def test_an_edit_waits_as_a_revision_and_the_public_version_stays(
    published: Solution, alice: User
) -> None:
    """The owner's edit is stored aside: title, summary and techniques stay as published."""
    entry_edit(
        actor=alice,
        entry=published,
        data={"title": "Tri intelligent de factures", "techniques": ["language"]},
    )

    stored = Solution.objects.get(pk=published.pk)
    assert stored.status == Status.PUBLISHED
    assert stored.title == "Tri de factures"
    assert list(stored.techniques.values_list("code", flat=True)) == ["vision"]
    assert stored.revision_status == RevisionStatus.SUBMITTED
    assert stored.revision == {"title": "Tri intelligent de factures", "techniques": ["language"]}
    assert Solution.objects.published().filter(pk=published.pk).exists()


def test_publishing_the_revision_applies_it(
    published: Solution, alice: User, moderator: User
) -> None:
    """Once the moderator publishes the revision, the public entry carries the edit."""
    entry_edit(
        actor=alice,
        entry=published,
        data={"title": "Tri intelligent de factures", "techniques": ["language"]},
    )

    entry_transition(actor=moderator, entry=published, name="publish_revision")

    stored = Solution.objects.get(pk=published.pk)
    assert stored.title == "Tri intelligent de factures"
    assert list(stored.techniques.values_list("code", flat=True)) == ["language"]
    assert stored.revision is None
    assert stored.revision_status == RevisionStatus.NONE
    assert stored.status == Status.PUBLISHED


def test_a_refused_revision_leaves_the_public_version_and_gives_the_reason(
    published: Solution, alice: User, moderator: User
) -> None:
    """A refused revision changes nothing public; the owner reads why."""
    entry_edit(actor=alice, entry=published, data={"title": "Le meilleur outil du monde"})

    entry_transition(
        actor=moderator, entry=published, name="reject_revision", reason="Pas de superlatifs."
    )

    stored = Solution.objects.get(pk=published.pk)
    assert stored.title == "Tri de factures"
    assert stored.status == Status.PUBLISHED
    assert stored.revision_status == RevisionStatus.REJECTED
    assert stored.rejection_reason == "Pas de superlatifs."


def test_no_second_edit_while_one_waits(published: Solution, alice: User) -> None:
    """While a revision waits for review, another edit is refused."""
    entry_edit(actor=alice, entry=published, data={"title": "Version 2"})

    with pytest.raises(ValidationError):
        entry_edit(actor=alice, entry=published, data={"title": "Version 3"})


def test_the_review_page_compares_old_and_proposed_values(
    client: Client, published: Solution, alice: User, moderator: User
) -> None:
    """The moderator sees each changed field, public value → proposed value, in words."""
    entry_edit(
        actor=alice,
        entry=published,
        data={"title": "Tri intelligent de factures", "techniques": ["language"]},
    )
    client.force_login(moderator)

    response = client.get(
        reverse("catalogue_manage:review", kwargs={"kind": "solutions", "pk": published.pk})
    )

    changes = {c.name: (c.old, c.new) for c in response.context["changes"]}
    assert changes == {
        "title": ("Tri de factures", "Tri intelligent de factures"),
        "techniques": ("Vision par ordinateur", "Langage et grands modèles de langage (LLM)"),
    }
    page = response.content.decode()
    assert "Publier la modification" in page
    assert "Refuser la modification" in page


def test_the_owner_space_shows_the_pending_revision(
    client: Client, published: Solution, alice: User
) -> None:
    """The owner's entry page shows the revision state and the proposed change, and no edit form."""
    entry_edit(actor=alice, entry=published, data={"title": "Version 2"})
    client.force_login(alice)

    detail = client.get(
        reverse("catalogue_manage:entry_detail", kwargs={"kind": "solutions", "pk": published.pk})
    ).content.decode()
    edit = client.get(
        reverse("catalogue_manage:entry_edit", kwargs={"kind": "solutions", "pk": published.pk})
    )

    assert "Modification en attente de modération" in detail
    assert "Version 2" in detail
    assert edit.context["locked"]
    assert '<form method="post" class="form"' not in edit.content.decode()
