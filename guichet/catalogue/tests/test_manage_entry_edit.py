"""Editing entries that already exist: training sessions, scheme territories, revisions."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.audit.models import AuditEntry
from guichet.catalogue.models import Scheme, Training, TrainingSession
from guichet.catalogue.services import entry_create, entry_transition
from guichet.catalogue.workflow import RevisionStatus, Status
from guichet.organisations.models import Organisation, Role

pytestmark = pytest.mark.django_db


def publish(entry: Training | Scheme, owner: User, moderator: User) -> None:
    entry_transition(actor=owner, entry=entry, name="submit")
    entry_transition(actor=moderator, entry=entry, name="publish")


def session_data(training: Training, *rows: dict[str, str]) -> dict[str, str]:
    """The formset's fields for the training's sessions, then ``rows`` for them in order."""
    sessions = list(training.sessions.order_by("starts_on"))
    data = {
        "sessions-TOTAL_FORMS": str(len(rows)),
        "sessions-INITIAL_FORMS": str(len(sessions)),
    }
    for index, row in enumerate(rows):
        if index < len(sessions):
            data[f"sessions-{index}-id"] = str(sessions[index].pk)
            data[f"sessions-{index}-training"] = str(training.pk)
        for key, value in row.items():
            data[f"sessions-{index}-{key}"] = value
    return data


@pytest.fixture
def training(alice: User, moderator: User, provider_a: Organisation) -> Training:
    provider_a.roles.add(Role.objects.get(code="training_body"))
    training = entry_create(
        actor=alice, model=Training, owner=provider_a, data={"title": "Découvrir l'IA"}
    )
    TrainingSession.objects.create(training=training, starts_on=datetime.date(2026, 3, 2), seats=10)
    TrainingSession.objects.create(training=training, starts_on=datetime.date(2026, 4, 6), seats=8)
    publish(training, alice, moderator)
    return training


def test_sessions_of_a_published_training_change_at_once_and_are_journaled(
    client: Client, alice: User, training: Training
) -> None:
    """Seats changed, a session deleted, one added: saved at once, journaled, no revision."""
    client.force_login(alice)
    url = reverse("catalogue_manage:entry_edit", kwargs={"kind": "formations", "pk": training.pk})
    data = {"title": "Découvrir l'IA"}
    data |= session_data(
        training,
        {"starts_on": "2026-03-02", "seats": "12"},
        {"starts_on": "2026-04-06", "seats": "8", "DELETE": "on"},
        {"starts_on": "2026-05-11", "seats": "6"},
    )

    response = client.post(url, data)

    assert response.status_code == 302, response.context["sessions"].errors
    training.refresh_from_db()
    assert [(s.starts_on.isoformat(), s.seats) for s in training.sessions.all()] == [
        ("2026-03-02", 12),
        ("2026-05-11", 6),
    ]
    assert training.revision_status == RevisionStatus.NONE
    journal = AuditEntry.objects.filter(object_id=str(training.pk)).first()
    assert journal is not None
    assert journal.changes["sessions"]["new"] == ["02/03/2026, 12 places", "11/05/2026, 6 places"]


def test_bob_cannot_touch_alices_sessions(client: Client, bob: User, training: Training) -> None:
    """Bob's POST to Alice's training leaves its sessions alone."""
    client.force_login(bob)
    url = reverse("catalogue_manage:entry_edit", kwargs={"kind": "formations", "pk": training.pk})

    response = client.post(
        url, {"title": "X"} | session_data(training, {"starts_on": "2026-03-02", "DELETE": "on"})
    )

    assert response.status_code == 403
    assert training.sessions.count() == 2


@pytest.fixture
def scheme(alice: User, moderator: User, provider_a: Organisation) -> Scheme:
    provider_a.roles.add(Role.objects.get(code="financer"))
    scheme = entry_create(
        actor=alice,
        model=Scheme,
        owner=provider_a,
        data={"title": "Chèque IA", "geo_included": ["REG-93"], "geo_excluded": ["DEP-05"]},
    )
    publish(scheme, alice, moderator)
    return scheme


def test_the_scheme_form_shows_its_territories(client: Client, alice: User, scheme: Scheme) -> None:
    """The edit form of a scheme shows its geographic codes as text."""
    client.force_login(alice)

    form = client.get(
        reverse("catalogue_manage:entry_edit", kwargs={"kind": "dispositifs", "pk": scheme.pk})
    ).context["form"]

    assert 'value="REG-93"' in str(form["geo_included"])
    assert 'value="DEP-05"' in str(form["geo_excluded"])


def test_a_scheme_revision_changes_territories_only_once_published(
    client: Client, alice: User, moderator: User, scheme: Scheme
) -> None:
    """New territories wait in the revision, are compared on the review page, then applied."""
    client.force_login(alice)
    client.post(
        reverse("catalogue_manage:entry_edit", kwargs={"kind": "dispositifs", "pk": scheme.pk}),
        {"title": "Chèque IA", "geo_included": "REG-93 | DEP-2A", "geo_excluded": "DEP-05"},
    )
    scheme.refresh_from_db()
    assert scheme.status == Status.PUBLISHED
    assert sorted(str(t) for t in scheme.territories.all()) == ["+REG-93", "-DEP-05"]

    client.force_login(moderator)
    review = client.get(
        reverse("catalogue_manage:review", kwargs={"kind": "dispositifs", "pk": scheme.pk})
    )
    changes = {c.name: (c.old, c.new) for c in review.context["changes"]}
    assert changes == {"geo_included": ("REG-93", "DEP-2A, REG-93")}

    entry_transition(actor=moderator, entry=scheme, name="publish_revision")
    assert sorted(str(t) for t in scheme.territories.all()) == ["+DEP-2A", "+REG-93", "-DEP-05"]


def test_an_archived_entry_cannot_be_edited(client: Client, alice: User, scheme: Scheme) -> None:
    """An archived entry's edit page explains it must be republished first."""
    entry_transition(actor=alice, entry=scheme, name="archive")
    client.force_login(alice)
    url = reverse("catalogue_manage:entry_edit", kwargs={"kind": "dispositifs", "pk": scheme.pk})

    page = client.get(url).content.decode()
    client.post(url, {"title": "Changé"})

    assert "republiez-la" in page
    scheme.refresh_from_db()
    assert scheme.title == "Chèque IA"
