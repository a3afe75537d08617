"""Permission stories of the provider space: who may see, edit, submit and decide."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from guichet.accounts.models import User
from guichet.catalogue.models import Solution
from guichet.catalogue.services import entry_create, entry_transition
from guichet.catalogue.workflow import Status
from guichet.organisations.models import Organisation


@pytest.fixture
def solution(alice: User, provider_a: Organisation) -> Solution:
    return entry_create(
        actor=alice, model=Solution, owner=provider_a, data={"title": "Vision qualité"}
    )


def url(name: str, entry: Solution) -> str:
    return reverse(f"catalogue_manage:{name}", kwargs={"kind": "solutions", "pk": entry.pk})


@pytest.mark.parametrize(
    "path",
    [
        "/espace/",
        "/espace/moderation/",
        "/espace/ajouter/solutions/vision-alpes/",
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(
    client: Client, path: str, provider_a: Organisation
) -> None:
    """Every page of the space asks a signed-out visitor to sign in first."""
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["entry_detail", "entry_edit", "review"])
def test_anonymous_visitors_cannot_open_an_entry(
    client: Client, solution: Solution, name: str
) -> None:
    """An entry's pages redirect a signed-out visitor to the sign-in page."""
    response = client.get(url(name, solution))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_visitors_cannot_submit(client: Client, solution: Solution) -> None:
    """A signed-out POST to the workflow changes nothing."""
    response = client.post(url("entry_transition", solution), {"transition": "submit"})

    assert response.status_code == 302
    solution.refresh_from_db()
    assert solution.status == Status.DRAFT


@pytest.mark.parametrize("name", ["entry_detail", "entry_edit"])
def test_bob_cannot_open_alices_entry(
    client: Client, bob: User, solution: Solution, name: str
) -> None:
    """Bob, of another provider, is refused on Alice's entry pages."""
    client.force_login(bob)

    assert client.get(url(name, solution)).status_code == 403


def test_bob_cannot_edit_alices_entry(client: Client, bob: User, solution: Solution) -> None:
    """Bob's POST to Alice's edit page is refused and the title stays."""
    client.force_login(bob)

    response = client.post(
        url("entry_edit", solution), {"title": "Piraté", "ai_act_risk": "unknown"}
    )

    assert response.status_code == 403
    solution.refresh_from_db()
    assert solution.title == "Vision qualité"


def test_bob_cannot_submit_alices_entry(client: Client, bob: User, solution: Solution) -> None:
    """Bob cannot press Alice's "submit" button."""
    client.force_login(bob)

    response = client.post(url("entry_transition", solution), {"transition": "submit"})

    assert response.status_code == 403
    solution.refresh_from_db()
    assert solution.status == Status.DRAFT


def test_bob_cannot_add_entries_for_alices_organisation(
    client: Client, bob: User, provider_a: Organisation
) -> None:
    """Bob cannot create an entry owned by Alice's organisation."""
    client.force_login(bob)

    path = reverse(
        "catalogue_manage:entry_create",
        kwargs={"kind": "solutions", "organisation": provider_a.slug},
    )
    assert client.post(path, {"title": "Intrus"}).status_code == 403
    assert not Solution.objects.filter(title="Intrus").exists()


def test_alice_can_submit_her_entry(client: Client, alice: User, solution: Solution) -> None:
    """Alice's "submit" button sends her draft to review."""
    client.force_login(alice)

    response = client.post(url("entry_transition", solution), {"transition": "submit"}, follow=True)

    solution.refresh_from_db()
    assert solution.status == Status.SUBMITTED
    assert "soumise à la modération" in response.content.decode()


def test_alice_cannot_publish_her_own_entry(
    client: Client, alice: User, solution: Solution
) -> None:
    """Publishing is the moderator's: Alice's attempt is refused and the entry stays submitted."""
    entry_transition(actor=alice, entry=solution, name="submit")
    client.force_login(alice)

    response = client.post(url("entry_transition", solution), {"transition": "publish"})

    assert response.status_code == 403
    solution.refresh_from_db()
    assert solution.status == Status.SUBMITTED


def test_alice_cannot_open_the_review_queue(
    client: Client, alice: User, solution: Solution
) -> None:
    """The review queue and review pages answer 403 to providers."""
    client.force_login(alice)

    assert client.get(reverse("catalogue_manage:review_queue")).status_code == 403
    assert client.get(url("review", solution)).status_code == 403
    assert client.post(url("review", solution), {"transition": "publish"}).status_code == 403


def test_a_wrong_state_is_explained_not_forbidden(
    client: Client, alice: User, solution: Solution
) -> None:
    """Submitting an entry twice is refused with a message, not an error page."""
    entry_transition(actor=alice, entry=solution, name="submit")
    client.force_login(alice)

    response = client.post(url("entry_transition", solution), {"transition": "submit"}, follow=True)

    assert response.status_code == 200
    assert "n&#x27;est pas possible depuis l&#x27;état actuel" in response.content.decode()


def test_the_moderator_can_open_and_edit_any_entry(
    client: Client, moderator: User, solution: Solution
) -> None:
    """A Region moderator opens and corrects an entry of any organisation."""
    client.force_login(moderator)

    assert client.get(url("entry_detail", solution)).status_code == 200
    client.post(
        url("entry_edit", solution),
        {"title": "Vision qualité industrielle", "ai_act_risk": "unknown"},
    )
    solution.refresh_from_db()
    assert solution.title == "Vision qualité industrielle"


def test_the_moderator_publishes_from_the_review_page(
    client: Client, alice: User, moderator: User, solution: Solution
) -> None:
    """The moderator's "Publier" puts a submitted entry online and returns to the queue."""
    entry_transition(actor=alice, entry=solution, name="submit")
    client.force_login(moderator)

    response = client.post(url("review", solution), {"transition": "publish"})

    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue_manage:review_queue")
    solution.refresh_from_db()
    assert solution.status == Status.PUBLISHED


def test_a_stale_decision_is_refused_with_a_message(
    client: Client, alice: User, moderator: User, solution: Solution
) -> None:
    """Publishing an entry that is no longer waiting tells the moderator why."""
    client.force_login(moderator)

    response = client.post(url("review", solution), {"transition": "publish"})

    assert response.status_code == 200
    assert "a changé d&#x27;état" in response.content.decode()
    solution.refresh_from_db()
    assert solution.status == Status.DRAFT


def test_next_never_leaves_the_site(client: Client, alice: User, solution: Solution) -> None:
    """The return address after a button is ignored when it points to another site."""
    client.force_login(alice)

    response = client.post(
        url("entry_transition", solution),
        {"transition": "submit", "next": "https://malveillant.example/"},
    )

    assert response["Location"] == url("entry_detail", solution)
