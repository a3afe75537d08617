"""The Region's review queue: what waits, oldest first, counted per kind, and the decisions."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guichet.accounts.models import User
from guichet.catalogue.models import Event, Place, Scheme, Solution, Training
from guichet.catalogue.models.base import Publishable
from guichet.catalogue.services import entry_create, entry_edit, entry_transition
from guichet.catalogue.workflow import Status
from guichet.organisations.models import Organisation

QUEUE = "/espace/moderation/"


def submit(entry: Publishable, actor: User, minutes_ago: int) -> None:
    entry_transition(actor=actor, entry=entry, name="submit")
    type(entry).objects.filter(pk=entry.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )


@pytest.fixture
def waiting(alice: User, moderator: User, provider_a: Organisation) -> dict[str, Publishable]:
    """One waiting entry of each kind, plus a published one with a pending revision."""
    kinds: dict[str, tuple[type[Publishable], dict[str, object]]] = {
        "solution": (Solution, {}),
        "training": (Training, {}),
        "scheme": (Scheme, {}),
        "event": (Event, {"starts_at": "2026-06-01T09:00:00+02:00", "is_online": True}),
        "place": (Place, {}),
    }
    entries: dict[str, Publishable] = {}
    for minutes, (name, (model, extra)) in zip((50, 40, 30, 20, 10), kinds.items(), strict=True):
        entry = entry_create(
            actor=alice, model=model, owner=provider_a, data={"title": f"À relire {name}", **extra}
        )
        submit(entry, alice, minutes)
        entries[name] = entry
    online = entry_create(actor=alice, model=Solution, owner=provider_a, data={"title": "En ligne"})
    submit(online, alice, 100)
    entry_transition(actor=moderator, entry=online, name="publish")
    entry_edit(actor=alice, entry=online, data={"title": "En ligne, modifiée"})
    Solution.objects.filter(pk=online.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    entries["revision"] = online
    entry_create(actor=alice, model=Solution, owner=provider_a, data={"title": "Brouillon"})
    return entries


def test_the_queue_lists_every_kind_oldest_first(
    client: Client, moderator: User, waiting: dict[str, Publishable]
) -> None:
    """New entries of every kind and pending revisions, the oldest submission first; no drafts."""
    client.force_login(moderator)

    response = client.get(QUEUE)

    titles = [item.entry.title for item in response.context["queue"].items]
    assert titles == [
        "À relire solution",
        "À relire training",
        "À relire scheme",
        "À relire event",
        "À relire place",
        "En ligne",
    ]
    page = response.content.decode()
    assert "Modification d'une fiche publiée" in page
    assert "Brouillon" not in titles


def test_the_queue_counts_per_kind(
    client: Client, moderator: User, waiting: dict[str, Publishable]
) -> None:
    """Each kind shows how many entries wait; a kind can be shown alone."""
    client.force_login(moderator)

    queue = client.get(QUEUE).context["queue"]
    assert {kind.code: count for kind, count in queue.counts} == {
        "solutions": 2,
        "formations": 1,
        "dispositifs": 1,
        "evenements": 1,
        "lieux": 1,
    }
    assert queue.total == 6

    only = client.get(QUEUE, {"type": "solutions"}).context["queue"]
    assert [item.entry.title for item in only.items] == ["À relire solution", "En ligne"]


def test_the_review_page_shows_the_entry_and_its_journal(
    client: Client, moderator: User, waiting: dict[str, Publishable]
) -> None:
    """The review page shows the entry's fields, its journal and the two decisions."""
    client.force_login(moderator)
    entry = waiting["solution"]

    response = client.get(
        reverse("catalogue_manage:review", kwargs={"kind": "solutions", "pk": entry.pk})
    )

    page = response.content.decode()
    assert "À relire solution" in page
    assert "changement d&#x27;état" in page  # the journal's submission
    assert "alice@vision-alpes.example" in page
    assert '<label for="id_reason">Motif du refus' in page
    assert 'value="publish"' in page
    assert 'value="reject"' in page


def test_refusing_without_reason_is_refused_on_the_textarea(
    client: Client, moderator: User, waiting: dict[str, Publishable]
) -> None:
    """ "Refuser" with an empty reason shows the error under the reason; the entry still waits."""
    client.force_login(moderator)
    entry = waiting["training"]
    url = reverse("catalogue_manage:review", kwargs={"kind": "formations", "pk": entry.pk})

    response = client.post(url, {"transition": "reject", "reason": ""})

    assert response.status_code == 200
    assert "motif du refus" in " ".join(response.context["form"].errors["reason"])
    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED


def test_refusing_with_a_reason_leaves_the_queue(
    client: Client, moderator: User, waiting: dict[str, Publishable]
) -> None:
    """A refused entry leaves the queue and keeps the reason."""
    client.force_login(moderator)
    entry = waiting["scheme"]
    url = reverse("catalogue_manage:review", kwargs={"kind": "dispositifs", "pk": entry.pk})

    response = client.post(
        url, {"transition": "reject", "reason": "Montants manquants."}, follow=True
    )

    entry.refresh_from_db()
    assert entry.status == Status.REJECTED
    assert entry.rejection_reason == "Montants manquants."
    assert "À relire scheme" not in [i.entry.title for i in response.context["queue"].items]


def test_publishing_a_revision_from_the_review_page(
    client: Client, moderator: User, waiting: dict[str, Publishable]
) -> None:
    """ "Publier la modification" applies the pending edit to the public entry."""
    client.force_login(moderator)
    entry = waiting["revision"]
    url = reverse("catalogue_manage:review", kwargs={"kind": "solutions", "pk": entry.pk})

    client.post(url, {"transition": "publish_revision"})

    entry.refresh_from_db()
    assert entry.title == "En ligne, modifiée"
    assert entry.revision is None


def test_the_empty_queue_says_so(client: Client, moderator: User) -> None:
    """With nothing waiting, the queue says so."""
    client.force_login(moderator)

    assert "Aucune fiche n'attend de décision." in client.get(QUEUE).content.decode()
