"""The owner's members learn the moderator's decision by e-mail, with the reason of a refusal."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail

from guichet.accounts.models import User
from guichet.accounts.tests.factories import UserFactory
from guichet.catalogue.models import Solution
from guichet.catalogue.services import entry_create, entry_edit, entry_transition
from guichet.organisations.models import Organisation
from guichet.organisations.tests.factories import MembershipFactory

CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@pytest.fixture
def submitted(alice: User, provider_a: Organisation) -> Solution:
    solution = entry_create(
        actor=alice, model=Solution, owner=provider_a, data={"title": "Assistant RH"}
    )
    return entry_transition(actor=alice, entry=solution, name="submit")


def test_a_refusal_mails_the_reason_to_every_member(
    submitted: Solution,
    moderator: User,
    provider_a: Organisation,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    """Every active member of the owner receives the refusal and its reason; nobody else."""
    colleague = UserFactory.create(email="chloe@vision-alpes.example")
    MembershipFactory.create(user=colleague, organisation=provider_a)
    gone = UserFactory.create(email="ancien@vision-alpes.example", is_active=False)
    MembershipFactory.create(user=gone, organisation=provider_a)

    with django_capture_on_commit_callbacks(execute=True):
        entry_transition(
            actor=moderator,
            entry=submitted,
            name="reject",
            reason="Précisez les données traitées et leur hébergement.",
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["alice@vision-alpes.example", "chloe@vision-alpes.example"]
    assert "Assistant RH" in message.subject
    assert "refusée" in message.subject
    assert "Précisez les données traitées et leur hébergement." in message.body


def test_a_publication_is_mailed_without_reason(
    submitted: Solution,
    moderator: User,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    """Publishing tells the owner the entry is online."""
    with django_capture_on_commit_callbacks(execute=True):
        entry_transition(actor=moderator, entry=submitted, name="publish")

    assert len(mail.outbox) == 1
    assert "a été publiée" in mail.outbox[0].subject
    assert "Motif" not in mail.outbox[0].body


def test_a_refused_revision_is_mailed_with_its_reason(
    submitted: Solution,
    alice: User,
    moderator: User,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    """Refusing the edit of a published entry mails its reason too."""
    entry_transition(actor=moderator, entry=submitted, name="publish")
    entry_edit(actor=alice, entry=submitted, data={"title": "Assistant RH magique"})

    with django_capture_on_commit_callbacks(execute=True):
        entry_transition(
            actor=moderator, entry=submitted, name="reject_revision", reason="Titre trompeur."
        )

    assert len(mail.outbox) == 1
    assert "Titre trompeur." in mail.outbox[0].body


def test_submitting_mails_nobody(
    alice: User,
    provider_a: Organisation,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    """Only the moderator's decisions are mailed, not the owner's own actions."""
    solution = entry_create(actor=alice, model=Solution, owner=provider_a, data={"title": "X"})

    with django_capture_on_commit_callbacks(execute=True):
        entry_transition(actor=alice, entry=solution, name="submit")

    assert mail.outbox == []
