"""The publication workflow table: every transition, for every kind of actor, from every state."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from guichet.accounts.models import User
from guichet.audit.models import AuditEntry
from guichet.catalogue.models import Solution
from guichet.catalogue.services import entry_create, entry_edit, entry_transition
from guichet.catalogue.workflow import (
    REVISION_TRANSITIONS,
    TRANSITIONS,
    Actor,
    RevisionStatus,
    Status,
    allowed,
)
from guichet.organisations.models import Organisation

# The table as the issue states it: name -> (from, to, who).
OWNER_AND_MODERATOR = {Actor.OWNER, Actor.MODERATOR}
EXPECTED = {
    "submit": ({Status.DRAFT}, Status.SUBMITTED, OWNER_AND_MODERATOR),
    "publish": ({Status.SUBMITTED}, Status.PUBLISHED, {Actor.MODERATOR}),
    "reject": ({Status.SUBMITTED}, Status.REJECTED, {Actor.MODERATOR}),
    "redraft": ({Status.REJECTED}, Status.DRAFT, OWNER_AND_MODERATOR),
    "archive": ({Status.PUBLISHED}, Status.ARCHIVED, OWNER_AND_MODERATOR),
    "republish": ({Status.ARCHIVED}, Status.SUBMITTED, OWNER_AND_MODERATOR),
}
EXPECTED_REVISIONS = {
    "submit_revision": (
        {RevisionStatus.NONE, RevisionStatus.REJECTED},
        RevisionStatus.SUBMITTED,
        OWNER_AND_MODERATOR,
    ),
    "publish_revision": ({RevisionStatus.SUBMITTED}, RevisionStatus.NONE, {Actor.MODERATOR}),
    "reject_revision": ({RevisionStatus.SUBMITTED}, RevisionStatus.REJECTED, {Actor.MODERATOR}),
}
# The people of the permission stories, by the role they hold on alice's entry.
ACTORS = {"owner": {Actor.OWNER}, "moderator": {Actor.MODERATOR}, "other": set()}


@pytest.fixture
def people(alice: User, bob: User, moderator: User) -> dict[str, User]:
    return {"owner": alice, "moderator": moderator, "other": bob}


def entry_in(state: str, owner: Organisation, actor: User, **extra: object) -> Solution:
    entry = entry_create(actor=actor, model=Solution, owner=owner, data={"title": "Vision"})
    Solution.objects.filter(pk=entry.pk).update(status=state, **extra)
    entry.refresh_from_db()
    return entry


def test_the_table_is_the_one_the_issue_describes() -> None:
    """draft → submitted → published → archived, submitted → rejected → draft, and who does each."""
    table = {t.name: (set(t.source), t.target, set(t.who)) for t in TRANSITIONS.values()}
    revisions = {
        t.name: (set(t.source), t.target, set(t.who)) for t in REVISION_TRANSITIONS.values()
    }

    assert table == EXPECTED
    assert revisions == EXPECTED_REVISIONS
    assert [t.name for t in TRANSITIONS.values() if t.needs_reason] == ["reject"]
    assert [t.name for t in REVISION_TRANSITIONS.values() if t.needs_reason] == ["reject_revision"]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("state", Status.values)
@pytest.mark.parametrize("name", TRANSITIONS)
def test_allowed_reads_the_table(name: str, state: str, actor: str) -> None:
    """``allowed`` permits a transition only from its source states and to the actors it names."""
    source, _target, who = EXPECTED[name]

    assert allowed(TRANSITIONS[name], state, ACTORS[actor]) == (
        state in source and bool(who & ACTORS[actor])
    )


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("state", Status.values)
@pytest.mark.parametrize("name", TRANSITIONS)
def test_the_service_applies_the_table(
    name: str,
    state: str,
    actor: str,
    people: dict[str, User],
    provider_a: Organisation,
) -> None:
    """``entry_transition`` moves the entry when the table allows it, and refuses otherwise:
    PermissionDenied for an actor the transition does not name, ValidationError for a wrong state.
    """
    source, target, who = EXPECTED[name]
    entry = entry_in(state, provider_a, people["owner"])

    if not who & ACTORS[actor]:
        with pytest.raises(PermissionDenied):
            entry_transition(actor=people[actor], entry=entry, name=name, reason="Motif")
    elif state not in source:
        with pytest.raises(ValidationError):
            entry_transition(actor=people[actor], entry=entry, name=name, reason="Motif")
    else:
        entry_transition(actor=people[actor], entry=entry, name=name, reason="Motif")
    entry.refresh_from_db()
    expected = target if (who & ACTORS[actor] and state in source) else state
    assert entry.status == expected


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("revision_state", RevisionStatus.values)
@pytest.mark.parametrize("name", REVISION_TRANSITIONS)
def test_the_service_applies_the_revision_table(
    name: str,
    revision_state: str,
    actor: str,
    people: dict[str, User],
    provider_a: Organisation,
) -> None:
    """Revisions of a published entry follow their own table; the entry stays published."""
    source, target, who = EXPECTED_REVISIONS[name]
    entry = entry_in(
        Status.PUBLISHED,
        provider_a,
        people["owner"],
        revision={"title": "Vision 2"},
        revision_status=revision_state,
    )
    permitted = bool(who & ACTORS[actor]) and revision_state in source

    if not who & ACTORS[actor]:
        with pytest.raises(PermissionDenied):
            entry_transition(actor=people[actor], entry=entry, name=name, reason="Motif")
    elif not permitted:
        with pytest.raises(ValidationError):
            entry_transition(actor=people[actor], entry=entry, name=name, reason="Motif")
    else:
        entry_transition(actor=people[actor], entry=entry, name=name, reason="Motif")
    entry.refresh_from_db()
    assert entry.status == Status.PUBLISHED
    assert entry.revision_status == (target if permitted else revision_state)


@pytest.mark.parametrize("name", [*TRANSITIONS, *REVISION_TRANSITIONS])
def test_an_anonymous_visitor_takes_no_transition(
    name: str, alice: User, provider_a: Organisation
) -> None:
    """Nobody signed out may move an entry, whatever the transition."""
    entry = entry_in(Status.SUBMITTED, provider_a, alice)

    with pytest.raises(PermissionDenied):
        entry_transition(actor=AnonymousUser(), entry=entry, name=name, reason="Motif")


@pytest.mark.parametrize("name", ["reject", "reject_revision"])
def test_refusing_needs_a_reason(
    name: str, alice: User, moderator: User, provider_a: Organisation
) -> None:
    """A refusal without a reason (or only spaces) is refused, and nothing changes."""
    entry = entry_in(
        Status.PUBLISHED if name == "reject_revision" else Status.SUBMITTED,
        provider_a,
        alice,
        revision={"title": "Vision 2"},
        revision_status=RevisionStatus.SUBMITTED,
    )
    before = (entry.status, entry.revision_status)

    with pytest.raises(ValidationError) as refused:
        entry_transition(actor=moderator, entry=entry, name=name, reason="   ")

    assert "reason" in refused.value.message_dict
    entry.refresh_from_db()
    assert (entry.status, entry.revision_status) == before


def test_a_refusal_keeps_its_reason_and_a_new_submission_clears_it(
    alice: User, moderator: User, provider_a: Organisation
) -> None:
    """The reason is kept on the refused entry until the owner submits it again."""
    entry = entry_in(Status.SUBMITTED, provider_a, alice)

    entry_transition(actor=moderator, entry=entry, name="reject", reason="Ajoutez un prix.")
    assert entry.rejection_reason == "Ajoutez un prix."
    entry_edit(actor=alice, entry=entry, data={"price_range": "on_quote"})
    assert entry.status == Status.DRAFT
    entry_transition(actor=alice, entry=entry, name="submit")

    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED
    assert entry.rejection_reason == ""


def test_every_transition_is_journaled(
    alice: User, moderator: User, provider_a: Organisation
) -> None:
    """Each transition leaves a journal entry naming its author, its label and the reason."""
    entry = entry_in(Status.DRAFT, provider_a, alice)

    entry_transition(actor=alice, entry=entry, name="submit")
    entry_transition(actor=moderator, entry=entry, name="reject", reason="Trop court.")

    journal = AuditEntry.objects.filter(object_id=str(entry.pk), action="transition").order_by("id")
    assert [(e.actor_repr, e.comment) for e in journal] == [
        (alice.email, "Soumettre à la modération"),
        (moderator.email, "Refuser : Trop court."),
    ]
    assert journal[1].changes["status"]["new"] == Status.REJECTED


def test_an_unknown_transition_is_refused(alice: User, provider_a: Organisation) -> None:
    """A name that is not in the table is refused."""
    entry = entry_in(Status.DRAFT, provider_a, alice)

    with pytest.raises(ValidationError):
        entry_transition(actor=alice, entry=entry, name="teleport")
